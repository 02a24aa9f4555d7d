//! The scoring page on the demo contest (four criteria with descriptions,
//! portfolios with stories): the photograph takes the screen and every score
//! control is in view at 1280×800 and 1920×1080; what a juror types survives
//! a click away and a dropped connection; full screen scores from entry to
//! entry by keyboard.

use chrono::Utc;
use photojury::demo::{DEMO_SLUG, DemoPhase, populate};
use serde_json::Value;

use super::chrome::{Chrome, ENTER};
use super::common::TestApp;
use super::journey::{shot, sign_in};

async fn demo() -> TestApp {
    let app = TestApp::spawn().await;
    populate(&app.state.db, &app.config, Utc::now(), DemoPhase::Judging)
        .await
        .expect("the demo contest");
    app
}

/// Opens the juror's first entry not scored yet; returns its path.
async fn first_todo(c: &Chrome, app: &TestApp, juror: usize) -> String {
    let (email, password) = (
        format!("juror{juror}@demo.photojury.org"),
        format!("demo-juror-{juror}"),
    );
    sign_in(c, &app.base, &email, &password).await;
    c.goto(&format!("{}/jury/{DEMO_SLUG}", app.base)).await;
    c.find("ul.grid li.todo a").await.click().await;
    let path = c
        .wait_for_path(|p| p.starts_with(&format!("/jury/{DEMO_SLUG}/entries/")))
        .await;
    c.wait_until("return document.getElementById('view').complete;")
        .await;
    path
}

/// What the page shows of one element: is it wholly inside the viewport.
const IN_VIEW: &str = "function inView(e) { var r = e.getBoundingClientRect(); \
    return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }";

#[tokio::test]
async fn the_photograph_takes_the_screen_and_every_score_control_is_in_view() {
    let app = demo().await;
    for (width, height, least) in [(1280, 800, 0.45), (1920, 1080, 0.55)] {
        let chrome = Chrome::start(width as u32, height as u32).await;
        let c = &chrome;
        c.goto(&format!("{}/login", app.base)).await;
        c.viewport(width, height).await;
        first_todo(c, &app, 3).await;
        // A landscape photo, as the goal is stated for one.
        for _ in 0..20 {
            let landscape = "var i = document.getElementById('view'); \
                return i.complete && i.naturalWidth > i.naturalHeight * 1.2;";
            if c.execute(landscape).await == Value::Bool(true) {
                break;
            }
            let path = c.path().await;
            c.active().await.send_keys("j").await;
            c.wait_for_path(|p| p != path).await;
            c.wait_until("return document.getElementById('view').complete;")
                .await;
        }
        let geometry = c
            .execute(&format!(
                "{IN_VIEW} var r = document.getElementById('view').getBoundingClientRect(); \
                 return {{ share: r.width * r.height / (innerWidth * innerHeight), \
                   inputs: [...document.querySelectorAll('input.score')].map(inView), \
                   choices: [...document.querySelectorAll('button.choice')].every(inView), \
                   save: inView(document.querySelector('button[value=next]')), \
                   number: inView(document.getElementById('entry-number')), \
                   sideways: document.documentElement.scrollWidth > innerWidth, \
                   story: getComputedStyle(document.querySelector('.texts')).overflowY }};"
            ))
            .await;
        let share = geometry["share"].as_f64().expect("a share");
        assert!(
            share >= least,
            "{width}×{height}: the photo covers {share:.3}"
        );
        let inputs = geometry["inputs"].as_array().expect("inputs");
        assert_eq!(inputs.len(), 4, "{geometry}");
        assert!(inputs.iter().all(|v| v == true), "{geometry}");
        for key in ["choices", "save", "number"] {
            assert_eq!(geometry[key], true, "{width}×{height}: {key} {geometry}");
        }
        assert_eq!(geometry["sideways"], false, "{geometry}");
        assert_eq!(geometry["story"], "auto", "the texts scroll in their panel");
        // z: the large image pixel for pixel, in a frame that scrolls.
        c.active().await.send_keys("z").await;
        let actual = c
            .execute("var i = document.getElementById('view'), f = document.getElementById('view-link'); \
                return [Math.round(i.getBoundingClientRect().width) === i.naturalWidth, f.scrollWidth > f.clientWidth];")
            .await;
        assert_eq!(actual, serde_json::json!([true, true]));
        c.active().await.send_keys("z").await;
        shot(c, &format!("juror-scoring-{width}x{height}")).await;
        chrome.close().await;
    }
    // On a phone the page stacks: no sideways scrolling, inputs reachable.
    let chrome = Chrome::start(390, 844).await;
    let c = &chrome;
    c.goto(&format!("{}/login", app.base)).await;
    c.viewport(390, 844).await;
    first_todo(c, &app, 3).await;
    let sideways = c
        .execute("return document.documentElement.scrollWidth > innerWidth;")
        .await;
    assert_eq!(sideways, false);
    shot(c, "juror-scoring-phone").await;
    chrome.close().await;
}

async fn draft_of(app: &TestApp, juror_email: &str, path: &str) -> Option<String> {
    let number: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    sqlx::query_scalar(
        "SELECT a.draft FROM assignments a JOIN entries e ON e.id = a.entry_id \
         JOIN jurors j ON j.id = a.juror_id JOIN users u ON u.id = j.user_id \
         WHERE e.number = $1 AND u.email = $2",
    )
    .bind(number)
    .bind(juror_email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn values(c: &Chrome) -> Value {
    c.execute("return [...document.querySelectorAll('input.score')].map(i => i.value);")
        .await
}

#[tokio::test]
async fn a_typed_score_survives_a_click_away_a_dropped_connection_and_full_screen_goes_on() {
    let app = demo().await;
    let chrome = Chrome::start(1280, 800).await;
    let c = &chrome;
    c.goto(&format!("{}/login", app.base)).await;
    c.viewport(1280, 800).await;
    let juror = "juror2@demo.photojury.org";
    let entry = first_todo(c, &app, 2).await;

    // A digit scores the criterion and moves to the next; the mouse leaves
    // at once for "← All entries", before any save was pressed.
    let first = c.active().await.attr("id").await.expect("an id");
    c.active().await.send_keys("7").await;
    assert_ne!(c.active().await.attr("id").await.expect("an id"), first);
    c.find(".jury-bar a").await.click().await;
    c.wait_for_path(|p| p == format!("/jury/{DEMO_SLUG}")).await;
    let stored = draft_of(&app, juror, &entry).await.expect("a draft");
    assert!(stored.contains("\"7\""), "{stored}");
    let card = format!(
        "return [...document.querySelectorAll('ul.grid li')].some(li => \
         li.querySelector('a').getAttribute('href') === {} && li.innerText.includes('not complete'));",
        serde_json::json!(entry)
    );
    assert_eq!(c.execute(&card).await, true);
    c.goto(&format!("{}{entry}", app.base)).await;
    assert_eq!(values(c).await, serde_json::json!(["7", "", "", ""]));
    let status = c.find("#save-status").await.text().await;
    assert!(status.contains("Not complete: 1 of 4"), "{status}");

    // The connection drops while the juror types: kept on the device, sent
    // when it is back, and there after a reload.
    c.offline(true).await;
    c.active().await.send_keys("8").await;
    c.wait_until(
        "return document.getElementById('save-status').textContent.includes('No connection');",
    )
    .await;
    c.offline(false).await;
    c.wait_until("return document.getElementById('save-status').textContent.includes('2 of 4');")
        .await;
    assert!(
        draft_of(&app, juror, &entry)
            .await
            .is_some_and(|d| d.contains("\"8\""))
    );
    c.goto(&format!("{}{entry}", app.base)).await;
    assert_eq!(values(c).await, serde_json::json!(["7", "8", "", ""]));

    // Full screen holds the scoring: digits, Enter saves and the next entry
    // comes in full screen; "j" moves on and keeps what was typed.
    c.active().await.send_keys("f").await;
    c.wait_until(
        "return document.fullscreenElement && document.fullscreenElement.id === 'scoring';",
    )
    .await;
    c.active().await.send_keys(&format!("90{ENTER}")).await;
    let next = c.wait_for_path(|p| p != entry).await;
    c.wait_until("return !!document.querySelector('#score-form') && document.activeElement.classList.contains('score');")
        .await;
    assert_eq!(
        c.execute("return document.fullscreenElement && document.fullscreenElement.id;")
            .await,
        "scoring"
    );
    let saved: Vec<i64> = sqlx::query_scalar(
        "SELECT s.value FROM scores s JOIN entries e ON e.id = s.entry_id \
         JOIN jurors j ON j.id = s.juror_id JOIN users u ON u.id = j.user_id \
         JOIN criteria k ON k.id = s.criterion_id \
         WHERE e.number = $1 AND u.email = $2 ORDER BY k.position",
    )
    .bind(entry.rsplit('/').next().unwrap().parse::<i64>().unwrap())
    .bind(juror)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(saved, vec![7, 8, 9, 10]);
    assert_eq!(draft_of(&app, juror, &entry).await, None);
    c.active().await.send_keys("5j").await;
    c.wait_for_path(|p| p != next).await;
    assert_eq!(
        c.execute("return document.fullscreenElement && document.fullscreenElement.id;")
            .await,
        "scoring"
    );
    c.wait_until("return document.activeElement.classList.contains('score');")
        .await;
    let kept = draft_of(&app, juror, &next).await.unwrap_or_default();
    assert!(kept.contains("\"5\""), "{kept}");
    chrome.close().await;
}
