//! A closed round's snapshot: per category, the rule the admin chose and
//! every entry with its votes (sorted, without who cast them), its mean and
//! whether it advanced; serialized once to JSON and hashed, like the
//! results. Built from the ballots, so `verify` rebuilds it to compare.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::contests::rounds::Round;
use crate::images::store::sha256_hex;
use crate::results::tally::{self, Rule};

/// One entry's line in a round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundLine {
    /// The entry number.
    pub number: i64,
    /// The votes cast, lowest first (whose they are is not kept).
    pub votes: Vec<i64>,
    /// Their mean; `None` without votes.
    pub mean: Option<f64>,
    /// Whether it goes on to the next round.
    pub advanced: bool,
    /// A ranking round's Schulze place (absent in other rounds, so their
    /// stored JSON reads and hashes as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    /// A ranking round's Borda points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borda: Option<i64>,
    /// A ranking round's place is shared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tie: bool,
}

/// One category of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundCategory {
    /// The category's name.
    pub name: String,
    /// The rule chosen at the close (`top:N` or `min:X`).
    pub rule: String,
    /// Its entries, best mean first, then by number (a ranking round's
    /// by place).
    pub entries: Vec<RoundLine>,
    /// A ranking round's ballots: each juror's order, best first, sorted
    /// so the list says nothing of who gave which. Anyone can run Schulze
    /// and Borda on them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Vec<i64>>,
}

/// What a closed round decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSnapshot {
    /// The contest's slug.
    pub contest: String,
    /// The round's position (1, 2, …).
    pub round: i64,
    /// `yes_no`, `stars`, `criteria` or `ranking`.
    pub kind: String,
    /// When it closed (UTC seconds).
    pub closed_at: i64,
    /// Why it closed with votes missing ('' if none were).
    pub override_reason: String,
    /// Per category, in the contest's order.
    pub categories: Vec<RoundCategory>,
}

/// The JSON of a round snapshot and its SHA-256 (hex).
pub fn seal(snapshot: &RoundSnapshot) -> Result<(String, String), serde_json::Error> {
    let json = serde_json::to_string(snapshot)?;
    let hash = sha256_hex(json.as_bytes());
    Ok((json, hash))
}

/// Builds shortlisting round `round`'s snapshot from its ballots and the
/// rule of each category (by id; a category without one advances nothing).
/// `round_gather::gather` takes every kind.
pub async fn gather(
    conn: &mut AnyConnection,
    contest_id: i64,
    slug: &str,
    round: &Round,
    rules: &HashMap<i64, Rule>,
    closed_at: i64,
    override_reason: &str,
) -> Result<RoundSnapshot, sqlx::Error> {
    let categories: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM categories WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let entries: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, number, category_id FROM entries WHERE contest_id = $1 AND reached >= $2 \
         ORDER BY number",
    )
    .bind(contest_id)
    .bind(round.position)
    .fetch_all(&mut *conn)
    .await?;
    let votes: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT entry_id, vote FROM ballots WHERE round_id = $1 AND vote IS NOT NULL",
    )
    .bind(round.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut votes_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (entry, vote) in votes {
        votes_of.entry(entry).or_default().push(vote);
    }
    let categories = categories
        .into_iter()
        .map(|(id, name)| {
            let rule = rules.get(&id).copied().unwrap_or(Rule::Top(0));
            let mut lines: Vec<RoundLine> = entries
                .iter()
                .filter(|e| e.2 == id)
                .map(|(entry, number, _)| {
                    let mut votes = votes_of.remove(entry).unwrap_or_default();
                    votes.sort_unstable();
                    RoundLine {
                        number: *number,
                        mean: tally::mean(&votes),
                        votes,
                        ..RoundLine::default()
                    }
                })
                .collect();
            let means: Vec<Option<f64>> = lines.iter().map(|l| l.mean).collect();
            for (line, advanced) in lines.iter_mut().zip(tally::advancing(&means, rule)) {
                line.advanced = advanced;
            }
            lines.sort_by(|a, b| {
                let (a_mean, b_mean) = (a.mean.unwrap_or(-1.0), b.mean.unwrap_or(-1.0));
                b_mean.total_cmp(&a_mean).then(a.number.cmp(&b.number))
            });
            RoundCategory {
                name,
                rule: rule.to_string(),
                entries: lines,
                ballots: Vec::new(),
            }
        })
        .collect();
    Ok(RoundSnapshot {
        contest: slug.to_owned(),
        round: round.position,
        kind: round.kind.as_str().to_owned(),
        closed_at,
        override_reason: override_reason.to_owned(),
        categories,
    })
}

/// Every closed round's stored snapshot of a contest: (position, json, sha256).
pub async fn stored(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.position, s.json, s.sha256 FROM round_snapshots s \
         JOIN rounds r ON r.id = s.round_id WHERE s.contest_id = $1 ORDER BY r.position",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await
}

/// Stores a round's snapshot (inside the closing transaction).
pub async fn store(
    conn: &mut AnyConnection,
    contest_id: i64,
    round_id: i64,
    json: &str,
    sha256: &str,
    now: i64,
    override_reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO round_snapshots (round_id, contest_id, json, sha256, created_at, override_reason) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(round_id)
    .bind(contest_id)
    .bind(json)
    .bind(sha256)
    .bind(now)
    .bind(override_reason)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The closed rounds' snapshots of a contest, in order (one that cannot be
/// read is left out; `verify` reports it).
pub async fn closed(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<RoundSnapshot>, sqlx::Error> {
    Ok(stored(conn, contest_id)
        .await?
        .into_iter()
        .filter_map(|(_, json, _)| serde_json::from_str(&json).ok())
        .collect())
}

/// Each wanted entry's way through the rounds, as the results page shows
/// it: "1: 2 of 2 yes → 2: ★ 4.5".
pub fn paths(
    rounds: &[RoundSnapshot],
    wanted: &HashSet<i64>,
    lang: crate::i18n::Lang,
) -> HashMap<i64, String> {
    use crate::i18n::Msg;
    let mut paths: HashMap<i64, Vec<String>> = HashMap::new();
    for round in rounds {
        for line in round.categories.iter().flat_map(|c| &c.entries) {
            if !wanted.contains(&line.number) {
                continue;
            }
            let said = match (round.kind.as_str(), line.mean) {
                ("ranking", _) => match (line.place, line.borda) {
                    (Some(place), Some(borda)) => Msg::new("way-place")
                        .arg("place", place)
                        .arg("borda", borda),
                    _ => Msg::new("way-not-ranked"),
                },
                ("criteria", Some(score)) => {
                    Msg::new("way-score").arg("score", lang.decimal(score, 2))
                }
                (_, None) => Msg::new("way-no-vote"),
                ("yes_no", Some(_)) => {
                    let yes = line.votes.iter().filter(|v| **v == 1).count();
                    Msg::new("way-yes")
                        .arg("yes", yes)
                        .arg("of", line.votes.len())
                }
                (_, Some(mean)) => Msg::new("way-stars").arg("mean", lang.decimal(mean, 1)),
            };
            let step = format!("{}: {}", round.round, lang.msg(&said));
            paths.entry(line.number).or_default().push(step);
        }
    }
    paths
        .into_iter()
        .map(|(number, steps)| (number, steps.join(" → ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(position: i64, kind: &str, lines: Vec<(i64, Vec<i64>)>) -> RoundSnapshot {
        RoundSnapshot {
            contest: "c".into(),
            round: position,
            kind: kind.into(),
            closed_at: 0,
            override_reason: String::new(),
            categories: vec![RoundCategory {
                name: "a".into(),
                rule: "top:1".into(),
                entries: lines
                    .into_iter()
                    .map(|(number, votes)| RoundLine {
                        number,
                        mean: tally::mean(&votes),
                        votes,
                        advanced: true,
                        ..RoundLine::default()
                    })
                    .collect(),
                ballots: Vec::new(),
            }],
        }
    }

    #[test]
    fn an_entrys_path_names_each_round_with_its_votes() {
        let rounds = [
            round(
                1,
                "yes_no",
                vec![(10, vec![0, 1]), (11, vec![1, 1]), (12, vec![])],
            ),
            round(2, "stars", vec![(11, vec![4, 5])]),
        ];
        let wanted: HashSet<i64> = [11, 12].into();
        let paths = paths(&rounds, &wanted, crate::i18n::Lang::En);
        assert_eq!(paths[&11], "1: 2 of 2 yes → 2: ★ 4.5");
        assert_eq!(paths[&12], "1: no vote");
        assert!(!paths.contains_key(&10), "only the entries asked for");
    }
}
