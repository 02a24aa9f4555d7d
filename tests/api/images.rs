//! The anonymizing pipeline on real camera files and on hostile ones.

use crate::common::hostile;
use photojury::images::pipeline::{self, ImageLimits, LARGE_EDGE, Refusal, THUMB_EDGE};
use photojury::images::{derive, jpeg_metadata_segments};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// Strings that identify each fixture's author, camera or software.
const MARKERS: &[(&str, &[&str])] = &[
    (
        "artist-in-exif.jpg",
        &[
            "Kyle Davis",
            "KYLE DAVIS",
            "GIMP",
            "Mountain Viper",
            "xpacket",
        ],
    ),
    (
        "gps-nikon-coolpix.jpg",
        &["COOLPIX P6000", "Nikon", "WGS-84"],
    ),
    ("camera-canon-40d.jpg", &["Canon EOS 40D", "GIMP 2.4.5"]),
    ("camera-olympus-12mp.jpg", &["OLYMPUS", "E-P3", "B9V508278"]),
    ("xmp-photoshop.jpg", &["Photoshop", "XMPFiles", "xpacket"]),
    ("broken-exif-valid-pixels.jpg", &["xpacket", "ns.adobe.com"]),
    ("orientation-1-landscape.jpg", &["xpacket"]),
    (
        "orientation-6-landscape.jpg",
        &["ICC_PROFILE", "Generic RGB Profile", "Apple"],
    ),
    (
        "orientation-8-portrait.jpg",
        &["ICC_PROFILE", "Generic RGB Profile"],
    ),
];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn every_derivative_has_no_metadata_and_none_of_its_sources_identifying_strings() {
    for (name, markers) in MARKERS {
        let source = fixture(name);
        let derived =
            derive(&source, &ImageLimits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (which, out) in [
            ("large", &derived.large.bytes),
            ("thumb", &derived.thumb.bytes),
        ] {
            assert_eq!(
                jpeg_metadata_segments(out),
                Vec::<u8>::new(),
                "{name} {which} has metadata segments"
            );
            for marker in *markers {
                assert!(
                    contains(&source, marker),
                    "{name} should contain {marker:?} (fixture changed?)"
                );
                assert!(
                    !contains(out, marker),
                    "{name} {which} still contains {marker:?}"
                );
            }
            assert!(!contains(out, "Exif"), "{name} {which} has an EXIF header");
            let decoded = image::load_from_memory(out).unwrap();
            assert_eq!(
                (decoded.width(), decoded.height()),
                (
                    if which == "large" {
                        derived.large.width
                    } else {
                        derived.thumb.width
                    },
                    if which == "large" {
                        derived.large.height
                    } else {
                        derived.thumb.height
                    },
                )
            );
        }
    }
}

#[test]
fn a_12_megapixel_photo_gets_a_2560_large_and_a_480_thumbnail() {
    let derived = derive(&fixture("camera-olympus-12mp.jpg"), &ImageLimits::default()).unwrap();
    assert_eq!((derived.width, derived.height), (4032, 3024));
    assert_eq!(
        (derived.large.width, derived.large.height),
        (LARGE_EDGE, 1920)
    );
    assert_eq!(
        (derived.thumb.width, derived.thumb.height),
        (THUMB_EDGE, 360)
    );
}

#[test]
fn small_photos_are_accepted_and_shown_at_the_smallest_standard_size() {
    let derived = derive(&fixture("camera-canon-40d.jpg"), &ImageLimits::default()).unwrap();
    assert_eq!((derived.width, derived.height), (100, 68));
    assert_eq!((derived.large.width, derived.large.height), (1024, 696));
    assert_eq!((derived.thumb.width, derived.thumb.height), (480, 326));
}

fn mean_difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

#[test]
fn exif_orientations_come_out_upright_and_match_their_references() {
    use image::metadata::Orientation::*;
    for (rotated, reference, size) in [
        (
            "orientation-6-landscape.jpg",
            "orientation-1-landscape.jpg",
            (1024, 768),
        ),
        (
            "orientation-8-portrait.jpg",
            "orientation-1-portrait.jpg",
            (768, 1024),
        ),
    ] {
        let out = derive(&fixture(rotated), &ImageLimits::default()).unwrap();
        let expected = derive(&fixture(reference), &ImageLimits::default()).unwrap();
        assert_eq!((out.large.width, out.large.height), size, "{rotated}");
        let ours = image::load_from_memory(&out.large.bytes)
            .unwrap()
            .into_rgb8();
        let reference_pixels = image::load_from_memory(&expected.large.bytes)
            .unwrap()
            .into_rgb8();
        let correct = mean_difference(&ours, &reference_pixels);
        // The two files are separate exports (one carries an Apple RGB profile),
        // so they are not identical; but every other way of turning the
        // stored pixels must be far further from the reference.
        let stored = image::load_from_memory(&fixture(rotated)).unwrap();
        for wrong in [
            NoTransforms,
            Rotate90,
            Rotate180,
            Rotate270,
            FlipHorizontal,
            FlipVertical,
            Rotate90FlipH,
            Rotate270FlipH,
        ] {
            let mut turned = stored.clone();
            turned.apply_orientation(wrong);
            let (w, h) = reference_pixels.dimensions();
            if (turned.width() > turned.height()) != (w > h) {
                continue;
            }
            // At the size jurors get, as ours was made.
            let turned = turned
                .resize_exact(w, h, image::imageops::FilterType::Lanczos3)
                .into_rgb8();
            let diff = mean_difference(&turned, &reference_pixels);
            if diff < correct * 1.5 {
                // The orientation the file asked for is the only close match.
                assert!(
                    matches!(
                        (rotated, wrong),
                        ("orientation-6-landscape.jpg", Rotate90)
                            | ("orientation-8-portrait.jpg", Rotate270)
                    ),
                    "{rotated}: {wrong:?} is as close ({diff:.1}) as ours ({correct:.1})"
                );
            }
        }
        assert!(
            correct < 20.0,
            "{rotated} differs from {reference} by {correct:.1} on average"
        );
    }
}

#[test]
fn all_eight_orientations_including_mirrored_ones_are_applied() {
    use image::metadata::Orientation::*;
    // An asymmetric 3×2 image: each orientation moves the red corner somewhere else.
    let mut base = image::RgbImage::from_pixel(3, 2, image::Rgb([0, 0, 0]));
    base.put_pixel(0, 0, image::Rgb([255, 0, 0]));
    let cases = [
        (NoTransforms, (3, 2), (0, 0)),
        (FlipHorizontal, (3, 2), (2, 0)),
        (Rotate180, (3, 2), (2, 1)),
        (FlipVertical, (3, 2), (0, 1)),
        (Rotate90FlipH, (2, 3), (0, 0)),
        (Rotate90, (2, 3), (1, 0)),
        (Rotate270FlipH, (2, 3), (1, 2)),
        (Rotate270, (2, 3), (0, 2)),
    ];
    for (orientation, size, red) in cases {
        let mut img = image::DynamicImage::ImageRgb8(base.clone());
        img.apply_orientation(orientation);
        let img = img.into_rgb8();
        assert_eq!(img.dimensions(), size, "{orientation:?}");
        assert_eq!(img.get_pixel(red.0, red.1)[0], 255, "{orientation:?}");
    }
}

#[test]
fn broken_exif_with_valid_pixels_is_accepted_and_cleaned() {
    let derived = derive(
        &fixture("broken-exif-valid-pixels.jpg"),
        &ImageLimits::default(),
    )
    .unwrap();
    assert_eq!((derived.width, derived.height), (636, 227));
    assert!(jpeg_metadata_segments(&derived.large.bytes).is_empty());
}

#[test]
fn hostile_files_are_refused_from_their_headers_with_clear_messages() {
    let limits = ImageLimits::default();
    let png = hostile::png_declaring(100_000, 100_000);
    assert_eq!(png.len(), 65);
    let refused = derive(&png, &limits).unwrap_err();
    assert!(
        matches!(
            refused,
            Refusal::TooManyPixels {
                width: 100_000,
                height: 100_000,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        "The image is 100,000 × 100,000 pixels; the limit is 12,000 pixels a side and 100 megapixels."
    );
    let jpeg = hostile::jpeg_declaring(65_000, 65_000);
    assert!(jpeg.len() < 1000);
    assert!(matches!(
        derive(&jpeg, &limits),
        Err(Refusal::TooManyPixels { width: 65_000, .. })
    ));
    // A bomb: 13000 × 13000 zero pixels deflate to well under a megabyte.
    let bomb = hostile::png_bomb(13_000, 13_000);
    assert!(bomb.len() < 1_000_000, "{}", bomb.len());
    assert!(matches!(
        derive(&bomb, &limits),
        Err(Refusal::TooManyPixels { .. })
    ));
}

#[test]
fn a_bomb_within_the_side_limit_is_stopped_by_the_area_and_memory_limits() {
    let limits = ImageLimits {
        max_pixels: 4_000_000,
        ..ImageLimits::default()
    };
    let bomb = hostile::png_bomb(3000, 3000);
    assert!(matches!(
        derive(&bomb, &limits),
        Err(Refusal::TooManyPixels { .. })
    ));
    // And a decoder allowance smaller than the pixels refuses instead of allocating.
    let stingy = ImageLimits {
        max_decoder_bytes: 1_000_000,
        ..ImageLimits::default()
    };
    assert_eq!(derive(&bomb, &stingy).unwrap_err(), Refusal::TooMuchMemory);
}

#[test]
fn truncated_and_fake_files_are_refused() {
    let limits = ImageLimits::default();
    let half = hostile::cut_in_half(&fixture("gps-nikon-coolpix.jpg"));
    assert_eq!(derive(&half, &limits).unwrap_err(), Refusal::Truncated);
    let png = {
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            300,
            200,
            image::Rgb([10, 200, 30]),
        ))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
        out
    };
    assert!(derive(&png, &limits).is_ok());
    assert!(matches!(
        derive(&hostile::cut_in_half(&png), &limits),
        Err(Refusal::Truncated | Refusal::Damaged)
    ));

    for (bytes, expected) in [
        (hostile::html_page(), "This is a web page, not a photo."),
        (
            hostile::svg_with_script(),
            "This is an SVG drawing, not a photo.",
        ),
        (Vec::new(), "The file is empty."),
        (
            hostile::heic_like(),
            "This is a HEIC photo from a phone. Export it as JPEG",
        ),
    ] {
        let refused = derive(&bytes, &limits).unwrap_err();
        assert!(refused.to_string().starts_with(expected), "{refused}");
    }
    let small = ImageLimits {
        max_bytes: 1000,
        ..limits
    };
    let refused = derive(&fixture("gps-nikon-coolpix.jpg"), &small).unwrap_err();
    assert!(matches!(refused, Refusal::TooBig(1000)));
}

#[test]
fn transparent_png_areas_become_white_not_black() {
    let img = image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    let derived = derive(&bytes, &ImageLimits::default()).unwrap();
    let out = image::load_from_memory(&derived.large.bytes)
        .unwrap()
        .into_rgb8();
    assert!(out.get_pixel(5, 5)[0] > 240, "{:?}", out.get_pixel(5, 5));
}

#[test]
fn fit_never_upscales_and_keeps_the_aspect_ratio() {
    assert_eq!(pipeline::fit(6000, 4000, 2560), (2560, 1707));
    assert_eq!(pipeline::fit(4000, 6000, 480), (320, 480));
    assert_eq!(pipeline::fit(100, 50, 480), (100, 50));
}

#[test]
fn the_derive_command_writes_what_a_juror_would_get_or_the_forms_message() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("in.jpg");
    std::fs::write(&source, fixture("artist-in-exif.jpg")).unwrap();
    let out = dir.path().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .args(["--data-dir"])
        .arg(dir.path().join("data"))
        .arg("derive")
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .arg("--timings")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("timings_ms decode="), "{stdout}");
    let expected = derive(&fixture("artist-in-exif.jpg"), &ImageLimits::default()).unwrap();
    assert_eq!(
        std::fs::read(out.join("large.jpg")).unwrap(),
        expected.large.bytes
    );
    assert_eq!(
        std::fs::read(out.join("thumb.jpg")).unwrap(),
        expected.thumb.bytes
    );

    // A refused file: non-zero, the upload form's one-line message, nothing written.
    let html = dir.path().join("photo.jpg");
    std::fs::write(&html, hostile::html_page()).unwrap();
    let out2 = dir.path().join("out2");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("derive")
        .arg(&html)
        .arg("--out")
        .arg(&out2)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "photojury: {}",
            Refusal::NotAPhoto(photojury::images::sniff::Other::Html)
        )
    );
    assert!(!out2.exists());
    // The limits are the server's, from the same flags.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .args(["--max-image-side", "50", "derive"])
        .arg(&source)
        .arg("--out")
        .arg(&out2)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("the limit is 50 pixels a side"));
}
