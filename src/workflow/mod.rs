//! The workflow: a contest's way through its phases (open, close, start
//! judging, finalize, reveal, announce), and the pages that show where a
//! contest or a person stands. It stands above the capability modules and
//! calls down into them: starting judging freezes the entries and makes the
//! assignments (`jury`) and the commitment (`results`); finalizing locks the
//! scores (`results`); the public contest page shows the published proof.

pub mod account_page;
pub mod contest_page;
pub mod phases;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The workflow's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contests/{slug}", get(contest_page::show))
        .route("/account", get(account_page::show))
        .route("/account/password", post(account_page::password))
        .route("/admin/contests/{id}/phase", post(phases::change_phase))
}
