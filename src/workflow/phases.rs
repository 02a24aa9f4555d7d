//! Phase changes: checked against the state machine and the clock, then
//! carried out in one transaction with what each phase needs. Starting
//! judging freezes the entries, makes the public commitment and the
//! assignments; finalizing locks the scores and stores the results snapshot;
//! announcing needs saved awards.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::audit;
use crate::contests::admin::{admin_contest, edit_response, see};
use crate::contests::model::{Phase, TransitionFacts, check_transition};
use crate::contests::queries::{self, Contest};
use crate::contests::structure;
use crate::i18n::Msg;
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// Starts judging inside the transaction that moves the contest into it:
/// the entries freeze, the commitment to who made them is made (see
/// `results::commitment`), and the first round's work exists, all at the
/// same instant. Returns the number of entries.
pub async fn start_judging(
    conn: &mut AnyConnection,
    contest: &Contest,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let frozen = crate::jury::judging::freeze_entries(conn, contest).await?;
    crate::results::commitment::commit(conn, contest.id, now).await?;
    // The first round opens with judging (the criteria round when there
    // are no shortlisting rounds); rebalancing plans its work.
    if let Some(first) = crate::contests::rounds::rounds_of(conn, contest.id)
        .await?
        .first()
    {
        crate::contests::rounds::open(conn, first.id, now).await?;
    }
    crate::jury::judging::rebalance(conn, contest.id, contest.jury_quorum, now).await?;
    Ok(frozen)
}

/// Fields of the phase form (finalizing may carry an override and its reason).
#[derive(Deserialize)]
pub struct PhaseForm {
    to: String,
    #[serde(default)]
    force: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/contests/{id}/phase`: checked against the state machine and the clock.
pub async fn change_phase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<PhaseForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let now = state.now().timestamp();
    let facts = TransitionFacts {
        now,
        closes_at: contest.closes_at,
        categories: structure::categories_of(&state.db, id).await?.len() as i64,
        criteria: structure::criteria_of(&state.db, id).await?.len() as i64,
    };
    let checked = form
        .to
        .parse::<Phase>()
        .map_err(|_| Msg::new("phase-unknown"))
        .and_then(|to| check_transition(contest.phase, to, facts).map(|()| to));
    let to = match checked {
        Ok(to) => to,
        Err(message) => return edit_response(&state, &ctx, contest, None, vec![message]).await,
    };
    if to == Phase::Finalized {
        let admin = admin.clone();
        let force = form.force == "1";
        return match crate::results::finalize::finalize(
            &state.db,
            now,
            &admin,
            &contest,
            force,
            &form.reason,
        )
        .await?
        {
            Ok(_) => {
                ctx.flash_msg(&Msg::new("adm-finalized")).await?;
                Ok(Redirect::to(&format!("/admin/contests/{id}/results")).into_response())
            }
            Err(refusal) => edit_response(&state, &ctx, contest, None, vec![refusal.msg()]).await,
        };
    }
    if to == Phase::Announced
        && crate::results::awards::saved(&state.db, id)
            .await?
            .is_empty()
    {
        let message = Msg::new("adm-awards-first");
        return edit_response(&state, &ctx, contest, None, vec![message]).await;
    }
    let mut tx = state.db.pool.begin().await?;
    if !queries::set_phase(&mut *tx, id, contest.phase, to, now).await? {
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "error-phase-changed",
        )));
    }
    let mut detail = format!("{} → {}", contest.phase, to);
    if to == Phase::Judging {
        // Same transaction: the entries freeze and the assignments exist
        // the moment the contest is judging.
        let frozen = start_judging(&mut tx, &contest, now).await?;
        detail.push_str(&format!(", {frozen} entries"));
    }
    audit::record_with(
        &mut tx,
        now,
        Some(&admin),
        "contest.phase",
        Some(id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    if to == Phase::Judging
        && let Err(err) = state.db.refresh_statistics().await
    {
        // The phase has changed; slower plans until autovacuum (PostgreSQL)
        // or the next start are all a failure here costs.
        tracing::warn!(error = %err, "refreshing the planner's statistics failed");
    }
    ctx.flash_msg(
        &Msg::new("phase-done")
            .arg("phase", to.as_str())
            .arg("name", to.name()),
    )
    .await?;
    Ok(see(id))
}
