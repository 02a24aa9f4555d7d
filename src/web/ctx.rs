//! The request context: who is signed in, and the CSRF token for the forms
//! a page renders. Handlers take a [`Ctx`] and ask it for what they need.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::accounts::queries::{self, User};
use crate::web::private_pages::KeepForSession;
use crate::web::{Nav, csrf};
use crate::{AppError, AppState};

/// The session key holding the signed-in account.
const USER_KEY: &str = "user";
/// The session key of the one-time message shown after a redirect.
const FLASH_KEY: &str = "flash";
/// The session key of when the signed-in session last renewed its expiry.
const SEEN_KEY: &str = "seen";
/// How often a signed-in session's row is rewritten to push its expiry out
/// (sessions expire after 14 days without a visit; an hour more or less does
/// not matter, a database write with an fsync on every page view does).
const RENEW_EVERY_SECONDS: i64 = 3600;

/// What the session remembers about the signed-in account.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionUser {
    id: i64,
    /// Must equal the account's `session_version`; a password change bumps it.
    version: i64,
}

/// The per-request context.
pub struct Ctx {
    /// The session (created lazily when something is stored in it).
    pub session: Session,
    /// The signed-in account, if any.
    pub user: Option<User>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
        let user = match session.get::<SessionUser>(USER_KEY).await? {
            Some(remembered) => {
                let user = queries::user_by_id(&state.db, remembered.id).await?;
                // A password change (or a deleted account) ends older sessions.
                user.filter(|u| u.session_version == remembered.version)
            }
            None => None,
        };
        if user.is_some() {
            // The session is saved only when changed; renewing its expiry now
            // and then (not on every request) keeps an active person signed in.
            let now = state.now().timestamp();
            let seen = session.get::<i64>(SEEN_KEY).await?.unwrap_or(0);
            if now - seen >= RENEW_EVERY_SECONDS {
                session.insert(SEEN_KEY, now).await?;
            }
        }
        Ok(Self { session, user })
    }
}

impl Ctx {
    /// The CSRF token to put in this page's forms.
    pub async fn csrf(&self) -> Result<String, AppError> {
        csrf::token(&self.session).await
    }

    /// What the layout needs: who is signed in and the token for their forms.
    /// An anonymous visitor gets no token (and so no session row) here; pages
    /// with a form for them use [`Ctx::form_nav`].
    pub async fn nav(&self) -> Result<Nav, AppError> {
        let (csrf, flash) = if self.user.is_some() {
            // `remove` marks the session changed (a write) even when there
            // is nothing to remove: look first.
            let flash = match self.session.get::<String>(FLASH_KEY).await? {
                Some(_) => self.session.remove::<String>(FLASH_KEY).await?,
                None => None,
            };
            (self.csrf().await?, flash)
        } else {
            (String::new(), None)
        };
        let mut nav = self.nav_with(csrf);
        nav.flash = flash;
        Ok(nav)
    }

    /// Marks a page as one that may be answered again from memory for this
    /// session until anything changes (see `web::private_pages`). Only for
    /// pages that depend on nothing but the database, the URI and the session.
    pub fn private_page(&self, mut response: Response) -> Response {
        if self.user.is_some() {
            response.extensions_mut().insert(KeepForSession);
        }
        response
    }

    /// Leaves a one-line message for the next page this person sees (after a
    /// redirect): "Finalized.", "Awards saved."…
    pub async fn flash(&self, message: &str) -> Result<(), AppError> {
        self.session.insert(FLASH_KEY, message).await?;
        Ok(())
    }

    /// Like [`Ctx::nav`], but always with a token: for pages whose forms an
    /// anonymous visitor sends (sign-in, registration, setup).
    pub async fn form_nav(&self) -> Result<Nav, AppError> {
        Ok(self.nav_with(self.csrf().await?))
    }

    fn nav_with(&self, csrf: String) -> Nav {
        Nav {
            email: self.user.as_ref().map(|u| u.email.clone()),
            is_admin: self.user.as_ref().is_some_and(|u| u.is_admin),
            csrf,
            flash: None,
        }
    }

    /// The signed-in account, or a redirect to the login page.
    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// The signed-in admin; a non-admin gets 403.
    pub fn require_admin(&self) -> Result<&User, AppError> {
        let user = self.require_user()?;
        if user.is_admin {
            Ok(user)
        } else {
            Err(AppError::Forbidden(
                "This page is for contest administrators.",
            ))
        }
    }

    /// Signs `user` in: a new session id (no fixation), a new CSRF token.
    pub async fn sign_in(&mut self, user: User) -> Result<(), AppError> {
        self.session.cycle_id().await?;
        let remembered = SessionUser {
            id: user.id,
            version: user.session_version,
        };
        self.session.insert(USER_KEY, remembered).await?;
        csrf::rotate(&self.session).await?;
        self.user = Some(user);
        Ok(())
    }

    /// Signs out: the session is deleted from the store, so its cookie is dead.
    pub async fn sign_out(&mut self) -> Result<(), AppError> {
        self.session.flush().await?;
        self.user = None;
        Ok(())
    }
}
