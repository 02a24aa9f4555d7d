//! "I recognise this work": a juror steps aside from one entry. The entry
//! leaves their queue, a score they gave it stops counting, and with a quorum
//! another juror takes it, all in one transaction under the judging lock.
//! (A shortlisting round's recusal is `ballot_page::recuse`.)

use serde::Deserialize;

use crate::jury::access::Juror;
use crate::jury::access::lock_while_judging;
use crate::jury::judging::rebalance;
use crate::jury::scores::MAX_COMMENT_CHARS;
use crate::submissions::numbers::EntryNumber;
use crate::web::user::User;
use crate::{audit, error::AppError, state::AppState};

/// The recusal form of the scoring and the voting page: an optional
/// reason, for the organisers.
#[derive(Deserialize)]
pub struct RecuseForm {
    #[serde(default)]
    reason: String,
}

impl RecuseForm {
    /// The reason as kept: trimmed, at most a comment's length.
    pub fn reason(&self) -> String {
        self.reason.trim().chars().take(MAX_COMMENT_CHARS).collect()
    }
}

/// Recuses the juror from entry `number` (404 if it is not in their queue,
/// 409 outside judging).
pub(crate) async fn recuse(
    state: &AppState,
    juror: &Juror,
    user: &User,
    number: EntryNumber,
    reason: &str,
) -> Result<(), AppError> {
    let now = state.now().timestamp();
    let contest = &juror.contest;
    let mut tx = state.db.pool.begin().await?;
    if !lock_while_judging(&mut tx, contest.id).await? {
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "jury-work-closed",
        )));
    }
    let done = sqlx::query(
        "UPDATE assignments SET recused_at = $1, recusal_reason = $2 \
         WHERE juror_id = $3 AND recused_at IS NULL \
         AND entry_id = (SELECT id FROM entries WHERE contest_id = $4 AND number = $5)",
    )
    .bind(now)
    .bind(reason)
    .bind(juror.juror_id)
    .bind(contest.id)
    .bind(number.get())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    rebalance(&mut tx, contest.id, contest.jury_quorum, now).await?;
    let detail = if reason.is_empty() {
        format!("entry {number}")
    } else {
        format!("entry {number}: {reason}")
    };
    audit::record_with(
        &mut tx,
        now,
        Some(user),
        "jury.recuse",
        Some(contest.id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
