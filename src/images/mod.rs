//! Photos: recognising uploads, the anonymizing pipeline that makes the
//! juror-facing derivatives, and the content-addressed store.

mod bands;
pub mod bucket;
pub mod budget;
pub mod camera_file;
pub mod colour;
mod encode;
pub mod exif;
pub mod fingerprint;
pub mod objects;
pub mod pipeline;
mod refusal;
mod resize;
mod shrink;
pub mod sniff;
pub mod store;

pub use objects::Objects;
pub use pipeline::{Derived, ImageLimits, Refusal, derive};
pub use store::FileStore;

/// The metadata segments of a JPEG header (APP1–APP15: EXIF, XMP, ICC,
/// IPTC…; COM; and a JFIF header that carries a thumbnail), by marker. A
/// derivative must have none. Used by tests and `photojury derive`.
pub fn jpeg_metadata_segments(bytes: &[u8]) -> Vec<u8> {
    sniff::jpeg_segments(bytes)
        .filter(|&(marker, _, len)| {
            // APP0 is the bare JFIF header, unless it carries a thumbnail.
            let jfif_thumbnail = marker == 0xE0 && len > 16;
            (0xE1..=0xEF).contains(&marker) || marker == 0xFE || jfif_thumbnail
        })
        .map(|(marker, _, _)| marker)
        .collect()
}

/// A camera fixture's bytes, for the unit tests of this module's files
/// (empty if missing, so the test that needs it fails on its assertion).
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap_or_default()
}
