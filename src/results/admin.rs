//! The admin's results page: the finalized snapshot, per category, by entry
//! number and juror alias, raw and normalized rankings side by side.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::contests::queries::{Contest, contest_by_id};
use crate::results::compute::Crit;
use crate::results::snapshot::Snapshot;
use crate::web::{Ctx, Nav, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "admin/results.html")]
struct ResultsPage {
    nav: Nav,
    contest: Contest,
    snapshot: Option<(Snapshot, String)>,
}

impl ResultsPage {
    /// One juror's sheet as "7 / 5 / 8", in criterion order.
    fn sheet(&self, criteria: &[Crit], values: &std::collections::BTreeMap<i64, i64>) -> String {
        criteria
            .iter()
            .map(|c| values.get(&c.id).map_or("–".to_owned(), i64::to_string))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The stored snapshot of a contest and its hash, if finalized.
pub async fn stored(
    state: &AppState,
    contest_id: i64,
) -> Result<Option<(Snapshot, String)>, AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT json, sha256 FROM results_snapshots WHERE contest_id = $1")
            .bind(contest_id)
            .fetch_optional(&state.db.pool)
            .await?;
    row.map(|(json, hash)| {
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
    ctx.require_admin()?;
    let contest = contest_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = ResultsPage {
        nav: ctx.nav().await?,
        snapshot: stored(&state, id).await?,
        contest,
    };
    Ok(render(&page)?.into_response())
}
