//! Entry numbers: drawn uniformly at random from the numbers still free in
//! the contest, of the contest's width (five digits by default, easy to read
//! aloud; six or seven for a contest of tens of thousands), unique in a contest, and
//! unrelated to upload order and to the participant. Two numbers of one
//! portfolio are drawn exactly as two numbers of different people are: any
//! rule that kept a portfolio's numbers apart (or together) would let a juror
//! read authorship from the gap between two numbers.

use std::fmt;

use rand::Rng;

/// The smallest entry number (of five digits).
pub const MIN: i64 = 10_000;
/// The largest entry number (of seven digits).
pub const MAX: i64 = 9_999_999;

/// The numbers a contest with entry numbers of `digits` digits draws from
/// (five to seven; anything else is read as the nearest).
pub fn range(digits: i64) -> std::ops::RangeInclusive<i64> {
    let digits = u32::try_from(digits.clamp(5, 7)).unwrap_or(5);
    10_i64.pow(digits - 1)..=10_i64.pow(digits) - 1
}

/// The width of the contest's entry numbers.
pub async fn digits_of<'e, E>(executor: E, contest_id: i64) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT number_digits FROM contests WHERE id = $1")
        .bind(contest_id)
        .fetch_one(executor)
        .await
}

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

    /// Draws a number uniformly from the contest's range (see [`range`]),
    /// whoever the entry is by. Uniqueness in the contest is the database's
    /// job: on a collision the caller draws again, which keeps the draw
    /// uniform over the free numbers.
    pub fn draw(rng: &mut impl Rng, digits: i64) -> Self {
        Self(rng.random_range(range(digits)))
    }
}

impl crate::i18n::ToArg for EntryNumber {
    fn to_arg(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::from(self.0)
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
        assert_eq!(
            EntryNumber::parse("1000000").map(EntryNumber::get),
            Some(1_000_000)
        );
        assert!(EntryNumber::parse("10000000").is_none());
        assert!(EntryNumber::parse("12a45").is_none());
    }

    /// Under a uniform draw two numbers are closer than 1,000 about 2.2% of
    /// the time (2 × 999 / 90,000), for one author's
    /// entries as for anyone's; the old rule made that 0% within a portfolio.
    #[test]
    fn the_gap_between_two_numbers_says_nothing_about_their_authors() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(16);
        let pairs = 20_000;
        let close = (0..pairs)
            .filter(|_| {
                let (a, b) = (
                    EntryNumber::draw(&mut rng, 5),
                    EntryNumber::draw(&mut rng, 5),
                );
                (a.get() - b.get()).abs() < 1000
            })
            .count();
        let share = close as f64 / f64::from(pairs);
        assert!((0.018..0.026).contains(&share), "{share}");
    }

    #[test]
    fn a_contest_draws_numbers_of_its_own_width_only() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(17);
        for (digits, low, high) in [
            (5, 10_000, 99_999),
            (6, 100_000, 999_999),
            (7, 1_000_000, 9_999_999),
        ] {
            let drawn: Vec<i64> = (0..5_000)
                .map(|_| EntryNumber::draw(&mut rng, digits).get())
                .collect();
            assert!(drawn.iter().all(|n| (low..=high).contains(n)), "{digits}");
            assert!(
                drawn.iter().any(|n| n - low < (high - low) / 20),
                "{digits}: low end"
            );
            assert!(
                drawn.iter().any(|n| high - n < (high - low) / 20),
                "{digits}: high end"
            );
            assert_eq!(
                EntryNumber::from_stored(high).map(|n| n.to_string().len()),
                Some(digits as usize)
            );
        }
    }
}
