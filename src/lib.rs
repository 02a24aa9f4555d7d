//! photojury: a web application that runs a photo contest with a blind jury.
//!
//! The crate is a library with a thin `main.rs`, so integration tests can build
//! the very same application ([`build_app`]) on a random port. The map of its
//! modules, and which may import which, is `docs/architecture.md`.

pub mod accounts;
pub mod audit;
pub mod cli;
pub mod clock;
pub mod config;
pub mod contests;
pub mod db;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod identity;
pub mod images;
pub mod jury;
pub mod mail;
pub mod metrics;
pub mod results;
pub mod server;
pub mod startup;
pub mod state;
pub mod submissions;
pub mod web;
pub mod workflow;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use db::Db;
pub use error::AppError;
pub use startup::build_app;
pub use state::AppState;
