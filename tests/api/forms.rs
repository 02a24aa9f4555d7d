//! Nobody loses what they typed: a form refused for one answer comes back
//! with every other answer as it was sent, consents included.

use reqwest::StatusCode;

use crate::announce::phase;
use crate::common::{TestApp, create_contest};

#[tokio::test]
async fn a_refused_eligibility_form_keeps_every_answer_and_both_consents() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "keeps").await;
    phase(&admin, &path, "open").await;
    let person = app.person("keeps@example.org").await;
    let form = person.get("/contests/keeps/entry").await;
    // The student category needs a university; leave it out.
    let students = form
        .body
        .split("name=\"category\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
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
