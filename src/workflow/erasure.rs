//! Deleting an account at its owner's request. A portfolio in a contest
//! whose judging has not opened goes entirely (rows and files). One in a
//! contest that is judging or later is *withdrawn*: the name, country and
//! university become "withdrawn", the name is no longer credited, the
//! originals (which carry camera metadata) are deleted; the entry number,
//! its derivatives, its scores and the commitment stay, so the results and
//! `photojury verify` still hold (verify notes the withdrawal). The account
//! row stays, emptied (email, password), for the rows that point at it.

use sqlx::AnyConnection;

use crate::contests::model::Phase;
use crate::submissions::photos::release_files;
use crate::{audit, error::AppError, state::AppState};

/// The identity a withdrawn participant's rows hold instead of theirs.
pub const WITHDRAWN: &str = "withdrawn";

/// What deleting one account did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Erased {
    /// Portfolios removed entirely (their contest had not started judging).
    pub removed: usize,
    /// Portfolios withdrawn (judging had opened): identity replaced.
    pub withdrawn: usize,
    /// Stored files removed.
    pub files: usize,
}

/// Why an account cannot delete itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasureRefusal {
    /// The password given again is not the account's.
    WrongPassword,
    /// The box saying they understand was not ticked.
    NotConfirmed,
    /// Administrators are removed by another administrator.
    Administrator,
}

crate::i18n::localized_error!(ErasureRefusal);

impl ErasureRefusal {
    /// What the person is told.
    pub fn msg(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Self::WrongPassword => "account-password-wrong",
            Self::NotConfirmed => "account-delete-tick",
            Self::Administrator => "account-delete-admin",
        })
    }
}

/// Deletes or withdraws everything of `user_id`; each portfolio in its own
/// transaction that first writes to its contest's row, so judging cannot
/// open between reading the phase and acting on it. Files go last.
pub async fn erase(state: &AppState, user_id: i64, now: i64) -> Result<Erased, AppError> {
    let portfolios: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, contest_id FROM portfolios WHERE user_id = $1 ORDER BY id")
            .bind(user_id)
            .fetch_all(&state.db.pool)
            .await?;
    let mut erased = Erased::default();
    let mut hashes = Vec::new();
    for (portfolio_id, contest_id) in portfolios {
        let mut tx = state.db.pool.begin().await?;
        let phase: String =
            sqlx::query_scalar("UPDATE contests SET phase = phase WHERE id = $1 RETURNING phase")
                .bind(contest_id)
                .fetch_one(&mut *tx)
                .await?;
        let judged = phase
            .parse::<Phase>()
            .map_or(true, Phase::is_judging_or_later);
        if judged {
            hashes.extend(withdraw(&mut tx, portfolio_id, now).await?);
            erased.withdrawn += 1;
        } else {
            hashes.extend(remove(&mut tx, portfolio_id).await?);
            erased.removed += 1;
        }
        tx.commit().await?;
    }
    let mut tx = state.db.pool.begin().await?;
    empty_account(&mut tx, user_id, now).await?;
    let detail = format!(
        "account {user_id} deleted at its owner's request: {} portfolios removed before judging, {} withdrawn after judging opened",
        erased.removed, erased.withdrawn
    );
    // Written by "system" with the account's number: the log is append-only,
    // and the address it would otherwise name is what was asked to go.
    audit::record_with(&mut tx, now, None, "account.delete", None, &detail).await?;
    tx.commit().await?;
    erased.files = release_files(&state.db, &state.files, hashes).await?;
    Ok(erased)
}

/// A portfolio before judging: its photos (cascade) and itself; returns
/// the hashes its photos named.
async fn remove(conn: &mut AnyConnection, portfolio_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let hashes = photo_hashes(conn, portfolio_id, true).await?;
    sqlx::query("DELETE FROM photos WHERE portfolio_id = $1")
        .bind(portfolio_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM portfolios WHERE id = $1")
        .bind(portfolio_id)
        .execute(&mut *conn)
        .await?;
    Ok(hashes)
}

/// A portfolio after judging opened: identity replaced, name no longer
/// credited, amendments emptied of the names they held, originals deleted.
/// Returns the originals' hashes.
async fn withdraw(
    conn: &mut AnyConnection,
    portfolio_id: i64,
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(
        "UPDATE portfolios SET full_name = $1, country = $1, university = '', consent_name = 0, \
         withdrawn_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(WITHDRAWN)
    .bind(now)
    .bind(portfolio_id)
    .execute(&mut *conn)
    .await?;
    let gone = serde_json::json!({"withdrawn": true}).to_string();
    sqlx::query(
        "UPDATE identity_amendments SET before_identity = $1, after_identity = $1 \
         WHERE portfolio_id = $2",
    )
    .bind(&gone)
    .bind(portfolio_id)
    .execute(&mut *conn)
    .await?;
    let mut hashes = photo_hashes(conn, portfolio_id, false).await?;
    let photos: Vec<i64> = sqlx::query_scalar("SELECT id FROM photos WHERE portfolio_id = $1")
        .bind(portfolio_id)
        .fetch_all(&mut *conn)
        .await?;
    // Camera originals sent for verification carry the same metadata.
    hashes.extend(crate::workflow::verification::forget_files(conn, &photos).await?);
    sqlx::query(
        "UPDATE photos SET original_deleted_at = COALESCE(original_deleted_at, $1) \
         WHERE portfolio_id = $2",
    )
    .bind(now)
    .bind(portfolio_id)
    .execute(&mut *conn)
    .await?;
    Ok(hashes)
}

/// The stored files a portfolio's photos name: the originals, and with
/// `derivatives` the large images and thumbnails too.
async fn photo_hashes(
    conn: &mut AnyConnection,
    portfolio_id: i64,
    derivatives: bool,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT original_sha256, large_sha256, thumb_sha256 FROM photos WHERE portfolio_id = $1",
    )
    .bind(portfolio_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .flat_map(|(original, large, thumb)| {
            if derivatives {
                vec![original, large, thumb]
            } else {
                vec![original]
            }
        })
        .collect())
}

/// The account row emptied: no address, no password, every session ended;
/// its links, roles and juror addresses gone.
async fn empty_account(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let placeholder = format!("deleted-{user_id}@deleted.invalid");
    sqlx::query(
        "UPDATE users SET email = $1, password_hash = '!', is_admin = 0, \
         session_version = session_version + 1, deleted_at = $2 WHERE id = $3",
    )
    .bind(&placeholder)
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE jurors SET email = $1 WHERE user_id = $2")
        .bind(&placeholder)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for table in ["email_links", "contest_roles"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE user_id = $1"
        )))
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
