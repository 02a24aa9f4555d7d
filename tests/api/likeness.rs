//! The same photograph entered twice, and what the camera wrote, over HTTP:
//! edited copies by another participant are paired on screening with both
//! names; a sibling shot in one portfolio is "similar", not refused; the
//! same pixels saved again into one portfolio are refused; a capture window
//! refuses a photo dated outside it and flags one without a date; two
//! participants with one camera body are paired. Unrelated photos never are.

use std::io::Cursor;

use exif::experimental::Writer;
use exif::{Field, In, Tag, Value};
use image::DynamicImage;
use reqwest::StatusCode;

use crate::common::{self, TestApp, contest_fields, create_contest, entrant, fixture};

/// Opens a contest (with a capture window, if given); returns the admin and
/// the screening page's path.
async fn open_contest(
    app: &TestApp,
    slug: &str,
    window: Option<(&str, &str)>,
) -> (common::Browser, String) {
    let admin = app.admin().await;
    let path = create_contest(&admin, slug).await;
    if let Some((from, until)) = window {
        let mut fields = contest_fields(slug, "Migrants 2026");
        fields.push(("taken_from", from));
        fields.push(("taken_until", until));
        let page = admin.post(&path, &fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    (admin, format!("{path}/entries"))
}

fn jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), quality)
        .encode_image(&image.to_rgb8())
        .unwrap();
    out
}

fn png(image: &DynamicImage, compression: image::codecs::png::CompressionType) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        Cursor::new(&mut out),
        compression,
        image::codecs::png::FilterType::Adaptive,
    );
    image.write_with_encoder(encoder).unwrap();
    out
}

/// A JPEG with an EXIF block saying when it was taken and by which body.
fn with_exif(jpeg: &[u8], taken: &str, serial: &str) -> Vec<u8> {
    let fields = [
        (Tag::DateTimeOriginal, taken),
        (Tag::BodySerialNumber, serial),
        (Tag::Make, "Testcam"),
    ]
    .map(|(tag, text)| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    });
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

async fn upload(browser: &common::Browser, slug: &str, bytes: Vec<u8>) -> common::Page {
    browser
        .upload(
            &format!("/contests/{slug}/entry/photos"),
            &[("title", "A street"), ("caption", "")],
            vec![("photo.jpg", bytes)],
            true,
        )
        .await
}

async fn pairs(app: &TestApp) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT pp.kind, a.portfolio_id, b.portfolio_id FROM photo_pairs pp \
         JOIN photos a ON a.id = pp.photo_a JOIN photos b ON b.id = pp.photo_b ORDER BY pp.kind",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_same_photograph_by_two_participants_is_paired_on_screening_with_both_names() {
    let app = TestApp::spawn().await;
    let (admin, screening_path) = open_contest(&app, "twice", None).await;
    let original = fixture("gps-nikon-coolpix.jpg");
    let picture = image::load_from_memory(&original).unwrap();
    let entrants = [
        ("ana@example.org", "Ana Karimova", original.clone()),
        // Resized and recompressed.
        (
            "bek@example.org",
            "Bek Tursunov",
            jpeg(
                &picture.resize(320, 240, image::imageops::FilterType::Triangle),
                70,
            ),
        ),
        (
            "cholpon@example.org",
            "Cholpon Asanova",
            jpeg(&picture.fliph(), 85),
        ),
        (
            "dana@example.org",
            "Dana Ermekova",
            jpeg(&picture.grayscale().brighten(15), 85),
        ),
        // Unrelated photographs.
        (
            "erlan@example.org",
            "Erlan Omarov",
            fixture("xmp-photoshop.jpg"),
        ),
        (
            "farida@example.org",
            "Farida Nazarova",
            fixture("orientation-1-portrait.jpg"),
        ),
    ];
    let mut portfolios = Vec::new();
    for (email, name, bytes) in entrants {
        let browser = entrant(&app, "twice", email, name).await;
        let page = upload(&browser, "twice", bytes).await;
        assert_eq!(page.status, StatusCode::OK, "{name}: {}", page.body);
        let id: i64 = sqlx::query_scalar("SELECT id FROM portfolios WHERE full_name = $1")
            .bind(name)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        portfolios.push(id);
    }
    let found = pairs(&app).await;
    let unrelated = &portfolios[4..];
    assert!(
        found
            .iter()
            .all(|(_, a, b)| !unrelated.contains(a) && !unrelated.contains(b)),
        "an unrelated photo was paired: {found:?}"
    );
    let kinds: Vec<&str> = found.iter().map(|(k, _, _)| k.as_str()).collect();
    assert!(kinds.contains(&"near"), "{found:?}");
    assert!(kinds.contains(&"mirrored"), "{found:?}");
    // Ana's photo is paired with each of the three copies.
    for copy in &portfolios[1..4] {
        assert!(
            found
                .iter()
                .any(|(_, a, b)| (*a, *b) == (portfolios[0], *copy)
                    || (*a, *b) == (*copy, portfolios[0])),
            "no pair with portfolio {copy}: {found:?}"
        );
    }

    let screening = admin.get(&screening_path).await;
    assert_eq!(screening.status, StatusCode::OK);
    screening.assert_contains("look like one photograph or come from one camera");
    screening.assert_contains("The same photograph as one entered by Ana Karimova");
    screening.assert_contains("The same photograph, mirrored, as one entered by Ana Karimova");
    screening.assert_contains("The same photograph as one entered by Bek Tursunov");
    assert_eq!(
        screening
            .body
            .matches("like another’s photo</span>")
            .count(),
        4
    );
    // Only the admin sees pairs: a participant's own page names no one.
    let ana = app.browser();
    ana.sign_in("ana@example.org", "person-password").await;
    let own = ana.get("/contests/twice/entry").await;
    assert!(!own.body.contains("Bek Tursunov"));
}

#[tokio::test]
async fn a_sibling_shot_is_similar_not_refused_and_the_same_pixels_saved_again_are_refused() {
    let app = TestApp::spawn().await;
    let (admin, screening_path) = open_contest(&app, "siblings", None).await;
    let ana = entrant(&app, "siblings", "ana@example.org", "Ana Karimova").await;
    let picture = image::load_from_memory(&fixture("orientation-1-landscape.jpg")).unwrap();
    let fast = png(&picture, image::codecs::png::CompressionType::Fast);
    let page = upload(&ana, "siblings", fast.clone()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The next frame of a bracket: a little brighter, a little tighter.
    let sibling = jpeg(&picture.brighten(20).crop_imm(12, 9, 576, 432), 88);
    let page = upload(&ana, "siblings", sibling).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("\"added\":["), "{}", page.body);
    assert_eq!(app.count("photos").await, 2);

    // The same pixels, encoded otherwise: one photograph, entered once.
    let best = png(&picture, image::codecs::png::CompressionType::Best);
    assert_ne!(best, fast);
    let files_before = common::stored_files(&app);
    let page = upload(&ana, "siblings", best).await;
    assert!(
        page.body.contains("already in this contest (your entry"),
        "{}",
        page.body
    );
    assert_eq!(app.count("photos").await, 2);
    assert_eq!(common::stored_files(&app), files_before);

    let found = pairs(&app).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, found[0].2);
    let screening = admin.get(&screening_path).await;
    screening.assert_contains("Similar to another photo of this portfolio");
    assert!(!screening.body.contains("like another’s photo</span>"));

    // Removing a photo removes its pairs.
    let photo: i64 = sqlx::query_scalar("SELECT MAX(id) FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let page = ana
        .post(
            &format!("/contests/siblings/entry/photos/{photo}/delete"),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("photo_pairs").await, 0);
    assert_eq!(
        app.count(&format!("photo_hash_bands WHERE photo_id = {photo}"))
            .await,
        0
    );
}

#[tokio::test]
async fn the_capture_window_refuses_a_photo_dated_outside_and_flags_one_without_a_date() {
    let app = TestApp::spawn().await;
    let (admin, screening_path) =
        open_contest(&app, "window", Some(("2017-01-01", "2017-12-31"))).await;
    let ana = entrant(&app, "window", "ana@example.org", "Ana Karimova").await;
    // The Canon's clock says 2008-05-30.
    let page = upload(&ana, "window", fixture("camera-canon-40d.jpg")).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            "This photo was taken on 2008-05-30 (by the camera's clock); this contest accepts photos taken from 2017-01-01 to 2017-12-31."
        ),
        "{}",
        page.body
    );
    assert_eq!(app.count("photos").await, 0);

    let inside = with_exif(
        &common::noisy_jpeg(7, 400, 300),
        "2017:06:01 10:00:00",
        "BX-1",
    );
    let page = upload(&ana, "window", inside).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let undated = upload(&ana, "window", common::generated_png(9)).await;
    assert_eq!(undated.status, StatusCode::OK, "{}", undated.body);
    assert_eq!(
        app.count("photos WHERE taken = '2017-06-01 10:00:00'")
            .await,
        1
    );

    let screening = admin.get(&screening_path).await;
    screening.assert_contains("1 photo carries no capture date in its file");
    screening.assert_contains("Taken: 2017-06-01 10:00:00");
    screening.assert_contains("no date in the file");
    screening.assert_contains("Camera: Testcam");
}

#[tokio::test]
async fn two_participants_sharing_a_camera_body_are_paired() {
    let app = TestApp::spawn().await;
    let (admin, screening_path) = open_contest(&app, "camera", None).await;
    let ana = entrant(&app, "camera", "ana@example.org", "Ana Karimova").await;
    let bek = entrant(&app, "camera", "bek@example.org", "Bek Tursunov").await;
    let shot = |seed, serial| {
        with_exif(
            &common::noisy_jpeg(seed, 400, 300),
            "2017:06:01 10:00:00",
            serial,
        )
    };
    for (who, bytes) in [
        (&ana, shot(1, "SN-4242")),
        (&ana, shot(2, "SN-4242")),
        (&bek, shot(3, "SN-4242")),
        (&bek, shot(4, "SN-7777")),
    ] {
        let page = upload(who, "camera", bytes).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    let found = pairs(&app).await;
    // Bek's SN-4242 photo with each of Ana's two; none within a portfolio.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(k, a, b)| k == "camera" && a != b));
    let screening = admin.get(&screening_path).await;
    screening.assert_contains(
        "Taken with the same camera body (serial number) as a photo of Ana Karimova",
    );
    screening.assert_contains(
        "Taken with the same camera body (serial number) as a photo of Bek Tursunov",
    );
}
