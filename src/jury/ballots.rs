//! Ballots of a shortlisting round: who votes on what (planned by `assign`,
//! as the criteria round is), the vote itself, the juror's next entry and
//! their progress, each read from an index of `(round, juror, order)`.

use sqlx::AnyConnection;

use crate::contests::rounds::Round;
use crate::db::Db;
use crate::jury::assign::{self, Existing};
use crate::jury::plan_rows::{active_jurors, delete_pairs, entries_in_round, sort_keys};
use crate::jury::view::Place;
use crate::submissions::numbers::EntryNumber;

/// Brings round `round`'s ballots in line with the jury and the round's
/// quorum: a ballot cast never moves; one not cast moves to another juror
/// when its juror leaves or the quorum drops.
pub async fn rebalance(
    conn: &mut AnyConnection,
    contest_id: i64,
    round: &Round,
    now: i64,
) -> Result<(), sqlx::Error> {
    if round.opened_at.is_none() || round.closed_at.is_some() {
        return Ok(());
    }
    let entries = entries_in_round(conn, contest_id, round.position).await?;
    if entries.is_empty() {
        return Ok(());
    }
    let jurors = active_jurors(conn, contest_id).await?;
    let rows: Vec<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT entry_id, juror_id, vote FROM ballots WHERE round_id = $1")
            .bind(round.id)
            .fetch_all(&mut *conn)
            .await?;
    let recused: Vec<(i64, i64)> =
        sqlx::query_as("SELECT entry_id, juror_id FROM ballot_recusals WHERE round_id = $1")
            .bind(round.id)
            .fetch_all(&mut *conn)
            .await?;
    let existing: Vec<Existing> = rows
        .into_iter()
        .map(|(entry_id, juror_id, vote)| Existing {
            entry_id,
            juror_id,
            scored: vote.is_some(),
            drafted: false,
            recused: false,
        })
        .chain(recused.into_iter().map(|(entry_id, juror_id)| Existing {
            entry_id,
            juror_id,
            scored: false,
            drafted: false,
            recused: true,
        }))
        .collect();
    let quorum = usize::try_from(round.quorum).unwrap_or(0);
    let plan = assign::plan(&entries, &jurors, &existing, quorum, &mut rand::rng());
    let unvoted = "DELETE FROM ballots WHERE round_id = $1 AND vote IS NULL";
    delete_pairs(conn, unvoted, Some(round.id), &plan.remove).await?;
    let keys = sort_keys(plan.add.len());
    let rows = crate::db::rows_per_insert(conn);
    for (chunk, keys) in plan.add.chunks(rows).zip(keys.chunks(rows)) {
        let sql = format!(
            "INSERT INTO ballots (contest_id, round_id, entry_id, juror_id, sort_key, created_at) \
             VALUES {}",
            crate::db::value_rows(chunk.len(), 6, 1)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((entry, juror), sort_key) in chunk.iter().zip(keys) {
            query = query
                .bind(contest_id)
                .bind(round.id)
                .bind(*entry)
                .bind(*juror)
                .bind(*sort_key)
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Takes the juror's ballot for entry `number` away (with any vote on it)
/// and records the recusal; `false` if the entry is not on their list.
/// Inside the caller's transaction, which plans the round again.
pub async fn recuse(
    conn: &mut AnyConnection,
    round_id: i64,
    juror_id: i64,
    number: EntryNumber,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let entry: Option<i64> = sqlx::query_scalar(
        "SELECT b.entry_id FROM ballots b JOIN entries e ON e.id = b.entry_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 AND e.number = $3",
    )
    .bind(round_id)
    .bind(juror_id)
    .bind(number.get())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(entry_id) = entry else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM ballots WHERE round_id = $1 AND juror_id = $2 AND entry_id = $3")
        .bind(round_id)
        .bind(juror_id)
        .bind(entry_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO ballot_recusals (round_id, entry_id, juror_id, reason, recused_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(round_id)
    .bind(entry_id)
    .bind(juror_id)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Records `vote` on the juror's ballot for `entry_id` (a change of mind
/// included); `false` if there is no such ballot.
pub async fn cast(
    conn: &mut AnyConnection,
    round_id: i64,
    juror_id: i64,
    entry_id: i64,
    vote: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE ballots SET vote = $4, cast_at = $5 \
         WHERE round_id = $1 AND juror_id = $2 AND entry_id = $3",
    )
    .bind(round_id)
    .bind(juror_id)
    .bind(entry_id)
    .bind(vote)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The numbers after `from` in the juror's order (from the start when
/// `None`), at most `limit`; `open_only` keeps those without a vote.
pub async fn following(
    db: &Db,
    round_id: i64,
    juror_id: i64,
    from: Option<Place>,
    open_only: bool,
    limit: i64,
) -> Result<Vec<EntryNumber>, sqlx::Error> {
    let (key, id) = from.map_or((-1, -1), |p| (p.sort_key, p.id));
    let open = if open_only { "AND b.vote IS NULL " } else { "" };
    let numbers: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT e.number FROM ballots b JOIN entries e ON e.id = b.entry_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 {open}\
         AND (b.sort_key > $3 OR (b.sort_key = $3 AND b.id > $4)) \
         ORDER BY b.sort_key, b.id LIMIT $5"
    )))
    .bind(round_id)
    .bind(juror_id)
    .bind(key)
    .bind(id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(numbers
        .into_iter()
        .filter_map(EntryNumber::from_stored)
        .collect())
}

/// The number before `place` in the juror's order, if any.
pub async fn previous(
    db: &Db,
    round_id: i64,
    juror_id: i64,
    place: Place,
) -> Result<Option<EntryNumber>, sqlx::Error> {
    let number: Option<i64> = sqlx::query_scalar(
        "SELECT e.number FROM ballots b JOIN entries e ON e.id = b.entry_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 \
         AND (b.sort_key < $3 OR (b.sort_key = $3 AND b.id < $4)) \
         ORDER BY b.sort_key DESC, b.id DESC LIMIT 1",
    )
    .bind(round_id)
    .bind(juror_id)
    .bind(place.sort_key)
    .bind(place.id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(number.and_then(EntryNumber::from_stored))
}

/// The next entry without a vote after `from`, wrapping to the start.
pub async fn next_open(
    db: &Db,
    round_id: i64,
    juror_id: i64,
    from: Option<Place>,
) -> Result<Option<EntryNumber>, sqlx::Error> {
    if let Some(n) = following(db, round_id, juror_id, from, true, 1)
        .await?
        .pop()
    {
        return Ok(Some(n));
    }
    if from.is_none() {
        return Ok(None);
    }
    Ok(following(db, round_id, juror_id, None, true, 1)
        .await?
        .pop())
}

/// (votes cast, ballots) of the juror in the round, as counted by triggers.
pub async fn progress(db: &Db, round_id: i64, juror_id: i64) -> Result<(i64, i64), sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT voted, assigned FROM ballot_progress WHERE round_id = $1 AND juror_id = $2",
    )
    .bind(round_id)
    .bind(juror_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.unwrap_or((0, 0)))
}

/// Each entry of round `round` (position `position`) with its category and
/// the sum and count of its votes, for the close preview: one grouped read.
pub async fn sums(
    db: &Db,
    contest_id: i64,
    round_id: i64,
    position: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.category_id, CAST(COALESCE(SUM(b.vote), 0) AS BIGINT), COUNT(b.vote) FROM entries e \
         LEFT JOIN ballots b ON b.entry_id = e.id AND b.round_id = $2 \
         WHERE e.contest_id = $1 AND e.reached >= $3 GROUP BY e.category_id, e.id",
    )
    .bind(contest_id)
    .bind(round_id)
    .bind(position)
    .fetch_all(&db.pool)
    .await
}
