//! The account page: who is signed in, the contests they entered or judge,
//! their results once announced, and the password form. It shows what
//! several modules hold (roles from `contests`, results from `results`),
//! so it stands in the workflow layer, above them.

use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::handlers::{
    PasswordChange, PasswordForm, change_password, current_password_is,
};
use crate::contests::queries::{RoleRow, roles_of_user};
use crate::i18n::Msg;
use crate::web::{Ctx, Nav, render};
use crate::workflow::erasure::{self, ErasureRefusal};
use crate::workflow::verification::finalist::{self, Sent};
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
    /// Camera originals the organisers asked for.
    tasks: Vec<crate::workflow::verification::Task>,
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
        tasks: crate::workflow::verification::tasks_of(&state.db, user.id, ctx.lang).await?,
    };
    let html = render(&page)?;
    Ok(if errors.is_empty() {
        html.into_response()
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, html).into_response()
    })
}

/// The account page again, 422, with one refusal (the export's and the
/// deletion's forms are on it).
pub(super) async fn refused(
    state: &AppState,
    ctx: &Ctx,
    message: Msg,
) -> Result<Response, AppError> {
    account_response(state, ctx, vec![ctx.lang.msg(&message)], None).await
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
        PasswordChange::Refused(errors) => {
            account_response(&state, &ctx, ctx.words(&errors), None).await
        }
        PasswordChange::Done(updated) => {
            ctx.sign_in(updated).await?;
            let notice = ctx.lang.text("account-password-changed");
            account_response(&state, &ctx, Vec::new(), Some(notice)).await
        }
    }
}

/// `POST /account/verification/{vid}?csrf=…` (multipart: file): a camera
/// original the organisers asked for (see `verification::finalist`).
pub async fn camera_original(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(vid): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    match finalist::receive(&state, &ctx, vid, &headers, body).await? {
        Sent::Refused(message) => refused(&state, &ctx, message).await,
        Sent::Received(notice) => {
            ctx.flash_msg(&notice).await?;
            Ok(Redirect::to("/account#verification").into_response())
        }
    }
}

/// The deletion form: the password again and a ticked box.
#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// What is left to say once the account is gone.
#[derive(Template)]
#[template(path = "accounts/deleted.html")]
struct DeletedPage {
    nav: Nav,
    summary: String,
}

/// `POST /account/delete`: deletes the account (see `erasure`), signs out
/// and says what became of the entries (a page, not a redirect: there is
/// no session left to carry a message).
pub async fn delete(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let refusal = if user.is_admin {
        Some(ErasureRefusal::Administrator)
    } else if form.confirm != "yes" {
        Some(ErasureRefusal::NotConfirmed)
    } else if !current_password_is(&state, &user, &form.password).await? {
        Some(ErasureRefusal::WrongPassword)
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return refused(&state, &ctx, refusal.msg()).await;
    }
    let now = state.now().timestamp();
    let erased = erasure::erase(&state, user.id, now).await?;
    tracing::info!(
        removed = erased.removed,
        withdrawn = erased.withdrawn,
        files = erased.files,
        "an account was deleted at its owner's request"
    );
    ctx.sign_out().await?;
    let summary = ctx.lang.msg(
        &Msg::new("deleted-summary")
            .arg("removed", erased.removed)
            .arg("withdrawn", erased.withdrawn),
    );
    let page = DeletedPage {
        nav: Nav {
            lang: ctx.lang,
            ..Nav::default()
        },
        summary,
    };
    Ok(render(&page)?.into_response())
}
