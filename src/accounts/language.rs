//! The language switcher's link: `/language/{code}?next=/path` keeps the
//! choice in a cookie for a year and goes back to the page it came from
//! (a path on this site only). A plain link rather than a form, so it works
//! on every page for everyone, signed in or not; the cookie is a
//! preference, not a credential, so a link that sets it needs no token.
//! A signed-in person's choice is also kept on their account: their pages
//! on another device and the emails sent to them follow it.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::{queries, safe_next};
use crate::i18n::Lang;
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// How long the choice is kept: a year.
const KEEP_SECONDS: i64 = 365 * 24 * 3600;

/// `GET /language/{code}?next=/path`: sets the interface language (and
/// keeps it on the account of a signed-in person).
pub async fn switch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = Lang::from_tag(&code)
        .filter(|l| l.code() == code)
        .ok_or(AppError::NotFound)?;
    if let Some(user) = &ctx.user
        && user.lang != Some(lang)
    {
        queries::set_lang(&state.db, user.id, lang).await?;
    }
    let to = safe_next(query.get("next").map(String::as_str)).unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookie(&state, lang)?);
    Ok(response)
}

/// The `Set-Cookie` value that keeps `lang` for a year.
pub fn cookie(state: &AppState, lang: Lang) -> Result<HeaderValue, AppError> {
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age={KEEP_SECONDS}; SameSite=Lax{secure}",
        crate::web::i18n::COOKIE,
        lang.code()
    );
    HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))
}
