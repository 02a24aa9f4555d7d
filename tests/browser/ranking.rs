//! The ranking round in Chromium: a juror orders the finalists with the
//! keyboard alone (t to the top, d and u down and up), each move saved as a
//! whole at once; a move made offline says it is not saved and keeps the
//! order on the page, and "Save this order" saves it once back online; a
//! drag moves an entry and saves too.

use reqwest::StatusCode;

use super::chrome::{Chrome, ENTER};
use super::common::TestApp;
use super::common::jury::{Setup, category_ids, judged, score_all};
use super::journey::sign_in;

/// The juror's saved order of the ranking round, best first.
async fn saved(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT e.number FROM ballots b JOIN entries e ON e.id = b.entry_id \
         JOIN rounds r ON r.id = b.round_id WHERE r.kind = 'ranking' AND b.vote IS NOT NULL \
         ORDER BY b.vote",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

/// The numbers as the page shows them, top first.
async fn shown(c: &Chrome) -> Vec<i64> {
    let numbers = c
        .execute(
            "return Array.from(document.querySelectorAll('#ranking li'))\
             .map(li => Number(li.dataset.number));",
        )
        .await;
    serde_json::from_value(numbers).unwrap()
}

#[tokio::test]
async fn a_juror_ranks_the_finalists_with_the_keyboard_and_keeps_a_move_made_offline() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 0],
        photos: 1,
        jurors: vec![vec![0]],
        until: "closed",
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let cats = category_ids(&app, contest.contest_id).await;
    let rounds = format!("{path}/rounds");
    admin.get(&rounds).await;
    let added = admin
        .post(&rounds, &[("kind", "ranking"), ("quorum", "0")])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    admin.get(path).await;
    let judging = admin
        .post(&format!("{path}/phase"), &[("to", "judging")])
        .await;
    assert_eq!(judging.status, StatusCode::SEE_OTHER, "{}", judging.body);
    score_all(&contest.jurors[0], slug, "7").await;
    admin.get(&rounds).await;
    let top = format!("top_{}", cats[0]);
    let closed = admin
        .post(
            &format!("{rounds}/close"),
            &[("round", "1"), (top.as_str(), "3")],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);

    let chrome = Chrome::start(1280, 900).await;
    let c = &chrome;
    sign_in(c, &app.base, "juror0@jury.example.org", "juror-password").await;
    c.goto(&format!("{}/jury/{slug}", app.base)).await;
    c.find("#rank").await.send_keys(&ENTER.to_string()).await;
    c.wait_for_path(|p| p == format!("/jury/{slug}/rank")).await;
    let axe = super::accessibility::axe_source();
    let found = super::accessibility::violations(c, &axe).await;
    assert!(found.is_empty(), "the ranking page, WCAG 2.1 AA: {found:?}");
    let start = shown(c).await;
    assert_eq!(start.len(), 3);
    assert!(saved(&app).await.is_empty(), "nothing saved before a move");

    // The last to the top with t, then the (new) second down with d.
    c.execute(&format!(
        "document.getElementById('e{}').focus();",
        start[2]
    ))
    .await;
    c.active().await.send_keys("t").await;
    let after_top = vec![start[2], start[0], start[1]];
    c.wait_until("return document.getElementById('rank-status').textContent.startsWith('Saved');")
        .await;
    assert_eq!(shown(c).await, after_top);
    assert_eq!(saved(&app).await, after_top);
    c.execute(&format!(
        "document.getElementById('e{}').focus();",
        start[0]
    ))
    .await;
    c.active().await.send_keys("d").await;
    let after_down = vec![start[2], start[1], start[0]];
    c.wait_until(&format!(
        "return document.querySelector('#ranking li').nextElementSibling.dataset.number == '{}' \
         && document.getElementById('rank-status').textContent.startsWith('Saved');",
        start[1]
    ))
    .await;
    assert_eq!(saved(&app).await, after_down);
    // The places shown follow the order.
    let places = c
        .execute("return Array.from(document.querySelectorAll('#ranking .place')).map(p => p.textContent);")
        .await;
    assert_eq!(places, serde_json::json!(["1", "2", "3"]));

    // Offline: the move shows, says it is not saved, and stays on the page.
    c.offline(true).await;
    c.execute(&format!(
        "document.getElementById('e{}').focus();",
        start[0]
    ))
    .await;
    c.active().await.send_keys("u").await;
    c.wait_until(
        "return document.getElementById('rank-status').textContent.startsWith('Not saved');",
    )
    .await;
    let wanted = vec![start[2], start[0], start[1]];
    assert_eq!(shown(c).await, wanted);
    assert_eq!(saved(&app).await, after_down, "nothing reached the server");
    c.offline(false).await;
    c.find("#save-order").await.click().await;
    c.wait_until("return document.getElementById('rank-status').textContent.startsWith('Saved');")
        .await;
    assert_eq!(saved(&app).await, wanted);

    // A drag of the first onto the lower half of the last puts it last and
    // saves. The events are the ones the browser fires during a drag,
    // dispatched by the page: chromedriver's pointer actions do not start
    // an HTML5 drag.
    c.execute(
        "const li = document.querySelectorAll('#ranking li');\
         const dt = new DataTransfer();\
         const fire = (el, type, y) => el.dispatchEvent(new DragEvent(type,\
             {bubbles: true, cancelable: true, dataTransfer: dt, clientY: y}));\
         const last = li[2].getBoundingClientRect();\
         fire(li[0], 'dragstart', 0);\
         fire(li[1], 'dragover', li[1].getBoundingClientRect().top + 2);\
         fire(li[2], 'dragover', last.bottom - 2);\
         fire(li[2], 'drop', last.bottom - 2);\
         fire(li[0], 'dragend', 0);",
    )
    .await;
    c.wait_until("return document.getElementById('rank-status').textContent.startsWith('Saved');")
        .await;
    let dragged = vec![wanted[1], wanted[2], wanted[0]];
    assert_eq!(shown(c).await, dragged);
    assert_eq!(saved(&app).await, dragged);
    let places = c
        .execute("return Array.from(document.querySelectorAll('#ranking .place')).map(p => p.textContent);")
        .await;
    assert_eq!(places, serde_json::json!(["1", "2", "3"]));
    // Each row is one line: the thumbnail, the number and the buttons side by side.
    let heights = c
        .execute("return Array.from(document.querySelectorAll('#ranking li')).map(li => li.getBoundingClientRect().height);")
        .await;
    for h in heights.as_array().unwrap() {
        assert!(h.as_f64().unwrap() < 110.0, "{heights}");
    }
    chrome.close().await;
}
