//! Drafts: what a juror has typed for an entry, kept as they type (one per
//! assignment), so that "Next →", "← All entries", closing the tab or a
//! dropped connection lose nothing. A draft in which every criterion has a
//! value within its scale is the score itself; until then the entry is "not
//! complete" and any earlier complete score still counts. The page that
//! takes them is `draft_page`.

use crate::contests::structure::Criterion;
use crate::db::Db;
use crate::jury::access::lock_while_judging;
use crate::jury::scores::{MAX_COMMENT_CHARS, Saved};

/// Longest text kept for one criterion: a score is a few digits, and this
/// only bounds what a form may make the server store.
pub const MAX_SCORE_CHARS: usize = 12;

/// Why a draft was not kept (nothing changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftRefusal {
    /// A score field longer than any score.
    ScoreTooLong,
    /// A comment over the limit.
    CommentTooLong,
}

crate::i18n::localized_error!(DraftRefusal);

impl DraftRefusal {
    /// What the juror is told.
    pub fn msg(self) -> crate::i18n::Msg {
        match self {
            Self::ScoreTooLong => crate::i18n::Msg::new("jury-score-too-long"),
            Self::CommentTooLong => {
                crate::i18n::Msg::new("jury-comment-too-long").arg("max", MAX_COMMENT_CHARS)
            }
        }
    }
}

/// What a juror typed, field by field: `c{criterion id}` for the contest's
/// criteria and `comment`, nothing else, as typed (the comment cleaned of
/// control and bidi characters like every stored text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    fields: Vec<(String, String)>,
}

impl Draft {
    /// The criteria's fields and the comment of a submitted form.
    pub fn from_form(
        criteria: &[Criterion],
        form: &[(String, String)],
    ) -> Result<Self, DraftRefusal> {
        let find = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        let mut fields = Vec::new();
        for criterion in criteria {
            let key = format!("c{}", criterion.id);
            if let Some(value) = find(&key) {
                let value = value.trim();
                if value.chars().count() > MAX_SCORE_CHARS {
                    return Err(DraftRefusal::ScoreTooLong);
                }
                fields.push((key, value.to_owned()));
            }
        }
        let comment = find("comment")
            .map(|c| crate::web::text::clean(c))
            .unwrap_or_default();
        if comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(DraftRefusal::CommentTooLong);
        }
        fields.push(("comment".to_owned(), comment));
        Ok(Self { fields })
    }

    /// A stored draft; anything unreadable reads as empty (it was ours).
    pub fn from_stored(json: &str) -> Self {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).unwrap_or_default();
        let fields = map
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_str()?.to_owned())))
            .collect();
        Self { fields }
    }

    fn to_stored(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// The text typed in field `key` (`c{id}` or `comment`), if any.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The fields, as a form would send them.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }

    /// How many of `criteria` have something typed.
    pub fn typed(&self, criteria: &[Criterion]) -> usize {
        criteria
            .iter()
            .filter(|c| {
                self.value(&format!("c{}", c.id))
                    .is_some_and(|v| !v.is_empty())
            })
            .count()
    }
}

/// Keeps a draft for the juror's assignment to `entry_id`, under the
/// judging lock like a score: nothing is written once judging has ended.
pub async fn keep(
    db: &Db,
    contest_id: i64,
    juror_id: i64,
    entry_id: i64,
    draft: &Draft,
    now: i64,
) -> Result<Saved, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if !lock_while_judging(&mut tx, contest_id).await? {
        return Ok(Saved::Locked);
    }
    let kept = sqlx::query(
        "UPDATE assignments SET draft = $1, draft_at = $2 \
         WHERE juror_id = $3 AND entry_id = $4 AND contest_id = $5 AND recused_at IS NULL",
    )
    .bind(draft.to_stored())
    .bind(now)
    .bind(juror_id)
    .bind(entry_id)
    .bind(contest_id)
    .execute(&mut *tx)
    .await?;
    if kept.rows_affected() != 1 {
        return Ok(Saved::NotAssigned);
    }
    tx.commit().await?;
    Ok(Saved::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Criterion> {
        [7, 8]
            .into_iter()
            .map(|id| Criterion {
                id,
                name: format!("C{id}"),
                description: String::new(),
                weight: 1.0,
                scale_min: 1,
                scale_max: 10,
            })
            .collect()
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_draft_keeps_the_criteria_and_the_comment_as_typed_and_nothing_else() {
        let sent = form(&[
            ("csrf", "t"),
            ("c7", " 8 "),
            ("c8", "eleven"),
            ("c9", "3"),
            ("comment", "good light\u{202e}"),
        ]);
        let draft = Draft::from_form(&criteria(), &sent).unwrap();
        assert_eq!(draft.value("c7"), Some("8"));
        assert_eq!(draft.value("c8"), Some("eleven"));
        assert_eq!(draft.value("c9"), None);
        assert_eq!(draft.value("csrf"), None);
        assert_eq!(draft.value("comment"), Some("good light"));
        assert_eq!(draft.typed(&criteria()), 2);
        assert_eq!(Draft::from_stored(&draft.to_stored()), draft);
    }

    #[test]
    fn an_oversized_field_is_refused_and_a_damaged_draft_reads_as_empty() {
        let long = "9".repeat(MAX_SCORE_CHARS + 1);
        let refused = Draft::from_form(&criteria(), &form(&[("c7", &long)]));
        assert_eq!(refused, Err(DraftRefusal::ScoreTooLong));
        let comment = "x".repeat(MAX_COMMENT_CHARS + 1);
        let refused = Draft::from_form(&criteria(), &form(&[("comment", &comment)]));
        assert_eq!(refused, Err(DraftRefusal::CommentTooLong));
        assert_eq!(Draft::from_stored("{not json").fields(), &[]);
        assert_eq!(Draft::from_stored("{\"c7\": 5}").value("c7"), None);
    }
}
