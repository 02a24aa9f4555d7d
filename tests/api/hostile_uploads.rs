//! Uploads an attacker would send, beyond the format and size cases of the
//! submission tests: polyglots, text bombs, disguised documents, a form with
//! thousands of fields, path tricks in file names, and a body that trickles
//! in. Each gets its answer in bounded time, leaves no row and no file, and
//! nothing of the payload reaches a derivative.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::{Browser, TestApp, create_contest, entrant, hostile, stored_files};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SLUG: &str = "hostile";

async fn contest_with_entrant(app: &TestApp) -> Browser {
    let admin = app.admin().await;
    let path = create_contest(&admin, SLUG).await;
    let opened = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    entrant(app, SLUG, "mallory@example.org", "Mallory").await
}

async fn upload(b: &Browser, name: &str, bytes: Vec<u8>) -> common::Page {
    b.upload(
        &format!("/contests/{SLUG}/entry/photos"),
        &[],
        vec![(name, bytes)],
        true,
    )
    .await
}

/// Both derivatives of the newest photo, as the owner fetches them.
async fn derivatives(app: &TestApp, b: &Browser) -> Vec<Vec<u8>> {
    let id: i64 = sqlx::query_scalar("SELECT id FROM photos ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mut out = Vec::new();
    for size in ["large.jpg", "thumb.jpg"] {
        let (status, _, bytes) = b
            .get_bytes(&format!("/contests/{SLUG}/entry/photos/{id}/{size}"))
            .await;
        assert_eq!(status, StatusCode::OK);
        out.push(bytes);
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_polyglot_and_a_text_bomb_become_clean_derivatives() {
    let app = TestApp::spawn().await;
    let b = contest_with_entrant(&app).await;
    let page = upload(&b, "holiday.jpg", hostile::jpeg_with_zip_and_html()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for d in derivatives(&app, &b).await {
        assert!(d.starts_with(&[0xFF, 0xD8]));
        assert!(!contains(&d, b"PK\x03\x04") && !contains(&d, b"<html"));
    }
    // 200 MB of text squeezed into a few hundred KB: the text is never
    // inflated into the derivatives, and the answer comes promptly.
    let started = Instant::now();
    let page = upload(&b, "comment.png", hostile::png_with_text_bomb(200)).await;
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for d in derivatives(&app, &b).await {
        assert!(!contains(&d, b"Comment") && !contains(&d, b"AAAAAAAA"));
    }
}

#[tokio::test]
async fn disguised_documents_are_named_and_leave_nothing() {
    let app = TestApp::spawn().await;
    let b = contest_with_entrant(&app).await;
    let cases = [
        ("scan.jpg", hostile::tiff_like(), "TIFF"),
        ("photo.jpg", hostile::pdf_like(), "PDF"),
    ];
    for (name, bytes, says) in cases {
        let page = upload(&b, name, bytes).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        page.assert_contains(says);
    }
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(stored_files(&app), 0);
}

#[tokio::test]
async fn thousands_of_form_fields_are_refused_with_a_message() {
    let app = TestApp::spawn().await;
    let b = contest_with_entrant(&app).await;
    let names: Vec<String> = (0..5000).map(|i| format!("f{i}")).collect();
    let fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
    let page = b
        .upload(
            &format!("/contests/{SLUG}/entry/photos"),
            &fields,
            vec![("a.jpg", hostile::small_jpeg())],
            true,
        )
        .await;
    assert!(page.status.is_client_error(), "{}", page.status);
    assert!(page.body.contains("field"), "{}", page.body);
    assert_eq!(app.count("photos").await, 0);
}

#[tokio::test]
async fn path_tricks_in_file_names_change_nothing() {
    let app = TestApp::spawn().await;
    let b = contest_with_entrant(&app).await;
    // A NUL or a line break cannot appear in a multipart header: the body is
    // refused as malformed. The others are ordinary uploads whose name is
    // ignored.
    let cases = [
        ("../../../etc/passwd.jpg", true),
        ("a\u{0}b.jpg", false),
        ("x\r\nSet-Cookie: y.jpg", false),
        ("..\\..\\boot.ini.jpg", true),
    ];
    for (i, (name, accepted)) in cases.into_iter().enumerate() {
        let page = upload(&b, name, common::generated_png(i as u8)).await;
        let want = if accepted {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(page.status, want, "{name:?}: {}", page.body);
        if !accepted {
            page.assert_contains("malformed");
        }
        assert!(page.headers.get("set-cookie").is_none());
    }
    assert_eq!(app.count("photos").await, 2);
    // Only content-addressed files, each named by its hash, under the store.
    assert_eq!(stored_files(&app), 6);
    assert!(!app.dir.path().join("etc").exists());
    let entry = b.get(&format!("/contests/{SLUG}/entry")).await;
    assert!(!entry.body.contains("passwd") && !entry.body.contains("Set-Cookie"));
}

#[tokio::test]
async fn a_body_trickling_in_is_cut_off_and_others_are_served_meanwhile() {
    let app = TestApp::spawn_with(|c| c.body_idle_timeout = Duration::from_secs(1)).await;
    let b = contest_with_entrant(&app).await;
    let cookie = b.cookie_header();
    let page = b.get(&format!("/contests/{SLUG}/entry")).await;
    let token = common::csrf_in(&page.body).unwrap();
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /contests/{SLUG}/entry/photos?csrf={token} HTTP/1.1\r\nHost: {addr}\r\n\
         Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n\
         Content-Length: 1000000\r\n\r\n--XYZ\r\nContent-Disposition: form-data; name=\"file\"; \
         filename=\"a.jpg\"\r\n\r\nX"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    // While it stalls, the site answers everyone else.
    let other = app.browser().get("/healthz").await;
    assert_eq!(other.status, StatusCode::OK);
    let mut answer = vec![0; 512];
    let n = tokio::time::timeout(Duration::from_secs(10), slow.read(&mut answer))
        .await
        .expect("the stalled upload is answered")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(stored_files(&app), 0);
}
