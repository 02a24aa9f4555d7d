//! The participant's entry: the eligibility form, the portfolio page, the
//! story, withdrawal and the receipt. Every change is refused after the
//! deadline by the server clock.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::queries::User;
use crate::contests::model::{check_submissions_open, describe_time};
use crate::contests::queries::{self as contests, Contest, Role, RoleError};
use crate::contests::structure::{self, Category};
use crate::submissions::identity::{self, Identity};
use crate::submissions::queries::{self, NewPortfolio, Photo, Portfolio};
use crate::web::{Ctx, Nav, render};
use crate::{AppError, AppState, audit};

/// The longest story accepted, in characters.
pub const MAX_STORY_CHARS: usize = 3000;

#[derive(Template)]
#[template(path = "submissions/eligibility.html")]
struct EligibilityPage {
    nav: Nav,
    contest: Contest,
    categories: Vec<Category>,
    countries: Vec<String>,
    form: EligibilityForm,
    errors: Vec<String>,
}

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

#[derive(Template)]
#[template(path = "submissions/receipt.html")]
struct ReceiptPage {
    nav: Nav,
    contest: Contest,
    portfolio: Portfolio,
    category: String,
    photos: Vec<Photo>,
    issued: String,
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

/// Back to the participant's portfolio page after a change.
pub(crate) fn back_to_entry(contest: &Contest) -> Response {
    Redirect::to(&format!("/contests/{}/entry", contest.slug)).into_response()
}

/// Refuses any change outside the submission window (server clock).
pub(crate) fn ensure_open(state: &AppState, contest: &Contest) -> Result<(), AppError> {
    check_submissions_open(
        contest.phase,
        contest.opens_at,
        contest.closes_at,
        state.now().timestamp(),
    )
    .map_err(|why| AppError::Conflict(why.to_owned()))
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
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let categories = structure::categories_of(&state.db, contest.id).await?;
    let category = structure::category_name(&categories, portfolio.category_id);
    let page = EntryPage {
        nav: ctx.nav().await?,
        deadline: describe_time(contest.closes_at, contest.tz),
        open: ensure_open(state, &contest).is_ok(),
        limit: photo_limit(&contest, &categories, portfolio.category_id),
        photos: queries::photos_of(&state.db, portfolio.id).await?,
        story_max: MAX_STORY_CHARS,
        category,
        portfolio,
        contest,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)?).into_response())
}

/// The eligibility form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EligibilityForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    university: String,
    #[serde(default)]
    consent_rules: Option<String>,
    #[serde(default)]
    consent_name: Option<String>,
}

impl EligibilityForm {
    fn parse(
        &self,
        categories: &[Category],
        countries: &[String],
    ) -> Result<NewPortfolio, Vec<String>> {
        let mut errors = Vec::new();
        let category = self
            .category
            .parse::<i64>()
            .ok()
            .and_then(|id| categories.iter().find(|c| c.id == id));
        if category.is_none() {
            errors.push("Choose your category.".to_owned());
        }
        let full_name = self.full_name.trim();
        if full_name.is_empty() || full_name.chars().count() > 200 {
            errors.push("Enter your full name (200 characters at most).".to_owned());
        }
        let country = countries.iter().find(|c| *c == self.country.trim());
        if country.is_none() {
            errors.push(
                "Choose your country of citizenship from the list of eligible countries."
                    .to_owned(),
            );
        }
        let university = self.university.trim();
        if category.is_some_and(Category::needs_university) && university.is_empty() {
            errors.push(
                "This category is for university students: enter your university.".to_owned(),
            );
        }
        if university.chars().count() > 200 {
            errors.push("The university name is too long (200 characters at most).".to_owned());
        }
        if self.consent_rules.is_none() {
            errors.push("You must accept the rules to enter.".to_owned());
        }
        match (category, country) {
            (Some(category), Some(country)) if errors.is_empty() => Ok(NewPortfolio {
                category_id: category.id,
                full_name: full_name.to_owned(),
                country: country.clone(),
                university: university.to_owned(),
                consent_name: self.consent_name.is_some(),
            }),
            _ => Err(errors),
        }
    }
}

async fn eligibility_response(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    form: EligibilityForm,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let page = EligibilityPage {
        nav: ctx.nav().await?,
        categories: structure::categories_of(&state.db, contest.id).await?,
        countries: contests::countries_of(&state.db, contest.id).await?,
        contest,
        form,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /contests/{slug}/entry`: the eligibility form, or the portfolio.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let entry = load(&state, &ctx, &slug).await?;
    match entry.portfolio {
        Some(portfolio) => entry_response(&state, &ctx, entry.contest, portfolio, Vec::new()).await,
        None => {
            if contests::role_of(&state.db, entry.contest.id, entry.user.id).await?
                == Some(Role::Juror)
            {
                return Err(AppError::Conflict(
                    "You are on this contest's jury, so you cannot enter it.".into(),
                ));
            }
            ensure_open(&state, &entry.contest)?;
            eligibility_response(
                &state,
                &ctx,
                entry.contest,
                EligibilityForm::default(),
                Vec::new(),
            )
            .await
        }
    }
}

/// `POST /contests/{slug}/entry`: creates the portfolio from the eligibility form.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<EligibilityForm>,
) -> Result<Response, AppError> {
    let entry = load(&state, &ctx, &slug).await?;
    ensure_open(&state, &entry.contest)?;
    let target = format!("/contests/{}/entry", entry.contest.slug);
    if entry.portfolio.is_some() {
        return Ok(Redirect::to(&target).into_response());
    }
    let categories = structure::categories_of(&state.db, entry.contest.id).await?;
    let countries = contests::countries_of(&state.db, entry.contest.id).await?;
    let new = match form.parse(&categories, &countries) {
        Ok(new) => new,
        Err(errors) => {
            return eligibility_response(&state, &ctx, entry.contest, form, errors).await;
        }
    };
    let now = state.now().timestamp();
    match contests::assign_role(
        &state.db,
        entry.contest.id,
        entry.user.id,
        Role::Participant,
        now,
    )
    .await
    {
        Ok(()) => {}
        Err(RoleError::OtherRole(_)) => {
            return Err(AppError::Conflict(
                "You are on this contest's jury, so you cannot enter it.".into(),
            ));
        }
        Err(RoleError::Db(err)) => return Err(err.into()),
    }
    let numbered = entry.contest.judging_unit == crate::contests::model::JudgingUnit::Portfolio;
    queries::insert_portfolio(
        &state.db,
        entry.contest.id,
        entry.user.id,
        &new,
        numbered,
        now,
    )
    .await?;
    Ok(Redirect::to(&target).into_response())
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
        full_name: &portfolio.full_name,
        email: &user.email,
        university: &portfolio.university,
    };
    let flag = identity::check(&who, &texts);
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
    let story = form.story.trim().replace("\r\n", "\n");
    let chars = story.chars().count();
    if chars > MAX_STORY_CHARS {
        let errors = vec![format!(
            "The story is {chars} characters long; the limit is {MAX_STORY_CHARS}."
        )];
        return entry_response(&state, &ctx, entry.contest, portfolio, errors).await;
    }
    queries::set_story(&state.db, portfolio.id, &story, state.now().timestamp()).await?;
    reflag(&state, &entry.user, portfolio.id).await?;
    Ok(back_to_entry(&entry.contest))
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
    let categories = structure::categories_of(&state.db, entry.contest.id).await?;
    let category = structure::category_name(&categories, portfolio.category_id);
    let page = ReceiptPage {
        nav: ctx.nav().await?,
        photos: queries::photos_of(&state.db, portfolio.id).await?,
        issued: describe_time(state.now().timestamp(), entry.contest.tz),
        contest: entry.contest,
        portfolio,
        category,
    };
    Ok(render(&page)?.into_response())
}
