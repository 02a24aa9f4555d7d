//! The one next step of a contest, for the top of its admin dashboard: what
//! the phase and the counts say should happen now, as a sentence and one
//! primary action (a page to go to, or the next phase's button).

use crate::contests::model::Phase;
use crate::contests::plots::Glance;
use crate::i18n::Msg;

/// What the primary button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to a page (or a part of this one).
    Link {
        /// Where.
        href: String,
        /// The button's text (a catalogue key).
        label: &'static str,
    },
    /// Move the contest to this phase (its own form, with its confirmation).
    Phase(Phase),
}

/// The dashboard's next step.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStep {
    /// Why this step, in a sentence.
    pub text: Msg,
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
    let step = |text: Msg, action| NextStep { text, action };
    match facts.phase {
        Phase::Draft if facts.categories == 0 => step(
            Msg::new("adm-next-categories"),
            link("#categories".into(), "adm-next-add-category"),
        ),
        Phase::Draft if facts.criteria == 0 => step(
            Msg::new("adm-next-criteria"),
            link("#criteria".into(), "adm-next-add-criterion"),
        ),
        Phase::Draft => step(Msg::new("adm-next-open"), Some(Action::Phase(Phase::Open))),
        Phase::Open if !facts.past_deadline => step(
            Msg::new("adm-next-coming-in").arg("entries", entries),
            link(
                format!("/admin/contests/{id}/entries"),
                "adm-next-see-entries",
            ),
        ),
        Phase::Open => step(
            Msg::new("adm-next-deadline-passed").arg("entries", entries),
            Some(Action::Phase(Phase::Closed)),
        ),
        Phase::Closed if g.flagged > 0 => step(
            Msg::new("adm-next-flagged").arg("n", g.flagged),
            link(format!("/admin/contests/{id}/entries"), "adm-next-screen"),
        ),
        Phase::Closed => step(
            Msg::new("adm-next-screened").arg("entries", entries),
            Some(Action::Phase(Phase::Judging)),
        ),
        Phase::Judging if g.jurors == 0 => step(
            Msg::new("adm-next-no-juror"),
            link(format!("/admin/contests/{id}/jury"), "adm-next-invite"),
        ),
        Phase::Judging if facts.open_round.is_some() => step(
            Msg::new("adm-next-round-open").arg("round", facts.open_round.unwrap_or_default()),
            link(format!("/admin/contests/{id}/rounds"), "adm-rounds"),
        ),
        Phase::Judging if g.assigned == 0 || g.done_percent() < 100 => step(
            Msg::new("adm-next-jury-done").arg("percent", g.done_percent()),
            link(format!("/admin/contests/{id}/jury"), "adm-next-watch"),
        ),
        Phase::Judging => step(
            Msg::new("adm-next-all-scored"),
            Some(Action::Phase(Phase::Finalized)),
        ),
        Phase::Finalized => step(
            Msg::new("adm-next-reveal"),
            Some(Action::Phase(Phase::Revealed)),
        ),
        Phase::Revealed if g.awarded == 0 => step(
            Msg::new("adm-next-awards"),
            link(format!("/admin/contests/{id}/awards"), "adm-next-assign"),
        ),
        Phase::Revealed => step(
            Msg::new("adm-next-announce").arg("n", g.awarded),
            Some(Action::Phase(Phase::Announced)),
        ),
        Phase::Announced => step(
            Msg::new("adm-next-announced"),
            link(
                format!("/contests/{}/winners", facts.slug),
                "adm-next-winners",
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
        assert!(step.text.to_string().contains("45% done"), "{}", step.text);
        assert_eq!(
            step.action,
            link("/admin/contests/4/jury".into(), "adm-next-watch")
        );
        let done = at(Phase::Judging, &glance(20, 20, 3, 0));
        assert_eq!(done.action, Some(Action::Phase(Phase::Finalized)));
    }

    #[test]
    fn awards_come_before_the_announcement() {
        let none = at(Phase::Revealed, &glance(20, 20, 3, 0));
        assert_eq!(
            none.action,
            link("/admin/contests/4/awards".into(), "adm-next-assign")
        );
        let some = at(Phase::Revealed, &glance(20, 20, 3, 2));
        assert_eq!(some.action, Some(Action::Phase(Phase::Announced)));
        let done = at(Phase::Announced, &glance(0, 0, 0, 2)).action;
        assert_eq!(done, link("/contests/c/winners".into(), "adm-next-winners"));
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
        assert!(
            step.text.to_string().starts_with("Round 2 is open"),
            "{}",
            step.text
        );
        assert_eq!(
            step.action,
            link("/admin/contests/4/rounds".into(), "adm-rounds")
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
            link("#categories".into(), "adm-next-add-category")
        );
        facts.categories = 2;
        assert_eq!(
            next_step(&facts).action,
            link("#criteria".into(), "adm-next-add-criterion")
        );
        facts.criteria = 1;
        assert_eq!(next_step(&facts).action, Some(Action::Phase(Phase::Open)));
    }
}
