//! `photojury verify` against the JSON published at the reveal: the bundle on
//! its own (anyone can), and a participant's own line from their receipt.
//! The checks of a live data dir are in `verify_stored`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::contests::queries::Contest;
use crate::db::Db;
use crate::identity::proof::ProofLine;
use crate::images::store::sha256_hex;
use crate::results::commitment::{self, Mapped, entry_commitment};
use crate::results::snapshot;

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
    /// `photojury-reveal-v2` (`-v1` for contests committed before names and
    /// images were covered).
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
    /// Each closed shortlisting round, as hashed at its close (absent from
    /// bundles of contests judged in one round).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<PublishedRound>,
}

/// A closed round in the published bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedRound {
    /// Its position.
    pub round: i64,
    /// The hash published at its close.
    pub sha256: String,
    /// The round's snapshot, byte for byte as hashed.
    pub snapshot: String,
}

/// The format tag of [`Published`] for commitments of version 1 and 2.
pub const FORMATS: [&str; 2] = ["photojury-reveal-v1", "photojury-reveal-v2"];

/// The commitment version a bundle's format stands for.
fn version_of(format: &str) -> Option<i64> {
    FORMATS
        .iter()
        .position(|f| *f == format)
        .map(|i| i as i64 + 1)
}

/// Builds the bundle (the caller checks the contest is revealed).
pub async fn publish(db: &Db, contest: &Contest) -> Result<Option<Published>, sqlx::Error> {
    let Some((root, version)) = commitment::published(db, contest.id).await? else {
        return Ok(None);
    };
    let Some((results, results_sha256)) = snapshot::stored_json(db, contest.id).await? else {
        return Ok(None);
    };
    let mut conn = db.pool.acquire().await?;
    // The mapping as committed (version 2 keeps it): what the jury was shown
    // and whom it credits, not the rows as they may have been changed since.
    let entries = commitment::stored(&mut conn, contest.id)
        .await?
        .into_iter()
        .filter_map(|row| {
            let mapped: Mapped = serde_json::from_str(&row.committed).ok()?;
            Some(PublishedEntry {
                mapped,
                salt: row.salt,
                commitment: row.commitment,
            })
        })
        .collect::<Vec<_>>();
    let mut entries = if version >= 2 {
        entries
    } else {
        let salts: HashMap<i64, commitment::Stored> = commitment::stored(&mut conn, contest.id)
            .await?
            .into_iter()
            .map(|row| (row.entry_id, row))
            .collect();
        commitment::mapping(&mut conn, contest.id)
            .await?
            .into_iter()
            .filter_map(|live| {
                let row = salts.get(&live.entry_id)?;
                Some(PublishedEntry {
                    mapped: Mapped {
                        derivatives: Vec::new(),
                        ..live.mapped
                    },
                    salt: row.salt.clone(),
                    commitment: row.commitment.clone(),
                })
            })
            .collect()
    };
    entries.sort_by_key(|e| e.mapped.number);
    let rounds = crate::results::round_snapshot::stored(&mut conn, contest.id)
        .await?
        .into_iter()
        .map(|(round, snapshot, sha256)| PublishedRound {
            round,
            sha256,
            snapshot,
        })
        .collect();
    Ok(Some(Published {
        rounds,
        format: FORMATS[usize::from(version >= 2)].into(),
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
    let Some(version) = version_of(&bundle.format) else {
        return vec![format!("unknown format {:?}", bundle.format)];
    };
    for e in &bundle.entries {
        if entry_commitment(&e.mapped, &e.salt, version) != e.commitment {
            problems.push(format!(
                "entry {}: its author, originals, images, identity digest or salt do not give its commitment",
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
    for r in &bundle.rounds {
        if sha256_hex(r.snapshot.as_bytes()) != r.sha256 {
            problems.push(format!(
                "round {}: its snapshot does not match its published hash",
                r.round
            ));
        }
    }
    problems
}

/// Checks a participant's own line (from their receipt) against a bundle:
/// their identity, with their secret salt, gives the digest the commitment
/// of their entry was made with. Empty: all is well.
pub fn check_line(bundle: &Published, line: &ProofLine) -> Vec<String> {
    let Some(entry) = bundle
        .entries
        .iter()
        .find(|e| e.mapped.number == line.number)
    else {
        return vec![format!(
            "entry {}: not in the published mapping",
            line.number
        )];
    };
    if entry.mapped.identity.is_empty() {
        return vec![format!(
            "entry {}: this contest's commitment does not cover names (made before version 2)",
            line.number
        )];
    }
    if line.identity.digest(&line.identity_salt) != entry.mapped.identity {
        return vec![format!(
            "entry {}: your name, country, university or category is not what was committed",
            line.number
        )];
    }
    Vec::new()
}
