//! What a participant learns about their own entries once the winners are
//! announced: their award or rank band in the category, and the jurors'
//! comments (without saying which juror) when the contest shares feedback.
//! An entry that a shortlisting round left out says after which round.

use std::collections::HashMap;

use crate::db::Db;
use crate::i18n::Msg;
use crate::results::awards::Award;
use crate::results::round_snapshot::{self, RoundSnapshot};
use crate::results::snapshot::Snapshot;

/// One of the participant's entries in an announced contest.
#[derive(Debug, Clone)]
pub struct OwnResult {
    /// The contest's title.
    pub contest: String,
    /// Its slug (for the winners link).
    pub slug: String,
    /// The entry number.
    pub number: i64,
    /// The entry's category.
    pub category: String,
    /// "1st prize", or where it ranked ("top 25% of 40 entries").
    pub outcome: Msg,
    /// Selected for the exhibition.
    pub exhibition: bool,
    /// The jurors' comments, when shared.
    pub comments: Vec<String>,
}

/// Where a rank falls, in words that do not reveal the exact place.
pub fn band(rank: usize, of: usize) -> Msg {
    // The share of entries ranked above this one.
    let share = rank.saturating_sub(1) as f64 / of.max(1) as f64;
    let band = match share {
        s if s < 0.10 => "top10",
        s if s < 0.25 => "top25",
        s if s < 0.50 => "top50",
        _ => "rest",
    };
    Msg::new("result-band").arg("band", band).arg("of", of)
}

/// Entry id, contest id, title and slug, number, share_feedback, results
/// JSON, exhibition.
type OwnRow = (i64, i64, String, String, i64, i64, String, i64);

/// The user's entries in announced contests.
pub async fn own_results(db: &Db, user_id: i64) -> Result<Vec<OwnResult>, sqlx::Error> {
    let rows: Vec<OwnRow> = sqlx::query_as(
        "SELECT e.id, c.id, c.title, c.slug, e.number, c.share_feedback, r.json, \
         COALESCE((SELECT a.exhibition FROM awards a WHERE a.entry_id = e.id), 0) \
         FROM entries e JOIN portfolios p ON p.id = e.portfolio_id \
         JOIN contests c ON c.id = e.contest_id \
         JOIN results_snapshots r ON r.contest_id = c.id \
         WHERE p.user_id = $1 AND c.phase = 'announced' ORDER BY c.id, e.number",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    // The closed rounds of each contest, read once, for entries left out.
    let mut rounds: HashMap<i64, Vec<RoundSnapshot>> = HashMap::new();
    for (entry_id, contest_id, contest, slug, number, share, json, exhibition) in rows {
        let Ok(snapshot) = serde_json::from_str::<Snapshot>(&json) else {
            continue;
        };
        let award: Option<String> =
            sqlx::query_scalar("SELECT award FROM awards WHERE entry_id = $1")
                .bind(entry_id)
                .fetch_optional(&db.pool)
                .await?
                .flatten();
        let placed: HashMap<i64, (String, usize, usize)> = snapshot
            .categories
            .iter()
            .flat_map(|c| {
                let of = c.entries.len();
                c.entries
                    .iter()
                    .map(move |e| (e.number, (c.name.clone(), e.rank, of)))
            })
            .collect();
        let (category, outcome) = match placed.get(&number).cloned() {
            Some((category, rank, of)) => match award.as_deref().and_then(Award::parse) {
                Some(a) => (category, Msg::new(a.key())),
                None => (category, band(rank, of)),
            },
            None => {
                if let std::collections::hash_map::Entry::Vacant(slot) = rounds.entry(contest_id) {
                    let mut conn = db.pool.acquire().await?;
                    slot.insert(round_snapshot::closed(&mut conn, contest_id).await?);
                }
                let left_out = rounds.get(&contest_id).and_then(|r| last_round(r, number));
                let Some((round, category)) = left_out else {
                    continue;
                };
                (category, Msg::new("result-left-out").arg("round", round))
            }
        };
        let comments = if share == 1 {
            sqlx::query_scalar(
                "SELECT comment FROM assignments WHERE entry_id = $1 AND recused_at IS NULL \
                 AND comment <> '' ORDER BY sort_key",
            )
            .bind(entry_id)
            .fetch_all(&db.pool)
            .await?
        } else {
            Vec::new()
        };
        out.push(OwnResult {
            contest,
            slug,
            number,
            category,
            outcome,
            exhibition: exhibition == 1,
            comments,
        });
    }
    Ok(out)
}

/// The last round that held entry `number`, and its category there.
fn last_round(rounds: &[RoundSnapshot], number: i64) -> Option<(i64, String)> {
    rounds.iter().rev().find_map(|r| {
        r.categories
            .iter()
            .find(|c| c.entries.iter().any(|e| e.number == number))
            .map(|c| (r.round, c.name.clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::{band, last_round};
    use crate::results::round_snapshot::{RoundCategory, RoundLine, RoundSnapshot};

    fn round(position: i64, numbers: &[i64]) -> RoundSnapshot {
        RoundSnapshot {
            contest: "c".into(),
            round: position,
            kind: "yes_no".into(),
            closed_at: 0,
            override_reason: String::new(),
            categories: vec![RoundCategory {
                name: "Open".into(),
                rule: "top:1".into(),
                entries: numbers
                    .iter()
                    .map(|&number| RoundLine {
                        number,
                        ..RoundLine::default()
                    })
                    .collect(),
                ballots: Vec::new(),
            }],
        }
    }

    #[test]
    fn an_entry_left_out_is_told_the_last_round_it_was_in() {
        let rounds = [round(1, &[10, 11, 12]), round(2, &[11])];
        assert_eq!(last_round(&rounds, 10), Some((1, "Open".into())));
        assert_eq!(last_round(&rounds, 11), Some((2, "Open".into())));
        assert_eq!(last_round(&rounds, 99), None);
    }

    #[test]
    fn bands_say_roughly_where_an_entry_ranked() {
        let said = |rank, of| band(rank, of).to_string();
        assert_eq!(said(1, 40), "top 10% of 40 entries");
        assert_eq!(said(4, 40), "top 10% of 40 entries");
        assert_eq!(said(5, 40), "top 25% of 40 entries");
        assert_eq!(said(10, 40), "top 25% of 40 entries");
        assert_eq!(said(11, 40), "top half of 40 entries");
        assert_eq!(said(20, 40), "top half of 40 entries");
        assert_eq!(said(21, 40), "second half of 40 entries");
        assert_eq!(said(1, 1), "top 10% of the only entry");
        let ru = |rank, of| crate::i18n::Lang::Ru.msg(&band(rank, of));
        assert_eq!(ru(1, 21), "в первых 10% из 21 работы");
        assert_eq!(ru(30, 40), "во второй половине из 40 работ");
    }
}
