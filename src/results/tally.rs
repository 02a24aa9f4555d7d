//! What a shortlisting round decides, as pure functions: each entry's mean
//! vote, the thresholds an admin can choose from (with how many entries
//! each lets through), and which entries a rule advances. The round's
//! close, its preview and `verify` all call these, so they cannot disagree.

use std::fmt;
use std::str::FromStr;

/// How a category's entries advance: the best N (ties at the cut all go
/// through, so equal votes are never split by chance), or every entry
/// whose mean vote reaches a threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// The N best by mean vote.
    Top(usize),
    /// Mean vote at least this.
    AtLeast(f64),
}

/// Thresholds are kept in hundredths (as shown); a threshold of "0.67" for
/// two thirds must still let 2/3 through.
pub const SLACK: f64 = 0.005;

impl Rule {
    /// Whether a threshold lets an entry of this mean through (never a
    /// "best N": that depends on the others).
    pub fn admits(self, mean: Option<f64>) -> bool {
        match (self, mean) {
            (Rule::AtLeast(t), Some(m)) => m + SLACK >= t,
            _ => false,
        }
    }
}

impl FromStr for Rule {
    type Err = ();
    /// `top:N` or `min:X`, as the close form and the snapshot write them.
    fn from_str(s: &str) -> Result<Self, ()> {
        let (kind, value) = s.split_once(':').ok_or(())?;
        match kind {
            "top" => value.parse().map(Rule::Top).map_err(|_| ()),
            "min" => value
                .parse::<f64>()
                .ok()
                .filter(|t| t.is_finite())
                // Hundredths, as shown: what the snapshot stores reads back the same.
                .map(|t| Rule::AtLeast((t * 100.0).round() / 100.0))
                .ok_or(()),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Top(n) => write!(f, "top:{n}"),
            Rule::AtLeast(t) => write!(f, "min:{t:.2}"),
        }
    }
}

/// The mean of the votes cast (yes = 1, no = 0; or stars), `None` if none.
pub fn mean(votes: &[i64]) -> Option<f64> {
    if votes.is_empty() {
        return None;
    }
    Some(votes.iter().sum::<i64>() as f64 / votes.len() as f64)
}

/// Every mean that occurs, best first, with how many entries reach it: the
/// thresholds the close preview offers, one line per choice.
pub fn thresholds(means: &[Option<f64>]) -> Vec<(f64, usize)> {
    let mut present: Vec<f64> = means.iter().flatten().copied().collect();
    present.sort_by(|a, b| b.total_cmp(a));
    present.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    present
        .into_iter()
        .map(|t| {
            (
                t,
                means
                    .iter()
                    .filter(|m| Rule::AtLeast(t).admits(**m))
                    .count(),
            )
        })
        .collect()
}

/// Which of the entries (by their means) the rule advances, in their order.
pub fn advancing(means: &[Option<f64>], rule: Rule) -> Vec<bool> {
    match rule {
        Rule::AtLeast(_) => means.iter().map(|m| rule.admits(*m)).collect(),
        Rule::Top(n) => {
            let mut voted: Vec<f64> = means.iter().flatten().copied().collect();
            voted.sort_by(|a, b| b.total_cmp(a));
            // The mean of the N-th best: everything as good goes through.
            match n.checked_sub(1).and_then(|i| voted.get(i)) {
                None if n == 0 => vec![false; means.len()],
                None => means.iter().map(Option::is_some).collect(),
                Some(cut) => means
                    .iter()
                    .map(|m| m.is_some_and(|m| m >= cut - 1e-9))
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_of_a_yes_and_a_no_is_a_half_and_no_votes_have_none() {
        assert_eq!(mean(&[1, 0]), Some(0.5));
        assert_eq!(mean(&[4, 5, 3]), Some(4.0));
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn thresholds_count_the_entries_reaching_each_mean_best_first() {
        let means = [Some(1.0), Some(0.5), Some(0.5), Some(0.0), None];
        assert_eq!(thresholds(&means), vec![(1.0, 1), (0.5, 3), (0.0, 4)]);
    }

    #[test]
    fn a_threshold_admits_its_mean_even_when_typed_rounded() {
        let means = [Some(2.0 / 3.0), Some(1.0 / 3.0)];
        let rule: Rule = "min:0.67".parse().unwrap();
        assert_eq!(advancing(&means, rule), vec![true, false]);
    }

    #[test]
    fn top_n_lets_every_entry_tied_at_the_cut_through() {
        let means = [Some(4.0), Some(3.5), Some(3.5), Some(3.0), None];
        assert_eq!(
            advancing(&means, Rule::Top(2)),
            vec![true, true, true, false, false]
        );
        assert_eq!(
            advancing(&means, Rule::Top(1)),
            vec![true, false, false, false, false]
        );
    }

    #[test]
    fn top_n_beyond_the_entries_takes_every_voted_one_and_top_zero_none() {
        let means = [Some(1.0), None];
        assert_eq!(advancing(&means, Rule::Top(10)), vec![true, false]);
        assert_eq!(advancing(&means, Rule::Top(0)), vec![false, false]);
    }

    #[test]
    fn rules_read_back_what_they_write_and_refuse_the_rest() {
        for rule in [Rule::Top(10), Rule::AtLeast(0.5)] {
            assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
        }
        for bad in ["", "top:-1", "min:NaN", "min:inf", "best:3", "top"] {
            assert!(bad.parse::<Rule>().is_err(), "{bad}");
        }
    }
}
