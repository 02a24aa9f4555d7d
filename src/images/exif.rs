//! What the camera wrote in a file, for the admin only: when the photo was
//! taken (EXIF DateTimeOriginal and its offset), the camera, its body serial
//! number and the image's unique id. Read from the original with
//! `kamadak-exif` (JPEG, PNG and TIFF-based RAW files); a missing or broken
//! EXIF block reads as nothing known, never as an error. None of it reaches
//! a derivative or a juror.

use std::io::Cursor;

use chrono::{NaiveDate, NaiveDateTime};
use exif::{Exif, In, Reader, Tag, Value};

/// When a photo was taken, as the camera's clock said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// The camera's local date and time.
    pub local: NaiveDateTime,
    /// Its offset from UTC in minutes, when the camera wrote one.
    pub offset_minutes: Option<i16>,
}

impl Taken {
    /// The local date, which a contest's window is compared with.
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }
}

impl std::fmt::Display for Taken {
    /// `2017-05-04 18:02:01 +05:00`, or without the offset when unknown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.local.format("%Y-%m-%d %H:%M:%S"))?;
        if let Some(minutes) = self.offset_minutes {
            let sign = if minutes < 0 { '-' } else { '+' };
            let minutes = minutes.unsigned_abs();
            write!(f, " {sign}{:02}:{:02}", minutes / 60, minutes % 60)?;
        }
        Ok(())
    }
}

/// What the camera wrote about a photo; `None` where it wrote nothing
/// readable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    /// DateTimeOriginal with OffsetTimeOriginal.
    pub taken: Option<Taken>,
    /// Make and model, e.g. "Canon Canon EOS 40D".
    pub camera: Option<String>,
    /// BodySerialNumber: one camera body.
    pub serial: Option<String>,
    /// ImageUniqueID: one exposure, whatever was done to the file after.
    pub unique_id: Option<String>,
}

/// Longest text kept of one field: a camera name or serial is far shorter;
/// a longer value is junk and is cut.
const MAX_TEXT: usize = 100;

impl Capture {
    /// Reads the EXIF block of a JPEG, PNG or TIFF-based file.
    pub fn read(bytes: &[u8]) -> Self {
        match Reader::new().read_from_container(&mut Cursor::new(bytes)) {
            Ok(exif) => Self::from_exif(&exif),
            Err(_) => Self::default(),
        }
    }

    /// What a parsed EXIF block says.
    pub fn from_exif(exif: &Exif) -> Self {
        let text = |tag: Tag| -> Option<String> {
            let field = exif.get_field(tag, In::PRIMARY)?;
            let Value::Ascii(parts) = &field.value else {
                return None;
            };
            let raw = parts.first()?;
            let cleaned: String = String::from_utf8_lossy(raw)
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_TEXT)
                .collect();
            let cleaned = cleaned.trim().to_owned();
            (!cleaned.is_empty()).then_some(cleaned)
        };
        let camera = match (text(Tag::Make), text(Tag::Model)) {
            (Some(make), Some(model)) if model.starts_with(&make) => Some(model),
            (Some(make), Some(model)) => Some(format!("{make} {model}")),
            (make, model) => make.or(model),
        };
        Self {
            taken: taken(exif),
            camera,
            serial: text(Tag::BodySerialNumber),
            unique_id: text(Tag::ImageUniqueID),
        }
    }
}

fn ascii(exif: &Exif, tag: Tag) -> Option<&[u8]> {
    match &exif.get_field(tag, In::PRIMARY)?.value {
        Value::Ascii(parts) => parts.first().map(Vec::as_slice),
        _ => None,
    }
}

fn taken(exif: &Exif) -> Option<Taken> {
    let mut parsed = exif::DateTime::from_ascii(ascii(exif, Tag::DateTimeOriginal)?).ok()?;
    if let Some(offset) = ascii(exif, Tag::OffsetTimeOriginal) {
        // A malformed offset leaves the time without one.
        let _ = parsed.parse_offset(offset);
    }
    // The numbers are not range-checked by the parser; chrono does.
    let local = NaiveDate::from_ymd_opt(
        i32::from(parsed.year),
        u32::from(parsed.month),
        u32::from(parsed.day),
    )?
    .and_hms_opt(
        u32::from(parsed.hour),
        u32::from(parsed.minute),
        u32::from(parsed.second),
    )?;
    Some(Taken {
        local,
        offset_minutes: parsed.offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::fixture;

    #[test]
    fn a_camera_photo_says_when_and_with_what_it_was_taken() {
        let capture = Capture::read(&fixture("camera-canon-40d.jpg"));
        let taken = capture.taken.map(|t| t.to_string());
        assert_eq!(taken.as_deref(), Some("2008-05-30 15:56:01"));
        assert_eq!(capture.camera.as_deref(), Some("Canon EOS 40D"));
    }

    #[test]
    fn broken_or_missing_exif_reads_as_nothing_known() {
        assert_eq!(Capture::read(b"not an image at all"), Capture::default());
        let broken = Capture::read(&fixture("broken-exif-valid-pixels.jpg"));
        assert!(broken.serial.is_none());
    }

    #[test]
    fn an_offset_is_shown_with_its_sign() {
        let local = NaiveDate::from_ymd_opt(2017, 5, 4)
            .and_then(|d| d.and_hms_opt(18, 2, 1))
            .unwrap_or_default();
        let east = Taken {
            local,
            offset_minutes: Some(300),
        };
        let west = Taken {
            local,
            offset_minutes: Some(-90),
        };
        assert_eq!(east.to_string(), "2017-05-04 18:02:01 +05:00");
        assert_eq!(west.to_string(), "2017-05-04 18:02:01 -01:30");
    }
}
