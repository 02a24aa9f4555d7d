//! A participant, a juror and a visitor who read Russian, in Chromium:
//! registering, entering, an upload refused with the pipeline's message in
//! Russian (through the upload script), scoring by keyboard with the
//! scripts' messages in Russian, and the winners page.

use chrono::Utc;
use photojury::demo::{DEMO_SLUG, DemoPhase, populate};

use super::chrome::{Chrome, ENTER};
use super::common::TestApp;
use super::journey::{fill, main_text, shot, sign_in, wait_text};

async fn demo(phase: DemoPhase) -> TestApp {
    let app = TestApp::spawn().await;
    populate(&app.state.db, &app.config, Utc::now(), phase)
        .await
        .expect("the demo contest");
    app
}

#[tokio::test]
async fn a_participant_who_reads_russian_registers_enters_and_is_told_why_a_file_was_refused() {
    let app = demo(DemoPhase::Open).await;
    let base = &app.base;
    let c = &Chrome::start(1280, 900).await;
    c.goto(&format!("{base}/language/ru?next=%2Fregister"))
        .await;
    c.wait_for_path(|p| p == "/register").await;
    assert_eq!(
        c.execute("return document.documentElement.lang;").await,
        "ru"
    );
    assert_eq!(
        c.execute("return document.title;").await,
        "Создать учётную запись · photojury"
    );
    fill(c, "#email", "aigerim@photo.test").await;
    fill(c, "#password", "participant-pass").await;
    fill(c, "#password_confirm", &format!("participant-pass{ENTER}")).await;
    c.wait_for_path(|p| p.starts_with("/login?registered=1"))
        .await;
    wait_text(c, "теперь она есть").await;
    fill(c, "#email", "aigerim@photo.test").await;
    fill(c, "#password", &format!("participant-pass{ENTER}")).await;
    c.wait_for_path(|p| p == "/account").await;
    c.goto(&format!("{base}/contests/{DEMO_SLUG}")).await;
    let call = main_text(c).await;
    assert!(call.contains("Приём работ открыт: осталось"), "{call}");
    c.find("#enter-top").await.click().await;
    c.wait_for_path(|p| p.ends_with("/entry")).await;
    assert!(main_text(c).await.contains("Подать заявку"));
    let category: i64 = sqlx::query_scalar(
        "SELECT id FROM categories WHERE requires_university = 0 ORDER BY position, id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    c.find(&format!("input[name=category][value='{category}']"))
        .await
        .click()
        .await;
    fill(c, "#full_name", "Айгерим Бекова").await;
    c.execute("document.querySelector('#country').selectedIndex = 1;")
        .await;
    c.find("input[name=consent_rules]").await.click().await;
    c.find("main form button[type=submit]").await.click().await;
    c.wait_until("return !!document.getElementById('upload');")
        .await;
    // A GIF: refused before any decoding, said in Russian under its bar.
    let dir = std::env::temp_dir().join(format!("photojury-ru-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gif = dir.join("рисунок.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    c.find("#file")
        .await
        .send_keys(&gif.to_string_lossy())
        .await;
    c.find("#upload button[type=submit]").await.click().await;
    wait_text(
        c,
        "Это GIF. photojury принимает фотографии в форматах JPEG и PNG.",
    )
    .await;
    let count = c.find("#upload-count").await.text().await;
    assert!(count.contains("Загружено 0 из 1"), "{count}");
    shot(c, "ru-upload-refused").await;
    // A photograph too small for this contest, then one that goes in.
    let photos = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
    for (file, said) in [
        (
            "orientation-1-portrait.jpg",
            "Размер фотографии — 450 × 600 пикселей",
        ),
        ("camera-olympus-12mp.jpg", "Готово: работа"),
    ] {
        c.find("#file")
            .await
            .send_keys(&photos.join(file).to_string_lossy())
            .await;
        c.find("#upload button[type=submit]").await.click().await;
        wait_text(c, said).await;
    }
    c.wait_until("return document.querySelectorAll('li.photo').length === 1;")
        .await;
    let entry = main_text(c).await;
    assert!(entry.contains("Ваша заявка"), "{entry}");
    assert!(entry.contains("1 из "), "{entry}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_juror_who_reads_russian_scores_by_keyboard_and_a_visitor_reads_the_winners() {
    let app = demo(DemoPhase::Judging).await;
    let base = &app.base;
    let c = &Chrome::start(1280, 900).await;
    sign_in(c, base, "juror1@demo.photojury.org", "demo-juror-1").await;
    c.goto(&format!("{base}/language/ru?next=%2Fjury%2F{DEMO_SLUG}"))
        .await;
    c.wait_for_path(|p| p == format!("/jury/{DEMO_SLUG}")).await;
    assert!(
        main_text(c)
            .await
            .contains("Каждая работа показана только под номером.")
    );
    c.find("ul.grid li.todo a").await.click().await;
    let entry = c
        .wait_for_path(|p| p.starts_with(&format!("/jury/{DEMO_SLUG}/entries/")))
        .await;
    assert!(main_text(c).await.contains("Ваши оценки"));
    // One digit: a draft, said by the script in Russian.
    c.active().await.send_keys("7").await;
    c.wait_until("return document.getElementById('save-status').textContent.includes('заполнено критериев — 1 из 4');")
        .await;
    // The rest by keyboard, Enter saves and the next entry comes.
    c.active().await.send_keys(&format!("789{ENTER}")).await;
    c.wait_for_path(|p| p != entry).await;
    let scored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM assignments a JOIN jurors j ON j.id = a.juror_id \
         WHERE j.email = 'juror1@demo.photojury.org' AND a.total IS NOT NULL",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(scored >= 1);
    c.goto(&format!("{base}{entry}")).await;
    let status = c.find("#save-status").await.text().await;
    assert!(
        status.is_empty() || status.contains("Сохранено"),
        "{status}"
    );
    shot(c, "ru-scoring").await;

    let winners = demo(DemoPhase::Announced).await;
    c.delete_cookies().await;
    c.goto(&format!(
        "{}/language/ru?next=%2Fcontests%2F{DEMO_SLUG}%2Fwinners",
        winners.base
    ))
    .await;
    c.wait_for_path(|p| p.ends_with("/winners")).await;
    let page = main_text(c).await;
    // The kicker is drawn in capitals; the text is the catalogue's.
    assert!(page.contains("ПОБЕДИТЕЛИ"), "{page}");
    assert!(page.contains("1-е место"), "{page}");
    assert!(
        c.execute("return document.title;")
            .await
            .as_str()
            .unwrap_or("")
            .starts_with("Победители: ")
    );
    shot(c, "ru-winners").await;
}
