//! Screening scales: filters by flag, category and status, fifty portfolios a
//! page, an action returning to the page that lists its portfolio, and the
//! flags counted on the dashboard.

use reqwest::StatusCode;

use crate::common::{TestApp, create_contest, entrant, fixture};

fn cards(body: &str) -> usize {
    body.matches("<section class=\"card\" id=\"p").count()
}

#[tokio::test]
async fn screening_filters_by_flag_category_and_status_fifty_to_a_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "sieve").await;
    let opened = admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let mut people = Vec::new();
    for i in 0..52 {
        let email = format!("p{i}@sieve.example.org");
        people.push(entrant(&app, "sieve", &email, &format!("Person Number{i}")).await);
    }
    // One names herself in her story; two enter the same photograph.
    people[0]
        .post(
            "/contests/sieve/entry/story",
            &[("story", "My name is Person Number0 and I took these.")],
        )
        .await;
    let original = fixture("gps-nikon-coolpix.jpg");
    let mut smaller = Vec::new();
    image::load_from_memory(&original)
        .unwrap()
        .resize(320, 240, image::imageops::FilterType::Triangle)
        .write_to(
            &mut std::io::Cursor::new(&mut smaller),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    for (who, bytes) in [(1, original), (2, smaller)] {
        let sent = people[who]
            .upload(
                "/contests/sieve/entry/photos",
                &[],
                vec![("photo.jpg", bytes)],
                false,
            )
            .await;
        let error = sent.body.split("class=\"errors\"").nth(1).unwrap_or("");
        assert_eq!(
            sent.status,
            StatusCode::SEE_OTHER,
            "{}",
            &error[..error.len().min(400)]
        );
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM portfolios ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    let entries = format!("{path}/entries");

    // Fifty a page, in the order they came.
    let first = admin.get(&entries).await;
    assert_eq!(cards(&first.body), 50);
    first.assert_contains("Page 1 of 2");
    first.assert_contains("52 portfolios.");
    let second = admin.get(&format!("{entries}?show=all&page=2")).await;
    assert_eq!(cards(&second.body), 2);
    second.assert_contains(&format!("id=\"p{}\"", ids[51]));

    // Disqualifying the last one comes back to its page, at its card.
    let done = admin
        .post(
            &format!("{entries}/{}/status", ids[51]),
            &[("status", "disqualified"), ("reason", "not a citizen")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        done.location(),
        format!("{entries}?show=all&page=2#p{}", ids[51])
    );

    for (show, expected) in [
        ("names", vec![ids[0]]),
        ("alike", vec![ids[1], ids[2]]),
        ("disqualified", vec![ids[51]]),
    ] {
        let page = admin.get(&format!("{entries}?show={show}")).await;
        assert_eq!(cards(&page.body), expected.len(), "{show}");
        for id in expected {
            page.assert_contains(&format!("id=\"p{id}\""));
        }
        assert!(!page.body.contains("Page 1 of"), "{show}: one page");
    }
    // Every entrant is in the second category: the first shows none.
    let category: i64 = sqlx::query_scalar("SELECT MIN(id) FROM categories")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let none = admin.get(&format!("{entries}?category={category}")).await;
    assert_eq!(cards(&none.body), 0);
    none.assert_contains("No entry on this page of this filter.");
    // Nonsense in the query is the first page of everything.
    let odd = admin
        .get(&format!("{entries}?show=%27--&page=-3&category=x"))
        .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(cards(&odd.body), 50);

    // The dashboard counts the flags and links to them.
    let dashboard = admin.get(&path).await;
    dashboard.assert_contains("id=\"flag-names\"><strong>1</strong>");
    dashboard.assert_contains("id=\"flag-alike\"><strong>1</strong>");
    dashboard.assert_contains(&format!("href=\"{entries}?show=names\""));
}
