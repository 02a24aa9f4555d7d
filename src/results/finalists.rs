//! How many entries the criteria round's best N would send to the ranking
//! round, per category, for the close preview: from the weighted totals the
//! database keeps on each assignment (one grouped read), with the exact
//! ranking computed only for the entries near each cut.
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

use crate::results::compute::{self, Crit, Sheet};
use crate::results::snapshot::counted_sql;

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

/// Per category id: how many entries are in the criteria round, and how
/// many the best `tops[category]` would send on (ties at the cut all go).
pub async fn count(
    conn: &mut AnyConnection,
    contest_id: i64,
    tops: &HashMap<i64, usize>,
) -> Result<HashMap<i64, (usize, Option<usize>)>, sqlx::Error> {
    let shortlists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM rounds WHERE contest_id = $1 AND kind IN ('yes_no', 'stars')",
    )
    .bind(contest_id)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<(i64, i64, i64, i64, Option<f64>)> = sqlx::query_as(
        "SELECT e.category_id, e.id, e.number, COUNT(a.total), AVG(a.total) \
         FROM entries e LEFT JOIN assignments a ON a.entry_id = e.id \
             AND a.recused_at IS NULL AND a.scored_at IS NOT NULL \
         WHERE e.contest_id = $1 AND e.reached > $2 \
         GROUP BY e.category_id, e.id, e.number",
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
        let advancing = match tops.get(&category) {
            Some(&n) => Some(advancing(conn, contest_id, &mut lines, n).await?),
            None => None,
        };
        out.insert(category, (lines.len(), advancing));
    }
    Ok(out)
}

/// How many scored entries of one category rank at `n` or better.
async fn advancing(
    conn: &mut AnyConnection,
    contest_id: i64,
    lines: &mut [Line],
    n: usize,
) -> Result<usize, sqlx::Error> {
    lines.sort_by(|a, b| b.mean.total_cmp(&a.mean));
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
    let criteria: Vec<(i64, String, f64, i64, i64)> = sqlx::query_as(
        "SELECT id, name, weight, scale_min, scale_max FROM criteria WHERE contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    let criteria: Vec<Crit> = criteria
        .into_iter()
        .map(|(id, name, weight, min, max)| Crit {
            id,
            name,
            weight,
            min,
            max,
        })
        .collect();
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
