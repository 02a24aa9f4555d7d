//! The admin's results and awards pages: the finalized snapshot, per
//! category, by entry number and juror alias, raw and normalized rankings
//! side by side; names join them only once the contest is revealed.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::contests::admin::admin_contest;
use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::identity::Author;
use crate::results::awards::{self, Award, AwardsForm, Decision};
use crate::results::compute::Crit;
use crate::results::reveal::{Revealed, authors};
use crate::results::round_snapshot;
use crate::results::snapshot::{Snapshot, stored_json};
use crate::web::{Ctx, Nav, render, render_form};
use crate::{error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "admin/results.html")]
struct ResultsPage {
    nav: Nav,
    contest: Contest,
    snapshot: Option<(Snapshot, String)>,
    commitment: Option<String>,
    /// Empty until the reveal.
    authors: HashMap<i64, Author>,
    decisions: HashMap<i64, Decision>,
    /// Each entry's first photo, for its thumbnail.
    covers: HashMap<i64, i64>,
    /// Each ranked entry's way through the shortlisting rounds (none
    /// without rounds).
    paths: HashMap<i64, String>,
}

impl ResultsPage {
    /// One juror's sheet as "7 / 5 / 8", in criterion order.
    fn sheet(&self, criteria: &[Crit], values: &BTreeMap<i64, i64>) -> String {
        criteria
            .iter()
            .map(|c| values.get(&c.id).map_or("–".to_owned(), i64::to_string))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The award's name in the page's language ('' for none).
    fn award(&self, number: &i64) -> String {
        self.decisions
            .get(number)
            .and_then(|d| d.award)
            .map_or(String::new(), |a| self.nav.t(a.key()))
    }
}

/// Each entry number's photo (a portfolio's first), for thumbnails beside
/// results and awards (the admin's own photo route serves them).
pub(crate) async fn covers(
    db: &crate::db::Db,
    contest_id: i64,
) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT e.number, COALESCE(e.photo_id, (SELECT p.id FROM photos p \
           WHERE p.portfolio_id = e.portfolio_id ORDER BY p.position LIMIT 1)) \
         FROM entries e WHERE e.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(number, photo)| Some((number, photo?)))
        .collect())
}

/// The stored snapshot of a contest and its hash, if finalized.
pub async fn stored(
    state: &AppState,
    contest_id: i64,
) -> Result<Option<(Snapshot, String)>, AppError> {
    stored_json(&state.db, contest_id)
        .await?
        .map(|(json, hash)| {
            serde_json::from_str(&json)
                .map(|s| (s, hash))
                .map_err(|e| AppError::Internal(e.into()))
        })
        .transpose()
}

/// `GET /admin/contests/{id}/results`
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    let authors = match Revealed::of(&contest) {
        Some(key) => authors(&state.db, key).await?,
        None => HashMap::new(),
    };
    let snapshot = stored(&state, id).await?;
    let ranked: std::collections::HashSet<i64> = snapshot
        .iter()
        .flat_map(|(s, _)| {
            s.categories
                .iter()
                .flat_map(|c| c.entries.iter().map(|e| e.number))
        })
        .collect();
    let rounds = round_snapshot::closed(&mut *state.db.pool.acquire().await?, id).await?;
    let page = ResultsPage {
        nav: ctx.nav().await?,
        paths: round_snapshot::paths(&rounds, &ranked, ctx.lang),
        snapshot,
        commitment: crate::results::commitment::root_of(&state.db, id).await?,
        decisions: awards::saved(&state.db, id).await?,
        covers: covers(&state.db, id).await?,
        authors,
        contest,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "admin/awards.html")]
struct AwardsPage {
    nav: Nav,
    contest: Contest,
    snapshot: Snapshot,
    authors: HashMap<i64, Author>,
    decisions: HashMap<i64, Decision>,
    suggested: HashMap<i64, Decision>,
    /// Each entry's first photo, for its thumbnail.
    covers: HashMap<i64, i64>,
    saved: bool,
    reason: String,
    /// The suggestion follows the normalized ranking.
    normalized: bool,
    errors: Vec<String>,
}

impl AwardsPage {
    fn chosen(&self, number: &i64, award: &Award) -> bool {
        self.decisions.get(number).and_then(|d| d.award) == Some(*award)
    }
    fn exhibited(&self, number: &i64) -> bool {
        self.decisions.get(number).is_some_and(|d| d.exhibition)
    }
    fn suggestion(&self, number: &i64) -> String {
        self.suggested
            .get(number)
            .and_then(|d| d.award)
            .map_or(String::new(), |a| self.nav.t(a.key()))
    }
    fn editable(&self) -> bool {
        matches!(self.contest.phase, Phase::Finalized | Phase::Revealed)
    }
}

async fn awards_page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    (form, basis_normalized): (Option<AwardsForm>, bool),
    errors: Vec<crate::i18n::Msg>,
) -> Result<Response, AppError> {
    let (snapshot, _) = stored(state, contest.id)
        .await?
        .ok_or_else(|| AppError::Conflict(crate::i18n::Msg::new("admin-awards-after-finalize")))?;
    let normalized = form.as_ref().map_or(basis_normalized, |f| f.normalized);
    let author_of = awards::authors_of(&state.db, &contest).await?;
    let suggested = awards::suggested(&snapshot, &author_of, normalized);
    let saved = awards::saved(&state.db, contest.id).await?;
    let authors = match Revealed::of(&contest) {
        Some(key) => authors(&state.db, key).await?,
        None => HashMap::new(),
    };
    let was_saved = !saved.is_empty();
    let (decisions, reason) = match form {
        Some(f) => (f.chosen, f.reason),
        None if was_saved => (saved, String::new()),
        None => (suggested.clone(), String::new()),
    };
    let has_errors = !errors.is_empty();
    let page = AwardsPage {
        nav: ctx.nav().await?,
        covers: covers(&state.db, contest.id).await?,
        contest,
        snapshot,
        authors,
        decisions,
        suggested,
        saved: was_saved,
        reason,
        normalized,
        errors: ctx.words(&errors),
    };
    render_form(&page, has_errors)
}

/// Which ranking the suggestion follows: `?basis=normalized` or the raw one.
#[derive(serde::Deserialize)]
pub struct BasisQuery {
    #[serde(default)]
    basis: String,
}

/// `GET /admin/contests/{id}/awards`
pub async fn awards_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<BasisQuery>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    let normalized = q.basis == "normalized";
    awards_page(&state, &ctx, contest, (None, normalized), Vec::new()).await
}

/// `POST /admin/contests/{id}/awards`
pub async fn save_awards(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let Some((snapshot, _)) = stored(&state, id).await? else {
        return awards_page(&state, &ctx, contest, (None, false), Vec::new()).await;
    };
    let form = match awards::parse_form(&snapshot, &fields) {
        Ok(form) => form,
        Err(message) => {
            return awards_page(&state, &ctx, contest, (None, false), vec![message]).await;
        }
    };
    let now = state.now().timestamp();
    match awards::save(&state.db, now, &admin, &contest, &snapshot, &form).await? {
        Ok(()) => {
            ctx.flash_msg(&crate::i18n::Msg::new("awards-saved"))
                .await?;
            Ok(Redirect::to(&format!("/admin/contests/{id}/awards")).into_response())
        }
        Err(refusal) => {
            let errors = vec![refusal.msg()];
            awards_page(&state, &ctx, contest, (Some(form), false), errors).await
        }
    }
}
