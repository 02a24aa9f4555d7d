//! Scores into rankings, as a pure function of identity-free inputs: entry
//! numbers, categories, criteria and each juror's scores (jurors by alias).
//! An entry's score from one juror is the weighted mean of their criterion
//! scores; the entry's score is the mean over the jurors who scored it.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// A criterion as the computation needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Crit {
    /// Row id (scores refer to it).
    pub id: i64,
    /// Name, for exports.
    pub name: String,
    /// Relative weight.
    pub weight: f64,
    /// Lowest score.
    pub min: i64,
    /// Highest score ("top mark").
    pub max: i64,
}

/// One juror's scores for one entry, by criterion id.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The entry number.
    pub number: i64,
    /// The juror's alias (A, B, …).
    pub alias: String,
    /// Criterion id → value.
    pub values: BTreeMap<i64, i64>,
}

/// An entry's line in the results.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ranked {
    /// The entry number.
    pub number: i64,
    /// 1-based; entries tied on everything share a rank.
    pub rank: usize,
    /// Mean over jurors of their weighted means.
    pub mean: f64,
    /// Median of the same.
    pub median: f64,
    /// How many jurors scored it.
    pub jurors: usize,
    /// How many criterion scores were the top of their scale.
    pub top_marks: usize,
    /// Still tied after median and top marks: the admin decides.
    pub tie: bool,
    /// Mean of the jurors' normalized scores.
    pub normalized: f64,
    /// Rank by the normalized score.
    pub normalized_rank: usize,
    /// Alias → criterion id → value.
    pub sheets: BTreeMap<String, BTreeMap<i64, i64>>,
}

/// Weighted mean of one sheet over the criteria (`None` if one is missing).
pub fn weighted(criteria: &[Crit], values: &BTreeMap<i64, i64>) -> Option<f64> {
    let weights = criteria.iter().map(|c| (c.id, c.weight));
    crate::contests::structure::weighted_mean(weights, |id| values.get(&id).copied())
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn sd(values: &[f64]) -> f64 {
    let m = mean(values);
    if values.len() < 2 {
        return 0.0;
    }
    (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (values.len() - 1) as f64).sqrt()
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Rounds for storage and comparison, so equal scores compare equal.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Each juror's weighted means turned into z-scores and rescaled to the
/// contest's weighted scale (the mean and spread of all jurors together), so
/// a harsh and a generous juror count alike.
fn normalized(criteria: &[Crit], raw: &[(String, i64, f64)]) -> BTreeMap<(String, i64), f64> {
    let all: Vec<f64> = raw.iter().map(|r| r.2).collect();
    let (overall_mean, overall_sd) = (mean(&all), sd(&all));
    let total: f64 = criteria.iter().map(|c| c.weight).sum();
    let lo = criteria
        .iter()
        .map(|c| c.weight * c.min as f64)
        .sum::<f64>()
        / total.max(f64::EPSILON);
    let hi = criteria
        .iter()
        .map(|c| c.weight * c.max as f64)
        .sum::<f64>()
        / total.max(f64::EPSILON);
    let mut out = BTreeMap::new();
    let aliases: std::collections::BTreeSet<&String> = raw.iter().map(|r| &r.0).collect();
    for alias in aliases {
        let mine: Vec<f64> = raw.iter().filter(|r| &r.0 == alias).map(|r| r.2).collect();
        let (m, s) = (mean(&mine), sd(&mine));
        for r in raw.iter().filter(|r| &r.0 == alias) {
            let z = if s > 0.0 { (r.2 - m) / s } else { 0.0 };
            out.insert(
                (alias.clone(), r.1),
                (overall_mean + z * overall_sd).clamp(lo, hi),
            );
        }
    }
    out
}

/// Ranks the entries of one category. `sheets` holds every counted sheet
/// (recusals already left out); entries without one rank last with 0.
pub fn rank(criteria: &[Crit], numbers: &[i64], sheets: &[Sheet]) -> Vec<Ranked> {
    let raw: Vec<(String, i64, f64)> = sheets
        .iter()
        .filter_map(|s| weighted(criteria, &s.values).map(|w| (s.alias.clone(), s.number, w)))
        .collect();
    let norm = normalized(criteria, &raw);
    // Each entry's weighted sheets and sheets, in their order, found by
    // number: filtering the whole list per entry was entries × sheets.
    let mut raw_of: HashMap<i64, Vec<&(String, i64, f64)>> = HashMap::new();
    for r in &raw {
        raw_of.entry(r.1).or_default().push(r);
    }
    let mut sheets_of: HashMap<i64, Vec<&Sheet>> = HashMap::new();
    for s in sheets {
        sheets_of.entry(s.number).or_default().push(s);
    }
    let mut lines: Vec<Ranked> = numbers
        .iter()
        .map(|&number| {
            let mine: Vec<&(String, i64, f64)> = raw_of.remove(&number).unwrap_or_default();
            let values: Vec<f64> = mine.iter().map(|r| r.2).collect();
            let normal: Vec<f64> = mine
                .iter()
                .filter_map(|r| norm.get(&(r.0.clone(), number)).copied())
                .collect();
            let own: Vec<&Sheet> = sheets_of.remove(&number).unwrap_or_default();
            let top_marks = own
                .iter()
                .flat_map(|s| {
                    criteria
                        .iter()
                        .filter(|c| s.values.get(&c.id) == Some(&c.max))
                })
                .count();
            Ranked {
                number,
                rank: 0,
                mean: round(mean(&values)),
                median: round(median(&values)),
                jurors: values.len(),
                top_marks,
                tie: false,
                normalized: round(mean(&normal)),
                normalized_rank: 0,
                sheets: own
                    .iter()
                    .map(|s| (s.alias.clone(), s.values.clone()))
                    .collect(),
            }
        })
        .collect();
    // By normalized score first, to record that rank.
    lines.sort_by(|a, b| {
        b.normalized
            .total_cmp(&a.normalized)
            .then(a.number.cmp(&b.number))
    });
    for i in 0..lines.len() {
        lines[i].normalized_rank = match i {
            0 => 1,
            _ if lines[i].normalized == lines[i - 1].normalized => lines[i - 1].normalized_rank,
            _ => i + 1,
        };
    }
    // The ranking: mean, then median, then top marks; the number only orders the display.
    let key = |r: &Ranked| (r.mean, r.median, r.top_marks);
    lines.sort_by(|a, b| {
        b.mean
            .total_cmp(&a.mean)
            .then(b.median.total_cmp(&a.median))
            .then(b.top_marks.cmp(&a.top_marks))
            .then(a.number.cmp(&b.number))
    });
    for i in 0..lines.len() {
        let same_as_previous = i > 0 && key(&lines[i]) == key(&lines[i - 1]);
        lines[i].rank = if same_as_previous {
            lines[i - 1].rank
        } else {
            i + 1
        };
        if same_as_previous {
            lines[i].tie = true;
            lines[i - 1].tie = true;
        }
    }
    lines
}

/// Aliases for `n` jurors: A, B, … Z, then AA, AB, …
pub fn aliases(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let letter = |k: usize| char::from(b'A' + (k % 26) as u8);
            if i < 26 {
                letter(i).to_string()
            } else {
                format!("{}{}", letter(i / 26 - 1), letter(i))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Crit> {
        vec![
            Crit {
                id: 1,
                name: "Impact".into(),
                weight: 2.0,
                min: 1,
                max: 10,
            },
            Crit {
                id: 2,
                name: "Craft".into(),
                weight: 1.0,
                min: 1,
                max: 10,
            },
        ]
    }

    fn sheet(number: i64, alias: &str, impact: i64, craft: i64) -> Sheet {
        Sheet {
            number,
            alias: alias.into(),
            values: BTreeMap::from([(1, impact), (2, craft)]),
        }
    }

    #[test]
    fn an_entrys_score_is_the_mean_of_the_jurors_weighted_means() {
        let sheets = [
            sheet(111, "A", 8, 5),
            sheet(111, "B", 6, 6),
            sheet(222, "A", 4, 4),
        ];
        let ranked = rank(&criteria(), &[111, 222, 333], &sheets);
        let first = &ranked[0];
        assert_eq!((first.number, first.rank, first.jurors), (111, 1, 2));
        // A: (16 + 5) / 3 = 7, B: 6 → mean 6.5, median 6.5.
        assert_eq!((first.mean, first.median), (6.5, 6.5));
        assert_eq!(first.sheets.len(), 2);
        assert_eq!(ranked[1].number, 222);
        // Nobody scored 333: last, with no jurors.
        assert_eq!(
            (ranked[2].number, ranked[2].jurors, ranked[2].mean),
            (333, 0, 0.0)
        );
    }

    #[test]
    fn ties_break_by_median_then_top_marks_and_a_remaining_tie_is_marked() {
        // 1 and 2: same mean 6; 1 has the higher median (7 vs 6).
        // 3 and 4: identical in everything; 5 has two top marks.
        let sheets = [
            sheet(1, "A", 7, 7),
            sheet(1, "B", 7, 7),
            sheet(1, "C", 4, 4),
            sheet(2, "A", 6, 6),
            sheet(2, "B", 6, 6),
            sheet(2, "C", 6, 6),
            sheet(3, "A", 3, 3),
            sheet(4, "A", 3, 3),
            sheet(5, "A", 10, 10),
            sheet(5, "B", 1, 1),
            sheet(5, "C", 1, 1),
        ];
        let ranked = rank(&criteria(), &[1, 2, 3, 4, 5], &sheets);
        let order: Vec<(i64, usize, bool)> =
            ranked.iter().map(|r| (r.number, r.rank, r.tie)).collect();
        assert_eq!(order[0], (1, 1, false));
        assert_eq!(order[1], (2, 2, false));
        assert_eq!(&order[3..], &[(3, 4, true), (4, 4, true)]);
        assert_eq!(ranked[2].number, 5);
        assert_eq!(ranked[2].top_marks, 2);
    }

    #[test]
    fn normalization_lets_a_harsh_and_a_generous_juror_count_alike() {
        // A scores everything 4 points lower than B but in the same order.
        let sheets = [
            sheet(1, "A", 2, 2),
            sheet(2, "A", 4, 4),
            sheet(3, "A", 5, 5),
            sheet(1, "B", 6, 6),
            sheet(2, "B", 8, 8),
            sheet(3, "B", 9, 9),
            // Entry 4 only met the generous juror; entry 5 only the harsh one.
            sheet(4, "B", 7, 7),
            sheet(5, "A", 5, 5),
        ];
        let ranked = rank(&criteria(), &[1, 2, 3, 4, 5], &sheets);
        let by = |n: i64| ranked.iter().find(|r| r.number == n).unwrap().clone();
        // Raw: 4 (7) beats 5 (5); normalized, 5 (the harsh juror's top) beats 4.
        assert!(by(4).mean > by(5).mean);
        assert!(
            by(5).normalized > by(4).normalized,
            "{:?} {:?}",
            by(5),
            by(4)
        );
        assert!(by(5).normalized_rank < by(4).normalized_rank);
        for r in &ranked {
            assert!((1.0..=10.0).contains(&r.normalized));
        }
    }

    #[test]
    fn aliases_are_letters_then_pairs() {
        let a = aliases(28);
        assert_eq!(
            (
                a[0].as_str(),
                a[25].as_str(),
                a[26].as_str(),
                a[27].as_str()
            ),
            ("A", "Z", "AA", "AB")
        );
    }
}
