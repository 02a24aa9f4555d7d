//! HTTP handlers of the account pages; the logic they call lives in `queries`,
//! `password` and `setup`.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::CreateUserError;
use crate::accounts::password::{self, NewPassword};
use crate::accounts::queries::{self, Email};
use crate::accounts::setup::SetupOutcome;
use crate::accounts::{email, links, safe_next, setup};
use crate::i18n::Msg;
use crate::web::limits::client_address;
use crate::web::{Ctx, Nav, User, render};
use crate::{audit, error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    nav: Nav,
    email: String,
    next: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    nav: Nav,
    email: String,
    next: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "accounts/check_email.html")]
struct CheckEmailPage {
    nav: Nav,
    email: String,
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
    #[serde(default)]
    next: String,
}

/// Query of the login, registration and setup pages.
#[derive(Deserialize)]
pub struct PageQuery {
    next: Option<String>,
    token: Option<String>,
    /// Set by the registration that sends people here to sign in.
    registered: Option<String>,
}

fn unprocessable(page: axum::response::Html<String>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// `GET /login`
pub async fn login_page(ctx: Ctx, Query(q): Query<PageQuery>) -> Result<Response, AppError> {
    let notice = q
        .registered
        .is_some()
        .then(|| ctx.lang.text("account-registered-notice"));
    let page = LoginPage {
        nav: ctx.form_nav().await?,
        email: String::new(),
        next: safe_next(q.next.as_deref()).unwrap_or_default(),
        notice,
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
    state.limits.may_sign_in(&form.email, address).await?;
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
        state.limits.sign_in_failed(&form.email, address).await?;
        let page = LoginPage {
            nav: ctx.form_nav().await?,
            email: form.email,
            next: safe_next(Some(&form.next)).unwrap_or_default(),
            notice: None,
            error: Some(ctx.lang.text("account-login-failed")),
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
    // A language chosen on this device before signing in is the latest
    // choice: the account keeps it. Without one, the account's choice
    // becomes this device's cookie (the error pages read only the cookie).
    let chosen = crate::web::i18n::chosen(&headers);
    let cookie = match (chosen, user.lang) {
        (Some(lang), kept) => {
            if kept != Some(lang) {
                queries::set_lang(&state.db, user.id, lang).await?;
            }
            None
        }
        (None, Some(kept)) => Some(crate::accounts::language::cookie(&state, kept)?),
        (None, None) => None,
    };
    ctx.sign_in(user).await?;
    let mut response = Redirect::to(&landing).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// `POST /logout`
pub async fn logout(mut ctx: Ctx) -> Result<Response, AppError> {
    ctx.sign_out().await?;
    Ok(Redirect::to("/").into_response())
}

/// `GET /register`
pub async fn register_page(ctx: Ctx, Query(q): Query<PageQuery>) -> Result<Response, AppError> {
    let page = RegisterPage {
        nav: ctx.form_nav().await?,
        email: String::new(),
        next: safe_next(q.next.as_deref()).unwrap_or_default(),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

/// Parses the email and the twice-typed password of a new-account form.
fn parse_new_account(form: &NewAccountForm) -> Result<(Email, NewPassword), Vec<Msg>> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email).map_err(|e| errors.push(e)).ok();
    let password = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(e))
        .ok();
    if form.password != form.password_confirm {
        errors.push(Msg::new("account-passwords-differ"));
    }
    match (email, password) {
        (Some(email), Some(password)) if errors.is_empty() => Ok((email, password)),
        _ => Err(errors),
    }
}

/// `POST /register`: the same answer whether or not the address has an
/// account, and in the same time (the password is hashed either way; any
/// email goes out in the background). With email confirmation the answer
/// is "check your inbox": a new address gets a confirmation link; an
/// unconfirmed account's address gets one that also sets this password
/// (so nobody can squat an address); a confirmed account's owner hears that
/// someone tried, with a link to choose a new password. Without it, a new
/// account is made and everyone is sent to sign in.
pub async fn register(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ctx: Ctx,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, AppError> {
    let address = client_address(peer, &headers, &state.config.trusted_proxies);
    state.limits.registration(address).await?;
    let next = safe_next(Some(&form.next)).unwrap_or_default();
    let (email, new) = match parse_new_account(&form) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page = RegisterPage {
                nav: ctx.form_nav().await?,
                email: form.email,
                next,
                errors: ctx.words(&errors),
            };
            return Ok(unprocessable(render(&page)?));
        }
    };
    let hash = password::hash(new).await?;
    let now = state.now().timestamp();
    let confirms = state.config.confirms_emails();
    match queries::user_by_email(&state.db, &email).await? {
        None => {
            if let Some(user) = queries::insert_user(&state.db, &email, &hash, false, now).await? {
                // They registered in this language: their emails and pages
                // on other devices follow it until they choose another.
                queries::set_lang(&state.db, user.id, ctx.lang).await?;
                if confirms {
                    email::send_confirmation(&state, user.id, &user.email, None, &next, ctx.lang)
                        .await?;
                }
            }
        }
        Some((user, _)) if confirms && !user.email_confirmed => {
            let lang = user.lang.unwrap_or(ctx.lang);
            email::send_confirmation(&state, user.id, &user.email, Some(hash), &next, lang).await?;
        }
        Some((user, _)) if confirms => {
            let reset = email::reset_link(&state, user.id).await?;
            let sign_in = format!("{}/login", state.config.public_url);
            let minutes = links::Purpose::Reset.lifetime_seconds() / 60;
            let text = crate::mail::already_registered_text(
                user.lang.unwrap_or(ctx.lang),
                &sign_in,
                &reset,
                minutes,
            );
            email::send_later(&state, &user.email, text);
        }
        Some(_) => {}
    }
    if confirms {
        let page = CheckEmailPage {
            nav: ctx.form_nav().await?,
            email: email.as_str().to_owned(),
        };
        return Ok(render(&page)?.into_response());
    }
    let mut to = "/login?registered=1".to_owned();
    if !next.is_empty() {
        to.push_str("&next=");
        to.extend(form_urlencoded::byte_serialize(next.as_bytes()));
    }
    Ok(Redirect::to(&to).into_response())
}

/// Fields of the password change form.
#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    password: String,
    password_confirm: String,
}

/// What became of a password change.
pub enum PasswordChange {
    /// Changed: the account as it is now (its other sessions have ended).
    Done(User),
    /// Refused, with the form's messages.
    Refused(Vec<Msg>),
}

/// Whether `given` is the signed-in account's password, for the forms that
/// ask for it again (a new password, deleting the account, exporting its
/// data). Failures count toward the account's limit (429 past it).
pub async fn current_password_is(
    state: &AppState,
    user: &User,
    given: &str,
) -> Result<bool, AppError> {
    state.limits.may_change_password(user.id).await?;
    let email = Email::parse(&user.email).map_err(AppError::BadRequest)?;
    let stored = queries::user_by_email(&state.db, &email)
        .await?
        .map(|(_, hash)| hash);
    let right = password::verify(given, stored).await?;
    if !right {
        state.limits.password_change_failed(user.id).await?;
    }
    Ok(right)
}

/// Changes the signed-in account's password: needs the current one, ends
/// every other session. The page around it is the account page's.
pub async fn change_password(
    state: &AppState,
    user: &User,
    form: &PasswordForm,
) -> Result<PasswordChange, AppError> {
    let mut errors = Vec::new();
    if !current_password_is(state, user, &form.current).await? {
        errors.push(Msg::new("account-current-password-wrong"));
    }
    if form.password != form.password_confirm {
        errors.push(Msg::new("account-new-passwords-differ"));
    }
    let new = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(e))
        .ok();
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Ok(PasswordChange::Refused(errors));
    };
    let hash = password::hash(new).await?;
    Ok(PasswordChange::Done(
        queries::change_password(&state.db, user.id, &hash).await?,
    ))
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
            let hash = password::hash(password).await?;
            match setup::complete(&state.db, &form.token, &email, &hash, now).await? {
                SetupOutcome::Created(admin) => {
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
                SetupOutcome::InvalidToken => return Err(AppError::NotFound),
                SetupOutcome::EmailTaken => vec![CreateUserError::EmailTaken.msg()],
            }
        }
        Err(errors) => errors,
    };
    let page = SetupPage {
        nav: ctx.form_nav().await?,
        token: form.token,
        email: form.email,
        errors: ctx.words(&errors),
    };
    Ok(unprocessable(render(&page)?))
}
