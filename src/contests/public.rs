//! Public contest pages: the list of contests and the call for entries.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::contests::content;
use crate::contests::model::{Phase, check_submissions_open, describe_time, time_left};
use crate::contests::queries::{self, Contest, Role};
use crate::contests::structure::{self, Category, Criterion};
use crate::i18n::{Lang, Msg};
use crate::web::{Ctx, Nav, render};
use crate::{error::AppError, state::AppState};

/// One contest in the public list.
pub struct ContestCard {
    slug: String,
    title: String,
    theme: String,
    status: String,
}

#[derive(Template)]
#[template(path = "contests/index.html")]
struct IndexPage {
    nav: Nav,
    contests: Vec<ContestCard>,
}

#[derive(Template)]
#[template(path = "contests/show.html")]
struct ShowPage {
    nav: Nav,
    contest: Contest,
    status: String,
    opens: String,
    deadline: String,
    accepting: bool,
    signed_in: bool,
    role: Option<Role>,
    categories: Vec<Category>,
    criteria: Vec<Criterion>,
    /// The language the contest's own text is shown in.
    content_lang: crate::i18n::Lang,
    countries: Vec<String>,
    /// What the contest has published to prove its judging.
    proof: Proof,
}

/// What a contest has published so far to prove its jury was blind and its
/// results untouched (the workflow fills it from `results`).
#[derive(Debug, Clone, Default)]
pub struct Proof {
    /// The commitment published when judging opened.
    pub commitment: Option<String>,
    /// The results hash published at finalization.
    pub results_hash: Option<String>,
    /// Each closed shortlisting round's hash: (position, sha256).
    pub round_hashes: Vec<(i64, String)>,
}

/// One line saying where the contest stands, by the server clock, in `lang`.
pub fn status_line(c: &Contest, now: i64, lang: Lang) -> String {
    let msg = match c.phase {
        Phase::Draft => Msg::new("status-draft"),
        Phase::Open if now < c.opens_at => {
            Msg::new("status-opens").arg("when", describe_time(c.opens_at, c.tz, lang))
        }
        Phase::Open => match time_left(now, c.closes_at, lang) {
            Some(left) => Msg::new("status-open").arg("left", left),
            None => Msg::new("status-deadline-passed"),
        },
        Phase::Closed => Msg::new("status-closed"),
        Phase::Judging => Msg::new("status-judging"),
        Phase::Finalized | Phase::Revealed => Msg::new("status-finalized"),
        Phase::Announced => Msg::new("status-announced"),
    };
    lang.msg(&msg)
}

/// `GET /`
pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let mut contests = Vec::new();
    for c in queries::public_contests(&state.db).await? {
        let c = content::localized(&state.db, c, ctx.lang).await?;
        contests.push(ContestCard {
            status: status_line(&c, now, ctx.lang),
            slug: c.slug,
            title: c.title,
            theme: c.theme,
        });
    }
    Ok(render(&IndexPage {
        nav: ctx.nav().await?,
        contests,
    })?
    .into_response())
}

/// The contest at `slug`, if this person may see it (drafts are admins' only).
pub async fn visible_contest(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Contest, AppError> {
    let contest = queries::contest_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_admin = ctx.user.as_ref().is_some_and(|u| u.is_admin);
    if contest.phase == Phase::Draft && !is_admin {
        return Err(AppError::NotFound);
    }
    Ok(contest)
}

/// The public page of a contest: the call for entries, where it stands, and
/// the proof it has published (`GET /contests/{slug}`, routed by the workflow).
pub async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    mut contest: Contest,
    proof: Proof,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let texts = content::texts(&state.db, &contest, ctx.lang).await?;
    let content_lang = texts.contest(&mut contest);
    let mut categories = structure::categories_of(&state.db, contest.id).await?;
    texts.categories(&mut categories);
    let mut criteria = structure::criteria_of(&state.db, contest.id).await?;
    texts.criteria(&mut criteria);
    let role = match &ctx.user {
        Some(user) => queries::role_of(&state.db, contest.id, user.id).await?,
        None => None,
    };
    let page = ShowPage {
        nav: ctx.nav().await?,
        status: status_line(&contest, now, ctx.lang),
        opens: describe_time(contest.opens_at, contest.tz, ctx.lang),
        deadline: describe_time(contest.closes_at, contest.tz, ctx.lang),
        accepting: check_submissions_open(contest.phase, contest.opens_at, contest.closes_at, now)
            .is_ok(),
        signed_in: ctx.user.is_some(),
        role,
        categories,
        criteria,
        content_lang,
        countries: queries::countries_of(&state.db, contest.id).await?,
        proof,
        contest,
    };
    Ok(render(&page)?.into_response())
}
