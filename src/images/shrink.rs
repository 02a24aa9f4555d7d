//! Shrink on load in the default build: a sequential JPEG larger than twice
//! the large derivative is decoded by libjpeg (the `mozjpeg` crate, built
//! with the C compiler alone) at the smallest power-of-two DCT scale (1/2,
//! 1/4, 1/8) that still leaves its long edge at least the large
//! derivative's. The inverse DCT, upsampling and colour conversion then touch
//! a quarter of the pixels or fewer; the resize that follows starts from far
//! fewer. Anything else (a smaller photo, a progressive or damaged file,
//! any libjpeg error) answers `None` and is decoded as before (in bands, or
//! by zune-jpeg), so a damaged file gets the same refusal either way.

use std::os::raw::c_int;

use image::RgbImage;
use mozjpeg_sys::{jpeg_common_struct, jpeg_error_mgr, jpeg_std_error};

/// How much to shrink on load: the largest of 8, 4, 2 (or 1) by which the
/// long edge stays at least `keep`.
pub fn denominator(width: u32, height: u32, keep: u32) -> u32 {
    let long = width.max(height);
    [8, 4, 2]
        .into_iter()
        .find(|d| long.div_ceil(*d) >= keep)
        .unwrap_or(1)
}

/// True for a baseline or extended sequential (Huffman) JPEG: its first
/// start-of-frame marker is SOF0 or SOF1. Progressive files are left to
/// zune-jpeg: libjpeg keeps every coefficient of them in memory.
pub fn sequential(bytes: &[u8]) -> bool {
    super::sniff::jpeg_segments(bytes)
        .find_map(|(marker, _, _)| match marker {
            0xC0 | 0xC1 => Some(true),
            // Any other start of frame, or the scan itself: not for us.
            0xC2..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDA => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// libjpeg's error manager, made strict: an error or any warning (corrupt
/// data, a premature end) unwinds, so the file goes to zune-jpeg, which
/// refuses what it cannot read. (The wrapper's own manager ignores warnings
/// and would show a damaged photo with grey blocks.)
fn strict_errors() -> jpeg_error_mgr {
    // SAFETY: a jpeg_error_mgr is plain C data and function pointers, for
    // which all zeroes is a valid value; jpeg_std_error only fills in the
    // defaults of the struct it is given, which nothing else holds.
    let mut err: jpeg_error_mgr = unsafe { std::mem::zeroed() };
    unsafe { jpeg_std_error(&mut err) };
    err.error_exit = Some(unwind_on_error);
    err.emit_message = Some(unwind_on_warning);
    err
}

extern "C-unwind" fn unwind_on_error(_: &mut jpeg_common_struct) {
    // Not `panic!`: no panic hook, no log line; caught in `decode`.
    std::panic::resume_unwind(Box::new("libjpeg error"));
}

extern "C-unwind" fn unwind_on_warning(_: &mut jpeg_common_struct, level: c_int) {
    // Level -1 is a warning; 0 and above are trace messages.
    if level < 0 {
        std::panic::resume_unwind(Box::new("libjpeg warning"));
    }
}

/// The photo as RGB shrunk by [`denominator`], or `None` when it cannot
/// shrink or libjpeg fails.
pub fn decode(bytes: &[u8], width: u32, height: u32, keep: u32) -> Option<RgbImage> {
    let denom = denominator(width, height, keep);
    if denom == 1 || !sequential(bytes) {
        return None;
    }
    let numerator = u8::try_from(8 / denom).ok()?;
    // libjpeg reports errors by unwinding through the `mozjpeg` wrapper.
    let decoded = std::panic::catch_unwind(|| -> std::io::Result<(usize, usize, Vec<u8>)> {
        let mut jpeg = mozjpeg::Decompress::with_err(strict_errors()).from_mem(bytes)?;
        jpeg.scale(numerator);
        let mut rgb = jpeg.rgb()?;
        let (w, h) = (rgb.width(), rgb.height());
        let pixels: Vec<u8> = rgb.read_scanlines()?;
        rgb.finish()?;
        Ok((w, h, pixels))
    });
    match decoded {
        Ok(Ok((w, h, pixels))) => {
            RgbImage::from_raw(u32::try_from(w).ok()?, u32::try_from(h).ok()?, pixels)
        }
        Ok(Err(err)) => {
            tracing::debug!(error = %err, "libjpeg refused; decoding with zune-jpeg");
            None
        }
        Err(_) => {
            tracing::debug!("libjpeg failed; decoding with zune-jpeg");
            None
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{decode, denominator, sequential};

    #[test]
    fn the_scale_keeps_the_long_edge_at_least_the_large_size() {
        assert_eq!(denominator(6000, 4000, 2560), 2);
        assert_eq!(denominator(4000, 6000, 2560), 2);
        assert_eq!(denominator(4000, 3000, 2560), 1);
        assert_eq!(denominator(12000, 8000, 2560), 4);
        assert_eq!(denominator(20480, 100, 2560), 8);
        assert_eq!(denominator(800, 600, 2560), 1);
    }

    #[test]
    fn only_sequential_jpegs_are_taken() {
        assert!(!sequential(b"\xFF\xD8\xFF\xC2\x00\x11"));
        assert!(sequential(b"\xFF\xD8\xFF\xC0\x00\x11"));
        assert!(!sequential(b""));
    }

    /// A baseline JPEG of `width`×`height` with a gradient and stripes.
    pub(crate) fn wide(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([
                (x / 24) as u8,
                (y * 255 / height) as u8,
                if x % 64 < 32 { 40 } else { 200 },
            ])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap_or_default();
        out
    }

    #[test]
    fn a_large_photo_shrinks_on_load_close_to_a_full_decode_averaged() {
        let bytes = wide(6000, 320);
        let half = decode(&bytes, 6000, 320, 2560).expect("shrunk by 2");
        assert_eq!(half.dimensions(), (3000, 160));
        let mean = mean_difference_from_halved(&half, &bytes);
        assert!(mean < 2.0, "mean difference {mean}");
        assert!(
            decode(&bytes, 2000, 320, 2560).is_none(),
            "too small to shrink"
        );
        let derived =
            crate::images::pipeline::derive(&bytes, &Default::default()).expect("derived");
        assert_eq!((derived.width, derived.height), (6000, 320));
        assert_eq!((derived.large.width, derived.large.height), (2560, 137));
    }

    /// Mean difference of a half-scale decode from the full decode (by
    /// zune-jpeg) of `bytes` averaged over 2×2 blocks.
    pub(crate) fn mean_difference_from_halved(half: &image::RgbImage, bytes: &[u8]) -> f64 {
        let Ok(full) = image::load_from_memory(bytes).map(|i| i.into_rgb8()) else {
            return f64::INFINITY;
        };
        let mut diff = 0u64;
        for (x, y, px) in half.enumerate_pixels() {
            for c in 0..3 {
                let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                    .iter()
                    .map(|(dx, dy)| u32::from(full.get_pixel(2 * x + dx, 2 * y + dy)[c]))
                    .sum();
                diff += u64::from(px[c].abs_diff(((sum + 2) / 4) as u8));
            }
        }
        diff as f64 / half.as_raw().len() as f64
    }

    #[test]
    fn a_damaged_file_is_left_to_the_other_decoder() {
        let bytes = wide(6000, 320);
        assert!(decode(&bytes[..bytes.len() / 3], 6000, 320, 2560).is_none());
        assert!(decode(b"\xFF\xD8\xFF\xC0 not a jpeg", 6000, 4000, 2560).is_none());
    }
}
