//! The error page: how an [`AppError`] (or a bare error status from below
//! the handlers) looks to a person, with its status, its message and
//! `Retry-After` where waiting helps.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::web::Nav;

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    nav: Nav,
    status: u16,
    title: String,
    message: &'a str,
}

/// The message of an error answer, kept on the response so that
/// `headers::error_pages`, which knows the request's language, can draw the
/// page again in it (a handler's error is drawn in English first).
#[derive(Debug, Clone)]
pub struct Explained(pub Msg);

/// Renders the error page for a status and message (also used for 404
/// fallbacks), in `lang`, with the switcher coming back to `here`.
pub fn error_page(status: StatusCode, lang: Lang, here: &str, message: &Msg) -> Response {
    let text = lang.msg(message);
    let title = lang.msg(&Msg::new("error-title").arg("status", status.as_u16()));
    let page = ErrorPage {
        nav: Nav {
            lang,
            here: here.to_owned(),
            ..Nav::default()
        },
        status: status.as_u16(),
        title,
        message: &text,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "rendering the error page failed");
            (status, text).into_response()
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
        let mut response = error_page(status, Lang::En, "/", &message);
        response.extensions_mut().insert(Explained(message));
        if let Some(seconds) = self.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
