//! The one error type of request handlers. It renders the error page with the
//! right status; the details of server errors are logged, never shown.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page, or not one this person may know exists.
    #[error("not found")]
    NotFound,
    /// Signed-in but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// A state-changing request without this session's CSRF token.
    #[error("missing or invalid CSRF token")]
    Csrf,
    /// Needs a signed-in person: sends them to the login page.
    #[error("sign-in required")]
    SignInRequired,
    /// Too many attempts; try again later.
    #[error("too many requests")]
    TooManyRequests,
    /// The request is well-formed but not allowed now; the message says why.
    #[error("{0}")]
    Conflict(String),
    /// The request is malformed; the message says how.
    #[error("{0}")]
    BadRequest(String),
    /// Anything else: logged in full, shown as a generic message.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        AppError::Internal(err.into())
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    nav: crate::web::Nav,
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl AppError {
    /// The status and the message shown to the person.
    fn status_and_message(&self) -> (StatusCode, &str) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "There is nothing at this address."),
            AppError::Forbidden(why) => (StatusCode::FORBIDDEN, why),
            AppError::Csrf => (
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from this site. Go back, reload the page and try again.",
            ),
            AppError::SignInRequired => (StatusCode::UNAUTHORIZED, "Please sign in."),
            AppError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many attempts. Wait a minute and try again.",
            ),
            AppError::Conflict(msg) => (StatusCode::CONFLICT, msg),
            AppError::BadRequest(msg) => (StatusCode::BAD_REQUEST, msg),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. It has been logged; please try again.",
            ),
        }
    }
}

/// Renders the error page for a status and message (also used for 404 fallbacks).
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let page = ErrorPage {
        nav: crate::web::Nav::default(),
        status: status.as_u16(),
        title,
        message,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "rendering the error page failed");
            (status, message.to_owned()).into_response()
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignInRequired = self {
            return Redirect::to("/login").into_response();
        }
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "request failed");
        }
        let (status, message) = self.status_and_message();
        error_page(status, message)
    }
}
