//! An entry's identity as the commitment binds it: the salted digest of
//! name, country, university and category, the participant's own line to
//! check it with, and the admins' amendments (a misspelt name corrected after
//! judging opened), each kept with what it changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::db::Db;
use crate::images::store::sha256_hex;

/// Who an entry is credited to, as entered on the eligibility form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Full name.
    pub name: String,
    /// Country of citizenship.
    pub country: String,
    /// University (students' category), or ''.
    pub university: String,
    /// The category's name (fixed once judging opens).
    pub category: String,
}

impl Identity {
    /// SHA-256 of the JSON array `["photojury-identity-v1", name, country,
    /// university, category, salt]`: JSON so no choice of text can make two
    /// identities hash alike, salted with 256 secret bits so the digest
    /// cannot be tested against guessed names.
    pub fn digest(&self, salt: &str) -> String {
        let fields = serde_json::json!([
            "photojury-identity-v1",
            self.name,
            self.country,
            self.university,
            self.category,
            salt
        ]);
        sha256_hex(fields.to_string().as_bytes())
    }

    /// The fields that differ from `other`, as `field: "a" → "b"`.
    pub fn changes_from(&self, other: &Identity) -> Vec<String> {
        let pairs = [
            ("name", &other.name, &self.name),
            ("country", &other.country, &self.country),
            ("university", &other.university, &self.university),
            ("category", &other.category, &self.category),
        ];
        pairs
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .map(|(field, a, b)| format!("{field}: {a:?} → {b:?}"))
            .collect()
    }
}

/// What a participant keeps to check their own line of the published
/// mapping: shown on their receipt once judging has opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofLine {
    /// The entry number.
    pub number: i64,
    /// Name, country, university and category as committed.
    #[serde(flatten)]
    pub identity: Identity,
    /// The secret salt of the identity digest.
    pub identity_salt: String,
}

impl ProofLine {
    /// The line as one JSON object, for `photojury verify --line`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The identity of every portfolio of a contest as the rows hold it now.
pub(crate) async fn of_contest(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<HashMap<i64, Identity>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.full_name, p.country, p.university, c.name FROM portfolios p \
         JOIN categories c ON c.id = p.category_id WHERE p.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, country, university, category)| {
            let identity = Identity {
                name,
                country,
                university,
                category,
            };
            (id, identity)
        })
        .collect())
}

/// The identity of one portfolio of a contest as its row holds it now.
async fn of_portfolio(
    conn: &mut AnyConnection,
    contest_id: i64,
    portfolio_id: i64,
) -> Result<Option<Identity>, sqlx::Error> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT p.full_name, p.country, p.university, c.name FROM portfolios p \
         JOIN categories c ON c.id = p.category_id WHERE p.id = $1 AND p.contest_id = $2",
    )
    .bind(portfolio_id)
    .bind(contest_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(name, country, university, category)| Identity {
        name,
        country,
        university,
        category,
    }))
}

/// A participant's own proof lines in a contest (empty before judging opens).
/// Built from the rows as they are now: after an amendment the line carries
/// the corrected identity, which `verify` reports as amended.
pub async fn lines_of(
    db: &Db,
    contest_id: i64,
    portfolio_id: i64,
) -> Result<Vec<ProofLine>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    let Some(identity) = of_portfolio(&mut conn, contest_id, portfolio_id).await? else {
        return Ok(Vec::new());
    };
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.number, c.identity_salt FROM entries e \
         JOIN entry_commitments c ON c.entry_id = e.id \
         WHERE e.portfolio_id = $1 AND c.identity_salt <> '' ORDER BY e.number",
    )
    .bind(portfolio_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(number, identity_salt)| ProofLine {
            number,
            identity: identity.clone(),
            identity_salt,
        })
        .collect())
}

/// One correction of an identity, as recorded.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// The portfolio corrected.
    pub portfolio_id: i64,
    /// Before the correction.
    pub before: Identity,
    /// After it.
    pub after: Identity,
    /// Why, as the admin wrote it.
    pub reason: String,
    /// UTC unix seconds.
    pub at: i64,
}

/// Every amendment of a contest, oldest first, by portfolio.
pub async fn amendments(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<HashMap<i64, Vec<Amendment>>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT portfolio_id, before_identity, after_identity, reason, created_at \
         FROM identity_amendments WHERE contest_id = $1 ORDER BY id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_portfolio: HashMap<i64, Vec<Amendment>> = HashMap::new();
    for (portfolio_id, before, after, reason, at) in rows {
        // A row that does not parse cannot explain a difference: verify then
        // reports the identity as changed, which is the safe answer.
        let (Ok(before), Ok(after)) = (serde_json::from_str(&before), serde_json::from_str(&after))
        else {
            continue;
        };
        by_portfolio
            .entry(portfolio_id)
            .or_default()
            .push(Amendment {
                portfolio_id,
                before,
                after,
                reason,
                at,
            });
    }
    Ok(by_portfolio)
}

/// Whether `chain` leads from an identity whose digest (with `salt`) is
/// `committed` to `now`, each amendment starting where the one before ended.
pub fn explains(chain: &[Amendment], committed: &str, salt: &str, now: &Identity) -> bool {
    let Some(first) = chain.first() else {
        return false;
    };
    first.before.digest(salt) == committed
        && chain.windows(2).all(|w| w[0].after == w[1].before)
        && chain.last().is_some_and(|last| &last.after == now)
}

/// Corrects a portfolio's name, country and university (the category stays),
/// records the amendment with its reason, inside the caller's transaction
/// (which also writes the audit row). `None` if nothing would change.
pub async fn amend(
    conn: &mut AnyConnection,
    contest_id: i64,
    portfolio_id: i64,
    corrected: &Identity,
    reason: &str,
    admin_id: i64,
    now: i64,
) -> Result<Option<Amendment>, sqlx::Error> {
    let Some(before) = of_portfolio(conn, contest_id, portfolio_id).await? else {
        return Ok(None);
    };
    let after = Identity {
        category: before.category.clone(),
        ..corrected.clone()
    };
    if after == before {
        return Ok(None);
    }
    sqlx::query(
        "UPDATE portfolios SET full_name = $1, country = $2, university = $3 WHERE id = $4",
    )
    .bind(&after.name)
    .bind(&after.country)
    .bind(&after.university)
    .bind(portfolio_id)
    .execute(&mut *conn)
    .await?;
    let json = |i: &Identity| serde_json::to_string(i).unwrap_or_default();
    sqlx::query(
        "INSERT INTO identity_amendments (contest_id, portfolio_id, before_identity, \
         after_identity, reason, admin_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(contest_id)
    .bind(portfolio_id)
    .bind(json(&before))
    .bind(json(&after))
    .bind(reason)
    .bind(admin_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(Some(Amendment {
        portfolio_id,
        before,
        after,
        reason: reason.to_owned(),
        at: now,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(name: &str) -> Identity {
        Identity {
            name: name.into(),
            country: "Kazakhstan".into(),
            university: String::new(),
            category: "Photographers".into(),
        }
    }

    #[test]
    fn the_digest_changes_with_every_field_and_the_salt() {
        let salt = "00".repeat(32);
        let base = who("Aigerim Bekova");
        let d = base.digest(&salt);
        assert_eq!(d, who("Aigerim Bekova").digest(&salt));
        assert_ne!(d, base.digest(&"01".repeat(32)));
        for changed in [
            Identity {
                name: "Aigerim Bekov".into(),
                ..base.clone()
            },
            Identity {
                country: "Kyrgyzstan".into(),
                ..base.clone()
            },
            Identity {
                university: "KazNU".into(),
                ..base.clone()
            },
            Identity {
                category: "Students".into(),
                ..base.clone()
            },
        ] {
            assert_ne!(d, changed.digest(&salt), "{changed:?}");
        }
        // Text cannot slide from one field into the next.
        let a = Identity {
            name: "A\",\"B".into(),
            country: "C".into(),
            ..base.clone()
        };
        let b = Identity {
            name: "A".into(),
            country: "B\",\"C".into(),
            ..base
        };
        assert_ne!(a.digest(&salt), b.digest(&salt));
    }

    #[test]
    fn an_amendment_chain_explains_a_change_only_from_the_committed_identity() {
        let salt = "ab".repeat(32);
        let (typo, fixed, other) = (
            who("Aigerim Bekva"),
            who("Aigerim Bekova"),
            who("Someone Else"),
        );
        let committed = typo.digest(&salt);
        let step = |before: &Identity, after: &Identity| Amendment {
            portfolio_id: 1,
            before: before.clone(),
            after: after.clone(),
            reason: "misspelt".into(),
            at: 0,
        };
        assert!(explains(&[step(&typo, &fixed)], &committed, &salt, &fixed));
        assert!(!explains(&[step(&typo, &fixed)], &committed, &salt, &other));
        assert!(!explains(
            &[step(&other, &fixed)],
            &committed,
            &salt,
            &fixed
        ));
        assert!(!explains(&[], &committed, &salt, &fixed));
        let broken = [step(&typo, &fixed), step(&other, &fixed)];
        assert!(!explains(&broken, &committed, &salt, &fixed));
        assert_eq!(
            fixed.changes_from(&typo),
            vec!["name: \"Aigerim Bekva\" → \"Aigerim Bekova\""]
        );
    }
}
