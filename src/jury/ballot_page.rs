//! The juror's page in a shortlisting round: one entry, image first, and
//! one key per vote (y/n or 1/0 for yes/no, 1–5 for stars) that saves and
//! moves on to the next entry without a vote; the next images are prefetched.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::model::describe_time;
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, Round};
use crate::contests::structure::category_name;
use crate::i18n::Msg;
use crate::jury::access::lock_while_judging;
use crate::jury::access::{Juror, juror_of, voting_round};
use crate::jury::ballots;
use crate::jury::recusal;
use crate::jury::view::{self, BallotEntry};
use crate::submissions::numbers::EntryNumber;
use crate::web::{Ctx, Nav, render};
use crate::{audit, error::AppError, state::AppState};

/// The message of a vote once its round has closed.
pub const ROUND_CLOSED: Msg = Msg::new("jury-round-closed");

/// Images fetched ahead, so the next entries show at once.
const PREFETCH: i64 = 3;

/// A vote the page offers: its value, its label and the keys that cast it.
pub struct Choice {
    /// Stored value.
    pub value: i64,
    /// What the button says.
    pub label: String,
    /// Keys, as `data-keys` (space separated).
    pub keys: &'static str,
    /// Whether it is the juror's vote now.
    pub pressed: bool,
}

fn choices(kind: Kind, vote: Option<i64>, lang: crate::i18n::Lang) -> Vec<Choice> {
    let offered: Vec<(i64, &'static str, &'static str)> = match kind {
        Kind::YesNo => vec![(1, "vote-yes", "y 1"), (0, "vote-no", "n 0")],
        Kind::Stars => vec![
            (1, "★", "1"),
            (2, "★★", "2"),
            (3, "★★★", "3"),
            (4, "★★★★", "4"),
            (5, "★★★★★", "5"),
        ],
        // Not voted one entry at a time: the criteria pages and the ranking page.
        Kind::Criteria | Kind::Ranking => Vec::new(),
    };
    offered
        .into_iter()
        .map(|(value, label, keys)| Choice {
            value,
            // Yes and no are words; stars are drawn.
            label: if label.starts_with("vote-") {
                lang.text(label)
            } else {
                label.to_owned()
            },
            keys,
            pressed: vote == Some(value),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "jury/ballot.html")]
struct BallotPage {
    nav: Nav,
    contest: Contest,
    round: Round,
    entry: BallotEntry,
    category: String,
    choices: Vec<Choice>,
    voted: i64,
    assigned: i64,
    deadline: String,
    prev: Option<EntryNumber>,
    next: Option<EntryNumber>,
    /// The next entries' first images, to prefetch.
    ahead: Vec<EntryNumber>,
}

#[derive(Template)]
#[template(path = "jury/ballot_done.html")]
struct DonePage {
    nav: Nav,
    contest: Contest,
    round: Round,
    voted: i64,
    assigned: i64,
    deadline: String,
    /// The juror's first entry, to review the votes from.
    first: Option<EntryNumber>,
}

/// The juror's open shortlisting round, or 404 (the criteria round, the
/// ranking round or judging over; the grid of `/jury/{slug}` says where
/// things stand).
async fn open_round(state: &AppState, juror: &Juror) -> Result<Round, AppError> {
    voting_round(state, juror)
        .await?
        .filter(|r| r.kind.shortlists())
        .ok_or(AppError::NotFound)
}

fn deadline(contest: &Contest, round: &Round, lang: crate::i18n::Lang) -> String {
    round
        .deadline_at
        .map(|at| describe_time(at, contest.tz, lang))
        .unwrap_or_default()
}

/// `GET /jury/{slug}/vote`: the first entry without a vote, or the end.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let juror = juror_of(&state, &ctx, &slug).await?;
    let round = open_round(&state, &juror).await?;
    let db = &state.db;
    if let Some(n) = ballots::next_open(db, round.id, juror.juror_id, None).await? {
        return Ok(Redirect::to(&format!("/jury/{slug}/vote/{n}")).into_response());
    }
    let (voted, assigned) = ballots::progress(db, round.id, juror.juror_id).await?;
    let page = DonePage {
        nav: ctx.nav().await?,
        first: ballots::following(db, round.id, juror.juror_id, None, false, 1)
            .await?
            .pop(),
        deadline: deadline(&juror.contest, &round, ctx.lang),
        contest: juror.contest,
        round,
        voted,
        assigned,
    };
    Ok(ctx.private_page(render(&page)?.into_response()))
}

/// `GET /jury/{slug}/vote/{number}`: one entry of the juror's round.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let number = EntryNumber::parse(&number).ok_or(AppError::NotFound)?;
    let juror = juror_of(&state, &ctx, &slug).await?;
    let round = open_round(&state, &juror).await?;
    let db = &state.db;
    let entry = view::ballot_entry(db, juror.contest.id, juror.juror_id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let categories = crate::contests::content::categories_in(db, &juror.contest, ctx.lang).await?;
    let (voted, assigned) = ballots::progress(db, round.id, juror.juror_id).await?;
    let after = Some(entry.place);
    let ahead = ballots::following(db, round.id, juror.juror_id, after, true, PREFETCH).await?;
    let page = BallotPage {
        nav: ctx.nav().await?,
        category: category_name(&categories, entry.category_id),
        choices: choices(round.kind, entry.vote, ctx.lang),
        voted,
        assigned,
        deadline: deadline(&juror.contest, &round, ctx.lang),
        prev: ballots::previous(db, round.id, juror.juror_id, entry.place).await?,
        next: ballots::following(db, round.id, juror.juror_id, after, false, 1)
            .await?
            .pop(),
        ahead,
        contest: juror.contest,
        round,
        entry,
    };
    Ok(ctx.private_page(render(&page)?.into_response()))
}

/// What a vote or a recusal acts on: the juror, their open round and the
/// entry on their list (409 once the round closed, 404 off the list).
async fn target(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    number: &str,
) -> Result<(Juror, Round, BallotEntry), AppError> {
    let number = EntryNumber::parse(number).ok_or(AppError::NotFound)?;
    let juror = juror_of(state, ctx, slug).await?;
    let round = open_round(state, &juror)
        .await
        .map_err(|_| AppError::Conflict(ROUND_CLOSED))?;
    let entry = view::ballot_entry(&state.db, juror.contest.id, juror.juror_id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((juror, round, entry))
}

/// A transaction holding the contest's row lock, as score saves take it,
/// with the round still open: a close or a finalization that commits first
/// leaves this change refused, not lost silently in a closed round.
async fn in_open_round(
    state: &AppState,
    contest_id: i64,
    round_id: i64,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, AppError> {
    let mut tx = state.db.pool.begin().await?;
    if !lock_while_judging(&mut tx, contest_id).await?
        || !rounds::is_open(&mut tx, round_id).await?
    {
        return Err(AppError::Conflict(ROUND_CLOSED));
    }
    Ok(tx)
}

/// On to the juror's next entry without a vote (after `entry` in their
/// order, then from the start), or the round's end page.
async fn onward(
    state: &AppState,
    slug: &str,
    round: &Round,
    juror: &Juror,
    entry: &BallotEntry,
) -> Result<Response, AppError> {
    let next = ballots::next_open(&state.db, round.id, juror.juror_id, Some(entry.place)).await?;
    let to = match next {
        Some(n) => format!("/jury/{slug}/vote/{n}"),
        None => format!("/jury/{slug}/vote"),
    };
    Ok(Redirect::to(&to).into_response())
}

/// The vote form.
#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    vote: String,
}

/// `POST /jury/{slug}/vote/{number}`: saves the vote and goes to the next
/// entry without one.
pub async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    let (juror, round, entry) = target(&state, &ctx, &slug, &number).await?;
    let value = form
        .vote
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|v| round.kind.votes().contains(v))
        .ok_or_else(|| AppError::BadRequest(Msg::new("jury-vote-unknown")))?;
    let now = state.now().timestamp();
    let mut tx = in_open_round(&state, juror.contest.id, round.id).await?;
    let (juror_id, entry_id) = (juror.juror_id, entry.entry_id);
    if !ballots::cast(&mut tx, round.id, juror_id, entry_id, value, now).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    onward(&state, &slug, &round, &juror, &entry).await
}

/// `POST /jury/{slug}/vote/{number}/recuse`: "I recognise this work" in a
/// shortlisting round. The ballot goes with any vote on it, the recusal is
/// kept (the planner never gives the entry back), the round is planned
/// again (with a quorum another juror takes the entry), and the juror goes
/// on to their next entry without a vote.
pub async fn recuse(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
    Form(form): Form<recusal::RecuseForm>,
) -> Result<Response, AppError> {
    let (juror, round, entry) = target(&state, &ctx, &slug, &number).await?;
    let user = ctx.require_user()?;
    let reason = form.reason();
    let now = state.now().timestamp();
    let contest_id = juror.contest.id;
    let mut tx = in_open_round(&state, contest_id, round.id).await?;
    let number = entry.number;
    if !ballots::recuse(&mut tx, round.id, juror.juror_id, number, &reason, now).await? {
        return Err(AppError::NotFound);
    }
    ballots::rebalance(&mut tx, contest_id, &round, now).await?;
    let detail = match reason.as_str() {
        "" => format!("round {}, entry {number}", round.position),
        _ => format!("round {}, entry {number}: {reason}", round.position),
    };
    audit::record_with(
        &mut tx,
        now,
        Some(user),
        "jury.recuse",
        Some(contest_id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    onward(&state, &slug, &round, &juror, &entry).await
}
