//! A contest's categories and scoring criteria: rows, form parsing, queries.

use crate::db::Db;

/// An entry category, e.g. "University students".
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Category {
    /// Row id.
    pub id: i64,
    /// Shown to participants and jurors.
    pub name: String,
    /// Who the category is for.
    pub description: String,
    /// 1 when participants must name their university.
    pub requires_university: i64,
    /// Overrides the contest's photos-per-portfolio limit.
    pub max_photos: Option<i64>,
}

impl Category {
    /// Whether participants must name their university.
    pub fn needs_university(&self) -> bool {
        self.requires_university == 1
    }
}

/// A scoring criterion with its weight and scale, e.g. "Artistic merit", 1–10.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Criterion {
    /// Row id.
    pub id: i64,
    /// Shown to jurors.
    pub name: String,
    /// What jurors should look for.
    pub description: String,
    /// Relative weight in the weighted mean.
    pub weight: f64,
    /// Lowest score.
    pub scale_min: i64,
    /// Highest score.
    pub scale_max: i64,
}

/// The weighted mean of one juror's scores over the criteria, given as
/// (id, weight): `None` if a criterion has no score, or no criterion has a
/// weight. The one formula the scoring page and the results both use.
pub fn weighted_mean(
    criteria: impl IntoIterator<Item = (i64, f64)>,
    score: impl Fn(i64) -> Option<i64>,
) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (id, weight) in criteria {
        sum += weight * score(id)? as f64;
        weights += weight;
    }
    (weights > 0.0).then(|| sum / weights)
}

/// A validated new category.
#[derive(Debug, Clone)]
pub struct NewCategory {
    /// See [`Category::name`].
    pub name: String,
    /// See [`Category::description`].
    pub description: String,
    /// See [`Category::requires_university`].
    pub requires_university: bool,
    /// See [`Category::max_photos`].
    pub max_photos: Option<i64>,
}

impl NewCategory {
    /// Parses the admin form's fields; errors are messages for the admin.
    pub fn parse(
        name: &str,
        description: &str,
        requires_university: bool,
        max_photos: &str,
    ) -> Result<Self, Vec<crate::i18n::Msg>> {
        use crate::i18n::Msg;
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            errors.push(Msg::new("adm-category-name"));
        }
        let max_photos = match max_photos.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if (1..=100).contains(&n) => Some(n),
                _ => {
                    errors.push(Msg::new("adm-category-max-photos"));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(Self {
                name: name.to_owned(),
                description: description.trim().to_owned(),
                requires_university,
                max_photos,
            })
        } else {
            Err(errors)
        }
    }
}

/// A validated new criterion.
#[derive(Debug, Clone)]
pub struct NewCriterion {
    /// See [`Criterion::name`].
    pub name: String,
    /// See [`Criterion::description`].
    pub description: String,
    /// See [`Criterion::weight`].
    pub weight: f64,
    /// See [`Criterion::scale_min`].
    pub scale_min: i64,
    /// See [`Criterion::scale_max`].
    pub scale_max: i64,
}

impl NewCriterion {
    /// Parses the admin form's fields; errors are messages for the admin.
    pub fn parse(
        name: &str,
        description: &str,
        weight: &str,
        scale_min: &str,
        scale_max: &str,
    ) -> Result<Self, Vec<crate::i18n::Msg>> {
        use crate::i18n::Msg;
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            errors.push(Msg::new("adm-criterion-name"));
        }
        let weight = weight
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|w| w.is_finite() && *w > 0.0 && *w <= 1000.0);
        if weight.is_none() {
            errors.push(Msg::new("adm-criterion-weight"));
        }
        let min = scale_min
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=1000).contains(n));
        let max = scale_max
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1000).contains(n));
        let scale = match (min, max) {
            (Some(min), Some(max)) if min < max => Some((min, max)),
            _ => {
                errors.push(Msg::new("adm-criterion-scale"));
                None
            }
        };
        match (weight, scale) {
            (Some(weight), Some((scale_min, scale_max))) if errors.is_empty() => Ok(Self {
                name: name.to_owned(),
                description: description.trim().to_owned(),
                weight,
                scale_min,
                scale_max,
            }),
            _ => Err(errors),
        }
    }
}

/// The name of the category `id` among `categories` ("" if it is not there).
pub fn category_name(categories: &[Category], id: i64) -> String {
    categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// The categories of a contest, in order.
pub async fn categories_of(db: &Db, contest_id: i64) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, description, requires_university, max_photos FROM categories \
         WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// The scoring criteria of a contest, in order.
pub async fn criteria_of(db: &Db, contest_id: i64) -> Result<Vec<Criterion>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, description, weight, scale_min, scale_max FROM criteria \
         WHERE contest_id = $1 ORDER BY position, id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await
}

/// Adds a category at the end; `false` if the name is taken in this contest.
pub async fn add_category(db: &Db, contest_id: i64, c: &NewCategory) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO categories (contest_id, name, description, requires_university, max_photos, position) \
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories WHERE contest_id = $1))",
    )
    .bind(contest_id)
    .bind(&c.name)
    .bind(&c.description)
    .bind(i64::from(c.requires_university))
    .bind(c.max_photos)
    .execute(&db.pool)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if crate::db::is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Adds a criterion at the end; `false` if the name is taken in this contest.
pub async fn add_criterion(
    db: &Db,
    contest_id: i64,
    c: &NewCriterion,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO criteria (contest_id, name, description, weight, scale_min, scale_max, position) \
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(position), 0) + 1 FROM criteria WHERE contest_id = $1))",
    )
    .bind(contest_id)
    .bind(&c.name)
    .bind(&c.description)
    .bind(c.weight)
    .bind(c.scale_min)
    .bind(c.scale_max)
    .execute(&db.pool)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if crate::db::is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Deletes a category of this contest; returns its name, `None` if no such
/// category belongs to the contest (a forged or foreign id).
pub async fn delete_category(
    db: &Db,
    contest_id: i64,
    category_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM categories WHERE id = $1 AND contest_id = $2 RETURNING name")
        .bind(category_id)
        .bind(contest_id)
        .fetch_optional(&db.pool)
        .await
}

/// Deletes a criterion of this contest; returns its name, `None` if no such
/// criterion belongs to the contest.
pub async fn delete_criterion(
    db: &Db,
    contest_id: i64,
    criterion_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM criteria WHERE id = $1 AND contest_id = $2 RETURNING name")
        .bind(criterion_id)
        .bind(contest_id)
        .fetch_optional(&db.pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_criterion_needs_a_positive_weight_and_an_ordered_scale() {
        let ok = NewCriterion::parse("Artistic merit", "", "2.5", "1", "10").unwrap();
        assert_eq!((ok.weight, ok.scale_min, ok.scale_max), (2.5, 1, 10));
        assert!(NewCriterion::parse("X", "", "0", "1", "10").is_err());
        assert!(NewCriterion::parse("X", "", "NaN", "1", "10").is_err());
        assert!(NewCriterion::parse("X", "", "1", "10", "1").is_err());
        assert!(NewCriterion::parse(" ", "", "1", "1", "10").is_err());
    }

    #[test]
    fn a_category_limit_is_optional_but_bounded() {
        assert_eq!(
            NewCategory::parse("Students", "", true, "")
                .unwrap()
                .max_photos,
            None
        );
        assert_eq!(
            NewCategory::parse("Students", "", true, "8")
                .unwrap()
                .max_photos,
            Some(8)
        );
        assert!(NewCategory::parse("Students", "", true, "0").is_err());
        assert!(NewCategory::parse("", "", true, "").is_err());
    }
}
