//! Receiving a multipart form of files: read with limits enforced while it
//! streams (multer), each file part written to a temp file as it arrives
//! (never held in memory) within the server-wide in-flight budget, and
//! refused from its first bytes if it is not what the form takes (a photo,
//! or a camera original at finalist verification).

use crate::i18n::Msg;
use std::collections::HashMap;
use std::io::Write;

use axum::body::Body;
use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};

use crate::images::Refusal;
use crate::images::sniff;
use crate::images::store::TempFile;
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
    Malformed(Msg),
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
            FormError::Refused(refusal) => AppError::BadRequest(refusal.msg()),
            FormError::Malformed(message) => AppError::BadRequest(message),
            FormError::Busy => AppError::Unavailable(crate::error::UPLOADS_BUSY),
            FormError::Io(err) => crate::error::storage_error(err, "receiving an upload"),
        }
    }
}

/// What a form's file parts may be: how large, and what their first bytes
/// must start (`Ok`), or why not (`Err`, decided once [`SNIFF_BYTES`] are in
/// or the file ended).
#[derive(Clone, Copy)]
pub struct Accepting {
    /// The largest file.
    pub max_bytes: u64,
    /// Judges a file by its first bytes.
    pub sniff: fn(&[u8]) -> Result<(), Refusal>,
}

impl Accepting {
    /// Photos (JPEG, PNG) within the image limits.
    pub fn photos(state: &AppState) -> Self {
        Self {
            max_bytes: state.config.image_limits.max_bytes,
            sniff: |head| sniff::sniff(head).map(|_| ()).map_err(Refusal::NotAPhoto),
        }
    }
}

/// Reads a photo form (see [`read_form`]).
pub async fn read_photo_form(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<PhotoForm, FormError> {
    read_form(state, headers, body, Accepting::photos(state)).await
}

/// Reads the multipart body with every limit applied while streaming; file
/// parts go to temp files within the server-wide in-flight budget.
pub async fn read_form(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    accepting: Accepting,
) -> Result<PhotoForm, FormError> {
    let max_bytes = accepting.max_bytes;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| FormError::Malformed(Msg::new("upload-use-the-form")))?;
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
            return Err(FormError::Malformed(Msg::new("upload-too-many-fields")));
        }
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" || name == "files" {
            if form.files.len() == MAX_FILES_PER_REQUEST {
                return Err(FormError::Malformed(
                    Msg::new("upload-too-many-files").arg("max", MAX_FILES_PER_REQUEST),
                ));
            }
            let mut field = field;
            match receive_file(state, &mut field, accepting).await {
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
            return Err(FormError::Malformed(Msg::new("upload-unexpected-field")));
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
    accepting: Accepting,
) -> Result<FilePart, FormError> {
    let max_bytes = accepting.max_bytes;
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
            match (accepting.sniff)(&head) {
                Ok(()) => sniffed = true,
                Err(refusal) if head.len() >= SNIFF_BYTES => {
                    return Ok(FilePart::NotAPhoto(refusal));
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
    if !sniffed && let Err(refusal) = (accepting.sniff)(&head) {
        return Ok(FilePart::NotAPhoto(refusal));
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
            FormError::Malformed(Msg::new("upload-text-far-too-long"))
        }
        multer::Error::FieldSizeExceeded { .. } | multer::Error::StreamSizeExceeded { .. } => {
            FormError::Refused(Refusal::TooBig(max_bytes))
        }
        _ => FormError::Malformed(Msg::new("upload-interrupted")),
    }
}

impl Received {
    /// The temp file it was received into.
    pub fn temp(&self) -> &TempFile {
        &self.temp
    }
}
