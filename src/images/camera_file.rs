//! Camera originals asked of finalists (RAW or out-of-camera JPEG):
//! recognised by their first bytes, and described for the admin by what
//! their EXIF says (dimensions, camera, capture time). They are stored as
//! sent and never decoded, derived or shown to anyone but admins.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use crate::images::exif::Capture;
use crate::images::sniff::{self, Accepted};

/// The kinds of camera file accepted, by their signature.
const SIGNATURES: &[(&[u8], usize, &str)] = &[
    (b"\xFF\xD8\xFF", 0, "JPEG"),
    (b"FUJIFILMCCD-RAW", 0, "Fujifilm RAF"),
    (b"IIRO", 0, "Olympus ORF"),
    (b"IIRS", 0, "Olympus ORF"),
    (b"MMOR", 0, "Olympus ORF"),
    (b"IIU\0", 0, "Panasonic RW2"),
    (b"FOVb", 0, "Sigma X3F"),
    (b"ftypcrx ", 4, "Canon CR3"),
    // TIFF-based: CR2, NEF, NRW, ARW, SR2, DNG, PEF, ERF, 3FR, IIQ, MOS, SRW…
    (b"II*\0", 0, "TIFF-based RAW (CR2, NEF, ARW, DNG, PEF…)"),
    (b"MM\0*", 0, "TIFF-based RAW (NEF, DNG, PEF…)"),
];

/// What kind of camera file these first bytes start, if any.
pub fn recognise(head: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(magic, at, _)| head.get(*at..*at + magic.len()) == Some(*magic))
        .map(|(_, _, kind)| *kind)
}

/// A camera file as the admin compares it with the entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CameraFileFacts {
    /// What kind of file it is.
    pub kind: String,
    /// Full-resolution size its EXIF (or JPEG header) states.
    pub size: Option<(u32, u32)>,
    /// What the camera wrote.
    pub capture: Capture,
}

/// How much of a file's start is read for its kind and a JPEG's size.
const HEAD_BYTES: u64 = 256 * 1024;

/// Describes a recognised camera file from its first bytes and its EXIF,
/// read in place: a RAW file of hundreds of megabytes is never loaded.
pub fn facts_of_file(path: &Path) -> io::Result<CameraFileFacts> {
    let mut head = Vec::new();
    File::open(path)?.take(HEAD_BYTES).read_to_end(&mut head)?;
    let exif = exif::Reader::new()
        .read_from_container(&mut BufReader::new(File::open(path)?))
        .ok();
    Ok(describe(&head, exif.as_ref()))
}

/// Describes a camera file held in memory.
pub fn facts(bytes: &[u8]) -> CameraFileFacts {
    let exif = exif::Reader::new()
        .read_from_container(&mut io::Cursor::new(bytes))
        .ok();
    describe(bytes, exif.as_ref())
}

fn describe(head: &[u8], exif: Option<&exif::Exif>) -> CameraFileFacts {
    let size = exif
        .and_then(exif_size)
        .or_else(|| match sniff::sniff(head) {
            Ok(format @ Accepted::Jpeg) => sniff::declared_size(head, format),
            _ => None,
        });
    CameraFileFacts {
        kind: recognise(head).unwrap_or("unknown").to_owned(),
        size,
        capture: exif.map(Capture::from_exif).unwrap_or_default(),
    }
}

/// PixelXDimension × PixelYDimension, where the file states them.
fn exif_size(exif: &exif::Exif) -> Option<(u32, u32)> {
    let get = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
    };
    Some((
        get(exif::Tag::PixelXDimension)?,
        get(exif::Tag::PixelYDimension)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_formats_and_jpegs_are_recognised_and_other_files_are_not() {
        assert_eq!(recognise(b"\xFF\xD8\xFF\xE1rest"), Some("JPEG"));
        assert!(recognise(b"II*\0\x08\0\0\0").is_some_and(|k| k.contains("CR2")));
        assert_eq!(recognise(b"\0\0\0\x18ftypcrx \0\0"), Some("Canon CR3"));
        assert_eq!(recognise(b"FUJIFILMCCD-RAW 0201"), Some("Fujifilm RAF"));
        assert_eq!(recognise(b"%PDF-1.7"), None);
        assert_eq!(recognise(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(recognise(b""), None);
    }

    #[test]
    fn a_camera_jpeg_is_described_by_its_exif() {
        let facts = facts(&crate::images::fixture("camera-canon-40d.jpg"));
        assert_eq!(facts.kind, "JPEG");
        assert_eq!(facts.size, Some((100, 68)));
        assert_eq!(facts.capture.camera.as_deref(), Some("Canon EOS 40D"));
    }
}
