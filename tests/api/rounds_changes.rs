//! A shortlisting round while it is open: a lowered quorum and a juror who
//! leaves move only work not yet voted, never a vote; votes off the scale,
//! on someone else's entry or after judging started change nothing. Both
//! databases.

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
