//! Where photos are kept: one async interface over the data dir (the
//! default, [`FileStore`]) and an S3-compatible bucket (`--storage-url`,
//! [`Bucket`]). Either way a file is named by its SHA-256 and is stored
//! whole before any row points to it; uploads are received into this
//! process's own temp folder on local disk first.

use std::io;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;

use super::bucket::{Bucket, Listed};
use super::store::{FileStore, TempFile, sha256_hex, valid_hash};
use crate::error::AppError;

/// A stored file's bytes, chunk by chunk.
pub type ByteStream = BoxStream<'static, io::Result<Bytes>>;

/// Opens a stored file's stream when called (the shape of
/// `web::download::StreamOpener`, which this layer cannot name).
pub type Opener = Arc<dyn Fn() -> BoxFuture<'static, io::Result<ByteStream>> + Send + Sync>;

/// The photo store of this process: the data dir's files, or a bucket.
#[derive(Debug, Clone)]
pub struct Objects {
    local: FileStore,
    bucket: Option<Bucket>,
}

fn not_a_hash() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256")
}

impl Objects {
    /// Opens the data dir's store (always: it holds this process's temp
    /// folder) and, with a storage URL, the bucket that holds the photos.
    pub fn open(data_dir: &Path, storage_url: Option<&str>) -> io::Result<Self> {
        let local = FileStore::open(data_dir)?;
        let bucket = storage_url.map(Bucket::open).transpose()?;
        Ok(Self { local, bucket })
    }

    /// The data dir's store (its temp folder; its files when no bucket is set).
    pub fn local(&self) -> &FileStore {
        &self.local
    }

    /// Where the photos are, for messages: the bucket or the data dir.
    pub fn label(&self) -> String {
        match &self.bucket {
            Some(bucket) => bucket.label().to_owned(),
            None => format!("{}", self.local.objects_dir().display()),
        }
    }

    /// Fails unless the store can be reached (the bucket answers).
    pub async fn check(&self) -> io::Result<()> {
        match &self.bucket {
            Some(bucket) => bucket.check().await,
            None => Ok(()),
        }
    }

    /// A new, empty temp file (0600) in this process's folder.
    pub fn temp_file(&self) -> io::Result<(TempFile, std::fs::File)> {
        self.local.temp_file()
    }

    /// Stores several files as one upload and returns their hashes in
    /// order, each with whether this call created it. In a bucket, a failure
    /// half-way deletes what this call created; a crash half-way leaves
    /// objects no row names, which `photojury storage gc` removes.
    pub async fn put_all(&self, files: Vec<Bytes>) -> io::Result<Vec<(String, bool)>> {
        let Some(bucket) = &self.bucket else {
            let local = self.local.clone();
            return tokio::task::spawn_blocking(move || {
                let refs: Vec<&[u8]> = files.iter().map(|f| f.as_ref()).collect();
                local.put_all(&refs)
            })
            .await
            .map_err(io::Error::other)?;
        };
        let hashed = tokio::task::spawn_blocking(move || {
            files
                .into_iter()
                .map(|bytes| (sha256_hex(&bytes), bytes))
                .collect::<Vec<_>>()
        })
        .await
        .map_err(io::Error::other)?;
        let mut stored = Vec::with_capacity(hashed.len());
        for (hash, bytes) in hashed {
            match bucket.put_new(&hash, bytes).await {
                Ok(created) => stored.push((hash, created)),
                Err(err) => {
                    for (hash, _) in stored.iter().filter(|(_, created)| *created) {
                        let _ = bucket.delete(hash).await;
                    }
                    return Err(err);
                }
            }
        }
        Ok(stored)
    }

    /// Stores a received temp file under `hash` (its SHA-256, computed as it
    /// arrived) without reading it into memory. Returns whether this call
    /// created the file.
    pub async fn adopt(&self, temp: &Path, hash: &str) -> io::Result<bool> {
        if !valid_hash(hash) {
            return Err(not_a_hash());
        }
        match &self.bucket {
            Some(bucket) => bucket.put_file(hash, temp).await,
            None => {
                let (local, temp, hash) = (self.local.clone(), temp.to_owned(), hash.to_owned());
                tokio::task::spawn_blocking(move || local.adopt(&temp, &hash))
                    .await
                    .map_err(io::Error::other)?
            }
        }
    }

    /// Reads a stored file whole.
    pub async fn read(&self, hash: String) -> io::Result<Vec<u8>> {
        if !valid_hash(&hash) {
            return Err(not_a_hash());
        }
        match &self.bucket {
            Some(bucket) => Ok(bucket.get(&hash).await?.to_vec()),
            None => self.local.read(hash).await,
        }
    }

    /// Reads a stored derivative for an answer. A missing file is 404 (and
    /// a warning: retention deletes the images of entries that won nothing,
    /// and `photojury verify` names any other loss); a store that cannot be
    /// reached is 503; any other failure is a logged 500.
    pub async fn read_derivative(&self, hash: String) -> Result<Vec<u8>, AppError> {
        self.read(hash.clone()).await.map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                tracing::warn!(file = %hash, "a derivative asked for is not stored");
                return AppError::NotFound;
            }
            crate::error::storage_error(e, "reading a stored derivative")
        })
    }

    /// Removes a stored file; one that is not there is not an error.
    pub async fn remove(&self, hash: &str) -> io::Result<()> {
        if !valid_hash(hash) {
            return Err(not_a_hash());
        }
        match &self.bucket {
            Some(bucket) => bucket.delete(hash).await,
            None => {
                let (local, hash) = (self.local.clone(), hash.to_owned());
                tokio::task::spawn_blocking(move || local.remove(&hash))
                    .await
                    .map_err(io::Error::other)?
            }
        }
    }

    /// A stored file's size, or `None` if it is not stored.
    pub async fn size(&self, hash: &str) -> io::Result<Option<u64>> {
        if !valid_hash(hash) {
            return Err(not_a_hash());
        }
        match (&self.bucket, self.local.path(hash)) {
            (Some(bucket), _) => bucket.size(hash).await,
            (None, Some(path)) => match tokio::fs::metadata(path).await {
                Ok(meta) => Ok(Some(meta.len())),
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(err),
            },
            (None, None) => Err(not_a_hash()),
        }
    }

    /// A stored file as a stream of chunks, read as they are asked for (a
    /// camera original can be hundreds of megabytes).
    pub async fn stream(&self, hash: &str) -> io::Result<ByteStream> {
        match (&self.bucket, self.local.path(hash)) {
            (_, None) => Err(not_a_hash()),
            (Some(bucket), Some(_)) => bucket.stream(hash).await,
            (None, Some(path)) => file_stream(&path).await,
        }
    }

    /// A stored file as a response body, sent as it is read.
    pub async fn body(&self, hash: &str) -> io::Result<Body> {
        Ok(Body::from_stream(self.stream(hash).await?))
    }

    /// Opens the stored file when called (a ZIP's member, read when the ZIP
    /// is written); fails at once if `hash` is not a SHA-256.
    pub fn opener(&self, hash: &str) -> io::Result<Opener> {
        if !valid_hash(hash) {
            return Err(not_a_hash());
        }
        let (files, hash) = (self.clone(), hash.to_owned());
        Ok(Arc::new(move || {
            let (files, hash) = (files.clone(), hash.clone());
            Box::pin(async move { files.stream(&hash).await })
        }))
    }

    /// `png` or `jpg`, by the stored photo's first bytes (files are named by
    /// hash, without an extension); `jpg` if they cannot be read.
    pub async fn extension(&self, hash: &str) -> &'static str {
        let first = match (&self.bucket, self.local.path(hash)) {
            (_, None) => return "jpg",
            (Some(bucket), Some(_)) => bucket.head_bytes(hash, 4).await.map(|b| b.to_vec()),
            (None, Some(path)) => read_first(&path).await,
        };
        if first.is_ok_and(|first| first.starts_with(b"\x89PNG")) {
            "png"
        } else {
            "jpg"
        }
    }

    /// Every stored file, with its size and when it was written.
    pub async fn list(&self) -> io::Result<Vec<Listed>> {
        match &self.bucket {
            Some(bucket) => bucket.list().await,
            None => {
                let dir = self.local.objects_dir().to_owned();
                tokio::task::spawn_blocking(move || list_dir(&dir))
                    .await
                    .map_err(io::Error::other)?
            }
        }
    }
}

async fn read_first(path: &Path) -> io::Result<Vec<u8>> {
    use tokio::io::AsyncReadExt;
    let mut first = vec![0u8; 4];
    let mut file = tokio::fs::File::open(path).await?;
    file.read_exact(&mut first).await?;
    Ok(first)
}

/// The data dir's stored files (`objects/ab/abcdef…`).
fn list_dir(objects: &Path) -> io::Result<Vec<Listed>> {
    let mut out = Vec::new();
    for folder in std::fs::read_dir(objects)? {
        let folder = folder?;
        if !folder.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(folder.path())? {
            let file = file?;
            let name = file.file_name();
            let Some(hash) = name.to_str().filter(|n| valid_hash(n)) else {
                continue;
            };
            let meta = file.metadata()?;
            let modified = meta
                .modified()?
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            out.push(Listed {
                hash: hash.to_owned(),
                size: meta.len(),
                modified,
            });
        }
    }
    Ok(out)
}

/// A file read a quarter of a megabyte at a time.
async fn file_stream(path: &Path) -> io::Result<ByteStream> {
    use tokio::io::AsyncReadExt;
    let file = tokio::fs::File::open(path).await?;
    let chunks = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0u8; 256 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(Bytes::from(buffer)), Some(file)))
            }
            // The error ends the stream; nothing is read after it.
            Err(err) => Some((Err(err), None)),
        }
    });
    Ok(chunks.boxed())
}
