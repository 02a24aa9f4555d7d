//! Which portfolios the screening page lists: a filter by flag, by category
//! and by status, fifty to a page, so that screening a contest of thousands
//! reads one page of rows, not the whole contest.

use serde::Deserialize;

use crate::contests::structure::Category;
use crate::db::Db;
use crate::submissions::queries::{self, Portfolio};

/// Portfolios per screening page.
pub const PER_PAGE: i64 = 50;

/// The filters of the screening page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Show {
    /// Every portfolio.
    #[default]
    All,
    /// Texts that may name their author.
    Names,
    /// A photo like another participant's (or from the same camera).
    Alike,
    /// Disqualified.
    Disqualified,
}

impl Show {
    /// Every filter, in the order of the page's links.
    pub const ALL: [Show; 4] = [Show::All, Show::Names, Show::Alike, Show::Disqualified];

    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Names => "names",
            Show::Alike => "alike",
            Show::Disqualified => "disqualified",
        }
    }

    /// The catalogue key of the link's text.
    pub fn key(self) -> &'static str {
        match self {
            Show::All => "screening-show-all",
            Show::Names => "screening-show-names",
            Show::Alike => "screening-show-alike",
            Show::Disqualified => "screening-show-disqualified",
        }
    }

    fn parse(raw: &str) -> Self {
        Show::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .unwrap_or_default()
    }

    /// The SQL condition on `portfolios` (contest bound as `$1`).
    fn condition(self) -> &'static str {
        match self {
            Show::All => "",
            Show::Names => " AND identity_flag IS NOT NULL",
            Show::Disqualified => " AND status = 'disqualified'",
            Show::Alike => {
                " AND id IN (SELECT CASE WHEN s.n = 0 THEN a.portfolio_id ELSE b.portfolio_id END \
                 FROM photo_pairs pp JOIN photos a ON a.id = pp.photo_a \
                 JOIN photos b ON b.id = pp.photo_b \
                 CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) s \
                 WHERE pp.contest_id = $1 AND a.portfolio_id <> b.portfolio_id)"
            }
        }
    }
}

/// The page's query string: `?show=names&category=3&page=2`.
#[derive(Debug, Default, Deserialize)]
pub struct ScreeningQuery {
    #[serde(default)]
    show: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    page: String,
}

/// One view of the screening list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    /// The flag filter.
    pub show: Show,
    /// Only this category, if any.
    pub category: Option<i64>,
    /// 1-based page.
    pub page: i64,
}

impl View {
    /// The view a query asks for; anything unreadable reads as the default.
    pub fn of(q: &ScreeningQuery) -> Self {
        Self {
            show: Show::parse(&q.show),
            category: q.category.parse().ok(),
            page: q.page.parse().unwrap_or(1).clamp(1, i64::from(i32::MAX)),
        }
    }

    /// The page of the unfiltered list that holds `portfolio_id`, so that an
    /// action on it comes back to it.
    pub async fn containing(
        db: &Db,
        contest_id: i64,
        portfolio_id: i64,
    ) -> Result<Self, sqlx::Error> {
        let before: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM portfolios WHERE contest_id = $1 AND id < $2")
                .bind(contest_id)
                .bind(portfolio_id)
                .fetch_one(&db.pool)
                .await?;
        Ok(Self {
            page: before / PER_PAGE + 1,
            ..Self::default()
        })
    }

    /// The address of this view with another filter, category or page.
    pub fn href(&self, contest_id: i64, show: Show, category: Option<i64>, page: i64) -> String {
        let mut href = format!(
            "/admin/contests/{contest_id}/entries?show={}",
            show.as_str()
        );
        if let Some(c) = category {
            href.push_str(&format!("&category={c}"));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }

    /// The portfolios of this view's page and how many match in all.
    pub async fn portfolios(
        &self,
        db: &Db,
        contest_id: i64,
    ) -> Result<(Vec<Portfolio>, i64), sqlx::Error> {
        let category = self.category.unwrap_or(0);
        let filter = format!(
            "WHERE contest_id = $1 AND ($2 = 0 OR category_id = $2){}",
            self.show.condition()
        );
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM portfolios {filter}"
        )))
        .bind(contest_id)
        .bind(category)
        .fetch_one(&db.pool)
        .await?;
        let rows = queries::portfolios_where(
            db,
            &format!("{filter} ORDER BY id LIMIT $3 OFFSET $4"),
            contest_id,
            category,
            (PER_PAGE, (self.page - 1) * PER_PAGE),
        )
        .await?;
        Ok((rows, total))
    }
}

/// A link of the filter bar or the pager.
pub struct Link {
    /// What it says.
    pub text: String,
    /// Where it goes.
    pub href: String,
    /// The view shown now (printed, not linked).
    pub current: bool,
}

/// The page's links, written here so the template only prints them.
pub struct Links {
    /// One per filter.
    pub shows: Vec<Link>,
    /// "all", then one per category.
    pub categories: Vec<Link>,
    /// The previous and next pages, where there are.
    pub prev: Option<String>,
    /// See `prev`.
    pub next: Option<String>,
}

impl Links {
    /// The links around `view` for a contest with these categories and
    /// pages, in `lang`.
    pub fn of(
        view: View,
        contest_id: i64,
        categories: &[Category],
        pages: i64,
        lang: crate::i18n::Lang,
    ) -> Self {
        let link = |text: String, show: Show, category: Option<i64>, current: bool| Link {
            text,
            href: view.href(contest_id, show, category, 1),
            current,
        };
        let shows = Show::ALL
            .into_iter()
            .map(|s| link(lang.text(s.key()), s, view.category, s == view.show))
            .collect();
        let all = lang.text("screening-all-categories");
        let mut cats = vec![link(all, view.show, None, view.category.is_none())];
        cats.extend(categories.iter().map(|c| {
            let current = view.category == Some(c.id);
            link(c.name.clone(), view.show, Some(c.id), current)
        }));
        let page = |n: i64| view.href(contest_id, view.show, view.category, n);
        Self {
            shows,
            categories: cats,
            prev: (view.page > 1).then(|| page(view.page - 1)),
            next: (view.page < pages).then(|| page(view.page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_reads_as_its_view_and_nonsense_as_the_default() {
        let q = ScreeningQuery {
            show: "alike".into(),
            category: "7".into(),
            page: "3".into(),
        };
        let view = View::of(&q);
        assert_eq!(
            (view.show, view.category, view.page),
            (Show::Alike, Some(7), 3)
        );
        let odd = ScreeningQuery {
            show: "'; DROP".into(),
            category: "x".into(),
            page: "-4".into(),
        };
        assert_eq!(
            View::of(&odd),
            View {
                page: 1,
                ..View::default()
            }
        );
        assert_eq!(
            view.href(2, Show::Names, None, 2),
            "/admin/contests/2/entries?show=names&page=2"
        );
    }
}
