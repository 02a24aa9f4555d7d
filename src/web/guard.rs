//! Deny by default, by area of the site, before any handler or body parser
//! runs: everything under `/admin` needs an administrator, and the account,
//! entry and jury pages need someone signed in. Handlers check again (and
//! more finely: whose entry, which juror); this layer makes a new admin route
//! safe even if its handler forgot, and keeps a refused request from being
//! parsed at all.

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::web::{Ctx, WebState};

/// Who may reach a path at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Anyone (handlers decide the rest).
    Open,
    /// Someone signed in.
    SignedIn,
    /// An administrator.
    Admin,
}

impl Area {
    /// The area a path belongs to.
    pub fn of(path: &str) -> Area {
        let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
        if under("/admin") {
            return Area::Admin;
        }
        if under("/account") || under("/jury") {
            return Area::SignedIn;
        }
        // `/contests/{slug}/entry…`: a participant's own entry.
        let mut parts = path.trim_start_matches('/').split('/');
        if parts.next() == Some("contests") && parts.nth(1) == Some("entry") {
            return Area::SignedIn;
        }
        Area::Open
    }
}

/// The middleware: refuses (sign-in redirect or 403) before the request goes on.
pub async fn areas(State(state): State<WebState>, req: Request, next: Next) -> Response {
    let area = Area::of(req.uri().path());
    if area == Area::Open {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let ctx = match Ctx::from_request_parts(&mut parts, &state).await {
        Ok(ctx) => ctx,
        Err(err) => return err.into_response(),
    };
    let allowed = match area {
        Area::Admin => ctx.require_admin().map(|_| ()),
        _ => ctx.require_user().map(|_| ()),
    };
    match allowed {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(err) => err.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::Area;

    #[test]
    fn paths_fall_into_their_areas() {
        assert_eq!(Area::of("/admin"), Area::Admin);
        assert_eq!(Area::of("/admin/contests/3/results.csv"), Area::Admin);
        assert_eq!(Area::of("/administrators"), Area::Open);
        assert_eq!(Area::of("/account/password"), Area::SignedIn);
        assert_eq!(Area::of("/jury/x/entries/12345"), Area::SignedIn);
        assert_eq!(Area::of("/contests/x/entry/photos/4/move"), Area::SignedIn);
        assert_eq!(Area::of("/contests/x"), Area::Open);
        assert_eq!(Area::of("/contests/x/winners"), Area::Open);
        assert_eq!(Area::of("/contests/x/entryway"), Area::Open);
        assert_eq!(Area::of("/"), Area::Open);
    }
}
