//! Resizing: the size that fits a long edge, and Lanczos/Catmull-Rom
//! convolution (fast_image_resize, SIMD), on all cores for the large size.

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::images::refusal::Refusal;

/// The size that fits `edge` on the long side, never larger than the source.
pub fn fit(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= edge {
        return (width, height);
    }
    let scale = f64::from(edge) / f64::from(long);
    let w = (f64::from(width) * scale).round().max(1.0);
    let h = (f64::from(height) * scale).round().max(1.0);
    // Both are at most `edge` (a u32) by construction.
    (w as u32, h as u32)
}

/// The size with a long edge of exactly `edge`, same aspect ratio (larger or
/// smaller than the source).
pub fn scale_to(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let long = width.max(height).max(1);
    let scale = f64::from(edge) / f64::from(long);
    let side = |v: u32| (f64::from(v) * scale).round().clamp(1.0, f64::from(edge)) as u32;
    (side(width), side(height))
}

pub(crate) fn resize(
    src: &Image<'_>,
    edge: u32,
    filter: FilterType,
) -> Result<Image<'static>, Refusal> {
    let (w, h) = fit(src.width(), src.height(), edge);
    let mut dst = Image::new(w, h, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter));
    Resizer::new()
        .resize(src, &mut dst, &options)
        .map_err(|_| Refusal::Damaged)?;
    Ok(dst)
}

/// Resizes to exactly `size` (larger or smaller) in horizontal strips on
/// all cores. Each strip is the same crop of
/// the same mapping (the filter window may reach past the strip into the
/// whole source), so the result equals a one-piece resize, row for row.
pub(crate) fn resize_parallel(
    src: &Image<'_>,
    (w, h): (u32, u32),
    filter: FilterType,
) -> Result<Image<'static>, Refusal> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    let rows_per_strip = (h as usize).div_ceil(threads).max(1);
    let mut buffer = vec![0u8; w as usize * h as usize * 3];
    let scale_y = f64::from(src.height()) / f64::from(h);
    let outcome: Result<(), Refusal> = std::thread::scope(|scope| {
        let strips: Vec<_> = buffer
            .chunks_mut(rows_per_strip * w as usize * 3)
            .enumerate()
            .map(|(i, strip)| {
                scope.spawn(move || {
                    let first = (i * rows_per_strip) as f64;
                    let rows = strip.len() / (w as usize * 3);
                    let rows32 = u32::try_from(rows).map_err(|_| Refusal::Damaged)?;
                    let mut dst = Image::from_slice_u8(w, rows32, strip, PixelType::U8x3)
                        .map_err(|_| Refusal::Damaged)?;
                    let options = ResizeOptions::new()
                        .resize_alg(ResizeAlg::Convolution(filter))
                        .crop(
                            0.0,
                            first * scale_y,
                            f64::from(src.width()),
                            rows as f64 * scale_y,
                        );
                    Resizer::new()
                        .resize(src, &mut dst, &options)
                        .map_err(|_| Refusal::Damaged)
                })
            })
            .collect();
        strips
            .into_iter()
            .try_for_each(|s| s.join().unwrap_or(Err(Refusal::Damaged)))
    });
    outcome?;
    Image::from_vec_u8(w, h, buffer, PixelType::U8x3).map_err(|_| Refusal::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resizing_in_strips_equals_resizing_in_one_piece() {
        let (w, h) = (1234u32, 917u32);
        let pixels: Vec<u8> = (0..w * h * 3)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let src = Image::from_vec_u8(w, h, pixels, PixelType::U8x3).unwrap();
        let whole = resize(&src, 500, FilterType::Lanczos3).unwrap();
        let strips = resize_parallel(&src, fit(w, h, 500), FilterType::Lanczos3).unwrap();
        assert_eq!(
            (whole.width(), whole.height()),
            (strips.width(), strips.height())
        );
        assert!(
            whole.buffer() == strips.buffer(),
            "strip seams differ from a one-piece resize"
        );
    }
}
