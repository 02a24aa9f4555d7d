//! `photojury verify` against a data dir: the live rows against what was
//! committed when judging opened (numbers, authors, originals, the images
//! jurors were shown, the names credited), the stored files against their
//! hashes, optionally the derivatives made again from the originals, and the
//! scores against the finalized results. Each problem names the entry and
//! what differs; an identity corrected by an admin is a note, not a problem.

use std::collections::HashMap;

use crate::config::ImageLimits;
use crate::contests::queries::Contest;
use crate::db::Db;
use crate::identity::proof::{self, Identity};
use crate::images::Objects;
use crate::images::store::sha256_hex;
use crate::results::commitment::{self, Live, Mapped, Stored, entry_commitment};
use crate::results::snapshot::{self, Snapshot};

/// What `verify` found: problems fail it, notes do not.
#[derive(Debug, Default)]
pub struct Report {
    /// Each thing that does not match, naming the entry.
    pub problems: Vec<String>,
    /// Changes on record (identity amendments).
    pub notes: Vec<String>,
}

/// How far to look.
pub struct Checks<'a> {
    /// The file store the rows point into.
    pub files: &'a Objects,
    /// Make each photo's derivatives again from its original and compare
    /// the bytes (slow: one full decode per photo), under these limits.
    pub rederive: Option<&'a ImageLimits>,
}

/// Checks the live database and files of one contest against its
/// commitment and its finalized results.
pub async fn check_stored(
    db: &Db,
    contest: &Contest,
    checks: Checks<'_>,
) -> Result<Report, sqlx::Error> {
    let mut report = Report::default();
    let Some((root, version)) = commitment::published(db, contest.id).await? else {
        report
            .problems
            .push("judging has not opened: there is no commitment to check yet".into());
        return Ok(report);
    };
    let mut conn = db.pool.acquire().await?;
    let stored = commitment::stored(&mut conn, contest.id).await?;
    let by_entry: HashMap<i64, &Stored> = stored.iter().map(|row| (row.entry_id, row)).collect();
    let live = commitment::mapping(&mut conn, contest.id).await?;
    let amendments = proof::amendments(&mut conn, contest.id).await?;
    for entry in &live {
        let number = entry.mapped.number;
        let Some(row) = by_entry.get(&entry.entry_id) else {
            report
                .problems
                .push(format!("entry {number}: was never committed to"));
            continue;
        };
        if version < 2 {
            if entry_commitment(&entry.mapped, &row.salt, 1) != row.commitment {
                report.problems.push(format!(
                    "entry {number}: its author or originals are not what was committed when judging opened"
                ));
            }
            continue;
        }
        let chain = amendments
            .get(&entry.portfolio_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        compare(entry, row, chain, &mut report);
    }
    if stored.len() != live.len() {
        report.problems.push(format!(
            "{} entries were committed to but {} exist now",
            stored.len(),
            live.len()
        ));
    }
    let commitments: Vec<String> = stored.iter().map(|r| r.commitment.clone()).collect();
    if commitment::root(&commitments) != root {
        report
            .problems
            .push("the stored commitments do not add up to the published commitment".into());
    }
    check_files(&live, &checks, &mut report).await;
    crate::results::verify_rounds::check_rounds(&mut conn, contest, &mut report.problems).await?;
    if let Some((json, hash)) = snapshot::stored_json(db, contest.id).await? {
        check_results(&mut conn, contest, &json, &hash, &mut report.problems).await?;
    }
    Ok(report)
}

/// One entry of a version 2 commitment: the record is what was committed
/// (its hash with the salt is the commitment), then each part is compared.
fn compare(entry: &Live, row: &Stored, chain: &[proof::Amendment], report: &mut Report) {
    let number = entry.mapped.number;
    let Ok(committed) = serde_json::from_str::<Mapped>(&row.committed) else {
        report.problems.push(format!(
            "entry {number}: its committed record cannot be read"
        ));
        return;
    };
    if entry_commitment(&committed, &row.salt, 2) != row.commitment || committed.number != number {
        report.problems.push(format!(
            "entry {number}: its committed record was changed after judging opened"
        ));
        return;
    }
    let now = &entry.mapped;
    if now.participant_id != committed.participant_id {
        report.problems.push(format!(
            "entry {number}: its author's account is not the one committed when judging opened"
        ));
    }
    if now.originals != committed.originals {
        report.problems.push(format!(
            "entry {number}: its originals are not the ones committed when judging opened"
        ));
    }
    for (i, (was, is)) in committed
        .derivatives
        .iter()
        .zip(&now.derivatives)
        .enumerate()
    {
        for (size, (a, b)) in ["large", "thumbnail"].iter().zip(was.iter().zip(is)) {
            if a != b {
                report.problems.push(format!(
                    "entry {number}: the {size} image of photo {} is not the one committed when judging opened",
                    i + 1
                ));
            }
        }
    }
    if committed.derivatives.len() != now.derivatives.len() {
        report.problems.push(format!(
            "entry {number}: it has {} photos where {} were committed",
            now.derivatives.len(),
            committed.derivatives.len()
        ));
    }
    if let Some(at) = entry.withdrawn_at {
        // The identity that was committed is no longer held (its owner
        // asked for it to go), so its digest cannot be recomputed; the rest
        // of the entry is checked as usual.
        report.notes.push(format!(
            "entry {number}: its author withdrew on {} (account deleted); their name is no longer held, so only the number, account id, photos and scores are checked",
            day(at)
        ));
        return;
    }
    check_identity(
        number,
        &entry.identity,
        &committed.identity,
        row,
        chain,
        report,
    );
}

fn day(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn check_identity(
    number: i64,
    now: &Identity,
    committed: &str,
    row: &Stored,
    chain: &[proof::Amendment],
    report: &mut Report,
) {
    if now.digest(&row.identity_salt) == committed {
        return;
    }
    if proof::explains(chain, committed, &row.identity_salt, now) {
        for step in chain {
            let when = chrono::DateTime::from_timestamp(step.at, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default();
            report.notes.push(format!(
                "entry {number}: identity amended by an admin after judging opened ({when}): {}; reason: {}",
                step.after.changes_from(&step.before).join(", "),
                step.reason
            ));
        }
        return;
    }
    report.problems.push(format!(
        "entry {number}: its author's name, country, university or category is not what was committed when judging opened"
    ));
}

/// Every file an entry's rows point to is there and hashes to its name;
/// with `rederive`, each photo's derivatives made again are the same bytes.
async fn check_files(live: &[Live], checks: &Checks<'_>, report: &mut Report) {
    let mut deleted = [0usize; 2];
    for entry in live {
        let number = entry.mapped.number;
        let photos = entry.mapped.originals.iter().zip(&entry.mapped.derivatives);
        for (i, (original, [large, thumb])) in photos.enumerate() {
            let photo = i + 1;
            let [original_gone, derivatives_gone] =
                entry.deleted.get(i).copied().unwrap_or_default();
            deleted[0] += usize::from(original_gone);
            deleted[1] += usize::from(derivatives_gone);
            for (what, hash, gone) in [
                ("original", original, original_gone),
                ("large image", large, derivatives_gone),
                ("thumbnail", thumb, derivatives_gone),
            ] {
                if gone {
                    continue;
                }
                match checks.files.read(hash.clone()).await {
                    Ok(bytes) if sha256_hex(&bytes) == *hash => {}
                    Ok(_) => report.problems.push(format!(
                        "entry {number}: the stored {what} of photo {photo} does not match its hash (changed on disk)"
                    )),
                    Err(_) => report.problems.push(format!(
                        "entry {number}: the stored {what} of photo {photo} is missing"
                    )),
                }
            }
            let Some(limits) = checks
                .rederive
                .filter(|_| !original_gone && !derivatives_gone)
            else {
                continue;
            };
            let Ok(bytes) = checks.files.read(original.clone()).await else {
                continue;
            };
            let limits = *limits;
            let derived =
                tokio::task::spawn_blocking(move || crate::images::derive(&bytes, &limits))
                    .await
                    .ok()
                    .and_then(Result::ok);
            let Some(derived) = derived else {
                report.problems.push(format!(
                    "entry {number}: the original of photo {photo} no longer goes through the pipeline"
                ));
                continue;
            };
            for (what, made, stored) in [
                ("large image", &derived.large.bytes, large),
                ("thumbnail", &derived.thumb.bytes, thumb),
            ] {
                if sha256_hex(made) != *stored {
                    report.problems.push(format!(
                        "entry {number}: the {what} of photo {photo} made again from the original differs from the stored one"
                    ));
                }
            }
        }
    }
    if deleted != [0, 0] {
        report.notes.push(format!(
            "{} originals and {} photos' large images and thumbnails were deleted on purpose (retention of entries that won nothing, or a withdrawal): their files are not read, their hashes are still checked against the commitment",
            deleted[0], deleted[1]
        ));
    }
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
