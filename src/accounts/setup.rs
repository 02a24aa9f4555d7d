//! First-run setup: there is no default account. While no administrator
//! exists, each start prints a one-time link that creates the first one.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::accounts::queries::{self, Email, User};
use crate::db::Db;

/// How long a setup link stays valid.
const SETUP_LINK_HOURS: i64 = 24;

/// What the database keeps of a one-time token: its SHA-256, never the token.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh 256-bit one-time token, URL-safe.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// If no administrator exists, replaces any older setup token with a fresh
/// one and returns the link to print; otherwise `None`.
pub async fn issue_link_if_needed(
    db: &Db,
    public_url: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    if queries::admin_exists(db).await? {
        sqlx::query("DELETE FROM setup_tokens")
            .execute(&db.pool)
            .await?;
        return Ok(None);
    }
    let token = new_token();
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM setup_tokens")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
        .bind(token_hash(&token))
        .bind(now + SETUP_LINK_HOURS * 3600)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(format!(
        "{}/setup?token={token}",
        public_url.trim_end_matches('/')
    )))
}

/// Whether `token` is a live setup token (and no admin exists yet).
pub async fn token_is_valid(db: &Db, token: &str, now: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    Ok(count == 1 && !queries::admin_exists(db).await?)
}

/// What became of a try to create the first administrator.
#[derive(Debug)]
pub enum SetupOutcome {
    /// Made, and the link used up.
    Created(User),
    /// The link was used, expired, or never existed.
    InvalidToken,
    /// The email is taken: the form can be corrected and sent again with
    /// the same link (good for another hour).
    EmailTaken,
}

/// Uses the token (once) to create the first administrator from an already
/// hashed password.
pub async fn complete(
    db: &Db,
    token: &str,
    email: &Email,
    password_hash: &str,
    now: i64,
) -> Result<SetupOutcome, sqlx::Error> {
    // Consuming the token is the gate: of two racing requests one deletes the
    // row and the other deletes nothing.
    let consumed =
        sqlx::query("DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash(token))
            .bind(now)
            .execute(&db.pool)
            .await?;
    if consumed.rows_affected() != 1 || queries::admin_exists(db).await? {
        return Ok(SetupOutcome::InvalidToken);
    }
    if let Some(admin) = queries::insert_user(db, email, password_hash, true, now).await? {
        return Ok(SetupOutcome::Created(admin));
    }
    sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
        .bind(token_hash(token))
        .bind(now + 3600)
        .execute(&db.pool)
        .await?;
    Ok(SetupOutcome::EmailTaken)
}
