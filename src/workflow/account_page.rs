//! The account page: who is signed in, the contests they entered or judge,
//! their results once announced, and the password form. It shows what
//! several modules hold (roles from `contests`, results from `results`),
//! so it stands in the workflow layer, above them.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::accounts::handlers::{PasswordChange, PasswordForm, change_password};
use crate::contests::queries::{RoleRow, roles_of_user};
use crate::web::{Ctx, Nav, render};
use crate::{error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    nav: Nav,
    email: String,
    roles: Vec<RoleRow>,
    /// Their account id, which the published mapping names them by.
    participant_id: i64,
    results: Vec<crate::results::feedback::OwnResult>,
    /// The address is not confirmed yet and this server asks for it.
    needs_confirmation: bool,
    errors: Vec<String>,
    notice: Option<String>,
}

async fn account_response(
    state: &AppState,
    ctx: &Ctx,
    errors: Vec<String>,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let page = AccountPage {
        nav: ctx.nav().await?,
        email: user.email.clone(),
        roles: roles_of_user(&state.db, user.id).await?,
        participant_id: user.id,
        results: crate::results::feedback::own_results(&state.db, user.id).await?,
        needs_confirmation: state.config.confirms_emails() && !user.email_confirmed,
        notice,
        errors: errors.clone(),
    };
    let html = render(&page)?;
    Ok(if errors.is_empty() {
        html.into_response()
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, html).into_response()
    })
}

/// `GET /account`
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    account_response(&state, &ctx, Vec::new(), None).await
}

/// `POST /account/password`: needs the current password; ends other sessions.
pub async fn password(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    match change_password(&state, &user, &form).await? {
        PasswordChange::Refused(errors) => account_response(&state, &ctx, errors, None).await,
        PasswordChange::Done(updated) => {
            ctx.sign_in(updated).await?;
            let notice = "Password changed. Your other sessions have been signed out.".to_owned();
            account_response(&state, &ctx, Vec::new(), Some(notice)).await
        }
    }
}
