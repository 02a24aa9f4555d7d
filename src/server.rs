//! Accepting connections. hyper directly rather than `axum::serve`, because
//! only hyper's own builder takes a timer: without one a client can open a
//! connection, send half a request line and hold the socket for ever.
//!
//! A connection must send a complete request head within
//! [`HEADER_TIMEOUT`] of opening, and again within it of each response (the
//! same timer covers a half-sent head and an idle keep-alive connection;
//! hyper starts it whenever it waits for a request). Bodies have their own
//! idle and total timeouts (see `startup`).

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a connection may take to send a request head, counted from when
/// it opened or from the last response (so it is also the idle keep-alive timeout).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a shutdown waits for requests in flight before giving up on them.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` completes, then lets requests
/// in flight finish (up to 30 s). Each request carries the peer's address as
/// `ConnectInfo<SocketAddr>`, as `into_make_service_with_connect_info` would.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 only: behind a proxy or not, browsers reach us over it (h2
    // needs TLS, which the proxy ends), and protocol detection would read
    // the first bytes with no timer at all.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait instead of
                    // spinning; a connection reset before accept is harmless.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = tower::service_fn(move |mut request: hyper::Request<Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<std::net::SocketAddr>(peer));
            let app = app.clone();
            async move {
                let response = app.oneshot(request.map(Body::new)).await;
                Ok::<_, Infallible>(response.unwrap_or_else(|never| match never {}))
            }
        });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still running {DRAIN:?} after shutdown began; leaving them");
    }
    Ok(())
}

/// Serves `app` on `listener` until the process ends (tests, benchmarks).
pub async fn serve_forever(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
) -> std::io::Result<()> {
    serve(listener, app, header_timeout, std::future::pending::<()>()).await
}
