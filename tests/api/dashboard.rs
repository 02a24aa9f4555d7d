//! The admin's contest dashboard leads: one next step as its primary button,
//! what no longer applies gone, finalizing with work missing tucked away.

use chrono::Utc;
use photojury::demo::{DemoPhase, populate};
use reqwest::StatusCode;

use crate::common::{Browser, TestApp, contest_fields};

async fn demo_admin(phase: DemoPhase) -> (TestApp, Browser) {
    let app = TestApp::spawn().await;
    populate(&app.state.db, &app.config, Utc::now(), phase)
        .await
        .expect("the demo contest");
    let admin = app.browser();
    admin
        .sign_in("admin@demo.photojury.org", "demo-admin-pass")
        .await;
    (app, admin)
}

#[tokio::test]
async fn mid_judging_the_next_step_is_the_jury_and_finalizing_with_work_missing_is_tucked_away() {
    let (_app, admin) = demo_admin(DemoPhase::Judging).await;
    let page = admin.get("/admin/contests/1").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(
        "id=\"next-step-action\" href=\"/admin/contests/1/jury\">Watch the jury</a>",
    );
    page.assert_contains("% done. Remind jurors who are behind");
    // Finalize is there, secondary, its override inside a closed details.
    page.assert_contains("id=\"phase-finalized\" class=\"secondary\"");
    let next_step = page.body.find("id=\"next-step\"").unwrap();
    let force = page
        .body
        .find("<summary>Finalize with work missing…</summary>")
        .unwrap();
    assert!(next_step < force, "the next step comes first");
    // Categories and criteria can no longer change: their forms are gone.
    assert!(!page.body.contains("Add category"), "{}", page.body);
    assert!(!page.body.contains("Add criterion"));
    page.assert_contains("Categories are fixed once entries have closed.");
    page.assert_contains("Criteria are frozen once judging has started.");
}

#[tokio::test]
async fn after_the_reveal_awards_come_before_the_announcement() {
    let (_app, admin) = demo_admin(DemoPhase::Revealed).await;
    let page = admin.get("/admin/contests/1").await;
    page.assert_contains(
        "id=\"next-step-action\" href=\"/admin/contests/1/awards\">Assign awards</a>",
    );
    page.assert_contains("id=\"phase-announced\" class=\"secondary\"");
}

#[tokio::test]
async fn a_new_contest_asks_for_categories_then_criteria_then_opening() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/admin/contests/new").await;
    let made = admin
        .post("/admin/contests", &contest_fields("steps", "Steps"))
        .await;
    let path = made.location().to_owned();
    let page = admin.get(&path).await;
    page.assert_contains("href=\"#categories\">Add a category</a>");
    admin
        .post(
            &format!("{path}/categories"),
            &[("name", "Open"), ("description", ""), ("max_photos", "")],
        )
        .await;
    let page = admin.get(&path).await;
    page.assert_contains("href=\"#criteria\">Add a criterion</a>");
    let fields = [
        ("name", "Impact"),
        ("description", ""),
        ("weight", "1"),
        ("scale_min", "1"),
        ("scale_max", "10"),
    ];
    admin.post(&format!("{path}/criteria"), &fields).await;
    let page = admin.get(&path).await;
    // The primary button is opening, inside the next-step card.
    let card = page.body.split("id=\"next-step\"").nth(1).unwrap();
    let card = card.split("</section>").next().unwrap();
    assert!(
        card.contains("<button type=\"submit\" id=\"phase-open\">"),
        "{card}"
    );
    assert_eq!(page.body.matches("id=\"phase-open\"").count(), 1);
}
