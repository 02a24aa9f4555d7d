//! A round's snapshot, whatever its kind: a shortlisting round's from its
//! ballots (`round_snapshot`), the criteria round's from the criteria
//! ranking (its best N per category go on to the ranking round), a ranking
//! round's from the jurors' saved orders, combined by Schulze with Borda
//! beside it. The close and `verify` both build it here.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::contests::rounds::{Kind, Round};
use crate::results::ranking;
use crate::results::round_snapshot::{self, RoundCategory, RoundLine, RoundSnapshot};
use crate::results::snapshot;
use crate::results::tally::{self, Rule};

/// Round `round`'s snapshot, with the rule of each category (by id).
pub async fn gather(
    conn: &mut AnyConnection,
    contest_id: i64,
    slug: &str,
    round: &Round,
    rules: &HashMap<i64, Rule>,
    closed_at: i64,
    override_reason: &str,
) -> Result<RoundSnapshot, sqlx::Error> {
    let categories = match round.kind {
        Kind::YesNo | Kind::Stars => {
            return round_snapshot::gather(
                conn,
                contest_id,
                slug,
                round,
                rules,
                closed_at,
                override_reason,
            )
            .await;
        }
        Kind::Criteria => criteria(conn, contest_id, rules).await?,
        Kind::Ranking => ranked(conn, contest_id, round).await?,
    };
    Ok(RoundSnapshot {
        contest: slug.to_owned(),
        round: round.position,
        kind: round.kind.as_str().to_owned(),
        closed_at,
        override_reason: override_reason.to_owned(),
        categories,
    })
}

async fn category_names(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM categories WHERE contest_id = $1 ORDER BY position, id")
        .bind(contest_id)
        .fetch_all(&mut *conn)
        .await
}

/// The criteria round: every entry with its score, best first; the best N
/// advance (ties at the cut all go on, as they share the rank).
async fn criteria(
    conn: &mut AnyConnection,
    contest_id: i64,
    rules: &HashMap<i64, Rule>,
) -> Result<Vec<RoundCategory>, sqlx::Error> {
    let ids = category_names(conn, contest_id).await?;
    let results = snapshot::criteria_ranking(conn, contest_id).await?;
    Ok(ids
        .into_iter()
        .zip(results.categories)
        .map(|((id, name), category)| {
            let rule = rules.get(&id).copied().unwrap_or(Rule::Top(0));
            let entries = category
                .entries
                .iter()
                .map(|r| RoundLine {
                    number: r.number,
                    mean: (r.jurors > 0).then_some(r.mean),
                    advanced: r.jurors > 0
                        && match rule {
                            Rule::Top(n) => r.rank <= n,
                            Rule::AtLeast(_) => tally::advancing(&[Some(r.mean)], rule)[0],
                        },
                    ..RoundLine::default()
                })
                .collect();
            RoundCategory {
                name,
                rule: rule.to_string(),
                entries,
                ballots: Vec::new(),
            }
        })
        .collect())
}

/// The ranking round: per category, the finalists by Schulze place, each
/// with the places the jurors gave it, its Borda points, and the ballots.
async fn ranked(
    conn: &mut AnyConnection,
    contest_id: i64,
    round: &Round,
) -> Result<Vec<RoundCategory>, sqlx::Error> {
    let ids = category_names(conn, contest_id).await?;
    let mut profiles = ranking::profiles(conn, contest_id, round).await?;
    Ok(ids
        .into_iter()
        .filter_map(|(id, name)| {
            let profile = profiles.remove(&id)?;
            let entries = ranking::combine(&profile.candidates, &profile.ballots)
                .into_iter()
                .map(|p| {
                    let mut votes: Vec<i64> = profile
                        .ballots
                        .iter()
                        .filter_map(|b| b.iter().position(|n| *n == p.number))
                        .map(|at| at as i64 + 1)
                        .collect();
                    votes.sort_unstable();
                    RoundLine {
                        number: p.number,
                        mean: tally::mean(&votes),
                        votes,
                        advanced: false,
                        place: Some(p.place),
                        borda: Some(p.borda),
                        tie: p.tie,
                    }
                })
                .collect();
            Some(RoundCategory {
                name,
                rule: "schulze".into(),
                entries,
                ballots: profile.ballots,
            })
        })
        .collect())
}
