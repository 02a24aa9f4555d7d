//! The platform: headers on every response, health, error pages, the SQLite
//! settings, the command line (serve, create-admin, demo) and the database
//! the suite runs on.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::common::{Browser, TestApp, create_contest};
use photojury::web::CONTENT_SECURITY_POLICY;
use reqwest::StatusCode;

#[tokio::test]
async fn the_suite_runs_on_the_database_it_was_asked_for() {
    let app = TestApp::spawn().await;
    let expected = if common::postgres_url().is_some() {
        photojury::db::Backend::Postgres
    } else {
        photojury::db::Backend::Sqlite
    };
    assert_eq!(app.state.db.backend, expected);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    create_contest(&admin, "headers").await;
    let visitor = app.browser();
    let mut pages = Vec::new();
    for path in [
        "/",
        "/login",
        "/register",
        "/healthz",
        "/static/style.css",
        "/no/such/page",
        "/contests/nope",
    ] {
        pages.push((path, visitor.get(path).await));
    }
    for path in ["/admin", "/admin/audit", "/account"] {
        pages.push((path, admin.get(path).await));
    }
    pages.push((
        "POST /login without token",
        visitor.post_raw("/login", &[("email", "a@b.c")]).await,
    ));
    for (path, page) in pages {
        let h = &page.headers;
        assert_eq!(
            h.get("content-security-policy").unwrap(),
            CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer", "{path}");
    }
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(
            CONTENT_SECURITY_POLICY.split("; ").any(|d| d == directive),
            "{directive}"
        );
    }
}

#[tokio::test]
async fn unknown_pages_get_the_error_page_with_404() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("There is nothing at this address.");
    page.assert_contains("<link rel=\"stylesheet\" href=\"/static/style.css\">");
}

#[tokio::test]
async fn health_answers_200_while_the_database_answers_and_503_after() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let page = browser.get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok");
    app.state.db.pool.close().await;
    assert_eq!(
        browser.get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn server_errors_show_a_generic_page_and_never_the_details() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    // A query that fails (its table is gone): a bug, 500, nothing of the error shown.
    sqlx::query("ALTER TABLE contests RENAME TO contests_gone")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let page = browser.get("/").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    page.assert_contains("Something went wrong on our side.");
    for detail in [
        "contests_gone",
        "no such table",
        "sqlx",
        "relation",
        "error returned",
    ] {
        assert!(
            !page.body.to_lowercase().contains(detail),
            "{detail} leaked: {}",
            page.body
        );
    }
    // The database unreachable (here: the pool closed) is not a bug: 503,
    // a plain message, still no details.
    app.state.db.pool.close().await;
    let page = browser.get("/").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    page.assert_contains("The contest database is not answering right now.");
    for detail in ["pool", "closed", "sqlx", "Pool"] {
        assert!(
            !page.body.contains(detail),
            "{detail} leaked: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn sqlite_runs_with_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let config = photojury::Config::new(dir.path());
    let db = photojury::Db::connect(&config.database_url).await.unwrap();
    assert!(dir.path().join("photojury.db").exists());
    let mut conn = db.pool.acquire().await.unwrap();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(synchronous, 2, "FULL");
    assert_eq!(foreign_keys, 1);
    assert!(busy >= 5000, "{busy}");
}

#[tokio::test]
async fn the_demo_builds_a_contest_in_judging_with_entries_and_a_working_jury() {
    use photojury::demo::{DEMO_SLUG, DemoPhase, populate};
    let app = TestApp::spawn().await;
    let logins = populate(
        &app.state.db,
        &app.config,
        chrono::Utc::now(),
        DemoPhase::Judging,
    )
    .await
    .unwrap();
    let printed = logins.to_string();
    assert!(printed.contains("admin@demo.photojury.org"), "{printed}");
    assert_eq!(printed.matches("juror ").count(), 5, "{printed}");
    assert_eq!(app.count("contest_roles WHERE role = 'juror'").await, 5);
    assert_eq!(app.count("jurors WHERE accepted_at IS NOT NULL").await, 5);
    assert_eq!(app.count("categories").await, 2);
    assert_eq!(app.count("criteria").await, 4);
    assert_eq!(app.count("portfolios").await, 24);
    let entries = app.count("entries").await;
    assert_eq!(entries, app.count("photos").await);
    assert!(entries >= 60, "{entries}");
    // Judged in two rounds: the yes/no shortlist (two jurors per entry,
    // closed with juror 1's votes missing), then the criteria round on what
    // it advanced, to all five jurors.
    assert_eq!(app.count("ballots").await, entries * 2);
    assert_eq!(
        app.count("round_snapshots WHERE override_reason <> ''")
            .await,
        1
    );
    let advanced = app.count("entries WHERE reached = 2").await;
    assert!(
        advanced > 0 && advanced < entries,
        "{advanced} of {entries}"
    );
    assert_eq!(app.count("assignments").await, advanced * 5);
    assert!(app.count("scores").await > 0);

    // The printed juror login reaches a scoring page with a real image.
    let juror = app.browser();
    juror
        .sign_in("juror1@demo.photojury.org", "demo-juror-1")
        .await;
    juror.get("/account").await.assert_contains("jury member");
    let home = juror.get(&format!("/jury/{DEMO_SLUG}")).await;
    let first_category = app
        .count(
            "juror_progress WHERE juror_id = (SELECT MIN(id) FROM jurors) \
             AND category_id = (SELECT MIN(id) FROM categories)",
        )
        .await;
    assert_eq!(first_category, 1);
    let assigned: i64 = sqlx::query_scalar(
        "SELECT assigned FROM juror_progress WHERE juror_id = (SELECT MIN(id) FROM jurors) \
         AND category_id = (SELECT MIN(id) FROM categories)",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    home.assert_contains(&format!("0 of {assigned} scored"));
    let first = home
        .body
        .split(&format!("/jury/{DEMO_SLUG}/entries/"))
        .nth(1)
        .unwrap();
    let number = first.split('"').next().unwrap();
    let page = juror
        .get(&format!("/jury/{DEMO_SLUG}/entries/{number}"))
        .await;
    page.assert_contains("Relevance to the theme");
    let (status, _, bytes) = juror
        .get_bytes(&format!("/jury/{DEMO_SLUG}/entries/{number}/1/large.jpg"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.len() > 10_000);
    let public = app.browser().get(&format!("/contests/{DEMO_SLUG}")).await;
    public.assert_contains("Migrants: An Invisible Force in Central Asia");
    public.assert_contains("University students");
    // A second run on the same data refuses instead of duplicating.
    assert!(
        populate(
            &app.state.db,
            &app.config,
            chrono::Utc::now(),
            DemoPhase::Open
        )
        .await
        .is_err()
    );
}

#[tokio::test]
async fn the_demo_announces_winners_in_one_command_and_they_verify() {
    use photojury::demo::{DEMO_SLUG, DemoPhase, populate};
    let app = TestApp::spawn().await;
    let logins = populate(
        &app.state.db,
        &app.config,
        chrono::Utc::now(),
        DemoPhase::Announced,
    )
    .await
    .unwrap();
    assert!(logins.to_string().contains("/winners"), "{logins}");
    assert_eq!(app.count("contests WHERE phase = 'announced'").await, 1);
    // Juror 1 never scored: finalized with an override, published with the results.
    assert_eq!(
        app.count("results_snapshots WHERE override_reason LIKE 'Juror 1%'")
            .await,
        1
    );
    assert_eq!(app.count("awards WHERE award = 'first'").await, 2);
    let winners = app
        .browser()
        .get(&format!("/contests/{DEMO_SLUG}/winners"))
        .await;
    assert_eq!(winners.status, reqwest::StatusCode::OK);
    winners.assert_contains("1st prize");
    winners.assert_contains("University students");
    winners.assert_contains("Selected for the exhibition");
    // The demo judges in three rounds: each winner's way through them.
    winners.assert_contains("Through the rounds: 1: ");
    winners.assert_contains(" → 3: place ");
    let contest = photojury::contests::queries::contest_by_slug(&app.state.db, DEMO_SLUG)
        .await
        .unwrap()
        .unwrap();
    let checks = photojury::results::verify_stored::Checks {
        files: &app.state.files,
        rederive: Some(&app.state.config.image_limits),
    };
    let report = photojury::results::verify_stored::check_stored(&app.state.db, &contest, checks)
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let chain = photojury::audit::chain::verify(&app.state.db)
        .await
        .unwrap();
    assert!(chain.ok() && chain.chained > 3, "{chain:?}");
    let participant = app.browser();
    participant
        .sign_in("participant1@demo.photojury.org", "demo-participant-1")
        .await;
    let account = participant.get("/account").await;
    account.assert_contains("Your results");
    // Every entry of theirs has a line: a place band, an award, or the
    // round after which it did not go on (the shortlist is drawn at random).
    let numbers: Vec<i64> = sqlx::query_scalar(
        "SELECT e.number FROM entries e JOIN portfolios p ON p.id = e.portfolio_id \
         JOIN users u ON u.id = p.user_id WHERE u.email = 'participant1@demo.photojury.org'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(!numbers.is_empty());
    for n in numbers {
        account.assert_contains(&format!("id=\"result-{n}\""));
    }
}

/// Runs the real binary; the database is the suite's (SQLite in a temp dir, or PostgreSQL).
fn binary(dir: &std::path::Path, db_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_photojury"));
    cmd.arg("--data-dir")
        .arg(dir)
        .env("PHOTOJURY_DATABASE_URL", db_url)
        .env_remove("RUST_LOG");
    cmd
}

#[tokio::test]
async fn a_new_user_starts_the_server_and_follows_the_printed_setup_link() {
    let app = TestApp::spawn().await; // only for its fresh database
    let url = app.config.database_url.clone();
    let mut child = binary(app.dir.path(), &url)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = tokio::task::spawn_blocking(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            let done = line.contains("is serving");
            seen.push(line);
            if done {
                break;
            }
        }
        seen
    })
    .await
    .unwrap();
    let link = lines.iter().find_map(|l| {
        l.trim()
            .strip_prefix("http")
            .filter(|l| l.contains("/setup?token="))
    });
    let link = format!(
        "http{}",
        link.unwrap_or_else(|| panic!("no setup link in {lines:?}"))
    );
    let (base, path) = link.split_at(link.find("/setup").unwrap());

    let browser = Browser::new(base);
    let form = browser.get(path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let token = path.split("token=").nth(1).unwrap();
    let page = browser
        .post(
            "/setup",
            &[
                ("token", token),
                ("email", "chair@example.org"),
                ("password", "a real passphrase"),
                ("password_confirm", "a real passphrase"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    browser.get("/admin").await.assert_contains("New contest");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn create_admin_reads_the_password_from_standard_input() {
    let app = TestApp::spawn().await;
    let url = app.config.database_url.clone();
    let mut child = binary(app.dir.path(), &url)
        .args(["create-admin", "--email", "Ops@Example.org"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"from a script\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Administrator ops@example.org created.")
    );
    assert_eq!(
        app.count("users WHERE is_admin = 1 AND email = 'ops@example.org'")
            .await,
        1
    );
    let browser = app.browser();
    browser.sign_in("ops@example.org", "from a script").await;
    assert_eq!(browser.get("/admin").await.status, StatusCode::OK);

    // A short password is refused with the same message as the form's.
    let mut child = binary(app.dir.path(), &url)
        .args(["create-admin", "--email", "two@example.org"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Use at least 8 characters"));
    assert_eq!(app.count("users").await, 1);
}
