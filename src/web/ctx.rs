//! The request context: who is signed in, and the CSRF token for the forms
//! a page renders. Handlers take a [`Ctx`] and ask it for what they need.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tower_cookies::Cookies;
use tower_sessions::{Expiry, Session};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::private_pages::KeepForSession;
use crate::web::user::{self as queries, User};
use crate::web::{Nav, WebState, csrf};

/// The session key holding the signed-in account.
use crate::web::csrf::USER_KEY;
/// The session key of the one-time message shown after a redirect.
const FLASH_KEY: &str = "flash";
/// The session key of when the signed-in session last renewed its expiry.
const SEEN_KEY: &str = "seen";
/// How often a signed-in session's row is rewritten to push its expiry out
/// (sessions expire after 14 days without a visit; an hour more or less does
/// not matter, a database write with an fsync on every page view does).
const RENEW_EVERY_SECONDS: i64 = 3600;
/// How long a signed-in session lives without a visit.
pub const SIGNED_IN_SESSION: time::Duration = time::Duration::days(14);

/// What the session remembers about the signed-in account.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionUser {
    id: i64,
    /// Must equal the account's `session_version`; a password change bumps it.
    version: i64,
}

/// How long a session with nobody signed in lives (it holds at most a
/// message for the next page).
const ANONYMOUS_SESSION: time::Duration = time::Duration::hours(1);

/// The account read for this request, kept in its extensions so that the
/// guard and the handler read it once between them.
#[derive(Clone)]
struct SignedIn(Option<User>);

/// The per-request context.
pub struct Ctx {
    /// The session (created lazily when something is stored in it).
    pub session: Session,
    /// The signed-in account, if any.
    pub user: Option<User>,
    /// The request's cookies, for the anonymous forms' token cookie.
    cookies: Cookies,
    /// That cookie's name, and whether cookies are `Secure`.
    form_cookie: (&'static str, bool),
    /// The interface language of this request.
    pub lang: Lang,
    /// The request's path and query.
    here: String,
}

impl<S> FromRequestParts<S> for Ctx
where
    WebState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let state = WebState::from_ref(state);
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
        let cookies = parts
            .extensions
            .get::<Cookies>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("cookie layer missing")))?;
        // The guard may have read the account already for this request.
        if let Some(SignedIn(user)) = parts.extensions.get::<SignedIn>().cloned() {
            let lang =
                crate::web::i18n::of_request(&parts.headers, user.as_ref().and_then(|u| u.lang));
            let form_cookie = (state.config.form_cookie_name(), state.config.is_https());
            return Ok(Self {
                session,
                user,
                cookies,
                form_cookie,
                lang,
                here,
            });
        }
        let user = match session.get::<SessionUser>(USER_KEY).await? {
            Some(remembered) => {
                let user = queries::user_by_id(&state.db, remembered.id).await?;
                // A password change (or a deleted account) ends older sessions.
                user.filter(|u| u.session_version == remembered.version)
            }
            None => None,
        };
        parts.extensions.insert(SignedIn(user.clone()));
        if user.is_some() {
            // The session is saved only when changed; renewing its expiry now
            // and then (not on every request) keeps an active person signed in.
            let now = state.now().timestamp();
            let seen = session.get::<i64>(SEEN_KEY).await?.unwrap_or(0);
            if now - seen >= RENEW_EVERY_SECONDS {
                session.insert(SEEN_KEY, now).await?;
            }
        }
        let form_cookie = (state.config.form_cookie_name(), state.config.is_https());
        let lang = crate::web::i18n::of_request(&parts.headers, user.as_ref().and_then(|u| u.lang));
        Ok(Self {
            session,
            user,
            cookies,
            form_cookie,
            lang,
            here,
        })
    }
}

impl Ctx {
    /// Messages (a form's errors) in this request's language.
    pub fn words(&self, msgs: &[crate::i18n::Msg]) -> Vec<String> {
        msgs.iter().map(|m| self.lang.msg(m)).collect()
    }

    /// Leaves the message `key` for the next page, in this request's language.
    pub async fn flash_msg(&self, msg: &crate::i18n::Msg) -> Result<(), AppError> {
        self.flash(&self.lang.msg(msg)).await
    }

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
        // Keyed by the session this request was signed in with, as the
        // session layer loaded it: never by a raw cookie header.
        if self.user.is_some()
            && let Some(id) = self.session.id()
        {
            response
                .extensions_mut()
                .insert(KeepForSession(id.to_string()));
        }
        response
    }

    /// Leaves a one-line message for the next page this person sees (after a
    /// redirect): "Finalized.", "Awards saved."…
    async fn flash(&self, message: &str) -> Result<(), AppError> {
        if self.user.is_none() {
            self.session
                .set_expiry(Some(Expiry::OnInactivity(ANONYMOUS_SESSION)));
        }
        self.session.insert(FLASH_KEY, message).await?;
        Ok(())
    }

    /// Like [`Ctx::nav`], but always with a token: for pages whose forms an
    /// anonymous visitor sends (sign-in, registration, setup). Without a
    /// session the token goes in a cookie, not a new session row.
    pub async fn form_nav(&self) -> Result<Nav, AppError> {
        let token = match csrf::existing(&self.session).await? {
            Some(token) => token,
            None => {
                let (name, https) = self.form_cookie;
                csrf::anonymous_token(&self.cookies, name, https)
            }
        };
        Ok(self.nav_with(token))
    }

    fn nav_with(&self, csrf: String) -> Nav {
        Nav {
            email: self.user.as_ref().map(|u| u.email.clone()),
            is_admin: self.user.as_ref().is_some_and(|u| u.is_admin),
            csrf,
            flash: None,
            lang: self.lang,
            here: self.here.clone(),
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
            Err(AppError::Forbidden(crate::i18n::Msg::new(
                "error-admins-only",
            )))
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
        self.session
            .set_expiry(Some(Expiry::OnInactivity(SIGNED_IN_SESSION)));
        csrf::rotate(&self.session).await?;
        // The anonymous forms' token is not needed any more.
        let (name, _) = self.form_cookie;
        if self.cookies.get(name).is_some() {
            self.cookies
                .remove(tower_cookies::Cookie::build((name, "")).path("/").build());
        }
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
