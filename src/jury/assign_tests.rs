//! The planner's rules, each on its own: defaults, quorum, moves, recusals,
//! a lowered quorum.

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
fn a_lowered_quorum_takes_unscored_surplus_away_and_keeps_every_score() {
    let entries = entries(6, 1);
    let jurors: Vec<PlanJuror> = (1..=3).map(|id| juror(id, &[1])).collect();
    let mut rows = as_existing(&plan(
        &entries,
        &jurors,
        &[],
        0,
        &mut StdRng::seed_from_u64(3),
    ));
    assert_eq!(rows.len(), 18);
    // Juror 1 scored three entries.
    for row in rows.iter_mut().filter(|r| r.juror_id == 1).take(3) {
        row.scored = true;
    }
    let lowered = plan(&entries, &jurors, &rows, 1, &mut StdRng::seed_from_u64(4));
    apply(&mut rows, &lowered);
    assert_eq!(rows.len(), 6, "one juror per entry");
    assert_eq!(
        rows.iter().filter(|r| r.scored).count(),
        3,
        "the scores stay"
    );
    for e in &entries {
        assert_eq!(rows.iter().filter(|r| r.entry_id == e.id).count(), 1);
    }
    // Juror 1 keeps the three they scored; the others share the rest.
    let loads = loads(&rows);
    assert_eq!(loads[&1], 3, "{loads:?}");
    assert!(loads[&2].abs_diff(loads[&3]) <= 1, "{loads:?}");
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
