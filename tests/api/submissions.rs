//! Portfolios over HTTP: eligibility, uploads through the real pipeline,
//! numbers, edits until the deadline, the receipt, and hostile input.

use crate::common;

use crate::common::{
    TestApp, create_contest, entrant, fixture, generated_png, hostile, stored_files,
};
use chrono::Duration;
use photojury::images::jpeg_metadata_segments;
use photojury::images::store::sha256_hex;
use reqwest::StatusCode;

async fn open_contest(app: &TestApp, slug: &str) -> common::Browser {
    let admin = app.admin().await;
    let path = create_contest(&admin, slug).await;
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    admin
}

async fn numbers(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar("SELECT number FROM photos ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_participant_uploads_photos_and_the_receipt_lists_numbers_and_hashes() {
    let app = TestApp::spawn().await;
    open_contest(&app, "migrants").await;
    let ana = entrant(&app, "migrants", "ana@example.org", "Ana Karimova").await;
    assert_eq!(
        app.count("contest_roles WHERE role = 'participant'").await,
        1
    );

    let names = [
        "gps-nikon-coolpix.jpg",
        "camera-canon-40d.jpg",
        "orientation-6-landscape.jpg",
    ];
    for name in names {
        // One request per file, as the progress-bar script sends them.
        let page = ana
            .upload(
                "/contests/migrants/entry/photos",
                &[("title", "Dawn"), ("caption", "Market")],
                vec![("photo.jpg", fixture(name))],
                true,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{name}: {}", page.body);
        assert!(page.body.contains("\"added\":["), "{}", page.body);
    }
    // And one through the plain form, without the script.
    let page = ana
        .upload(
            "/contests/migrants/entry/photos",
            &[("title", "Plain"), ("caption", "")],
            vec![("x.jpg", fixture("xmp-photoshop.jpg"))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let numbers = numbers(&app).await;
    assert_eq!(numbers.len(), 4);
    let entry = ana.get("/contests/migrants/entry").await;
    let receipt = ana.get("/contests/migrants/entry/receipt").await;
    for n in &numbers {
        assert!((10_000..=99_999).contains(n));
        entry.assert_contains(&format!("Entry {n}"));
        receipt.assert_contains(&n.to_string());
    }
    for name in names.iter().chain(["xmp-photoshop.jpg"].iter()) {
        receipt.assert_contains(&sha256_hex(&fixture(name)));
    }
    // Original + large + thumb for each photo, stored before the rows.
    assert_eq!(stored_files(&app), 12);

    // The owner sees their own derivatives, clean.
    let id: i64 = sqlx::query_scalar("SELECT id FROM photos ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let thumb = ana
        .client
        .get(format!(
            "{}/contests/migrants/entry/photos/{id}/thumb.jpg",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(thumb.headers()["content-type"], "image/jpeg");
    let bytes = thumb.bytes().await.unwrap();
    assert!(jpeg_metadata_segments(&bytes).is_empty());
    assert!(!bytes.windows(5).any(|w| w == b"Nikon"));
}

#[tokio::test]
async fn entry_numbers_show_no_order_and_are_distinct() {
    let app = TestApp::spawn().await;
    open_contest(&app, "numbers").await;
    let ana = entrant(&app, "numbers", "ana@example.org", "Ana Karimova").await;
    for seed in 0..8u8 {
        let page = ana
            .upload(
                "/contests/numbers/entry/photos",
                &[("title", "t")],
                vec![("p.png", generated_png(seed * 30))],
                true,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    let numbers = numbers(&app).await;
    assert_eq!(numbers.len(), 8);
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_ne!(numbers, sorted, "numbers follow upload order: {numbers:?}");
    sorted.reverse();
    assert_ne!(
        numbers, sorted,
        "numbers follow reverse upload order: {numbers:?}"
    );
    let mut distinct = numbers.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 8, "{numbers:?}");
    assert!(numbers.iter().all(|n| (10_000..=99_999).contains(n)));
}

#[tokio::test]
async fn hostile_uploads_get_clear_messages_and_leave_no_row_and_no_file() {
    let app = TestApp::spawn_with(|c| c.image_limits.max_bytes = 1_000_000).await;
    open_contest(&app, "hostile").await;
    let ana = entrant(&app, "hostile", "ana@example.org", "Ana Karimova").await;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "huge.png",
            hostile::png_declaring(100_000, 100_000),
            "The image is 100,000 × 100,000 pixels",
        ),
        (
            "huge.jpg",
            hostile::jpeg_declaring(65_000, 65_000),
            "The image is 65,000 × 65,000 pixels",
        ),
        (
            "bomb.png",
            hostile::png_bomb(13_000, 13_000),
            "pixels a side",
        ),
        (
            "half.jpg",
            hostile::cut_in_half(&fixture("gps-nikon-coolpix.jpg")),
            "The file is incomplete",
        ),
        (
            "photo.jpg",
            hostile::html_page(),
            "This is a web page, not a photo.",
        ),
        (
            "drawing.svg",
            hostile::svg_with_script(),
            "This is an SVG drawing",
        ),
        (
            "phone.jpg",
            hostile::heic_like(),
            "HEIC photo from a phone. Export it as JPEG",
        ),
        (
            "big.jpg",
            fixture("camera-olympus-12mp.jpg"),
            "The file is larger than 1 MB",
        ),
    ];
    for (name, bytes, message) in cases {
        let page = ana
            .upload(
                "/contests/hostile/entry/photos",
                &[("title", "t")],
                vec![(name, bytes)],
                false,
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        page.assert_contains(&message.replace('\'', "&#39;").replace('"', "&quot;"));
        let json = ana
            .upload(
                "/contests/hostile/entry/photos",
                &[("title", "t")],
                vec![(name, hostile::html_page())],
                true,
            )
            .await;
        assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // A chosen-but-empty file.
    let page = ana
        .upload(
            "/contests/hostile/entry/photos",
            &[],
            vec![("empty.jpg", Vec::new())],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("The file is empty.");
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(stored_files(&app), 0);
}

#[tokio::test]
async fn the_category_limit_the_deadline_and_duplicates_are_enforced() {
    let app = TestApp::spawn().await;
    let admin = open_contest(&app, "limits").await;
    let _ = admin;
    sqlx::query("UPDATE categories SET max_photos = 2")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let ana = entrant(&app, "limits", "ana@example.org", "Ana Karimova").await;
    for seed in [1u8, 2] {
        let page = ana
            .upload(
                "/contests/limits/entry/photos",
                &[],
                vec![("p.png", generated_png(seed))],
                false,
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let page = ana
        .upload(
            "/contests/limits/entry/photos",
            &[],
            vec![("p.png", generated_png(3))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Your portfolio already has 2 photos, the most this category allows.");
    assert_eq!(app.count("photos").await, 2);

    // The same photo again, here or from someone else.
    let bob = entrant(&app, "limits", "bob@example.org", "Bob Aliev").await;
    let page = bob
        .upload(
            "/contests/limits/entry/photos",
            &[],
            vec![("p.png", generated_png(1))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("This photo is already in this contest");
    assert_eq!(app.count("photos").await, 2);

    // After the deadline (by the server clock), nothing changes.
    let files_before = stored_files(&app);
    app.clock.advance(Duration::days(60));
    let page = bob
        .upload(
            "/contests/limits/entry/photos",
            &[],
            vec![("p.png", generated_png(9))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("The deadline has passed");
    let page = ana
        .post("/contests/limits/entry/story", &[("story", "late story")])
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let entry = ana.get("/contests/limits/entry").await;
    entry.assert_contains("The deadline has passed: your entry can no longer be changed.");
    assert!(!entry.body.contains("Add photos"));
    assert_eq!(app.count("photos").await, 2);
    assert_eq!(stored_files(&app), files_before);
    assert_eq!(app.count("portfolios WHERE story = ''").await, 2);
}

#[tokio::test]
async fn someone_elses_photo_cannot_be_edited_moved_replaced_removed_or_seen() {
    let app = TestApp::spawn().await;
    open_contest(&app, "owners").await;
    let ana = entrant(&app, "owners", "ana@example.org", "Ana Karimova").await;
    ana.upload(
        "/contests/owners/entry/photos",
        &[("title", "Ana's")],
        vec![("a.png", generated_png(5))],
        false,
    )
    .await;
    let anas_photo: i64 = sqlx::query_scalar("SELECT id FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let bob = entrant(&app, "owners", "bob@example.org", "Bob Aliev").await;
    let base = format!("/contests/owners/entry/photos/{anas_photo}");
    assert_eq!(
        bob.post(&base, &[("title", "stolen"), ("caption", "")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bob.post(&format!("{base}/move"), &[("dir", "up")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bob.post(&format!("{base}/delete"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let page = bob
        .upload(
            &format!("{base}/replace"),
            &[],
            vec![("b.png", generated_png(77))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(
        bob.get(&format!("{base}/thumb.jpg")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.count("photos WHERE title = 'Ana''s'").await, 1);
    // And a visitor who never entered has no entry to act on.
    let carol = app.person("carol@example.org").await;
    assert_eq!(
        carol
            .post("/contests/owners/entry/story", &[("story", "x")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn photos_can_be_retitled_reordered_replaced_removed_and_the_entry_withdrawn() {
    let app = TestApp::spawn().await;
    open_contest(&app, "edits").await;
    let ana = entrant(&app, "edits", "ana@example.org", "Ana Karimova").await;
    for seed in [10u8, 20] {
        ana.upload(
            "/contests/edits/entry/photos",
            &[("title", "first")],
            vec![("p.png", generated_png(seed))],
            false,
        )
        .await;
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM photos ORDER BY position")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    // One Save for every title and caption: both photos change at once.
    let (t0, c0, t1) = (
        format!("title-{}", ids[0]),
        format!("caption-{}", ids[0]),
        format!("title-{}", ids[1]),
    );
    let page = ana
        .post(
            "/contests/edits/entry/texts",
            &[(&t0, "Dawn"), (&c0, "At the bazaar"), (&t1, "Dusk")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/contests/edits/entry#photos");
    assert_eq!(
        app.count("photos WHERE title = 'Dawn' AND caption = 'At the bazaar'")
            .await,
        1
    );
    assert_eq!(app.count("photos WHERE title = 'Dusk'").await, 1);
    ana.get("/contests/edits/entry")
        .await
        .assert_contains("Titles and captions saved.");
    // A title over the limit refuses the whole form: nothing changes.
    let long = "x".repeat(201);
    let refused = ana
        .post(
            "/contests/edits/entry/texts",
            &[(&t0, "Morning"), (&t1, long.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("A title is at most 200 characters.");
    assert_eq!(app.count("photos WHERE title = 'Dawn'").await, 1);
    // Someone else's photo id in the form changes nothing of theirs.
    let bob = entrant(&app, "edits", "bob@example.org", "Bob Tursunov").await;
    let forged = bob
        .post("/contests/edits/entry/texts", &[(&t0, "Mine")])
        .await;
    assert_eq!(forged.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("photos WHERE title = 'Mine'").await, 0);

    ana.post(
        &format!("/contests/edits/entry/photos/{}/move", ids[1]),
        &[("dir", "up")],
    )
    .await;
    let order: Vec<i64> = sqlx::query_scalar("SELECT id FROM photos ORDER BY position")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(order, vec![ids[1], ids[0]]);

    let number_before: Option<i64> = sqlx::query_scalar("SELECT number FROM photos WHERE id = $1")
        .bind(ids[0])
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let page = ana
        .upload(
            &format!("/contests/edits/entry/photos/{}/replace", ids[0]),
            &[],
            vec![("new.jpg", fixture("camera-canon-40d.jpg"))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (number_after, sha): (Option<i64>, String) =
        sqlx::query_as("SELECT number, original_sha256 FROM photos WHERE id = $1")
            .bind(ids[0])
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(number_after, number_before);
    assert_eq!(sha, sha256_hex(&fixture("camera-canon-40d.jpg")));

    assert_eq!(
        ana.post(
            &format!("/contests/edits/entry/photos/{}/delete", ids[1]),
            &[]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("photos").await, 1);

    let page = ana
        .post("/contests/edits/entry/withdraw", &[("confirm", "1")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("photos").await, 0);
    // Bob's (empty) entry stays; Ana's is gone.
    assert_eq!(app.count("portfolios").await, 1);
    assert_eq!(
        app.count("contest_roles WHERE role = 'participant'").await,
        1
    );
}

#[tokio::test]
async fn eligibility_is_checked_and_a_juror_cannot_enter() {
    let app = TestApp::spawn().await;
    open_contest(&app, "eligible").await;
    let ana = app.person("ana@example.org").await;
    let form = ana.get("/contests/eligible/entry").await;
    let student_category = common::category_on(&form.body, 1);
    let page = ana
        .post(
            "/contests/eligible/entry",
            &[
                ("category", &student_category),
                ("full_name", "Ana"),
                ("country", "France"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Choose your country of citizenship from the list of eligible countries.");
    page.assert_contains("This category is for university students: enter your university.");
    page.assert_contains("You must accept the rules to enter.");
    let page = ana
        .post(
            "/contests/eligible/entry",
            &[
                ("category", "999999"),
                ("full_name", "Ana"),
                ("country", "Kyrgyzstan"),
                ("consent_rules", "1"),
            ],
        )
        .await;
    page.assert_contains("Choose your category.");
    assert_eq!(app.count("portfolios").await, 0);

    let juror = app
        .account("juror@example.org", "person-password", false)
        .await;
    let contest = photojury::contests::queries::contest_by_slug(&app.state.db, "eligible")
        .await
        .unwrap()
        .unwrap();
    photojury::contests::queries::assign_role(
        &app.state.db,
        contest.id,
        juror.id,
        photojury::contests::queries::Role::Juror,
        0,
    )
    .await
    .unwrap();
    let browser = app.browser();
    browser
        .sign_in("juror@example.org", "person-password")
        .await;
    let page = browser.get("/contests/eligible/entry").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let page = browser
        .post(
            "/contests/eligible/entry",
            &[
                ("category", &student_category),
                ("full_name", "J"),
                ("country", "Kyrgyzstan"),
                ("university", "U"),
                ("consent_rules", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(app.count("portfolios").await, 0);
}

#[tokio::test]
async fn the_uploaded_file_name_is_never_stored_or_shown() {
    let app = TestApp::spawn().await;
    let admin = open_contest(&app, "names").await;
    let ana = entrant(&app, "names", "ana@example.org", "Ana Karimova").await;
    let secret = "ANA-KARIMOVA-original-name";
    ana.upload(
        "/contests/names/entry/photos",
        &[("title", "t")],
        vec![(&format!("{secret}.jpg"), fixture("camera-canon-40d.jpg"))],
        false,
    )
    .await;
    assert_eq!(app.count("photos").await, 1);
    for page in [
        ana.get("/contests/names/entry").await,
        ana.get("/contests/names/entry/receipt").await,
    ] {
        assert!(!page.body.contains(secret));
    }
    let contest = photojury::contests::queries::contest_by_slug(&app.state.db, "names")
        .await
        .unwrap()
        .unwrap();
    let screening = admin
        .get(&format!("/admin/contests/{}/entries", contest.id))
        .await;
    assert!(!screening.body.contains(secret));
    let row: String = sqlx::query_scalar(
        "SELECT title || caption || original_sha256 || large_sha256 || thumb_sha256 FROM photos",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(!row.contains(secret));
}

#[tokio::test]
async fn text_naming_the_participant_is_flagged_for_the_admin() {
    let app = TestApp::spawn().await;
    let admin = open_contest(&app, "flags").await;
    let ana = entrant(&app, "flags", "ana@example.org", "Ana Karimova").await;
    let page = ana
        .post(
            "/contests/flags/entry/story",
            &[("story", "My aunt Gulnara Karimova sews uniforms.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("portfolios WHERE identity_flag IS NOT NULL")
            .await,
        1
    );
    ana.get("/contests/flags/entry")
        .await
        .assert_contains("Your text may reveal who you are");
    let contest = photojury::contests::queries::contest_by_slug(&app.state.db, "flags")
        .await
        .unwrap()
        .unwrap();
    admin
        .get(&format!("/admin/contests/{}/entries", contest.id))
        .await
        .assert_contains("may reveal identity");
    // Fixing the text clears the flag.
    ana.post(
        "/contests/flags/entry/story",
        &[("story", "My aunt sews uniforms.")],
    )
    .await;
    assert_eq!(
        app.count("portfolios WHERE identity_flag IS NOT NULL")
            .await,
        0
    );
    // Over-long stories are refused.
    let long = "x".repeat(3001);
    let page = ana
        .post("/contests/flags/entry/story", &[("story", &long)])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("the limit is 3,000");
}

#[tokio::test]
async fn admins_screen_entries_redact_texts_and_download_originals_with_an_audit_trail() {
    let app = TestApp::spawn().await;
    let admin = open_contest(&app, "screen").await;
    let ana = entrant(&app, "screen", "ana@example.org", "Ana Karimova").await;
    ana.upload(
        "/contests/screen/entry/photos",
        &[("title", "By Ana Karimova")],
        vec![("a.jpg", fixture("camera-canon-40d.jpg"))],
        false,
    )
    .await;
    ana.post(
        "/contests/screen/entry/story",
        &[("story", "Signed, Ana Karimova")],
    )
    .await;
    let contest = photojury::contests::queries::contest_by_slug(&app.state.db, "screen")
        .await
        .unwrap()
        .unwrap();
    let (portfolio, photo): (i64, i64) = sqlx::query_as("SELECT portfolio_id, id FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let base = format!("/admin/contests/{}", contest.id);

    let list = admin.get(&format!("{base}/entries")).await;
    list.assert_contains("Ana Karimova");
    list.assert_contains("Kyrgyzstan");

    let page = admin
        .post(
            &format!("{base}/entries/{portfolio}/redact"),
            &[("field", "story"), ("text", "Signed, [name removed]")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = admin
        .post(
            &format!("{base}/entries/{portfolio}/redact"),
            &[("field", &format!("title:{photo}")), ("text", "Untitled")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("portfolios WHERE story = 'Signed, Ana Karimova' AND story_redacted = 'Signed, [name removed]'").await, 1);
    assert_eq!(
        app.count("photos WHERE title = 'By Ana Karimova' AND title_redacted = 'Untitled'")
            .await,
        1
    );

    let page = admin
        .post(
            &format!("{base}/entries/{portfolio}/status"),
            &[("status", "disqualified"), ("reason", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Give a reason");
    let page = admin
        .post(
            &format!("{base}/entries/{portfolio}/status"),
            &[("status", "disqualified"), ("reason", "Not a citizen")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("portfolios WHERE status = 'disqualified' AND status_reason = 'Not a citizen'")
            .await,
        1
    );

    let original = admin
        .client
        .get(format!("{}{base}/photos/{photo}/original", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(original.status(), StatusCode::OK);
    assert!(
        original.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("-original.jpg")
    );
    assert_eq!(
        original.bytes().await.unwrap().to_vec(),
        fixture("camera-canon-40d.jpg")
    );
    for action in ["entry.redact", "entry.status", "photo.original_download"] {
        assert!(
            app.count(&format!("audit_log WHERE action = '{action}'"))
                .await
                >= 1,
            "{action}"
        );
    }
    // Participants cannot reach screening or originals.
    assert_eq!(
        ana.get(&format!("{base}/entries")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        ana.get(&format!("{base}/photos/{photo}/original"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Once judging starts, screening is frozen.
    app.clock.advance(Duration::days(60));
    let path = format!("{base}/phase");
    admin.get(&base).await;
    assert_eq!(
        admin.post(&path, &[("to", "closed")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        admin.post(&path, &[("to", "judging")]).await.status,
        StatusCode::SEE_OTHER
    );
    let page = admin
        .post(
            &format!("{base}/entries/{portfolio}/status"),
            &[("status", "eligible"), ("reason", "late")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("frozen");
}

#[tokio::test]
async fn a_contest_can_ask_for_a_minimum_resolution() {
    let app = TestApp::spawn().await;
    open_contest(&app, "sharp").await;
    sqlx::query("UPDATE contests SET min_long_edge = 500")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let ana = entrant(&app, "sharp", "ana@example.org", "Ana Karimova").await;
    let page = ana
        .upload(
            "/contests/sharp/entry/photos",
            &[],
            vec![("small.jpg", fixture("camera-canon-40d.jpg"))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("This photo is 100 × 68 pixels; this contest asks for at least 500 pixels on the long side.");
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(stored_files(&app), 0);
    let page = ana
        .upload(
            "/contests/sharp/entry/photos",
            &[],
            vec![("ok.jpg", fixture("gps-nikon-coolpix.jpg"))],
            false,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("photos").await, 1);
}
