//! The pages behind the links photojury emails: confirming an address,
//! asking for and using a new-password link, and sending a confirmation
//! link again. A link opens a page with a button (mail scanners follow
//! links; only a person presses the button), and the button uses it up.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::links::{self, Purpose};
use crate::accounts::password::{self, NewPassword};
use crate::accounts::queries::{self, Email};
use crate::accounts::safe_next;
use crate::i18n::{Lang, Msg};
use crate::web::limits::client_address;
use crate::web::{Ctx, Nav, render, render_form};
use crate::{audit, error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
struct ConfirmPage {
    nav: Nav,
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    nav: Nav,
    email: String,
    sent: bool,
    can_mail: bool,
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    nav: Nav,
    token: String,
    errors: Vec<String>,
}

/// The `?token=` of a link.
#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// Sends an email in the background, at most a few to one address every
/// ten minutes. In the background so that the answer takes the same time
/// whether or not an email went out (it would tell who has an account).
pub(crate) fn send_later(state: &AppState, to: &str, (subject, body): (String, String)) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let limits = state.limits.clone();
    let to = to.to_owned();
    tokio::spawn(async move {
        match limits.may_mail(&to).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::info!("not emailing an address that had several emails lately");
                return;
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not count an account email; not sent");
                return;
            }
        }
        if let Err(err) = mailer.send(&to, &subject, body).await {
            tracing::warn!(error = %err, "could not send an account email");
        }
    });
}

/// Issues a confirmation link for `user_id` and emails it to `email`.
pub(crate) async fn send_confirmation(
    state: &AppState,
    user_id: i64,
    email: &str,
    password_hash: Option<String>,
    next: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let now = state.now().timestamp();
    let token = links::issue(
        &state.db,
        user_id,
        Purpose::Confirm,
        password_hash,
        next,
        now,
    )
    .await?;
    let link = format!("{}/confirm-email?token={token}", state.config.public_url);
    let hours = Purpose::Confirm.lifetime_seconds() / 3600;
    send_later(state, email, crate::mail::confirm_text(lang, &link, hours));
    Ok(())
}

/// Issues a new-password link for `user_id` and returns it.
pub(crate) async fn reset_link(state: &AppState, user_id: i64) -> Result<String, AppError> {
    let now = state.now().timestamp();
    let token = links::issue(&state.db, user_id, Purpose::Reset, None, "", now).await?;
    Ok(format!(
        "{}/reset-password?token={token}",
        state.config.public_url
    ))
}

/// `GET /confirm-email?token=…`: the button that confirms.
pub async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    if links::peek(&state.db, &q.token, Purpose::Confirm, now)
        .await?
        .is_none()
    {
        return Err(AppError::Gone(LINK_DEAD));
    }
    let page = ConfirmPage {
        nav: ctx.form_nav().await?,
        token: q.token,
    };
    Ok(render(&page)?.into_response())
}

/// What a used or expired link says.
const LINK_DEAD: Msg = Msg::new("account-link-dead");

/// `POST /confirm-email`: confirms the address (setting the password chosen
/// when registering again, if any), signs in, goes where they were going.
pub async fn confirm(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<TokenQuery>,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    let Some(link) = links::redeem(&mut tx, &form.token, Purpose::Confirm, now).await? else {
        return Err(AppError::Gone(LINK_DEAD));
    };
    if let Some(hash) = &link.password_hash {
        links::set_password_hash(&mut tx, link.user_id, hash).await?;
    }
    links::confirm_address(&mut tx, link.user_id, now).await?;
    tx.commit().await?;
    let user = queries::user_by_id(&state.db, link.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        now,
        Some(&user),
        "account.email_confirmed",
        None,
        "",
    )
    .await?;
    ctx.sign_in(user).await?;
    ctx.flash_msg(&Msg::new("account-email-confirmed")).await?;
    let landing = safe_next(Some(&link.next_path)).unwrap_or_else(|| "/account".into());
    Ok(Redirect::to(&landing).into_response())
}

/// `POST /account/confirm-email`: a new confirmation link for the signed-in account.
pub async fn resend(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    if !user.email_confirmed && state.mailer.is_some() {
        send_confirmation(
            &state,
            user.id,
            &user.email,
            None,
            "",
            user.lang.unwrap_or(ctx.lang),
        )
        .await?;
        ctx.flash_msg(&Msg::new("account-confirmation-resent").arg("email", user.email.as_str()))
            .await?;
    }
    Ok(Redirect::to("/account").into_response())
}

/// `GET /forgot-password`
pub async fn forgot_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let page = ForgotPage {
        nav: ctx.form_nav().await?,
        email: String::new(),
        sent: false,
        can_mail: state.mailer.is_some(),
    };
    Ok(render(&page)?.into_response())
}

/// The email field of the forgotten-password form.
#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /forgot-password`: the same answer whether or not the address has
/// an account; the link goes to the address only.
pub async fn forgot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ctx: Ctx,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let address = client_address(peer, &headers, &state.config.trusted_proxies);
    state.limits.registration(address).await?;
    if let Ok(email) = Email::parse(&form.email)
        && let Some((user, _)) = queries::user_by_email(&state.db, &email).await?
        && state.mailer.is_some()
    {
        let link = reset_link(&state, user.id).await?;
        let minutes = Purpose::Reset.lifetime_seconds() / 60;
        send_later(
            &state,
            &user.email,
            crate::mail::reset_text(user.lang.unwrap_or(ctx.lang), &link, minutes),
        );
    }
    let page = ForgotPage {
        nav: ctx.form_nav().await?,
        email: form.email,
        sent: true,
        can_mail: state.mailer.is_some(),
    };
    Ok(render(&page)?.into_response())
}

/// `GET /reset-password?token=…`: the new-password form.
pub async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    if links::peek(&state.db, &q.token, Purpose::Reset, now)
        .await?
        .is_none()
    {
        return Err(AppError::Gone(LINK_DEAD));
    }
    let page = ResetPage {
        nav: ctx.form_nav().await?,
        token: q.token,
        errors: Vec::new(),
    };
    render_form(&page, false)
}

/// The new-password form.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /reset-password`: sets the password, ends every other session,
/// confirms the address (the link reached it) and signs in.
pub async fn reset(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let new = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(e))
        .ok();
    if form.password != form.password_confirm {
        errors.push(Msg::new("account-passwords-differ"));
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        let page = ResetPage {
            nav: ctx.form_nav().await?,
            token: form.token,
            errors: ctx.words(&errors),
        };
        return render_form(&page, true);
    };
    let hash = password::hash(new).await?;
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    let Some(link) = links::redeem(&mut tx, &form.token, Purpose::Reset, now).await? else {
        return Err(AppError::Gone(LINK_DEAD));
    };
    links::set_password_hash(&mut tx, link.user_id, &hash).await?;
    links::confirm_address(&mut tx, link.user_id, now).await?;
    tx.commit().await?;
    let user = queries::user_by_id(&state.db, link.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &state.db,
        now,
        Some(&user),
        "account.password_reset",
        None,
        "",
    )
    .await?;
    ctx.sign_in(user).await?;
    ctx.flash_msg(&Msg::new("account-password-changed")).await?;
    Ok(Redirect::to("/account").into_response())
}
