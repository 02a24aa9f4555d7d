//! What every request handler may reach: the database, the settings, the
//! clock, the stored files and the budgets and limits shared by all
//! requests. Cheap to clone (all behind `Arc`s). The toolbox (`web`) sees
//! only its own part of it, [`WebState`].

use std::sync::Arc;

use axum::extract::FromRef;

use crate::metrics::Metrics;
use crate::web::WebState;
use crate::{clock::Clock, config, config::Config, db::Db, images, mail, web};

/// Everything a request handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool (SQLite or PostgreSQL behind one type).
    pub db: Db,
    /// Settings fixed at start-up.
    pub config: Arc<Config>,
    /// The time source; tests swap in a [`ManualClock`](crate::clock::ManualClock).
    pub clock: Arc<dyn Clock>,
    /// Attempt limits: sign-in, password changes, registrations, emails.
    pub limits: Arc<web::limits::Limits>,
    /// Stored originals and derivatives.
    pub files: images::Objects,
    /// Bounds concurrent decodes, so a burst of uploads cannot exhaust memory.
    pub decode_permits: Arc<tokio::sync::Semaphore>,
    /// The memory all decodes together may use.
    pub decode_memory: images::budget::DecodeMemory,
    /// The bytes of uploads being received at once, by all requests.
    pub upload_budget: images::budget::UploadBudget,
    /// Sends invitations when an SMTP server is configured.
    pub mailer: Option<mail::Mailer>,
    /// Public pages rendered for anonymous visitors, kept a few seconds.
    pub public_pages: web::cache::PageCache,
    /// Juror pages kept per session until anything changes.
    pub private_pages: web::private_pages::PrivatePages,
    /// Requests, uploads, decode times and kept pages, for `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Builds the state from an open database, a config and a clock; opens
    /// the file store (removing temp files an earlier crash left behind) and
    /// the mailer (a bad SMTP URL stops start-up rather than failing later).
    pub fn new(db: Db, config: Config, clock: Arc<dyn Clock>) -> std::io::Result<Self> {
        let limits = Arc::new(web::limits::Limits::new(&config, db.clone(), clock.clone()));
        let files = images::Objects::open(&config.data_dir, config.storage_url.as_deref())?;
        let decode_permits = Arc::new(tokio::sync::Semaphore::new(config.decode_permits.max(1)));
        let mailer = mail::Mailer::from_config(&config)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        if config.email_confirmation == config::EmailConfirmation::Required && mailer.is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "--email-confirmation required needs an SMTP server (--smtp-url)",
            ));
        }
        let decode_memory = images::budget::DecodeMemory::new(config.decode_memory_total);
        let upload_budget = images::budget::UploadBudget::new(config.upload_buffer_bytes);
        let metrics = Metrics::new().map_err(std::io::Error::other)?;
        Ok(Self {
            metrics: Arc::new(metrics),
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

    /// With `--redis-url`, counts the attempt limits in Redis instead of
    /// the database (connecting now: a Redis that does not answer stops
    /// start-up rather than every sign-in later).
    pub async fn with_redis(mut self) -> std::io::Result<Self> {
        let Some(url) = self.config.redis_url.clone() else {
            return Ok(self);
        };
        let redis = web::limits_redis::RedisBuckets::connect(&url, &self.config.redis_prefix)
            .await
            .map_err(|e| std::io::Error::other(format!("cannot reach Redis at {url}: {e}")))?;
        let limits = web::limits::Limits::new(&self.config, self.db.clone(), self.clock.clone());
        self.limits = Arc::new(limits.in_redis(redis));
        Ok(self)
    }

    /// The current time according to the injected clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

impl FromRef<AppState> for WebState {
    fn from_ref(state: &AppState) -> Self {
        WebState {
            db: state.db.clone(),
            config: state.config.clone(),
            clock: state.clock.clone(),
            private_pages: state.private_pages.clone(),
            metrics: state.metrics.clone(),
        }
    }
}
