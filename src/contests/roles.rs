//! Roles in a contest: participant or juror, never both (the database
//! refuses it: `contest_roles_one_role_per_person`).

use crate::db::Db;

/// A person's role in a contest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Submits a portfolio.
    Participant,
    /// Scores entries.
    Juror,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Juror => "juror",
        }
    }
}

/// Why a role could not be given.
#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    /// The person already has the other role in this contest.
    #[error("This person is already a {0} in this contest; nobody can both enter and judge it.")]
    OtherRole(&'static str),
    /// A database failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Gives `user_id` a role in a contest. Asking again for the same role is a
/// no-op; asking for the other one fails (the database enforces one role).
pub async fn assign_role(
    db: &Db,
    contest_id: i64,
    user_id: i64,
    role: Role,
    now: i64,
) -> Result<(), RoleError> {
    let inserted = sqlx::query(
        "INSERT INTO contest_roles (contest_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(contest_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(now)
    .execute(&db.pool)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(err) if crate::db::is_unique_violation(&err) => {
            match role_of(db, contest_id, user_id).await? {
                Some(existing) if existing == role => Ok(()),
                Some(existing) => Err(RoleError::OtherRole(existing.as_str())),
                None => Err(RoleError::Db(err)),
            }
        }
        Err(err) => Err(err.into()),
    }
}

/// The role `user_id` has in a contest, if any.
pub async fn role_of(db: &Db, contest_id: i64, user_id: i64) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM contest_roles WHERE contest_id = $1 AND user_id = $2")
            .bind(contest_id)
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(role.map(|r| {
        if r == "juror" {
            Role::Juror
        } else {
            Role::Participant
        }
    }))
}

/// One line of "your contests" on the account page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoleRow {
    /// The contest's name.
    pub title: String,
    /// Its address.
    pub slug: String,
    /// `participant` or `juror`.
    pub role: String,
}

/// The contests a person takes part in, and how.
pub async fn roles_of_user(db: &Db, user_id: i64) -> Result<Vec<RoleRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.title, c.slug, r.role FROM contest_roles r JOIN contests c ON c.id = r.contest_id \
         WHERE r.user_id = $1 ORDER BY c.closes_at DESC",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}
