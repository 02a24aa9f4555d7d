//! The demo's people and work: participants with generated photos (run
//! through the real upload pipeline), the jury, and part-finished scoring
//! that looks human (each entry has a quality, each juror a leaning).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::contests::queries::{Role, assign_role};
use crate::contests::structure::{Category, Criterion};
use crate::images::FileStore;
use crate::images::pipeline::derive;
use crate::submissions::photo_rows::{StoredPhoto, insert_photo};
use crate::submissions::queries::{NewPortfolio, insert_portfolio};
use crate::{config::Config, db::Db};

pub(super) const FIRST: [&str; 12] = [
    "Aigerim", "Timur", "Madina", "Bakyt", "Dilnoza", "Rustam", "Zarina", "Farrukh", "Nigora",
    "Azamat", "Gulnara", "Sherzod",
];
pub(super) const LAST: [&str; 8] = [
    "Nurlanova",
    "Abdullaev",
    "Karimova",
    "Tashiev",
    "Saidova",
    "Omurbekov",
    "Ismoilova",
    "Dzhumabaev",
];
const UNIVERSITIES: [&str; 4] = [
    "Kyrgyz National University",
    "National University of Uzbekistan",
    "Tajik National University",
    "Al-Farabi Kazakh National University",
];
pub(super) const TITLES: [&str; 10] = [
    "Night shift",
    "The last bus home",
    "Remittance day",
    "Waiting for the call",
    "Bricks and dust",
    "Mother's kitchen",
    "Platform nine",
    "Sunday market",
    "The empty chair",
    "Letters from Moscow",
];
pub(super) const CAPTIONS: [&str; 6] = [
    "A builder rests between shifts on a construction site at dawn.",
    "Passengers wait for the overnight bus to the border.",
    "A grandmother reads a message from her son abroad.",
    "Workers share bread at the end of a long day.",
    "The village square, emptied of its young men.",
    "A queue at the money transfer office before a holiday.",
];
pub(super) const STORIES: [&str; 4] = [
    "Every spring the buses leave full and come back empty. I photographed the families who stay, \
     and the few days a year when someone comes home.",
    "These pictures follow one street in my town for a year. Half of its houses wait for someone \
     who works far away; the other half are being built with the money they send.",
    "I wanted to show the work itself: the scaffolding, the night shifts, the tiredness and the \
     jokes. The people in these photos build cities they will never live in.",
    "A story about waiting: for a call, for a transfer, for a visa, for a bus. Waiting is the \
     other half of migration, and mostly women do it.",
];

/// Participants per category, and how many photos each sends (cycled).
const PER_CATEGORY: usize = 12;
const PHOTOS: [usize; 4] = [3, 2, 4, 3];

/// Creates the participants and their portfolios, with photos made by
/// [`super::photos::photo`] and stored exactly as uploads are.
pub async fn participants(
    db: &Db,
    config: &Config,
    contest_id: i64,
    categories: &[Category],
    countries: &[String],
    at: i64,
) -> anyhow::Result<usize> {
    let files = FileStore::open(&config.data_dir)?;
    let limits = config.image_limits;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut photos = 0;
    let mut seed = 0_u64;
    for (c, category) in categories.iter().enumerate() {
        for i in 0..PER_CATEGORY {
            let n = c * PER_CATEGORY + i;
            let name = format!(
                "{} {}",
                FIRST[n % FIRST.len()],
                LAST[(n * 5 + c) % LAST.len()]
            );
            let email = format!("participant{}@demo.photojury.org", n + 1);
            // Spread over the 39 days the call has been open, thicker near the
            // end, so the admin's plot of entries over time looks like one.
            let days_before = 39 - ((n as i64 * 17) % 39).min((n as i64 * 7) % 39);
            let at = at - days_before * 86_400;
            let user = super::account(
                db,
                &email,
                &format!("demo-participant-{}", n + 1),
                false,
                at,
            )
            .await?;
            assign_role(db, contest_id, user.id, Role::Participant, at).await?;
            let portfolio = NewPortfolio {
                category_id: category.id,
                full_name: name,
                country: countries[n % countries.len()].clone(),
                university: if category.needs_university() {
                    UNIVERSITIES[n % UNIVERSITIES.len()].to_owned()
                } else {
                    String::new()
                },
                consent_name: n % 7 != 3,
            };
            let portfolio_id =
                insert_portfolio(db, contest_id, user.id, &portfolio, false, at).await?;
            sqlx::query("UPDATE portfolios SET story = $1 WHERE id = $2")
                .bind(STORIES[n % STORIES.len()])
                .bind(portfolio_id)
                .execute(&db.pool)
                .await?;
            for _ in 0..PHOTOS[n % PHOTOS.len()] {
                seed += 1;
                let original = super::photos::photo(seed)?;
                let derived = derive(&original, &limits).map_err(|r| anyhow::anyhow!("{r}"))?;
                let stored = StoredPhoto {
                    title: TITLES[rng.random_range(0..TITLES.len())].to_owned(),
                    caption: CAPTIONS[rng.random_range(0..CAPTIONS.len())].to_owned(),
                    original_sha256: files.put(&original)?,
                    original_bytes: i64::try_from(original.len())?,
                    large_sha256: files.put(&derived.large.bytes)?,
                    thumb_sha256: files.put(&derived.thumb.bytes)?,
                    width: i64::from(derived.width),
                    height: i64::from(derived.height),
                    fingerprint: Some(derived.fingerprint),
                    capture: crate::images::exif::Capture::default(),
                };
                insert_photo(db, contest_id, portfolio_id, &stored, true, i64::MAX, at).await?;
                photos += 1;
            }
        }
    }
    Ok(photos)
}

/// Puts the demo jurors on the jury of every category, as if they had
/// accepted their invitations.
pub async fn jury(
    db: &Db,
    contest_id: i64,
    jurors: &[(i64, String)],
    categories: &[Category],
    at: i64,
) -> anyhow::Result<()> {
    for (user_id, email) in jurors {
        let juror_id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO jurors (contest_id, email, user_id, invite_expires_at, invited_at, accepted_at) \
             VALUES ($1, $2, $3, $4, $4, $4) RETURNING id",
        )
        .bind(contest_id)
        .bind(email)
        .bind(user_id)
        .bind(at)
        .fetch_one(&db.pool)
        .await?;
        for category in categories {
            sqlx::query("INSERT INTO juror_categories (juror_id, category_id) VALUES ($1, $2)")
                .bind(juror_id)
                .bind(category.id)
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(())
}

/// Scores part of the work of every juror but the first (whose queue the
/// newcomer starts), so the monitor has something to show.
pub async fn some_scores(
    db: &Db,
    contest_id: i64,
    criteria: &[Criterion],
    at: i64,
    complete: bool,
) -> anyhow::Result<()> {
    const COMMENTS: [&str; 4] = [
        "A strong sense of place; the light carries the story.",
        "Moving subject, but the framing is too tight for the scene.",
        "The captions add what the pictures cannot say. Well told.",
        "",
    ];
    let mut rng = StdRng::seed_from_u64(7);
    let jurors: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM jurors WHERE contest_id = $1 ORDER BY id")
            .bind(contest_id)
            .fetch_all(&db.pool)
            .await?;
    for (j, juror) in jurors.iter().enumerate().skip(1) {
        let leaning: f64 = rng.random_range(-1.0..1.0);
        // Jurors 2–5 have done 40–100% (all of it once judging is over);
        // juror 1 has not started, so finalizing needs an override.
        let share = if complete { 1.0 } else { 0.2 * j as f64 };
        let queue: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT entry_id, sort_key FROM assignments WHERE juror_id = $1 ORDER BY sort_key",
        )
        .bind(juror)
        .fetch_all(&db.pool)
        .await?;
        let done = (queue.len() as f64 * share) as usize;
        // In chunks of 100 entries: a bulk demo scores 150,000 of them.
        let mut tx = db.pool.begin().await?;
        for chunk in queue[..done].chunks(100) {
            let mut values = Vec::new();
            let mut comments: Vec<Vec<i64>> = vec![Vec::new(); COMMENTS.len()];
            for &(entry, _) in chunk {
                // The entry's quality is fixed by its id; jurors agree roughly.
                let quality = 3.0 + ((entry * 7919) % 60) as f64 / 10.0;
                for c in criteria {
                    let raw = quality + leaning + rng.random_range(-1.5..1.5);
                    values.push((
                        entry,
                        c.id,
                        (raw.round() as i64).clamp(c.scale_min, c.scale_max),
                    ));
                }
                comments[rng.random_range(0..COMMENTS.len())].push(entry);
            }
            if values.is_empty() {
                continue;
            }
            let sql = format!(
                "INSERT INTO scores (contest_id, juror_id, entry_id, criterion_id, value, updated_at) VALUES {}",
                crate::db::value_rows(values.len(), 6, 1)
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (entry, criterion, value) in values {
                q = q
                    .bind(contest_id)
                    .bind(*juror)
                    .bind(entry)
                    .bind(criterion)
                    .bind(value)
                    .bind(at);
            }
            q.execute(&mut *tx).await?;
            for (comment, entries) in COMMENTS.iter().zip(comments) {
                if entries.is_empty() {
                    continue;
                }
                let marks: Vec<String> =
                    (0..entries.len()).map(|i| format!("${}", i + 4)).collect();
                let sql = format!(
                    "UPDATE assignments SET scored_at = $1, comment = $2 WHERE juror_id = $3 AND entry_id IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(at)
                    .bind(*comment)
                    .bind(*juror);
                for entry in entries {
                    q = q.bind(entry);
                }
                q.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
