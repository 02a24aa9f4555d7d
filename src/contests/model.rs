//! The contest model: phases as an explicit state machine, the submission
//! window, and the small types that parse form input (times in the contest's
//! time zone are in `times`).

use std::str::FromStr;

use crate::i18n::Msg;

pub use crate::contests::times::{
    describe_time, parse_local_time, parse_time_zone, time_left, to_local_input,
};

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

    /// The phase's name for people (`phase-name` of the catalogue).
    pub fn name(self) -> Msg {
        Msg::new("phase-name").arg("phase", self.as_str())
    }

    /// Whether moving into this phase asks first (there is no way back):
    /// the question is `phase-confirm` of the catalogue, the button's text
    /// `phase-action`.
    pub fn confirms(self) -> bool {
        matches!(
            self,
            Phase::Judging | Phase::Finalized | Phase::Revealed | Phase::Announced
        )
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
pub fn check_transition(from: Phase, to: Phase, facts: TransitionFacts) -> Result<(), Msg> {
    if !from.next_phases().contains(&to) {
        let key = if from >= Phase::Finalized && to < from {
            "phase-no-way-back"
        } else if from == to {
            "phase-already"
        } else {
            "phase-no-move"
        };
        return Err(Msg::new(key).arg("from", from.name()).arg("to", to.name()));
    }
    let deadline_passed = facts.now >= facts.closes_at;
    match (from, to) {
        (Phase::Draft, Phase::Open) => {
            if facts.categories == 0 {
                return Err(Msg::new("phase-needs-category"));
            }
            if facts.criteria == 0 {
                return Err(Msg::new("phase-needs-criterion"));
            }
            if deadline_passed {
                return Err(Msg::new("phase-deadline-past"));
            }
        }
        (Phase::Open, Phase::Closed) if !deadline_passed => {
            return Err(Msg::new("phase-close-early"));
        }
        (Phase::Closed, Phase::Open) if deadline_passed => {
            return Err(Msg::new("phase-reopen-late"));
        }
        (Phase::Closed, Phase::Judging) if !deadline_passed => {
            return Err(Msg::new("phase-judging-early"));
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
) -> Result<(), crate::i18n::Msg> {
    use crate::i18n::Msg;
    if now >= closes_at && phase <= Phase::Open {
        return Err(Msg::new("entry-deadline-passed"));
    }
    if phase != Phase::Open {
        return Err(Msg::new("entry-not-accepting"));
    }
    if now < opens_at {
        return Err(Msg::new("entry-not-yet"));
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
    pub fn parse(s: &str) -> Result<Self, Msg> {
        match s {
            "photo" => Ok(JudgingUnit::Photo),
            "portfolio" => Ok(JudgingUnit::Portfolio),
            _ => Err(Msg::new("adm-form-unit")),
        }
    }
}

/// A contest's address part: `a-z`, `0-9` and inner hyphens, 3 to 60 long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    /// Parses and lower-cases.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
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
            Err(Msg::new("adm-form-slug"))
        }
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
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
            assert!(err.to_string().contains("cannot go back"), "{err}");
        }
    }

    #[test]
    fn judging_waits_for_the_deadline() {
        let err = check_transition(Phase::Closed, Phase::Judging, facts(999)).unwrap_err();
        assert!(err.to_string().contains("deadline"), "{err}");
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
