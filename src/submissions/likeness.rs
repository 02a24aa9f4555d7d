//! Photos of a contest that look like one photograph, or come from one
//! camera body or one exposure, found when a photo is stored and shown on
//! screening, side by side with both participants, for the admin alone.
//!
//! Near pairs are found through the indexed 8-bit slices of each perceptual
//! hash (`Fingerprint::slices`): 32 index lookups per upload, and only the
//! photos that share two slices or more are read and compared, never a walk
//! over the contest's photos.

use sqlx::AnyConnection;

use crate::db::Db;
use crate::images::exif::Capture;
use crate::images::fingerprint::{self, Fingerprint, Likeness};
use crate::submissions::queries::Duplicate;

/// Most pairs one camera serial or image id may add per upload: a value
/// shared by dozens of participants is a camera's placeholder, not a clue.
const MAX_CAMERA_PAIRS: i64 = 20;

/// A photo just stored, with what finds its likes.
pub struct Recorded<'a> {
    /// Its contest.
    pub contest_id: i64,
    /// Its portfolio.
    pub portfolio_id: i64,
    /// Its row.
    pub photo_id: i64,
    /// Its fingerprints.
    pub fingerprint: &'a Fingerprint,
    /// What its camera wrote.
    pub capture: &'a Capture,
}

/// Why two photos are shown together on screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// The same decoded pixels.
    Identical,
    /// The same photograph, edited.
    Near,
    /// The same photograph, mirrored.
    Mirrored,
    /// The same camera body serial number.
    Camera,
    /// The same EXIF image unique id: one exposure.
    ImageId,
}

impl PairKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Identical => "identical",
            Self::Near => "near",
            Self::Mirrored => "mirrored",
            Self::Camera => "camera",
            Self::ImageId => "image_id",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        [
            Self::Identical,
            Self::Near,
            Self::Mirrored,
            Self::Camera,
            Self::ImageId,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == raw)
    }
}

async fn add_pair(
    tx: &mut AnyConnection,
    photo: &Recorded<'_>,
    other: i64,
    kind: PairKind,
    distance: u32,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (a, b) = (photo.photo_id.min(other), photo.photo_id.max(other));
    sqlx::query(
        "INSERT INTO photo_pairs (photo_a, photo_b, contest_id, kind, distance, found_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(a)
    .bind(b)
    .bind(photo.contest_id)
    .bind(kind.as_str())
    .bind(i64::from(distance))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Indexes a stored photo's dHash and records every pair it makes, inside
/// the transaction that wrote its row (a crash leaves both or neither).
pub async fn record(
    tx: &mut AnyConnection,
    photo: &Recorded<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let fp = photo.fingerprint;
    let mut insert =
        String::from("INSERT INTO photo_hash_bands (contest_id, band, value, photo_id) VALUES ");
    let slices = fp.slices();
    for i in 0..slices.len() {
        let at = i * 2 + 3;
        insert.push_str(&format!(
            "{}($1, ${at}, ${}, $2)",
            if i == 0 { "" } else { ", " },
            at + 1
        ));
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(insert))
        .bind(photo.contest_id)
        .bind(photo.photo_id);
    for (band, value) in slices {
        query = query.bind(band).bind(value);
    }
    query.execute(&mut *tx).await?;

    for candidate in candidates(tx, photo).await? {
        if let Some(likeness) = fingerprint::likeness(fp, &candidate.fingerprint) {
            let (kind, distance) = match likeness {
                Likeness::Identical => (PairKind::Identical, 0),
                Likeness::Near(d) => (PairKind::Near, d),
                Likeness::Mirrored(d) => (PairKind::Mirrored, d),
            };
            add_pair(tx, photo, candidate.id, kind, distance, now).await?;
        }
    }
    let shared = [
        (PairKind::Camera, "camera_serial", &photo.capture.serial),
        (
            PairKind::ImageId,
            "image_unique_id",
            &photo.capture.unique_id,
        ),
    ];
    for (kind, column, value) in shared {
        let Some(value) = value.as_deref().filter(|v| !placeholder(v)) else {
            continue;
        };
        let sql = format!(
            "SELECT id FROM photos WHERE contest_id = $1 AND {column} = $2 AND portfolio_id <> $3 \
             ORDER BY id LIMIT {MAX_CAMERA_PAIRS}"
        );
        let others: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(photo.contest_id)
            .bind(value)
            .bind(photo.portfolio_id)
            .fetch_all(&mut *tx)
            .await?;
        for other in others {
            add_pair(tx, photo, other, kind, 0, now).await?;
        }
    }
    Ok(())
}

/// A serial or id some cameras write for every body or exposure.
fn placeholder(value: &str) -> bool {
    value.chars().all(|c| matches!(c, '0' | ' ' | '-'))
}

struct Candidate {
    id: i64,
    fingerprint: Fingerprint,
}

/// Photos sharing a dHash slice with the photo or its mirror, or its pixels.
async fn candidates(
    tx: &mut AnyConnection,
    photo: &Recorded<'_>,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let fp = photo.fingerprint;
    let slices = fp.probes();
    let lookups: Vec<String> = (0..slices.len())
        .map(|i| {
            format!(
                "SELECT photo_id FROM photo_hash_bands WHERE contest_id = $1 AND band = ${} AND value = ${}",
                i * 2 + 4,
                i * 2 + 5
            )
        })
        .collect();
    // A stored photo must share at least MIN_SHARED_SLICES slices: the
    // index rows read grow with the contest (1/256 of it per slice), the
    // rows fetched and compared hardly do.
    let sql = format!(
        "SELECT id, pixels_sha256, dhash, dhash_mirror, blockhash, phash FROM photos \
         WHERE id <> $2 AND dhash IS NOT NULL AND id IN (\
         SELECT photo_id FROM ({}) hits GROUP BY photo_id HAVING COUNT(*) >= {} \
         UNION SELECT id FROM photos WHERE contest_id = $1 AND pixels_sha256 = $3)",
        lookups.join(" UNION ALL "),
        fingerprint::MIN_SHARED_SLICES
    );
    let mut query =
        sqlx::query_as::<_, (i64, String, i64, i64, i64, i64)>(sqlx::AssertSqlSafe(sql))
            .bind(photo.contest_id)
            .bind(photo.photo_id)
            .bind(&fp.pixels);
    for (band, value) in slices {
        query = query.bind(band).bind(value);
    }
    Ok(query
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(
            |(id, pixels, dhash, dhash_mirror, block, phash)| Candidate {
                id,
                fingerprint: Fingerprint {
                    pixels,
                    dhash,
                    dhash_mirror,
                    block,
                    phash,
                },
            },
        )
        .collect())
}

/// A photo of this portfolio with the same decoded pixels, if any: the same
/// picture saved again, which is refused rather than paired.
pub async fn same_pixels_in(
    db: &Db,
    portfolio_id: i64,
    pixels: &str,
) -> Result<Option<Duplicate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, portfolio_id FROM photos WHERE portfolio_id = $1 AND pixels_sha256 = $2 \
         ORDER BY id LIMIT 1",
    )
    .bind(portfolio_id)
    .bind(pixels)
    .fetch_optional(&db.pool)
    .await
}

/// Drops a photo's index slices and pairs (its files are being replaced).
pub async fn forget(tx: &mut AnyConnection, photo_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM photo_hash_bands WHERE photo_id = $1")
        .bind(photo_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM photo_pairs WHERE photo_a = $1 OR photo_b = $1")
        .bind(photo_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// One pair as screening shows it, from one portfolio's side.
#[derive(Debug, Clone)]
pub struct Pair {
    /// This portfolio's photo.
    pub photo_id: i64,
    /// Why they are shown together.
    pub kind: PairKind,
    /// Bits in which their hashes differ (near and mirrored pairs).
    pub distance: i64,
    /// The other photo.
    pub other_photo_id: i64,
    /// Its entry number, if numbered.
    pub other_number: Option<i64>,
    /// Its portfolio.
    pub other_portfolio_id: i64,
    /// Its author, as entered (screening is for admins).
    pub other_name: String,
}

impl Pair {
    /// Whether both photos are in one portfolio: a bracketed sibling, not a theft.
    pub fn same_portfolio(&self, portfolio_id: i64) -> bool {
        self.other_portfolio_id == portfolio_id
    }

    /// What the admin reads beside the two photos.
    pub fn label(&self, portfolio_id: i64) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        if self.same_portfolio(portfolio_id) {
            return Msg::new(match self.kind {
                PairKind::Identical => "pair-same-pixels-within",
                _ => "pair-similar-within",
            });
        }
        let key = match self.kind {
            PairKind::Identical => "pair-same-pixels",
            PairKind::Near => "pair-near",
            PairKind::Mirrored => "pair-mirrored",
            PairKind::Camera => "pair-camera",
            PairKind::ImageId => "pair-image-id",
        };
        Msg::new(key)
            .arg("who", self.other_name.as_str())
            .arg("bits", self.distance)
    }
}

/// The pairs of one portfolio's photos, each seen from its own photo.
pub async fn pairs_of_portfolio(db: &Db, portfolio_id: i64) -> Result<Vec<Pair>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (i64, String, i64, i64, Option<i64>, i64, String)>(
        "SELECT mine.id, pp.kind, pp.distance, other.id, other.number, other.portfolio_id, po.full_name \
         FROM photos mine \
         JOIN photo_pairs pp ON pp.photo_a = mine.id OR pp.photo_b = mine.id \
         JOIN photos other ON other.id = CASE WHEN pp.photo_a = mine.id THEN pp.photo_b ELSE pp.photo_a END \
         JOIN portfolios po ON po.id = other.portfolio_id \
         WHERE mine.portfolio_id = $1 ORDER BY mine.position, other.id, pp.kind",
    )
    .bind(portfolio_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(
                photo_id,
                kind,
                distance,
                other_photo_id,
                other_number,
                other_portfolio_id,
                other_name,
            )| {
                Some(Pair {
                    photo_id,
                    kind: PairKind::parse(&kind)?,
                    distance,
                    other_photo_id,
                    other_number,
                    other_portfolio_id,
                    other_name,
                })
            },
        )
        .collect())
}

/// What the camera wrote about one photo, for screening.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CameraFacts {
    /// The photo.
    pub photo_id: i64,
    /// DateTimeOriginal with its offset, as the camera wrote it.
    pub taken: Option<String>,
    /// Make and model.
    pub camera: Option<String>,
}

/// The camera facts of one portfolio's photos.
pub async fn camera_facts(db: &Db, portfolio_id: i64) -> Result<Vec<CameraFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id AS photo_id, taken, camera FROM photos WHERE portfolio_id = $1 ORDER BY position",
    )
    .bind(portfolio_id)
    .fetch_all(&db.pool)
    .await
}

/// Photos of a contest without a capture date in their file (flagged when
/// the contest has a capture window).
pub async fn undated(db: &Db, contest_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM photos WHERE contest_id = $1 AND taken IS NULL AND pixels_sha256 IS NOT NULL",
    )
    .bind(contest_id)
    .fetch_one(&db.pool)
    .await
}

/// Pairs of a contest between two participants, and within one portfolio.
pub async fn counts(db: &Db, contest_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT COALESCE(SUM(CASE WHEN a.portfolio_id <> b.portfolio_id THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN a.portfolio_id = b.portfolio_id THEN 1 ELSE 0 END), 0) \
         FROM photo_pairs pp JOIN photos a ON a.id = pp.photo_a JOIN photos b ON b.id = pp.photo_b \
         WHERE pp.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_one(&db.pool)
    .await
}
