//! The contest model: phases as an explicit state machine, the submission
//! window and its time zone, and the small types that parse form input.

use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The life of a contest, in order. Later phases never lead back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Being set up; invisible to the public.
    Draft,
    /// Accepting entries (until the deadline, whatever the phase says).
    Open,
    /// No more entries; admins screen them.
    Closed,
    /// Entries frozen; the jury scores.
    Judging,
    /// Scores locked.
    Finalized,
    /// Names disclosed to admins.
    Revealed,
    /// Winners public.
    Announced,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 7] = [
        Phase::Draft,
        Phase::Open,
        Phase::Closed,
        Phase::Judging,
        Phase::Finalized,
        Phase::Revealed,
        Phase::Announced,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Open => "open",
            Phase::Closed => "closed",
            Phase::Judging => "judging",
            Phase::Finalized => "finalized",
            Phase::Revealed => "revealed",
            Phase::Announced => "announced",
        }
    }

    /// What the admin's button says to move into this phase.
    pub fn action_label(self) -> &'static str {
        match self {
            Phase::Draft => "Back to draft",
            Phase::Open => "Open for entries",
            Phase::Closed => "Close entries",
            Phase::Judging => "Start judging",
            Phase::Finalized => "Finalize results",
            Phase::Revealed => "Reveal names",
            Phase::Announced => "Announce winners",
        }
    }

    /// The question asked before moving to this phase, when there is no way back.
    pub fn confirmation(self) -> Option<&'static str> {
        match self {
            Phase::Judging => Some("Start judging? The entries are frozen from now on."),
            Phase::Finalized => Some("Finalize? The scores are locked for good."),
            Phase::Revealed => Some("Reveal the names? Admins will see who made each entry."),
            Phase::Announced => Some("Announce the winners? The winners page becomes public."),
            _ => None,
        }
    }

    /// The phases an admin may move to from here (the server checks the rest).
    pub fn next_phases(self) -> &'static [Phase] {
        match self {
            Phase::Draft => &[Phase::Open],
            Phase::Open => &[Phase::Closed],
            Phase::Closed => &[Phase::Open, Phase::Judging],
            Phase::Judging => &[Phase::Finalized],
            Phase::Finalized => &[Phase::Revealed],
            Phase::Revealed => &[Phase::Announced],
            Phase::Announced => &[],
        }
    }

    /// Whether entries, categories and criteria are frozen.
    pub fn is_judging_or_later(self) -> bool {
        self >= Phase::Judging
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Phase {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("There is no phase called {s:?}."))
    }
}

/// What the server knows when it checks a phase change.
#[derive(Debug, Clone, Copy)]
pub struct TransitionFacts {
    /// Now, by the server clock (UTC seconds).
    pub now: i64,
    /// The submission deadline (UTC seconds).
    pub closes_at: i64,
    /// How many categories the contest has.
    pub categories: i64,
    /// How many scoring criteria it has.
    pub criteria: i64,
}

/// Checks a phase change; the error is the message shown to the admin.
pub fn check_transition(from: Phase, to: Phase, facts: TransitionFacts) -> Result<(), String> {
    if !from.next_phases().contains(&to) {
        return Err(if from >= Phase::Finalized && to < from {
            format!("The results are finalized; the contest cannot go back to {to}.")
        } else if from == to {
            format!("The contest is already {to}.")
        } else {
            format!("A contest cannot move from {from} to {to}.")
        });
    }
    let deadline_passed = facts.now >= facts.closes_at;
    match (from, to) {
        (Phase::Draft, Phase::Open) => {
            if facts.categories == 0 {
                return Err("Add at least one category before opening the contest.".into());
            }
            if facts.criteria == 0 {
                return Err(
                    "Add at least one scoring criterion before opening the contest.".into(),
                );
            }
            if deadline_passed {
                return Err("The deadline is in the past; move it later before opening.".into());
            }
        }
        (Phase::Open, Phase::Closed) if !deadline_passed => {
            return Err(
                "Entries stay open until the deadline. To close early, move the deadline first."
                    .into(),
            );
        }
        (Phase::Closed, Phase::Open) if deadline_passed => {
            return Err("The deadline has passed; move it later before reopening.".into());
        }
        (Phase::Closed, Phase::Judging) if !deadline_passed => {
            return Err("Judging cannot start before the submission deadline.".into());
        }
        _ => {}
    }
    Ok(())
}

/// Whether a participant may submit or change an entry now: the phase must be
/// open and the server clock inside the window, whatever the phase says.
pub fn check_submissions_open(
    phase: Phase,
    opens_at: i64,
    closes_at: i64,
    now: i64,
) -> Result<(), &'static str> {
    if now >= closes_at && phase <= Phase::Open {
        return Err("The deadline has passed: entries can no longer be submitted or changed.");
    }
    if phase != Phase::Open {
        return Err("This contest is not accepting entries.");
    }
    if now < opens_at {
        return Err("This contest does not accept entries yet.");
    }
    Ok(())
}

/// How entries are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgingUnit {
    /// Each photo gets its own number and scores.
    Photo,
    /// The whole portfolio gets one number and one set of scores.
    Portfolio,
}

impl JudgingUnit {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            JudgingUnit::Photo => "photo",
            JudgingUnit::Portfolio => "portfolio",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s {
            "photo" => Ok(JudgingUnit::Photo),
            "portfolio" => Ok(JudgingUnit::Portfolio),
            _ => Err("Choose whether each photo or the whole portfolio is judged."),
        }
    }
}

/// A contest's address part: `a-z`, `0-9` and inner hyphens, 3 to 60 long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    /// Parses and lower-cases.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let slug = raw.trim().to_lowercase();
        let ok = (3..=60).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-');
        if ok {
            Ok(Self(slug))
        } else {
            Err("The web address may use a-z, 0-9 and hyphens, 3 to 60 characters.")
        }
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses an IANA time zone name such as `Asia/Tashkent`.
pub fn parse_time_zone(raw: &str) -> Result<Tz, String> {
    Tz::from_str(raw.trim()).map_err(|_| {
        format!(
            "{:?} is not a time zone name like Asia/Tashkent.",
            raw.trim()
        )
    })
}

/// Reads a `datetime-local` value (`2026-12-31T23:59`) as a time in `tz`.
pub fn parse_local_time(raw: &str, tz: Tz, what: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("Enter the {what} as a date and time."))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A repeated hour when clocks go back: take the first one.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "The {what} falls in a clock change in {tz}; pick another time."
        )),
    }
}

/// A UTC instant as a `datetime-local` value in `tz` (to refill a form).
pub fn to_local_input(at: i64, tz: Tz) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A UTC instant for people: `31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)`.
pub fn describe_time(at: i64, tz: Tz) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| {
            let local = t.with_timezone(&tz);
            format!(
                "{} ({tz}, UTC{})",
                local.format("%-d %B %Y, %H:%M"),
                local.format("%:z")
            )
        })
        .unwrap_or_default()
}

/// Time left until `deadline`, roughly: `12 days, 4 hours left`; `None` once passed.
pub fn time_left(now: i64, deadline: i64) -> Option<String> {
    let left = deadline - now;
    if left <= 0 {
        return None;
    }
    let (days, hours, minutes) = (left / 86_400, left % 86_400 / 3600, left % 3600 / 60);
    let unit = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    Some(if days > 0 {
        format!("{}, {} left", unit(days, "day"), unit(hours, "hour"))
    } else if hours > 0 {
        format!("{}, {} left", unit(hours, "hour"), unit(minutes, "minute"))
    } else {
        format!("{} left", unit(minutes.max(1), "minute"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(now: i64) -> TransitionFacts {
        TransitionFacts {
            now,
            closes_at: 1000,
            categories: 2,
            criteria: 4,
        }
    }

    #[test]
    fn phases_move_forward_one_step_at_a_time() {
        assert!(check_transition(Phase::Draft, Phase::Open, facts(0)).is_ok());
        assert!(check_transition(Phase::Draft, Phase::Judging, facts(2000)).is_err());
        assert!(check_transition(Phase::Open, Phase::Closed, facts(2000)).is_ok());
        assert!(check_transition(Phase::Closed, Phase::Judging, facts(2000)).is_ok());
        assert!(check_transition(Phase::Judging, Phase::Finalized, facts(2000)).is_ok());
        assert!(check_transition(Phase::Finalized, Phase::Revealed, facts(2000)).is_ok());
        assert!(check_transition(Phase::Revealed, Phase::Announced, facts(2000)).is_ok());
    }

    #[test]
    fn nothing_goes_back_from_finalized() {
        for to in [Phase::Draft, Phase::Open, Phase::Closed, Phase::Judging] {
            let err = check_transition(Phase::Finalized, to, facts(2000)).unwrap_err();
            assert!(err.contains("cannot go back"), "{err}");
        }
    }

    #[test]
    fn judging_waits_for_the_deadline() {
        let err = check_transition(Phase::Closed, Phase::Judging, facts(999)).unwrap_err();
        assert!(err.contains("deadline"), "{err}");
        assert!(check_transition(Phase::Open, Phase::Closed, facts(999)).is_err());
    }

    #[test]
    fn opening_needs_categories_and_criteria() {
        let none = TransitionFacts {
            categories: 0,
            ..facts(0)
        };
        assert!(check_transition(Phase::Draft, Phase::Open, none).is_err());
        let no_criteria = TransitionFacts {
            criteria: 0,
            ..facts(0)
        };
        assert!(check_transition(Phase::Draft, Phase::Open, no_criteria).is_err());
    }

    #[test]
    fn the_deadline_closes_submissions_even_in_the_open_phase() {
        assert!(check_submissions_open(Phase::Open, 0, 1000, 999).is_ok());
        assert!(check_submissions_open(Phase::Open, 0, 1000, 1000).is_err());
        assert!(check_submissions_open(Phase::Open, 500, 1000, 499).is_err());
        assert!(check_submissions_open(Phase::Draft, 0, 1000, 10).is_err());
    }

    #[test]
    fn local_times_are_read_in_the_contests_time_zone() {
        let tz = parse_time_zone("Asia/Tashkent").unwrap();
        let t = parse_local_time("2026-12-31T23:59", tz, "deadline").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-31T18:59:00+00:00");
        assert_eq!(to_local_input(t.timestamp(), tz), "2026-12-31T23:59");
        assert_eq!(
            describe_time(t.timestamp(), tz),
            "31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)"
        );
        assert!(parse_time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_is_refused() {
        let tz = parse_time_zone("Europe/Berlin").unwrap();
        assert!(parse_local_time("2026-03-29T02:30", tz, "deadline").is_err());
    }

    #[test]
    fn time_left_reads_naturally() {
        assert_eq!(
            time_left(0, 86_400 * 2 + 3600).as_deref(),
            Some("2 days, 1 hour left")
        );
        assert_eq!(
            time_left(0, 3 * 3600 + 120).as_deref(),
            Some("3 hours, 2 minutes left")
        );
        assert_eq!(time_left(0, 30).as_deref(), Some("1 minute left"));
        assert_eq!(time_left(10, 10), None);
    }

    #[test]
    fn slugs_are_plain_lowercase_words() {
        assert_eq!(
            Slug::parse(" Migrants-2026 ").unwrap().as_str(),
            "migrants-2026"
        );
        for bad in ["ab", "-abc", "abc-", "a b c", "über", "a/b/c"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
