//! Running it for real: retention of originals after the announcement, a
//! person deleting their account (before judging: gone; after: withdrawn,
//! still verifiable), the export of a person's data, the admin's system page
//! and the nightly backup unit.

use std::io::Read;

use photojury::images::store::sha256_hex;
use photojury::results::verify::{Published, check_published};
use reqwest::StatusCode;

use crate::announce::{finalized, phase, photojury, sql};
use crate::common::jury::Judged;
use crate::common::{self, Browser, TestApp, create_contest, entrant};

const DAY: i64 = 86_400;

/// A contest taken to the announcement with the top entry of each category
/// awarded first (the other two entries won nothing).
async fn announced(app: &TestApp) -> Judged {
    let (contest, _) = finalized(app).await;
    let (admin, path) = (&contest.admin, &contest.admin_path);
    let revealed = phase(admin, path, "revealed").await;
    assert_eq!(revealed.status, StatusCode::SEE_OTHER, "{}", revealed.body);
    let form = admin.get(&format!("{path}/awards")).await;
    let tops: Vec<String> = form
        .body
        .split("<h2>")
        .skip(1)
        .take(2)
        .map(|section| {
            let id = section.split("id=\"award-row-").nth(1).unwrap();
            format!("award-{}", id.split('"').next().unwrap())
        })
        .collect();
    let fields = [
        (tops[0].as_str(), "first"),
        (tops[1].as_str(), "first"),
        ("reason", "one award per category"),
    ];
    let saved = admin.post(&format!("{path}/awards"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let done = phase(admin, path, "announced").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    contest
}

/// The stored files' hashes of the photos that retention or a withdrawal
/// may touch, as (original, large, thumb, awarded).
async fn photo_files(app: &TestApp) -> Vec<(String, String, String, bool)> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT ph.original_sha256, ph.large_sha256, ph.thumb_sha256, \
         (SELECT COUNT(*) FROM entries e JOIN awards a ON a.entry_id = e.id \
          WHERE e.photo_id = ph.id AND a.award IS NOT NULL) FROM photos ph ORDER BY ph.id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(o, l, t, won)| (o, l, t, won > 0))
        .collect()
}

#[tokio::test]
async fn retention_deletes_the_files_of_entries_that_won_nothing_and_verify_still_passes() {
    let app = TestApp::spawn().await;
    let contest = announced(&app).await;
    let (admin, id) = (&contest.admin, contest.contest_id);
    let sweep = |at: i64| {
        let state = app.state.clone();
        async move {
            photojury::workflow::retention::sweep(&state.db, &state.files, at)
                .await
                .unwrap()
        }
    };

    // Kept until an admin sets a time: nothing is deleted, however late.
    assert_eq!(sweep(common::START + 3650 * DAY).await.photos, 0);
    let system = admin.get("/admin/system").await;
    assert_eq!(system.status, StatusCode::OK);
    system.assert_contains(&format!("id=\"retention-{id}\""));
    let bad = admin
        .post(
            &format!("/admin/contests/{id}/retention"),
            &[("days", "-3")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    bad.assert_contains("whole number from 0 to 36500");
    assert_eq!(
        app.count("contests WHERE keep_originals_days IS NOT NULL")
            .await,
        0
    );
    admin.get("/admin/system").await;
    let set = admin
        .post(
            &format!("/admin/contests/{id}/retention"),
            &[("days", "30")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert_eq!(
        app.count("contests WHERE keep_originals_days = 30").await,
        1
    );

    // Day 29 after the announcement: still kept. Day 30: the two entries
    // that won nothing lose their files; the winners keep theirs.
    let announced_at: i64 = sqlx::query_scalar("SELECT announced_at FROM contests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(announced_at >= common::START);
    assert_eq!(sweep(announced_at + 29 * DAY).await.photos, 0);
    let swept = sweep(announced_at + 30 * DAY).await;
    assert_eq!((swept.contests, swept.photos, swept.files), (1, 2, 6));
    let files = photo_files(&app).await;
    assert_eq!(files.iter().filter(|f| f.3).count(), 2);
    for (original, large, thumb, won) in &files {
        for hash in [original, large, thumb] {
            assert_eq!(
                app.state.files.local().contains(hash),
                *won,
                "{hash} (won: {won})"
            );
        }
    }
    assert_eq!(
        app.count(
            "photos WHERE original_deleted_at IS NOT NULL AND derivatives_deleted_at IS NOT NULL"
        )
        .await,
        2
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'contest.retention'")
            .await,
        1
    );
    assert_eq!(sweep(announced_at + 31 * DAY).await, Default::default());

    // The winners page still shows the winners' images; the rest are 404.
    let winners = app
        .browser()
        .get(&format!("/contests/{}/winners", contest.slug))
        .await;
    let images: Vec<String> = winners
        .body
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.starts_with("/contests/"))
        .map(str::to_owned)
        .collect();
    assert!(!images.is_empty(), "{}", winners.body);
    for image in images {
        let (status, _, _) = app.browser().get_bytes(&image).await;
        assert_eq!(status, StatusCode::OK, "{image}");
    }

    // verify: OK, with a note that says what was deleted on purpose; a
    // backup neither copies nor misses the deleted files.
    let (ok, out) = photojury(&app, &["verify", "--contest", contest.slug]);
    assert!(ok, "{out}");
    assert!(
        out.contains("2 originals and 2 photos' large images"),
        "{out}"
    );
    let backup = app.dir.path().join("backup");
    let (ok, out) = photojury(&app, &["backup", "--to", backup.to_str().unwrap()]);
    assert!(ok, "{out}");
}

/// Reads the ZIP a download answered with: name → bytes.
pub(crate) fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        member.read_to_end(&mut content).unwrap();
        out.insert(member.name().unwrap().to_string(), content);
    }
    out
}

/// Asks for the export from the account page's form; status, content
/// type and the body's bytes.
pub(crate) async fn download(who: &Browser, password: &str) -> (StatusCode, String, Vec<u8>) {
    who.get("/account").await;
    let token = who.csrf.lock().unwrap().clone().unwrap_or_default();
    let response = who
        .client
        .post(format!("{}/account/export", who.base))
        .form(&[("csrf", token.as_str()), ("password", password)])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, kind, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_person_downloads_everything_held_about_them_and_nothing_about_anyone_else() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "export").await;
    let open = phase(&admin, &path, "open").await;
    assert_eq!(open.status, StatusCode::SEE_OTHER, "{}", open.body);
    let me = entrant(&app, "export", "me@example.org", "Aigerim Exportova").await;
    let other = entrant(&app, "export", "other@example.org", "Someone Else").await;
    let mine = common::noisy_jpeg(7, 640, 480);
    for (who, photo, title) in [
        (&me, mine.clone(), "Dawn at the border"),
        (&other, common::noisy_jpeg(8, 640, 480), "Not mine"),
    ] {
        let page = who
            .upload(
                "/contests/export/entry/photos",
                &[("title", title)],
                vec![("p.jpg", photo)],
                true,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }

    let (status, _, body) = download(&me, "wrong-password").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(String::from_utf8_lossy(&body).contains("The password is not right."));
    let (status, kind, body) = download(&me, "person-password").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/zip");
    let files = unzip(&body);
    let json: serde_json::Value = serde_json::from_slice(&files["photojury-data.json"]).unwrap();
    assert_eq!(json["format"], "photojury-personal-data-v1");
    assert_eq!(json["account"]["email"], "me@example.org");
    let portfolio = &json["portfolios"][0];
    assert_eq!(portfolio["full_name"], "Aigerim Exportova");
    assert_eq!(portfolio["country"], "Kyrgyzstan");
    assert_eq!(portfolio["consent_name"], true);
    assert_eq!(portfolio["photos"][0]["title"], "Dawn at the border");
    assert_eq!(portfolio["photos"][0]["original_sha256"], sha256_hex(&mine));
    assert_eq!(portfolio["photos"][0]["original"], "photos/export/1.jpg");
    assert_eq!(
        files["photos/export/1.jpg"], mine,
        "the original, byte for byte"
    );
    let everything = String::from_utf8_lossy(&files["photojury-data.json"]).into_owned();
    for theirs in ["Someone Else", "other@example.org", "Not mine"] {
        assert!(!everything.contains(theirs), "{theirs} in {everything}");
    }
    assert_eq!(files.len(), 2, "{:?}", files.keys());
    assert_eq!(
        app.count("audit_log WHERE action = 'account.export'").await,
        1
    );
}

/// Deletes the account from its page's form; the answer says what became
/// of the entries.
async fn delete_account(who: &Browser, summary: &str) {
    who.get("/account").await;
    let gone = who
        .post(
            "/account/delete",
            &[("password", "person-password"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    gone.assert_contains("Your account has been deleted");
    gone.assert_contains(summary);
}

#[tokio::test]
async fn deleting_an_account_before_judging_removes_its_entry_and_photos() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "leaving").await;
    phase(&admin, &path, "open").await;
    let me = entrant(&app, "leaving", "leaver@example.org", "Leaving Person").await;
    let stays = entrant(&app, "leaving", "stays@example.org", "Staying Person").await;
    for (who, seed) in [(&me, 1), (&stays, 2)] {
        let page = who
            .upload(
                "/contests/leaving/entry/photos",
                &[("title", "t")],
                vec![("p.jpg", common::noisy_jpeg(seed, 640, 480))],
                true,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    assert_eq!(common::stored_files(&app), 6);

    // Refused without the box ticked, with a wrong password, for an admin:
    // nothing changes.
    for (who, fields, message) in [
        (&me, vec![("password", "person-password")], "Tick the box"),
        (
            &me,
            vec![("password", "nope-nope-nope"), ("confirm", "yes")],
            "The password is not right.",
        ),
        (
            &admin,
            vec![("password", "admin-password"), ("confirm", "yes")],
            "ask another administrator",
        ),
    ] {
        who.get("/account").await;
        let page = who.post("/account/delete", &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.assert_contains(message);
    }
    assert_eq!(app.count("portfolios").await, 2);

    delete_account(
        &me,
        "1 entry was deleted with its photos; 0 entries already judged",
    )
    .await;
    assert_eq!(app.count("portfolios").await, 1);
    assert_eq!(app.count("photos").await, 1);
    assert_eq!(
        common::stored_files(&app),
        3,
        "the leaver's three files are gone"
    );
    assert_eq!(
        app.count("users WHERE email = 'leaver@example.org'").await,
        0
    );
    assert_eq!(app.count("users WHERE deleted_at IS NOT NULL").await, 1);
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'account.delete'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(
        detail.contains("1 portfolios removed before judging, 0 withdrawn"),
        "{detail}"
    );
    assert!(!detail.contains("leaver"), "{detail}");
    // Signed out, and the old password opens nothing.
    assert_eq!(me.get("/account").await.status, StatusCode::SEE_OTHER);
    let again = app.browser();
    again.get("/login").await;
    let login = again
        .post(
            "/login",
            &[
                ("email", "leaver@example.org"),
                ("password", "person-password"),
            ],
        )
        .await;
    assert_ne!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
    // The other participant's entry is untouched.
    let theirs = stays.get("/contests/leaving/entry").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(
        app.count("portfolios WHERE full_name = 'Staying Person'")
            .await,
        1
    );
}

#[tokio::test]
async fn deleting_an_account_after_the_announcement_withdraws_the_name_and_verify_still_passes() {
    let app = TestApp::spawn().await;
    let contest = announced(&app).await;
    let slug = contest.slug;
    let scores = app.count("scores").await;

    // A juror's own export holds what they scored and wrote, by number.
    let (status, _, body) = download(&contest.jurors[0], "juror-password").await;
    assert_eq!(status, StatusCode::OK);
    let files = unzip(&body);
    let json: serde_json::Value = serde_json::from_slice(&files["photojury-data.json"]).unwrap();
    let judged = json["jury"][0]["entries"].as_array().unwrap();
    assert_eq!(judged.len(), 4);
    let first = &judged[0];
    let number = first["assignment"]["entry"].as_i64().unwrap();
    assert_eq!(
        first["assignment"]["comment"],
        format!("comment {number} by juror 0")
    );
    assert_eq!(first["scores"].as_array().unwrap().len(), 2);
    assert!(!String::from_utf8_lossy(&files["photojury-data.json"]).contains("Mrkname"));

    let me = &contest.participants[0];
    let originals: Vec<String> = sqlx::query_scalar(
        "SELECT ph.original_sha256 FROM photos ph JOIN portfolios p ON p.id = ph.portfolio_id \
         JOIN users u ON u.id = p.user_id WHERE u.email = 'mrkmail0x0@example.org'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(originals.len(), 1);
    delete_account(
        me,
        "0 entries were deleted with their photos; 1 entry already judged",
    )
    .await;

    // The entry and its scores stay; the name, university and original go.
    assert_eq!(app.count("scores").await, scores);
    assert_eq!(app.count("portfolios").await, 4);
    assert_eq!(
        app.count("portfolios WHERE full_name = 'withdrawn' AND withdrawn_at IS NOT NULL")
            .await,
        1
    );
    assert_eq!(
        app.count("portfolios WHERE full_name LIKE '%0x0%' OR university LIKE '%0x0%'")
            .await,
        0
    );
    assert!(
        !app.state.files.local().contains(&originals[0]),
        "original deleted"
    );
    let winners = app
        .browser()
        .get(&format!("/contests/{slug}/winners"))
        .await;
    assert!(!winners.body.contains("Mrkname 0x0"), "{}", winners.body);
    let results = contest
        .admin
        .get(&format!("{}/results", contest.admin_path))
        .await;
    assert!(!results.body.contains("Mrkname 0x0"));
    assert!(!results.body.contains("mrkmail0x0"));

    // The published bundle still checks out; verify is OK and says why the
    // name cannot be checked.
    let (status, _, json) = app
        .browser()
        .get_bytes(&format!("/contests/{slug}/reveal.json"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let bundle: Published = serde_json::from_slice(&json).unwrap();
    assert!(check_published(&bundle).is_empty());
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
    assert!(out.contains("its author withdrew on"), "{out}");
    assert!(out.contains("1 originals and 0 photos'"), "{out}");
    // Changing the scores (past the lock) is still caught.
    let drop = if common::postgres_url().is_some() {
        "DROP TRIGGER scores_locked ON scores"
    } else {
        "DROP TRIGGER scores_locked_update"
    };
    sql(&app, drop).await;
    sql(&app, "UPDATE scores SET value = 1").await;
    let (ok, out) = photojury(&app, &["verify", "--contest", slug]);
    assert!(!ok, "{out}");
}

#[tokio::test]
async fn the_system_page_shows_the_server_and_warns_until_a_backup_is_made_by_the_nightly_unit() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let page = admin.get("/admin/system").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&format!("photojury {}", env!("CARGO_PKG_VERSION")));
    let database = if app.config.is_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    page.assert_contains(database);
    page.assert_contains("No backup has been made");
    assert!(!page.body.contains("password@"), "no credentials shown");
    let participant = app.person("p@example.org").await;
    assert_ne!(
        participant.get("/admin/system").await.status,
        StatusCode::OK
    );

    // The backup unit's own command line, with its paths moved to the test's.
    let unit = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("contrib/systemd/photojury-backup.service"),
    )
    .unwrap();
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    let backups = app.dir.path().join("backups");
    let mut words = exec.split_whitespace();
    assert_eq!(words.next(), Some("/usr/local/bin/photojury"));
    let args: Vec<String> = words
        .map(|w| w.replace("/var/backups/photojury", backups.to_str().unwrap()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(unit.contains("Environment=PHOTOJURY_DATA_DIR=/var/lib/photojury"));
    let (ok, out) = photojury(&app, &args);
    assert!(ok, "{out}");
    assert!(backups.join("manifest.json").exists(), "{out}");
    let timer = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("contrib/systemd/photojury-backup.timer"),
    )
    .unwrap();
    assert!(timer.contains("OnCalendar=*-*-* 03:15:00") && timer.contains("Persistent=true"));

    let page = admin.get("/admin/system").await;
    assert!(
        !page.body.contains("No backup has been made"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("older than 24 hours"));
    let last = page.body.split("id=\"last-backup\">").nth(1).unwrap();
    assert!(last.starts_with("20"), "{last}");
}
