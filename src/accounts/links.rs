//! One-time links sent by email: confirming an address, and choosing a new
//! password. Only the SHA-256 of a token is stored; a link works once, for
//! a limited time, and a newer link of the same kind replaces the older one.

use sqlx::AnyConnection;

use crate::accounts::setup::{new_token, token_hash};
use crate::db::Db;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Proves the address; may carry the password chosen at registration.
    Confirm,
    /// Lets the owner of the address choose a new password.
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::Reset => "reset",
        }
    }

    /// How long a link of this kind works.
    pub fn lifetime_seconds(self) -> i64 {
        match self {
            Purpose::Confirm => 48 * 3600,
            Purpose::Reset => 3600,
        }
    }
}

/// A live link, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Link {
    /// Whose address it proves.
    pub user_id: i64,
    /// For a confirmation made by registering again over an unconfirmed
    /// account: the password then chosen, set when the link is used.
    pub password_hash: Option<String>,
    /// Where to go once it is used (a path checked by `safe_next`), or "".
    pub next_path: String,
}

/// Issues a new link of `purpose` for `user_id` (replacing older ones of the
/// same kind) and returns its token, to be put in the email only.
pub async fn issue(
    db: &Db,
    user_id: i64,
    purpose: Purpose,
    password_hash: Option<String>,
    next_path: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM email_links WHERE user_id = $1 AND purpose = $2")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO email_links (token_hash, user_id, purpose, password_hash, next_path, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(password_hash)
    .bind(next_path)
    .bind(now)
    .bind(now + purpose.lifetime_seconds())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The live link behind `token`, without using it (for the page that asks
/// the person to press the button: mail scanners follow links).
pub async fn peek(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: i64,
) -> Result<Option<Link>, sqlx::Error> {
    sqlx::query_as(
        "SELECT user_id, password_hash, next_path FROM email_links \
         WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// Uses the link up inside the caller's transaction: it is deleted, and
/// returned if it was live. Two requests with one token: one gets it.
pub async fn redeem(
    conn: &mut AnyConnection,
    token: &str,
    purpose: Purpose,
    now: i64,
) -> Result<Option<Link>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM email_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 \
         RETURNING user_id, password_hash, next_path",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Marks the account's address as confirmed (once; a later use changes nothing).
pub async fn confirm_address(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets an already hashed password and ends every session of the account.
pub async fn set_password_hash(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, session_version = session_version + 1 WHERE id = $2",
    )
    .bind(password_hash)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}
