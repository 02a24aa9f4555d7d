//! `POST /jury/{slug}/entries/{number}/draft`: what the juror has typed so
//! far, sent by the scoring page's script as they type and when they leave.
//! Complete and within every scale it is saved as the score; otherwise it is
//! kept as a draft (see `drafts`).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::jury::drafts::{Draft, keep};
use crate::jury::scores::{self, Saved, parse_scores};
use crate::jury::scoring_target::{CLOSED, open_target};
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// Answers `{"saved":true,"complete":…,"typed":n,"criteria":m}`, or 422 with
/// `{"saved":false,"errors":[…]}` for a field no score could fill.
pub async fn save_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let target = open_target(&state, &ctx, &slug, &number).await?;
    let criteria = &target.criteria;
    let draft = match Draft::from_form(criteria, &form) {
        Ok(draft) => draft,
        Err(refusal) => {
            let body =
                serde_json::json!({ "saved": false, "errors": [ctx.lang.msg(&refusal.msg())] });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response());
        }
    };
    let now = state.now().timestamp();
    let (db, contest_id, juror_id) = (&state.db, target.juror.contest.id, target.juror.juror_id);
    let entry_id = target.entry_id;
    let (saved, complete) = match parse_scores(criteria, draft.fields()) {
        Ok(scores) => {
            let comment = draft.value("comment").unwrap_or_default();
            let saved = scores::save(db, contest_id, juror_id, entry_id, &scores, comment, now);
            (saved.await?, true)
        }
        Err(_) => (
            keep(db, contest_id, juror_id, entry_id, &draft, now).await?,
            false,
        ),
    };
    match saved {
        Saved::Yes => {}
        Saved::Locked => return Err(AppError::Conflict(CLOSED)),
        Saved::NotAssigned => return Err(AppError::NotFound),
    }
    let body = serde_json::json!({
        "saved": true,
        "complete": complete,
        "typed": draft.typed(criteria),
        "criteria": criteria.len(),
    });
    Ok(axum::Json(body).into_response())
}
