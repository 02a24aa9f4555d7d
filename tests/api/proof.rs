//! Blindness, second pass: no text a juror reads ties one author's entries
//! together, the published proof covers the names credited and the images
//! shown, and a photo's own pixel size never reaches the jury.

use reqwest::StatusCode;

use crate::announce::{finalized, phase, photojury, sql};
use crate::common::jury::{Setup, judged, queue_of};
use crate::common::{self, TestApp};

fn between(body: &str, start: &str, end: &str) -> String {
    let from = body.find(start).map(|i| i + start.len()).unwrap_or(0);
    body[from..from + body[from..].find(end).unwrap_or(0)].to_owned()
}

/// What the page escaped, as the person copying it gets it.
fn unescape(html: &str) -> String {
    html.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn a_photo_entry_never_shows_its_portfolios_story_and_a_portfolio_entry_does() {
    for unit in ["photo", "portfolio"] {
        let app = TestApp::spawn().await;
        let setup = Setup {
            unit,
            until: "closed",
            per_category: [1, 1],
            photos: 2,
            jurors: vec![vec![0, 1]],
            ..Setup::default()
        };
        let contest = judged(&app, setup).await;
        sql(
            &app,
            "UPDATE portfolios SET story = 'Mrkstory of the night bus'",
        )
        .await;
        let to = phase(&contest.admin, &contest.admin_path, "judging").await;
        assert_eq!(to.status, StatusCode::SEE_OTHER, "{}", to.body);
        let numbers = queue_of(&contest.jurors[0], contest.slug).await;
        assert_eq!(numbers.len(), if unit == "photo" { 4 } else { 2 });
        for number in numbers {
            let page = contest.jurors[0]
                .get(&format!("/jury/{}/entries/{number}", contest.slug))
                .await;
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(
                page.body.contains("Mrkstory"),
                unit == "portfolio",
                "{unit} entry {number}"
            );
        }
        let own = contest.participants[0]
            .get(&format!("/contests/{}/entry", contest.slug))
            .await;
        let says = if unit == "photo" {
            "does not read the story"
        } else {
            "The jury reads the story"
        };
        own.assert_contains(says);
    }
}

#[tokio::test]
async fn verify_names_the_entries_whose_names_were_swapped_and_reports_a_correction_as_an_amendment()
 {
    let app = TestApp::spawn().await;
    let (contest, _) = finalized(&app).await;
    let (admin, path, slug) = (&contest.admin, &contest.admin_path, contest.slug);
    assert_eq!(
        phase(admin, path, "revealed").await.status,
        StatusCode::SEE_OTHER
    );
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok && out.contains("OK: contest"), "{out}");

    // Someone with database access swaps who two entries are credited to.
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT e.number, p.id, p.full_name, p.country, p.university FROM entries e \
         JOIN portfolios p ON p.id = e.portfolio_id ORDER BY p.id, e.number",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let (a, b) = (&rows[0], &rows[1]);
    assert_ne!(a.1, b.1);
    let set = |to: &(i64, i64, String, String, String), id: i64| {
        format!(
            "UPDATE portfolios SET full_name = '{}', country = '{}', university = '{}' WHERE id = {id}",
            to.2, to.3, to.4
        )
    };
    sql(&app, &set(b, a.1)).await;
    sql(&app, &set(a, b.1)).await;
    let winners = app
        .browser()
        .get(&format!("/contests/{slug}/results"))
        .await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    for entry in [a, b] {
        let says = format!(
            "entry {}: its author's name, country, university or category is not what was committed",
            entry.0
        );
        assert!(out.contains(&says), "{out}");
    }
    assert!(!out.contains("NOTE"), "{out}");
    drop(winners);
    sql(&app, &set(a, a.1)).await;
    sql(&app, &set(b, b.1)).await;
    assert!(photojury(&app, &["verify", "--contest", slug]).0);

    // An admin corrects a misspelt name: on record, and reported as such.
    let entries = format!("{path}/entries");
    admin.get(&entries).await;
    let amend = format!("{entries}/{}/identity", a.1);
    let corrected = [
        ("full_name", "Mrkname Corrected"),
        ("country", a.3.as_str()),
        ("university", a.4.as_str()),
    ];
    let refused = admin.post(&amend, &corrected).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Give the reason for the correction");
    assert_eq!(app.count("identity_amendments").await, 0);
    let mut with_reason = corrected.to_vec();
    with_reason.push(("reason", "misspelt at registration"));
    let done = admin.post(&amend, &with_reason).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(app.count("audit_log WHERE action = 'entry.amend'").await, 1);
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
    let note = format!(
        "NOTE: entry {}: identity amended by an admin after judging opened",
        a.0
    );
    assert!(out.contains(&note), "{out}");
    assert!(
        out.contains("\"Mrkname Corrected\"") && out.contains("misspelt at registration"),
        "{out}"
    );
    // An admin of this contest cannot amend a portfolio of another.
    let elsewhere = admin
        .post(&format!("{path}/entries/999999/identity"), &with_reason)
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_participant_checks_from_their_receipt_that_the_contest_credits_them_as_they_entered() {
    let app = TestApp::spawn().await;
    let (contest, _) = finalized(&app).await;
    let slug = contest.slug;
    let receipt = format!("/contests/{slug}/entry/receipt");
    let page = contest.participants[0].get(&receipt).await;
    page.assert_contains("Your line in the published proof");
    let line = unescape(&between(
        &page.body,
        "<pre class=\"hash proof-line\">",
        "</pre>",
    ));
    let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(parsed["name"], "Mrkname 0x0", "{line}");
    assert_eq!(parsed["identity_salt"].as_str().unwrap().len(), 64);

    assert_eq!(
        phase(&contest.admin, &contest.admin_path, "revealed")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let (_, _, json) = app
        .browser()
        .get_bytes(&format!("/contests/{slug}/reveal.json"))
        .await;
    let bundle: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(bundle["format"], "photojury-reveal-v2");
    let published = bundle["entries"][0].to_string();
    assert!(
        !published.contains("Mrkname") && !published.contains("identity_salt"),
        "{published}"
    );
    let file = app.dir.path().join("reveal.json");
    std::fs::write(&file, &json).unwrap();
    let file = file.to_str().unwrap();
    let check = |line: &str| {
        photojury(
            &app,
            &["verify", "--contest", slug, "--file", file, "--line", line],
        )
    };
    let (ok, out) = check(&line);
    assert!(ok, "{out}");
    let forged = line.replace("Mrkname 0x0", "Someone Else");
    let (ok, out) = check(&forged);
    assert!(!ok, "{out}");
    assert!(
        out.contains("your name, country, university or category is not what was committed"),
        "{out}"
    );
}

#[tokio::test]
async fn verify_finds_swapped_images_and_changed_files_and_makes_the_same_derivatives_again() {
    let app = TestApp::spawn().await;
    let (contest, _) = finalized(&app).await;
    let slug = contest.slug;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug, "--rederive"]);
    assert!(ok, "the pipeline must make the same bytes again: {out}");

    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT e.number, ph.id, ph.large_sha256, ph.thumb_sha256 FROM entries e \
         JOIN photos ph ON ph.id = e.photo_id ORDER BY e.number",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let (a, b) = (&rows[0], &rows[1]);
    let set_large =
        |hash: &str, id: i64| format!("UPDATE photos SET large_sha256 = '{hash}' WHERE id = {id}");
    sql(&app, &set_large(&b.2, a.1)).await;
    sql(&app, &set_large(&a.2, b.1)).await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    for entry in [a, b] {
        let says = format!(
            "entry {}: the large image of photo 1 is not the one committed when judging opened",
            entry.0
        );
        assert!(out.contains(&says), "{out}");
    }
    sql(&app, &set_large(&a.2, a.1)).await;
    sql(&app, &set_large(&b.2, b.1)).await;
    assert!(photojury(&app, &["verify", "--contest", slug]).0);

    // A file changed on disk behind its row, then one gone.
    let thumb = app.state.files.local().path(&a.3).unwrap();
    let kept = std::fs::read(&thumb).unwrap();
    std::fs::write(&thumb, common::noisy_jpeg(5, 480, 320)).unwrap();
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    let says = format!(
        "entry {}: the stored thumbnail of photo 1 does not match its hash (changed on disk)",
        a.0
    );
    assert!(out.contains(&says), "{out}");
    std::fs::write(&thumb, &kept).unwrap();
    let large = app.state.files.local().path(&b.2).unwrap();
    let kept = std::fs::read(&large).unwrap();
    std::fs::remove_file(&large).unwrap();
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    let says = format!(
        "entry {}: the stored large image of photo 1 is missing",
        b.0
    );
    assert!(out.contains(&says), "{out}");
    std::fs::write(&large, &kept).unwrap();
    assert!(photojury(&app, &["verify", "--contest", slug]).0);
}

#[test]
fn the_pipeline_makes_the_same_bytes_from_the_same_file_every_time() {
    let limits = photojury::config::ImageLimits::default();
    let original = common::fixture("camera-olympus-12mp.jpg");
    let first = photojury::images::derive(&original, &limits).unwrap();
    let second = photojury::images::derive(&original, &limits).unwrap();
    assert!(first.large.bytes == second.large.bytes, "large differs");
    assert!(first.thumb.bytes == second.thumb.bytes, "thumb differs");
}

#[test]
fn a_small_photo_reaches_the_jury_at_a_standard_size_never_at_its_own() {
    let limits = photojury::config::ImageLimits::default();
    for ((w, h), large, thumb) in [
        ((640, 480), (1024, 768), (480, 360)),
        ((1024, 768), (1600, 1200), (480, 360)),
        ((2048, 1536), (2560, 1920), (480, 360)),
        ((1500, 1000), (1600, 1067), (480, 320)),
        ((900, 1350), (1067, 1600), (320, 480)),
        ((3000, 2000), (2560, 1707), (480, 320)),
    ] {
        let derived = photojury::images::derive(&common::noisy_jpeg(7, w, h), &limits).unwrap();
        let decoded = image::load_from_memory(&derived.large.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), large, "{w}x{h}");
        let decoded = image::load_from_memory(&derived.thumb.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), thumb, "{w}x{h}");
        assert_eq!(
            (derived.width, derived.height),
            (w, h),
            "the row keeps the original's size"
        );
    }
}

#[tokio::test]
async fn a_new_contest_asks_for_the_jurors_size_by_default() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let form = admin.get("/admin/contests/new").await;
    let field = between(&form.body, "id=\"min_long_edge\"", ">");
    assert!(field.contains("value=\"2560\""), "{field}");
}
