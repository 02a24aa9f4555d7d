//! Account rows: reading, creating and changing them.

use crate::db::Db;
use crate::i18n::Lang;
pub use crate::web::user::{Email, User, user_by_id};
use crate::web::user::{USER_COLUMNS, UserRow};

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

/// Creates an account from a hashed password (see `accounts::create_user`
/// for one from a password); `is_admin` makes a contest administrator, whose
/// address counts as confirmed (admins are made by admins or the console).
/// `None` when the email is taken.
pub async fn insert_user(
    db: &Db,
    email: &Email,
    password_hash: &str,
    is_admin: bool,
    now: i64,
) -> Result<Option<User>, sqlx::Error> {
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
    match inserted {
        Ok(id) => user_by_id(db, id).await,
        Err(err) if crate::db::is_unique_violation(&err) => Ok(None),
        Err(err) => Err(err),
    }
}

/// The language the account of `email` keeps, if there is such an account
/// and it chose one (an invitation to it is written in it).
pub async fn lang_of_email(db: &Db, email: &str) -> Result<Option<Lang>, sqlx::Error> {
    let lang: Option<Option<String>> =
        sqlx::query_scalar("SELECT lang FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&db.pool)
            .await?;
    Ok(lang.flatten().as_deref().and_then(Lang::from_tag))
}

/// Keeps the interface language a person chose on their account.
pub async fn set_lang(db: &Db, user_id: i64, lang: Lang) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Sets a new (hashed) password and ends every other session of the account.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    password_hash: &str,
) -> Result<User, sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, session_version = session_version + 1 WHERE id = $2",
    )
    .bind(password_hash)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    user_by_id(db, user_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// Whether any administrator exists (if not, the setup link is offered).
pub async fn admin_exists(db: &Db) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok(count > 0)
}
