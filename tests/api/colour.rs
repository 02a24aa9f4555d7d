//! Colour: photos tagged with a real Adobe RGB (1998) profile (colord's),
//! a Display P3 profile and a linear grey profile (icc-profiles-free's) reach
//! the jury converted to sRGB: the mean CIEDE2000 difference between our
//! thumbnail and a reference conversion (the colour spaces' published
//! matrices and curves, computed here) stays below 2, where showing the
//! numbers unconverted is several times that. Untagged and sRGB-tagged
//! photos are left as they are; no derivative carries a profile.

use deltae::{DEMethod, DeltaE, LabValue};
use photojury::images::{ImageLimits, derive};

/// sRGB transfer function, encoded 0–1 → linear.
fn srgb_to_linear(v: f64) -> f64 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_to_srgb(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    }
}

fn mul(m: &[[f64; 3]; 3], v: [f64; 3]) -> [f64; 3] {
    [0, 1, 2].map(|r| m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2])
}

/// XYZ (D65) → linear sRGB (IEC 61966-2-1).
const XYZ_TO_SRGB: [[f64; 3]; 3] = [
    [3.240_454_2, -1.537_138_5, -0.498_531_4],
    [-0.969_266_0, 1.876_010_8, 0.041_556_0],
    [0.055_643_4, -0.204_025_9, 1.057_225_2],
];
/// Linear Adobe RGB (1998) → XYZ (D65), from its published primaries.
const ADOBE_TO_XYZ: [[f64; 3]; 3] = [
    [0.576_730_9, 0.185_554_0, 0.188_185_2],
    [0.297_376_9, 0.627_349_1, 0.075_274_1],
    [0.027_034_3, 0.070_687_2, 0.991_108_5],
];
/// Linear Display P3 → XYZ (D65).
const P3_TO_XYZ: [[f64; 3]; 3] = [
    [0.486_570_9, 0.265_667_7, 0.198_217_3],
    [0.228_974_6, 0.691_738_5, 0.079_286_9],
    [0.0, 0.045_113_4, 1.043_944_4],
];

/// CIELAB (D65 white) of an 8-bit sRGB colour.
fn lab(rgb: [f64; 3]) -> LabValue {
    const SRGB_TO_XYZ: [[f64; 3]; 3] = [
        [0.412_456_4, 0.357_576_1, 0.180_437_5],
        [0.212_672_9, 0.715_152_2, 0.072_175_0],
        [0.019_333_9, 0.119_192_0, 0.950_304_1],
    ];
    let xyz = mul(&SRGB_TO_XYZ, rgb.map(|v| srgb_to_linear(v / 255.0)));
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let [x, y, z] = [xyz[0] / 0.950_47, xyz[1], xyz[2] / 1.088_83].map(f);
    LabValue::new(
        (116.0 * y - 16.0) as f32,
        (500.0 * (x - y)) as f32,
        (200.0 * (y - z)) as f32,
    )
    .expect("a valid Lab colour")
}

fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    f64::from(*DeltaE::new(lab(a), lab(b), DEMethod::DE2000).value())
}

/// The patches: primaries, secondaries, their lighter tints, skin, sky,
/// foliage and greys, as 8-bit values in the photo's own colour space.
const PATCHES: [[u8; 3]; 16] = [
    [200, 30, 30],
    [30, 180, 40],
    [40, 60, 200],
    [220, 200, 40],
    [40, 190, 200],
    [190, 50, 180],
    [230, 150, 150],
    [150, 220, 150],
    [150, 160, 230],
    [224, 172, 140],
    [110, 160, 210],
    [70, 110, 50],
    [40, 40, 40],
    [128, 128, 128],
    [200, 200, 200],
    [250, 240, 230],
];

const SIDE: u32 = 4 * 128;

/// A JPEG (quality 100, no chroma subsampling) of 4×4 flat patches with
/// the ICC profile `icc` embedded (if any).
fn tagged_jpeg(icc: Option<&[u8]>, grey: bool) -> Vec<u8> {
    let mut pixels = Vec::new();
    for y in 0..SIDE {
        for x in 0..SIDE {
            let patch = PATCHES[((y / 128) * 4 + x / 128) as usize];
            if grey {
                pixels.push(patch[1]);
            } else {
                pixels.extend_from_slice(&patch);
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 100);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_4_4);
    if let Some(icc) = icc {
        encoder.add_icc_profile(icc).unwrap();
    }
    let kind = if grey {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    encoder
        .encode(&pixels, SIDE as u16, SIDE as u16, kind)
        .unwrap();
    out
}

/// The mean colour of the middle of each patch of a derived thumbnail.
fn patch_means(thumb: &[u8]) -> Vec<[f64; 3]> {
    let image = image::load_from_memory(thumb).unwrap().into_rgb8();
    let cell = image.width() / 4;
    (0..16u32)
        .map(|i| {
            let (cx, cy) = ((i % 4) * cell + cell / 2, (i / 4) * cell + cell / 2);
            let mut sum = [0f64; 3];
            let mut n = 0.0;
            for y in cy - cell / 4..cy + cell / 4 {
                for x in cx - cell / 4..cx + cell / 4 {
                    let p = image.get_pixel(x, y);
                    for c in 0..3 {
                        sum[c] += f64::from(p[c]);
                    }
                    n += 1.0;
                }
            }
            sum.map(|s| s / n)
        })
        .collect()
}

/// The mean ΔE2000 of the thumbnail's patches against `expected`.
fn mean_difference(thumb: &[u8], expected: &[[f64; 3]]) -> f64 {
    let got = patch_means(thumb);
    got.iter()
        .zip(expected)
        .map(|(a, b)| delta_e(*a, *b))
        .sum::<f64>()
        / got.len() as f64
}

fn reference(to_xyz: &[[f64; 3]; 3], decode: impl Fn(f64) -> f64) -> Vec<[f64; 3]> {
    PATCHES
        .iter()
        .map(|p| {
            let linear = p.map(|v| decode(f64::from(v) / 255.0));
            mul(&XYZ_TO_SRGB, mul(to_xyz, linear)).map(|v| linear_to_srgb(v) * 255.0)
        })
        .collect()
}

fn as_is() -> Vec<[f64; 3]> {
    PATCHES.iter().map(|p| p.map(f64::from)).collect()
}

fn thumb_of(jpeg: &[u8]) -> Vec<u8> {
    let derived = derive(jpeg, &ImageLimits::default()).unwrap();
    for bytes in [&derived.large.bytes, &derived.thumb.bytes] {
        assert!(
            !bytes.windows(12).any(|w| w == b"ICC_PROFILE\0"),
            "a derivative carries a profile"
        );
    }
    derived.thumb.bytes
}

/// The converted thumbnail is within a mean ΔE2000 of 2 of `expected`,
/// and at least four times closer than the same pixels left unconverted.
fn assert_converted(what: &str, thumb: &[u8], grey: bool, expected: &[[f64; 3]]) {
    let converted = mean_difference(thumb, expected);
    let unconverted = mean_difference(&thumb_of(&tagged_jpeg(None, grey)), expected);
    println!("{what}: mean ΔE2000 {converted:.2} converted, {unconverted:.2} as decoded");
    assert!(converted < 2.0, "{what}: mean ΔE2000 {converted:.2}");
    assert!(unconverted > 4.0 * converted, "{what}: {unconverted:.2}");
}

#[test]
fn an_adobe_rgb_photo_reaches_the_jury_in_srgb() {
    let icc = include_bytes!("../fixtures/icc/AdobeRGB1998.icc");
    let thumb = thumb_of(&tagged_jpeg(Some(icc), false));
    let expected = reference(&ADOBE_TO_XYZ, |v| v.powf(2.199_218_75));
    assert_converted("Adobe RGB", &thumb, false, &expected);
}

#[test]
fn a_display_p3_photo_reaches_the_jury_in_srgb() {
    let icc = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let thumb = thumb_of(&tagged_jpeg(Some(&icc), false));
    let expected = reference(&P3_TO_XYZ, srgb_to_linear);
    assert_converted("Display P3", &thumb, false, &expected);
}

#[test]
fn a_grey_photo_with_a_linear_profile_reaches_the_jury_in_srgb() {
    let icc = include_bytes!("../fixtures/icc/Gray.icc");
    let thumb = thumb_of(&tagged_jpeg(Some(icc), true));
    // Gray.icc is linear (gamma 1.0): level v is luminance v/255.
    let expected: Vec<[f64; 3]> = PATCHES
        .iter()
        .map(|p| [linear_to_srgb(f64::from(p[1]) / 255.0) * 255.0; 3])
        .collect();
    assert_converted("linear grey", &thumb, true, &expected);
}

#[test]
fn untagged_and_srgb_tagged_photos_are_left_as_they_are() {
    let untagged = thumb_of(&tagged_jpeg(None, false));
    let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
    let tagged = thumb_of(&tagged_jpeg(Some(&srgb), false));
    assert_eq!(untagged, tagged, "an sRGB profile changes nothing");
    let difference = mean_difference(&untagged, &as_is());
    assert!(difference < 1.0, "{difference:.2}");
}
