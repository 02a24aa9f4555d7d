//! Colour: a photo tagged with an ICC profile (Adobe RGB, Display P3, a grey
//! profile…) is converted to sRGB, the web's default, so jurors see it as its
//! author did; the derivatives carry no profile (untagged means sRGB). The
//! conversion runs on the resized `large` pixels, not the original's, and the
//! thumbnail is made from those, so it costs milliseconds. moxcms (pure Rust,
//! already in the tree through `image`) does the transforms: it reads ICC v2
//! and v4 matrix/TRC and LUT profiles, and is what `image` itself uses.
//! CMYK profiles are not converted (the decoders give RGB already, without
//! the ink values a CMYK profile needs); a profile that cannot be read, or an
//! sRGB one, leaves the pixels as decoded.

use std::sync::Arc;

use moxcms::{ColorProfile, DataColorSpace, Layout, Transform8BitExecutor, TransformOptions};

/// A conversion from a photo's embedded profile to sRGB.
#[derive(Clone)]
pub struct ToSrgb {
    transform: Arc<Transform8BitExecutor>,
    /// The profile is grey: its transform reads one channel per pixel.
    grey: bool,
}

impl std::fmt::Debug for ToSrgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToSrgb").field("grey", &self.grey).finish()
    }
}

/// Levels a colour may move in an sRGB-to-sRGB round trip (fixed-point
/// rounding) and still count as "already sRGB".
const SAME: u8 = 1;

impl ToSrgb {
    /// The conversion for an embedded ICC profile, or `None` when there is
    /// nothing to do (an sRGB profile) or nothing we can do (unreadable,
    /// CMYK, Lab…): the pixels then stay as decoded.
    pub fn from_icc(icc: &[u8]) -> Option<Self> {
        let profile = match ColorProfile::new_from_slice(icc) {
            Ok(profile) => profile,
            Err(err) => {
                tracing::debug!(error = ?err, "an embedded ICC profile cannot be read");
                return None;
            }
        };
        let layout = match profile.color_space {
            DataColorSpace::Rgb => Layout::Rgb,
            DataColorSpace::Gray => Layout::Gray,
            _ => return None,
        };
        let srgb = ColorProfile::new_srgb();
        let transform = profile
            .create_transform_8bit(layout, &srgb, Layout::Rgb, TransformOptions::default())
            .map_err(|err| tracing::debug!(error = ?err, "no transform from an ICC profile"))
            .ok()?;
        let conversion = Self {
            transform,
            grey: layout == Layout::Gray,
        };
        (!conversion.is_identity()).then_some(conversion)
    }

    /// Whether this profile is sRGB in all but name: every level of grey and
    /// of each primary comes back within [`SAME`] (then the pixels are left
    /// alone, byte for byte, as for an untagged photo).
    fn is_identity(&self) -> bool {
        if self.grey {
            return false;
        }
        let mut probe = Vec::with_capacity(256 * 4 * 3);
        for v in 0..=255u8 {
            probe.extend_from_slice(&[v, v, v, v, 0, 0, 0, v, 0, 0, 0, v]);
        }
        let mut out = vec![0u8; probe.len()];
        if self.transform.transform(&probe, &mut out).is_err() {
            return false;
        }
        probe.iter().zip(&out).all(|(a, b)| a.abs_diff(*b) <= SAME)
    }

    /// Converts interleaved 8-bit RGB pixels in place. For a grey profile,
    /// the first channel of each pixel is the grey level (the decoder
    /// expanded grey to RGB).
    pub fn apply(&self, rgb: &mut [u8]) -> Result<(), moxcms::CmsError> {
        // Rows at a time: a bounded scratch buffer, whatever the image size.
        const CHUNK: usize = 3 * 4096;
        let mut scratch = vec![0u8; CHUNK];
        for chunk in rgb.chunks_mut(CHUNK) {
            if self.grey {
                let grey: Vec<u8> = chunk.iter().step_by(3).copied().collect();
                self.transform.transform(&grey, chunk)?;
            } else {
                let out = &mut scratch[..chunk.len()];
                self.transform.transform(chunk, out)?;
                chunk.copy_from_slice(out);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_srgb_profile_and_an_unreadable_one_change_nothing() {
        let srgb = ColorProfile::new_srgb().encode().unwrap();
        assert!(ToSrgb::from_icc(&srgb).is_none());
        assert!(ToSrgb::from_icc(b"not a profile").is_none());
        let adobe = ColorProfile::new_adobe_rgb().encode().unwrap();
        let to_srgb = ToSrgb::from_icc(&adobe).expect("Adobe RGB is converted");
        // Adobe RGB's pure green is outside sRGB: it comes out clipped, and
        // a mid grey stays grey.
        let mut pixels = vec![0, 255, 0, 128, 128, 128];
        to_srgb.apply(&mut pixels).unwrap();
        assert_eq!(pixels[0], 0);
        assert_eq!(pixels[1], 255);
        assert!(pixels[3].abs_diff(pixels[4]) <= 1 && pixels[4].abs_diff(pixels[5]) <= 1);
    }
}
