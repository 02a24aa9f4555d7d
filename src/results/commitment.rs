//! Verifiable blindness. When judging opens, each entry gets a commitment:
//! the SHA-256 of its number, participant id, the SHA-256 of its originals
//! and of the derivatives jurors are shown, the salted digest of its author's
//! identity (name, country, university, category) and a 256-bit salt. The
//! contest publishes the SHA-256 over the sorted commitments. Nobody can link
//! a number to a person from the root, yet after the reveal (salts and
//! mapping published) anyone can check that the mapping, the images and the
//! credited names were fixed before the jury saw a single entry.

use std::collections::HashMap;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::db::Db;
use crate::identity::proof::{self, Identity};
use crate::images::store::sha256_hex;

/// The commitment format new contests use.
pub const VERSION: i64 = 2;

/// One entry as committed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapped {
    /// The entry number jurors saw.
    pub number: i64,
    /// The participant's account id (shown on their receipt).
    pub participant_id: i64,
    /// SHA-256 of each stored original, in portfolio order.
    pub originals: Vec<String>,
    /// SHA-256 of each photo's `large` and `thumb` derivative, in the same
    /// order (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derivatives: Vec<[String; 2]>,
    /// The salted digest of the author's identity (version 2; see
    /// [`Identity::digest`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub identity: String,
}

/// One entry's commitment. Fields are joined with newlines after a version
/// tag; none of them can contain a newline (numbers and hex).
pub fn entry_commitment(entry: &Mapped, salt: &str, version: i64) -> String {
    let text = if version < 2 {
        format!(
            "photojury-commitment-v1\n{}\n{}\n{}\n{}",
            entry.number,
            entry.participant_id,
            entry.originals.join(","),
            salt
        )
    } else {
        let derivatives: Vec<String> = entry.derivatives.iter().map(|d| d.join(":")).collect();
        format!(
            "photojury-commitment-v2\n{}\n{}\n{}\n{}\n{}\n{}",
            entry.number,
            entry.participant_id,
            entry.originals.join(","),
            derivatives.join(","),
            entry.identity,
            salt
        )
    };
    sha256_hex(text.as_bytes())
}

/// The root: SHA-256 over the commitments, sorted, one per line.
pub fn root(commitments: &[String]) -> String {
    let mut sorted = commitments.to_vec();
    sorted.sort();
    sha256_hex(sorted.join("\n").as_bytes())
}

/// One entry as the database holds it now.
#[derive(Debug, Clone)]
pub struct Live {
    /// The entry's row id.
    pub entry_id: i64,
    /// Its portfolio (for amendments).
    pub portfolio_id: i64,
    /// Number, participant, originals and derivatives; `identity` empty.
    pub mapped: Mapped,
    /// The author's identity as the rows hold it now.
    pub identity: Identity,
    /// When the author withdrew (deleted their account after judging
    /// opened): the identity holds "withdrawn", not what was committed.
    pub withdrawn_at: Option<i64>,
    /// For each photo (as in `mapped`): whether its original, and whether
    /// its derivatives, were deleted on purpose (retention, withdrawal).
    pub deleted: Vec<[bool; 2]>,
}

/// The mapping as the database holds it now, by number.
pub async fn mapping(conn: &mut AnyConnection, contest_id: i64) -> Result<Vec<Live>, sqlx::Error> {
    // Entry id, number, participant, portfolio, photo (photo mode), withdrawn.
    type EntryRow = (i64, i64, i64, i64, Option<i64>, Option<i64>);
    let entries: Vec<EntryRow> = sqlx::query_as(
        "SELECT e.id, e.number, p.user_id, p.id, e.photo_id, p.withdrawn_at FROM entries e \
         JOIN portfolios p ON p.id = e.portfolio_id WHERE e.contest_id = $1 ORDER BY e.number",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    type PhotoRow = (i64, i64, String, String, String, Option<i64>, Option<i64>);
    let photos: Vec<PhotoRow> = sqlx::query_as(
        "SELECT id, portfolio_id, original_sha256, large_sha256, thumb_sha256, \
         original_deleted_at, derivatives_deleted_at FROM photos \
         WHERE contest_id = $1 ORDER BY portfolio_id, position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_portfolio: HashMap<i64, Vec<&PhotoRow>> = HashMap::new();
    for photo in &photos {
        by_portfolio.entry(photo.1).or_default().push(photo);
    }
    let identities = proof::of_contest(conn, contest_id).await?;
    Ok(entries
        .into_iter()
        .filter_map(
            |(entry_id, number, participant_id, portfolio_id, photo, withdrawn_at)| {
                let shown: Vec<&&PhotoRow> = by_portfolio
                    .get(&portfolio_id)
                    .map(|all| {
                        all.iter()
                            .filter(|p| photo.is_none_or(|id| p.0 == id))
                            .collect()
                    })
                    .unwrap_or_default();
                let mapped = Mapped {
                    number,
                    participant_id,
                    originals: shown.iter().map(|p| p.2.clone()).collect(),
                    derivatives: shown.iter().map(|p| [p.3.clone(), p.4.clone()]).collect(),
                    identity: String::new(),
                };
                let deleted = shown
                    .iter()
                    .map(|p| [p.5.is_some(), p.6.is_some()])
                    .collect();
                Some(Live {
                    entry_id,
                    portfolio_id,
                    mapped,
                    identity: identities.get(&portfolio_id)?.clone(),
                    withdrawn_at,
                    deleted,
                })
            },
        )
        .collect())
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Commits to the frozen entries (inside the transaction that opens
/// judging) and stores the root. Returns the root.
pub async fn commit(
    conn: &mut AnyConnection,
    contest_id: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    let mut commitments = Vec::new();
    for live in mapping(conn, contest_id).await? {
        let (salt, identity_salt) = (random_hex(), random_hex());
        let mapped = Mapped {
            identity: live.identity.digest(&identity_salt),
            ..live.mapped
        };
        let commitment = entry_commitment(&mapped, &salt, VERSION);
        sqlx::query(
            "INSERT INTO entry_commitments (entry_id, contest_id, salt, commitment, identity_salt, committed) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(live.entry_id)
        .bind(contest_id)
        .bind(&salt)
        .bind(&commitment)
        .bind(&identity_salt)
        .bind(serde_json::to_string(&mapped).unwrap_or_default())
        .execute(&mut *conn)
        .await?;
        commitments.push(commitment);
    }
    let root = root(&commitments);
    sqlx::query(
        "INSERT INTO contest_commitments (contest_id, sha256, created_at, version) VALUES ($1, $2, $3, $4)",
    )
    .bind(contest_id)
    .bind(&root)
    .bind(now)
    .bind(VERSION)
    .execute(&mut *conn)
    .await?;
    Ok(root)
}

/// The published root, once judging has opened.
pub async fn root_of(db: &Db, contest_id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(published(db, contest_id).await?.map(|(root, _)| root))
}

/// The published root and the commitment format, once judging has opened.
pub async fn published(db: &Db, contest_id: i64) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT sha256, version FROM contest_commitments WHERE contest_id = $1")
        .bind(contest_id)
        .fetch_optional(&db.pool)
        .await
}

/// One entry's stored commitment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Stored {
    /// The entry's row id.
    pub entry_id: i64,
    /// Published at the reveal.
    pub salt: String,
    /// The entry's commitment.
    pub commitment: String,
    /// The identity digest's salt (version 2), never published.
    pub identity_salt: String,
    /// [`Mapped`] as committed, JSON (version 2).
    pub committed: String,
}

/// The stored commitments of a contest, by entry id.
pub async fn stored(conn: &mut AnyConnection, contest_id: i64) -> Result<Vec<Stored>, sqlx::Error> {
    sqlx::query_as(
        "SELECT entry_id, salt, commitment, identity_salt, committed FROM entry_commitments \
         WHERE contest_id = $1 ORDER BY entry_id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(number: i64, participant_id: i64) -> Mapped {
        Mapped {
            number,
            participant_id,
            originals: vec!["ab".repeat(32)],
            derivatives: vec![["cd".repeat(32), "ef".repeat(32)]],
            identity: "12".repeat(32),
        }
    }

    #[test]
    fn a_commitment_changes_with_every_field() {
        let salt = "00".repeat(32);
        let base = entry_commitment(&entry(4821, 7), &salt, VERSION);
        assert_eq!(base, entry_commitment(&entry(4821, 7), &salt, VERSION));
        assert_ne!(base, entry_commitment(&entry(4822, 7), &salt, VERSION));
        assert_ne!(base, entry_commitment(&entry(4821, 8), &salt, VERSION));
        assert_ne!(
            base,
            entry_commitment(&entry(4821, 7), &"01".repeat(32), VERSION)
        );
        let changes: [fn(&mut Mapped); 4] = [
            |m| m.originals = vec!["99".repeat(32)],
            |m| m.derivatives[0][0] = "99".repeat(32),
            |m| m.derivatives[0][1] = "99".repeat(32),
            |m| m.identity = "99".repeat(32),
        ];
        for change in changes {
            let mut other = entry(4821, 7);
            change(&mut other);
            assert_ne!(base, entry_commitment(&other, &salt, VERSION), "{other:?}");
        }
    }

    #[test]
    fn a_version_1_commitment_still_checks_the_way_it_was_made() {
        let salt = "00".repeat(32);
        let text = format!(
            "photojury-commitment-v1\n4821\n7\n{}\n{salt}",
            "ab".repeat(32)
        );
        assert_eq!(
            entry_commitment(&entry(4821, 7), &salt, 1),
            sha256_hex(text.as_bytes())
        );
    }

    #[test]
    fn the_root_does_not_depend_on_order() {
        let a = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        let b = vec!["c".to_owned(), "b".to_owned(), "a".to_owned()];
        assert_eq!(root(&a), root(&b));
        assert_eq!(root(&a), sha256_hex(b"a\nb\nc"));
    }
}
