//! Photos: recognising uploads, the anonymizing pipeline that makes the
//! juror-facing derivatives, and the content-addressed store.

mod bands;
pub mod budget;
mod encode;
pub mod pipeline;
mod refusal;
mod resize;
pub mod sniff;
pub mod store;
#[cfg(feature = "libjpeg-turbo")]
mod turbo;

pub use pipeline::{Derived, ImageLimits, Refusal, derive};
pub use store::FileStore;

/// Checks that a JPEG carries no metadata segment: only the JFIF header,
/// tables, frame and scan segments. Used by tests and `photojury derive`.
pub fn jpeg_metadata_segments(bytes: &[u8]) -> Vec<u8> {
    let mut found = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // APP1..APP15 (EXIF, XMP, ICC, IPTC, …) and COM are metadata; APP0 is
        // the bare JFIF header, checked below for a thumbnail.
        let jfif_thumbnail = marker == 0xE0 && len > 16;
        if (0xE1..=0xEF).contains(&marker) || marker == 0xFE || jfif_thumbnail {
            found.push(marker);
        }
        at += 2 + len;
    }
    found
}
