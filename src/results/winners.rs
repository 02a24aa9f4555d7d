//! The public winners page (`/contests/{slug}/winners`, once announced): per
//! category the awarded entries with their photos, titles and stories, the
//! photographer's name and country only where they consented, each
//! winner's way through the judging rounds, and the exhibition selection. Only awarded or selected entries' derivatives are
//! served, never an original.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, contest_by_slug};
use crate::contests::structure::{Category, categories_of};
use crate::results::awards::Award;
use crate::results::reveal::{Revealed, authors};
use crate::results::round_snapshot;
use crate::web::{Ctx, Nav, render};
use crate::{db::Db, error::AppError, state::AppState};

/// One photo of a winning entry.
#[derive(Debug, Clone)]
pub struct WinnerPhoto {
    /// 1-based position in the entry (the image URL uses it).
    pub index: usize,
    /// Title (the redacted copy where an admin redacted).
    pub title: String,
    /// Caption (likewise).
    pub caption: String,
    large: String,
    thumb: String,
}

/// An awarded or exhibited entry, as the public sees it.
#[derive(Debug, Clone)]
pub struct Winner {
    /// Entry number.
    pub number: i64,
    /// Its category.
    pub category_id: i64,
    /// Its award, if any.
    pub award: Option<Award>,
    /// Selected for the exhibition.
    pub exhibition: bool,
    /// The portfolio's story (redacted copy where there is one).
    pub story: String,
    /// The name, or "name withheld".
    pub name: String,
    /// The country, only with consent.
    pub country: Option<String>,
    /// Its photos, in order.
    pub photos: Vec<WinnerPhoto>,
}

type WinnerRow = (i64, i64, Option<String>, i64, i64, Option<i64>, String);
type PhotoRow = (i64, i64, String, String, String, String);

/// The winners and the exhibition selection of a contest whose names are revealed.
pub async fn winners(db: &Db, key: Revealed, contest_id: i64) -> Result<Vec<Winner>, sqlx::Error> {
    let rows: Vec<WinnerRow> = sqlx::query_as(
        "SELECT e.number, e.category_id, a.award, a.exhibition, e.portfolio_id, e.photo_id, \
         COALESCE(p.story_redacted, p.story) FROM awards a JOIN entries e ON e.id = a.entry_id \
         JOIN portfolios p ON p.id = e.portfolio_id WHERE a.contest_id = $1 ORDER BY e.number",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let photos: Vec<PhotoRow> = sqlx::query_as(
        "SELECT id, portfolio_id, COALESCE(title_redacted, title), COALESCE(caption_redacted, caption), \
         large_sha256, thumb_sha256 FROM photos WHERE contest_id = $1 ORDER BY portfolio_id, position, id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let people = authors(db, key).await?;
    let mut out: Vec<Winner> = rows
        .into_iter()
        .map(
            |(number, category_id, award, exhibition, portfolio, photo, story)| {
                let author = people.get(&number);
                let photos = photos
                    .iter()
                    .filter(|p| photo.map_or(p.1 == portfolio, |id| p.0 == id))
                    .enumerate()
                    .map(|(i, p)| WinnerPhoto {
                        index: i + 1,
                        title: p.2.clone(),
                        caption: p.3.clone(),
                        large: p.4.clone(),
                        thumb: p.5.clone(),
                    })
                    .collect();
                Winner {
                    number,
                    category_id,
                    award: award.as_deref().and_then(Award::parse),
                    exhibition: exhibition == 1,
                    story,
                    name: author
                        .map_or("name withheld", |a| a.public_name())
                        .to_owned(),
                    country: author.filter(|a| a.consent_name).map(|a| a.country.clone()),
                    photos,
                }
            },
        )
        .collect();
    // Prizes first, in order, then mentions, then the exhibition-only entries.
    out.sort_by_key(|w| (w.award.is_none(), w.award, w.number));
    Ok(out)
}

async fn announced(db: &Db, slug: &str) -> Result<(Contest, Revealed), AppError> {
    let contest = contest_by_slug(db, slug)
        .await?
        .filter(|c| c.phase == Phase::Announced)
        .ok_or(AppError::NotFound)?;
    let key = Revealed::of(&contest).ok_or(AppError::NotFound)?;
    Ok((contest, key))
}

#[derive(Template)]
#[template(path = "contests/winners.html")]
struct WinnersPage {
    nav: Nav,
    contest: Contest,
    categories: Vec<Category>,
    winners: Vec<Winner>,
    /// Each winner's way through the rounds ("1: 2 of 2 yes → 2: score
    /// 8.10 → 3: place 1 (Borda 12)"), as the published round snapshots
    /// hold it; none for a contest judged in one round.
    paths: HashMap<i64, String>,
}

impl WinnersPage {
    fn awarded(&self, category: &i64) -> Vec<&Winner> {
        self.winners
            .iter()
            .filter(|w| w.category_id == *category && w.award.is_some())
            .collect()
    }
    fn exhibition(&self) -> Vec<&Winner> {
        self.winners.iter().filter(|w| w.exhibition).collect()
    }
}

/// `GET /contests/{slug}/winners`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    // Anonymous visitors all see the same page: serve it from memory.
    let cache_key = format!("winners:{slug}:{}", ctx.lang.code());
    let anonymous = ctx.user.is_none();
    if anonymous && let Some(html) = state.public_pages.get(&cache_key) {
        return Ok(axum::response::Html(html).into_response());
    }
    let (mut contest, key) = announced(&state.db, &slug).await?;
    let texts = crate::contests::content::texts(&state.db, &contest, ctx.lang).await?;
    texts.contest(&mut contest);
    let mut categories = categories_of(&state.db, contest.id).await?;
    texts.categories(&mut categories);
    let winners = winners(&state.db, key, contest.id).await?;
    let rounds = round_snapshot::closed(&mut *state.db.pool.acquire().await?, contest.id).await?;
    let numbers: HashSet<i64> = winners.iter().map(|w| w.number).collect();
    let page = WinnersPage {
        nav: ctx.nav().await?,
        categories,
        paths: round_snapshot::paths(&rounds, &numbers, ctx.lang),
        winners,
        contest,
    };
    let html = render(&page)?;
    if anonymous {
        state
            .public_pages
            .put(&cache_key, bytes::Bytes::from(html.0.clone()));
    }
    Ok(html.into_response())
}

/// `GET /contests/{slug}/winners/{number}/{index}/{large.jpg|thumb.jpg}`
pub async fn image(
    State(state): State<AppState>,
    Path((slug, number, index, file)): Path<(String, i64, usize, String)>,
) -> Result<Response, AppError> {
    let large = match file.as_str() {
        "large.jpg" => true,
        "thumb.jpg" => false,
        _ => return Err(AppError::NotFound),
    };
    let (contest, key) = announced(&state.db, &slug).await?;
    let hash = winners(&state.db, key, contest.id)
        .await?
        .into_iter()
        .find(|w| w.number == number)
        .and_then(|w| w.photos.into_iter().find(|p| p.index == index))
        .map(|p| if large { p.large } else { p.thumb })
        .ok_or(AppError::NotFound)?;
    Ok(crate::web::jpeg(
        state.files.read_derivative(hash).await?,
        "public, max-age=86400",
    ))
}
