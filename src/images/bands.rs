//! Decoding a restart-marked JPEG on all cores. Many cameras write restart
//! markers (the Olympus fixture has one every 4 MCUs): the entropy-coded data
//! restarts there with fresh predictors, so it can be cut at markers that fall
//! on MCU-row boundaries. Each horizontal band becomes a small JPEG of its own
//! (the same tables, a frame as tall as the band) and the bands are decoded at
//! once, each straight into its rows of one output buffer.
//!
//! Huffman decoding cannot be split otherwise, and it is most of the time of
//! a large photo. Anything this module does not recognise (progressive, no
//! restart markers, markers that do not line up, grey or CMYK) returns `None`
//! and the caller decodes in one piece, as before.

use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

/// Below this many pixels one core is fast enough and threads cost more.
const MIN_PIXELS: u64 = 2_000_000;

/// How a JPEG can be cut into bands.
#[derive(Debug)]
pub struct Plan<'a> {
    bytes: &'a [u8],
    /// SOI and the segments each band needs (tables, frame, restart interval,
    /// scan header); identifying APP1/APP13/comment segments are left out.
    header: Vec<u8>,
    /// Where the frame height sits in `header`.
    height_at: usize,
    width: u32,
    height: u32,
    mcu_height: u32,
    mcus_per_row: u32,
    mcu_rows: u32,
    interval: u32,
    /// Offset of each restart interval's first byte of entropy-coded data.
    starts: Vec<usize>,
    /// Offset of the end-of-image marker.
    end: usize,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([
        *bytes.get(at)?,
        *bytes.get(at + 1)?,
    ])))
}

/// Reads the markers of a baseline, 3-component, restart-marked JPEG large
/// enough to be worth splitting; `None` for anything else.
pub fn plan(bytes: &[u8]) -> Option<Plan<'_>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut header = vec![0xFF, 0xD8];
    let (mut frame, mut interval, mut height_at) = (None, 0, 0);
    let mut scan_start = None;
    for (marker, length_at, len) in super::sniff::jpeg_segments(bytes) {
        let segment = bytes.get(length_at - 2..length_at + len)?;
        match marker {
            // Baseline or extended sequential Huffman, 8 bits, Y Cb Cr.
            0xC0 | 0xC1 => {
                if segment.get(4) != Some(&8) || segment.get(9) != Some(&3) {
                    return None;
                }
                let (mut h_max, mut v_max) = (1, 1);
                for c in 0..3 {
                    let hv = *segment.get(11 + 3 * c)?;
                    h_max = h_max.max(u32::from(hv >> 4));
                    v_max = v_max.max(u32::from(hv & 15));
                }
                height_at = header.len() + 5;
                frame = Some((u16_at(segment, 7)?, u16_at(segment, 5)?, h_max, v_max));
            }
            // Progressive, lossless, arithmetic coding: not split.
            0xC2 | 0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            0xDD => interval = u16_at(segment, 4)?,
            0xDA => {
                // One interleaved scan of all three components.
                if segment.get(4) != Some(&3) {
                    return None;
                }
                header.extend_from_slice(segment);
                scan_start = Some(length_at + len);
                break;
            }
            _ => {}
        }
        // Metadata (EXIF, ICC, IPTC, comments) is not needed for pixels.
        if !matches!(marker, 0xE1 | 0xE2 | 0xED | 0xFE) {
            header.extend_from_slice(segment);
        }
    }
    // The walk stops at anything that is not a marker segment.
    let scan_start = scan_start?;
    let (width, height, h_max, v_max) = frame?;
    if interval == 0 || width == 0 || height == 0 {
        return None;
    }
    if u64::from(width) * u64::from(height) < MIN_PIXELS {
        return None;
    }
    let (mcu_width, mcu_height) = (8 * h_max, 8 * v_max);
    let mcus_per_row = width.div_ceil(mcu_width);
    let mcu_rows = height.div_ceil(mcu_height);
    let intervals = (mcus_per_row * mcu_rows).div_ceil(interval);
    let (starts, end) = restarts(bytes, scan_start)?;
    if starts.len() != usize::try_from(intervals).ok()? {
        return None;
    }
    Some(Plan {
        bytes,
        header,
        height_at,
        width,
        height,
        mcu_height,
        mcus_per_row,
        mcu_rows,
        interval,
        starts,
        end,
    })
}

/// The start of every restart interval and the end-of-image offset; `None`
/// if the data holds any other marker (a second scan, DNL) or no end.
fn restarts(bytes: &[u8], scan_start: usize) -> Option<(Vec<usize>, usize)> {
    let mut starts = vec![scan_start];
    let mut at = scan_start;
    loop {
        at += bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(at + 1)? {
            // A stuffed zero byte, or fill before a marker.
            0x00 => at += 2,
            0xFF => at += 1,
            0xD0..=0xD7 => {
                at += 2;
                starts.push(at);
            }
            0xD9 => return Some((starts, at)),
            _ => return None,
        }
    }
}

impl Plan<'_> {
    /// Width and height of the whole image.
    pub fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The MCU rows where bands may start: those beginning a restart interval.
    fn cuts(&self, bands: u32) -> Vec<u32> {
        let mut cuts = vec![0];
        for k in 1..bands {
            let target = self.mcu_rows * k / bands;
            let row = (target..self.mcu_rows)
                .find(|&row| (row * self.mcus_per_row).is_multiple_of(self.interval));
            if let Some(row) = row.filter(|&r| r > *cuts.last().unwrap_or(&0)) {
                cuts.push(row);
            }
        }
        cuts.push(self.mcu_rows);
        cuts
    }

    /// The JPEG of MCU rows `from..to`.
    fn band(&self, from: u32, to: u32) -> Option<Vec<u8>> {
        let first = usize::try_from(from * self.mcus_per_row / self.interval).ok()?;
        let next = usize::try_from((to * self.mcus_per_row).div_ceil(self.interval)).ok()?;
        let data_end = match self.starts.get(next) {
            Some(&start) => start - 2, // drop the restart marker itself
            None => self.end,
        };
        let data = self.bytes.get(*self.starts.get(first)?..data_end)?;
        let rows = (to * self.mcu_height).min(self.height) - from * self.mcu_height;
        let mut jpeg = Vec::with_capacity(self.header.len() + data.len() + 2);
        jpeg.extend_from_slice(&self.header);
        let rows = u16::try_from(rows).ok()?.to_be_bytes();
        jpeg.get_mut(self.height_at..self.height_at + 2)?
            .copy_from_slice(&rows);
        jpeg.extend_from_slice(data);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        Some(jpeg)
    }

    /// Decodes into `out` (`width × height × 3` bytes of RGB) on up to
    /// `threads` threads. An error means: decode in one piece instead.
    pub fn decode_into(&self, out: &mut [u8], threads: usize) -> Result<(), String> {
        let row_bytes = usize::try_from(self.width).map_err(|e| e.to_string())? * 3;
        if out.len() != row_bytes * usize::try_from(self.height).map_err(|e| e.to_string())? {
            return Err("output buffer of the wrong size".into());
        }
        let bands = u32::try_from(threads.clamp(1, 16)).unwrap_or(1);
        let cuts = self.cuts(bands);
        let mut jobs = Vec::new();
        let mut rest = out;
        for pair in cuts.windows(2) {
            let jpeg = self.band(pair[0], pair[1]).ok_or("a band out of range")?;
            let rows = (pair[1] * self.mcu_height).min(self.height) - pair[0] * self.mcu_height;
            let split = row_bytes * usize::try_from(rows).map_err(|e| e.to_string())?;
            let (mine, later) = rest.split_at_mut(split.min(rest.len()));
            rest = later;
            jobs.push((jpeg, mine));
        }
        std::thread::scope(|scope| {
            let running: Vec<_> = jobs
                .into_iter()
                .map(|(jpeg, out)| scope.spawn(move || decode_band(&jpeg, out)))
                .collect();
            // Every band is joined, then the first error (if any) reported.
            let results: Vec<Result<(), String>> = running
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|_| Err("a band panicked".into())))
                .collect();
            results.into_iter().collect::<Result<(), String>>()
        })
    }
}

/// The options `image` decodes with, so bands come out as a whole decode would.
fn decode_band(jpeg: &[u8], out: &mut [u8]) -> Result<(), String> {
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(jpeg), options);
    decoder.decode_headers().map_err(|e| e.to_string())?;
    if decoder.output_buffer_size() != Some(out.len()) {
        return Err("a band decodes to an unexpected size".into());
    }
    decoder.decode_into(out).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::fixture;

    /// What `image` makes of the whole file in one piece.
    fn whole(bytes: &[u8]) -> Vec<u8> {
        image::load_from_memory(bytes)
            .unwrap()
            .into_rgb8()
            .into_raw()
    }

    fn banded(bytes: &[u8], threads: usize) -> Vec<u8> {
        let plan = plan(bytes).expect("a plan");
        let mut out = vec![0; (plan.width * plan.height * 3) as usize];
        plan.decode_into(&mut out, threads).unwrap();
        out
    }

    /// A noisy 4:2:0 photo written with a restart marker every `interval` MCUs.
    fn generated(width: u16, height: u16, interval: u16) -> Vec<u8> {
        encoded(width, height, interval, false)
    }

    /// The same, with no marker for `interval` 0, progressive if asked.
    fn encoded(width: u16, height: u16, interval: u16, progressive: bool) -> Vec<u8> {
        let mut state = 7u32;
        let pixels: Vec<u8> = (0..usize::from(width) * usize::from(height) * 3)
            .map(|i| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                ((i / 3 % usize::from(width)) as u32 / 7 + (state >> 27)) as u8
            })
            .collect();
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        encoder.set_restart_interval(interval);
        encoder.set_progressive(progressive);
        encoder
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn a_camera_photo_decodes_in_bands_to_exactly_the_same_pixels() {
        // Olympus, 4032×3024, 4:2:2, a restart marker every 4 MCUs.
        let bytes = fixture("camera-olympus-12mp.jpg");
        let expected = whole(&bytes);
        for threads in [2, 3, 8] {
            assert!(
                banded(&bytes, threads) == expected,
                "{threads} bands differ"
            );
        }
    }

    #[test]
    fn with_vertical_chroma_subsampling_only_the_rows_at_the_cuts_differ_slightly() {
        let bytes = generated(2400, 1000, 15);
        let plan = plan(&bytes).unwrap();
        let cuts: Vec<u32> = plan.cuts(4).iter().map(|r| r * plan.mcu_height).collect();
        assert_eq!(cuts.len(), 5, "{cuts:?}");
        let (expected, got) = (whole(&bytes), banded(&bytes, 4));
        let row = 2400 * 3;
        for (y, (a, b)) in expected.chunks(row).zip(got.chunks(row)).enumerate() {
            let worst = a
                .iter()
                .zip(b)
                .map(|(x, y)| x.abs_diff(*y))
                .max()
                .unwrap_or(0);
            let near_cut = cuts.iter().any(|&c| (y as u32).abs_diff(c) <= 1);
            if near_cut {
                assert!(worst <= 12, "row {y} differs by {worst}");
            } else {
                assert_eq!(worst, 0, "row {y}, away from the cuts, differs");
            }
        }
    }

    #[test]
    fn files_that_cannot_be_cut_get_no_plan() {
        // No restart markers.
        assert!(plan(&generated(2000, 1200, 0)).is_none());
        // Too small to be worth it.
        assert!(plan(&generated(400, 300, 4)).is_none());
        // A restart marker missing: the count no longer adds up.
        let mut broken = generated(2000, 1200, 4);
        let rst = broken
            .windows(2)
            .rposition(|w| w[0] == 0xFF && (0xD0..=0xD7).contains(&w[1]));
        let at = rst.unwrap();
        broken.drain(at..at + 2);
        assert!(plan(&broken).is_none());
        // Progressive.
        let progressive = encoded(2000, 1200, 4, true);
        assert!(plan(&progressive).is_none());
    }

    #[test]
    fn bands_carry_no_metadata_segment() {
        let bytes = fixture("camera-olympus-12mp.jpg");
        let plan = plan(&bytes).unwrap();
        let band = plan.band(0, 4).unwrap();
        let scan = band.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        let head = &band[..scan];
        assert!(!head.windows(4).any(|w| w == b"Exif"));
        assert!(
            !head
                .windows(2)
                .any(|w| w == [0xFF, 0xE1] || w == [0xFF, 0xFE])
        );
    }
}
