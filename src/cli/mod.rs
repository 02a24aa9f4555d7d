//! The command line: `serve` (the default), `create-admin`, `derive`, `demo`,
//! `verify`, `audit verify`, `backup`, `restore` and `retention`.
//! Every flag can also come from a `PHOTOJURY_*` environment variable.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

mod backup;
mod checks;
mod derive;
mod settings;
mod storage;

pub use settings::Settings;

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
    /// Delete now the files of entries that won nothing in contests whose
    /// retention has run out (the server does it every hour).
    Retention,
    /// Fill a fresh data dir with a demo contest, print the logins, then serve.
    Demo {
        /// Only fill the data dir; do not start the server.
        #[arg(long)]
        no_serve: bool,
        /// How far the contest has got.
        #[arg(long, value_enum, default_value = "judging")]
        phase: demo::DemoPhase,
        /// Fill the contest with this many photo entries (their pictures
        /// shared among up to 24 scenes), for benchmarks and for trying a large
        /// contest; without it, two dozen participants with photos of their own.
        #[arg(long)]
        entries: Option<usize>,
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
    /// The photo store: `storage gc` removes files no row references,
    /// `storage copy --to URL` moves every referenced file to a bucket or a folder.
    Storage {
        #[command(subcommand)]
        action: StorageAction,
    },
    /// The audit log: `photojury audit verify` checks its hash chain.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
}

#[derive(Debug, Subcommand)]
enum StorageAction {
    /// List and remove stored files that no row references and that are
    /// older than an hour (what a crash between an upload's files and its
    /// row leaves behind).
    Gc {
        /// Only list them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Copy every referenced file from this store (the data dir, or
    /// `--storage-url`) to `--to`, checking each SHA-256; run it again to
    /// finish an interrupted copy.
    Copy {
        /// `s3://bucket[/prefix]?endpoint=…&region=…`, or a data dir folder.
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Check that no row was edited, inserted or deleted.
    Verify,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    settings::init_log(cli.settings.log_format);
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
            Command::Retention => retention(&config).await,
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
            Command::Storage {
                action: StorageAction::Gc { dry_run },
            } => storage::gc(&config, dry_run).await,
            Command::Storage {
                action: StorageAction::Copy { to },
            } => storage::copy_to(&config, &to).await,
            Command::Audit {
                action: AuditAction::Verify,
            } => checks::audit_verify(&config).await,
            Command::Demo {
                no_serve,
                phase,
                entries,
            } => {
                let db = open(&config).await?;
                let started = std::time::Instant::now();
                let now = chrono::Utc::now();
                let logins = demo::populate_sized(&db, &config, now, phase, entries).await?;
                if entries.is_some() {
                    println!("Filled in {:.1} s.", started.elapsed().as_secs_f64());
                }
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

/// Runs the server until Ctrl-C or SIGTERM.
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
    let state = AppState::new(db.clone(), config, Arc::new(SystemClock))?
        .with_redis()
        .await?;
    state
        .files
        .check()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach {}: {e}", state.files.label()))?;
    crate::startup::spawn_housekeeping(&state);
    println!(
        "photojury is serving {} (listening on {})",
        state.config.public_url, state.config.addr
    );
    let header_timeout = state.config.header_timeout;
    let app = crate::startup::build_app(state);
    crate::server::serve(listener, app, header_timeout, stop_asked()).await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (systemd's stop, a container's end): the
/// server then stops taking connections and finishes the requests in flight.
async fn stop_asked() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

async fn retention(config: &Config) -> anyhow::Result<()> {
    let db = open(config).await?;
    let files = crate::images::Objects::open(&config.data_dir, config.storage_url.as_deref())?;
    let now = chrono::Utc::now().timestamp();
    let swept = crate::workflow::retention::sweep(&db, &files, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Retention: {} contests, files of {} photos deleted ({} stored files removed).",
        swept.contests, swept.photos, swept.files
    );
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
