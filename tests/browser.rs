//! The jury in a real browser: Debian's Chromium, headless, through
//! chromedriver. Five jurors accept their invitations and score every entry
//! with the keyboard alone; one steps aside from an entry.
//! The whole contest from first run to winners is in `journey`.
//! Run with `cargo test --test browser` (CI does).

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/chrome.rs"]
mod chrome;
mod common;
#[path = "browser/journey.rs"]
mod journey;
#[path = "browser/ranking.rs"]
mod ranking;
#[path = "browser/rounds.rs"]
mod rounds;
#[path = "browser/russian.rs"]
mod russian;
#[path = "browser/scoring.rs"]
mod scoring;

use chrome::{Chrome, ENTER, TAB};
use common::TestApp;
use common::jury::{Setup, category_ids, invitation_path, judged};
use reqwest::StatusCode;

fn is_entry(slug: &str) -> impl Fn(&str) -> bool + '_ {
    move |path: &str| path.starts_with(&format!("/jury/{slug}/entries/")) && !path.contains('?')
}

#[tokio::test]
async fn five_jurors_accept_and_score_every_entry_with_the_keyboard_alone() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [2, 2],
        photos: 1,
        jurors: vec![],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let cats = category_ids(&app, contest.contest_id).await;
    let chrome = Chrome::start(1280, 900).await;
    let c = &chrome;

    for j in 0..5 {
        // The admin invites; the juror opens the link in the browser.
        let email = format!("keyboard{j}@jury.example.org");
        contest
            .admin
            .get(&format!("{}/jury", contest.admin_path))
            .await;
        let page = contest
            .admin
            .post(
                &format!("{}/jurors", contest.admin_path),
                &[
                    ("email", &email),
                    ("category", &cats[0]),
                    ("category", &cats[1]),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        c.delete_cookies().await;
        c.goto(&format!("{}{}", app.base, invitation_path(&page.body)))
            .await;
        c.find("#password").await.send_keys("juror-password").await;
        let again = c.find("#password_confirm").await;
        again.send_keys(&format!("juror-password{ENTER}")).await;
        chrome.wait_for_path(|p| p == format!("/jury/{slug}")).await;
        let body = c.find("main").await.text().await;
        assert!(body.contains("0 of 2 scored"), "{body}");

        // From the home, Enter on "Score the next entry", then a digit per
        // criterion (each moves to the next) and Enter.
        let start = c.find(".hero a.button").await;
        start.send_keys(&ENTER.to_string()).await;
        let mut path = chrome.wait_for_path(is_entry(slug)).await;
        if j == 0 {
            // The shortcuts: ? shows them, j and k move, f goes full screen.
            let active = c.active().await;
            assert!(active.attr("id").await.unwrap_or_default().starts_with('c'));
            active.send_keys("?").await;
            let keys = c.find("#keys").await;
            assert_eq!(keys.prop("open").await, serde_json::Value::Bool(true));
            c.active().await.send_keys("j").await;
            let next = chrome
                .wait_for_path(|p| p != path && is_entry(slug)(p))
                .await;
            c.active().await.send_keys("k").await;
            chrome.wait_for_path(|p| p == path).await;
            c.active().await.send_keys("f").await;
            c.wait_until("return document.fullscreenElement !== null;")
                .await;
            c.execute("document.exitFullscreen();").await;
            c.wait_until("return document.activeElement.classList.contains('score');")
                .await;
            assert_ne!(next, path);
        }
        if j == 4 {
            // The last juror recognises the first work and steps aside.
            c.find("details.recuse summary").await.click().await;
            let reason = c.find("#reason").await;
            reason.send_keys(&format!("my former student{ENTER}")).await;
            path = chrome
                .wait_for_path(|p| p != path && is_entry(slug)(p))
                .await;
        }
        let home = format!("/jury/{slug}");
        loop {
            c.active().await.send_keys(&format!("78{ENTER}")).await;
            let now = chrome.wait_for_path(|p| p != path).await;
            if now == home {
                break;
            }
            path = now;
        }
        let body = c.find("main").await.text().await;
        assert!(!body.contains("Score the next entry"), "{body}");
    }

    // Every juror scored every entry (one recusal), 7 and 8, nothing twice.
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        19
    );
    assert_eq!(
        app.count("assignments WHERE recused_at IS NOT NULL").await,
        1
    );
    assert_eq!(app.count("scores").await, 38);
    let values: Vec<i64> = sqlx::query_scalar(
        "SELECT s.value FROM scores s JOIN criteria c ON c.id = s.criterion_id ORDER BY c.position, s.value",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(values.iter().filter(|v| **v == 7).count(), 19);
    assert_eq!(values.iter().filter(|v| **v == 8).count(), 19);
    // And the admin watched it happen.
    let monitor = contest
        .admin
        .get(&format!("{}/jury", contest.admin_path))
        .await;
    assert_eq!(monitor.body.matches("4 / 4").count(), 4, "{}", monitor.body);
    monitor.assert_contains("3 / 3");
    assert!(!monitor.body.contains("id=\"reminders\""));
    chrome.close().await;
}

#[tokio::test]
async fn the_save_button_says_saved_without_leaving_the_page() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [1, 0],
        photos: 2,
        jurors: vec![vec![0]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let chrome = Chrome::start(390, 844).await;
    let c = &chrome;
    c.goto(&format!("{}/login", app.base)).await;
    c.find("#email")
        .await
        .send_keys("juror0@jury.example.org")
        .await;
    let password = c.find("#password").await;
    password.send_keys(&format!("juror-password{ENTER}")).await;
    chrome.wait_for_path(|p| p == "/account").await;
    c.goto(&format!("{}/jury/{}", app.base, contest.slug)).await;
    c.find(".hero a.button").await.click().await;
    let path = chrome.wait_for_path(is_entry(contest.slug)).await;
    // Score (each digit moves on; the last stays), Tab past the comment and
    // "save and next" to "save", Enter.
    let keys = format!("96{TAB}{TAB}{TAB}{ENTER}");
    c.active().await.send_keys(&keys).await;
    c.wait_until("return document.getElementById('save-status').textContent === 'Saved.';")
        .await;
    assert_eq!(chrome.path().await, path);
    assert_eq!(app.count("scores").await, 2);
    chrome.close().await;
}
