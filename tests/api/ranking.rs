//! The ranking round after the criteria round, over HTTP on both databases:
//! the criteria round closed with its best N per category as finalists,
//! jurors ordering them (moves, whole saves, a stale list refused), the
//! scores locked, the orders combined by Schulze (a Condorcet cycle is a
//! tie) with Borda beside it at finalization, and `verify` naming the
//! round and entry of a tampered place.

use reqwest::StatusCode;

use crate::announce::{phase, photojury, sql};
use crate::common::jury::{Judged, category_ids, criterion_fields, queue_of, score};
use crate::common::{Browser, TestApp};
use crate::rounds::{in_rounds, scalar};

/// The numbers on a juror's ranking page, in its order.
fn listed(body: &str) -> Vec<i64> {
    body.split("data-number=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect()
}

/// Saves `order` as the juror's ranking of `category` (a plain form save).
async fn rank(juror: &Browser, slug: &str, category: &str, order: &[i64]) {
    let order: Vec<String> = order.iter().map(i64::to_string).collect();
    let saved = juror
        .post(
            &format!("/jury/{slug}/rank"),
            &[
                ("category", category),
                ("order", &order.join(" ")),
                ("move", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
}

/// Every juror scores every entry of their queue: the smaller the number
/// within its category, the better, so the criteria ranking of each
/// category is its numbers in order.
async fn score_by_number(app: &TestApp, contest: &Judged) {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT category_id, number FROM entries ORDER BY number")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let place = |n: i64| {
        let category = rows.iter().find(|r| r.1 == n).unwrap().0;
        rows.iter().filter(|r| r.0 == category && r.1 < n).count() as i64
    };
    for juror in &contest.jurors {
        for number in queue_of(juror, contest.slug).await {
            let value = (9 - place(number.parse().unwrap())).to_string();
            let saved = score(juror, contest.slug, &number, &[&value, &value], "stay").await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        }
    }
}

async fn numbers_of(app: &TestApp, category: &str, reached: i64) -> Vec<i64> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT number FROM entries WHERE category_id = {category} AND reached >= {reached} \
         ORDER BY number"
    )))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn finalists_ranked_by_every_juror_are_combined_by_schulze_with_borda_beside_it() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("yes_no", "0"), ("ranking", "")]).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let cats = category_ids(&app, contest.contest_id).await;
    let rounds_page = format!("{path}/rounds");
    let page = admin.get(&rounds_page).await;
    for row in ["id=\"round-2\"", "id=\"round-3\"", "<td>ranking</td>"] {
        page.assert_contains(row);
    }
    // Round 1: yes to everything, so all eight go on to the criteria round.
    for juror in &contest.jurors {
        let home = juror.get(&format!("/jury/{slug}/vote")).await;
        let mut at = home;
        while at.status == StatusCode::SEE_OTHER && at.location() != format!("/jury/{slug}/vote") {
            let to = at.location().to_owned();
            at = juror.post(&to, &[("vote", "1")]).await;
        }
    }
    let rules: Vec<(String, &str)> = cats
        .iter()
        .map(|c| (format!("rule_{c}"), "min:1.00"))
        .collect();
    let mut fields: Vec<(&str, &str)> = vec![("round", "1")];
    fields.extend(rules.iter().map(|(k, v)| (k.as_str(), *v)));
    let closed = admin.post(&format!("{rounds_page}/close"), &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(app.count("entries WHERE reached = 2").await, 8);

    // The criteria round cannot be finalized past its ranking round.
    score_by_number(&app, &contest).await;
    let early = phase(admin, path, "finalized").await;
    early.assert_contains("close the criteria round first");
    // Its close takes the best N, at most 60 per category.
    let too_many: Vec<(String, &str)> = cats.iter().map(|c| (format!("top_{c}"), "61")).collect();
    let mut fields: Vec<(&str, &str)> = vec![("round", "2")];
    fields.extend(too_many.iter().map(|(k, v)| (k.as_str(), *v)));
    let refused = admin.post(&format!("{rounds_page}/close"), &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("at most 60 per category");
    let query = format!("{rounds_page}?top_{}=3&top_{}=3", cats[0], cats[1]);
    let preview = admin.get(&query).await;
    preview.assert_contains("Close the criteria round: choose the finalists");
    assert_eq!(preview.body.matches("<strong>3</strong>").count(), 2);
    let tops: Vec<(String, &str)> = cats.iter().map(|c| (format!("top_{c}"), "3")).collect();
    let mut fields: Vec<(&str, &str)> = vec![("round", "2")];
    fields.extend(tops.iter().map(|(k, v)| (k.as_str(), *v)));
    let closed = admin.post(&format!("{rounds_page}/close"), &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let finalists: Vec<Vec<i64>> = [
        numbers_of(&app, &cats[0], 3).await,
        numbers_of(&app, &cats[1], 3).await,
    ]
    .into();
    let best_by_score: Vec<i64> = numbers_of(&app, &cats[0], 2).await[..3].to_vec();
    assert_eq!(finalists[0], best_by_score, "the best three by score go on");
    // Every juror of the category ranks all three: 2 × 3 + 3 × 3 ballots.
    assert_eq!(
        app.count("ballots b JOIN rounds r ON r.id = b.round_id WHERE r.kind = 'ranking'")
            .await,
        15
    );
    // The scores that chose the finalists are locked, whatever SQL tries.
    let locked = sqlx::query("UPDATE scores SET value = 1")
        .execute(&app.state.db.pool)
        .await;
    assert!(locked.is_err(), "scores changed after the criteria round");
    let criteria = contest.jurors[0]
        .get(&format!("/jury/{slug}/entries/{}", finalists[0][0]))
        .await;
    assert_eq!(criteria.status, StatusCode::NOT_FOUND);

    // Juror 0's page: the three finalists, nothing of the scores.
    let home = contest.jurors[0].get(&format!("/jury/{slug}")).await;
    home.assert_contains("Rank the finalists");
    let first = contest.jurors[0]
        .get(&format!("/jury/{slug}/rank?category={}", cats[0]))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    first.assert_contains("Not saved yet");
    // Each finalist with its photo and the photo's title.
    assert_eq!(
        first
            .body
            .matches("<figcaption>Night shift</figcaption>")
            .count(),
        3
    );
    for n in &finalists[0] {
        first.assert_contains(&format!("/jury/{slug}/entries/{n}/1/thumb.jpg"));
    }
    let shown = listed(&first.body);
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(sorted, finalists[0]);
    assert!(
        criterion_fields(&first.body).is_empty(),
        "a score field shows"
    );
    assert!(!first.body.contains("value=\"9\""), "a score shows");
    // A move (a plain button) saves the whole order, the moved one first.
    let order: Vec<String> = shown.iter().map(i64::to_string).collect();
    let last = shown[2].to_string();
    let moved = contest.jurors[0]
        .post(
            &format!("/jury/{slug}/rank"),
            &[
                ("category", cats[0].as_str()),
                ("order", &order.join(" ")),
                ("move", &format!("top:{last}")),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert!(moved.location().ends_with(&format!("#e{last}")));
    let again = contest.jurors[0]
        .get(&format!("/jury/{slug}/rank?category={}", cats[0]))
        .await;
    assert_eq!(listed(&again.body), [shown[2], shown[0], shown[1]]);
    again.assert_contains("Your ranking is saved");
    // A list that is not the juror's (one left out) changes nothing.
    let stale = contest.jurors[0]
        .post_for_json(
            &format!("/jury/{slug}/rank"),
            &[
                ("category", cats[0].as_str()),
                ("order", &format!("{} {}", shown[0], shown[1])),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("not the ones of your list");
    // Someone else's category is not there.
    let other = contest.jurors[2]
        .get(&format!("/jury/{slug}/rank?category={}", cats[0]))
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    // Category one: both jurors agree, 2nd > 1st > 3rd by score.
    let [a, b, c] = [finalists[0][0], finalists[0][1], finalists[0][2]];
    for juror in &contest.jurors[..2] {
        rank(juror, slug, &cats[0], &[b, a, c]).await;
    }
    // Category two: a Condorcet cycle, one order per juror (x>y>z, y>z>x, z>x>y).
    let [x, y, z] = [finalists[1][0], finalists[1][1], finalists[1][2]];
    let cycle = [[x, y, z], [y, z, x], [z, x, y]];
    for (juror, order) in contest.jurors.iter().zip(&cycle) {
        let saved = juror
            .post_for_json(
                &format!("/jury/{slug}/rank"),
                &[
                    ("category", cats[1].as_str()),
                    ("order", &format!("{} {} {}", order[0], order[1], order[2])),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        saved.assert_contains("\"saved\":true");
    }
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM ballots WHERE vote IS NULL AND round_id = (SELECT id FROM rounds WHERE kind = 'ranking')").await,
        0
    );

    let done = phase(admin, path, "finalized").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let late = contest.jurors[0]
        .post(
            &format!("/jury/{slug}/rank"),
            &[
                ("category", cats[0].as_str()),
                ("order", &format!("{a} {b} {c}")),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    // Judging over, the criteria page is back for its juror, read-only.
    let after = contest.jurors[0]
        .get(&format!("/jury/{slug}/entries/{a}"))
        .await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.body);
    after.assert_contains("Judging is closed");
    assert!(criterion_fields(&after.body).is_empty(), "a field to score");
    assert_eq!(app.count("round_snapshots").await, 3);
    let ranking: String = sqlx::query_scalar(
        "SELECT s.json FROM round_snapshots s JOIN rounds r ON r.id = s.round_id \
         WHERE r.kind = 'ranking'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let snap: serde_json::Value = serde_json::from_str(&ranking).unwrap();
    let one = &snap["categories"][0];
    let order: Vec<i64> = one["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["number"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [b, a, c]);
    let borda: Vec<i64> = one["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["borda"].as_i64().unwrap())
        .collect();
    assert_eq!(borda, [4, 2, 0]);
    assert_eq!(one["ballots"].as_array().unwrap().len(), 2);
    let two = snap["categories"][1]["entries"].as_array().unwrap();
    assert!(
        two.iter()
            .all(|e| e["place"] == 1 && e["tie"] == true && e["borda"] == 3),
        "{two:?}"
    );
    // The results put the finalists first, in the ranking round's order.
    let json: String = sqlx::query_scalar("SELECT json FROM results_snapshots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let results: serde_json::Value = serde_json::from_str(&json).unwrap();
    let firsts: Vec<(i64, i64)> = results["categories"][0]["entries"].as_array().unwrap()[..4]
        .iter()
        .map(|e| (e["number"].as_i64().unwrap(), e["rank"].as_i64().unwrap()))
        .collect();
    assert_eq!(firsts[..3], [(b, 1), (a, 2), (c, 3)]);
    assert_eq!(firsts[3].1, 4, "the rest keep their criteria ranks");
    let page = admin.get(&format!("{path}/results")).await;
    page.assert_contains("3: place 1 (Borda 4)");
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");

    // Someone with database access swaps two places of one ballot.
    let unlock = if app.config.database_url.starts_with("postgres") {
        "ALTER TABLE ballots DISABLE TRIGGER ballots_locked"
    } else {
        "DROP TRIGGER ballots_locked_update"
    };
    sql(&app, unlock).await;
    let juror: i64 = scalar(&app, "SELECT MIN(juror_id) FROM ballots").await;
    sql(
        &app,
        &format!(
            "UPDATE ballots SET vote = 3 - vote WHERE juror_id = {juror} AND vote IN (1, 2) \
             AND entry_id IN (SELECT id FROM entries WHERE number IN ({a}, {b}))"
        ),
    )
    .await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "round 3, entry {b}: the votes in the database no longer give"
        )),
        "{out}"
    );
}

#[tokio::test]
async fn a_ranking_round_is_added_once_and_leaves_with_the_criteria_rounds_row() {
    let app = TestApp::spawn().await;
    let contest = crate::common::jury::judged(
        &app,
        crate::common::jury::Setup {
            until: "closed",
            ..Default::default()
        },
    )
    .await;
    let page = format!("{}/rounds", contest.admin_path);
    let add = |kind: &'static str| {
        let admin = &contest.admin;
        let page = page.clone();
        async move {
            admin
                .post(&page, &[("kind", kind), ("quorum", "0"), ("deadline", "")])
                .await
        }
    };
    assert_eq!(add("ranking").await.status, StatusCode::SEE_OTHER);
    let twice = add("ranking").await;
    twice.assert_contains("has its ranking round already");
    // A shortlisting round added later goes before the criteria round.
    assert_eq!(add("yes_no").await.status, StatusCode::SEE_OTHER);
    let kinds: Vec<(i64, String)> =
        sqlx::query_as("SELECT position, kind FROM rounds ORDER BY position")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let kinds: Vec<(i64, &str)> = kinds.iter().map(|(p, k)| (*p, k.as_str())).collect();
    assert_eq!(kinds, [(1, "yes_no"), (2, "criteria"), (3, "ranking")]);
    let forged = add("criteria").await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let remove = format!("{page}/remove");
    let removed = contest.admin.post(&remove, &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("rounds").await, 1, "ranking and criteria rows go");
    assert_eq!(app.count("rounds WHERE kind = 'yes_no'").await, 1);
}

#[tokio::test]
async fn the_finalists_preview_counts_ties_at_the_cut_as_the_close_does() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("ranking", "")]).await;
    let (slug, admin) = (contest.slug, &contest.admin);
    let cats = category_ids(&app, contest.contest_id).await;
    // Each juror's value for each entry of a category, entries by number:
    // the first category (jurors 0 and 1) has three entries at 5.5 with
    // the same median; the second (jurors 0, 1, 2) one at 9, then three
    // at 7 of which the median puts one ahead and leaves two tied.
    let values: [&[[i64; 3]]; 2] = [
        &[[6, 5, 0], [5, 6, 0], [7, 4, 0], [4, 4, 0]],
        &[[9, 9, 9], [8, 8, 5], [7, 7, 7], [8, 7, 6]],
    ];
    for (c, category) in cats.iter().enumerate() {
        let numbers = numbers_of(&app, category, 1).await;
        for (j, juror) in contest.jurors.iter().enumerate() {
            for (k, number) in numbers.iter().enumerate() {
                if c == 0 && j == 2 {
                    continue;
                }
                let v = values[c][k][j].to_string();
                let n = number.to_string();
                let saved = score(juror, slug, &n, &[&v, &v], "stay").await;
                assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
            }
        }
    }
    let rounds_page = format!("{}/rounds", contest.admin_path);
    let advancing = |body: &str| -> Vec<String> {
        body.split("class=\"advancing\"><strong>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_owned())
            .collect()
    };
    let preview = |a: usize, b: usize| {
        let query = format!("{rounds_page}?top_{}={a}&top_{}={b}", cats[0], cats[1]);
        async move { admin.get(&query).await }
    };
    // The best N: the tie of three at the top goes on whole; the two tied
    // at third both go; a cut above a tie is exact.
    assert_eq!(advancing(&preview(1, 3).await.body), ["3", "4"]);
    assert_eq!(advancing(&preview(4, 2).await.body), ["4", "2"]);
    assert_eq!(advancing(&preview(3, 1).await.body), ["3", "1"]);
    // Or a score: each of the best entries' scores is offered with what it
    // sends on, and a threshold chosen counts the same way.
    let page = preview(1, 1).await;
    for option in [
        "<option value=\"min:5.50\">≥ 5.50: 3 entries</option>",
        "<option value=\"min:4.00\">≥ 4.00: 4 entries</option>",
        "<option value=\"min:9.00\">≥ 9.00: 1 entry</option>",
        "<option value=\"min:7.00\">≥ 7.00: 4 entries</option>",
    ] {
        page.assert_contains(option);
    }
    let query = format!(
        "{rounds_page}?rule_{}=min:5.50&rule_{}=min:9.00",
        cats[0], cats[1]
    );
    assert_eq!(advancing(&admin.get(&query).await.body), ["3", "1"]);
    let closed = admin
        .post(
            &format!("{rounds_page}/close"),
            &[
                ("round", "1"),
                (&format!("top_{}", cats[0]), "1"),
                (&format!("top_{}", cats[1]), "3"),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(numbers_of(&app, &cats[0], 2).await.len(), 3);
    let second = numbers_of(&app, &cats[1], 1).await;
    assert_eq!(
        numbers_of(&app, &cats[1], 2).await,
        second,
        "all four go on"
    );
}
