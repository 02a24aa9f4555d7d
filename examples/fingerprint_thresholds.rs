//! Measures the fingerprint thresholds (`images::fingerprint`): the dHash and
//! Blockhash distances between each camera fixture and its edited copies
//! (resized, recompressed, cropped, brightened, greyscaled, mirrored), and
//! between unrelated photos (the fixtures and tiles cut from the 12 MP photo,
//! which share its scene, light and camera: a hard set). Every copy goes
//! through the real pipeline, as an upload would.
//!
//! `cargo run --release --example fingerprint_thresholds`

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, imageops};
use photojury::images::fingerprint::{
    self, CROP_BLOCK, CROP_PHASH, Fingerprint, MIRROR_DHASH, SAME_BLOCK, SAME_DHASH,
};
use photojury::images::{ImageLimits, derive};

const FIXTURES: [&str; 8] = [
    "artist-in-exif.jpg",
    "broken-exif-valid-pixels.jpg",
    "camera-canon-40d.jpg",
    "camera-olympus-12mp.jpg",
    "gps-nikon-coolpix.jpg",
    "orientation-1-landscape.jpg",
    "orientation-1-portrait.jpg",
    "xmp-photoshop.jpg",
];

fn jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let rgb = image.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), quality)
        .encode_image(&rgb)
        .unwrap_or_default();
    out
}

fn png(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png);
    out
}

fn crop(image: &DynamicImage, percent: u32) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    let (dx, dy) = (w * percent / 100, h * percent / 100);
    image.crop_imm(dx, dy, w - 2 * dx, h - 2 * dy)
}

/// The edited copies an upload might be: (name, bytes).
fn variants(image: &DynamicImage) -> Vec<(&'static str, Vec<u8>)> {
    let (w, h) = (image.width(), image.height());
    vec![
        ("png copy", png(image)),
        ("recompressed q60", jpeg(image, 60)),
        ("recompressed q35", jpeg(image, 35)),
        (
            "resized 50%",
            jpeg(
                &image.resize(w / 2, h / 2, imageops::FilterType::Triangle),
                85,
            ),
        ),
        ("cropped 3% a side", jpeg(&crop(image, 3), 85)),
        ("cropped 5% a side", jpeg(&crop(image, 5), 85)),
        ("cropped 8% a side", jpeg(&crop(image, 8), 85)),
        ("brightened +25", jpeg(&image.brighten(25), 85)),
        ("contrast +20%", jpeg(&image.adjust_contrast(20.0), 85)),
        ("greyscale", jpeg(&image.grayscale(), 85)),
        ("mirrored", jpeg(&image.fliph(), 85)),
    ]
}

fn fingerprint_of(bytes: &[u8]) -> Option<Fingerprint> {
    derive(bytes, &ImageLimits::default())
        .ok()
        .map(|d| d.fingerprint)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/photos/{name}")).unwrap_or_default()
}

fn main() {
    println!(
        "near: dHash <= {SAME_DHASH} and Blockhash <= {SAME_BLOCK}, or DCT hash <= {CROP_PHASH} and \
         Blockhash <= {CROP_BLOCK}; mirrored: dHash <= {MIRROR_DHASH}"
    );
    println!(
        "\n| copy | dHash (max) | Blockhash (max) | DCT hash (max) | paired | found by the index |\n|---|---|---|---|---|---|"
    );
    let mut rows: Vec<(&str, [u32; 3], usize, usize, usize)> = Vec::new();
    let mut originals = Vec::new();
    for name in FIXTURES {
        let bytes = fixture(name);
        let Some(original) = fingerprint_of(&bytes) else {
            continue;
        };
        let Ok(image) = image::load_from_memory(&bytes) else {
            continue;
        };
        for (kind, copy) in variants(&image) {
            let Some(fp) = fingerprint_of(&copy) else {
                continue;
            };
            let d = if kind == "mirrored" {
                fingerprint::distance(original.dhash_mirror, fp.dhash)
            } else {
                fingerprint::distance(original.dhash, fp.dhash)
            };
            let distances = [
                d,
                fingerprint::distance(original.block, fp.block),
                fingerprint::distance(original.phash, fp.phash),
            ];
            let found = usize::from(fingerprint::likeness(&fp, &original).is_some());
            // The upload probes with its slices; the stored photo's are indexed, and
            // it is compared with those sharing MIN_SHARED_SLICES or more.
            let stored = original.slices();
            let shared = fp.probes().iter().filter(|p| stored.contains(p)).count();
            let indexed = usize::from(found == 1 && shared >= fingerprint::MIN_SHARED_SLICES);
            match rows.iter_mut().find(|r| r.0 == kind) {
                Some(row) => {
                    for (max, d) in row.1.iter_mut().zip(distances) {
                        *max = (*max).max(d);
                    }
                    row.2 += found;
                    row.3 += indexed;
                    row.4 += 1;
                }
                None => rows.push((kind, distances, found, indexed, 1)),
            }
        }
        originals.push((name.to_owned(), original));
    }
    for (kind, [d, b, p], found, indexed, of) in &rows {
        println!("| {kind} | {d} | {b} | {p} | {found} of {of} | {indexed} of {of} |");
    }
    // Unrelated: the fixtures and 16 tiles of the 12 MP photo.
    if let Ok(big) = image::load_from_memory(&fixture("camera-olympus-12mp.jpg")) {
        let (tw, th) = (big.width() / 4, big.height() / 4);
        for i in 0..16 {
            let tile = big.crop_imm((i % 4) * tw, (i / 4) * th, tw, th);
            if let Some(fp) = fingerprint_of(&jpeg(&tile, 90)) {
                originals.push((format!("tile {i}"), fp));
            }
        }
    }
    let (mut min_d, mut min_b, mut min_p) = (u32::MAX, u32::MAX, u32::MAX);
    let (mut false_pairs, mut pairs) = (0, 0);
    for (i, (a_name, a)) in originals.iter().enumerate() {
        for (b_name, b) in &originals[i + 1..] {
            pairs += 1;
            let d = fingerprint::distance(a.dhash, b.dhash)
                .min(fingerprint::distance(a.dhash_mirror, b.dhash));
            min_d = min_d.min(d);
            min_b = min_b.min(fingerprint::distance(a.block, b.block));
            min_p = min_p.min(fingerprint::distance(a.phash, b.phash));
            if fingerprint::likeness(a, b).is_some() || fingerprint::likeness(b, a).is_some() {
                false_pairs += 1;
                println!("false pair: {a_name} ~ {b_name}");
            }
        }
    }
    println!(
        "\nunrelated: {} photos, {pairs} pairs; nearest dHash {min_d}, Blockhash {min_b}, DCT hash {min_p}; \
         false pairs {false_pairs}",
        originals.len()
    );
}
