//! The one error type of request handlers: what went wrong, its status and
//! the message a person is shown. The error page itself is drawn by the
//! toolbox (`web::errors`); the details of server errors are logged, never shown.

use axum::http::StatusCode;

use crate::i18n::Msg;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page, or not one this person may know exists.
    #[error("not found")]
    NotFound,
    /// Signed-in but not allowed; the message says why.
    #[error("forbidden: {0}")]
    Forbidden(Msg),
    /// A state-changing request without this session's CSRF token.
    #[error("missing or invalid CSRF token")]
    Csrf,
    /// Needs a signed-in person: sends them to the login page.
    #[error("sign-in required")]
    SignInRequired,
    /// Too many attempts; the seconds until the next one is allowed.
    #[error("too many requests (retry after {0} s)")]
    TooManyRequests(u64),
    /// The request is well-formed but not allowed now; the message says why.
    #[error("{0}")]
    Conflict(Msg),
    /// A one-time link that was used or has expired; the message says what to do.
    #[error("gone: {0}")]
    Gone(Msg),
    /// The request is malformed; the message says how.
    #[error("{0}")]
    BadRequest(Msg),
    /// A resource the request needs is down (database unreachable, disk full
    /// or not writable): 503, nothing was changed, the message says what to do.
    #[error("unavailable: {0}")]
    Unavailable(Msg),
    /// Anything else: logged in full, shown as a generic message.
    #[error(transparent)]
    Internal(anyhow::Error),
}

/// What a person is told while the database cannot be reached.
pub const DATABASE_DOWN: Msg = Msg::new("error-database-down");

/// What a person is told when a photo cannot be written to disk.
pub const STORAGE_DOWN: Msg = Msg::new("error-storage-down");

/// What a person is told when the server is already receiving as many
/// upload bytes as it allows at once.
pub const UPLOADS_BUSY: Msg = Msg::new("error-uploads-busy");

/// An I/O error while storing or reading an upload: 503 with [`STORAGE_DOWN`]
/// when the disk is full or not writable or the bucket cannot be reached,
/// a logged 500 otherwise.
pub fn storage_error(err: std::io::Error, doing: &'static str) -> AppError {
    if storage_unwritable(&err) {
        tracing::error!(error = %err, doing, "cannot store an uploaded photo");
        return AppError::Unavailable(STORAGE_DOWN);
    }
    AppError::Internal(anyhow::Error::from(err).context(doing))
}

/// Starts the message of a session store error that means "database
/// unreachable", so that it answers 503 instead of 500 (the store's error
/// type only carries text; `web::session_store` writes it).
pub const STORE_UNREACHABLE: &str = "database unreachable: ";

/// Whether `err` means the database is unreachable (down, restarting, or the
/// pool could not get a connection in time), rather than a bug or bad data.
pub fn database_unreachable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // PostgreSQL: connection exceptions (08…), and shutting down or
        // starting up (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0")),
        _ => false,
    }
}

/// Whether `err` means the disk cannot take a file (full, read-only, no permission).
pub fn storage_unwritable(err: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        err.kind(),
        ErrorKind::StorageFull
            | ErrorKind::QuotaExceeded
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::PermissionDenied
            | ErrorKind::NotADirectory
            | ErrorKind::FileTooLarge
            // A bucket that cannot be reached or refuses us (images::bucket).
            | ErrorKind::NotConnected
    )
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        if database_unreachable(&err) {
            tracing::warn!(error = %err, "the database is unreachable");
            return AppError::Unavailable(DATABASE_DOWN);
        }
        AppError::Internal(err.into())
    }
}

impl From<redis::RedisError> for AppError {
    /// Redis holds the attempt limits with `--redis-url`: without it no
    /// attempt can be counted, so the request is refused for now (503),
    /// never let through uncounted.
    fn from(err: redis::RedisError) -> Self {
        tracing::warn!(error = %err, "Redis (the attempt limits) is unreachable");
        AppError::Unavailable(DATABASE_DOWN)
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        use tower_sessions::session::Error as SessionError;
        use tower_sessions::session_store::Error as StoreError;
        if let SessionError::Store(StoreError::Backend(msg)) = &err
            && msg.starts_with(STORE_UNREACHABLE)
        {
            tracing::warn!(error = %msg, "the session store is unreachable");
            return AppError::Unavailable(DATABASE_DOWN);
        }
        AppError::Internal(err.into())
    }
}

impl From<anyhow::Error> for AppError {
    /// Errors passed up with context keep their meaning: an unreachable
    /// database anywhere in the chain is still a 503.
    fn from(err: anyhow::Error) -> Self {
        let unreachable = err
            .chain()
            .filter_map(|e| e.downcast_ref::<sqlx::Error>())
            .any(database_unreachable);
        if unreachable {
            tracing::warn!(error = %format!("{err:#}"), "the database is unreachable");
            return AppError::Unavailable(DATABASE_DOWN);
        }
        AppError::Internal(err)
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        AppError::Internal(err.into())
    }
}

impl AppError {
    /// The seconds a client should wait before trying again, for the
    /// `Retry-After` header of a 429 or 503.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests(seconds) => Some((*seconds).max(1)),
            AppError::Unavailable(_) => Some(30),
            _ => None,
        }
    }

    /// The status and the message shown to the person.
    pub fn status_and_message(&self) -> (StatusCode, Msg) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, Msg::new("error-not-found")),
            AppError::Forbidden(why) => (StatusCode::FORBIDDEN, why.clone()),
            AppError::Csrf => (StatusCode::FORBIDDEN, Msg::new("error-csrf")),
            AppError::SignInRequired => (StatusCode::UNAUTHORIZED, Msg::new("error-sign-in")),
            AppError::TooManyRequests(_) => {
                (StatusCode::TOO_MANY_REQUESTS, Msg::new("error-too-many"))
            }
            AppError::Conflict(msg) => (StatusCode::CONFLICT, msg.clone()),
            AppError::Gone(msg) => (StatusCode::GONE, msg.clone()),
            AppError::BadRequest(msg) => (StatusCode::BAD_REQUEST, msg.clone()),
            AppError::Unavailable(msg) => (StatusCode::SERVICE_UNAVAILABLE, msg.clone()),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                Msg::new("error-internal"),
            ),
        }
    }
}

/// What the error page says for an error made below the handlers (a form
/// that does not parse, a wrong method, a timeout), by status.
pub fn message_for_status(status: StatusCode) -> Msg {
    Msg::new(match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::REQUEST_TIMEOUT => "error-timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => "error-form",
        status if status.is_server_error() => "error-internal",
        _ => "error-bad-request",
    })
}
