//! The results snapshot: gathered from the database inside the finalizing
//! transaction, ranked by `compute`, serialized once to JSON and hashed.
//! Jurors appear as A, B, C… in a random order; entries by number only.

use std::collections::{BTreeMap, HashMap};

use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::images::store::sha256_hex;
use crate::results::compute::{self, Crit, Ranked, Sheet};

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

/// Builds the snapshot from the scores that count (scored, not recused).
pub async fn gather(
    conn: &mut AnyConnection,
    contest_id: i64,
    slug: &str,
    now: i64,
    override_reason: &str,
) -> Result<Snapshot, sqlx::Error> {
    let criteria: Vec<(i64, String, f64, i64, i64)> = sqlx::query_as(
        "SELECT id, name, weight, scale_min, scale_max FROM criteria WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let criteria: Vec<Crit> = criteria
        .into_iter()
        .map(|(id, name, weight, min, max)| Crit {
            id,
            name,
            weight,
            min,
            max,
        })
        .collect();
    let categories: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM categories WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let entries: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT number, category_id FROM entries WHERE contest_id = $1 ORDER BY number",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.juror_id, e.number, s.criterion_id, s.value FROM scores s \
         JOIN assignments a ON a.entry_id = s.entry_id AND a.juror_id = s.juror_id \
         JOIN entries e ON e.id = s.entry_id \
         WHERE s.contest_id = $1 AND a.recused_at IS NULL AND a.scored_at IS NOT NULL",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    // Aliases in a random order, so a letter says nothing about who it is.
    let mut jurors: Vec<i64> = rows.iter().map(|r| r.0).collect();
    jurors.sort_unstable();
    jurors.dedup();
    jurors.shuffle(&mut rand::rng());
    let aliases = compute::aliases(jurors.len());
    let alias_of: HashMap<i64, &String> = jurors.iter().copied().zip(aliases.iter()).collect();
    let mut sheets: BTreeMap<(i64, String), BTreeMap<i64, i64>> = BTreeMap::new();
    for (juror, number, criterion, value) in rows {
        if let Some(alias) = alias_of.get(&juror) {
            sheets
                .entry((number, (*alias).clone()))
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
    let categories = categories
        .into_iter()
        .map(|(id, name)| {
            let numbers: Vec<i64> = entries.iter().filter(|e| e.1 == id).map(|e| e.0).collect();
            let mine: Vec<Sheet> = sheets
                .iter()
                .filter(|s| numbers.contains(&s.number))
                .cloned()
                .collect();
            CategoryResults {
                name,
                entries: compute::rank(&criteria, &numbers, &mine),
            }
        })
        .collect();
    let mut sorted_aliases = aliases;
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
