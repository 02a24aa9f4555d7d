//! Why an upload was refused, in the one-line message shown to people (on
//! the upload form, in the script's JSON, by `photojury derive`).

use crate::images::sniff::Other;

/// Why a file was refused; `Display` is the one-line message shown to people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not JPEG or PNG.
    #[error("{}", .0.message())]
    NotAPhoto(Other),
    /// Over the size limit.
    #[error("The file is larger than {}. Export it at a smaller size and upload that.", human_size(*.0))]
    TooBig(u64),
    /// Over the dimension limits.
    #[error(
        "The image is {width} × {height} pixels; the limit is {max_side} pixels a side and {max_megapixels} megapixels."
    )]
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
    #[error(
        "This photo is {width} × {height} pixels; this contest asks for at least {min} pixels on the long side."
    )]
    TooSmall {
        /// Width as stored.
        width: u32,
        /// Height as stored.
        height: u32,
        /// The contest's minimum long edge.
        min: u32,
    },
    /// Cut off before its end.
    #[error("The file is incomplete (the upload may have been cut off). Upload it again.")]
    Truncated,
    /// Would need more memory to decode than allowed.
    #[error(
        "The image needs more memory to open than this server allows. Export it at a smaller size and upload that."
    )]
    TooMuchMemory,
    /// Damaged or not really what it claims.
    #[error("The image could not be read: the file is damaged.")]
    Damaged,
    /// Not a camera file (RAW or JPEG) where one was asked for.
    #[error(
        "This is not a camera file. Send the RAW file (CR2, CR3, NEF, ARW, DNG, RAF, ORF, RW2, PEF…) or the JPEG as it came out of the camera."
    )]
    NotACameraFile,
    /// Taken (by the camera's clock) outside the contest's window.
    #[error(
        "This photo was taken on {taken} (by the camera's clock); this contest accepts photos taken {}.",
        window(.from.as_deref(), .until.as_deref())
    )]
    TakenOutsideWindow {
        /// The capture date, `YYYY-MM-DD`.
        taken: String,
        /// The first day allowed, if any.
        from: Option<String>,
        /// The last day allowed, if any.
        until: Option<String>,
    },
}

/// "from 2017-01-01 to 2017-12-31", "on or after …", "on or before …".
pub fn window(from: Option<&str>, until: Option<&str>) -> String {
    match (from, until) {
        (Some(from), Some(until)) => format!("from {from} to {until}"),
        (Some(from), None) => format!("on or after {from}"),
        (None, Some(until)) => format!("on or before {until}"),
        (None, None) => "at any time".to_owned(),
    }
}

impl Refusal {
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
