//! Entering a contest: the eligibility form (category, name, citizenship,
//! university, consents) that creates the participant's portfolio.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::contests::content;
use crate::contests::queries::{self as contests, Contest, Role, RoleError};
use crate::contests::structure::{self, Category};
use crate::i18n::Msg;
use crate::submissions::entry::{ensure_open, entry_response, load};
use crate::submissions::queries::{self, NewPortfolio};
use crate::web::{Ctx, Nav, render_form};
use crate::{error::AppError, state::AppState};

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
    ) -> Result<NewPortfolio, Vec<Msg>> {
        let mut errors = Vec::new();
        let category = self
            .category
            .parse::<i64>()
            .ok()
            .and_then(|id| categories.iter().find(|c| c.id == id));
        if category.is_none() {
            errors.push(Msg::new("entry-choose-category"));
        }
        let full_name = crate::web::text::clean(&self.full_name);
        let full_name = full_name.as_str();
        if full_name.is_empty() || full_name.chars().count() > 200 {
            errors.push(Msg::new("entry-full-name"));
        }
        let country = countries.iter().find(|c| *c == self.country.trim());
        if country.is_none() {
            errors.push(Msg::new("entry-choose-country"));
        }
        let university = crate::web::text::clean(&self.university);
        let university = university.as_str();
        if category.is_some_and(Category::needs_university) && university.is_empty() {
            errors.push(Msg::new("entry-university-needed"));
        }
        if university.chars().count() > 200 {
            errors.push(Msg::new("entry-university-too-long"));
        }
        if self.consent_rules.is_none() {
            errors.push(Msg::new("entry-accept-rules"));
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
    errors: Vec<Msg>,
) -> Result<Response, AppError> {
    let errors = ctx.words(&errors);
    let texts = content::texts(&state.db, &contest, ctx.lang).await?;
    let mut contest = contest;
    texts.contest(&mut contest);
    let mut categories = structure::categories_of(&state.db, contest.id).await?;
    texts.categories(&mut categories);
    let page = EligibilityPage {
        nav: ctx.nav().await?,
        categories,
        countries: contests::countries_of(&state.db, contest.id).await?,
        contest,
        form,
        errors,
    };
    render_form(&page, !page.errors.is_empty())
}

/// Administrators see names next to scores and run every step: entering
/// their own contest would be a conflict of interest, as it is for jurors.
const ADMIN_CANNOT_ENTER: Msg = Msg::new("entry-admin-cannot-enter");

/// Entering needs a confirmed address when the server asks for one.
const CONFIRM_FIRST: Msg = Msg::new("entry-confirm-first");

/// Refuses an account whose address is not confirmed, where that is asked.
fn ensure_confirmed(state: &AppState, user: &crate::web::user::User) -> Result<(), AppError> {
    if state.config.confirms_emails() && !user.email_confirmed {
        return Err(AppError::Conflict(CONFIRM_FIRST));
    }
    Ok(())
}

/// Jurors judge the entries: they cannot be among the authors.
const JUROR_CANNOT_ENTER: Msg = Msg::new("entry-juror-cannot-enter");

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
            if entry.user.is_admin {
                return Err(AppError::Conflict(ADMIN_CANNOT_ENTER));
            }
            if contests::role_of(&state.db, entry.contest.id, entry.user.id).await?
                == Some(Role::Juror)
            {
                return Err(AppError::Conflict(JUROR_CANNOT_ENTER));
            }
            ensure_open(&state, &entry.contest)?;
            ensure_confirmed(&state, &entry.user)?;
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
    if entry.user.is_admin {
        return Err(AppError::Conflict(ADMIN_CANNOT_ENTER));
    }
    // Said before the form is looked at; the role insert below covers races.
    if contests::role_of(&state.db, entry.contest.id, entry.user.id).await? == Some(Role::Juror) {
        return Err(AppError::Conflict(JUROR_CANNOT_ENTER));
    }
    ensure_confirmed(&state, &entry.user)?;
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
            return Err(AppError::Conflict(JUROR_CANNOT_ENTER));
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
