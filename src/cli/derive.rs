//! `photojury derive FILE --out DIR`: the upload pipeline on one file,
//! writing exactly what a juror would get, or the upload form's refusal.

use std::time::Duration;

use crate::config::Config;

/// `photojury derive FILE --out DIR`: exactly the upload pipeline, on one file.
pub(super) fn run(
    config: &Config,
    file: &std::path::Path,
    out: &std::path::Path,
    timings: bool,
) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let derived = crate::images::derive(&bytes, &config.image_limits)
        .map_err(|refusal| anyhow::anyhow!("{refusal}"))?;
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("large.jpg"), &derived.large.bytes)?;
    std::fs::write(out.join("thumb.jpg"), &derived.thumb.bytes)?;
    println!(
        "large.jpg {}x{} ({} bytes), thumb.jpg {}x{} ({} bytes), from {}x{}",
        derived.large.width,
        derived.large.height,
        derived.large.bytes.len(),
        derived.thumb.width,
        derived.thumb.height,
        derived.thumb.bytes.len(),
        derived.width,
        derived.height
    );
    if timings {
        let t = derived.timings;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "timings_ms decode={:.1} orient={:.1} resize={:.1} encode={:.1} total={:.1}",
            ms(t.decode),
            ms(t.orient),
            ms(t.resize),
            ms(t.encode),
            ms(t.decode + t.orient + t.resize + t.encode)
        );
    }
    Ok(())
}
