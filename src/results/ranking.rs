//! Combining the jurors' rankings of a ranking round, as a pure function:
//! the Schulze method decides the order (entries whose strongest paths tie
//! share a place), the Borda count is shown beside it. The round's close,
//! the results and `verify` all call this, so they cannot disagree.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::contests::rounds::Round;
use crate::results::compute::Ranked;

/// One entry's place in the combined ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    /// The entry number.
    pub number: i64,
    /// 1-based Schulze place: one more than the entries that beat it.
    pub place: usize,
    /// Borda points: n − position on each ballot (n − 1 for a first place,
    /// 0 for the last), summed over the ballots.
    pub borda: i64,
    /// Another entry has the same place.
    pub tie: bool,
}

/// Combines `ballots` (each juror's whole ranking, best first, of entry
/// numbers) over `candidates`. An entry a ballot leaves out counts as below
/// every entry it ranks (tied with the others left out) and gets no Borda
/// points from it. Best first: by place, then Borda, then number.
pub fn combine(candidates: &[i64], ballots: &[Vec<i64>]) -> Vec<Placed> {
    let n = candidates.len();
    let index: HashMap<i64, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i))
        .collect();
    // d[i][j]: how many ballots put i above j.
    let mut d = vec![vec![0i64; n]; n];
    let mut borda = vec![0i64; n];
    for ballot in ballots {
        // Position on this ballot; entries left out share the last.
        let mut position = vec![usize::MAX; n];
        for (p, number) in ballot.iter().enumerate() {
            if let Some(&i) = index.get(number)
                && position[i] == usize::MAX
            {
                position[i] = p;
                borda[i] += (n - 1 - p.min(n - 1)) as i64;
            }
        }
        for i in 0..n {
            for j in 0..n {
                if position[i] < position[j] {
                    d[i][j] += 1;
                }
            }
        }
    }
    // The strongest paths (widest path, Floyd–Warshall).
    let mut p = vec![vec![0i64; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j];
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            if i == k {
                continue;
            }
            for j in 0..n {
                if j != i && j != k {
                    p[i][j] = p[i][j].max(p[i][k].min(p[k][j]));
                }
            }
        }
    }
    // Schulze's relation is transitive, so counting who beats an entry
    // orders the entries: whoever beats it also beats everyone it beats.
    let mut placed: Vec<Placed> = (0..n)
        .map(|i| Placed {
            number: candidates[i],
            place: 1 + (0..n).filter(|&j| p[j][i] > p[i][j]).count(),
            borda: borda[i],
            tie: false,
        })
        .collect();
    placed.sort_by(|a, b| {
        a.place
            .cmp(&b.place)
            .then(b.borda.cmp(&a.borda))
            .then(a.number.cmp(&b.number))
    });
    let places: Vec<usize> = placed.iter().map(|p| p.place).collect();
    for line in &mut placed {
        line.tie = places.iter().filter(|p| **p == line.place).count() > 1;
    }
    placed
}

/// One category of a ranking round: its finalists and the ballots cast.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The finalists' numbers, ascending.
    pub candidates: Vec<i64>,
    /// Each juror's saved order, best first; sorted, so the list does not
    /// say whose is whose.
    pub ballots: Vec<Vec<i64>>,
}

/// The profiles of ranking round `round`, by category id. A juror's order
/// counts once it is saved (every place given).
pub async fn profiles(
    conn: &mut AnyConnection,
    contest_id: i64,
    round: &Round,
) -> Result<HashMap<i64, Profile>, sqlx::Error> {
    let entries: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT category_id, number FROM entries WHERE contest_id = $1 AND reached >= $2 \
         ORDER BY number",
    )
    .bind(contest_id)
    .bind(round.position)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: HashMap<i64, Profile> = HashMap::new();
    for (category, number) in entries {
        out.entry(category).or_default().candidates.push(number);
    }
    let votes: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT b.juror_id, e.category_id, b.vote, e.number FROM ballots b \
         JOIN entries e ON e.id = b.entry_id WHERE b.round_id = $1 AND b.vote IS NOT NULL",
    )
    .bind(round.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut orders: BTreeMap<(i64, i64), Vec<(i64, i64)>> = BTreeMap::new();
    for (juror, category, place, number) in votes {
        orders
            .entry((juror, category))
            .or_default()
            .push((place, number));
    }
    for ((_, category), mut order) in orders {
        order.sort_unstable();
        let ballot = order.into_iter().map(|(_, number)| number).collect();
        out.entry(category).or_default().ballots.push(ballot);
    }
    for profile in out.values_mut() {
        profile.ballots.sort();
    }
    Ok(out)
}

/// Puts a category's finalists first in the results, in the ranking
/// round's order with its places (ties marked); the other entries keep
/// their criteria ranks, which are all below the finalists' (the criteria
/// round advanced its best).
pub fn reorder(entries: &mut Vec<Ranked>, placed: &[Placed]) {
    let mut rest: Vec<Ranked> = std::mem::take(entries);
    for p in placed {
        if let Some(at) = rest.iter().position(|r| r.number == p.number) {
            let mut line = rest.remove(at);
            line.rank = p.place;
            line.tie = p.tie;
            entries.push(line);
        }
    }
    entries.append(&mut rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballots(profile: &[(usize, &str)]) -> Vec<Vec<i64>> {
        profile
            .iter()
            .flat_map(|(count, order)| {
                let ballot: Vec<i64> = order.bytes().map(|b| i64::from(b - b'A' + 1)).collect();
                std::iter::repeat_n(ballot, *count)
            })
            .collect()
    }

    fn order(placed: &[Placed]) -> String {
        placed
            .iter()
            .map(|p| char::from(b'A' + p.number as u8 - 1))
            .collect()
    }

    #[test]
    fn the_forty_five_voter_example_ranks_e_a_c_b_d_with_borda_beside_it() {
        // The example of the Schulze method's article: 45 voters, 5 entries.
        let profile = ballots(&[
            (5, "ACBED"),
            (5, "ADECB"),
            (8, "BEDAC"),
            (3, "CABED"),
            (7, "CAEBD"),
            (2, "CBADE"),
            (7, "DCEBA"),
            (8, "EBADC"),
        ]);
        let placed = combine(&[1, 2, 3, 4, 5], &profile);
        assert_eq!(order(&placed), "EACBD");
        assert_eq!(
            placed.iter().map(|p| p.place).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert!(placed.iter().all(|p| !p.tie));
        let borda: HashMap<i64, i64> = placed.iter().map(|p| (p.number, p.borda)).collect();
        // A 98, B 92, C 89, D 69, E 102: Borda would put B above C.
        assert_eq!(
            [borda[&1], borda[&2], borda[&3], borda[&4], borda[&5]],
            [98, 92, 89, 69, 102]
        );
    }

    #[test]
    fn a_condorcet_cycle_is_a_tie_for_first_place() {
        // A > B > C > A, each by two ballots to one.
        let placed = combine(&[1, 2, 3], &ballots(&[(1, "ABC"), (1, "BCA"), (1, "CAB")]));
        assert!(placed.iter().all(|p| p.place == 1 && p.tie && p.borda == 3));
        assert_eq!(order(&placed), "ABC", "tied: shown by number");
    }

    #[test]
    fn a_cycle_below_a_clear_winner_ties_only_the_cycle() {
        // D first on every ballot; A, B, C in a cycle below it.
        let profile = ballots(&[(1, "DABC"), (1, "DBCA"), (1, "DCAB")]);
        let placed = combine(&[1, 2, 3, 4], &profile);
        assert_eq!(placed[0].number, 4);
        assert_eq!((placed[0].place, placed[0].tie), (1, false));
        assert!(placed[1..].iter().all(|p| p.place == 2 && p.tie));
    }

    #[test]
    fn an_entry_left_off_a_ballot_is_below_what_it_ranks_and_gets_no_points() {
        let placed = combine(&[1, 2, 3], &[vec![3, 1], vec![3, 1, 2]]);
        assert_eq!(order(&placed), "CAB");
        assert_eq!(
            placed.iter().map(|p| p.borda).collect::<Vec<_>>(),
            [4, 2, 0]
        );
    }

    #[test]
    fn no_ballots_tie_everyone_and_one_ballot_is_its_own_order() {
        let placed = combine(&[5, 6], &[]);
        assert!(placed.iter().all(|p| p.place == 1 && p.tie));
        let placed = combine(&[5, 6, 7], &[vec![7, 5, 6]]);
        assert_eq!(
            placed.iter().map(|p| p.number).collect::<Vec<_>>(),
            [7, 5, 6]
        );
    }
}
