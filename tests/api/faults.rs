//! Faults under a running server: the disk fills up or turns read-only, and
//! the PostgreSQL server restarts. Requests fail with a clear 503 while the
//! fault lasts, nothing half-written remains, and the same process works
//! again once the fault is gone.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Browser, TestApp, create_contest, entrant};
use reqwest::StatusCode;

const SLUG: &str = "faults";

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The real binary in its own mount namespace, with `DATA/files` on a small
/// tmpfs (16 MB, 15 MB of it taken by a filler file), so the test can fill the
/// disk and make it read-only without touching the machine's disks.
struct ConfinedServer {
    child: Child,
    base: String,
    files: PathBuf,
}

impl ConfinedServer {
    fn start(app: &TestApp) -> Self {
        let dir = app.dir.path();
        let files = dir.join("files");
        let out = dir.join("confined.out");
        let script = r#"mount -t tmpfs -o size=16m photojury-test "$1/files" \
            && dd if=/dev/zero of="$1/files/filler" bs=1M count=15 status=none \
            && exec "$2" serve --addr 127.0.0.1:0 --data-dir "$1""#;
        let child = Command::new("unshare")
            .args([
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
            ])
            .arg(dir)
            .arg(env!("CARGO_BIN_EXE_photojury"))
            .env("PHOTOJURY_DATABASE_URL", &app.config.database_url)
            .env_remove("RUST_LOG")
            .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
            .stderr(Stdio::from(
                std::fs::File::create(dir.join("confined.err")).unwrap(),
            ))
            .spawn()
            .unwrap();
        // Owned from here: a failed start is killed and reaped by `Drop`.
        let mut server = Self {
            child,
            base: String::new(),
            files,
        };
        match common::wait_until_serving(&out) {
            Ok(base) => server.base = base,
            Err(printed) => {
                let err = std::fs::read_to_string(dir.join("confined.err")).unwrap_or_default();
                panic!("the server did not start: {printed} {err}");
            }
        }
        server
    }

    /// Runs a command inside the server's mount namespace.
    fn inside(&self, args: &[&str]) -> String {
        let pid = self.child.id().to_string();
        run(Command::new("nsenter")
            .args(["-t", &pid, "-m", "--"])
            .args(args))
    }

    /// Every regular file under `DATA/files` (but the temp folder's lock), as
    /// the server sees it.
    fn stored(&self) -> Vec<String> {
        let files = self.files.to_string_lossy().into_owned();
        let mut list: Vec<String> = self
            .inside(&["find", &files, "-type", "f", "!", "-name", ".lock"])
            .lines()
            .map(str::to_owned)
            .collect();
        list.sort();
        list
    }
}

impl Drop for ConfinedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Uploads one photo to the confined server as the page's script does.
async fn upload(b: &Browser, base: &str, bytes: Vec<u8>) -> (StatusCode, String) {
    let token = b.csrf.lock().unwrap().clone().unwrap();
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("photo.jpg")
        .mime_str("image/jpeg")
        .unwrap();
    let response = b
        .client
        .post(format!("{base}/contests/{SLUG}/entry/photos?csrf={token}"))
        .header("accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_full_or_read_only_disk_refuses_uploads_clearly_and_leaves_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, SLUG).await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let participant = entrant(&app, SLUG, "ana@example.org", "Ana Lopez").await;
    let small = common::noisy_jpeg(1, 400, 300);
    let big = common::noisy_jpeg(2, 2000, 1500);
    assert!(
        big.len() > 1_500_000,
        "the big photo must not fit: {}",
        big.len()
    );
    let server = ConfinedServer::start(&app);

    let (status, body) = upload(&participant, &server.base, small).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.count("photos").await, 1);
    let before = server.stored();
    assert_eq!(before.len(), 4, "filler + three files: {before:?}");

    // Disk full: the original does not fit in what the filler leaves.
    let (status, body) = upload(&participant, &server.base, big.clone()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(
        body.contains("storage is full, not writable or cannot be reached"),
        "{body}"
    );
    assert_eq!(app.count("photos").await, 1, "no row for the refused photo");
    assert_eq!(server.stored(), before, "no temp file, no object left");

    // The same page without JavaScript gets the error page with the same words.
    let token = participant.csrf.lock().unwrap().clone().unwrap();
    let part = reqwest::multipart::Part::bytes(big.clone()).file_name("p.jpg");
    let page = participant
        .client
        .post(format!(
            "{}/contests/{SLUG}/entry/photos?csrf={token}",
            server.base
        ))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers()["retry-after"], "30");
    assert!(page.text().await.unwrap().contains("Nothing was saved"));

    // Space comes back: the same process takes the photo.
    let filler = server.files.join("filler").to_string_lossy().into_owned();
    server.inside(&["rm", &filler]);
    let (status, body) = upload(&participant, &server.base, big.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.count("photos").await, 2);
    let after_big = server.stored();
    assert_eq!(after_big.len(), 6, "{after_big:?}");

    // Read-only: refused the same way, nothing written, then writable again.
    let files = server.files.to_string_lossy().into_owned();
    server.inside(&["mount", "-o", "remount,ro", &files]);
    let third = common::noisy_jpeg(3, 400, 300);
    let (status, body) = upload(&participant, &server.base, third.clone()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("Nothing was saved"), "{body}");
    assert_eq!(app.count("photos").await, 2);
    assert_eq!(server.stored(), after_big);
    server.inside(&["mount", "-o", "remount,rw", &files]);
    let (status, body) = upload(&participant, &server.base, third).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.count("photos").await, 3);
}

/// A PostgreSQL server of the test's own (initdb in a temp dir, a free port),
/// so stopping it disturbs nobody else's tests.
struct PrivatePostgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_postgres: bool,
    _dir: tempfile::TempDir,
}

impl PrivatePostgres {
    fn command(&self, tool: &str) -> Command {
        let program = self.bin.join(tool);
        if self.as_postgres {
            // PostgreSQL refuses to run as root.
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn create() -> Self {
        let version = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's binaries in /usr/lib/postgresql")
            .flatten()
            .map(|e| e.path())
            .max()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let as_postgres = run(Command::new("id").arg("-u")).trim() == "0";
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(dir.path()));
        }
        let mut pg = Self {
            bin: version.join("bin"),
            data: dir.path().join("data"),
            port: 0,
            as_postgres,
            _dir: dir,
        };
        run(pg
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&pg.data));
        // The free port found here can be taken by another test's listener
        // before PostgreSQL binds it: then another port.
        for attempt in 1..=5 {
            pg.port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            match pg.try_start() {
                Ok(()) => return pg,
                Err(err) if attempt < 5 => eprintln!("retrying: {err}"),
                Err(err) => panic!("{err}"),
            }
        }
        unreachable!("the loop returns or panics")
    }

    fn start(&self) {
        if let Err(err) = self.try_start() {
            panic!("{err}");
        }
    }

    fn try_start(&self) -> Result<(), String> {
        let socket_dir = self.data.parent().unwrap_or(Path::new("/tmp"));
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {}",
            self.port,
            socket_dir.display()
        );
        let out = self
            .command("pg_ctl")
            .args(["-w", "-l"])
            .arg(self.data.with_extension("log"))
            .args(["-o", &options, "-D"])
            .arg(&self.data)
            .arg("start")
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            return Ok(());
        }
        let log = std::fs::read_to_string(self.data.with_extension("log")).unwrap_or_default();
        Err(format!(
            "pg_ctl start on port {}: {}\n{log}",
            self.port,
            String::from_utf8_lossy(&out.stderr)
        ))
    }

    fn stop(&self) {
        run(self
            .command("pg_ctl")
            .args(["-w", "-m", "fast", "-D"])
            .arg(&self.data)
            .arg("stop"));
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args(["-m", "immediate", "-D"])
            .arg(&self.data)
            .arg("stop")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

#[tokio::test]
async fn postgres_restarting_under_the_server_gives_clean_errors_then_recovers() {
    let pg = tokio::task::spawn_blocking(PrivatePostgres::create)
        .await
        .unwrap();
    let url = pg.url();
    let app = TestApp::spawn_with(|c| c.database_url = url).await;
    let admin = app.admin().await;
    let path = create_contest(&admin, SLUG).await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let visitor = app.browser();
    assert_eq!(
        visitor.get(&format!("/contests/{SLUG}")).await.status,
        StatusCode::OK
    );
    let categories_before = app.count("categories").await;

    pg.stop();
    let started = Instant::now();
    let page = visitor.get(&format!("/contests/{SLUG}")).await;
    let waited = started.elapsed();
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    page.assert_contains("database is not answering");
    eprintln!("the first request with the database down answered in {waited:?}");
    assert!(waited < Duration::from_secs(8), "the error took {waited:?}");
    let page = admin.get("/admin").await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    let fields = [
        ("name", "Late category"),
        ("description", ""),
        ("max_photos", ""),
    ];
    let page = admin.post(&format!("{path}/categories"), &fields).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(app.state.db.ping().await.is_err());

    pg.start();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = visitor.get(&format!("/contests/{SLUG}")).await;
        if page.status == StatusCode::OK {
            break;
        }
        assert!(Instant::now() < deadline, "no recovery: {}", page.status);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The admin's session survived (it lives in the database), and writes work.
    assert_eq!(
        app.count("categories").await,
        categories_before,
        "nothing changed while down"
    );
    assert_eq!(admin.get(&path).await.status, StatusCode::OK);
    let page = admin.post(&format!("{path}/categories"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("categories").await, categories_before + 1);
    admin.get(&path).await.assert_contains("Late category");
}
