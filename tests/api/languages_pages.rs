//! The pages in the reader's language: a participant's way through a
//! contest in Russian (refusals, plurals, dates, the script's messages),
//! one page's title in each of the six languages, error pages, the choice
//! kept on the account, emails in the recipient's language, a contest's
//! own text in the reader's language, and the identity check across
//! scripts. (The admin's pages: `languages_admin`.)

use reqwest::StatusCode;

use crate::common::smtp::fake_smtp;
use crate::common::{self, TestApp, create_contest, entrant};

/// Quoted-printable (soft breaks and `=XX` bytes) back to UTF-8 text.
fn unquote(body: &str) -> String {
    let joined = body.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'='
            && tail.len() >= 2
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap_or("zz"), 16)
        {
            bytes.push(v);
            rest = &tail[2..];
            continue;
        }
        bytes.push(b);
        rest = tail;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The next message the fake SMTP server received, its body decoded.
async fn next_mail(inbox: &mut tokio::sync::mpsc::UnboundedReceiver<(String, String)>) -> String {
    let (_, message) = tokio::time::timeout(std::time::Duration::from_secs(10), inbox.recv())
        .await
        .expect("a message within 10 s")
        .expect("a message");
    unquote(&message)
}

#[tokio::test]
async fn one_page_in_each_of_the_six_languages_has_its_translated_title() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    for (lang, title, button) in [
        ("en", "Sign in", "Create an account"),
        ("ru", "Войти", "Создать учётную запись"),
        ("kk", "Кіру", "Тіркелгі жасау"),
        ("ky", "Кирүү", "Каттоо эсебин түзүү"),
        ("uz", "Kirish", "Hisob yaratish"),
        ("tg", "Даромадан", "Сохтани ҳисоб"),
    ] {
        let page = visitor.get_in("/login", lang).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains(&format!("<html lang=\"{lang}\">"));
        page.assert_contains(&format!("<title>{title} · photojury</title>"));
        page.assert_contains(&format!("<h1>{title}</h1>"));
        page.assert_contains(&format!(">{button}</a>"));
    }
}

#[tokio::test]
async fn a_participant_enters_in_russian_and_reads_refusals_plurals_and_dates_in_russian() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "rus").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let ana = entrant(&app, "rus", "ana@example.org", "Айгерим Бекова").await;
    ana.get("/language/ru?next=%2F").await;
    let call = ana.get("/contests/rus").await;
    call.assert_contains("Приём работ открыт: осталось");
    call.assert_contains("<dt>Срок подачи</dt>");
    // The contest's deadline, 31 December 2026 in the demo contest's zone.
    call.assert_contains(" декабря 2026 г., ");
    // A refusal of the upload pipeline, in the script's JSON and on the page.
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let refused = ana
        .upload(
            "/contests/rus/entry/photos",
            &[("title", "")],
            vec![("a.gif", gif.clone())],
            true,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Это GIF. photojury принимает фотографии в форматах JPEG и PNG.");
    let page = ana
        .upload(
            "/contests/rus/entry/photos",
            &[("title", "")],
            vec![("a.gif", gif)],
            false,
        )
        .await;
    page.assert_contains("Пожалуйста, исправьте:");
    page.assert_contains("Это GIF.");
    // Two photos in one form: the flash counts them in Russian.
    let added = ana
        .upload(
            "/contests/rus/entry/photos",
            &[("title", "Рынок")],
            vec![
                ("a.jpg", common::noisy_jpeg(1, 900, 600)),
                ("b.jpg", common::noisy_jpeg(2, 900, 600)),
            ],
            false,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let entry = ana.get("/contests/rus/entry").await;
    entry.assert_contains("Добавлены 2 фотографии.");
    entry.assert_contains("<h1>Ваша заявка</h1>");
    entry.assert_contains("Удалить фотографию 1");
    // The scripts get their messages in Russian on <body data-t>.
    entry.assert_contains("&#34;js-upload-progress&#34;:&#34;Загрузка %i из %n…&#34;");
    let receipt = ana.get("/contests/rus/entry/receipt").await;
    receipt.assert_contains("<h1>Квитанция</h1>");
    receipt.assert_contains("История: 0 символов.");
}

#[tokio::test]
async fn error_pages_speak_the_readers_language() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    // From the router (no such path) and from a handler (no such contest).
    for path in ["/no/such/page", "/contests/no-such-contest"] {
        let page = visitor.get_in(path, "ru").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        page.assert_contains("<html lang=\"ru\">");
        page.assert_contains("<h1>Страница не найдена</h1>");
        page.assert_contains("По этому адресу ничего нет.");
        page.assert_contains("Ошибка 404");
    }
    let english = visitor.get("/contests/no-such-contest").await;
    english.assert_contains("<h1>Not found</h1>");
    let admin = app.admin().await;
    let page = admin.get_in("/admin", "tg").await;
    // The admin pages too.
    page.assert_contains("<html lang=\"tg\">");
    page.assert_contains("<h1>Озмунҳо</h1>");
}

#[tokio::test]
async fn the_language_chosen_is_kept_on_the_account_and_follows_the_person_to_another_device() {
    let app = TestApp::spawn().await;
    let phone = app.browser();
    phone.get("/language/kk?next=%2Fregister").await;
    phone
        .get("/register")
        .await
        .assert_contains("<h1>Тіркелгі жасау</h1>");
    let made = phone
        .post(
            "/register",
            &[
                ("email", "aigerim@example.org"),
                ("password", "a long password"),
                ("password_confirm", "a long password"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let kept: String =
        sqlx::query_scalar("SELECT lang FROM users WHERE email = 'aigerim@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(kept, "kk");
    // Another device, a browser asking for English: signed in, Kazakh.
    let laptop = app.browser();
    laptop.get_in("/login", "en").await;
    let signed = laptop
        .post(
            "/login",
            &[
                ("email", "aigerim@example.org"),
                ("password", "a long password"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert!(
        signed
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").starts_with("lang=kk;")),
        "{:?}",
        signed.headers
    );
    let account = laptop.get_in("/account", "en").await;
    account.assert_contains("<html lang=\"kk\">");
    account.assert_contains("<h1>Сіздің тіркелгіңіз</h1>");
    // Choosing again, signed in, changes the account's choice.
    laptop.get("/language/uz?next=%2Faccount").await;
    let kept: String =
        sqlx::query_scalar("SELECT lang FROM users WHERE email = 'aigerim@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(kept, "uz");
}

#[tokio::test]
async fn an_invitation_is_written_in_the_invitees_language() {
    let (port, mut inbox) = fake_smtp().await;
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "letters").await;
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let categories = common::jury::category_ids(&app, id).await;
    admin.get(&format!("{path}/jury")).await;
    // No account yet: the language the admin chose for the invitation.
    let sent = admin
        .post(
            &format!("{path}/jurors"),
            &[
                ("email", "new@jury.example.org"),
                ("category", &categories[0]),
                ("lang", "ru"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let body = next_mail(&mut inbox).await;
    assert!(
        body.contains("Вас приглашают в жюри конкурса «Migrants 2026»."),
        "{body}"
    );
    assert!(body.contains("действует 14 дней"), "{body}");
    // An account that chose Tajik gets Tajik, whatever the admin chose.
    let juror = app.person("old@jury.example.org").await;
    juror.get("/language/tg?next=%2F").await;
    admin
        .post(
            &format!("{path}/jurors"),
            &[
                ("email", "old@jury.example.org"),
                ("category", &categories[0]),
                ("lang", "ru"),
            ],
        )
        .await;
    let body = next_mail(&mut inbox).await;
    assert!(
        body.contains("Шуморо ба ҳайати ҳакамони озмуни «Migrants 2026» даъват мекунем."),
        "{body}"
    );
}

#[tokio::test]
async fn a_name_written_in_the_other_script_or_in_another_case_is_flagged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = create_contest(&admin, "scripts").await;
    admin
        .post(&format!("{path}/phase"), &[("to", "open")])
        .await;
    let aigerim = entrant(&app, "scripts", "ab@example.org", "Айгерим Бекова").await;
    let added = aigerim
        .upload(
            "/contests/scripts/entry/photos",
            &[("title", "Aigerim at dawn"), ("caption", "")],
            vec![("a.jpg", common::noisy_jpeg(3, 900, 600))],
            false,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = aigerim.get("/contests/scripts/entry").await;
    page.assert_contains("Your text may reveal who you are (aigerim).");
    // The story names her in the genitive, in Russian; she reads it in Russian.
    aigerim
        .post(
            "/contests/scripts/entry/story",
            &[("story", "Письмо Бековой от бабушки.")],
        )
        .await;
    aigerim.get("/language/ru?next=%2F").await;
    let page = aigerim.get("/contests/scripts/entry").await;
    page.assert_contains("Ваш текст может раскрыть, кто вы (бековой, aigerim).");
    let flag: String = sqlx::query_scalar("SELECT identity_flag FROM portfolios")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(flag.contains("story mentions \"бековой\""), "{flag}");
}

#[tokio::test]
async fn a_contest_reads_in_the_readers_language_where_the_admin_gave_it() {
    use crate::common::jury::{Setup, judged};
    let app = TestApp::spawn().await;
    let setup = Setup {
        slug: "texts",
        ..Setup::default()
    };
    let j = judged(&app, setup).await;
    let id = j.contest_id;
    let criterion: i64 =
        sqlx::query_scalar("SELECT id FROM criteria WHERE contest_id = $1 ORDER BY position, id")
            .bind(id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let category: i64 = j.categories[0].parse().unwrap();
    let texts = format!("/admin/contests/{id}/texts");
    let form = j.admin.get(&format!("{texts}?lang=ru")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    form.assert_contains("Texts in <span lang=\"ru\">Русский</span>");
    let (cat_key, crit_key) = (
        format!("t:category.{category}.name"),
        format!("t:criterion.{criterion}.name"),
    );
    let saved = j
        .admin
        .post(
            &texts,
            &[
                ("lang", "ru"),
                ("t:title", "Мигранты 2026"),
                ("t:theme", ""),
                (&cat_key, "Студенты"),
                (&crit_key, "Художественная ценность"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.count("contest_texts").await, 3);
    // A reader of Russian gets the Russian where it is given, the original
    // (marked as English) elsewhere; a reader of English the original.
    let visitor = app.browser();
    let page = visitor.get_in("/contests/texts", "ru").await;
    page.assert_contains("<h1 lang=\"ru\">Мигранты 2026</h1>");
    page.assert_contains("<strong>Студенты</strong>");
    page.assert_contains("<strong>Художественная ценность</strong>");
    visitor
        .get_in("/", "ru")
        .await
        .assert_contains(">Мигранты 2026</a>");
    let english = visitor.get_in("/contests/texts", "en").await;
    english.assert_contains("<h1 lang=\"en\">Jury test</h1>");
    assert!(!english.body.contains("Мигранты"));
    // A juror who reads Russian scores by the criterion's Russian name.
    let juror = &j.jurors[0];
    juror.get("/language/ru?next=%2F").await;
    let queue = crate::common::jury::queue_of(juror, "texts").await;
    let entry = juror
        .get(&format!("/jury/texts/entries/{}", queue[0]))
        .await;
    entry.assert_contains("Художественная ценность");
    // The admin's original stays as it was.
    let title: String = sqlx::query_scalar("SELECT title FROM contests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(title, "Jury test");
    // A blank field removes the text: the original shows again.
    j.admin
        .post(&texts, &[("lang", "ru"), ("t:title", "")])
        .await;
    assert_eq!(app.count("contest_texts").await, 0);
    visitor
        .get_in("/contests/texts", "ru")
        .await
        .assert_contains(">Jury test</h1>");
}
