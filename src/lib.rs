//! photojury: a web application that runs a photo contest with a blind jury.
//!
//! The crate is a library with a thin `main.rs`, so integration tests can build
//! the very same application ([`build_app`]) on a random port.

pub mod accounts;
pub mod audit;
pub mod cli;
pub mod clock;
pub mod config;
pub mod contests;
pub mod db;
pub mod demo;
pub mod error;
pub mod images;
pub mod jury;
pub mod mail;
pub mod results;
pub mod server;
pub mod submissions;
pub mod web;

use std::sync::Arc;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use db::Db;
pub use error::AppError;

/// Everything a request handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool (SQLite or PostgreSQL behind one type).
    pub db: Db,
    /// Settings fixed at start-up.
    pub config: Arc<Config>,
    /// The time source; tests swap in a [`ManualClock`].
    pub clock: Arc<dyn Clock>,
    /// Attempt limits: sign-in, password changes, registrations, emails.
    pub limits: Arc<accounts::rate_limit::Limits>,
    /// Stored originals and derivatives.
    pub files: images::FileStore,
    /// Bounds concurrent decodes, so a burst of uploads cannot exhaust memory.
    pub decode_permits: Arc<tokio::sync::Semaphore>,
    /// The memory all decodes together may use.
    pub decode_memory: submissions::upload::DecodeMemory,
    /// The bytes of uploads being received at once, by all requests.
    pub upload_budget: submissions::upload::UploadBudget,
    /// Sends invitations when an SMTP server is configured.
    pub mailer: Option<mail::Mailer>,
    /// Public pages rendered for anonymous visitors, kept a few seconds.
    pub public_pages: web::cache::PageCache,
    /// Juror pages kept per session until anything changes.
    pub private_pages: web::private_pages::PrivatePages,
}

impl AppState {
    /// Builds the state from an open database, a config and a clock; opens
    /// the file store (removing temp files an earlier crash left behind) and
    /// the mailer (a bad SMTP URL stops start-up rather than failing later).
    pub fn new(db: Db, config: Config, clock: Arc<dyn Clock>) -> std::io::Result<Self> {
        let limits = Arc::new(accounts::rate_limit::Limits::new(&config));
        let files = images::FileStore::open(&config.data_dir)?;
        let decode_permits = Arc::new(tokio::sync::Semaphore::new(config.decode_permits.max(1)));
        let mailer = mail::Mailer::from_config(&config)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        if config.email_confirmation == config::EmailConfirmation::Required && mailer.is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "--email-confirmation required needs an SMTP server (--smtp-url)",
            ));
        }
        let decode_memory = submissions::upload::DecodeMemory::new(config.decode_memory_total);
        let upload_budget = submissions::upload::UploadBudget::new(config.upload_buffer_bytes);
        Ok(Self {
            mailer,
            public_pages: web::cache::PageCache::default(),
            private_pages: web::private_pages::PrivatePages::default(),
            db,
            config: Arc::new(config),
            clock,
            limits,
            files,
            decode_permits,
            decode_memory,
            upload_budget,
        })
    }

    /// The current time according to the injected clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

/// Builds the full axum application (routes, sessions, CSRF, security headers).
pub fn build_app(state: AppState) -> axum::Router {
    web::app(state)
}
