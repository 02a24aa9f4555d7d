//! `photojury demo --entries N`: the demo contest with N photo entries, for
//! benchmarks and for trying a large contest. Rows are real (accounts,
//! portfolios, photos with their numbers, titles and files); what is shared
//! is the pictures: up to 24 generated scenes (one per hundred entries), all of a scene's entries pointing
//! to its two derivatives (made by the pipeline from the full-size scene, so
//! jurors see real 2,560 px images). Each entry's original is a distinct
//! file, as the schema demands, but a small one: the scene at 96 px with a
//! comment of its own (4 KB instead of 1 MB, so that 50,000 of them do not
//! make the fill wait on the disk). `verify` of the data dir holds (every
//! file is there with its hash); `verify --rederive` reports these entries,
//! whose derivatives were not made from their originals. Rows go in 500 to a
//! statement and files with one filesystem sync: 50,000 entries in well
//! under a minute.

use std::collections::{HashMap, HashSet};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::accounts::password::{self, NewPassword};
use crate::config::Config;
use crate::contests::structure::Category;
use crate::db::{Db, value_rows};
use crate::images::FileStore;
use crate::images::pipeline::derive;
use crate::submissions::numbers::{self, EntryNumber};

/// Rows per INSERT: well under both databases' limits on bound values.
const CHUNK: usize = 500;
/// Photos per bulk portfolio (the last may have fewer).
const PER_PORTFOLIO: usize = 3;
/// Distinct scenes the bulk entries share, at most: one per hundred
/// entries, at least two (each takes a 12-megapixel photo through the
/// pipeline, most of a small fill's time).
const SCENES: u64 = 24;
/// The most entries a bulk demo makes: a third of the seven-digit numbers.
pub const MAX_ENTRIES: usize = 3_000_000;
/// The one password of every bulk participant.
pub const PASSWORD: &str = "demo-participant";

/// One scene: a small original and what the pipeline makes of it.
struct Scene {
    original: Vec<u8>,
    large: String,
    thumb: String,
    width: i64,
    height: i64,
}

/// `original` with a JPEG comment (COM segment) after its start marker:
/// other bytes, the same pixels.
pub fn with_comment(original: &[u8], text: &str) -> Vec<u8> {
    let len = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
    let mut out = Vec::with_capacity(original.len() + text.len() + 4);
    out.extend_from_slice(&original[..2.min(original.len())]);
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&text.as_bytes()[..usize::from(len) - 2]);
    out.extend_from_slice(&original[2.min(original.len())..]);
    out
}

/// The scenes, made on every core (each is a 12-megapixel photo generated
/// and run through the pipeline twice).
fn scenes(files: &FileStore, config: &Config, entries: usize) -> anyhow::Result<Vec<Scene>> {
    let limits = config.image_limits;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let count = u64::try_from(entries / 100)
        .unwrap_or(SCENES)
        .clamp(2, SCENES);
    let seeds: Vec<u64> = (1..=count).collect();
    let made: Vec<anyhow::Result<Scene>> = std::thread::scope(|scope| {
        let workers: Vec<_> = seeds
            .chunks(seeds.len().div_ceil(threads))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&seed| scene(files, limits, seed))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|_| vec![Err(anyhow::anyhow!("a scene's thread panicked"))])
            })
            .collect()
    });
    made.into_iter().collect()
}

fn scene(
    files: &FileStore,
    limits: crate::images::ImageLimits,
    seed: u64,
) -> anyhow::Result<Scene> {
    let photo = super::photos::photo(seed)?;
    let derived = derive(&photo, &limits).map_err(|r| anyhow::anyhow!("{r}"))?;
    let small = image::load_from_memory(&derived.thumb.bytes)?
        .thumbnail(96, 96)
        .to_rgb8();
    let mut original = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut original, 80);
    image::ImageEncoder::write_image(
        encoder,
        small.as_raw(),
        small.width(),
        small.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(Scene {
        large: files.put(&derived.large.bytes)?,
        thumb: files.put(&derived.thumb.bytes)?,
        width: i64::from(derived.width),
        height: i64::from(derived.height),
        original,
    })
}

/// Creates participants with portfolios of up to three photos, `entries`
/// photos in all, spread over the categories. Returns the number of photos.
pub async fn participants(
    db: &Db,
    config: &Config,
    contest_id: i64,
    categories: &[Category],
    countries: &[String],
    (entries, at): (usize, i64),
) -> anyhow::Result<usize> {
    let files = FileStore::open(&config.data_dir)?;
    let scenes = scenes(&files, config, entries)?;
    let hash = password::hash(NewPassword::parse(PASSWORD).map_err(|e| anyhow::anyhow!(e))?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let people = entries.div_ceil(PER_PORTFOLIO);
    let mut rng = StdRng::seed_from_u64(2027);
    let digits = numbers::digits_of(&db.pool, contest_id).await?;
    let mut taken = HashSet::new();
    let mut tx = db.pool.begin().await?;
    let mut made = 0;
    for start in (0..people).step_by(CHUNK) {
        let end = (start + CHUNK).min(people);
        let emails: Vec<String> = (start..end)
            .map(|n| format!("participant{}@demo.photojury.org", n + 1))
            .collect();
        let sql = format!(
            "INSERT INTO users (email, password_hash, created_at) VALUES {} RETURNING id, email",
            value_rows(emails.len(), 3, 1)
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for email in &emails {
            q = q.bind(email).bind(&hash).bind(at);
        }
        let users: HashMap<String, i64> = q
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id, e)| (e, id))
            .collect();
        let ids: Vec<i64> = emails
            .iter()
            .filter_map(|e| users.get(e).copied())
            .collect();
        let sql = format!(
            "INSERT INTO contest_roles (contest_id, user_id, role, created_at) VALUES {}",
            value_rows(ids.len(), 4, 1)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in &ids {
            q = q.bind(contest_id).bind(*id).bind("participant").bind(at);
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO portfolios (contest_id, user_id, category_id, full_name, country, university, \
             consent_rules, consent_name, story, created_at, updated_at) VALUES {} RETURNING id, user_id",
            value_rows(ids.len(), 11, 1)
        );
        let mut q = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql));
        for (i, id) in ids.iter().enumerate() {
            let n = start + i;
            let category = &categories[n % categories.len()];
            let name = format!(
                "{} {} {}",
                super::entries::FIRST[n % super::entries::FIRST.len()],
                super::entries::LAST[(n / 7) % super::entries::LAST.len()],
                n + 1
            );
            let university = if category.needs_university() {
                "Kyrgyz National University"
            } else {
                ""
            };
            q = q
                .bind(contest_id)
                .bind(*id)
                .bind(category.id)
                .bind(name)
                .bind(&countries[n % countries.len()])
                .bind(university)
                .bind(1_i64)
                .bind(i64::from(n % 7 != 3))
                .bind(super::entries::STORIES[n % super::entries::STORIES.len()])
                .bind(at)
                .bind(at);
        }
        let portfolios: HashMap<i64, i64> = q
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(p, u)| (u, p))
            .collect();
        // The photos of these portfolios, their originals stored first.
        let mut rows = Vec::new();
        for id in &ids {
            let Some(&portfolio) = portfolios.get(id) else {
                continue;
            };
            for position in 1..=PER_PORTFOLIO {
                if made + rows.len() >= entries {
                    break;
                }
                let scene = &scenes[rng.random_range(0..scenes.len())];
                let number = loop {
                    let n = EntryNumber::draw(&mut rng, digits).get();
                    if taken.insert(n) {
                        break n;
                    }
                };
                let serial = made + rows.len() + 1;
                let original =
                    with_comment(&scene.original, &format!("photojury demo entry {serial}"));
                rows.push((portfolio, position, number, scene, original));
            }
        }
        let originals: Vec<&[u8]> = rows.iter().map(|r| r.4.as_slice()).collect();
        let hashes = files.put_many(&originals)?;
        for (chunk, hashes) in rows.chunks(CHUNK / 4).zip(hashes.chunks(CHUNK / 4)) {
            let sql = format!(
                "INSERT INTO photos (portfolio_id, contest_id, number, title, caption, position, original_sha256, \
                 original_bytes, large_sha256, thumb_sha256, width, height, created_at) VALUES {}",
                value_rows(chunk.len(), 13, 1)
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for ((portfolio, position, number, scene, original), hash) in chunk.iter().zip(hashes) {
                let t = super::entries::TITLES[(*number as usize) % super::entries::TITLES.len()];
                let c = super::entries::CAPTIONS
                    [(*number as usize / 10) % super::entries::CAPTIONS.len()];
                q = q
                    .bind(*portfolio)
                    .bind(contest_id)
                    .bind(*number)
                    .bind(t)
                    .bind(c)
                    .bind(i64::try_from(*position)?)
                    .bind(hash)
                    .bind(i64::try_from(original.len())?)
                    .bind(&scene.large)
                    .bind(&scene.thumb)
                    .bind(scene.width)
                    .bind(scene.height)
                    .bind(at);
            }
            q.execute(&mut *tx).await?;
        }
        made += rows.len();
    }
    // The files first, then the rows that point to them.
    files.sync()?;
    tx.commit().await?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_changes_the_bytes_and_not_the_pixels() {
        let photo = crate::demo::photos::photo(3).expect("photo");
        let one = with_comment(&photo, "photojury demo entry 1");
        let two = with_comment(&photo, "photojury demo entry 2");
        assert_ne!(one, two);
        let pixels = |bytes: &[u8]| {
            image::load_from_memory(bytes)
                .expect("decodes")
                .to_rgb8()
                .into_raw()
        };
        assert_eq!(pixels(&one), pixels(&photo));
        assert_eq!(pixels(&two), pixels(&photo));
    }
}
