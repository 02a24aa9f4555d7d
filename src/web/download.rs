//! Downloads: an attachment response, and a ZIP written as it is sent (a
//! blocking thread writes into a small channel the response body reads,
//! its members streamed in as they are read), so an archive of many
//! originals never sits in memory or on disk whole.

use std::io::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
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

/// Opens a stream of chunks when a ZIP reaches it (a stored original, in
/// the data dir or a bucket), so that the toolbox needs to know nothing of
/// where files are stored.
pub type StreamOpener = Arc<
    dyn Fn() -> BoxFuture<'static, std::io::Result<BoxStream<'static, std::io::Result<Bytes>>>>
        + Send
        + Sync,
>;

/// What one member of a ZIP holds.
#[derive(Clone)]
pub enum ZipSource {
    /// These bytes (a JSON file).
    Bytes(Vec<u8>),
    /// A stream (a stored original), copied in as it arrives.
    Stream(StreamOpener),
}

impl std::fmt::Debug for ZipSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
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
    // The writer runs on a blocking thread and waits there for the chunks
    // of streamed members.
    let runtime = tokio::runtime::Handle::current();
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
                    ZipSource::Stream(open) => {
                        let mut chunks = runtime.block_on(open())?;
                        zip.start_file(part.name.as_str(), stored)?;
                        while let Some(chunk) = runtime.block_on(chunks.next()) {
                            zip.write_all(&chunk?)?;
                        }
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
