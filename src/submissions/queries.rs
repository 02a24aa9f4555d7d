//! Portfolio and photo rows, as their owner and the admins see them (these
//! types carry identity; juror-facing code uses the types of the `jury` module).

use crate::db::Db;
use crate::identity::Entrant;
use crate::submissions::numbers::EntryNumber;

/// A participant's portfolio, identity included (never for jurors).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Portfolio {
    /// Row id.
    pub id: i64,
    /// The contest entered.
    pub contest_id: i64,
    /// The category entered.
    pub category_id: i64,
    /// Who entered: the identity fields (see `crate::identity`).
    #[sqlx(flatten)]
    pub entrant: Entrant,
    /// The portfolio story.
    pub story: String,
    /// The redacted copy jurors get, if an admin redacted it.
    pub story_redacted: Option<String>,
    /// Entry number, when the whole portfolio is judged.
    pub number: Option<i64>,
    /// Why the text may reveal the author.
    pub identity_flag: Option<String>,
    /// `eligible` or `disqualified`.
    pub status: String,
    /// The admin's reason for the status.
    pub status_reason: String,
}

/// A photo of a portfolio, as its owner and the admins see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Photo {
    /// Row id.
    pub id: i64,
    /// Entry number, when each photo is judged.
    pub number: Option<i64>,
    /// Title as written by the participant.
    pub title: String,
    /// Caption as written by the participant.
    pub caption: String,
    /// Redacted title for jurors, if any.
    pub title_redacted: Option<String>,
    /// Redacted caption for jurors, if any.
    pub caption_redacted: Option<String>,
    /// Order in the portfolio.
    pub position: i64,
    /// SHA-256 of the stored original (shown on the receipt).
    pub original_sha256: String,
    /// Size of the original in bytes.
    pub original_bytes: i64,
    /// SHA-256 of the large derivative.
    pub large_sha256: String,
    /// SHA-256 of the thumbnail.
    pub thumb_sha256: String,
    /// Upright width of the original.
    pub width: i64,
    /// Upright height of the original.
    pub height: i64,
}

const PORTFOLIO_SELECT: &str = "SELECT id, contest_id, user_id, category_id, full_name, country, university, \
     consent_name, story, story_redacted, number, identity_flag, status, status_reason FROM portfolios";
const PHOTO_SELECT: &str = "SELECT id, number, title, caption, title_redacted, caption_redacted, position, \
     original_sha256, original_bytes, large_sha256, thumb_sha256, width, height FROM photos";

/// The portfolio `user_id` has in a contest.
pub async fn portfolio_of(
    db: &Db,
    contest_id: i64,
    user_id: i64,
) -> Result<Option<Portfolio>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{PORTFOLIO_SELECT} WHERE contest_id = $1 AND user_id = $2"
    ));
    sqlx::query_as(sql)
        .bind(contest_id)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}

/// Portfolios of a contest for one screening page: `tail` is the `WHERE …
/// ORDER BY … LIMIT $3 OFFSET $4` that `screening_view` writes, binding the
/// contest, a category (or 0 for all), the limit and the offset.
pub(crate) async fn portfolios_where(
    db: &Db,
    tail: &str,
    contest_id: i64,
    category: i64,
    (limit, offset): (i64, i64),
) -> Result<Vec<Portfolio>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!("{PORTFOLIO_SELECT} {tail}"));
    sqlx::query_as(sql)
        .bind(contest_id)
        .bind(category)
        .bind(limit)
        .bind(offset)
        .fetch_all(&db.pool)
        .await
}

/// The photos of a portfolio, in the participant's order.
pub async fn photos_of(db: &Db, portfolio_id: i64) -> Result<Vec<Photo>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{PHOTO_SELECT} WHERE portfolio_id = $1 ORDER BY position, id"
    ));
    sqlx::query_as(sql)
        .bind(portfolio_id)
        .fetch_all(&db.pool)
        .await
}

/// One photo of this portfolio (`None` for someone else's photo id).
pub async fn photo_of(
    db: &Db,
    portfolio_id: i64,
    photo_id: i64,
) -> Result<Option<Photo>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{PHOTO_SELECT} WHERE portfolio_id = $1 AND id = $2"
    ));
    sqlx::query_as(sql)
        .bind(portfolio_id)
        .bind(photo_id)
        .fetch_optional(&db.pool)
        .await
}

/// One photo of a contest by id (admins).
pub async fn photo_in_contest(
    db: &Db,
    contest_id: i64,
    photo_id: i64,
) -> Result<Option<Photo>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!("{PHOTO_SELECT} WHERE contest_id = $1 AND id = $2"));
    sqlx::query_as(sql)
        .bind(contest_id)
        .bind(photo_id)
        .fetch_optional(&db.pool)
        .await
}

/// A photo already in the contest with the same original bytes.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Duplicate {
    /// Its entry number, when photos are judged.
    pub number: Option<i64>,
    /// Whose portfolio holds it: the number may be told to its owner only.
    pub portfolio_id: i64,
}

/// The photo already in the contest with these original bytes, if any.
pub async fn duplicate_of(
    db: &Db,
    contest_id: i64,
    original_sha256: &str,
) -> Result<Option<Duplicate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, portfolio_id FROM photos WHERE contest_id = $1 AND original_sha256 = $2",
    )
    .bind(contest_id)
    .bind(original_sha256)
    .fetch_optional(&db.pool)
    .await
}

/// Whether any photo row still needs the stored file with this hash (a row
/// whose file was deleted on purpose, by retention or a withdrawal, keeps
/// the hash for `verify` but no longer needs the file).
pub async fn file_is_referenced(db: &Db, sha256: &str) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM photos \
         WHERE (original_sha256 = $1 AND original_deleted_at IS NULL) \
         OR ((large_sha256 = $1 OR thumb_sha256 = $1) AND derivatives_deleted_at IS NULL)) \
         + (SELECT COUNT(*) FROM verifications WHERE file_sha256 = $1)",
    )
    .bind(sha256)
    .fetch_one(&db.pool)
    .await?;
    Ok(count > 0)
}

/// Of these hashes, the ones some photo row still needs (the batch form of
/// [`file_is_referenced`], for retention and withdrawals: one query per
/// few hundred files, each answered from the hash indexes).
pub async fn files_still_needed(
    db: &Db,
    hashes: &[String],
) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    if hashes.is_empty() {
        return Ok(Default::default());
    }
    let list = (1..=hashes.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT original_sha256 FROM photos WHERE original_deleted_at IS NULL \
         AND original_sha256 IN ({list}) \
         UNION SELECT large_sha256 FROM photos WHERE derivatives_deleted_at IS NULL \
         AND large_sha256 IN ({list}) \
         UNION SELECT thumb_sha256 FROM photos WHERE derivatives_deleted_at IS NULL \
         AND thumb_sha256 IN ({list}) \
         UNION SELECT file_sha256 FROM verifications WHERE file_sha256 IN ({list})"
    );
    // Only numbered placeholders are formatted into the text.
    let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
    for hash in hashes {
        query = query.bind(hash);
    }
    Ok(query.fetch_all(&db.pool).await?.into_iter().collect())
}

/// What the eligibility form collected.
#[derive(Debug, Clone)]
pub struct NewPortfolio {
    /// See [`Portfolio::category_id`].
    pub category_id: i64,
    /// See [`Entrant::full_name`].
    pub full_name: String,
    /// See [`Entrant::country`].
    pub country: String,
    /// See [`Entrant::university`].
    pub university: String,
    /// See [`Entrant::consent_name`].
    pub consent_name: bool,
}

/// Creates the portfolio (with its own entry number when portfolios are judged).
pub async fn insert_portfolio(
    db: &Db,
    contest_id: i64,
    user_id: i64,
    new: &NewPortfolio,
    numbered: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut last_err = None;
    let digits = crate::submissions::numbers::digits_of(&db.pool, contest_id).await?;
    // A drawn number may collide with one already taken: draw again.
    for _ in 0..20 {
        let number = numbered.then(|| EntryNumber::draw(&mut rand::rng(), digits).get());
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO portfolios (contest_id, user_id, category_id, full_name, country, university, \
             consent_rules, consent_name, number, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $9) RETURNING id",
        )
        .bind(contest_id)
        .bind(user_id)
        .bind(new.category_id)
        .bind(&new.full_name)
        .bind(&new.country)
        .bind(&new.university)
        .bind(i64::from(new.consent_name))
        .bind(number)
        .bind(now)
        .fetch_one(&db.pool)
        .await;
        match inserted {
            Ok(id) => return Ok(id),
            Err(err) if numbered && crate::db::is_unique_violation(&err) => last_err = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last_err.unwrap_or(sqlx::Error::RowNotFound))
}

/// Sets the titles and captions of photos of this portfolio, `(photo id,
/// title, caption)`; ids of other portfolios change nothing.
pub async fn update_photo_texts(
    db: &Db,
    portfolio_id: i64,
    texts: &[(i64, String, String)],
) -> Result<(), sqlx::Error> {
    // All or nothing: one Save stands for every title and caption on the page.
    let mut tx = db.pool.begin().await?;
    for (photo_id, title, caption) in texts {
        sqlx::query(
            "UPDATE photos SET title = $1, caption = $2 WHERE id = $3 AND portfolio_id = $4",
        )
        .bind(title)
        .bind(caption)
        .bind(photo_id)
        .bind(portfolio_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Removes a photo; `false` if it is not this portfolio's.
pub async fn delete_photo(db: &Db, portfolio_id: i64, photo_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM photos WHERE id = $1 AND portfolio_id = $2")
        .bind(photo_id)
        .bind(portfolio_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Swaps a photo with its neighbour (earlier when `up`); `false` if there is none.
pub async fn move_photo(
    db: &Db,
    portfolio_id: i64,
    photo_id: i64,
    up: bool,
) -> Result<bool, sqlx::Error> {
    let photos = photos_of(db, portfolio_id).await?;
    let Some(at) = photos.iter().position(|p| p.id == photo_id) else {
        return Ok(false);
    };
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < photos.len())
    };
    let Some(other) = other else {
        return Ok(false);
    };
    let mut tx = db.pool.begin().await?;
    for (id, position) in [
        (photos[at].id, photos[other].position),
        (photos[other].id, photos[at].position),
    ] {
        sqlx::query("UPDATE photos SET position = $1 WHERE id = $2 AND portfolio_id = $3")
            .bind(position)
            .bind(id)
            .bind(portfolio_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Saves the story and the identity note recomputed for all texts.
pub async fn set_story(
    db: &Db,
    portfolio_id: i64,
    story: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE portfolios SET story = $1, updated_at = $2 WHERE id = $3")
        .bind(story)
        .bind(now)
        .bind(portfolio_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Stores the "may reveal identity" note (or clears it with `None`).
pub async fn set_identity_flag(
    db: &Db,
    portfolio_id: i64,
    flag: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE portfolios SET identity_flag = $1 WHERE id = $2")
        .bind(flag)
        .bind(portfolio_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Withdraws a portfolio: its photos, the portfolio and the participant role go.
pub async fn delete_portfolio(db: &Db, portfolio: &Portfolio) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM photos WHERE portfolio_id = $1")
        .bind(portfolio.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM portfolios WHERE id = $1")
        .bind(portfolio.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM contest_roles WHERE contest_id = $1 AND user_id = $2 AND role = 'participant'",
    )
    .bind(portfolio.contest_id)
    .bind(portfolio.entrant.user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// A portfolio by id.
pub async fn portfolio_of_id(db: &Db, portfolio_id: i64) -> Result<Option<Portfolio>, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(format!("{PORTFOLIO_SELECT} WHERE id = $1"));
    sqlx::query_as(sql)
        .bind(portfolio_id)
        .fetch_optional(&db.pool)
        .await
}
