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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundRefusal {
    /// Rounds are set up before judging.
    #[error("Rounds are set up before judging starts; once it has, they stay as they are.")]
    JudgingStarted,
    /// A field of the round form is out of range.
    #[error(
        "Choose the round's kind, a quorum from 0 (every juror) to 50, and a deadline as \
         YYYY-MM-DD HH:MM (or none)."
    )]
    BadRound,
    /// No round is open (or a different one than the form was made for).
    #[error("No round can be closed now; reload the page to see where judging stands.")]
    NoRoundOpen,
    /// A contest ranks its finalists once.
    #[error("This contest has its ranking round already: it comes after the criteria round.")]
    OneRanking,
    /// The criteria round's finalists: the best N, at most 60 per category
    /// once ties at the cut are counted.
    #[error(
        "The finalists of the criteria round are its best N per category, and a ranking round \
         takes at most 60 per category (entries tied at the cut all go on): choose fewer."
    )]
    FinalistsLimit,
    /// A category has entries and no rule.
    #[error("Choose, for every category, a threshold or a number of entries that advance.")]
    RuleNeeded,
    /// Votes are missing and no override was asked for.
    #[error(
        "{open} votes are not cast yet: {jurors}. Wait for them, or tick \"close with votes \
         missing\" and give a reason."
    )]
    WorkMissing {
        /// Ballots without a vote.
        open: i64,
        /// Whose they are: "email (count), …".
        jurors: String,
    },
    /// The override came without a reason (or with one too long).
    #[error(
        "Closing with votes missing needs a reason (1,000 characters at most); it is \
         published with the round."
    )]
    ReasonNeeded,
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
