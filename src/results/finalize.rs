//! Finalizing: allowed when every assignment is scored or recused, or with an
//! explicit override and a reason. One transaction moves the contest out of
//! judging (from then on the database refuses score writes), computes the
//! results from what was committed, and stores the snapshot with its SHA-256.
//! With a ranking round of the finalists, its close is the finalization: the
//! same transaction stores the ranking round's snapshot and closes it.

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, set_phase};
use crate::contests::rounds::{self, Stage};
use crate::i18n::Msg;
use crate::results::{round_gather, round_snapshot, snapshot};
use crate::web::user::User;
use crate::{audit, db::Db, error::AppError};

/// Assignments still open (neither scored nor recused) and whose they are,
/// from the counters the triggers of 0013 keep (no walk of the assignments).
pub async fn missing_work(db: &Db, contest_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT j.email, CAST(SUM(p.assigned - p.scored) AS BIGINT) FROM juror_progress p \
         JOIN jurors j ON j.id = p.juror_id WHERE j.contest_id = $1 \
         GROUP BY j.email HAVING SUM(p.assigned - p.scored) > 0 ORDER BY j.email",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// Ballots of round `round_id` not cast yet, per juror's email (for the
/// admin), as the triggers count them.
pub async fn missing_votes(db: &Db, round_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT j.email, p.assigned - p.voted FROM ballot_progress p \
         JOIN jurors j ON j.id = p.juror_id \
         WHERE p.round_id = $1 AND p.voted < p.assigned ORDER BY j.email",
    )
    .bind(round_id)
    .fetch_all(&db.pool)
    .await
}

/// Why a contest cannot be finalized now (shown on the admin page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinalizeRefusal {
    /// Only a contest in judging can be finalized.
    NotJudging(Phase),
    /// Assignments are open and no override was asked for.
    WorkMissing {
        /// Open assignments in all.
        open: i64,
        /// Whose they are: "email (count), …".
        jurors: String,
    },
    /// Rankings of the ranking round are not saved, and no override was asked for.
    RankingMissing {
        /// Ballots without a place.
        open: i64,
        /// Whose they are: "email (count), …".
        jurors: String,
    },
    /// A shortlisting round is still open: the criteria round has not begun.
    RoundOpen(i64),
    /// A ranking round follows the criteria round, which is still open.
    CriteriaOpen,
    /// The override came without a reason (or with one too long).
    ReasonNeeded,
}

crate::i18n::localized_error!(FinalizeRefusal);

impl FinalizeRefusal {
    /// What the admin is told.
    pub fn msg(&self) -> Msg {
        match self {
            Self::NotJudging(phase) => Msg::new("finalize-not-judging").arg("name", phase.name()),
            Self::WorkMissing { open, jurors } => Msg::new("finalize-work-missing")
                .arg("open", *open)
                .arg("jurors", jurors.as_str()),
            Self::RankingMissing { open, jurors } => Msg::new("finalize-ranking-missing")
                .arg("open", *open)
                .arg("jurors", jurors.as_str()),
            Self::RoundOpen(round) => Msg::new("finalize-round-open").arg("round", *round),
            Self::CriteriaOpen => Msg::new("finalize-criteria-open"),
            Self::ReasonNeeded => Msg::new("finalize-reason"),
        }
    }
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
    let all = rounds::list(db, contest.id).await?;
    let ranking = match rounds::stage_of(&all) {
        Stage::Shortlist(round) => return Ok(Err(FinalizeRefusal::RoundOpen(round.position))),
        Stage::Criteria { .. } if rounds::ranking_of(&all).is_some() => {
            return Ok(Err(FinalizeRefusal::CriteriaOpen));
        }
        Stage::Criteria { .. } => None,
        Stage::Ranking(round) => Some(round),
    };
    let missing = match &ranking {
        Some(round) => missing_votes(db, round.id).await?,
        None => missing_work(db, contest.id).await?,
    };
    if !missing.is_empty() {
        let open: i64 = missing.iter().map(|m| m.1).sum();
        let who: Vec<String> = missing.iter().map(|(e, n)| format!("{e} ({n})")).collect();
        if !force {
            let jurors = who.join(", ");
            return Ok(Err(match ranking {
                Some(_) => FinalizeRefusal::RankingMissing { open, jurors },
                None => FinalizeRefusal::WorkMissing { open, jurors },
            }));
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
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "error-phase-changed",
        )));
    }
    let mut closed_round = String::new();
    if let Some(round) = ranking.filter(|r| r.closed_at.is_none()) {
        rounds::close(&mut tx, round.id, now).await?;
        let none = std::collections::HashMap::new();
        let closed = round_gather::gather(
            &mut tx,
            contest.id,
            &contest.slug,
            &round,
            &none,
            now,
            reason,
        )
        .await?;
        let (json, hash) =
            round_snapshot::seal(&closed).map_err(|e| AppError::Internal(e.into()))?;
        round_snapshot::store(&mut tx, contest.id, round.id, &json, &hash, now, reason).await?;
        closed_round = format!(", ranking round {} sha256 {hash}", round.position);
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
        format!("judging → finalized, results sha256 {hash}{closed_round}")
    } else {
        format!(
            "judging → finalized with work missing ({reason}), results sha256 {hash}{closed_round}"
        )
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
