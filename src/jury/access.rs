//! Who may see the jury pages: the signed-in person as an active juror of
//! the contest (anyone else gets 404, so a page does not even confirm that
//! the contest has a jury); and when a jury write may happen at all: under
//! the contest's row lock, while it is judging.

use sqlx::AnyConnection;

use crate::contests::model::Phase;
use crate::contests::queries::{Contest, contest_by_slug};
use crate::contests::rounds::{self, Round};
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

/// Takes the contest's row lock, but only while it is judging. Score saves,
/// recusals and jury changes all start with it, and the phase change that ends
/// judging updates the same row: whichever commits first wins, and a write
/// that waited sees the new phase and changes nothing. `false`: not judging.
pub async fn lock_while_judging(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE contests SET phase = phase WHERE id = $1 AND phase = 'judging'")
        .bind(contest_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The round the juror's contest votes in now ([`rounds::voting_round`]),
/// none outside judging. The voting, ranking and home pages start from it.
pub async fn voting_round(state: &AppState, juror: &Juror) -> Result<Option<Round>, AppError> {
    if juror.contest.phase != Phase::Judging {
        return Ok(None);
    }
    let mut conn = state.db.pool.acquire().await?;
    Ok(rounds::voting_round(
        rounds::stage(&mut conn, juror.contest.id).await?,
    ))
}
