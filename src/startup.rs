//! The shell: assembles the application from every module's router, puts
//! the toolbox's layers around it (sessions, CSRF, the guard, kept pages,
//! headers, timeouts, request ids and metrics) and starts the background tasks a server
//! needs. Nothing below imports it.

use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::web::{
    CONTENT_SECURITY_POLICY, WebState, assets, cookies, csrf, guard, headers, observe,
    private_pages, session_store,
};
use crate::{error::AppError, state::AppState};

/// Builds the full application: routes, sessions, CSRF, the guard, kept
/// juror pages, security and cache headers, timeouts, tracing.
pub fn build_app(state: AppState) -> Router {
    let web = WebState::from_ref(&state);
    private_pages::spawn_watch(&web);
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
        .route("/metrics", get(observe::metrics_page))
        .route("/static/style.css", get(assets::style_css))
        .route("/static/upload.js", get(assets::upload_js))
        .route("/static/entry.js", get(assets::entry_js))
        .route("/static/jury.js", get(assets::jury_js))
        .route("/static/vote.js", get(assets::vote_js))
        .route("/static/rank.js", get(assets::rank_js))
        .route("/static/confirm.js", get(assets::confirm_js))
        .merge(crate::accounts::router())
        .merge(crate::contests::router())
        .merge(crate::submissions::router())
        .merge(crate::jury::router())
        .merge(crate::results::router())
        .merge(crate::workflow::router())
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
            guard::areas,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.config.form_cookie_name(),
            csrf::verify,
        ))
        .layer(sessions)
        // Outside the sessions: a kept juror page costs no session load.
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
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
        // Outermost: the request's id, its span, the metrics and the access log.
        .layer(axum::middleware::from_fn_with_state(web, observe::layer))
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

/// The server's background work: SQLite checkpoints every second; every
/// hour expired sessions deleted, recovered rate-limit keys forgotten, and
/// the retention sweep (files of entries that won nothing, past their time).
pub fn spawn_housekeeping(state: &AppState) {
    state.db.spawn_checkpointer(Duration::from_secs(1));
    crate::workflow::retention::spawn(state);
    let store = session_store::DbSessionStore::new(state.db.clone(), state.private_pages.clone());
    let limiter = state.limits.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "could not delete expired sessions");
            }
            if let Err(err) = limiter.forget_recovered().await {
                tracing::warn!(error = %err, "could not forget recovered rate-limit buckets");
            }
        }
    });
}
