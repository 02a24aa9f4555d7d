//! Opening judging (freezing the entries) and keeping the assignments in line
//! with the jury: every change runs the planner of `assign` and applies its
//! plan inside the caller's transaction, under the contest's row lock.

use std::collections::HashMap;

use rand::Rng;
use sqlx::AnyConnection;

use crate::contests::model::JudgingUnit;
use crate::contests::queries::Contest;
use crate::jury::assign::{self, Existing, PlanEntry, PlanJuror};

/// Takes the contest's row lock, but only while it is judging. Score saves,
/// recusals and jury changes all start with it, and the phase change that ends
/// judging updates the same row: whichever commits first wins, and a write
/// that waited sees the new phase and changes nothing. `false`: not judging.
pub async fn lock_while_judging(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE contests SET phase = phase WHERE id = $1 AND phase = 'judging'")
        .bind(contest_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

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

/// Brings the assignments in line with the jury as it is now (after an
/// acceptance, a removal or a recusal). Does nothing before judging opens,
/// since there are no entries yet.
pub async fn rebalance(
    conn: &mut AnyConnection,
    contest_id: i64,
    quorum: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let entries: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, category_id FROM entries WHERE contest_id = $1 ORDER BY id")
            .bind(contest_id)
            .fetch_all(&mut *conn)
            .await?;
    if entries.is_empty() {
        return Ok(());
    }
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT j.id, jc.category_id FROM jurors j JOIN juror_categories jc ON jc.juror_id = j.id \
         WHERE j.contest_id = $1 AND j.accepted_at IS NOT NULL AND j.removed_at IS NULL \
         ORDER BY j.id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut jurors: HashMap<i64, Vec<i64>> = HashMap::new();
    for (juror, category) in pairs {
        jurors.entry(juror).or_default().push(category);
    }
    let jurors: Vec<PlanJuror> = jurors
        .into_iter()
        .map(|(id, categories)| PlanJuror { id, categories })
        .collect();
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
    let entries: Vec<PlanEntry> = entries
        .into_iter()
        .map(|(id, category_id)| PlanEntry { id, category_id })
        .collect();
    let quorum = usize::try_from(quorum).unwrap_or(0);
    let plan = assign::plan(&entries, &jurors, &existing, quorum, &mut rand::rng());
    for (entry, juror) in plan.remove {
        // Only unscored work ever moves; the condition guards against a race.
        sqlx::query(
            "DELETE FROM assignments WHERE entry_id = $1 AND juror_id = $2 \
             AND scored_at IS NULL AND recused_at IS NULL",
        )
        .bind(entry)
        .bind(juror)
        .execute(&mut *conn)
        .await?;
    }
    // The juror's own order: a random key each, drawn once and kept. Rows go
    // in 400 to a statement: opening judging on 50,000 entries and five
    // jurors writes 250,000 of them.
    let keys: Vec<i64> = {
        let mut rng = rand::rng();
        plan.add
            .iter()
            .map(|_| rng.random_range(0..i64::from(i32::MAX)))
            .collect()
    };
    for (chunk, keys) in plan.add.chunks(400).zip(keys.chunks(400)) {
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
