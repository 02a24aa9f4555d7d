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

    // Trim: a lowered quorum takes surplus work away, work not begun only,
    // from the most loaded jurors first; what was scored stays, even above
    // the quorum.
    let mut movable_of: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, slot) in slots.iter().enumerate().filter(|(_, s)| s.movable) {
        movable_of.entry(slot.entry).or_default().push(i);
    }
    let mut crowded: Vec<(i64, Vec<usize>)> = movable_of
        .into_iter()
        .filter(|(entry, _)| have[entry] > quorum)
        .collect();
    crowded.sort_by_key(|(entry, _)| *entry);
    let mut dropped = vec![false; slots.len()];
    for (entry, mut candidates) in crowded {
        while have[&entry] > quorum {
            candidates.sort_by_key(|i| load[&slots[*i].juror]);
            let Some(i) = candidates.pop() else { break };
            let juror = slots[i].juror;
            dropped[i] = true;
            *have.entry(entry).or_default() -= 1;
            *load.entry(juror).or_default() -= 1;
            occupied.remove(&(entry, juror));
            plan.remove.push((entry, juror));
        }
    }
    let mut kept = dropped.iter();
    slots.retain(|_| !kept.next().copied().unwrap_or(false));

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
#[path = "assign_tests.rs"]
mod tests;
