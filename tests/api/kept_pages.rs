//! Juror pages answered from memory (`web::private_pages`) are never stale:
//! a save, a removal, a sign-out or a password change shows on the very next
//! request, and a change made by another server process or at the SQL prompt
//! within the watch interval. Every assertion here asks a page that was just
//! kept (asked twice) before the change.

use crate::common;

use std::time::{Duration, Instant};

use crate::common::jury::{Judged, Setup, judged, queue_of, score};
use crate::common::{Browser, TestApp};
use reqwest::StatusCode;

/// Asks the juror's grid twice, so that the second answer was kept.
async fn grid_kept(juror: &Browser, slug: &str) -> String {
    let first = juror.get(&format!("/jury/{slug}")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = juror.get(&format!("/jury/{slug}")).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(first.body, second.body, "nothing changed in between");
    second.body
}

async fn juror_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM jurors WHERE email = $1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A client that sends only the cookie it is given and follows no redirect.
fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Asks `path` with `cookie` on `base` until `done` says yes; the time it took.
async fn until_seen(
    base: &str,
    cookie: &str,
    path: &str,
    done: impl Fn(StatusCode, &str) -> bool,
) -> Duration {
    let client = bare_client();
    let start = Instant::now();
    loop {
        let response = client
            .get(format!("{base}{path}"))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        if done(status, &body) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still not seen: {status} {body}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_save_shows_on_the_next_grid_and_a_removed_juror_is_refused_at_once() {
    let app = TestApp::spawn().await;
    let Judged {
        admin,
        admin_path,
        slug,
        jurors,
        ..
    } = judged(&app, Setup::default()).await;
    let before = grid_kept(&jurors[0], slug).await;
    let other = grid_kept(&jurors[2], slug).await;
    assert_ne!(before, other, "each juror has their own page");
    assert!(before.contains("0 of"), "{before}");

    let number = &queue_of(&jurors[0], slug).await[0];
    let saved = score(&jurors[0], slug, number, &["7", "8"], "stay").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = jurors[0].get(&format!("/jury/{slug}")).await;
    assert!(
        after.body.contains("1 of"),
        "the save is not on the grid: {}",
        after.body
    );
    assert_eq!(jurors[2].get(&format!("/jury/{slug}")).await.body, other);

    let entry = format!("/jury/{slug}/entries/{number}");
    let kept = jurors[1].get(&entry).await;
    assert_eq!(jurors[1].get(&entry).await.body, kept.body);
    admin.get(&format!("{admin_path}/jury")).await;
    let id = juror_id(&app, "juror1@jury.example.org").await;
    let removed = admin
        .post(&format!("{admin_path}/jurors/{id}/remove"), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(jurors[1].get(&entry).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        jurors[1].get(&format!("/jury/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_kept_page_dies_with_sign_out_and_with_a_password_change_elsewhere() {
    let app = TestApp::spawn().await;
    let Judged { slug, jurors, .. } = judged(&app, Setup::default()).await;
    let grid = format!("/jury/{slug}");

    grid_kept(&jurors[0], slug).await;
    let cookie = jurors[0].cookie_header();
    jurors[0].get("/account").await;
    assert_eq!(
        jurors[0].post("/logout", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let replay = until_seen(&app.base, &cookie, &grid, |s, _| s != StatusCode::OK).await;
    assert!(replay < Duration::from_millis(50), "{replay:?}");
    let dead = bare_client()
        .get(format!("{}{grid}", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(dead.status(), StatusCode::SEE_OTHER);

    // The same juror on two screens; the password changes on one.
    let laptop = &jurors[1];
    let phone = app.browser();
    phone
        .sign_in("juror1@jury.example.org", "juror-password")
        .await;
    grid_kept(&phone, slug).await;
    laptop.get("/account").await;
    let changed = laptop
        .post(
            "/account/password",
            &[
                ("current", "juror-password"),
                ("password", "a new juror password"),
                ("password_confirm", "a new juror password"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(phone.get(&grid).await.status, StatusCode::SEE_OTHER);
    assert_eq!(laptop.get(&grid).await.status, StatusCode::OK);
}

#[tokio::test]
async fn changes_from_another_server_or_the_sql_prompt_show_within_the_watch_interval() {
    let app = TestApp::spawn().await;
    let Judged {
        admin,
        admin_path,
        slug,
        jurors,
        ..
    } = judged(&app, Setup::default()).await;
    let grid = format!("/jury/{slug}");
    grid_kept(&jurors[0], slug).await;
    let cookie = jurors[0].cookie_header();

    sqlx::query("UPDATE contests SET title = 'Renamed at the prompt' WHERE slug = $1")
        .bind(slug)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let took = until_seen(&app.base, &cookie, &grid, |_, body| {
        body.contains("Renamed at the prompt")
    })
    .await;
    println!("a change at the SQL prompt showed after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");

    // The admin removes the juror on a second server sharing the database.
    grid_kept(&jurors[0], slug).await;
    let (second, _state) = app.second_server().await;
    let id = juror_id(&app, "juror0@jury.example.org").await;
    let page = bare_client();
    let jury = page
        .get(format!("{second}{admin_path}/jury"))
        .header("cookie", admin.cookie_header())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = common::csrf_in(&jury).expect("a token on the jury page");
    let removed = page
        .post(format!("{second}{admin_path}/jurors/{id}/remove"))
        .header("cookie", admin.cookie_header())
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let took = until_seen(&app.base, &cookie, &grid, |s, _| s == StatusCode::NOT_FOUND).await;
    println!("a removal on another server showed after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}
