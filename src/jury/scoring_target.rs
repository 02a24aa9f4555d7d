//! What every score and draft save starts from: the juror, the entry they
//! name (in their queue, or 404) and the contest's criteria, refused first
//! (409) when judging is not open, whatever was typed.

use crate::contests::model::Phase;
use crate::contests::structure::Criterion;
use crate::i18n::Msg;
use crate::jury::access::{Juror, juror_of};
use crate::jury::view::{self, Place};
use crate::submissions::numbers::EntryNumber;
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// An entry a juror may score now.
pub struct Target {
    /// The juror and their contest.
    pub juror: Juror,
    /// The entry's number, as the page names it.
    pub number: EntryNumber,
    /// Its row id, for the writes.
    pub entry_id: i64,
    /// Its place in the juror's queue, for what comes after it.
    pub place: Place,
    /// The contest's criteria, in order.
    pub criteria: Vec<Criterion>,
}

/// The message of a save outside judging.
pub const CLOSED: Msg = Msg::new("jury-closed");

/// The juror's entry `number` of contest `slug`, while judging is open.
pub async fn open_target(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    number: &str,
) -> Result<Target, AppError> {
    let number = EntryNumber::parse(number).ok_or(AppError::NotFound)?;
    let juror = juror_of(state, ctx, slug).await?;
    if juror.contest.phase != Phase::Judging {
        // Said first, whatever was typed; the lock in the write covers races.
        return Err(AppError::Conflict(CLOSED));
    }
    let contest_id = juror.contest.id;
    let (entry_id, place) = view::assigned_entry(&state.db, contest_id, juror.juror_id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    // Named in the juror's language in what a refused score says.
    let criteria =
        crate::contests::content::criteria_in(&state.db, &juror.contest, ctx.lang).await?;
    Ok(Target {
        juror,
        number,
        entry_id,
        place,
        criteria,
    })
}
