//! The whole contest in Chromium, every step through the pages people use:
//! first-run setup, a contest with two categories, two participants uploading
//! (with a HEIC and a dimension bomb among the files), the deadline, screening
//! with a redaction, three jurors scoring with the keyboard (one recusing),
//! finalize, reveal, awards, announce, and a visitor on the winners page.
//! Screenshots of the main pages go to `target/screenshots/`.

use std::path::PathBuf;

use chrono::Duration;

use super::chrome::{Chrome, ENTER};
use super::common::{TestApp, hostile};

const SLUG: &str = "journey";

fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Saves a screenshot and checks it shows something: many colours, no one
/// colour covering nearly all of it.
pub async fn shot(c: &Chrome, name: &str) {
    let png = c.screenshot().await;
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    let mut counts = std::collections::HashMap::new();
    for px in pixels[..info.buffer_size()].chunks(channels) {
        *counts
            .entry((px[0] / 8, px[1] / 8, px[2] / 8))
            .or_insert(0_usize) += 1;
    }
    let total = (info.width * info.height) as usize;
    let top = counts.values().max().copied().unwrap_or(total);
    assert!(
        counts.len() > 20 && top * 100 < total * 97,
        "{name}.png looks blank: {} colours, the commonest covers {}%",
        counts.len(),
        top * 100 / total.max(1)
    );
    std::fs::write(shots_dir().join(format!("{name}.png")), png).expect("write screenshot");
}

pub async fn fill(c: &Chrome, css: &str, value: &str) {
    let field = c.find(css).await;
    field.clear().await;
    field.send_keys(value).await;
}

/// Sets a field the keyboard cannot type reliably (date pickers, selects).
async fn set(c: &Chrome, css: &str, value: &str) {
    let script = format!(
        "document.querySelector({}).value = {};",
        serde_json::json!(css),
        serde_json::json!(value)
    );
    c.execute(&script).await;
}

pub async fn main_text(c: &Chrome) -> String {
    c.find("main").await.text().await
}

pub async fn wait_text(c: &Chrome, text: &str) {
    let script = format!(
        "return document.body.innerText.includes({});",
        serde_json::json!(text)
    );
    c.wait_until(&script).await;
}

pub async fn sign_in(c: &Chrome, base: &str, email: &str, password: &str) {
    c.delete_cookies().await;
    c.goto(&format!("{base}/login")).await;
    fill(c, "#email", email).await;
    fill(c, "#password", &format!("{password}{ENTER}")).await;
    c.wait_for_path(|p| !p.starts_with("/login")).await;
}

async fn register(c: &Chrome, base: &str, email: &str) {
    c.delete_cookies().await;
    c.goto(&format!("{base}/register")).await;
    fill(c, "#email", email).await;
    fill(c, "#password", "participant-pass").await;
    fill(c, "#password_confirm", &format!("participant-pass{ENTER}")).await;
    // Without email confirmation, registering leads to the sign-in form.
    c.wait_for_path(|p| p.starts_with("/login?registered=1"))
        .await;
    wait_text(c, "it has one now: sign in").await;
    fill(c, "#email", email).await;
    fill(c, "#password", &format!("participant-pass{ENTER}")).await;
    c.wait_for_path(|p| p == "/account").await;
}

/// Clicks a phase button, answers its confirmation if it asks, and waits.
async fn phase(c: &Chrome, to: &str, confirm: bool) {
    c.find(&format!("#phase-{to}")).await.click().await;
    if confirm {
        c.accept_dialog().await;
    }
    c.wait_until("return document.readyState === 'complete' && !!document.querySelector('main');")
        .await;
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    path.to_string_lossy().into_owned()
}

/// Registers, fills the eligibility form and lands on the entry page.
async fn enter(c: &Chrome, app: &TestApp, who: (&str, &str, &str), category: i64, consent: bool) {
    let (email, name, university) = who;
    register(c, &app.base, email).await;
    c.goto(&format!("{}/contests/{SLUG}", app.base)).await;
    let page = main_text(c).await;
    assert!(page.contains("Open for entries"), "{page}");
    c.find("a.button[href$='/entry']").await.click().await;
    c.wait_for_path(|p| p == format!("/contests/{SLUG}/entry"))
        .await;
    c.find(&format!("input[name=category][value='{category}']"))
        .await
        .click()
        .await;
    fill(c, "#full_name", name).await;
    set(c, "#country", "Kyrgyzstan").await;
    c.find("input[name=consent_rules]").await.click().await;
    if consent {
        c.find("input[name=consent_name]").await.click().await;
    }
    if !university.is_empty() {
        // Sent first without the university: refused, and nothing typed or
        // ticked is lost (both consents still as they were).
        c.find("main form button[type=submit]").await.click().await;
        c.wait_until("return !!document.querySelector('.errors');")
            .await;
        let kept = c
            .execute("return [document.querySelector('input[name=consent_rules]').checked, document.querySelector('input[name=consent_name]').checked, document.getElementById('full_name').value];")
            .await;
        assert_eq!(kept, serde_json::json!([true, consent, name]));
        fill(c, "#university", university).await;
    }
    c.find("main form button[type=submit]").await.click().await;
    c.wait_until("return !!document.getElementById('upload');")
        .await;
}

#[tokio::test]
async fn a_contest_runs_from_first_run_to_the_winners_page_in_a_real_browser() {
    let app = TestApp::spawn().await;
    let base = app.base.clone();
    let c = &Chrome::start(1280, 900).await;
    let now = app.state.now();

    // First run: the printed setup link makes the administrator.
    let link =
        photojury::accounts::setup::issue_link_if_needed(&app.state.db, &base, now.timestamp())
            .await
            .unwrap()
            .expect("a setup link while there is no admin");
    c.goto(&link).await;
    fill(c, "#email", "admin@photo.test").await;
    fill(c, "#password", "admin-password").await;
    fill(c, "#password_confirm", &format!("admin-password{ENTER}")).await;
    c.wait_for_path(|p| p == "/admin").await;

    // A contest with two categories and two criteria, opened for entries.
    c.goto(&format!("{base}/admin/contests/new")).await;
    fill(c, "#title", "Journeys 2026").await;
    fill(c, "#slug", SLUG).await;
    fill(c, "#theme", "People on the move").await;
    fill(
        c,
        "#description",
        "Photographs and a story about migration.",
    )
    .await;
    fill(c, "#rules", "Citizens of the listed countries.").await;
    fill(c, "#timezone", "UTC").await;
    let at = |d: i64| {
        (now + Duration::days(d))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    set(c, "#opens_at", &at(-1)).await;
    set(c, "#closes_at", &at(7)).await;
    fill(c, "#countries", "Kazakhstan\nKyrgyzstan").await;
    // The form asks for the jurors' size (2,560 px) by default; this contest
    // takes the small fixtures, so the admin clears it.
    let min = c.find("#min_long_edge").await;
    assert_eq!(min.prop("value").await, "2560");
    min.clear().await;
    c.find("form[action='/admin/contests'] button[type=submit]")
        .await
        .click()
        .await;
    let admin_path = c
        .wait_for_path(|p| p.starts_with("/admin/contests/") && !p.ends_with("/new"))
        .await;
    for (name, university) in [
        ("University students", true),
        ("Artists and photographers", false),
    ] {
        fill(c, "#cat-name", name).await;
        if university {
            c.find("input[name=requires_university]")
                .await
                .click()
                .await;
        }
        c.find("form[action$='/categories'] button[type=submit]")
            .await
            .click()
            .await;
        wait_text(c, name).await;
    }
    for (name, weight) in [("Impact", "2"), ("Craft", "1")] {
        fill(c, "#cr-name", name).await;
        fill(c, "#cr-weight", weight).await;
        c.find("form[action$='/criteria'] button[type=submit]")
            .await
            .click()
            .await;
        wait_text(c, &format!("weight {weight}")).await;
    }
    phase(c, "open", false).await;
    wait_text(c, "The contest's phase is now: Open.").await;
    let cats: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY position, id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    c.delete_cookies().await;
    c.goto(&format!("{base}/contests/{SLUG}")).await;
    let public = main_text(c).await;
    assert!(public.contains("Journeys 2026") && public.contains("University students"));
    shot(c, "public-contest").await;

    // Two participants; the first also tries a HEIC and a 100000×100000 PNG.
    let dir = tempfile::tempdir().unwrap();
    let heic = dir.path().join("IMG_0001.heic");
    std::fs::write(&heic, hostile::heic_like()).unwrap();
    let bomb = dir.path().join("huge.png");
    std::fs::write(&bomb, hostile::png_declaring(100_000, 100_000)).unwrap();
    let student = ("aigerim@photo.test", "Aigerim Bekova", "KNU");
    enter(c, &app, student, cats[0], true).await;
    let files = [
        fixture("camera-canon-40d.jpg"),
        fixture("orientation-6-landscape.jpg"),
        heic.to_string_lossy().into_owned(),
        bomb.to_string_lossy().into_owned(),
    ];
    c.find("#file").await.send_keys(&files.join("\n")).await;
    // Several files: a title and caption for each, not one for all.
    let hidden = c
        .execute("return document.getElementById('one-text').hidden;")
        .await;
    assert_eq!(hidden, true);
    fill(c, "#new-title-0", "Night bus").await;
    fill(c, "#new-title-1", "Morning queue").await;
    fill(c, "#new-caption-1", "Before the border opens").await;
    fill(c, "#new-title-2", "From my phone").await;
    c.find("#upload button[type=submit]").await.click().await;
    c.wait_until(
        "return document.querySelectorAll('#progress li.ok, #progress li.failed').length === 4;",
    )
    .await;
    // Two went in and are listed without a reload; the failed file's title
    // is still there for another try; the count says how it went.
    c.wait_until("return document.querySelectorAll('li.photo').length === 2;")
        .await;
    let count = c.find("#upload-count").await.text().await;
    assert!(
        count.contains("2 of 4 uploaded; not uploaded: photo 3, 4"),
        "{count}"
    );
    assert_eq!(
        c.find("#new-title-2").await.prop("value").await,
        "From my phone"
    );
    let texts: Vec<(String, String)> =
        sqlx::query_as("SELECT title, caption FROM photos ORDER BY position")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        texts,
        vec![
            ("Night bus".to_owned(), String::new()),
            (
                "Morning queue".to_owned(),
                "Before the border opens".to_owned()
            )
        ]
    );
    let progress = c.find("#progress").await.text().await;
    assert_eq!(progress.matches("Done: entry").count(), 2, "{progress}");
    assert!(
        progress.contains("This is a HEIC photo from a phone"),
        "{progress}"
    );
    assert!(progress.contains("100,000 × 100,000 pixels"), "{progress}");
    let bars = c
        .execute("return document.querySelectorAll('#progress progress').length;")
        .await;
    assert_eq!(bars, serde_json::json!(4));
    c.execute("document.getElementById('progress').scrollIntoView({block: 'center'});")
        .await;
    shot(c, "upload-progress").await;
    c.goto(&format!("{base}/contests/{SLUG}/entry")).await;
    // A title edited, then another button pressed: the title is saved first.
    let second = c.find("li.photo:nth-child(2) input[name^=title-]").await;
    second.send_keys(" at dawn").await;
    c.find("li.photo:nth-child(2) button[aria-label='Move photo 2 up']")
        .await
        .click()
        .await;
    wait_text(c, "Photo moved.").await;
    let titles: Vec<String> = sqlx::query_scalar("SELECT title FROM photos ORDER BY position")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(titles, ["Morning queue at dawn", "Night bus"]);
    fill(
        c,
        "#story",
        "I am Aigerim Bekova. My brother rides the night bus to Moscow.",
    )
    .await;
    c.find("form[action$='/entry/story'] button[type=submit]")
        .await
        .click()
        .await;
    wait_text(c, "may reveal").await;

    let artist = ("timur@photo.test", "Timur Osmonov", "");
    enter(c, &app, artist, cats[1], false).await;
    c.find("#file")
        .await
        .send_keys(&fixture("orientation-8-portrait.jpg"))
        .await;
    c.find("#upload button[type=submit]").await.click().await;
    c.wait_until("return document.querySelectorAll('li.photo').length === 1;")
        .await;
    assert_eq!(app.count("photos").await, 3);

    // The deadline passes; the admin closes, screens and redacts the story.
    app.clock.advance(Duration::days(8));
    sign_in(c, &base, "admin@photo.test", "admin-password").await;
    c.goto(&format!("{base}{admin_path}")).await;
    phase(c, "closed", false).await;
    wait_text(c, "The contest's phase is now: Closed.").await;
    let portfolio: i64 =
        sqlx::query_scalar("SELECT id FROM portfolios WHERE full_name = 'Aigerim Bekova'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    c.goto(&format!("{base}{admin_path}/entries")).await;
    assert!(main_text(c).await.contains("may reveal"));
    fill(
        c,
        &format!("#rs-{portfolio}"),
        "My brother rides the night bus to Moscow.",
    )
    .await;
    c.find(&format!("#rs-{portfolio} + button"))
        .await
        .click()
        .await;
    wait_text(c, "The jury sees the redacted copy").await;

    // Three jurors are invited; judging starts (after a confirmation).
    let mut links = Vec::new();
    for j in 0..3 {
        c.goto(&format!("{base}{admin_path}/jury")).await;
        fill(c, "#juror-email", &format!("juror{j}@photo.test")).await;
        c.find("#invite button[type=submit]").await.click().await;
        c.wait_until("return !!document.getElementById('invitation-link');")
            .await;
        let url = c.find("#invitation-link").await.text().await;
        links.push(url[url.find("/invitations/").unwrap()..].to_owned());
    }
    c.goto(&format!("{base}{admin_path}")).await;
    phase(c, "judging", true).await;
    wait_text(c, "The contest's phase is now: Judging.").await;

    // Each juror accepts and scores everything with the keyboard; juror 1
    // recognises the first work and steps aside.
    for (j, link) in links.iter().enumerate() {
        c.delete_cookies().await;
        c.goto(&format!("{base}{link}")).await;
        fill(c, "#password", "juror-password").await;
        fill(c, "#password_confirm", &format!("juror-password{ENTER}")).await;
        c.wait_for_path(|p| p == format!("/jury/{SLUG}")).await;
        c.find(".hero a.button")
            .await
            .send_keys(&ENTER.to_string())
            .await;
        let entry = |p: &str| p.starts_with(&format!("/jury/{SLUG}/entries/")) && !p.contains('?');
        let mut path = c.wait_for_path(entry).await;
        if j == 0 {
            shot(c, "juror-scoring").await;
        }
        if j == 1 {
            c.find("details.recuse summary").await.click().await;
            fill(c, "#reason", &format!("I know this photographer{ENTER}")).await;
            path = c.wait_for_path(|p| p != path).await;
        }
        let home = format!("/jury/{SLUG}");
        // Jurors who disagree a little, so the results are not one big tie.
        let mut k = 0;
        while path != home {
            let (impact, craft) = (["9", "7", "5"][(k + j) % 3], ["6", "8", "7"][j]);
            c.active()
                .await
                .send_keys(&format!("{impact}{craft}{ENTER}"))
                .await;
            path = c.wait_for_path(|p| p != path).await;
            k += 1;
        }
    }
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        8
    );
    assert_eq!(
        app.count("assignments WHERE recused_at IS NOT NULL").await,
        1
    );

    // The admin watches the jury, finalizes, reveals, awards and announces.
    sign_in(c, &base, "admin@photo.test", "admin-password").await;
    c.goto(&format!("{base}{admin_path}/jury")).await;
    assert!(main_text(c).await.contains("juror1@photo.test"));
    // Nothing on the monitor page is wider than its box (no sideways scrolling).
    let too_wide = "return Array.from(document.querySelectorAll('main, main *'))\
                    .filter(e => e.scrollWidth > e.clientWidth && e.clientWidth > 0 \
                       && getComputedStyle(e).overflowX !== 'visible')\
                    .map(e => e.tagName + '#' + e.id + '.' + e.className);";
    assert_eq!(
        c.execute(too_wide).await,
        serde_json::json!([]),
        "parts of the jury monitor scroll sideways"
    );
    shot(c, "jury-monitor").await;
    c.goto(&format!("{base}{admin_path}")).await;
    phase(c, "finalized", true).await;
    c.wait_for_path(|p| p.ends_with("/results")).await;
    let results = main_text(c).await;
    assert!(results.contains("Finalized"), "{results}");
    assert!(!results.contains("Aigerim"), "no name before the reveal");
    shot(c, "results").await;
    c.goto(&format!("{base}{admin_path}")).await;
    phase(c, "revealed", true).await;
    wait_text(c, "Names revealed").await;
    c.goto(&format!("{base}{admin_path}/results")).await;
    assert!(main_text(c).await.contains("Aigerim Bekova"));
    c.goto(&format!("{base}{admin_path}/awards")).await;
    c.find("#save-awards").await.click().await;
    wait_text(c, "Awards saved.").await;
    c.goto(&format!("{base}{admin_path}")).await;
    phase(c, "announced", true).await;
    wait_text(c, "Winners announced").await;
    shot(c, "admin-dashboard").await;

    // A visitor opens the winners page.
    c.delete_cookies().await;
    c.goto(&format!("{base}/contests/{SLUG}")).await;
    c.find("a.button[href$='/winners']").await.click().await;
    c.wait_for_path(|p| p.ends_with("/winners")).await;
    let winners = main_text(c).await;
    assert!(winners.contains("Aigerim Bekova"), "{winners}");
    assert!(winners.contains("1st prize"), "{winners}");
    assert!(winners.contains("name withheld"), "{winners}");
    assert!(!winners.contains("Timur"), "{winners}");
    c.wait_until(
        "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);",
    )
    .await;
    shot(c, "winners").await;
}

#[tokio::test]
async fn a_participant_enters_from_a_phone() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = super::common::create_contest(&admin, SLUG).await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let c = &Chrome::start(390, 844).await;
    let fits = "return document.documentElement.scrollWidth <= window.innerWidth + 1;";
    c.goto(&format!("{}/contests/{SLUG}", app.base)).await;
    c.wait_until(fits).await;
    // "Enter" is on the first screen of a phone.
    let top = c
        .execute("var r = document.getElementById('enter-top').getBoundingClientRect(); return r.bottom <= innerHeight && r.top >= 0;")
        .await;
    assert_eq!(top, true);
    shot(c, "phone-public-contest").await;
    let cats: Vec<i64> = sqlx::query_scalar("SELECT id FROM categories ORDER BY position, id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    enter(
        c,
        &app,
        ("phone@photo.test", "Dana Phone", ""),
        cats[1],
        true,
    )
    .await;
    c.wait_until(fits).await;
    c.find("#file")
        .await
        .send_keys(&fixture("orientation-1-portrait.jpg"))
        .await;
    c.find("#upload button[type=submit]").await.click().await;
    c.wait_until("return document.querySelectorAll('li.photo').length === 1;")
        .await;
    c.wait_until(fits).await;
    shot(c, "phone-entry").await;
    c.goto(&format!("{}/contests/{SLUG}/entry/receipt", app.base))
        .await;
    let receipt = main_text(c).await;
    let sha: String = sqlx::query_scalar("SELECT original_sha256 FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    // Short on the phone, whole a tap away; the page never scrolls sideways.
    assert!(receipt.contains(&sha[..9]), "{receipt}");
    assert!(!receipt.contains(&sha), "{receipt}");
    c.wait_until(fits).await;
    c.find("td.hash-cell summary").await.click().await;
    assert!(main_text(c).await.contains(&sha));
    c.wait_until(fits).await;
    shot(c, "phone-receipt").await;
}
