//! The attempt limits in Redis (`--redis-url`): counted once for every
//! process, kept out of the database, gone by themselves once refilled,
//! and a Redis that stops answering refuses sign-ins for now (503) rather
//! than letting guesses through uncounted. Redis is a `redis-server` the
//! test starts on a free port.

use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;

use crate::cluster::free_port;
use crate::common::{TestApp, locked_out_over_two_processes};

struct Redis {
    port: u16,
    child: Child,
}

impl Redis {
    fn start() -> Self {
        let port = free_port();
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "Redis did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Self { port, child }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn keys(&self) -> Vec<(String, i64)> {
        let mut conn = redis::Client::open(self.url())
            .unwrap()
            .get_connection()
            .unwrap();
        let keys: Vec<String> = redis::cmd("KEYS").arg("*").query(&mut conn).unwrap();
        keys.into_iter()
            .map(|k| {
                let ttl: i64 = redis::cmd("PTTL").arg(&k).query(&mut conn).unwrap();
                (k, ttl)
            })
            .collect()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

#[tokio::test]
async fn with_redis_failed_sign_ins_are_counted_there_once_for_every_process() {
    let mut redis = Redis::start();
    let url = redis.url();
    let app = TestApp::spawn_with(|c| {
        c.login_burst_per_account = 3;
        c.redis_url = Some(url);
    })
    .await;
    let two = locked_out_over_two_processes(&app).await;
    let right = [("email", "ana@example.org"), ("password", "right password")];
    // Three buckets in Redis, each expiring once it would be full again
    // (the pair's: three tokens at one a minute), none in the database.
    let mut keys = redis.keys();
    keys.sort();
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "photojury:limit:failed_account:ana@example.org",
            "photojury:limit:failed_address:127.0.0.1",
            "photojury:limit:failed_pair:ana@example.org 127.0.0.1",
        ]
    );
    let pair_ttl = keys[2].1;
    assert!((180_000..=181_000).contains(&pair_ttl), "{pair_ttl} ms");
    assert_eq!(app.count("rate_buckets").await, 0);

    // Redis gone: no guess goes through uncounted.
    redis.stop();
    let page = two.post("/login", &right).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    page.assert_contains("try again");
}

#[tokio::test]
async fn a_server_whose_redis_does_not_answer_does_not_start() {
    let closed = format!("redis://127.0.0.1:{}/", free_port());
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--addr", "127.0.0.1:0", "--redis-url", &closed, "serve"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot reach Redis at"), "{said}");
}
