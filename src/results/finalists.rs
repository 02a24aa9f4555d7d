//! How many entries the criteria round's best N or a score threshold would
//! send to the ranking round, per category, for the close preview: from the
//! weighted totals the database keeps on each assignment (one grouped
//! read), with the exact ranking computed only for the entries near each
//! cut.
//!
//! The close itself ranks every entry from the scores
//! (`snapshot::criteria_ranking`); this must count the same. An entry's
//! score is the mean of its jurors' totals rounded to four decimals, and
//! ties go to the median, then the top marks. Entries whose mean is more
//! than [`BAND`] above the N-th one's are above it on the exact key too
//! (the rounding cannot join them), so only the entries inside the band are
//! ranked exactly, from their scores.

use std::collections::{BTreeMap, HashMap};

use sqlx::AnyConnection;

use crate::results::compute::{self, Sheet};
use crate::results::snapshot::{counted_sql, criteria_of};
use crate::results::tally::{Rule, SLACK};

/// Wider than the four-decimal rounding of a mean plus any difference
/// between the database's average and the computation's.
const BAND: f64 = 2e-4;

/// One entry of the criteria round, from the grouped read.
struct Line {
    id: i64,
    number: i64,
    /// Mean of the jurors' totals (0 without any).
    mean: f64,
    jurors: i64,
}

/// A category of the criteria round's close preview.
pub struct Counted {
    /// Entries in the criteria round.
    pub entries: usize,
    /// The thresholds offered, best first: each score (in hundredths, as
    /// the rule keeps it) of the best entries, with how many entries it
    /// sends on, down to the last that sends at most `limit`.
    pub thresholds: Vec<(f64, usize)>,
    /// How many entries the rule asked for sends on.
    pub advancing: Option<usize>,
}

/// Per category id, the close preview's counts: the entries, the
/// thresholds that send at most `limit`, and what `rules[category]` sends.
pub async fn count(
    conn: &mut AnyConnection,
    contest_id: i64,
    rules: &HashMap<i64, Rule>,
    limit: usize,
) -> Result<HashMap<i64, Counted>, sqlx::Error> {
    let shortlists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM rounds WHERE contest_id = $1 AND kind IN ('yes_no', 'stars')",
    )
    .bind(contest_id)
    .fetch_one(&mut *conn)
    .await?;
    // Grouped by the key alone (the other columns depend on it): SQLite
    // then walks the entries in key order instead of sorting 50,000 groups.
    let rows: Vec<(i64, i64, i64, i64, Option<f64>)> = sqlx::query_as(
        "SELECT e.category_id, e.id, e.number, COUNT(a.total), AVG(a.total) \
         FROM entries e LEFT JOIN assignments a ON a.entry_id = e.id \
             AND a.recused_at IS NULL AND a.scored_at IS NOT NULL \
         WHERE e.contest_id = $1 AND e.reached > $2 \
         GROUP BY e.id",
    )
    .bind(contest_id)
    .bind(shortlists)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_category: HashMap<i64, Vec<Line>> = HashMap::new();
    for (category, id, number, jurors, mean) in rows {
        by_category.entry(category).or_default().push(Line {
            id,
            number,
            mean: mean.unwrap_or(0.0),
            jurors,
        });
    }
    let mut out = HashMap::new();
    for (category, mut lines) in by_category {
        lines.sort_by(|a, b| b.mean.total_cmp(&a.mean));
        let advancing = match rules.get(&category) {
            Some(&Rule::Top(n)) => Some(advancing(conn, contest_id, &lines, n).await?),
            Some(&rule) => Some(admitted(conn, contest_id, &lines, rule).await?),
            None => None,
        };
        let counted = Counted {
            entries: lines.len(),
            thresholds: thresholds(conn, contest_id, &lines, limit).await?,
            advancing,
        };
        out.insert(category, counted);
    }
    Ok(out)
}

/// The means of the entries ranked exactly (`None` for those unscored).
fn means(ranked: &[compute::Ranked]) -> Vec<Option<f64>> {
    ranked
        .iter()
        .map(|r| (r.jurors > 0).then_some(r.mean))
        .collect()
}

/// How many entries a threshold lets through: those clearly above it by
/// their kept totals, and those near it by their exact score.
async fn admitted(
    conn: &mut AnyConnection,
    contest_id: i64,
    lines: &[Line],
    rule: Rule,
) -> Result<usize, sqlx::Error> {
    let Rule::AtLeast(t) = rule else {
        return Ok(0);
    };
    let scored = lines.iter().filter(|l| l.jurors > 0);
    let above = scored.clone().filter(|l| l.mean + SLACK > t + BAND).count();
    let near: Vec<&Line> = scored
        .filter(|l| (l.mean + SLACK - t).abs() <= BAND)
        .collect();
    let ranked = exact(conn, contest_id, &near).await?;
    Ok(above
        + means(&ranked)
            .into_iter()
            .filter(|m| rule.admits(*m))
            .count())
}

/// Each score of the best `limit` entries, in hundredths, with how many
/// entries reach it, best first; only those that send at most `limit`.
async fn thresholds(
    conn: &mut AnyConnection,
    contest_id: i64,
    lines: &[Line],
    limit: usize,
) -> Result<Vec<(f64, usize)>, sqlx::Error> {
    let scored: Vec<&Line> = lines.iter().filter(|l| l.jurors > 0).collect();
    let Some(last) = scored.get(limit.min(scored.len()).saturating_sub(1)) else {
        return Ok(Vec::new());
    };
    // A threshold is a mean rounded to hundredths and admits a little
    // below itself (tally's SLACK): everything it could admit is here.
    let lowest = last.mean - 0.01 - SLACK - 2.0 * BAND;
    let near: Vec<&Line> = scored.into_iter().filter(|l| l.mean >= lowest).collect();
    let means = means(&exact(conn, contest_id, &near).await?);
    let mut best: Vec<f64> = means.iter().flatten().copied().collect();
    best.sort_by(|a, b| b.total_cmp(a));
    let mut offered: Vec<f64> = best
        .into_iter()
        .take(limit)
        .map(|m| (m * 100.0).round() / 100.0)
        .collect();
    offered.dedup();
    Ok(offered
        .into_iter()
        .map(|t| {
            let n = means
                .iter()
                .filter(|m| Rule::AtLeast(t).admits(**m))
                .count();
            (t, n)
        })
        .filter(|(_, n)| *n <= limit)
        .collect())
}

/// How many scored entries of one category rank at `n` or better.
async fn advancing(
    conn: &mut AnyConnection,
    contest_id: i64,
    lines: &[Line],
    n: usize,
) -> Result<usize, sqlx::Error> {
    let scored = lines.iter().filter(|l| l.jurors > 0).count();
    if n == 0 {
        return Ok(0);
    }
    // Every scored entry ranks at most at the number of scored entries.
    let Some(cut) = lines.iter().filter(|l| l.jurors > 0).nth(n - 1) else {
        return Ok(scored);
    };
    let cut = cut.mean;
    let above: Vec<&Line> = lines.iter().filter(|l| l.mean > cut + BAND).collect();
    let band: Vec<&Line> = lines
        .iter()
        .filter(|l| (l.mean - cut).abs() <= BAND)
        .collect();
    let ranked = exact(conn, contest_id, &band).await?;
    let within = ranked
        .iter()
        .filter(|r| r.jurors > 0 && above.len() + r.rank <= n)
        .count();
    Ok(above.iter().filter(|l| l.jurors > 0).count() + within)
}

/// The band's entries ranked among themselves from their scores.
async fn exact(
    conn: &mut AnyConnection,
    contest_id: i64,
    band: &[&Line],
) -> Result<Vec<compute::Ranked>, sqlx::Error> {
    let criteria = criteria_of(conn, contest_id).await?;
    let mut sheets: BTreeMap<(i64, i64), BTreeMap<i64, i64>> = BTreeMap::new();
    // In chunks: a tie of the whole category makes the band everything.
    for chunk in band.chunks(500) {
        let ids: Vec<String> = chunk.iter().map(|l| l.id.to_string()).collect();
        let sql = format!(
            "{} AND e.id IN ({})",
            counted_sql("s.juror_id, e.number, s.criterion_id, s.value"),
            ids.join(",")
        );
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(contest_id)
            .fetch_all(&mut *conn)
            .await?;
        for (juror, number, criterion, value) in rows {
            sheets
                .entry((number, juror))
                .or_default()
                .insert(criterion, value);
        }
    }
    let sheets: Vec<Sheet> = sheets
        .into_iter()
        .map(|((number, juror), values)| Sheet {
            number,
            alias: juror.to_string(),
            values,
        })
        .collect();
    let numbers: Vec<i64> = band.iter().map(|l| l.number).collect();
    Ok(compute::rank(&criteria, &numbers, &sheets))
}
