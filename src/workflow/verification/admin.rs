//! The admin's side of finalist verification: ask for the camera originals
//! of chosen entries (by number, or the top of each category) with a
//! deadline, compare each received file's EXIF with the entry, accept it or
//! disqualify the entry with a reason, download the file (logged).

use std::collections::BTreeSet;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::admin::admin_contest;
use crate::contests::model::{Phase, parse_local_time};
use crate::contests::queries::Contest;
use crate::contests::times::describe_time;
use crate::i18n::Msg;
use crate::web::{Ctx, Nav, render_form};
use crate::workflow::verification::{self, Request, Status};
use crate::{audit, error::AppError, state::AppState};

/// Why an admin's verification action was refused; the message is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerificationRefusal {
    /// Before finalization or after the announcement.
    WrongPhase,
    /// No entry named, or none that exists.
    NoEntries,
    /// A number that is no entry of this contest.
    UnknownEntry(i64),
    /// The deadline is not a future date.
    BadDeadline,
    /// Disqualifying needs a reason.
    NoReason,
    /// Accepting needs a file.
    NothingToAccept,
    /// Already decided.
    Decided,
}

crate::i18n::localized_error!(VerificationRefusal);

impl VerificationRefusal {
    /// What the admin is told.
    pub fn msg(&self) -> Msg {
        match self {
            Self::WrongPhase => Msg::new("verification-wrong-phase"),
            Self::NoEntries => Msg::new("verification-no-entries"),
            Self::UnknownEntry(n) => Msg::new("verification-unknown-entry").arg("number", *n),
            Self::BadDeadline => Msg::new("verification-bad-deadline"),
            Self::NoReason => Msg::new("adm-reason-needed"),
            Self::NothingToAccept => Msg::new("verification-nothing-to-accept"),
            Self::Decided => Msg::new("verification-decided"),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/verification.html")]
struct VerificationPage {
    nav: Nav,
    contest: Contest,
    requests: Vec<Request>,
    errors: Vec<String>,
    open: bool,
    now: i64,
}

impl VerificationPage {
    fn due(&self, at: &i64) -> String {
        describe_time(*at, self.contest.tz, self.nav.lang)
    }

    fn overdue(&self, request: &Request) -> bool {
        request.status == Status::Requested && request.due_at < self.now
    }
}

/// Asking and deciding happen between finalization and the announcement.
fn open(contest: &Contest) -> bool {
    matches!(contest.phase, Phase::Finalized | Phase::Revealed)
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    errors: Vec<Msg>,
) -> Result<Response, AppError> {
    let requests = verification::of_contest(&state.db, contest.id).await?;
    let page = VerificationPage {
        nav: ctx.nav().await?,
        open: open(&contest),
        now: state.now().timestamp(),
        contest,
        requests,
        errors: ctx.words(&errors),
    };
    render_form(&page, !page.errors.is_empty())
}

/// `GET /admin/contests/{id}/verification`
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    page(&state, &ctx, contest, Vec::new()).await
}

/// The request form.
#[derive(Deserialize)]
pub struct RequestForm {
    /// Entry numbers, separated by spaces, commas or lines.
    #[serde(default)]
    entries: String,
    /// Or: the entries ranked this high or better in each category.
    #[serde(default)]
    top: String,
    /// `datetime-local`, in the contest's time zone.
    due: String,
}

/// The entry numbers a form names, checked against the finalized results.
async fn chosen(
    state: &AppState,
    contest: &Contest,
    form: &RequestForm,
) -> Result<Result<BTreeSet<i64>, VerificationRefusal>, AppError> {
    let mut numbers = BTreeSet::new();
    for raw in form
        .entries
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
    {
        match raw.parse::<i64>() {
            Ok(n) => numbers.insert(n),
            Err(_) => return Ok(Err(VerificationRefusal::NoEntries)),
        };
    }
    let top = form.top.trim().parse::<usize>().unwrap_or(0).min(1000);
    if top > 0
        && let Some((snapshot, _)) = crate::results::admin::stored(state, contest.id).await?
    {
        for category in &snapshot.categories {
            numbers.extend(
                category
                    .entries
                    .iter()
                    .filter(|e| e.rank <= top && e.jurors > 0)
                    .map(|e| e.number),
            );
        }
    }
    if numbers.is_empty() {
        return Ok(Err(VerificationRefusal::NoEntries));
    }
    Ok(Ok(numbers))
}

/// `POST /admin/contests/{id}/verification`: asks the authors of the chosen
/// entries for every photo's camera original, and emails them.
pub async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RequestForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let now = state.now().timestamp();
    let refuse = |r: VerificationRefusal| vec![r.msg()];
    if !open(&contest) {
        return page(
            &state,
            &ctx,
            contest,
            refuse(VerificationRefusal::WrongPhase),
        )
        .await;
    }
    let due = match parse_local_time(&form.due, contest.tz, "due") {
        Ok(due) if due.timestamp() > now => due.timestamp(),
        _ => {
            return page(
                &state,
                &ctx,
                contest,
                refuse(VerificationRefusal::BadDeadline),
            )
            .await;
        }
    };
    let numbers = match chosen(&state, &contest, &form).await? {
        Ok(numbers) => numbers,
        Err(r) => return page(&state, &ctx, contest, refuse(r)).await,
    };
    let mut photos = Vec::new();
    for number in &numbers {
        let of_entry = verification::photos_of_entry(&state.db, id, *number).await?;
        if of_entry.is_empty() {
            let refusal = VerificationRefusal::UnknownEntry(*number);
            return page(&state, &ctx, contest, refuse(refusal)).await;
        }
        photos.extend(of_entry.into_iter().map(|photo| (*number, photo)));
    }
    let emails = verification::insert_requests(&state.db, id, &photos, due, now).await?;
    let link = format!("{}/account", state.config.public_url);
    for (email, lang) in &emails {
        let text = crate::mail::camera_original_text(
            *lang,
            &contest.title,
            &describe_time(due, contest.tz, *lang),
            &link,
        );
        crate::accounts::email::send_later(&state, email, text);
    }
    let listed: Vec<String> = numbers.iter().map(i64::to_string).collect();
    let detail = format!(
        "entries {}; due {}",
        listed.join(", "),
        describe_time(due, contest.tz, crate::i18n::Lang::En)
    );
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "verification.request",
        Some(id),
        &detail,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/contests/{id}/verification")).into_response())
}

/// The decision form.
#[derive(Deserialize)]
pub struct DecisionForm {
    /// `accept` or `disqualify`.
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/contests/{id}/verification/{vid}/decision`
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, vid)): Path<(i64, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let (request, contest_id, _) = verification::by_id(&state.db, vid)
        .await?
        .filter(|(_, contest_id, _)| *contest_id == id)
        .ok_or(AppError::NotFound)?;
    let reason = form.reason.trim();
    let accept = match form.decision.as_str() {
        "accept" => true,
        "disqualify" => false,
        _ => return Err(AppError::BadRequest(Msg::new("error-unknown-choice"))),
    };
    let refusal = if !open(&contest) {
        Some(VerificationRefusal::WrongPhase)
    } else if request.status.decided() {
        Some(VerificationRefusal::Decided)
    } else if accept && request.file.is_none() {
        Some(VerificationRefusal::NothingToAccept)
    } else if (!accept && reason.is_empty()) || reason.chars().count() > 1000 {
        Some(VerificationRefusal::NoReason)
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return page(&state, &ctx, contest, vec![refusal.msg()]).await;
    }
    let now = state.now().timestamp();
    verification::decide(&state.db, vid, accept, reason, now).await?;
    let detail = format!(
        "entry {}, photo {}: {}{}",
        request.entry_number,
        request.photo_id,
        if accept { "accepted" } else { "disqualified" },
        if reason.is_empty() {
            String::new()
        } else {
            format!(": {reason}")
        }
    );
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "verification.decide",
        Some(contest_id),
        &detail,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/contests/{id}/verification#v{vid}")).into_response())
}

/// `GET /admin/contests/{id}/verification/{vid}/file`: the received camera
/// original, for admins, logged.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, vid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (admin, _) = admin_contest(&state, &ctx, id).await?;
    let (request, _, _) = verification::by_id(&state.db, vid)
        .await?
        .filter(|(_, contest_id, _)| *contest_id == id)
        .ok_or(AppError::NotFound)?;
    let (sha, _, _) = request.file.clone().ok_or(AppError::NotFound)?;
    // Streamed from the store: a RAW file can be hundreds of megabytes.
    let body = state.files.body(&sha).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::InvalidInput => AppError::NotFound,
        _ => crate::error::storage_error(e, "reading a camera original"),
    })?;
    let detail = format!(
        "entry {}, photo {}, sha256 {sha}",
        request.entry_number, request.photo_id
    );
    let now = state.now().timestamp();
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "verification.download",
        Some(id),
        &detail,
    )
    .await?;
    let name = format!("{}-camera-original", request.entry_number);
    let mut response = crate::web::download::attachment("application/octet-stream", name, body);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
