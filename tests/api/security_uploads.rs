//! Uploads under attack (issue 14): a file that is not a photo is refused
//! from its first bytes, what all requests hold at once is bounded, the
//! photo limit holds against uploads sent together, and a duplicate's entry
//! number is told to its owner only.

use std::time::Duration;

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{self, Browser, TestApp, create_contest, entrant, stored_files};

const SLUG: &str = "uploads";

/// An open contest with one entrant; returns the app's admin and the entrant.
async fn open_contest(app: &TestApp) -> Browser {
    let admin = app.admin().await;
    let path = create_contest(&admin, SLUG).await;
    let opened = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    entrant(app, SLUG, "ana@example.org", "Ana Lopez").await
}

/// One photo, as the page's script sends it (JSON answer).
async fn upload(b: &Browser, bytes: Vec<u8>) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let token = b.csrf.lock().unwrap().clone().unwrap();
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("photo.jpg")
        .mime_str("image/jpeg")
        .unwrap();
    let response = b
        .client
        .post(format!(
            "{}/contests/{SLUG}/entry/photos?csrf={token}",
            b.base
        ))
        .header("accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    (response.status(), headers, response.text().await.unwrap())
}

#[tokio::test]
async fn a_file_that_is_not_a_photo_is_answered_from_its_first_bytes() {
    let app = TestApp::spawn().await;
    let participant = open_contest(&app).await;
    let token = participant.csrf.lock().unwrap().clone().unwrap();
    let cookie = participant.cookie_header();
    // A 38 MB "photo" of which only the first 4 KB ever arrive: the answer
    // must not wait for the rest.
    let mut head = format!(
        "POST /contests/{SLUG}/entry/photos?csrf={token} HTTP/1.1\r\nHost: x\r\n\
         Cookie: {cookie}\r\nAccept: application/json\r\n\
         Content-Type: multipart/form-data; boundary=BOUNDARY\r\n\
         Content-Length: 38000000\r\n\r\n\
         --BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n%PDF-1.7\n"
    )
    .into_bytes();
    head.extend(std::iter::repeat_n(b'x', 4096));
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(&head).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 8192];
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        while !String::from_utf8_lossy(&answer).contains("PDF document") {
            let n = stream.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
        }
    })
    .await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        read.is_ok(),
        "no answer while the body was unfinished: {answer}"
    );
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    assert!(answer.contains("This is a PDF document"), "{answer}");
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(app.state.files.local().temp_files().unwrap(), 0);
}

#[tokio::test]
async fn uploads_past_what_the_server_receives_at_once_get_503_and_leave_nothing() {
    let app = TestApp::spawn_with(|c| c.upload_buffer_bytes = 1_000_000).await;
    let participant = open_contest(&app).await;
    let free = app.state.upload_budget.free_kib();
    let big = common::noisy_jpeg(1, 1400, 1000);
    assert!(big.len() > 1_100_000, "{}", big.len());
    let (status, headers, body) = upload(&participant, big).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(headers["retry-after"], "30");
    assert!(body.contains("receiving many photos"), "{body}");
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(stored_files(&app), 0);
    assert_eq!(app.state.files.local().temp_files().unwrap(), 0);
    assert_eq!(app.state.upload_budget.free_kib(), free, "all given back");
    // A photo within the budget goes through.
    let (status, _, body) = upload(&participant, common::noisy_jpeg(2, 500, 400)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.state.upload_budget.free_kib(), free);
}

#[tokio::test]
async fn photos_past_the_limit_are_refused_even_when_sent_all_at_once() {
    let app = TestApp::spawn().await;
    let participant = open_contest(&app).await;
    sqlx::query("UPDATE contests SET max_photos = 5")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    for seed in 0..3 {
        let (status, _, body) = upload(&participant, common::generated_png(seed)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let racing = (10..18).map(|seed| upload(&participant, common::generated_png(seed)));
    let answers = futures_util::future::join_all(racing).await;
    let accepted = answers
        .iter()
        .filter(|(s, _, _)| *s == StatusCode::OK)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(s, _, _)| *s == StatusCode::UNPROCESSABLE_ENTITY)
        .collect();
    assert_eq!(accepted, 2, "{answers:?}");
    assert_eq!(refused.len(), 6, "{answers:?}");
    for (_, _, body) in refused {
        assert!(body.contains("already has 5 photos"), "{body}");
    }
    assert_eq!(app.count("photos").await, 5);
    // The losers' files are gone: three files for each photo that stayed.
    assert_eq!(stored_files(&app), 5 * 3);
}

#[tokio::test]
async fn a_duplicate_names_its_entry_number_only_to_its_owner() {
    let app = TestApp::spawn().await;
    let ana = open_contest(&app).await;
    let ben = entrant(&app, SLUG, "ben@example.org", "Ben Oz").await;
    let photo = common::generated_png(7);
    let (status, _, body) = upload(&ana, photo.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number: i64 = sqlx::query_scalar("SELECT number FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let (status, _, body) = upload(&ben, photo.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("already in this contest"), "{body}");
    assert!(!body.contains(&number.to_string()), "{body}");
    let (status, _, body) = upload(&ana, photo).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains(&format!("your entry {number}")), "{body}");
}
