//! What every plan of `assign` is applied with, in the criteria round and
//! in a shortlisting round alike: who can take work, the entries of a round,
//! new rows' random order, and the deletes of work that moves.

use std::collections::HashMap;

use rand::Rng;
use sqlx::AnyConnection;

use crate::jury::assign::{PlanEntry, PlanJuror};

/// The jurors who can take work now (accepted, not removed), with their
/// categories: what the planner of `assign` balances over, in every round.
pub async fn active_jurors(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<PlanJuror>, sqlx::Error> {
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
    Ok(jurors
        .into_iter()
        .map(|(id, categories)| PlanJuror { id, categories })
        .collect())
}

/// The entries of round `position` on: (id, category), by id.
pub async fn entries_in_round(
    conn: &mut AnyConnection,
    contest_id: i64,
    position: i64,
) -> Result<Vec<PlanEntry>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, category_id FROM entries WHERE contest_id = $1 AND reached >= $2 ORDER BY id",
    )
    .bind(contest_id)
    .bind(position)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, category_id)| PlanEntry { id, category_id })
        .collect())
}

/// Random keys, one per new row: each juror's own order, drawn once and kept.
pub fn sort_keys(n: usize) -> Vec<i64> {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| rng.random_range(0..i64::from(i32::MAX)))
        .collect()
}

/// Deletes the rows of `pairs` (entry, juror) that the statement `head`
/// (`DELETE FROM … WHERE …`, with `$1` = `bound` if given) still allows,
/// 400 to a statement: a juror leaving a large contest moves thousands,
/// and each statement updates the progress counters once.
pub async fn delete_pairs(
    conn: &mut AnyConnection,
    head: &str,
    bound: Option<i64>,
    pairs: &[(i64, i64)],
) -> Result<(), sqlx::Error> {
    let first = if bound.is_some() { 2 } else { 1 };
    for chunk in pairs.chunks(400) {
        let sql = format!(
            "{head} AND (entry_id, juror_id) IN (VALUES {})",
            crate::db::value_rows(chunk.len(), 2, first)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(value) = bound {
            query = query.bind(value);
        }
        for (entry, juror) in chunk {
            query = query.bind(*entry).bind(*juror);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
