//! HTTP handlers of the account pages; the logic they call lives in `queries`,
//! `password` and `setup`.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::password::{self, NewPassword};
use crate::accounts::queries::{self, CreateUserError, Email};
use crate::accounts::rate_limit::client_address;
use crate::accounts::{safe_next, setup};
use crate::contests::queries::{RoleRow, roles_of_user};
use crate::web::{Ctx, Nav, render};
use crate::{AppError, AppState, audit};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    nav: Nav,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    nav: Nav,
    email: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    nav: Nav,
    email: String,
    roles: Vec<RoleRow>,
    /// Their account id, which the published mapping names them by.
    participant_id: i64,
    results: Vec<crate::results::feedback::OwnResult>,
    errors: Vec<String>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    nav: Nav,
    token: String,
    email: String,
    errors: Vec<String>,
}

/// Fields of the login form.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Fields of the registration and setup forms.
#[derive(Deserialize)]
pub struct NewAccountForm {
    email: String,
    password: String,
    password_confirm: String,
    #[serde(default)]
    token: String,
}

/// Query of the login and setup pages.
#[derive(Deserialize)]
pub struct PageQuery {
    next: Option<String>,
    token: Option<String>,
}

fn unprocessable(page: axum::response::Html<String>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// `GET /login`
pub async fn login_page(ctx: Ctx, Query(q): Query<PageQuery>) -> Result<Response, AppError> {
    let page = LoginPage {
        nav: ctx.form_nav().await?,
        email: String::new(),
        next: safe_next(q.next.as_deref()).unwrap_or_default(),
        error: None,
    };
    Ok(render(&page)?.into_response())
}

/// `POST /login`: the same answer for an unknown email and a wrong password.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    mut ctx: Ctx,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let address = client_address(peer, &headers, &state.config.trusted_proxies);
    if !state.login_limiter.attempt(form.email.trim(), address) {
        return Err(AppError::TooManyRequests);
    }
    let found = match Email::parse(&form.email) {
        Ok(email) => queries::user_by_email(&state.db, &email).await?,
        Err(_) => None,
    };
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(&form.password, stored).await?;
    let Some(user) = user.filter(|_| ok) else {
        let page = LoginPage {
            nav: ctx.form_nav().await?,
            email: form.email,
            next: safe_next(Some(&form.next)).unwrap_or_default(),
            error: Some("That email and password do not match an account.".into()),
        };
        return Ok(unprocessable(render(&page)?));
    };
    let landing = safe_next(Some(&form.next)).unwrap_or_else(|| {
        if user.is_admin {
            "/admin".into()
        } else {
            "/account".into()
        }
    });
    ctx.sign_in(user).await?;
    Ok(Redirect::to(&landing).into_response())
}

/// `POST /logout`
pub async fn logout(mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.sign_out().await?;
    Ok(Redirect::to("/").into_response())
}

/// `GET /register`
pub async fn register_page(ctx: Ctx) -> Result<Response, AppError> {
    let page = RegisterPage {
        nav: ctx.form_nav().await?,
        email: String::new(),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

/// Parses the email and the twice-typed password of a new-account form.
fn parse_new_account(form: &NewAccountForm) -> Result<(Email, NewPassword), Vec<String>> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|e| errors.push(e.to_owned()))
        .ok();
    let password = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(e.to_owned()))
        .ok();
    if form.password != form.password_confirm {
        errors.push("The two passwords differ.".to_owned());
    }
    match (email, password) {
        (Some(email), Some(password)) if errors.is_empty() => Ok((email, password)),
        _ => Err(errors),
    }
}

/// `POST /register`
pub async fn register(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, AppError> {
    let errors = match parse_new_account(&form) {
        Ok((email, password)) => {
            let now = state.now().timestamp();
            match queries::create_user(&state.db, &email, password, false, now).await {
                Ok(user) => {
                    ctx.sign_in(user).await?;
                    return Ok(Redirect::to("/account").into_response());
                }
                Err(CreateUserError::EmailTaken) => vec![CreateUserError::EmailTaken.to_string()],
                Err(CreateUserError::Other(err)) => return Err(err),
            }
        }
        Err(errors) => errors,
    };
    let page = RegisterPage {
        nav: ctx.form_nav().await?,
        email: form.email,
        errors,
    };
    Ok(unprocessable(render(&page)?))
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
        notice,
        errors: errors.clone(),
    };
    let html = render(&page)?;
    Ok(if errors.is_empty() {
        html.into_response()
    } else {
        unprocessable(html)
    })
}

/// `GET /account`
pub async fn account_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    account_response(&state, &ctx, Vec::new(), None).await
}

/// Fields of the password change form.
#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    password: String,
    password_confirm: String,
}

/// `POST /account/password`: needs the current password; ends other sessions.
pub async fn change_password(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let email = Email::parse(&user.email).map_err(|e| AppError::BadRequest(e.into()))?;
    let stored = queries::user_by_email(&state.db, &email)
        .await?
        .map(|(_, hash)| hash);
    let mut errors = Vec::new();
    if !password::verify(&form.current, stored).await? {
        errors.push("The current password is not right.".to_owned());
    }
    if form.password != form.password_confirm {
        errors.push("The two new passwords differ.".to_owned());
    }
    let new = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(e.to_owned()))
        .ok();
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return account_response(&state, &ctx, errors, None).await;
    };
    let updated = queries::change_password(&state.db, user.id, new).await?;
    ctx.sign_in(updated).await?;
    let notice = "Password changed. Your other sessions have been signed out.".to_owned();
    account_response(&state, &ctx, Vec::new(), Some(notice)).await
}

/// `GET /setup?token=…`: the first administrator's form, while the link is live.
pub async fn setup_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let token = q.token.unwrap_or_default();
    if !setup::token_is_valid(&state.db, &token, state.now().timestamp()).await? {
        return Err(AppError::NotFound);
    }
    let page = SetupPage {
        nav: ctx.form_nav().await?,
        token,
        email: String::new(),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

/// `POST /setup`: creates the first administrator and signs them in.
pub async fn setup(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, AppError> {
    let now = state.now().timestamp();
    let errors = match parse_new_account(&form) {
        Ok((email, password)) => {
            match setup::complete(&state.db, &form.token, &email, password, now).await {
                Ok(admin) => {
                    audit::record(
                        &state.db,
                        now,
                        Some(&admin),
                        "setup.first_admin",
                        None,
                        &admin.email,
                    )
                    .await?;
                    ctx.sign_in(admin).await?;
                    return Ok(Redirect::to("/admin").into_response());
                }
                Err(setup::SetupError::InvalidToken) => return Err(AppError::NotFound),
                Err(setup::SetupError::Create(CreateUserError::Other(err))) => return Err(err),
                Err(setup::SetupError::Create(err)) => vec![err.to_string()],
            }
        }
        Err(errors) => errors,
    };
    let page = SetupPage {
        nav: ctx.form_nav().await?,
        token: form.token,
        email: form.email,
        errors,
    };
    Ok(unprocessable(render(&page)?))
}
