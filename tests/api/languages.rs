//! The interface's language: negotiated from Accept-Language with its
//! weights, chosen with the switcher on every page and kept in a cookie and
//! on the account, `<html lang>` saying which; the catalogues in `locales/`
//! hold the same keys, each used by the software and none missing; no
//! visible text in any template (the admin's pages included) outside a
//! translation call.

use std::collections::{BTreeMap, BTreeSet};

use reqwest::StatusCode;

use crate::common::TestApp;

/// The keys of each catalogue file of a language (`key = value` lines),
/// by file name.
fn keys(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut files = BTreeMap::new();
    for path in walk(&dir) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let keys = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.insert(name, keys);
    }
    files
}

/// Every source file the keys may be used in: templates, Rust, scripts.
fn sources() -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut sources = String::new();
    for folder in ["templates", "src"] {
        for path in walk(&format!("{dir}/{folder}")) {
            sources.push_str(&std::fs::read_to_string(path).unwrap_or_default());
        }
    }
    sources
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
    // The page's own text is Russian too, and no longer marked English.
    russian.assert_contains("<main id=\"main\" tabindex=\"-1\" class=\"\">");
    russian.assert_contains("<h1>Фотоконкурсы</h1>");
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
    let all: BTreeSet<String> = english.values().flatten().cloned().collect();
    assert!(all.len() >= 400, "{} keys", all.len());
    for lang in ["ru", "kk", "ky", "uz", "tg"] {
        assert_eq!(
            keys(lang),
            english,
            "locales/{lang}/ holds other keys than locales/en/"
        );
    }
    let sources = sources();
    for key in &all {
        // Months are looked up as `month-{n}`.
        let dynamic = key.starts_with("month-") && sources.contains("\"month-{}\"");
        assert!(
            dynamic || sources.contains(&format!("\"{key}\"")),
            "{key} is in the catalogues but nothing shows it"
        );
    }
}

#[test]
fn every_message_the_software_asks_for_is_in_the_catalogues() {
    let all: BTreeSet<String> = keys("en").into_values().flatten().collect();
    let sources = sources();
    let mut asked = BTreeSet::new();
    for call in [".t(\"", ".t1(\"", ".t2(\"", ".text(\"", "Msg::new(\""] {
        for piece in sources.split(call).skip(1) {
            let key: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if piece[key.len()..].starts_with('"') && key.contains('-') {
                asked.insert(key);
            }
        }
    }
    assert!(
        asked.len() >= 300,
        "{} keys found in the sources",
        asked.len()
    );
    let missing: Vec<_> = asked.difference(&all).collect();
    assert!(
        missing.is_empty(),
        "asked for but in no catalogue: {missing:?}"
    );
}

/// What a reader sees of a template once every `{{ }}`, `{% %}` and `{# #}`
/// is taken out: the text between tags and the attributes people read.
fn visible_text(template: &str) -> Vec<String> {
    // Blocks that fill in a CSS class or the body's attributes are no text.
    let mut rest = template.to_owned();
    for block in ["{% block main_class %}", "{% block body_attrs %}"] {
        while let Some(start) = rest.find(block) {
            let end = rest[start..]
                .find("{% endblock %}")
                .map_or(rest.len(), |e| start + e);
            rest.replace_range(start..end, "");
        }
    }
    for (open, close) in [("{#", "#}"), ("{%", "%}"), ("{{", "}}")] {
        let mut out = String::new();
        let mut tail = rest.as_str();
        while let Some(start) = tail.find(open) {
            out.push_str(&tail[..start]);
            out.push(' ');
            tail = tail[start..]
                .split_once(close)
                .map_or("", |(_, after)| after);
        }
        out.push_str(tail);
        rest = out;
    }
    let mut seen = Vec::new();
    let mut text = rest.as_str();
    while !text.is_empty() {
        let (outside, tag) = match text.find('<') {
            Some(at) => (&text[..at], &text[at..]),
            None => (text, ""),
        };
        seen.push(outside.to_owned());
        let Some(end) = tag.find('>') else { break };
        let inside = &tag[..end];
        for attribute in [
            "alt=\"",
            "title=\"",
            "aria-label=\"",
            "placeholder=\"",
            "data-confirm=\"",
        ] {
            if let Some((_, value)) = inside.split_once(attribute) {
                seen.push(value.split('"').next().unwrap_or("").to_owned());
            }
        }
        text = &tag[end + 1..];
        // What `<code>` shows is a command, the same in every language.
        if inside.starts_with("<code") {
            text = text.split_once("</code>").map_or("", |(_, after)| after);
        }
    }
    seen
}

#[test]
fn no_visible_text_in_any_template_is_outside_a_translation_call() {
    let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
    // Words that are the same in every language: the name, keys on a keyboard.
    let same_everywhere = ["photojury", "Tab", "Shift", "Enter", "Esc", "Alt"];
    let mut checked = 0;
    for path in walk(&dir) {
        let template = std::fs::read_to_string(&path).unwrap();
        for piece in visible_text(&template) {
            let words: Vec<&str> = piece
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .filter(|w| !same_everywhere.contains(w))
                // A lone letter is a key to press (f, z, j, k, u, d, t).
                .filter(|w| w.chars().count() > 1)
                .collect();
            assert!(
                words.is_empty(),
                "{}: {words:?} in {piece:?} is not in a translation call",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 40, "{checked} templates");
}

#[test]
fn the_checker_of_templates_finds_untranslated_text() {
    // The test above would pass on an empty reading: this one proves it reads.
    let found = visible_text(
        r#"<p>{{ nav.t("a-b") }} Hello</p><img alt="Entry {{ n }}"><code>photojury verify</code>"#,
    );
    let text = found.join("|");
    assert!(text.contains("Hello"), "{text}");
    assert!(text.contains("Entry"), "{text}");
    assert!(!text.contains("verify"), "{text}");
    assert!(!text.contains("nav"), "{text}");
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
