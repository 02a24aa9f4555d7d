//! Writing photo rows: a new photo with a freshly drawn entry number, and new
//! files under an existing number. The files a row names are stored first.

use crate::db::Db;
use crate::images::exif::Capture;
use crate::images::fingerprint::Fingerprint;
use crate::submissions::likeness::{self, Recorded};
use crate::submissions::numbers::EntryNumber;
use crate::submissions::queries::duplicate_of;

/// The stored files and sizes of an accepted photo.
#[derive(Debug, Clone)]
pub struct StoredPhoto {
    /// See [`Photo::title`](crate::submissions::queries::Photo::title).
    pub title: String,
    /// See [`Photo::caption`](crate::submissions::queries::Photo::caption).
    pub caption: String,
    /// See [`Photo::original_sha256`](crate::submissions::queries::Photo::original_sha256).
    pub original_sha256: String,
    /// See [`Photo::original_bytes`](crate::submissions::queries::Photo::original_bytes).
    pub original_bytes: i64,
    /// See [`Photo::large_sha256`](crate::submissions::queries::Photo::large_sha256).
    pub large_sha256: String,
    /// See [`Photo::thumb_sha256`](crate::submissions::queries::Photo::thumb_sha256).
    pub thumb_sha256: String,
    /// See [`Photo::width`](crate::submissions::queries::Photo::width).
    pub width: i64,
    /// See [`Photo::height`](crate::submissions::queries::Photo::height).
    pub height: i64,
    /// What finds the same photograph entered again (`None`: not made).
    pub fingerprint: Option<Fingerprint>,
    /// What the camera wrote, for the admin.
    pub capture: Capture,
}

impl StoredPhoto {
    fn taken(&self) -> Option<String> {
        self.capture.taken.map(|t| t.to_string())
    }
}

/// The fingerprint and capture columns every write of a photo's files sets.
const FACTS: &str = "pixels_sha256, dhash, dhash_mirror, blockhash, phash, taken, camera, camera_serial, image_unique_id";

/// Binds [`FACTS`] in order.
fn bind_facts<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    photo: &'q StoredPhoto,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let fp = photo.fingerprint.as_ref();
    query
        .bind(fp.map(|f| f.pixels.clone()))
        .bind(fp.map(|f| f.dhash))
        .bind(fp.map(|f| f.dhash_mirror))
        .bind(fp.map(|f| f.block))
        .bind(fp.map(|f| f.phash))
        .bind(photo.taken())
        .bind(photo.capture.camera.clone())
        .bind(photo.capture.serial.clone())
        .bind(photo.capture.unique_id.clone())
}

/// Indexes the photo's fingerprints and records the pairs it makes.
async fn record_likeness(
    tx: &mut sqlx::AnyConnection,
    (contest_id, portfolio_id, photo_id): (i64, i64, i64),
    photo: &StoredPhoto,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(fingerprint) = &photo.fingerprint else {
        return Ok(());
    };
    let recorded = Recorded {
        contest_id,
        portfolio_id,
        photo_id,
        fingerprint,
        capture: &photo.capture,
    };
    likeness::record(tx, &recorded, now).await
}

/// What became of a photo row to insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Added with this row id.
    Added(i64),
    /// The portfolio already holds this many photos, the most it may.
    Full(i64),
    /// The same photo is already in the contest (it raced in).
    Duplicate,
}

/// Adds a photo at the end of the portfolio, with a fresh entry number when
/// photos are judged, unless the portfolio already holds `limit` photos. The
/// files it names must already be stored durably.
///
/// The count and the insert happen in one transaction that first writes the
/// portfolio's row: on PostgreSQL that holds the row lock, on SQLite the
/// write lock, so uploads racing into one portfolio are counted one after
/// another and never pass the limit together.
pub async fn insert_photo(
    db: &Db,
    contest_id: i64,
    portfolio_id: i64,
    photo: &StoredPhoto,
    numbered: bool,
    limit: i64,
    now: i64,
) -> Result<Inserted, sqlx::Error> {
    let mut last_err = None;
    for _ in 0..20 {
        let mut tx = db.pool.begin().await?;
        sqlx::query("UPDATE portfolios SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(portfolio_id)
            .execute(&mut *tx)
            .await?;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photos WHERE portfolio_id = $1")
            .bind(portfolio_id)
            .fetch_one(&mut *tx)
            .await?;
        if count >= limit {
            return Ok(Inserted::Full(count));
        }
        let digits = crate::submissions::numbers::digits_of(&mut *tx, contest_id).await?;
        let number = numbered.then(|| EntryNumber::draw(&mut rand::rng(), digits).get());
        let sql = format!(
            "INSERT INTO photos (portfolio_id, contest_id, number, title, caption, position, original_sha256, \
             original_bytes, large_sha256, thumb_sha256, width, height, created_at, {FACTS}) \
             VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM photos WHERE portfolio_id = $1), \
             $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(portfolio_id)
            .bind(contest_id)
            .bind(number)
            .bind(&photo.title)
            .bind(&photo.caption)
            .bind(&photo.original_sha256)
            .bind(photo.original_bytes)
            .bind(&photo.large_sha256)
            .bind(&photo.thumb_sha256)
            .bind(photo.width)
            .bind(photo.height)
            .bind(now);
        let inserted = bind_facts(query, photo)
            .fetch_one(&mut *tx)
            .await
            .and_then(|row| sqlx::Row::try_get::<i64, _>(&row, 0));
        match inserted {
            Ok(id) => {
                record_likeness(&mut tx, (contest_id, portfolio_id, id), photo, now).await?;
                tx.commit().await?;
                return Ok(Inserted::Added(id));
            }
            // Either the number was taken (draw again) or the same photo raced
            // in (say so). PostgreSQL's transaction is dead after the error.
            Err(err) if crate::db::is_unique_violation(&err) => {
                drop(tx);
                if duplicate_of(db, contest_id, &photo.original_sha256)
                    .await?
                    .is_some()
                {
                    return Ok(Inserted::Duplicate);
                }
                last_err = Some(err);
            }
            Err(err) => return Err(err),
        }
    }
    Err(last_err.unwrap_or(sqlx::Error::RowNotFound))
}

/// Replaces a photo's files and fingerprints, keeping its number, title and
/// place; its old pairs go and its new ones are found.
pub async fn replace_photo_files(
    db: &Db,
    (contest_id, portfolio_id): (i64, i64),
    photo_id: i64,
    photo: &StoredPhoto,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let facts: Vec<String> = FACTS
        .split(", ")
        .zip(9..)
        .map(|(column, at)| format!("{column} = ${at}"))
        .collect();
    let sql = format!(
        "UPDATE photos SET original_sha256 = $1, original_bytes = $2, large_sha256 = $3, thumb_sha256 = $4, \
         width = $5, height = $6, {} WHERE id = $7 AND portfolio_id = $8",
        facts.join(", ")
    );
    let query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&photo.original_sha256)
        .bind(photo.original_bytes)
        .bind(&photo.large_sha256)
        .bind(&photo.thumb_sha256)
        .bind(photo.width)
        .bind(photo.height)
        .bind(photo_id)
        .bind(portfolio_id);
    let done = bind_facts(query, photo).execute(&mut *tx).await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    likeness::forget(&mut tx, photo_id).await?;
    record_likeness(&mut tx, (contest_id, portfolio_id, photo_id), photo, now).await?;
    tx.commit().await?;
    Ok(true)
}
