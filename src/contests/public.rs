//! Public contest pages: the list of contests and the call for entries.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::contests::model::{Phase, check_submissions_open, describe_time, time_left};
use crate::contests::queries::{self, Contest, Role};
use crate::contests::structure::{self, Category, Criterion};
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

/// One line saying where the contest stands, by the server clock.
pub fn status_line(c: &Contest, now: i64) -> String {
    match c.phase {
        Phase::Draft => "Draft: only administrators can see this page.".into(),
        Phase::Open if now < c.opens_at => format!("Opens on {}", describe_time(c.opens_at, c.tz)),
        Phase::Open => match time_left(now, c.closes_at) {
            Some(left) => format!("Open for entries: {left}"),
            None => "Entries closed: the deadline has passed.".into(),
        },
        Phase::Closed => "Entries closed: the jury meets soon.".into(),
        Phase::Judging => "The jury is at work.".into(),
        Phase::Finalized | Phase::Revealed => {
            "Judging is complete; winners will be announced soon.".into()
        }
        Phase::Announced => "Winners announced.".into(),
    }
}

/// `GET /`
pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let contests = queries::public_contests(&state.db)
        .await?
        .into_iter()
        .map(|c| ContestCard {
            status: status_line(&c, now),
            slug: c.slug,
            title: c.title,
            theme: c.theme,
        })
        .collect();
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
    contest: Contest,
    proof: Proof,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let role = match &ctx.user {
        Some(user) => queries::role_of(&state.db, contest.id, user.id).await?,
        None => None,
    };
    let page = ShowPage {
        nav: ctx.nav().await?,
        status: status_line(&contest, now),
        opens: describe_time(contest.opens_at, contest.tz),
        deadline: describe_time(contest.closes_at, contest.tz),
        accepting: check_submissions_open(contest.phase, contest.opens_at, contest.closes_at, now)
            .is_ok(),
        signed_in: ctx.user.is_some(),
        role,
        categories: structure::categories_of(&state.db, contest.id).await?,
        criteria: structure::criteria_of(&state.db, contest.id).await?,
        countries: queries::countries_of(&state.db, contest.id).await?,
        proof,
        contest,
    };
    Ok(render(&page)?.into_response())
}
