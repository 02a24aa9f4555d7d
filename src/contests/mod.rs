//! Contests: the model and the rules of its phases, structure (categories,
//! criteria), public pages, and the admin pages that set contests up. The
//! phase changes themselves are the workflow's; every other module stands on
//! this one.

pub mod admin;
pub mod admin_items;
pub mod admin_texts;
pub mod content;
pub mod form;
pub mod model;
pub mod next_step;
pub mod plots;
pub mod public;
pub mod queries;
pub mod roles;
pub mod rounds;
pub mod structure;
pub mod times;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Public and admin contest routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::index))
        .route("/admin", get(admin::index))
        .route("/admin/audit", get(admin::audit_page))
        .route("/admin/contests", post(admin::create))
        .route("/admin/contests/new", get(admin::new_page))
        .route(
            "/admin/contests/{id}",
            get(admin::edit_page).post(admin::update),
        )
        .route(
            "/admin/contests/{id}/categories",
            post(admin_items::add_category),
        )
        .route(
            "/admin/contests/{id}/categories/{item}/delete",
            post(admin_items::delete_category),
        )
        .route(
            "/admin/contests/{id}/criteria",
            post(admin_items::add_criterion),
        )
        .route(
            "/admin/contests/{id}/criteria/{item}/delete",
            post(admin_items::delete_criterion),
        )
        .route("/admin/contests/{id}/plots/{name}", get(plots::plot))
        .route(
            "/admin/contests/{id}/texts",
            get(admin_texts::page).post(admin_texts::save),
        )
        .route(
            "/admin/contests/{id}/language",
            post(admin_texts::own_language),
        )
}
