//! Accounts: registration, sign-in and sign-out, the account page, password
//! changes and the first-run setup link. Sessions live in the database.

pub mod handlers;
pub mod password;
pub mod queries;
pub mod rate_limit;
pub mod setup;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

/// The account routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/register",
            get(handlers::register_page).post(handlers::register),
        )
        .route("/login", get(handlers::login_page).post(handlers::login))
        .route("/logout", post(handlers::logout))
        .route("/account", get(handlers::account_page))
        .route("/account/password", post(handlers::change_password))
        .route("/setup", get(handlers::setup_page).post(handlers::setup))
}

/// Keeps only local paths (`/…`, not `//host`), so `?next=` cannot send
/// someone to another site after signing in.
pub fn safe_next(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_only_leads_to_local_pages() {
        assert_eq!(safe_next(Some("/admin")).as_deref(), Some("/admin"));
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil.example")), None);
        assert_eq!(safe_next(None), None);
    }
}
