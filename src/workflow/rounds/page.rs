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
use crate::contests::model::{Phase, describe_time, parse_local_time};
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, Round, Stage};
use crate::contests::structure;
use crate::jury::ballots;
use crate::results::tally::{self, Rule};
use crate::web::{Ctx, Nav, render_form};
use crate::workflow::rounds::RoundRefusal;
use crate::{audit, error::AppError, state::AppState};

/// A category in the close preview.
pub struct CategoryPreview {
    /// Its id (the form's field names use it).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Entries in the round.
    pub entries: usize,
    /// Each mean that occurs, best first, as (rule, "≥ 0.50: 12 entries").
    pub thresholds: Vec<(String, String)>,
    /// The rule asked for, as the form writes it.
    pub chosen: String,
    /// The top N typed, if any.
    pub top: String,
    /// How many entries the chosen rule advances.
    pub advancing: Option<usize>,
}

#[derive(Template)]
#[template(path = "admin/rounds.html")]
struct RoundsPage {
    nav: Nav,
    contest: Contest,
    rounds: Vec<(Round, String)>,
    /// The round open now, if judging is in a shortlisting round.
    open: Option<Round>,
    criteria_position: i64,
    editable: bool,
    missing: Vec<(String, i64)>,
    preview: Vec<CategoryPreview>,
    /// Whether every category has a rule (the close button shows then).
    complete: bool,
    errors: Vec<String>,
    reason: String,
}

/// The rules a form or query names: `top_{category}` (a number) before
/// `rule_{category}` (`min:X` or `top:N`).
pub fn rules_of(fields: &HashMap<String, String>, categories: &[i64]) -> HashMap<i64, Rule> {
    categories
        .iter()
        .filter_map(|id| {
            let top = fields.get(&format!("top_{id}")).map(|t| t.trim());
            let rule = match top.filter(|t| !t.is_empty()) {
                Some(n) => n.parse().ok().map(Rule::Top),
                None => fields.get(&format!("rule_{id}"))?.parse().ok(),
            };
            rule.map(|r| (*id, r))
        })
        .collect()
}

/// Draws the page, with the preview of `fields` (the rules asked for).
pub async fn page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    fields: &HashMap<String, String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let all = rounds::list(db, contest.id).await?;
    let open = match rounds::stage_of(&all) {
        Stage::Shortlist(round) if round.opened_at.is_some() => Some(round),
        _ => None,
    };
    let categories = structure::categories_of(db, contest.id).await?;
    let mut preview = Vec::new();
    let mut missing = Vec::new();
    if let Some(round) = &open {
        missing = super::missing(db, round.id).await?;
        let mut means: HashMap<i64, Vec<Option<f64>>> = HashMap::new();
        for (category, sum, count) in
            ballots::sums(db, contest.id, round.id, round.position).await?
        {
            let mean = (count > 0).then(|| sum as f64 / count as f64);
            means.entry(category).or_default().push(mean);
        }
        let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
        let rules = rules_of(fields, &ids);
        for c in &categories {
            let m = means.remove(&c.id).unwrap_or_default();
            let rule = rules.get(&c.id).copied();
            preview.push(CategoryPreview {
                id: c.id,
                name: c.name.clone(),
                entries: m.len(),
                thresholds: tally::thresholds(&m)
                    .into_iter()
                    .map(|(t, n)| {
                        (
                            Rule::AtLeast(t).to_string(),
                            format!("≥ {t:.2}: {n} entries"),
                        )
                    })
                    .collect(),
                chosen: rule.map(|r| r.to_string()).unwrap_or_default(),
                top: match rule {
                    Some(Rule::Top(n)) => n.to_string(),
                    _ => String::new(),
                },
                advancing: rule.map(|r| tally::advancing(&m, r).iter().filter(|a| **a).count()),
            });
        }
    }
    let complete = preview
        .iter()
        .all(|p| p.advancing.is_some() || p.entries == 0);
    let rounds = all
        .iter()
        .map(|r| {
            let deadline = r.deadline_at.map(|at| describe_time(at, contest.tz));
            (r.clone(), deadline.unwrap_or_default())
        })
        .collect();
    let view = RoundsPage {
        nav: ctx.nav().await?,
        criteria_position: all.len() as i64 + 1,
        editable: contest.phase < Phase::Judging,
        reason: fields.get("reason").cloned().unwrap_or_default(),
        contest,
        rounds,
        open,
        missing,
        preview,
        complete,
        errors: errors.clone(),
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
    let refuse = |r: RoundRefusal| vec![r.to_string()];
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
        raw => parse_local_time(raw, contest.tz, "The deadline").map(|t| Some(t.timestamp())),
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
    rounds::add(&state.db, id, kind, quorum, deadline).await?;
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
        let errors = vec![RoundRefusal::JudgingStarted.to_string()];
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
        let errors = vec![RoundRefusal::BadRound.to_string()];
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
        let errors = vec![RoundRefusal::NoRoundOpen.to_string()];
        return page(&state, &ctx, contest, &empty, errors).await;
    };
    if !crate::jury::access::lock_while_judging(&mut tx, id).await? {
        return Err(AppError::Conflict(RoundRefusal::NoRoundOpen.to_string()));
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
