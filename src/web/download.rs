//! Downloads: an attachment response, and a ZIP written as it is sent (a
//! blocking thread writes into a small channel the response body reads),
//! so an archive of many originals never sits in memory or on disk whole.

use std::io::Write;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

/// A response the browser saves as the file `name`.
pub fn attachment(kind: &'static str, name: String, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// A file sent as it is read, a quarter of a megabyte at a time (a camera
/// original may be hundreds of megabytes).
pub async fn file_body(path: &std::path::Path) -> std::io::Result<Body> {
    use tokio::io::AsyncReadExt;
    let file = tokio::fs::File::open(path).await?;
    let chunks = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0u8; 256 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(bytes::Bytes::from(buffer)), Some(file)))
            }
            // The error ends the body; nothing is read after it.
            Err(err) => Some((Err(err), None)),
        }
    });
    Ok(Body::from_stream(chunks))
}

/// `png` or `jpg`, by a stored photo's first bytes (the store names files
/// by hash, without an extension); `jpg` if it cannot be read.
pub async fn photo_extension(path: &std::path::Path) -> &'static str {
    use tokio::io::AsyncReadExt;
    let mut magic = [0u8; 4];
    let read = match tokio::fs::File::open(path).await {
        Ok(mut file) => file.read_exact(&mut magic).await.is_ok(),
        Err(_) => false,
    };
    if read && &magic == b"\x89PNG" {
        "png"
    } else {
        "jpg"
    }
}

/// What one member of a ZIP holds.
#[derive(Debug, Clone)]
pub enum ZipSource {
    /// These bytes (a JSON file).
    Bytes(Vec<u8>),
    /// A file on disk (a stored original), copied in as it is.
    File(PathBuf),
}

/// One member of a ZIP: its path inside the archive and its content.
#[derive(Debug, Clone)]
pub struct ZipPart {
    /// The path in the archive.
    pub name: String,
    /// What it holds.
    pub source: ZipSource,
}

struct ChannelWriter(mpsc::Sender<Result<bytes::Bytes, std::io::Error>>);

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .blocking_send(Ok(bytes::Bytes::copy_from_slice(buf)))
            .map_err(|_| std::io::Error::other("the download was cancelled"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A response body that is the ZIP of `parts` (stored, not compressed:
/// photos do not shrink), written while it is sent. A part that cannot be
/// read ends the body with an error, so the download fails visibly.
pub fn zip_body(parts: Vec<ZipPart>) -> Body {
    let (tx, mut rx) = mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        let error_tx = tx.clone();
        let out = std::io::BufWriter::with_capacity(256 * 1024, ChannelWriter(tx));
        let mut zip = zip::ZipWriter::new_stream(out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        let written = (|| -> anyhow::Result<()> {
            for part in &parts {
                match &part.source {
                    ZipSource::Bytes(bytes) => {
                        zip.start_file(part.name.as_str(), stored)?;
                        zip.write_all(bytes)?;
                    }
                    ZipSource::File(path) => {
                        let mut source = std::fs::File::open(path)?;
                        zip.start_file(part.name.as_str(), stored)?;
                        std::io::copy(&mut source, &mut zip)?;
                    }
                }
            }
            zip.finish()?.flush()?;
            Ok(())
        })();
        if let Err(err) = written {
            tracing::error!(error = %err, "writing a ZIP download");
            let _ = error_tx.blocking_send(Err(std::io::Error::other("the download failed")));
        }
    });
    Body::from_stream(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)))
}
