//! Receiving photos: the multipart body is read with limits enforced while it
//! streams (multer), each file goes through the anonymizing pipeline on a
//! blocking thread behind a semaphore sized to the cores, and its three files
//! are stored durably before any row points to them.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{HeaderMap, header};
use bytes::Bytes;

use crate::images::pipeline::check;
use crate::images::{Refusal, derive, store::sha256_hex};
use crate::submissions::stored::StoredPhoto;
use crate::{AppError, AppState};

/// Text fields a photo form may carry, and their size limit.
const TEXT_FIELDS: [&str; 4] = ["title", "caption", "csrf", "dir"];
const TEXT_FIELD_BYTES: u64 = 16 * 1024;
/// Files in one request: one photo form, or one file per request from the script.
pub const MAX_FILES_PER_REQUEST: usize = 20;

/// A multipart photo form, read.
#[derive(Debug, Default)]
pub struct PhotoForm {
    /// Text fields by name (last one wins).
    pub fields: HashMap<String, String>,
    /// File contents in order. Their names are deliberately not kept.
    pub files: Vec<Bytes>,
}

impl PhotoForm {
    /// A text field, trimmed, or "".
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|s| super::text::clean(s))
            .unwrap_or_default()
    }
}

/// Why a photo form could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// A file over the limit (the message is the pipeline's).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// Not a multipart form, too many fields, a malformed body.
    #[error("{0}")]
    Malformed(String),
}

/// Reads the multipart body with every limit applied while streaming.
pub async fn read_photo_form(
    headers: &HeaderMap,
    body: Body,
    max_bytes: u64,
) -> Result<PhotoForm, FormError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| FormError::Malformed("Send the photo with the upload form.".into()))?;
    let mut limit = multer::SizeLimit::new()
        .whole_stream(max_bytes.saturating_mul(MAX_FILES_PER_REQUEST as u64) + 1024 * 1024)
        .per_field(max_bytes);
    for name in TEXT_FIELDS {
        limit = limit.for_field(name, TEXT_FIELD_BYTES);
    }
    let constraints = multer::Constraints::new().size_limit(limit);
    let mut multipart =
        multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut form = PhotoForm::default();
    let mut parts = 0;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err(map_multer(err, max_bytes)),
        };
        parts += 1;
        if parts > MAX_FILES_PER_REQUEST + TEXT_FIELDS.len() * MAX_FILES_PER_REQUEST {
            return Err(FormError::Malformed(
                "This form has too many fields.".into(),
            ));
        }
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" || name == "files" {
            let bytes = field.bytes().await.map_err(|e| map_multer(e, max_bytes))?;
            // An empty file input sends an empty part; a chosen empty file is refused later.
            if form.files.len() == MAX_FILES_PER_REQUEST {
                return Err(FormError::Malformed(format!(
                    "Send at most {MAX_FILES_PER_REQUEST} photos at once."
                )));
            }
            form.files.push(bytes);
        } else if TEXT_FIELDS.contains(&name.as_str()) {
            let text = field.text().await.map_err(|e| map_multer(e, max_bytes))?;
            form.fields.insert(name, text);
        } else {
            return Err(FormError::Malformed(
                "This form has a field it should not have.".into(),
            ));
        }
    }
    Ok(form)
}

fn map_multer(err: multer::Error, max_bytes: u64) -> FormError {
    match err {
        multer::Error::FieldSizeExceeded { field_name, .. }
            if field_name
                .as_deref()
                .is_some_and(|n| TEXT_FIELDS.contains(&n)) =>
        {
            FormError::Malformed("A title or caption is far too long.".into())
        }
        multer::Error::FieldSizeExceeded { .. } | multer::Error::StreamSizeExceeded { .. } => {
            FormError::Refused(Refusal::TooBig(max_bytes))
        }
        _ => FormError::Malformed("The upload was interrupted or malformed. Try again.".into()),
    }
}

/// Runs the pipeline on one file and stores the original and its derivatives.
/// Returns the stored files, or why the photo was refused.
pub async fn accept(
    state: &AppState,
    bytes: Bytes,
    min_long_edge: i64,
) -> Result<Result<StoredPhoto, Refusal>, AppError> {
    let limits = state.config.image_limits;
    // Decoding is CPU- and memory-heavy: never more at once than the permits.
    let _permit = state
        .decode_permits
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let files = state.files.clone();
    let stored = tokio::task::spawn_blocking(move || {
        // The contest's minimum resolution, from the header, before any decoding.
        if let Ok((_, width, height)) = check(&bytes, &limits)
            && i64::from(width.max(height)) < min_long_edge
        {
            let min = u32::try_from(min_long_edge).unwrap_or(u32::MAX);
            return Ok(Err(Refusal::TooSmall { width, height, min }));
        }
        let derived = match derive(&bytes, &limits) {
            Ok(derived) => derived,
            Err(refusal) => return Ok(Err(refusal)),
        };
        // All three or none: a full disk half-way leaves no file behind.
        let hashes = files.put_all(&[&bytes, &derived.large.bytes, &derived.thumb.bytes])?;
        let [original_sha256, large_sha256, thumb_sha256] = <[String; 3]>::try_from(hashes)
            .map_err(|_| std::io::Error::other("the store returned the wrong number of hashes"))?;
        Ok::<_, std::io::Error>(Ok(StoredPhoto {
            title: String::new(),
            caption: String::new(),
            original_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            original_sha256,
            large_sha256,
            thumb_sha256,
            width: i64::from(derived.width),
            height: i64::from(derived.height),
        }))
    })
    .await?
    .map_err(|e| {
        if crate::error::storage_unwritable(&e) {
            // Disk full or not writable: `put` removed its temp file; say so
            // plainly instead of a generic error.
            tracing::error!(error = %e, "cannot store an uploaded photo");
            return AppError::Unavailable(crate::error::STORAGE_DOWN);
        }
        AppError::Internal(anyhow::Error::from(e).context("storing a photo"))
    })?;
    Ok(stored)
}

/// The SHA-256 the receipt shows, computed before any work (duplicate check).
pub fn original_hash(bytes: &[u8]) -> String {
    sha256_hex(bytes)
}
