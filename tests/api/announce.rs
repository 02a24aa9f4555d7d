//! From finalized results to the public winners: names only after the reveal,
//! awards with reasons, the winners page with consent respected, exports,
//! the participant's own results, and the proofs (`verify`, the audit chain).

use crate::common;

use crate::common::jury::{MARKERS, Setup, judged, queue_of, score};
use crate::common::{Browser, TestApp};
use photojury::images::store::sha256_hex;
use photojury::results::verify::{Published, check_published};
use reqwest::StatusCode;

/// Two students and two artists, one photo each, two jurors on everything;
/// the last artist withholds their name. Juror 0 ranks their queue 9, 7, 5, 3.
pub(crate) async fn finalized(app: &TestApp) -> (common::jury::Judged, String) {
    let setup = Setup {
        photos: 1,
        jurors: vec![vec![0, 1], vec![0, 1]],
        withhold_last: true,
        ..Setup::default()
    };
    let contest = judged(app, setup).await;
    let slug = contest.slug;
    let public = app.browser().get(&format!("/contests/{slug}")).await;
    let commitment = between(&public.body, "id=\"commitment\">", "<");
    assert_eq!(
        commitment.len(),
        64,
        "a commitment is public during judging"
    );
    for (j, juror) in contest.jurors.iter().enumerate() {
        for (number, value) in queue_of(juror, slug).await.iter().zip(["9", "7", "5", "3"]) {
            let v = if j == 0 { value } else { "5" };
            let comment = format!("comment {number} by juror {j}");
            let page = juror.get(&format!("/jury/{slug}/entries/{number}")).await;
            let names = common::jury::criterion_fields(&page.body);
            let fields = [
                (names[0].as_str(), v),
                (names[1].as_str(), v),
                ("comment", comment.as_str()),
                ("go", "stay"),
            ];
            let saved = juror
                .post(&format!("/jury/{slug}/entries/{number}"), &fields)
                .await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        }
    }
    let path = &contest.admin_path;
    contest.admin.get(path).await;
    let done = contest
        .admin
        .post(&format!("{path}/phase"), &[("to", "finalized")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    (contest, commitment)
}

fn between(body: &str, start: &str, end: &str) -> String {
    let from = body.find(start).map(|i| i + start.len()).unwrap_or(0);
    body[from..from + body[from..].find(end).unwrap_or(0)].to_owned()
}

fn no_markers(what: &str, text: &str) {
    for marker in MARKERS {
        assert!(
            !text.to_lowercase().contains(marker),
            "{what} shows {marker}"
        );
    }
}

pub(crate) async fn phase(admin: &Browser, path: &str, to: &str) -> common::Page {
    admin.get(path).await;
    admin.post(&format!("{path}/phase"), &[("to", to)]).await
}

#[tokio::test]
async fn names_appear_only_after_the_reveal_and_winners_only_after_the_announcement() {
    let app = TestApp::spawn().await;
    let (contest, commitment) = finalized(&app).await;
    let (admin, path, slug) = (&contest.admin, &contest.admin_path, contest.slug);
    let anonymous = app.browser();

    // Finalized: numbers and letters only, for the admin too, in every export.
    let results = admin.get(&format!("{path}/results")).await;
    results.assert_contains("id=\"blind-note\"");
    no_markers("the results page", &results.body);
    let (status, _, csv) = admin.get_bytes(&format!("{path}/results.csv")).await;
    assert_eq!(status, StatusCode::OK);
    no_markers("the results CSV", &String::from_utf8_lossy(&csv));
    no_markers(
        "the awards page",
        &admin.get(&format!("{path}/awards")).await.body,
    );
    for closed in [
        format!("/contests/{slug}/reveal.json"),
        format!("/contests/{slug}/winners"),
        format!("{path}/winners.csv"),
        format!("{path}/originals.zip"),
    ] {
        let who = if closed.starts_with("/admin") {
            admin
        } else {
            &anonymous
        };
        assert_eq!(
            who.get(&closed).await.status,
            StatusCode::NOT_FOUND,
            "{closed}"
        );
    }
    let skipped = phase(admin, path, "announced").await;
    assert_eq!(skipped.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Revealed: names next to scores; the mapping is public and checks out.
    let revealed = phase(admin, path, "revealed").await;
    assert_eq!(revealed.status, StatusCode::SEE_OTHER, "{}", revealed.body);
    let results = admin.get(&format!("{path}/results")).await;
    results.assert_contains("Mrkname 0x0");
    results.assert_contains("mrkland");
    let (_, _, csv) = admin.get_bytes(&format!("{path}/results.csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("category,rank,entry,award,score"), "{csv}");
    assert!(csv.contains("Mrkname 1x0"), "{csv}");
    // It parses as CSV with one field per column on every row, and no cell
    // starts a formula.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let width = reader.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        assert_eq!(row.len(), width);
        assert!(
            row.iter().all(|cell| !cell.starts_with(['=', '+', '@'])),
            "{row:?}"
        );
    }
    let (status, _, json) = anonymous
        .get_bytes(&format!("/contests/{slug}/reveal.json"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let bundle: Published = serde_json::from_slice(&json).unwrap();
    assert_eq!(bundle.commitment, commitment);
    assert_eq!(bundle.entries.len(), 4);
    assert!(
        check_published(&bundle).is_empty(),
        "{:?}",
        check_published(&bundle)
    );

    // Awards: the ranking's suggestion; a departure needs a reason.
    let form = admin.get(&format!("{path}/awards")).await;
    form.assert_contains("Not saved yet");
    let announce_first = phase(admin, path, "announced").await;
    announce_first.assert_contains("Assign the awards");
    let order: Vec<String> = ["0", "1"]
        .iter()
        .map(|c| {
            let section = form
                .body
                .split("<h2>")
                .nth(1 + c.parse::<usize>().unwrap())
                .unwrap();
            between(section, "id=\"award-row-", "\"")
        })
        .collect();
    let students_top = &order[0];
    let artists_top = &order[1];
    let artists: Vec<String> = form
        .body
        .split("<h2>")
        .nth(2)
        .unwrap()
        .split("id=\"award-row-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    let artists_second = &artists[1];
    let (a_top, a_second, s_top) = (
        format!("award-{artists_top}"),
        format!("award-{artists_second}"),
        format!("award-{students_top}"),
    );
    let swapped = [
        (a_top.as_str(), "second"),
        (a_second.as_str(), "first"),
        (s_top.as_str(), "first"),
        ("share_feedback", "1"),
    ];
    let refused = admin.post(&format!("{path}/awards"), &swapped).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("differ from the ranking: give a reason");
    assert_eq!(app.count("awards").await, 0);
    let twice = [(a_top.as_str(), "first"), (a_second.as_str(), "first")];
    let refused = admin.post(&format!("{path}/awards"), &twice).await;
    refused.assert_contains("can go to one entry only");
    let mut with_reason = swapped.to_vec();
    with_reason.push(("reason", "the jury chair's casting vote"));
    let exhibit = format!("exhibit-{students_top}");
    with_reason.push((exhibit.as_str(), "1"));
    let saved = admin.post(&format!("{path}/awards"), &with_reason).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.count("awards").await, 3);
    assert_eq!(
        app.count("audit_log WHERE action = 'awards.save' AND detail LIKE '%casting vote%'")
            .await,
        1
    );

    // Announced: the public page, consent respected, only winners' images.
    let announced = phase(admin, path, "announced").await;
    assert_eq!(
        announced.status,
        StatusCode::SEE_OTHER,
        "{}",
        announced.body
    );
    let winners = anonymous.get(&format!("/contests/{slug}/winners")).await;
    assert_eq!(winners.status, StatusCode::OK);
    winners.assert_contains("1st prize");
    winners.assert_contains("Mrkname 0x");
    winners.assert_contains("name withheld");
    assert!(
        !winners.body.contains("Mrkname 1x1"),
        "withheld name published"
    );
    winners.assert_contains("Selected for the exhibition");
    // Anonymous visitors share one rendering for a few seconds; a signed-in
    // visitor still gets their own page (with their sign-out button).
    let again = anonymous.get(&format!("/contests/{slug}/winners")).await;
    assert_eq!(again.body, winners.body);
    assert!(winners.body.contains("Sign in") && !winners.body.contains("Sign out"));
    let signed_in = admin.get(&format!("/contests/{slug}/winners")).await;
    signed_in.assert_contains("Sign out");
    let (status, headers, image) = anonymous
        .get_bytes(&format!(
            "/contests/{slug}/winners/{artists_top}/1/large.jpg"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/jpeg");
    let large: String = sqlx::query_scalar(
        "SELECT ph.large_sha256 FROM photos ph JOIN entries e ON e.photo_id = ph.id WHERE e.number = $1",
    )
    .bind(artists_top.parse::<i64>().unwrap())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(sha256_hex(&image), large);
    let students: Vec<String> = form
        .body
        .split("<h2>")
        .nth(1)
        .unwrap()
        .split("id=\"award-row-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    let (status, _, _) = anonymous
        .get_bytes(&format!(
            "/contests/{slug}/winners/{}/1/thumb.jpg",
            students[1]
        ))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an entry without an award stays private"
    );
    anonymous
        .get(&format!("/contests/{slug}"))
        .await
        .assert_contains("See the winners");

    // The participant sees their own result and the jurors' comments.
    let top_student = contest.participants.iter().find(|_| true).unwrap();
    let account = top_student.get("/account").await;
    account.assert_contains("Your results");
    account.assert_contains("comment");
    account.assert_contains("by juror 0");

    // Winners CSV and the originals for printing (logged).
    let (_, _, csv) = admin.get_bytes(&format!("{path}/winners.csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(
        csv.contains("1st prize") && csv.contains("Mrkname"),
        "{csv}"
    );
    let (status, headers, zip) = admin.get_bytes(&format!("{path}/originals.zip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 3);
    let first = format!("first/{artists_second}-1.jpg");
    let mut file = archive.by_name(&first).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
    let original: String = sqlx::query_scalar(
        "SELECT ph.original_sha256 FROM photos ph JOIN entries e ON e.photo_id = ph.id WHERE e.number = $1",
    )
    .bind(artists_second.parse::<i64>().unwrap())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(sha256_hex(&bytes), original);
    assert_eq!(
        app.count("audit_log WHERE action = 'export.originals'")
            .await,
        1
    );
    assert!(
        score(&contest.jurors[0], slug, artists_top, &["1", "1"], "stay")
            .await
            .status
            .is_client_error()
    );
}

pub(crate) fn photojury(app: &TestApp, args: &[&str]) -> (bool, String) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(&app.config.data_dir)
        .arg("--database-url")
        .arg(&app.config.database_url)
        .args(args)
        .output()
        .unwrap();
    let out =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    (run.status.success(), out)
}

pub(crate) async fn sql(app: &TestApp, statement: &str) {
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_owned()))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn verify_says_ok_and_names_the_entry_when_the_mapping_or_a_score_is_changed() {
    let app = TestApp::spawn().await;
    let (contest, _) = finalized(&app).await;
    let (admin, path, slug) = (&contest.admin, &contest.admin_path, contest.slug);
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
    assert!(out.contains("OK: contest jury-test"), "{out}");

    // Someone with database access swaps the authors of two entries.
    let numbers: Vec<(i64, i64)> =
        sqlx::query_as("SELECT number, portfolio_id FROM entries ORDER BY number")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let (a, b) = (numbers[0], numbers[1]);
    sql(
        &app,
        &format!(
            "UPDATE entries SET portfolio_id = {} WHERE number = {}",
            b.1, a.0
        ),
    )
    .await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "entry {}: its author's account is not the one committed when judging opened",
            a.0
        )),
        "{out}"
    );
    sql(
        &app,
        &format!(
            "UPDATE entries SET portfolio_id = {} WHERE number = {}",
            a.1, a.0
        ),
    )
    .await;
    assert!(photojury(&app, &["verify", "--contest", slug]).0);

    // ... or changes a score after finalization, past the lock.
    let drop = if common::postgres_url().is_some() {
        "DROP TRIGGER scores_locked ON scores"
    } else {
        "DROP TRIGGER scores_locked_update"
    };
    sql(&app, drop).await;
    let (number, score_id): (i64, i64) = sqlx::query_as(
        "SELECT e.number, s.entry_id FROM scores s JOIN entries e ON e.id = s.entry_id \
         ORDER BY e.number LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    sql(
        &app,
        &format!("UPDATE scores SET value = 1 WHERE entry_id = {score_id}"),
    )
    .await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "entry {number}: the scores in the database no longer give"
        )),
        "{out}"
    );

    // The published file verifies on its own, and fails once edited.
    assert_eq!(
        phase(admin, path, "revealed").await.status,
        StatusCode::SEE_OTHER
    );
    let (_, _, json) = app
        .browser()
        .get_bytes(&format!("/contests/{slug}/reveal.json"))
        .await;
    let file = app.dir.path().join("reveal.json");
    std::fs::write(&file, &json).unwrap();
    let file = file.to_str().unwrap();
    let (ok, out) = photojury(&app, &["verify", "--contest", slug, "--file", file]);
    assert!(ok, "{out}");
    let mut bundle: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let first = bundle["entries"][0]["number"].clone();
    bundle["entries"][0]["participant_id"] = serde_json::json!(999_999);
    std::fs::write(file, bundle.to_string()).unwrap();
    let (ok, out) = photojury(&app, &["verify", "--contest", slug, "--file", file]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "entry {first}: its author, originals, images, identity digest or salt"
        )),
        "{out}"
    );
    let wrong = "0".repeat(64);
    std::fs::write(file, &json).unwrap();
    let (ok, out) = photojury(
        &app,
        &[
            "verify",
            "--contest",
            slug,
            "--file",
            file,
            "--commitment",
            &wrong,
        ],
    );
    assert!(
        !ok && out.contains("differs from the one you saw published"),
        "{out}"
    );
}

#[tokio::test]
async fn the_audit_chain_finds_an_edited_and_a_deleted_row() {
    let app = TestApp::spawn().await;
    let (_contest, _) = finalized(&app).await;
    let (ok, out) = photojury(&app, &["audit", "verify"]);
    assert!(ok, "{out}");
    let rows = app.count("audit_log").await;
    assert!(out.contains(&format!("OK: {rows} rows chained")), "{out}");

    let drop = if common::postgres_url().is_some() {
        "DROP TRIGGER audit_log_no_update_or_delete ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
    };
    sql(&app, drop).await;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_log ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    sql(
        &app,
        &format!(
            "UPDATE audit_log SET detail = 'nothing happened' WHERE id = {}",
            ids[2]
        ),
    )
    .await;
    let (ok, out) = photojury(&app, &["audit", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("row {}: its content was changed", ids[2])),
        "{out}"
    );

    sql(
        &app,
        &format!("DELETE FROM audit_log WHERE id = {}", ids[2]),
    )
    .await;
    let (ok, out) = photojury(&app, &["audit", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("row {}: does not follow", ids[3])),
        "{out}"
    );

    let newest = ids[ids.len() - 1];
    sql(
        &app,
        &format!("DELETE FROM audit_log WHERE id >= {}", ids[3]),
    )
    .await;
    let (ok, out) = photojury(&app, &["audit", "verify"]);
    assert!(
        !ok && out.contains("the newest rows were deleted"),
        "{out} (newest was {newest})"
    );
}
