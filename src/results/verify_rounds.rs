//! `photojury verify` of the closed rounds: each stored snapshot against
//! its hash, against the ballots in the database (rebuilt with the rules
//! it records), and against which entries went on. Each problem names the
//! round and the entry.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::contests::queries::Contest;
use crate::contests::rounds;
use crate::images::store::sha256_hex;
use crate::results::round_gather;
use crate::results::round_snapshot::{self, RoundLine, RoundSnapshot};
use crate::results::tally::Rule;

/// Adds a problem for each way the closed rounds of `contest` differ from
/// what their snapshots say.
pub async fn check_rounds(
    conn: &mut AnyConnection,
    contest: &Contest,
    problems: &mut Vec<String>,
) -> Result<(), sqlx::Error> {
    let all = rounds::rounds_of(conn, contest.id).await?;
    let stored = round_snapshot::stored(conn, contest.id).await?;
    for round in all.iter().filter(|r| r.closed_at.is_some()) {
        let n = round.position;
        let Some((_, json, hash)) = stored.iter().find(|s| s.0 == n) else {
            problems.push(format!("round {n}: closed without a stored snapshot"));
            continue;
        };
        if sha256_hex(json.as_bytes()) != *hash {
            problems.push(format!(
                "round {n}: the stored snapshot does not match its published hash"
            ));
        }
        let Ok(closed) = serde_json::from_str::<RoundSnapshot>(json) else {
            problems.push(format!("round {n}: the stored snapshot cannot be read"));
            continue;
        };
        let categories: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM categories WHERE contest_id = $1")
                .bind(contest.id)
                .fetch_all(&mut *conn)
                .await?;
        let rules: HashMap<i64, Rule> = closed
            .categories
            .iter()
            .filter_map(|c| {
                let id = categories.iter().find(|(_, name)| *name == c.name)?.0;
                Some((id, c.rule.parse().ok()?))
            })
            .collect();
        let now = round_gather::gather(
            conn,
            contest.id,
            &contest.slug,
            round,
            &rules,
            closed.closed_at,
            &closed.override_reason,
        )
        .await?;
        let after: HashMap<i64, &RoundLine> = lines(&now).map(|l| (l.number, l)).collect();
        for line in lines(&closed) {
            if after.get(&line.number) != Some(&line) {
                problems.push(format!(
                    "round {n}, entry {}: the votes in the database no longer give what the round decided",
                    line.number
                ));
            }
        }
        let went_on: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT number, reached FROM entries WHERE contest_id = $1 AND reached >= $2",
        )
        .bind(contest.id)
        .bind(n)
        .fetch_all(&mut *conn)
        .await?;
        let advanced: HashMap<i64, bool> = lines(&closed).map(|l| (l.number, l.advanced)).collect();
        for (number, reached) in went_on {
            if advanced.get(&number).copied().unwrap_or(false) != (reached > n) {
                problems.push(format!(
                    "round {n}, entry {number}: it {} to the next round, but the round decided otherwise",
                    if reached > n { "went on" } else { "did not go on" }
                ));
            }
        }
    }
    Ok(())
}

fn lines(snapshot: &RoundSnapshot) -> impl Iterator<Item = &RoundLine> {
    snapshot.categories.iter().flat_map(|c| &c.entries)
}
