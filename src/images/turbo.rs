//! Decoding with libjpeg-turbo (cargo feature `libjpeg-turbo`), for the case
//! where it beats decoding in bands: a sequential JPEG is decoded at the
//! smallest power-of-two DCT scale (1/2, 1/4, 1/8) that still leaves its long
//! edge at least the large derivative's, so the inverse DCT, upsampling and
//! colour conversion touch a quarter of the pixels or fewer; without such a
//! scale, and without restart markers to cut bands at, at full size (its
//! Huffman decoder is faster than zune-jpeg's on one core).
//!
//! Any failure, a warning included (a truncated file, a bad marker), answers
//! `None`, and the caller decodes with zune-jpeg as without the feature, so a
//! damaged file gets the same refusal either way. Progressive files are left
//! to zune-jpeg too: libjpeg keeps every coefficient of them in memory.

use image::RgbImage;
use turbojpeg::{Decompressor, Image, PixelFormat, ScalingFactor};

/// True for a baseline or extended sequential (Huffman) JPEG: its first
/// start-of-frame marker is SOF0 or SOF1.
fn sequential(bytes: &[u8]) -> bool {
    super::sniff::jpeg_segments(bytes)
        .find_map(|(marker, _, _)| match marker {
            0xC0 | 0xC1 => Some(true),
            // Any other start of frame, or the scan itself: not for us.
            0xC2..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDA => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// How much to shrink on load: the largest of 8, 4, 2 (or 1) by which the
/// long edge stays at least `keep`.
pub fn denominator(width: u32, height: u32, keep: u32) -> u32 {
    let long = width.max(height);
    [8, 4, 2]
        .into_iter()
        .find(|d| long.div_ceil(*d) >= keep)
        .unwrap_or(1)
}

/// The photo as RGB, shrunk by [`denominator`]; `None` to decode otherwise:
/// not a sequential JPEG, any libjpeg error or warning, or, when `full_size`
/// is false, no shrinking possible (bands are faster then).
pub fn decode(bytes: &[u8], keep: u32, full_size: bool) -> Option<RgbImage> {
    if !sequential(bytes) {
        return None;
    }
    let mut decompressor = Decompressor::new().ok()?;
    let header = decompressor.read_header(bytes).ok()?;
    let width = u32::try_from(header.width).ok()?;
    let height = u32::try_from(header.height).ok()?;
    let denom = denominator(width, height, keep);
    if denom == 1 && !full_size {
        return None;
    }
    let scale = ScalingFactor::new(1, usize::try_from(denom).ok()?);
    let scaled = header.scaled(scale);
    decompressor.set_scaling_factor(scale).ok()?;
    let mut pixels = vec![0u8; scaled.width.checked_mul(scaled.height)?.checked_mul(3)?];
    let image = Image {
        pixels: pixels.as_mut_slice(),
        width: scaled.width,
        pitch: 3 * scaled.width,
        height: scaled.height,
        format: PixelFormat::RGB,
    };
    if let Err(err) = decompressor.decompress(bytes, image) {
        tracing::debug!(error = %err, "libjpeg-turbo refused; decoding with zune-jpeg");
        return None;
    }
    RgbImage::from_raw(
        u32::try_from(scaled.width).ok()?,
        u32::try_from(scaled.height).ok()?,
        pixels,
    )
}

#[cfg(test)]
mod tests {
    use super::{decode, denominator, sequential};

    fn camera() -> Vec<u8> {
        std::fs::read("tests/fixtures/photos/camera-olympus-12mp.jpg").expect("fixture")
    }

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
        assert!(sequential(&camera()));
        let img = image::RgbImage::from_pixel(64, 48, image::Rgb([10, 20, 30]));
        let mut png = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        assert!(!sequential(&png));
        assert!(!sequential(b"\xFF\xD8\xFF\xC2\x00\x11"));
        assert!(!sequential(b""));
    }

    #[test]
    fn a_full_size_decode_matches_zune_jpeg_closely() {
        let bytes = camera();
        let ours = decode(&bytes, u32::MAX, true).expect("decoded");
        let zune = image::load_from_memory(&bytes).expect("zune").into_rgb8();
        assert_eq!(ours.dimensions(), zune.dimensions());
        let diff: u64 = ours
            .as_raw()
            .iter()
            .zip(zune.as_raw())
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = diff as f64 / ours.as_raw().len() as f64;
        assert!(mean < 1.5, "mean difference {mean}");
        assert!(decode(&bytes, 2560, false).is_none(), "12 MP cannot shrink");
    }

    /// A baseline JPEG of `width`×`height` with a gradient and stripes.
    fn wide(width: u32, height: u32) -> Vec<u8> {
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
            .expect("jpeg");
        out
    }

    #[test]
    fn a_large_photo_shrinks_on_load_and_keeps_its_recorded_size() {
        let bytes = wide(6000, 320);
        let half = decode(&bytes, 2560, false).expect("shrunk by 2");
        assert_eq!(half.dimensions(), (3000, 160));
        // Close to a full decode averaged over 2×2 blocks.
        let full = image::load_from_memory(&bytes).expect("zune").into_rgb8();
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
        let mean = diff as f64 / (3000.0 * 160.0 * 3.0);
        assert!(mean < 2.0, "mean difference {mean}");

        let derived =
            crate::images::pipeline::derive(&bytes, &Default::default()).expect("derived");
        assert_eq!((derived.width, derived.height), (6000, 320));
        assert_eq!((derived.large.width, derived.large.height), (2560, 137));
    }

    #[test]
    fn a_truncated_file_is_left_to_the_other_decoder() {
        let bytes = camera();
        assert!(decode(&bytes[..bytes.len() / 2], 1000, true).is_none());
    }
}
