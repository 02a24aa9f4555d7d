//! The juror's page in a ranking round: per category, the finalists as a
//! list of thumbnails in the juror's order, moved by drag (with the script)
//! or by the buttons and keys of each entry (up, down, to the top), and
//! saved as a whole at every move. The buttons are plain submit buttons, so
//! ranking works without the script too.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::model::describe_time;
use crate::contests::queries::Contest;
use crate::contests::rounds::{self, Kind, Round};
use crate::contests::structure::category_name;
use crate::jury::access::{Juror, juror_of, lock_while_judging, voting_round};
use crate::jury::ranking::{self, Finalist, Move};
use crate::submissions::numbers::EntryNumber;
use crate::web::{Ctx, Nav, render, wants_json};
use crate::{error::AppError, state::AppState};

/// Why a ranking was not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankRefusal {
    /// The round closed (or judging ended) before the save.
    Closed,
    /// The page's list is not the juror's list of today.
    Stale,
}

crate::i18n::localized_error!(RankRefusal);

impl RankRefusal {
    /// What the juror is told.
    pub fn msg(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            Self::Closed => "jury-ranking-closed",
            Self::Stale => "jury-ranking-stale",
        })
    }
}

#[derive(Template)]
#[template(path = "jury/ranking.html")]
struct RankingPage {
    nav: Nav,
    contest: Contest,
    round: Round,
    /// (id, name) of each category the juror ranks.
    categories: Vec<(i64, String)>,
    category_id: i64,
    category: String,
    finalists: Vec<Shown>,
    order: String,
    saved: bool,
    deadline: String,
}

/// A finalist as the list shows it: its number and its photos' titles
/// (one thumbnail each).
struct Shown {
    number: EntryNumber,
    titles: Vec<String>,
}

/// The open ranking round, or 404.
async fn open_ranking(state: &AppState, juror: &Juror) -> Result<Round, AppError> {
    voting_round(state, juror)
        .await?
        .filter(|r| r.kind == Kind::Ranking)
        .ok_or(AppError::NotFound)
}

fn order_of(list: &[Finalist]) -> String {
    let numbers: Vec<String> = list.iter().map(|f| f.number.to_string()).collect();
    numbers.join(" ")
}

/// `GET /jury/{slug}/rank?category=ID`: the juror's list in one category
/// (the first they rank without `category`).
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let juror = juror_of(&state, &ctx, &slug).await?;
    let round = open_ranking(&state, &juror).await?;
    let db = &state.db;
    let mine = ranking::categories(db, round.id, juror.juror_id).await?;
    let asked = query.get("category").and_then(|c| c.parse::<i64>().ok());
    let category_id = match asked {
        Some(id) if mine.contains(&id) => id,
        Some(_) => return Err(AppError::NotFound),
        None => *mine.first().ok_or(AppError::NotFound)?,
    };
    let all = crate::contests::content::categories_in(db, &juror.contest, ctx.lang).await?;
    let mut conn = db.pool.acquire().await?;
    let (list, saved) = ranking::list(&mut conn, round.id, juror.juror_id, category_id).await?;
    let mut titles = ranking::titles(&mut conn, round.id, juror.juror_id, category_id).await?;
    drop(conn);
    let page = RankingPage {
        nav: ctx.nav().await?,
        categories: mine
            .iter()
            .map(|id| (*id, category_name(&all, *id)))
            .collect(),
        category: category_name(&all, category_id),
        category_id,
        order: order_of(&list),
        finalists: list
            .iter()
            .map(|f| Shown {
                number: f.number,
                titles: titles.remove(&f.entry_id).unwrap_or_default(),
            })
            .collect(),
        saved,
        deadline: round
            .deadline_at
            .map(|at| describe_time(at, juror.contest.tz, ctx.lang))
            .unwrap_or_default(),
        contest: juror.contest,
        round,
    };
    Ok(ctx.private_page(render(&page)?.into_response()))
}

/// The ranking form: the category, the whole order as the page shows it,
/// and the move a button asked for (none: save the order as it is).
#[derive(Deserialize)]
pub struct RankForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    order: String,
    #[serde(default, rename = "move")]
    step: String,
}

/// `POST /jury/{slug}/rank`: applies the move to the order sent and saves
/// the whole order. JSON for the script, a redirect back to the moved entry
/// for a plain form.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(form): Form<RankForm>,
) -> Result<Response, AppError> {
    let juror = juror_of(&state, &ctx, &slug).await?;
    let closed = || AppError::Conflict(RankRefusal::Closed.msg());
    let round = open_ranking(&state, &juror).await.map_err(|_| closed())?;
    let category_id: i64 = form
        .category
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let sent: Vec<EntryNumber> = form
        .order
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(EntryNumber::parse)
        .collect::<Option<_>>()
        .ok_or_else(|| AppError::Conflict(RankRefusal::Stale.msg()))?;
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    // The contest's row lock, as votes take it: a close that commits first
    // leaves this save refused, not lost silently in a closed round.
    if !lock_while_judging(&mut tx, juror.contest.id).await?
        || !rounds::is_open(&mut tx, round.id).await?
    {
        return Err(closed());
    }
    let (stored, _) = ranking::list(&mut tx, round.id, juror.juror_id, category_id).await?;
    if stored.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut order = ranking::reorder(&stored, &sent)
        .ok_or_else(|| AppError::Conflict(RankRefusal::Stale.msg()))?;
    let moved = Move::parse(form.step.trim()).and_then(|m| m.apply(&mut order));
    ranking::save(&mut tx, round.id, juror.juror_id, &order, now).await?;
    tx.commit().await?;
    if wants_json(&headers) {
        let body = serde_json::json!({ "saved": true, "order": order_of(&order) });
        return Ok(axum::Json(body).into_response());
    }
    let anchor = moved.map(|n| format!("#e{n}")).unwrap_or_default();
    let to = format!("/jury/{slug}/rank?category={category_id}{anchor}");
    Ok(Redirect::to(&to).into_response())
}
