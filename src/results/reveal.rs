//! The reveal: names next to scores, only once the results are locked.
//! [`Revealed`] is the only key to [`authors`], and it can only be made from a
//! contest that is revealed or announced, so no page or export can join an
//! identity to a score before that; writing one would not compile.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, contest_by_slug};
use crate::results::verify;
use crate::{AppError, AppState, Db};

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

/// Who made an entry, for admins after the reveal.
#[derive(Debug, Clone)]
pub struct Author {
    /// Their account id (the one in the published mapping).
    pub participant_id: i64,
    /// Full name from the eligibility form.
    pub name: String,
    /// Country of citizenship.
    pub country: String,
    /// University (students' category), or ''.
    pub university: String,
    /// Their login.
    pub email: String,
    /// Whether they agreed to have their name shown if they win.
    pub consent_name: bool,
}

impl Author {
    /// The name as the public may see it.
    pub fn public_name(&self) -> &str {
        if self.consent_name {
            &self.name
        } else {
            "name withheld"
        }
    }
}

/// The authors of a revealed contest's entries, by entry number.
pub async fn authors(db: &Db, key: Revealed) -> Result<HashMap<i64, Author>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT e.number, p.user_id, p.full_name, p.country, p.university, u.email, p.consent_name \
         FROM entries e JOIN portfolios p ON p.id = e.portfolio_id JOIN users u ON u.id = p.user_id \
         WHERE e.contest_id = $1",
    )
    .bind(key.contest_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, participant_id, name, country, university, email, consent)| {
                let author = Author {
                    participant_id,
                    name,
                    country,
                    university,
                    email,
                    consent_name: consent == 1,
                };
                (number, author)
            },
        )
        .collect())
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
