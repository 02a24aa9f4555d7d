//! "Download my data": everything the system holds about the signed-in
//! person, as a ZIP of `photojury-data.json` and their originals still
//! stored. It reads several modules' tables (accounts, portfolios and
//! photos, the jury's assignments and scores, the audit log), so it stands
//! in the workflow layer. Asked with the password again; audit-logged.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::handlers::current_password_is;
use crate::db::Db;
use crate::web::download::{ZipPart, ZipSource, attachment, zip_body};
use crate::web::{Ctx, User};
use crate::{audit, error::AppError, state::AppState};

/// The format tag of the JSON file.
pub const FORMAT: &str = "photojury-personal-data-v1";

/// A portfolio as its owner entered it.
#[derive(sqlx::FromRow)]
struct PortfolioRow {
    id: i64,
    contest: String,
    contest_title: String,
    category: String,
    full_name: String,
    country: String,
    university: String,
    consent_rules: i64,
    consent_name: i64,
    story: String,
    status: String,
    created_at: i64,
    updated_at: i64,
    withdrawn_at: Option<i64>,
}

/// A photo of one portfolio, as the export lists it.
#[derive(sqlx::FromRow, Serialize)]
struct PhotoRow {
    position: i64,
    title: String,
    caption: String,
    original_sha256: String,
    original_bytes: i64,
    width: i64,
    height: i64,
    #[serde(rename = "uploaded_at")]
    created_at: i64,
    original_deleted_at: Option<i64>,
}

/// A photo with where its original is in the ZIP.
#[derive(Serialize)]
struct PhotoOut {
    #[serde(flatten)]
    row: PhotoRow,
    /// The original's path in the ZIP, or why it is not there.
    original: String,
}

/// A jury membership.
#[derive(sqlx::FromRow)]
struct MembershipRow {
    id: i64,
    contest: String,
    invited_at: i64,
    accepted_at: Option<i64>,
    removed_at: Option<i64>,
}

/// One assignment of a juror, as they left it.
#[derive(sqlx::FromRow, Serialize)]
struct JudgedRow {
    entry: i64,
    comment: String,
    scored_at: Option<i64>,
    recused_at: Option<i64>,
    recusal_reason: String,
}

/// One vote of a juror in a shortlisting round.
#[derive(sqlx::FromRow, Serialize)]
struct VoteRow {
    round: i64,
    entry: i64,
    kind: String,
    vote: Option<i64>,
    cast_at: Option<i64>,
}

/// Builds the JSON document and the list of originals to add.
pub async fn gather(
    db: &Db,
    files: &crate::images::Objects,
    user: &User,
    now: i64,
) -> Result<(serde_json::Value, Vec<ZipPart>), sqlx::Error> {
    let created_at: i64 = sqlx::query_scalar("SELECT created_at FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&db.pool)
        .await?;
    let portfolios: Vec<PortfolioRow> = sqlx::query_as(
        "SELECT p.id, c.slug AS contest, c.title AS contest_title, cat.name AS category, \
         p.full_name, p.country, p.university, \
         p.consent_rules, p.consent_name, p.story, p.status, p.created_at, p.updated_at, \
         p.withdrawn_at FROM portfolios p JOIN contests c ON c.id = p.contest_id \
         JOIN categories cat ON cat.id = p.category_id WHERE p.user_id = $1 ORDER BY p.id",
    )
    .bind(user.id)
    .fetch_all(&db.pool)
    .await?;
    let mut parts = Vec::new();
    let mut portfolios_out = Vec::new();
    for p in portfolios {
        let photos: Vec<PhotoRow> = sqlx::query_as(
            "SELECT position, title, caption, original_sha256, original_bytes, width, height, \
             created_at, original_deleted_at FROM photos WHERE portfolio_id = $1 \
             ORDER BY position, id",
        )
        .bind(p.id)
        .fetch_all(&db.pool)
        .await?;
        let numbers: Vec<i64> = sqlx::query_scalar(
            "SELECT number FROM entries WHERE portfolio_id = $1 ORDER BY number",
        )
        .bind(p.id)
        .fetch_all(&db.pool)
        .await?;
        let mut photos_out = Vec::new();
        for (i, ph) in photos.into_iter().enumerate() {
            let opener = files.opener(&ph.original_sha256);
            let original = match (ph.original_deleted_at, opener) {
                (None, Ok(open)) => {
                    let ext = files.extension(&ph.original_sha256).await;
                    let name = format!("photos/{}/{}.{ext}", p.contest, i + 1);
                    parts.push(ZipPart {
                        name: name.clone(),
                        source: ZipSource::Stream(open),
                    });
                    name
                }
                _ => "deleted (retention or withdrawal)".to_owned(),
            };
            photos_out.push(PhotoOut { row: ph, original });
        }
        portfolios_out.push(json!({
            "contest": p.contest, "contest_title": p.contest_title, "category": p.category,
            "full_name": p.full_name, "country": p.country, "university": p.university,
            "consent_rules": p.consent_rules == 1, "consent_name": p.consent_name == 1,
            "story": p.story, "status": p.status, "created_at": p.created_at,
            "updated_at": p.updated_at, "withdrawn_at": p.withdrawn_at,
            "entry_numbers": numbers, "photos": photos_out,
        }));
    }
    let document = json!({
        "format": FORMAT,
        "exported_at": now,
        "account": {
            "id": user.id, "email": user.email, "created_at": created_at,
            "language": user.lang.map(crate::i18n::Lang::code),
            "email_confirmed": user.email_confirmed, "administrator": user.is_admin,
        },
        "portfolios": portfolios_out,
        "jury": jury_of(db, user.id).await?,
        "audit_log": audit_of(db, user.id).await?,
        "times": "UTC unix seconds",
    });
    Ok((document, parts))
}

/// Their jury memberships, with each entry they judged: its number, their
/// scores and their comment (what they wrote is theirs), and their votes in
/// shortlisting rounds.
async fn jury_of(db: &Db, user_id: i64) -> Result<Vec<serde_json::Value>, sqlx::Error> {
    let memberships: Vec<MembershipRow> = sqlx::query_as(
        "SELECT j.id, c.slug AS contest, j.invited_at, j.accepted_at, j.removed_at FROM jurors j \
         JOIN contests c ON c.id = j.contest_id WHERE j.user_id = $1 ORDER BY j.id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for m in memberships {
        let judged: Vec<JudgedRow> = sqlx::query_as(
            "SELECT e.number AS entry, a.comment, a.scored_at, a.recused_at, a.recusal_reason \
             FROM assignments a JOIN entries e ON e.id = a.entry_id WHERE a.juror_id = $1 \
             ORDER BY e.number",
        )
        .bind(m.id)
        .fetch_all(&db.pool)
        .await?;
        let scores: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT e.number, cr.name, s.value FROM scores s JOIN entries e ON e.id = s.entry_id \
             JOIN criteria cr ON cr.id = s.criterion_id WHERE s.juror_id = $1 \
             ORDER BY e.number, cr.position",
        )
        .bind(m.id)
        .fetch_all(&db.pool)
        .await?;
        let mut by_entry: HashMap<i64, Vec<serde_json::Value>> = HashMap::new();
        for (entry, criterion, value) in scores {
            by_entry
                .entry(entry)
                .or_default()
                .push(json!({"criterion": criterion, "value": value}));
        }
        let entries: Vec<_> = judged
            .into_iter()
            .map(|row| {
                let mine = by_entry.remove(&row.entry).unwrap_or_default();
                json!({"assignment": row, "scores": mine})
            })
            .collect();
        // Their votes in shortlisting rounds: a vote is theirs as a score is.
        let votes: Vec<VoteRow> = sqlx::query_as(
            "SELECT r.position AS round, e.number AS entry, r.kind, b.vote, b.cast_at \
             FROM ballots b JOIN rounds r ON r.id = b.round_id JOIN entries e ON e.id = b.entry_id \
             WHERE b.juror_id = $1 ORDER BY r.position, e.number",
        )
        .bind(m.id)
        .fetch_all(&db.pool)
        .await?;
        out.push(json!({
            "contest": m.contest, "invited_at": m.invited_at,
            "accepted_at": m.accepted_at, "removed_at": m.removed_at, "entries": entries,
            "round_votes": votes,
        }));
    }
    Ok(out)
}

/// The audit rows of actions they took.
async fn audit_of(db: &Db, user_id: i64) -> Result<Vec<serde_json::Value>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT at, action, detail FROM audit_log WHERE actor_id = $1 ORDER BY id")
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(at, action, detail)| json!({"at": at, "action": action, "detail": detail}))
        .collect())
}

/// The export form: the password again.
#[derive(Deserialize)]
pub struct ExportForm {
    #[serde(default)]
    password: String,
}

/// `POST /account/export`: the ZIP, or the account page with the refusal.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ExportForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    if !current_password_is(&state, &user, &form.password).await? {
        let message = super::erasure::ErasureRefusal::WrongPassword.msg();
        return super::account_page::refused(&state, &ctx, message).await;
    }
    let now = state.now().timestamp();
    let (document, photos) = gather(&state.db, &state.files, &user, now).await?;
    let json = serde_json::to_vec_pretty(&document).map_err(|e| AppError::Internal(e.into()))?;
    let mut parts = vec![ZipPart {
        name: "photojury-data.json".into(),
        source: ZipSource::Bytes(json),
    }];
    parts.extend(photos);
    let detail = format!(
        "account {} downloaded its data ({} originals)",
        user.id,
        parts.len() - 1
    );
    audit::record(&state.db, now, Some(&user), "account.export", None, &detail).await?;
    Ok(attachment(
        "application/zip",
        "photojury-my-data.zip".into(),
        zip_body(parts),
    ))
}
