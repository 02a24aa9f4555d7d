//! Recognises uploads by their bytes, never by name or Content-Type, and says
//! in plain words what a refused file is and what to do instead.

/// A format photojury accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// JPEG (any camera, most phones when set to "most compatible").
    Jpeg,
    /// PNG (screenshots, exports).
    Png,
}

/// What a refused file turned out to be, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    /// Nothing at all.
    Empty,
    /// HEIC/HEIF/AVIF from a phone.
    Heic,
    /// WebP.
    Webp,
    /// GIF.
    Gif,
    /// TIFF or a camera raw file built on TIFF.
    Tiff,
    /// SVG drawing.
    Svg,
    /// An HTML page.
    Html,
    /// A PDF document.
    Pdf,
    /// A ZIP archive (or a document built on ZIP).
    Zip,
    /// Anything else.
    Unknown,
}

impl Other {
    /// The sentence shown on the form and printed by `photojury derive`.
    pub fn msg(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Other::Empty => "upload-empty",
            Other::Heic => "upload-heic",
            Other::Webp => "upload-webp",
            Other::Gif => "upload-gif",
            Other::Tiff => "upload-tiff",
            Other::Svg => "upload-svg",
            Other::Html => "upload-html",
            Other::Pdf => "upload-pdf",
            Other::Zip => "upload-zip",
            Other::Unknown => "upload-unknown",
        })
    }
}

/// Looks at the first bytes and decides.
pub fn sniff(bytes: &[u8]) -> Result<Accepted, Other> {
    if bytes.is_empty() {
        return Err(Other::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Accepted::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Accepted::Png);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Err(Other::Heic);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Err(Other::Webp);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Err(Other::Gif);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Err(Other::Tiff);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Other::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(Other::Zip);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.contains("<svg") {
        return Err(Other::Svg);
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<script")
        || head.contains("<body")
    {
        return Err(Other::Html);
    }
    Err(Other::Unknown)
}

/// The marker segments of a JPEG header, in order, up to and including its
/// first start-of-scan: `(marker, offset of the segment's length field,
/// length)`. Stops early at anything that is not a marker segment.
pub fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, usize, usize)> + '_ {
    let mut at = 2;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done && at + 4 <= bytes.len() && bytes[at] == 0xFF {
            let marker = bytes[at + 1];
            if marker == 0xFF {
                // Fill byte before a marker.
                at += 1;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
            let segment = (marker, at + 2, len);
            at += 2 + len;
            done = marker == 0xDA;
            return Some(segment);
        }
        None
    })
}

/// The width and height a photo's header declares, read in place: the
/// JPEG frame header (SOF) or the PNG `IHDR`. `None` when the header is not
/// where it should be (the caller then asks the full decoder, for its
/// precise refusal). Reading in place matters: `image`'s JPEG decoder copies
/// the whole file first.
pub fn declared_size(bytes: &[u8], format: Accepted) -> Option<(u32, u32)> {
    match format {
        Accepted::Png => {
            let ihdr = bytes.get(8..24).filter(|h| &h[4..8] == b"IHDR")?;
            let width = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
            let height = u32::from_be_bytes(ihdr[12..16].try_into().ok()?);
            Some((width, height))
        }
        Accepted::Jpeg => {
            // Start-of-frame markers: C0–CF but DHT (C4), JPG (C8) and DAC (CC).
            let (_, at, _) = jpeg_segments(bytes)
                .find(|(m, _, _)| (0xC0..=0xCF).contains(m) && ![0xC4, 0xC8, 0xCC].contains(m))?;
            let frame = bytes.get(at + 3..at + 7)?;
            let height = u32::from(u16::from_be_bytes([frame[0], frame[1]]));
            let width = u32::from(u16::from_be_bytes([frame[2], frame[3]]));
            Some((width, height))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sizes_are_read_from_the_headers() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\x00\0\0\0\x80\x08\x02";
        assert_eq!(declared_size(png, Accepted::Png), Some((256, 128)));
        let jpeg = b"\xFF\xD8\xFF\xE0\x00\x04ab\xFF\xC2\x00\x0B\x08\x01\x2C\x02\x58\x03";
        assert_eq!(declared_size(jpeg, Accepted::Jpeg), Some((600, 300)));
        assert_eq!(declared_size(&jpeg[..10], Accepted::Jpeg), None);
        assert_eq!(declared_size(b"\x89PNG\r\n\x1a\n", Accepted::Png), None);
    }

    #[test]
    fn jpeg_segments_stop_at_the_scan_or_at_garbage() {
        let bytes = b"\xFF\xD8\xFF\xE0\x00\x04ab\xFF\xFF\xC0\x00\x02\xFF\xDA\x00\x02\xFF\xD9";
        let found: Vec<_> = jpeg_segments(bytes).collect();
        assert_eq!(found, vec![(0xE0, 4, 4), (0xC0, 11, 2), (0xDA, 15, 2)]);
        let broken: Vec<_> = jpeg_segments(b"\xFF\xD8\xFF\xE0\x00\x04abXX\xFF\xDA").collect();
        assert_eq!(broken, vec![(0xE0, 4, 4)]);
    }

    #[test]
    fn photos_are_recognised_by_their_bytes() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Ok(Accepted::Jpeg)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(Accepted::Png));
    }

    #[test]
    fn everything_else_is_named() {
        assert_eq!(sniff(b""), Err(Other::Empty));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Err(Other::Heic));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Err(Other::Webp));
        assert_eq!(sniff(b"GIF89a...."), Err(Other::Gif));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Err(Other::Tiff));
        assert_eq!(sniff(b"%PDF-1.7\n"), Err(Other::Pdf));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), Err(Other::Svg));
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>hi</body></html>"),
            Err(Other::Html)
        );
        assert_eq!(sniff(b"hello world"), Err(Other::Unknown));
        assert!(Other::Heic.msg().to_string().contains("Export it as JPEG"));
    }
}
