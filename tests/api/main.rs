//! The integration suite: the real application on a random port with a fresh
//! database (SQLite, or PostgreSQL when `PHOTOJURY_TEST_DATABASE_URL` is
//! set), driven over HTTP. One test binary for every area, so the whole
//! dependency tree is linked once, not once per file.

#[path = "../common/mod.rs"]
mod common;

mod access;
mod accounts;
mod announce;
mod architecture;
mod backup;
mod blind;
mod colour;
mod contests;
mod crash;
mod dashboard;
mod deploy_docs;
mod drafts;
mod faults;
mod forms;
mod hostile_text;
mod hostile_uploads;
mod images;
mod jury;
mod kept_pages;
mod languages;
mod languages_admin;
mod languages_pages;
mod likeness;
mod mail;
mod metrics;
mod operations;
mod platform;
mod processes;
mod proof;
mod queue_pages;
mod ranking;
mod results;
mod rounds;
mod rounds_changes;
mod screening_pages;
mod security;
mod security_accounts;
mod security_uploads;
mod submissions;
mod verification;
