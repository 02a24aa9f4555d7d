//! The command line: `serve` (the default), `create-admin`, `derive`, `demo`,
//! `verify`, `audit verify`, `backup` and `restore`.
//! Every flag can also come from a `PHOTOJURY_*` environment variable.

use std::io::BufRead;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::config::defaults;

mod backup;
mod checks;
mod derive;

use crate::accounts::password::NewPassword;
use crate::accounts::queries::Email;
use crate::{accounts, clock::SystemClock, config::Config, db::Db, demo, state::AppState};

/// photojury: run a photo contest with a blind jury.
#[derive(Debug, Parser)]
#[command(name = "photojury", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    settings: Settings,
}

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
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Create an administrator; the password is read from standard input.
    CreateAdmin {
        /// The administrator's email (their login).
        #[arg(long, env = "PHOTOJURY_ADMIN_EMAIL")]
        email: String,
    },
    /// Run the upload pipeline on one file: writes DIR/large.jpg and DIR/thumb.jpg
    /// (what a juror would get), or exits non-zero with the upload form's message.
    Derive {
        /// The photo to check.
        file: PathBuf,
        /// Where to write large.jpg and thumb.jpg.
        #[arg(long)]
        out: PathBuf,
        /// Also print the time of each stage.
        #[arg(long)]
        timings: bool,
    },
    /// Copy the database (consistently, while the server runs) and every file
    /// it references into DIR, with a manifest; run again to copy only what
    /// is new. With PostgreSQL, copies the files (use pg_dump for the database).
    Backup {
        /// The backup folder (laid out like a data dir).
        #[arg(long)]
        to: PathBuf,
    },
    /// Rebuild a new data dir (`--data-dir`) from a backup folder, checking
    /// every file's SHA-256 and the database's integrity.
    Restore {
        /// The backup folder.
        #[arg(long)]
        from: PathBuf,
    },
    /// Fill a fresh data dir with a demo contest, print the logins, then serve.
    Demo {
        /// Only fill the data dir; do not start the server.
        #[arg(long)]
        no_serve: bool,
        /// How far the contest has got.
        #[arg(long, value_enum, default_value = "judging")]
        phase: demo::DemoPhase,
    },
    /// Check a contest's commitment and results and say OK or what does not
    /// match: against the data dir, or against the JSON published at the reveal.
    Verify {
        /// The contest's slug.
        #[arg(long)]
        contest: String,
        /// The `reveal.json` downloaded from the contest page (no database needed).
        #[arg(long)]
        file: Option<PathBuf>,
        /// The commitment the contest page showed during judging, to compare.
        #[arg(long)]
        commitment: Option<String>,
        /// The results hash the contest page showed at finalization, to compare.
        #[arg(long)]
        results_hash: Option<String>,
        /// With `--file`: your own line from your receipt (the JSON shown
        /// there), to check that your name was committed with your entry.
        #[arg(long)]
        line: Option<String>,
        /// Also make every photo's derivatives again from its original and
        /// compare the bytes (slow; same build and features as the server).
        #[arg(long)]
        rederive: bool,
    },
    /// The audit log: `photojury audit verify` checks its hash chain.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Check that no row was edited, inserted or deleted.
    Verify,
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
        config.smtp_url = self.smtp_url.clone();
        config.mail_from = self.mail_from.clone();
        config.image_limits = crate::images::ImageLimits {
            max_bytes: self.max_upload_mb.saturating_mul(1_000_000),
            max_side: self.max_image_side,
            max_pixels: self.max_megapixels.saturating_mul(1_000_000),
            max_decoder_bytes: self.decoder_memory_mb.saturating_mul(1024 * 1024),
        };
        config.decode_memory_total = self.decode_memory_total_mb.saturating_mul(1024 * 1024);
        config.upload_buffer_bytes = self.upload_buffer_mb.saturating_mul(1_000_000);
        config.email_confirmation = self.email_confirmation;
        config.registrations_per_address = self.registrations_per_address;
        config
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "photojury=info,tower_http=warn,sqlx=warn".into()),
        )
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("photojury: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let config = cli.settings.config();
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(config).await,
            Command::CreateAdmin { email } => create_admin(config, &email).await,
            Command::Derive { file, out, timings } => derive::run(&config, &file, &out, timings),
            Command::Backup { to } => backup::backup(&config, &to).await,
            Command::Restore { from } => backup::restore(&config, &from).await,
            Command::Verify {
                contest,
                file,
                commitment,
                results_hash,
                line,
                rederive,
            } => {
                let asked = checks::Asked {
                    file,
                    commitment,
                    results_hash,
                    line,
                    rederive,
                };
                checks::verify(&config, &contest, asked).await
            }
            Command::Audit {
                action: AuditAction::Verify,
            } => checks::audit_verify(&config).await,
            Command::Demo { no_serve, phase } => {
                let db = open(&config).await?;
                let logins = demo::populate(&db, &config, chrono::Utc::now(), phase).await?;
                println!("{logins}");
                if no_serve {
                    Ok(())
                } else {
                    serve(config).await
                }
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("photojury: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Creates the data dir (0700) and opens (and migrates) the database; a new
/// SQLite file is made 0600 first, and SQLite gives its journal files the
/// database file's mode.
pub async fn open(config: &Config) -> anyhow::Result<Db> {
    crate::images::store::create_private_dir(&config.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the data dir {}: {e}",
            config.data_dir.display()
        )
    })?;
    if let Some(path) = crate::db::sqlite_path(&config.database_url) {
        crate::db::create_private_file_if_missing(&path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
    }
    Db::connect(&config.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))
}

/// Runs the server until Ctrl-C.
pub async fn serve(mut config: Config) -> anyhow::Result<()> {
    let db = open(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    // With `--addr …:0` the system picks the port; say which one it picked.
    let bound = listener.local_addr()?;
    if config.public_url == format!("http://{}", config.addr) {
        config.public_url = format!("http://{bound}");
    }
    config.addr = bound;
    let now = chrono::Utc::now().timestamp();
    if let Some(link) = accounts::setup::issue_link_if_needed(&db, &config.public_url, now).await? {
        println!(
            "No administrator yet. Open this one-time link to create the first one:\n\n    {link}\n"
        );
    }
    let state = AppState::new(db.clone(), config, Arc::new(SystemClock))?;
    crate::startup::spawn_housekeeping(&state);
    println!(
        "photojury is serving {} (listening on {})",
        state.config.public_url, state.config.addr
    );
    let header_timeout = state.config.header_timeout;
    let app = crate::startup::build_app(state);
    crate::server::serve(listener, app, header_timeout, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

async fn create_admin(config: Config, email: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!(e))?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password =
        NewPassword::parse(line.trim_end_matches(['\r', '\n'])).map_err(|e| anyhow::anyhow!(e))?;
    let db = open(&config).await?;
    let now = chrono::Utc::now().timestamp();
    let admin = crate::accounts::create_user(&db, &email, password, true, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::audit::record(&db, now, None, "admin.create_cli", None, &admin.email).await?;
    println!("Administrator {} created.", admin.email);
    Ok(())
}
