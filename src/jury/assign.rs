//! Who scores what. The plan is a pure function of the entries, the active
//! jurors and the assignments that already exist, so the balancing rules can
//! be tested without a database; `judging` applies it in one transaction.

use std::collections::{HashMap, HashSet};

use rand::Rng;
use rand::seq::SliceRandom;

/// An entry to be judged, with the category that decides who may judge it.
#[derive(Debug, Clone, Copy)]
pub struct PlanEntry {
    /// `entries.id`.
    pub id: i64,
    /// Its category.
    pub category_id: i64,
}

/// A juror who can take work now (accepted, not removed).
#[derive(Debug, Clone)]
pub struct PlanJuror {
    /// `jurors.id`.
    pub id: i64,
    /// The categories they judge.
    pub categories: Vec<i64>,
}

/// An assignment row that already exists.
#[derive(Debug, Clone, Copy)]
pub struct Existing {
    /// Its entry.
    pub entry_id: i64,
    /// Its juror (maybe no longer active).
    pub juror_id: i64,
    /// Every criterion has a saved score.
    pub scored: bool,
    /// The juror has typed part of a score (a draft): work begun, which
    /// stays with them as long as they are on the jury.
    pub drafted: bool,
    /// The juror stepped aside from this entry.
    pub recused: bool,
}

/// What to change: rows to delete and rows to create, as (entry, juror).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Unscored assignments to delete (moved away, or their juror left).
    pub remove: Vec<(i64, i64)>,
    /// Assignments to create.
    pub add: Vec<(i64, i64)>,
}

/// One assignment while planning: where it started and where it is now.
struct Slot {
    entry: i64,
    category: i64,
    juror: i64,
    /// `None` for a new assignment.
    original: Option<i64>,
    movable: bool,
}

/// Plans the assignments. `quorum == 0`: every active juror gets every entry
/// of their categories. `quorum == k`: every entry gets k jurors, the load as
/// even as the categories allow; scored, drafted and recused assignments never move,
/// and no juror gets an entry twice (a recusal is final).
pub fn plan(
    entries: &[PlanEntry],
    jurors: &[PlanJuror],
    existing: &[Existing],
    quorum: usize,
    rng: &mut impl Rng,
) -> Plan {
    let active: HashSet<i64> = jurors.iter().map(|j| j.id).collect();
    let category_of: HashMap<i64, i64> = entries.iter().map(|e| (e.id, e.category_id)).collect();
    let mut occupied: HashSet<(i64, i64)> = HashSet::new();
    let mut plan = Plan::default();
    let mut slots = Vec::new();
    for row in existing {
        let live = active.contains(&row.juror_id);
        if !row.recused && !row.scored && !live {
            // The juror left before scoring it: the row goes, the entry needs someone else.
            plan.remove.push((row.entry_id, row.juror_id));
            continue;
        }
        occupied.insert((row.entry_id, row.juror_id));
        if row.recused {
            continue;
        }
        if let Some(&category) = category_of.get(&row.entry_id) {
            slots.push(Slot {
                entry: row.entry_id,
                category,
                juror: row.juror_id,
                original: Some(row.juror_id),
                movable: live && !row.scored && !row.drafted,
            });
        }
    }

    let mut jurors: Vec<&PlanJuror> = jurors.iter().collect();
    // Ties between equally loaded jurors are broken at random, not by id.
    jurors.shuffle(rng);
    let judges = |j: &PlanJuror, category: i64| j.categories.contains(&category);

    if quorum == 0 {
        for juror in &jurors {
            for entry in entries.iter().filter(|e| judges(juror, e.category_id)) {
                if occupied.insert((entry.id, juror.id)) {
                    plan.add.push((entry.id, juror.id));
                }
            }
        }
        return plan;
    }

    let mut load: HashMap<i64, usize> = jurors.iter().map(|j| (j.id, 0)).collect();
    let mut have: HashMap<i64, usize> = HashMap::new();
    for slot in &slots {
        if let Some(n) = load.get_mut(&slot.juror) {
            *n += 1;
        }
        *have.entry(slot.entry).or_default() += 1;
    }

    // Fill: each entry, in random order, takes the least-loaded free jurors.
    let mut order: Vec<&PlanEntry> = entries.iter().collect();
    order.shuffle(rng);
    for entry in order {
        let mut missing = quorum.saturating_sub(have.get(&entry.id).copied().unwrap_or(0));
        while missing > 0 {
            let pick = jurors
                .iter()
                .filter(|j| judges(j, entry.category_id) && !occupied.contains(&(entry.id, j.id)))
                .min_by_key(|j| load[&j.id]);
            let Some(juror) = pick else { break };
            occupied.insert((entry.id, juror.id));
            *load.entry(juror.id).or_default() += 1;
            slots.push(Slot {
                entry: entry.id,
                category: entry.category_id,
                juror: juror.id,
                original: None,
                movable: true,
            });
            missing -= 1;
        }
    }

    // Level: move unscored work from a juror to one with at least two fewer.
    // Each move lowers the sum of squared loads, so this ends.
    loop {
        let mut moved = false;
        for slot in slots.iter_mut().filter(|s| s.movable) {
            let from_load = load[&slot.juror];
            let target = jurors
                .iter()
                .filter(|j| {
                    judges(j, slot.category)
                        && load[&j.id] + 1 < from_load
                        && !occupied.contains(&(slot.entry, j.id))
                })
                .min_by_key(|j| load[&j.id]);
            if let Some(to) = target {
                occupied.remove(&(slot.entry, slot.juror));
                occupied.insert((slot.entry, to.id));
                *load.entry(slot.juror).or_default() -= 1;
                *load.entry(to.id).or_default() += 1;
                slot.juror = to.id;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }

    for slot in slots {
        match slot.original {
            None => plan.add.push((slot.entry, slot.juror)),
            Some(original) if original != slot.juror => {
                plan.remove.push((slot.entry, original));
                plan.add.push((slot.entry, slot.juror));
            }
            Some(_) => {}
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn entries(n: i64, category: i64) -> Vec<PlanEntry> {
        (1..=n)
            .map(|id| PlanEntry {
                id: id + category * 1000,
                category_id: category,
            })
            .collect()
    }

    fn juror(id: i64, categories: &[i64]) -> PlanJuror {
        PlanJuror {
            id,
            categories: categories.to_vec(),
        }
    }

    fn as_existing(plan: &Plan) -> Vec<Existing> {
        plan.add
            .iter()
            .map(|&(entry_id, juror_id)| Existing {
                entry_id,
                juror_id,
                scored: false,
                drafted: false,
                recused: false,
            })
            .collect()
    }

    fn loads(rows: &[Existing]) -> HashMap<i64, usize> {
        let mut loads = HashMap::new();
        for r in rows.iter().filter(|r| !r.recused) {
            *loads.entry(r.juror_id).or_default() += 1;
        }
        loads
    }

    /// Applies a plan to a list of rows, as the database would.
    fn apply(rows: &mut Vec<Existing>, plan: &Plan) {
        rows.retain(|r| !plan.remove.contains(&(r.entry_id, r.juror_id)));
        rows.extend(as_existing(&Plan {
            remove: vec![],
            add: plan.add.clone(),
        }));
    }

    #[test]
    fn every_juror_gets_every_entry_of_their_categories_by_default() {
        let mut all = entries(4, 1);
        all.extend(entries(3, 2));
        let jurors = [juror(10, &[1]), juror(11, &[1, 2]), juror(12, &[2])];
        let plan = plan(&all, &jurors, &[], 0, &mut StdRng::seed_from_u64(1));
        let loads = loads(&as_existing(&plan));
        assert_eq!((loads[&10], loads[&11], loads[&12]), (4, 7, 3));
        let unique: HashSet<_> = plan.add.iter().collect();
        assert_eq!(unique.len(), plan.add.len());
    }

    #[test]
    fn a_quorum_gives_each_entry_k_different_jurors_with_even_load() {
        let all = entries(50, 1);
        let jurors: Vec<_> = (1..=7).map(|id| juror(id, &[1])).collect();
        let plan = plan(&all, &jurors, &[], 3, &mut StdRng::seed_from_u64(7));
        let rows = as_existing(&plan);
        for e in &all {
            let on: HashSet<_> = rows
                .iter()
                .filter(|r| r.entry_id == e.id)
                .map(|r| r.juror_id)
                .collect();
            assert_eq!(on.len(), 3, "entry {}", e.id);
        }
        let loads = loads(&rows);
        let (min, max) = (loads.values().min(), loads.values().max());
        assert!(max.unwrap() - min.unwrap() <= 1, "{loads:?}");
    }

    #[test]
    fn a_new_juror_takes_unscored_work_and_scored_work_stays() {
        let all = entries(30, 1);
        let first: Vec<_> = (1..=3).map(|id| juror(id, &[1])).collect();
        let mut rng = StdRng::seed_from_u64(3);
        let mut rows = as_existing(&plan(&all, &first, &[], 2, &mut rng));
        // Juror 1 has scored everything of theirs.
        for r in rows.iter_mut().filter(|r| r.juror_id == 1) {
            r.scored = true;
        }
        let scored_before: Vec<_> = rows
            .iter()
            .filter(|r| r.scored)
            .map(|r| r.entry_id)
            .collect();
        let mut all_four = first.clone();
        all_four.push(juror(4, &[1]));
        let step = plan(&all, &all_four, &rows, 2, &mut rng);
        assert!(step.remove.iter().all(|&(_, j)| j != 1), "{step:?}");
        apply(&mut rows, &step);
        // Juror 1's twenty scored entries stay; the other forty spread evenly.
        let loads = loads(&rows);
        assert_eq!(loads[&1], 20, "{loads:?}");
        let rest = [loads[&2], loads[&3], loads[&4]];
        assert_eq!(rest.iter().sum::<usize>(), 40);
        assert!(
            rest.iter().max().unwrap() - rest.iter().min().unwrap() <= 1,
            "{loads:?}"
        );
        for entry in scored_before {
            assert!(
                rows.iter()
                    .any(|r| r.entry_id == entry && r.juror_id == 1 && r.scored)
            );
        }
        for e in &all {
            assert_eq!(rows.iter().filter(|r| r.entry_id == e.id).count(), 2);
        }
    }

    #[test]
    fn a_recusal_is_reassigned_to_someone_else_never_back() {
        let all = entries(6, 1);
        let jurors: Vec<_> = (1..=3).map(|id| juror(id, &[1])).collect();
        let mut rng = StdRng::seed_from_u64(9);
        let mut rows = as_existing(&plan(&all, &jurors, &[], 2, &mut rng));
        let victim = rows[0];
        rows[0].recused = true;
        let step = plan(&all, &jurors, &rows, 2, &mut rng);
        apply(&mut rows, &step);
        let on: Vec<_> = rows
            .iter()
            .filter(|r| r.entry_id == victim.entry_id && !r.recused)
            .map(|r| r.juror_id)
            .collect();
        assert_eq!(on.len(), 2);
        assert!(!on.contains(&victim.juror_id));
    }

    #[test]
    fn a_new_juror_never_takes_an_entry_someone_has_begun_to_score() {
        let all = entries(30, 1);
        let first: Vec<_> = (1..=3).map(|id| juror(id, &[1])).collect();
        let mut rng = StdRng::seed_from_u64(4);
        let mut rows = as_existing(&plan(&all, &first, &[], 2, &mut rng));
        // Juror 2 has typed part of a score for each of theirs.
        for r in rows.iter_mut().filter(|r| r.juror_id == 2) {
            r.drafted = true;
        }
        let mut all_four = first.clone();
        all_four.push(juror(4, &[1]));
        let step = plan(&all, &all_four, &rows, 2, &mut rng);
        assert!(step.remove.iter().all(|&(_, j)| j != 2), "{step:?}");
        assert!(!step.remove.is_empty(), "juror 4 gets someone's work");
        apply(&mut rows, &step);
        assert_eq!(loads(&rows)[&2], 20);
    }

    #[test]
    fn a_removed_jurors_unscored_work_moves_and_their_scores_stay() {
        let all = entries(12, 1);
        let jurors: Vec<_> = (1..=4).map(|id| juror(id, &[1])).collect();
        let mut rng = StdRng::seed_from_u64(5);
        let mut rows = as_existing(&plan(&all, &jurors, &[], 2, &mut rng));
        let scored = rows.iter().position(|r| r.juror_id == 4).unwrap();
        rows[scored].scored = true;
        let step = plan(&all, &jurors[..3], &rows, 2, &mut rng);
        apply(&mut rows, &step);
        assert_eq!(rows.iter().filter(|r| r.juror_id == 4).count(), 1);
        for e in &all {
            assert_eq!(rows.iter().filter(|r| r.entry_id == e.id).count(), 2);
        }
    }

    #[test]
    fn an_entry_short_of_eligible_jurors_keeps_the_ones_it_can_get() {
        let all = entries(2, 1);
        let plan = plan(
            &all,
            &[juror(1, &[1]), juror(2, &[2])],
            &[],
            3,
            &mut StdRng::seed_from_u64(2),
        );
        assert_eq!(plan.add.len(), 2);
        assert!(plan.add.iter().all(|&(_, j)| j == 1));
    }
}
