//! JPEG encoding from pixels (jpeg-encoder: only a bare JFIF header, no
//! metadata). Large images are encoded in horizontal strips on all cores and
//! joined with restart markers, which is how the JPEG standard lets
//! independent pieces of one scan be decoded: the pixels a decoder gets are
//! exactly those of a one-piece encode.

use fast_image_resize::images::Image;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::images::refusal::Refusal;

/// One derivative: a clean JPEG and its size.
#[derive(Clone)]
pub struct Encoded {
    /// JFIF bytes with no metadata segment.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Encoded({}x{}, {} bytes)",
            self.width,
            self.height,
            self.bytes.len()
        )
    }
}

/// 4:2:0 chroma: a minimum coded unit is 16×16 pixels.
const MCU: usize = 16;

fn encode_rgb(
    pixels: &[u8],
    width: u16,
    height: u16,
    quality: u8,
    restart: u16,
) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = Encoder::new(&mut bytes, quality);
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder.set_restart_interval(restart);
    encoder
        .encode(pixels, width, height, ColorType::Rgb)
        .map_err(|_| Refusal::Damaged)?;
    Ok(bytes)
}

fn dimensions(image: &Image<'_>) -> Result<(u16, u16), Refusal> {
    Ok((
        u16::try_from(image.width()).map_err(|_| Refusal::Damaged)?,
        u16::try_from(image.height()).map_err(|_| Refusal::Damaged)?,
    ))
}

/// Encodes in one piece.
pub(crate) fn encode(image: &Image<'_>, quality: u8) -> Result<Encoded, Refusal> {
    let (w, h) = dimensions(image)?;
    let bytes = encode_rgb(image.buffer(), w, h, quality, 0)?;
    Ok(Encoded {
        bytes,
        width: image.width(),
        height: image.height(),
    })
}

/// Where the header ends (just after the start-of-scan segment) and where
/// the frame header's height field is, in a file jpeg-encoder wrote.
fn layout(jpeg: &[u8]) -> Option<(usize, usize)> {
    let (mut at, mut height_at) = (2, None);
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if marker == 0xC0 {
            height_at = Some(at + 5);
        }
        at += 2 + len;
        if marker == 0xDA {
            return Some((at, height_at?));
        }
    }
    None
}

/// Encodes in strips on `threads` threads, joined by restart markers.
pub(crate) fn encode_parallel(
    image: &Image<'_>,
    quality: u8,
    threads: usize,
) -> Result<Encoded, Refusal> {
    let (w, h) = dimensions(image)?;
    let row_bytes = usize::from(w) * 3;
    let mcu_rows = usize::from(h).div_ceil(MCU);
    let strip_rows = mcu_rows.div_ceil(threads.max(1)) * MCU;
    let restart = u16::try_from(strip_rows / MCU * usize::from(w).div_ceil(MCU)).unwrap_or(0);
    if threads < 2 || strip_rows >= usize::from(h) || restart == 0 {
        return encode(image, quality);
    }
    let strips: Vec<Result<Vec<u8>, Refusal>> = std::thread::scope(|scope| {
        let handles: Vec<_> = image
            .buffer()
            .chunks(strip_rows * row_bytes)
            .map(|pixels| {
                let rows = u16::try_from(pixels.len() / row_bytes).unwrap_or(0);
                scope.spawn(move || encode_rgb(pixels, w, rows, quality, restart))
            })
            .collect();
        handles
            .into_iter()
            .map(|t| t.join().unwrap_or(Err(Refusal::Damaged)))
            .collect()
    });
    let mut out = Vec::new();
    for (i, strip) in strips.into_iter().enumerate() {
        let strip = strip?;
        let (scan_at, height_at) = layout(&strip).ok_or(Refusal::Damaged)?;
        let end = strip
            .len()
            .checked_sub(2)
            .filter(|e| *e >= scan_at)
            .ok_or(Refusal::Damaged)?;
        if i == 0 {
            out.extend_from_slice(&strip[..scan_at]);
            out[height_at..height_at + 2].copy_from_slice(&h.to_be_bytes());
        } else {
            // RST0..RST7 in turn, between the strips' entropy-coded data.
            out.extend_from_slice(&[0xFF, 0xD0 + ((i - 1) % 8) as u8]);
        }
        out.extend_from_slice(&strip[scan_at..end]);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(Encoded {
        bytes: out,
        width: image.width(),
        height: image.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fast_image_resize::PixelType;

    fn noisy(w: u32, h: u32) -> Image<'static> {
        let pixels = (0..w * h * 3)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 23) as u8)
            .collect();
        Image::from_vec_u8(w, h, pixels, PixelType::U8x3).unwrap()
    }

    #[test]
    fn strips_joined_by_restart_markers_decode_to_the_same_pixels() {
        for (w, h, threads) in [(1000, 700, 2), (333, 250, 3), (2560, 1707, 4), (64, 20, 2)] {
            let img = noisy(w, h);
            let one = encode(&img, 86).unwrap();
            let many = encode_parallel(&img, 86, threads).unwrap();
            let a = image::load_from_memory(&one.bytes).unwrap().into_rgb8();
            let b = image::load_from_memory(&many.bytes).unwrap().into_rgb8();
            assert_eq!(b.dimensions(), (w, h));
            assert!(
                a.as_raw() == b.as_raw(),
                "{w}x{h} on {threads} threads decodes differently"
            );
            assert!(crate::images::jpeg_metadata_segments(&many.bytes).is_empty());
        }
    }
}
