//! axe-core (npm, the engine of Lighthouse and the browsers' accessibility
//! panels) on every main page, at WCAG 2.1 A and AA: zero violations. The
//! demo contest, announced, gives the jury's, the admin's and the public's
//! pages; a second contest, open, the participant's.
//!
//! axe-core is found at `$AXE_CORE` or `target/axe/node_modules/axe-core/axe.min.js`
//! (`.ci/run` installs it there with npm); without it this test fails.

use chrono::Utc;
use photojury::demo::{DEMO_SLUG, DemoPhase, populate};
use serde_json::Value;

use super::chrome::{Chrome, ENTER};
use super::common::{TestApp, create_contest};

pub(crate) fn axe_source() -> String {
    let path = std::env::var("AXE_CORE").unwrap_or_else(|_| {
        format!(
            "{}/target/axe/node_modules/axe-core/axe.min.js",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (npm install --prefix target/axe axe-core@4.14.1, as .ci/run does)")
    })
}

/// The violations axe finds on the page now, one line each.
pub(crate) async fn violations(c: &Chrome, axe: &str) -> Vec<String> {
    c.execute(axe).await;
    let found = c
        .execute_async(
            "var done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(function (r) { done(r.violations.map(function (v) {
                 return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 4).map(function (n) {
                   return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160);
                 }).join(' | ');
               })); }, function (e) { done(['axe failed: ' + e]); });",
        )
        .await;
    match found {
        Value::Array(list) => list
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("unexpected answer {other}")],
    }
}

async fn sign_in(c: &Chrome, base: &str, email: &str, password: &str) {
    c.delete_cookies().await;
    c.goto(&format!("{base}/login")).await;
    c.find("#email").await.send_keys(email).await;
    let field = c.find("#password").await;
    field.send_keys(&format!("{password}{ENTER}")).await;
    c.wait_for_path(|p| !p.starts_with("/login")).await;
}

#[tokio::test]
async fn every_main_page_passes_axe_at_wcag_2_1_aa() {
    let axe = axe_source();
    let app = TestApp::spawn().await;
    populate(&app.state.db, &app.config, Utc::now(), DemoPhase::Announced)
        .await
        .expect("the demo contest");
    let admin = app.browser();
    admin
        .sign_in("admin@demo.photojury.org", "demo-admin-pass")
        .await;
    let open = create_contest(&admin, "open-call").await;
    let opened = admin
        .post(&format!("{open}/phase"), &[("to", "open")])
        .await;
    assert!(opened.status.is_redirection(), "{}", opened.body);

    let chrome = Chrome::start(1280, 800).await;
    let c = &chrome;
    let base = &app.base;
    let mut report = Vec::new();
    let mut checked = 0;
    let mut check = async |c: &Chrome, name: &str, path: &str| {
        c.goto(&format!("{base}{path}")).await;
        c.wait_until("return document.readyState === 'complete';")
            .await;
        for v in violations(c, &axe).await {
            report.push(format!("{name} ({path}): {v}"));
        }
        checked += 1;
    };

    // The public.
    check(c, "public contest, open", "/contests/open-call").await;
    // The first Tab reaches "Skip to content", which is then in view; the
    // focus ring stands out 3:1 from the page.
    c.find("body").await.send_keys("\u{E004}").await;
    let skip = c
        .execute("var a = document.activeElement; var r = a.getBoundingClientRect(); return [a.className, r.top >= 0 && r.bottom <= innerHeight];")
        .await;
    assert_eq!(skip, serde_json::json!(["skip", true]));
    c.active().await.send_keys(&ENTER.to_string()).await;
    c.wait_until("return location.hash === '#main';").await;
    let contrast = c
        .execute(
            "function lum(c) { var v = c.match(/[\\d.]+/g).slice(0, 3).map(function (x) { x = x / 255; \
               return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); \
               return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; } \
             var a = document.querySelector('main a'); a.focus(); \
             var ring = lum(getComputedStyle(a).outlineColor), page = lum(getComputedStyle(document.documentElement).backgroundColor); \
             return (Math.max(ring, page) + 0.05) / (Math.min(ring, page) + 0.05);",
        )
        .await;
    let contrast = contrast.as_f64().expect("a ratio");
    assert!(contrast >= 3.0, "focus ring contrast {contrast:.2}");
    check(
        c,
        "public contest, announced",
        &format!("/contests/{DEMO_SLUG}"),
    )
    .await;
    check(c, "winners", &format!("/contests/{DEMO_SLUG}/winners")).await;
    check(c, "register", "/register").await;
    check(c, "sign in", "/login").await;

    // A participant: eligibility, then the portfolio and its receipt.
    c.goto(&format!("{base}/register")).await;
    c.find("#email").await.send_keys("axe@photo.test").await;
    c.find("#password").await.send_keys("axe-password").await;
    let again = c.find("#password_confirm").await;
    again.send_keys(&format!("axe-password{ENTER}")).await;
    c.wait_for_path(|p| p.starts_with("/login")).await;
    sign_in(c, base, "axe@photo.test", "axe-password").await;
    check(c, "eligibility", "/contests/open-call/entry").await;
    let demo_entrant = ("participant1@demo.photojury.org", "demo-participant-1");
    sign_in(c, base, demo_entrant.0, demo_entrant.1).await;
    check(c, "portfolio", &format!("/contests/{DEMO_SLUG}/entry")).await;
    check(
        c,
        "receipt",
        &format!("/contests/{DEMO_SLUG}/entry/receipt"),
    )
    .await;
    check(c, "account", "/account").await;

    // A juror: the grid and a scoring page.
    sign_in(c, base, "juror2@demo.photojury.org", "demo-juror-2").await;
    check(c, "jury grid", &format!("/jury/{DEMO_SLUG}")).await;
    let first = c
        .execute("return document.querySelector('ul.grid a').getAttribute('href');")
        .await;
    check(c, "scoring", first.as_str().expect("an entry")).await;

    // The admin.
    sign_in(c, base, "admin@demo.photojury.org", "demo-admin-pass").await;
    for (name, tail) in [
        ("dashboard", ""),
        ("screening", "/entries"),
        ("monitor", "/jury"),
        ("rounds", "/rounds"),
        ("results", "/results"),
        ("awards", "/awards"),
    ] {
        check(c, name, &format!("/admin/contests/1{tail}")).await;
    }
    // The results table fits 1280 px: no region scrolls sideways; each row
    // has its thumbnail.
    c.goto(&format!("{base}/admin/contests/1/results")).await;
    let fits = c
        .execute("return [...document.querySelectorAll('.card.full')].every(e => e.scrollWidth <= e.clientWidth) && document.documentElement.scrollWidth <= innerWidth;")
        .await;
    let widths = c
        .execute("return [...document.querySelectorAll('.card.full')].map(e => [e.scrollWidth, e.clientWidth, [...e.querySelectorAll('th')].map(t => t.textContent.slice(0, 12) + '=' + Math.round(t.getBoundingClientRect().width))]);")
        .await;
    assert_eq!(
        fits, true,
        "the results table scrolls sideways at 1280 px: {widths}"
    );
    let rows = c
        .execute("var rows = document.querySelectorAll('table.results tbody tr'); return [rows.length, [...rows].filter(r => r.querySelector('img.row-thumb')).length];")
        .await;
    assert_eq!(rows[0], rows[1], "{rows}");
    // The plots are shown wide enough for their 15 px text to be 11 px.
    c.goto(&format!("{base}/admin/contests/1")).await;
    let widths = c
        .execute("return [...document.querySelectorAll('.plots img')].map(i => i.getBoundingClientRect().width);")
        .await;
    let widths: Vec<f64> = widths
        .as_array()
        .expect("widths")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(widths.len(), 3, "{widths:?}");
    assert!(
        widths.iter().all(|w| w / 640.0 * 15.0 >= 11.0),
        "{widths:?}"
    );
    check(c, "admin home", "/admin").await;

    assert!(checked >= 10, "{checked} pages");
    assert!(
        report.is_empty(),
        "{} violations:\n{}",
        report.len(),
        report.join("\n")
    );
    chrome.close().await;
}
