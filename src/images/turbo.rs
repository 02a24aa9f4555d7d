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

use super::shrink::{denominator, sequential};

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
    use super::{decode, sequential};
    use crate::images::shrink::tests::{mean_difference_from_halved, wide};

    fn camera() -> Vec<u8> {
        crate::images::fixture("camera-olympus-12mp.jpg")
    }

    #[test]
    fn the_camera_fixture_is_sequential() {
        assert!(sequential(&camera()));
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

    #[test]
    fn a_large_photo_shrinks_on_load_and_keeps_its_recorded_size() {
        let bytes = wide(6000, 320);
        let half = decode(&bytes, 2560, false).expect("shrunk by 2");
        assert_eq!(half.dimensions(), (3000, 160));
        // Close to a full decode averaged over 2×2 blocks.
        let mean = mean_difference_from_halved(&half, &bytes);
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
