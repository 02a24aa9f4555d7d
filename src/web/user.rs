//! The signed-in account as every page sees it: who they are, whether they
//! administer contests, and the version their session must match. Read once
//! per request by `Ctx`; accounts creates and changes the rows.

use crate::db::Db;

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
    /// The interface language they chose, for pages and their emails.
    pub lang: Option<crate::i18n::Lang>,
}

/// The row as stored (flags are 0/1 integers on both databases).
#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    is_admin: i64,
    session_version: i64,
    email_confirmed_at: Option<i64>,
    lang: Option<String>,
}

/// The columns of [`UserRow`], for every query that reads one.
pub(crate) const USER_COLUMNS: &str =
    "id, email, is_admin, session_version, email_confirmed_at, lang";

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            is_admin: row.is_admin == 1,
            session_version: row.session_version,
            email_confirmed: row.email_confirmed_at.is_some(),
            lang: row.lang.as_deref().and_then(crate::i18n::Lang::from_tag),
        }
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

/// An email address, trimmed and lower-cased, of a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` of at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, crate::i18n::Msg> {
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
            Err(crate::i18n::Msg::new("account-email-shape"))
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
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
