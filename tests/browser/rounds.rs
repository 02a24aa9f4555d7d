//! Three rounds with the keyboard alone, in Chromium: a yes/no shortlist
//! (y and n), stars (a digit each), then the criteria round on what the
//! two closes advanced; each vote saves and the next entry follows, and the
//! next entries' images are fetched ahead.

use reqwest::StatusCode;

use super::chrome::{Chrome, ENTER};
use super::common::jury::{Setup, category_ids, judged};
use super::common::{Browser, TestApp};
use super::journey::sign_in;

/// Sends `key` to the page and waits for the path to change; returns it.
async fn press(c: &Chrome, key: &str, from: &str) -> String {
    c.active().await.send_keys(key).await;
    c.wait_for_path(|p| p != from).await
}

/// Closes round `round` with `rule` in every category.
async fn close(admin: &Browser, rounds: &str, cats: &[String], round: &str, rule: &str) {
    admin.get(rounds).await;
    let mut fields: Vec<(String, &str)> =
        cats.iter().map(|c| (format!("rule_{c}"), rule)).collect();
    fields.push(("round".to_owned(), round));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let closed = admin.post(&format!("{rounds}/close"), &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
}

#[tokio::test]
async fn a_juror_goes_through_three_rounds_with_the_keyboard_alone() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [2, 2],
        photos: 1,
        jurors: vec![vec![0, 1]],
        until: "closed",
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let cats = category_ids(&app, contest.contest_id).await;
    let rounds = format!("{path}/rounds");
    admin.get(&rounds).await;
    for kind in ["yes_no", "stars"] {
        let added = admin
            .post(&rounds, &[("kind", kind), ("quorum", "0")])
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    }
    admin.get(path).await;
    let judging = admin
        .post(&format!("{path}/phase"), &[("to", "judging")])
        .await;
    assert_eq!(judging.status, StatusCode::SEE_OTHER, "{}", judging.body);

    let chrome = Chrome::start(1280, 900).await;
    let c = &chrome;
    sign_in(c, &app.base, "juror0@jury.example.org", "juror-password").await;
    let home = format!("/jury/{slug}");
    let done = format!("/jury/{slug}/vote");

    // Round 1: Enter on "Vote", then y, n, y, n.
    c.goto(&format!("{}{home}", app.base)).await;
    let body = c.find("main").await.text().await;
    assert!(body.contains("Round 1: yes / no"), "{body}");
    c.find("#vote").await.send_keys(&ENTER.to_string()).await;
    let mut at = c
        .wait_for_path(|p| p.starts_with(&format!("{done}/")))
        .await;
    let axe = super::accessibility::axe_source();
    let found = super::accessibility::violations(c, &axe).await;
    assert!(found.is_empty(), "the voting page, WCAG 2.1 AA: {found:?}");
    let ahead = c
        .execute("return document.querySelectorAll('link[rel=prefetch]').length;")
        .await;
    assert_eq!(
        ahead,
        serde_json::json!(3),
        "the next three images are fetched ahead"
    );
    for key in ["y", "n", "y", "n"] {
        at = press(c, key, &at).await;
    }
    assert_eq!(at, done);
    let body = c.find("main").await.text().await;
    assert!(body.contains("4 of 4"), "{body}");
    assert_eq!(app.count("ballots WHERE vote = 1").await, 2);
    assert_eq!(app.count("ballots WHERE vote = 0").await, 2);

    close(admin, &rounds, &cats, "1", "min:1.00").await;
    assert_eq!(app.count("entries WHERE reached = 2").await, 2);

    // Round 2: stars, a digit each; no vote of round 1 is shown.
    c.goto(&format!("{}{home}", app.base)).await;
    let body = c.find("main").await.text().await;
    assert!(body.contains("Round 2: stars 1–5"), "{body}");
    c.find("#vote").await.send_keys(&ENTER.to_string()).await;
    let mut at = c
        .wait_for_path(|p| p.starts_with(&format!("{done}/")))
        .await;
    let pressed = c
        .execute("return document.querySelectorAll('[aria-pressed=true]').length;")
        .await;
    assert_eq!(pressed, serde_json::json!(0));
    for key in ["5", "3"] {
        at = press(c, key, &at).await;
    }
    assert_eq!(at, done);
    let stars: Vec<i64> = sqlx::query_scalar(
        "SELECT b.vote FROM ballots b JOIN rounds r ON r.id = b.round_id \
         WHERE r.position = 2 ORDER BY b.vote",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(stars, vec![3, 5]);
    close(admin, &rounds, &cats, "2", "min:5.00").await;
    assert_eq!(app.count("entries WHERE reached = 3").await, 1);

    // The criteria round: the one finalist, scored by keyboard.
    c.goto(&format!("{}{home}", app.base)).await;
    c.find(".hero a.button")
        .await
        .send_keys(&ENTER.to_string())
        .await;
    let at = c
        .wait_for_path(|p| p.starts_with(&format!("/jury/{slug}/entries/")))
        .await;
    let back = press(c, &format!("78{ENTER}"), &at).await;
    assert_eq!(back, home);
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        1
    );
    chrome.close().await;
}
