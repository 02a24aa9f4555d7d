//! Keeping the photo store tidy and moving it: `photojury storage gc`
//! removes files no row references (what a crash between an upload's files
//! and its row leaves), and `photojury storage copy` moves every referenced
//! file between the data dir and a bucket, checking each SHA-256. Both work
//! on either kind of store ([`Objects`]).

use std::collections::HashSet;

use crate::db::Db;
use crate::images::Objects;
use crate::images::store::sha256_hex;
use crate::submissions::queries::files_still_needed;

/// Files younger than this are never collected: an upload in flight has
/// written its files and not yet committed its row (a request lasts at most
/// ten minutes).
pub const GC_MIN_AGE_SECONDS: i64 = 3600;

/// Hashes looked up at once (each is bound four times: well under every
/// database's limit of bound parameters).
const LOOKUP_BATCH: usize = 400;

/// What a collection found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Collected {
    /// Files in the store.
    pub stored: usize,
    /// Files a row references (kept).
    pub referenced: usize,
    /// Unreferenced files younger than an hour (kept).
    pub young: usize,
    /// Unreferenced files older than an hour: removed, or listed only.
    pub unreferenced: Vec<String>,
    /// Of those, the ones that could not be removed.
    pub failed: usize,
}

/// Finds the stored files no row references that are older than an hour
/// at `now` (unix seconds) and, unless `dry_run`, removes them.
pub async fn collect(
    db: &Db,
    files: &Objects,
    now: i64,
    dry_run: bool,
) -> anyhow::Result<Collected> {
    let listed = files.list().await?;
    let mut found = Collected {
        stored: listed.len(),
        ..Collected::default()
    };
    let (old, young): (Vec<_>, Vec<_>) = listed
        .into_iter()
        .partition(|object| object.modified <= now - GC_MIN_AGE_SECONDS);
    let old: Vec<String> = old.into_iter().map(|object| object.hash).collect();
    let young: Vec<String> = young.into_iter().map(|object| object.hash).collect();
    for chunk in young.chunks(LOOKUP_BATCH) {
        let needed = files_still_needed(db, chunk).await?;
        found.referenced += needed.len();
        found.young += chunk.len() - needed.len();
    }
    for chunk in old.chunks(LOOKUP_BATCH) {
        let needed = files_still_needed(db, chunk).await?;
        found.referenced += needed.len();
        for hash in chunk.iter().filter(|hash| !needed.contains(*hash)) {
            found.unreferenced.push(hash.clone());
        }
    }
    if !dry_run {
        // Each is looked up again just before it goes: a row committed since
        // the first look keeps its file.
        for chunk in found.unreferenced.clone().chunks(LOOKUP_BATCH) {
            let needed = files_still_needed(db, chunk).await?;
            for hash in chunk {
                if needed.contains(hash) {
                    found.unreferenced.retain(|h| h != hash);
                    found.referenced += 1;
                } else if let Err(err) = files.remove(hash).await {
                    tracing::warn!(error = %err, file = %hash, "could not remove a stored file");
                    found.failed += 1;
                }
            }
        }
    }
    Ok(found)
}

/// The hashes every row references (originals, derivatives, camera
/// originals), leaving out files deleted on purpose (retention, a withdrawal).
pub async fn referenced(conn: &mut sqlx::AnyConnection) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT CASE WHEN original_deleted_at IS NULL THEN original_sha256 END, \
         CASE WHEN derivatives_deleted_at IS NULL THEN large_sha256 END, \
         CASE WHEN derivatives_deleted_at IS NULL THEN thumb_sha256 END FROM photos",
    )
    .fetch_all(&mut *conn)
    .await?;
    // Camera originals received at finalist verification are kept too.
    let camera_originals: Vec<String> =
        sqlx::query_scalar("SELECT file_sha256 FROM verifications WHERE file_sha256 IS NOT NULL")
            .fetch_all(&mut *conn)
            .await?;
    let mut hashes: Vec<String> = rows
        .into_iter()
        .flat_map(|(a, b, c)| [a, b, c])
        .flatten()
        .chain(camera_originals)
        .collect();
    hashes.sort();
    hashes.dedup();
    Ok(hashes)
}

/// What a copy did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    /// Files copied now, each read back from the target and its SHA-256 checked.
    pub copied: usize,
    /// Files the target already held (an earlier, interrupted copy).
    pub present: usize,
}

/// Copies the listed files from `from` to `to`: each is read, checked
/// against its SHA-256, written, read back from `to` and checked again.
/// Files `to` already holds are not copied again, so an interrupted copy
/// is finished by running it once more. `progress` is called after each file.
pub async fn copy(
    from: &Objects,
    to: &Objects,
    hashes: &[String],
    mut progress: impl FnMut(usize),
) -> anyhow::Result<Copied> {
    let mut done = Copied::default();
    let mut seen = HashSet::with_capacity(hashes.len());
    for (i, hash) in hashes.iter().enumerate() {
        if !seen.insert(hash) {
            continue;
        }
        if to.size(hash).await?.is_some() {
            done.present += 1;
        } else {
            let bytes = from.read(hash.clone()).await.map_err(|e| {
                anyhow::anyhow!("the file {hash} that a row references cannot be read: {e}")
            })?;
            if !hash_matches(hash, &bytes) {
                anyhow::bail!("the stored file {hash} does not match its SHA-256");
            }
            to.put_all(vec![bytes::Bytes::from(bytes)]).await?;
            let back = to.read(hash.clone()).await?;
            if !hash_matches(hash, &back) {
                anyhow::bail!("the copy of {hash} does not match its SHA-256");
            }
            done.copied += 1;
        }
        progress(i + 1);
    }
    Ok(done)
}

/// Whether `bytes` hash to `hash` (inline: this runs in a command, not a
/// request handler).
fn hash_matches(hash: &str, bytes: &[u8]) -> bool {
    sha256_hex(bytes) == hash
}
