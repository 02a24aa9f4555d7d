//! The blind jury: invitations, assignment of entries to jurors, scoring by
//! criteria, recusal, and the admin's monitor. Juror-facing code reads only
//! the identity-free types of [`view`].

pub mod access;
pub mod admin;
pub mod assign;
pub mod ballot_page;
pub mod ballots;
pub mod draft_page;
pub mod drafts;
pub mod entry_page;
pub mod home;
pub mod invitations;
pub mod judging;
pub mod jurors;
pub mod monitor;
pub mod plan_rows;
pub mod queue;
pub mod ranking;
pub mod ranking_page;
pub mod recusal;
pub mod scores;
pub mod scoring_target;
pub mod view;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Juror, invitation and jury-admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/jury", get(home::index))
        .route("/jury/{slug}", get(home::home))
        .route(
            "/jury/{slug}/entries/{number}",
            get(entry_page::show).post(entry_page::save),
        )
        .route(
            "/jury/{slug}/entries/{number}/draft",
            post(draft_page::save_draft),
        )
        .route(
            "/jury/{slug}/entries/{number}/recuse",
            post(entry_page::recuse),
        )
        .route(
            "/jury/{slug}/entries/{number}/{index}/{file}",
            get(entry_page::image),
        )
        .route("/jury/{slug}/vote", get(ballot_page::start))
        .route(
            "/jury/{slug}/rank",
            get(ranking_page::show).post(ranking_page::save),
        )
        .route(
            "/jury/{slug}/vote/{number}",
            get(ballot_page::show).post(ballot_page::vote),
        )
        .route(
            "/jury/{slug}/vote/{number}/recuse",
            post(ballot_page::recuse),
        )
        .route(
            "/invitations/{token}",
            get(invitations::show).post(invitations::accept),
        )
        .route("/admin/contests/{id}/jury", get(admin::show))
        .route("/admin/contests/{id}/jury/quorum", post(admin::set_quorum))
        .route("/admin/contests/{id}/jurors", post(admin::invite))
        .route(
            "/admin/contests/{id}/jurors/{juror}/link",
            post(admin::renew_link),
        )
        .route(
            "/admin/contests/{id}/jurors/{juror}/remove",
            post(admin::remove),
        )
}
