//! A contest's own text in the languages of its participants: the title,
//! theme, call for entries, rules, and each category's and criterion's name
//! and description. The contest's rows hold them in the contest's own
//! language; `contest_texts` (migration 0018) holds them in the others,
//! item by item. A reader gets their language where the admin gave it, else
//! the contest's own; pages say which with `lang` on the text.

use std::collections::HashMap;

use crate::contests::queries::Contest;
use crate::contests::structure::{Category, Criterion};
use crate::db::Db;
use crate::i18n::Lang;

/// One translatable text of a contest, as `contest_texts.item` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The contest's name.
    Title,
    /// Its theme.
    Theme,
    /// The call for entries.
    Description,
    /// The rules.
    Rules,
    /// A category's name.
    CategoryName(i64),
    /// What a category is for.
    CategoryDescription(i64),
    /// A criterion's name.
    CriterionName(i64),
    /// What jurors look for under a criterion.
    CriterionDescription(i64),
}

impl Item {
    /// The stored name: `title`, `category.12.name`, `criterion.3.description`.
    pub fn key(self) -> String {
        match self {
            Item::Title => "title".into(),
            Item::Theme => "theme".into(),
            Item::Description => "description".into(),
            Item::Rules => "rules".into(),
            Item::CategoryName(id) => format!("category.{id}.name"),
            Item::CategoryDescription(id) => format!("category.{id}.description"),
            Item::CriterionName(id) => format!("criterion.{id}.name"),
            Item::CriterionDescription(id) => format!("criterion.{id}.description"),
        }
    }

    /// Every item of a contest with these categories and criteria, in the
    /// order the admin's form lists them.
    pub fn all(categories: &[Category], criteria: &[Criterion]) -> Vec<Item> {
        let mut items = vec![Item::Title, Item::Theme, Item::Description, Item::Rules];
        for c in categories {
            items.extend([Item::CategoryName(c.id), Item::CategoryDescription(c.id)]);
        }
        for c in criteria {
            items.extend([Item::CriterionName(c.id), Item::CriterionDescription(c.id)]);
        }
        items
    }
}

/// A contest's texts in one language (empty: everything in its own).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The language they are in.
    pub lang: Option<Lang>,
    by_item: HashMap<String, String>,
}

impl Texts {
    /// The text of `item` in this language, if the admin gave it.
    pub fn get(&self, item: Item) -> Option<&str> {
        self.by_item.get(&item.key()).map(String::as_str)
    }

    /// The contest's title, theme, call and rules in this language where
    /// given; returns the language the title is now in.
    pub fn contest(&self, contest: &mut Contest) -> Lang {
        let mut shown = contest.lang;
        for (item, field) in [
            (Item::Title, &mut contest.title),
            (Item::Theme, &mut contest.theme),
            (Item::Description, &mut contest.description),
            (Item::Rules, &mut contest.rules),
        ] {
            if let Some(text) = self.get(item) {
                text.clone_into(field);
                if item == Item::Title {
                    shown = self.lang.unwrap_or(shown);
                }
            }
        }
        shown
    }

    /// Category names and descriptions in this language where given.
    pub fn categories(&self, categories: &mut [Category]) {
        for c in categories {
            if let Some(text) = self.get(Item::CategoryName(c.id)) {
                text.clone_into(&mut c.name);
            }
            if let Some(text) = self.get(Item::CategoryDescription(c.id)) {
                text.clone_into(&mut c.description);
            }
        }
    }

    /// Criterion names and descriptions in this language where given.
    pub fn criteria(&self, criteria: &mut [Criterion]) {
        for c in criteria {
            if let Some(text) = self.get(Item::CriterionName(c.id)) {
                text.clone_into(&mut c.name);
            }
            if let Some(text) = self.get(Item::CriterionDescription(c.id)) {
                text.clone_into(&mut c.description);
            }
        }
    }
}

/// The contest's texts in `lang` (nothing to read when it is the contest's
/// own language): one indexed read.
pub async fn texts(db: &Db, contest: &Contest, lang: Lang) -> Result<Texts, sqlx::Error> {
    if lang == contest.lang {
        return Ok(Texts::default());
    }
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT item, text FROM contest_texts WHERE contest_id = $1 AND lang = $2")
            .bind(contest.id)
            .bind(lang.code())
            .fetch_all(&db.pool)
            .await?;
    Ok(Texts {
        lang: Some(lang),
        by_item: rows.into_iter().collect(),
    })
}

/// The contest in `lang`: its own fields replaced where translated.
pub async fn localized(db: &Db, mut contest: Contest, lang: Lang) -> Result<Contest, sqlx::Error> {
    texts(db, &contest, lang).await?.contest(&mut contest);
    Ok(contest)
}

/// The contest's categories in `lang`.
pub async fn categories_in(
    db: &Db,
    contest: &Contest,
    lang: Lang,
) -> Result<Vec<Category>, sqlx::Error> {
    let mut categories = crate::contests::structure::categories_of(db, contest.id).await?;
    texts(db, contest, lang).await?.categories(&mut categories);
    Ok(categories)
}

/// The contest's criteria in `lang` (what jurors score by, in theirs).
pub async fn criteria_in(
    db: &Db,
    contest: &Contest,
    lang: Lang,
) -> Result<Vec<Criterion>, sqlx::Error> {
    let mut criteria = crate::contests::structure::criteria_of(db, contest.id).await?;
    texts(db, contest, lang).await?.criteria(&mut criteria);
    Ok(criteria)
}

/// Replaces the contest's texts in `lang` by `given` (item, text); an empty
/// text removes the item (the contest's own language shows instead).
pub async fn save(
    db: &Db,
    contest_id: i64,
    lang: Lang,
    given: &[(Item, String)],
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM contest_texts WHERE contest_id = $1 AND lang = $2")
        .bind(contest_id)
        .bind(lang.code())
        .execute(&mut *tx)
        .await?;
    for (item, text) in given.iter().filter(|(_, t)| !t.trim().is_empty()) {
        sqlx::query(
            "INSERT INTO contest_texts (contest_id, lang, item, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(contest_id)
        .bind(lang.code())
        .bind(item.key())
        .bind(text.trim())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Sets the contest's own language (the one its rows are written in).
pub async fn set_own_language(db: &Db, contest_id: i64, lang: Lang) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE contests SET lang = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(contest_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
