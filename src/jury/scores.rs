//! Scores: parsed against each criterion's scale, saved in one transaction
//! that holds the contest's judging lock, so no write lands after judging
//! ends and two tabs saving at once update one row per criterion.

use crate::contests::structure::Criterion;
use crate::db::Db;
use crate::i18n::Msg;
use crate::jury::access::lock_while_judging;

/// Longest juror comment kept.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// A score on one criterion's scale, only made by parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    criterion_id: i64,
    value: i64,
}

impl Score {
    /// Parses what the juror typed for `criterion`; the error names the scale.
    pub fn parse(raw: &str, criterion: &Criterion) -> Result<Self, Msg> {
        let scale = Msg::new("jury-score-scale")
            .arg("criterion", criterion.name.as_str())
            .arg("min", criterion.scale_min)
            .arg("max", criterion.scale_max);
        let value: i64 = raw.trim().parse().map_err(|_| scale.clone())?;
        if (criterion.scale_min..=criterion.scale_max).contains(&value) {
            Ok(Self {
                criterion_id: criterion.id,
                value,
            })
        } else {
            Err(scale)
        }
    }

    /// The criterion scored.
    pub fn criterion_id(self) -> i64 {
        self.criterion_id
    }

    /// The value, within the scale.
    pub fn value(self) -> i64 {
        self.value
    }
}

/// Parses one score per criterion from form fields named `c{criterion id}`.
/// Every criterion needs a score; all errors are reported at once.
pub fn parse_scores(
    criteria: &[Criterion],
    fields: &[(String, String)],
) -> Result<Vec<Score>, Vec<Msg>> {
    let mut scores = Vec::new();
    let mut errors = Vec::new();
    for criterion in criteria {
        let key = format!("c{}", criterion.id);
        match fields.iter().find(|(k, _)| *k == key) {
            Some((_, raw)) if !raw.trim().is_empty() => match Score::parse(raw, criterion) {
                Ok(score) => scores.push(score),
                Err(message) => errors.push(message),
            },
            _ => errors.push(
                Msg::new("jury-score-missing")
                    .arg("criterion", criterion.name.as_str())
                    .arg("min", criterion.scale_min)
                    .arg("max", criterion.scale_max),
            ),
        }
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

/// What became of a save.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Stored.
    Yes,
    /// Judging is not open (not yet, or finalized): nothing changed.
    Locked,
    /// Not in this juror's queue (unassigned or recused): nothing changed.
    NotAssigned,
}

/// Saves a juror's scores and comment for one entry.
pub async fn save(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    entry_id: i64,
    scores: &[Score],
    comment: &str,
    now: i64,
) -> Result<Saved, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if !lock_while_judging(&mut tx, contest_id).await? {
        return Ok(Saved::Locked);
    }
    let assigned = sqlx::query(
        // A complete score replaces the draft it was typed in.
        "UPDATE assignments SET comment = $1, draft = NULL, draft_at = NULL \
         WHERE juror_id = $2 AND entry_id = $3 AND contest_id = $4 AND recused_at IS NULL",
    )
    .bind(comment)
    .bind(juror_id)
    .bind(entry_id)
    .bind(contest_id)
    .execute(&mut *tx)
    .await?;
    if assigned.rows_affected() != 1 {
        return Ok(Saved::NotAssigned);
    }
    for score in scores {
        sqlx::query(
            "INSERT INTO scores (contest_id, juror_id, entry_id, criterion_id, value, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (juror_id, entry_id, criterion_id) \
             DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(contest_id)
        .bind(juror_id)
        .bind(entry_id)
        .bind(score.criterion_id())
        .bind(score.value())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    // Last, once the scores are in: the database computes the assignment's
    // weighted total when `scored_at` is set (migration 0013).
    sqlx::query("UPDATE assignments SET scored_at = $1 WHERE juror_id = $2 AND entry_id = $3")
        .bind(now)
        .bind(juror_id)
        .bind(entry_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Saved::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn light() -> Criterion {
        Criterion {
            id: 7,
            name: "Light".into(),
            description: String::new(),
            weight: 1.0,
            scale_min: 1,
            scale_max: 10,
        }
    }

    #[test]
    fn a_score_parses_only_within_its_criterions_scale() {
        assert_eq!(Score::parse(" 10 ", &light()).map(Score::value), Ok(10));
        for bad in ["0", "11", "7.5", "-1", "ten", ""] {
            let err = Score::parse(bad, &light()).unwrap_err();
            assert!(err.to_string().contains("from 1 to 10"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_criterion_needs_a_score_and_unknown_fields_are_ignored() {
        let fields = vec![("c8".to_owned(), "3".to_owned())];
        assert_eq!(parse_scores(&[light()], &fields).unwrap_err().len(), 1);
        let fields = vec![("c7".to_owned(), "4".to_owned())];
        let scores = parse_scores(&[light()], &fields).unwrap();
        assert_eq!((scores[0].criterion_id(), scores[0].value()), (7, 4));
    }
}
