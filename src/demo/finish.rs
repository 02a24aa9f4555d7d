//! The demo after judging: finalized with an override (juror 1 never
//! finished), names revealed, awards as the ranking suggests plus honourable
//! mentions and an exhibition selection, winners announced, as far as the
//! demo's phase asks.

use crate::accounts::queries::User;
use crate::contests::queries as contests;
use crate::demo::DemoPhase;
use crate::{audit, db::Db};

/// Finalizes (with an override: juror 1 never started), then reveals, awards
/// what the ranking suggests plus an exhibition selection, and announces, as
/// far as `phase` asks.
pub(super) async fn after_judging(
    db: &Db,
    contest_id: i64,
    admin: &User,
    phase: DemoPhase,
    at: i64,
) -> anyhow::Result<()> {
    use crate::contests::model::Phase;
    use crate::results::{awards, finalize, snapshot};
    let reason = "Juror 1 could not take part (demo).";
    finalize::finalize(
        db,
        at,
        admin,
        &demo_contest(db, contest_id).await?,
        true,
        reason,
    )
    .await?
    .map_err(|message| anyhow::anyhow!(message))?;
    if phase == DemoPhase::Finalized {
        return Ok(());
    }
    advance(
        db,
        admin,
        contest_id,
        (Phase::Finalized, Phase::Revealed),
        at,
    )
    .await?;
    if phase == DemoPhase::Revealed {
        return Ok(());
    }
    let (json, _) = snapshot::stored_json(db, contest_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no results snapshot"))?;
    let snap: snapshot::Snapshot = serde_json::from_str(&json)?;
    let contest = demo_contest(db, contest_id).await?;
    let author_of = awards::authors_of(db, &contest).await?;
    let mut form = awards::AwardsForm {
        chosen: awards::suggested(&snap, &author_of, false),
        reason: "Honourable mentions for the next two photographers (demo).".into(),
        share_feedback: true,
        normalized: false,
    };
    // Honourable mentions and exhibition picks for the next two authors of each category.
    for category in &snap.categories {
        let mut honoured: Vec<i64> = category
            .entries
            .iter()
            .filter(|l| form.chosen.contains_key(&l.number))
            .filter_map(|l| author_of.get(&l.number).copied())
            .collect();
        for line in &category.entries {
            let author = author_of.get(&line.number).copied().unwrap_or_default();
            if honoured.len() >= 5 || honoured.contains(&author) {
                continue;
            }
            honoured.push(author);
            let decision = awards::Decision {
                award: Some(awards::Award::Mention),
                exhibition: true,
            };
            form.chosen.insert(line.number, decision);
        }
    }
    awards::save(db, at, admin, &contest, &snap, &form)
        .await?
        .map_err(|message| anyhow::anyhow!(message))?;
    advance(
        db,
        admin,
        contest_id,
        (Phase::Revealed, Phase::Announced),
        at,
    )
    .await?;
    Ok(())
}

/// Moves the demo contest on a phase, logged as the admin's action.
async fn advance(
    db: &Db,
    admin: &User,
    contest_id: i64,
    (from, to): (crate::contests::model::Phase, crate::contests::model::Phase),
    at: i64,
) -> anyhow::Result<()> {
    contests::set_phase(&db.pool, contest_id, from, to, at).await?;
    let detail = format!("{from} → {to}");
    audit::record(
        db,
        at,
        Some(admin),
        "contest.phase",
        Some(contest_id),
        &detail,
    )
    .await?;
    Ok(())
}

pub(super) async fn demo_contest(db: &Db, id: i64) -> anyhow::Result<contests::Contest> {
    contests::contest_by_id(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo contest vanished"))
}
