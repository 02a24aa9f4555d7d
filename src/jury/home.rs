//! The juror's overview pages: `/jury` (their contests) and `/jury/{slug}`
//! (progress per category and the grid of their entries in pages,
//! filterable to the ones not scored yet).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::contests::model::{Phase, describe_time};
use crate::contests::queries::Contest;
use crate::contests::rounds;
use crate::contests::structure::{self, category_name};
use crate::jury::access::{Juror, juror_of, voting_round};
use crate::jury::ballots;
use crate::jury::queue::{self, Cursor, Filter, QueueItem};
use crate::submissions::numbers::EntryNumber;
use crate::web::{Ctx, Nav, render};
use crate::{error::AppError, state::AppState};

/// A contest on `/jury`.
#[derive(Debug, sqlx::FromRow)]
pub struct JuryContest {
    /// Its address.
    pub slug: String,
    /// Its name.
    pub title: String,
    /// Its phase.
    pub phase: String,
}

#[derive(Template)]
#[template(path = "jury/index.html")]
struct IndexPage {
    nav: Nav,
    contests: Vec<JuryContest>,
}

/// `GET /jury`: the contests this person judges.
pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let contests = sqlx::query_as(
        "SELECT c.slug, c.title, c.phase FROM jurors j JOIN contests c ON c.id = j.contest_id \
         WHERE j.user_id = $1 AND j.accepted_at IS NOT NULL AND j.removed_at IS NULL \
         ORDER BY c.closes_at DESC",
    )
    .bind(user.id)
    .fetch_all(&state.db.pool)
    .await?;
    let page = render(&IndexPage {
        nav: ctx.nav().await?,
        contests,
    })?;
    Ok(ctx.private_page(page.into_response()))
}

/// A category's line on the juror home.
pub struct Progress {
    /// The category.
    pub name: String,
    /// Entries scored.
    pub scored: i64,
    /// Entries in the juror's queue.
    pub assigned: i64,
}

/// The open shortlisting round on the juror home.
pub struct RoundBox {
    /// 1, 2, …
    pub position: i64,
    /// What is voted.
    pub kind: String,
    /// Votes cast and ballots of this juror.
    pub voted: i64,
    /// See `voted`.
    pub assigned: i64,
    /// The soft deadline, in the contest's time zone ('' if none).
    pub deadline: String,
    /// A ranking round (ordered as a whole), not one vote per entry.
    pub ranking: bool,
}

#[derive(Template)]
#[template(path = "jury/home.html")]
struct HomePage {
    nav: Nav,
    /// Set while a shortlisting round is open: its box replaces the grid.
    round: Option<RoundBox>,
    contest: Contest,
    progress: Vec<Progress>,
    items: Vec<(QueueItem, String)>,
    todo_only: bool,
    first_todo: Option<EntryNumber>,
    judging: bool,
    /// Links to the pages before and after this one (with the filter).
    earlier: Option<String>,
    later: Option<String>,
    /// Whether this is the queue's first page.
    at_start: bool,
    /// Entries a page holds.
    page_size: usize,
}

/// Query of the juror home: the filter and where the page starts.
#[derive(Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    filter: String,
    #[serde(default)]
    after: String,
    #[serde(default)]
    before: String,
}

impl HomeQuery {
    fn cursor(&self) -> Cursor {
        if let Some(n) = EntryNumber::parse(&self.after) {
            Cursor::After(n)
        } else if let Some(n) = EntryNumber::parse(&self.before) {
            Cursor::Before(n)
        } else {
            Cursor::Start
        }
    }
}

/// `GET /jury/{slug}`: progress per category and a page of the grid (at
/// most [`queue::PAGE`] entries), all or only those not scored yet.
pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<HomeQuery>,
) -> Result<Response, AppError> {
    let juror = juror_of(&state, &ctx, &slug).await?;
    let (db, contest_id, juror_id) = (&state.db, juror.contest.id, juror.juror_id);
    let round = open_round(&state, &juror, ctx.lang).await?;
    let texts = crate::contests::content::texts(db, &juror.contest, ctx.lang).await?;
    let criteria = structure::criteria_of(db, contest_id).await?;
    let mut categories = structure::categories_of(db, contest_id).await?;
    texts.categories(&mut categories);
    let todo_only = q.filter == "todo";
    let filter = if todo_only { Filter::Todo } else { Filter::All };
    let cursor = q.cursor();
    let page = queue::page(
        db,
        contest_id,
        juror_id,
        &criteria,
        filter,
        cursor,
        queue::PAGE,
    )
    .await?;
    let progress = queue::progress(db, juror_id)
        .await?
        .into_iter()
        .map(|c| Progress {
            name: category_name(&categories, c.category_id),
            scored: c.scored,
            assigned: c.assigned,
        })
        .collect();
    let base = format!(
        "/jury/{slug}?{}",
        if todo_only { "filter=todo&" } else { "" }
    );
    let page_view = HomePage {
        nav: ctx.nav().await?,
        round,
        progress,
        first_todo: queue::next_todo(db, juror_id, None).await?,
        judging: juror.contest.phase == Phase::Judging,
        items: page
            .items
            .into_iter()
            .map(|item| {
                let category = category_name(&categories, item.category_id);
                (item, category)
            })
            .collect(),
        earlier: page.earlier.map(|n| format!("{base}before={n}")),
        later: page.later.map(|n| format!("{base}after={n}")),
        at_start: cursor == Cursor::Start || page.earlier.is_none(),
        page_size: queue::PAGE,
        contest: {
            let mut contest = juror.contest;
            texts.contest(&mut contest);
            contest
        },
        todo_only,
    };
    Ok(ctx.private_page(render(&page_view)?.into_response()))
}

/// The box of the open shortlisting or ranking round, if judging is in one.
async fn open_round(
    state: &AppState,
    juror: &Juror,
    lang: crate::i18n::Lang,
) -> Result<Option<RoundBox>, AppError> {
    let Some(round) = voting_round(state, juror).await? else {
        return Ok(None);
    };
    let (voted, assigned) = ballots::progress(&state.db, round.id, juror.juror_id).await?;
    Ok(Some(RoundBox {
        position: round.position,
        kind: lang.text(round.kind.key()),
        ranking: round.kind == rounds::Kind::Ranking,
        voted,
        assigned,
        deadline: round
            .deadline_at
            .map(|at| describe_time(at, juror.contest.tz, lang))
            .unwrap_or_default(),
    }))
}
