//! Verifiable blindness. When judging opens, each entry gets a commitment
//! H(number ‖ participant id ‖ originals' SHA-256 ‖ 256-bit salt) and the
//! contest publishes the SHA-256 over the sorted commitments. Nobody can link
//! a number to a person from the root, yet after the reveal (salts and
//! mapping published) anyone can check that the mapping was fixed before the
//! jury saw a single entry.

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::db::Db;
use crate::images::store::sha256_hex;

/// Who made one entry and from which files, as committed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapped {
    /// The entry number jurors saw.
    pub number: i64,
    /// The participant's account id (shown on their receipt).
    pub participant_id: i64,
    /// SHA-256 of each stored original, in portfolio order.
    pub originals: Vec<String>,
}

/// One entry's commitment. Fields are joined with newlines after a version
/// tag; none of them can contain a newline (numbers and hex).
pub fn entry_commitment(entry: &Mapped, salt: &str) -> String {
    let text = format!(
        "photojury-commitment-v1\n{}\n{}\n{}\n{}",
        entry.number,
        entry.participant_id,
        entry.originals.join(","),
        salt
    );
    sha256_hex(text.as_bytes())
}

/// The root: SHA-256 over the commitments, sorted, one per line.
pub fn root(commitments: &[String]) -> String {
    let mut sorted = commitments.to_vec();
    sorted.sort();
    sha256_hex(sorted.join("\n").as_bytes())
}

/// The mapping as the database holds it now: (entry id, mapped), by number.
pub async fn mapping(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<(i64, Mapped)>, sqlx::Error> {
    let entries: Vec<(i64, i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT e.id, e.number, p.user_id, p.id, e.photo_id FROM entries e \
         JOIN portfolios p ON p.id = e.portfolio_id WHERE e.contest_id = $1 ORDER BY e.number",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let photos: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, portfolio_id, original_sha256 FROM photos WHERE contest_id = $1 \
         ORDER BY portfolio_id, position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(entries
        .into_iter()
        .map(|(id, number, participant_id, portfolio, photo)| {
            let originals = photos
                .iter()
                .filter(|p| match photo {
                    Some(photo) => p.0 == photo,
                    None => p.1 == portfolio,
                })
                .map(|p| p.2.clone())
                .collect();
            let mapped = Mapped {
                number,
                participant_id,
                originals,
            };
            (id, mapped)
        })
        .collect())
}

/// Commits to the frozen entries (inside the transaction that opens
/// judging) and stores the root. Returns the root.
pub async fn commit(
    conn: &mut AnyConnection,
    contest_id: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    let mut commitments = Vec::new();
    for (entry_id, mapped) in mapping(conn, contest_id).await? {
        let mut salt = [0u8; 32];
        rand::rng().fill_bytes(&mut salt);
        let salt = hex::encode(salt);
        let commitment = entry_commitment(&mapped, &salt);
        sqlx::query(
            "INSERT INTO entry_commitments (entry_id, contest_id, salt, commitment) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(entry_id)
        .bind(contest_id)
        .bind(&salt)
        .bind(&commitment)
        .execute(&mut *conn)
        .await?;
        commitments.push(commitment);
    }
    let root = root(&commitments);
    sqlx::query(
        "INSERT INTO contest_commitments (contest_id, sha256, created_at) VALUES ($1, $2, $3)",
    )
    .bind(contest_id)
    .bind(&root)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(root)
}

/// The published root, once judging has opened.
pub async fn root_of(db: &Db, contest_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT sha256 FROM contest_commitments WHERE contest_id = $1")
        .bind(contest_id)
        .fetch_optional(&db.pool)
        .await
}

/// The stored per-entry salt and commitment, by entry id.
pub async fn stored(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT entry_id, salt, commitment FROM entry_commitments WHERE contest_id = $1 ORDER BY entry_id",
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
        }
    }

    #[test]
    fn a_commitment_changes_with_every_field() {
        let salt = "00".repeat(32);
        let base = entry_commitment(&entry(4821, 7), &salt);
        assert_eq!(base, entry_commitment(&entry(4821, 7), &salt));
        assert_ne!(base, entry_commitment(&entry(4822, 7), &salt));
        assert_ne!(base, entry_commitment(&entry(4821, 8), &salt));
        assert_ne!(base, entry_commitment(&entry(4821, 7), &"01".repeat(32)));
        let mut other = entry(4821, 7);
        other.originals = vec!["cd".repeat(32)];
        assert_ne!(base, entry_commitment(&other, &salt));
    }

    #[test]
    fn the_root_does_not_depend_on_order() {
        let a = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        let b = vec!["c".to_owned(), "b".to_owned(), "a".to_owned()];
        assert_eq!(root(&a), root(&b));
        assert_eq!(root(&a), sha256_hex(b"a\nb\nc"));
    }
}
