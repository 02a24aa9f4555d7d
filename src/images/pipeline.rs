//! The anonymizing pipeline: a refused file gets a clear reason; an accepted
//! one is decoded under limits, turned upright, and re-encoded from its pixels
//! alone into the two derivatives jurors see, converted to sRGB when the file
//! carries a colour profile (`colour`). Nothing of the uploaded file's bytes
//! (EXIF, XMP, IPTC, maker notes, comments, thumbnails, ICC) survives.

use std::io::Cursor;
use std::time::{Duration, Instant};

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader};

use crate::images::colour::ToSrgb;
pub use crate::images::encode::Encoded;
use crate::images::encode::{encode, encode_parallel};
use crate::images::fingerprint::Fingerprint;
pub use crate::images::refusal::{Refusal, human_size, window};
pub use crate::images::resize::{fit, scale_to};
use crate::images::resize::{resize, resize_parallel};
use crate::images::sniff::{Accepted, sniff};

/// Long edge of the juror's full view.
pub const LARGE_EDGE: u32 = 2560;
/// Long edge of grid thumbnails.
pub const THUMB_EDGE: u32 = 480;
/// The strips the large derivative is encoded in: fixed, so the bytes depend
/// on the pixels alone and not on the machine's cores (`verify --rederive`
/// compares them byte for byte).
const ENCODE_STRIPS: usize = 8;

/// The long edges a juror may be shown: a photo smaller than [`LARGE_EDGE`]
/// (allowed by an admin) is enlarged to the next step above its own long
/// edge, so its own pixel size, a clue to the camera (640×480 of an old
/// compact, 2048×1536 of a trail camera), never reaches the jury: a juror
/// learns at most the band, shared by every camera in it, and the aspect
/// ratio, as any screen shows. Steps rather than always the largest, so a
/// tiny photo is not blown up eightfold.
pub const PRESENTED_EDGES: [u32; 4] = [1024, 1600, 2048, LARGE_EDGE];

/// The long edge a photo with long edge `long` is shown at.
pub fn presented_edge(long: u32) -> u32 {
    PRESENTED_EDGES
        .iter()
        .copied()
        .find(|edge| *edge > long)
        .unwrap_or(LARGE_EDGE)
}

/// The size of the `large` derivative of a `width` × `height` photo.
pub fn presented_size(width: u32, height: u32) -> (u32, u32) {
    scale_to(width, height, presented_edge(width.max(height)))
}

pub use crate::config::ImageLimits;

/// What one decode of a `width` × `height` photo of `file_bytes` may need:
/// the decoded buffer (up to 16-bit RGBA), an 8-bit RGB copy, the
/// derivatives' buffers and the file itself; never more than the decoder's
/// own allowance plus the file. Used to share out the memory all decodes
/// together may use.
pub fn memory_estimate(width: u32, height: u32, file_bytes: usize, limits: &ImageLimits) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    let derivatives = u64::from(LARGE_EDGE) * u64::from(LARGE_EDGE) * 3 * 2;
    let decode = pixels.saturating_mul(11).min(limits.max_decoder_bytes);
    decode
        .saturating_add(derivatives)
        .saturating_add(file_bytes as u64)
}

/// Time spent in each stage, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Header checks and decoding.
    pub decode: Duration,
    /// Applying the EXIF orientation and flattening to RGB.
    pub orient: Duration,
    /// Both resizes.
    pub resize: Duration,
    /// Both encodes.
    pub encode: Duration,
}

/// The two derivatives of an accepted photo.
#[derive(Debug, Clone)]
pub struct Derived {
    /// Long edge at most [`LARGE_EDGE`].
    pub large: Encoded,
    /// Long edge at most [`THUMB_EDGE`].
    pub thumb: Encoded,
    /// What finds the same photograph uploaded again, from the thumbnail's pixels.
    pub fingerprint: Fingerprint,
    /// Upright width of the original.
    pub width: u32,
    /// Upright height of the original.
    pub height: u32,
    /// Per-stage timings.
    pub timings: Timings,
}

/// Checks the size, the format and the declared dimensions, without decoding.
pub fn check(bytes: &[u8], limits: &ImageLimits) -> Result<(Accepted, u32, u32), Refusal> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Refusal::TooBig(limits.max_bytes));
    }
    let format = sniff(bytes).map_err(Refusal::NotAPhoto)?;
    let (width, height) = match super::sniff::declared_size(bytes, format) {
        Some(size) => size,
        None => ImageReader::with_format(Cursor::new(bytes), image_format(format))
            .into_dimensions()
            .map_err(|e| classify(&e))?,
    };
    if width == 0
        || height == 0
        || width > limits.max_side
        || height > limits.max_side
        || u64::from(width) * u64::from(height) > limits.max_pixels
    {
        return Err(Refusal::TooManyPixels {
            width,
            height,
            max_side: limits.max_side,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    if format == Accepted::Jpeg && !jpeg_has_end(bytes) {
        return Err(Refusal::Truncated);
    }
    Ok((format, width, height))
}

fn image_format(format: Accepted) -> ImageFormat {
    match format {
        Accepted::Jpeg => ImageFormat::Jpeg,
        Accepted::Png => ImageFormat::Png,
    }
}

fn classify(err: &ImageError) -> Refusal {
    match err {
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            Refusal::Truncated
        }
        ImageError::Limits(_) => Refusal::TooMuchMemory,
        _ => Refusal::Damaged,
    }
}

/// Whether a JPEG's entropy-coded data reaches an end-of-image marker. A file
/// cut short has none; bytes appended after a real end are ignored anyway.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    // Only after the first start-of-scan, so that an embedded EXIF
    // thumbnail's own end marker does not count.
    let Some((_, at, len)) = super::sniff::jpeg_segments(bytes).find(|s| s.0 == 0xDA) else {
        return false;
    };
    let scan = &bytes[(at + len).min(bytes.len())..];
    // Inside entropy-coded data 0xFF is followed by 0x00 or a restart
    // marker, so 0xFF 0xD9 can only be the end of the image.
    scan.windows(2).any(|w| w == [0xFF, 0xD9])
}

/// A decoded photo, upright.
pub struct Decoded {
    /// Upright 8-bit RGB, transparency flattened onto white, in the file's
    /// own colour space (see `colour`).
    pub image: DynamicImage,
    /// The photo's upright size, which can be larger than the image when the
    /// decoder shrank it on load (never below the large derivative).
    pub upright: (u32, u32),
    /// The conversion to sRGB its embedded profile asks for, if any.
    pub colour: Option<ToSrgb>,
    /// Time spent so far.
    pub timings: Timings,
}

/// Decodes an accepted photo under the limits, applies its EXIF orientation
/// and reads its colour profile.
pub fn decode(bytes: &[u8], limits: &ImageLimits) -> Result<Decoded, Refusal> {
    let started = Instant::now();
    let (format, _, _) = check(bytes, limits)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    decoder_limits.max_alloc = Some(limits.max_decoder_bytes);
    reader.limits(decoder_limits);
    let mut decoder = reader.into_decoder().map_err(|e| classify(&e))?;
    // The decoded buffer, plus an 8-bit RGB copy and the resized images, must
    // fit the allowance; check before allocating anything.
    let (w, h) = decoder.dimensions();
    let working = decoder
        .total_bytes()
        .saturating_add(u64::from(w) * u64::from(h) * 3);
    if working > limits.max_decoder_bytes {
        return Err(Refusal::TooMuchMemory);
    }
    // Broken EXIF must not stop a photo with good pixels: no orientation then.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // Nor a broken profile: the pixels are shown as decoded then.
    let colour = decoder
        .icc_profile()
        .ok()
        .flatten()
        .and_then(|icc| ToSrgb::from_icc(&icc));
    let upright = match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    };
    let image = match fast_decode(bytes, format, w, h) {
        Some(image) => image,
        None => DynamicImage::from_decoder(decoder).map_err(|e| classify(&e))?,
    };
    let decoded = Instant::now();
    let mut image = flatten(image);
    image.apply_orientation(orientation);
    let timings = Timings {
        decode: decoded - started,
        orient: decoded.elapsed(),
        ..Timings::default()
    };
    Ok(Decoded {
        image,
        upright,
        colour,
        timings,
    })
}

/// The faster decoders, where they apply: bands on all cores, then libjpeg
/// shrinking on load (`shrink`). `None`: the one-piece decoder of `image`
/// (zune-jpeg or png).
fn fast_decode(bytes: &[u8], format: Accepted, width: u32, height: u32) -> Option<DynamicImage> {
    // Bands on all cores win where the file has restart markers to cut at
    // (pure Rust); otherwise libjpeg shrinking on load (`mozjpeg`).
    if let Some(image) = decode_in_bands(bytes, format) {
        return Some(image);
    }
    if format == Accepted::Jpeg
        && let Some(rgb) = super::shrink::decode(bytes, width, height, LARGE_EDGE)
    {
        return Some(DynamicImage::ImageRgb8(rgb));
    }
    None
}

/// A restart-marked camera JPEG decoded on all cores (see `bands`), within
/// the allowance already checked; `None` (decode in one piece) for any other
/// file or if a band fails, so damaged files get the one-piece decoder's answer.
fn decode_in_bands(bytes: &[u8], format: Accepted) -> Option<DynamicImage> {
    if format != Accepted::Jpeg {
        return None;
    }
    let plan = super::bands::plan(bytes)?;
    let (width, height) = plan.dimensions();
    let mut rgb = vec![0u8; usize::try_from(u64::from(width) * u64::from(height) * 3).ok()?];
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if let Err(err) = plan.decode_into(&mut rgb, threads) {
        tracing::debug!(error = %err, "banded decode failed; decoding in one piece");
        return None;
    }
    image::RgbImage::from_raw(width, height, rgb).map(DynamicImage::ImageRgb8)
}

/// 8-bit RGB; alpha is composited onto white (not dropped, which shows garbage).
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut rgb = image::RgbImage::new(w, h);
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(px[3]);
        for c in 0..3 {
            let v = (u16::from(px[c]) * a + 255 * (255 - a) + 127) / 255;
            out[c] = u8::try_from(v).unwrap_or(u8::MAX);
        }
    }
    DynamicImage::ImageRgb8(rgb)
}

/// The whole pipeline: check, decode, orient, make `large` and `thumb`, and
/// fingerprint the thumbnail.
///
/// Both sizes use Lanczos-3. The large image is resized and encoded in strips
/// on all cores; the thumbnail is made from it (far fewer pixels to filter)
/// alongside. The same file gives the same bytes on any machine of the same
/// build (decoder features included): the strips are fixed, not per core.
pub fn derive(bytes: &[u8], limits: &ImageLimits) -> Result<Derived, Refusal> {
    let Decoded {
        image,
        upright: (width, height),
        colour,
        mut timings,
    } = decode(bytes, limits)?;
    let started = Instant::now();
    let (w, h) = (image.width(), image.height());
    let source = Image::from_vec_u8(w, h, image.into_rgb8().into_raw(), PixelType::U8x3)
        .map_err(|_| Refusal::Damaged)?;
    // From the original's upright size: a decoder that shrank on load keeps
    // the proportions only to a pixel.
    let mut large = resize_parallel(&source, presented_size(width, height), FilterType::Lanczos3)?;
    drop(source);
    // On the resized pixels: a few megapixels, whatever the original's size.
    if let Some(colour) = &colour {
        colour
            .apply(large.buffer_mut())
            .map_err(|_| Refusal::Damaged)?;
    }
    timings.resize = started.elapsed();
    let encoding = Instant::now();
    let (large, thumb) = std::thread::scope(|scope| {
        let thumb = scope.spawn(|| {
            let thumb = resize(&large, THUMB_EDGE, FilterType::Lanczos3)?;
            let pixels =
                image::RgbImage::from_raw(thumb.width(), thumb.height(), thumb.buffer().to_vec())
                    .ok_or(Refusal::Damaged)?;
            Ok::<_, Refusal>((encode(&thumb, 82)?, Fingerprint::of(&pixels)))
        });
        let large = encode_parallel(&large, 86, ENCODE_STRIPS);
        (large, thumb.join().unwrap_or(Err(Refusal::Damaged)))
    });
    timings.encode = encoding.elapsed();
    let (thumb, fingerprint) = thumb?;
    Ok(Derived {
        large: large?,
        thumb,
        fingerprint,
        width,
        height,
        timings,
    })
}
