//! Judging in rounds, over HTTP on both databases: shortlisting rounds set
//! up before judging, votes by jurors, the close preview and its rules per
//! category, closing with votes missing, the criteria round on what
//! advanced, and `verify` naming the round and entry of a tampered vote.
//! What changes while a round is open is in `rounds_changes`.

use std::collections::HashMap;

use reqwest::StatusCode;

use crate::announce::{phase, photojury, sql};
use crate::common::jury::{Judged, Setup, category_ids, judged, score_all};
use crate::common::{Browser, TestApp};

/// The contest of `setup`, screened and with its jury, and the rounds
/// `rounds` (kind, quorum) added by the admin; then judging.
pub(crate) async fn rounds_of(app: &TestApp, setup: Setup, rounds: &[(&str, &str)]) -> Judged {
    let setup = Setup {
        until: "closed",
        ..setup
    };
    let contest = judged(app, setup).await;
    let page = format!("{}/rounds", contest.admin_path);
    contest.admin.get(&page).await.assert_contains("criteria");
    for (kind, quorum) in rounds {
        let added = contest
            .admin
            .post(
                &page,
                &[("kind", kind), ("quorum", quorum), ("deadline", "")],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    }
    let to = phase(&contest.admin, &contest.admin_path, "judging").await;
    assert_eq!(to.status, StatusCode::SEE_OTHER, "{}", to.body);
    contest
}

/// The default contest (jurors 0 and 1 judge both categories, juror 2 the
/// second; four photo entries per category) in `rounds`.
pub(crate) async fn in_rounds(app: &TestApp, rounds: &[(&str, &str)]) -> Judged {
    rounds_of(app, Setup::default(), rounds).await
}

/// The entry numbers of each category (by category id), smallest first.
async fn numbers_by_category(app: &TestApp) -> HashMap<String, Vec<i64>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT category_id, number FROM entries ORDER BY number")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let mut by: HashMap<String, Vec<i64>> = HashMap::new();
    for (category, number) in rows {
        by.entry(category.to_string()).or_default().push(number);
    }
    by
}

/// Votes on every entry of the juror's open round, in the order the pages
/// lead, with `decide(number)`; returns the numbers voted on.
async fn vote_all(juror: &Browser, slug: &str, decide: impl Fn(i64) -> i64) -> Vec<i64> {
    let start = format!("/jury/{slug}/vote");
    let mut voted = Vec::new();
    let mut at = juror.get(&start).await;
    for _ in 0..100 {
        if at.status != StatusCode::SEE_OTHER {
            assert_eq!(at.status, StatusCode::OK, "{}", at.body);
            at.assert_contains("Every entry of yours has a vote");
            return voted;
        }
        let path = at.location().to_owned();
        let number: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
        let page = juror.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let vote = decide(number).to_string();
        let done = juror.post(&path, &[("vote", &vote)]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        voted.push(number);
        at = if done.location() == start {
            juror.get(&start).await
        } else {
            done
        };
    }
    panic!("the votes never ended: {voted:?}");
}

/// Every vote cast: (juror, entry, vote), by entry.
pub(crate) async fn votes(app: &TestApp) -> Vec<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT juror_id, entry_id, vote FROM ballots WHERE vote IS NOT NULL ORDER BY entry_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

pub(crate) async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Closes the open round `round` with these form fields (rules, force, reason).
async fn close(contest: &Judged, round: &str, fields: &[(&str, &str)]) -> crate::common::Page {
    let page = format!("{}/rounds", contest.admin_path);
    contest.admin.get(&page).await;
    let mut all = vec![("round", round)];
    all.extend_from_slice(fields);
    contest.admin.post(&format!("{page}/close"), &all).await
}

#[tokio::test]
async fn a_contest_shortlists_in_two_rounds_then_scores_only_what_advanced() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("yes_no", "2"), ("stars", "0")]).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);
    let cats = category_ids(&app, contest.contest_id).await;
    let by = numbers_by_category(&app).await;
    assert_eq!(app.count("ballots").await, 16, "8 entries, 2 jurors each");
    assert_eq!(app.count("assignments").await, 0);
    let home = contest.jurors[0].get(&format!("/jury/{slug}")).await;
    home.assert_contains("Round 1: yes / no");
    let any = by[&cats[0]][0];
    let criteria = contest.jurors[0]
        .get(&format!("/jury/{slug}/entries/{any}"))
        .await;
    assert_eq!(criteria.status, StatusCode::NOT_FOUND);
    let early = phase(admin, path, "finalized").await;
    early.assert_contains("Round 1 is still open");

    // Yes to the two smallest numbers of each category, no to the rest.
    let shortlist: Vec<i64> = by.values().flat_map(|n| n[..2].to_vec()).collect();
    let yes = |n: i64| i64::from(shortlist.contains(&n));
    let mut voted = 0;
    for juror in &contest.jurors {
        voted += vote_all(juror, slug, yes).await.len();
    }
    assert_eq!(voted, 16);

    let rules = [
        (format!("rule_{}", cats[0]), "min:1.00"),
        (format!("rule_{}", cats[1]), "min:1.00"),
    ];
    let query = format!(
        "{path}/rounds?{}={}&{}={}",
        rules[0].0, rules[0].1, rules[1].0, rules[1].1
    );
    let preview = admin.get(&query.replace(':', "%3A")).await;
    assert_eq!(preview.status, StatusCode::OK);
    for c in &cats {
        let row = preview
            .body
            .split(&format!("id=\"preview-{c}\""))
            .nth(1)
            .unwrap();
        let row = row.split("</tr>").next().unwrap();
        assert!(row.contains("<strong>2</strong>"), "{row}");
        assert!(row.contains("≥ 0.00: 4 entries"), "{row}");
    }
    let fields: Vec<(&str, &str)> = rules.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let closed = close(&contest, "1", &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(app.count("round_snapshots").await, 1);
    assert_eq!(app.count("entries WHERE reached = 2").await, 4);
    let in_two: Vec<i64> = sqlx::query_scalar("SELECT number FROM entries WHERE reached = 2")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    let mut expected = shortlist.clone();
    expected.sort();
    let mut got = in_two.clone();
    got.sort();
    assert_eq!(got, expected);
    // Round 2 (everyone of the category): jurors 0 and 1 on 4, juror 2 on 2.
    assert_eq!(
        app.count("ballots b JOIN rounds r ON r.id = b.round_id WHERE r.position = 2")
            .await,
        10
    );
    let hash: String = sqlx::query_scalar("SELECT sha256 FROM round_snapshots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let public = app.browser().get(&format!("/contests/{slug}")).await;
    public.assert_contains(&format!("id=\"round-1-hash\">{hash}<"));

    // Round 2: the same numbers, and nothing of round 1 on the page.
    let page = contest.jurors[0]
        .get(&format!("/jury/{slug}/vote/{}", shortlist[0]))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        !page.body.contains("aria-pressed=\"true\""),
        "an earlier vote shows"
    );
    page.assert_contains("Round 2: stars 1–5");
    let out = by[&cats[0]][3];
    for gone in [
        format!("/jury/{slug}/vote/{out}"),
        format!("/jury/{slug}/entries/{out}/1/thumb.jpg"),
    ] {
        let (status, _, _) = contest.jurors[0].get_bytes(&gone).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{gone}");
    }
    let best: Vec<i64> = by.values().map(|n| n[0]).collect();
    for juror in &contest.jurors {
        vote_all(juror, slug, |n| if best.contains(&n) { 5 } else { 2 }).await;
    }
    let tops = [
        (format!("top_{}", cats[0]), "1"),
        (format!("top_{}", cats[1]), "1"),
    ];
    let fields: Vec<(&str, &str)> = tops.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let closed = close(&contest, "2", &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(app.count("entries WHERE reached = 3").await, 2);
    // The criteria round: the two finalists, to every juror of their category.
    assert_eq!(app.count("assignments").await, 5);
    for juror in &contest.jurors {
        score_all(juror, slug, "7").await;
    }
    let done = phase(admin, path, "finalized").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let json: String = sqlx::query_scalar("SELECT json FROM results_snapshots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    for n in &best {
        assert!(json.contains(&format!("\"number\":{n},")), "{json}");
    }
    assert_eq!(json.matches("\"number\":").count(), 2, "{json}");
    // The results show each finalist's way through the rounds.
    let results = admin.get(&format!("{path}/results")).await;
    assert_eq!(
        results.body.matches("1: 2 of 2 yes → 2: ★ 5.0").count(),
        2,
        "{}",
        results.body
    );
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
}

#[tokio::test]
async fn closing_with_votes_missing_needs_a_reason_and_verify_finds_a_changed_vote() {
    let app = TestApp::spawn().await;
    let contest = in_rounds(&app, &[("yes_no", "0")]).await;
    let slug = contest.slug;
    let cats = category_ids(&app, contest.contest_id).await;
    let voted = vote_all(&contest.jurors[0], slug, |n| n % 2).await;
    assert_eq!(voted.len(), 8);
    let rules = [
        (format!("rule_{}", cats[0]), "min:0.50"),
        (format!("rule_{}", cats[1]), "top:2"),
    ];
    let mut fields: Vec<(&str, &str)> = rules.iter().map(|(k, v)| (k.as_str(), *v)).collect();

    let refused = close(&contest, "1", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("votes are not cast yet");
    refused.assert_contains("juror1@jury.example.org (8)");
    refused.assert_contains("juror2@jury.example.org (4)");
    fields.push(("force", "1"));
    let refused = close(&contest, "1", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("needs a reason");
    assert_eq!(app.count("round_snapshots").await, 0);
    let only_rule = close(&contest, "1", &fields[..1]).await;
    only_rule.assert_contains("for every category");
    fields.push(("reason", "juror 1 fell ill"));
    let closed = close(&contest, "1", &fields).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    assert_eq!(
        app.count("audit_log WHERE action = 'round.close' AND detail LIKE '%juror 1 fell ill%'")
            .await,
        1
    );
    assert_eq!(
        app.count("round_snapshots WHERE override_reason = 'juror 1 fell ill'")
            .await,
        1
    );
    // The criteria round follows: what advanced, to every juror of its category.
    assert!(app.count("assignments").await > 0);
    let late = contest.jurors[1]
        .post(&format!("/jury/{slug}/vote/{}", voted[0]), &[("vote", "1")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
    // A juror's own data export holds their votes, by round and number.
    let (status, _, body) = crate::operations::download(&contest.jurors[0], "juror-password").await;
    assert_eq!(status, StatusCode::OK);
    let files = crate::operations::unzip(&body);
    let json: serde_json::Value = serde_json::from_slice(&files["photojury-data.json"]).unwrap();
    let mine = json["jury"][0]["round_votes"].as_array().unwrap();
    assert_eq!(mine.len(), 8);
    for vote in mine {
        let number = vote["entry"].as_i64().unwrap();
        assert_eq!(vote["vote"].as_i64(), Some(number % 2), "{vote}");
        assert_eq!(vote["round"], 1);
    }

    // Someone with database access turns a no into a yes.
    let (entry, number): (i64, i64) = sqlx::query_as(
        "SELECT e.id, e.number FROM ballots b JOIN entries e ON e.id = b.entry_id \
         WHERE b.vote = 0 ORDER BY e.number LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let unlock = if app.config.database_url.starts_with("postgres") {
        "ALTER TABLE ballots DISABLE TRIGGER ballots_locked"
    } else {
        "DROP TRIGGER ballots_locked_update"
    };
    sql(&app, unlock).await;
    sql(
        &app,
        &format!("UPDATE ballots SET vote = 1 WHERE vote = 0 AND entry_id = {entry}"),
    )
    .await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    let says = format!(
        "round 1, entry {number}: the votes in the database no longer give what the round decided"
    );
    assert!(out.contains(&says), "{out}");
}
