//! The language switcher's link: `/language/{code}?next=/path` keeps the
//! choice in a cookie for a year and goes back to the page it came from
//! (a path on this site only). A plain link rather than a form, so it works
//! on every page for everyone, signed in or not; the cookie is a
//! preference, not a credential, so a link that sets it needs no token.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::safe_next;
use crate::web::i18n::{self, Lang};
use crate::{error::AppError, state::AppState};

/// How long the choice is kept: a year.
const KEEP_SECONDS: i64 = 365 * 24 * 3600;

/// `GET /language/{code}?next=/path`: sets the interface language.
pub async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = Lang::from_tag(&code)
        .filter(|l| l.code() == code)
        .ok_or(AppError::NotFound)?;
    let to = safe_next(query.get("next").map(String::as_str)).unwrap_or_else(|| "/".into());
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age={KEEP_SECONDS}; SameSite=Lax{secure}",
        i18n::COOKIE,
        lang.code()
    );
    let mut response = Redirect::to(&to).into_response();
    let value = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(response)
}
