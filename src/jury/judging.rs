//! Opening judging (freezing the entries) and keeping the assignments in line
//! with the jury: every change runs the planner of `assign` and applies its
//! plan inside the caller's transaction, under the contest's row lock.

use sqlx::AnyConnection;

use crate::contests::model::JudgingUnit;
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Stage};
use crate::jury::assign::{self, Existing};
use crate::jury::ballots;
use crate::jury::plan_rows::{active_jurors, delete_pairs, entries_in_round, sort_keys};

/// Freezes the entries (eligible portfolios with photos, one entry per photo
/// or per portfolio). Runs in the transaction that moves the contest into
/// judging (see `workflow::phases::start_judging`). Returns their number.
pub async fn freeze_entries(
    conn: &mut AnyConnection,
    contest: &Contest,
) -> Result<u64, sqlx::Error> {
    let sql = match contest.judging_unit {
        JudgingUnit::Photo => {
            "INSERT INTO entries (contest_id, number, category_id, portfolio_id, photo_id) \
             SELECT p.contest_id, ph.number, p.category_id, p.id, ph.id FROM photos ph \
             JOIN portfolios p ON p.id = ph.portfolio_id \
             WHERE p.contest_id = $1 AND p.status = 'eligible' AND ph.number IS NOT NULL"
        }
        JudgingUnit::Portfolio => {
            "INSERT INTO entries (contest_id, number, category_id, portfolio_id, photo_id) \
             SELECT p.contest_id, p.number, p.category_id, p.id, NULL FROM portfolios p \
             WHERE p.contest_id = $1 AND p.status = 'eligible' AND p.number IS NOT NULL \
             AND EXISTS (SELECT 1 FROM photos ph WHERE ph.portfolio_id = p.id)"
        }
    };
    Ok(sqlx::query(sql)
        .bind(contest.id)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// An assignment as rebalancing sees it.
#[derive(sqlx::FromRow)]
struct AssignmentRow {
    entry_id: i64,
    juror_id: i64,
    scored_at: Option<i64>,
    recused_at: Option<i64>,
    draft_at: Option<i64>,
}

/// Brings the work of the round judging is in with the jury as it is now
/// (after an acceptance, a removal, a recusal or a new quorum): the ballots
/// of an open shortlisting or ranking round, or the criteria round's
/// assignments.
/// `quorum` is the criteria round's; a shortlisting round has its own.
/// Does nothing before judging opens, since there are no entries yet.
pub async fn rebalance(
    conn: &mut AnyConnection,
    contest_id: i64,
    quorum: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    match rounds::stage(conn, contest_id).await? {
        Stage::Shortlist(round) => ballots::rebalance(conn, contest_id, &round, now).await,
        Stage::Criteria { position } => {
            rebalance_criteria(conn, contest_id, quorum, position, now).await
        }
        // A ranking round's ballots are every juror's of the category, the
        // same planner with quorum 0; once it closed there is nothing to do.
        Stage::Ranking(round) if round.closed_at.is_none() => {
            ballots::rebalance(conn, contest_id, &round, now).await
        }
        Stage::Ranking(_) => Ok(()),
    }
}

/// The criteria round's assignments, for the entries that reached it.
async fn rebalance_criteria(
    conn: &mut AnyConnection,
    contest_id: i64,
    quorum: i64,
    position: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let entries = entries_in_round(conn, contest_id, position).await?;
    if entries.is_empty() {
        return Ok(());
    }
    let jurors = active_jurors(conn, contest_id).await?;
    let rows: Vec<AssignmentRow> = sqlx::query_as(
        "SELECT entry_id, juror_id, scored_at, recused_at, draft_at FROM assignments \
         WHERE contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let existing: Vec<Existing> = rows
        .into_iter()
        .map(|row| Existing {
            entry_id: row.entry_id,
            juror_id: row.juror_id,
            scored: row.scored_at.is_some(),
            drafted: row.draft_at.is_some(),
            recused: row.recused_at.is_some(),
        })
        .collect();
    let quorum = usize::try_from(quorum).unwrap_or(0);
    let plan = assign::plan(&entries, &jurors, &existing, quorum, &mut rand::rng());
    // Only unscored work ever moves; the condition guards against a race.
    let unbegun = "DELETE FROM assignments WHERE scored_at IS NULL AND recused_at IS NULL";
    delete_pairs(conn, unbegun, None, &plan.remove).await?;
    // Many rows to a statement: opening the criteria round on 50,000 entries
    // and five jurors writes 250,000 of them.
    let keys = sort_keys(plan.add.len());
    let rows = crate::db::rows_per_insert(conn);
    for (chunk, keys) in plan.add.chunks(rows).zip(keys.chunks(rows)) {
        let sql = format!(
            "INSERT INTO assignments (contest_id, entry_id, juror_id, sort_key, created_at) VALUES {}",
            crate::db::value_rows(chunk.len(), 5, 1)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((entry, juror), sort_key) in chunk.iter().zip(keys) {
            query = query
                .bind(contest_id)
                .bind(*entry)
                .bind(*juror)
                .bind(*sort_key)
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
