//! Finalist verification, as World Press Photo and national salons do it:
//! once the results are finalized, the admin asks the authors of chosen
//! entries for each photo's camera original (RAW or out-of-camera JPEG) by
//! a deadline. They are emailed and find the task on their account page; the
//! file is stored privately, never derived and never shown to a juror; the
//! admin compares what its EXIF says with the entry and accepts it or
//! disqualifies the entry with a reason. Every step is audit-logged.
//!
//! The admin's pages name entries by number only: names stay hidden until
//! the reveal, as on the results page.

pub mod admin;
pub mod finalist;

use axum::Router;
use axum::routing::{get, post};

use crate::db::Db;
use crate::i18n::Lang;
use crate::state::AppState;

/// The routes of finalist verification.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/contests/{id}/verification",
            get(admin::show).post(admin::request),
        )
        .route(
            "/admin/contests/{id}/verification/{vid}/decision",
            post(admin::decide),
        )
        .route(
            "/admin/contests/{id}/verification/{vid}/file",
            get(admin::download),
        )
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Asked; nothing received yet.
    Requested,
    /// A file came; the admin has not decided.
    Received,
    /// The admin accepted the file.
    Accepted,
    /// The admin disqualified the entry.
    Disqualified,
}

impl Status {
    fn parse(raw: &str) -> Self {
        match raw {
            "received" => Self::Received,
            "accepted" => Self::Accepted,
            "disqualified" => Self::Disqualified,
            _ => Self::Requested,
        }
    }

    /// The catalogue key of what people read.
    pub fn key(self) -> &'static str {
        match self {
            Self::Requested => "verification-requested",
            Self::Received => "verification-received",
            Self::Accepted => "verification-accepted",
            Self::Disqualified => "verification-disqualified",
        }
    }

    /// Whether the admin has decided.
    pub fn decided(self) -> bool {
        matches!(self, Self::Accepted | Self::Disqualified)
    }
}

/// One photo's request, with what was received and what the entry says.
#[derive(Debug, Clone)]
pub struct Request {
    /// Row id.
    pub id: i64,
    /// The photo asked for.
    pub photo_id: i64,
    /// The entry's number.
    pub entry_number: i64,
    /// The answer is due by (UTC seconds).
    pub due_at: i64,
    /// Where it stands.
    pub status: Status,
    /// The admin's reason, when decided.
    pub reason: String,
    /// The received file: (SHA-256, bytes, kind).
    pub file: Option<(String, i64, String)>,
    /// Its size per EXIF.
    pub file_size: Option<(i64, i64)>,
    /// Its capture time per EXIF.
    pub file_taken: Option<String>,
    /// Its camera per EXIF.
    pub file_camera: Option<String>,
    /// The entry's photo: its size, capture time and camera.
    pub entry_size: (i64, i64),
    /// See [`Request::entry_size`].
    pub entry_taken: Option<String>,
    /// See [`Request::entry_size`].
    pub entry_camera: Option<String>,
    /// The photo's title (shown to its author, not to the admin's list).
    pub title: String,
    /// Its contest's id, title and time zone name.
    pub contest: (i64, String, String),
    /// The account that owns the photo (never shown to the admin).
    pub owner_id: i64,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    photo_id: i64,
    entry_number: i64,
    due_at: i64,
    status: String,
    reason: String,
    file_sha256: Option<String>,
    file_bytes: Option<i64>,
    file_kind: Option<String>,
    file_width: Option<i64>,
    file_height: Option<i64>,
    file_taken: Option<String>,
    file_camera: Option<String>,
    width: i64,
    height: i64,
    taken: Option<String>,
    camera: Option<String>,
    title: String,
    contest_id: i64,
    contest_title: String,
    contest_timezone: String,
    owner_id: i64,
}

impl From<RequestRow> for Request {
    fn from(r: RequestRow) -> Self {
        Self {
            id: r.id,
            photo_id: r.photo_id,
            entry_number: r.entry_number,
            due_at: r.due_at,
            status: Status::parse(&r.status),
            reason: r.reason,
            file: match (r.file_sha256, r.file_bytes, r.file_kind) {
                (Some(sha), Some(bytes), Some(kind)) => Some((sha, bytes, kind)),
                _ => None,
            },
            file_size: r.file_width.zip(r.file_height),
            file_taken: r.file_taken,
            file_camera: r.file_camera,
            entry_size: (r.width, r.height),
            entry_taken: r.taken,
            entry_camera: r.camera,
            title: r.title,
            contest: (r.contest_id, r.contest_title, r.contest_timezone),
            owner_id: r.owner_id,
        }
    }
}

const SELECT: &str = "SELECT v.id, v.photo_id, v.entry_number, v.due_at, v.status, v.reason, \
     v.file_sha256, v.file_bytes, v.file_kind, v.file_width, v.file_height, v.file_taken, v.file_camera, \
     ph.width, ph.height, ph.taken, ph.camera, ph.title, v.contest_id, \
     c.title AS contest_title, c.timezone AS contest_timezone, p.user_id AS owner_id \
     FROM verifications v JOIN photos ph ON ph.id = v.photo_id \
     JOIN portfolios p ON p.id = ph.portfolio_id JOIN contests c ON c.id = v.contest_id";

async fn fetch(db: &Db, tail: &str, key: i64) -> Result<Vec<Request>, sqlx::Error> {
    let sql = format!("{SELECT} {tail}");
    Ok(sqlx::query_as::<_, RequestRow>(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(Request::from)
        .collect())
}

/// Every request of a contest, by entry number.
pub async fn of_contest(db: &Db, contest_id: i64) -> Result<Vec<Request>, sqlx::Error> {
    fetch(
        db,
        "WHERE v.contest_id = $1 ORDER BY v.entry_number, ph.position",
        contest_id,
    )
    .await
}

/// One request by id, with its contest and the account that owns the photo.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<(Request, i64, i64)>, sqlx::Error> {
    Ok(fetch(db, "WHERE v.id = $1", id)
        .await?
        .pop()
        .map(|request| {
            let (contest_id, owner) = (request.contest.0, request.owner_id);
            (request, contest_id, owner)
        }))
}

/// An open request as its author sees it on the account page.
pub struct Task {
    /// The request.
    pub request: Request,
    /// The contest's title.
    pub contest: String,
    /// The deadline, in the contest's time zone.
    pub due: String,
}

/// A person's open requests.
pub async fn tasks_of(
    db: &Db,
    user_id: i64,
    lang: crate::i18n::Lang,
) -> Result<Vec<Task>, sqlx::Error> {
    let requests = fetch(
        db,
        "WHERE p.user_id = $1 AND v.status IN ('requested', 'received') \
         ORDER BY v.due_at, v.entry_number, ph.position",
        user_id,
    )
    .await?;
    Ok(requests
        .into_iter()
        .map(|request| {
            let tz = crate::contests::model::parse_time_zone(&request.contest.2)
                .unwrap_or(chrono_tz::UTC);
            Task {
                due: crate::contests::times::describe_time(request.due_at, tz, lang),
                contest: request.contest.1.clone(),
                request,
            }
        })
        .collect())
}

/// The photos of an entry (one, or a whole portfolio's), by its number.
pub async fn photos_of_entry(
    db: &Db,
    contest_id: i64,
    number: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT ph.id FROM entries e JOIN photos ph ON ph.portfolio_id = e.portfolio_id \
         AND (e.photo_id IS NULL OR e.photo_id = ph.id) \
         WHERE e.contest_id = $1 AND e.number = $2 ORDER BY ph.position",
    )
    .bind(contest_id)
    .bind(number)
    .fetch_all(&db.pool)
    .await
}

/// Asks for each `(entry number, photo)` not asked for yet, in one
/// transaction; returns the addresses of their authors (each once) with
/// the language they chose, to email.
pub async fn insert_requests(
    db: &Db,
    contest_id: i64,
    photos: &[(i64, i64)],
    due_at: i64,
    now: i64,
) -> Result<Vec<(String, Lang)>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let mut emails: Vec<(String, Lang)> = Vec::new();
    for (number, photo_id) in photos {
        let done = sqlx::query(
            "INSERT INTO verifications (contest_id, photo_id, entry_number, requested_at, due_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(contest_id)
        .bind(photo_id)
        .bind(number)
        .bind(now)
        .bind(due_at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            continue;
        }
        let (email, lang): (String, Option<String>) = sqlx::query_as(
            "SELECT u.email, u.lang FROM photos ph JOIN portfolios p ON p.id = ph.portfolio_id \
             JOIN users u ON u.id = p.user_id WHERE ph.id = $1",
        )
        .bind(photo_id)
        .fetch_one(&mut *tx)
        .await?;
        if !emails.iter().any(|(e, _)| *e == email) {
            let lang = lang.as_deref().and_then(Lang::from_tag).unwrap_or_default();
            emails.push((email, lang));
        }
    }
    tx.commit().await?;
    Ok(emails)
}

/// Records a received file and what it says; returns the hash of the file
/// it replaces, if any.
pub async fn receive(
    db: &Db,
    id: i64,
    (sha256, bytes): (&str, i64),
    facts: &crate::images::camera_file::CameraFileFacts,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let old: Option<String> =
        sqlx::query_scalar("SELECT file_sha256 FROM verifications WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE verifications SET status = 'received', file_sha256 = $1, file_bytes = $2, \
         file_kind = $3, file_width = $4, file_height = $5, file_taken = $6, file_camera = $7, \
         received_at = $8 WHERE id = $9 AND status IN ('requested', 'received')",
    )
    .bind(sha256)
    .bind(bytes)
    .bind(&facts.kind)
    .bind(facts.size.map(|s| i64::from(s.0)))
    .bind(facts.size.map(|s| i64::from(s.1)))
    .bind(facts.capture.taken.map(|t| t.to_string()))
    .bind(facts.capture.camera.clone())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(old)
}

/// The admin's decision; disqualifying marks the whole entry's portfolio
/// disqualified (it can no longer get an award), with the reason.
pub async fn decide(
    db: &Db,
    id: i64,
    accept: bool,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let status = if accept { "accepted" } else { "disqualified" };
    sqlx::query("UPDATE verifications SET status = $1, reason = $2, decided_at = $3 WHERE id = $4")
        .bind(status)
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if !accept {
        sqlx::query(
            "UPDATE portfolios SET status = 'disqualified', status_reason = $1 \
             WHERE id = (SELECT ph.portfolio_id FROM verifications v \
             JOIN photos ph ON ph.id = v.photo_id WHERE v.id = $2)",
        )
        .bind(format!("Finalist verification: {reason}"))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Lets go of the camera originals received for these photos (their author
/// withdrew, or retention deleted the photos' files): the requests stay,
/// without their file. Returns the hashes to release.
pub async fn forget_files(
    conn: &mut sqlx::AnyConnection,
    photo_ids: &[i64],
) -> Result<Vec<String>, sqlx::Error> {
    let mut hashes = Vec::new();
    for chunk in photo_ids.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        // Only numbered placeholders are formatted into the text.
        let select = format!(
            "SELECT file_sha256 FROM verifications WHERE file_sha256 IS NOT NULL AND photo_id IN ({list})"
        );
        let update =
            format!("UPDATE verifications SET file_sha256 = NULL WHERE photo_id IN ({list})");
        let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(select));
        let mut clear = sqlx::query(sqlx::AssertSqlSafe(update));
        for id in chunk {
            query = query.bind(id);
            clear = clear.bind(id);
        }
        hashes.extend(query.fetch_all(&mut *conn).await?);
        clear.execute(&mut *conn).await?;
    }
    Ok(hashes)
}
