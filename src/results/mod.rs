//! Results: rankings computed from the scores, finalization (which locks the
//! scores and stores a hashed snapshot), and the admin's results page.
//! Nothing here reads an identity: entries are numbers, jurors are letters.

pub mod admin;
pub mod compute;
pub mod finalize;
pub mod snapshot;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// Results routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/contests/{id}/results", get(admin::show))
}
