//! Text as an attacker would type it: markup in names, titles, captions and
//! stories, spreadsheet formulas, and right-to-left overrides. It is escaped
//! on every page that shows it (juror, admin, public), neutralized in the CSV
//! exports, and stored without the invisible bidi controls.

use crate::common::TestApp;
use crate::common::jury::{
    HOSTILE_CAPTION, HOSTILE_NAME, HOSTILE_TITLE, Setup, judged, queue_of, score_all,
};
use reqwest::StatusCode;

/// No raw payload, and the escaped form where the text is shown.
fn escaped(what: &str, body: &str) {
    for raw in ["<script>alert(1)", "<img src=x", "<b>t</b>", "<i>night</i>"] {
        assert!(!body.contains(raw), "{what} has raw {raw}");
    }
    for bidi in ['\u{202E}', '\u{2066}', '\u{2069}'] {
        assert!(!body.contains(bidi), "{what} has a bidi control");
    }
}

#[tokio::test]
async fn markup_formulas_and_bidi_overrides_are_harmless_everywhere() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [1, 1],
        photos: 1,
        jurors: vec![vec![0, 1]],
        hostile_text: true,
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let (slug, admin, path) = (contest.slug, &contest.admin, &contest.admin_path);

    // Stored without the invisible controls, the rest kept as typed.
    let (name, story): (String, String) =
        sqlx::query_as("SELECT full_name, story FROM portfolios ORDER BY id LIMIT 1")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        name,
        format!("{} 0x0", HOSTILE_NAME.replace('\u{202E}', ""))
    );
    assert_eq!(story, "<i>night</i> bus story");

    // The juror's page escapes the title, caption and story.
    let juror = &contest.jurors[0];
    let number = queue_of(juror, slug).await[0].clone();
    let page = juror.get(&format!("/jury/{slug}/entries/{number}")).await;
    escaped("the scoring page", &page.body);
    page.assert_contains("&#60;img src=x onerror=alert(2)&#62;");
    // A photo entry does not carry its portfolio's story (it would tie the
    // portfolio's photos together); the story is escaped where it shows.
    assert!(!page.body.contains("bus story"), "{}", page.body);
    // The admin's screening page shows names and texts, escaped.
    let screening = admin.get(&format!("{path}/entries")).await;
    escaped("the screening page", &screening.body);
    screening.assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;");

    score_all(juror, slug, "8").await;
    for to in ["finalized", "revealed"] {
        admin.get(path).await;
        let moved = admin.post(&format!("{path}/phase"), &[("to", to)]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    }
    let results = admin.get(&format!("{path}/results")).await;
    escaped("the results page", &results.body);
    results.assert_contains("@SUM(1) &#60;script&#62;");
    admin.get(&format!("{path}/awards")).await;
    let saved = admin.post(&format!("{path}/awards"), &[]).await;
    assert_eq!(
        saved.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no awards: differs"
    );
    let awards = admin.get(&format!("{path}/awards")).await;
    let firsts: Vec<String> = awards
        .body
        .split("id=\"award-row-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    let fields: Vec<(String, &str)> = firsts
        .iter()
        .map(|n| (format!("award-{n}"), "first"))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let saved = admin.post(&format!("{path}/awards"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    admin.get(path).await;
    admin
        .post(&format!("{path}/phase"), &[("to", "announced")])
        .await;

    // The public winners page, and both CSV exports.
    let winners = app
        .browser()
        .get(&format!("/contests/{slug}/winners"))
        .await;
    assert_eq!(winners.status, StatusCode::OK);
    escaped("the winners page", &winners.body);
    winners.assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;");
    for export in ["results.csv", "winners.csv"] {
        let (_, _, csv) = admin.get_bytes(&format!("{path}/{export}")).await;
        let csv = String::from_utf8(csv).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        for row in reader.records() {
            let row = row.unwrap();
            for cell in row.iter() {
                assert!(!cell.starts_with(['=', '+', '@']), "{export}: {cell}");
            }
        }
        assert!(csv.contains("'@SUM(1)"), "{export}: {csv}");
    }
    let (_, _, csv) = admin.get_bytes(&format!("{path}/winners.csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains(&format!("'{}", HOSTILE_TITLE.replace('"', "\"\""))),
        "{csv}"
    );
    assert!(!csv.contains(HOSTILE_CAPTION), "captions are not exported");
}
