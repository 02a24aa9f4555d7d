//! The toolbox every handler uses: the request context ([`Ctx`]: who is
//! signed in, their CSRF token), page rendering, sessions, CSRF, the deny-by-
//! default guard, kept pages, limits and headers. It imports no capability
//! module (contests, submissions, jury, results, accounts): they stand on it.
//! `startup` assembles the application from them.

pub mod assets;
pub mod cache;
pub mod cookies;
pub mod csrf;
pub mod ctx;
pub mod download;
pub mod errors;
pub mod guard;
pub mod headers;
pub mod i18n;
pub mod limits;
pub mod limits_redis;
pub mod observe;
pub mod private_pages;
pub mod session_store;
pub mod text;
pub mod user;

use std::sync::Arc;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use ctx::Ctx;
pub use user::User;

use crate::{clock::Clock, config::Config, db::Db, error::AppError, metrics::Metrics};

/// The part of the application's state the toolbox itself needs (handlers
/// get the whole `AppState`; `Ctx` and the middlewares get this).
#[derive(Clone)]
pub struct WebState {
    /// The database pool.
    pub db: Db,
    /// Settings fixed at start-up.
    pub config: Arc<Config>,
    /// The time source.
    pub clock: Arc<dyn Clock>,
    /// Juror pages kept per session until anything changes.
    pub private_pages: private_pages::PrivatePages,
    /// The counters `/metrics` shows.
    pub metrics: Arc<Metrics>,
}

impl WebState {
    /// The current time according to the injected clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

/// What the page layout shows in its header.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// The signed-in account's email, if any.
    pub email: Option<String>,
    /// Whether to show the admin link.
    pub is_admin: bool,
    /// The CSRF token for the logout form.
    pub csrf: String,
    /// A message left by the action that led here, shown once.
    pub flash: Option<String>,
    /// The language of the page.
    pub lang: crate::i18n::Lang,
    /// This page's path and query, for the language switcher to come back to.
    pub here: String,
}

impl Nav {
    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.text(key)
    }

    /// The message `key` with one argument `$name`.
    pub fn t1(
        &self,
        key: &'static str,
        name: &'static str,
        value: impl crate::i18n::ToArg,
    ) -> String {
        self.lang
            .msg(&crate::i18n::Msg::new(key).arg(name, value.to_arg()))
    }

    /// The message `key` with two arguments.
    pub fn t2(
        &self,
        key: &'static str,
        a: impl crate::i18n::NamedArg,
        b: impl crate::i18n::NamedArg,
    ) -> String {
        let (a, x) = a.named();
        let (b, y) = b.named();
        self.lang
            .msg(&crate::i18n::Msg::new(key).arg(a, x).arg(b, y))
    }

    /// A decimal number with `places` decimals, the page's language's way
    /// (`7.08`, `7,08`).
    pub fn dec(&self, value: impl crate::i18n::AsF64, places: usize) -> String {
        self.lang.decimal(value.as_f64(), places)
    }

    /// The message `key` with three arguments.
    pub fn t3(
        &self,
        key: &'static str,
        a: impl crate::i18n::NamedArg,
        b: impl crate::i18n::NamedArg,
        c: impl crate::i18n::NamedArg,
    ) -> String {
        let (a, x) = a.named();
        let (b, y) = b.named();
        let (c, z) = c.named();
        self.lang
            .msg(&crate::i18n::Msg::new(key).arg(a, x).arg(b, y).arg(c, z))
    }

    /// A message made elsewhere (a refusal, a form's error), in the page's
    /// language.
    pub fn m(&self, msg: impl crate::i18n::AsMsg) -> String {
        self.lang.msg(msg.as_msg())
    }

    /// The switcher's links: (code, own name, whether it is this page's
    /// language, the link that switches to it and comes back here).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool, String)> {
        let back: String = url::form_urlencoded::byte_serialize(self.here.as_bytes()).collect();
        crate::i18n::ALL
            .iter()
            .map(|l| {
                let href = format!("/language/{}?next={back}", l.code());
                (l.code(), l.native_name(), *l == self.lang, href)
            })
            .collect()
    }
}

/// The Content-Security-Policy of every response: only our own scripts,
/// styles and images; no plugins, no framing, no foreign form targets.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; object-src 'none'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Renders a form page: 200, or 422 when it shows errors (a form that failed).
pub fn render_form(
    template: &impl askama::Template,
    has_errors: bool,
) -> Result<Response, AppError> {
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(template)?).into_response())
}

/// A stored derivative (`thumb.jpg`/`large.jpg`) as a JPEG response with the
/// given `Cache-Control`; no file name, no date, nothing but the pixels.
pub fn jpeg(bytes: Vec<u8>, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, cache_control),
        ],
        bytes,
    )
        .into_response()
}

/// Renders an askama template into an HTML response.
pub fn render(template: &impl askama::Template) -> Result<axum::response::Html<String>, AppError> {
    Ok(axum::response::Html(template.render()?))
}

/// Whether the request asks for JSON (the pages' scripts do; a plain form
/// gets a page).
pub fn wants_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}
