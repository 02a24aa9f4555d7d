//! A participant's changes to photos already in their portfolio: titles and
//! captions, removal and order (uploads and replacements are in `photos`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::submissions::entry::{
    Done, back_to_entry, entry_response, load_open, load_open_with_photo, reflag,
};
use crate::submissions::queries;
use crate::web::Ctx;
use crate::web::text::clean;
use crate::{audit, error::AppError, state::AppState};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest caption, in characters.
pub const MAX_CAPTION_CHARS: usize = 2000;

pub(crate) fn check_text(title: &str, caption: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if title.chars().count() > MAX_TITLE_CHARS {
        errors.push(format!("A title is at most {MAX_TITLE_CHARS} characters."));
    }
    if caption.chars().count() > MAX_CAPTION_CHARS {
        errors.push(format!(
            "A caption is at most {MAX_CAPTION_CHARS} characters."
        ));
    }
    errors
}

/// The title and caption form of one photo.
#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    caption: String,
}

/// `POST /contests/{slug}/entry/photos/{id}`: title and caption.
pub async fn update_text(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, photo_id)): Path<(String, i64)>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let entry = load_open(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio;
    let (title, caption) = (clean(&form.title), clean(&form.caption));
    let (title, caption) = (title.as_str(), caption.as_str());
    let errors = check_text(title, caption);
    if !errors.is_empty() {
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    }
    if !queries::update_photo_text(&state.db, portfolio.id, photo_id, title, caption).await? {
        return Err(AppError::NotFound);
    }
    reflag(&state, &entry.user, portfolio.id).await?;
    back_to_entry(&ctx, &entry.contest, Done::TextSaved(photo_id)).await
}

/// `POST /contests/{slug}/entry/photos/{id}/delete`
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, photo_id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let entry = load_open(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio;
    if !queries::delete_photo(&state.db, portfolio.id, photo_id).await? {
        return Err(AppError::NotFound);
    }
    reflag(&state, &entry.user, portfolio.id).await?;
    let now = state.now().timestamp();
    audit::record(
        &state.db,
        now,
        Some(&entry.user),
        "entry.photo_removed",
        Some(entry.contest.id),
        "",
    )
    .await?;
    back_to_entry(&ctx, &entry.contest, Done::Removed).await
}

/// The move form.
#[derive(Deserialize)]
pub struct MoveForm {
    dir: String,
}

/// `POST /contests/{slug}/entry/photos/{id}/move` (`dir=up|down`)
pub async fn reorder(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, photo_id)): Path<(String, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let entry = load_open_with_photo(&state, &ctx, &slug, photo_id).await?;
    let portfolio = entry.portfolio;
    queries::move_photo(&state.db, portfolio.id, photo_id, form.dir == "up").await?;
    back_to_entry(&ctx, &entry.contest, Done::Moved(photo_id)).await
}
