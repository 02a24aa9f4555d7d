//! Submissions: a participant's portfolio (eligibility answers, photos with
//! titles and captions, a story), random entry numbers, and the admin's
//! screening of entries once submissions close.

pub mod amend;
pub mod eligibility;
pub mod entry;
pub mod likeness;
pub mod name_forms;
pub mod names_in_text;
pub mod numbers;
pub mod photo_edits;
pub mod photo_rows;
pub mod photos;
pub mod queries;
pub mod receive;
pub mod screening;
pub mod screening_view;
pub mod upload;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Participant and screening routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/contests/{slug}/entry",
            get(eligibility::show).post(eligibility::create),
        )
        .route("/contests/{slug}/entry/story", post(entry::save_story))
        .route("/contests/{slug}/entry/withdraw", post(entry::withdraw))
        .route("/contests/{slug}/entry/receipt", get(entry::receipt))
        .route("/contests/{slug}/entry/photos", post(photos::add))
        .route(
            "/contests/{slug}/entry/texts",
            post(photo_edits::update_texts),
        )
        .route(
            "/contests/{slug}/entry/photos/{id}/delete",
            post(photo_edits::delete),
        )
        .route(
            "/contests/{slug}/entry/photos/{id}/move",
            post(photo_edits::reorder),
        )
        .route(
            "/contests/{slug}/entry/photos/{id}/replace",
            post(photos::replace),
        )
        .route(
            "/contests/{slug}/entry/photos/{id}/{size}",
            get(photos::image),
        )
        .route("/admin/contests/{id}/entries", get(screening::list))
        .route(
            "/admin/contests/{id}/entries/{portfolio}/identity",
            post(amend::amend),
        )
        .route(
            "/admin/contests/{id}/entries/{portfolio}/status",
            post(screening::set_status),
        )
        .route(
            "/admin/contests/{id}/entries/{portfolio}/redact",
            post(screening::redact),
        )
        .route(
            "/admin/contests/{id}/photos/{photo}/original",
            get(screening::original),
        )
        .route(
            "/admin/contests/{id}/photos/{photo}/{size}",
            get(screening::derivative),
        )
}
