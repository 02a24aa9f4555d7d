//! The admin's jury page: the quorum setting, invitations (the one-time link
//! is shown once, to send), removal, and the monitor with reminders.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::contests::admin::admin_contest;
use crate::contests::model::Phase;
use crate::contests::queries::Contest;
use crate::contests::structure::{self, Category};
use crate::i18n::{Lang, Msg};
use crate::jury::judging;
use crate::jury::jurors::{self, InviteError};
use crate::jury::monitor::{self, JurorStats};
use crate::web::user::Email;
use crate::web::{Ctx, Nav, render_form};
use crate::{audit, error::AppError, state::AppState};

#[derive(Template)]
#[template(path = "admin/jury.html")]
struct JuryPage {
    nav: Nav,
    contest: Contest,
    categories: Vec<Category>,
    stats: Vec<JurorStats>,
    short: Vec<i64>,
    reminders: Vec<String>,
    link: Option<(String, String)>,
    /// Whether the link was also emailed: (sent, what to tell the admin).
    mail_note: Option<(bool, String)>,
    errors: Vec<String>,
    email: String,
}

impl JuryPage {
    fn when(&self, at: &Option<i64>) -> String {
        at.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|t| {
                t.with_timezone(&self.contest.tz)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|| "—".to_owned())
    }
}

/// What the page shows after an action.
#[derive(Default)]
struct Outcome {
    link: Option<(String, String)>,
    mail_note: Option<(bool, Msg)>,
    errors: Vec<Msg>,
    email: String,
}

/// Why the jury cannot change any more.
const JURY_FIXED: Msg = Msg::new("adm-jury-fixed");

impl Outcome {
    /// The page with these errors.
    fn errors(errors: Vec<Msg>) -> Self {
        Self {
            errors,
            ..Self::default()
        }
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    contest: Contest,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let db = &state.db;
    let categories = structure::categories_of(db, contest.id).await?;
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for (juror, category) in jurors::categories(db, contest.id).await? {
        if let Some(c) = categories.iter().find(|c| c.id == category) {
            names.entry(juror).or_default().push(c.name.clone());
        }
    }
    let list = jurors::list(db, contest.id).await?;
    let (stats, short) = monitor::stats(db, contest.id, contest.jury_quorum, list, &names).await?;
    let reminders = stats
        .iter()
        .filter(|s| s.unfinished())
        .map(|s| s.juror.email.clone())
        .collect();
    let has_errors = !outcome.errors.is_empty();
    let view = JuryPage {
        nav: ctx.nav().await?,
        contest,
        categories,
        stats,
        short,
        reminders,
        link: outcome.link,
        mail_note: outcome
            .mail_note
            .map(|(sent, note)| (sent, ctx.lang.msg(&note))),
        errors: ctx.words(&outcome.errors),
        email: outcome.email,
    };
    render_form(&view, has_errors)
}

fn see(id: i64) -> Response {
    Redirect::to(&format!("/admin/contests/{id}/jury")).into_response()
}

fn link_to(state: &AppState, token: &str) -> String {
    format!(
        "{}/invitations/{token}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// `GET /admin/contests/{id}/jury`
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, contest) = admin_contest(&state, &ctx, id).await?;
    page(&state, &ctx, contest, Outcome::default()).await
}

/// `POST /admin/contests/{id}/jury/quorum`: until judging opens.
pub async fn set_quorum(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let raw = fields
        .iter()
        .find(|(k, _)| k == "quorum")
        .map(|(_, v)| v.trim())
        .unwrap_or("");
    let quorum = match raw.parse::<i64>() {
        Ok(k) if (0..=50).contains(&k) => k,
        _ => {
            let errors = vec![Msg::new("adm-jury-quorum-range")];
            return page(&state, &ctx, contest, Outcome::errors(errors)).await;
        }
    };
    let done = sqlx::query(
        "UPDATE contests SET jury_quorum = $1 WHERE id = $2 AND phase IN ('draft', 'open', 'closed')",
    )
    .bind(quorum)
    .bind(id)
    .execute(&state.db.pool)
    .await?;
    if done.rows_affected() != 1 {
        let errors = vec![Msg::new("adm-jury-quorum-fixed")];
        return page(&state, &ctx, contest, Outcome::errors(errors)).await;
    }
    let now = state.now().timestamp();
    let detail = format!("jurors per entry: {quorum}");
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "jury.quorum",
        Some(id),
        &detail,
    )
    .await?;
    Ok(see(id))
}

/// `POST /admin/contests/{id}/jurors`: email and one `category` field per
/// category ticked. Shows the one-time link to send.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let raw_email = fields
        .iter()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let categories: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "category")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let mut errors = Vec::new();
    if contest.phase >= Phase::Finalized {
        errors.push(JURY_FIXED);
    }
    let email = Email::parse(&raw_email).map_err(|e| errors.push(e)).ok();
    if categories.is_empty() {
        errors.push(Msg::new("adm-jury-category-needed"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let outcome = Outcome {
            errors,
            email: raw_email,
            ..Outcome::default()
        };
        return page(&state, &ctx, contest, outcome).await;
    };
    let now = state.now().timestamp();
    let invited = match jurors::invite(&state.db, id, &email, &categories, now).await {
        Ok(invited) => invited,
        Err(InviteError::Db(err)) => return Err(err.into()),
        Err(err) => {
            let outcome = Outcome {
                errors: vec![err.msg()],
                email: raw_email,
                ..Outcome::default()
            };
            return page(&state, &ctx, contest, outcome).await;
        }
    };
    let mut tx = state.db.pool.begin().await?;
    if crate::jury::access::lock_while_judging(&mut tx, id).await? {
        // A returning juror who had accepted takes work at once.
        judging::rebalance(&mut tx, id, contest.jury_quorum, now).await?;
    }
    audit::record_with(
        &mut tx,
        now,
        Some(&admin),
        "jury.invite",
        Some(id),
        email.as_str(),
    )
    .await?;
    tx.commit().await?;
    let outcome = match invited.token {
        Some(token) => {
            let lang = fields
                .iter()
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| Lang::from_tag(v))
                .unwrap_or(ctx.lang);
            send_link(&state, &contest, email.as_str(), &token, lang).await
        }
        None => Outcome::default(),
    };
    page(&state, &ctx, contest, outcome).await
}

/// The page showing a fresh invitation link, also emailed when SMTP is set up.
/// The email is in the language the invitee's account keeps, if they have
/// one, else in `lang` (the admin's choice).
async fn send_link(
    state: &AppState,
    contest: &Contest,
    email: &str,
    token: &str,
    lang: Lang,
) -> Outcome {
    let url = link_to(state, token);
    let lang = match crate::accounts::queries::lang_of_email(&state.db, email).await {
        Ok(kept) => kept.unwrap_or(lang),
        Err(err) => {
            tracing::warn!(error = %err, "could not read the invitee's language");
            lang
        }
    };
    let mail_note = match &state.mailer {
        None => None,
        Some(mailer) => {
            let (subject, body) =
                crate::mail::invitation_text(lang, &contest.title, &url, jurors::INVITATION_DAYS);
            Some(match mailer.send(email, &subject, body).await {
                Ok(()) => (true, Msg::new("adm-jury-emailed").arg("email", email)),
                Err(err) => {
                    tracing::warn!(error = %err, "could not email a jury invitation");
                    let reason = err.to_string();
                    (false, Msg::new("adm-jury-not-emailed").arg("error", reason))
                }
            })
        }
    };
    Outcome {
        link: Some((email.to_owned(), url)),
        mail_note,
        ..Outcome::default()
    }
}

/// `POST /admin/contests/{id}/jurors/{juror}/link`: a new link; the old one dies.
pub async fn renew_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, juror_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    let now = state.now().timestamp();
    let token = jurors::renew_link(&state.db, id, juror_id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let email: String = sqlx::query_scalar("SELECT email FROM jurors WHERE id = $1")
        .bind(juror_id)
        .fetch_one(&state.db.pool)
        .await?;
    audit::record(
        &state.db,
        now,
        Some(&admin),
        "jury.new_link",
        Some(id),
        &email,
    )
    .await?;
    let outcome = send_link(&state, &contest, &email, &token, ctx.lang).await;
    page(&state, &ctx, contest, outcome).await
}

/// `POST /admin/contests/{id}/jurors/{juror}/remove`: until finalization.
/// Their unscored work goes to others (with a quorum); what they scored stays.
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, juror_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (admin, contest) = admin_contest(&state, &ctx, id).await?;
    if contest.phase >= Phase::Finalized {
        let errors = vec![JURY_FIXED];
        return page(&state, &ctx, contest, Outcome::errors(errors)).await;
    }
    let now = state.now().timestamp();
    let mut tx = state.db.pool.begin().await?;
    let judging = crate::jury::access::lock_while_judging(&mut tx, id).await?;
    if !jurors::remove(&mut tx, id, juror_id, now).await? {
        return Err(AppError::NotFound);
    }
    if judging {
        judging::rebalance(&mut tx, id, contest.jury_quorum, now).await?;
    }
    let email: String = sqlx::query_scalar("SELECT email FROM jurors WHERE id = $1")
        .bind(juror_id)
        .fetch_one(&mut *tx)
        .await?;
    audit::record_with(&mut tx, now, Some(&admin), "jury.remove", Some(id), &email).await?;
    tx.commit().await?;
    Ok(see(id))
}
