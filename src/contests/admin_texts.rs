//! The admin's page for a contest's own text in other languages
//! (`/admin/contests/{id}/texts?lang=ru`): the contest's language, and for
//! one other language at a time every title, theme, call, rule, category and
//! criterion beside the original, blank where the original is to show.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::contests::admin::admin_contest;
use crate::contests::content::{self, Item};
use crate::contests::queries::Contest;
use crate::contests::structure::{self, Category, Criterion};
use crate::i18n::{ALL, Lang, Msg};
use crate::web::{Ctx, Nav, render};
use crate::{audit, error::AppError, state::AppState};

/// One field of the form: what it is, the original, the translation.
struct Field {
    key: String,
    label: String,
    original: String,
    text: String,
    long: bool,
}

#[derive(Template)]
#[template(path = "admin/texts.html")]
struct TextsPage {
    nav: Nav,
    contest: Contest,
    /// The language being translated into.
    lang: Lang,
    /// (code, own name, selected) of every language but the contest's.
    others: Vec<(&'static str, &'static str, bool)>,
    /// (code, own name, selected) of every language, for the contest's own.
    own: Vec<(&'static str, &'static str, bool)>,
    fields: Vec<Field>,
}

/// A field's label in the admin's `lang`, the original beside it, and
/// whether it is long text.
fn label(
    item: Item,
    categories: &[Category],
    criteria: &[Criterion],
    lang: Lang,
) -> (String, String, bool) {
    let category = |id| categories.iter().find(|c| c.id == id);
    let criterion = |id| criteria.iter().find(|c| c.id == id);
    let named = |key: &'static str, name: &str| lang.msg(&Msg::new(key).arg("name", name));
    match item {
        Item::Title => (lang.text("adm-field-title"), String::new(), false),
        Item::Theme => (lang.text("adm-field-theme"), String::new(), false),
        Item::Description => (lang.text("adm-field-call"), String::new(), true),
        Item::Rules => (lang.text("adm-field-rules"), String::new(), true),
        Item::CategoryName(id) => {
            let c = category(id).map(|c| c.name.clone()).unwrap_or_default();
            (named("texts-category-name", &c), c, false)
        }
        Item::CategoryDescription(id) => {
            let (n, d) = category(id)
                .map(|c| (c.name.clone(), c.description.clone()))
                .unwrap_or_default();
            (named("texts-category-description", &n), d, true)
        }
        Item::CriterionName(id) => {
            let c = criterion(id).map(|c| c.name.clone()).unwrap_or_default();
            (named("texts-criterion-name", &c), c, false)
        }
        Item::CriterionDescription(id) => {
            let (n, d) = criterion(id)
                .map(|c| (c.name.clone(), c.description.clone()))
                .unwrap_or_default();
            (named("texts-criterion-description", &n), d, true)
        }
    }
}

/// `GET /admin/contests/{id}/texts?lang=ru`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    let lang = q
        .get("lang")
        .and_then(|code| Lang::from_tag(code))
        .filter(|l| *l != contest.lang)
        .or_else(|| ALL.into_iter().find(|l| *l != contest.lang))
        .ok_or(AppError::NotFound)?;
    let categories = structure::categories_of(&state.db, id).await?;
    let criteria = structure::criteria_of(&state.db, id).await?;
    let texts = content::texts(&state.db, &contest, lang).await?;
    let fields = Item::all(&categories, &criteria)
        .into_iter()
        .map(|item| {
            let (label, original, long) = label(item, &categories, &criteria, ctx.lang);
            let original = match item {
                Item::Title => contest.title.clone(),
                Item::Theme => contest.theme.clone(),
                Item::Description => contest.description.clone(),
                Item::Rules => contest.rules.clone(),
                _ => original,
            };
            Field {
                key: item.key(),
                label,
                original,
                text: texts.get(item).unwrap_or_default().to_owned(),
                long,
            }
        })
        .collect();
    let page = TextsPage {
        nav: ctx.nav().await?,
        others: ALL
            .into_iter()
            .filter(|l| *l != contest.lang)
            .map(|l| (l.code(), l.native_name(), l == lang))
            .collect(),
        own: ALL
            .into_iter()
            .map(|l| (l.code(), l.native_name(), l == contest.lang))
            .collect(),
        lang,
        contest,
        fields,
    };
    Ok(render(&page)?.into_response())
}

/// `POST /admin/contests/{id}/texts`: every field of one language at once;
/// a blank field shows the original.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let lang = field("lang")
        .and_then(Lang::from_tag)
        .filter(|l| *l != contest.lang)
        .ok_or(AppError::BadRequest(crate::i18n::Msg::new(
            "error-unknown-choice",
        )))?;
    let categories = structure::categories_of(&state.db, id).await?;
    let criteria = structure::criteria_of(&state.db, id).await?;
    let given: Vec<(Item, String)> = Item::all(&categories, &criteria)
        .into_iter()
        .filter_map(|item| {
            let text = field(&format!("t:{}", item.key()))?;
            Some((item, crate::web::text::clean(text)))
        })
        .collect();
    content::save(&state.db, id, lang, &given).await?;
    let filled = given.iter().filter(|(_, t)| !t.trim().is_empty()).count();
    let detail = format!("{}: {filled} texts", lang.code());
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "contest.texts",
        Some(id),
        &detail,
    )
    .await?;
    ctx.flash_msg(&Msg::new("texts-saved").arg("lang", lang.native_name()))
        .await?;
    let to = format!("/admin/contests/{id}/texts?lang={}", lang.code());
    Ok(Redirect::to(&to).into_response())
}

/// `POST /admin/contests/{id}/language`: the language the contest's own
/// text is written in.
pub async fn own_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (admin, _) = admin_contest(&state, &ctx, id).await?;
    let lang = form
        .get("lang")
        .and_then(|code| Lang::from_tag(code))
        .ok_or(AppError::BadRequest(crate::i18n::Msg::new(
            "error-unknown-choice",
        )))?;
    content::set_own_language(&state.db, id, lang).await?;
    audit::record(
        &state.db,
        state.now().timestamp(),
        Some(&admin),
        "contest.language",
        Some(id),
        lang.code(),
    )
    .await?;
    ctx.flash_msg(&Msg::new("texts-own-saved").arg("lang", lang.native_name()))
        .await?;
    Ok(Redirect::to(&format!("/admin/contests/{id}/texts")).into_response())
}
