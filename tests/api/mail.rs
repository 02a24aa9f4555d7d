//! Jury invitations by email when SMTP is configured, against a small SMTP
//! server in the test that records what it receives.

use crate::common;

use crate::common::create_contest;
use crate::common::jury::category_ids;
use crate::common::smtp::fake_smtp;
use crate::common::{Browser, TestApp};
use reqwest::StatusCode;

async fn invite(app: &TestApp, admin: &Browser, email: &str) -> common::Page {
    let path = create_contest(admin, "mail-test").await;
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let categories = category_ids(app, id).await;
    admin.get(&format!("{path}/jury")).await;
    admin
        .post(
            &format!("{path}/jurors"),
            &[("email", email), ("category", &categories[0])],
        )
        .await
}

#[tokio::test]
async fn an_invitation_is_emailed_when_smtp_is_configured() {
    let (port, mut inbox) = fake_smtp().await;
    let app = TestApp::spawn_with(|c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        c.mail_from = "Photo contest <jury@contest.test>".into();
    })
    .await;
    let admin = app.admin().await;
    let page = invite(&app, &admin, "new.juror@example.org").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Emailed to new.juror@example.org.");
    let link = common::jury::invitation_path(&page.body);
    let (to, message) = tokio::time::timeout(std::time::Duration::from_secs(10), inbox.recv())
        .await
        .expect("a message within 10 s")
        .expect("a message");
    assert!(to.contains("<new.juror@example.org>"), "{to}");
    assert!(
        message.contains("From: \"Photo contest\" <jury@contest.test>"),
        "{message}"
    );
    assert!(
        message.contains("Subject: You are invited to the jury of Migrants 2026"),
        "{message}"
    );
    // The link in the email is the one on the admin's page, and it works
    // (the body is quoted-printable: undo its soft line breaks).
    let body = message.replace("=\n", "");
    assert!(body.contains(&link), "{message}");
    let form = app.browser().get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
}

#[tokio::test]
async fn an_unreachable_mail_server_still_leaves_the_admin_the_link() {
    // A port nobody listens on: bind one, then let it go.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let admin = app.admin().await;
    let page = invite(&app, &admin, "other.juror@example.org").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Could not email it");
    page.assert_contains("send the link yourself");
    assert!(common::jury::invitation_path(&page.body).starts_with("/invitations/"));
    assert_eq!(app.count("jurors").await, 1);
}

#[tokio::test]
async fn without_smtp_the_page_shows_the_link_and_says_nothing_about_email() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let page = invite(&app, &admin, "third.juror@example.org").await;
    page.assert_contains("id=\"invitation-link\"");
    assert!(!page.body.contains("id=\"mail-note\""));
}

#[test]
fn a_bad_smtp_url_stops_start_up_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "--smtp-url",
            "gopher://mail.example.org",
            "--addr",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("the SMTP URL is not usable"), "{err}");
}
