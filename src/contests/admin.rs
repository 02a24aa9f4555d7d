//! Admin pages for contests: create and edit, categories and criteria,
//! and the audit log (phase changes are the workflow's). Every change
//! writes an audit row.

use crate::contests::next_step::{Action, Facts, NextStep, next_step};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::audit::{self, AuditRow};
use crate::contests::form::{ContestForm, check_edit_allowed};
use crate::contests::model::{Phase, describe_time};
use crate::contests::queries::{self, Contest};
use crate::contests::structure::{self, Category, Criterion};
use crate::i18n::Msg;
use crate::web::{Ctx, Nav, User, render, render_form};
use crate::{error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminIndex {
    nav: Nav,
    contests: Vec<(Contest, String)>,
}

#[derive(Template)]
#[template(path = "admin/new_contest.html")]
struct NewContestPage {
    nav: Nav,
    form: ContestForm,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/edit_contest.html")]
struct EditContestPage {
    nav: Nav,
    contest: Contest,
    deadline: String,
    form: ContestForm,
    errors: Vec<String>,
    categories: Vec<Category>,
    criteria: Vec<Criterion>,
    next_phases: Vec<Phase>,
    glance: crate::contests::plots::Glance,
    /// The one next step, the page's primary button.
    next: NextStep,
}

impl EditContestPage {
    /// Whether moving to `p` is the next step (its button is then primary).
    /// Generic because templates pass their bindings by reference.
    fn is_next<P: std::ops::Deref<Target = Phase>>(&self, p: &P) -> bool {
        self.next.action == Some(Action::Phase(**p))
    }

    /// Whether `p` is finalizing (its form can override missing work).
    fn is_finalize<P: std::ops::Deref<Target = Phase>>(&self, p: &P) -> bool {
        **p == Phase::Finalized
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    nav: Nav,
    rows: Vec<(AuditRow, String)>,
}

/// The contest an admin page is about: the signed-in administrator (403
/// for anyone else) and the contest (404 if there is none). Every admin
/// page of every module starts here.
pub async fn admin_contest(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> Result<(User, Contest), AppError> {
    let admin = ctx.require_admin()?.clone();
    let contest = queries::contest_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((admin, contest))
}

/// Back to the contest's admin page.
pub fn see(id: i64) -> Response {
    Redirect::to(&format!("/admin/contests/{id}")).into_response()
}

/// `GET /admin`
pub async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let contests = queries::all_contests(&state.db)
        .await?
        .into_iter()
        .map(|c| {
            let deadline = describe_time(c.closes_at, c.tz, ctx.lang);
            (c, deadline)
        })
        .collect();
    Ok(render(&AdminIndex {
        nav: ctx.nav().await?,
        contests,
    })?
    .into_response())
}

/// `GET /admin/contests/new`
pub async fn new_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let form = ContestForm {
        max_photos: "10".into(),
        // The size jurors see: a smaller original would reach them at its
        // own size, a clue to the camera (see images::pipeline::presented_size).
        min_long_edge: crate::images::pipeline::LARGE_EDGE.to_string(),
        judging_unit: "photo".into(),
        timezone: "UTC".into(),
        ..ContestForm::default()
    };
    let page = NewContestPage {
        nav: ctx.nav().await?,
        form,
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

/// `POST /admin/contests`: creates a draft.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ContestForm>,
) -> Result<Response, AppError> {
    let admin = ctx.require_admin()?;
    let now = state.now().timestamp();
    let errors = match form.parse() {
        Ok(input) => match queries::insert_contest(&state.db, &input, now).await? {
            Some(id) => {
                audit::record(
                    &state.db,
                    now,
                    Some(admin),
                    "contest.create",
                    Some(id),
                    &input.title,
                )
                .await?;
                return Ok(see(id));
            }
            None => vec![Msg::new("adm-form-slug-taken")],
        },
        Err(errors) => errors,
    };
    let page = NewContestPage {
        nav: ctx.nav().await?,
        form,
        errors: ctx.words(&errors),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// The contest's admin page, with the form as sent and its errors (422) or fresh.
pub async fn edit_response(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    form: Option<ContestForm>,
    errors: Vec<Msg>,
) -> Result<Response, AppError> {
    let form = match form {
        Some(form) => form,
        None => ContestForm::from_contest(
            &contest,
            &queries::countries_of(&state.db, contest.id).await?,
        ),
    };
    let categories = structure::categories_of(&state.db, contest.id).await?;
    let criteria = structure::criteria_of(&state.db, contest.id).await?;
    let glance = crate::contests::plots::glance(&state.db, contest.id).await?;
    let open_round = match crate::contests::rounds::list(&state.db, contest.id)
        .await?
        .into_iter()
        // The criteria round's row (with a ranking round after it) is
        // judged on the jury page: its close is the next step only once
        // every entry is scored.
        .find(|r| {
            r.opened_at.is_some()
                && r.closed_at.is_none()
                && (r.kind != crate::contests::rounds::Kind::Criteria
                    || glance.done_percent() >= 100)
        }) {
        Some(round) if contest.phase == crate::contests::model::Phase::Judging => {
            Some(round.position)
        }
        _ => None,
    };
    let next = next_step(&Facts {
        open_round,
        contest_id: contest.id,
        slug: &contest.slug,
        phase: contest.phase,
        past_deadline: state.now().timestamp() >= contest.closes_at,
        categories: categories.len(),
        criteria: criteria.len(),
        glance: &glance,
    });
    let page = EditContestPage {
        nav: ctx.nav().await?,
        deadline: describe_time(contest.closes_at, contest.tz, ctx.lang),
        categories,
        criteria,
        next_phases: contest.phase.next_phases().to_vec(),
        glance,
        next,
        contest,
        form,
        errors: ctx.words(&errors),
    };
    render_form(&page, !page.errors.is_empty())
}

/// `GET /admin/contests/{id}`
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    edit_response(&state, &ctx, contest, None, Vec::new()).await
}

/// `POST /admin/contests/{id}`: saves the contest's fields.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ContestForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let countries = queries::countries_of(&state.db, id).await?;
    let now = state.now().timestamp();
    let errors = match form.parse() {
        Ok(input) => match check_edit_allowed(&contest, &countries, &input) {
            Ok(()) => {
                if queries::update_contest(&state.db, id, &input, now).await? {
                    audit::record(
                        &state.db,
                        now,
                        Some(&admin),
                        "contest.update",
                        Some(id),
                        &input.title,
                    )
                    .await?;
                    return Ok(see(id));
                }
                vec![Msg::new("adm-form-slug-taken")]
            }
            Err(errors) => errors,
        },
        Err(errors) => errors,
    };
    edit_response(&state, &ctx, contest, Some(form), errors).await
}

/// Query of the audit page.
#[derive(Deserialize)]
pub struct AuditQuery {
    contest: Option<i64>,
}

/// `GET /admin/audit`: read-only; no route edits or deletes a row.
pub async fn audit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let rows = audit::recent(&state.db, q.contest, 500)
        .await?
        .into_iter()
        .map(|row| {
            let at = chrono::DateTime::from_timestamp(row.at, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default();
            (row, at)
        })
        .collect();
    Ok(render(&AuditPage {
        nav: ctx.nav().await?,
        rows,
    })?
    .into_response())
}
