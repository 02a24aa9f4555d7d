//! A juror's queue in pages and by index: the grid shows at most 200
//! entries a page, forwards and back through the same order; the scoring
//! page's previous and next agree with the grid; "save and next" finds the
//! next entry to score; progress is counted by the database as work is
//! saved, stepped aside from and handed to others. On a bulk demo contest
//! (`demo --entries`), on both databases.

use std::collections::HashSet;

use chrono::Utc;
use photojury::demo::{DemoPhase, populate_sized};
use reqwest::StatusCode;

use crate::common::jury::criterion_fields;
use crate::common::{Browser, TestApp};

const SLUG: &str = "migrants-central-asia";

async fn bulk(entries: usize) -> (TestApp, Browser) {
    let app = TestApp::spawn().await;
    populate_sized(
        &app.state.db,
        &app.config,
        Utc::now(),
        DemoPhase::Judging,
        Some(entries),
    )
    .await
    .expect("the bulk demo");
    let juror = app.browser();
    juror
        .sign_in("juror1@demo.photojury.org", "demo-juror-1")
        .await;
    (app, juror)
}

/// The entry numbers on a grid page, and its pager links.
fn grid(body: &str) -> (Vec<String>, Option<String>, Option<String>) {
    let marker = format!("href=\"/jury/{SLUG}/entries/");
    let list = body.split("<ul class=\"grid\">").nth(1).unwrap_or("");
    let list = list.split("</ul>").next().unwrap_or("");
    let mut numbers: Vec<String> = list
        .split(&marker)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    numbers.dedup();
    let link = |rel: &str| {
        let at = body.find(&format!("rel=\"{rel}\" href=\""))?;
        let rest = &body[at + rel.len() + 13..];
        Some(
            rest.split('"')
                .next()?
                .replace("&#38;", "&")
                .replace("&amp;", "&"),
        )
    };
    (numbers, link("prev"), link("next"))
}

#[tokio::test]
async fn the_grid_pages_through_the_whole_queue_two_hundred_at_a_time_and_back() {
    let (app, juror) = bulk(450).await;
    assert_eq!(app.count("entries").await, 450);
    let first = juror.get(&format!("/jury/{SLUG}")).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.len() < 300 * 1024, "{} bytes", first.body.len());
    let (page1, prev, next) = grid(&first.body);
    assert_eq!(page1.len(), 200);
    assert_eq!(prev, None);
    let second = juror.get(&next.expect("a next page")).await;
    let (page2, prev2, next2) = grid(&second.body);
    assert_eq!(page2.len(), 200);
    let third = juror.get(&next2.expect("a third page")).await;
    let (page3, _, next3) = grid(&third.body);
    assert_eq!(page3.len(), 50);
    assert_eq!(next3, None, "the last page has no next");
    // Every entry once, in one order.
    let all: Vec<&String> = page1.iter().chain(&page2).chain(&page3).collect();
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 450);
    // Back from page 2 is page 1 again, exactly.
    let back = juror.get(&prev2.expect("a previous page")).await;
    assert_eq!(grid(&back.body).0, page1);
    // Each entry's own page agrees: its neighbours are the grid's.
    let middle = &page2[0];
    let entry = juror.get(&format!("/jury/{SLUG}/entries/{middle}")).await;
    entry.assert_contains(&format!(
        "href=\"/jury/{SLUG}/entries/{}\">← Previous",
        page1[199]
    ));
    entry.assert_contains(&format!(
        "href=\"/jury/{SLUG}/entries/{}\">Next →",
        page2[1]
    ));
    entry.assert_contains("0 of 450 scored");
    // The next images are fetched ahead, the three after it.
    for n in &page2[1..4] {
        entry.assert_contains(&format!("/jury/{SLUG}/entries/{n}/1/large.jpg"));
    }
    // A forged cursor reads as the start, never as an error.
    let forged = juror.get(&format!("/jury/{SLUG}?after=99999999")).await;
    assert_eq!(grid(&forged.body).0, page1);
}

#[tokio::test]
async fn saving_goes_to_the_next_entry_to_score_and_progress_counts_it() {
    let (app, juror) = bulk(240).await;
    let (page1, _, _) = grid(&juror.get(&format!("/jury/{SLUG}")).await.body);
    // Score the second entry first, then the first: "save and next" skips
    // the scored second and lands on the third.
    for (number, expected_next) in [(&page1[1], &page1[2]), (&page1[0], &page1[2])] {
        let page = juror.get(&format!("/jury/{SLUG}/entries/{number}")).await;
        let mut fields: Vec<(String, String)> = criterion_fields(&page.body)
            .into_iter()
            .map(|c| (c, "6".to_owned()))
            .collect();
        fields.push(("go".into(), "next".into()));
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = juror
            .post(&format!("/jury/{SLUG}/entries/{number}"), &fields)
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(
            saved.location(),
            format!("/jury/{SLUG}/entries/{expected_next}")
        );
    }
    let scored: i64 = app
        .count("assignments a JOIN jurors j ON j.id = a.juror_id WHERE j.email = 'juror1@demo.photojury.org' AND a.scored_at IS NOT NULL")
        .await;
    assert_eq!(scored, 2);
    let counted: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(p.scored) AS BIGINT) FROM juror_progress p JOIN jurors j ON j.id = p.juror_id \
         WHERE j.email = 'juror1@demo.photojury.org'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("progress");
    assert_eq!(counted, 2);
    let entry = juror
        .get(&format!("/jury/{SLUG}/entries/{}", page1[2]))
        .await;
    entry.assert_contains("2 of 240 scored");
    // The "not scored yet" page leaves both out and starts at the third.
    let todo = juror.get(&format!("/jury/{SLUG}?filter=todo")).await;
    let (todo1, _, todo_next) = grid(&todo.body);
    assert_eq!(todo1[0], page1[2]);
    assert!(!todo1.contains(&page1[0]) && !todo1.contains(&page1[1]));
    assert_eq!(todo1.len(), 200);
    let todo_next = todo_next.expect("more to score");
    assert!(
        todo_next.starts_with(&format!("/jury/{SLUG}?filter=todo&after=")),
        "{todo_next}"
    );
    let rest = juror.get(&todo_next).await;
    assert_eq!(
        grid(&rest.body).0.len(),
        38,
        "240 - 2 scored - 200 shown: {todo_next}"
    );
    let (_, back, _) = grid(&rest.body);
    let back = back.expect("a way back");
    assert!(
        back.starts_with(&format!("/jury/{SLUG}?filter=todo&before=")),
        "{back}"
    );
}

#[tokio::test]
async fn progress_kept_by_the_database_matches_a_count_after_every_kind_of_change() {
    let (app, juror) = bulk(90).await;
    let (page1, _, _) = grid(&juror.get(&format!("/jury/{SLUG}")).await.body);
    // A recusal, then a juror removed (their unscored work handed on).
    let page = juror
        .get(&format!("/jury/{SLUG}/entries/{}", page1[5]))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let recused = juror
        .post(
            &format!("/jury/{SLUG}/entries/{}/recuse", page1[5]),
            &[("reason", "I know this picture")],
        )
        .await;
    assert_eq!(recused.status, StatusCode::SEE_OTHER, "{}", recused.body);
    assert_eq!(
        recused.location(),
        format!("/jury/{SLUG}/entries/{}", page1[6])
    );
    // Juror 2 (a fifth scored) leaves: their unscored work goes, the rest stays.
    let admin = app.browser();
    admin
        .sign_in("admin@demo.photojury.org", "demo-admin-pass")
        .await;
    admin.get("/admin/contests/1/jury").await;
    let removed = admin.post("/admin/contests/1/jurors/2/remove", &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        app.count("assignments WHERE juror_id = 2 AND scored_at IS NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("assignments WHERE juror_id = 2 AND scored_at IS NOT NULL")
            .await,
        18
    );
    let counted: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT p.juror_id, p.category_id, p.assigned, p.scored FROM juror_progress p \
         WHERE p.assigned > 0 OR p.scored > 0 ORDER BY p.juror_id, p.category_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("progress");
    let truth: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.juror_id, e.category_id, COUNT(*), \
         SUM(CASE WHEN a.scored_at IS NULL THEN 0 ELSE 1 END) FROM assignments a \
         JOIN entries e ON e.id = a.entry_id WHERE a.recused_at IS NULL \
         GROUP BY a.juror_id, e.category_id ORDER BY a.juror_id, e.category_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("truth");
    assert_eq!(counted, truth);
    let mine = juror.get(&format!("/jury/{SLUG}")).await;
    mine.assert_contains("0 of 44 scored");
    mine.assert_contains("0 of 45 scored");
}

#[tokio::test]
async fn a_contest_set_to_six_digit_numbers_draws_six_digits_and_keeps_them_once_open() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/admin/contests/new").await;
    let mut fields = crate::common::contest_fields("wide", "Wide numbers");
    fields.push(("number_digits", "6"));
    let made = admin.post("/admin/contests", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let path = made.location().to_owned();
    let edit = admin.get(&path).await;
    edit.assert_contains("<option value=\"6\" selected>6 digits");
    let id: i64 = sqlx::query_scalar("SELECT id FROM contests WHERE slug = 'wide'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("contest");
    // Refused: a width the form does not offer.
    let mut bad = crate::common::contest_fields("wide", "Wide numbers");
    bad.push(("number_digits", "4"));
    let refused = admin.post(&path, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Entry numbers have 5, 6 or 7 digits.");
    // Drawn numbers are six digits, every one.
    let user = app
        .account("wide@example.org", "person-password", false)
        .await;
    sqlx::query("INSERT INTO categories (contest_id, name, description, requires_university, position) VALUES ($1, 'Open', '', 0, 1)")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("category");
    let category: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE contest_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("category id");
    let portfolio = photojury::submissions::queries::NewPortfolio {
        category_id: category,
        full_name: "Wide Numbers".into(),
        country: "Kazakhstan".into(),
        university: String::new(),
        consent_name: true,
    };
    photojury::submissions::queries::insert_portfolio(
        &app.state.db,
        id,
        user.id,
        &portfolio,
        true,
        0,
    )
    .await
    .expect("portfolio");
    let number: i64 = sqlx::query_scalar("SELECT number FROM portfolios WHERE contest_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("number");
    assert!((100_000..=999_999).contains(&number), "{number}");
    // Once open, the width no longer changes, whatever the form says.
    sqlx::query("UPDATE contests SET phase = 'open' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("open");
    let mut wider = crate::common::contest_fields("wide", "Wide numbers");
    wider.push(("number_digits", "7"));
    let saved = admin.post(&path, &wider).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let digits: i64 = sqlx::query_scalar("SELECT number_digits FROM contests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("digits");
    assert_eq!(digits, 6);
}
