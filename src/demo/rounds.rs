//! The demo's judging: a yes/no shortlist first (two jurors per entry;
//! juror 1 never votes, as they never score), closed with "at least one
//! yes in two" and the reason for the missing votes, then the criteria
//! round on what it advanced. A bulk demo (`--entries`) judges every entry
//! in the criteria round, as the scale figures measure it, unless it is
//! asked to stop in the shortlist.

use std::collections::HashMap;

use crate::accounts::queries::User;
use crate::contests::queries as contests;
use crate::contests::rounds::{self, Kind, Stage};
use crate::contests::structure;
use crate::db::Db;
use crate::demo::{DemoPhase, entries, finish};
use crate::results::tally::Rule;

/// Whether the demo has its shortlisting round.
pub fn shortlists(phase: DemoPhase, bulk: bool) -> bool {
    !bulk || phase == DemoPhase::Shortlist
}

/// Adds the shortlisting round (before judging), due three days after `at`.
pub async fn set_up(db: &Db, contest_id: i64, at: i64) -> anyhow::Result<()> {
    rounds::add(db, contest_id, Kind::YesNo, 2, Some(at + 3 * 86_400)).await?;
    Ok(())
}

/// Starts judging and takes it as far as `phase`: votes in the shortlist,
/// its close, and some scores of the criteria round.
pub async fn judge(
    db: &Db,
    contest_id: i64,
    admin: &User,
    phase: DemoPhase,
    at: i64,
) -> anyhow::Result<()> {
    use crate::contests::model::Phase;
    let contest = finish::demo_contest(db, contest_id).await?;
    let mut tx = db.pool.begin().await?;
    contests::set_phase(&mut *tx, contest_id, Phase::Closed, Phase::Judging, at).await?;
    crate::workflow::phases::start_judging(&mut tx, &contest, at).await?;
    let all = rounds::rounds_of(&mut tx, contest_id).await?;
    if let Stage::Shortlist(round) = rounds::stage_of(&all) {
        // About a third yes, the same on every run; juror 1 (the first
        // juror row) never votes.
        sqlx::query(
            "UPDATE ballots SET vote = CASE WHEN (entry_id * 7 + juror_id) % 3 = 0 THEN 1 ELSE 0 END, \
             cast_at = $2 WHERE round_id = $1 \
             AND juror_id <> (SELECT MIN(id) FROM jurors WHERE contest_id = $3)",
        )
        .bind(round.id)
        .bind(at)
        .bind(contest_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if phase >= DemoPhase::Judging {
            let categories = structure::categories_of(db, contest_id).await?;
            let rules: HashMap<i64, Rule> = categories
                .iter()
                .map(|c| (c.id, Rule::AtLeast(0.5)))
                .collect();
            let reason = "Juror 1 did not vote (the demo's juror who never finishes).";
            crate::workflow::rounds::close::close_round(
                db, admin, &contest, &all, &round, &rules, reason, at,
            )
            .await
            .map_err(|e| anyhow::anyhow!("closing the demo's shortlist: {e}"))?;
        }
    } else {
        tx.commit().await?;
    }
    if phase >= DemoPhase::Judging {
        let criteria = structure::criteria_of(db, contest_id).await?;
        entries::some_scores(db, contest_id, &criteria, at, phase > DemoPhase::Judging).await?;
    }
    db.refresh_statistics().await?;
    Ok(())
}
