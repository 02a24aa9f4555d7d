//! A juror's queue, read from its indexes so that no juror request walks it:
//! the previous and next entries, the next one to score and a page of the
//! grid are seeks on `(juror_id, sort_key, id)` (migration 0013), and
//! progress comes from counts kept by triggers. A queue of 50,000 entries
//! answers as fast as one of 1,000 (`scripts/bench-scale.sh`).
//!
//! Like `view`, it selects numbers and flags only: the order is the juror's
//! own random key, never anything an author could be read from.

use std::collections::HashMap;

use crate::contests::structure::Criterion;
use crate::db::Db;
use crate::jury::view::{Place, weighted_total};
use crate::submissions::numbers::EntryNumber;

/// Thumbnails on one page of the juror's grid.
pub const PAGE: usize = 200;

/// One entry in the juror's queue (their own random order).
#[derive(Debug, Clone)]
pub struct QueueItem {
    /// The entry number, the only name an entry has during judging.
    pub number: EntryNumber,
    /// The entry's category.
    pub category_id: i64,
    /// Whether the juror has saved every criterion.
    pub scored: bool,
    /// Whether they have typed part of a score since (a draft, "not complete").
    pub drafted: bool,
    /// Their weighted score for it, once scored.
    pub total: Option<f64>,
}

/// Which side of a place to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Before,
}

/// Which entries of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every entry.
    All,
    /// The ones without a saved score (a draft is not one).
    Todo,
}

/// A row of the queue; private, since it holds row ids.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    sort_key: i64,
    entry_id: i64,
    number: i64,
    category_id: i64,
    scored_at: Option<i64>,
    draft_at: Option<i64>,
}

impl Row {
    fn place(&self) -> Place {
        Place {
            sort_key: self.sort_key,
            id: self.id,
        }
    }
}

/// Up to `limit` rows of the queue on `side` of `from` (from the start when
/// `None`), nearest first. The WHERE clause matches the indexes' columns and
/// the todo index's condition exactly, so both databases seek.
async fn rows(
    db: &Db,
    juror_id: i64,
    filter: Filter,
    from: Option<(Place, Side)>,
    limit: usize,
) -> Result<Vec<Row>, sqlx::Error> {
    let todo = match filter {
        Filter::All => "",
        Filter::Todo => " AND a.scored_at IS NULL",
    };
    let (cursor, order) = match from {
        None => ("", "ASC"),
        Some((_, Side::After)) => (" AND (a.sort_key, a.id) > ($2, $3)", "ASC"),
        Some((_, Side::Before)) => (" AND (a.sort_key, a.id) < ($2, $3)", "DESC"),
    };
    let sql = format!(
        "SELECT a.id, a.sort_key, a.entry_id, e.number, e.category_id, a.scored_at, a.draft_at \
         FROM assignments a JOIN entries e ON e.id = a.entry_id \
         WHERE a.juror_id = $1 AND a.recused_at IS NULL{todo}{cursor} \
         ORDER BY a.sort_key {order}, a.id {order} LIMIT {}",
        limit.min(1_000)
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(juror_id);
    if let Some((place, _)) = from {
        query = query.bind(place.sort_key).bind(place.id);
    }
    query.fetch_all(&db.pool).await
}

fn number(row: &Row) -> Option<EntryNumber> {
    EntryNumber::from_stored(row.number)
}

/// The place of entry `number` in the juror's queue, if it is there.
pub async fn place_of(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<Place>, sqlx::Error> {
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT a.sort_key, a.id FROM assignments a JOIN entries e ON e.id = a.entry_id \
         WHERE a.juror_id = $1 AND e.contest_id = $2 AND e.number = $3 AND a.recused_at IS NULL",
    )
    .bind(juror_id)
    .bind(contest_id)
    .bind(number.get())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.map(|(sort_key, id)| Place { sort_key, id }))
}

/// The entries around one: the one before, and up to `ahead` after.
pub struct Around {
    /// The entry before, if any.
    pub prev: Option<EntryNumber>,
    /// The next entries, nearest first.
    pub next: Vec<EntryNumber>,
}

/// The entries around `place`: two seeks.
pub async fn around(
    db: &Db,
    juror_id: i64,
    place: Place,
    ahead: usize,
) -> Result<Around, sqlx::Error> {
    let before = rows(db, juror_id, Filter::All, Some((place, Side::Before)), 1).await?;
    let after = rows(db, juror_id, Filter::All, Some((place, Side::After)), ahead).await?;
    Ok(Around {
        prev: before.first().and_then(number),
        next: after.iter().filter_map(number).collect(),
    })
}

/// The next entry without a saved score after `place` (wrapping round to the
/// start, never `place` itself), or the first one when `place` is `None`.
pub async fn next_todo(
    db: &Db,
    juror_id: i64,
    place: Option<Place>,
) -> Result<Option<EntryNumber>, sqlx::Error> {
    let Some(place) = place else {
        let first = rows(db, juror_id, Filter::Todo, None, 1).await?;
        return Ok(first.first().and_then(number));
    };
    let later = rows(db, juror_id, Filter::Todo, Some((place, Side::After)), 1).await?;
    if let Some(row) = later.first() {
        return Ok(number(row));
    }
    let first = rows(db, juror_id, Filter::Todo, None, 1).await?;
    Ok(first
        .first()
        .filter(|row| row.place() != place)
        .and_then(number))
}

/// Where a page of the grid starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The start of the queue.
    Start,
    /// Just after this entry.
    After(EntryNumber),
    /// Just before this entry.
    Before(EntryNumber),
}

/// One page of the juror's grid.
pub struct Page {
    /// The entries on it, in the queue's order.
    pub items: Vec<QueueItem>,
    /// The first entry shown, when entries come before it (link: `before=`).
    pub earlier: Option<EntryNumber>,
    /// The last entry shown, when entries come after it (link: `after=`).
    pub later: Option<EntryNumber>,
}

/// A page of at most `size` entries of the queue from `cursor` (a number not
/// in the queue reads as the start), with the juror's totals for them.
pub async fn page(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    criteria: &[Criterion],
    filter: Filter,
    cursor: Cursor,
    size: usize,
) -> Result<Page, sqlx::Error> {
    let from = match cursor {
        Cursor::Start => None,
        Cursor::After(n) => place_of(db, contest_id, juror_id, n)
            .await?
            .map(|p| (p, Side::After)),
        Cursor::Before(n) => place_of(db, contest_id, juror_id, n)
            .await?
            .map(|p| (p, Side::Before)),
    };
    let mut found = rows(db, juror_id, filter, from, size).await?;
    if matches!(from, Some((_, Side::Before))) {
        found.reverse();
    }
    let (earlier, later) = match (found.first(), found.last()) {
        (Some(first), Some(last)) => {
            let before = rows(db, juror_id, filter, Some((first.place(), Side::Before)), 1);
            let after = rows(db, juror_id, filter, Some((last.place(), Side::After)), 1);
            let (before, after) = (before.await?, after.await?);
            (
                number(first).filter(|_| !before.is_empty()),
                number(last).filter(|_| !after.is_empty()),
            )
        }
        _ => (None, None),
    };
    let totals = totals(db, juror_id, criteria, &found).await?;
    let items = found
        .iter()
        .filter_map(|row| {
            Some(QueueItem {
                number: number(row)?,
                category_id: row.category_id,
                scored: row.scored_at.is_some(),
                drafted: row.draft_at.is_some(),
                total: totals.get(&row.entry_id).copied(),
            })
        })
        .collect();
    Ok(Page {
        items,
        earlier,
        later,
    })
}

/// The juror's weighted totals of the scored rows shown, by entry id.
async fn totals(
    db: &Db,
    juror_id: i64,
    criteria: &[Criterion],
    shown: &[Row],
) -> Result<HashMap<i64, f64>, sqlx::Error> {
    let scored: Vec<i64> = shown
        .iter()
        .filter(|r| r.scored_at.is_some())
        .map(|r| r.entry_id)
        .collect();
    if scored.is_empty() {
        return Ok(HashMap::new());
    }
    let marks: Vec<String> = (0..scored.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT entry_id, criterion_id, value FROM scores WHERE juror_id = $1 AND entry_id IN ({})",
        marks.join(", ")
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(juror_id);
    for id in &scored {
        query = query.bind(*id);
    }
    let saved: Vec<(i64, i64, i64)> = query.fetch_all(&db.pool).await?;
    let mut by_entry: HashMap<i64, HashMap<i64, i64>> = HashMap::new();
    for (entry, criterion, value) in saved {
        by_entry.entry(entry).or_default().insert(criterion, value);
    }
    Ok(by_entry
        .into_iter()
        .filter_map(|(entry, scores)| Some((entry, weighted_total(criteria, &scores)?)))
        .collect())
}

/// A juror's progress in one category, as the triggers keep it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Counts {
    /// The category.
    pub category_id: i64,
    /// Entries in the queue.
    pub assigned: i64,
    /// Of these, scored.
    pub scored: i64,
}

/// The juror's progress per category (only categories with entries).
pub async fn progress(db: &Db, juror_id: i64) -> Result<Vec<Counts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT category_id, assigned, scored FROM juror_progress \
         WHERE juror_id = $1 AND assigned > 0 ORDER BY category_id",
    )
    .bind(juror_id)
    .fetch_all(&db.pool)
    .await
}
