//! The participant's entry: the portfolio page, the story, withdrawal and
//! the receipt, and the preambles every change shares. Every change is
//! refused after the deadline by the server clock.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::model::{check_submissions_open, describe_time};
use crate::contests::queries::{self as contests, Contest};
use crate::contests::structure::{self, Category};
use crate::i18n::Msg;
use crate::submissions::names_in_text::{self, Identity};
use crate::submissions::queries::{self, Photo, Portfolio};
use crate::web::user::User;
use crate::web::{Ctx, Nav, render, render_form};
use crate::{audit, error::AppError, state::AppState};

/// The longest story accepted, in characters.
pub const MAX_STORY_CHARS: usize = 3000;

#[derive(Template)]
#[template(path = "submissions/entry.html")]
pub(crate) struct EntryPage {
    pub nav: Nav,
    pub contest: Contest,
    pub deadline: String,
    pub open: bool,
    pub portfolio: Portfolio,
    pub category: String,
    pub photos: Vec<Photo>,
    pub limit: i64,
    pub story_max: usize,
    pub errors: Vec<String>,
}

impl EntryPage {
    /// The words of the identity note that name the participant (the note
    /// is kept in English for the admin: `title mentions "bekova"; …`), for
    /// the participant's own page in their language.
    fn flagged_words(&self, note: &str) -> String {
        let mut words: Vec<&str> = note.split('"').skip(1).step_by(2).collect();
        words.dedup();
        words.join(", ")
    }
}

#[derive(Template)]
#[template(path = "submissions/receipt.html")]
struct ReceiptPage {
    nav: Nav,
    contest: Contest,
    portfolio: Portfolio,
    category: String,
    photos: Vec<Photo>,
    issued: String,
    /// Once judging has opened: each entry's proof line (see
    /// `identity::proof::ProofLine`), as JSON for `photojury verify --line`.
    lines: Vec<String>,
}

/// The signed-in participant, the contest and their portfolio (if any).
pub(crate) struct EntryContext {
    pub user: User,
    pub contest: Contest,
    pub portfolio: Option<Portfolio>,
}

pub(crate) async fn load(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
) -> Result<EntryContext, AppError> {
    let user = ctx.require_user()?.clone();
    let contest = contests::contest_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if contest.phase == crate::contests::model::Phase::Draft {
        return Err(AppError::NotFound);
    }
    let portfolio = queries::portfolio_of(&state.db, contest.id, user.id).await?;
    Ok(EntryContext {
        user,
        contest,
        portfolio,
    })
}

/// The signed-in participant's portfolio, while it may still change.
pub(crate) struct OpenEntry {
    pub user: User,
    pub contest: Contest,
    pub portfolio: Portfolio,
}

/// Loads the participant's portfolio and refuses unless entries are open by
/// the server clock: the preamble of every change a participant makes.
pub(crate) async fn load_open(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
) -> Result<OpenEntry, AppError> {
    let entry = load(state, ctx, slug).await?;
    let portfolio = entry.portfolio.ok_or(AppError::NotFound)?;
    ensure_open(state, &entry.contest)?;
    Ok(OpenEntry {
        user: entry.user,
        contest: entry.contest,
        portfolio,
    })
}

/// The open entry, once `photo_id` is known to be one of its photos: a
/// photo of someone else's portfolio is 404, as one that does not exist.
pub(crate) async fn load_open_with_photo(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    photo_id: i64,
) -> Result<OpenEntry, AppError> {
    let entry = load_open(state, ctx, slug).await?;
    queries::photo_of(&state.db, entry.portfolio.id, photo_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(entry)
}

/// What a participant's change did: said on the page they return to, which
/// opens where they were (the photo, the list, the story).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Done {
    /// New photos are in the portfolio.
    Added(usize),
    /// The titles and captions were saved.
    TextsSaved,
    /// A photo was moved up or down.
    Moved(i64),
    /// A photo's file was replaced.
    Replaced(i64),
    /// A photo was removed.
    Removed,
    /// The story was saved.
    StorySaved,
}

impl Done {
    fn msg(self) -> Msg {
        match self {
            Self::Added(n) => Msg::new("entry-done-added").arg("n", n),
            Self::TextsSaved => Msg::new("entry-done-texts"),
            Self::Moved(_) => Msg::new("entry-done-moved"),
            Self::Replaced(_) => Msg::new("entry-done-replaced"),
            Self::Removed => Msg::new("entry-done-removed"),
            Self::StorySaved => Msg::new("entry-done-story"),
        }
    }

    fn anchor(self) -> String {
        match self {
            Self::Moved(id) | Self::Replaced(id) => format!("photo-{id}"),
            Self::Added(_) | Self::Removed | Self::TextsSaved => "photos".into(),
            Self::StorySaved => "story".into(),
        }
    }
}

/// Back to the participant's portfolio page after a change, saying what it
/// did, at the place it was made.
pub(crate) async fn back_to_entry(
    ctx: &Ctx,
    contest: &Contest,
    done: Done,
) -> Result<Response, AppError> {
    ctx.flash_msg(&done.msg()).await?;
    let to = format!("/contests/{}/entry#{}", contest.slug, done.anchor());
    Ok(Redirect::to(&to).into_response())
}

/// Refuses any change outside the submission window (server clock).
pub(crate) fn ensure_open(state: &AppState, contest: &Contest) -> Result<(), AppError> {
    check_submissions_open(
        contest.phase,
        contest.opens_at,
        contest.closes_at,
        state.now().timestamp(),
    )
    .map_err(AppError::Conflict)
}

/// The photo limit of the portfolio's category.
pub(crate) fn photo_limit(contest: &Contest, categories: &[Category], category_id: i64) -> i64 {
    categories
        .iter()
        .find(|c| c.id == category_id)
        .and_then(|c| c.max_photos)
        .unwrap_or(contest.max_photos)
}

/// Renders the portfolio page, with `errors` (422) or without (200).
pub(crate) async fn entry_response(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    portfolio: Portfolio,
    errors: Vec<Msg>,
) -> Result<Response, AppError> {
    let errors = errors.iter().map(|m| ctx.lang.msg(m)).collect();
    let texts = crate::contests::content::texts(&state.db, &contest, ctx.lang).await?;
    let mut contest = contest;
    texts.contest(&mut contest);
    let mut categories = structure::categories_of(&state.db, contest.id).await?;
    texts.categories(&mut categories);
    let category = structure::category_name(&categories, portfolio.category_id);
    let page = EntryPage {
        nav: ctx.nav().await?,
        deadline: describe_time(contest.closes_at, contest.tz, ctx.lang),
        open: ensure_open(state, &contest).is_ok(),
        limit: photo_limit(&contest, &categories, portfolio.category_id),
        photos: queries::photos_of(&state.db, portfolio.id).await?,
        story_max: MAX_STORY_CHARS,
        category,
        portfolio,
        contest,
        errors,
    };
    render_form(&page, !page.errors.is_empty())
}

/// Recomputes the "may reveal identity" note over every text of the portfolio.
pub(crate) async fn reflag(
    state: &AppState,
    user: &User,
    portfolio_id: i64,
) -> Result<(), AppError> {
    let Some(portfolio) = queries::portfolio_of_id(&state.db, portfolio_id).await? else {
        return Ok(());
    };
    let photos = queries::photos_of(&state.db, portfolio_id).await?;
    let mut texts: Vec<(&str, &str)> = vec![("story", portfolio.story.as_str())];
    for photo in &photos {
        texts.push(("a title", photo.title.as_str()));
        texts.push(("a caption", photo.caption.as_str()));
    }
    let who = Identity {
        full_name: &portfolio.entrant.full_name,
        email: &user.email,
        university: &portfolio.entrant.university,
    };
    let flag = names_in_text::check(&who, &texts);
    queries::set_identity_flag(&state.db, portfolio_id, flag.as_deref()).await?;
    Ok(())
}

/// The story form.
#[derive(Deserialize)]
pub struct StoryForm {
    #[serde(default)]
    story: String,
}

/// `POST /contests/{slug}/entry/story`
pub async fn save_story(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<StoryForm>,
) -> Result<Response, AppError> {
    let entry = load_open(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio;
    let story = crate::web::text::clean(&form.story);
    let chars = story.chars().count();
    if chars > MAX_STORY_CHARS {
        let errors = vec![
            Msg::new("entry-story-too-long")
                .arg("chars", chars)
                .arg("max", MAX_STORY_CHARS),
        ];
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    }
    queries::set_story(&state.db, portfolio.id, &story, state.now().timestamp()).await?;
    reflag(&state, &entry.user, portfolio.id).await?;
    back_to_entry(&ctx, &entry.contest, Done::StorySaved).await
}

/// `POST /contests/{slug}/entry/withdraw`: removes the whole entry.
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let entry = load_open(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio;
    queries::delete_portfolio(&state.db, &portfolio).await?;
    let now = state.now().timestamp();
    audit::record(
        &state.db,
        now,
        Some(&entry.user),
        "entry.withdraw",
        Some(entry.contest.id),
        "portfolio withdrawn",
    )
    .await?;
    Ok(Redirect::to(&format!("/contests/{}", entry.contest.slug)).into_response())
}

/// `GET /contests/{slug}/entry/receipt`: entry numbers and SHA-256 of each original.
pub async fn receipt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let entry = load(&state, &ctx, &slug).await?;
    let portfolio = entry.portfolio.ok_or(AppError::NotFound)?;
    // The contest's texts in the reader's language, read once for the title
    // and the category.
    let mut contest = entry.contest;
    let texts = crate::contests::content::texts(&state.db, &contest, ctx.lang).await?;
    texts.contest(&mut contest);
    let mut categories = structure::categories_of(&state.db, contest.id).await?;
    texts.categories(&mut categories);
    let category = structure::category_name(&categories, portfolio.category_id);
    let lines = crate::identity::proof::lines_of(&state.db, contest.id, portfolio.id)
        .await?
        .iter()
        .map(|line| line.to_json())
        .collect();
    let page = ReceiptPage {
        nav: ctx.nav().await?,
        lines,
        photos: queries::photos_of(&state.db, portfolio.id).await?,
        issued: describe_time(state.now().timestamp(), contest.tz, ctx.lang),
        contest,
        portfolio,
        category,
    };
    Ok(render(&page)?.into_response())
}
