//! Accounts: registration, sign-in and sign-out, password changes (the
//! account page around them is the workflow's), email confirmation and
//! new-password links, and the first-run setup link. Sessions live in the
//! database (see `web::session_store`).

pub mod email;
pub mod handlers;
pub mod language;
pub mod links;
pub mod password;
pub mod queries;
pub mod setup;

use axum::Router;
use axum::routing::{get, post};

use crate::accounts::password::NewPassword;
use crate::web::user::{Email, User};
use crate::{db::Db, error::AppError, state::AppState};

/// The account routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/register",
            get(handlers::register_page).post(handlers::register),
        )
        .route("/login", get(handlers::login_page).post(handlers::login))
        .route("/language/{code}", get(language::switch))
        .route("/logout", post(handlers::logout))
        .route("/account/confirm-email", post(email::resend))
        .route(
            "/confirm-email",
            get(email::confirm_page).post(email::confirm),
        )
        .route(
            "/forgot-password",
            get(email::forgot_page).post(email::forgot),
        )
        .route("/reset-password", get(email::reset_page).post(email::reset))
        .route("/setup", get(handlers::setup_page).post(handlers::setup))
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

impl CreateUserError {
    /// What the person is told.
    pub fn msg(&self) -> crate::i18n::Msg {
        match self {
            Self::EmailTaken => crate::i18n::Msg::new("account-email-in-use"),
            Self::Other(err) => err.status_and_message().1,
        }
    }
}

/// Creates an account with a password (hashed off the async threads);
/// `is_admin` makes a contest administrator.
pub async fn create_user(
    db: &Db,
    email: &Email,
    password: NewPassword,
    is_admin: bool,
    now: i64,
) -> Result<User, CreateUserError> {
    let hash = password::hash(password).await?;
    queries::insert_user(db, email, &hash, is_admin, now)
        .await
        .map_err(AppError::from)?
        .ok_or(CreateUserError::EmailTaken)
}

/// Keeps only a path on this site, so `?next=` cannot send someone to
/// another site after signing in. The WHATWG URL parser (as browsers use it)
/// must resolve it to this origin; control characters (which browsers strip,
/// turning `/\t/evil.example` into `//evil.example`), whitespace, backslashes
/// and `//` are refused outright. Returns the path as the parser wrote it
/// (percent-encoded, so it always fits in a `Location` header).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?;
    let plain = next.starts_with('/')
        && !next.starts_with("//")
        && !next
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !plain {
        return None;
    }
    let base = url::Url::parse("http://photojury.invalid/").ok()?;
    let joined = base.join(next).ok()?;
    (joined.origin() == base.origin()).then(|| joined[url::Position::BeforePath..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_only_leads_to_local_pages() {
        assert_eq!(safe_next(Some("/admin")).as_deref(), Some("/admin"));
        assert_eq!(
            safe_next(Some("/jury/x?filter=todo#e")).as_deref(),
            Some("/jury/x?filter=todo#e")
        );
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil.example")), None);
        assert_eq!(safe_next(None), None);
    }

    #[test]
    fn control_characters_and_whitespace_never_make_a_redirect() {
        for bad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/ /evil.example",
            "/\u{0}/x",
            "/\u{7f}/x",
            "\t//evil.example",
            "",
            "admin",
        ] {
            assert_eq!(safe_next(Some(bad)), None, "{bad:?}");
        }
    }

    #[test]
    fn other_scripts_are_kept_percent_encoded() {
        assert_eq!(
            safe_next(Some("/contests/миграция")).as_deref(),
            Some("/contests/%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F")
        );
    }
}
