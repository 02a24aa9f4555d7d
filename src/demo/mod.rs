//! `photojury demo`: a contest modelled on a real call for entries, with an
//! administrator, two dozen participants with generated photos and a
//! five-member jury, so a newcomer can see every screen.

pub mod bulk;
mod entries;
mod finish;
pub mod photos;
mod rounds;

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use crate::accounts::password::NewPassword;
use crate::accounts::queries::{Email, User};
use crate::contests::model::{JudgingUnit, parse_time_zone};
use crate::contests::queries::{self as contests, ContestInput, Role};
use crate::contests::structure::{self, NewCategory, NewCriterion};
use crate::{audit, config::Config, db::Db};

/// The demo contest's address.
pub const DEMO_SLUG: &str = "migrants-central-asia";

/// How far the demo contest has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum DemoPhase {
    /// Being set up: categories and criteria, no entries yet.
    Draft,
    /// Accepting entries (some already in).
    Open,
    /// Past the deadline: the admin screens the entries.
    Closed,
    /// Judging, in its first round: the yes/no shortlist, most votes cast
    /// (juror 1 has not voted).
    Shortlist,
    /// Entries frozen; the jury has started scoring (the criteria round).
    Judging,
    /// The criteria round closed with the ten best of each category as
    /// finalists; jurors 2–5 have saved their rankings, juror 1 has not.
    Ranking,
    /// Scores locked (juror 1 never finished: finalized with an override).
    Finalized,
    /// Names revealed to the admin.
    Revealed,
    /// Winners public.
    Announced,
}

/// The accounts the demo made, to print.
#[derive(Debug)]
pub struct DemoLogins {
    url: String,
    phase: DemoPhase,
    admin: (String, String),
    jurors: Vec<(String, String)>,
    /// The participants' shared password when the entries are bulk ones.
    bulk: bool,
}

impl fmt::Display for DemoLogins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Demo contest ready: {}/contests/{DEMO_SLUG}", self.url)?;
        writeln!(f, "These passwords are for trying photojury only.")?;
        writeln!(f, "  admin  {}  password: {}", self.admin.0, self.admin.1)?;
        for (email, password) in &self.jurors {
            writeln!(f, "  juror  {email}  password: {password}")?;
        }
        if self.bulk {
            writeln!(
                f,
                "  participants  participant1…@demo.photojury.org  password: {}",
                bulk::PASSWORD
            )?;
        } else {
            writeln!(
                f,
                "  participant  participant1@demo.photojury.org  password: demo-participant-1"
            )?;
        }
        match self.phase {
            DemoPhase::Shortlist | DemoPhase::Judging | DemoPhase::Ranking => {
                writeln!(f, "Jurors judge at {}/jury/{DEMO_SLUG}", self.url)?;
                writeln!(f, "The rounds: {}/admin/contests/1/rounds", self.url)?
            }
            DemoPhase::Finalized | DemoPhase::Revealed => {
                writeln!(f, "Results at {}/admin/contests/1/results", self.url)?
            }
            DemoPhase::Announced => {
                writeln!(f, "Winners at {}/contests/{DEMO_SLUG}/winners", self.url)?
            }
            DemoPhase::Draft | DemoPhase::Open | DemoPhase::Closed => {
                writeln!(f, "The contest's admin page: {}/admin/contests/1", self.url)?
            }
        }
        Ok(())
    }
}

async fn account(
    db: &Db,
    email: &str,
    password: &str,
    admin: bool,
    now: i64,
) -> anyhow::Result<User> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!(e))?;
    let password = NewPassword::parse(password).map_err(|e| anyhow::anyhow!(e))?;
    crate::accounts::create_user(db, &email, password, admin, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Fills an empty database with the demo contest, at `phase`.
pub async fn populate(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    phase: DemoPhase,
) -> anyhow::Result<DemoLogins> {
    populate_sized(db, config, now, phase, None).await
}

/// [`populate`], with `entries` photo entries from [`bulk`] when given.
pub async fn populate_sized(
    db: &Db,
    config: &Config,
    now: DateTime<Utc>,
    phase: DemoPhase,
    entries: Option<usize>,
) -> anyhow::Result<DemoLogins> {
    if let Some(url) = &config.storage_url {
        anyhow::bail!(
            "the demo fills the data dir's store, not {url}: run it without --storage-url, then `photojury storage copy --to {url}`"
        );
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        anyhow::bail!(
            "the data dir {} already has accounts; run the demo with a fresh --data-dir",
            config.data_dir.display()
        );
    }
    if entries.is_some_and(|n| n > bulk::MAX_ENTRIES) {
        // Numbers are drawn until a free one comes up: past a third of the
        // widest range that slows down, and past all of it never ends.
        anyhow::bail!("--entries takes at most {}", bulk::MAX_ENTRIES);
    }
    let at = now.timestamp();
    let admin_login = (
        "admin@demo.photojury.org".to_owned(),
        "demo-admin-pass".to_owned(),
    );
    let admin = account(db, &admin_login.0, &admin_login.1, true, at).await?;

    let input = ContestInput {
        slug: DEMO_SLUG.into(),
        title: "Migrants: An Invisible Force in Central Asia".into(),
        theme: "The lives, work and journeys of labour migrants and the families they leave behind.".into(),
        description: "Millions of people from Central Asia work far from home. Their labour builds cities \
            and their remittances keep villages alive, yet they are rarely seen. We invite university \
            students and photographers to make this invisible force visible: a portfolio of photographs \
            and a short story about the people in them."
            .into(),
        rules: "Open to citizens of the countries listed below. Submit up to the category's number of \
            photographs, each with a title and a caption, and one story of up to 3,000 characters. \
            Photographs must be your own work, taken with the consent of the people portrayed. The jury \
            evaluates every entry by number only; names are disclosed after the evaluation is complete. \
            Winners are announced per category and selected photographs will be exhibited."
            .into(),
        tz: parse_time_zone("Asia/Almaty").map_err(|e| anyhow::anyhow!(e.to_string()))?,
        opens_at: match phase {
            DemoPhase::Draft => now + Duration::days(20),
            _ => now - Duration::days(40),
        }
        .timestamp(),
        closes_at: match phase {
            DemoPhase::Draft => now + Duration::days(60),
            DemoPhase::Open => now + Duration::days(30),
            _ => now - Duration::days(1),
        }
        .timestamp(),
        max_photos: 10,
        // The bulk entries' originals are small (see `bulk`).
        min_long_edge: match entries {
            Some(_) => 0,
            None => i64::from(crate::images::pipeline::LARGE_EDGE),
        },
        judging_unit: JudgingUnit::Photo,
        // A third of the range at most, so that drawing stays quick.
        number_digits: match entries.unwrap_or(0) {
            0..=30_000 => 5,
            30_001..=300_000 => 6,
            _ => 7,
        },
        countries: ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
            .map(String::from)
            .to_vec(),
        taken_from: None,
        taken_until: None,
    };
    let contest_id = contests::insert_contest(db, &input, at)
        .await?
        .ok_or_else(|| anyhow::anyhow!("a contest at /contests/{DEMO_SLUG} already exists"))?;

    let categories = [
        (
            "University students",
            "Enrolled at a university in the year of the contest.",
            true,
            Some(5),
        ),
        (
            "Artists and photographers",
            "Professional and amateur photographers and visual artists.",
            false,
            None,
        ),
    ];
    for (name, description, requires_university, max_photos) in categories {
        let category = NewCategory {
            name: name.into(),
            description: description.into(),
            requires_university,
            max_photos,
        };
        structure::add_category(db, contest_id, &category).await?;
    }
    let criteria = [
        (
            "Relevance to the theme",
            "How clearly the work speaks about migrants and their lives.",
            3.0,
        ),
        (
            "Artistic merit",
            "Composition, light, originality, the eye behind the camera.",
            3.0,
        ),
        (
            "Technical quality",
            "Focus, exposure and processing that serve the picture.",
            2.0,
        ),
        (
            "Story",
            "The portfolio's story and captions: truthful, moving, well told.",
            2.0,
        ),
    ];
    for (name, description, weight) in criteria {
        let criterion = NewCriterion {
            name: name.into(),
            description: description.into(),
            weight,
            scale_min: 1,
            scale_max: 10,
        };
        structure::add_criterion(db, contest_id, &criterion).await?;
    }
    if rounds::shortlists(phase, entries.is_some()) {
        rounds::set_up(db, contest_id, at).await?;
    }
    if phase >= DemoPhase::Open {
        contests::set_phase(
            &db.pool,
            contest_id,
            crate::contests::model::Phase::Draft,
            crate::contests::model::Phase::Open,
            at,
        )
        .await?;
    }

    let mut jurors = Vec::new();
    let mut jury = Vec::new();
    for n in 1..=5 {
        let login = (
            format!("juror{n}@demo.photojury.org"),
            format!("demo-juror-{n}"),
        );
        let juror = account(db, &login.0, &login.1, false, at).await?;
        contests::assign_role(db, contest_id, juror.id, Role::Juror, at).await?;
        jury.push((juror.id, login.0.clone()));
        jurors.push(login);
    }
    let categories = structure::categories_of(db, contest_id).await?;
    entries::jury(db, contest_id, &jury, &categories, at).await?;
    let countries = contests::countries_of(db, contest_id).await?;
    let photos = match entries {
        _ if phase < DemoPhase::Open => 0,
        Some(n) => {
            bulk::participants(db, config, contest_id, &categories, &countries, (n, at)).await?
        }
        None => entries::participants(db, config, contest_id, &categories, &countries, at).await?,
    };
    if phase >= DemoPhase::Closed {
        use crate::contests::model::Phase;
        contests::set_phase(&db.pool, contest_id, Phase::Open, Phase::Closed, at).await?;
    }
    if phase >= DemoPhase::Shortlist {
        rounds::judge(db, contest_id, &admin, phase, at).await?;
    }
    if phase > DemoPhase::Ranking {
        finish::after_judging(db, contest_id, &admin, phase, at).await?;
    }
    let detail = format!("demo contest, 2 categories, 4 criteria, 5 jurors, {photos} photos");
    audit::record(
        db,
        at,
        Some(&admin),
        "demo.create",
        Some(contest_id),
        &detail,
    )
    .await?;
    Ok(DemoLogins {
        url: config.public_url.clone(),
        phase,
        admin: admin_login,
        jurors,
        bulk: entries.is_some(),
    })
}
