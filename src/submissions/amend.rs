//! An admin corrects a participant's name, country or university (a
//! misspelt name noticed at the reveal). Once judging has opened the old
//! identity is sealed in the commitment, so the correction is kept as an
//! amendment with its reason, in the audit log, and `photojury verify`
//! reports it as such rather than as tampering.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::contests::admin::admin_contest;
use crate::contests::queries::countries_of;
use crate::identity::proof::{self, Identity};
use crate::submissions::screening::{back_to, page};
use crate::submissions::screening_view::View;
use crate::web::Ctx;
use crate::web::text::clean;
use crate::{audit, error::AppError, state::AppState};

/// Why a correction was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmendRefusal {
    /// No name, or more than 200 characters.
    Name,
    /// Not one of the contest's countries.
    Country,
    /// More than 200 characters.
    University,
    /// No reason, or more than 1,000 characters.
    Reason,
    /// The form is the identity as it is.
    Unchanged,
}

crate::i18n::localized_error!(AmendRefusal);

impl AmendRefusal {
    /// What the admin is told.
    pub fn msg(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Self::Name => "amend-name",
            Self::Country => "amend-country",
            Self::University => "amend-university",
            Self::Reason => "amend-reason",
            Self::Unchanged => "amend-unchanged",
        })
    }
}

/// The correction form.
#[derive(Deserialize)]
pub struct AmendForm {
    full_name: String,
    country: String,
    #[serde(default)]
    university: String,
    #[serde(default)]
    reason: String,
}

impl AmendForm {
    fn check(&self, countries: &[String]) -> Result<(Identity, String), Vec<AmendRefusal>> {
        let (name, university, reason) = (
            clean(&self.full_name),
            clean(&self.university),
            clean(&self.reason),
        );
        let country = self.country.trim().to_owned();
        let mut refusals = Vec::new();
        if name.is_empty() || name.chars().count() > 200 {
            refusals.push(AmendRefusal::Name);
        }
        if !countries.contains(&country) {
            refusals.push(AmendRefusal::Country);
        }
        if university.chars().count() > 200 {
            refusals.push(AmendRefusal::University);
        }
        if reason.is_empty() || reason.chars().count() > 1000 {
            refusals.push(AmendRefusal::Reason);
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        let identity = Identity {
            name,
            country,
            university,
            category: String::new(),
        };
        Ok((identity, reason))
    }
}

/// `POST /admin/contests/{id}/entries/{portfolio}/identity`
pub async fn amend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, portfolio_id)): Path<(i64, i64)>,
    Form(form): Form<AmendForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let countries = countries_of(&state.db, id).await?;
    let (corrected, reason) = match form.check(&countries) {
        Ok(checked) => checked,
        Err(refusals) => {
            let errors = refusals.iter().map(|r| r.msg()).collect();
            let view = View::containing(&state.db, contest.id, portfolio_id).await?;
            return page(&state, &ctx, contest, view, errors).await;
        }
    };
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    let amended = proof::amend(
        &mut tx,
        id,
        portfolio_id,
        &corrected,
        &reason,
        admin.id,
        now,
    )
    .await?;
    let Some(amended) = amended else {
        drop(tx);
        let exists = crate::submissions::queries::portfolio_of_id(&state.db, portfolio_id)
            .await?
            .is_some_and(|p| p.contest_id == id);
        if !exists {
            return Err(AppError::NotFound);
        }
        let view = View::containing(&state.db, contest.id, portfolio_id).await?;
        let errors = vec![AmendRefusal::Unchanged.msg()];
        return page(&state, &ctx, contest, view, errors).await;
    };
    let detail = format!(
        "portfolio {portfolio_id} identity amended: {}; reason: {reason}",
        amended.after.changes_from(&amended.before).join(", ")
    );
    audit::record_with(&mut tx, now, Some(&admin), "entry.amend", Some(id), &detail).await?;
    tx.commit().await?;
    ctx.flash_msg(&crate::i18n::Msg::new("amend-done")).await?;
    back_to(&state, id, portfolio_id).await
}
