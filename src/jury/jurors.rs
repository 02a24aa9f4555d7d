//! Juror rows: invitations by one-time link, acceptance, removal, and the
//! lookups that decide whether a signed-in person is an active juror.

use sqlx::AnyConnection;

use crate::accounts::setup::{new_token, token_hash};
use crate::db::Db;
use crate::web::user::Email;

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 14;

/// A juror as the admin sees them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JurorRow {
    /// Row id.
    pub id: i64,
    /// Where the invitation went.
    pub email: String,
    /// Their account, once accepted.
    pub user_id: Option<i64>,
    /// When the invitation was sent.
    pub invited_at: i64,
    /// Until when the link works.
    pub invite_expires_at: i64,
    /// When they accepted.
    pub accepted_at: Option<i64>,
    /// When an admin removed them.
    pub removed_at: Option<i64>,
}

impl JurorRow {
    /// Accepted and not removed: may score.
    pub fn is_active(&self) -> bool {
        self.accepted_at.is_some() && self.removed_at.is_none()
    }
}

/// Why an invitation could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    /// Already on this jury.
    #[error("{0} is already on this jury.")]
    AlreadyJuror(String),
    /// Entered the contest.
    #[error("{0} has entered this contest, so they cannot judge it.")]
    Participant(String),
    /// An administrator (who can see who entered).
    #[error(
        "{0} is an administrator: administrators see who entered, so they cannot sit on a blind jury."
    )]
    Admin(String),
    /// A database failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl InviteError {
    /// What the admin is told (a database failure is an error page instead).
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::AlreadyJuror(email) => Msg::new("adm-invite-already").arg("email", email),
            Self::Participant(email) => Msg::new("adm-invite-participant").arg("email", email),
            Self::Admin(email) => Msg::new("adm-invite-admin").arg("email", email),
            Self::Db(_) => Msg::new("error-internal"),
        }
    }
}

/// A new or renewed invitation: the juror and the link's token, when the
/// juror still has to accept (a returning juror who had accepted gets none).
#[derive(Debug)]
pub struct Invited {
    /// `jurors.id`.
    pub juror_id: i64,
    /// The one-time token for `/invitations/{token}`.
    pub token: Option<String>,
}

/// Every juror of a contest, removed ones included, in invitation order.
pub async fn list(db: &Db, contest_id: i64) -> Result<Vec<JurorRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, user_id, invited_at, invite_expires_at, accepted_at, removed_at \
         FROM jurors WHERE contest_id = $1 ORDER BY id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// The (juror, category) pairs of a contest.
pub async fn categories(db: &Db, contest_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT jc.juror_id, jc.category_id FROM juror_categories jc \
         JOIN jurors j ON j.id = jc.juror_id WHERE j.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// The active juror row of `user_id` in a contest, if they are one.
pub async fn active_juror(
    db: &Db,
    contest_id: i64,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM jurors WHERE contest_id = $1 AND user_id = $2 \
         AND accepted_at IS NOT NULL AND removed_at IS NULL",
    )
    .bind(contest_id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await
}

/// Invites `email` to judge `categories`, or brings a removed juror back.
pub async fn invite(
    db: &Db,
    contest_id: i64,
    email: &Email,
    categories: &[i64],
    now: i64,
) -> Result<Invited, InviteError> {
    let who = email.as_str().to_owned();
    let account: Option<(i64, i64)> =
        sqlx::query_as("SELECT id, is_admin FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&db.pool)
            .await?;
    if let Some((user_id, is_admin)) = account {
        if is_admin == 1 {
            return Err(InviteError::Admin(who));
        }
        let role = crate::contests::queries::role_of(db, contest_id, user_id).await?;
        if role == Some(crate::contests::queries::Role::Participant) {
            return Err(InviteError::Participant(who));
        }
    }
    let token = new_token();
    let expires = now + INVITATION_DAYS * 86_400;
    let mut tx = db.pool.begin().await?;
    let existing: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, accepted_at, removed_at FROM jurors WHERE contest_id = $1 AND email = $2",
    )
    .bind(contest_id)
    .bind(email.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let invited = match existing {
        Some((_, _, None)) => return Err(InviteError::AlreadyJuror(who)),
        Some((id, accepted, Some(_))) => {
            // A removed juror comes back; one who had accepted needs no new link.
            let token = accepted.is_none().then_some(token);
            sqlx::query(
                "UPDATE jurors SET removed_at = NULL, invite_token_hash = $1, invite_expires_at = $2 \
                 WHERE id = $3",
            )
            .bind(token.as_deref().map(token_hash))
            .bind(expires)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM juror_categories WHERE juror_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            Invited {
                juror_id: id,
                token,
            }
        }
        None => {
            let id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO jurors (contest_id, email, invite_token_hash, invite_expires_at, invited_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(contest_id)
            .bind(email.as_str())
            .bind(token_hash(&token))
            .bind(expires)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Invited {
                juror_id: id,
                token: Some(token),
            }
        }
    };
    for category in categories {
        sqlx::query(
            "INSERT INTO juror_categories (juror_id, category_id) \
             SELECT $1, id FROM categories WHERE id = $2 AND contest_id = $3",
        )
        .bind(invited.juror_id)
        .bind(category)
        .bind(contest_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(invited)
}

/// A fresh link for a juror who has not accepted yet (the old one dies).
pub async fn renew_link(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let token = new_token();
    let done = sqlx::query(
        "UPDATE jurors SET invite_token_hash = $1, invite_expires_at = $2 \
         WHERE id = $3 AND contest_id = $4 AND accepted_at IS NULL AND removed_at IS NULL",
    )
    .bind(token_hash(&token))
    .bind(now + INVITATION_DAYS * 86_400)
    .bind(juror_id)
    .bind(contest_id)
    .execute(&db.pool)
    .await?;
    Ok((done.rows_affected() == 1).then_some(token))
}

/// A live invitation, as its page needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    /// `jurors.id`.
    pub juror_id: i64,
    /// The contest.
    pub contest_id: i64,
    /// Who was invited.
    pub email: String,
}

/// The invitation behind `token`, if it is live.
pub async fn invitation(db: &Db, token: &str, now: i64) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id AS juror_id, contest_id, email FROM jurors \
         WHERE invite_token_hash = $1 AND invite_expires_at > $2 AND removed_at IS NULL",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// Uses the token (once) to make `user_id` the juror; `false` if the link was
/// used, renewed or revoked meanwhile. Runs inside the caller's transaction.
pub async fn accept(
    conn: &mut AnyConnection,
    token: &str,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jurors SET user_id = $1, accepted_at = $2, invite_token_hash = NULL \
         WHERE invite_token_hash = $3 AND invite_expires_at > $2 AND removed_at IS NULL",
    )
    .bind(user_id)
    .bind(now)
    .bind(token_hash(token))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a juror removed (their link dies); `false` if already gone or the
/// results are finalized (the jury is then fixed).
pub async fn remove(
    conn: &mut AnyConnection,
    contest_id: i64,
    juror_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jurors SET removed_at = $1, invite_token_hash = NULL \
         WHERE id = $2 AND contest_id = $3 AND removed_at IS NULL \
         AND (SELECT phase FROM contests WHERE id = $3) NOT IN ('finalized', 'revealed', 'announced')",
    )
    .bind(now)
    .bind(juror_id)
    .bind(contest_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
