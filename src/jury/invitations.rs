//! The juror's side of an invitation: `/invitations/{token}` shows what they
//! are invited to judge and takes a new password (or, for an existing
//! account, its password); accepting uses the link up and signs them in.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::CreateUserError;
use crate::accounts::password::{self, NewPassword};
use crate::accounts::queries::{self as accounts, Email, User};
use crate::contests::queries::contest_by_id;
use crate::i18n::Msg;
use crate::jury::judging;
use crate::jury::jurors::{self, Invitation};
use crate::web::limits::client_address;
use crate::web::{Ctx, Nav, render_form};
use crate::{audit, error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "jury/invitation.html")]
struct InvitationPage {
    nav: Nav,
    token: String,
    contest: String,
    email: String,
    categories: Vec<String>,
    has_account: bool,
    signed_in: bool,
    errors: Vec<String>,
}

async fn live(state: &AppState, token: &str) -> Result<Invitation, AppError> {
    jurors::invitation(&state.db, token, state.now().timestamp())
        .await?
        .ok_or(AppError::NotFound)
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    token: String,
    invitation: &Invitation,
    refusals: Vec<AcceptRefusal>,
) -> Result<Response, AppError> {
    let errors: Vec<String> = refusals.iter().map(|r| ctx.lang.msg(&r.msg())).collect();
    let contest = contest_by_id(&state.db, invitation.contest_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let categories: Vec<String> = sqlx::query_scalar(
        "SELECT c.name FROM juror_categories jc JOIN categories c ON c.id = jc.category_id \
         WHERE jc.juror_id = $1 ORDER BY c.position, c.id",
    )
    .bind(invitation.juror_id)
    .fetch_all(&state.db.pool)
    .await?;
    let email = Email::parse(&invitation.email).map_err(AppError::BadRequest)?;
    // An unconfirmed account is taken over by the link's holder, who then
    // chooses a password as if new (see `account_for`).
    let has_account = accounts::user_by_email(&state.db, &email)
        .await?
        .is_some_and(|(user, _)| user.email_confirmed || !state.config.confirms_emails());
    let has_errors = !errors.is_empty();
    let view = InvitationPage {
        nav: ctx.form_nav().await?,
        signed_in: ctx
            .user
            .as_ref()
            .is_some_and(|u| u.email == invitation.email),
        token,
        contest: contest.title,
        email: invitation.email.clone(),
        categories,
        has_account,
        errors,
    };
    render_form(&view, has_errors)
}

/// `GET /invitations/{token}`: 404 unless the link is live.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let invitation = live(&state, &token).await?;
    page(&state, &ctx, token, &invitation, Vec::new()).await
}

/// Fields of the acceptance form.
#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// Why an invitation cannot be accepted as sent (shown on its page).
#[derive(Debug, Clone, PartialEq)]
pub enum AcceptRefusal {
    /// The existing account's password was not given right.
    WrongPassword,
    /// The new password does not meet the rules (the message is theirs).
    Password(Msg),
    /// The two new passwords differ.
    PasswordsDiffer,
    /// The address got an account meanwhile.
    EmailTaken,
    /// Administrators see identities, so they cannot judge blind.
    Administrator,
    /// A participant of the contest.
    Entrant,
}

crate::i18n::localized_error!(AcceptRefusal);

impl AcceptRefusal {
    /// What the invitee is told.
    pub fn msg(&self) -> Msg {
        match self {
            Self::WrongPassword => Msg::new("jury-accept-wrong-password"),
            Self::Password(why) => why.clone(),
            Self::PasswordsDiffer => Msg::new("account-passwords-differ"),
            Self::EmailTaken => Msg::new("account-email-in-use"),
            Self::Administrator => Msg::new("jury-accept-administrator"),
            Self::Entrant => Msg::new("jury-accept-entrant"),
        }
    }
}

/// The account that accepts: the signed-in invitee, an existing account
/// whose password was given, or a new one. `Ok(Err(refusals))` for the form.
async fn account_for(
    state: &AppState,
    ctx: &Ctx,
    email: &Email,
    form: &AcceptForm,
    address: std::net::IpAddr,
) -> Result<Result<User, Vec<AcceptRefusal>>, AppError> {
    if let Some(user) = ctx.user.as_ref().filter(|u| u.email == email.as_str()) {
        return Ok(Ok(user.clone()));
    }
    let existing = accounts::user_by_email(&state.db, email).await?;
    // Without email confirmation every existing account is its owner's.
    let owned = |user: &User| user.email_confirmed || !state.config.confirms_emails();
    if let Some((user, hash)) = &existing
        && owned(user)
    {
        state.limits.may_sign_in(email.as_str(), address).await?;
        return Ok(
            if password::verify(&form.password, Some(hash.clone())).await? {
                Ok(user.clone())
            } else {
                state.limits.sign_in_failed(email.as_str(), address).await?;
                Err(vec![AcceptRefusal::WrongPassword])
            },
        );
    }
    let mut errors = Vec::new();
    let new = NewPassword::parse(&form.password)
        .map_err(|e| errors.push(AcceptRefusal::Password(e)))
        .ok();
    if form.password != form.password_confirm {
        errors.push(AcceptRefusal::PasswordsDiffer);
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let now = state.now().timestamp();
    if let Some((user, _)) = existing {
        // An account nobody has confirmed: the invitation link reached the
        // address, so its holder is its owner; whoever made the account
        // (perhaps to squat the juror's address) loses it.
        let hash = password::hash(new).await?;
        let mut tx = state.db.pool.begin().await?;
        crate::accounts::links::set_password_hash(&mut tx, user.id, &hash).await?;
        tx.commit().await?;
        let user = accounts::user_by_id(&state.db, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok(Ok(user));
    }
    match crate::accounts::create_user(&state.db, email, new, false, now).await {
        Ok(user) => Ok(Ok(user)),
        Err(CreateUserError::Other(err)) => Err(err),
        Err(CreateUserError::EmailTaken) => Ok(Err(vec![AcceptRefusal::EmailTaken])),
    }
}

/// `POST /invitations/{token}`: accepts, signs in, opens the juror home.
pub async fn accept(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    mut ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let invitation = live(&state, &token).await?;
    let email = Email::parse(&invitation.email).map_err(AppError::BadRequest)?;
    let address = client_address(peer, &headers, &state.config.trusted_proxies);
    let user = match account_for(&state, &ctx, &email, &form, address).await? {
        Ok(user) => user,
        Err(errors) => return page(&state, &ctx, token, &invitation, errors).await,
    };
    if user.is_admin {
        let why = vec![AcceptRefusal::Administrator];
        return page(&state, &ctx, token, &invitation, why).await;
    }
    let contest = contest_by_id(&state.db, invitation.contest_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    // The contest row lock first: acceptance may create assignments.
    let judging = crate::jury::access::lock_while_judging(&mut tx, contest.id).await?;
    sqlx::query(
        "INSERT INTO contest_roles (contest_id, user_id, role, created_at) VALUES ($1, $2, 'juror', $3) \
         ON CONFLICT (contest_id, user_id) DO NOTHING",
    )
    .bind(contest.id)
    .bind(user.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let role: String =
        sqlx::query_scalar("SELECT role FROM contest_roles WHERE contest_id = $1 AND user_id = $2")
            .bind(contest.id)
            .bind(user.id)
            .fetch_one(&mut *tx)
            .await?;
    if role != "juror" {
        drop(tx);
        let why = vec![AcceptRefusal::Entrant];
        return page(&state, &ctx, token, &invitation, why).await;
    }
    if !jurors::accept(&mut tx, &token, user.id, now).await? {
        return Err(AppError::NotFound);
    }
    // The link was sent to this address: using it proves the address.
    crate::accounts::links::confirm_address(&mut tx, user.id, now).await?;
    if judging {
        judging::rebalance(&mut tx, contest.id, contest.jury_quorum, now).await?;
    }
    audit::record_with(
        &mut tx,
        now,
        Some(&user),
        "jury.accept",
        Some(contest.id),
        "",
    )
    .await?;
    tx.commit().await?;
    ctx.sign_in(user).await?;
    Ok(Redirect::to(&format!("/jury/{}", contest.slug)).into_response())
}
