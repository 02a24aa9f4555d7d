//! Admin screening: every portfolio with its eligibility answers and flags;
//! disqualify or requalify with a reason, redact a text for the jury (the
//! original is kept), and download an original. Every action is audit-logged.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::admin::admin_contest;
use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::contests::structure;
use crate::i18n::Msg;
use crate::submissions::likeness::{self, CameraFacts, Pair};
use crate::submissions::queries::{self, Photo, Portfolio};
use crate::submissions::screening_view::{Links, PER_PAGE, ScreeningQuery, Show, View};
use crate::web::{Ctx, Nav, render_form};
use crate::{audit, error::AppError, state::AppState};

/// One portfolio on the screening page.
pub struct Screened {
    portfolio: Portfolio,
    category: String,
    photos: Vec<Photo>,
    /// Its photos' pairs with other photos of the contest.
    pairs: Vec<Pair>,
    /// What the camera wrote about each photo.
    facts: Vec<CameraFacts>,
}

impl Screened {
    /// Whether a photo of it looks like (or shares a camera with) another
    /// participant's.
    fn paired_with_another(&self) -> bool {
        self.pairs
            .iter()
            .any(|pair| !pair.same_portfolio(self.portfolio.id))
    }

    // Askama hands the template's values over by reference.
    fn pairs_of(&self, photo_id: &i64) -> Vec<&Pair> {
        self.pairs
            .iter()
            .filter(|p| p.photo_id == *photo_id)
            .collect()
    }

    fn facts_of(&self, photo_id: &i64) -> Option<&CameraFacts> {
        self.facts.iter().find(|f| f.photo_id == *photo_id)
    }

    fn pair_label(&self, pair: &Pair) -> crate::i18n::Msg {
        pair.label(self.portfolio.id)
    }

    fn pair_within(&self, pair: &Pair) -> bool {
        pair.same_portfolio(self.portfolio.id)
    }
}

/// The flags counted over the whole contest, for the page's summary.
struct Flagged {
    between: i64,
    within: i64,
    undated: i64,
}

#[derive(Template)]
#[template(path = "admin/screening.html")]
struct ScreeningPage {
    nav: Nav,
    contest: Contest,
    entries: Vec<Screened>,
    errors: Vec<String>,
    editable: bool,
    flagged: Flagged,
    /// The filter, category and page shown.
    view: View,
    /// Whether a filter or a category narrows the list.
    filtered: bool,
    /// Portfolios matching the filter, on every page.
    total: i64,
    /// The filter bar and the pager.
    links: Links,
    /// Pages of this filter.
    pages: i64,
}

impl ScreeningPage {
    /// "from 2017-01-01 to 2017-12-31", for the undated photos' note.
    fn capture_window(&self) -> String {
        self.nav.m(crate::images::pipeline::window(
            self.contest.taken_from.as_deref(),
            self.contest.taken_until.as_deref(),
        ))
    }
}

/// Screening changes what jurors will see, so it stops when judging starts.
fn editable(contest: &Contest) -> bool {
    matches!(contest.phase, Phase::Open | Phase::Closed)
}

pub(crate) async fn page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    view: View,
    errors: Vec<Msg>,
) -> Result<Response, AppError> {
    let categories = structure::categories_of(&state.db, contest.id).await?;
    let mut entries = Vec::new();
    // One page of portfolios: three small queries each, fifty at most.
    let (portfolios, total) = view.portfolios(&state.db, contest.id).await?;
    for portfolio in portfolios {
        let category = structure::category_name(&categories, portfolio.category_id);
        let photos = queries::photos_of(&state.db, portfolio.id).await?;
        let pairs = likeness::pairs_of_portfolio(&state.db, portfolio.id).await?;
        let facts = likeness::camera_facts(&state.db, portfolio.id).await?;
        entries.push(Screened {
            portfolio,
            category,
            photos,
            pairs,
            facts,
        });
    }
    let (between, within) = likeness::counts(&state.db, contest.id).await?;
    let undated = if contest.taken_from.is_some() || contest.taken_until.is_some() {
        likeness::undated(&state.db, contest.id).await?
    } else {
        0
    };
    let flagged = Flagged {
        between,
        within,
        undated,
    };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let links = Links::of(view, contest.id, &categories, pages, ctx.lang);
    let filtered = view.show != Show::All || view.category.is_some();
    let page = ScreeningPage {
        nav: ctx.nav().await?,
        filtered,
        editable: editable(&contest),
        contest,
        entries,
        errors: ctx.words(&errors),
        flagged,
        total,
        links,
        pages,
        view,
    };
    render_form(&page, !page.errors.is_empty())
}

/// `GET /admin/contests/{id}/entries`
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ScreeningQuery>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    page(&state, &ctx, contest, View::of(&q), Vec::new()).await
}

/// Back to the screening page that lists `portfolio_id`, at its card.
pub(crate) async fn back_to(
    state: &AppState,
    contest_id: i64,
    portfolio_id: i64,
) -> Result<Response, AppError> {
    let view = View::containing(&state.db, contest_id, portfolio_id).await?;
    let href = view.href(contest_id, Show::All, None, view.page);
    Ok(Redirect::to(&format!("{href}#p{portfolio_id}")).into_response())
}

/// The disqualify / requalify form.
#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/contests/{id}/entries/{portfolio}/status`
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, portfolio_id)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let reason = form.reason.trim();
    let status = match form.status.as_str() {
        "disqualified" | "eligible" => form.status.as_str(),
        _ => return Err(AppError::BadRequest(Msg::new("error-unknown-choice"))),
    };
    let mut errors = Vec::new();
    if !editable(&contest) {
        errors.push(Msg::new("screening-frozen"));
    }
    if reason.is_empty() || reason.chars().count() > 1000 {
        errors.push(Msg::new("adm-reason-needed"));
    }
    if !errors.is_empty() {
        let view = View::containing(&state.db, contest.id, portfolio_id).await?;
        return page(&state, &ctx, contest, view, errors).await;
    }
    let done = sqlx::query(
        "UPDATE portfolios SET status = $1, status_reason = $2 WHERE id = $3 AND contest_id = $4",
    )
    .bind(status)
    .bind(reason)
    .bind(portfolio_id)
    .bind(id)
    .execute(&state.db.pool)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let detail = format!("portfolio {portfolio_id} → {status}: {reason}");
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "entry.status",
        Some(id),
        &detail,
    )
    .await?;
    back_to(&state, id, portfolio_id).await
}

/// The redaction form: which text, and the copy jurors get (empty `text` with
/// `restore` gives the participant's original back to the jury).
#[derive(Deserialize)]
pub struct RedactForm {
    field: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    restore: Option<String>,
}

/// `POST /admin/contests/{id}/entries/{portfolio}/redact`
pub async fn redact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, portfolio_id)): Path<(i64, i64)>,
    Form(form): Form<RedactForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    if !editable(&contest) {
        let view = View::containing(&state.db, contest.id, portfolio_id).await?;
        let errors = vec![Msg::new("screening-frozen")];
        return page(&state, &ctx, contest, view, errors).await;
    }
    let portfolio = queries::portfolio_of_id(&state.db, portfolio_id)
        .await?
        .filter(|p| p.contest_id == id)
        .ok_or(AppError::NotFound)?;
    let copy = if form.restore.is_some() {
        None
    } else {
        Some(form.text.trim().to_owned())
    };
    let (sql, target): (&'static str, i64) = match form.field.split_once(':') {
        None if form.field == "story" => (
            "UPDATE portfolios SET story_redacted = $1 WHERE id = $2 AND id = $3",
            portfolio.id,
        ),
        Some(("title", photo)) => (
            "UPDATE photos SET title_redacted = $1 WHERE id = $2 AND portfolio_id = $3",
            photo_id(photo)?,
        ),
        Some(("caption", photo)) => (
            "UPDATE photos SET caption_redacted = $1 WHERE id = $2 AND portfolio_id = $3",
            photo_id(photo)?,
        ),
        _ => return Err(AppError::BadRequest(Msg::new("error-unknown-choice"))),
    };
    let done = sqlx::query(sql)
        .bind(copy.clone())
        .bind(target)
        .bind(portfolio.id)
        .execute(&state.db.pool)
        .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    let what = if copy.is_some() {
        "redacted"
    } else {
        "restored"
    };
    let detail = format!("portfolio {portfolio_id}, {}: {what}", form.field);
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "entry.redact",
        Some(id),
        &detail,
    )
    .await?;
    back_to(&state, id, portfolio_id).await
}

fn photo_id(raw: &str) -> Result<i64, AppError> {
    raw.parse()
        .map_err(|_| AppError::BadRequest(Msg::new("error-unknown-choice")))
}

async fn admin_photo(state: &AppState, ctx: &Ctx, id: i64, photo: i64) -> Result<Photo, AppError> {
    ctx.require_admin()?;
    queries::photo_in_contest(&state.db, id, photo)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /admin/contests/{id}/photos/{photo}/original`: admins only, logged.
pub async fn original(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, photo_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let photo = admin_photo(&state, &ctx, id, photo_id).await?;
    let bytes = state
        .files
        .read(photo.original_sha256.clone())
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::from(e).context("reading an original")))?;
    let label = photo
        .number
        .map_or_else(|| format!("photo-{}", photo.id), |n| n.to_string());
    let kind = if bytes.starts_with(b"\x89PNG") {
        ("image/png", "png")
    } else {
        ("image/jpeg", "jpg")
    };
    let admin = ctx.require_admin()?;
    let detail = format!(
        "photo {} (entry {label}), sha256 {}",
        photo.id, photo.original_sha256
    );
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(admin),
        "photo.original_download",
        Some(id),
        &detail,
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.0.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{label}-original.{}\"", kind.1),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /admin/contests/{id}/photos/{photo}/{thumb.jpg|large.jpg}`
pub async fn derivative(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, photo_id, size)): Path<(i64, i64, String)>,
) -> Result<Response, AppError> {
    let photo = admin_photo(&state, &ctx, id, photo_id).await?;
    crate::submissions::photos::serve_derivative(&state, &photo, &size).await
}
