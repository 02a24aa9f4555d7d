//! The reveal: names next to scores, only once the results are locked.
//! [`Revealed`] is the only key to [`authors`], and it can only be made from a
//! contest that is revealed or announced, so no page or export can join an
//! identity to a score before that; writing one would not compile. (The
//! identities themselves are read in `crate::identity`, which juror-facing
//! code may not import.)

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, contest_by_slug};
use crate::identity::Author;
use crate::results::verify;
use crate::{db::Db, error::AppError, state::AppState};

/// Proof that this contest's names may stand next to its scores.
#[derive(Debug, Clone, Copy)]
pub struct Revealed {
    contest_id: i64,
}

impl Revealed {
    /// `Some` only for a revealed or announced contest.
    pub fn of(contest: &Contest) -> Option<Revealed> {
        (contest.phase >= Phase::Revealed).then_some(Revealed {
            contest_id: contest.id,
        })
    }
}

/// The authors of a revealed contest's entries, by entry number: the only
/// way to them goes through a [`Revealed`] key.
pub async fn authors(db: &Db, key: Revealed) -> Result<HashMap<i64, Author>, sqlx::Error> {
    crate::identity::authors_by_number(db, key.contest_id).await
}

/// `GET /contests/{slug}/reveal.json`: the salts and the mapping, public from
/// the reveal on, so anyone can run `photojury verify --file`.
pub async fn published(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let contest = contest_by_slug(&state.db, &slug)
        .await?
        .filter(|c| Revealed::of(c).is_some())
        .ok_or(AppError::NotFound)?;
    let bundle = verify::publish(&state.db, &contest)
        .await?
        .ok_or(AppError::NotFound)?;
    let disposition = format!("attachment; filename=\"{}-reveal.json\"", contest.slug);
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(bundle)).into_response())
}
