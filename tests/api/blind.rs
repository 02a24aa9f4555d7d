//! Blindness and integrity, end to end: jurors crawl everything they can
//! reach and find no trace of an author; scores lock when judging ends, also
//! when saves race the finalization.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use crate::common::jury::{MARKERS, Setup, criterion_fields, judged, queue_of};
use crate::common::{Browser, TestApp};
use reqwest::StatusCode;

/// Same-site addresses in `href` and `src` attributes.
fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            let url = part.split('"').next().unwrap_or("").replace("&amp;", "&");
            if url.starts_with('/') && !url.starts_with("//") {
                found.push(url);
            }
        }
    }
    found
}

/// Everything the juror can fetch from their home, plus every entry number
/// and image address tried directly. Returns what was fetched and any marker
/// found in a status line, header or body.
async fn crawl(
    juror: &Browser,
    slug: &str,
    numbers: &[i64],
) -> (Vec<(String, StatusCode)>, Vec<String>) {
    let mut todo: VecDeque<String> = [
        "/jury".to_owned(),
        format!("/jury/{slug}"),
        format!("/jury/{slug}?filter=todo"),
        "/account".to_owned(),
        format!("/contests/{slug}"),
    ]
    .into();
    todo.push_back(format!("/jury/{slug}/vote"));
    todo.push_back(format!("/jury/{slug}/rank"));
    for n in numbers {
        todo.push_back(format!("/jury/{slug}/entries/{n}"));
        todo.push_back(format!("/jury/{slug}/vote/{n}"));
        for i in 1..=3 {
            todo.push_back(format!("/jury/{slug}/entries/{n}/{i}/thumb.jpg"));
            todo.push_back(format!("/jury/{slug}/entries/{n}/{i}/large.jpg"));
        }
    }
    let mut seen = HashSet::new();
    let mut fetched = Vec::new();
    let mut leaks = Vec::new();
    while let Some(path) = todo.pop_front() {
        if !seen.insert(path.clone()) || seen.len() > 600 {
            continue;
        }
        let (status, headers, bytes) = juror.get_bytes(&path).await;
        let mut text = String::from_utf8_lossy(&bytes).to_lowercase();
        for (name, value) in &headers {
            text.push_str(&format!(
                "\n{name}: {}",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        let text = text.to_lowercase();
        for marker in MARKERS.iter().chain(&["mrkstory"]) {
            // The call for entries lists every eligible country to everyone;
            // what must never reach a juror is which entry is from where.
            let public_list = *marker == "mrkland" && !path.starts_with("/jury");
            if text.contains(marker) && !public_list {
                leaks.push(format!("{marker} in {path}"));
            }
        }
        let html = headers
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
        if html {
            todo.extend(links(&text));
        }
        fetched.push((path, status));
    }
    (fetched, leaks)
}

#[tokio::test]
async fn juror_never_sees_the_photographers_identity_assigned_unassigned_or_recused() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 0],
        redacted_stories: true,
        // 0: assigned, 1: will recuse, 2: judges a category nobody entered.
        jurors: vec![vec![0], vec![0], vec![1]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let numbers: Vec<i64> = sqlx::query_scalar("SELECT number FROM entries ORDER BY number")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(numbers.len(), 6);
    // The markers are really in what jurors' pages are built from.
    let identity: i64 = app
        .count("portfolios WHERE full_name LIKE 'Mrkname%' AND country = 'mrkland' AND story LIKE '%mrkstory%'")
        .await;
    assert_eq!(identity, 3);

    let recuser = &contest.jurors[1];
    let queue = queue_of(recuser, slug).await;
    recuser
        .get(&format!("/jury/{slug}/entries/{}", queue[0]))
        .await;
    let recused = recuser
        .post(
            &format!("/jury/{slug}/entries/{}/recuse", queue[0]),
            &[("reason", "")],
        )
        .await;
    assert_eq!(recused.status, StatusCode::SEE_OTHER);

    for (who, juror, reachable_images) in [
        ("assigned", &contest.jurors[0], 12),
        ("recused", recuser, 10),
        ("unassigned", &contest.jurors[2], 0),
    ] {
        let (fetched, leaks) = crawl(juror, slug, &numbers).await;
        assert!(leaks.is_empty(), "{who} juror: {leaks:?}");
        let images = fetched
            .iter()
            .filter(|(p, s)| p.ends_with(".jpg") && *s == StatusCode::OK)
            .count();
        assert_eq!(images, reachable_images, "{who} juror fetched {fetched:?}");
        let pages = fetched
            .iter()
            .filter(|(p, s)| {
                p.contains("/entries/") && !p.ends_with(".jpg") && *s == StatusCode::OK
            })
            .count();
        assert_eq!(pages, reachable_images / 2, "{who} juror's entry pages");
    }
}

#[tokio::test]
async fn in_a_shortlisting_round_a_juror_sees_no_identity_and_only_their_ballots() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 0],
        redacted_stories: true,
        jurors: vec![vec![0], vec![0], vec![1]],
        ..Setup::default()
    };
    let contest = crate::rounds::rounds_of(&app, setup, &[("yes_no", "1")]).await;
    let slug = contest.slug;
    let numbers: Vec<i64> = sqlx::query_scalar("SELECT number FROM entries ORDER BY number")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(numbers.len(), 6);
    for (j, juror) in contest.jurors.iter().enumerate() {
        let email = format!("juror{j}@jury.example.org");
        let ballots = app
            .count(&format!(
                "ballots WHERE juror_id = (SELECT id FROM jurors WHERE email = '{email}')"
            ))
            .await as usize;
        let (fetched, leaks) = crawl(juror, slug, &numbers).await;
        assert!(leaks.is_empty(), "juror {j}: {leaks:?}");
        let ok = |what: &str| {
            fetched
                .iter()
                .filter(|(p, s)| p.contains(what) && *s == StatusCode::OK)
                .count()
        };
        // One vote page per ballot (a single photo each: a thumb and a large).
        assert_eq!(ok("/vote/"), ballots, "juror {j} fetched {fetched:?}");
        assert_eq!(ok(".jpg"), ballots * 2, "juror {j}");
        assert_eq!(
            ok("/entries/") - ok(".jpg"),
            0,
            "no criteria page in round 1"
        );
    }
}

#[tokio::test]
async fn in_a_ranking_round_a_juror_sees_no_identity_no_score_and_only_the_finalists() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [3, 0],
        redacted_stories: true,
        jurors: vec![vec![0], vec![0], vec![1]],
        ..Setup::default()
    };
    let contest = crate::rounds::rounds_of(&app, setup, &[("ranking", "")]).await;
    let slug = contest.slug;
    for juror in &contest.jurors[..2] {
        crate::common::jury::score_all(juror, slug, "7").await;
    }
    let cats = crate::common::jury::category_ids(&app, contest.contest_id).await;
    let rounds = format!("{}/rounds", contest.admin_path);
    contest.admin.get(&rounds).await;
    let top = format!("top_{}", cats[0]);
    let closed = contest
        .admin
        .post(&format!("{rounds}/close"), &[("round", "1"), (&top, "3")])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let numbers: Vec<i64> = sqlx::query_scalar("SELECT number FROM entries ORDER BY number")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    // Every score is the same: the tie at the cut sends all six on.
    let finalists = app.count("entries WHERE reached = 2").await as usize;
    assert_eq!(finalists, 6);
    for (j, juror) in contest.jurors.iter().enumerate() {
        let (fetched, leaks) = crawl(juror, slug, &numbers).await;
        assert!(leaks.is_empty(), "juror {j}: {leaks:?}");
        let ok = |what: &str| {
            fetched
                .iter()
                .filter(|(p, s)| p.contains(what) && *s == StatusCode::OK)
                .count()
        };
        let finalists = if j < 2 { finalists } else { 0 };
        let page = format!("/jury/{slug}/rank");
        assert_eq!(ok(&page), usize::from(j < 2), "juror {j}: {fetched:?}");
        assert_eq!(ok(".jpg"), finalists * 2, "juror {j}: {fetched:?}");
        assert_eq!(ok("/entries/") - ok(".jpg"), 0, "no criteria page now");
        // The scores of the criteria round are nowhere on the juror's pages.
        for (path, _) in fetched
            .iter()
            .filter(|(p, s)| !p.ends_with(".jpg") && *s == StatusCode::OK)
        {
            let page = juror.get(path).await;
            assert!(!page.body.contains("value=\"7\""), "a score in {path}");
        }
    }
}

#[tokio::test]
async fn no_score_changes_once_judging_is_finalized_even_when_thirty_jurors_race_it() {
    let app = TestApp::spawn().await;
    // Thirty jurors saving as fast as they can while the admin finalizes.
    let setup = Setup {
        jurors: vec![vec![0, 1]; 30],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let slug = contest.slug;
    let jurors: Vec<Arc<Browser>> = contest.jurors.into_iter().map(Arc::new).collect();
    let mut tasks = Vec::new();
    for juror in &jurors {
        let queue = queue_of(juror, slug).await;
        let page = juror
            .get(&format!("/jury/{slug}/entries/{}", queue[0]))
            .await;
        let fields = criterion_fields(&page.body);
        let juror = juror.clone();
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            // Save round and round until the lock answers.
            for round in 0..400 {
                let number = &queue[round % queue.len()];
                let value = (1 + round % 10).to_string();
                let page = juror
                    .post_for_json(
                        &format!("/jury/{slug}/entries/{number}"),
                        &[(&fields[0], &value), (&fields[1], &value)],
                    )
                    .await;
                statuses.push(page.status);
                if page.status == StatusCode::CONFLICT {
                    break;
                }
            }
            statuses
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    contest.admin.get(&contest.admin_path).await;
    let finalized = contest
        .admin
        .post(
            &format!("{}/phase", contest.admin_path),
            &[("to", "finalized"), ("force", "1"), ("reason", "race test")],
        )
        .await;
    assert_eq!(
        finalized.status,
        StatusCode::SEE_OTHER,
        "{}",
        finalized.body
    );
    let at_finalization: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT juror_id, entry_id, criterion_id, value FROM scores ORDER BY juror_id, entry_id, criterion_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    for task in tasks {
        let statuses = task.await.unwrap();
        assert_eq!(statuses.last(), Some(&StatusCode::CONFLICT), "{statuses:?}");
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
            "{statuses:?}"
        );
    }
    let after: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT juror_id, entry_id, criterion_id, value FROM scores ORDER BY juror_id, entry_id, criterion_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(!at_finalization.is_empty());
    assert_eq!(after, at_finalization);
    // One row per (juror, entry, criterion), whatever raced.
    let distinct: HashSet<_> = after.iter().map(|r| (r.0, r.1, r.2)).collect();
    assert_eq!(distinct.len(), after.len());
    // The database itself refuses, whatever the application does.
    let direct = sqlx::query("UPDATE scores SET value = 1")
        .execute(&app.state.db.pool)
        .await;
    assert!(direct.is_err(), "a score changed after finalization");
    // Recusal is locked too, and the juror's page is read-only.
    let queue = queue_of(&jurors[0], slug).await;
    let page = jurors[0]
        .get(&format!("/jury/{slug}/entries/{}", queue[0]))
        .await;
    page.assert_contains("Judging is closed");
    assert!(!page.body.contains("id=\"score-form\""));
    let recusal = jurors[0]
        .post(&format!("/jury/{slug}/entries/{}/recuse", queue[0]), &[])
        .await;
    assert_eq!(recusal.status, StatusCode::CONFLICT);
}
