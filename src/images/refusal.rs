//! Why an upload was refused, in the one-line message shown to people (on
//! the upload form, in the script's JSON, by `photojury derive`).

use crate::i18n::Msg;
use crate::images::sniff::Other;

/// Why a file was refused; [`Refusal::msg`] is the one-line message shown
/// to people (`Display` gives it in English, for the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not JPEG or PNG.
    NotAPhoto(Other),
    /// Over the size limit.
    TooBig(u64),
    /// Over the dimension limits.
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The side limit.
        max_side: u32,
        /// The area limit, in megapixels.
        max_megapixels: u64,
    },
    /// Smaller than the contest asks for.
    TooSmall {
        /// Width as stored.
        width: u32,
        /// Height as stored.
        height: u32,
        /// The contest's minimum long edge.
        min: u32,
    },
    /// Cut off before its end.
    Truncated,
    /// Would need more memory to decode than allowed.
    TooMuchMemory,
    /// Damaged or not really what it claims.
    Damaged,
    /// Not a camera file (RAW or JPEG) where one was asked for.
    NotACameraFile,
    /// Taken (by the camera's clock) outside the contest's window.
    TakenOutsideWindow {
        /// The capture date, `YYYY-MM-DD`.
        taken: String,
        /// The first day allowed, if any.
        from: Option<String>,
        /// The last day allowed, if any.
        until: Option<String>,
    },
}

crate::i18n::localized_error!(Refusal);

/// The capture window as a message ("from 2017-01-01 to 2017-12-31", "on
/// or after …", "on or before …", "at any time"), for a refused photo and
/// the screening note.
pub fn window(from: Option<&str>, until: Option<&str>) -> Msg {
    let key = match (from, until) {
        (Some(_), Some(_)) => "window-between",
        (Some(_), None) => "window-after",
        (None, Some(_)) => "window-before",
        (None, None) => "window-any",
    };
    Msg::new(key)
        .arg("from", from.unwrap_or(""))
        .arg("until", until.unwrap_or(""))
}

impl Refusal {
    /// The message shown to people: what is wrong and what to do instead.
    pub fn msg(&self) -> Msg {
        match self {
            Self::NotAPhoto(other) => other.msg(),
            Self::TooBig(max) => Msg::new("upload-too-big").arg("size", human_size(*max)),
            Self::TooManyPixels {
                width,
                height,
                max_side,
                max_megapixels,
            } => Msg::new("upload-too-many-pixels")
                .arg("width", *width)
                .arg("height", *height)
                .arg("side", *max_side)
                .arg("megapixels", *max_megapixels),
            Self::TooSmall { width, height, min } => Msg::new("upload-too-small")
                .arg("width", *width)
                .arg("height", *height)
                .arg("min", *min),
            Self::Truncated => Msg::new("upload-truncated"),
            Self::TooMuchMemory => Msg::new("upload-too-much-memory"),
            Self::Damaged => Msg::new("upload-damaged"),
            Self::NotACameraFile => Msg::new("upload-not-camera-file"),
            Self::TakenOutsideWindow { taken, from, until } => Msg::new("upload-taken-outside")
                .arg("taken", taken.as_str())
                .arg("window", window(from.as_deref(), until.as_deref())),
        }
    }

    /// A short fixed name for counting refusals (the metrics' label).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::NotAPhoto(_) => "not_a_photo",
            Self::TooBig(_) => "too_big",
            Self::TooManyPixels { .. } => "too_many_pixels",
            Self::TooSmall { .. } => "too_small",
            Self::Truncated => "truncated",
            Self::TooMuchMemory => "too_much_memory",
            Self::Damaged => "damaged",
            Self::TakenOutsideWindow { .. } => "taken_outside_window",
            Self::NotACameraFile => "not_a_camera_file",
        }
    }
}

/// `40 MB`, `150 KB`: sizes as people read them (decimal units, as on disks).
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
