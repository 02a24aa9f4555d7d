//! Finalist verification over HTTP: after finalization the admin asks the
//! author of a shortlisted entry for its camera original; the author (and
//! no one else) sees the task and sends a RAW file, which is refused when it
//! is not a camera file; the admin compares its EXIF with the entry,
//! downloads it (logged) and disqualifies the entry with a reason, which
//! keeps it from any award. Jurors see none of it.

use std::io::Cursor;

use exif::experimental::Writer;
use exif::{Field, In, Tag, Value};
use reqwest::StatusCode;

use crate::common::jury::{Setup, judged, queue_of, score};
use crate::common::{Browser, TestApp, hostile};

/// A TIFF-based RAW stand-in (as CR2, NEF, ARW and DNG files are): a TIFF
/// header and an EXIF block naming the camera, the time and the size.
fn raw_file(camera: &str, taken: &str) -> Vec<u8> {
    let text = |tag, value: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![value.as_bytes().to_vec()]),
    };
    let long = |tag, value: u32| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Long(vec![value]),
    };
    let fields = [
        text(Tag::Make, "Testcam"),
        text(Tag::Model, camera),
        text(Tag::DateTimeOriginal, taken),
        long(Tag::PixelXDimension, 6000),
        long(Tag::PixelYDimension, 4000),
    ];
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, true).unwrap();
    let mut raw = out.into_inner();
    // Sensor data, as far as the server cares.
    raw.extend(std::iter::repeat_n(0x5Au8, 300_000));
    raw
}

async fn send(browser: &Browser, vid: i64, bytes: Vec<u8>) -> crate::common::Page {
    browser.get("/account").await;
    browser
        .upload(
            &format!("/account/verification/{vid}"),
            &[],
            vec![("IMG_0001.CR2", bytes)],
            false,
        )
        .await
}

#[tokio::test]
async fn a_finalist_sends_the_camera_original_and_a_failed_check_disqualifies_the_entry() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [0, 2],
        photos: 1,
        jurors: vec![vec![1]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let (admin, path) = (&contest.admin, contest.admin_path.as_str());
    let numbers = queue_of(&contest.jurors[0], contest.slug).await;
    for (number, value) in numbers.iter().zip(["9", "4"]) {
        let saved = score(
            &contest.jurors[0],
            contest.slug,
            number,
            &[value, value],
            "stay",
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
    }

    // Before finalization nothing can be asked.
    let page = admin.get(&format!("{path}/verification")).await;
    page.assert_contains("once the results are finalized");
    let early = admin
        .post(
            &format!("{path}/verification"),
            &[("entries", &numbers[0]), ("due", "2030-01-31T18:00")],
        )
        .await;
    early.assert_contains("once the results are finalized");
    assert_eq!(app.count("verifications").await, 0);

    admin.get(path).await;
    let done = admin
        .post(&format!("{path}/phase"), &[("to", "finalized")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    admin.get(&format!("{path}/verification")).await;
    let unknown = admin
        .post(
            &format!("{path}/verification"),
            &[("entries", "99999"), ("due", "2030-01-31T18:00")],
        )
        .await;
    unknown.assert_contains("There is no entry 99999 in this contest.");
    let past = admin
        .post(
            &format!("{path}/verification"),
            &[("entries", &numbers[0]), ("due", "2020-01-31T18:00")],
        )
        .await;
    past.assert_contains("Give a deadline in the future");
    // The top entry of each category: one here.
    let asked = admin
        .post(
            &format!("{path}/verification"),
            &[("top", "1"), ("due", "2030-01-31T18:00")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    assert_eq!(
        app.count("verifications WHERE status = 'requested'").await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "verifications WHERE entry_number = {}",
            numbers[0]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'verification.request'")
            .await,
        1
    );
    let (vid, number, owner_email): (i64, i64, String) = sqlx::query_as(
        "SELECT v.id, v.entry_number, u.email FROM verifications v JOIN photos ph ON ph.id = v.photo_id \
         JOIN portfolios p ON p.id = ph.portfolio_id JOIN users u ON u.id = p.user_id",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    // The artists entered as mrkmail1x0 and mrkmail1x1, in that order.
    let owner_index = usize::from(!owner_email.contains("1x0"));
    let owner = &contest.participants[owner_index];
    let other = &contest.participants[1 - owner_index];

    let task = owner.get("/account").await;
    task.assert_contains("Camera originals asked for");
    task.assert_contains(&format!("Send the camera original for entry {number}"));
    task.assert_contains("31 January 2030, 18:00");
    let not_theirs = other.get("/account").await;
    assert!(!not_theirs.body.contains("Camera originals asked for"));
    // Someone else's request is not found.
    let forged = send(other, vid, raw_file("X100", "2026:10:01 09:30:00")).await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    // Not a camera file: refused, nothing kept.
    let pdf = send(owner, vid, hostile::pdf_like()).await;
    assert_eq!(pdf.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", pdf.body);
    pdf.assert_contains("This is not a camera file.");
    assert_eq!(
        app.count("verifications WHERE file_sha256 IS NOT NULL")
            .await,
        0
    );

    let raw = raw_file("X100", "2026:10:01 09:30:00");
    let sent = send(owner, vid, raw.clone()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    owner
        .get("/account")
        .await
        .assert_contains(&format!("Camera original received for entry {number}"));
    assert_eq!(
        app.count(
            "verifications WHERE status = 'received' AND file_camera = 'Testcam X100' \
                   AND file_width = 6000 AND file_taken = '2026-10-01 09:30:00'"
        )
        .await,
        1
    );

    let review = admin.get(&format!("{path}/verification")).await;
    review.assert_contains("Testcam X100");
    review.assert_contains("6000 × 4000");
    review.assert_contains("TIFF-based RAW");
    let (status, _, bytes) = admin
        .get_bytes(&format!("{path}/verification/{vid}/file"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, raw);
    assert_eq!(
        app.count("audit_log WHERE action = 'verification.download'")
            .await,
        1
    );
    // The juror's pages know nothing of it.
    let juror_page = contest.jurors[0]
        .get(&format!("/jury/{}/entries/{number}", contest.slug))
        .await;
    assert!(!juror_page.body.contains("Testcam"));
    assert!(!juror_page.body.contains("camera original"));

    let decision = format!("{path}/verification/{vid}/decision");
    let no_reason = admin.post(&decision, &[("decision", "disqualify")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_reason.assert_contains("Give a reason");
    let out = admin
        .post(
            &decision,
            &[
                ("decision", "disqualify"),
                ("reason", "the RAW was taken after the deadline"),
            ],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    assert_eq!(
        app.count("verifications WHERE status = 'disqualified'")
            .await,
        1
    );
    assert_eq!(
        app.count("portfolios WHERE status = 'disqualified' AND status_reason LIKE 'Finalist verification:%'")
            .await,
        1
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'verification.decide'")
            .await,
        1
    );
    let again = admin.post(&decision, &[("decision", "accept")]).await;
    again.assert_contains("already been decided");
    let late = send(owner, vid, raw_file("X100", "2026:10:01 09:30:00")).await;
    late.assert_contains("already decided");

    // The disqualified entry can get no award.
    admin.get(&format!("{path}/awards")).await;
    let field = format!("award-{number}");
    let refused = admin
        .post(
            &format!("{path}/awards"),
            &[(field.as_str(), "first"), ("reason", "verification")],
        )
        .await;
    refused.assert_contains("was disqualified: it can get neither an award nor the exhibition");
    assert_eq!(app.count("awards").await, 0);
}
