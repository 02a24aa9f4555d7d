//! Admin handlers for a contest's categories and scoring criteria: add them
//! while the contest may still change, remove them while nothing depends on
//! them. Every change writes an audit row.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::contests::admin::{admin_contest, edit_response, see};
use crate::contests::model::Phase;
use crate::contests::structure::{self, NewCategory, NewCriterion};
use crate::i18n::Msg;
use crate::web::Ctx;
use crate::{audit, error::AppError, state::AppState};

/// Fields of the add-category form.
#[derive(Deserialize)]
pub struct CategoryForm {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    requires_university: Option<String>,
    #[serde(default)]
    max_photos: String,
}

/// `POST /admin/contests/{id}/categories`
pub async fn add_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CategoryForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let errors = if contest.phase > Phase::Open {
        vec![Msg::new("adm-category-closed")]
    } else {
        match NewCategory::parse(
            &form.name,
            &form.description,
            form.requires_university.is_some(),
            &form.max_photos,
        ) {
            Ok(category) => {
                if structure::add_category(&state.db, id, &category).await? {
                    let now = state.now().timestamp();
                    audit::record(
                        &state.db,
                        now,
                        Some(&admin),
                        "category.add",
                        Some(id),
                        &category.name,
                    )
                    .await?;
                    return Ok(see(id));
                }
                vec![Msg::new("adm-category-exists").arg("name", category.name)]
            }
            Err(errors) => errors,
        }
    };
    edit_response(&state, &ctx, contest, None, errors).await
}

/// `POST /admin/contests/{id}/categories/{category}/delete`
pub async fn delete_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, category_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    if contest.phase != Phase::Draft {
        let errors = vec![Msg::new("adm-category-remove-draft")];
        return edit_response(&state, &ctx, contest, None, errors).await;
    }
    let name = structure::delete_category(&state.db, id, category_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "category.delete",
        Some(id),
        &name,
    )
    .await?;
    Ok(see(id))
}

/// Fields of the add-criterion form.
#[derive(Deserialize)]
pub struct CriterionForm {
    name: String,
    #[serde(default)]
    description: String,
    weight: String,
    scale_min: String,
    scale_max: String,
}

/// `POST /admin/contests/{id}/criteria`
pub async fn add_criterion(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CriterionForm>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let errors = if contest.phase.is_judging_or_later() {
        vec![Msg::new("adm-criteria-frozen")]
    } else {
        match NewCriterion::parse(
            &form.name,
            &form.description,
            &form.weight,
            &form.scale_min,
            &form.scale_max,
        ) {
            Ok(criterion) => {
                if structure::add_criterion(&state.db, id, &criterion).await? {
                    let now = state.now().timestamp();
                    let detail = format!(
                        "{} (weight {}, {}–{})",
                        criterion.name, criterion.weight, criterion.scale_min, criterion.scale_max
                    );
                    audit::record(
                        &state.db,
                        now,
                        Some(&admin),
                        "criterion.add",
                        Some(id),
                        &detail,
                    )
                    .await?;
                    return Ok(see(id));
                }
                vec![Msg::new("adm-criterion-exists").arg("name", criterion.name)]
            }
            Err(errors) => errors,
        }
    };
    edit_response(&state, &ctx, contest, None, errors).await
}

/// `POST /admin/contests/{id}/criteria/{criterion}/delete`
pub async fn delete_criterion(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, criterion_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    if contest.phase.is_judging_or_later() {
        let errors = vec![Msg::new("adm-criteria-frozen")];
        return edit_response(&state, &ctx, contest, None, errors).await;
    }
    let name = structure::delete_criterion(&state.db, id, criterion_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "criterion.delete",
        Some(id),
        &name,
    )
    .await?;
    Ok(see(id))
}
