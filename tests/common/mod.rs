//! Test harness: the real app on a random port with a fresh database (SQLite
//! in a temp dir, or a new PostgreSQL database when
//! `PHOTOJURY_TEST_DATABASE_URL` is set), and a cookie-keeping browser.
#![allow(dead_code)]

pub mod hostile;
pub mod jury;
pub mod smtp;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use photojury::accounts::password::NewPassword;
use photojury::accounts::queries::{Email, User};
use photojury::{AppState, Config, Db, ManualClock};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// 2026-11-26T09:00:00Z: the tests' "now" unless they move the clock.
pub const START: i64 = 1_795_683_600;

/// One running app with its own database.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub config: Config,
    pub dir: tempfile::TempDir,
    pg: Option<PgDatabase>,
}

/// A PostgreSQL database made for one test, dropped with it.
pub struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime; use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async move {
                use sqlx::Connection;
                sqlx::any::install_default_drivers();
                let mut conn = sqlx::AnyConnection::connect(&admin_url).await?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await?;
                Ok::<_, anyhow::Error>(())
            })
        })
        .join();
    }
}

/// The PostgreSQL server to test against, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("PHOTOJURY_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub async fn fresh_postgres(admin_url: &str) -> (String, PgDatabase) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!("pj_test_{}", hex::encode(rand::random::<[u8; 8]>()));
    let mut conn = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (base, _) = admin_url.split_once('?').unwrap_or((admin_url, ""));
    let (server, _) = base.rsplit_once('/').expect("database URL with a path");
    (
        format!("{server}/{name}"),
        PgDatabase {
            admin_url: admin_url.to_owned(),
            name,
        },
    )
}

/// A database nobody has opened yet, for tests of start-up itself: a new
/// PostgreSQL database when the suite runs on PostgreSQL (dropped with the
/// guard), else the default SQLite file of a fresh data dir in `dir`.
pub async fn unopened_database(dir: &std::path::Path) -> (String, Option<PgDatabase>) {
    match postgres_url() {
        Some(admin_url) => {
            let (url, guard) = fresh_postgres(&admin_url).await;
            (url, Some(guard))
        }
        None => (Config::new(dir).database_url, None),
    }
}

impl TestApp {
    /// The app with default settings.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// The app with settings changed by `tune`.
    pub async fn spawn_with(tune: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(dir.path());
        let mut pg = None;
        if let Some(admin_url) = postgres_url() {
            let (url, db) = fresh_postgres(&admin_url).await;
            config.database_url = url;
            pg = Some(db);
        }
        tune(&mut config);
        let db = Db::connect(&config.database_url)
            .await
            .expect("open database");
        Self::serve(db, config, dir, pg).await
    }

    /// Another server process over the same database (sessions must carry over).
    pub async fn second_server(&self) -> (String, AppState) {
        let db = Db::connect(&self.config.database_url)
            .await
            .expect("open database");
        let state = AppState::new(db, self.config.clone(), self.clock.clone())
            .expect("state")
            .with_redis()
            .await
            .expect("Redis");
        let base = listen(state.clone()).await;
        (base, state)
    }

    async fn serve(db: Db, config: Config, dir: tempfile::TempDir, pg: Option<PgDatabase>) -> Self {
        let start = DateTime::<Utc>::from_timestamp(START, 0).expect("start time");
        let clock = Arc::new(ManualClock::new(start));
        let state = AppState::new(db, config.clone(), clock.clone())
            .expect("state")
            .with_redis()
            .await
            .expect("Redis");
        let base = listen(state.clone()).await;
        Self {
            base,
            state,
            clock,
            config,
            dir,
            pg,
        }
    }

    /// A new browser with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// Creates an account directly (as `create-admin` would).
    pub async fn account(&self, email: &str, password: &str, admin: bool) -> User {
        let email = Email::parse(email).expect("email");
        let password = NewPassword::parse(password).expect("password");
        photojury::accounts::create_user(&self.state.db, &email, password, admin, START)
            .await
            .expect("create user")
    }

    /// A browser signed in as a new administrator.
    pub async fn admin(&self) -> Browser {
        self.account("admin@example.org", "admin-password", true)
            .await;
        let b = self.browser();
        b.sign_in("admin@example.org", "admin-password").await;
        b
    }

    /// A browser signed in as a new participant account.
    pub async fn person(&self, email: &str) -> Browser {
        self.account(email, "person-password", false).await;
        let b = self.browser();
        b.sign_in(email, "person-password").await;
        b
    }

    /// Counts rows of a table (optionally with a WHERE clause).
    pub async fn count(&self, table_and_where: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table_and_where}");
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count")
    }
}

/// Ana (limit of three failed sign-ins) guesses wrong three times, spread
/// over this app and a second server process on its database, and then is
/// refused with her right password by both; returns the second process's
/// browser.
pub async fn locked_out_over_two_processes(app: &TestApp) -> Browser {
    app.account("ana@example.org", "right password", false)
        .await;
    let (second, _state) = app.second_server().await;
    let one = app.browser();
    let two = Browser::new(&second);
    one.get("/login").await;
    two.get("/login").await;
    let guess = [("email", "ana@example.org"), ("password", "guess")];
    // Three wrong guesses, spread over the two processes.
    for browser in [&one, &two, &one] {
        let page = browser.post("/login", &guess).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let right = [("email", "ana@example.org"), ("password", "right password")];
    for browser in [&two, &one] {
        let page = browser.post("/login", &right).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    }
    two
}

/// Where a test's browsers go: the app in the test's process, or a
/// deployment of real processes behind nginx (`tests/deploy`). What builds
/// a contest over HTTP ([`jury::judged`]) runs on either.
pub trait Site {
    /// A new browser with an empty cookie jar.
    fn browser(&self) -> Browser;
    /// The site's database.
    fn db(&self) -> &Db;
    /// The contest window to type into the form (local times, Asia/Almaty):
    /// open now, closing in the future.
    fn window(&self) -> (String, String);
    /// Takes the contest past its deadline (`fields`: what its form holds).
    fn pass_deadline(
        &self,
        admin: &Browser,
        admin_path: &str,
        fields: &[(&str, &str)],
    ) -> impl std::future::Future<Output = ()>;

    /// Creates an account directly (as `create-admin` would).
    fn account(
        &self,
        email: &str,
        password: &str,
        admin: bool,
    ) -> impl std::future::Future<Output = User> {
        async move {
            let email = Email::parse(email).expect("email");
            let password = NewPassword::parse(password).expect("password");
            photojury::accounts::create_user(self.db(), &email, password, admin, START)
                .await
                .expect("create user")
        }
    }

    /// A browser signed in as a new account.
    fn signed_in(&self, email: &str, admin: bool) -> impl std::future::Future<Output = Browser> {
        async move {
            self.account(email, "person-password", admin).await;
            let b = self.browser();
            b.sign_in(email, "person-password").await;
            b
        }
    }
}

impl Site for TestApp {
    fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    fn db(&self) -> &Db {
        &self.state.db
    }

    fn window(&self) -> (String, String) {
        ("2026-11-01T00:00".into(), "2026-12-31T23:59".into())
    }

    async fn pass_deadline(&self, _: &Browser, _: &str, _: &[(&str, &str)]) {
        self.clock.advance(chrono::Duration::days(60));
    }
}

async fn listen(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let header_timeout = state.config.header_timeout;
    let app = photojury::build_app(state);
    tokio::spawn(async move {
        photojury::server::serve_forever(listener, app, header_timeout)
            .await
            .expect("server");
    });
    format!("http://{addr}")
}

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Fails the test unless the body contains `text`.
    #[track_caller]
    pub fn assert_contains(&self, text: &str) {
        assert!(
            self.body.contains(text),
            "expected {text:?} in a {} page:\n{}",
            self.status,
            self.body
        );
    }
}

/// A cookie-keeping client that, like a browser, sends back the CSRF token
/// of the last form page it loaded.
pub struct Browser {
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    pub base: String,
    pub csrf: Mutex<Option<String>>,
}

/// The value of the first `name="csrf"` field in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned()).filter(|t| !t.is_empty())
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self::with(base, reqwest::Client::builder())
    }

    /// A browser whose client is built from `builder` (TLS roots, local address).
    pub fn with(base: &str, builder: reqwest::ClientBuilder) -> Self {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = builder
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            client,
            jar,
            base: base.to_owned(),
            csrf: Mutex::new(None),
        }
    }

    /// The `Cookie` header this browser sends (to replay it elsewhere).
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url: reqwest::Url = self.base.parse().expect("base URL");
        self.jar
            .cookies(&url)
            .map(|v| v.to_str().expect("ascii cookie").to_owned())
            .expect("a session cookie")
    }

    async fn read(&self, response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        if let Some(token) = csrf_in(&body) {
            *self.csrf.lock().unwrap() = Some(token);
        }
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        self.read(response).await
    }

    /// A GET whose browser asks for the languages `accept` (an
    /// Accept-Language header).
    pub async fn get_in(&self, path: &str, accept: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(reqwest::header::ACCEPT_LANGUAGE, accept)
            .send()
            .await
            .expect("GET");
        self.read(response).await
    }

    /// Fetches raw bytes (images), with status and headers.
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body").to_vec();
        (status, headers, body)
    }

    /// Posts a form with the last seen CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.lock().unwrap().clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts a form (token added) as the page's script does: asking for JSON.
    pub async fn post_for_json(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.lock().unwrap().clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("accept", "application/json")
            .form(&all)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Posts a multipart photo form (token in the query, as the page does).
    /// `json` asks for the script's JSON answer instead of a page.
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: Vec<(&str, Vec<u8>)>,
        json: bool,
    ) -> Page {
        let token = self.csrf.lock().unwrap().clone().unwrap_or_default();
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        for (file_name, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes)
                .file_name(file_name.to_owned())
                .mime_str("image/jpeg")
                .unwrap();
            form = form.part("file", part);
        }
        let mut request = self
            .client
            .post(format!("{}{path}?csrf={token}", self.base))
            .multipart(form);
        if json {
            request = request.header("accept", "application/json");
        }
        let response = request.send().await.expect("upload");
        self.read(response).await
    }

    /// Loads the login form and signs in; panics if that fails.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.get("/login").await;
        let page = self
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "sign-in failed: {}",
            page.body
        );
        // Load a page so the rotated token is known.
        self.get("/account").await;
    }
}

/// A real camera photo from the shared fixtures.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A JPEG of noise (large for its size: it does not compress), distinct per `seed`.
pub fn noisy_jpeg(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005) | 1;
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let noise = (state >> 56) as u8;
        image::Rgb([noise, (x / 8) as u8 ^ noise, (y / 6) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(std::io::Cursor::new(&mut out), 92)
        .encode_image(&img)
        .unwrap();
    out
}

/// A small distinct PNG (colour from `seed`), for tests that need many photos.
pub fn generated_png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([seed, (x * 4) as u8, (y * 5) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The id of the `n`-th category (from 1) offered on an eligibility form.
pub fn category_on(html: &str, n: usize) -> String {
    html.split("name=\"category\" value=\"")
        .nth(n)
        .and_then(|s| s.split('"').next())
        .expect("a category on the form")
        .to_owned()
}

/// Opens a contest made by [`create_contest`] and signs a participant up
/// through the eligibility form; returns their browser.
pub async fn entrant(app: &TestApp, slug: &str, email: &str, name: &str) -> Browser {
    let browser = app.person(email).await;
    let form = browser.get(&format!("/contests/{slug}/entry")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let category = category_on(&form.body, 2);
    let page = browser
        .post(
            &format!("/contests/{slug}/entry"),
            &[
                ("category", &category),
                ("full_name", name),
                ("country", "Kyrgyzstan"),
                ("consent_rules", "1"),
                ("consent_name", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    browser.get(&format!("/contests/{slug}/entry")).await;
    browser
}

/// Files stored under the data dir's object store.
pub fn stored_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    walk(&app.dir.path().join("files").join("objects"))
}

/// The fields of a complete contest form.
pub fn contest_fields<'a>(slug: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("title", title),
        ("theme", "Migrants: an invisible force"),
        ("description", "Photographs and stories of labour migrants."),
        (
            "rules",
            "Citizens of the listed countries. Up to ten photos.",
        ),
        ("timezone", "Asia/Almaty"),
        ("opens_at", "2026-11-01T00:00"),
        ("closes_at", "2026-12-31T23:59"),
        ("max_photos", "10"),
        ("judging_unit", "photo"),
        ("countries", "Kazakhstan\nKyrgyzstan\nUzbekistan"),
    ]
}

/// Creates a contest with two categories and four criteria; returns its admin path.
pub async fn create_contest(admin: &Browser, slug: &str) -> String {
    admin.get("/admin/contests/new").await;
    let page = admin
        .post("/admin/contests", &contest_fields(slug, "Migrants 2026"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let path = page.location().to_owned();
    admin.get(&path).await;
    for (name, university) in [
        ("University students", true),
        ("Artists and photographers", false),
    ] {
        let mut fields = vec![
            ("name", name),
            ("description", "who may enter"),
            ("max_photos", ""),
        ];
        if university {
            fields.push(("requires_university", "1"));
        }
        let page = admin.post(&format!("{path}/categories"), &fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    for (name, weight) in [
        ("Relevance", "3"),
        ("Artistic merit", "3"),
        ("Technical quality", "2"),
        ("Story", "2"),
    ] {
        let fields = [
            ("name", name),
            ("description", ""),
            ("weight", weight),
            ("scale_min", "1"),
            ("scale_max", "10"),
        ];
        let page = admin.post(&format!("{path}/criteria"), &fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    path
}

/// Waits (up to 30 s) for a `photojury serve` whose standard output goes to
/// `log` to print where it listens; returns its base URL, or what it printed.
pub fn wait_until_serving(log: &std::path::Path) -> Result<String, String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let printed = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(addr) = printed
            .split("(listening on ")
            .nth(1)
            .and_then(|s| s.split(')').next())
        {
            return Ok(format!("http://{addr}"));
        }
        if std::time::Instant::now() >= deadline {
            return Err(printed);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
