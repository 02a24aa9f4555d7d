//! Awards per category (1st, 2nd, 3rd, honourable mentions) and the
//! exhibition selection. The form starts from what the ranking suggests; any
//! departure from it needs a reason, which goes into the audit log.

use std::collections::{BTreeMap, HashMap};

use crate::contests::queries::Contest;
use crate::db::Db;
use crate::results::snapshot::Snapshot;

/// An award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Award {
    /// 1st prize.
    First,
    /// 2nd prize.
    Second,
    /// 3rd prize.
    Third,
    /// Honourable mention.
    Mention,
}

impl Award {
    /// Every award, best first.
    pub const ALL: [Award; 4] = [Award::First, Award::Second, Award::Third, Award::Mention];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Award::First => "first",
            Award::Second => "second",
            Award::Third => "third",
            Award::Mention => "mention",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Award::First => "1st prize",
            Award::Second => "2nd prize",
            Award::Third => "3rd prize",
            Award::Mention => "Honourable mention",
        }
    }

    /// The catalogue key of what people read (`award-first`…).
    pub fn key(self) -> &'static str {
        match self {
            Award::First => "award-first",
            Award::Second => "award-second",
            Award::Third => "award-third",
            Award::Mention => "award-mention",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(s: &str) -> Option<Award> {
        Award::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What an entry got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decision {
    /// Its award, if any.
    pub award: Option<Award>,
    /// Selected for the exhibition.
    pub exhibition: bool,
}

/// What the ranking suggests: 1st to 3rd for the top three of each category
/// (in ranking order; a tie the admin settles on the form). Once names are
/// revealed, `author_of` (entry number → participant) makes it one prize per
/// person: an author's lower-ranked photos step aside for the next author.
/// With `normalized`, the order is the normalized ranking's (the admin's choice).
pub fn suggested(
    snapshot: &Snapshot,
    author_of: &HashMap<i64, i64>,
    normalized: bool,
) -> HashMap<i64, Decision> {
    let mut out = HashMap::new();
    for category in &snapshot.categories {
        let mut prizes = [Award::First, Award::Second, Award::Third].into_iter();
        let mut awarded = std::collections::HashSet::new();
        let mut lines: Vec<_> = category.entries.iter().filter(|l| l.jurors > 0).collect();
        if normalized {
            lines.sort_by_key(|l| (l.normalized_rank, l.number));
        }
        for line in lines {
            if let Some(author) = author_of.get(&line.number)
                && !awarded.insert(*author)
            {
                continue;
            }
            let Some(award) = prizes.next() else { break };
            let decision = Decision {
                award: Some(award),
                exhibition: true,
            };
            out.insert(line.number, decision);
        }
    }
    out
}

/// Entry number → participant id, once names are revealed (empty before).
pub async fn authors_of(db: &Db, contest: &Contest) -> Result<HashMap<i64, i64>, sqlx::Error> {
    Ok(match crate::results::reveal::Revealed::of(contest) {
        Some(key) => crate::results::reveal::authors(db, key)
            .await?
            .into_iter()
            .map(|(number, a)| (number, a.participant_id))
            .collect(),
        None => HashMap::new(),
    })
}

/// The saved decisions, by entry number (empty until the admin saves).
pub async fn saved(db: &Db, contest_id: i64) -> Result<HashMap<i64, Decision>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT e.number, a.award, a.exhibition FROM awards a JOIN entries e ON e.id = a.entry_id \
         WHERE a.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(number, award, exhibition)| {
            let decision = Decision {
                award: award.as_deref().and_then(Award::parse),
                exhibition: exhibition == 1,
            };
            (number, decision)
        })
        .collect())
}

/// The awards form, read.
#[derive(Debug, Clone, Default)]
pub struct AwardsForm {
    /// Entry number → decision (entries with neither left out).
    pub chosen: HashMap<i64, Decision>,
    /// Why the awards depart from the ranking, if they do.
    pub reason: String,
    /// Whether participants will see the jurors' comments.
    pub share_feedback: bool,
    /// Whether the suggestion follows the normalized ranking.
    pub normalized: bool,
}

/// Reads the form: `award-N` (an award name or empty) and `exhibit-N` (1)
/// for the entries of the snapshot, `reason` and `share_feedback`; an entry
/// number not in the results is refused.
pub fn parse_form(
    snapshot: &Snapshot,
    fields: &[(String, String)],
) -> Result<AwardsForm, crate::i18n::Msg> {
    use crate::i18n::Msg;
    let mut form = AwardsForm::default();
    for (name, value) in fields {
        match name.as_str() {
            "reason" => form.reason = value.trim().to_owned(),
            "share_feedback" => form.share_feedback = value == "1",
            "basis" => form.normalized = value == "normalized",
            _ => {}
        }
    }
    let category_of: HashMap<i64, &str> = snapshot
        .categories
        .iter()
        .flat_map(|c| c.entries.iter().map(|e| (e.number, c.name.as_str())))
        .collect();
    let mut out: HashMap<i64, Decision> = HashMap::new();
    for (name, value) in fields {
        let (kind, number) = match name.split_once('-') {
            Some((kind @ ("award" | "exhibit"), n)) => (kind, n),
            _ => continue,
        };
        let number: i64 = number
            .parse()
            .ok()
            .filter(|n| category_of.contains_key(n))
            .ok_or_else(|| Msg::new("awards-no-entry").arg("number", number))?;
        let decision = out.entry(number).or_default();
        if kind == "exhibit" {
            decision.exhibition = value == "1";
        } else if !value.is_empty() {
            decision.award =
                Some(Award::parse(value).ok_or_else(|| Msg::new("awards-not-an-award"))?);
        }
    }
    let mut taken: BTreeMap<(&str, Award), Vec<i64>> = BTreeMap::new();
    for (number, d) in &out {
        if let (Some(award), Some(category)) = (d.award, category_of.get(number)) {
            taken.entry((category, award)).or_default().push(*number);
        }
    }
    for ((category, award), mut numbers) in taken {
        if award != Award::Mention && numbers.len() > 1 {
            numbers.sort_unstable();
            return Err(Msg::new("awards-one-entry-only")
                .arg("category", category)
                .arg("award", award.as_str())
                .arg("numbers", numbers_list(&numbers)));
        }
    }
    out.retain(|_, d| d.award.is_some() || d.exhibition);
    form.chosen = out;
    Ok(form)
}

/// Entry numbers as people read them in a message: `12345, 23456` (never
/// grouped by thousands, so each is written as a number argument is not).
pub fn numbers_list(numbers: &[i64]) -> String {
    numbers
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The entries whose award differs from the ranking's suggestion.
pub fn departures(suggested: &HashMap<i64, Decision>, chosen: &HashMap<i64, Decision>) -> Vec<i64> {
    let mut numbers: Vec<i64> = suggested.keys().chain(chosen.keys()).copied().collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .retain(|n| suggested.get(n).and_then(|d| d.award) != chosen.get(n).and_then(|d| d.award));
    numbers
}

pub use crate::results::awards_save::{AwardsRefusal, save};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::compute::Ranked;
    use crate::results::snapshot::CategoryResults;

    fn snapshot(numbers: &[i64]) -> Snapshot {
        let entries = numbers
            .iter()
            .enumerate()
            .map(|(i, &number)| Ranked {
                number,
                rank: i + 1,
                mean: 9.0 - i as f64,
                median: 0.0,
                jurors: 2,
                top_marks: 0,
                tie: false,
                normalized: 0.0,
                normalized_rank: i + 1,
                sheets: Default::default(),
            })
            .collect();
        Snapshot {
            contest: "c".into(),
            finalized_at: 0,
            override_reason: String::new(),
            criteria: Vec::new(),
            jurors: Vec::new(),
            categories: vec![CategoryResults {
                name: "Artists".into(),
                entries,
            }],
        }
    }

    fn award(map: &HashMap<i64, Decision>, n: i64) -> Option<Award> {
        map.get(&n).and_then(|d| d.award)
    }

    #[test]
    fn the_top_three_are_suggested_and_once_names_are_known_one_prize_per_person() {
        let snap = snapshot(&[11, 22, 33, 44]);
        let blind = suggested(&snap, &HashMap::new(), false);
        assert_eq!(award(&blind, 11), Some(Award::First));
        assert_eq!(award(&blind, 33), Some(Award::Third));
        assert_eq!(award(&blind, 44), None);
        // 11 and 22 are by the same photographer: 22 steps aside.
        let authors = HashMap::from([(11, 1), (22, 1), (33, 2), (44, 3)]);
        let revealed = suggested(&snap, &authors, false);
        assert_eq!(award(&revealed, 22), None);
        assert_eq!(award(&revealed, 33), Some(Award::Second));
        assert_eq!(award(&revealed, 44), Some(Award::Third));
    }

    #[test]
    fn the_admin_can_have_the_suggestion_follow_the_normalized_ranking() {
        let mut snap = snapshot(&[11, 22, 33]);
        for (line, rank) in snap.categories[0].entries.iter_mut().zip([3, 1, 2]) {
            line.normalized_rank = rank;
        }
        let by_normalized = suggested(&snap, &HashMap::new(), true);
        assert_eq!(award(&by_normalized, 22), Some(Award::First));
        assert_eq!(award(&by_normalized, 33), Some(Award::Second));
        assert_eq!(award(&by_normalized, 11), Some(Award::Third));
    }

    #[test]
    fn the_form_refuses_unknown_entries_awards_and_a_prize_given_twice() {
        let snap = snapshot(&[11, 22]);
        let field = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let form = parse_form(
            &snap,
            &[
                field("award-11", "second"),
                field("exhibit-22", "1"),
                field("reason", " r "),
            ],
        )
        .unwrap();
        assert_eq!(award(&form.chosen, 11), Some(Award::Second));
        assert!(form.chosen[&22].exhibition && form.chosen[&22].award.is_none());
        assert_eq!(form.reason, "r");
        assert_eq!(
            departures(&suggested(&snap, &HashMap::new(), false), &form.chosen),
            vec![11, 22]
        );
        assert!(parse_form(&snap, &[field("award-99", "first")]).is_err());
        assert!(parse_form(&snap, &[field("award-11", "gold")]).is_err());
        let twice = [field("award-11", "first"), field("award-22", "first")];
        let refused = parse_form(&snap, &twice).unwrap_err().to_string();
        assert!(
            refused.contains("1st prize can go to one entry only, not to 11, 22"),
            "{refused}"
        );
        let mentions = [field("award-11", "mention"), field("award-22", "mention")];
        assert!(parse_form(&snap, &mentions).is_ok());
    }
}
