//! Accepting photos: each received file (see `receive`) goes through the
//! anonymizing pipeline on a blocking thread, within the decode permits and
//! the decode memory budget, after the contest's own rules (minimum size,
//! capture window) are checked from its header and EXIF; its three files
//! are stored durably before any row points to them.

use crate::contests::queries::Contest;
use crate::images::exif::Capture;
use crate::images::pipeline::{check, memory_estimate};
use crate::images::{Refusal, derive};
use crate::submissions::photo_rows::StoredPhoto;
pub use crate::submissions::receive::{
    Accepting, FormError, MAX_FILES_PER_REQUEST, PhotoForm, Received, read_form, read_photo_form,
};
use crate::{error::AppError, state::AppState};

/// Files an accepted photo stored, with whether each was new (so that an
/// upload that loses a race can take back what it added).
#[derive(Debug)]
pub struct StoredUpload {
    /// The stored photo, for the row.
    pub photo: StoredPhoto,
    /// The hashes this upload created (none that were already stored).
    pub created: Vec<String>,
}

/// What a contest asks of each photo, checked before decoding.
#[derive(Debug, Clone, Default)]
pub struct PhotoRules {
    /// Smallest long edge in pixels (0: any).
    pub min_long_edge: i64,
    /// First capture day allowed, `YYYY-MM-DD`.
    pub taken_from: Option<String>,
    /// Last capture day allowed.
    pub taken_until: Option<String>,
}

impl PhotoRules {
    /// The rules of a contest.
    pub fn of(contest: &Contest) -> Self {
        Self {
            min_long_edge: contest.min_long_edge,
            taken_from: contest.taken_from.clone(),
            taken_until: contest.taken_until.clone(),
        }
    }

    /// Refuses a photo the camera's clock dates outside the window; one
    /// without a date passes (screening flags it).
    fn check_taken(&self, capture: &Capture) -> Result<(), Refusal> {
        let Some(taken) = capture.taken else {
            return Ok(());
        };
        // Both sides are `YYYY-MM-DD`, which order as text.
        let day = taken.date().format("%Y-%m-%d").to_string();
        let early = self.taken_from.as_ref().is_some_and(|from| day < *from);
        let late = self.taken_until.as_ref().is_some_and(|until| day > *until);
        if early || late {
            return Err(Refusal::TakenOutsideWindow {
                taken: day,
                from: self.taken_from.clone(),
                until: self.taken_until.clone(),
            });
        }
        Ok(())
    }
}

/// Runs the pipeline on one received file and stores the original and its
/// derivatives. Returns the stored files, or why the photo was refused.
pub async fn accept(
    state: &AppState,
    received: &Received,
    rules: &PhotoRules,
) -> Result<Result<StoredUpload, Refusal>, AppError> {
    let outcome = accept_counted(state, received, rules).await;
    if let Ok(result) = &outcome {
        let kind = result.as_ref().map_or_else(Refusal::kind, |_| "accepted");
        state.metrics.upload(kind);
    }
    outcome
}

async fn accept_counted(
    state: &AppState,
    received: &Received,
    rules: &PhotoRules,
) -> Result<Result<StoredUpload, Refusal>, AppError> {
    let min_long_edge = rules.min_long_edge;
    let limits = state.config.image_limits;
    // Decoding is CPU- and memory-heavy: never more at once than the permits.
    let _permit = state
        .decode_permits
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let path = received.temp().path().to_owned();
    let (bytes, header, capture) = tokio::task::spawn_blocking(move || {
        let bytes = std::fs::read(&path)?;
        let header = check(&bytes, &limits);
        let capture = Capture::read(&bytes);
        Ok::<_, std::io::Error>((bytes, header, capture))
    })
    .await?
    .map_err(|e| crate::error::storage_error(e, "reading a received upload"))?;
    let (width, height) = match header {
        Ok((_, width, height)) => (width, height),
        Err(refusal) => return Ok(Err(refusal)),
    };
    // The contest's minimum resolution, from the header, before any decoding.
    if i64::from(width.max(height)) < min_long_edge {
        let min = u32::try_from(min_long_edge).unwrap_or(u32::MAX);
        return Ok(Err(Refusal::TooSmall { width, height, min }));
    }
    if let Err(refusal) = rules.check_taken(&capture) {
        return Ok(Err(refusal));
    }
    // The decode's share of the memory all decodes together may use.
    let _memory = state
        .decode_memory
        .reserve(memory_estimate(width, height, bytes.len(), &limits))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let metrics = state.metrics.clone();
    let (bytes, derived) = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let derived = derive(&bytes, &limits);
        metrics.derive_time(started.elapsed().as_secs_f64());
        (bytes, derived)
    })
    .await?;
    let derived = match derived {
        Ok(derived) => derived,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let original_bytes = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    // All three or none: a full disk (or a store gone) half-way leaves no
    // file behind.
    let files = vec![
        bytes::Bytes::from(bytes),
        bytes::Bytes::from(derived.large.bytes),
        bytes::Bytes::from(derived.thumb.bytes),
    ];
    let stored = state
        .files
        .put_all(files)
        .await
        .map_err(|e| crate::error::storage_error(e, "storing a photo"))?;
    let created = stored
        .iter()
        .filter(|(_, created)| *created)
        .map(|(hash, _)| hash.clone())
        .collect();
    let [original, large, thumb] = <[(String, bool); 3]>::try_from(stored).map_err(|_| {
        AppError::Internal(anyhow::anyhow!(
            "the store returned the wrong number of hashes"
        ))
    })?;
    let photo = StoredPhoto {
        title: String::new(),
        caption: String::new(),
        original_bytes,
        original_sha256: original.0,
        large_sha256: large.0,
        thumb_sha256: thumb.0,
        width: i64::from(derived.width),
        height: i64::from(derived.height),
        fingerprint: Some(derived.fingerprint),
        capture,
    };
    Ok(Ok(StoredUpload { photo, created }))
}
