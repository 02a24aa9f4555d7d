//! Contests over HTTP: admin setup, phases, the server-clock deadline, roles,
//! public pages and the audit log.

use crate::common::{TestApp, contest_fields, create_contest, entrant};
use chrono::Duration;
use photojury::accounts::queries::{Email, user_by_email};
use photojury::contests::queries::{Role, assign_role, contest_by_slug};
use reqwest::StatusCode;

#[tokio::test]
async fn an_admin_creates_a_contest_with_two_categories_and_four_criteria_and_opens_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "migrants-2026").await;

    // A draft is invisible to the public.
    let visitor = app.browser();
    assert_eq!(
        visitor.get("/contests/migrants-2026").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!visitor.get("/").await.body.contains("Migrants 2026"));

    let edit = admin.get(&path).await;
    edit.assert_contains("University students");
    edit.assert_contains("Technical quality");
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let list = visitor.get("/").await;
    list.assert_contains("Migrants 2026");
    list.assert_contains("Open for entries: 35 days, 9 hours left");
    let public = visitor.get("/contests/migrants-2026").await;
    assert_eq!(public.status, StatusCode::OK);
    for text in [
        "Migrants: an invisible force",
        "University students",
        "Artists and photographers",
        "Relevance",
        "Artistic merit",
        "Technical quality",
        "Story",
        "Kyrgyzstan",
        "31 December 2026, 23:59 (Asia/Almaty, UTC+05:00)",
        "How to enter",
    ] {
        public.assert_contains(text);
    }
    assert_eq!(app.count("categories").await, 2);
    assert_eq!(app.count("criteria").await, 4);
    assert_eq!(app.count("contest_countries").await, 3);
    assert_eq!(app.count("contests WHERE phase = 'open'").await, 1);
}

#[tokio::test]
async fn every_admin_action_writes_an_audit_row() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "audited").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let mut fields = contest_fields("audited", "Renamed contest");
    fields.retain(|(k, _)| *k != "title");
    fields.push(("title", "Renamed contest"));
    fields.push(("min_long_edge", "1600"));
    let page = admin.post(&path, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("contests WHERE min_long_edge = 1600").await, 1);

    for (action, n) in [
        ("contest.create", 1),
        ("category.add", 2),
        ("criterion.add", 4),
        ("contest.phase", 1),
        ("contest.update", 1),
    ] {
        let rows = app
            .count(&format!(
                "audit_log WHERE action = '{action}' AND actor = 'admin@example.org'"
            ))
            .await;
        assert_eq!(rows, n, "{action}");
    }
    let log = admin.get("/admin/audit").await;
    log.assert_contains("contest.phase");
    log.assert_contains("draft → open");
    log.assert_contains("Renamed contest");
}

#[tokio::test]
async fn the_audit_log_cannot_be_edited_even_by_sql() {
    let app = TestApp::spawn().await;
    photojury::audit::record(&app.state.db, 1, None, "test.row", None, "original")
        .await
        .unwrap();
    let update = sqlx::query("UPDATE audit_log SET detail = 'forged'")
        .execute(&app.state.db.pool)
        .await;
    assert!(update.is_err());
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(&app.state.db.pool)
        .await;
    assert!(delete.is_err());
    assert_eq!(app.count("audit_log WHERE detail = 'original'").await, 1);
}

#[tokio::test]
async fn illegal_phase_changes_are_refused_with_a_message() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/admin/contests/new").await;
    let page = admin
        .post("/admin/contests", &contest_fields("empty", "Empty"))
        .await;
    let path = page.location().to_owned();
    admin.get(&path).await;

    // Opening needs categories and criteria.
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Add at least one category before opening the contest.");
    // Skipping ahead is refused.
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "judging")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("A contest cannot move from “Draft” to “Judging”.");
    // A forged phase name too.
    let page = admin
        .post(&format!("{path}/phase"), &[("to", "winners")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("There is no such phase.");
    assert_eq!(app.count("contests WHERE phase = 'draft'").await, 1);
    assert_eq!(
        app.count("audit_log WHERE action = 'contest.phase'").await,
        0
    );
}

#[tokio::test]
async fn judging_cannot_start_before_the_deadline_and_finalized_never_goes_back() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "timeline").await;
    let phase = format!("{path}/phase");
    assert_eq!(
        admin.post(&phase, &[("to", "open")]).await.status,
        StatusCode::SEE_OTHER
    );

    let page = admin.post(&phase, &[("to", "closed")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Entries stay open until the deadline");

    app.clock.advance(Duration::days(40));
    for to in ["closed", "judging", "finalized"] {
        let page = admin.post(&phase, &[("to", to)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "to {to}: {}", page.body);
    }
    for back in ["judging", "closed", "open", "draft"] {
        let page = admin.post(&phase, &[("to", back)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.assert_contains("The results are finalized; the contest cannot go back");
    }
    assert_eq!(app.count("contests WHERE phase = 'finalized'").await, 1);
    // Criteria are frozen once judging has started.
    let page = admin
        .post(
            &format!("{path}/criteria"),
            &[
                ("name", "Late"),
                ("weight", "1"),
                ("scale_min", "1"),
                ("scale_max", "5"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("criteria").await, 4);
}

#[tokio::test]
async fn the_server_clock_enforces_the_deadline_whatever_the_phase_says() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "deadline").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;

    let visitor = app.person("early@example.org").await;
    visitor
        .get("/contests/deadline")
        .await
        .assert_contains("Enter this contest");
    entrant(&app, "deadline", "ana@example.org", "Ana Karimova").await;
    let ana_page = app.browser();
    ana_page.sign_in("ana@example.org", "person-password").await;
    ana_page
        .get("/contests/deadline")
        .await
        .assert_contains("You have entered this contest.");

    // One minute past the deadline (23:59 in Almaty is 18:59 UTC), still "open".
    let deadline = chrono::DateTime::parse_from_rfc3339("2026-12-31T18:59:00Z").unwrap();
    app.clock.set(deadline.to_utc() + Duration::minutes(1));
    let late = app.person("late@example.org").await;
    let public = late.get("/contests/deadline").await;
    public.assert_contains("Entries closed: the deadline has passed.");
    assert!(!public.body.contains("Enter this contest"));
    let page = late.get("/contests/deadline/entry").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("The deadline has passed");
    let category: i64 = sqlx::query_scalar("SELECT MAX(id) FROM categories")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let page = late
        .post(
            "/contests/deadline/entry",
            &[
                ("category", &category.to_string()),
                ("full_name", "Late"),
                ("country", "Kyrgyzstan"),
                ("consent_rules", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(app.count("contests WHERE phase = 'open'").await, 1);
    assert_eq!(
        app.count("contest_roles WHERE role = 'participant'").await,
        1
    );
    assert_eq!(app.count("portfolios").await, 1);
}

#[tokio::test]
async fn a_juror_cannot_enter_the_contest_they_judge() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "conflict").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let juror = app
        .account("juror@example.org", "person-password", false)
        .await;
    let contest = contest_by_slug(&app.state.db, "conflict")
        .await
        .unwrap()
        .unwrap();
    assign_role(&app.state.db, contest.id, juror.id, Role::Juror, 0)
        .await
        .unwrap();

    let browser = app.browser();
    browser
        .sign_in("juror@example.org", "person-password")
        .await;
    browser
        .get("/contests/conflict")
        .await
        .assert_contains("You are on this contest&#39;s jury");
    let page = browser.get("/contests/conflict/entry").await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("You are on this contest&#39;s jury, so you cannot enter it.");
    assert_eq!(
        app.count("contest_roles WHERE role = 'participant'").await,
        0
    );

    // And the other way round: a participant cannot be made a juror.
    entrant(&app, "conflict", "ana@example.org", "Ana Karimova").await;
    let ana = user_by_email(&app.state.db, &Email::parse("ana@example.org").unwrap())
        .await
        .unwrap()
        .unwrap()
        .0;
    let err = assign_role(&app.state.db, contest.id, ana.id, Role::Juror, 0)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already a participant"), "{err}");
}

#[tokio::test]
async fn contest_form_problems_are_shown_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/admin/contests/new").await;
    let mut fields = contest_fields("Bad Slug!", "");
    fields.retain(|(k, _)| !matches!(*k, "timezone" | "closes_at"));
    fields.extend([("timezone", "Mars/Olympus"), ("closes_at", "")]);
    let page = admin.post("/admin/contests", &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("The title is required.");
    page.assert_contains("The web address may use a-z, 0-9 and hyphens");
    page.assert_contains("is not a time zone name like Asia/Tashkent.");
    assert_eq!(app.count("contests").await, 0);

    // A slug already in use.
    create_contest(&admin, "taken").await;
    admin.get("/admin/contests/new").await;
    let page = admin
        .post("/admin/contests", &contest_fields("taken", "Second"))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Another contest already uses this web address.");
    assert_eq!(app.count("contests").await, 1);
}

#[tokio::test]
async fn another_contests_category_id_cannot_be_deleted_through_this_one() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = create_contest(&admin, "first").await;
    let second = create_contest(&admin, "second").await;
    let foreign: i64 = sqlx::query_scalar(
        "SELECT c.id FROM categories c JOIN contests k ON k.id = c.contest_id WHERE k.slug = 'second' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let page = admin
        .post(&format!("{first}/categories/{foreign}/delete"), &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("categories").await, 4);
    // Through its own contest it goes.
    let page = admin
        .post(&format!("{second}/categories/{foreign}/delete"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("categories").await, 3);
}

#[tokio::test]
async fn admin_pages_are_for_admins_only() {
    let app = TestApp::spawn().await;
    let anonymous = app.browser();
    let page = anonymous.get("/admin").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login?next=%2Fadmin");

    let person = app.person("ana@example.org").await;
    for path in ["/admin", "/admin/audit", "/admin/contests/new"] {
        let page = person.get(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        page.assert_contains("This page is for contest administrators.");
    }
    let page = person
        .post("/admin/contests", &contest_fields("sneaky", "Sneaky"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("contests").await, 0);
}
