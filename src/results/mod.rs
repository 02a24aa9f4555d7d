//! Results: rankings computed from the scores, finalization (which locks the
//! scores and stores a hashed snapshot), the commitment that proves the jury
//! was blind, the reveal, awards, the public winners page and the exports.
//! Until the reveal nothing here reads an identity: entries are numbers,
//! jurors are letters (see `reveal::Revealed`).

pub mod admin;
pub mod awards;
pub mod awards_save;
pub mod commitment;
pub mod compute;
pub mod export;
pub mod feedback;
pub mod finalists;
pub mod finalize;
pub mod ranking;
pub mod reveal;
pub mod round_gather;
pub mod round_snapshot;
pub mod snapshot;
pub mod tally;
pub mod verify;
pub mod verify_rounds;
pub mod verify_stored;
pub mod winners;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// Results routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/contests/{id}/results", get(admin::show))
        .route(
            "/admin/contests/{id}/awards",
            get(admin::awards_form).post(admin::save_awards),
        )
        .route("/admin/contests/{id}/results.csv", get(export::results_csv))
        .route("/admin/contests/{id}/winners.csv", get(export::winners_csv))
        .route(
            "/admin/contests/{id}/originals.zip",
            get(export::originals_zip),
        )
        .route("/contests/{slug}/reveal.json", get(reveal::published))
        .route("/contests/{slug}/winners", get(winners::page))
        .route(
            "/contests/{slug}/winners/{number}/{index}/{file}",
            get(winners::image),
        )
}
