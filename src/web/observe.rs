//! Every request gets an id (sent back as `X-Request-Id`, on every log line
//! of its span and in the access log), is counted in the metrics by its
//! route template, and is logged once when answered (refusals and errors by
//! default, successes at debug level). What is logged is the
//! route template, never the path or query: paths carry ids and queries carry
//! one-time links and CSRF tokens; nor the client's address (the reverse
//! proxy's log has it, and the application's log stays free of personal data).

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use tracing::Instrument;

use crate::web::WebState;
use crate::web::limits::client_address;

/// The header that carries a request's id, both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// A request's id: 16 hex digits, or the one a trusted proxy sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// A new random id (64 bits: unique enough to find one request's lines).
    pub fn new() -> Self {
        Self(format!("{:016x}", rand::rng().random::<u64>()))
    }

    /// The id a trusted reverse proxy put on the request (nginx's
    /// `$request_id`), so both logs name the same request; anyone else's is
    /// ignored, as is one that is not 1 to 64 letters, digits or dashes.
    fn forwarded(headers: &HeaderMap, peer: Option<IpAddr>, trusted: &[IpAddr]) -> Option<Self> {
        let peer = peer?;
        if !trusted.contains(&peer) {
            return None;
        }
        let value = headers.get(REQUEST_ID)?.to_str().ok()?;
        let valid = (1..=64).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        valid.then(|| Self(value.to_owned()))
    }
}

impl Default for RequestId {
    fn default() -> Self {
        Self::new()
    }
}

/// The middleware: id, span, metrics, access log.
pub async fn layer(State(state): State<WebState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let trusted = &state.config.trusted_proxies;
    let id = RequestId::forwarded(req.headers(), peer.map(|p| p.ip()), trusted).unwrap_or_default();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = req.method().clone();
    req.extensions_mut().insert(id.clone());
    let span = tracing::info_span!(
        "request",
        request_id = %id.0,
        method = %method,
        route = %route,
    );
    let mut response = next.run(req).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let status = response.status();
    state.metrics.request(
        &route,
        method.as_str(),
        status.as_u16(),
        elapsed.as_secs_f64(),
    );
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let millis = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
    let code = status.as_u16();
    // Server errors and refusals are logged by default; the stream of
    // successful answers (thousands a second for kept juror pages) only
    // when asked (`RUST_LOG=photojury::access=debug`): the proxy's access
    // log has them, and a line per answer would cost the hot path.
    span.in_scope(|| match code {
        500.. => tracing::warn!(target: "photojury::access", status = code, millis, "answered"),
        400..=499 => tracing::info!(target: "photojury::access", status = code, millis, "answered"),
        _ => tracing::debug!(target: "photojury::access", status = code, millis, "answered"),
    });
    response
}

/// `/metrics`: the Prometheus text format to the addresses `--metrics-allow`
/// lists (the client's address as the trusted proxies report it), 404 to
/// everyone else, as if there were no such page.
pub async fn metrics_page(
    State(state): State<WebState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let client = client_address(peer, &headers, &state.config.trusted_proxies);
    if !state.config.metrics_allow.contains(&client) {
        return crate::error::AppError::NotFound.into_response();
    }
    let db = state.db.clone();
    let metrics = state.metrics.clone();
    let data_dir = state.config.data_dir.clone();
    // statvfs may block on a slow disk: off the async workers.
    match tokio::task::spawn_blocking(move || metrics.render(&db, &data_dir)).await {
        Ok(text) => (
            StatusCode::OK,
            [(
                axum::http::header::CONTENT_TYPE,
                crate::metrics::CONTENT_TYPE,
            )],
            text,
        )
            .into_response(),
        Err(err) => crate::error::AppError::Internal(err.into()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, value.parse().unwrap());
        headers
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_request() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let forwarded = RequestId::forwarded(&with_id("abc-123"), Some(proxy), &[proxy]);
        assert_eq!(forwarded, Some(RequestId("abc-123".into())));
        assert_eq!(
            RequestId::forwarded(&with_id("abc-123"), Some(stranger), &[proxy]),
            None
        );
        assert_eq!(
            RequestId::forwarded(&with_id("a b"), Some(proxy), &[proxy]),
            None
        );
        assert_eq!(RequestId::new().0.len(), 16);
        assert_ne!(RequestId::new(), RequestId::new());
    }
}
