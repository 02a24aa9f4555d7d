//! Receiving photos: the multipart body is read with limits enforced while it
//! streams (multer), each file part goes to a temp file as it arrives (never
//! held in memory) and is refused from its first bytes if it is not a photo;
//! then each file goes through the anonymizing pipeline on a blocking thread,
//! within the decode permits and the decode memory budget, and its three
//! files are stored durably before any row points to them.

use std::collections::HashMap;
use std::io::Write;

use axum::body::Body;
use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};

use crate::images::pipeline::{check, memory_estimate};
use crate::images::sniff::{self, Accepted};
use crate::images::store::TempFile;
use crate::images::{Refusal, derive};
use crate::submissions::photo_rows::StoredPhoto;
use crate::{error::AppError, state::AppState};

/// Text fields a photo form may carry, and their size limit.
const TEXT_FIELDS: [&str; 4] = ["title", "caption", "csrf", "dir"];
const TEXT_FIELD_BYTES: u64 = 16 * 1024;
/// Files in one request: one photo form, or one file per request from the script.
pub const MAX_FILES_PER_REQUEST: usize = 20;
/// The most of a file's first bytes looked at to name what it is.
const SNIFF_BYTES: usize = 1024;
/// One file of the form, received into a temp file (removed when dropped).
#[derive(Debug)]
pub struct Received {
    temp: TempFile,
    /// Its length in bytes.
    pub len: u64,
    /// The SHA-256 of its bytes (the receipt's hash), computed as they arrived.
    pub sha256: String,
    /// Its share of the in-flight budget, given back when it is dropped.
    _budget: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// A multipart photo form, read.
#[derive(Debug, Default)]
pub struct PhotoForm {
    /// Text fields by name (last one wins).
    pub fields: HashMap<String, String>,
    /// Non-empty file parts in order. Their names are deliberately not kept.
    pub files: Vec<Received>,
    /// A file part that was not a photo: reading stopped there, so `files`
    /// holds the ones before it.
    pub stopped_at: Option<Refusal>,
}

impl PhotoForm {
    /// A text field, trimmed, or "".
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|s| crate::web::text::clean(s))
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
    /// The server is receiving as many bytes as it allows at once.
    #[error("busy")]
    Busy,
    /// The temp file could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<FormError> for AppError {
    fn from(err: FormError) -> Self {
        match err {
            FormError::Refused(refusal) => AppError::BadRequest(refusal.to_string()),
            FormError::Malformed(message) => AppError::BadRequest(message),
            FormError::Busy => AppError::Unavailable(crate::error::UPLOADS_BUSY),
            FormError::Io(err) => crate::error::storage_error(err, "receiving an upload"),
        }
    }
}

/// Reads the multipart body with every limit applied while streaming; file
/// parts go to temp files within the server-wide in-flight budget.
pub async fn read_photo_form(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<PhotoForm, FormError> {
    let max_bytes = state.config.image_limits.max_bytes;
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
            if form.files.len() == MAX_FILES_PER_REQUEST {
                return Err(FormError::Malformed(format!(
                    "Send at most {MAX_FILES_PER_REQUEST} photos at once."
                )));
            }
            let mut field = field;
            match receive_file(state, &mut field, max_bytes).await {
                Ok(FilePart::Empty) => {}
                Ok(FilePart::Photo(received)) => form.files.push(received),
                Ok(FilePart::NotAPhoto(refusal)) => {
                    // Nothing more is kept: a refused file costs the server
                    // its first kilobyte, not its length; the answer goes
                    // out now while the rest is read and dropped.
                    tokio::spawn(drain(multipart, field));
                    state.metrics.upload(refusal.kind());
                    form.stopped_at = Some(refusal);
                    return Ok(form);
                }
                Err(err @ (FormError::Busy | FormError::Io(_))) => {
                    tokio::spawn(drain(multipart, field));
                    return Err(err);
                }
                Err(err) => return Err(err),
            }
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

/// The most of a refused request's remaining body read (and thrown away)
/// so that the client, still sending, can read the answer: a server that
/// closes with unread bytes makes the kernel reset the connection, and the
/// browser shows "network error" instead of the reason. Past this, or past
/// the body idle timeout, the connection is closed anyway.
const DRAIN_BYTES: u64 = 64 * 1000 * 1000;

/// Reads and discards the rest of a refused form, up to [`DRAIN_BYTES`]
/// (and within the body's idle timeout), after the answer has gone out.
async fn drain(multipart: multer::Multipart<'static>, field: multer::Field<'static>) {
    let _ = tokio::time::timeout(DRAIN_TIME, drain_bytes(multipart, field)).await;
}

/// The longest a refused body is read for.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(60);

async fn drain_bytes(mut multipart: multer::Multipart<'static>, mut field: multer::Field<'static>) {
    let mut read = 0u64;
    loop {
        while let Ok(Some(chunk)) = field.chunk().await {
            read += chunk.len() as u64;
            if read > DRAIN_BYTES {
                return;
            }
        }
        match multipart.next_field().await {
            Ok(Some(next)) => field = next,
            _ => return,
        }
    }
}

enum FilePart {
    /// An empty file input sends an empty part; it is not a file.
    Empty,
    Photo(Received),
    NotAPhoto(Refusal),
}

/// Streams one file part to a temp file, hashing it as it goes; decides from
/// its first bytes whether it is a photo at all.
async fn receive_file(
    state: &AppState,
    field: &mut multer::Field<'_>,
    max_bytes: u64,
) -> Result<FilePart, FormError> {
    let mut head: Vec<u8> = Vec::new();
    let mut sniffed = false;
    let mut budget = None;
    let mut sha = Sha256::new();
    let mut len = 0u64;
    let (temp, file) = state.files.temp_file()?;
    let mut file = std::io::BufWriter::with_capacity(256 * 1024, file);
    while let Some(chunk) = field.chunk().await.map_err(|e| map_multer(e, max_bytes))? {
        state
            .upload_budget
            .take(&mut budget, chunk.len())
            .map_err(|_| FormError::Busy)?;
        if !sniffed {
            let room = SNIFF_BYTES.saturating_sub(head.len());
            head.extend_from_slice(&chunk[..chunk.len().min(room)]);
            match sniff::sniff(&head) {
                Ok(Accepted::Jpeg | Accepted::Png) => sniffed = true,
                Err(other) if head.len() >= SNIFF_BYTES => {
                    return Ok(FilePart::NotAPhoto(Refusal::NotAPhoto(other)));
                }
                Err(_) => {}
            }
        }
        sha.update(&chunk);
        len += chunk.len() as u64;
        // A chunk is at most a few hundred KiB: written in place, not worth
        // a blocking thread each.
        file.write_all(&chunk)?;
    }
    file.flush()?;
    if len == 0 {
        return Ok(FilePart::Empty);
    }
    if !sniffed && let Err(other) = sniff::sniff(&head) {
        return Ok(FilePart::NotAPhoto(Refusal::NotAPhoto(other)));
    }
    Ok(FilePart::Photo(Received {
        temp,
        len,
        sha256: hex::encode(sha.finalize()),
        _budget: budget,
    }))
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

/// Files an accepted photo stored, with whether each was new (so that an
/// upload that loses a race can take back what it added).
#[derive(Debug)]
pub struct StoredUpload {
    /// The stored photo, for the row.
    pub photo: StoredPhoto,
    /// The hashes this upload created (none that were already stored).
    pub created: Vec<String>,
}

/// Runs the pipeline on one received file and stores the original and its
/// derivatives. Returns the stored files, or why the photo was refused.
pub async fn accept(
    state: &AppState,
    received: &Received,
    min_long_edge: i64,
) -> Result<Result<StoredUpload, Refusal>, AppError> {
    let outcome = accept_counted(state, received, min_long_edge).await;
    if let Ok(result) = &outcome {
        let kind = result.as_ref().map_or_else(Refusal::kind, |_| "accepted");
        state.metrics.upload(kind);
    }
    outcome
}

async fn accept_counted(
    state: &AppState,
    received: &Received,
    min_long_edge: i64,
) -> Result<Result<StoredUpload, Refusal>, AppError> {
    let limits = state.config.image_limits;
    // Decoding is CPU- and memory-heavy: never more at once than the permits.
    let _permit = state
        .decode_permits
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let path = received.temp.path().to_owned();
    let (bytes, header) = tokio::task::spawn_blocking(move || {
        let bytes = std::fs::read(&path)?;
        let header = check(&bytes, &limits);
        Ok::<_, std::io::Error>((bytes, header))
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
    // The decode's share of the memory all decodes together may use.
    let _memory = state
        .decode_memory
        .reserve(memory_estimate(width, height, bytes.len(), &limits))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let files = state.files.clone();
    let metrics = state.metrics.clone();
    let stored = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let derived = derive(&bytes, &limits);
        metrics.derive_time(started.elapsed().as_secs_f64());
        let derived = match derived {
            Ok(derived) => derived,
            Err(refusal) => return Ok(Err(refusal)),
        };
        // All three or none: a full disk half-way leaves no file behind.
        let stored = files.put_all(&[&bytes, &derived.large.bytes, &derived.thumb.bytes])?;
        let created = stored
            .iter()
            .filter(|(_, created)| *created)
            .map(|(hash, _)| hash.clone())
            .collect();
        let [original, large, thumb] = <[(String, bool); 3]>::try_from(stored)
            .map_err(|_| std::io::Error::other("the store returned the wrong number of hashes"))?;
        let photo = StoredPhoto {
            title: String::new(),
            caption: String::new(),
            original_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            original_sha256: original.0,
            large_sha256: large.0,
            thumb_sha256: thumb.0,
            width: i64::from(derived.width),
            height: i64::from(derived.height),
        };
        Ok::<_, std::io::Error>(Ok(StoredUpload { photo, created }))
    })
    .await?
    .map_err(|e| crate::error::storage_error(e, "storing a photo"))?;
    Ok(stored)
}
