//! Memory for the pages a juror reloads all day (their contests, their grid,
//! an entry): one session's rendered page is answered again, without a query,
//! until anything in the database may have changed.
//!
//! "Anything" is deliberately coarse, because a stale juror page is a leak
//! (a removed juror still seeing entries, a signed-out cookie still working):
//! - every request that is not GET or HEAD, once its handler has answered
//!   (so after its commit) — sign-out, a password change, a removal, a save;
//! - every session written or deleted by the session store;
//! - every commit by anyone else (another server process, a command, a
//!   person at the SQL prompt), seen by [`spawn_watch`] within
//!   [`WATCH_EVERY`]: SQLite's `data_version`, PostgreSQL's WAL position;
//! - and a page is never older than [`PrivatePages::TTL`] on the app's clock.
//!
//! A change empties the memory and moves an epoch on. A page rendered while
//! the epoch moved is not kept, so a render that read the old rows cannot be
//! stored after the change that made them old.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::error::AppError;
use crate::web::WebState;

/// How often [`spawn_watch`] asks the database whether anything changed.
pub const WATCH_EVERY: Duration = Duration::from_millis(100);

/// The response extension by which a handler says "this page may be kept
/// for this session" (see [`Ctx::private_page`](crate::web::Ctx)), naming
/// the session id the request was authenticated with.
#[derive(Debug, Clone)]
pub struct KeepForSession(pub String);

/// One session's rendered pages, by session id and URI.
#[derive(Clone, Default)]
pub struct PrivatePages {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    epoch: AtomicU64,
    /// Off until [`spawn_watch`] runs: without it a change made elsewhere
    /// would go unseen, so nothing is kept.
    watched: AtomicBool,
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<(String, String), Page>,
    bytes: usize,
}

struct Page {
    epoch: u64,
    made: i64,
    headers: HeaderMap,
    body: Bytes,
}

impl PrivatePages {
    /// The longest a page is answered again, even if nothing changed.
    pub const TTL_SECONDS: i64 = 30;
    /// Memory for pages; when full, it starts over empty.
    const MAX_BYTES: usize = 64 << 20;
    /// Pages larger than this are not kept.
    const MAX_PAGE: usize = 2 << 20;

    /// Something may have changed: forget every page.
    pub fn changed(&self) {
        // Epoch first: a render in flight that finishes now sees it moved.
        self.inner.epoch.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut pages) = self.inner.pages.lock() {
            pages.by_key.clear();
            pages.bytes = 0;
        }
    }

    fn epoch(&self) -> u64 {
        self.inner.epoch.load(Ordering::SeqCst)
    }

    /// The page kept for `session` at `uri`, if nothing changed since and
    /// it is younger than the TTL at `now` (unix seconds).
    pub fn get(&self, session: &str, uri: &str, now: i64) -> Option<(HeaderMap, Bytes)> {
        if !self.inner.watched.load(Ordering::SeqCst) {
            return None;
        }
        let epoch = self.epoch();
        let pages = self.inner.pages.lock().ok()?;
        let page = pages.by_key.get(&(session.to_owned(), uri.to_owned()))?;
        let fresh = (0..Self::TTL_SECONDS).contains(&(now - page.made));
        (page.epoch == epoch && fresh).then(|| (page.headers.clone(), page.body.clone()))
    }

    /// Keeps a page rendered from what the database held at `epoch`; does
    /// nothing if the epoch has moved since.
    pub fn put(
        &self,
        key: (String, String),
        epoch: u64,
        made: i64,
        headers: HeaderMap,
        body: Bytes,
    ) {
        if body.len() > Self::MAX_PAGE {
            return;
        }
        let Ok(mut pages) = self.inner.pages.lock() else {
            return;
        };
        // Compared under the lock `changed` clears under: no put slips in
        // between a change's epoch and its clearing.
        if self.epoch() != epoch {
            return;
        }
        if pages.bytes + body.len() > Self::MAX_BYTES {
            pages.by_key.clear();
            pages.bytes = 0;
        }
        pages.bytes += body.len();
        let page = Page {
            epoch,
            made,
            headers,
            body,
        };
        if let Some(old) = pages.by_key.insert(key, page) {
            pages.bytes -= old.body.len();
        }
    }
}

/// The session id in the request's cookie, if there is exactly one.
fn session_id(headers: &HeaderMap, cookie_name: &str) -> Option<String> {
    let mut found = crate::web::cookies::values(headers, cookie_name);
    let first = found.next()?;
    found.next().is_none().then(|| first.to_owned())
}

/// The middleware, outside the session layer (a kept page costs no session
/// load): answers kept pages, keeps the ones handlers mark, and forgets
/// everything after any request that may have written.
pub async fn layer(State(state): State<WebState>, req: Request, next: Next) -> Response {
    let pages = &state.private_pages;
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let response = next.run(req).await;
        pages.changed();
        return response;
    }
    let session = session_id(req.headers(), state.config.session_cookie_name());
    let (Some(session), true) = (session, req.method() == Method::GET) else {
        return next.run(req).await;
    };
    // The same page in another language is another page. The language kept
    // on the account is the same for every request of a session until a
    // POST changes it (which forgets every kept page), so the cookie and
    // the header tell the pages of one session apart.
    let lang = crate::web::i18n::of_request(req.headers(), None);
    let uri = format!("{} {}", lang.code(), req.uri());
    let now = state.now().timestamp();
    let kept = pages.get(&session, &uri, now);
    state.metrics.kept_page(kept.is_some());
    if let Some((headers, body)) = kept {
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        return response;
    }
    let epoch = pages.epoch();
    let response = next.run(req).await;
    // Kept under the id the session layer authenticated, and only when that
    // is the very cookie this request carried (the key of later look-ups).
    let keep = response
        .extensions()
        .get::<KeepForSession>()
        .is_some_and(|KeepForSession(id)| *id == session)
        && response.status() == StatusCode::OK
        // A new or renewed cookie means the session changed (and its id may have).
        && !response.headers().contains_key(header::SET_COOKIE)
        // Known to be small before it is read: a huge page goes out as it is.
        && HttpBody::size_hint(response.body())
            .upper()
            .is_some_and(|n| n <= PrivatePages::MAX_PAGE as u64);
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, PrivatePages::MAX_PAGE).await {
        Ok(body) => {
            pages.put(
                (session, uri),
                epoch,
                now,
                parts.headers.clone(),
                body.clone(),
            );
            Response::from_parts(parts, Body::from(body))
        }
        Err(err) => {
            AppError::Internal(anyhow::anyhow!("reading a page to keep: {err}")).into_response()
        }
    }
}

/// Watches the database for commits made by anyone, every [`WATCH_EVERY`],
/// and turns the memory on. A failed look counts as a change (and keeps
/// counting while the database is away), so nothing is answered from memory
/// that the database could not confirm for long.
pub fn spawn_watch(state: &WebState) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let pages = state.private_pages.clone();
    let db = state.db.clone();
    runtime.spawn(async move {
        let mut watch = match crate::db::ChangeWatch::new(&db).await {
            Ok(watch) => watch,
            Err(err) => {
                tracing::warn!(error = %err, "cannot watch the database: juror pages not kept");
                return;
            }
        };
        let mut last = watch.mark().await.ok();
        pages.inner.watched.store(true, Ordering::SeqCst);
        let mut tick = tokio::time::interval(WATCH_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut again = false;
        loop {
            tick.tick().await;
            let mut mark = watch.mark().await.ok();
            if mark.is_none() {
                // A broken connection (SQLite's own) is replaced; its first
                // mark differs from the last one, which counts as a change.
                if let Ok(fresh) = crate::db::ChangeWatch::new(&db).await {
                    watch = fresh;
                    mark = watch.mark().await.ok();
                }
            }
            // Once more on the next tick: on PostgreSQL the WAL position moves
            // a moment before the commit becomes visible to other sessions.
            if mark.is_none() || mark != last || again {
                pages.changed();
                again = mark != last;
            }
            last = mark;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched() -> PrivatePages {
        let pages = PrivatePages::default();
        pages.inner.watched.store(true, Ordering::SeqCst);
        pages
    }

    fn keep(
        pages: &PrivatePages,
        (session, uri): (&str, &str),
        epoch: u64,
        made: i64,
        body: Bytes,
    ) {
        let key = (session.to_owned(), uri.to_owned());
        pages.put(key, epoch, made, HeaderMap::new(), body);
    }

    fn page(pages: &PrivatePages, session: &str, uri: &str, now: i64) -> Option<Bytes> {
        pages.get(session, uri, now).map(|(_, body)| body)
    }

    #[test]
    fn a_kept_page_comes_back_for_its_session_and_uri_only() {
        let pages = watched();
        let epoch = pages.epoch();
        keep(
            &pages,
            ("s1", "/jury/x"),
            epoch,
            100,
            Bytes::from("grid of s1"),
        );
        assert_eq!(
            page(&pages, "s1", "/jury/x", 101).as_deref(),
            Some(&b"grid of s1"[..])
        );
        assert!(page(&pages, "s2", "/jury/x", 101).is_none());
        assert!(page(&pages, "s1", "/jury/x?filter=todo", 101).is_none());
        assert!(page(&pages, "s1", "/jury", 101).is_none());
    }

    #[test]
    fn any_change_forgets_every_page() {
        let pages = watched();
        keep(
            &pages,
            ("s1", "/jury"),
            pages.epoch(),
            100,
            Bytes::from("a"),
        );
        keep(
            &pages,
            ("s2", "/jury"),
            pages.epoch(),
            100,
            Bytes::from("b"),
        );
        pages.changed();
        assert!(page(&pages, "s1", "/jury", 100).is_none());
        assert!(page(&pages, "s2", "/jury", 100).is_none());
    }

    #[test]
    fn a_page_rendered_across_a_change_is_not_kept() {
        let pages = watched();
        let before = pages.epoch();
        // The handler read the rows, then someone committed, then it finished.
        pages.changed();
        keep(&pages, ("s1", "/jury"), before, 100, Bytes::from("old"));
        assert!(page(&pages, "s1", "/jury", 100).is_none());
    }

    #[test]
    fn a_page_is_not_answered_after_its_ttl_or_before_it_was_made() {
        let pages = watched();
        keep(
            &pages,
            ("s1", "/jury"),
            pages.epoch(),
            100,
            Bytes::from("a"),
        );
        assert!(page(&pages, "s1", "/jury", 100 + PrivatePages::TTL_SECONDS - 1).is_some());
        assert!(page(&pages, "s1", "/jury", 100 + PrivatePages::TTL_SECONDS).is_none());
        assert!(page(&pages, "s1", "/jury", 99).is_none());
    }

    #[test]
    fn nothing_is_answered_until_the_database_is_watched() {
        let pages = PrivatePages::default();
        keep(
            &pages,
            ("s1", "/jury"),
            pages.epoch(),
            100,
            Bytes::from("a"),
        );
        assert!(page(&pages, "s1", "/jury", 100).is_none());
    }

    #[test]
    fn the_memory_starts_over_when_full_and_skips_huge_pages() {
        let pages = watched();
        let big = Bytes::from(vec![b'x'; PrivatePages::MAX_PAGE]);
        let per_page = PrivatePages::MAX_BYTES / PrivatePages::MAX_PAGE;
        for i in 0..=per_page {
            let session = format!("s{i}");
            keep(&pages, (&session, "/jury"), pages.epoch(), 100, big.clone());
        }
        assert!(
            page(&pages, "s0", "/jury", 100).is_none(),
            "emptied when full"
        );
        assert!(page(&pages, &format!("s{per_page}"), "/jury", 100).is_some());
        let bytes = pages.inner.pages.lock().map(|p| p.bytes).unwrap_or(0);
        assert!(bytes <= PrivatePages::MAX_BYTES, "{bytes}");
        let huge = Bytes::from(vec![b'x'; PrivatePages::MAX_PAGE + 1]);
        keep(&pages, ("h", "/jury"), pages.epoch(), 100, huge);
        assert!(page(&pages, "h", "/jury", 100).is_none());
    }

    #[test]
    fn the_session_id_is_read_from_its_own_cookie() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            "theme=dark; photojury=abc123".parse().unwrap(),
        );
        assert_eq!(session_id(&headers, "photojury").as_deref(), Some("abc123"));
        assert_eq!(session_id(&headers, "__Host-photojury"), None);
        headers.clear();
        headers.append(header::COOKIE, "xphotojury=evil".parse().unwrap());
        assert_eq!(session_id(&headers, "photojury"), None);
        headers.clear();
        headers.append(
            header::COOKIE,
            "photojury=planted; photojury=real".parse().unwrap(),
        );
        assert_eq!(session_id(&headers, "photojury"), None, "two: none");
    }
}
