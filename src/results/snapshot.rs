//! The results snapshot: gathered from the database inside the finalizing
//! transaction, ranked by `compute`, serialized once to JSON and hashed.
//! Jurors appear as A, B, C… in a random order; entries by number only.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::contests::rounds;
use crate::images::store::sha256_hex;
use crate::results::compute::{self, Crit, Ranked, Sheet};
use crate::results::ranking;

/// One category's ranking.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CategoryResults {
    /// The category's name.
    pub name: String,
    /// Its entries, best first.
    pub entries: Vec<Ranked>,
}

/// Everything the results say, as finalized.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// The contest's slug.
    pub contest: String,
    /// When it was finalized (UTC seconds).
    pub finalized_at: i64,
    /// Why it was finalized with work missing ('' if nothing was missing).
    pub override_reason: String,
    /// The criteria with their weights and scales.
    pub criteria: Vec<Crit>,
    /// The jurors' aliases.
    pub jurors: Vec<String>,
    /// Per category, in the contest's order.
    pub categories: Vec<CategoryResults>,
}

impl Snapshot {
    /// The exact bytes that are stored and hashed.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// The JSON of a snapshot and its SHA-256 (hex).
pub fn seal(snapshot: &Snapshot) -> Result<(String, String), serde_json::Error> {
    let json = snapshot.to_json()?;
    let hash = sha256_hex(json.as_bytes());
    Ok((json, hash))
}

/// Gives every juror with a score that counts a letter, in a random order
/// so a letter says nothing about who it is. Once, at finalization.
pub async fn draw_aliases(conn: &mut AnyConnection, contest_id: i64) -> Result<(), sqlx::Error> {
    let mut jurors: Vec<i64> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(counted_sql("DISTINCT s.juror_id")))
            .bind(contest_id)
            .fetch_all(&mut *conn)
            .await?;
    jurors.sort_unstable();
    jurors.shuffle(&mut rand::rng());
    for (juror, alias) in jurors.iter().zip(compute::aliases(jurors.len())) {
        sqlx::query("INSERT INTO juror_aliases (contest_id, juror_id, alias) VALUES ($1, $2, $3)")
            .bind(contest_id)
            .bind(juror)
            .bind(alias)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The scores that count (scored, not recused), selecting `columns`
/// (a constant of ours, never user text).
pub fn counted_sql(columns: &str) -> String {
    format!(
        "SELECT {columns} FROM scores s \
         JOIN assignments a ON a.entry_id = s.entry_id AND a.juror_id = s.juror_id \
         JOIN entries e ON e.id = s.entry_id \
         WHERE s.contest_id = $1 AND a.recused_at IS NULL AND a.scored_at IS NOT NULL"
    )
}

/// Builds the snapshot from the scores that count, jurors by the aliases
/// drawn at finalization; a ranking round's finalists first, in its order.
/// Deterministic: `verify` rebuilds it to compare.
pub async fn gather(
    conn: &mut AnyConnection,
    contest_id: i64,
    slug: &str,
    now: i64,
    override_reason: &str,
) -> Result<Snapshot, sqlx::Error> {
    let alias_rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT juror_id, alias FROM juror_aliases WHERE contest_id = $1")
            .bind(contest_id)
            .fetch_all(&mut *conn)
            .await?;
    let alias_of: HashMap<i64, String> = alias_rows.into_iter().collect();
    gather_with(conn, contest_id, slug, now, override_reason, alias_of, true).await
}

/// The criteria round's own ranking, as its close, its preview and
/// `verify` of it read it: without a ranking round's order, and before the
/// aliases are drawn (the ranks do not depend on the letters, so any
/// distinct label per juror gives the same order).
pub async fn criteria_ranking(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Snapshot, sqlx::Error> {
    let jurors: Vec<i64> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(counted_sql("DISTINCT s.juror_id")))
            .bind(contest_id)
            .fetch_all(&mut *conn)
            .await?;
    let alias_of = jurors.into_iter().map(|j| (j, j.to_string())).collect();
    gather_with(conn, contest_id, "", 0, "", alias_of, false).await
}

/// The contest's criteria as the computation needs them, in their order.
pub async fn criteria_of(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<Crit>, sqlx::Error> {
    let rows: Vec<(i64, String, f64, i64, i64)> = sqlx::query_as(
        "SELECT id, name, weight, scale_min, scale_max FROM criteria WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, weight, min, max)| Crit {
            id,
            name,
            weight,
            min,
            max,
        })
        .collect())
}

/// [`gather`] with the jurors' labels given.
async fn gather_with(
    conn: &mut AnyConnection,
    contest_id: i64,
    slug: &str,
    now: i64,
    override_reason: &str,
    alias_of: HashMap<i64, String>,
    with_ranking: bool,
) -> Result<Snapshot, sqlx::Error> {
    let criteria = criteria_of(conn, contest_id).await?;
    let categories: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM categories WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    // The entries of the criteria round: those the shortlisting rounds
    // left out are in those rounds' snapshots, not ranked here.
    let shortlists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM rounds WHERE contest_id = $1 AND kind IN ('yes_no', 'stars')",
    )
    .bind(contest_id)
    .fetch_one(&mut *conn)
    .await?;
    let entries: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT number, category_id FROM entries WHERE contest_id = $1 AND reached > $2 \
         ORDER BY number",
    )
    .bind(contest_id)
    .bind(shortlists)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(counted_sql(
        "s.juror_id, e.number, s.criterion_id, s.value",
    )))
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut sheets: BTreeMap<(i64, String), BTreeMap<i64, i64>> = BTreeMap::new();
    for (juror, number, criterion, value) in rows {
        if let Some(alias) = alias_of.get(&juror) {
            sheets
                .entry((number, alias.clone()))
                .or_default()
                .insert(criterion, value);
        }
    }
    let sheets: Vec<Sheet> = sheets
        .into_iter()
        .map(|((number, alias), values)| Sheet {
            number,
            alias,
            values,
        })
        .collect();
    // With a ranking round of the finalists, its order comes first.
    let all = rounds::rounds_of(conn, contest_id).await?;
    let ranking_round = rounds::ranking_of(&all).filter(|r| with_ranking && r.opened_at.is_some());
    let profiles = match ranking_round {
        Some(round) => ranking::profiles(conn, contest_id, round).await?,
        None => HashMap::new(),
    };
    let categories = categories
        .into_iter()
        .map(|(id, name)| {
            let numbers: Vec<i64> = entries.iter().filter(|e| e.1 == id).map(|e| e.0).collect();
            // A set: a list's `contains` made this sheets × entries, 13 s of
            // finalizing 50,000 entries.
            let in_category: HashSet<i64> = numbers.iter().copied().collect();
            let mine: Vec<Sheet> = sheets
                .iter()
                .filter(|s| in_category.contains(&s.number))
                .cloned()
                .collect();
            let mut entries = compute::rank(&criteria, &numbers, &mine);
            if let Some(profile) = profiles.get(&id) {
                let placed = ranking::combine(&profile.candidates, &profile.ballots);
                ranking::reorder(&mut entries, &placed);
            }
            CategoryResults { name, entries }
        })
        .collect();
    let mut sorted_aliases: Vec<String> = alias_of.into_values().collect();
    sorted_aliases.sort();
    Ok(Snapshot {
        contest: slug.to_owned(),
        finalized_at: now,
        override_reason: override_reason.to_owned(),
        criteria,
        jurors: sorted_aliases,
        categories,
    })
}

/// The stored snapshot's exact JSON and its hash, once finalized.
pub async fn stored_json(
    db: &crate::db::Db,
    contest_id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT json, sha256 FROM results_snapshots WHERE contest_id = $1")
        .bind(contest_id)
        .fetch_optional(&db.pool)
        .await
}

/// The results hash published at finalization, for the public contest page.
pub async fn published_hash(
    db: &crate::db::Db,
    contest_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    Ok(stored_json(db, contest_id).await?.map(|(_, hash)| hash))
}
