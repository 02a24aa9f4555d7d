//! `photojury backup` and `restore` while the server runs: a backup taken
//! during an upload rush and scoring holds everything acknowledged before it
//! began, restores into a data dir that verifies, and copies only new files
//! the next time.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use reqwest::StatusCode;

use crate::announce::photojury;
use crate::common::jury::{Setup, judged, queue_of, score};
use crate::common::{self, TestApp, contest_fields, entrant};

fn run(data_dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[tokio::test]
async fn a_backup_taken_during_uploads_and_scoring_restores_everything_acknowledged_before_it() {
    let app = TestApp::spawn().await;
    let contest = judged(&app, Setup::default()).await;
    // A second contest takes entries while the first one is judged.
    let mut fields = contest_fields("rush", "Rush");
    fields.retain(|(k, _)| *k != "closes_at");
    fields.push(("closes_at", "2027-12-31T23:59"));
    contest.admin.get("/admin/contests/new").await;
    let made = contest.admin.post("/admin/contests", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let rush_path = made.location().to_owned();
    contest.admin.get(&rush_path).await;
    for name in ["Others", "Everyone"] {
        let f = [("name", name), ("description", "all"), ("max_photos", "")];
        let cat = contest
            .admin
            .post(&format!("{rush_path}/categories"), &f)
            .await;
        assert_eq!(cat.status, StatusCode::SEE_OTHER, "{}", cat.body);
    }
    let f = [
        ("name", "Merit"),
        ("description", ""),
        ("weight", "1"),
        ("scale_min", "1"),
        ("scale_max", "10"),
    ];
    contest
        .admin
        .post(&format!("{rush_path}/criteria"), &f)
        .await;
    let open = contest
        .admin
        .post(&format!("{rush_path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(open.status, StatusCode::SEE_OTHER, "{}", open.body);

    // How many uploads and score saves have been acknowledged so far.
    let (uploads, saves) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut uploaders = Vec::new();
    for p in 0..3u64 {
        let who = entrant(
            &app,
            "rush",
            &format!("rush{p}@example.org"),
            &format!("Rush Person {p}"),
        )
        .await;
        let uploads = uploads.clone();
        uploaders.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for n in 0..6u64 {
                let title = format!("rush-{p}-{n}");
                let photo = common::noisy_jpeg(100 + p * 10 + n, 640, 480);
                let page = who
                    .upload(
                        "/contests/rush/entry/photos",
                        &[("title", &title)],
                        vec![("p.jpg", photo)],
                        true,
                    )
                    .await;
                if page.status == StatusCode::OK {
                    acked.push((title, Instant::now()));
                    uploads.fetch_add(1, Ordering::SeqCst);
                }
            }
            acked
        }));
    }
    let juror = contest.jurors.into_iter().next().unwrap();
    let slug = contest.slug;
    let counted = saves.clone();
    let scorer = tokio::spawn(async move {
        let mut saved = Vec::new();
        for number in queue_of(&juror, slug).await {
            let page = score(&juror, slug, &number, &["7", "6"], "stay").await;
            if page.status == StatusCode::SEE_OTHER {
                saved.push((number, Instant::now()));
                counted.fetch_add(1, Ordering::SeqCst);
            }
        }
        saved
    });
    // The backup starts once work is under way, and runs while it goes on.
    for _ in 0..1500 {
        if uploads.load(Ordering::SeqCst) >= 2 && saves.load(Ordering::SeqCst) >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let backup_dir = app.dir.path().join("backup");
    let target = backup_dir.to_str().unwrap().to_owned();
    let began = Instant::now();
    let backup = {
        let (dir, url) = (app.config.data_dir.clone(), app.config.database_url.clone());
        let target = target.clone();
        tokio::task::spawn_blocking(move || {
            run(&dir, &["--database-url", &url, "backup", "--to", &target])
        })
    };
    let (ok, out) = backup.await.unwrap();
    assert!(ok, "{out}");
    let mut acked = Vec::new();
    for task in uploaders {
        acked.extend(task.await.unwrap());
    }
    let scored = scorer.await.unwrap();
    let acked_before: Vec<&String> = acked
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(t, _)| t)
        .collect();
    let scored_before: Vec<&String> = scored
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(n, _)| n)
        .collect();
    assert!(
        !acked_before.is_empty() && !scored_before.is_empty(),
        "the backup began before any work: {out}"
    );

    eprintln!(
        "uploads acknowledged before / after the backup began: {} / {}; score saves: {} / {}",
        acked_before.len(),
        acked.len() - acked_before.len(),
        scored_before.len(),
        scored.len() - scored_before.len()
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(backup_dir.join("manifest.json")).unwrap()).unwrap();
    if common::postgres_url().is_some() {
        // The database is pg_dump's; the command copied the files.
        assert!(out.contains("pg_dump"), "{out}");
        assert!(manifest["database_sha256"].is_null());
        let copy = photojury::images::FileStore::open(&backup_dir).unwrap();
        for hash in manifest["files"].as_object().unwrap().keys() {
            assert!(copy.contains(hash), "{hash}");
        }
        return;
    }

    let restored = app.dir.path().join("restored");
    let (ok, out) = run(&restored, &["restore", "--from", &target]);
    assert!(ok && out.contains("integrity ok"), "{out}");
    let db = photojury::db::Db::connect(&photojury::config::default_database_url(&restored))
        .await
        .unwrap();
    for title in &acked_before {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photos WHERE title = $1")
            .bind(title.as_str())
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1, "{title} was acknowledged before the backup began");
    }
    for number in &scored_before {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM scores s JOIN entries e ON e.id = s.entry_id WHERE e.number = $1",
        )
        .bind(number.parse::<i64>().unwrap())
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert!(
            n >= 2,
            "the score of entry {number} was saved before the backup began"
        );
    }
    let files = photojury::images::FileStore::open(&restored).unwrap();
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT original_sha256, large_sha256, thumb_sha256 FROM photos")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(rows.len() >= 8 + acked_before.len());
    for (a, b, c) in rows {
        for hash in [a, b, c] {
            assert!(
                files.contains(&hash),
                "a row references {hash}, missing after restore"
            );
        }
    }
    let (ok, out) = run(&restored, &["verify", "--contest", slug]);
    assert!(ok, "{out}");
    let (ok, out) = run(&restored, &["audit", "verify"]);
    assert!(ok, "{out}");
    assert!(
        !run(&restored, &["restore", "--from", &target]).0,
        "a restore never overwrites a database"
    );

    // Again: only what is new is copied; then nothing.
    let (ok, out) = photojury(&app, &["backup", "--to", &target]);
    assert!(ok, "{out}");
    let (ok, out) = photojury(&app, &["backup", "--to", &target]);
    assert!(ok && out.contains("(0 copied now"), "{out}");
    assert!(app.count("audit_log WHERE action = 'system.backup'").await >= 3);
}
