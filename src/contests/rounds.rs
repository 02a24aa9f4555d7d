//! The rounds a contest judges in: shortlisting rounds (yes/no, stars), set
//! up before judging, then the criteria round of `jury::scores`, then
//! optionally a ranking round of the finalists. A contest without rounds
//! judges in the criteria round alone, which then has no row; with a ranking
//! round it has one (kind `criteria`), so that it can be closed.

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
    /// The criteria round's row (only with a ranking round after it).
    Criteria,
    /// Each juror orders the finalists of a category (at most 60): the vote
    /// is the place given, 1 the best.
    Ranking,
}

/// The most entries per category a ranking round takes: ordering more is
/// not a judgement a juror can make in one sitting.
pub const MAX_RANKED: usize = 60;

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Stars => "stars",
            Kind::Criteria => "criteria",
            Kind::Ranking => "ranking",
        }
    }

    /// A round before the criteria round (yes/no, stars).
    pub fn shortlists(self) -> bool {
        matches!(self, Kind::YesNo | Kind::Stars)
    }

    /// What the admin and jurors read.
    pub fn label(self) -> &'static str {
        match self {
            Kind::YesNo => "yes / no",
            Kind::Stars => "stars 1–5",
            Kind::Criteria => "criteria",
            Kind::Ranking => "ranking",
        }
    }

    /// The catalogue key of the label, for the jurors' pages.
    pub fn key(self) -> &'static str {
        match self {
            Kind::YesNo => "round-kind-yes-no",
            Kind::Stars => "round-kind-stars",
            Kind::Criteria => "round-kind-criteria",
            Kind::Ranking => "round-kind-ranking",
        }
    }

    /// The votes a juror may cast, lowest first.
    pub fn votes(self) -> std::ops::RangeInclusive<i64> {
        match self {
            Kind::YesNo => 0..=1,
            Kind::Stars => 1..=5,
            Kind::Criteria => 0..=0,
            Kind::Ranking => 1..=MAX_RANKED as i64,
        }
    }
}

impl FromStr for Kind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "yes_no" => Ok(Kind::YesNo),
            "stars" => Ok(Kind::Stars),
            "criteria" => Ok(Kind::Criteria),
            "ranking" => Ok(Kind::Ranking),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A round with a row: a shortlisting round, or the criteria and ranking
/// rounds of a contest that ranks its finalists.
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

/// The contest's rounds with a row, in order.
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

/// Where judging stands: a shortlisting round open, the criteria round, or
/// the ranking round.
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
    /// The criteria round is closed and the ranking round is the queue (it
    /// stays the stage once closed, at finalization).
    Ranking(Round),
}

/// The stage judging is at (or would start at): the first round not closed,
/// else the criteria round.
pub async fn stage(conn: &mut AnyConnection, contest_id: i64) -> Result<Stage, sqlx::Error> {
    let rounds = rounds_of(conn, contest_id).await?;
    Ok(stage_of(&rounds))
}

/// [`stage`] from the rounds already read.
pub fn stage_of(rounds: &[Round]) -> Stage {
    let shortlists = rounds.iter().filter(|r| r.kind.shortlists()).count() as i64;
    let criteria = Stage::Criteria {
        position: shortlists + 1,
    };
    match rounds.iter().find(|r| r.closed_at.is_none()) {
        Some(round) if round.kind.shortlists() => Stage::Shortlist(round.clone()),
        Some(round) if round.kind == Kind::Ranking => Stage::Ranking(round.clone()),
        Some(_) => criteria,
        None => match rounds.iter().find(|r| r.kind == Kind::Ranking) {
            Some(ranking) => Stage::Ranking(ranking.clone()),
            None => criteria,
        },
    }
}

/// The round whose ballots jurors cast now: an open shortlisting round, or
/// the ranking round until it closes (none in the criteria round).
pub fn voting_round(stage: Stage) -> Option<Round> {
    match stage {
        Stage::Shortlist(round) if round.opened_at.is_some() => Some(round),
        Stage::Ranking(round) if round.closed_at.is_none() => Some(round),
        _ => None,
    }
}

/// The ranking round, if the contest has one.
pub fn ranking_of(rounds: &[Round]) -> Option<&Round> {
    rounds.iter().find(|r| r.kind == Kind::Ranking)
}

/// Adds a shortlisting round after the last one, before the criteria round
/// (the caller checks judging has not started). The criteria and ranking
/// rows, if any, move one place on, the later first (each statement must
/// keep the positions unique as it goes).
pub async fn add(
    db: &Db,
    contest_id: i64,
    kind: Kind,
    quorum: i64,
    deadline_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    for later in [Kind::Ranking, Kind::Criteria] {
        sqlx::query(
            "UPDATE rounds SET position = position + 1 WHERE contest_id = $1 AND kind = $2",
        )
        .bind(contest_id)
        .bind(later.as_str())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO rounds (contest_id, position, kind, quorum, deadline_at) \
         SELECT $1, COUNT(*) + 1, $2, $3, $4 FROM rounds \
         WHERE contest_id = $1 AND kind IN ('yes_no', 'stars')",
    )
    .bind(contest_id)
    .bind(kind.as_str())
    .bind(quorum)
    .bind(deadline_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Adds the ranking round after the criteria round (and the criteria
/// round's row); `false` if the contest has one already.
pub async fn add_ranking(
    db: &Db,
    contest_id: i64,
    deadline_at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let all = rounds_of(&mut tx, contest_id).await?;
    if ranking_of(&all).is_some() {
        return Ok(false);
    }
    let next = all.len() as i64 + 1;
    for (offset, kind, deadline) in [(0, Kind::Criteria, None), (1, Kind::Ranking, deadline_at)] {
        sqlx::query(
            "INSERT INTO rounds (contest_id, position, kind, quorum, deadline_at) \
             VALUES ($1, $2, $3, 0, $4)",
        )
        .bind(contest_id)
        .bind(next + offset)
        .bind(kind.as_str())
        .bind(deadline)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Removes the last round if it never opened (the ranking round goes with
/// the criteria round's row); `false` if there was none.
pub async fn remove_last(db: &Db, contest_id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let all = rounds_of(&mut tx, contest_id).await?;
    let Some(last) = all.last().filter(|r| r.opened_at.is_none()) else {
        return Ok(false);
    };
    // The ranking round's row is the last, the criteria row just before it.
    let from = if last.kind == Kind::Ranking {
        last.position - 1
    } else {
        last.position
    };
    sqlx::query("DELETE FROM rounds WHERE contest_id = $1 AND position >= $2")
        .bind(contest_id)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
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
    fn a_ranking_round_follows_the_criteria_round_and_stays_the_stage() {
        let mut criteria = round(2, false);
        criteria.kind = Kind::Criteria;
        let mut ranking = round(3, false);
        ranking.kind = Kind::Ranking;
        ranking.opened_at = None;
        let rounds = [round(1, true), criteria.clone(), ranking.clone()];
        assert_eq!(stage_of(&rounds), Stage::Criteria { position: 2 });
        criteria.closed_at = Some(3);
        ranking.opened_at = Some(3);
        let rounds = [round(1, true), criteria.clone(), ranking.clone()];
        assert_eq!(stage_of(&rounds), Stage::Ranking(ranking.clone()));
        ranking.closed_at = Some(4);
        let rounds = [round(1, true), criteria, ranking.clone()];
        assert_eq!(stage_of(&rounds), Stage::Ranking(ranking));
    }

    #[test]
    fn kinds_read_back_what_they_store_and_bound_the_votes() {
        for kind in [Kind::YesNo, Kind::Stars, Kind::Criteria, Kind::Ranking] {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        assert!("rank".parse::<Kind>().is_err());
        assert_eq!(Kind::Ranking.votes(), 1..=60);
        assert_eq!(Kind::YesNo.votes(), 0..=1);
        assert_eq!(Kind::Stars.votes(), 1..=5);
    }
}
