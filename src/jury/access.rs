//! Who may see the jury pages: the signed-in person as an active juror of
//! the contest. Anyone else gets 404, so a page does not even confirm that
//! the contest has a jury.

use crate::contests::queries::{Contest, contest_by_slug};
use crate::jury::jurors;
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// An active juror of one contest.
pub struct Juror {
    /// The contest they judge.
    pub contest: Contest,
    /// Their juror row.
    pub juror_id: i64,
}

/// The signed-in person as an active juror of `slug`; anyone else gets 404,
/// so the page does not even confirm that the contest has a jury.
pub async fn juror_of(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Juror, AppError> {
    let user = ctx.require_user()?;
    let contest = contest_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let juror_id = jurors::active_juror(&state.db, contest.id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Juror { contest, juror_id })
}
