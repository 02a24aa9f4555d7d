//! The admin's view of the jury at work: per juror the work assigned, scored
//! and recused, their last activity and the spread of their scores; entries
//! appear by number only, and never next to a participant.

use std::collections::HashMap;

use crate::contests::structure::Criterion;
use crate::db::Db;
use crate::jury::jurors::JurorRow;
use crate::jury::view::weighted_total;

/// One juror's line on the monitor.
#[derive(Debug, Clone)]
pub struct JurorStats {
    /// The juror.
    pub juror: JurorRow,
    /// Names of their categories.
    pub categories: Vec<String>,
    /// Entries in their queue (not recused).
    pub assigned: usize,
    /// Of those, scored.
    pub scored: usize,
    /// Entries they stepped aside from.
    pub recused: usize,
    /// Their last save or recusal (UTC seconds).
    pub last_activity: Option<i64>,
    /// Mean and standard deviation of their weighted scores.
    pub spread: Option<(f64, f64)>,
}

impl JurorStats {
    /// Active and with work left.
    pub fn unfinished(&self) -> bool {
        self.juror.removed_at.is_none()
            && (self.juror.accepted_at.is_none() || self.scored < self.assigned)
    }

    /// Scored share, 0–100, for the progress bar.
    pub fn percent(&self) -> usize {
        (self.scored * 100).checked_div(self.assigned).unwrap_or(0)
    }
}

/// Mean and sample standard deviation (0 for a single value).
pub fn spread(values: &[f64]) -> Option<(f64, f64)> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = if n > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    Some((mean, var.sqrt()))
}

/// One assignment: juror, entry, entry number, scored at, recused at.
type Row = (i64, i64, i64, Option<i64>, Option<i64>);

/// The monitor's figures for every juror, and the entries (by number) that
/// have fewer jurors than the quorum asks.
pub async fn stats(
    db: &Db,
    contest_id: i64,
    quorum: i64,
    jurors: Vec<JurorRow>,
    category_names: &HashMap<i64, Vec<String>>,
    criteria: &[Criterion],
) -> Result<(Vec<JurorStats>, Vec<i64>), sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.juror_id, a.entry_id, e.number, a.scored_at, a.recused_at FROM assignments a \
         JOIN entries e ON e.id = a.entry_id WHERE a.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let saved: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT juror_id, entry_id, criterion_id, value FROM scores WHERE contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let mut scores: HashMap<(i64, i64), HashMap<i64, i64>> = HashMap::new();
    for (juror, entry, criterion, value) in saved {
        scores
            .entry((juror, entry))
            .or_default()
            .insert(criterion, value);
    }
    let entries: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, number FROM entries WHERE contest_id = $1")
            .bind(contest_id)
            .fetch_all(&db.pool)
            .await?;
    let mut per_entry: HashMap<i64, (i64, i64)> = entries
        .into_iter()
        .map(|(id, number)| (id, (number, 0)))
        .collect();
    let stats = jurors
        .into_iter()
        .map(|juror| {
            let mine: Vec<_> = rows.iter().filter(|r| r.0 == juror.id).collect();
            let live: Vec<_> = mine.iter().filter(|r| r.4.is_none()).collect();
            let totals: Vec<f64> = live
                .iter()
                .filter(|r| r.3.is_some())
                .filter_map(|r| scores.get(&(juror.id, r.1)))
                .filter_map(|s| weighted_total(criteria, s))
                .collect();
            JurorStats {
                categories: category_names.get(&juror.id).cloned().unwrap_or_default(),
                assigned: live.len(),
                scored: live.iter().filter(|r| r.3.is_some()).count(),
                recused: mine.len() - live.len(),
                last_activity: mine.iter().filter_map(|r| r.3.max(r.4)).max(),
                spread: spread(&totals),
                juror,
            }
        })
        .collect();
    for (_, entry, number, _, recused) in &rows {
        let slot = per_entry.entry(*entry).or_insert((*number, 0));
        if recused.is_none() {
            slot.1 += 1;
        }
    }
    let mut short: Vec<i64> = if quorum > 0 {
        per_entry
            .values()
            .filter(|(_, n)| *n < quorum)
            .map(|(number, _)| *number)
            .collect()
    } else {
        Vec::new()
    };
    short.sort_unstable();
    Ok((stats, short))
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn spread_is_the_mean_and_sample_standard_deviation() {
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[7.0]), Some((7.0, 0.0)));
        let (mean, sd) = spread(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert!((mean - 5.0).abs() < 1e-9);
        assert!((sd - 2.138_089_935).abs() < 1e-6, "{sd}");
    }
}
