//! Settings fixed at start-up, read from flags or `PHOTOJURY_*` variables (see `cli`).

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use crate::images::ImageLimits;

/// Run-time settings of one server process.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address the server listens on.
    pub addr: SocketAddr,
    /// Folder for the SQLite database and (later) stored photos.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The external URL people use, without a trailing slash.
    pub public_url: String,
    /// Login attempts allowed in a burst for one account before 429.
    pub login_burst_per_account: u32,
    /// Login attempts allowed in a burst from one client address before 429.
    pub login_burst_per_address: u32,
    /// Proxies whose `X-Forwarded-For` is believed; nobody else's is.
    pub trusted_proxies: Vec<IpAddr>,
    /// Upload size and image dimension limits.
    pub image_limits: ImageLimits,
    /// Photos decoded at once (each may take hundreds of MB); default: the cores.
    pub decode_permits: usize,
    /// Outgoing mail server (`smtp://`, `smtp://…?tls=required`, `smtps://`,
    /// with `user:password@` when it needs a login); `None`: no email is sent.
    pub smtp_url: Option<String>,
    /// The sender of the emails photojury sends.
    pub mail_from: String,
    /// A request body that sends nothing for this long is cut off (a client
    /// trickling bytes cannot hold a connection and a decode slot forever).
    pub body_idle_timeout: std::time::Duration,
    /// The longest any request may take, uploads of 40 MB on slow links included.
    pub request_timeout: std::time::Duration,
}

impl Config {
    /// Defaults for a data dir: SQLite inside it, listening on 127.0.0.1:3000.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        let addr = SocketAddr::from(([127, 0, 0, 1], 3000));
        Self {
            database_url: default_database_url(&data_dir),
            public_url: format!("http://{addr}"),
            addr,
            data_dir,
            login_burst_per_account: 5,
            login_burst_per_address: 20,
            trusted_proxies: Vec::new(),
            image_limits: ImageLimits::default(),
            decode_permits: std::thread::available_parallelism().map_or(2, usize::from),
            smtp_url: None,
            mail_from: "photojury <noreply@localhost>".into(),
            body_idle_timeout: std::time::Duration::from_secs(30),
            request_timeout: std::time::Duration::from_secs(600),
        }
    }

    /// Whether the site is served over https, which turns on Secure cookies
    /// and the `__Host-` cookie prefix.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The session cookie's name: under https the `__Host-` prefix pins the
    /// cookie to this exact host.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.is_https() {
            "__Host-photojury"
        } else {
            "photojury"
        }
    }

    /// Whether the database is PostgreSQL (otherwise SQLite).
    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://")
    }
}

/// The embedded default: `photojury.db` in the data dir, created when missing.
pub fn default_database_url(data_dir: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("photojury.db").display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_public_url_turns_on_secure_cookies() {
        let mut config = Config::new("/tmp/x");
        assert!(!config.is_https());
        config.public_url = "https://contest.example.org".into();
        assert!(config.is_https());
    }

    #[test]
    fn default_database_is_sqlite_in_the_data_dir() {
        let config = Config::new("/srv/pj");
        assert_eq!(
            config.database_url,
            "sqlite:///srv/pj/photojury.db?mode=rwc"
        );
        assert!(!config.is_postgres());
    }
}
