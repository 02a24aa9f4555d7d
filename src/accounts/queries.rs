//! Account rows: reading, creating and changing them.

use crate::AppError;
use crate::Db;
use crate::accounts::password::{self, NewPassword};

/// A signed-in person, as the rest of the application sees them.
#[derive(Debug, Clone)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Lower-cased email, the login name.
    pub email: String,
    /// Whether this person administers contests.
    pub is_admin: bool,
    /// Sessions remember this; a password change bumps it.
    pub session_version: i64,
    /// Whether the person proved they receive mail at `email` (a link).
    pub email_confirmed: bool,
}

/// The row as stored (flags are 0/1 integers on both databases).
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    is_admin: i64,
    session_version: i64,
    email_confirmed_at: Option<i64>,
}

/// The columns of [`UserRow`], for every query that reads one.
const USER_COLUMNS: &str = "id, email, is_admin, session_version, email_confirmed_at";

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            is_admin: row.is_admin == 1,
            session_version: row.session_version,
            email_confirmed: row.email_confirmed_at.is_some(),
        }
    }
}

/// An email address, trimmed and lower-cased, of a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` of at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim().to_lowercase();
        let plausible = email.len() <= 254
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            })
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Self(email))
        } else {
            Err("Enter an email address like name@example.org.")
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account with this id.
pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(User::from))
}

/// The account with this email and its password hash.
pub async fn user_by_email(db: &Db, email: &Email) -> Result<Option<(User, String)>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
    let row = sqlx::query_as::<_, UserWithHash>(sqlx::AssertSqlSafe(sql))
        .bind(email.as_str())
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| (User::from(r.user), r.password_hash)))
}

#[derive(sqlx::FromRow)]
struct UserWithHash {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// The email is taken.
    #[error("An account with this email already exists. Sign in instead.")]
    EmailTaken,
    /// Anything else.
    #[error(transparent)]
    Other(#[from] AppError),
}

/// Creates an account; `is_admin` makes a contest administrator (whose
/// address counts as confirmed: admins are made by admins or the console).
pub async fn create_user(
    db: &Db,
    email: &Email,
    password: NewPassword,
    is_admin: bool,
    now: i64,
) -> Result<User, CreateUserError> {
    let hash = password::hash(password).await?;
    match create_user_with_hash(db, email, &hash, is_admin, now).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(CreateUserError::EmailTaken),
        Err(err) => Err(CreateUserError::Other(err)),
    }
}

/// Creates an account from an already hashed password; `None` when the
/// email is taken.
pub async fn create_user_with_hash(
    db: &Db,
    email: &Email,
    password_hash: &str,
    is_admin: bool,
    now: i64,
) -> Result<Option<User>, AppError> {
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, password_hash, is_admin, created_at, email_confirmed_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(i64::from(is_admin))
    .bind(now)
    .bind(is_admin.then_some(now))
    .fetch_one(&db.pool)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(err) if crate::db::is_unique_violation(&err) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let user = user_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("user {id} vanished")))?;
    Ok(Some(user))
}

/// Sets a new password and ends every other session of the account.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    password: NewPassword,
) -> Result<User, AppError> {
    let hash = password::hash(password).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, session_version = session_version + 1 WHERE id = $2",
    )
    .bind(hash)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    user_by_id(db, user_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("user {user_id} vanished")))
}

/// Whether any administrator exists (if not, the setup link is offered).
pub async fn admin_exists(db: &Db) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok(count > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
    }

    #[test]
    fn implausible_emails_are_refused() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "ana@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
