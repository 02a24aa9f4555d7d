//! The workflow: a contest's way through its phases (open, close, start
//! judging, finalize, reveal, announce) and its judging rounds (`rounds`), and the pages that show where a
//! contest or a person stands. It stands above the capability modules and
//! calls down into them: starting judging freezes the entries and makes the
//! assignments (`jury`) and the commitment (`results`); finalizing locks the
//! scores (`results`); the public contest page shows the published proof.
//! Also what crosses every module when a person or the system lets data go:
//! deleting an account (`erasure`), a person's data export (`export`), the
//! retention sweep (`retention`), and the admin's system page. And finalist
//! verification (`verification`), which asks entrants for camera originals
//! between finalization and the announcement.

pub mod account_page;
pub mod contest_page;
pub mod erasure;
pub mod export;
pub mod phases;
pub mod retention;
pub mod rounds;
pub mod storage;
pub mod system_page;
pub mod verification;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The workflow's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contests/{slug}", get(contest_page::show))
        .route("/account", get(account_page::show))
        .route("/account/password", post(account_page::password))
        .route("/account/export", post(export::download))
        .route("/account/delete", post(account_page::delete))
        .route(
            "/account/verification/{vid}",
            post(account_page::camera_original),
        )
        .route("/admin/system", get(system_page::show))
        .route("/admin/contests/{id}/retention", post(retention::set))
        .route("/admin/contests/{id}/phase", post(phases::change_phase))
        .merge(verification::router())
        .merge(rounds::router())
}
