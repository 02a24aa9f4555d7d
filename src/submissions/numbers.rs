//! Entry numbers: drawn at random, five digits (easy to read aloud), unique
//! in a contest, and unrelated to upload order, to the participant, or to the
//! other numbers of the same portfolio.

use std::fmt;

use rand::Rng;

/// The smallest entry number.
pub const MIN: i64 = 10_000;
/// The largest entry number.
pub const MAX: i64 = 99_999;
/// Numbers of one portfolio stay at least this far apart, so that two of them
/// never look like neighbours (41234 and 41235) or share their first three
/// digits, and so give the portfolio away.
pub const MIN_GAP: i64 = 1000;
/// Past this many siblings the gap would leave too little room; a smaller
/// gap still keeps numbers from being neighbours.
const CROWDED: usize = 30;
const CROWDED_GAP: i64 = 100;

/// A submission's public identity during judging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryNumber(i64);

impl EntryNumber {
    /// Parses a number as typed or taken from a URL.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.trim().parse::<i64>().ok().and_then(Self::from_stored)
    }

    /// Wraps a stored value, if it is in range.
    pub fn from_stored(value: i64) -> Option<Self> {
        (MIN..=MAX).contains(&value).then_some(Self(value))
    }

    /// The value to store.
    pub fn get(self) -> i64 {
        self.0
    }

    /// Draws a number at least [`MIN_GAP`] away from each of `siblings` (the
    /// other numbers of the same portfolio). Uniqueness in the contest is the
    /// database's job: on a collision the caller draws again.
    pub fn draw(rng: &mut impl Rng, siblings: &[i64]) -> Self {
        let gap = if siblings.len() < CROWDED {
            MIN_GAP
        } else {
            CROWDED_GAP
        };
        // Each draw succeeds with probability of at least a third (30 siblings
        // block at most 60,000 of 90,000 numbers), so this ends quickly; the
        // bound only guards against a caller passing absurd sibling lists.
        for _ in 0..10_000 {
            let candidate = rng.random_range(MIN..=MAX);
            if siblings.iter().all(|s| (s - candidate).abs() >= gap) {
                return Self(candidate);
            }
        }
        Self(rng.random_range(MIN..=MAX))
    }
}

impl fmt::Display for EntryNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_only_in_range() {
        assert_eq!(
            EntryNumber::parse(" 12345 ").map(EntryNumber::get),
            Some(12345)
        );
        assert!(EntryNumber::parse("9999").is_none());
        assert!(EntryNumber::parse("100000").is_none());
        assert!(EntryNumber::parse("12a45").is_none());
    }

    #[test]
    fn a_portfolios_numbers_are_never_neighbours() {
        let mut rng = rand::rng();
        let mut drawn: Vec<i64> = Vec::new();
        for i in 0..100 {
            let n = EntryNumber::draw(&mut rng, &drawn).get();
            let gap = if i < CROWDED { MIN_GAP } else { CROWDED_GAP };
            assert!(
                drawn.iter().all(|d| (d - n).abs() >= gap),
                "{n} too close to {drawn:?}"
            );
            assert!((MIN..=MAX).contains(&n));
            drawn.push(n);
        }
    }
}
