//! Crash safety: the real server is killed with SIGKILL again and again, at
//! random moments, while participants upload photos, and started again on the
//! same data dir and database. Afterwards every row's files exist with the
//! hashes the row names, start-up has removed every temp file, the SQLite
//! integrity check passes, and every upload a client saw succeed is there.

use crate::common;

use std::collections::HashSet;
use std::io::Cursor;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::{Browser, TestApp, contest_fields, entrant};
use rand::Rng;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

const SLUG: &str = "crash";
const ROUNDS: usize = 20;
const UPLOADERS: usize = 4;
/// 90 per uploader: fewer than the portfolio limit (100), more than twenty
/// rounds get through (so no round is spent idle).
const PHOTOS: usize = 360;

/// The real binary, serving the test's data dir and database on a free port.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(app: &TestApp, round: usize) -> Self {
        let dir = app.dir.path();
        let log = dir.join(format!("server-{round}.out"));
        let out = std::fs::File::create(&log).unwrap();
        let err = std::fs::File::create(dir.join(format!("server-{round}.err"))).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_photojury"))
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(dir)
            .env("PHOTOJURY_DATABASE_URL", &app.config.database_url)
            .env_remove("RUST_LOG")
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .unwrap();
        // Owned from here: a failed start is killed and reaped by `Drop`.
        let mut server = Self {
            child,
            base: String::new(),
        };
        match common::wait_until_serving(&log) {
            Ok(base) => server.base = base,
            Err(printed) => panic!("the server did not start: {printed}"),
        }
        server
    }

    /// SIGKILL: no shutdown code runs, like a power cut for the process.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A distinct 1000×750 photo with noise (so it takes real work to derive).
fn photo(seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005) | 1;
    let img = image::RgbImage::from_fn(1000, 750, |x, y| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let noise = (state >> 59) as u8;
        image::Rgb([
            (x / 5) as u8 ^ noise,
            (y / 4) as u8,
            (seed as u8).wrapping_add(noise),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Uploads photos one after another until the server goes away; returns the
/// SHA-256 of each upload the server answered with success.
async fn upload_until_killed(
    client: reqwest::Client,
    base: String,
    token: String,
    photos: Arc<Vec<Vec<u8>>>,
    first: usize,
    step: usize,
    acks: Arc<AtomicUsize>,
) -> Vec<String> {
    let mut acknowledged = Vec::new();
    let mut index = first;
    while index < photos.len() {
        let bytes = photos[index].clone();
        let sha = sha256_hex(&bytes);
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("photo.jpg")
            .mime_str("image/jpeg")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("title", format!("Photo {index}"))
            .part("file", part);
        let sent = client
            .post(format!("{base}/contests/{SLUG}/entry/photos?csrf={token}"))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await;
        let Ok(response) = sent else { break };
        let status = response.status();
        let Ok(body) = response.text().await else {
            break;
        };
        if status == StatusCode::OK {
            assert!(body.contains("\"added\""), "{body}");
            acknowledged.push(sha);
            acks.fetch_add(1, Ordering::SeqCst);
        } else {
            // Refused as a duplicate: the photo was stored in a round whose
            // answer the kill cut off. Anything else is a failure.
            assert!(body.contains("already in this contest"), "{status} {body}");
        }
        index += step;
    }
    acknowledged
}

/// Every stored row and its files, checked against the disk.
async fn check_store(app: &TestApp, acknowledged: &HashSet<String>) -> usize {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT original_sha256, large_sha256, thumb_sha256 FROM photos")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let objects = app.dir.path().join("files").join("objects");
    for (original, large, thumb) in &rows {
        for hash in [original, large, thumb] {
            let path = objects.join(&hash[..2]).join(hash);
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("a row points to {}: {e}", path.display()));
            assert_eq!(&sha256_hex(&bytes), hash, "{} is damaged", path.display());
        }
    }
    let originals: HashSet<&String> = rows.iter().map(|(o, _, _)| o).collect();
    for sha in acknowledged {
        assert!(
            originals.contains(sha),
            "an upload answered with success is missing: {sha}"
        );
    }
    rows.len()
}

/// The temp files under `files/tmp/` (every process's folder), not counting
/// the folders' lock files.
fn temp_files(tmp: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(tmp).unwrap().flatten() {
        if entry.path().is_dir() {
            found.extend(temp_files(&entry.path()));
        } else if entry.file_name() != ".lock" {
            found.push(entry.path().display().to_string());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_during_uploads_loses_nothing_it_acknowledged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/admin/contests/new").await;
    let mut fields = contest_fields(SLUG, "Crash 2026");
    for field in &mut fields {
        match field.0 {
            "closes_at" => field.1 = "2099-12-31T23:59",
            "max_photos" => field.1 = "100",
            _ => {}
        }
    }
    let created = admin.post("/admin/contests", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created.location().to_owned();
    admin.get(&path).await;
    for name in ["Students", "Open"] {
        let category = [
            ("name", name),
            ("description", "anyone"),
            ("max_photos", ""),
        ];
        admin.post(&format!("{path}/categories"), &category).await;
    }
    let criterion = [
        ("name", "Impact"),
        ("description", ""),
        ("weight", "1"),
        ("scale_min", "1"),
        ("scale_max", "10"),
    ];
    admin.post(&format!("{path}/criteria"), &criterion).await;
    let opened = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);

    // Sessions live in the database, so these sign-ins hold on every restart.
    let mut uploaders: Vec<Browser> = Vec::new();
    for n in 0..UPLOADERS {
        let email = format!("entrant{n}@example.org");
        uploaders.push(entrant(&app, SLUG, &email, &format!("Entrant {n}")).await);
    }
    let photos: Arc<Vec<Vec<u8>>> = Arc::new(
        tokio::task::spawn_blocking(|| (0..PHOTOS as u64).map(photo).collect())
            .await
            .unwrap(),
    );

    let mut acknowledged = HashSet::new();
    let mut kills = 0;
    let mut cut_writes = 0;
    let mut offset = 0;
    for round in 0..ROUNDS {
        let server = Server::start(&app, round);
        let tmp = app.dir.path().join("files").join("tmp");
        assert_eq!(
            temp_files(&tmp),
            Vec::<String>::new(),
            "temp files after start-up"
        );
        let acks = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for (n, browser) in uploaders.iter().enumerate() {
            let token = browser.csrf.lock().unwrap().clone().unwrap();
            tasks.push(tokio::spawn(upload_until_killed(
                browser.client.clone(),
                server.base.clone(),
                token,
                photos.clone(),
                offset + n,
                UPLOADERS,
                acks.clone(),
            )));
        }
        // Kill at a random moment: while reading a body, decoding, writing a
        // file, committing a row or answering. Every other round first waits
        // for one upload to succeed, so that a loaded machine (where the
        // first upload may take longer than the random wait) still kills
        // after acknowledged uploads, the case the test is about.
        if round % 2 == 1 {
            let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
            while acks.load(Ordering::SeqCst) == 0 {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "no upload succeeded within a minute"
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        let wait = rand::rng().random_range(30..500);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        kills += 1;
        // What the kill cut off: temp files mid-write (start-up removes them).
        cut_writes += temp_files(&tmp).len();
        for task in tasks {
            acknowledged.extend(task.await.unwrap());
        }
        // The next round starts with photos nobody has sent yet (and sends
        // again the ones that may have been cut off: they must be refused as
        // duplicates if their row landed, or be accepted).
        offset += UPLOADERS * 2;
        let stored = check_store(&app, &acknowledged).await;
        assert!(stored >= acknowledged.len());
    }
    assert_eq!(kills, ROUNDS);
    assert!(
        acknowledged.len() < PHOTOS - UPLOADERS,
        "the photos ran out before the last round: raise PHOTOS"
    );
    assert!(
        acknowledged.len() >= ROUNDS / 2,
        "too few uploads completed to mean anything: {}",
        acknowledged.len()
    );

    // One more start cleans up what the last kill left; then check it all.
    let server = Server::start(&app, ROUNDS);
    let tmp = app.dir.path().join("files").join("tmp");
    assert_eq!(temp_files(&tmp), Vec::<String>::new());
    let stored = check_store(&app, &acknowledged).await;
    let entry = uploaders[0]
        .client
        .get(format!("{}/contests/{SLUG}/entry", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(entry.status(), StatusCode::OK);
    let page = entry.text().await.unwrap();
    assert!(
        page.contains("Photo "),
        "the restarted server shows the portfolio"
    );
    server.kill();
    if !photojury_is_postgres(&app) {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(check, "ok");
    }
    eprintln!(
        "{kills} kills, {cut_writes} temp files left by them, {} uploads acknowledged, \
         {stored} photos stored",
        acknowledged.len()
    );
}

fn photojury_is_postgres(app: &TestApp) -> bool {
    app.config.is_postgres()
}
