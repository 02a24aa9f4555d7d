//! Exports for admins: the results CSV (entry numbers and juror letters; names
//! only after the reveal), the winners CSV, and a ZIP of the winners'
//! originals for printing (logged). Every text cell that a spreadsheet could
//! read as a formula is neutralized.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::Response;

use crate::contests::admin::admin_contest;
use crate::i18n::Msg;
use crate::results::admin::stored;
use crate::results::awards::{self, Award};
use crate::results::reveal::{Revealed, authors};
use crate::results::winners::winners;
use crate::web::Ctx;
use crate::web::download::{ZipPart, ZipSource, attachment, zip_body};
use crate::{audit, error::AppError, state::AppState};

/// A text cell a spreadsheet will show as text: a leading `=`, `+`, `-`, `@`,
/// tab or carriage return (which start formulas) gets a `'` in front.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.write_record(&row)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    out.into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// `GET /admin/contests/{id}/results.csv`
pub async fn results_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    let (snap, _) = stored(&state, id).await?.ok_or(AppError::NotFound)?;
    let people = match Revealed::of(&contest) {
        Some(key) => Some(authors(&state.db, key).await?),
        None => None,
    };
    let decisions = awards::saved(&state.db, id).await?;
    let column = |name: &str| ctx.lang.msg(&Msg::new("csv-column").arg("name", name));
    let award_name = |award: Option<Award>| award.map_or(String::new(), |a| ctx.lang.text(a.key()));
    let mut head: Vec<String> = [
        "category",
        "rank",
        "entry",
        "award",
        "score",
        "median",
        "jurors",
        "top_marks",
        "tie",
        "normalized",
        "rank_normalized",
    ]
    .map(column)
    .to_vec();
    for alias in &snap.jurors {
        for c in &snap.criteria {
            head.push(cell(&format!("{alias}: {}", c.name)));
        }
    }
    if people.is_some() {
        head.extend(["name", "country", "university"].map(column));
    }
    let mut rows = vec![head];
    for cat in &snap.categories {
        for e in &cat.entries {
            let award = decisions.get(&e.number).and_then(|d| d.award);
            let mut row = vec![
                cell(&cat.name),
                e.rank.to_string(),
                e.number.to_string(),
                award_name(award),
                format!("{:.4}", e.mean),
                format!("{:.4}", e.median),
                e.jurors.to_string(),
                e.top_marks.to_string(),
                if e.tie { column("tie") } else { String::new() },
                format!("{:.4}", e.normalized),
                e.normalized_rank.to_string(),
            ];
            for alias in &snap.jurors {
                for c in &snap.criteria {
                    let value = e.sheets.get(alias).and_then(|s| s.get(&c.id));
                    row.push(value.map_or(String::new(), i64::to_string));
                }
            }
            if let Some(people) = &people {
                let a = people.get(&e.number);
                row.push(cell(a.map_or("", |a| a.name.as_str())));
                row.push(cell(a.map_or("", |a| a.country.as_str())));
                row.push(cell(a.map_or("", |a| a.university.as_str())));
            }
            rows.push(row);
        }
    }
    let name = format!("{}-results.csv", contest.slug);
    Ok(attachment(
        "text/csv; charset=utf-8",
        name,
        csv_bytes(rows)?.into(),
    ))
}

/// `GET /admin/contests/{id}/winners.csv`: after the reveal.
pub async fn winners_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    let key = Revealed::of(&contest).ok_or(AppError::NotFound)?;
    let people = authors(&state.db, key).await?;
    let categories: HashMap<i64, String> = crate::contests::structure::categories_of(&state.db, id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let column = |name: &str| ctx.lang.msg(&Msg::new("csv-column").arg("name", name));
    let (yes, no) = (ctx.lang.text("csv-yes"), ctx.lang.text("csv-no"));
    let mut rows = vec![
        [
            "category",
            "award",
            "exhibition",
            "entry",
            "titles",
            "name",
            "country",
            "email",
            "name_may_be_published",
        ]
        .map(column)
        .to_vec(),
    ];
    for w in winners(&state.db, key, id).await? {
        let a = people.get(&w.number);
        let titles: Vec<&str> = w.photos.iter().map(|p| p.title.as_str()).collect();
        rows.push(vec![
            cell(categories.get(&w.category_id).map_or("", String::as_str)),
            w.award.map_or(String::new(), |a| ctx.lang.text(a.key())),
            if w.exhibition {
                yes.clone()
            } else {
                String::new()
            },
            w.number.to_string(),
            cell(&titles.join(" | ")),
            cell(a.map_or("", |a| a.name.as_str())),
            cell(a.map_or("", |a| a.country.as_str())),
            cell(a.map_or("", |a| a.email.as_str())),
            if a.is_some_and(|a| a.consent_name) {
                yes.clone()
            } else {
                no.clone()
            },
        ]);
    }
    let name = format!("{}-winners.csv", contest.slug);
    Ok(attachment(
        "text/csv; charset=utf-8",
        name,
        csv_bytes(rows)?.into(),
    ))
}

/// `GET /admin/contests/{id}/originals.zip`: the awarded and exhibited
/// entries' originals, named by award and entry number, streamed.
pub async fn originals_zip(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    // Names are known from the reveal on; before it, no one prints winners.
    Revealed::of(&contest).ok_or(AppError::NotFound)?;
    let originals: Vec<(i64, Option<String>, i64, String)> = sqlx::query_as(
        "SELECT e.number, a.award, ph.position, ph.original_sha256 FROM awards a \
         JOIN entries e ON e.id = a.entry_id JOIN photos ph ON ph.portfolio_id = e.portfolio_id \
         AND (e.photo_id IS NULL OR ph.id = e.photo_id) WHERE a.contest_id = $1 \
         ORDER BY e.number, ph.position, ph.id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let now = state.now().timestamp();
    let detail = format!(
        "{} originals of awarded or exhibited entries",
        originals.len()
    );
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "export.originals",
        Some(id),
        &detail,
    )
    .await?;
    let mut seen: HashMap<i64, usize> = HashMap::new();
    let mut parts = Vec::with_capacity(originals.len());
    for (number, award, _, hash) in &originals {
        let index = seen.entry(*number).or_default();
        *index += 1;
        let open = state.files.opener(hash).map_err(|_| AppError::NotFound)?;
        let folder = award.as_deref().unwrap_or("exhibition");
        let ext = state.files.extension(hash).await;
        parts.push(ZipPart {
            name: format!("{folder}/{number}-{index}.{ext}"),
            source: ZipSource::Stream(open),
        });
    }
    let name = format!("{}-winners-originals.zip", contest.slug);
    Ok(attachment("application/zip", name, zip_body(parts)))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralized() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        assert_eq!(cell("Aigerim Bekova"), "Aigerim Bekova");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell(""), "");
    }
}
