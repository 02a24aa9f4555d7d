//! The settings every command shares (flags and their `PHOTOJURY_*`
//! environment variables), turned into a [`Config`], and the log they ask for.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Args;

use crate::config::{Config, LogFormat, defaults};

/// Settings shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address to listen on.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_ADDR",
        default_value = defaults::ADDR
    )]
    addr: SocketAddr,
    /// Folder for the SQLite database and stored photos (created if missing).
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_DATA_DIR",
        default_value = defaults::DATA_DIR
    )]
    data_dir: PathBuf,
    /// Where photos are stored: `s3://bucket[/prefix]?endpoint=URL&region=R`
    /// for an S3-compatible bucket (credentials from `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY`); default: the data dir.
    #[arg(long, global = true, env = "PHOTOJURY_STORAGE_URL")]
    storage_url: Option<String>,
    /// `redis://host:6379/0`: count the attempt limits in Redis (default:
    /// in the database).
    #[arg(long, global = true, env = "PHOTOJURY_REDIS_URL")]
    redis_url: Option<String>,
    /// `postgres://…` for PostgreSQL; default: SQLite `photojury.db` in the data dir.
    #[arg(long, global = true, env = "PHOTOJURY_DATABASE_URL")]
    database_url: Option<String>,
    /// The external URL people use (https:// turns on Secure cookies); default http://ADDR.
    #[arg(long, global = true, env = "PHOTOJURY_PUBLIC_URL")]
    public_url: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses).
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<IpAddr>,
    /// Largest photo upload, in megabytes.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_MAX_UPLOAD_MB",
        default_value_t = defaults::MAX_UPLOAD_MB
    )]
    max_upload_mb: u64,
    /// Largest photo width or height, in pixels.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_MAX_IMAGE_SIDE",
        default_value_t = defaults::MAX_IMAGE_SIDE
    )]
    max_image_side: u32,
    /// Largest photo area, in megapixels.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_MAX_MEGAPIXELS",
        default_value_t = defaults::MAX_MEGAPIXELS
    )]
    max_megapixels: u64,
    /// Most memory one photo decode may use, in megabytes.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_DECODER_MEMORY_MB",
        default_value_t = defaults::DECODER_MEMORY_MB
    )]
    decoder_memory_mb: u64,
    /// Most memory all photo decodes together may use, in megabytes.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_DECODE_MEMORY_TOTAL_MB",
        default_value_t = defaults::DECODE_MEMORY_TOTAL_MB
    )]
    decode_memory_total_mb: u64,
    /// Most bytes of uploads being received at once, all requests together,
    /// in megabytes (kept in temp files); past it uploads get 503 and Retry-After.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_UPLOAD_BUFFER_MB",
        default_value_t = defaults::UPLOAD_BUFFER_MB
    )]
    upload_buffer_mb: u64,
    /// Largest camera original (RAW or out-of-camera JPEG) a finalist may
    /// send for verification, in megabytes.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_CAMERA_ORIGINAL_MB",
        default_value_t = defaults::CAMERA_ORIGINAL_MB
    )]
    camera_original_mb: u64,
    /// Registrations allowed in a burst from one client address (then one
    /// every 6 s): high enough for a class registering from one network.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_REGISTRATIONS_PER_ADDRESS",
        default_value_t = defaults::REGISTRATIONS_PER_ADDRESS
    )]
    registrations_per_address: u32,
    /// Whether accounts confirm their email by a link before entering or
    /// judging: auto (when --smtp-url is set), required, or off.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_EMAIL_CONFIRMATION",
        value_enum,
        default_value = "auto"
    )]
    email_confirmation: crate::config::EmailConfirmation,
    /// Outgoing mail for jury invitations: smtp://host:25, smtp://user:pass@host:587?tls=required
    /// or smtps://user:pass@host:465. Unset: invitation links are only shown to the admin.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_SMTP_URL",
        hide_env_values = true
    )]
    smtp_url: Option<String>,
    /// The sender of photojury's emails.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_MAIL_FROM",
        default_value = defaults::MAIL_FROM
    )]
    mail_from: String,
    /// Client addresses that may read /metrics (comma-separated; behind a
    /// trusted proxy, the address it reports). Unset: /metrics is 404.
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_METRICS_ALLOW",
        value_delimiter = ','
    )]
    metrics_allow: Vec<IpAddr>,
    /// The log's format: text (one line per event) or json (one object per
    /// line, with the request's id and route).
    #[arg(
        long,
        global = true,
        env = "PHOTOJURY_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    pub log_format: LogFormat,
}

impl Settings {
    /// The run-time config these settings describe.
    pub fn config(&self) -> Config {
        let mut config = Config::new(&self.data_dir);
        config.addr = self.addr;
        if let Some(url) = &self.database_url {
            config.database_url = url.clone();
        }
        config.public_url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned();
        config.trusted_proxies = self.trusted_proxies.clone();
        config.metrics_allow = self.metrics_allow.clone();
        config.log_format = self.log_format;
        config.smtp_url = self.smtp_url.clone();
        config.storage_url = self.storage_url.clone().filter(|u| !u.is_empty());
        config.redis_url = self.redis_url.clone().filter(|u| !u.is_empty());
        config.mail_from = self.mail_from.clone();
        config.image_limits = crate::images::ImageLimits {
            max_bytes: self.max_upload_mb.saturating_mul(1_000_000),
            max_side: self.max_image_side,
            max_pixels: self.max_megapixels.saturating_mul(1_000_000),
            max_decoder_bytes: self.decoder_memory_mb.saturating_mul(1024 * 1024),
        };
        config.decode_memory_total = self.decode_memory_total_mb.saturating_mul(1024 * 1024);
        config.upload_buffer_bytes = self.upload_buffer_mb.saturating_mul(1_000_000);
        config.camera_original_max_bytes = self.camera_original_mb.saturating_mul(1_000_000);
        config.email_confirmation = self.email_confirmation;
        config.registrations_per_address = self.registrations_per_address;
        config
    }
}

/// Starts the log: `RUST_LOG` or photojury's info lines, as text or JSON.
/// In JSON every line carries its request's span (id, method, route).
pub fn init_log(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "photojury=info,tower_http=warn,sqlx=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}
