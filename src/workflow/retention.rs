//! Retention: a contest keeps the originals of entries that won nothing for
//! the days its admin set after the announcement; then those photos'
//! originals and derivatives are deleted. The rows stay, with their hashes
//! and the time of deletion, so the commitment, the results and `verify`
//! still hold; winners and exhibition picks are never deleted. The sweep
//! runs hourly in the server (and `photojury retention` runs it once).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::admin::admin_contest;
use crate::db::Db;
use crate::images::Objects;
use crate::submissions::photos::release_files;
use crate::web::Ctx;
use crate::{audit, error::AppError, state::AppState};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Photos marked deleted per statement.
const UPDATE_BATCH: usize = 500;

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Swept {
    /// Contests whose time had come.
    pub contests: usize,
    /// Photos whose files were deleted.
    pub photos: usize,
    /// Stored files removed (a file two rows share goes with the last).
    pub files: usize,
}

/// Photos of a contest past its retention that won nothing and still have
/// files: their id and the three hashes.
type Due = (i64, String, String, String);

/// Deletes the files of every contest whose retention has run out.
pub async fn sweep(db: &Db, files: &Objects, now: i64) -> Result<Swept, AppError> {
    let contests: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, slug, keep_originals_days FROM contests WHERE phase = 'announced' \
         AND keep_originals_days IS NOT NULL AND announced_at IS NOT NULL \
         AND announced_at + keep_originals_days * $1 <= $2 ORDER BY id",
    )
    .bind(DAY)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut swept = Swept::default();
    for (contest_id, slug, days) in contests {
        let due: Vec<Due> = sqlx::query_as(
            "SELECT ph.id, ph.original_sha256, ph.large_sha256, ph.thumb_sha256 FROM photos ph \
             WHERE ph.contest_id = $1 \
             AND (ph.original_deleted_at IS NULL OR ph.derivatives_deleted_at IS NULL) \
             AND NOT EXISTS (SELECT 1 FROM entries e JOIN awards a ON a.entry_id = e.id \
                 WHERE e.portfolio_id = ph.portfolio_id \
                 AND (e.photo_id = ph.id OR e.photo_id IS NULL) \
                 AND (a.award IS NOT NULL OR a.exhibition = 1))",
        )
        .bind(contest_id)
        .fetch_all(&db.pool)
        .await?;
        if due.is_empty() {
            continue;
        }
        let mut tx = db.pool.begin().await?;
        let ids: Vec<i64> = due.iter().map(|(id, ..)| *id).collect();
        for chunk in ids.chunks(UPDATE_BATCH) {
            let list = (2..chunk.len() + 2)
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            // Only numbered placeholders are formatted into the text.
            let sql = format!(
                "UPDATE photos SET original_deleted_at = COALESCE(original_deleted_at, $1), \
                 derivatives_deleted_at = COALESCE(derivatives_deleted_at, $1) WHERE id IN ({list})"
            );
            let mut update = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now);
            for id in chunk {
                update = update.bind(id);
            }
            update.execute(&mut *tx).await?;
        }
        // Camera originals received at verification go with the photos' files.
        let camera_originals = crate::workflow::verification::forget_files(&mut tx, &ids).await?;
        let count = due.len();
        let detail = format!(
            "{slug}: files of {count} photos that won nothing deleted, {days} days after the announcement"
        );
        audit::record_with(
            &mut tx,
            now,
            None,
            "contest.retention",
            Some(contest_id),
            &detail,
        )
        .await?;
        // The rows say "deleted" before any file goes: a crash in between
        // leaves files no row needs (removed by the next sweep's look), never
        // a row pointing at a file that is gone without saying so.
        tx.commit().await?;
        let hashes = due
            .into_iter()
            .flat_map(|(_, original, large, thumb)| [original, large, thumb])
            .chain(camera_originals)
            .collect();
        swept.contests += 1;
        swept.photos += count;
        swept.files += release_files(db, files, hashes).await?;
    }
    Ok(swept)
}

/// Runs the sweep every hour, starting now.
pub fn spawn(state: &AppState) {
    let db = state.db.clone();
    let files = state.files.clone();
    let clock = state.clock.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match sweep(&db, &files, clock.now().timestamp()).await {
                Ok(swept) if swept.photos > 0 => tracing::info!(
                    contests = swept.contests,
                    photos = swept.photos,
                    files = swept.files,
                    "retention: files of entries that won nothing deleted"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "retention sweep failed"),
            }
        }
    });
}

/// The retention form on the system page.
#[derive(Deserialize)]
pub struct RetentionForm {
    /// Days after the announcement; empty: keep until changed.
    #[serde(default)]
    days: String,
}

/// What an admin may set as a contest's retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RetentionRefusal {
    /// Not a whole number of days in range.
    #[error(
        "Give the days as a whole number from 0 to 36500, or leave the field empty to keep the files."
    )]
    NotDays,
}

/// Reads the form's days: `None` keeps the files until changed.
pub fn parse_days(text: &str) -> Result<Option<i64>, RetentionRefusal> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(days) if (0..=36_500).contains(&days) => Ok(Some(days)),
        _ => Err(RetentionRefusal::NotDays),
    }
}

/// `POST /admin/contests/{id}/retention`: sets how long after the
/// announcement the files of entries that won nothing are kept.
pub async fn set(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RetentionForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let days = match parse_days(&form.days) {
        Ok(days) => days,
        Err(_) => {
            return Err(AppError::BadRequest(crate::i18n::Msg::new(
                "retention-not-days",
            )));
        }
    };
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE contests SET keep_originals_days = $1 WHERE id = $2")
        .bind(days)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let detail = match days {
        Some(days) => format!(
            "{}: originals of entries that won nothing kept {days} days after the announcement",
            contest.slug
        ),
        None => format!("{}: originals kept until changed", contest.slug),
    };
    audit::record_with(
        &mut tx,
        now,
        Some(&admin),
        "contest.retention_set",
        Some(id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    ctx.flash_msg(&crate::i18n::Msg::new("retention-saved"))
        .await?;
    Ok(Redirect::to("/admin/system#retention").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_days_are_whole_numbers_or_nothing() {
        assert_eq!(parse_days(""), Ok(None));
        assert_eq!(parse_days(" 90 "), Ok(Some(90)));
        assert_eq!(parse_days("0"), Ok(Some(0)));
        assert_eq!(parse_days("-1"), Err(RetentionRefusal::NotDays));
        assert_eq!(parse_days("1.5"), Err(RetentionRefusal::NotDays));
        assert_eq!(parse_days("36501"), Err(RetentionRefusal::NotDays));
    }
}
