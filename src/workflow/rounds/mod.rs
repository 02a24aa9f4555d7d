//! Judging in rounds: the admin sets up shortlisting rounds before judging
//! (`page`), each opens when the one before it closes, and a close
//! (`close`) stores the round's snapshot, moves the entries its rules
//! advance on, and opens the next round, or the criteria round after the
//! last. With a ranking round, the criteria round is closed here too (its
//! best N per category go on), and the ranking round's close is the
//! finalization. The rules themselves are pure (`results::tally`).

pub mod close;
pub mod page;
pub mod preview;

use axum::Router;
use axum::routing::{get, post};

use crate::contests::rounds::{self, Kind, Round, Stage};
use crate::state::AppState;

/// Why a round cannot be set up, changed or closed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundRefusal {
    /// Rounds are set up before judging.
    JudgingStarted,
    /// A field of the round form is out of range.
    BadRound,
    /// No round is open (or a different one than the form was made for).
    NoRoundOpen,
    /// A contest ranks its finalists once.
    OneRanking,
    /// The criteria round's finalists: the best N, at most 60 per category
    /// once ties at the cut are counted.
    FinalistsLimit,
    /// A category has entries and no rule.
    RuleNeeded,
    /// Votes are missing and no override was asked for.
    WorkMissing {
        /// Ballots without a vote.
        open: i64,
        /// Whose they are: "email (count), …".
        jurors: String,
    },
    /// The override came without a reason (or with one too long).
    ReasonNeeded,
}

crate::i18n::localized_error!(RoundRefusal);

impl RoundRefusal {
    /// What the admin is told.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::JudgingStarted => Msg::new("round-judging-started"),
            Self::BadRound => Msg::new("round-bad"),
            Self::NoRoundOpen => Msg::new("round-none-open"),
            Self::OneRanking => Msg::new("round-one-ranking"),
            Self::FinalistsLimit => Msg::new("round-finalists-limit"),
            Self::RuleNeeded => Msg::new("round-rule-needed"),
            Self::WorkMissing { open, jurors } => Msg::new("round-work-missing")
                .arg("open", *open)
                .arg("jurors", jurors.as_str()),
            Self::ReasonNeeded => Msg::new("round-reason"),
        }
    }
}

/// Ballots of the round not cast yet, per juror's email (for the admin).
pub use crate::results::finalize::missing_votes as missing;

/// The round an admin may close now: the open shortlisting round, or the
/// criteria round when a ranking round follows it.
pub fn closable(all: &[Round]) -> Option<Round> {
    match rounds::stage_of(all) {
        Stage::Shortlist(round) if round.opened_at.is_some() => Some(round),
        Stage::Criteria { .. } => all.iter().find(|r| r.kind == Kind::Criteria).cloned(),
        _ => None,
    }
}

/// The rounds' admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/contests/{id}/rounds",
            get(page::show).post(page::add),
        )
        .route("/admin/contests/{id}/rounds/remove", post(page::remove))
        .route("/admin/contests/{id}/rounds/quorum", post(page::set_quorum))
        .route("/admin/contests/{id}/rounds/close", post(close::close))
}
