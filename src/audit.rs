//! The audit log: one row per admin action (who, what, when). Rows are only
//! ever inserted; the database itself refuses updates and deletes (triggers).

use sqlx::{Any, Executor};

use crate::Db;
use crate::accounts::queries::User;

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

/// Appends a row, inside whatever transaction `exec` belongs to.
pub async fn record_with<'e, E>(
    exec: E,
    at: i64,
    actor: Option<&User>,
    action: &str,
    contest_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, contest_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(actor.map(|u| u.id))
    .bind(actor.map_or("system", |u| u.email.as_str()))
    .bind(action)
    .bind(contest_id)
    .bind(detail)
    .execute(exec)
    .await?;
    Ok(())
}

/// Appends a row on its own.
pub async fn record(
    db: &Db,
    at: i64,
    actor: Option<&User>,
    action: &str,
    contest_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    record_with(&db.pool, at, actor, action, contest_id, detail).await
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
