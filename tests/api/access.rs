//! Every route against every role, from a table. The routes are read from the
//! source (each `.route("…")` call with its methods), so a new route without
//! a row here fails the test: deny by default starts in review.
//!
//! Roles: anonymous, participant A (owns the entry used below), participant B,
//! the juror assigned to that entry, a juror of the other category, a juror
//! who recused from it, and the admin. The first table is the judging phase;
//! a second one repeats the routes whose answer depends on the phase once the
//! contest is finalized and once it is announced. Each cell is
//! `P` (the request passes authorization: any answer but 403, 404, 409 or a
//! redirect to sign in; bodies are chosen so nothing changes), `D` (denied:
//! 403, 404 or sign in), or `C` (409: refused because of the phase before
//! anything else is looked at, so it reveals nothing; the same request in the
//! open phase is covered by the submission tests).

use crate::common;

use crate::common::jury::{Setup, judged, queue_of};
use crate::common::{Browser, Page, TestApp};

const ROLES: [&str; 7] = [
    "anonymous",
    "participant A",
    "participant B",
    "assigned juror",
    "unassigned juror",
    "recused juror",
    "admin",
];

/// Every route in the judging phase. Ordered so that the few rows that do
/// change something (a recusal, a removal) come after the rows they affect.
const TABLE: &[Row] = &[
    ("GET", "/", "PPPPPPP", ""),
    ("GET", "/healthz", "PPPPPPP", ""),
    // Only for the addresses of --metrics-allow (none here): 404 to all.
    ("GET", "/metrics", "DDDDDDD", ""),
    ("GET", "/static/style.css", "PPPPPPP", ""),
    ("GET", "/static/upload.js", "PPPPPPP", ""),
    ("GET", "/static/jury.js", "PPPPPPP", ""),
    ("GET", "/static/confirm.js", "PPPPPPP", ""),
    ("GET", "/static/entry.js", "PPPPPPP", ""),
    ("GET", "/static/vote.js", "PPPPPPP", ""),
    ("GET", "/static/rank.js", "PPPPPPP", ""),
    ("GET", "/login", "PPPPPPP", ""),
    ("GET", "/language/{code}", "PPPPPPP", ""),
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
    // Without the password: the page again with the refusal.
    ("POST", "/account/export", "DPPPPPP", ""),
    ("POST", "/account/delete", "DPPPPPP", ""),
    ("POST", "/account/confirm-email", "DPPPPPP", ""),
    // One-time email links: a dead token is 410 for everyone.
    ("GET", "/confirm-email", "PPPPPPP", ""),
    ("POST", "/confirm-email", "PPPPPPP", "token=x"),
    ("GET", "/forgot-password", "PPPPPPP", ""),
    (
        "POST",
        "/forgot-password",
        "PPPPPPP",
        "email=nobody%40example.org",
    ),
    ("GET", "/reset-password", "PPPPPPP", ""),
    (
        "POST",
        "/reset-password",
        "PPPPPPP",
        "token=x&password=long-enough&password_confirm=long-enough",
    ),
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
        "/contests/{slug}/entry/texts",
        "DCCDDDD",
        "title-1=t&caption-1=c",
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
    // No shortlisting round is open (this contest judges in one criteria
    // round): the voting pages are 404 to all, a vote 409 to its jury.
    ("GET", "/jury/{slug}/vote", "DDDDDDD", ""),
    ("GET", "/jury/{slug}/vote/{number}", "DDDDDDD", ""),
    ("POST", "/jury/{slug}/vote/{number}", "DDDCCCD", "vote=1"),
    (
        "POST",
        "/jury/{slug}/vote/{number}/recuse",
        "DDDCCCD",
        "reason=x",
    ),
    // No ranking round either: the page is 404 to all, a save 409 to the jury.
    ("GET", "/jury/{slug}/rank", "DDDDDDD", ""),
    (
        "POST",
        "/jury/{slug}/rank",
        "DDDCCCD",
        "category=1&order=10001",
    ),
    ("POST", "/jury/{slug}/entries/{number}", "DDDPDDD", ""),
    ("POST", "/jury/{slug}/entries/{number}/draft", "DDDPDDD", ""),
    (
        "GET",
        "/jury/{slug}/entries/{number}/{index}/{file}",
        "DDDPDDD",
        "",
    ),
    ("GET", "/admin", "DDDDDDP", ""),
    ("GET", "/admin/audit", "DDDDDDP", ""),
    ("GET", "/admin/system", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/retention",
        "DDDDDDP",
        "days=soon",
    ),
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
    ("GET", "/admin/contests/{id}/texts", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/texts", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/language", "DDDDDDP", ""),
    ("GET", "/admin/contests/{id}/entries", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/entries/{portfolio}/identity",
        "DDDDDDP",
        "",
    ),
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
    // Judging has started and no round is open: each is refused on the page.
    ("GET", "/admin/contests/{id}/rounds", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/rounds",
        "DDDDDDP",
        "kind=yes_no",
    ),
    ("POST", "/admin/contests/{id}/rounds/remove", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/rounds/quorum",
        "DDDDDDP",
        "quorum=1",
    ),
    (
        "POST",
        "/admin/contests/{id}/rounds/close",
        "DDDDDDP",
        "round=1",
    ),
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
    // Finalist verification: the page and its forms for admins only (a
    // request while judging is refused on the page); no request exists
    // here, so its file and its upload are not found even for the admin.
    ("GET", "/admin/contests/{id}/verification", "DDDDDDP", ""),
    ("POST", "/admin/contests/{id}/verification", "DDDDDDP", ""),
    (
        "POST",
        "/admin/contests/{id}/verification/{vid}/decision",
        "DDDDDDP",
        "",
    ),
    (
        "GET",
        "/admin/contests/{id}/verification/{vid}/file",
        "DDDDDDD",
        "",
    ),
    ("POST", "/account/verification/{vid}", "DDDDDDD", ""),
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

/// The routes whose answer depends on the phase, as (method, route, expected
/// per role in the open, closed, finalized and announced phases, body). Before
/// judging nobody has recused, so jurors 0 and 2 are alike. Ordered so that
/// rows which change something when let through (a new photo, a replaced one,
/// a deletion, a withdrawal while open; a recusal) come after the rows they
/// affect.
const PHASED: &[(&str, &str, [&str; 4], &str)] = &[
    ("GET", "/contests/{slug}", ["PPPPPPP"; 4], ""),
    // Jurors and administrators cannot enter: 409 with the reason.
    ("GET", "/contests/{slug}/entry", ["DPPCCCC"; 4], ""),
    (
        "POST",
        "/contests/{slug}/entry",
        ["DPPCCCC", "DCCCCCC", "DCCCCCC", "DCCCCCC"],
        "category=1&full_name=x&country=x&consent_rules=1",
    ),
    ("GET", "/contests/{slug}/entry/receipt", ["DPPDDDD"; 4], ""),
    (
        "GET",
        "/contests/{slug}/entry/photos/{id}/{size}",
        ["DPDDDDD"; 4],
        "",
    ),
    (
        "POST",
        "/contests/{slug}/entry/story",
        ["DPPDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "story=x",
    ),
    (
        "POST",
        "/contests/{slug}/entry/texts",
        ["DPPDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "title-1=t&caption-1=c",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/move",
        ["DPDDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "dir=up",
    ),
    // Jurors see entries only from judging on, keep read access after it,
    // and no score changes outside it (refused for the phase before the
    // assignment is looked at: the same answer for every juror).
    ("GET", "/jury/{slug}", ["DDDPPPD"; 4], ""),
    (
        "GET",
        "/jury/{slug}/entries/{number}",
        ["DDDDDDD", "DDDDDDD", "DDDPDDD", "DDDPDDD"],
        "",
    ),
    (
        "GET",
        "/jury/{slug}/entries/{number}/{index}/{file}",
        ["DDDDDDD", "DDDDDDD", "DDDPDDD", "DDDPDDD"],
        "",
    ),
    (
        "POST",
        "/jury/{slug}/entries/{number}",
        ["DDDCCCD"; 4],
        "c=5",
    ),
    (
        "POST",
        "/jury/{slug}/entries/{number}/draft",
        ["DDDCCCD"; 4],
        "c=5",
    ),
    // Public only once revealed / announced, for everyone alike.
    (
        "GET",
        "/contests/{slug}/reveal.json",
        ["DDDDDDD", "DDDDDDD", "DDDDDDD", "PPPPPPP"],
        "",
    ),
    (
        "GET",
        "/contests/{slug}/winners",
        ["DDDDDDD", "DDDDDDD", "DDDDDDD", "PPPPPPP"],
        "",
    ),
    (
        "GET",
        "/contests/{slug}/winners/{number}/{index}/{file}",
        ["DDDDDDD", "DDDDDDD", "DDDDDDD", "PPPPPPP"],
        "",
    ),
    ("GET", "/account", ["DPPPPPP"; 4], ""),
    ("GET", "/admin/contests/{id}/entries", ["DDDDDDP"; 4], ""),
    (
        "GET",
        "/admin/contests/{id}/photos/{photo}/original",
        ["DDDDDDP"; 4],
        "",
    ),
    ("GET", "/admin/contests/{id}/results", ["DDDDDDP"; 4], ""),
    // Exports once there is something to export, for the admin only.
    (
        "GET",
        "/admin/contests/{id}/results.csv",
        ["DDDDDDD", "DDDDDDD", "DDDDDDP", "DDDDDDP"],
        "",
    ),
    (
        "GET",
        "/admin/contests/{id}/winners.csv",
        ["DDDDDDD", "DDDDDDD", "DDDDDDD", "DDDDDDP"],
        "",
    ),
    (
        "GET",
        "/admin/contests/{id}/originals.zip",
        ["DDDDDDD", "DDDDDDD", "DDDDDDD", "DDDDDDP"],
        "",
    ),
    // The awards page opens with the sealed results (no names until the reveal).
    (
        "GET",
        "/admin/contests/{id}/awards",
        ["DDDDDDC", "DDDDDDC", "DDDDDDP", "DDDDDDP"],
        "",
    ),
    // Last: these change A's (and B's) portfolio while entries are open.
    (
        "POST",
        "/contests/{slug}/entry/photos",
        ["DPPDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/replace",
        ["DPDDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "",
    ),
    (
        "POST",
        "/contests/{slug}/entry/photos/{id}/delete",
        ["DPDDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "",
    ),
    (
        "POST",
        "/contests/{slug}/entry/withdraw",
        ["DPPDDDD", "DCCDDDD", "DCCDDDD", "DCCDDDD"],
        "",
    ),
    // Would change the jury if it were let through.
    (
        "POST",
        "/jury/{slug}/entries/{number}/recuse",
        ["DDDCCCD"; 4],
        "",
    ),
];

/// The rows of [`PHASED`] for one phase (0 open, 1 closed, 2 finalized, 3 announced).
fn phased(column: usize) -> Vec<Row> {
    PHASED
        .iter()
        .map(|&(method, route, expected, body)| (method, route, expected[column], body))
        .collect()
}

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

/// (method, route, expected per role, form body).
type Row = (&'static str, &'static str, &'static str, &'static str);

/// Sends each row's request as each person; returns the cells that differ.
async fn answers(
    rows: &[Row],
    people: &[&Browser],
    fill: &dyn Fn(&str) -> String,
    phase: &str,
) -> Vec<String> {
    let mut wrong = Vec::new();
    for (method, route, expected, body) in rows {
        let path = fill(route);
        for (i, who) in people.iter().enumerate() {
            let page = request(who, method, route, &path, body).await;
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
                    "[{phase}] {method} {route} as {}: expected {want}, got {} {}",
                    ROLES[i],
                    page.status,
                    page.headers
                        .get("location")
                        .map_or("", |l| l.to_str().unwrap_or(""))
                ));
            }
        }
    }
    wrong
}

async fn request(who: &Browser, method: &str, route: &str, path: &str, body: &str) -> Page {
    match method {
        "GET" => who.get(path).await,
        _ if matches!(
            route,
            "/contests/{slug}/entry/photos" | "/contests/{slug}/entry/photos/{id}/replace"
        ) =>
        {
            let file = vec![("x.jpg", common::hostile::small_jpeg())];
            who.upload(path, &[], file, false).await
        }
        _ => {
            let fields: Vec<(&str, String)> = body
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k, v.replace("%40", "@")))
                .collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            who.post(path, &fields).await
        }
    }
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

/// The contest of the tables: judging, one entry per category, juror 0
/// assigned to A's entry, juror 1 to the other category, juror 2 recused
/// from A's entry, a fourth juror invited but not in yet.
struct Scene {
    contest: common::jury::Judged,
    anonymous: Browser,
    number: String,
    photo: i64,
    portfolio: i64,
    pending: i64,
    item: i64,
}

impl Scene {
    /// The scene in judging (juror 2 recused from A's entry).
    async fn new(app: &TestApp) -> Self {
        Self::until(app, "judging").await
    }

    /// The scene stopped at `phase` ("open", "closed" or "judging"); before
    /// judging nobody has recused yet, so jurors 0 and 2 are alike.
    async fn until(app: &TestApp, phase: &'static str) -> Self {
        let setup = Setup {
            per_category: [1, 1],
            photos: 1,
            jurors: vec![vec![0], vec![1], vec![0]],
            until: phase,
            ..Setup::default()
        };
        let contest = judged(app, setup).await;
        let (slug, id) = (contest.slug, contest.contest_id);
        let number = if phase == "judging" {
            let number = queue_of(&contest.jurors[0], slug).await[0].clone();
            let recused = contest.jurors[2]
                .post(
                    &format!("/jury/{slug}/entries/{number}/recuse"),
                    &[("reason", "")],
                )
                .await;
            assert_eq!(recused.status.as_u16(), 303, "{}", recused.body);
            number
        } else {
            // A's photo's number, drawn at upload.
            let number: i64 = sqlx::query_scalar(
                "SELECT ph.number FROM photos ph JOIN portfolios p ON p.id = ph.portfolio_id \
                 JOIN categories c ON c.id = p.category_id ORDER BY c.position LIMIT 1",
            )
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
            number.to_string()
        };
        let admin = &contest.admin;
        admin.get(&format!("/admin/contests/{id}/jury")).await;
        let cats = common::jury::category_ids(app, id).await;
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
        let photo = one("SELECT ph.id FROM photos ph JOIN portfolios p ON p.id = ph.portfolio_id JOIN categories c ON c.id = p.category_id ORDER BY c.position LIMIT 1").await;
        let portfolio = one("SELECT portfolio_id FROM photos ORDER BY id LIMIT 1").await;
        let pending = one("SELECT id FROM jurors WHERE accepted_at IS NULL").await;
        let item = one("SELECT id FROM criteria ORDER BY id LIMIT 1").await;
        let anonymous = app.browser();
        anonymous.get("/login").await;
        let scene = Self {
            contest,
            anonymous,
            number,
            photo,
            portfolio,
            pending,
            item,
        };
        for p in &scene.people()[1..] {
            p.get("/account").await;
        }
        scene
    }

    /// The seven roles, in the order of [`ROLES`].
    fn people(&self) -> Vec<&Browser> {
        let c = &self.contest;
        vec![
            &self.anonymous,
            &c.participants[0],
            &c.participants[1],
            &c.jurors[0],
            &c.jurors[1],
            &c.jurors[2],
            &c.admin,
        ]
    }

    /// The route with its parameters filled in.
    fn fill(&self, route: &str) -> String {
        let id = if route.starts_with("/admin") {
            self.contest.contest_id
        } else {
            self.photo
        };
        route
            .replace("{slug}", self.contest.slug)
            .replace("{id}", &id.to_string())
            .replace("{number}", &self.number)
            .replace("{index}", "1")
            .replace("{file}", "large.jpg")
            .replace("{size}", "thumb.jpg")
            .replace("{portfolio}", &self.portfolio.to_string())
            .replace("{photo}", &self.photo.to_string())
            .replace("{item}", &self.item.to_string())
            .replace("{vid}", "1")
            .replace("{juror}", &self.pending.to_string())
            .replace("{name}", "submissions.svg")
            .replace("{token}", "not-a-real-invitation-token")
            .replace("{code}", "en")
    }

    async fn check(&self, rows: &[Row], phase: &str) -> Vec<String> {
        answers(rows, &self.people(), &|r| self.fill(r), phase).await
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    let app = TestApp::spawn().await;
    let scene = Scene::new(&app).await;
    let rows: Vec<Row> = TABLE
        .iter()
        .filter(|(_, route, _, _)| *route != "/logout")
        .copied()
        .collect();
    let wrong = scene.check(&rows, "judging").await;
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn after_judging_every_role_gets_what_the_phase_allows() {
    let app = TestApp::spawn().await;
    let scene = Scene::new(&app).await;
    let (slug, path) = (scene.contest.slug, scene.contest.admin_path.clone());
    let admin = &scene.contest.admin;
    for juror in &scene.contest.jurors[..2] {
        common::jury::score_all(juror, slug, "7").await;
    }

    admin.get(&path).await;
    let finalized = admin
        .post(&format!("{path}/phase"), &[("to", "finalized")])
        .await;
    assert_eq!(finalized.status.as_u16(), 303, "{}", finalized.body);
    let mut wrong = scene.check(&phased(2), "finalized").await;

    admin.get(&path).await;
    let revealed = admin
        .post(&format!("{path}/phase"), &[("to", "revealed")])
        .await;
    assert_eq!(revealed.status.as_u16(), 303, "{}", revealed.body);
    let form = admin.get(&format!("{path}/awards")).await;
    let tops: Vec<String> = form
        .body
        .split("id=\"award-row-")
        .skip(1)
        .map(|s| format!("award-{}", s.split('"').next().unwrap_or("")))
        .collect();
    assert_eq!(tops.len(), 2, "one entry per category: {}", form.body);
    let fields = [
        (tops[0].as_str(), "first"),
        (tops[1].as_str(), "first"),
        ("reason", "one entry per category"),
    ];
    let saved = admin.post(&format!("{path}/awards"), &fields).await;
    assert_eq!(saved.status.as_u16(), 303, "{}", saved.body);
    admin.get(&path).await;
    let announced = admin
        .post(&format!("{path}/phase"), &[("to", "announced")])
        .await;
    assert_eq!(announced.status.as_u16(), 303, "{}", announced.body);
    wrong.extend(scene.check(&phased(3), "announced").await);
    assert_eq!(
        app.count("assignments WHERE recused_at IS NOT NULL").await,
        1,
        "no recusal got through after judging"
    );
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn before_judging_every_role_gets_what_the_phase_allows() {
    for (phase, column) in [("open", 0), ("closed", 1)] {
        let app = TestApp::spawn().await;
        let scene = Scene::until(&app, phase).await;
        let wrong = scene.check(&phased(column), phase).await;
        let entered = "portfolios p JOIN users u ON u.id = p.user_id \
                       WHERE u.is_admin = 1 OR u.email LIKE 'juror%'";
        assert_eq!(
            app.count(entered).await,
            0,
            "neither a juror nor the admin entered ({phase})"
        );
        assert!(
            wrong.is_empty(),
            "{} cells differ:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
}
