//! An S3-compatible bucket as the photo store (`--storage-url
//! s3://bucket/prefix?endpoint=…&region=…`), through the `object_store`
//! client. Objects are named as in the data dir (`objects/ab/abcdef…`, the
//! SHA-256 of their bytes), so `storage copy` moves them one to one, and
//! created with `If-None-Match: *`: an object once written is never
//! overwritten, whoever writes the same bytes again.
//!
//! Every failure other than "not there" is an I/O error of kind
//! `NotConnected`, which the handlers answer with a 503 (the store is down,
//! refuses our credentials or answers nonsense: nothing was saved).

use std::io;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as Key;
use object_store::{
    BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload,
    RetryConfig, WriteMultipart,
};

/// One stored object, as a listing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its name: the SHA-256 of its bytes.
    pub hash: String,
    /// Its size in bytes.
    pub size: u64,
    /// When it was written (unix seconds).
    pub modified: i64,
}

/// An S3 bucket (and a prefix inside it) holding the photos.
#[derive(Debug, Clone)]
pub struct Bucket {
    store: Arc<dyn ObjectStore>,
    prefix: String,
    label: String,
}

/// Camera originals are sent to the bucket in parts of this size.
const PART: usize = 8 << 20;

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// An `object_store` error as an I/O error: absent and already-present keep
/// their meaning, everything else means the store cannot be used now.
fn io_error(err: object_store::Error) -> io::Error {
    match err {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, err),
        object_store::Error::AlreadyExists { .. } | object_store::Error::Precondition { .. } => {
            io::Error::new(io::ErrorKind::AlreadyExists, err)
        }
        other => io::Error::new(io::ErrorKind::NotConnected, other),
    }
}

impl Bucket {
    /// Parses `s3://bucket[/prefix][?endpoint=URL&region=R&…]`; other query
    /// keys are `object_store`'s S3 settings (`aws_…`). Credentials come
    /// from the usual `AWS_*` environment variables.
    pub fn open(url: &str) -> io::Result<Self> {
        let parsed = url::Url::parse(url).map_err(|e| invalid(format!("{url}: {e}")))?;
        if parsed.scheme() != "s3" {
            return Err(invalid(format!(
                "{url}: the storage URL must start with s3:// (or leave it out for the data dir)"
            )));
        }
        let bucket = parsed
            .host_str()
            .filter(|b| !b.is_empty())
            .ok_or_else(|| invalid(format!("{url}: no bucket name")))?;
        // A request that hangs or a store that is down is reported within
        // seconds (503 to the uploader), not after object_store's default of
        // ten retries over three minutes.
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(100),
                max_backoff: Duration::from_secs(1),
                base: 2.0,
            },
            max_retries: 2,
            retry_timeout: Duration::from_secs(10),
        };
        let client = ClientOptions::new()
            .with_connect_timeout(Duration::from_secs(3))
            .with_timeout(Duration::from_secs(120));
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry)
            .with_client_options(client);
        let mut endpoint = None;
        for (key, value) in parsed.query_pairs() {
            match key.as_ref() {
                "endpoint" => {
                    builder = builder
                        .with_allow_http(value.starts_with("http://"))
                        .with_endpoint(value.as_ref());
                    endpoint = Some(value.into_owned());
                }
                "region" => builder = builder.with_region(value.as_ref()),
                other => {
                    let key: AmazonS3ConfigKey = other
                        .parse()
                        .map_err(|_| invalid(format!("{url}: unknown setting {other}")))?;
                    builder = builder.with_config(key, value.as_ref());
                }
            }
        }
        let store = builder
            .build()
            .map_err(|e| invalid(format!("{url}: {e}")))?;
        let prefix = parsed.path().trim_matches('/').to_owned();
        let label = match &endpoint {
            Some(endpoint) => format!("s3://{bucket}/{prefix} at {endpoint}"),
            None => format!("s3://{bucket}/{prefix}"),
        };
        Ok(Self {
            store: Arc::new(store),
            prefix,
            label,
        })
    }

    /// The bucket, prefix and endpoint, for messages (no credentials).
    pub fn label(&self) -> &str {
        &self.label
    }

    fn key(&self, hash: &str) -> Key {
        if self.prefix.is_empty() {
            Key::from(format!("objects/{}/{hash}", &hash[..2]))
        } else {
            Key::from(format!("{}/objects/{}/{hash}", self.prefix, &hash[..2]))
        }
    }

    /// Fails unless the bucket answers (a listing of at most one page).
    pub async fn check(&self) -> io::Result<()> {
        let prefix = Key::from(format!("{}/objects", self.prefix).trim_start_matches('/'));
        self.store
            .list_with_delimiter(Some(&prefix))
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    /// Writes `bytes` as the object `hash` unless it exists. Returns whether
    /// this call created it.
    pub async fn put_new(&self, hash: &str, bytes: Bytes) -> io::Result<bool> {
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        match self
            .store
            .put_opts(&self.key(hash), PutPayload::from(bytes), options)
            .await
        {
            Ok(_) => Ok(true),
            Err(
                object_store::Error::AlreadyExists { .. }
                | object_store::Error::Precondition { .. },
            ) => Ok(false),
            Err(err) => Err(io_error(err)),
        }
    }

    /// Sends a file as the object `hash`, in parts, without reading it
    /// into memory whole (a camera original may be hundreds of megabytes).
    pub async fn put_file(&self, hash: &str, path: &std::path::Path) -> io::Result<bool> {
        use tokio::io::AsyncReadExt;
        if self.size(hash).await?.is_some() {
            return Ok(false);
        }
        let mut file = tokio::fs::File::open(path).await?;
        let upload = self
            .store
            .put_multipart(&self.key(hash))
            .await
            .map_err(io_error)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
        let sent: io::Result<()> = async {
            let mut buffer = vec![0u8; 1 << 20];
            loop {
                let n = file.read(&mut buffer).await?;
                if n == 0 {
                    return Ok(());
                }
                writer.wait_for_capacity(2).await.map_err(io_error)?;
                writer.write(&buffer[..n]);
            }
        }
        .await;
        match sent {
            Ok(()) => writer.finish().await.map(|_| true).map_err(io_error),
            Err(err) => {
                let _ = writer.abort().await;
                Err(err)
            }
        }
    }

    /// The whole object.
    pub async fn get(&self, hash: &str) -> io::Result<Bytes> {
        let got = self.store.get(&self.key(hash)).await.map_err(io_error)?;
        got.bytes().await.map_err(io_error)
    }

    /// The object as a stream of chunks, as the store sends them.
    pub async fn stream(&self, hash: &str) -> io::Result<BoxStream<'static, io::Result<Bytes>>> {
        let got = self.store.get(&self.key(hash)).await.map_err(io_error)?;
        Ok(got
            .into_stream()
            .map(|chunk| chunk.map_err(io_error))
            .boxed())
    }

    /// The first `n` bytes (fewer if the object is shorter).
    pub async fn head_bytes(&self, hash: &str, n: u64) -> io::Result<Bytes> {
        let size = self.size(hash).await?.ok_or(io::ErrorKind::NotFound)?;
        self.store
            .get_range(&self.key(hash), 0..n.min(size))
            .await
            .map_err(io_error)
    }

    /// The object's size, or `None` if it is not there.
    pub async fn size(&self, hash: &str) -> io::Result<Option<u64>> {
        match self.store.head(&self.key(hash)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(io_error(err)),
        }
    }

    /// Deletes the object; one that is not there is not an error.
    pub async fn delete(&self, hash: &str) -> io::Result<()> {
        match self.store.delete(&self.key(hash)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(io_error(err)),
        }
    }

    /// Every object under the prefix whose name is a SHA-256.
    pub async fn list(&self) -> io::Result<Vec<Listed>> {
        let prefix = Key::from(format!("{}/objects", self.prefix).trim_start_matches('/'));
        let mut listing = self.store.list(Some(&prefix));
        let mut out = Vec::new();
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(io_error)?;
            let Some(hash) = meta.location.filename() else {
                continue;
            };
            if super::store::valid_hash(hash) {
                out.push(Listed {
                    hash: hash.to_owned(),
                    size: meta.size,
                    modified: meta.last_modified.timestamp(),
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storage_url_names_its_bucket_prefix_and_endpoint() {
        let bucket =
            Bucket::open("s3://photos/contest-2027?endpoint=http://127.0.0.1:8333&region=kz-1")
                .unwrap();
        assert_eq!(
            bucket.label(),
            "s3://photos/contest-2027 at http://127.0.0.1:8333"
        );
        let hash = "ab".repeat(32);
        assert_eq!(
            bucket.key(&hash).as_ref(),
            format!("contest-2027/objects/ab/{hash}")
        );
    }

    #[test]
    fn storage_urls_that_are_not_s3_or_carry_unknown_settings_are_refused() {
        for url in [
            "/var/lib/photojury",
            "gs://photos",
            "s3://",
            "s3://photos?colour=red",
        ] {
            let err = Bucket::open(url).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{url}");
        }
    }
}
