//! Every route against every role, from a table. The routes are read from the
//! source (each `.route("…")` call with its methods), so a new route without
//! a row here fails the test: deny by default starts in review.
//!
//! Roles: anonymous, participant A (owns the entry used below), participant B,
//! the juror assigned to that entry, a juror of the other category, a juror
//! who recused from it, and the admin. The contest is judging. Each cell is
//! `P` (the request passes authorization: any answer but 403, 404, 409 or a
//! redirect to sign in; bodies are chosen so nothing changes), `D` (denied:
//! 403, 404 or sign in), or `C` (409: refused because of the phase before
//! anything else is looked at, so it reveals nothing; the same request in the
//! open phase is covered by the submission tests).

mod common;

use common::jury::{Setup, judged, queue_of};
use common::{Browser, Page, TestApp};

const ROLES: [&str; 7] = [
    "anonymous",
    "participant A",
    "participant B",
    "assigned juror",
    "unassigned juror",
    "recused juror",
    "admin",
];

/// (method, route, expected per role, form body). Ordered so that the few rows that do
/// change something (a recusal, a removal) come after the rows they affect.
const TABLE: &[(&str, &str, &str, &str)] = &[
    ("GET", "/", "PPPPPPP", ""),
    ("GET", "/healthz", "PPPPPPP", ""),
    ("GET", "/static/style.css", "PPPPPPP", ""),
    ("GET", "/static/upload.js", "PPPPPPP", ""),
    ("GET", "/static/jury.js", "PPPPPPP", ""),
    ("GET", "/static/confirm.js", "PPPPPPP", ""),
    ("GET", "/login", "PPPPPPP", ""),
    ("POST", "/login", "PPPPPPP", ""),
    ("GET", "/register", "PPPPPPP", ""),
    ("POST", "/register", "PPPPPPP", ""),
    ("GET", "/setup", "DDDDDDD", ""),
    (
        "POST",
        "/setup",
        "DDDDDDD",
        "token=x&email=a%40b.org&password=long-enough&password_confirm=long-enough",
    ),
    ("GET", "/account", "DPPPPPP", ""),
    ("POST", "/account/password", "DPPPPPP", ""),
    ("GET", "/contests/{slug}", "PPPPPPP", ""),
    // Entries are closed while judging: edits are refused before ownership
    // is looked at (B on A's photo included); the submission tests cover the
    // open phase, where B gets 404 and jurors 403.
    ("GET", "/contests/{slug}/entry", "DPPCCCC", ""),
    (
        "POST",
        "/contests/{slug}/entry",
        "DCCCCCC",
        "category=1&full_name=x&country=x&consent_rules=1",
    ),
    ("POST", "/contests/{slug}/entry/story", "DCCDDDD", "story=x"),
    ("POST", "/contests/{slug}/entry/withdraw", "DCCDDDD", ""),
    ("GET", "/contests/{slug}/entry/receipt", "DPPDDDD", ""),
    ("POST", "/contests/{slug}/entry/photos", "DCCDDDD", ""),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}",
        "DCCDDDD",
        "title=t&caption=c",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/delete",
        "DCCDDDD",
        "",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/move",
        "DCCDDDD",
        "dir=up",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/replace",
        "DCCDDDD",
        "",
    ),
    (
        "GET",
        "/contests/{slug}/entry/photos/{id}/{size}",
        "DPDDDDD",
        "",
    ),
    ("GET", "/contests/{slug}/reveal.json", "DDDDDDD", ""),
    ("GET", "/contests/{slug}/winners", "DDDDDDD", ""),
    (
        "GET",
        "/contests/{slug}/winners/{number}/{index}/{file}",
        "DDDDDDD",
        "",
    ),
    ("GET", "/invitations/{token}", "DDDDDDD", ""),
    ("POST", "/invitations/{token}", "DDDDDDD", ""),
    ("GET", "/jury", "DPPPPPP", ""),
    ("GET", "/jury/{slug}", "DDDPPPD", ""),
    ("GET", "/jury/{slug}/entries/{number}", "DDDPDDD", ""),
    ("POST", "/jury/{slug}/entries/{number}", "DDDPDDD", ""),
    (
        "GET",
        "/jury/{slug}/entries/{number}/{index}/{file}",
        "DDDPDDD",
        "",
    ),
    ("GET", "/admin", "DDDDDDP", ""),
    ("GET", "/admin/audit", "DDDDDDP", ""),
    ("POST", "/admin/contests", "DDDDDDP", ""),
    ("GET", "/admin/contests/new", "DDDDDDP", ""),
    ("GET", "/admin/contests/{id}", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/categories", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/categories/{item}/delete",
        "DDDDDDP",
        "",
    ),
    ("POST", "/admin/contests/{id}/criteria", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/criteria/{item}/delete",
        "DDDDDDP",
        "",
    ),
    (
        "POST",
        "/admin/contests/{id}/phase",
        "DDDDDDP",
        "to=nowhere",
    ),
    ("GET", "/admin/contests/{id}/plots/{name}", "DDDDDDP", ""),
    ("GET", "/admin/contests/{id}/entries", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/entries/{portfolio}/redact",
        "DDDDDDP",
        "",
    ),
    (
        "POST",
        "/admin/contests/{id}/entries/{portfolio}/status",
        "DDDDDDP",
        "",
    ),
    (
        "GET",
        "/admin/contests/{id}/photos/{photo}/original",
        "DDDDDDP",
        "",
    ),
    (
        "GET",
        "/admin/contests/{id}/photos/{photo}/{size}",
        "DDDDDDP",
        "",
    ),
    ("GET", "/admin/contests/{id}/jury", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/jury/quorum", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/jurors", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/jurors/{juror}/link",
        "DDDDDDP",
        "",
    ),
    ("GET", "/admin/contests/{id}/results", "DDDDDDP", ""),
    // Nothing to show or export before finalization, for the admin too.
    ("GET", "/admin/contests/{id}/results.csv", "DDDDDDD", ""),
    ("GET", "/admin/contests/{id}/winners.csv", "DDDDDDD", ""),
    ("GET", "/admin/contests/{id}/originals.zip", "DDDDDDD", ""),
    // Awards wait for finalized results.
    ("GET", "/admin/contests/{id}/awards", "DDDDDDC", ""),
    ("POST", "/admin/contests/{id}/awards", "DDDDDDC", ""),
    // Last: these change the jury.
    (
        "POST",
        "/jury/{slug}/entries/{number}/recuse",
        "DDDPDDD",
        "",
    ),
    (
        "POST",
        "/admin/contests/{id}/jurors/{juror}/remove",
        "DDDDDDP",
        "",
    ),
    // Signs the session out: checked with fresh sessions in the accounts suite.
    ("POST", "/logout", "PPPPPPP", ""),
];

/// Every (method, route) the source registers.
fn routes_in_source() -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in text.split(".route(").skip(1) {
                let call = &call[..call.find(".route(").unwrap_or(call.len())];
                let Some(start) = call.find('"') else {
                    continue;
                };
                let route = &call[start + 1..];
                let route = &route[..route.find('"').unwrap()];
                for method in ["get", "post"] {
                    if call.contains(&format!("{method}(")) {
                        found.push((method.to_uppercase(), route.to_owned()));
                    }
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_route_in_the_source_has_a_row_and_every_row_a_route() {
    let source = routes_in_source();
    assert!(source.len() > 50, "{source:?}");
    let mut table: Vec<(String, String)> = TABLE
        .iter()
        .map(|(m, r, _, _)| (m.to_string(), r.to_string()))
        .collect();
    table.sort();
    let missing: Vec<_> = source.iter().filter(|r| !table.contains(r)).collect();
    let stale: Vec<_> = table.iter().filter(|r| !source.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "routes without a row (add one, deny by default): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for routes that no longer exist: {stale:?}"
    );
}

fn denied(page: &Page) -> bool {
    let status = page.status.as_u16();
    let to_login = page
        .headers
        .get("location")
        .and_then(|l| l.to_str().ok())
        .is_some_and(|l| l.starts_with("/login"));
    status == 403 || status == 404 || (status == 303 && to_login)
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    let app = TestApp::spawn().await;
    let setup = Setup {
        per_category: [1, 1],
        photos: 1,
        jurors: vec![vec![0], vec![1], vec![0]],
        ..Setup::default()
    };
    let contest = judged(&app, setup).await;
    let (slug, id) = (contest.slug, contest.contest_id);
    let number = queue_of(&contest.jurors[0], slug).await[0].clone();
    // Juror 2 recuses from the entry; a fourth juror is invited, not yet in.
    let recused = contest.jurors[2]
        .post(
            &format!("/jury/{slug}/entries/{number}/recuse"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(recused.status.as_u16(), 303, "{}", recused.body);
    let admin = &contest.admin;
    admin.get(&format!("/admin/contests/{id}/jury")).await;
    let cats = common::jury::category_ids(&app, id).await;
    let invited = admin
        .post(
            &format!("/admin/contests/{id}/jurors"),
            &[
                ("email", "pending@jury.example.org"),
                ("category", &cats[0]),
            ],
        )
        .await;
    assert_eq!(invited.status.as_u16(), 200, "{}", invited.body);
    let one = |sql: &'static str| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let photo = one("SELECT ph.id FROM photos ph JOIN entries e ON e.photo_id = ph.id JOIN categories c ON c.id = e.category_id ORDER BY c.position LIMIT 1").await;
    let portfolio = one("SELECT portfolio_id FROM photos ORDER BY id LIMIT 1").await;
    let pending = one("SELECT id FROM jurors WHERE accepted_at IS NULL").await;
    let item = one("SELECT id FROM criteria ORDER BY id LIMIT 1").await;
    let fill = |route: &str| {
        route
            .replace("{slug}", slug)
            .replace(
                "{id}",
                &if route.starts_with("/admin") {
                    id
                } else {
                    photo
                }
                .to_string(),
            )
            .replace("{number}", &number)
            .replace("{index}", "1")
            .replace("{file}", "large.jpg")
            .replace("{size}", "thumb.jpg")
            .replace("{portfolio}", &portfolio.to_string())
            .replace("{photo}", &photo.to_string())
            .replace("{item}", &item.to_string())
            .replace("{juror}", &pending.to_string())
            .replace("{name}", "submissions.svg")
            .replace("{token}", "not-a-real-invitation-token")
    };

    let anonymous = app.browser();
    anonymous.get("/login").await;
    let people: Vec<&Browser> = vec![
        &anonymous,
        &contest.participants[0],
        &contest.participants[1],
        &contest.jurors[0],
        &contest.jurors[1],
        &contest.jurors[2],
        admin,
    ];
    for p in &people[1..] {
        p.get("/account").await;
    }
    let mut wrong = Vec::new();
    for (method, route, expected, body) in TABLE {
        if *route == "/logout" {
            continue;
        }
        let path = fill(route);
        for (i, who) in people.iter().enumerate() {
            let page = match *method {
                "GET" => who.get(&path).await,
                _ if matches!(
                    *route,
                    "/contests/{slug}/entry/photos" | "/contests/{slug}/entry/photos/{id}/replace"
                ) =>
                {
                    let file = vec![("x.jpg", common::hostile::small_jpeg())];
                    who.upload(&path, &[], file, false).await
                }
                _ => {
                    let fields: Vec<(&str, &str)> = body
                        .split('&')
                        .filter_map(|kv| kv.split_once('='))
                        .collect();
                    let fields: Vec<(&str, String)> = fields
                        .into_iter()
                        .map(|(k, v)| (k, v.replace("%40", "@")))
                        .collect();
                    let fields: Vec<(&str, &str)> =
                        fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    who.post(&path, &fields).await
                }
            };
            let got = if denied(&page) {
                'D'
            } else if page.status.as_u16() == 409 {
                'C'
            } else {
                'P'
            };
            let want = expected.as_bytes()[i] as char;
            if got != want {
                wrong.push(format!(
                    "{method} {route} as {}: expected {want}, got {} {}",
                    ROLES[i],
                    page.status,
                    page.headers
                        .get("location")
                        .map_or("", |l| l.to_str().unwrap_or(""))
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
