//! Closing the open round, in one transaction under the contest's row lock
//! (the lock votes take): the round's snapshot is gathered from its ballots
//! with the rule chosen per category, stored with its SHA-256, the entries
//! it advances move on, and the next round opens with its ballots, or the
//! criteria round with its assignments after the last.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::contests::admin::admin_contest;
use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, MAX_RANKED, Round};
use crate::contests::structure;
use crate::db::Db;
use crate::jury::judging;
use crate::results::tally::Rule;
use crate::results::{finalize, round_gather, round_snapshot};
use crate::web::Ctx;
use crate::web::user::User;
use crate::workflow::rounds::page::page;
use crate::workflow::rounds::preview::rules_of;
use crate::workflow::rounds::{RoundRefusal, closable, missing};
use crate::{audit, error::AppError, state::AppState};

/// `POST /admin/contests/{id}/rounds/close`: closes the open round with the
/// rules of the form (`rule_{category}` or `top_{category}`), refusing when
/// votes are missing unless `force=1` comes with a `reason`.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields: HashMap<String, String> = fields.into_iter().collect();
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let db = &state.db;
    let refuse = |r: RoundRefusal| vec![r.msg()];
    let all = rounds::list(db, id).await?;
    let asked = fields.get("round").and_then(|p| p.parse::<i64>().ok());
    let open = closable(&all);
    let Some(round) = open.filter(|r| contest.phase == Phase::Judging && Some(r.position) == asked)
    else {
        return page(
            &state,
            &ctx,
            contest,
            &fields,
            refuse(RoundRefusal::NoRoundOpen),
        )
        .await;
    };
    let categories = structure::categories_of(db, id).await?;
    let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let rules = rules_of(&fields, &ids);
    let in_round = crate::jury::plan_rows::entries_in_round(
        &mut *db.pool.acquire().await?,
        id,
        round.position,
    )
    .await?;
    if in_round.iter().any(|e| !rules.contains_key(&e.category_id)) {
        return page(
            &state,
            &ctx,
            contest,
            &fields,
            refuse(RoundRefusal::RuleNeeded),
        )
        .await;
    }
    if round.kind == Kind::Criteria
        && rules
            .values()
            .any(|r| !matches!(r, Rule::Top(n) if (1..=MAX_RANKED).contains(n)))
    {
        let refusal = refuse(RoundRefusal::FinalistsLimit);
        return page(&state, &ctx, contest, &fields, refusal).await;
    }
    let work = match round.kind {
        Kind::Criteria => finalize::missing_work(db, id).await?,
        _ => missing(db, round.id).await?,
    };
    let reason = fields.get("reason").map(|r| r.trim()).unwrap_or_default();
    if !work.is_empty() {
        let force = fields.get("force").is_some_and(|f| f == "1");
        if !force {
            let open = work.iter().map(|m| m.1).sum();
            let who: Vec<String> = work.iter().map(|(e, n)| format!("{e} ({n})")).collect();
            let jurors = who.join(", ");
            let refusal = RoundRefusal::WorkMissing { open, jurors };
            return page(&state, &ctx, contest, &fields, refuse(refusal)).await;
        }
        if reason.is_empty() || reason.chars().count() > 1000 {
            return page(
                &state,
                &ctx,
                contest,
                &fields,
                refuse(RoundRefusal::ReasonNeeded),
            )
            .await;
        }
    }
    let reason = if work.is_empty() { "" } else { reason };
    let now = state.now().timestamp();
    let closed = close_round(db, &admin, &contest, &all, &round, &rules, reason, now).await?;
    let Some((_, advanced)) = closed else {
        let refusal = refuse(RoundRefusal::FinalistsLimit);
        return page(&state, &ctx, contest, &fields, refusal).await;
    };
    let message = crate::i18n::Msg::new("round-closed")
        .arg("round", round.position)
        .arg("advanced", advanced);
    ctx.flash_msg(&message).await?;
    Ok(Redirect::to(&format!("/admin/contests/{id}/rounds")).into_response())
}

/// Closes `round` (open, of `contest`, one of `all`) with `rules`: stores
/// its snapshot, moves the entries it advances on and opens what follows,
/// in one transaction under the contest's row lock (the lock votes take: a
/// vote in flight lands before the snapshot reads the ballots, a later one
/// finds the round closed). Returns the round's hash and how many advanced;
/// `None` (nothing changed) when a criteria round would send more than a
/// ranking round takes. The caller has checked the rules and the votes
/// missing.
#[allow(clippy::too_many_arguments)]
pub async fn close_round(
    db: &Db,
    admin: &User,
    contest: &Contest,
    all: &[Round],
    round: &Round,
    rules: &HashMap<i64, Rule>,
    reason: &str,
    now: i64,
) -> Result<Option<(String, usize)>, AppError> {
    let id = contest.id;
    let categories = structure::categories_of(db, id).await?;
    let mut tx = db.pool.begin().await?;
    if !crate::jury::access::lock_while_judging(&mut tx, id).await?
        || !rounds::is_open(&mut tx, round.id).await?
    {
        return Err(AppError::Conflict(crate::i18n::Msg::new("round-none-open")));
    }
    // The criteria round's row opens only now: it has no ballots of its own.
    rounds::open(&mut tx, round.id, now).await?;
    let snapshot =
        round_gather::gather(&mut tx, id, &contest.slug, round, rules, now, reason).await?;
    if round.kind == Kind::Criteria
        && snapshot
            .categories
            .iter()
            .any(|c| c.entries.iter().filter(|e| e.advanced).count() > MAX_RANKED)
    {
        return Ok(None);
    }
    let (json, hash) = round_snapshot::seal(&snapshot).map_err(|e| AppError::Internal(e.into()))?;
    round_snapshot::store(&mut tx, id, round.id, &json, &hash, now, reason).await?;
    let advanced: Vec<i64> = snapshot
        .categories
        .iter()
        .flat_map(|c| c.entries.iter().filter(|e| e.advanced).map(|e| e.number))
        .collect();
    advance(&mut tx, id, round.position + 1, &advanced).await?;
    rounds::close(&mut tx, round.id, now).await?;
    if let Some(next) = next_round(all, round) {
        rounds::open(&mut tx, next.id, now).await?;
    }
    // Plans the next round's ballots, or the criteria round's assignments.
    judging::rebalance(&mut tx, id, contest.jury_quorum, now).await?;
    let detail = format!(
        "round {} closed{}: {} entries advance ({}), round sha256 {hash}",
        round.position,
        if reason.is_empty() {
            String::new()
        } else {
            format!(" with votes missing ({reason})")
        },
        advanced.len(),
        describe_rules(&categories, rules),
    );
    audit::record_with(&mut tx, now, Some(admin), "round.close", Some(id), &detail).await?;
    tx.commit().await?;
    if let Err(err) = db.refresh_statistics().await {
        tracing::warn!(error = %err, "refreshing the planner's statistics failed");
    }
    Ok(Some((hash, advanced.len())))
}

/// The round after `round`, if there is one.
fn next_round<'a>(all: &'a [Round], round: &Round) -> Option<&'a Round> {
    all.iter().find(|r| r.position == round.position + 1)
}

/// "Category: rule, …" for the audit log.
fn describe_rules(categories: &[structure::Category], rules: &HashMap<i64, Rule>) -> String {
    categories
        .iter()
        .filter_map(|c| rules.get(&c.id).map(|r| format!("{}: {r}", c.name)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Moves the entries numbered `numbers` on to round `to`, 500 to a statement.
async fn advance(
    conn: &mut sqlx::AnyConnection,
    contest_id: i64,
    to: i64,
    numbers: &[i64],
) -> Result<(), sqlx::Error> {
    for chunk in numbers.chunks(500) {
        let list = (0..chunk.len())
            .map(|i| format!("${}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql =
            format!("UPDATE entries SET reached = $1 WHERE contest_id = $2 AND number IN ({list})");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to)
            .bind(contest_id);
        for n in chunk {
            query = query.bind(*n);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
