//! CSRF protection for every state-changing request, login and registration
//! included: a per-session token that each form carries back.
//!
//! The check is a middleware in front of every route, so a new POST handler is
//! protected without doing anything (deny by default). The token comes from the
//! `X-CSRF-Token` header (scripts), the `csrf` field of a urlencoded form, or a
//! `csrf` query parameter (multipart forms, whose body is streamed, not buffered).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::AppError;

/// The session key of the token.
const CSRF_KEY: &str = "csrf";
/// The largest urlencoded form the middleware buffers to read the token.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// Returns this session's CSRF token, creating it (and the session) if needed.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(existing) = session.get::<String>(CSRF_KEY).await? {
        return Ok(existing);
    }
    rotate(session).await
}

/// Replaces the token (at login, so a token seen before login is worthless after).
pub async fn rotate(session: &Session) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    session.insert(CSRF_KEY, &fresh).await?;
    Ok(fresh)
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

/// The middleware: safe methods pass; anything else needs the session's token.
pub async fn verify(session: Session, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let expected = match session.get::<String>(CSRF_KEY).await {
        Ok(Some(token)) => token,
        Ok(None) => return AppError::Csrf.into_response(),
        Err(err) => return AppError::from(err).into_response(),
    };
    if let Some(given) = req.headers().get("x-csrf-token") {
        return if matches(&expected, given.to_str().unwrap_or_default()) {
            next.run(req).await
        } else {
            AppError::Csrf.into_response()
        };
    }
    if let Some(given) = from_query(&req) {
        return if matches(&expected, &given) {
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
        return AppError::BadRequest("This form is too large.".into()).into_response();
    };
    let given = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == CSRF_KEY)
        .map(|(_, value)| value.into_owned());
    match given {
        Some(given) if matches(&expected, &given) => {
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
    fn tokens_compare_whole_strings() {
        assert!(matches("abc", "abc"));
        assert!(!matches("abc", "abd"));
        assert!(!matches("abc", "ab"));
        assert!(!matches("abc", ""));
    }
}
