//! The audit log: one row per admin action (who, what, when). Rows are only
//! ever inserted; the database itself refuses updates and deletes (triggers),
//! and each row carries a hash chained to the one before (see `chain`).

use sqlx::AnyConnection;

use crate::db::Db;
use crate::images::store::sha256_hex;
use crate::web::user::User;

pub mod chain;

/// One logged action, as shown on the audit page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    /// Row id, in order of writing.
    pub id: i64,
    /// UTC unix seconds.
    pub at: i64,
    /// Who did it (their email at the time, or "system").
    pub actor: String,
    /// A dotted name such as `contest.phase`.
    pub action: String,
    /// The contest concerned, if any.
    pub contest_id: Option<i64>,
    /// Human-readable details.
    pub detail: String,
}

/// The hash of one row: SHA-256 of the previous row's hash and this row's
/// fields, JSON-encoded so no choice of text can make two rows hash alike.
pub fn row_hash(
    prev: &str,
    at: i64,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    contest_id: Option<i64>,
    detail: &str,
) -> String {
    let fields = serde_json::json!([prev, at, actor_id, actor, action, contest_id, detail]);
    sha256_hex(fields.to_string().as_bytes())
}

/// Appends a row, inside the transaction `conn` belongs to. The head row is
/// updated first: its lock orders concurrent writers, so each one chains onto
/// the row committed before it.
pub async fn record_with(
    conn: &mut AnyConnection,
    at: i64,
    actor: Option<&User>,
    action: &str,
    contest_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let prev: String = sqlx::query_scalar(
        "UPDATE audit_head SET rows_chained = rows_chained + 1 WHERE id = 1 RETURNING hash",
    )
    .fetch_one(&mut *conn)
    .await?;
    let actor_id = actor.map(|u| u.id);
    let actor_name = actor.map_or("system", |u| u.email.as_str());
    let hash = row_hash(&prev, at, actor_id, actor_name, action, contest_id, detail);
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, contest_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(at)
    .bind(actor_id)
    .bind(actor_name)
    .bind(action)
    .bind(contest_id)
    .bind(detail)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Appends a row in a transaction of its own.
pub async fn record(
    db: &Db,
    at: i64,
    actor: Option<&User>,
    action: &str,
    contest_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    record_with(&mut tx, at, actor, action, contest_id, detail).await?;
    tx.commit().await
}

/// The newest rows first, optionally for one contest.
pub async fn recent(
    db: &Db,
    contest_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, at, actor, action, contest_id, detail FROM audit_log \
         WHERE ($1 IS NULL OR contest_id = $1) ORDER BY id DESC LIMIT $2",
    )
    .bind(contest_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
