//! Saving the awards: refused before finalization or after the
//! announcement, for a departure from the ranking without a reason, and for
//! an entry disqualified (at finalist verification); otherwise the
//! contest's awards replaced in one transaction and logged.

use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::results::awards::{Award, AwardsForm, authors_of, departures, suggested};
use crate::results::snapshot::Snapshot;
use crate::web::user::User;
use crate::{audit, db::Db, error::AppError};

/// Why awards cannot be saved as they are (shown on the awards page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwardsRefusal {
    /// Not finalized yet, or already announced.
    NotNow,
    /// The reason is over 1,000 characters.
    ReasonTooLong,
    /// These entries' awards differ from the ranking and no reason was given.
    ReasonNeeded(Vec<i64>),
    /// These entries were disqualified (at finalist verification).
    Disqualified(Vec<i64>),
}

crate::i18n::localized_error!(AwardsRefusal);

impl AwardsRefusal {
    /// What the admin is told.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        use crate::results::awards::numbers_list;
        match self {
            Self::NotNow => Msg::new("awards-not-now"),
            Self::ReasonTooLong => Msg::new("awards-reason-long"),
            Self::ReasonNeeded(n) => Msg::new("awards-reason-needed")
                .arg("numbers", numbers_list(n))
                .arg("count", n.len()),
            Self::Disqualified(n) => Msg::new("awards-disqualified")
                .arg("numbers", numbers_list(n))
                .arg("count", n.len()),
        }
    }
}

/// Replaces the contest's awards, logging them (and the reason for any
/// departure from the ranking). `Ok(Err(refusal))` when refused.
pub async fn save(
    db: &Db,
    now: i64,
    admin: &User,
    contest: &Contest,
    snapshot: &Snapshot,
    form: &AwardsForm,
) -> Result<Result<(), AwardsRefusal>, AppError> {
    let (chosen, reason) = (&form.chosen, form.reason.as_str());
    if !matches!(contest.phase, Phase::Finalized | Phase::Revealed) {
        return Ok(Err(AwardsRefusal::NotNow));
    }
    let changed = departures(
        &suggested(snapshot, &authors_of(db, contest).await?, form.normalized),
        chosen,
    );
    let reason = reason.trim();
    if reason.chars().count() > 1000 {
        return Ok(Err(AwardsRefusal::ReasonTooLong));
    }
    if !changed.is_empty() && reason.is_empty() {
        return Ok(Err(AwardsRefusal::ReasonNeeded(changed)));
    }
    let out: Vec<i64> = sqlx::query_scalar(
        "SELECT e.number FROM entries e JOIN portfolios p ON p.id = e.portfolio_id \
         WHERE e.contest_id = $1 AND p.status = 'disqualified' ORDER BY e.number",
    )
    .bind(contest.id)
    .fetch_all(&db.pool)
    .await?;
    let out: Vec<i64> = out.into_iter().filter(|n| chosen.contains_key(n)).collect();
    if !out.is_empty() {
        return Ok(Err(AwardsRefusal::Disqualified(out)));
    }
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM awards WHERE contest_id = $1")
        .bind(contest.id)
        .execute(&mut *tx)
        .await?;
    let mut lines: Vec<String> = Vec::new();
    let mut numbers: Vec<&i64> = chosen.keys().collect();
    numbers.sort_unstable();
    for number in numbers {
        let d = chosen[number];
        sqlx::query(
            "INSERT INTO awards (entry_id, contest_id, award, exhibition) \
             SELECT id, contest_id, $1, $2 FROM entries WHERE contest_id = $3 AND number = $4",
        )
        .bind(d.award.map(Award::as_str))
        .bind(i64::from(d.exhibition))
        .bind(contest.id)
        .bind(number)
        .execute(&mut *tx)
        .await?;
        let award = d.award.map_or("exhibition", Award::label);
        lines.push(format!("{number}: {award}"));
    }
    sqlx::query("UPDATE contests SET share_feedback = $1 WHERE id = $2")
        .bind(i64::from(form.share_feedback))
        .bind(contest.id)
        .execute(&mut *tx)
        .await?;
    let mut detail = lines.join(", ");
    if form.normalized {
        detail.push_str(" (suggested from the normalized ranking)");
    }
    if !changed.is_empty() {
        detail.push_str(&format!(
            "; differs from the ranking for {changed:?}: {reason}"
        ));
    }
    audit::record_with(
        &mut tx,
        now,
        Some(admin),
        "awards.save",
        Some(contest.id),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
