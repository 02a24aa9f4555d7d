//! CSRF protection for every state-changing request, login and registration
//! included: a per-session token that each form carries back.
//!
//! The check is a middleware in front of every route, so a new POST handler is
//! protected without doing anything (deny by default). The token comes from the
//! `X-CSRF-Token` header (scripts), the `csrf` field of a urlencoded form, or a
//! `csrf` query parameter (multipart forms, whose body is streamed, not buffered).
//!
//! An anonymous visitor's forms (sign-in, registration) must not cost a
//! session row per page view, so until there is a session their token lives
//! in a cookie of its own (`photojury-form`, `__Host-` under https) and the
//! form repeats it (double submit). A signed-in session accepts only its own
//! token.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;
use tower_cookies::cookie::SameSite;
use tower_cookies::{Cookie, Cookies};
use tower_sessions::Session;

use crate::error::AppError;

/// The session key of the token.
const CSRF_KEY: &str = "csrf";
/// The session key that marks a signed-in session (see `web::ctx`).
pub(crate) const USER_KEY: &str = "user";
/// The largest urlencoded form the middleware buffers to read the token.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

fn fresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a value has the shape of a token (43 URL-safe base64 characters).
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Returns this session's CSRF token, creating it (and the session) if needed.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(existing) = session.get::<String>(CSRF_KEY).await? {
        return Ok(existing);
    }
    rotate(session).await
}

/// This session's token, if it has one (creates nothing).
pub async fn existing(session: &Session) -> Result<Option<String>, AppError> {
    Ok(session.get::<String>(CSRF_KEY).await?)
}

/// Replaces the token (at login, so a token seen before login is worthless after).
pub async fn rotate(session: &Session) -> Result<String, AppError> {
    let fresh = fresh_token();
    session.insert(CSRF_KEY, &fresh).await?;
    Ok(fresh)
}

/// The token for an anonymous visitor's form: the one in their form cookie,
/// or a new one set in it (no session, no database row).
pub fn anonymous_token(cookies: &Cookies, name: &'static str, https: bool) -> String {
    if let Some(cookie) = cookies.get(name)
        && well_formed(cookie.value())
    {
        return cookie.value().to_owned();
    }
    let fresh = fresh_token();
    let cookie = Cookie::build((name, fresh.clone()))
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .build();
    cookies.add(cookie);
    fresh
}

fn matches(expected: &str, given: &str) -> bool {
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

fn from_query(req: &Request) -> Option<String> {
    let query = req.uri().query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == CSRF_KEY)
        .map(|(_, value)| value.into_owned())
}

/// The tokens a request may carry back: the session's, and (while no one is
/// signed in) the form cookie's.
async fn expected(session: &Session, cookie: Option<String>) -> Result<Vec<String>, AppError> {
    let mut tokens = Vec::with_capacity(2);
    if let Some(token) = session.get::<String>(CSRF_KEY).await? {
        tokens.push(token);
    }
    let signed_in = session.get::<serde_json::Value>(USER_KEY).await?.is_some();
    if !signed_in && let Some(cookie) = cookie.filter(|c| well_formed(c)) {
        tokens.push(cookie);
    }
    Ok(tokens)
}

/// The middleware: safe methods pass; anything else needs a token it may carry.
pub async fn verify(
    axum::extract::State(form_cookie): axum::extract::State<&'static str>,
    session: Session,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let cookie = req
        .extensions()
        .get::<Cookies>()
        .and_then(|cookies| cookies.get(form_cookie))
        .map(|cookie| cookie.value().to_owned());
    let expected = match expected(&session, cookie).await {
        Ok(tokens) if !tokens.is_empty() => tokens,
        Ok(_) => return AppError::Csrf.into_response(),
        Err(err) => return err.into_response(),
    };
    let accepts = |given: &str| expected.iter().any(|token| matches(token, given));
    if let Some(given) = req.headers().get("x-csrf-token") {
        return if accepts(given.to_str().unwrap_or_default()) {
            next.run(req).await
        } else {
            AppError::Csrf.into_response()
        };
    }
    if let Some(given) = from_query(&req) {
        return if accepts(&given) {
            next.run(req).await
        } else {
            AppError::Csrf.into_response()
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return AppError::BadRequest(crate::i18n::Msg::new("error-form-too-large")).into_response();
    };
    let given = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == CSRF_KEY)
        .map(|(_, value)| value.into_owned());
    match given {
        Some(given) if accepts(&given) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => AppError::Csrf.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_tokens_are_well_formed_and_others_are_not() {
        assert!(well_formed(&fresh_token()));
        assert!(!well_formed("short"));
        assert!(!well_formed(&format!("{}=", &fresh_token()[..42])));
    }

    #[test]
    fn tokens_compare_whole_strings() {
        assert!(matches("abc", "abc"));
        assert!(!matches("abc", "abd"));
        assert!(!matches("abc", "ab"));
        assert!(!matches("abc", ""));
    }
}
