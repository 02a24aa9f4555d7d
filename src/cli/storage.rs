//! `photojury storage gc` and `photojury storage copy --to URL`: the
//! commands over `workflow::storage`, which print what they found and did.

use crate::config::Config;
use crate::images::Objects;
use crate::workflow::storage::{GC_MIN_AGE_SECONDS, collect, copy, referenced};

/// `photojury storage gc [--dry-run]`.
pub(super) async fn gc(config: &Config, dry_run: bool) -> anyhow::Result<()> {
    let db = super::open(config).await?;
    let files = open_store(config).await?;
    let now = chrono::Utc::now().timestamp();
    let found = collect(&db, &files, now, dry_run).await?;
    for hash in &found.unreferenced {
        println!("{hash}");
    }
    let verb = if dry_run {
        "would be removed (--dry-run)"
    } else {
        "removed"
    };
    println!(
        "{}: {} files, {} referenced, {} unreferenced but younger than {} minutes (kept), {} unreferenced {verb}.",
        files.label(),
        found.stored,
        found.referenced,
        found.young,
        GC_MIN_AGE_SECONDS / 60,
        found.unreferenced.len() - found.failed,
    );
    if found.failed > 0 {
        anyhow::bail!("{} files could not be removed (see the log)", found.failed);
    }
    Ok(())
}

/// `photojury storage copy --to URL`: every referenced file from the
/// configured store (the data dir, or `--storage-url`) to `to`, an
/// `s3://…` URL or a folder (laid out like a data dir).
pub(super) async fn copy_to(config: &Config, to: &str) -> anyhow::Result<()> {
    let db = super::open(config).await?;
    let from = open_store(config).await?;
    let target = if to.starts_with("s3://") {
        Objects::open(&config.data_dir, Some(to))?
    } else {
        Objects::open(std::path::Path::new(to), None)?
    };
    target
        .check()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach {}: {e}", target.label()))?;
    let mut conn = db.pool.acquire().await?;
    let hashes = referenced(&mut conn).await?;
    drop(conn);
    let total = hashes.len();
    println!(
        "Copying {total} referenced files from {} to {}.",
        from.label(),
        target.label()
    );
    let done = copy(&from, &target, &hashes, |n| {
        if n % 1000 == 0 {
            println!("{n} of {total}");
        }
    })
    .await?;
    println!(
        "Done: {} copied to {}, each read back and checked against its SHA-256; {} already there.",
        done.copied,
        target.label(),
        done.present
    );
    Ok(())
}

async fn open_store(config: &Config) -> anyhow::Result<Objects> {
    let files = Objects::open(&config.data_dir, config.storage_url.as_deref())?;
    files
        .check()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach {}: {e}", files.label()))?;
    Ok(files)
}
