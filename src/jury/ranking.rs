//! A juror's ranking in a ranking round: their finalists of one category in
//! their order, and the order saved as a whole (the vote of each ballot is
//! the place given, 1 the best). A list of at most 60 per category, so
//! reading and writing it whole is cheap.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::db::Db;
use crate::submissions::numbers::EntryNumber;

/// One finalist on a juror's list: its number and nothing else about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finalist {
    /// The entry's row id (never shown: for the save).
    pub(crate) entry_id: i64,
    /// The entry number.
    pub number: EntryNumber,
}

/// The categories the juror ranks in round `round_id`, in the contest's order.
pub async fn categories(db: &Db, round_id: i64, juror_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT c.id FROM categories c WHERE EXISTS (SELECT 1 FROM ballots b \
         JOIN entries e ON e.id = b.entry_id WHERE b.round_id = $1 AND b.juror_id = $2 \
         AND e.category_id = c.id) ORDER BY c.position, c.id",
    )
    .bind(round_id)
    .bind(juror_id)
    .fetch_all(&db.pool)
    .await
}

/// The juror's finalists of `category_id`: in their saved order once they
/// saved one, else in the juror's own random order (as every queue is), and
/// whether the order is saved.
pub async fn list(
    conn: &mut AnyConnection,
    round_id: i64,
    juror_id: i64,
    category_id: i64,
) -> Result<(Vec<Finalist>, bool), sqlx::Error> {
    let rows: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT b.entry_id, e.number, b.vote FROM ballots b JOIN entries e ON e.id = b.entry_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 AND e.category_id = $3 \
         ORDER BY CASE WHEN b.vote IS NULL THEN 1 ELSE 0 END, b.vote, b.sort_key, b.id",
    )
    .bind(round_id)
    .bind(juror_id)
    .bind(category_id)
    .fetch_all(&mut *conn)
    .await?;
    let saved = !rows.is_empty() && rows.iter().all(|r| r.2.is_some());
    let list = rows
        .into_iter()
        .filter_map(|(entry_id, number, _)| {
            Some(Finalist {
                entry_id,
                number: EntryNumber::from_stored(number)?,
            })
        })
        .collect();
    Ok((list, saved))
}

/// The titles of each finalist's photos in the juror's list of a
/// category, by entry row id, in the photos' order (one title for a photo
/// entry, each of a portfolio's). As the scoring page shows them: redacted
/// where screening redacted them.
pub async fn titles(
    conn: &mut AnyConnection,
    round_id: i64,
    juror_id: i64,
    category_id: i64,
) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    // Two joins rather than one with OR, so each finds photos by an index.
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT e.id, p.position, COALESCE(p.title_redacted, p.title) FROM ballots b \
         JOIN entries e ON e.id = b.entry_id JOIN photos p ON p.id = e.photo_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 AND e.category_id = $3 \
         UNION ALL \
         SELECT e.id, p.position, COALESCE(p.title_redacted, p.title) FROM ballots b \
         JOIN entries e ON e.id = b.entry_id JOIN photos p ON p.portfolio_id = e.portfolio_id \
         WHERE b.round_id = $1 AND b.juror_id = $2 AND e.category_id = $3 \
         AND e.photo_id IS NULL \
         ORDER BY 1, 2",
    )
    .bind(round_id)
    .bind(juror_id)
    .bind(category_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (entry_id, _, title) in rows {
        out.entry(entry_id).or_default().push(title);
    }
    Ok(out)
}

/// Saves `order` (the whole list of [`list`], rearranged) as the juror's
/// ranking: place 1 for the first. Inside the caller's transaction.
pub async fn save(
    conn: &mut AnyConnection,
    round_id: i64,
    juror_id: i64,
    order: &[Finalist],
    now: i64,
) -> Result<(), sqlx::Error> {
    for (place, finalist) in order.iter().enumerate() {
        sqlx::query(
            "UPDATE ballots SET vote = $4, cast_at = $5 \
             WHERE round_id = $1 AND juror_id = $2 AND entry_id = $3",
        )
        .bind(round_id)
        .bind(juror_id)
        .bind(finalist.entry_id)
        .bind(place as i64 + 1)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A move the page asks for, on one entry of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One place up.
    Up(EntryNumber),
    /// One place down.
    Down(EntryNumber),
    /// To the first place.
    Top(EntryNumber),
}

impl Move {
    /// `up:N`, `down:N` or `top:N`, as the page's buttons send them.
    pub fn parse(s: &str) -> Option<Move> {
        let (what, number) = s.split_once(':')?;
        let number = EntryNumber::parse(number)?;
        match what {
            "up" => Some(Move::Up(number)),
            "down" => Some(Move::Down(number)),
            "top" => Some(Move::Top(number)),
            _ => None,
        }
    }

    /// Applies the move to `order`; the entry it names, if any.
    pub fn apply(self, order: &mut [Finalist]) -> Option<EntryNumber> {
        let (Move::Up(n) | Move::Down(n) | Move::Top(n)) = self;
        let at = order.iter().position(|f| f.number == n)?;
        match self {
            Move::Up(_) if at > 0 => order.swap(at, at - 1),
            Move::Down(_) if at + 1 < order.len() => order.swap(at, at + 1),
            Move::Top(_) => order[..=at].rotate_right(1),
            _ => {}
        }
        Some(n)
    }
}

/// `stored` in the order the page sent (`numbers`), if it is the same set:
/// a page older than the list (a juror added to the round meanwhile, say)
/// gets `None` rather than a ranking that leaves an entry out.
pub fn reorder(stored: &[Finalist], numbers: &[EntryNumber]) -> Option<Vec<Finalist>> {
    if numbers.len() != stored.len() {
        return None;
    }
    let mut out = Vec::with_capacity(stored.len());
    for n in numbers {
        let found = stored.iter().find(|f| f.number == *n)?;
        if out.contains(found) {
            return None;
        }
        out.push(*found);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(numbers: &[i64]) -> Vec<Finalist> {
        numbers
            .iter()
            .map(|&n| Finalist {
                entry_id: n * 10,
                number: EntryNumber::from_stored(10_000 + n).unwrap(),
            })
            .collect()
    }

    fn numbers(order: &[Finalist]) -> Vec<i64> {
        order.iter().map(|f| f.number.get() - 10_000).collect()
    }

    #[test]
    fn moves_go_up_down_and_to_the_top_and_stop_at_the_ends() {
        let mut order = list(&[1, 2, 3, 4]);
        let apply = |m: &str, order: &mut Vec<Finalist>| Move::parse(m).unwrap().apply(order);
        apply("up:10003", &mut order);
        apply("down:10001", &mut order);
        apply("top:10004", &mut order);
        assert_eq!(apply("up:10009", &mut order), None);
        assert_eq!(numbers(&order), [4, 3, 1, 2]);
        // At the ends, up and down change nothing.
        apply("up:10004", &mut order);
        apply("down:10002", &mut order);
        assert_eq!(numbers(&order), [4, 3, 1, 2]);
        assert!(Move::parse("left:10001").is_none() && Move::parse("up:x").is_none());
    }

    #[test]
    fn a_sent_order_must_hold_every_finalist_once() {
        let stored = list(&[1, 2, 3]);
        let n = |v: &[i64]| -> Vec<EntryNumber> {
            v.iter()
                .map(|&x| EntryNumber::from_stored(10_000 + x).unwrap())
                .collect()
        };
        let sent = reorder(&stored, &n(&[3, 1, 2])).unwrap();
        assert_eq!(numbers(&sent), [3, 1, 2]);
        assert_eq!(sent[0].entry_id, 30);
        assert!(reorder(&stored, &n(&[3, 1])).is_none());
        assert!(reorder(&stored, &n(&[3, 3, 1])).is_none());
        assert!(reorder(&stored, &n(&[3, 1, 4])).is_none());
    }
}
