//! The admin's rounds page: the rounds set up before judging (added after
//! the last, removed from the end), and while one is open its progress per
//! juror, its quorum, and the close preview: per category, how many entries
//! each threshold or a top N lets through.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::admin::admin_contest;
use crate::contests::model::{Phase, parse_local_time};
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, Round, Stage};
use crate::contests::structure;
use crate::jury::ballots;
use crate::results::finalize;
use crate::web::{Ctx, Nav, render_form};
use crate::workflow::rounds::preview::{
    CategoryPreview, RoundRow, finalists_preview, rows, shortlist_preview,
};
use crate::workflow::rounds::{RoundRefusal, closable};
use crate::{audit, error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "admin/rounds.html")]
struct RoundsPage {
    nav: Nav,
    contest: Contest,
    rows: Vec<RoundRow>,
    /// The round that can be closed now: an open shortlisting round, or
    /// the criteria round when a ranking round follows it.
    open: Option<Round>,
    /// The ranking round, while it is open (its close is the finalization).
    ranking: Option<Round>,
    /// Whether the contest has a ranking round at all.
    has_ranking: bool,
    editable: bool,
    missing: Vec<(String, i64)>,
    preview: Vec<CategoryPreview>,
    /// Whether every category has a rule (the close button shows then).
    complete: bool,
    errors: Vec<String>,
    reason: String,
}

/// Draws the page, with the preview of `fields` (the rules asked for).
pub async fn page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    fields: &HashMap<String, String>,
    errors: Vec<crate::i18n::Msg>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let all = rounds::list(db, contest.id).await?;
    let judging = contest.phase == Phase::Judging;
    let open = closable(&all).filter(|_| judging);
    let ranking = match rounds::stage_of(&all) {
        Stage::Ranking(round) if judging && round.closed_at.is_none() => Some(round),
        _ => None,
    };
    let categories = structure::categories_of(db, contest.id).await?;
    let mut preview = Vec::new();
    let mut missing = Vec::new();
    if let Some(round) = &ranking {
        missing = super::missing(db, round.id).await?;
    }
    if open.as_ref().is_some_and(|r| r.kind == Kind::Criteria) {
        missing = finalize::missing_work(db, contest.id).await?;
        preview = finalists_preview(state, contest.id, &categories, fields).await?;
    } else if let Some(round) = &open {
        missing = super::missing(db, round.id).await?;
        preview = shortlist_preview(state, contest.id, &categories, fields, round).await?;
    }
    let complete = preview
        .iter()
        .all(|p| p.advancing.is_some() || p.entries == 0);
    let view = RoundsPage {
        nav: ctx.nav().await?,
        rows: rows(&contest, &all, ctx.lang),
        has_ranking: rounds::ranking_of(&all).is_some(),
        ranking,
        editable: contest.phase < Phase::Judging,
        reason: fields.get("reason").cloned().unwrap_or_default(),
        contest,
        open,
        missing,
        preview,
        complete,
        errors: ctx.words(&errors),
    };
    render_form(&view, !errors.is_empty())
}

/// `GET /admin/contests/{id}/rounds`, with the rules to preview in the query.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(fields): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    page(&state, &ctx, contest, &fields, Vec::new()).await
}

/// The form adding a round.
#[derive(Deserialize)]
pub struct AddForm {
    kind: String,
    #[serde(default)]
    quorum: String,
    #[serde(default)]
    deadline: String,
}

fn see(id: i64) -> Response {
    Redirect::to(&format!("/admin/contests/{id}/rounds")).into_response()
}

/// `POST /admin/contests/{id}/rounds`: adds a round after the last.
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AddForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let refuse = |r: RoundRefusal| vec![r.msg()];
    if contest.phase >= Phase::Judging {
        let empty = HashMap::new();
        return page(
            &state,
            &ctx,
            contest,
            &empty,
            refuse(RoundRefusal::JudgingStarted),
        )
        .await;
    }
    let kind = form.kind.parse::<Kind>().ok();
    let quorum = match form.quorum.trim() {
        "" => Some(0),
        q => q.parse::<i64>().ok().filter(|q| (0..=50).contains(q)),
    };
    let deadline = match form.deadline.trim() {
        "" => Ok(None),
        raw => parse_local_time(raw, contest.tz, "deadline").map(|t| Some(t.timestamp())),
    };
    let (Some(kind), Some(quorum), Ok(deadline)) = (kind, quorum, deadline) else {
        let empty = HashMap::new();
        return page(
            &state,
            &ctx,
            contest,
            &empty,
            refuse(RoundRefusal::BadRound),
        )
        .await;
    };
    match kind {
        Kind::Ranking => {
            if !rounds::add_ranking(&state.db, id, deadline).await? {
                let empty = HashMap::new();
                let errors = refuse(RoundRefusal::OneRanking);
                return page(&state, &ctx, contest, &empty, errors).await;
            }
        }
        Kind::Criteria => {
            let empty = HashMap::new();
            let errors = refuse(RoundRefusal::BadRound);
            return page(&state, &ctx, contest, &empty, errors).await;
        }
        _ => rounds::add(&state.db, id, kind, quorum, deadline).await?,
    }
    let detail = format!("added a {} round, quorum {quorum}", kind.as_str());
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "round.add",
        Some(id),
        &detail,
    )
    .await?;
    Ok(see(id))
}

/// `POST /admin/contests/{id}/rounds/remove`: removes the last round.
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    if contest.phase >= Phase::Judging {
        let empty = HashMap::new();
        let errors = vec![RoundRefusal::JudgingStarted.msg()];
        return page(&state, &ctx, contest, &empty, errors).await;
    }
    if rounds::remove_last(&state.db, id).await? {
        let now = state.now().timestamp();
        audit::record(
            &state.db,
            now,
            Some(&admin),
            "round.remove",
            Some(id),
            "removed the last round",
        )
        .await?;
    }
    Ok(see(id))
}

/// The quorum form.
#[derive(Deserialize)]
pub struct QuorumForm {
    quorum: String,
}

/// `POST /admin/contests/{id}/rounds/quorum`: changes the open round's
/// quorum; its ballots are planned again at once (votes cast stay).
pub async fn set_quorum(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<QuorumForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let empty = HashMap::new();
    let Some(quorum) = form
        .quorum
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|q| (0..=50).contains(q))
    else {
        let errors = vec![RoundRefusal::BadRound.msg()];
        return page(&state, &ctx, contest, &empty, errors).await;
    };
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    let open = match rounds::stage(&mut tx, id).await? {
        Stage::Shortlist(round) if round.opened_at.is_some() => Some(round),
        _ => None,
    };
    let Some(mut round) = open.filter(|_| contest.phase == Phase::Judging) else {
        drop(tx);
        let errors = vec![RoundRefusal::NoRoundOpen.msg()];
        return page(&state, &ctx, contest, &empty, errors).await;
    };
    if !crate::jury::access::lock_while_judging(&mut tx, id).await? {
        return Err(AppError::Conflict(crate::i18n::Msg::new("round-none-open")));
    }
    rounds::set_quorum(&mut tx, round.id, quorum).await?;
    round.quorum = quorum;
    ballots::rebalance(&mut tx, id, &round, now).await?;
    let detail = format!("round {}: quorum {quorum}", round.position);
    audit::record_with(
        &mut tx,
        now,
        Some(&admin),
        "round.quorum",
        Some(id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(see(id))
}
