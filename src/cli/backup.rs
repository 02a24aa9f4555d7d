//! `photojury backup --to DIR` and `photojury restore --from DIR`: a
//! consistent copy of the embedded database (SQLite's `VACUUM INTO`, taken
//! while the server runs, never a file copy of a live WAL database) and of
//! every stored file a row of that copy references, with a manifest of
//! SHA-256s. Files are content-addressed, so a second backup to the same
//! folder copies only new ones. The backup folder is laid out like a data
//! dir; `restore` rebuilds a data dir from it and checks every hash and
//! `PRAGMA integrity_check`. With PostgreSQL the database is `pg_dump`'s job
//! and these commands copy the files. With `--storage-url` the files come
//! from (and are restored into) the bucket.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::Connection;

use crate::config::Config;
use crate::db::{Backend, Db};
use crate::images::Objects;
use crate::images::store::{create_private_dir, sha256_hex};
use crate::workflow::storage::{copy, referenced};

/// The database file's name in a backup (as in a data dir).
const DB_FILE: &str = "photojury.db";
/// The manifest's name.
const MANIFEST: &str = "manifest.json";

/// What a backup holds, written last: a folder without it is not a backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `photojury-backup-v1`.
    pub format: String,
    /// UTC unix seconds when the database copy was taken.
    pub created_at: i64,
    /// SHA-256 of `photojury.db`, or `None` with PostgreSQL (use pg_dump).
    pub database_sha256: Option<String>,
    /// Every referenced file: SHA-256 → size in bytes.
    pub files: BTreeMap<String, u64>,
}

/// Opens a database file read-only, outside any pool (no migration, no WAL).
async fn open_copy(path: &Path) -> anyhow::Result<sqlx::AnyConnection> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    sqlx::AnyConnection::connect(&url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// `photojury backup --to DIR`.
pub(super) async fn backup(config: &Config, dir: &Path) -> anyhow::Result<()> {
    create_private_dir(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let db = super::open(config).await?;
    let created_at = chrono::Utc::now().timestamp();
    let (hashes, database_sha256) = match db.backend {
        Backend::Sqlite => {
            let partial = dir.join(format!("{DB_FILE}.partial"));
            let _ = std::fs::remove_file(&partial);
            let target = partial.display().to_string().replace('\'', "''");
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{target}'")))
                .execute(&db.pool)
                .await
                .map_err(|e| anyhow::anyhow!("cannot copy the database: {e}"))?;
            std::fs::File::open(&partial)?.sync_all()?;
            let mut conn = open_copy(&partial).await?;
            let hashes = referenced(&mut conn).await?;
            conn.close().await?;
            std::fs::rename(&partial, dir.join(DB_FILE))?;
            sync_dir(dir)?;
            let bytes = std::fs::read(dir.join(DB_FILE))?;
            (hashes, Some(sha256_hex(&bytes)))
        }
        Backend::Postgres => {
            println!(
                "PostgreSQL: back up the database itself with pg_dump (for example `pg_dump -Fc DBNAME > photojury.dump`); this command copies the files."
            );
            let mut conn = db.pool.acquire().await?;
            (referenced(&mut conn).await?, None)
        }
    };
    let live = Objects::open(&config.data_dir, config.storage_url.as_deref())?;
    let target = Objects::open(dir, None)?;
    let done = copy(&live, &target, &hashes, |_| ()).await?;
    let (copied, present) = (done.copied, done.present);
    let mut files = BTreeMap::new();
    for hash in &hashes {
        let size = target.size(hash).await?.unwrap_or(0);
        files.insert(hash.clone(), size);
    }
    let manifest = Manifest {
        format: "photojury-backup-v1".into(),
        created_at,
        database_sha256,
        files,
    };
    let partial = dir.join(format!("{MANIFEST}.partial"));
    std::fs::write(&partial, serde_json::to_vec_pretty(&manifest)?)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, dir.join(MANIFEST))?;
    sync_dir(dir)?;
    record(&db, created_at, &manifest).await?;
    println!(
        "Backup in {}: database {}, {} files ({copied} copied now, {present} already there).",
        dir.display(),
        if manifest.database_sha256.is_some() {
            "copied"
        } else {
            "left to pg_dump"
        },
        hashes.len()
    );
    Ok(())
}

/// Notes the backup in the audit log, so the admin sees when the last one ran.
async fn record(db: &Db, at: i64, manifest: &Manifest) -> anyhow::Result<()> {
    let detail = format!(
        "{} files; database {}",
        manifest.files.len(),
        manifest.database_sha256.as_deref().unwrap_or("(pg_dump)")
    );
    crate::audit::record(db, at, None, "system.backup", None, &detail).await?;
    Ok(())
}

/// `photojury restore --from DIR` into the (new) data dir of `config`.
pub(super) async fn restore(config: &Config, from: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(from.join(MANIFEST)).map_err(|e| {
        anyhow::anyhow!(
            "{} has no manifest (not a finished backup): {e}",
            from.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)?;
    create_private_dir(&config.data_dir)?;
    let db_target: Option<PathBuf> = crate::db::sqlite_path(&config.database_url);
    if let (Some(expected), Some(target)) = (&manifest.database_sha256, &db_target) {
        if target.exists() {
            anyhow::bail!("{} exists: restore into a new data dir", target.display());
        }
        let bytes = std::fs::read(from.join(DB_FILE))?;
        if sha256_hex(&bytes) != *expected {
            anyhow::bail!("the backup's database does not match its manifest");
        }
        let partial = target.with_extension("db.partial");
        crate::db::create_private_file_if_missing(&partial)?;
        std::fs::write(&partial, &bytes)?;
        std::fs::File::open(&partial)?.sync_all()?;
        let mut conn = open_copy(&partial).await?;
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await?;
        if check != "ok" {
            anyhow::bail!("the backup's database fails its integrity check: {check}");
        }
        let hashes = referenced(&mut conn).await?;
        conn.close().await?;
        let missing: Vec<&String> = hashes
            .iter()
            .filter(|h| !manifest.files.contains_key(*h))
            .collect();
        if !missing.is_empty() {
            anyhow::bail!("{} referenced files are not in the manifest", missing.len());
        }
        std::fs::rename(&partial, target)?;
    } else if manifest.database_sha256.is_some() {
        anyhow::bail!(
            "this backup holds a SQLite database; restore it with a SQLite --database-url"
        );
    } else {
        println!(
            "PostgreSQL: restore the database with pg_restore; this command restores the files."
        );
    }
    let source = Objects::open(from, None)?;
    let target = Objects::open(&config.data_dir, config.storage_url.as_deref())?;
    let hashes: Vec<String> = manifest.files.keys().cloned().collect();
    let done = copy(&source, &target, &hashes, |_| ()).await?;
    let (copied, present) = (done.copied, done.present);
    println!(
        "Restored into {}: database checked (integrity ok), {} files checked against their SHA-256 ({copied} copied, {present} already there).",
        config.data_dir.display(),
        hashes.len()
    );
    Ok(())
}
