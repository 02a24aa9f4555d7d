//! Accounts under attack (issue 14): lockouts by strangers, unlimited
//! guesses and sign-ups, what registration tells, squatting an invited
//! juror's address, session rows for anonymous visits, session ids at rest
//! and the files' permissions.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::common::jury::{category_ids, invitation_path};
use crate::common::smtp::{fake_smtp, link_in};
use crate::common::{Browser, Page, TestApp, create_contest};
use crate::security::session_of;

/// A sign-in attempt from `address` (the app trusts 127.0.0.1 as its proxy).
async fn sign_in_from(
    app: &TestApp,
    address: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let browser = app.browser();
    browser.get("/login").await;
    let token = browser.csrf.lock().unwrap().clone().unwrap();
    browser
        .client
        .post(format!("{}/login", app.base))
        .header("x-forwarded-for", address)
        .form(&[
            ("csrf", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_stranger_guessing_the_admins_password_locks_out_only_themselves() {
    let app = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    app.account("admin@example.org", "admin-password", true)
        .await;
    let stranger = "198.51.100.7";
    for _ in 0..5 {
        let wrong = sign_in_from(&app, stranger, "admin@example.org", "guess").await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = sign_in_from(&app, stranger, "admin@example.org", "admin-password").await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!((1..=60).contains(&retry_after(&locked)));
    // The admin, elsewhere, is not locked out.
    let admin = sign_in_from(&app, "203.0.113.5", "admin@example.org", "admin-password").await;
    assert_eq!(admin.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn wrong_current_passwords_and_sign_ups_are_limited() {
    let app = TestApp::spawn_with(|c| c.registrations_per_address = 10).await;
    let person = app.person("ana@example.org").await;
    for _ in 0..5 {
        let page = person
            .post(
                "/account/password",
                &[
                    ("current", "not it"),
                    ("password", "new password"),
                    ("password_confirm", "new password"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = person
        .post(
            "/account/password",
            &[
                ("current", "person-password"),
                ("password", "new password"),
                ("password_confirm", "new password"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.headers.contains_key("retry-after"));

    let visitor = app.browser();
    visitor.get("/register").await;
    let mut statuses = Vec::new();
    for i in 0..12 {
        let email = format!("new{i}@example.org");
        let page = visitor
            .post(
                "/register",
                &[
                    ("email", &email),
                    ("password", "long enough"),
                    ("password_confirm", "long enough"),
                ],
            )
            .await;
        statuses.push(page.status);
    }
    assert_eq!(statuses[..10], [StatusCode::SEE_OTHER; 10]);
    assert_eq!(statuses[10..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    assert_eq!(app.count("users").await, 11);
}

#[tokio::test]
async fn anonymous_form_pages_write_no_session_rows() {
    let app = TestApp::spawn().await;
    app.account("ana@example.org", "right password", false)
        .await;
    let visitor = app.browser();
    for _ in 0..10 {
        for path in ["/login", "/register", "/forgot-password"] {
            assert_eq!(visitor.get(path).await.status, StatusCode::OK);
        }
    }
    let failed = visitor
        .post(
            "/login",
            &[("email", "ana@example.org"), ("password", "wrong")],
        )
        .await;
    assert_eq!(failed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("sessions").await, 0);
    // The token the form carried is still accepted: signing in works.
    visitor.sign_in("ana@example.org", "right password").await;
    assert_eq!(app.count("sessions").await, 1);
}

#[tokio::test]
async fn session_ids_are_stored_hashed() {
    let app = TestApp::spawn().await;
    let person = app.person("ana@example.org").await;
    let id = session_of(&person);
    let raw: i64 = app.count(&format!("sessions WHERE id = '{id}'")).await;
    assert_eq!(raw, 0, "the id itself is not in the table");
    let hashed = hex::encode(Sha256::digest(id.as_bytes()));
    assert_eq!(
        app.count(&format!("sessions WHERE id = '{hashed}'")).await,
        1
    );
}

#[tokio::test]
async fn the_data_dir_and_database_are_readable_by_the_server_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = photojury::Config::new(&data);
    let db = photojury::cli::open(&config).await.unwrap();
    sqlx::query("CREATE TABLE t (x INTEGER)")
        .execute(&db.pool)
        .await
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("photojury.db")), 0o600);
    assert_eq!(mode(&data.join("photojury.db-wal")), 0o600);
    let files = photojury::images::FileStore::open(&data).unwrap();
    let hash = files.put(b"an original").unwrap();
    assert_eq!(mode(&files.path(&hash).unwrap()), 0o600);
    assert_eq!(mode(&data.join("files")), 0o700);
}

/// The next email, within 10 s: (recipient line, body).
async fn next_mail(inbox: &mut UnboundedReceiver<(String, String)>) -> (String, String) {
    tokio::time::timeout(Duration::from_secs(10), inbox.recv())
        .await
        .expect("an email within 10 s")
        .expect("an email")
}

async fn with_mail() -> (TestApp, UnboundedReceiver<(String, String)>) {
    let (port, inbox) = fake_smtp().await;
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    (app, inbox)
}

async fn register(browser: &Browser, email: &str, password: &str) -> Page {
    browser.get("/register").await;
    browser
        .post(
            "/register",
            &[
                ("email", email),
                ("password", password),
                ("password_confirm", password),
            ],
        )
        .await
}

/// Opens a link's page and presses its button; returns the answer.
async fn use_link(browser: &Browser, link: &str, fields: &[(&str, &str)]) -> Page {
    let path = link;
    let page = browser.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = path.split("token=").nth(1).unwrap();
    let mut all = vec![("token", token)];
    all.extend_from_slice(fields);
    browser.post(path.split('?').next().unwrap(), &all).await
}

#[tokio::test]
async fn with_mail_a_new_account_confirms_its_address_before_entering() {
    let (app, mut inbox) = with_mail().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "confirm").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let ana = app.browser();
    let page = register(&ana, "ana@example.org", "ana password").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Check your email");
    let (to, body) = next_mail(&mut inbox).await;
    assert!(to.contains("ana@example.org"), "{to}");
    let link = link_in(&body, "/confirm-email");
    // Signed in but unconfirmed: no entry yet.
    ana.sign_in("ana@example.org", "ana password").await;
    let refused = ana.get("/contests/confirm/entry").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains("Confirm your email address first");
    ana.get("/account")
        .await
        .assert_contains("Send the link again");
    let done = use_link(&ana, &link, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        ana.get("/contests/confirm/entry").await.status,
        StatusCode::OK
    );
    // The link works once.
    let again = ana.get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn registering_a_taken_address_tells_only_its_owner() {
    let (app, mut inbox) = with_mail().await;
    app.account("owner@example.org", "owner password", false)
        .await;
    sqlx::query("UPDATE users SET email_confirmed_at = 1")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let taken = register(&app.browser(), "owner@example.org", "other password").await;
    let fresh = register(&app.browser(), "fresh@example.org", "other password").await;
    let strip = |p: &Page| {
        p.body
            .replace("owner@example.org", "X")
            .replace("fresh@example.org", "X")
    };
    assert_eq!(taken.status, fresh.status);
    assert_eq!(strip(&taken), strip(&fresh));
    let mut mails = [next_mail(&mut inbox).await, next_mail(&mut inbox).await];
    mails.sort();
    let (to, body) = &mails[1];
    assert!(to.contains("owner@example.org"), "{to}");
    assert!(body.contains("already has one"), "{body}");
    // The owner may choose a new password from it; nobody else learned anything.
    let owner = app.browser();
    let link = link_in(body, "/reset-password");
    let done = use_link(
        &owner,
        &link,
        &[
            ("password", "brand new pass"),
            ("password_confirm", "brand new pass"),
        ],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    app.browser()
        .sign_in("owner@example.org", "brand new pass")
        .await;
}

#[tokio::test]
async fn nobody_can_squat_an_invited_jurors_address() {
    let (app, mut inbox) = with_mail().await;
    // Someone registers the juror's address first, and signs in with it.
    let squatter = app.browser();
    register(&squatter, "juror@example.org", "squatter pass").await;
    let _unread = next_mail(&mut inbox).await;
    squatter.sign_in("juror@example.org", "squatter pass").await;
    // The admin invites the juror; the link goes to the address.
    let admin = app.admin().await;
    let path = create_contest(&admin, "squat").await;
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let categories = category_ids(&app, id).await;
    admin.get(&format!("{path}/jury")).await;
    let invited = admin
        .post(
            &format!("{path}/jurors"),
            &[("email", "juror@example.org"), ("category", &categories[0])],
        )
        .await;
    let link = invitation_path(&invited.body);
    let juror = app.browser();
    let form = juror.get(&link).await;
    form.assert_contains("password_confirm");
    let accepted = juror
        .post(
            &link,
            &[
                ("password", "the juror's own"),
                ("password_confirm", "the juror's own"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(accepted.location(), "/jury/squat");
    // The squatter's session and password are dead; the juror's work.
    assert_eq!(squatter.get("/account").await.status, StatusCode::SEE_OTHER);
    let failed = app.browser();
    failed.get("/login").await;
    let page = failed
        .post(
            "/login",
            &[
                ("email", "juror@example.org"),
                ("password", "squatter pass"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.browser()
        .sign_in("juror@example.org", "the juror's own")
        .await;
}

#[tokio::test]
async fn registering_again_over_an_unconfirmed_account_takes_it_with_the_link() {
    let (app, mut inbox) = with_mail().await;
    register(&app.browser(), "ana@example.org", "squatter pass").await;
    let _squatters = next_mail(&mut inbox).await;
    let owner = app.browser();
    register(&owner, "ana@example.org", "owner's pass").await;
    let (_, body) = next_mail(&mut inbox).await;
    let done = use_link(&owner, &link_in(&body, "/confirm-email"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    app.browser()
        .sign_in("ana@example.org", "owner's pass")
        .await;
    let page = app.browser();
    page.get("/login").await;
    let old = page
        .post(
            "/login",
            &[("email", "ana@example.org"), ("password", "squatter pass")],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
}
