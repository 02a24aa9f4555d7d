//! Debian's Chromium, headless, driven through chromedriver with the W3C
//! WebDriver protocol: JSON over HTTP, spoken here with the reqwest client the
//! other suites use. (fantoccini pulls an older `webdriver` crate and with it
//! second copies of http, cookie, thiserror and the ICU crates; the dozen
//! commands below are all the suite needs.)

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The Enter key, as WebDriver types it.
pub const ENTER: char = '\u{E007}';
/// The Tab key.
pub const TAB: char = '\u{E004}';

/// The W3C key of an element reference in WebDriver JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session and the chromedriver behind it.
pub struct Chrome {
    http: reqwest::Client,
    session: String,
    driver: Child,
}

/// An element of the current page.
pub struct Element<'a> {
    chrome: &'a Chrome,
    id: String,
}

impl Chrome {
    /// Starts chromedriver on a free port and a headless Chromium with a
    /// `width`×`height` window.
    pub async fn start(width: u32, height: u32) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        // Its own process group, so Chromium goes down with it (see Drop).
        let driver = Command::new(&driver_path)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{driver_path}: {e} (apt-get install chromium chromium-driver)")
            });
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let capabilities = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": binary,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-dev-shm-usage", format!("--window-size={width},{height}"),
            ],
        }}}});
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let session = loop {
            let reply = http
                .post(format!("{base}/session"))
                .body(capabilities.to_string())
                .header("content-type", "application/json")
                .send()
                .await;
            if let Ok(reply) = reply {
                let body: Value = reply.json_value().await;
                match body["value"]["sessionId"].as_str() {
                    Some(id) => break format!("{base}/session/{id}"),
                    None => panic!("chromedriver refused a session: {body}"),
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        Self {
            http,
            session,
            driver,
        }
    }

    /// Sends one command; returns its `value`, panicking on a WebDriver error.
    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{path}", self.session));
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let reply = request.send().await.expect("chromedriver answers");
        let status = reply.status();
        let body = reply.json_value().await;
        assert!(status.is_success(), "WebDriver {path}: {status} {body}");
        body["value"].clone()
    }

    /// Opens `url`.
    pub async fn goto(&self, url: &str) {
        self.command(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    /// The current path (and query), e.g. `/jury/x/entries/12345`.
    pub async fn path(&self) -> String {
        let url = self.command(reqwest::Method::GET, "/url", None).await;
        let url: reqwest::Url = url.as_str().unwrap_or_default().parse().expect("a URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits (up to 10 s) until the path satisfies `ready`; returns it.
    pub async fn wait_for_path(&self, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let path = self.path().await;
            if ready(&path) {
                return path;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "still at {path}"
            );
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
    }

    /// The first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element<'_> {
        let body = json!({ "using": "css selector", "value": css });
        let found = self
            .command(reqwest::Method::POST, "/element", Some(body))
            .await;
        self.element(found)
    }

    /// Waits (up to 10 s) until `script` returns true.
    pub async fn wait_until(&self, script: &str) {
        let started = Instant::now();
        while self.execute(script).await != Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "never true: {script}"
            );
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
    }

    /// The focused element.
    pub async fn active(&self) -> Element<'_> {
        let found = self
            .command(reqwest::Method::GET, "/element/active", None)
            .await;
        self.element(found)
    }

    fn element(&self, found: Value) -> Element<'_> {
        Element {
            chrome: self,
            id: found[ELEMENT].as_str().expect("an element").to_owned(),
        }
    }

    /// Runs a script in the page and returns its result.
    pub async fn execute(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        self.command(reqwest::Method::POST, "/execute/sync", Some(body))
            .await
    }

    /// Runs a script that calls its last argument when done; returns what it passed.
    pub async fn execute_async(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        self.command(reqwest::Method::POST, "/execute/async", Some(body))
            .await
    }

    /// Accepts the `confirm()` dialog the last action opened (waits up to 5 s).
    pub async fn accept_dialog(&self) {
        let started = Instant::now();
        loop {
            let reply = self
                .http
                .post(format!("{}/alert/accept", self.session))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .expect("chromedriver answers");
            if reply.status().is_success() {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "no dialog opened"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The visible page as PNG bytes.
    pub async fn screenshot(&self) -> Vec<u8> {
        use base64::Engine;
        let data = self
            .command(reqwest::Method::GET, "/screenshot", None)
            .await;
        base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("base64 PNG")
    }

    /// Resizes the window so that the page itself (the viewport) measures
    /// `width`×`height` CSS px, which is what a screen size means for layout.
    pub async fn viewport(&self, width: i64, height: i64) {
        let inner = self.execute("return [innerWidth, innerHeight];").await;
        let rect = self
            .command(reqwest::Method::GET, "/window/rect", None)
            .await;
        let size = |v: &Value| v.as_f64().expect("a size") as i64;
        let target = json!({
            "width": size(&rect["width"]) + width - size(&inner[0]),
            "height": size(&rect["height"]) + height - size(&inner[1]),
        });
        self.command(reqwest::Method::POST, "/window/rect", Some(target))
            .await;
        self.wait_until(&format!(
            "return innerWidth === {width} && innerHeight === {height};"
        ))
        .await;
    }

    /// Cuts the page off the network (a dropped connection), or back on.
    pub async fn offline(&self, offline: bool) {
        let conditions = json!({ "network_conditions": {
            "offline": offline, "latency": 0,
            "download_throughput": -1, "upload_throughput": -1,
        }});
        self.command(
            reqwest::Method::POST,
            "/chromium/network_conditions",
            Some(conditions),
        )
        .await;
    }

    /// Forgets every cookie (a new visitor).
    pub async fn delete_cookies(&self) {
        self.command(reqwest::Method::DELETE, "/cookie", None).await;
    }

    /// Ends the session (chromedriver and the rest go in `Drop`).
    pub async fn close(self) {
        self.command(reqwest::Method::DELETE, "", None).await;
    }
}

impl Drop for Chrome {
    /// Ends chromedriver and every Chromium process it started, also when a
    /// test panicked before closing the session.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

impl Element<'_> {
    fn path(&self, what: &str) -> String {
        format!("/element/{}{what}", self.id)
    }

    /// Types into the element, as keys (see [`ENTER`] and [`TAB`]).
    pub async fn send_keys(&self, text: &str) {
        let body = json!({ "text": text });
        self.chrome
            .command(reqwest::Method::POST, &self.path("/value"), Some(body))
            .await;
    }

    /// Empties an input or textarea.
    pub async fn clear(&self) {
        self.chrome
            .command(reqwest::Method::POST, &self.path("/clear"), Some(json!({})))
            .await;
    }

    /// Clicks it.
    pub async fn click(&self) {
        self.chrome
            .command(reqwest::Method::POST, &self.path("/click"), Some(json!({})))
            .await;
    }

    /// An attribute, if set.
    pub async fn attr(&self, name: &str) -> Option<String> {
        let value = self
            .chrome
            .command(
                reqwest::Method::GET,
                &self.path(&format!("/attribute/{name}")),
                None,
            )
            .await;
        value.as_str().map(str::to_owned)
    }

    /// A DOM property.
    pub async fn prop(&self, name: &str) -> Value {
        self.chrome
            .command(
                reqwest::Method::GET,
                &self.path(&format!("/property/{name}")),
                None,
            )
            .await
    }

    /// The rendered text.
    pub async fn text(&self) -> String {
        let value = self
            .chrome
            .command(reqwest::Method::GET, &self.path("/text"), None)
            .await;
        value.as_str().unwrap_or_default().to_owned()
    }
}

/// Reads a reply body as JSON (reqwest's `json` feature is not enabled).
trait JsonValue {
    async fn json_value(self) -> Value;
}

impl JsonValue for reqwest::Response {
    async fn json_value(self) -> Value {
        let text = self.text().await.unwrap_or_default();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}
