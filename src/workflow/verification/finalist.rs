//! The finalist's side of verification: the task on their account page and
//! the upload of a camera original (RAW or out-of-camera JPEG), streamed to
//! a temp file under the configured size limit, described from its EXIF and
//! stored privately. A second file before the admin decides replaces the
//! first; after the deadline or a decision nothing more is taken.

use axum::body::Body;
use axum::http::HeaderMap;

use crate::i18n::Msg;
use crate::images::Refusal;
use crate::images::camera_file::{self, CameraFileFacts};
use crate::submissions::photos::release_files;
use crate::submissions::upload::{Accepting, FormError, read_form};
use crate::web::Ctx;
use crate::workflow::verification;
use crate::{audit, error::AppError, state::AppState};

/// Why a finalist's file was not taken; the message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalistRefusal {
    /// The deadline has passed.
    Late,
    /// The organisers have decided.
    Decided,
    /// No file in the form.
    NoFile,
}

crate::i18n::localized_error!(FinalistRefusal);

impl FinalistRefusal {
    /// What the finalist is told.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            Self::Late => "camera-late",
            Self::Decided => "camera-decided",
            Self::NoFile => "camera-no-file",
        })
    }
}

fn camera_files(state: &AppState) -> Accepting {
    Accepting {
        max_bytes: state.config.camera_original_max_bytes,
        sniff: |head| {
            camera_file::recognise(head)
                .map(|_| ())
                .ok_or(Refusal::NotACameraFile)
        },
    }
}

/// What became of a camera original sent (the account page answers).
pub enum Sent {
    /// Stored; the message to flash.
    Received(Msg),
    /// Not taken; the message to show.
    Refused(Msg),
}

/// Takes the camera original for request `vid` from its author's multipart
/// form (`POST /account/verification/{vid}`, routed by the account page).
pub async fn receive(
    state: &AppState,
    ctx: &Ctx,
    vid: i64,
    headers: &HeaderMap,
    body: Body,
) -> Result<Sent, AppError> {
    let user = ctx.require_user()?.clone();
    // Someone else's request is not found, as if it did not exist.
    let (request, contest_id, _) = verification::by_id(&state.db, vid)
        .await?
        .filter(|(_, _, owner)| *owner == user.id)
        .ok_or(AppError::NotFound)?;
    let now = state.now().timestamp();
    let refusal = if request.status.decided() {
        Some(FinalistRefusal::Decided)
    } else if now > request.due_at {
        Some(FinalistRefusal::Late)
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return Ok(Sent::Refused(refusal.msg()));
    }
    let form = match read_form(state, headers, body, camera_files(state)).await {
        Ok(form) => form,
        Err(err @ (FormError::Busy | FormError::Io(_))) => return Err(err.into()),
        Err(FormError::Refused(refusal)) => return Ok(Sent::Refused(refusal.msg())),
        Err(FormError::Malformed(msg)) => return Ok(Sent::Refused(msg)),
    };
    let Some(received) = form.files.first() else {
        let message = form
            .stopped_at
            .map_or_else(|| FinalistRefusal::NoFile.msg(), |r| r.msg());
        return Ok(Sent::Refused(message));
    };
    let path = received.temp().path().to_owned();
    let facts: CameraFileFacts =
        tokio::task::spawn_blocking(move || camera_file::facts_of_file(&path))
            .await?
            .map_err(|e| crate::error::storage_error(e, "reading a camera original"))?;
    let sha = received.sha256.clone();
    let created = state
        .files
        .adopt(received.temp().path(), &sha)
        .await
        .map_err(|e| crate::error::storage_error(e, "storing a camera original"))?;
    let bytes = i64::try_from(received.len).unwrap_or(i64::MAX);
    let replaced = verification::receive(&state.db, vid, (&sha, bytes), &facts, now).await?;
    if let Some(old) = replaced.filter(|old| *old != sha) {
        release_files(&state.db, &state.files, vec![old]).await?;
    }
    let detail = format!(
        "entry {}, photo {}: {} of {bytes} bytes, sha256 {sha}{}",
        request.entry_number,
        request.photo_id,
        facts.kind,
        if created { "" } else { " (already stored)" }
    );
    audit::record(
        &state.db,
        now,
        Some(&user),
        "verification.receive",
        Some(contest_id),
        &detail,
    )
    .await?;
    Ok(Sent::Received(
        Msg::new("camera-received").arg("number", request.entry_number),
    ))
}
