//! Writes a synthetic camera-like JPEG for the derive benchmark: gradients,
//! fine repeating detail and per-pixel noise (which JPEG cannot compress away),
//! so decoding and resizing cost what a real high-resolution photo costs.
//!
//! `cargo run --release --example bench_photo -- OUT.jpg 6000 4000 [RESTART [ICC]]`
//!
//! RESTART writes a restart marker every that many MCUs, as many cameras do
//! (the Olympus fixture: every 4); without it (or 0), none. ICC embeds that
//! profile file (an Adobe RGB export, as many photographers send).

use rand::{Rng, SeedableRng};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .ok_or("usage: bench_photo OUT.jpg [WIDTH HEIGHT]")?;
    let width: u16 = args.next().map_or(Ok(6000), |s| s.parse())?;
    let height: u16 = args.next().map_or(Ok(4000), |s| s.parse())?;
    let restart: u16 = args.next().map_or(Ok(0), |s| s.parse())?;
    let icc = args.next().map(std::fs::read).transpose()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let (w, h) = (usize::from(width), usize::from(height));
    let mut pixels = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            let fx = x as f32 / w as f32;
            let fy = y as f32 / h as f32;
            // Fine detail: a high-frequency pattern that varies over the frame.
            let detail = ((x as f32 * 0.9).sin() * (y as f32 * 0.7).cos()) * 40.0;
            let noise: f32 = rng.random_range(-18.0..18.0);
            let base = [
                120.0 + 100.0 * fx,
                90.0 + 120.0 * fy,
                160.0 - 90.0 * fx * fy,
            ];
            let at = (y * w + x) * 3;
            for c in 0..3 {
                pixels[at + c] = (base[c] + detail + noise).clamp(0.0, 255.0) as u8;
            }
        }
    }
    let mut encoder = jpeg_encoder::Encoder::new_file(&out, 92)?;
    encoder.set_restart_interval(restart);
    if let Some(icc) = &icc {
        encoder.add_icc_profile(icc)?;
    }
    encoder.encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)?;
    println!(
        "{out}: {width}x{height}, {} bytes",
        std::fs::metadata(&out)?.len()
    );
    Ok(())
}
