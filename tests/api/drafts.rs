//! Nobody loses what they typed, on the jury's side: what a juror types is
//! kept as a draft per assignment (not complete until every criterion has a
//! value), becomes the score when it is complete, and is refused, changing
//! nothing, where a score would be.

use crate::common::TestApp;
use crate::common::jury::{Judged, Setup, criterion_fields, judged, queue_of};
use reqwest::StatusCode;

async fn draft_of(app: &TestApp, number: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT a.draft FROM assignments a JOIN entries e ON e.id = a.entry_id \
         WHERE e.number = $1 ORDER BY a.juror_id LIMIT 1",
    )
    .bind(number.parse::<i64>().unwrap())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// A contest in judging, juror 0's queue, the scoring page of their first
/// entry and its criterion fields.
async fn first_entry() -> (TestApp, Judged, Vec<String>, String, Vec<String>) {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    let (juror, slug) = (&contest.jurors[0], contest.slug);
    let queue = queue_of(juror, slug).await;
    let path = format!("/jury/{slug}/entries/{}", queue[0]);
    let fields = criterion_fields(&juror.get(&path).await.body);
    (app, contest, queue, path, fields)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"))
}

#[tokio::test]
async fn a_half_typed_score_is_kept_as_a_draft_and_shown_again_as_not_complete() {
    let (app, contest, queue, path, fields) = first_entry().await;
    let (juror, slug) = (&contest.jurors[0], contest.slug);

    // One criterion and a comment typed, the other empty: a draft, no score.
    let reply = juror
        .post_for_json(
            &format!("{path}/draft"),
            &[
                (&fields[0], "7"),
                (&fields[1], ""),
                ("comment", "Look at the hands"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let answer = json(&reply.body);
    assert_eq!(
        (
            &answer["saved"],
            &answer["complete"],
            &answer["typed"],
            &answer["criteria"]
        ),
        (
            &serde_json::json!(true),
            &serde_json::json!(false),
            &serde_json::json!(1),
            &serde_json::json!(2)
        )
    );
    let stored = draft_of(&app, &queue[0]).await.expect("a draft row");
    assert!(stored.contains("Look at the hands"), "{stored}");
    assert_eq!(app.count("scores").await, 0);
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        0
    );

    // Back on the page (after "Next →", or a new tab), it is all there.
    let page = juror.get(&path).await;
    page.assert_contains("value=\"7\"");
    page.assert_contains("Look at the hands");
    page.assert_contains("Not complete: 1 of 2 criteria have a value.");
    page.assert_contains("aria-pressed=\"true\">7</button>");
    // The grid says so, and the entry is still to do.
    let home = juror.get(&format!("/jury/{slug}?filter=todo")).await;
    home.assert_contains("not complete");
    home.assert_contains(&format!("/entries/{}\"", queue[0]));

    // A value off the scale is kept as typed too (a draft, not a score).
    let reply = juror
        .post_for_json(
            &format!("{path}/draft"),
            &[(&fields[0], "7"), (&fields[1], "12")],
        )
        .await;
    assert_eq!(json(&reply.body)["complete"], false, "{}", reply.body);
    juror.get(&path).await.assert_contains("value=\"12\"");
    assert_eq!(app.count("scores").await, 0);
}

#[tokio::test]
async fn a_draft_with_every_criterion_is_the_score_and_replaces_the_draft() {
    let (app, contest, queue, path, fields) = first_entry().await;
    let juror = &contest.jurors[0];

    let half = [(fields[0].as_str(), "4")];
    let reply = juror.post_for_json(&format!("{path}/draft"), &half).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let whole = [
        (fields[0].as_str(), "4"),
        (fields[1].as_str(), "10"),
        ("comment", "Done"),
    ];
    let reply = juror.post_for_json(&format!("{path}/draft"), &whole).await;
    assert_eq!(json(&reply.body)["complete"], true, "{}", reply.body);
    let rows: Vec<i64> = sqlx::query_scalar("SELECT value FROM scores ORDER BY criterion_id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, vec![4, 10]);
    assert_eq!(draft_of(&app, &queue[0]).await, None);
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL AND comment = 'Done'")
            .await,
        1
    );

    // Emptying a criterion of a scored entry: a draft again, the score stays
    // (and counts) until the draft is complete; the page says both.
    let emptied = [(fields[0].as_str(), "4"), (fields[1].as_str(), "")];
    juror
        .post_for_json(&format!("{path}/draft"), &emptied)
        .await;
    assert_eq!(app.count("scores").await, 2);
    let page = juror.get(&path).await;
    page.assert_contains("Until then your last complete score counts.");
    // A full save by the form replaces the draft.
    let saved = juror
        .post(
            &path,
            &[(&fields[0], "5"), (&fields[1], "6"), ("go", "stay")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(draft_of(&app, &queue[0]).await, None);
    juror.get(&path).await.assert_contains("value=\"6\"");
}

#[tokio::test]
async fn a_draft_is_refused_for_another_jurors_entry_after_judging_or_when_oversized() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [2, 0],
        jurors: vec![vec![0], vec![0]],
        quorum: 1,
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let (mine, theirs) = (
        queue_of(&contest.jurors[0], slug).await,
        queue_of(&contest.jurors[1], slug).await,
    );
    assert!(!theirs.is_empty() && theirs.iter().all(|n| !mine.contains(n)));
    let path = format!("/jury/{slug}/entries/{}", mine[0]);
    let fields = criterion_fields(&contest.jurors[0].get(&path).await.body);
    let juror = &contest.jurors[0];

    // Someone else's entry, or a number that is nobody's: 404, nothing kept.
    for number in [theirs[0].as_str(), "99999"] {
        let other = juror
            .post_for_json(
                &format!("/jury/{slug}/entries/{number}/draft"),
                &[(&fields[0], "3")],
            )
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{number}");
    }
    // A score field no score could fill, a comment over the limit: 422.
    let long = "1".repeat(40);
    let refused = juror
        .post_for_json(&format!("{path}/draft"), &[(&fields[0], &long)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("a few digits"), "{}", refused.body);
    let essay = "word ".repeat(500);
    let refused = juror
        .post_for_json(&format!("{path}/draft"), &[("comment", &essay)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("assignments WHERE draft IS NOT NULL").await, 0);

    // Without the session's token: refused.
    let forged = juror
        .post_raw(&format!("{path}/draft"), &[(&fields[0], "3")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("assignments WHERE draft IS NOT NULL").await, 0);

    // Once judging has ended, nothing is kept.
    let closed = contest
        .admin
        .post(
            &format!("{}/phase", contest.admin_path),
            &[("to", "finalized"), ("force", "1"), ("reason", "a test")],
        )
        .await;
    assert!(closed.status.is_redirection(), "{}", closed.body);
    let late = juror
        .post_for_json(&format!("{path}/draft"), &[(&fields[0], "3")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert_eq!(app.count("assignments WHERE draft IS NOT NULL").await, 0);
}
