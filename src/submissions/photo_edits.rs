//! A participant's changes to photos already in their portfolio: titles and
//! captions, removal and order (uploads and replacements are in `photos`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::i18n::Msg;
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

/// What is wrong with a photo's title and caption (their lengths).
pub(crate) fn check_text(title: &str, caption: &str) -> Vec<Msg> {
    let mut errors = Vec::new();
    if title.chars().count() > MAX_TITLE_CHARS {
        errors.push(Msg::new("entry-title-too-long").arg("max", MAX_TITLE_CHARS));
    }
    if caption.chars().count() > MAX_CAPTION_CHARS {
        errors.push(Msg::new("entry-caption-too-long").arg("max", MAX_CAPTION_CHARS));
    }
    errors
}

/// `POST /contests/{slug}/entry/texts`: every title and caption of the
/// portfolio at once (`title-{photo id}`, `caption-{photo id}`), so one Save
/// keeps all that was edited. Fields of photos not in this portfolio are
/// ignored; any text over its limit refuses the whole form, changing nothing.
pub async fn update_texts(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let entry = load_open(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio;
    let field = |name: String| form.iter().find(|(k, _)| *k == name).map(|(_, v)| clean(v));
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for photo in queries::photos_of(&state.db, portfolio.id).await? {
        let title = field(format!("title-{}", photo.id));
        let caption = field(format!("caption-{}", photo.id));
        if title.is_none() && caption.is_none() {
            continue;
        }
        let title = title.unwrap_or(photo.title);
        let caption = caption.unwrap_or(photo.caption);
        for error in check_text(&title, &caption) {
            if !errors.contains(&error) {
                errors.push(error);
            }
        }
        texts.push((photo.id, title, caption));
    }
    if !errors.is_empty() {
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    }
    queries::update_photo_texts(&state.db, portfolio.id, &texts).await?;
    reflag(&state, &entry.user, portfolio.id).await?;
    back_to_entry(&ctx, &entry.contest, Done::TextsSaved).await
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
