//! A participant's photos: upload (plain form or one request per file from the
//! progress-bar script), titles and captions, order, replacement, removal, and
//! the owner's own view of the derivatives.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::contests::model::JudgingUnit;
use crate::contests::queries::Contest;
use crate::contests::structure;
use crate::i18n::Msg;
use crate::images::Refusal;
use crate::submissions::entry::{
    Done, back_to_entry, ensure_open, entry_response, load, load_open_with_photo, photo_limit,
    reflag,
};
use crate::submissions::likeness;
use crate::submissions::photo_edits::check_text;
use crate::submissions::photo_rows::{self, Inserted};
use crate::submissions::queries::{self, Duplicate, Photo, Portfolio};
use crate::submissions::upload::{self, FormError, PhotoRules, Received};
use crate::web::{Ctx, wants_json};
use crate::{error::AppError, state::AppState};

fn json(status: StatusCode, body: serde_json::Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// One uploaded file's outcome.
enum Outcome {
    Added(Option<i64>),
    Refused(Msg),
    /// The portfolio holds this many photos, the most it may.
    Full(i64),
}

/// "Already in this contest", with the entry number only when the photo is
/// in the participant's own portfolio: another person's number is theirs.
fn already_in(duplicate: &Duplicate, portfolio_id: i64) -> Msg {
    match duplicate
        .number
        .filter(|_| duplicate.portfolio_id == portfolio_id)
    {
        Some(number) => Msg::new("entry-already-yours").arg("number", number),
        None => Msg::new("entry-already-in"),
    }
}

/// Removes the files an upload created when its row was not written after
/// all (it lost the race for the last place), unless a row names them.
async fn take_back(state: &AppState, created: Vec<String>) -> Result<(), AppError> {
    release_files(&state.db, &state.files, created).await?;
    Ok(())
}

/// Removes each stored file that no photo row needs any more (an upload
/// that lost a race, files deleted by retention or a withdrawal), a few
/// hundred at a time. Returns how many were removed; one that cannot be
/// removed is logged and left.
pub async fn release_files(
    db: &crate::db::Db,
    files: &crate::images::Objects,
    hashes: Vec<String>,
) -> Result<usize, AppError> {
    let mut removed = 0;
    for chunk in hashes.chunks(RELEASE_BATCH) {
        let needed = queries::files_still_needed(db, chunk).await?;
        let unneeded: Vec<String> = chunk
            .iter()
            .filter(|hash| !needed.contains(*hash))
            .cloned()
            .collect();
        for hash in unneeded {
            match files.remove(&hash).await {
                Ok(()) => removed += 1,
                Err(err) => tracing::warn!(error = %err, "could not remove a stored file"),
            }
        }
    }
    Ok(removed)
}

/// Files looked up and removed together (well under every database's limit
/// of bound parameters: each hash is bound once and used three times).
const RELEASE_BATCH: usize = 400;

async fn add_one(
    state: &AppState,
    contest: &Contest,
    portfolio: &Portfolio,
    received: &Received,
    (title, caption): (&str, &str),
    limit: i64,
) -> Result<Outcome, AppError> {
    if let Some(duplicate) =
        queries::duplicate_of(&state.db, portfolio.contest_id, &received.sha256).await?
    {
        return Ok(Outcome::Refused(already_in(&duplicate, portfolio.id)));
    }
    let upload = match upload::accept(state, received, &PhotoRules::of(contest)).await? {
        Ok(upload) => upload,
        Err(refusal) => return Ok(Outcome::Refused(refusal.msg())),
    };
    // The same picture saved again (other metadata, PNG instead of JPEG)
    // into the same portfolio: one photograph, entered once.
    if let Some(fingerprint) = &upload.photo.fingerprint
        && let Some(duplicate) =
            likeness::same_pixels_in(&state.db, portfolio.id, &fingerprint.pixels).await?
    {
        take_back(state, upload.created).await?;
        return Ok(Outcome::Refused(already_in(&duplicate, portfolio.id)));
    }
    let mut stored = upload.photo;
    stored.title = title.to_owned();
    stored.caption = caption.to_owned();
    let numbered = contest.judging_unit == JudgingUnit::Photo;
    let now = state.now().timestamp();
    let inserted = photo_rows::insert_photo(
        &state.db,
        portfolio.contest_id,
        portfolio.id,
        &stored,
        numbered,
        limit,
        now,
    )
    .await?;
    match inserted {
        Inserted::Added(id) => {
            let number = queries::photo_of(&state.db, portfolio.id, id)
                .await?
                .and_then(|p| p.number);
            Ok(Outcome::Added(number))
        }
        Inserted::Full(count) => {
            take_back(state, upload.created).await?;
            Ok(Outcome::Full(count))
        }
        // The same bytes make the same files: the other row names them.
        Inserted::Duplicate => Ok(Outcome::Refused(Msg::new("entry-already-in"))),
    }
}

fn full_message(count: i64) -> Msg {
    Msg::new("entry-portfolio-full").arg("n", count)
}

/// `POST /contests/{slug}/entry/photos?csrf=…` (multipart: title, caption, file…).
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let json_reply = wants_json(&headers);
    let ctx_lang = ctx.lang;
    match add_photos(state, ctx, slug, headers, body).await {
        // The page's script shows `error` under the file's progress bar, so
        // failures (disk full, database down, too busy) answer in JSON too.
        Err(err) if json_reply => {
            if let AppError::Internal(inner) = &err {
                tracing::error!(error = ?inner, "upload failed");
            }
            let (status, message) = err.status_and_message();
            let message = ctx_lang.msg(&message);
            let mut response = json(status, serde_json::json!({ "error": message }));
            if let Some(seconds) = err.retry_after() {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.into());
            }
            Ok(response)
        }
        other => other,
    }
}

async fn add_photos(
    state: AppState,
    ctx: Ctx,
    slug: String,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let entry = load(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio.ok_or(AppError::NotFound)?;
    let json_reply = wants_json(&headers);
    if let Err(err) = ensure_open(&state, &entry.contest) {
        return match (json_reply, err) {
            (true, AppError::Conflict(msg)) => Ok(json(
                StatusCode::CONFLICT,
                serde_json::json!({ "error": ctx.lang.msg(&msg) }),
            )),
            (_, err) => Err(err),
        };
    }
    let mut errors = Vec::new();
    let mut added = Vec::new();
    match upload::read_photo_form(&state, &headers, body).await {
        Err(FormError::Refused(refusal)) => errors.push(refusal.msg()),
        Err(FormError::Malformed(msg)) => errors.push(msg),
        Err(err) => return Err(err.into()),
        Ok(form) => {
            let (title, caption) = (form.text("title"), form.text("caption"));
            errors.extend(check_text(&title, &caption));
            if form.files.is_empty() && form.stopped_at.is_none() && errors.is_empty() {
                errors.push(Refusal::NotAPhoto(crate::images::sniff::Other::Empty).msg());
            }
            let categories = structure::categories_of(&state.db, entry.contest.id).await?;
            let limit = photo_limit(&entry.contest, &categories, portfolio.category_id);
            for received in &form.files {
                if !errors.is_empty() {
                    break;
                }
                // Cheap first look, before decoding; the insert counts again.
                let count = i64::try_from(queries::photos_of(&state.db, portfolio.id).await?.len())
                    .unwrap_or(i64::MAX);
                if count >= limit {
                    errors.push(full_message(count));
                    break;
                }
                // A title names one photo: with several files in one form
                // (no script), the first gets it and the others none.
                let text = if added.is_empty() {
                    (title.as_str(), caption.as_str())
                } else {
                    ("", "")
                };
                match add_one(&state, &entry.contest, &portfolio, received, text, limit).await? {
                    Outcome::Added(number) => added.push(number),
                    Outcome::Refused(msg) => errors.push(msg),
                    Outcome::Full(count) => errors.push(full_message(count)),
                }
            }
            if errors.is_empty()
                && let Some(refusal) = &form.stopped_at
            {
                errors.push(refusal.msg());
            }
        }
    }
    if !added.is_empty() {
        reflag(&state, &entry.user, portfolio.id).await?;
    }
    if json_reply {
        let words: Vec<String> = errors.iter().map(|m| ctx.lang.msg(m)).collect();
        return Ok(if errors.is_empty() {
            json(StatusCode::OK, serde_json::json!({ "added": added }))
        } else {
            json(
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({ "error": words.join(" "), "added": added }),
            )
        });
    }
    if errors.is_empty() {
        back_to_entry(&ctx, &entry.contest, Done::Added(added.len())).await
    } else {
        entry_response(&state, &ctx, entry.contest, portfolio, errors).await
    }
}

/// `POST /contests/{slug}/entry/photos/{id}/replace?csrf=…` (multipart `file`):
/// new pixels under the same number, title and place.
pub async fn replace(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, photo_id)): Path<(String, i64)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let entry = load_open_with_photo(&state, &ctx, &slug, photo_id).await?;
    let portfolio = entry.portfolio;
    let form = match upload::read_photo_form(&state, &headers, body).await {
        Ok(form) => form,
        Err(err @ (FormError::Busy | FormError::Io(_))) => return Err(err.into()),
        Err(err) => {
            let errors = vec![match err {
                FormError::Refused(refusal) => refusal.msg(),
                FormError::Malformed(msg) => msg,
                _ => Msg::new("upload-interrupted"),
            }];
            return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
        }
    };
    let Some(received) = form.files.first() else {
        let errors = vec![match &form.stopped_at {
            Some(refusal) => refusal.msg(),
            None => Msg::new("entry-choose-replacement"),
        }];
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    };
    if let Some(duplicate) =
        queries::duplicate_of(&state.db, portfolio.contest_id, &received.sha256).await?
    {
        let errors = vec![already_in(&duplicate, portfolio.id)];
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    }
    let upload = match upload::accept(&state, received, &PhotoRules::of(&entry.contest)).await? {
        Ok(upload) => upload,
        Err(refusal) => {
            let errors = vec![refusal.msg()];
            return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
        }
    };
    let now = state.now().timestamp();
    let owner = (portfolio.contest_id, portfolio.id);
    if !photo_rows::replace_photo_files(&state.db, owner, photo_id, &upload.photo, now).await? {
        take_back(&state, upload.created).await?;
        return Err(AppError::NotFound);
    }
    back_to_entry(&ctx, &entry.contest, Done::Replaced(photo_id)).await
}

/// `GET /contests/{slug}/entry/photos/{id}/{size}` (`thumb.jpg` or `large.jpg`):
/// the owner's own derivatives, named by entry, never by the uploaded name.
pub async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, photo_id, size)): Path<(String, i64, String)>,
) -> Result<Response, AppError> {
    let entry = load(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio.ok_or(AppError::NotFound)?;
    let photo = queries::photo_of(&state.db, portfolio.id, photo_id)
        .await?
        .ok_or(AppError::NotFound)?;
    serve_derivative(&state, &photo, &size).await
}

/// Answers with a photo's `thumb.jpg` or `large.jpg`, read from the store.
pub(crate) async fn serve_derivative(
    state: &AppState,
    photo: &Photo,
    size: &str,
) -> Result<Response, AppError> {
    let hash = match size {
        "thumb.jpg" => &photo.thumb_sha256,
        "large.jpg" => &photo.large_sha256,
        _ => return Err(AppError::NotFound),
    };
    Ok(crate::web::jpeg(
        state.files.read_derivative(hash.clone()).await?,
        "private, max-age=300",
    ))
}
