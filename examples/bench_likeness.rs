//! What finding an upload's likes costs as a contest grows, for
//! `scripts/bench-likeness.sh`: a SQLite database seeded with N photos with
//! random fingerprints (and their indexed dHash slices), then the median time
//! of writing one more photo row and recording its pairs
//! (`submissions::likeness::record`, as an upload does in its transaction),
//! for an unrelated photo and for a near copy of a stored one. Each run is
//! rolled back. Prints one Markdown table row.
//!
//!   cargo run --release --example bench_likeness -- N

use std::time::{Duration, Instant};

use photojury::Db;
use photojury::images::exif::Capture;
use photojury::images::fingerprint::Fingerprint;
use photojury::submissions::likeness::{self, Recorded};
use rand::Rng;

const SEED: &str = "
INSERT INTO contests (id, slug, title, theme, description, rules, timezone, opens_at, closes_at,
    max_photos, judging_unit, phase, created_at, updated_at)
    VALUES (1, 'big', 'Big', 't', 'd', 'r', 'UTC', 0, 1000, 5, 'photo', 'open', 0, 0);
INSERT INTO categories (id, contest_id, name, description, position) VALUES (1, 1, 'All', '', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO users (id, email, password_hash, created_at)
    SELECT i, 'person' || i || '@example.org', '!', 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO portfolios (id, contest_id, user_id, category_id, full_name, country, consent_rules,
    consent_name, created_at, updated_at)
    SELECT i, 1, i, 1, 'Person ' || i, 'Kyrgyzstan', 1, 1, 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO photos (id, portfolio_id, contest_id, number, title, position, original_sha256,
    original_bytes, large_sha256, thumb_sha256, width, height, created_at,
    pixels_sha256, dhash, dhash_mirror, blockhash, phash)
    SELECT i, i, 1, 100000 + i, 'Photo ' || i, 0, printf('%064x', i), 1000,
        printf('%064x', 1000000 + i), printf('%064x', 2000000 + i), 2560, 1707, 0,
        printf('%064x', 3000000 + i), random(), random(), random(), random() FROM n;
WITH RECURSIVE b(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM b WHERE k < 7)
INSERT INTO photo_hash_bands (contest_id, band, value, photo_id)
    SELECT 1, b.k, (p.dhash >> (56 - 8 * b.k)) & 255, p.id FROM photos p, b
    UNION ALL SELECT 1, 8 + b.k, (p.blockhash >> (56 - 8 * b.k)) & 255, p.id FROM photos p, b
    UNION ALL SELECT 1, 16 + b.k, (p.phash >> (56 - 8 * b.k)) & 255, p.id FROM photos p, b;
";

fn median(mut runs: Vec<Duration>) -> String {
    runs.sort();
    format!("{:.2} ms", runs[runs.len() / 2].as_secs_f64() * 1000.0)
}

/// Writes a photo row and records its pairs, then rolls back.
async fn one_upload(db: &Db, n: i64, fingerprint: &Fingerprint) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO photos (portfolio_id, contest_id, number, title, position, original_sha256, \
         original_bytes, large_sha256, thumb_sha256, width, height, created_at, pixels_sha256, \
         dhash, dhash_mirror, blockhash, phash) VALUES (1, 1, NULL, '', 9, 'x', 1, 'y', 'z', 1, 1, 0, \
         $1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&fingerprint.pixels)
    .bind(fingerprint.dhash)
    .bind(fingerprint.dhash_mirror)
    .bind(fingerprint.block)
    .bind(fingerprint.phash)
    .fetch_one(&mut *tx)
    .await?;
    let recorded = Recorded {
        contest_id: 1,
        portfolio_id: n,
        photo_id: id,
        fingerprint,
        capture: &Capture::default(),
    };
    likeness::record(&mut tx, &recorded, 0).await?;
    let took = started.elapsed();
    tx.rollback().await?;
    Ok(took)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir()?;
    let db = Db::connect(&format!(
        "sqlite://{}/bench.db?mode=rwc",
        dir.path().display()
    ))
    .await?;
    let seeding = Instant::now();
    let mut tx = db.pool.begin().await?;
    for statement in SEED.replace("$N", &n.to_string()).split(';') {
        if !statement.trim().is_empty() {
            sqlx::query(sqlx::AssertSqlSafe(statement.to_owned()))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    let seeding = seeding.elapsed();
    let mut rng = rand::rng();
    let mut unrelated = Vec::new();
    let mut near = Vec::new();
    for _ in 0..41 {
        let fresh = Fingerprint {
            pixels: format!("{:064x}", rng.random::<u64>()),
            dhash: rng.random(),
            dhash_mirror: rng.random(),
            block: rng.random(),
            phash: rng.random(),
        };
        unrelated.push(one_upload(&db, n, &fresh).await?);
        let stored: (i64, i64) =
            sqlx::query_as("SELECT dhash, blockhash FROM photos WHERE id = $1")
                .bind(rng.random_range(2..=n))
                .fetch_one(&db.pool)
                .await?;
        // Three bits off, as a recompressed copy.
        let copy = Fingerprint {
            dhash: stored.0 ^ 0b1000_0000_0100_0001,
            block: stored.1 ^ 0b11,
            ..fresh
        };
        near.push(one_upload(&db, n, &copy).await?);
    }
    println!(
        "| {n} | {} | {} | {:.1} s |",
        median(unrelated),
        median(near),
        seeding.as_secs_f64()
    );
    Ok(())
}
