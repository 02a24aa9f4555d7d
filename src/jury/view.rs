//! What a juror may know, as types. Nothing here has a field for a name, an
//! email, a country, a university, an account, an upload time or a file
//! name, and the queries select only numbers, the jury's copy of the texts
//! and derivative hashes, so no juror template can print an identity.

use std::collections::HashMap;

use crate::contests::structure::Criterion;
use crate::db::Db;
use crate::jury::drafts::Draft;
use crate::submissions::numbers::EntryNumber;

/// Where an entry stands in a juror's queue: its random key and its row id
/// (the tie-break); `queue` reads the entries around it. Never shown: pages
/// name entries by number only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub(crate) sort_key: i64,
    pub(crate) id: i64,
}

/// A photo of an entry, as a juror sees it.
#[derive(Debug, Clone)]
pub struct JurorPhoto {
    /// 1-based place in the entry; the image address uses it.
    pub index: usize,
    /// The jury's copy of the title (redacted if an admin redacted it).
    pub title: String,
    /// The jury's copy of the caption.
    pub caption: String,
}

/// An entry on the scoring page.
#[derive(Debug, Clone)]
pub struct JurorEntry {
    /// The entry number.
    pub number: EntryNumber,
    /// The entry's category.
    pub category_id: i64,
    /// One photo, or all of a portfolio's.
    pub photos: Vec<JurorPhoto>,
    /// The jury's copy of the portfolio story when the entry is the whole
    /// portfolio; empty for a photo entry (see [`story`]).
    pub story: String,
    /// This juror's comment.
    pub comment: String,
    /// This juror's saved scores, by criterion id.
    pub scores: HashMap<i64, i64>,
    /// What they typed since, not yet a complete score.
    pub draft: Option<Draft>,
    /// Its place in the juror's queue, for the entries around it.
    pub place: Place,
}

/// Where an entry's text and files come from; private, since it holds row ids.
#[derive(sqlx::FromRow)]
struct Source {
    assignment_id: i64,
    sort_key: i64,
    entry_id: i64,
    category_id: i64,
    portfolio_id: i64,
    photo_id: Option<i64>,
    comment: String,
    draft: Option<String>,
}

/// The juror's weighted mean over the criteria, as results will compute it.
pub fn weighted_total(criteria: &[Criterion], scores: &HashMap<i64, i64>) -> Option<f64> {
    let weights = criteria.iter().map(|c| (c.id, c.weight));
    crate::contests::structure::weighted_mean(weights, |id| scores.get(&id).copied())
}

impl Source {
    fn place(&self) -> Place {
        Place {
            sort_key: self.sort_key,
            id: self.assignment_id,
        }
    }
}

/// The juror's assignment of the criteria round for entry `number`; none
/// while a ranking round follows it (its scores are locked and a later
/// round shows nothing of an earlier one). Once judging is over the page
/// is back, read-only, as after a contest of one round: the home's list
/// links to it.
async fn source(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<Source>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS assignment_id, a.sort_key, e.id AS entry_id, e.category_id, e.portfolio_id, e.photo_id, a.comment, a.draft \
         FROM assignments a JOIN entries e ON e.id = a.entry_id \
         WHERE a.juror_id = $1 AND e.contest_id = $2 AND e.number = $3 AND a.recused_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM rounds r WHERE r.contest_id = $2 \
             AND r.kind = 'criteria' AND r.closed_at IS NOT NULL \
             AND EXISTS (SELECT 1 FROM contests c WHERE c.id = $2 AND c.phase = 'judging'))",
    )
    .bind(juror_id)
    .bind(contest_id)
    .bind(number.get())
    .fetch_optional(&db.pool)
    .await
}

/// (title, caption, large hash, thumb hash) of the entry's photos, in order.
async fn photo_rows(
    db: &Db,
    src: &Source,
) -> Result<Vec<(String, String, String, String)>, sqlx::Error> {
    const COLUMNS: &str = "SELECT COALESCE(title_redacted, title), COALESCE(caption_redacted, caption), \
         large_sha256, thumb_sha256 FROM photos";
    match src.photo_id {
        Some(photo) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1")))
                .bind(photo)
                .fetch_all(&db.pool)
                .await
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{COLUMNS} WHERE portfolio_id = $1 ORDER BY position"
            )))
            .bind(src.portfolio_id)
            .fetch_all(&db.pool)
            .await
        }
    }
}

/// The entry's photos as a juror sees them: place, title, caption.
async fn juror_photos(db: &Db, src: &Source) -> Result<Vec<JurorPhoto>, sqlx::Error> {
    Ok(photo_rows(db, src)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, (title, caption, _, _))| JurorPhoto {
            index: i + 1,
            title,
            caption,
        })
        .collect())
}

/// The story a juror reads with an entry: the portfolio's (redacted) story
/// when the portfolio is the entry, nothing when a photo is. Shown with each
/// of a portfolio's photo entries, the same text would tell a juror which
/// entries share an author, undoing the random numbers; a contest that wants
/// the story judged judges portfolios.
async fn story(db: &Db, src: &Source) -> Result<String, sqlx::Error> {
    if src.photo_id.is_some() {
        return Ok(String::new());
    }
    sqlx::query_scalar("SELECT COALESCE(story_redacted, story) FROM portfolios WHERE id = $1")
        .bind(src.portfolio_id)
        .fetch_one(&db.pool)
        .await
}

/// The entry `number` if it is in this juror's queue (else `None`: the
/// caller answers 404, whether the number exists or not).
pub async fn entry(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<JurorEntry>, sqlx::Error> {
    let Some(src) = source(db, contest_id, juror_id, number).await? else {
        return Ok(None);
    };
    let photos = juror_photos(db, &src).await?;
    let story = story(db, &src).await?;
    let place = src.place();
    let scores: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT criterion_id, value FROM scores WHERE juror_id = $1 AND entry_id = $2",
    )
    .bind(juror_id)
    .bind(src.entry_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(JurorEntry {
        number,
        category_id: src.category_id,
        photos,
        story,
        comment: src.comment,
        scores: scores.into_iter().collect(),
        draft: src.draft.as_deref().map(Draft::from_stored),
        place,
    }))
}

/// An entry on the voting page of a shortlisting round: what [`JurorEntry`]
/// shows, with the juror's vote instead of scores (never a vote of another
/// round: ballots are read from the open round only).
#[derive(Debug, Clone)]
pub struct BallotEntry {
    /// The entry number (the same in every round).
    pub number: EntryNumber,
    /// The entry's category.
    pub category_id: i64,
    /// One photo, or all of a portfolio's.
    pub photos: Vec<JurorPhoto>,
    /// The portfolio's story when the portfolio is the entry.
    pub story: String,
    /// This juror's vote in this round, once cast.
    pub vote: Option<i64>,
    /// Its place in the juror's order, for the entries around it.
    pub place: Place,
    /// Its row id, for the vote.
    pub(crate) entry_id: i64,
}

/// The entry `number` among the juror's ballots of the open round: the
/// entry by its number, then the ballot by (round, entry, juror), both
/// unique keys, so the juror's queue is never walked.
async fn ballot_source(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<(Source, Option<i64>)>, sqlx::Error> {
    let row: Option<BallotRow> = sqlx::query_as(
        "SELECT b.id AS ballot_id, b.sort_key, e.id AS entry_id, e.category_id, e.portfolio_id, \
         e.photo_id, b.vote FROM entries e JOIN ballots b ON b.entry_id = e.id \
         WHERE e.contest_id = $2 AND e.number = $3 AND b.juror_id = $1 \
         AND b.round_id = (SELECT id FROM rounds WHERE contest_id = $2 \
             AND opened_at IS NOT NULL AND closed_at IS NULL)",
    )
    .bind(juror_id)
    .bind(contest_id)
    .bind(number.get())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|b| {
        let src = Source {
            assignment_id: b.ballot_id,
            sort_key: b.sort_key,
            entry_id: b.entry_id,
            category_id: b.category_id,
            portfolio_id: b.portfolio_id,
            photo_id: b.photo_id,
            comment: String::new(),
            draft: None,
        };
        (src, b.vote)
    }))
}

/// A ballot of the open round with its entry's sources; private, like [`Source`].
#[derive(sqlx::FromRow)]
struct BallotRow {
    ballot_id: i64,
    sort_key: i64,
    entry_id: i64,
    category_id: i64,
    portfolio_id: i64,
    photo_id: Option<i64>,
    vote: Option<i64>,
}

/// The entry `number` if the juror has a ballot for it in the open round.
pub async fn ballot_entry(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<BallotEntry>, sqlx::Error> {
    let Some((src, vote)) = ballot_source(db, contest_id, juror_id, number).await? else {
        return Ok(None);
    };
    let photos = juror_photos(db, &src).await?;
    Ok(Some(BallotEntry {
        number,
        category_id: src.category_id,
        photos,
        story: story(db, &src).await?,
        vote,
        place: src.place(),
        entry_id: src.entry_id,
    }))
}

/// The stored hash of photo `index` of an entry in the juror's queue (the
/// criteria round's or the open round's ballots), in the size asked for
/// (`large` or `thumb`).
pub async fn photo_file(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
    index: usize,
    large: bool,
) -> Result<Option<String>, sqlx::Error> {
    let src = match source(db, contest_id, juror_id, number).await? {
        Some(src) => src,
        None => match ballot_source(db, contest_id, juror_id, number).await? {
            Some((src, _)) => src,
            None => return Ok(None),
        },
    };
    let rows = photo_rows(db, &src).await?;
    Ok(index
        .checked_sub(1)
        .and_then(|i| rows.into_iter().nth(i))
        .map(|(_, _, large_hash, thumb_hash)| if large { large_hash } else { thumb_hash }))
}

/// The entry's row id and place, if it is in the juror's queue (for saving
/// scores and going on).
pub async fn assigned_entry(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    number: EntryNumber,
) -> Result<Option<(i64, Place)>, sqlx::Error> {
    Ok(source(db, contest_id, juror_id, number)
        .await?
        .map(|s| (s.entry_id, s.place())))
}
