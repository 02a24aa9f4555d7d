//! `photojury verify`: recomputes the commitments and the results and says OK
//! or what does not match. Against a data dir it checks the live mapping and
//! scores against what was committed and finalized; against the JSON
//! published at the reveal it checks the bundle on its own (anyone can).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::contests::queries::Contest;
use crate::db::Db;
use crate::images::store::sha256_hex;
use crate::results::commitment::{self, Mapped, entry_commitment};
use crate::results::snapshot::{self, Snapshot};

/// One entry of the published mapping.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedEntry {
    /// Number, participant id and originals.
    #[serde(flatten)]
    pub mapped: Mapped,
    /// The salt, kept secret until the reveal.
    pub salt: String,
    /// The entry's commitment.
    pub commitment: String,
}

/// What the reveal publishes (`/contests/{slug}/reveal.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    /// Always `photojury-reveal-v1`.
    pub format: String,
    /// The contest's slug.
    pub contest: String,
    /// The root published when judging opened.
    pub commitment: String,
    /// The mapping with its salts, by number.
    pub entries: Vec<PublishedEntry>,
    /// The results hash published at finalization.
    pub results_sha256: String,
    /// The results, byte for byte as hashed.
    pub results: String,
}

/// The format tag of [`Published`].
pub const FORMAT: &str = "photojury-reveal-v1";

/// Builds the bundle (the caller checks the contest is revealed).
pub async fn publish(db: &Db, contest: &Contest) -> Result<Option<Published>, sqlx::Error> {
    let Some(root) = commitment::root_of(db, contest.id).await? else {
        return Ok(None);
    };
    let Some((results, results_sha256)) = snapshot::stored_json(db, contest.id).await? else {
        return Ok(None);
    };
    let mut conn = db.pool.acquire().await?;
    let salts: HashMap<i64, (String, String)> = commitment::stored(&mut conn, contest.id)
        .await?
        .into_iter()
        .map(|(id, salt, c)| (id, (salt, c)))
        .collect();
    let entries = commitment::mapping(&mut conn, contest.id)
        .await?
        .into_iter()
        .filter_map(|(id, mapped)| {
            let (salt, commitment) = salts.get(&id)?.clone();
            Some(PublishedEntry {
                mapped,
                salt,
                commitment,
            })
        })
        .collect();
    Ok(Some(Published {
        format: FORMAT.into(),
        contest: contest.slug.clone(),
        commitment: root,
        entries,
        results_sha256,
        results,
    }))
}

/// Checks a published bundle on its own. Empty: all is well.
pub fn check_published(bundle: &Published) -> Vec<String> {
    let mut problems = Vec::new();
    if bundle.format != FORMAT {
        problems.push(format!("unknown format {:?}", bundle.format));
    }
    for e in &bundle.entries {
        if entry_commitment(&e.mapped, &e.salt) != e.commitment {
            problems.push(format!(
                "entry {}: its author, originals or salt do not give its commitment",
                e.mapped.number
            ));
        }
    }
    let listed: Vec<String> = bundle
        .entries
        .iter()
        .map(|e| e.commitment.clone())
        .collect();
    if commitment::root(&listed) != bundle.commitment {
        problems.push("the entries' commitments do not add up to the published commitment".into());
    }
    if sha256_hex(bundle.results.as_bytes()) != bundle.results_sha256 {
        problems.push("the results do not match the published results hash".into());
    }
    problems
}

/// Checks the live database of one contest against its commitment and its
/// finalized results. Empty: all is well.
pub async fn check_stored(db: &Db, contest: &Contest) -> Result<Vec<String>, sqlx::Error> {
    let Some(root) = commitment::root_of(db, contest.id).await? else {
        return Ok(vec![
            "judging has not opened: there is no commitment to check yet".into(),
        ]);
    };
    let mut problems = Vec::new();
    let mut conn = db.pool.acquire().await?;
    let stored = commitment::stored(&mut conn, contest.id).await?;
    let by_entry: HashMap<i64, &(i64, String, String)> =
        stored.iter().map(|row| (row.0, row)).collect();
    let live = commitment::mapping(&mut conn, contest.id).await?;
    for (entry_id, mapped) in &live {
        match by_entry.get(entry_id) {
            None => problems.push(format!("entry {}: was never committed to", mapped.number)),
            Some((_, salt, c)) if entry_commitment(mapped, salt) != *c => problems.push(format!(
                "entry {}: its author or originals are not what was committed when judging opened",
                mapped.number
            )),
            Some(_) => {}
        }
    }
    if stored.len() != live.len() {
        problems.push(format!(
            "{} entries were committed to but {} exist now",
            stored.len(),
            live.len()
        ));
    }
    let commitments: Vec<String> = stored.iter().map(|r| r.2.clone()).collect();
    if commitment::root(&commitments) != root {
        problems.push("the stored commitments do not add up to the published commitment".into());
    }
    if let Some((json, hash)) = snapshot::stored_json(db, contest.id).await? {
        check_results(&mut conn, contest, &json, &hash, &mut problems).await?;
    }
    Ok(problems)
}

async fn check_results(
    conn: &mut sqlx::AnyConnection,
    contest: &Contest,
    json: &str,
    hash: &str,
    problems: &mut Vec<String>,
) -> Result<(), sqlx::Error> {
    if sha256_hex(json.as_bytes()) != hash {
        problems.push("the stored results do not match their published hash".into());
    }
    let Ok(finalized) = serde_json::from_str::<Snapshot>(json) else {
        problems.push("the stored results cannot be read".into());
        return Ok(());
    };
    let orphans: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(
        snapshot::counted_sql("COUNT(*)")
            + " AND s.juror_id NOT IN (SELECT juror_id FROM juror_aliases)",
    ))
    .bind(contest.id)
    .fetch_one(&mut *conn)
    .await?;
    if orphans > 0 {
        problems.push(format!(
            "{orphans} scores come from a juror who had none when the results were finalized"
        ));
    }
    let now = snapshot::gather(
        conn,
        contest.id,
        &contest.slug,
        finalized.finalized_at,
        &finalized.override_reason,
    )
    .await?;
    let before = finalized.categories.iter().flat_map(|c| &c.entries);
    let after: HashMap<i64, _> = now
        .categories
        .iter()
        .flat_map(|c| &c.entries)
        .map(|e| (e.number, e))
        .collect();
    let mut differs = false;
    for line in before {
        if after.get(&line.number) != Some(&line) {
            differs = true;
            problems.push(format!(
                "entry {}: the scores in the database no longer give its finalized result",
                line.number
            ));
        }
    }
    let recomputed = snapshot::seal(&now).map(|(_, h)| h).unwrap_or_default();
    if !differs && recomputed != hash {
        problems.push("the scores in the database no longer give the finalized results".into());
    }
    Ok(())
}
