//! The juror's overview pages: `/jury` (their contests) and `/jury/{slug}`
//! (progress per category and the grid of their entries, filterable to the
//! ones not scored yet).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::contests::structure::{self, Category, category_name};
use crate::jury::access::juror_of;
use crate::jury::view::{self, QueueItem};
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
    pub scored: usize,
    /// Entries in the juror's queue.
    pub assigned: usize,
}

#[derive(Template)]
#[template(path = "jury/home.html")]
struct HomePage {
    nav: Nav,
    contest: Contest,
    progress: Vec<Progress>,
    items: Vec<(QueueItem, String)>,
    todo_only: bool,
    first_todo: Option<EntryNumber>,
    judging: bool,
}

/// Query of the juror home.
#[derive(Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    filter: String,
}

fn progress(categories: &[Category], queue: &[QueueItem]) -> Vec<Progress> {
    categories
        .iter()
        .map(|c| {
            let mine = queue.iter().filter(|q| q.category_id == c.id);
            Progress {
                name: c.name.clone(),
                scored: mine.clone().filter(|q| q.scored).count(),
                assigned: mine.count(),
            }
        })
        .filter(|p| p.assigned > 0)
        .collect()
}

/// `GET /jury/{slug}`: progress per category and the grid of entries.
pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<HomeQuery>,
) -> Result<Response, AppError> {
    let juror = juror_of(&state, &ctx, &slug).await?;
    let criteria = structure::criteria_of(&state.db, juror.contest.id).await?;
    let categories = structure::categories_of(&state.db, juror.contest.id).await?;
    let queue = view::queue(&state.db, juror.juror_id, &criteria).await?;
    let todo_only = q.filter == "todo";
    let items = queue
        .iter()
        .filter(|item| !todo_only || !item.scored)
        .map(|item| (item.clone(), category_name(&categories, item.category_id)))
        .collect();
    let page = HomePage {
        nav: ctx.nav().await?,
        progress: progress(&categories, &queue),
        first_todo: queue.iter().find(|q| !q.scored).map(|q| q.number),
        judging: juror.contest.phase == Phase::Judging,
        contest: juror.contest,
        items,
        todo_only,
    };
    Ok(ctx.private_page(render(&page)?.into_response()))
}
