//! The one next step of a contest, for the top of its admin dashboard: what
//! the phase and the counts say should happen now, as a sentence and one
//! primary action (a page to go to, or the next phase's button).

use crate::contests::model::Phase;
use crate::contests::plots::Glance;

/// What the primary button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to a page (or a part of this one).
    Link {
        /// Where.
        href: String,
        /// The button's text.
        label: &'static str,
    },
    /// Move the contest to this phase (its own form, with its confirmation).
    Phase(Phase),
}

/// The dashboard's next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    /// Why this step, in a sentence.
    pub text: String,
    /// The primary button, if there is one.
    pub action: Option<Action>,
}

/// What the dashboard knows when it decides.
pub struct Facts<'a> {
    /// The contest's id and slug, for links.
    pub contest_id: i64,
    /// See `contest_id`.
    pub slug: &'a str,
    /// Its phase.
    pub phase: Phase,
    /// Whether its deadline has passed.
    pub past_deadline: bool,
    /// Categories and criteria defined.
    pub categories: usize,
    /// See `categories`.
    pub criteria: usize,
    /// Entries, jury progress, flags, awards.
    pub glance: &'a Glance,
    /// The shortlisting round open now, by position (judging is in the
    /// criteria round, or not judging, when `None`).
    pub open_round: Option<i64>,
}

fn link(href: String, label: &'static str) -> Option<Action> {
    Some(Action::Link { href, label })
}

/// The next step for a contest in the state `facts` describe.
pub fn next_step(facts: &Facts<'_>) -> NextStep {
    let id = facts.contest_id;
    let g = facts.glance;
    let entries: i64 = g.per_category.iter().map(|(_, n)| n).sum();
    let step = |text: String, action| NextStep { text, action };
    match facts.phase {
        Phase::Draft if facts.categories == 0 => step(
            "Add the categories people enter in.".into(),
            link("#categories".into(), "Add a category"),
        ),
        Phase::Draft if facts.criteria == 0 => step(
            "Add the criteria the jury scores on.".into(),
            link("#criteria".into(), "Add a criterion"),
        ),
        Phase::Draft => step(
            "Categories and criteria are set: open the contest for entries when the call is ready."
                .into(),
            Some(Action::Phase(Phase::Open)),
        ),
        Phase::Open if !facts.past_deadline => step(
            format!("Entries are coming in ({entries} so far). Close them at the deadline."),
            link(format!("/admin/contests/{id}/entries"), "See the entries"),
        ),
        Phase::Open => step(
            format!("The deadline has passed ({entries} entries): close entries to screen them."),
            Some(Action::Phase(Phase::Closed)),
        ),
        Phase::Closed if g.flagged > 0 => step(
            format!(
                "{} portfolio(s) may name their author: screen and redact before judging.",
                g.flagged
            ),
            link(
                format!("/admin/contests/{id}/entries"),
                "Screen the entries",
            ),
        ),
        Phase::Closed => step(
            format!("{entries} entries screened: start judging when the jury is ready."),
            Some(Action::Phase(Phase::Judging)),
        ),
        Phase::Judging if g.jurors == 0 => step(
            "No juror has accepted yet: invite the jury.".into(),
            link(format!("/admin/contests/{id}/jury"), "Invite jurors"),
        ),
        Phase::Judging if facts.open_round.is_some() => step(
            format!(
                "Round {} is open: jurors vote. Close it on the rounds page once the votes are in.",
                facts.open_round.unwrap_or_default()
            ),
            link(format!("/admin/contests/{id}/rounds"), "Rounds"),
        ),
        Phase::Judging if g.assigned == 0 || g.done_percent() < 100 => step(
            format!(
                "The jury is {}% done. Remind jurors who are behind; finalize when all is scored.",
                g.done_percent()
            ),
            link(format!("/admin/contests/{id}/jury"), "Watch the jury"),
        ),
        Phase::Judging => step(
            "Every entry is scored: finalize to lock the results.".into(),
            Some(Action::Phase(Phase::Finalized)),
        ),
        Phase::Finalized => step(
            "The results are locked: reveal the names to decide the awards.".into(),
            Some(Action::Phase(Phase::Revealed)),
        ),
        Phase::Revealed if g.awarded == 0 => step(
            "Names are revealed: assign the prizes, mentions and exhibition.".into(),
            link(format!("/admin/contests/{id}/awards"), "Assign awards"),
        ),
        Phase::Revealed => step(
            format!("{} entries awarded: announce the winners.", g.awarded),
            Some(Action::Phase(Phase::Announced)),
        ),
        Phase::Announced => step(
            "The winners are announced.".into(),
            link(
                format!("/contests/{}/winners", facts.slug),
                "See the winners page",
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glance(assigned: i64, scored: i64, jurors: i64, awarded: i64) -> Glance {
        Glance {
            per_category: vec![("A".into(), 3)],
            scored,
            recused: 0,
            assigned,
            jurors,
            flagged: 0,
            awarded,
            alike: 0,
        }
    }

    fn at(phase: Phase, g: &Glance) -> NextStep {
        next_step(&Facts {
            contest_id: 4,
            slug: "c",
            phase,
            past_deadline: true,
            categories: 1,
            criteria: 1,
            glance: g,
            open_round: None,
        })
    }

    #[test]
    fn at_45_percent_the_step_is_watching_the_jury_not_finalizing() {
        let step = at(Phase::Judging, &glance(20, 9, 3, 0));
        assert!(step.text.contains("45% done"), "{}", step.text);
        assert_eq!(
            step.action,
            link("/admin/contests/4/jury".into(), "Watch the jury")
        );
        let done = at(Phase::Judging, &glance(20, 20, 3, 0));
        assert_eq!(done.action, Some(Action::Phase(Phase::Finalized)));
    }

    #[test]
    fn awards_come_before_the_announcement() {
        let none = at(Phase::Revealed, &glance(20, 20, 3, 0));
        assert_eq!(
            none.action,
            link("/admin/contests/4/awards".into(), "Assign awards")
        );
        let some = at(Phase::Revealed, &glance(20, 20, 3, 2));
        assert_eq!(some.action, Some(Action::Phase(Phase::Announced)));
        let done = at(Phase::Announced, &glance(0, 0, 0, 2)).action;
        assert_eq!(
            done,
            link("/contests/c/winners".into(), "See the winners page")
        );
    }

    #[test]
    fn while_a_shortlisting_round_is_open_the_step_is_its_close() {
        let g = glance(0, 0, 3, 0);
        let step = next_step(&Facts {
            contest_id: 4,
            slug: "c",
            phase: Phase::Judging,
            past_deadline: true,
            categories: 1,
            criteria: 1,
            glance: &g,
            open_round: Some(2),
        });
        assert!(step.text.starts_with("Round 2 is open"), "{}", step.text);
        assert_eq!(
            step.action,
            link("/admin/contests/4/rounds".into(), "Rounds")
        );
    }

    #[test]
    fn a_draft_asks_for_categories_then_criteria_then_opening() {
        let g = glance(0, 0, 0, 0);
        let mut facts = Facts {
            contest_id: 4,
            slug: "c",
            phase: Phase::Draft,
            past_deadline: false,
            categories: 0,
            criteria: 0,
            glance: &g,
            open_round: None,
        };
        assert_eq!(
            next_step(&facts).action,
            link("#categories".into(), "Add a category")
        );
        facts.categories = 2;
        assert_eq!(
            next_step(&facts).action,
            link("#criteria".into(), "Add a criterion")
        );
        facts.criteria = 1;
        assert_eq!(next_step(&facts).action, Some(Action::Phase(Phase::Open)));
    }
}
