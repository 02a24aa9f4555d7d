//! Finalizing: allowed when every assignment is scored or recused, or with an
//! explicit override and a reason. One transaction moves the contest out of
//! judging (from then on the database refuses score writes), computes the
//! results from what was committed, and stores the snapshot with its SHA-256.

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, set_phase};
use crate::contests::rounds::{self, Stage};
use crate::results::snapshot;
use crate::web::user::User;
use crate::{audit, db::Db, error::AppError};

/// Assignments still open (neither scored nor recused) and whose they are.
pub async fn missing_work(db: &Db, contest_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT j.email, COUNT(*) FROM assignments a JOIN jurors j ON j.id = a.juror_id \
         WHERE a.contest_id = $1 AND a.scored_at IS NULL AND a.recused_at IS NULL \
         GROUP BY j.email ORDER BY j.email",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// Why a contest cannot be finalized now (shown on the admin page).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeRefusal {
    /// Only a contest in judging can be finalized.
    #[error("Only a contest in judging can be finalized; this one is {0}.")]
    NotJudging(Phase),
    /// Assignments are open and no override was asked for.
    #[error(
        "{open} assignments are neither scored nor recused: {jurors}. Wait for them, or tick \
         \"finalize with work missing\" and give a reason."
    )]
    WorkMissing {
        /// Open assignments in all.
        open: i64,
        /// Whose they are: "email (count), …".
        jurors: String,
    },
    /// A shortlisting round is still open: the criteria round has not begun.
    #[error(
        "Round {0} is still open. Close it (Jury → Rounds) and score the entries it \
         advances before finalizing."
    )]
    RoundOpen(i64),
    /// The override came without a reason (or with one too long).
    #[error(
        "Finalizing with work missing needs a reason (1,000 characters at most); it is \
         published with the results."
    )]
    ReasonNeeded,
}

/// Finalizes `contest`: `Ok(Ok(hash))` with the results hash when done,
/// `Ok(Err(refusal))` when it may not be.
pub async fn finalize(
    db: &Db,
    now: i64,
    admin: &User,
    contest: &Contest,
    force: bool,
    reason: &str,
) -> Result<Result<String, FinalizeRefusal>, AppError> {
    if contest.phase != Phase::Judging {
        return Ok(Err(FinalizeRefusal::NotJudging(contest.phase)));
    }
    let reason = reason.trim();
    if let Stage::Shortlist(round) =
        rounds::stage(&mut *db.pool.acquire().await?, contest.id).await?
    {
        return Ok(Err(FinalizeRefusal::RoundOpen(round.position)));
    }
    let missing = missing_work(db, contest.id).await?;
    if !missing.is_empty() {
        let open: i64 = missing.iter().map(|m| m.1).sum();
        let who: Vec<String> = missing.iter().map(|(e, n)| format!("{e} ({n})")).collect();
        if !force {
            let jurors = who.join(", ");
            return Ok(Err(FinalizeRefusal::WorkMissing { open, jurors }));
        }
        if reason.is_empty() || reason.chars().count() > 1000 {
            return Ok(Err(FinalizeRefusal::ReasonNeeded));
        }
    }
    let reason = if missing.is_empty() { "" } else { reason };
    let mut tx = db.pool.begin().await?;
    // The same row lock score saves take: saves in flight land before this,
    // later ones find the contest finalized.
    if !set_phase(&mut *tx, contest.id, Phase::Judging, Phase::Finalized, now).await? {
        return Err(AppError::Conflict(
            "Someone else changed this contest's phase just now. Reload and try again.".into(),
        ));
    }
    snapshot::draw_aliases(&mut tx, contest.id).await?;
    let snapshot = snapshot::gather(&mut tx, contest.id, &contest.slug, now, reason).await?;
    let (json, hash) = snapshot::seal(&snapshot).map_err(|e| AppError::Internal(e.into()))?;
    sqlx::query(
        "INSERT INTO results_snapshots (contest_id, json, sha256, created_at, override_reason) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(contest.id)
    .bind(&json)
    .bind(&hash)
    .bind(now)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    let detail = if reason.is_empty() {
        format!("judging → finalized, results sha256 {hash}")
    } else {
        format!("judging → finalized with work missing ({reason}), results sha256 {hash}")
    };
    audit::record_with(
        &mut tx,
        now,
        Some(admin),
        "contest.finalize",
        Some(contest.id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(hash))
}
