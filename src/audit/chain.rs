//! Checking the audit log's hash chain (`photojury audit verify`): every row's
//! hash must match its fields and the row before it, and the newest hash must
//! be the one the head row remembers, so an edited, inserted or deleted row
//! (the newest ones included) shows.

use crate::audit::row_hash;
use crate::db::Db;

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Rows whose chain checked out.
    pub chained: u64,
    /// Rows written before the chain existed (no hash), at the start of the log.
    pub legacy: u64,
    /// Each problem, one line per row concerned; empty when all is well.
    pub problems: Vec<String>,
}

impl Report {
    /// Whether the log is intact.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

type Row = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
);

/// Walks the whole log in the order it was written.
pub async fn verify(db: &Db) -> Result<Report, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, at, actor_id, actor, action, contest_id, detail, prev_hash, hash \
         FROM audit_log ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let (count, head): (i64, String) =
        sqlx::query_as("SELECT rows_chained, hash FROM audit_head WHERE id = 1")
            .fetch_one(&db.pool)
            .await?;
    Ok(check(&rows, count, &head))
}

fn check(rows: &[Row], head_count: i64, head_hash: &str) -> Report {
    let mut report = Report {
        chained: 0,
        legacy: 0,
        problems: Vec::new(),
    };
    let mut last = String::new();
    for (id, at, actor_id, actor, action, contest_id, detail, prev, hash) in rows {
        let (Some(prev), Some(hash)) = (prev, hash) else {
            if report.chained == 0 {
                report.legacy += 1;
            } else {
                report.problems.push(format!("row {id}: has no hash"));
            }
            continue;
        };
        if *prev != last {
            report.problems.push(format!(
                "row {id}: does not follow the row before it (a row was deleted or inserted before it)"
            ));
        }
        if row_hash(prev, *at, *actor_id, actor, action, *contest_id, detail) != *hash {
            report.problems.push(format!(
                "row {id}: its content was changed after it was written"
            ));
        }
        report.chained += 1;
        last = hash.clone();
    }
    if last != head_hash || i64::try_from(report.chained).ok() != Some(head_count) {
        report.problems.push(format!(
            "the log ends after {} chained rows, but {head_count} were written: the newest rows were deleted or the head was changed",
            report.chained
        ));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(details: &[&str]) -> Vec<Row> {
        let mut prev = String::new();
        details
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let hash = row_hash(&prev, 100, Some(1), "a@x", "act", None, d);
                let row = (
                    i as i64 + 1,
                    100,
                    Some(1),
                    "a@x".to_owned(),
                    "act".to_owned(),
                    None,
                    (*d).to_owned(),
                    Some(prev.clone()),
                    Some(hash.clone()),
                );
                prev = hash;
                row
            })
            .collect()
    }

    #[test]
    fn an_untouched_chain_checks_out() {
        let rows = chain(&["a", "b", "c"]);
        let head = rows[2].8.clone().unwrap_or_default();
        let report = check(&rows, 3, &head);
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!(report.chained, 3);
    }

    #[test]
    fn an_edited_row_is_named() {
        let mut rows = chain(&["a", "b", "c"]);
        let head = rows[2].8.clone().unwrap_or_default();
        rows[1].6 = "B".into();
        let report = check(&rows, 3, &head);
        assert_eq!(
            report.problems,
            vec!["row 2: its content was changed after it was written"]
        );
    }

    #[test]
    fn a_deleted_row_breaks_the_next_link() {
        let mut rows = chain(&["a", "b", "c"]);
        let head = rows[2].8.clone().unwrap_or_default();
        rows.remove(1);
        let report = check(&rows, 3, &head);
        assert!(report.problems[0].starts_with("row 3: does not follow"));
    }

    #[test]
    fn deleting_the_newest_row_shows_against_the_head() {
        let mut rows = chain(&["a", "b", "c"]);
        let head = rows[2].8.clone().unwrap_or_default();
        rows.pop();
        let report = check(&rows, 3, &head);
        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].contains("newest rows were deleted"));
    }

    #[test]
    fn rows_from_before_the_chain_are_counted_not_failed() {
        let mut rows = chain(&["a"]);
        let head = rows[0].8.clone().unwrap_or_default();
        rows.insert(
            0,
            (
                0,
                1,
                None,
                "system".into(),
                "old".into(),
                None,
                "x".into(),
                None,
                None,
            ),
        );
        let report = check(&rows, 1, &head);
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!((report.legacy, report.chained), (1, 1));
    }
}
