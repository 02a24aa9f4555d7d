//! The demo's judging in three rounds: a yes/no shortlist (two jurors per
//! entry; juror 1 never votes, as they never score), closed with "at least
//! one yes in two" and the reason for the missing votes; the criteria round
//! on what it advanced, closed with the ten best of each category as
//! finalists; and the ranking of those ten by every juror (but juror 1).
//! A bulk demo (`--entries`) judges every entry in the criteria round, as
//! the scale figures measure it, unless it is asked to stop in the shortlist.

use std::collections::HashMap;

use crate::accounts::queries::User;
use crate::contests::queries as contests;
use crate::contests::rounds::{self, Kind, Stage};
use crate::contests::structure;
use crate::db::Db;
use crate::demo::{DemoPhase, entries, finish};
use crate::jury::ranking;
use crate::results::tally::Rule;

/// Whether the demo has its shortlisting round.
pub fn shortlists(phase: DemoPhase, bulk: bool) -> bool {
    !bulk || phase == DemoPhase::Shortlist
}

/// The finalists per category the demo's criteria round sends on.
const FINALISTS: usize = 10;

/// Adds the shortlisting round, due three days after `at`, and the ranking
/// round after the criteria round (before judging).
pub async fn set_up(db: &Db, contest_id: i64, at: i64) -> anyhow::Result<()> {
    rounds::add(db, contest_id, Kind::YesNo, 2, Some(at + 3 * 86_400)).await?;
    rounds::add_ranking(db, contest_id, Some(at + 10 * 86_400)).await?;
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
    if phase >= DemoPhase::Ranking {
        rank_finalists(db, &contest, admin, at).await?;
    }
    db.refresh_statistics().await?;
    Ok(())
}

/// Closes the criteria round with the ten best of each category (juror 1's
/// scores missing, with the reason) and has jurors 2–5 save a ranking:
/// by the entry's fixed quality, each juror's taste moving it a little.
async fn rank_finalists(
    db: &Db,
    contest: &contests::Contest,
    admin: &User,
    at: i64,
) -> anyhow::Result<()> {
    let all = rounds::list(db, contest.id).await?;
    let Some(criteria) =
        crate::workflow::rounds::closable(&all).filter(|r| r.kind == Kind::Criteria)
    else {
        return Ok(());
    };
    let categories = structure::categories_of(db, contest.id).await?;
    let rules: HashMap<i64, Rule> = categories
        .iter()
        .map(|c| (c.id, Rule::Top(FINALISTS)))
        .collect();
    let reason = "Juror 1 did not score (the demo's juror who never finishes).";
    crate::workflow::rounds::close::close_round(
        db, admin, contest, &all, &criteria, &rules, reason, at,
    )
    .await
    .map_err(|e| anyhow::anyhow!("closing the demo's criteria round: {e}"))?;
    let Stage::Ranking(round) = rounds::stage(&mut *db.pool.acquire().await?, contest.id).await?
    else {
        return Ok(());
    };
    let jurors: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM jurors WHERE contest_id = $1 ORDER BY id")
            .bind(contest.id)
            .fetch_all(&db.pool)
            .await?;
    let mut tx = db.pool.begin().await?;
    for (j, juror) in jurors.iter().enumerate().skip(1) {
        for c in &categories {
            let (mut list, _) = ranking::list(&mut tx, round.id, *juror, c.id).await?;
            list.sort_by_key(|f| {
                let quality = (f.number.get() * 7919) % 60;
                let taste = (f.number.get() * (j as i64 + 3)) % 17;
                (-(quality + taste), f.number)
            });
            ranking::save(&mut tx, round.id, *juror, &list, at).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
