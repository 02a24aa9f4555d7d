//! What one person's data requests cost as a contest grows, for
//! `scripts/bench-person.sh`: a SQLite data dir seeded with N announced
//! photo entries (N participants, three jurors who scored everything, an
//! audit row per participant), then the median time of: a participant's
//! "download my data" (the JSON part), a juror's, deleting a participant's
//! account (withdrawal), a `/metrics` scrape, and the hourly retention sweep
//! (a background job that does walk the contest: it is shown for scale).
//! Prints one Markdown table row.
//!
//!   cargo run --release --example bench_person -- N

use std::sync::Arc;
use std::time::{Duration, Instant};

use photojury::{AppState, Config, Db, ManualClock};

/// Seeds N participants with one photo entry each, in one transaction.
const SEED: &str = "
INSERT INTO contests (id, slug, title, theme, description, rules, timezone, opens_at, closes_at,
    max_photos, judging_unit, phase, created_at, updated_at)
    VALUES (1, 'big', 'Big', 't', 'd', 'r', 'UTC', 0, 1000, 5, 'photo', 'judging', 0, 0);
INSERT INTO categories (id, contest_id, name, description, position) VALUES (1, 1, 'All', '', 0);
INSERT INTO criteria (id, contest_id, name, description, weight, scale_min, scale_max, position)
    VALUES (1, 1, 'Merit', '', 1, 1, 10, 0), (2, 1, 'Story', '', 1, 1, 10, 1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO users (id, email, password_hash, created_at)
    SELECT i, 'person' || i || '@example.org', '!', 0 FROM n;
INSERT INTO users (id, email, password_hash, created_at) VALUES
    ($N + 1, 'juror1@example.org', '!', 0), ($N + 2, 'juror2@example.org', '!', 0),
    ($N + 3, 'juror3@example.org', '!', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO portfolios (id, contest_id, user_id, category_id, full_name, country, consent_rules,
    consent_name, created_at, updated_at)
    SELECT i, 1, i, 1, 'Person ' || i, 'Kyrgyzstan', 1, 1, 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO photos (id, portfolio_id, contest_id, number, title, position, original_sha256,
    original_bytes, large_sha256, thumb_sha256, width, height, created_at)
    SELECT i, i, 1, 100000 + i, 'Photo ' || i, 0, printf('%064x', i), 1000,
        printf('%064x', 1000000 + i), printf('%064x', 2000000 + i), 2560, 1707, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO entries (id, contest_id, number, category_id, portfolio_id, photo_id)
    SELECT i, 1, 100000 + i, 1, i, i FROM n;
INSERT INTO jurors (id, contest_id, email, user_id, invite_expires_at, invited_at, accepted_at)
    VALUES (1, 1, 'juror1@example.org', $N + 1, 0, 0, 0),
    (2, 1, 'juror2@example.org', $N + 2, 0, 0, 0), (3, 1, 'juror3@example.org', $N + 3, 0, 0, 0);
INSERT INTO assignments (contest_id, entry_id, juror_id, sort_key, created_at, scored_at)
    SELECT 1, e.id, j.id, e.id, 0, 0 FROM entries e, jurors j;
INSERT INTO scores (contest_id, juror_id, entry_id, criterion_id, value, updated_at)
    SELECT 1, a.juror_id, a.entry_id, c.id, 5 + (a.entry_id % 5), 0 FROM assignments a, criteria c;
INSERT INTO awards (entry_id, contest_id, award, exhibition)
    SELECT id, 1, 'mention', 0 FROM entries WHERE id <= 10;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO audit_log (at, actor_id, actor, action, contest_id, detail)
    SELECT i, i, 'person' || i || '@example.org', 'account.email_confirmed', NULL, '' FROM n;
UPDATE contests SET phase = 'announced', announced_at = 0, keep_originals_days = 0 WHERE id = 1;
";

fn median(mut runs: Vec<Duration>) -> String {
    runs.sort();
    format!("{:.2} ms", runs[runs.len() / 2].as_secs_f64() * 1000.0)
}

/// The account as a signed-in request would see it.
async fn user(db: &Db, id: i64) -> anyhow::Result<photojury::web::User> {
    let (email, confirmed): (String, Option<i64>) =
        sqlx::query_as("SELECT email, email_confirmed_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
    Ok(photojury::web::User {
        id,
        email,
        is_admin: false,
        session_version: 1,
        email_confirmed: confirmed.is_some(),
        lang: None,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir()?;
    let config = Config::new(dir.path());
    let db = Db::connect(&config.database_url).await?;
    let seeded = Instant::now();
    sqlx::raw_sql(sqlx::AssertSqlSafe(SEED.replace("$N", &n.to_string())))
        .execute(&db.pool)
        .await?;
    let seeded = seeded.elapsed();
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let state = AppState::new(db.clone(), config.clone(), clock)?;
    let mut participant = Vec::new();
    let mut juror = Vec::new();
    let mut delete = Vec::new();
    let mut scrape = Vec::new();
    for run in 0..7 {
        let someone = user(&state.db, n / 2 + run).await?;
        let started = Instant::now();
        photojury::workflow::export::gather(&state.db, &state.files, &someone, 0).await?;
        participant.push(started.elapsed());
        let judge = user(&state.db, n + 1).await?;
        let started = Instant::now();
        photojury::workflow::export::gather(&state.db, &state.files, &judge, 0).await?;
        juror.push(started.elapsed());
        let started = Instant::now();
        photojury::workflow::erasure::erase(&state, n / 3 + run, 0)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        delete.push(started.elapsed());
        let started = Instant::now();
        state.metrics.render(&state.db, dir.path());
        scrape.push(started.elapsed());
    }
    let started = Instant::now();
    let swept = photojury::workflow::retention::sweep(&state.db, &state.files, 1)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let sweep = started.elapsed();
    println!(
        "| {n} | {} | {} | {} | {} | {:.0} ms ({} photos) | {:.1} s |",
        median(participant),
        median(juror),
        median(delete),
        median(scrape),
        sweep.as_secs_f64() * 1000.0,
        swept.photos,
        seeded.as_secs_f64()
    );
    Ok(())
}
