//! The rounds page's tables: every round's line, and the close previews
//! (a shortlisting round's thresholds and top N, the criteria round's
//! finalists), each from one grouped read.

use std::collections::HashMap;

use crate::contests::model::{Phase, describe_time};
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, Round, Stage};
use crate::contests::structure;
use crate::i18n::{Lang, Msg};
use crate::jury::ballots;
use crate::results::finalists;
use crate::results::tally::{self, Rule};
use crate::{error::AppError, state::AppState};

/// A category in the close preview.
pub struct CategoryPreview {
    /// Its id (the form's field names use it).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Entries in the round.
    pub entries: usize,
    /// Each mean that occurs, best first, as (rule, 0.5, 12 entries).
    pub thresholds: Vec<(String, f64, usize)>,
    /// The rule asked for, as the form writes it.
    pub chosen: String,
    /// The top N typed, if any.
    pub top: String,
    /// How many entries the chosen rule advances.
    pub advancing: Option<usize>,
}

/// A line of the rounds table.
pub struct RoundRow {
    /// 1, 2, …
    pub position: i64,
    /// What it judges, in the reader's words.
    pub kind: String,
    /// "every juror of the category", or a number.
    pub jurors: String,
    /// The planned close ('' if none).
    pub deadline: String,
    /// "closed", "open" or "not started".
    pub status: &'static str,
}

/// The table's lines: every round with a row, and the criteria round where
/// it has none (after the shortlisting rounds), in `lang`.
pub fn rows(contest: &Contest, all: &[Round], lang: Lang) -> Vec<RoundRow> {
    let status = |r: &Round| match (r.opened_at, r.closed_at) {
        (_, Some(_)) => "closed",
        (Some(_), None) => "open",
        _ => "not started",
    };
    let criteria_quorum =
        lang.msg(&Msg::new("round-jurors-criteria").arg("n", contest.jury_quorum));
    let stage = rounds::stage_of(all);
    let mut out: Vec<RoundRow> = all
        .iter()
        .map(|r| RoundRow {
            position: r.position,
            kind: lang.text(r.kind.key()),
            jurors: match (r.kind, r.quorum) {
                (Kind::Criteria, _) => criteria_quorum.clone(),
                (_, 0) => lang.text("round-jurors-every"),
                (_, q) => q.to_string(),
            },
            deadline: r
                .deadline_at
                .map(|at| describe_time(at, contest.tz, lang))
                .unwrap_or_default(),
            status: match (r.kind, &stage) {
                (Kind::Criteria, Stage::Criteria { .. }) if contest.phase == Phase::Judging => {
                    "open"
                }
                _ => status(r),
            },
        })
        .collect();
    if !all.iter().any(|r| r.kind == Kind::Criteria) {
        let judging_done = contest.phase.is_judging_or_later() && contest.phase != Phase::Judging;
        out.push(RoundRow {
            position: all.len() as i64 + 1,
            kind: lang.text(Kind::Criteria.key()),
            jurors: criteria_quorum,
            deadline: String::new(),
            status: match (&stage, contest.phase) {
                (Stage::Criteria { .. }, Phase::Judging) => "open",
                _ if judging_done => "closed",
                _ => "not started",
            },
        });
    }
    out
}

/// The criteria round's close preview: per category, the score thresholds
/// that send at most 60 entries to the ranking round, and how many the
/// rule chosen (a threshold or the best N typed, ties at the cut counting)
/// would send.
pub async fn finalists_preview(
    state: &AppState,
    contest_id: i64,
    categories: &[structure::Category],
    fields: &HashMap<String, String>,
) -> Result<Vec<CategoryPreview>, AppError> {
    let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let rules = rules_of(fields, &ids);
    let mut conn = state.db.pool.acquire().await?;
    let mut counts = finalists::count(&mut conn, contest_id, &rules, rounds::MAX_RANKED).await?;
    Ok(categories
        .iter()
        .map(|c| {
            let rule = rules.get(&c.id).copied();
            let counted = counts.remove(&c.id);
            CategoryPreview {
                id: c.id,
                name: c.name.clone(),
                entries: counted.as_ref().map_or(0, |n| n.entries),
                thresholds: counted
                    .as_ref()
                    .map(|n| threshold_choices(&n.thresholds))
                    .unwrap_or_default(),
                chosen: rule.map(|r| r.to_string()).unwrap_or_default(),
                top: match rule {
                    Some(Rule::Top(n)) => n.to_string(),
                    _ => String::new(),
                },
                advancing: counted.and_then(|n| n.advancing),
            }
        })
        .collect())
}

/// The threshold select's options: (rule, 0.5, 12 entries).
fn threshold_choices(thresholds: &[(f64, usize)]) -> Vec<(String, f64, usize)> {
    thresholds
        .iter()
        .map(|(t, n)| (Rule::AtLeast(*t).to_string(), *t, *n))
        .collect()
}

/// The rules a form or query names: `top_{category}` (a number) before
/// `rule_{category}` (`min:X` or `top:N`).
pub fn rules_of(fields: &HashMap<String, String>, categories: &[i64]) -> HashMap<i64, Rule> {
    categories
        .iter()
        .filter_map(|id| {
            let top = fields.get(&format!("top_{id}")).map(|t| t.trim());
            let rule = match top.filter(|t| !t.is_empty()) {
                Some(n) => n.parse().ok().map(Rule::Top),
                None => fields.get(&format!("rule_{id}"))?.parse().ok(),
            };
            rule.map(|r| (*id, r))
        })
        .collect()
}

/// A shortlisting round's close preview: per category, each mean that
/// occurs with how many entries reach it, and what the rule typed advances.
pub async fn shortlist_preview(
    state: &AppState,
    contest_id: i64,
    categories: &[structure::Category],
    fields: &HashMap<String, String>,
    round: &Round,
) -> Result<Vec<CategoryPreview>, AppError> {
    let mut preview = Vec::new();
    let mut means: HashMap<i64, Vec<Option<f64>>> = HashMap::new();
    for (category, sum, count) in
        ballots::sums(&state.db, contest_id, round.id, round.position).await?
    {
        let mean = (count > 0).then(|| sum as f64 / count as f64);
        means.entry(category).or_default().push(mean);
    }
    let ids: Vec<i64> = categories.iter().map(|c| c.id).collect();
    let rules = rules_of(fields, &ids);
    for c in categories {
        let m = means.remove(&c.id).unwrap_or_default();
        let rule = rules.get(&c.id).copied();
        preview.push(CategoryPreview {
            id: c.id,
            name: c.name.clone(),
            entries: m.len(),
            thresholds: threshold_choices(&tally::thresholds(&m)),
            chosen: rule.map(|r| r.to_string()).unwrap_or_default(),
            top: match rule {
                Some(Rule::Top(n)) => n.to_string(),
                _ => String::new(),
            },
            advancing: rule.map(|r| tally::advancing(&m, r).iter().filter(|a| **a).count()),
        });
    }
    Ok(preview)
}
