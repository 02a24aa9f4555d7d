//! Small SVG plots for the admin's contest page, drawn on the server with
//! plotters: entries per category over time, and how each juror and each
//! category spread their scores. Served as images (`<img>`), so labels are
//! inert text even if an admin typed markup into a category name.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use plotters::prelude::*;

use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// One line of a plot: its label and its points.
pub type Series = (String, Vec<(f64, f64)>);

const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 95, 139),
    RGBColor(192, 101, 28),
    RGBColor(35, 102, 58),
    RGBColor(163, 38, 27),
    RGBColor(110, 76, 160),
    RGBColor(93, 102, 112),
];

/// Smallest text of a plot, in SVG px: shown at 30rem (the dashboard's
/// narrowest column, 480 of its 640 px) it is still 11 px on screen.
pub const TEXT_PX: f64 = 15.0;

/// The font size asked of plotters, which writes 1/1.24 of it into the SVG
/// (it counts in points): 19 gives 15.3 px.
const FONT: u32 = 19;

/// A line chart as SVG text. Empty series give an empty frame with a note.
pub fn line_chart(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> String {
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::with_string(&mut svg, (640, 280)).into_drawing_area();
        root.fill(&WHITE)?;
        let points = series.iter().flat_map(|s| s.1.iter());
        let x_max = points.clone().map(|p| p.0).fold(1.0_f64, f64::max);
        let x_min = points.clone().map(|p| p.0).fold(x_max, f64::min).min(0.0);
        // At least 0–4, so a handful of entries still gets whole-number ticks.
        let y_max = points.map(|p| p.1).fold(4.0_f64, f64::max) * 1.1;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", FONT + 3))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(x_min..x_max, 0.0..y_max)?;
        chart
            .configure_mesh()
            .x_desc(x_label)
            .y_desc(y_label)
            .light_line_style(RGBColor(246, 244, 240))
            .label_style(("sans-serif", FONT))
            .axis_desc_style(("sans-serif", FONT))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()?;
        for (i, (label, points)) in series.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    color.stroke_width(2),
                ))?
                .label(label.as_str())
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2))
                });
        }
        if !series.is_empty() {
            chart
                .configure_series_labels()
                .label_font(("sans-serif", FONT))
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(226, 222, 214))
                .position(SeriesLabelPosition::UpperLeft)
                .draw()?;
        }
        root.present()?;
        Ok(())
    })();
    if let Err(err) = drawn {
        tracing::warn!(error = %err, "could not draw a plot");
    }
    svg
}

/// Cumulative counts per label, by day since `start` (UTC seconds).
pub fn cumulative(rows: &[(String, i64)], start: i64) -> Vec<Series> {
    let mut by_label: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (label, at) in rows {
        by_label
            .entry(label)
            .or_default()
            .push((at - start) as f64 / 86_400.0);
    }
    by_label
        .into_iter()
        .map(|(label, mut days)| {
            days.sort_by(f64::total_cmp);
            // A staircase: flat until an entry arrives, then one step up.
            let mut points = vec![(0.0, 0.0)];
            for (i, d) in days.iter().enumerate() {
                points.push((d.max(0.0), i as f64));
                points.push((d.max(0.0), (i + 1) as f64));
            }
            (label.to_owned(), points)
        })
        .collect()
}

/// Share of each score value (percent), per label.
pub fn distribution(rows: &[(String, i64)]) -> Vec<Series> {
    let mut by_label: BTreeMap<&str, BTreeMap<i64, f64>> = BTreeMap::new();
    for (label, value) in rows {
        *by_label
            .entry(label)
            .or_default()
            .entry(*value)
            .or_default() += 1.0;
    }
    let (lo, hi) = rows.iter().fold((i64::MAX, i64::MIN), |(lo, hi), r| {
        (lo.min(r.1), hi.max(r.1))
    });
    by_label
        .into_iter()
        .map(|(label, counts)| {
            let total: f64 = counts.values().sum();
            let points = (lo..=hi)
                .map(|v| {
                    (
                        v as f64,
                        100.0 * counts.get(&v).copied().unwrap_or(0.0) / total,
                    )
                })
                .collect();
            (label.to_owned(), points)
        })
        .collect()
}

/// `GET /admin/contests/{id}/plots/{submissions|jurors|categories}.svg`
pub async fn plot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let contest = crate::contests::queries::contest_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pool = &state.db.pool;
    let svg = match name.as_str() {
        "submissions.svg" => {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT c.name, p.created_at FROM portfolios p JOIN categories c ON c.id = p.category_id \
                 WHERE p.contest_id = $1",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let series = cumulative(&rows, contest.opens_at);
            let t = |key| ctx.lang.text(key);
            line_chart(
                &t("plot-submissions"),
                &t("plot-days-since-open"),
                &t("plot-entries"),
                &series,
            )
        }
        "jurors.svg" | "categories.svg" => {
            let by = if name == "jurors.svg" {
                "j.email"
            } else {
                "c.name"
            };
            let sql = format!(
                "SELECT {by}, s.value FROM scores s JOIN jurors j ON j.id = s.juror_id \
                 JOIN entries e ON e.id = s.entry_id JOIN categories c ON c.id = e.category_id \
                 WHERE s.contest_id = $1"
            );
            let mut rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_all(pool)
                .await?;
            if name == "jurors.svg" {
                // Jurors by the name part of their address: short enough
                // for a legend that can be read.
                for (label, _) in &mut rows {
                    let short: String = label
                        .split('@')
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(18)
                        .collect();
                    *label = short;
                }
            }
            let title = ctx.lang.text(if name == "jurors.svg" {
                "plot-jurors"
            } else {
                "plot-categories"
            });
            let (x, y) = (ctx.lang.text("plot-score"), ctx.lang.text("plot-share"));
            line_chart(&title, &x, &y, &distribution(&rows))
        }
        _ => return Err(AppError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    )
        .into_response())
}

/// The counts at the top of the admin's contest page.
#[derive(Debug, Clone, Default)]
pub struct Glance {
    /// Category name and its portfolios (entries), in the contest's order.
    pub per_category: Vec<(String, i64)>,
    /// Assignments scored, recused, and in all.
    pub scored: i64,
    /// See `scored`.
    pub recused: i64,
    /// See `scored`.
    pub assigned: i64,
    /// Jurors who accepted and were not removed.
    pub jurors: i64,
    /// Portfolios whose texts may name their author (to screen).
    pub flagged: i64,
    /// Entries given a prize or mention.
    pub awarded: i64,
    /// Pairs of photos by two participants that look alike or share a camera.
    pub alike: i64,
}

impl Glance {
    /// Jury progress in percent (scored or recused over assigned).
    pub fn done_percent(&self) -> i64 {
        if self.assigned == 0 {
            0
        } else {
            (self.scored + self.recused) * 100 / self.assigned
        }
    }
}

/// Counts for one contest.
pub async fn glance(db: &crate::db::Db, contest_id: i64) -> Result<Glance, sqlx::Error> {
    let per_category = sqlx::query_as(
        "SELECT c.name, (SELECT COUNT(*) FROM portfolios p WHERE p.category_id = c.id) \
         FROM categories c WHERE c.contest_id = $1 ORDER BY c.position, c.id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let (scored, recused, assigned): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(scored_at), COUNT(recused_at), COUNT(*) FROM assignments WHERE contest_id = $1",
    )
    .bind(contest_id)
    .fetch_one(&db.pool)
    .await?;
    let (jurors, flagged, awarded, alike): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM jurors WHERE contest_id = $1 \
                   AND accepted_at IS NOT NULL AND removed_at IS NULL), \
                (SELECT COUNT(*) FROM portfolios p JOIN categories c ON c.id = p.category_id \
                   WHERE c.contest_id = $1 AND p.identity_flag IS NOT NULL), \
                (SELECT COUNT(*) FROM awards WHERE contest_id = $1 AND award IS NOT NULL), \
                (SELECT COUNT(*) FROM photo_pairs pp JOIN photos a ON a.id = pp.photo_a \
                   JOIN photos b ON b.id = pp.photo_b \
                   WHERE pp.contest_id = $1 AND a.portfolio_id <> b.portfolio_id)",
    )
    .bind(contest_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Glance {
        per_category,
        scored,
        recused,
        assigned,
        jurors,
        flagged,
        awarded,
        alike,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_counts_rise_by_one_per_entry_from_zero() {
        let rows = vec![("A".to_owned(), 86_400 * 3), ("A".to_owned(), 86_400)];
        let series = cumulative(&rows, 0);
        let steps = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (3.0, 1.0), (3.0, 2.0)];
        assert_eq!(series[0].1, steps);
    }

    #[test]
    fn distributions_are_shares_over_the_whole_range() {
        let rows = vec![("x".into(), 1), ("x".into(), 3), ("y".into(), 3)];
        let series = distribution(&rows);
        assert_eq!(series[0].1, vec![(1.0, 50.0), (2.0, 0.0), (3.0, 50.0)]);
        assert_eq!(series[1].1, vec![(1.0, 0.0), (2.0, 0.0), (3.0, 100.0)]);
    }

    #[test]
    fn a_chart_is_svg_with_its_labels_escaped() {
        let svg = line_chart(
            "T",
            "x",
            "y",
            &[("<b>A&B</b>".into(), vec![(0.0, 1.0), (1.0, 2.0)])],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("&lt;b&gt;A&amp;B&lt;/b&gt;"), "{svg}");
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn every_text_of_a_chart_is_readable_and_the_axes_are_labelled() {
        let series = [
            ("aida".to_owned(), vec![(1.0, 10.0), (2.0, 30.0)]),
            ("bek".to_owned(), vec![(1.0, 20.0), (2.0, 5.0)]),
        ];
        let svg = line_chart("How each juror scores", "score", "% of scores", &series);
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.trim_end_matches("px").parse().ok())
            .collect();
        assert!(sizes.len() > 8, "{svg}");
        assert!(sizes.iter().all(|s| *s >= TEXT_PX), "{sizes:?}");
        for text in [
            ">\nscore\n<",
            ">\n% of scores\n<",
            ">\naida\n<",
            ">\nbek\n<",
        ] {
            assert!(svg.contains(text), "{text} in {svg}");
        }
    }
}
