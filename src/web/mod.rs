//! The web layer: assembles every module's router, and puts sessions, CSRF
//! checks, security headers and tracing around all of it.

pub mod cache;
pub mod cookies;
pub mod csrf;
pub mod ctx;
pub mod guard;
pub mod headers;
pub mod private_pages;
pub mod session_store;
pub mod text;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use ctx::Ctx;

use crate::{AppError, AppState};

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
}

/// The Content-Security-Policy of every response: only our own scripts,
/// styles and images; no plugins, no framing, no foreign form targets.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; object-src 'none'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const STYLE_CSS: &str = include_str!("assets/style.css");
const UPLOAD_JS: &str = include_str!("assets/upload.js");
const JURY_JS: &str = include_str!("assets/jury.js");
const CONFIRM_JS: &str = include_str!("assets/confirm.js");

/// The whole application.
pub fn app(state: AppState) -> Router {
    private_pages::spawn_watch(&state);
    let https = state.config.is_https();
    let store = session_store::DbSessionStore::new(state.db.clone(), state.private_pages.clone());
    let sessions = SessionManagerLayer::new(store)
        .with_name(state.config.session_cookie_name())
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/static/style.css", get(style_css))
        .route("/static/upload.js", get(|| script(UPLOAD_JS)))
        .route("/static/jury.js", get(|| script(JURY_JS)))
        .route("/static/confirm.js", get(|| script(CONFIRM_JS)))
        .merge(crate::accounts::router())
        .merge(crate::contests::router())
        .merge(crate::submissions::router())
        .merge(crate::jury::router())
        .merge(crate::results::router())
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::areas,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.config.form_cookie_name(),
            csrf::verify,
        ))
        .layer(sessions)
        // Outside the sessions: a kept juror page costs no session load.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            private_pages::layer,
        ))
        // Outside every reader of cookies: two session cookies mean none.
        .layer(axum::middleware::from_fn_with_state(
            (state.config.session_cookie_name(), https),
            cookies::one_session_cookie,
        ))
        // What may be cached, decided once the answer is known.
        .layer(axum::middleware::from_fn_with_state(
            (
                state.config.session_cookie_name(),
                state.config.strict_transport_security(),
            ),
            headers::cache_and_transport,
        ))
        // The headers every response carries, error pages and static files included.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        // A client that stops sending its body, or takes too long overall,
        // gets 408 and frees its connection.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            state.config.body_idle_timeout,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.config.request_timeout,
        ))
        // Errors made below our handlers (a form that does not parse, a
        // timeout, a wrong method) get the error page too, not plain text.
        .layer(axum::middleware::from_fn(headers::error_pages))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn style_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE_CSS,
    )
}

/// Renders a form page: 200, or 422 when it shows errors (a form that failed).
pub fn render_form(
    template: &impl askama::Template,
    has_errors: bool,
) -> Result<axum::response::Response, AppError> {
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(template)?).into_response())
}

/// A stored derivative (`thumb.jpg`/`large.jpg`) as a JPEG response with the
/// given `Cache-Control`; no file name, no date, nothing but the pixels.
pub async fn stored_jpeg(
    state: &AppState,
    hash: String,
    cache_control: &'static str,
) -> Result<axum::response::Response, AppError> {
    let bytes = state.files.read(hash).await.map_err(|e| {
        AppError::Internal(anyhow::Error::from(e).context("reading a stored derivative"))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, cache_control),
        ],
        bytes,
    )
        .into_response())
}

/// Renders an askama template into an HTML response.
pub fn render(template: &impl askama::Template) -> Result<axum::response::Html<String>, AppError> {
    Ok(axum::response::Html(template.render()?))
}

async fn script(source: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        source,
    )
}
