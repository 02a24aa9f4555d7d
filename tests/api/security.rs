//! The security suite, second pass (issue 14): each case an attacker tried
//! against a release build, as a test that failed before its fix. Cookies,
//! kept pages, caching, redirects, connections and error pages here; the
//! upload and account cases in `security_uploads` and `security_accounts`.

use std::time::Duration;

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::jury::{Setup, judged};
use crate::common::{Browser, TestApp};

/// A client that sends only the cookies it is given and follows no redirect.
pub fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the session cookie in a browser's jar.
pub fn session_of(browser: &Browser) -> String {
    browser
        .cookie_header()
        .split("; ")
        .find_map(|pair| pair.strip_prefix("photojury="))
        .expect("a session cookie")
        .to_owned()
}

/// Asks `path` with exactly these `Cookie` headers.
async fn with_cookies(
    base: &str,
    path: &str,
    cookies: &[&str],
) -> (StatusCode, Vec<String>, String) {
    let mut request = bare_client().get(format!("{base}{path}"));
    for cookie in cookies {
        request = request.header("cookie", *cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let set: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    (status, set, response.text().await.unwrap())
}

#[tokio::test]
async fn a_planted_second_session_cookie_signs_nobody_in_and_opens_no_kept_page() {
    let app = TestApp::spawn().await;
    let scene = judged(&app, Setup::default()).await;
    let juror = &scene.jurors[0];
    let path = format!("/jury/{}", scene.slug);
    let session = session_of(juror);
    // The juror's grid is kept in memory (asked twice).
    for _ in 0..2 {
        let page = juror.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains("juror0@jury.example.org");
    }
    let planted = "photojury=planted-x";
    let real = format!("photojury={session}");
    let (first, last) = (format!("{planted}; {real}"), format!("{real}; {planted}"));
    let attempts: [Vec<&str>; 3] = [vec![&first], vec![&last], vec![planted, &real]];
    for cookies in attempts {
        let (status, set, body) = with_cookies(&app.base, &path, &cookies).await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "{cookies:?}: treated as signed out"
        );
        assert!(
            !body.contains("juror0@jury.example.org"),
            "{cookies:?}: {body}"
        );
        assert!(
            set.iter()
                .any(|c| c.starts_with("photojury=;") && c.contains("Max-Age=0")),
            "{cookies:?}: the stray cookie is cleared: {set:?}"
        );
    }
    // The planted value alone finds nothing kept under it.
    let (status, _, body) = with_cookies(&app.base, &path, &[planted]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(!body.contains("juror0@jury.example.org"));
    // The juror's own cookie, alone, still works.
    let (status, _, body) = with_cookies(&app.base, &path, &[&real]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("juror0@jury.example.org"));
}

#[tokio::test]
async fn pages_that_depend_on_the_session_may_not_be_stored_by_any_cache() {
    let app = TestApp::spawn().await;
    let scene = judged(&app, Setup::default()).await;
    let slug = scene.slug;
    let private = [
        (&scene.jurors[0], format!("/jury/{slug}")),
        (&scene.jurors[0], "/jury".to_owned()),
        (&scene.participants[0], "/account".to_owned()),
        (
            &scene.participants[0],
            format!("/contests/{slug}/entry/receipt"),
        ),
        (&scene.admin, format!("{}/entries", scene.admin_path)),
        (&scene.admin, scene.admin_path.clone()),
        // A public page, asked by someone signed in, shows who they are.
        (&scene.participants[0], format!("/contests/{slug}")),
    ];
    for (who, path) in &private {
        let page = who.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.headers["cache-control"], "private, no-store", "{path}");
    }
    // The results CSV (names after the reveal) once finalized.
    let finalized = scene
        .admin
        .post(
            &format!("{}/phase", scene.admin_path),
            &[("to", "finalized"), ("force", "1"), ("reason", "test")],
        )
        .await;
    assert_eq!(
        finalized.status,
        StatusCode::SEE_OTHER,
        "{}",
        finalized.body
    );
    let (status, headers, _) = scene
        .admin
        .get_bytes(&format!("{}/results.csv", scene.admin_path))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["cache-control"], "private, no-store");
    // Anonymous public pages may be cached, if asked again first.
    let page = app.browser().get(&format!("/contests/{slug}")).await;
    assert_eq!(page.headers["cache-control"], "no-cache");
    // The sign-in page sets the form cookie: not for a shared cache either.
    let page = app.browser().get("/login").await;
    assert_eq!(page.headers["cache-control"], "private, no-store");
}

#[tokio::test]
async fn hsts_is_sent_under_https_only() {
    let http = TestApp::spawn().await;
    let page = http.browser().get("/").await;
    assert!(page.headers.get("strict-transport-security").is_none());
    let https = TestApp::spawn_with(|c| c.public_url = "https://contest.example.org".into()).await;
    for path in ["/", "/login", "/static/style.css", "/nowhere"] {
        let page = https.browser().get(path).await;
        assert_eq!(
            page.headers["strict-transport-security"], "max-age=31536000",
            "{path}"
        );
    }
}

#[tokio::test]
async fn next_after_sign_in_never_leaves_the_site() {
    let app = TestApp::spawn_with(|c| c.login_burst_per_account = 100).await;
    app.account("ana@example.org", "right password", false)
        .await;
    let cases = [
        ("/\t/evil.example", "/account"),
        ("/\n/evil.example", "/account"),
        ("/\r\nSet-Cookie: evil=1", "/account"),
        ("//evil.example", "/account"),
        ("/\\evil.example", "/account"),
        ("https://evil.example", "/account"),
        ("/jury", "/jury"),
    ];
    for (next, landing) in cases {
        let browser = app.browser();
        let form = browser.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        let page = browser
            .post(
                "/login",
                &[
                    ("email", "ana@example.org"),
                    ("password", "right password"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            page.body
        );
        assert_eq!(page.location(), landing, "{next:?}");
    }
    // The query string on the login page is filtered the same way.
    let page = app.browser().get("/login?next=/%09/evil.example").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(r#"name="next" value="""#);
}

/// Opens a connection, sends `first`, and tells how long the server kept it
/// open (up to `wait`) after the last byte it sent.
async fn held_open(base: &str, first: &[u8], wait: Duration) -> Option<Duration> {
    let addr = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(first).await.unwrap();
    let started = tokio::time::Instant::now();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match tokio::time::timeout_at(started + wait, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn half_sent_and_idle_connections_are_closed() {
    let app = TestApp::spawn_with(|c| c.header_timeout = Duration::from_secs(1)).await;
    // A request head that never ends.
    let half = held_open(
        &app.base,
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        Duration::from_secs(5),
    )
    .await;
    let half = half.expect("a half-sent request is cut off");
    assert!(half < Duration::from_secs(3), "{half:?}");
    // Nothing at all after connecting.
    let silent = held_open(&app.base, b"", Duration::from_secs(5)).await;
    assert!(silent.expect("a silent connection is cut off") < Duration::from_secs(3));
    // A whole request, answered, then an idle keep-alive connection.
    let idle = held_open(
        &app.base,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(idle.expect("an idle connection is closed") < Duration::from_secs(3));
}

#[tokio::test]
async fn errors_from_below_the_handlers_get_the_error_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // A path parameter that is not a number.
    let page = admin.get("/admin/contests/not-a-number").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    page.assert_contains("could not be understood");
    // A method the route does not take keeps its Allow header.
    let visitor = app.browser();
    visitor.get("/login").await;
    let token = visitor.csrf.lock().unwrap().clone().unwrap();
    let response = visitor
        .client
        .put(format!("{}/login", app.base))
        .header("x-csrf-token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.headers().contains_key("allow"));
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("does not take that kind of request")
    );
    // A urlencoded body that is not a form.
    let browser = app.browser();
    browser.get("/login").await;
    let token = browser.csrf.lock().unwrap().clone().unwrap();
    let response = browser
        .client
        .post(format!("{}/login?csrf={token}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40b.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("<!DOCTYPE html>") || body.contains("<!doctype html>"),
        "{body}"
    );
}

#[tokio::test]
async fn a_jurors_comment_is_stored_without_bidi_overrides_or_control_characters() {
    let app = TestApp::spawn().await;
    let scene = judged(&app, Setup::default()).await;
    let juror = &scene.jurors[0];
    let number = crate::common::jury::queue_of(juror, scene.slug).await[0].clone();
    let path = format!("/jury/{}/entries/{number}", scene.slug);
    let page = juror.get(&path).await;
    let mut fields: Vec<(String, String)> = crate::common::jury::criterion_fields(&page.body)
        .into_iter()
        .map(|name| (name, "7".to_owned()))
        .collect();
    fields.push((
        "comment".into(),
        "fine \u{202E}krow\u{0} light\u{2066}".into(),
    ));
    fields.push(("go".into(), "stay".into()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = juror.post(&path, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let comments: Vec<String> =
        sqlx::query_scalar("SELECT comment FROM assignments WHERE comment <> ''")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(comments, vec!["fine krow light".to_owned()]);
}
