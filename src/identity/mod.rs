//! Who made an entry: the identity fields (full name, country, university,
//! account and email) of participants, and the only queries that read them
//! for others than their owner.
//!
//! Blindness by construction: juror-facing code (everything under `jury/`)
//! may not import this module, nor the portfolio rows that carry an
//! [`Entrant`]; `tests/api/architecture.rs` reads the source and fails if a
//! file under `jury/` does, or if its SQL names an identity column. Admin
//! pages (screening), the participant's own pages, the reveal and the
//! exports take identities from here.

use std::collections::HashMap;

use crate::db::Db;

pub mod proof;

/// What a participant told us about themselves on the eligibility form,
/// with their account: part of every portfolio row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entrant {
    /// The participant's account.
    pub user_id: i64,
    /// As on the eligibility form.
    pub full_name: String,
    /// Country of citizenship, from the contest's list.
    pub country: String,
    /// For the student category.
    pub university: String,
    /// 1 if the name may be shown when the entry wins.
    pub consent_name: i64,
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

/// The authors of a contest's entries, by entry number. Only for
/// `results::reveal::authors`, which asks for proof that the contest is revealed.
pub(crate) async fn authors_by_number(
    db: &Db,
    contest_id: i64,
) -> Result<HashMap<i64, Author>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT e.number, p.user_id, p.full_name, p.country, p.university, u.email, p.consent_name \
         FROM entries e JOIN portfolios p ON p.id = e.portfolio_id JOIN users u ON u.id = p.user_id \
         WHERE e.contest_id = $1",
    )
    .bind(contest_id)
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
