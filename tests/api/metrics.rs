//! `/metrics` in the Prometheus text format, only for the addresses given
//! by `--metrics-allow`; every answer's request id; JSON logs that carry it.

use std::net::IpAddr;

use reqwest::StatusCode;

use crate::common::{self, TestApp, wait_until_serving};

fn localhost() -> IpAddr {
    "127.0.0.1".parse().unwrap()
}

/// The value of one sample line (`name{labels} value`) in a scrape.
fn sample(scrape: &str, line_start: &str) -> Option<f64> {
    scrape
        .lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_are_hidden_unless_the_address_is_allowed() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/metrics").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("photojury_http_requests_total"));

    // Behind a trusted proxy, the client it reports is the one that counts.
    let app = TestApp::spawn_with(|c| {
        c.metrics_allow = vec![localhost()];
        c.trusted_proxies = vec![localhost()];
    })
    .await;
    let forwarded = reqwest::Client::new()
        .get(format!("{}/metrics", app.base))
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.status(), StatusCode::NOT_FOUND);
    let direct = app.browser().get("/metrics").await;
    assert_eq!(direct.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests_by_route_uploads_by_outcome_and_read_pool_and_disk() {
    let app = TestApp::spawn_with(|c| c.metrics_allow = vec![localhost()]).await;
    let admin = app.admin().await;
    let path = common::create_contest(&admin, "metered").await;
    admin.get(&path).await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let person = common::entrant(&app, "metered", "m@example.org", "Metered Person").await;
    let upload = |bytes: Vec<u8>| {
        let person = &person;
        async move {
            person
                .upload(
                    "/contests/metered/entry/photos",
                    &[("title", "t")],
                    vec![("p.jpg", bytes)],
                    true,
                )
                .await
        }
    };
    assert_eq!(
        upload(common::noisy_jpeg(3, 640, 480)).await.status,
        StatusCode::OK
    );
    assert_ne!(
        upload(common::hostile::pdf_like()).await.status,
        StatusCode::OK
    );
    for _ in 0..3 {
        app.browser().get("/contests/metered").await;
    }

    let scrape = app.browser().get("/metrics").await;
    assert_eq!(scrape.status, StatusCode::OK);
    assert_eq!(
        scrape.headers["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = &scrape.body;
    // Route templates, never the slug or an id.
    assert_eq!(
        sample(
            text,
            "photojury_http_requests_total{method=\"GET\",route=\"/contests/{slug}\",status=\"200\"}"
        ),
        Some(3.0),
        "{text}"
    );
    assert!(!text.contains("metered"), "a slug in the metrics: {text}");
    assert!(text.contains(
        "photojury_http_request_duration_seconds_bucket{route=\"/contests/{slug}\",le=\"+Inf\"} 3"
    ));
    assert_eq!(
        sample(text, "photojury_uploads_total{outcome=\"accepted\"}"),
        Some(1.0)
    );
    assert_eq!(
        sample(text, "photojury_uploads_total{outcome=\"not_a_photo\"}"),
        Some(1.0)
    );
    assert_eq!(
        sample(text, "photojury_photo_derive_seconds_count"),
        Some(1.0)
    );
    assert!(sample(text, "photojury_db_pool_connections{state=\"max\"}").unwrap() >= 1.0);
    let available = sample(text, "photojury_data_dir_bytes{kind=\"available\"}").unwrap();
    let total = sample(text, "photojury_data_dir_bytes{kind=\"total\"}").unwrap();
    assert!(
        available > 0.0 && available <= total,
        "{available} of {total}"
    );
    assert!(sample(text, "photojury_kept_pages_total{result=\"miss\"}").unwrap() >= 1.0);
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_json_logs_name_it() {
    let data = tempfile::tempdir().unwrap();
    let log_path = data.path().join("log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--addr", "127.0.0.1:0", "--log-format", "json", "serve"])
        .env_remove("RUST_LOG")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = wait_until_serving(&log_path);
    let base = match base {
        Ok(base) => base,
        Err(printed) => {
            let _ = child.kill();
            panic!("the server did not start: {printed}");
        }
    };
    let client = reqwest::Client::new();
    let response = client.get(format!("{base}/healthz")).send().await.unwrap();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 16);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    let other = client
        .get(format!("{base}/nowhere?token=secret"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    let refused = other.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(refused, id);
    // A forged id from an untrusted client is replaced.
    let forged = client
        .get(format!("{base}/healthz"))
        .header("x-request-id", "chosen-by-client")
        .send()
        .await
        .unwrap();
    assert_ne!(forged.headers()["x-request-id"], "chosen-by-client");

    // The access line of the refused request, as JSON with its id and route
    // (successes are logged at debug level only).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let line = loop {
        let printed = std::fs::read_to_string(&log_path).unwrap();
        let found = printed
            .lines()
            .filter(|l| l.starts_with('{'))
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["span"]["request_id"] == refused.as_str());
        if let Some(line) = found {
            break line;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no log line for {refused}: {printed}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(line["fields"]["message"], "answered");
    assert_eq!(line["fields"]["status"], 404);
    assert_eq!(line["span"]["route"], "unmatched");
    assert_eq!(line["level"], "INFO");
    let printed = std::fs::read_to_string(&log_path).unwrap();
    assert!(!printed.contains("secret"), "a query string was logged");
    assert!(
        !printed.contains(&format!("\"request_id\":\"{id}\"")),
        "a success was logged at the default level"
    );
}
