//! A shortlisting round while it is open: a lowered quorum and a juror who
//! leaves move only work not yet voted, never a vote; a juror who steps
//! aside from an entry hands it on and their vote stops counting; votes off
//! the scale, on someone else's entry or after judging started change
//! nothing. Both databases.

use reqwest::StatusCode;

use crate::common::TestApp;
use crate::rounds::{in_rounds, scalar, votes};

#[tokio::test]
async fn a_lowered_quorum_and_a_departed_juror_move_only_work_not_yet_voted() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("stars", "0")]).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    assert_eq!(app.count("ballots").await, 20, "8 + 8 + 4");
    // Juror 0 votes on three entries, then stops.
    let mut cast = Vec::new();
    let mut at = contest.jurors[0].get(&format!("/jury/{slug}/vote")).await;
    for _ in 0..3 {
        let to = at.location().to_owned();
        contest.jurors[0].get(&to).await;
        at = contest.jurors[0].post(&to, &[("vote", "4")]).await;
        cast.push(to);
    }
    let before = votes(&app).await;
    assert_eq!(before.len(), 3);

    let rounds = format!("{path}/rounds");
    admin.get(&rounds).await;
    let lowered = admin
        .post(&format!("{rounds}/quorum"), &[("quorum", "1")])
        .await;
    assert_eq!(lowered.status, StatusCode::SEE_OTHER, "{}", lowered.body);
    assert_eq!(app.count("ballots").await, 8, "one juror per entry");
    assert_eq!(votes(&app).await, before, "every vote cast stays");
    assert_eq!(
        scalar(&app, "SELECT COUNT(DISTINCT entry_id) FROM ballots").await,
        8
    );

    // Juror 0 leaves: their unvoted work goes to the others, their votes stay.
    let juror0 = scalar(
        &app,
        "SELECT id FROM jurors WHERE email = 'juror0@jury.example.org'",
    )
    .await;
    admin.get(&format!("{path}/jury")).await;
    let removed = admin
        .post(&format!("{path}/jurors/{juror0}/remove"), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        app.count(&format!(
            "ballots WHERE juror_id = {juror0} AND vote IS NULL"
        ))
        .await,
        0
    );
    assert_eq!(votes(&app).await, before);
    assert_eq!(app.count("ballots").await, 8);
    let progress = scalar(
        &app,
        &format!("SELECT assigned FROM ballot_progress WHERE juror_id = {juror0}"),
    )
    .await;
    assert_eq!(progress, 3, "the counts follow the moves");
    let gone = contest.jurors[0].get(&cast[0]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_vote_outside_the_round_or_the_scale_changes_nothing() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("yes_no", "1")]).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let first = contest.jurors[0].get(&format!("/jury/{slug}/vote")).await;
    let mine = first.location().to_owned();
    contest.jurors[0].get(&mine).await;
    for bad in ["7", "-1", "", "yes"] {
        let refused = contest.jurors[0].post(&mine, &[("vote", bad)]).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let theirs: i64 = {
        let juror0 = scalar(
            &app,
            "SELECT id FROM jurors WHERE email = 'juror0@jury.example.org'",
        )
        .await;
        scalar(
            &app,
            &format!(
                "SELECT MIN(e.number) FROM entries e WHERE NOT EXISTS \
             (SELECT 1 FROM ballots b WHERE b.entry_id = e.id AND b.juror_id = {juror0})"
            ),
        )
        .await
    };
    let other = contest.jurors[0]
        .post(&format!("/jury/{slug}/vote/{theirs}"), &[("vote", "1")])
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("ballots WHERE vote IS NOT NULL").await, 0);
    // Rounds stay as they were once judging has started.
    let rounds = format!("{path}/rounds");
    admin.get(&rounds).await;
    let late = admin
        .post(&rounds, &[("kind", "stars"), ("quorum", "0")])
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    late.assert_contains("Rounds are set up before judging starts");
    assert_eq!(app.count("rounds").await, 1);
}

#[tokio::test]
async fn a_juror_who_recognises_a_work_steps_aside_and_another_juror_takes_it() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("yes_no", "1")]).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let juror0 = scalar(
        &app,
        "SELECT id FROM jurors WHERE email = 'juror0@jury.example.org'",
    )
    .await;
    let first = contest.jurors[0].get(&format!("/jury/{slug}/vote")).await;
    let page_path = first.location().to_owned();
    let number: i64 = page_path.rsplit('/').next().unwrap().parse().unwrap();
    let page = contest.jurors[0].get(&page_path).await;
    page.assert_contains("I recognise this work");
    let voted = contest.jurors[0].post(&page_path, &[("vote", "1")]).await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER);
    let entry = scalar(
        &app,
        &format!("SELECT id FROM entries WHERE number = {number}"),
    )
    .await;

    let recuse = format!("{page_path}/recuse");
    let stepped = contest.jurors[0]
        .post(&recuse, &[("reason", "A student of mine took it")])
        .await;
    assert_eq!(stepped.status, StatusCode::SEE_OTHER, "{}", stepped.body);
    assert!(
        stepped
            .location()
            .starts_with(&format!("/jury/{slug}/vote"))
    );
    // The entry left juror 0's list with their vote; another juror has it,
    // not voted yet (the planner may move other work not begun to keep the
    // load even); the recusal is kept and audit-logged.
    assert_eq!(app.count("ballots").await, 8, "still one juror per entry");
    let holders: Vec<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT juror_id, vote FROM ballots WHERE entry_id = {entry}"
    )))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(holders.len(), 1, "{holders:?}");
    assert_ne!(holders[0].0, juror0);
    assert_eq!(holders[0].1, None, "the vote went with the ballot");
    // Juror 0's progress counts what is on their list now.
    let mine = app
        .count(&format!("ballots WHERE juror_id = {juror0}"))
        .await;
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT assigned FROM ballot_progress WHERE juror_id = {juror0}")
        )
        .await,
        mine
    );
    assert_eq!(app.count("ballot_recusals").await, 1);
    let logged: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'jury.recuse'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        logged,
        format!("round 1, entry {number}: A student of mine took it")
    );
    // Juror 0 cannot reach it again, nor step aside twice.
    let gone = contest.jurors[0].get(&page_path).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let again = contest.jurors[0].post(&recuse, &[("reason", "")]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("ballot_recusals").await, 1);
    // The juror who took it sees the entry as any other, nothing of why.
    let email = scalar_text(&app, holders[0].0).await;
    let taker = contest
        .jurors
        .iter()
        .zip(0..)
        .find(|(_, i)| email == format!("juror{i}@jury.example.org"))
        .map(|(b, _)| b)
        .unwrap();
    let theirs = taker.get(&page_path).await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
    assert!(!theirs.body.contains("student"), "the reason shows");
    // The planner never hands it back, even when the quorum asks for all.
    admin.get(&format!("{path}/rounds")).await;
    let all = admin
        .post(&format!("{path}/rounds/quorum"), &[("quorum", "0")])
        .await;
    assert_eq!(all.status, StatusCode::SEE_OTHER, "{}", all.body);
    assert_eq!(
        app.count(&format!(
            "ballots WHERE juror_id = {juror0} AND entry_id = {entry}"
        ))
        .await,
        0
    );
}

async fn scalar_text(app: &TestApp, juror: i64) -> String {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT email FROM jurors WHERE id = {juror}"
    )))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}
