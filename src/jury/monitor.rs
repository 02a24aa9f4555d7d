//! The admin's view of the jury at work: per juror the work assigned, scored
//! and recused, their last activity and the spread of their scores; entries
//! appear by number only, and never next to a participant.

use std::collections::HashMap;

use crate::db::Db;
use crate::jury::jurors::JurorRow;

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

/// The monitor's figures for every juror, and the entries (by number) that
/// have fewer jurors than the quorum asks. Each juror's figures are index
/// reads (progress kept by triggers, the last save, the recusals, and the
/// sums of their totals from a covering index), so the page reads a few rows
/// per juror whatever the contest's size (`scripts/bench-scale.sh`).
pub async fn stats(
    db: &Db,
    contest_id: i64,
    quorum: i64,
    jurors: Vec<JurorRow>,
    category_names: &HashMap<i64, Vec<String>>,
) -> Result<(Vec<JurorStats>, Vec<i64>), sqlx::Error> {
    let mut stats = Vec::with_capacity(jurors.len());
    for juror in jurors {
        stats.push(juror_stats(db, juror, category_names).await?);
    }
    let short = if quorum > 0 {
        sqlx::query_scalar(
            "SELECT e.number FROM entries e \
             LEFT JOIN assignments a ON a.entry_id = e.id AND a.recused_at IS NULL \
             WHERE e.contest_id = $1 GROUP BY e.id, e.number \
             HAVING COUNT(a.entry_id) < $2 ORDER BY e.number",
        )
        .bind(contest_id)
        .bind(quorum)
        .fetch_all(&db.pool)
        .await?
    } else {
        Vec::new()
    };
    Ok((stats, short))
}

async fn juror_stats(
    db: &Db,
    juror: JurorRow,
    category_names: &HashMap<i64, Vec<String>>,
) -> Result<JurorStats, sqlx::Error> {
    let pool = &db.pool;
    let (assigned, scored): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT CAST(SUM(assigned) AS BIGINT), CAST(SUM(scored) AS BIGINT) \
         FROM juror_progress WHERE juror_id = $1",
    )
    .bind(juror.id)
    .fetch_one(pool)
    .await?;
    let saved: Option<i64> =
        sqlx::query_scalar("SELECT MAX(scored_at) FROM assignments WHERE juror_id = $1")
            .bind(juror.id)
            .fetch_one(pool)
            .await?;
    let (recused, stepped): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(recused_at) FROM assignments \
         WHERE juror_id = $1 AND recused_at IS NOT NULL",
    )
    .bind(juror.id)
    .fetch_one(pool)
    .await?;
    let (n, sum, squares): (i64, Option<f64>, Option<f64>) = sqlx::query_as(
        "SELECT COUNT(total), SUM(total), SUM(total * total) FROM assignments \
         WHERE juror_id = $1 AND recused_at IS NULL AND scored_at IS NOT NULL",
    )
    .bind(juror.id)
    .fetch_one(pool)
    .await?;
    let count = |n: Option<i64>| usize::try_from(n.unwrap_or(0)).unwrap_or(0);
    Ok(JurorStats {
        categories: category_names.get(&juror.id).cloned().unwrap_or_default(),
        assigned: count(assigned),
        scored: count(scored),
        recused: count(Some(recused)),
        last_activity: saved.max(stepped),
        spread: sum.zip(squares).and_then(|(s, q)| from_sums(n, s, q)),
        juror,
    })
}

/// Mean and sample standard deviation from n, Σx and Σx² (as [`spread`]).
pub fn from_sums(n: i64, sum: f64, squares: f64) -> Option<(f64, f64)> {
    if n <= 0 {
        return None;
    }
    let count = n as f64;
    let mean = sum / count;
    let var = if n > 1 {
        ((squares - count * mean * mean) / (count - 1.0)).max(0.0)
    } else {
        0.0
    };
    Some((mean, var.sqrt()))
}

#[cfg(test)]
mod tests {
    use super::{from_sums, spread};

    #[test]
    fn spread_is_the_mean_and_sample_standard_deviation() {
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[7.0]), Some((7.0, 0.0)));
        let (mean, sd) = spread(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert!((mean - 5.0).abs() < 1e-9);
        assert!((sd - 2.138_089_935).abs() < 1e-6, "{sd}");
    }

    #[test]
    fn the_spread_from_sums_is_the_spread_of_the_values() {
        let values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0, 6.25, 3.5];
        let (sum, squares) = (values.iter().sum(), values.iter().map(|v| v * v).sum());
        let (m1, s1) = spread(&values).unwrap();
        let (m2, s2) = from_sums(values.len() as i64, sum, squares).unwrap();
        assert!(
            (m1 - m2).abs() < 1e-9 && (s1 - s2).abs() < 1e-9,
            "{s1} {s2}"
        );
        assert_eq!(from_sums(1, 7.0, 49.0), Some((7.0, 0.0)));
        assert_eq!(from_sums(0, 0.0, 0.0), None);
    }
}
