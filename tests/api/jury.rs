//! The blind jury over HTTP: invitations, assignments, scoring by form and
//! by script, recusal with a quorum, the admin monitor and the lock at the end.

use crate::common;

use crate::common::jury::{
    Setup, category_ids, criterion_fields, invitation_path, invite_and_accept, judged, queue_of,
    score,
};
use crate::common::{TestApp, create_contest};
use reqwest::StatusCode;

async fn scores_of(app: &TestApp) -> Vec<(i64, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT juror_id, entry_id, criterion_id, value FROM scores ORDER BY juror_id, entry_id, criterion_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_invitation_link_works_once_and_admins_or_entrants_cannot_be_invited() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "invites").await;
    let contest_id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let cats = category_ids(&app, contest_id).await;

    admin.get(&format!("{path}/jury")).await;
    let page = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "Aida@Jury.example.org"), ("category", &cats[0])],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let link = invitation_path(&page.body);
    let juror = app.browser();
    let invitation = juror.get(&link).await;
    invitation.assert_contains("aida@jury.example.org");
    invitation.assert_contains("University students");
    let short = juror
        .post(
            &link,
            &[("password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = juror
        .post(
            &link,
            &[
                ("password", "juror-password"),
                ("password_confirm", "juror-password"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/jury/invites");
    assert_eq!(
        app.count("jurors WHERE accepted_at IS NOT NULL AND invite_token_hash IS NULL")
            .await,
        1
    );
    assert_eq!(app.count("contest_roles WHERE role = 'juror'").await, 1);
    // Used once: the link is dead for everyone, the juror included.
    assert_eq!(juror.get(&link).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.browser().get(&link).await.status, StatusCode::NOT_FOUND);
    let home = juror.get("/jury/invites").await;
    home.assert_contains("Judging has not started yet");

    // A second invitation renewed: the first link dies, the new one works.
    admin.get(&format!("{path}/jury")).await;
    let page = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "bek@jury.example.org"), ("category", &cats[1])],
        )
        .await;
    let old = invitation_path(&page.body);
    let juror_id: i64 =
        sqlx::query_scalar("SELECT id FROM jurors WHERE email = 'bek@jury.example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let renewed = admin
        .post(&format!("{path}/jurors/{juror_id}/link"), &[])
        .await;
    let new = invitation_path(&renewed.body);
    assert_ne!(old, new);
    assert_eq!(app.browser().get(&old).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.browser().get(&new).await.status, StatusCode::OK);

    // Admins and entrants are refused, with a reason, and nothing is stored.
    app.account("other-admin@example.org", "admin-password", true)
        .await;
    let page = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "other-admin@example.org"), ("category", &cats[0])],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("cannot sit on a blind jury");
    let page = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "aida@jury.example.org"), ("category", &cats[0])],
        )
        .await;
    page.assert_contains("already on this jury");
    let page = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "x@jury.example.org")],
        )
        .await;
    page.assert_contains("Choose at least one category");
    assert_eq!(app.count("jurors").await, 2);
}

#[tokio::test]
async fn every_juror_gets_every_eligible_entry_of_their_categories_in_their_own_stable_order() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 2],
        disqualify_first: true,
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    // 5 portfolios × 2 photos, minus the disqualified one's 2.
    assert_eq!(app.count("entries").await, 8);
    let both_a = queue_of(&contest.jurors[0], contest.slug).await;
    let both_b = queue_of(&contest.jurors[1], contest.slug).await;
    let artists = queue_of(&contest.jurors[2], contest.slug).await;
    assert_eq!((both_a.len(), both_b.len(), artists.len()), (8, 8, 4));
    assert_eq!(
        queue_of(&contest.jurors[0], contest.slug).await,
        both_a,
        "order is stable"
    );
    let mut sorted_a = both_a.clone();
    sorted_a.sort();
    let mut sorted_b = both_b.clone();
    sorted_b.sort();
    assert_eq!(sorted_a, sorted_b);
    assert_ne!(both_a, both_b, "each juror has their own order");
    assert!(artists.iter().all(|n| both_a.contains(n)));
    let disqualified: Vec<i64> = sqlx::query_scalar(
        "SELECT ph.number FROM photos ph JOIN portfolios p ON p.id = ph.portfolio_id WHERE p.status = 'disqualified'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(disqualified.len(), 2);
    assert!(
        disqualified
            .iter()
            .all(|n| !both_a.contains(&n.to_string()))
    );
    let home = contest.jurors[2]
        .get(&format!("/jury/{}", contest.slug))
        .await;
    home.assert_contains("0 of 4 scored");
}

#[tokio::test]
async fn scores_are_checked_against_the_scale_saved_by_form_or_script_and_revised_in_place() {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    let (juror, slug) = (&contest.jurors[0], contest.slug);
    let queue = queue_of(juror, slug).await;

    let bad = score(juror, slug, &queue[0], &["11", ""], "next").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Impact: give a whole number from 1 to 10.");
    bad.assert_contains("Craft: give a score from 1 to 10.");
    bad.assert_contains("value=\"11\"");
    assert_eq!(app.count("scores").await, 0);
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        0
    );

    let saved = score(juror, slug, &queue[0], &["8", "5"], "next").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        format!("/jury/{slug}/entries/{}", queue[1])
    );
    assert_eq!(app.count("scores").await, 2);
    let again = juror
        .get(&format!("/jury/{slug}/entries/{}", queue[0]))
        .await;
    again.assert_contains("value=\"8\"");

    // The script's way: JSON in, JSON out, same rows revised.
    let fields = criterion_fields(&again.body);
    let reply = juror
        .post_for_json(
            &format!("/jury/{slug}/entries/{}", queue[0]),
            &[
                (&fields[0], "3"),
                (&fields[1], "4"),
                ("comment", "Strong light"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["saved"], true);
    assert_eq!(json["next"], format!("/jury/{slug}/entries/{}", queue[1]));
    let values: Vec<i64> = scores_of(&app).await.into_iter().map(|r| r.3).collect();
    assert_eq!(values, vec![3, 4]);
    let bad = juror
        .post_for_json(
            &format!("/jury/{slug}/entries/{}", queue[0]),
            &[(&fields[0], "0")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("\"saved\":false"), "{}", bad.body);

    // Two tabs saving the same entry at once: one row per criterion, no error.
    let path = format!("/jury/{slug}/entries/{}", queue[1]);
    let sixes = [(fields[0].as_str(), "6"), (fields[1].as_str(), "6")];
    let sevens = [(fields[0].as_str(), "7"), (fields[1].as_str(), "7")];
    let (a, b) = tokio::join!(
        juror.post_for_json(&path, &sixes),
        juror.post_for_json(&path, &sevens),
    );
    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
    assert_eq!(app.count("scores").await, 4);
    let home = juror.get(&format!("/jury/{slug}?filter=todo")).await;
    assert!(!home.body.contains(&format!("/entries/{}\"", queue[0])));
    home.assert_contains(&format!("/entries/{}\"", queue[2]));
}

#[tokio::test]
async fn jurors_reach_only_their_own_entries_and_only_derivatives() {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    let slug = contest.slug;
    let all = queue_of(&contest.jurors[0], slug).await;
    let artists = queue_of(&contest.jurors[2], slug).await;
    let student = all.iter().find(|n| !artists.contains(n)).unwrap();
    let outsider = &contest.jurors[2];
    for path in [
        format!("/jury/{slug}/entries/{student}"),
        format!("/jury/{slug}/entries/{student}/1/large.jpg"),
        format!("/jury/{slug}/entries/{student}/1/thumb.jpg"),
        format!("/jury/{slug}/entries/{}/2/large.jpg", artists[0]),
        format!("/jury/{slug}/entries/{}/1/original", artists[0]),
        format!("/jury/{slug}/entries/99999"),
    ] {
        assert_eq!(
            outsider.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (status, headers, bytes) = outsider
        .get_bytes(&format!("/jury/{slug}/entries/{}/1/large.jpg", artists[0]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert!(headers.get("content-disposition").is_none() && headers.get("last-modified").is_none());
    assert!(bytes.starts_with(&[0xFF, 0xD8]));
    // Saving into someone else's entry changes nothing.
    outsider.get(&format!("/jury/{slug}")).await;
    let forged = outsider
        .post(
            &format!("/jury/{slug}/entries/{student}"),
            &[("c1", "5"), ("c2", "5")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("scores").await, 0);
    // Admin pages, originals and the admin's derivative routes: forbidden.
    let photo: i64 = sqlx::query_scalar("SELECT id FROM photos ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let id = contest.contest_id;
    for path in [
        "/admin".to_owned(),
        format!("/admin/contests/{id}/entries"),
        format!("/admin/contests/{id}/jury"),
        format!("/admin/contests/{id}/photos/{photo}/original"),
        format!("/admin/contests/{id}/photos/{photo}/large.jpg"),
    ] {
        assert_eq!(
            outsider.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(
        outsider
            .get(&format!("/contests/{slug}/entry/photos/{photo}/large.jpg"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Participants and strangers do not reach the jury pages.
    let participant = &contest.participants[0];
    assert_eq!(
        participant.get(&format!("/jury/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        participant
            .get(&format!("/jury/{slug}/entries/{}", all[0]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.browser().get(&format!("/jury/{slug}")).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn with_a_quorum_each_entry_gets_k_jurors_and_recusals_and_removals_are_reassigned() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 3],
        photos: 1,
        quorum: 2,
        jurors: vec![vec![0, 1], vec![0, 1], vec![0, 1]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let per_entry =
        "(SELECT COUNT(*) FROM assignments a WHERE a.entry_id = e.id AND a.recused_at IS NULL)";
    assert_eq!(app.count("assignments").await, 12);
    assert_eq!(
        app.count(&format!("entries e WHERE {per_entry} <> 2"))
            .await,
        0
    );
    let loads: Vec<usize> = {
        let mut v = Vec::new();
        for j in &contest.jurors {
            v.push(queue_of(j, slug).await.len());
        }
        v
    };
    assert_eq!(loads, vec![4, 4, 4]);

    // Juror 0 recognises a work: it leaves their queue and goes to juror 2 or 1.
    let queue = queue_of(&contest.jurors[0], slug).await;
    let scored = score(&contest.jurors[0], slug, &queue[1], &["9", "9"], "stay").await;
    assert_eq!(scored.status, StatusCode::SEE_OTHER);
    contest.jurors[0]
        .get(&format!("/jury/{slug}/entries/{}", queue[0]))
        .await;
    let recused = contest.jurors[0]
        .post(
            &format!("/jury/{slug}/entries/{}/recuse", queue[0]),
            &[("reason", "my student")],
        )
        .await;
    assert_eq!(recused.status, StatusCode::SEE_OTHER, "{}", recused.body);
    assert!(!queue_of(&contest.jurors[0], slug).await.contains(&queue[0]));
    assert_eq!(
        contest.jurors[0]
            .get(&format!("/jury/{slug}/entries/{}", queue[0]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count(&format!("entries e WHERE {per_entry} <> 2"))
            .await,
        0
    );
    assert_eq!(
        app.count("assignments WHERE recused_at IS NOT NULL AND recusal_reason = 'my student'")
            .await,
        1
    );
    let monitor = contest
        .admin
        .get(&format!("{}/jury", contest.admin_path))
        .await;
    monitor.assert_contains("juror0@jury.example.org");
    assert_eq!(app.count("audit_log WHERE action = 'jury.recuse'").await, 1);

    // A fourth juror joins: they take unscored work, the scored one stays put.
    let cats = category_ids(&app, contest.contest_id).await;
    let fourth = invite_and_accept(
        &app,
        &contest.admin,
        contest.contest_id,
        "juror3@jury.example.org",
        &[&cats[0], &cats[1]],
    )
    .await;
    let new_load = queue_of(&fourth, slug).await.len();
    assert!(new_load >= 2, "the new juror got {new_load}");
    assert_eq!(
        app.count(&format!("entries e WHERE {per_entry} <> 2"))
            .await,
        0
    );
    assert_eq!(
        app.count("assignments WHERE scored_at IS NOT NULL").await,
        1
    );

    // Juror 1 leaves: no access, their work goes to others.
    let juror_id: i64 =
        sqlx::query_scalar("SELECT id FROM jurors WHERE email = 'juror1@jury.example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    contest
        .admin
        .get(&format!("{}/jury", contest.admin_path))
        .await;
    let removed = contest
        .admin
        .post(
            &format!("{}/jurors/{juror_id}/remove", contest.admin_path),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        contest.jurors[1].get(&format!("/jury/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count(&format!("assignments WHERE juror_id = {juror_id}"))
            .await,
        0
    );
    assert_eq!(
        app.count(&format!("entries e WHERE {per_entry} <> 2"))
            .await,
        0
    );
}

#[tokio::test]
async fn the_admin_monitor_shows_progress_spread_and_who_has_not_finished() {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    let slug = contest.slug;
    let queue = queue_of(&contest.jurors[0], slug).await;
    // Impact weighs 2, Craft 1: (2·8 + 5) / 3 = 7 and (2·6 + 6) / 3 = 6.
    score(&contest.jurors[0], slug, &queue[0], &["8", "5"], "next").await;
    score(&contest.jurors[0], slug, &queue[1], &["6", "6"], "next").await;
    for number in queue_of(&contest.jurors[2], slug).await {
        let page = score(&contest.jurors[2], slug, &number, &["5", "5"], "next").await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let monitor = contest
        .admin
        .get(&format!("{}/jury", contest.admin_path))
        .await;
    assert_eq!(monitor.status, StatusCode::OK);
    let row = |email: &str| -> String {
        let at = monitor.body.find(email).unwrap();
        monitor.body[at..at + monitor.body[at..].find("</tr>").unwrap()].to_owned()
    };
    let first = row("juror0@jury.example.org");
    assert!(
        first.contains("2 / 8") && first.contains("6.50") && first.contains("0.71"),
        "{first}"
    );
    let done = row("juror2@jury.example.org");
    assert!(
        done.contains("4 / 4") && done.contains("5.00") && done.contains("0.00"),
        "{done}"
    );
    let reminders = monitor.body.split("id=\"reminders\"").nth(1).unwrap();
    assert!(reminders.contains("juror0@jury.example.org"));
    assert!(!reminders.contains("juror2@jury.example.org"));
    // Entries appear by number only: no participant detail on the monitor.
    for marker in common::jury::MARKERS {
        assert!(!monitor.body.to_lowercase().contains(marker), "{marker}");
    }
}

#[tokio::test]
async fn with_the_portfolio_as_the_unit_the_juror_sees_every_photo_and_gives_one_set_of_scores() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        unit: "portfolio",
        per_category: [1, 1],
        photos: 3,
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let queue = queue_of(&contest.jurors[0], slug).await;
    assert_eq!(queue.len(), 2);
    let page = contest.jurors[0]
        .get(&format!("/jury/{slug}/entries/{}", queue[0]))
        .await;
    for i in 1..=3 {
        page.assert_contains(&format!("/entries/{}/{i}/thumb.jpg", queue[0]));
        let (status, _, bytes) = contest.jurors[0]
            .get_bytes(&format!("/jury/{slug}/entries/{}/{i}/large.jpg", queue[0]))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(bytes.starts_with(&[0xFF, 0xD8]));
    }
    let missing = format!("/jury/{slug}/entries/{}/4/large.jpg", queue[0]);
    assert_eq!(
        contest.jurors[0].get(&missing).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(criterion_fields(&page.body).len(), 2);
    let saved = score(&contest.jurors[0], slug, &queue[0], &["7", "7"], "next").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("scores").await, 2);
}
