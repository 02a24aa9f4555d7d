//! Finalization and results over HTTP: refused while work is missing unless
//! overridden with a reason, a hashed snapshot, rankings by number and alias.

use crate::common::TestApp;
use crate::common::jury::{MARKERS, Setup, judged, queue_of, score, score_all};
use photojury::images::store::sha256_hex;
use reqwest::StatusCode;

#[tokio::test]
async fn finalizing_with_work_missing_needs_an_override_and_a_reason() {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    let (admin, path) = (&contest.admin, &contest.admin_path);
    score_all(&contest.jurors[2], contest.slug, "6").await;

    admin.get(path).await;
    let refused = admin
        .post(&format!("{path}/phase"), &[("to", "finalized")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("16 assignments are neither scored nor recused");
    refused.assert_contains("juror0@jury.example.org (8)");
    let no_reason = admin
        .post(
            &format!("{path}/phase"),
            &[("to", "finalized"), ("force", "1"), ("reason", " ")],
        )
        .await;
    no_reason.assert_contains("needs a reason");
    assert_eq!(app.count("contests WHERE phase = 'judging'").await, 1);
    assert_eq!(app.count("results_snapshots").await, 0);

    let done = admin
        .post(
            &format!("{path}/phase"),
            &[
                ("to", "finalized"),
                ("force", "1"),
                ("reason", "two jurors fell ill"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{path}/results"));
    let (json, hash, reason): (String, String, String) =
        sqlx::query_as("SELECT json, sha256, override_reason FROM results_snapshots")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(sha256_hex(json.as_bytes()), hash);
    assert_eq!(reason, "two jurors fell ill");
    let audit = app
        .count(&format!(
            "audit_log WHERE action = 'contest.finalize' AND detail LIKE '%two jurors fell ill%{hash}%'"
        ))
        .await;
    assert_eq!(audit, 1);

    // Only the artists' four entries were scored, by one juror, alias A.
    let results = admin.get(&format!("{path}/results")).await;
    results.assert_contains(&hash);
    results.assert_contains("Finalized with work missing: two jurors fell ill");
    results.assert_contains("A: 6 / 6");
    assert!(
        !results.body.contains("jury.example.org"),
        "no juror email in the results"
    );
    for marker in MARKERS {
        assert!(!results.body.to_lowercase().contains(marker), "{marker}");
    }
    // The snapshot cannot be changed, and scores are locked.
    let edit = sqlx::query("UPDATE results_snapshots SET sha256 = 'x'")
        .execute(&app.state.db.pool)
        .await;
    assert!(edit.is_err());
    let juror = &contest.jurors[0];
    let number = &queue_of(juror, contest.slug).await[0];
    let late = juror
        .post(
            &format!("/jury/{}/entries/{number}", contest.slug),
            &[("c1", "5")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    // A second finalization is refused by the state machine.
    admin.get(path).await;
    let again = admin
        .post(&format!("{path}/phase"), &[("to", "finalized")])
        .await;
    again.assert_contains("already “Finalized”");
}

#[tokio::test]
async fn when_every_entry_is_scored_the_ranking_follows_the_weighted_means() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [0, 3],
        photos: 1,
        jurors: vec![vec![1], vec![1]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    // Juror 0 gives 9, 6, 3 in their order; juror 1 gives 5 to everything.
    let queue = queue_of(&contest.jurors[0], slug).await;
    for (number, value) in queue.iter().zip(["9", "6", "3"]) {
        let saved = score(&contest.jurors[0], slug, number, &[value, value], "stay").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
    }
    score_all(&contest.jurors[1], slug, "5").await;
    contest.admin.get(&contest.admin_path).await;
    let done = contest
        .admin
        .post(
            &format!("{}/phase", contest.admin_path),
            &[("to", "finalized")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let json: String = sqlx::query_scalar("SELECT json FROM results_snapshots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let snapshot: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(snapshot["override_reason"], "");
    assert_eq!(snapshot["jurors"], serde_json::json!(["A", "B"]));
    let artists = &snapshot["categories"][1]["entries"];
    let ranked: Vec<(String, u64, f64)> = artists
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["number"].to_string(),
                e["rank"].as_u64().unwrap(),
                e["mean"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        vec![
            (queue[0].clone(), 1, 7.0),
            (queue[1].clone(), 2, 5.5),
            (queue[2].clone(), 3, 4.0)
        ]
    );
}
