//! The rounds a contest judges in: shortlisting rounds (yes/no, stars), set
//! up before judging, then the criteria round of `jury::scores`, which is
//! always the last. A contest without rounds judges in that one round.

use std::fmt;
use std::str::FromStr;

use sqlx::AnyConnection;

use crate::db::Db;

/// What a juror gives each entry in a shortlisting round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Yes (1) or no (0): the shortlist.
    YesNo,
    /// One to five stars.
    Stars,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Stars => "stars",
        }
    }

    /// What the admin and jurors read.
    pub fn label(self) -> &'static str {
        match self {
            Kind::YesNo => "yes / no",
            Kind::Stars => "stars 1–5",
        }
    }

    /// The votes a juror may cast, lowest first.
    pub fn votes(self) -> std::ops::RangeInclusive<i64> {
        match self {
            Kind::YesNo => 0..=1,
            Kind::Stars => 1..=5,
        }
    }
}

impl FromStr for Kind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "yes_no" => Ok(Kind::YesNo),
            "stars" => Ok(Kind::Stars),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A shortlisting round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Row id.
    pub id: i64,
    /// 1, 2, …; the criteria round's is one more than the last.
    pub position: i64,
    /// Yes/no or stars.
    pub kind: Kind,
    /// Jurors per entry; 0: every juror of the entry's category.
    pub quorum: i64,
    /// The soft deadline shown to jurors (UTC seconds).
    pub deadline_at: Option<i64>,
    /// When it opened (judging started, or the round before closed).
    pub opened_at: Option<i64>,
    /// When it closed.
    pub closed_at: Option<i64>,
}

type RoundRow = (i64, i64, String, i64, Option<i64>, Option<i64>, Option<i64>);

const COLUMNS: &str =
    "SELECT id, position, kind, quorum, deadline_at, opened_at, closed_at FROM rounds";

fn from_row(row: RoundRow) -> Option<Round> {
    let (id, position, kind, quorum, deadline_at, opened_at, closed_at) = row;
    Some(Round {
        id,
        position,
        kind: kind.parse().ok()?,
        quorum,
        deadline_at,
        opened_at,
        closed_at,
    })
}

/// The contest's shortlisting rounds, in order.
pub async fn rounds_of(
    conn: &mut AnyConnection,
    contest_id: i64,
) -> Result<Vec<Round>, sqlx::Error> {
    let rows: Vec<RoundRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE contest_id = $1 ORDER BY position"
    )))
    .bind(contest_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(from_row).collect())
}

/// [`rounds_of`] on a pooled connection.
pub async fn list(db: &Db, contest_id: i64) -> Result<Vec<Round>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    rounds_of(&mut conn, contest_id).await
}

/// Where judging stands: a shortlisting round open, or the criteria round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// A shortlisting round is open: its ballots are the jurors' queue.
    Shortlist(Round),
    /// The criteria round (every shortlisting round is closed, or there are
    /// none): entries whose `reached` is this position are scored.
    Criteria {
        /// The criteria round's position.
        position: i64,
    },
}

/// The stage judging is at (or would start at): the first round not closed,
/// else the criteria round.
pub async fn stage(conn: &mut AnyConnection, contest_id: i64) -> Result<Stage, sqlx::Error> {
    let rounds = rounds_of(conn, contest_id).await?;
    Ok(stage_of(&rounds))
}

/// [`stage`] from the rounds already read.
pub fn stage_of(rounds: &[Round]) -> Stage {
    match rounds.iter().find(|r| r.closed_at.is_none()) {
        Some(round) => Stage::Shortlist(round.clone()),
        None => Stage::Criteria {
            position: rounds.len() as i64 + 1,
        },
    }
}

/// Adds a round after the last (the caller checks judging has not started).
pub async fn add(
    db: &Db,
    contest_id: i64,
    kind: Kind,
    quorum: i64,
    deadline_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO rounds (contest_id, position, kind, quorum, deadline_at) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4 FROM rounds WHERE contest_id = $1",
    )
    .bind(contest_id)
    .bind(kind.as_str())
    .bind(quorum)
    .bind(deadline_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Removes the last round if it never opened; `false` if there was none.
pub async fn remove_last(db: &Db, contest_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM rounds WHERE contest_id = $1 AND opened_at IS NULL AND position = \
         (SELECT MAX(position) FROM rounds WHERE contest_id = $1)",
    )
    .bind(contest_id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks round `id` open at `now`.
pub async fn open(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE rounds SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks an open round closed; `false` if someone closed it first.
pub async fn close(conn: &mut AnyConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE rounds SET closed_at = $2 WHERE id = $1 AND opened_at IS NOT NULL AND closed_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether round `id` is open now (read inside the caller's transaction).
pub async fn is_open(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM rounds WHERE id = $1 AND opened_at IS NOT NULL AND closed_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(open.is_some())
}

/// Sets an open round's quorum (the caller rebalances its ballots).
pub async fn set_quorum(conn: &mut AnyConnection, id: i64, quorum: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE rounds SET quorum = $2 WHERE id = $1 AND closed_at IS NULL")
        .bind(id)
        .bind(quorum)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(position: i64, closed: bool) -> Round {
        Round {
            id: position * 10,
            position,
            kind: Kind::YesNo,
            quorum: 0,
            deadline_at: None,
            opened_at: Some(1),
            closed_at: closed.then_some(2),
        }
    }

    #[test]
    fn judging_without_rounds_is_one_criteria_round() {
        assert_eq!(stage_of(&[]), Stage::Criteria { position: 1 });
    }

    #[test]
    fn the_first_round_not_closed_is_the_stage_and_criteria_comes_last() {
        let rounds = [round(1, true), round(2, false)];
        assert_eq!(stage_of(&rounds), Stage::Shortlist(round(2, false)));
        let rounds = [round(1, true), round(2, true)];
        assert_eq!(stage_of(&rounds), Stage::Criteria { position: 3 });
    }

    #[test]
    fn kinds_read_back_what_they_store_and_bound_the_votes() {
        for kind in [Kind::YesNo, Kind::Stars] {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        assert!("ranking".parse::<Kind>().is_err());
        assert_eq!(Kind::YesNo.votes(), 0..=1);
        assert_eq!(Kind::Stars.votes(), 1..=5);
    }
}
