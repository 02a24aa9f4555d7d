//! Accounts over HTTP: first-run setup, registration, sign-in and sign-out,
//! CSRF, rate limits and sessions.

use crate::common;

use crate::common::{Browser, TestApp, csrf_in};
use photojury::accounts::setup;
use reqwest::StatusCode;

#[tokio::test]
async fn the_first_run_setup_link_creates_an_admin_once() {
    let app = TestApp::spawn().await;
    let link = setup::issue_link_if_needed(&app.state.db, &app.base, common::START)
        .await
        .unwrap()
        .expect("no admin yet, so a link");
    let path = link.strip_prefix(&app.base).unwrap().to_owned();
    let token = path.split("token=").nth(1).unwrap().to_owned();

    let browser = app.browser();
    let form = browser.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Create the first administrator");
    let done = browser
        .post(
            "/setup",
            &[
                ("token", &token),
                ("email", "Chair@Example.org"),
                ("password", "long enough"),
                ("password_confirm", "long enough"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/admin");
    assert_eq!(browser.get("/admin").await.status, StatusCode::OK);
    assert_eq!(
        app.count("users WHERE is_admin = 1 AND email = 'chair@example.org'")
            .await,
        1
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'setup.first_admin'")
            .await,
        1
    );

    // The link is spent: neither the page nor a second use works.
    let other = app.browser();
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    other.get("/login").await;
    let again = other
        .post(
            "/setup",
            &[
                ("token", &token),
                ("email", "x@example.org"),
                ("password", "long enough"),
                ("password_confirm", "long enough"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("users").await, 1);
    // And a restart with an admin present prints no new link.
    assert!(
        setup::issue_link_if_needed(&app.state.db, &app.base, common::START)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_wrong_setup_token_creates_nothing() {
    let app = TestApp::spawn().await;
    setup::issue_link_if_needed(&app.state.db, &app.base, common::START)
        .await
        .unwrap();
    let browser = app.browser();
    assert_eq!(
        browser.get("/setup?token=forged").await.status,
        StatusCode::NOT_FOUND
    );
    browser.get("/login").await;
    let page = browser
        .post(
            "/setup",
            &[
                ("token", "forged"),
                ("email", "x@example.org"),
                ("password", "long enough"),
                ("password_confirm", "long enough"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn a_person_registers_signs_in_signs_out_and_signs_back_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    assert_eq!(browser.get("/register").await.status, StatusCode::OK);
    let page = browser
        .post(
            "/register",
            &[
                ("email", "ana@example.org"),
                ("password", "eight ch"),
                ("password_confirm", "eight ch"),
                ("next", "/contests/x/entry"),
            ],
        )
        .await;
    // Without email confirmation: to the sign-in form, on to where they were going.
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location(),
        "/login?registered=1&next=%2Fcontests%2Fx%2Fentry"
    );
    let login = browser.get(page.location()).await;
    login.assert_contains("it has one now: sign in");
    login.assert_contains(r#"name="next" value="/contests/x/entry""#);
    browser.sign_in("ana@example.org", "eight ch").await;
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    account.assert_contains("Signed in as ana@example.org.");

    let out = browser.post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::SEE_OTHER);
    assert_eq!(account.location(), "/login?next=%2Faccount");

    browser.sign_in("ana@example.org", "eight ch").await;
    browser
        .get("/account")
        .await
        .assert_contains("ana@example.org");
}

#[tokio::test]
async fn registration_problems_re_render_the_form_and_a_taken_address_gets_the_usual_answer() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser.get("/register").await;
    let page = browser
        .post(
            "/register",
            &[
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "shorter"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Enter an email address like name@example.org.");
    page.assert_contains("Use at least 8 characters");
    page.assert_contains("The two passwords differ.");
    assert_eq!(app.count("users").await, 0);

    app.account("taken@example.org", "whatever1", false).await;
    let register = |email: &'static str| {
        let browser = &browser;
        async move {
            browser
                .post(
                    "/register",
                    &[
                        ("email", email),
                        ("password", "whatever2"),
                        ("password_confirm", "whatever2"),
                    ],
                )
                .await
        }
    };
    let taken = register("TAKEN@example.org").await;
    let new = register("new@example.org").await;
    // Nobody learns from the answer whether an address has an account.
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert_eq!(
        (taken.status, taken.location()),
        (new.status, new.location())
    );
    assert!(!taken.body.contains("already"), "{}", taken.body);
    assert_eq!(app.count("users").await, 2);
    // The taken account keeps its password.
    app.browser()
        .sign_in("taken@example.org", "whatever1")
        .await;
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.account("ana@example.org", "right password", false)
        .await;
    let browser = app.browser();
    browser.get("/login").await;
    let wrong = browser
        .post(
            "/login",
            &[("email", "ana@example.org"), ("password", "wrong password")],
        )
        .await;
    let unknown = browser
        .post(
            "/login",
            &[("email", "bob@example.org"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status, unknown.status);
    let strip = |p: &common::Page| {
        p.body
            .replace("ana@example.org", "X")
            .replace("bob@example.org", "X")
    };
    assert_eq!(strip(&wrong), strip(&unknown));
    wrong.assert_contains("That email and password do not match an account.");
}

#[tokio::test]
async fn state_changing_requests_without_this_sessions_csrf_token_get_403() {
    let app = TestApp::spawn().await;
    app.account("ana@example.org", "right password", false)
        .await;
    let browser = app.browser();
    browser.get("/login").await;
    // No token at all.
    let page = browser
        .post_raw(
            "/login",
            &[("email", "ana@example.org"), ("password", "right password")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("did not come from this site");
    // A token from another visitor's session.
    let other = app.browser();
    let foreign = csrf_in(&other.get("/login").await.body).unwrap();
    let page = browser
        .post_raw(
            "/login",
            &[
                ("csrf", &foreign),
                ("email", "ana@example.org"),
                ("password", "right password"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Registration too, and a request with no session whatsoever.
    let page = Browser::new(&app.base)
        .post_raw(
            "/register",
            &[
                ("csrf", &foreign),
                ("email", "c@example.org"),
                ("password", "12345678"),
                ("password_confirm", "12345678"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("users").await, 1);
    // With the right token the same request works.
    let page = browser
        .post(
            "/login",
            &[("email", "ana@example.org"), ("password", "right password")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_token_seen_before_signing_in_is_dead_after() {
    let app = TestApp::spawn().await;
    app.account("ana@example.org", "right password", false)
        .await;
    let browser = app.browser();
    let before = csrf_in(&browser.get("/login").await.body).unwrap();
    browser.sign_in("ana@example.org", "right password").await;
    let page = browser.post_raw("/logout", &[("csrf", &before)]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn repeated_sign_in_attempts_for_one_account_get_429() {
    let app = TestApp::spawn_with(|c| c.login_burst_per_account = 3).await;
    app.account("ana@example.org", "right password", false)
        .await;
    let browser = app.browser();
    browser.get("/login").await;
    for _ in 0..3 {
        let page = browser
            .post(
                "/login",
                &[("email", "ana@example.org"), ("password", "guess")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser
        .post(
            "/login",
            &[("email", "ana@example.org"), ("password", "right password")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Too many attempts");
    // Another account from the same address is not locked out by ana's limit.
    app.account("bob@example.org", "right password", false)
        .await;
    let page = browser
        .post(
            "/login",
            &[("email", "bob@example.org"), ("password", "right password")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn many_accounts_tried_from_one_address_get_429_and_forwarded_for_does_not_help() {
    let app = TestApp::spawn_with(|c| c.login_burst_per_address = 4).await;
    let browser = app.browser();
    browser.get("/login").await;
    for n in 0..4 {
        let email = format!("user{n}@example.org");
        let page = browser
            .post("/login", &[("email", &email), ("password", "guess")])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let token = browser.csrf.lock().unwrap().clone().unwrap();
    let page = browser
        .client
        .post(format!("{}/login", app.base))
        .header("x-forwarded-for", "198.51.100.77")
        .form(&[
            ("csrf", token.as_str()),
            ("email", "user9@example.org"),
            ("password", "guess"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_session_cookie_replayed_after_sign_out_is_dead() {
    let app = TestApp::spawn().await;
    let browser = app.person("ana@example.org").await;
    let cookie = browser.cookie_header();
    browser.post("/logout", &[]).await;
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = replay
        .get(format!("{}/account", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    let laptop = app.person("ana@example.org").await;
    let phone = app.browser();
    phone.sign_in("ana@example.org", "person-password").await;
    assert_eq!(phone.get("/account").await.status, StatusCode::OK);

    let page = laptop
        .post(
            "/account/password",
            &[
                ("current", "person-password"),
                ("password", "new password"),
                ("password_confirm", "new password"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Password changed");
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);

    let wrong = laptop
        .post(
            "/account/password",
            &[
                ("current", "person-password"),
                ("password", "another one"),
                ("password_confirm", "another one"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    wrong.assert_contains("The current password is not right.");
}

#[tokio::test]
async fn sessions_live_in_the_database_and_work_across_server_processes() {
    let app = TestApp::spawn().await;
    let browser = app.person("ana@example.org").await;
    let cookie = browser.cookie_header();
    let (second, _state) = app.second_server().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .get(format!("{second}/account"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("ana@example.org"));
    assert!(app.count("sessions").await >= 1);
}

/// Signs in with a cookie-less client, carrying the form cookie by hand (a
/// `Secure` cookie is not sent back over the test's plain http), and
/// returns the `Set-Cookie` of the login page and of the sign-in.
async fn cookies_of_signing_in(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    let form_cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    let token = csrf_in(&page.text().await.unwrap()).unwrap();
    let pair = form_cookie.split(';').next().unwrap().to_owned();
    let signed_in = client
        .post(format!("{}/login", app.base))
        .header("cookie", pair)
        .form(&[
            ("csrf", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let session_cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.contains("photojury=") && !v.contains("photojury-form"))
        .unwrap();
    (form_cookie, session_cookie)
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_lax_and_secure_under_https() {
    let app = TestApp::spawn().await;
    app.account("ana@example.org", "right password", false)
        .await;
    let (form, session) = cookies_of_signing_in(&app, "ana@example.org", "right password").await;
    assert!(form.starts_with("photojury-form="), "{form}");
    assert!(session.starts_with("photojury="), "{session}");
    for cookie in [&form, &session] {
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(!cookie.contains("Secure"), "{cookie}");
    }

    let https = TestApp::spawn_with(|c| c.public_url = "https://contest.example.org".into()).await;
    https
        .account("ana@example.org", "right password", false)
        .await;
    let (form, session) = cookies_of_signing_in(&https, "ana@example.org", "right password").await;
    assert!(form.starts_with("__Host-photojury-form="), "{form}");
    assert!(session.starts_with("__Host-photojury="), "{session}");
    for cookie in [&form, &session] {
        assert!(
            cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
            "{cookie}"
        );
    }
}

#[tokio::test]
async fn anonymous_pages_without_forms_do_not_create_sessions() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers.get("set-cookie").is_none());
    assert_eq!(app.count("sessions").await, 0);
}

/// A sentinel expiry in the sessions table: overwritten only if the row is saved.
const UNTOUCHED: i64 = 4_102_444_800;

async fn mark_sessions(app: &TestApp) {
    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind(UNTOUCHED)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn viewing_pages_does_not_rewrite_the_session_but_an_hour_later_renews_it() {
    let app = TestApp::spawn().await;
    let browser = app.person("ana@example.org").await;
    browser.get("/account").await;
    mark_sessions(&app).await;
    for path in ["/account", "/jury", "/", "/account"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    assert_eq!(
        app.count(&format!("sessions WHERE expires_at = {UNTOUCHED}"))
            .await,
        1,
        "a page view wrote the session row"
    );
    // An hour on, the next page pushes the expiry out again.
    app.clock.advance(chrono::Duration::minutes(61));
    browser
        .get("/account")
        .await
        .assert_contains("ana@example.org");
    assert_eq!(
        app.count(&format!("sessions WHERE expires_at = {UNTOUCHED}"))
            .await,
        0,
        "the session was not renewed"
    );
}
