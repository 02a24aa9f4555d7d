//! Nobody loses what they typed: a form refused for one answer comes back
//! with every other answer as it was sent, consents included.

use reqwest::StatusCode;

use crate::announce::phase;
use crate::common::{self, TestApp, create_contest, entrant, noisy_jpeg};

#[tokio::test]
async fn a_refused_eligibility_form_keeps_every_answer_and_both_consents() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "keeps").await;
    phase(&admin, &path, "open").await;
    let person = app.person("keeps@example.org").await;
    let form = person.get("/contests/keeps/entry").await;
    // The student category needs a university; leave it out.
    let students = common::category_on(&form.body, 1);
    let mut answers = vec![
        ("category", students.as_str()),
        ("full_name", "Aigerim Bekova"),
        ("country", "Kazakhstan"),
        ("consent_rules", "1"),
        ("consent_name", "1"),
    ];
    let refused = person.post("/contests/keeps/entry", &answers).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    refused.assert_contains(&format!("value=\"{students}\" required checked"));
    refused.assert_contains("value=\"Aigerim Bekova\"");
    refused.assert_contains("<option selected>Kazakhstan</option>");
    refused.assert_contains("name=\"consent_rules\" value=\"1\" required checked");
    refused.assert_contains("name=\"consent_name\" value=\"1\" checked");
    assert_eq!(app.count("portfolios").await, 0);

    // Without the second consent, it stays unticked.
    answers.pop();
    let refused = person.post("/contests/keeps/entry", &answers).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("name=\"consent_name\" value=\"1\">");
}

#[tokio::test]
async fn every_change_to_an_entry_says_what_it_did_and_returns_to_where_it_was_made() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "says").await;
    phase(&admin, &path, "open").await;
    let person = entrant(&app, "says", "says@example.org", "Saying Person").await;
    let mut ids = Vec::new();
    for seed in [21, 22] {
        let added = person
            .upload(
                "/contests/says/entry/photos",
                &[("title", "t")],
                vec![("p.jpg", noisy_jpeg(seed, 640, 480))],
                false,
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        assert_eq!(added.location(), "/contests/says/entry#photos");
        let page = person.get("/contests/says/entry").await;
        page.assert_contains("Photo added.");
        ids = page
            .body
            .split("<li class=\"photo\" id=\"photo-")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
            .collect();
    }
    let (first, second) = (&ids[0], &ids[1]);
    // Removing asks first (the page's script reads data-confirm).
    let page = person.get("/contests/says/entry").await;
    page.assert_contains(
        "data-confirm=\"Remove photo 1 (t) from your entry? This cannot be undone.\"",
    );
    // The flash is said once, on the next page only.
    assert!(!page.body.contains("Photo added."));

    let (title, caption) = (format!("title-{first}"), format!("caption-{first}"));
    for (action, fields, location, message) in [
        (
            "/contests/says/entry/texts".to_owned(),
            vec![
                (title.as_str(), "Dawn"),
                (caption.as_str(), "At the border"),
            ],
            "/contests/says/entry#photos".to_owned(),
            "Titles and captions saved.",
        ),
        (
            format!("/contests/says/entry/photos/{second}/move"),
            vec![("dir", "up")],
            format!("/contests/says/entry#photo-{second}"),
            "Photo moved.",
        ),
        (
            "/contests/says/entry/story".to_owned(),
            vec![("story", "We rode the night bus.")],
            "/contests/says/entry#story".to_owned(),
            "Story saved.",
        ),
        (
            format!("/contests/says/entry/photos/{first}/delete"),
            vec![],
            "/contests/says/entry#photos".to_owned(),
            "Photo removed.",
        ),
    ] {
        person.get("/contests/says/entry").await;
        let done = person.post(&action, &fields).await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "{action}: {}",
            done.body
        );
        assert_eq!(done.location(), location);
        person
            .get("/contests/says/entry")
            .await
            .assert_contains(&format!("id=\"flash\">{message}</p>"));
    }
    assert_eq!(app.count("photos").await, 1);
}

#[tokio::test]
async fn a_title_sent_with_several_files_names_the_first_photo_only() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "several").await;
    phase(&admin, &path, "open").await;
    let person = entrant(&app, "several", "several@example.org", "Several Files").await;
    let added = person
        .upload(
            "/contests/several/entry/photos",
            &[("title", "The bridge"), ("caption", "Before dawn")],
            vec![
                ("a.jpg", noisy_jpeg(31, 640, 480)),
                ("b.jpg", noisy_jpeg(32, 640, 480)),
            ],
            false,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let texts: Vec<(String, String)> =
        sqlx::query_as("SELECT title, caption FROM photos ORDER BY position")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        texts,
        vec![
            ("The bridge".to_owned(), "Before dawn".to_owned()),
            (String::new(), String::new())
        ]
    );
    person
        .get("/contests/several/entry")
        .await
        .assert_contains("2 photos added.");
}

#[tokio::test]
async fn after_signing_in_people_land_where_they_were_going() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "lands").await;
    phase(&admin, &path, "open").await;
    app.account("lands@example.org", "lands-password", false)
        .await;

    // A page that needs an account remembers itself, query included.
    let visitor = app.browser();
    let page = visitor.get("/jury/lands?filter=todo").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location(),
        "/login?next=%2Fjury%2Flands%3Ffilter%3Dtodo"
    );
    // The contest page's first button leads to registering, then the entry.
    let public = visitor.get("/contests/lands").await;
    public.assert_contains(
        "id=\"enter-top\" href=\"/register?next=/contests/lands/entry\">Enter this contest</a>",
    );
    let login = visitor.get("/login?next=/contests/lands/entry").await;
    login.assert_contains("value=\"/contests/lands/entry\"");
    let signed_in = visitor
        .post(
            "/login",
            &[
                ("email", "lands@example.org"),
                ("password", "lands-password"),
                ("next", "/contests/lands/entry"),
            ],
        )
        .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    assert_eq!(signed_in.location(), "/contests/lands/entry");
    // Elsewhere than this site is never a landing.
    visitor.post("/logout", &[]).await;
    visitor.get("/login").await;
    let away = visitor
        .post(
            "/login",
            &[
                ("email", "lands@example.org"),
                ("password", "lands-password"),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(away.location(), "/account");
}
