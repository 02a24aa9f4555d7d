//! Settings fixed at start-up, read from flags or `PHOTOJURY_*` variables (see `cli`).

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

/// Every default in one place: the command line's, [`Config::new`]'s and
/// [`ImageLimits::default`]'s.
pub mod defaults {
    /// Where the server listens.
    pub const ADDR: &str = "127.0.0.1:3000";
    /// The data dir, relative to where the server starts.
    pub const DATA_DIR: &str = "./data";
    /// Largest photo, in megabytes (decimal, as on disks).
    pub const MAX_UPLOAD_MB: u64 = 40;
    /// Largest width or height, in pixels.
    pub const MAX_IMAGE_SIDE: u32 = 12_000;
    /// Largest area, in megapixels.
    pub const MAX_MEGAPIXELS: u64 = 100;
    /// Most memory one decode may use, in MiB.
    pub const DECODER_MEMORY_MB: u64 = 512;
    /// Most memory all decodes together may use, in MiB.
    pub const DECODE_MEMORY_TOTAL_MB: u64 = 1024;
    /// Most upload bytes received at once by all requests, in megabytes.
    pub const UPLOAD_BUFFER_MB: u64 = 2000;
    /// Largest camera original (RAW) a finalist may send, in megabytes.
    pub const CAMERA_ORIGINAL_MB: u64 = 200;
    /// Registrations from one address in a burst.
    pub const REGISTRATIONS_PER_ADDRESS: u32 = 50;
    /// Failed sign-ins per (account, address) in a burst.
    pub const LOGIN_BURST_PER_ACCOUNT: u32 = 5;
    /// Failed sign-ins per address in a burst.
    pub const LOGIN_BURST_PER_ADDRESS: u32 = 20;
    /// The sender of photojury's emails.
    pub const MAIL_FROM: &str = "photojury <noreply@localhost>";
    /// A body that sends nothing for this long is cut off, in seconds.
    pub const BODY_IDLE_SECONDS: u64 = 30;
    /// The longest any request may take, in seconds.
    pub const REQUEST_SECONDS: u64 = 600;
}

/// How the server writes its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line, with the request's id and route.
    Json,
}

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
    /// Client addresses that may read `/metrics`; empty: nobody (404).
    pub metrics_allow: Vec<IpAddr>,
    /// How the log is written: lines for a person, or JSON for a collector.
    pub log_format: LogFormat,
    /// Upload size and image dimension limits.
    pub image_limits: ImageLimits,
    /// Registrations (and requests for a new link) allowed in a burst from
    /// one client address before 429; then one every 6 s. High enough for a
    /// class registering together from one university network.
    pub registrations_per_address: u32,
    /// Photos decoded at once (each may take hundreds of MB); default: the cores.
    pub decode_permits: usize,
    /// Memory all decodes together may use, shared out by each decode's
    /// estimate (each decode is also held to `image_limits.max_decoder_bytes`).
    pub decode_memory_total: u64,
    /// Bytes of uploads being received at once, by all requests together
    /// (written to temp files as they arrive); past it, 503 with Retry-After.
    pub upload_buffer_bytes: u64,
    /// Largest camera original (RAW or JPEG) a finalist may send.
    pub camera_original_max_bytes: u64,
    /// Whether an account's email must be confirmed by a link before it can
    /// enter a contest or accept a jury invitation.
    pub email_confirmation: EmailConfirmation,
    /// A connection must send a whole request head within this long of
    /// opening or of its last response (also the idle keep-alive timeout).
    pub header_timeout: std::time::Duration,
    /// Outgoing mail server (`smtp://`, `smtp://…?tls=required`, `smtps://`,
    /// with `user:password@` when it needs a login); `None`: no email is sent.
    pub smtp_url: Option<String>,
    /// An S3 bucket for the photos (`s3://bucket?endpoint=…`); `None`: the data dir.
    pub storage_url: Option<String>,
    /// Redis for the attempt limits (`redis://host:6379/0`); `None`: the database.
    pub redis_url: Option<String>,
    /// What the limits' Redis keys start with (`PREFIX:limit:…`), so that
    /// several deployments can share one Redis.
    pub redis_prefix: String,
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
        let addr: SocketAddr = defaults::ADDR
            .parse()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 3000)));
        Self {
            database_url: default_database_url(&data_dir),
            public_url: format!("http://{addr}"),
            addr,
            data_dir,
            login_burst_per_account: defaults::LOGIN_BURST_PER_ACCOUNT,
            login_burst_per_address: defaults::LOGIN_BURST_PER_ADDRESS,
            trusted_proxies: Vec::new(),
            metrics_allow: Vec::new(),
            log_format: LogFormat::Text,
            image_limits: ImageLimits::default(),
            registrations_per_address: defaults::REGISTRATIONS_PER_ADDRESS,
            decode_permits: std::thread::available_parallelism().map_or(2, usize::from),
            decode_memory_total: defaults::DECODE_MEMORY_TOTAL_MB << 20,
            upload_buffer_bytes: defaults::UPLOAD_BUFFER_MB * 1_000_000,
            camera_original_max_bytes: defaults::CAMERA_ORIGINAL_MB * 1_000_000,
            email_confirmation: EmailConfirmation::Auto,
            header_timeout: crate::server::HEADER_TIMEOUT,
            smtp_url: None,
            storage_url: None,
            redis_url: None,
            redis_prefix: "photojury".into(),
            mail_from: defaults::MAIL_FROM.into(),
            body_idle_timeout: std::time::Duration::from_secs(defaults::BODY_IDLE_SECONDS),
            request_timeout: std::time::Duration::from_secs(defaults::REQUEST_SECONDS),
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

    /// The cookie holding an anonymous visitor's form token (see `web::csrf`).
    pub fn form_cookie_name(&self) -> &'static str {
        if self.is_https() {
            "__Host-photojury-form"
        } else {
            "photojury-form"
        }
    }

    /// Whether accounts must confirm their email before entering or judging:
    /// `Auto` means yes exactly when mail can be sent.
    pub fn confirms_emails(&self) -> bool {
        match self.email_confirmation {
            EmailConfirmation::Required => true,
            EmailConfirmation::Off => false,
            EmailConfirmation::Auto => self.smtp_url.as_deref().is_some_and(|u| !u.is_empty()),
        }
    }

    /// The response headers every answer carries under https.
    pub fn strict_transport_security(&self) -> Option<&'static str> {
        self.is_https().then_some("max-age=31536000")
    }

    /// Whether the database is PostgreSQL (otherwise SQLite).
    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://")
    }
}

/// Limits checked before and during decoding; all configurable.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    /// Largest upload, in bytes (enforced while streaming, too).
    pub max_bytes: u64,
    /// Largest width or height, in pixels (from the header, before decoding).
    pub max_side: u32,
    /// Largest area, in pixels (from the header, before decoding).
    pub max_pixels: u64,
    /// Most memory the decoder may allocate.
    pub max_decoder_bytes: u64,
}

impl Default for ImageLimits {
    fn default() -> Self {
        Self {
            max_bytes: defaults::MAX_UPLOAD_MB * 1_000_000,
            max_side: defaults::MAX_IMAGE_SIDE,
            max_pixels: defaults::MAX_MEGAPIXELS * 1_000_000,
            max_decoder_bytes: defaults::DECODER_MEMORY_MB << 20,
        }
    }
}

/// Whether new accounts confirm their email address by a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EmailConfirmation {
    /// Required when an SMTP server is configured, off otherwise.
    Auto,
    /// Always required (needs an SMTP server).
    Required,
    /// Never asked (contests run without email).
    Off,
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
