//! The interface's language: negotiated from Accept-Language with its
//! weights, chosen with the switcher on every page and kept in a cookie,
//! `<html lang>` saying which; the catalogues in `locales/` hold the same
//! keys, each used by the software. Issue 19, part one: the layout of every
//! page (the pages' own text is English so far, and marked so).

use std::collections::BTreeSet;

use reqwest::StatusCode;

use crate::common::TestApp;

/// The keys of one catalogue (`key = value` lines, comments left out).
fn keys(lang: &str) -> BTreeSet<String> {
    let path = format!("{}/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[tokio::test]
async fn the_layout_speaks_the_language_the_browser_asks_for() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let english = visitor.get("/").await;
    english.assert_contains("<html lang=\"en\">");
    english.assert_contains(">Contests</a>");
    let russian = visitor.get_in("/", "fr, ru;q=0.9, en;q=0.8").await;
    assert_eq!(russian.status, StatusCode::OK);
    russian.assert_contains("<html lang=\"ru\">");
    russian.assert_contains(">Конкурсы</a>");
    russian.assert_contains(">Войти</a>");
    russian.assert_contains("Перейти к содержанию");
    // The page's own text is still English, and says so.
    russian.assert_contains("<main id=\"main\" tabindex=\"-1\" class=\"\" lang=\"en\">");
    // Weights, not order; a language we do not have is passed over.
    let kazakh = visitor.get_in("/", "en;q=0.5, kk;q=0.7, de").await;
    kazakh.assert_contains("<html lang=\"kk\">");
    let unknown = visitor.get_in("/", "fr, de;q=0.5").await;
    unknown.assert_contains("<html lang=\"en\">");
}

#[tokio::test]
async fn the_switcher_keeps_the_choice_in_a_cookie_and_comes_back() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let page = visitor.get("/login").await;
    // Every language, by its own name, each link coming back here.
    for (code, name) in [
        ("en", "English"),
        ("ru", "Русский"),
        ("kk", "Қазақша"),
        ("ky", "Кыргызча"),
        ("uz", "Oʻzbekcha"),
        ("tg", "Тоҷикӣ"),
    ] {
        page.assert_contains(&format!(
            "href=\"/language/{code}?next=%2Flogin\" lang=\"{code}\" hreflang=\"{code}\""
        ));
        page.assert_contains(&format!(">{name}</a>"));
    }
    let switched = visitor.get("/language/tg?next=%2Flogin").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location(), "/login");
    // The cookie wins over what the browser asks for.
    let tajik = visitor.get_in("/login", "ru").await;
    tajik.assert_contains("<html lang=\"tg\">");
    tajik.assert_contains(">Бақайдгирӣ</a>");
    tajik.assert_contains("aria-current=\"true\">Тоҷикӣ</a>");
    // A language we do not have, or a way off the site, changes nothing.
    let unknown = visitor.get("/language/fr?next=%2F").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let away = visitor.get("/language/ru?next=%2F%2Fevil.example").await;
    assert_eq!(away.location(), "/");
    visitor.get("/").await.assert_contains("<html lang=\"ru\">");
}

#[test]
fn every_catalogue_holds_the_same_keys_and_each_is_used() {
    let english = keys("en");
    assert!(english.len() >= 10, "{english:?}");
    for lang in ["ru", "kk", "ky", "uz", "tg"] {
        assert_eq!(keys(lang), english, "locales/{lang}/main.ftl");
    }
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut sources = String::new();
    for folder in ["templates", "src"] {
        for path in walk(&format!("{dir}/{folder}")) {
            sources.push_str(&std::fs::read_to_string(path).unwrap_or_default());
        }
    }
    for key in &english {
        assert!(
            sources.contains(&format!("t(\"{key}\")"))
                || sources.contains(&format!("text(\"{key}\")")),
            "{key} is in the catalogues but nothing shows it"
        );
    }
}

/// Every file under `dir`.
fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}
