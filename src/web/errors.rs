//! The error page: how an [`AppError`] (or a bare error status from below
//! the handlers) looks to a person, with its status, its message and
//! `Retry-After` where waiting helps.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::error::AppError;
use crate::web::Nav;

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    nav: Nav,
    status: u16,
    title: &'a str,
    message: &'a str,
}

/// Renders the error page for a status and message (also used for 404 fallbacks).
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let page = ErrorPage {
        nav: Nav::default(),
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

/// Marks the redirect of a page that needs signing in, for
/// `headers::error_pages` to add where the visitor was going: a page that
/// merely goes on to `/login` (the language switcher from the login page)
/// is not one.
#[derive(Debug, Clone, Copy)]
pub struct SignInRedirect;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignInRequired = self {
            let mut response = Redirect::to("/login").into_response();
            response.extensions_mut().insert(SignInRedirect);
            return response;
        }
        if let AppError::Internal(err) = &self {
            tracing::error!(error = ?err, "request failed");
        }
        let (status, message) = self.status_and_message();
        let mut response = error_page(status, message);
        if let Some(seconds) = self.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
