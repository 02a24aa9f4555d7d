//! The administrator's pages in the administrator's language: the list,
//! the dashboard and its next step, a refused phase change and the contest
//! form's errors, flash messages, the plots, the results and awards pages
//! and the CSV exports a person opens in a spreadsheet.

use reqwest::StatusCode;

use crate::announce::{finalized, phase};
use crate::common::{TestApp, create_contest};

/// The page's main part is in the page's language (it was marked English
/// while the admin pages were untranslated).
fn nothing_marked_english(body: &str) {
    let main = body.split("<main").nth(1).and_then(|m| m.split('>').next());
    assert!(main.is_some_and(|m| !m.contains("lang=")), "{main:?}");
}

#[tokio::test]
async fn an_administrator_sets_up_a_contest_in_russian() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    admin.get("/language/ru?next=%2Fadmin").await;
    let list = admin.get("/admin").await;
    list.assert_contains("<html lang=\"ru\">");
    list.assert_contains("<h1>Конкурсы</h1>");
    list.assert_contains(">Новый конкурс</a>");
    nothing_marked_english(&list.body);

    let path = create_contest(&admin, "ru-admin").await;
    let dashboard = admin.get(&path).await;
    dashboard.assert_contains("<h2>Следующий шаг</h2>");
    dashboard.assert_contains(
        "Номинации и критерии заданы: откройте приём работ, когда объявление готово.",
    );
    dashboard.assert_contains(">Открыть приём работ</button>");
    dashboard.assert_contains("Срок подачи: 31 декабря 2026 г., 23:59");
    dashboard.assert_contains("<span class=\"muted\">вес 3, 1–10</span>");
    nothing_marked_english(&dashboard.body);

    // A refused phase change names both phases in Russian.
    let refused = admin
        .post(&format!("{path}/phase"), &[("to", "judging")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Конкурс не может перейти с этапа «Черновик» на этап «Работа жюри».");
    // The contest form's errors, all of them at once.
    let mut fields = crate::common::contest_fields("ru-admin", "");
    for (name, value) in &mut fields {
        if *name == "max_photos" {
            *value = "0";
        }
    }
    let form = admin.post(&path, &fields).await;
    assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
    form.assert_contains("Укажите название.");
    form.assert_contains("Число фотографий — от 1 до 100.");
    // A flash message after opening: the phase by its Russian name.
    let opened = phase(&admin, &path, "open").await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    admin
        .get(&path)
        .await
        .assert_contains("Этап конкурса теперь: Приём работ.");
    let plot = admin.get(&format!("{path}/plots/submissions.svg")).await;
    plot.assert_contains("Работы по номинациям");
    plot.assert_contains("дней с начала приёма");
}

#[tokio::test]
async fn results_awards_and_the_csv_exports_read_in_kazakh_and_russian() {
    let app = TestApp::spawn().await;
    let (contest, _) = finalized(&app).await;
    let (admin, path) = (&contest.admin, &contest.admin_path);
    admin.get("/language/kk?next=%2Fadmin").await;
    let results = admin.get(&format!("{path}/results")).await;
    results.assert_contains("<h1>Қорытынды</h1>");
    results.assert_contains("Қорытынды шығарылды; бағалар бекітілді.");
    results.assert_contains("<th scope=\"col\">Медиана</th>");
    nothing_marked_english(&results.body);
    let awards = admin.get(&format!("{path}/awards")).await;
    awards.assert_contains("<h1>Марапаттар</h1>");
    awards.assert_contains(">1-орын</option>");
    awards.assert_contains("Марапаттарды сақтау");

    admin.get("/language/ru?next=%2Fadmin").await;
    let (status, _, csv) = admin.get_bytes(&format!("{path}/results.csv")).await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("Номинация,Место,Работа,Награда,Оценка,Медиана,Членов жюри"),
        "{csv}"
    );
    // The entry numbers stay as they are: never grouped, never translated.
    let first_row = csv.lines().nth(1).unwrap();
    let number = first_row.split(',').nth(2).unwrap();
    assert!(
        number.len() == 5 && number.bytes().all(|b| b.is_ascii_digit()),
        "{first_row}"
    );

    // In English the columns keep the names scripts read.
    admin.get("/language/en?next=%2Fadmin").await;
    let (_, _, csv) = admin.get_bytes(&format!("{path}/results.csv")).await;
    assert!(
        String::from_utf8(csv)
            .unwrap()
            .starts_with("category,rank,entry,award,score,median,jurors,top_marks"),
    );
}
