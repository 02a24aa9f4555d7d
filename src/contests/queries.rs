//! Contest rows: contests, categories, criteria, eligible countries and
//! per-contest roles. Portable SQL for SQLite and PostgreSQL.

use chrono_tz::Tz;
use sqlx::{Any, Executor};

use crate::contests::model::{JudgingUnit, Phase, parse_time_zone};
use crate::db::Db;

/// A contest, typed.
#[derive(Debug, Clone)]
pub struct Contest {
    /// Row id.
    pub id: i64,
    /// The address part of `/contests/{slug}`.
    pub slug: String,
    /// The contest's name.
    pub title: String,
    /// The theme photographers respond to.
    pub theme: String,
    /// The call for entries.
    pub description: String,
    /// Rules and eligibility, as text.
    pub rules: String,
    /// The time zone the window is stated in.
    pub tz: Tz,
    /// Entries accepted from (UTC seconds).
    pub opens_at: i64,
    /// The hard deadline (UTC seconds).
    pub closes_at: i64,
    /// Photos per portfolio unless a category says otherwise.
    pub max_photos: i64,
    /// Smallest accepted long edge of a photo, in pixels (0: any size).
    pub min_long_edge: i64,
    /// Each photo or the whole portfolio.
    pub judging_unit: JudgingUnit,
    /// Digits of its entry numbers (5 to 7), fixed once it opens.
    pub number_digits: i64,
    /// Where in its life the contest is.
    pub phase: Phase,
    /// Jurors per entry; 0: every juror scores every entry of their categories.
    pub jury_quorum: i64,
    /// Whether participants see the jurors' comments once winners are announced.
    pub share_feedback: bool,
    /// The capture window: photos taken (by the camera's clock) on or after
    /// this day, `YYYY-MM-DD`; `None`: no bound.
    pub taken_from: Option<String>,
    /// ... and on or before this day.
    pub taken_until: Option<String>,
    /// The language its own text is written in (`contests::content` holds
    /// it in others).
    pub lang: crate::i18n::Lang,
}

#[derive(sqlx::FromRow)]
struct ContestRow {
    id: i64,
    slug: String,
    title: String,
    theme: String,
    description: String,
    rules: String,
    timezone: String,
    opens_at: i64,
    closes_at: i64,
    max_photos: i64,
    min_long_edge: i64,
    judging_unit: String,
    number_digits: i64,
    phase: String,
    jury_quorum: i64,
    share_feedback: i64,
    taken_from: Option<String>,
    taken_until: Option<String>,
    lang: String,
}

impl TryFrom<ContestRow> for Contest {
    type Error = sqlx::Error;

    /// A stored value the model does not know (a time zone, a phase) is a
    /// decoding error of the row, as sqlx reports any other.
    fn try_from(r: ContestRow) -> Result<Self, sqlx::Error> {
        let bad = |what: String| sqlx::Error::Decode(format!("contest {}: {what}", r.id).into());
        Ok(Contest {
            tz: parse_time_zone(&r.timezone).map_err(|e| bad(e.to_string()))?,
            judging_unit: JudgingUnit::parse(&r.judging_unit).map_err(|e| bad(e.to_string()))?,
            phase: r.phase.parse().map_err(bad)?,
            id: r.id,
            slug: r.slug,
            title: r.title,
            theme: r.theme,
            description: r.description,
            rules: r.rules,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            max_photos: r.max_photos,
            min_long_edge: r.min_long_edge,
            number_digits: r.number_digits,
            jury_quorum: r.jury_quorum,
            share_feedback: r.share_feedback == 1,
            taken_from: r.taken_from,
            taken_until: r.taken_until,
            lang: crate::i18n::Lang::from_tag(&r.lang).unwrap_or_default(),
        })
    }
}

/// Validated contest fields, from the admin form.
#[derive(Debug, Clone)]
pub struct ContestInput {
    /// See [`Contest::slug`].
    pub slug: String,
    /// See [`Contest::title`].
    pub title: String,
    /// See [`Contest::theme`].
    pub theme: String,
    /// See [`Contest::description`].
    pub description: String,
    /// See [`Contest::rules`].
    pub rules: String,
    /// See [`Contest::tz`].
    pub tz: Tz,
    /// See [`Contest::opens_at`].
    pub opens_at: i64,
    /// See [`Contest::closes_at`].
    pub closes_at: i64,
    /// See [`Contest::max_photos`].
    pub max_photos: i64,
    /// See [`Contest::min_long_edge`].
    pub min_long_edge: i64,
    /// See [`Contest::judging_unit`].
    pub judging_unit: JudgingUnit,
    /// See [`Contest::number_digits`].
    pub number_digits: i64,
    /// Countries whose citizens may enter, in the order given.
    pub countries: Vec<String>,
    /// See [`Contest::taken_from`].
    pub taken_from: Option<String>,
    /// See [`Contest::taken_until`].
    pub taken_until: Option<String>,
}

const CONTEST_COLUMNS_SQL: &str = "SELECT id, slug, title, theme, description, rules, timezone, \
     opens_at, closes_at, max_photos, min_long_edge, judging_unit, number_digits, phase, jury_quorum, share_feedback, taken_from, taken_until, lang FROM contests";

/// What a contest lookup binds to its `$1`.
enum Key<'a> {
    Nothing,
    Id(i64),
    Slug(&'a str),
}

async fn fetch_contests(
    db: &Db,
    tail: &'static str,
    key: Key<'_>,
) -> Result<Vec<Contest>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!("{CONTEST_COLUMNS_SQL} {tail}"));
    let query = sqlx::query_as::<_, ContestRow>(sql);
    let query = match key {
        Key::Nothing => query,
        Key::Id(id) => query.bind(id),
        Key::Slug(slug) => query.bind(slug.to_owned()),
    };
    query
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(Contest::try_from)
        .collect()
}

/// The contest with this id.
pub async fn contest_by_id(db: &Db, id: i64) -> Result<Option<Contest>, sqlx::Error> {
    Ok(fetch_contests(db, "WHERE id = $1", Key::Id(id))
        .await?
        .pop())
}

/// The contest at this address.
pub async fn contest_by_slug(db: &Db, slug: &str) -> Result<Option<Contest>, sqlx::Error> {
    Ok(fetch_contests(db, "WHERE slug = $1", Key::Slug(slug))
        .await?
        .pop())
}

/// Every contest, newest deadline first (admin list).
pub async fn all_contests(db: &Db) -> Result<Vec<Contest>, sqlx::Error> {
    fetch_contests(db, "ORDER BY closes_at DESC, id DESC", Key::Nothing).await
}

/// Contests the public may see (all but drafts), newest deadline first.
pub async fn public_contests(db: &Db) -> Result<Vec<Contest>, sqlx::Error> {
    fetch_contests(
        db,
        "WHERE phase <> 'draft' ORDER BY closes_at DESC, id DESC",
        Key::Nothing,
    )
    .await
}

/// Creates a draft contest; returns its id, or `None` if the slug is taken.
pub async fn insert_contest(
    db: &Db,
    input: &ContestInput,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO contests (slug, title, theme, description, rules, timezone, opens_at, closes_at, \
         max_photos, judging_unit, phase, created_at, updated_at, min_long_edge, taken_from, taken_until, number_digits) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(&input.slug)
    .bind(&input.title)
    .bind(&input.theme)
    .bind(&input.description)
    .bind(&input.rules)
    .bind(input.tz.name())
    .bind(input.opens_at)
    .bind(input.closes_at)
    .bind(input.max_photos)
    .bind(input.judging_unit.as_str())
    .bind(now)
    .bind(input.min_long_edge)
    .bind(&input.taken_from)
    .bind(&input.taken_until)
    .bind(input.number_digits)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(err) if crate::db::is_unique_violation(&err) => return Ok(None),
        Err(err) => return Err(err),
    };
    replace_countries(&mut tx, id, &input.countries).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Saves edited fields; `false` if the slug is taken by another contest.
pub async fn update_contest(
    db: &Db,
    id: i64,
    input: &ContestInput,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE contests SET slug = $1, title = $2, theme = $3, description = $4, rules = $5, \
         timezone = $6, opens_at = $7, closes_at = $8, max_photos = $9, judging_unit = $10, \
         updated_at = $11, min_long_edge = $13, taken_from = $14, taken_until = $15, \
         number_digits = CASE WHEN phase = 'draft' THEN $16 ELSE number_digits END WHERE id = $12",
    )
    .bind(&input.slug)
    .bind(&input.title)
    .bind(&input.theme)
    .bind(&input.description)
    .bind(&input.rules)
    .bind(input.tz.name())
    .bind(input.opens_at)
    .bind(input.closes_at)
    .bind(input.max_photos)
    .bind(input.judging_unit.as_str())
    .bind(now)
    .bind(id)
    .bind(input.min_long_edge)
    .bind(&input.taken_from)
    .bind(&input.taken_until)
    .bind(input.number_digits)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(_) => {}
        Err(err) if crate::db::is_unique_violation(&err) => return Ok(false),
        Err(err) => return Err(err),
    }
    sqlx::query("DELETE FROM contest_countries WHERE contest_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    replace_countries(&mut tx, id, &input.countries).await?;
    tx.commit().await?;
    Ok(true)
}

async fn replace_countries(
    tx: &mut sqlx::AnyConnection,
    contest_id: i64,
    countries: &[String],
) -> Result<(), sqlx::Error> {
    for (position, name) in (0_i64..).zip(countries) {
        sqlx::query(
            "INSERT INTO contest_countries (contest_id, name, position) VALUES ($1, $2, $3)",
        )
        .bind(contest_id)
        .bind(name)
        .bind(position)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Moves a contest from `from` to `to`, only if it is still in `from` (so two
/// admins clicking at once cannot both succeed). Returns whether it moved.
pub async fn set_phase<'e, E>(
    exec: E,
    id: i64,
    from: Phase,
    to: Phase,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    // The announcement's time is kept: retention counts from it.
    let done = sqlx::query(
        "UPDATE contests SET phase = $1, updated_at = $2, \
         announced_at = CASE WHEN $1 = 'announced' THEN $2 ELSE announced_at END \
         WHERE id = $3 AND phase = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The eligible countries, in order.
pub async fn countries_of(db: &Db, contest_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM contest_countries WHERE contest_id = $1 ORDER BY position")
        .bind(contest_id)
        .fetch_all(&db.pool)
        .await
}

pub use crate::contests::roles::{Role, RoleError, RoleRow, assign_role, role_of, roles_of_user};
