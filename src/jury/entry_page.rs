//! The scoring page of one entry: the photograph(s), the criteria, the
//! save (plain form or JSON for the script), recusal and the images. Every
//! handler starts from `access::juror_of`: an active juror of this contest, or 404.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::content;
use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::contests::structure::{self, Criterion, category_name};
use crate::jury::access::{Juror, juror_of};
use crate::jury::queue;
use crate::jury::recusal;
use crate::jury::scores::{self, MAX_COMMENT_CHARS, Saved, parse_scores};
use crate::jury::scoring_target::{CLOSED, Target, open_target};
use crate::jury::view::{self, JurorEntry, Place};
use crate::submissions::numbers::EntryNumber;
use crate::web::{Ctx, Nav, render_form, wants_json};
use crate::{error::AppError, state::AppState};

/// One criterion's input on the scoring page.
pub struct Field {
    /// The criterion.
    pub criterion: Criterion,
    /// What the input shows: the just-typed, drafted or saved value.
    pub value: String,
    /// The scale's values, for a row of buttons the mouse can click; empty
    /// for a scale too long to show that way (more than eleven values).
    pub choices: Vec<i64>,
}

/// The values of a scale short enough for a row of buttons.
fn choices(criterion: &Criterion) -> Vec<i64> {
    let (min, max) = (criterion.scale_min, criterion.scale_max);
    if max >= min && max - min <= 10 {
        (min..=max).collect()
    } else {
        Vec::new()
    }
}

#[derive(Template)]
#[template(path = "jury/entry.html")]
struct EntryPage {
    nav: Nav,
    contest: Contest,
    entry: JurorEntry,
    category: String,
    fields: Vec<Field>,
    /// Entries scored and in the queue, over every category.
    scored: i64,
    assigned: i64,
    prev: Option<EntryNumber>,
    next: Option<EntryNumber>,
    preload: Vec<String>,
    judging: bool,
    saved: bool,
    /// Said when a draft is shown: how far it is from a complete score.
    draft_note: Option<String>,
    errors: Vec<String>,
}

/// Query of the scoring page.
#[derive(Deserialize)]
pub struct EntryQuery {
    #[serde(default)]
    saved: String,
}

fn entry_number(raw: &str) -> Result<EntryNumber, AppError> {
    EntryNumber::parse(raw).ok_or(AppError::NotFound)
}

/// What the juror sent when a save failed, to show again with the errors.
struct Typed<'a> {
    fields: &'a [(String, String)],
    errors: Vec<String>,
}

/// The scoring page, with what was typed when a save failed.
async fn entry_response(
    state: &AppState,
    ctx: &Ctx,
    juror: Juror,
    number: EntryNumber,
    typed: Option<Typed<'_>>,
    saved: bool,
) -> Result<Response, AppError> {
    let (db, contest_id) = (&state.db, juror.contest.id);
    let mut entry = view::entry(db, contest_id, juror.juror_id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    // The contest's own text in the juror's language, where it is given.
    let texts = content::texts(db, &juror.contest, ctx.lang).await?;
    let mut criteria = structure::criteria_of(db, contest_id).await?;
    texts.criteria(&mut criteria);
    let mut categories = structure::categories_of(db, contest_id).await?;
    texts.categories(&mut categories);
    let around = queue::around(db, juror.juror_id, entry.place, 3).await?;
    let counts = queue::progress(db, juror.juror_id).await?;
    let (fields_typed, errors) = typed.map_or((&[][..], Vec::new()), |t| (t.fields, t.errors));
    // What the juror sees: what they just sent, else their draft, else the
    // saved score, so nothing typed is ever replaced by something older.
    let draft = entry.draft.take();
    let shown = |key: &str| {
        fields_typed
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| draft.as_ref()?.value(key).map(str::to_owned))
    };
    let draft_note = draft.as_ref().map(|d| {
        let (typed, all) = (d.typed(&criteria), criteria.len());
        let key = if entry.scores.is_empty() {
            "jury-draft-note"
        } else {
            "jury-draft-note-earlier"
        };
        let note = crate::i18n::Msg::new(key)
            .arg("typed", typed)
            .arg("all", all);
        ctx.lang.msg(&note)
    });
    if let Some(comment) = shown("comment") {
        entry.comment = comment;
    }
    let fields = criteria
        .into_iter()
        .map(|criterion| {
            let key = format!("c{}", criterion.id);
            let value = shown(&key).unwrap_or_else(|| {
                entry
                    .scores
                    .get(&criterion.id)
                    .map(i64::to_string)
                    .unwrap_or_default()
            });
            let choices = choices(&criterion);
            Field {
                criterion,
                value,
                choices,
            }
        })
        .collect();
    // The next entries' images, fetched ahead so that moving on is instant.
    let base = format!("/jury/{}/entries", juror.contest.slug);
    let preload = around
        .next
        .iter()
        .flat_map(|n| {
            [
                format!("{base}/{n}/1/large.jpg"),
                format!("{base}/{n}/1/thumb.jpg"),
            ]
        })
        .collect();
    let has_errors = !errors.is_empty();
    let page = EntryPage {
        nav: ctx.nav().await?,
        category: category_name(&categories, entry.category_id),
        judging: juror.contest.phase == Phase::Judging,
        contest: {
            let mut contest = juror.contest;
            texts.contest(&mut contest);
            contest
        },
        entry,
        fields,
        scored: counts.iter().map(|c| c.scored).sum(),
        assigned: counts.iter().map(|c| c.assigned).sum(),
        prev: around.prev,
        next: around.next.first().copied(),
        preload,
        saved,
        draft_note,
        errors,
    };
    render_form(&page, has_errors)
}

/// `GET /jury/{slug}/entries/{number}`
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
    Query(q): Query<EntryQuery>,
) -> Result<Response, AppError> {
    let number = entry_number(&number)?;
    let juror = juror_of(&state, &ctx, &slug).await?;
    let page = entry_response(&state, &ctx, juror, number, None, q.saved == "1").await?;
    Ok(ctx.private_page(page))
}

/// Where "save and next" goes: the next unscored entry after this one (or
/// before it, wrapping), else the juror home. Two index seeks at most.
async fn after_save(
    state: &AppState,
    slug: &str,
    juror_id: i64,
    place: Option<Place>,
) -> Result<String, AppError> {
    Ok(match queue::next_todo(&state.db, juror_id, place).await? {
        Some(n) => format!("/jury/{slug}/entries/{n}"),
        None => format!("/jury/{slug}"),
    })
}

/// `POST /jury/{slug}/entries/{number}`: saves every criterion and the
/// comment. The script asks for JSON and stays on the page; the plain form
/// goes on to the next entry ("save and next") or back to this one.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((slug, number)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Target {
        juror,
        number,
        entry_id,
        place,
        criteria,
    } = open_target(&state, &ctx, &slug, &number).await?;
    let json = wants_json(&headers);
    let contest_id = juror.contest.id;
    let comment = fields
        .iter()
        .find(|(k, _)| k == "comment")
        // Participants may read it (shared feedback): stored without bidi
        // overrides or control characters, like their own text.
        .map(|(_, v)| crate::web::text::clean(v))
        .unwrap_or_default();
    let mut parsed = parse_scores(&criteria, &fields);
    if comment.chars().count() > MAX_COMMENT_CHARS {
        let message = crate::i18n::Msg::new("jury-comment-too-long").arg("max", MAX_COMMENT_CHARS);
        parsed = Err(parsed
            .err()
            .unwrap_or_default()
            .into_iter()
            .chain([message])
            .collect());
    }
    let scores = match parsed {
        Ok(scores) => scores,
        Err(errors) if json => {
            let errors = ctx.words(&errors);
            return Ok(json_reply(StatusCode::UNPROCESSABLE_ENTITY, &errors, None));
        }
        Err(errors) => {
            let typed = Typed {
                fields: &fields,
                errors: ctx.words(&errors),
            };
            return entry_response(&state, &ctx, juror, number, Some(typed), false).await;
        }
    };
    let now = state.now().timestamp();
    match scores::save(
        &state.db,
        contest_id,
        juror.juror_id,
        entry_id,
        &scores,
        &comment,
        now,
    )
    .await?
    {
        Saved::Yes => {}
        Saved::Locked => {
            return Err(AppError::Conflict(CLOSED));
        }
        Saved::NotAssigned => return Err(AppError::NotFound),
    }
    let next = after_save(&state, &slug, juror.juror_id, Some(place)).await?;
    if json {
        return Ok(json_reply(StatusCode::OK, &[], Some(&next)));
    }
    let go_on = fields.iter().any(|(k, v)| k == "go" && v == "next");
    let target = if go_on {
        next
    } else {
        format!("/jury/{slug}/entries/{number}?saved=1")
    };
    Ok(Redirect::to(&target).into_response())
}

/// `{"saved":true,"next":"…"}` or `{"saved":false,"errors":[…]}`.
fn json_reply(status: StatusCode, errors: &[String], next: Option<&str>) -> Response {
    let body = match next {
        Some(next) => serde_json::json!({ "saved": true, "next": next }),
        None => serde_json::json!({ "saved": false, "errors": errors }),
    };
    (status, axum::Json(body)).into_response()
}

/// `POST /jury/{slug}/entries/{number}/recuse`: "I recognise this work".
pub async fn recuse(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number)): Path<(String, String)>,
    Form(form): Form<recusal::RecuseForm>,
) -> Result<Response, AppError> {
    let number = entry_number(&number)?;
    let juror = juror_of(&state, &ctx, &slug).await?;
    let user = ctx.require_user()?;
    let reason = form.reason();
    // Read before recusing: the entry leaves the queue and its place with it.
    let place = queue::place_of(&state.db, juror.contest.id, juror.juror_id, number).await?;
    let juror_id = juror.juror_id;
    recusal::recuse(&state, &juror, user, number, &reason).await?;
    let next = after_save(&state, &slug, juror_id, place).await?;
    Ok(Redirect::to(&next).into_response())
}

/// `GET /jury/{slug}/entries/{number}/{index}/{thumb.jpg|large.jpg}`: the
/// derivative only, under the entry number; nothing else about the file.
pub async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, number, index, file)): Path<(String, String, usize, String)>,
) -> Result<Response, AppError> {
    let number = entry_number(&number)?;
    let large = match file.as_str() {
        "large.jpg" => true,
        "thumb.jpg" => false,
        _ => return Err(AppError::NotFound),
    };
    let juror = juror_of(&state, &ctx, &slug).await?;
    let hash = view::photo_file(
        &state.db,
        juror.contest.id,
        juror.juror_id,
        number,
        index,
        large,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(crate::web::jpeg(
        state.files.read_derivative(hash).await?,
        "private, max-age=3600",
    ))
}
