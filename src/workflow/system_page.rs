//! The admin's system page: the version, the database, the data dir's disk
//! use and free space, where photos are stored, the last backup, warnings
//! an operator should act on (disk under 10% free, no backup in 24 hours),
//! and each contest's retention of originals with the form to set it.

use std::path::Path;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::db::Db;
use crate::i18n::{Lang, Msg};
use crate::metrics::DiskSpace;
use crate::web::{Ctx, Nav, render};
use crate::{error::AppError, state::AppState};

/// Below this share of free space the page warns.
const LOW_DISK: f64 = 0.10;
/// A backup older than this (seconds) is a warning.
const BACKUP_AGE: i64 = 24 * 3600;

/// One contest's line in the retention table.
pub struct RetentionLine {
    /// Row id (the form's address).
    pub id: i64,
    /// The contest's title.
    pub title: String,
    /// Its phase.
    pub phase: String,
    /// When the winners were announced, formatted; empty if not yet.
    pub announced: String,
    /// The days set, as the form shows them (empty: kept until changed).
    pub days: String,
    /// Photos in the contest.
    pub photos: i64,
    /// Photos whose files retention (or a withdrawal) deleted.
    pub deleted: i64,
}

#[derive(Template)]
#[template(path = "admin/system.html")]
struct SystemPage {
    nav: Nav,
    version: &'static str,
    profile: &'static str,
    database: String,
    data_dir: String,
    used: String,
    files: u64,
    disk: String,
    last_backup: String,
    warnings: Vec<Msg>,
    contests: Vec<RetentionLine>,
}

/// `1.2 GB`: bytes as people read them.
fn human(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The bytes and number of files under `dir` (the data dir: the database,
/// its log, the stored photos). A walk: this page is for an admin, seldom.
fn disk_use(dir: &Path) -> (u64, u64) {
    let mut bytes = 0;
    let mut files = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => pending.push(entry.path()),
                Ok(meta) => {
                    bytes += meta.len();
                    files += 1;
                }
                Err(_) => {}
            }
        }
    }
    (bytes, files)
}

/// The database, said without its password, in `lang`.
fn database_label(db: &Db, url: &str, lang: Lang) -> String {
    let pool = lang.msg(
        &Msg::new("system-pool")
            .arg("open", db.pool.size())
            .arg("idle", db.pool.num_idle())
            .arg("max", db.pool.options().get_max_connections()),
    );
    match crate::db::sqlite_path(url) {
        Some(path) => format!("SQLite, {} ({pool})", path.display()),
        None => {
            let place = url::Url::parse(url)
                .map(|u| {
                    format!(
                        "{}:{}{}",
                        u.host_str().unwrap_or(""),
                        u.port().unwrap_or(5432),
                        u.path()
                    )
                })
                .unwrap_or_default();
            format!("PostgreSQL, {place} ({pool})")
        }
    }
}

fn when(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// Each contest with its retention and how many photos' files are gone.
async fn retention_lines(db: &Db) -> Result<Vec<RetentionLine>, sqlx::Error> {
    type Row = (i64, String, String, Option<i64>, Option<i64>, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.title, c.phase, c.announced_at, c.keep_originals_days, \
         (SELECT COUNT(*) FROM photos ph WHERE ph.contest_id = c.id), \
         (SELECT COUNT(*) FROM photos ph WHERE ph.contest_id = c.id \
          AND ph.derivatives_deleted_at IS NOT NULL) \
         FROM contests c ORDER BY c.id DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, phase, announced, days, photos, deleted)| RetentionLine {
                id,
                title,
                phase,
                announced: announced.map(when).unwrap_or_default(),
                days: days.map(|d| d.to_string()).unwrap_or_default(),
                photos,
                deleted,
            },
        )
        .collect())
}

/// What an operator should act on.
fn warnings(space: Option<DiskSpace>, last_backup: Option<i64>, now: i64) -> Vec<Msg> {
    let mut out = Vec::new();
    match space {
        Some(space) if space.available_share() < LOW_DISK => out.push(
            Msg::new("system-low-disk")
                .arg("percent", format!("{:.0}", space.available_share() * 100.0))
                .arg("free", human(space.available))
                .arg("total", human(space.total)),
        ),
        Some(_) => {}
        None => out.push(Msg::new("system-disk-unknown")),
    }
    match last_backup {
        None => out.push(Msg::new("system-no-backup")),
        Some(at) if now - at > BACKUP_AGE => {
            out.push(Msg::new("system-old-backup").arg("when", when(at)));
        }
        Some(_) => {}
    }
    out
}

/// `GET /admin/system`
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let data_dir = state.config.data_dir.clone();
    let walked = data_dir.clone();
    let ((used, files), space) =
        tokio::task::spawn_blocking(move || (disk_use(&walked), DiskSpace::of(&walked))).await?;
    let last_backup: Option<i64> =
        sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE action = 'system.backup'")
            .fetch_one(&state.db.pool)
            .await?;
    let now = state.now().timestamp();
    let page = SystemPage {
        nav: ctx.nav().await?,
        version: env!("CARGO_PKG_VERSION"),
        // A debug build serves photos many times slower: worth seeing here.
        profile: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        database: database_label(&state.db, &state.config.database_url, ctx.lang),
        data_dir: data_dir.display().to_string(),
        used: human(used),
        files,
        disk: space
            .map(|s| {
                let free = Msg::new("system-free-of")
                    .arg("free", human(s.available))
                    .arg("total", human(s.total));
                ctx.lang.msg(&free)
            })
            .unwrap_or_else(|| ctx.lang.text("system-unknown")),
        last_backup: last_backup
            .map(when)
            .unwrap_or_else(|| ctx.lang.text("system-never")),
        warnings: warnings(space, last_backup, now),
        contests: retention_lines(&state.db).await?,
    };
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_disk_and_old_backups_are_warned_about() {
        let full = DiskSpace {
            total: 100_000_000_000,
            available: 5_000_000_000,
        };
        let roomy = DiskSpace {
            total: 100_000_000_000,
            available: 50_000_000_000,
        };
        let now = 1_000_000;
        assert!(warnings(Some(roomy), Some(now - 3600), now).is_empty());
        let both = warnings(Some(full), Some(now - 25 * 3600), now);
        assert_eq!(both.len(), 2);
        assert!(both[0].to_string().contains("5% free (5.0 GB of 100.0 GB)"));
        assert!(both[1].to_string().contains("older than 24 hours"));
        assert!(
            warnings(Some(roomy), None, now)[0]
                .to_string()
                .contains("No backup")
        );
    }
}
