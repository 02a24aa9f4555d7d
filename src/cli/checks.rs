//! `photojury verify` and `photojury audit verify`: print OK or each
//! problem found, and exit non-zero on any.

use crate::config::Config;

/// What `photojury verify` was asked to check.
pub(super) struct Asked {
    /// A downloaded `reveal.json` (no database needed).
    pub file: Option<std::path::PathBuf>,
    /// The commitment seen published during judging.
    pub commitment: Option<String>,
    /// The results hash seen published at finalization.
    pub results_hash: Option<String>,
    /// A participant's line from their receipt (JSON).
    pub line: Option<String>,
    /// Make the derivatives again from the originals.
    pub rederive: bool,
}

fn check_file(path: &std::path::Path, slug: &str, asked: &Asked) -> anyhow::Result<Vec<String>> {
    use crate::results::verify::{Published, check_line, check_published};
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let bundle: Published = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a reveal file: {e}", path.display()))?;
    let mut problems = check_published(&bundle);
    if bundle.contest != slug {
        problems.push(format!("the file is for contest {:?}", bundle.contest));
    }
    if asked
        .commitment
        .as_ref()
        .is_some_and(|c| *c != bundle.commitment)
    {
        problems.push("the commitment differs from the one you saw published".into());
    }
    if asked
        .results_hash
        .as_ref()
        .is_some_and(|h| *h != bundle.results_sha256)
    {
        problems.push("the results hash differs from the one you saw published".into());
    }
    if let Some(line) = &asked.line {
        let line = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("--line is not the line from a receipt: {e}"))?;
        problems.extend(check_line(&bundle, &line));
    }
    Ok(problems)
}

/// `photojury verify`: prints OK or each problem, and fails on any.
pub(super) async fn verify(config: &Config, slug: &str, asked: Asked) -> anyhow::Result<()> {
    use crate::results::verify_stored::{Checks, Report, check_stored};
    let report = match &asked.file {
        Some(path) => Report {
            problems: check_file(path, slug, &asked)?,
            notes: Vec::new(),
        },
        None => {
            let db = super::open(config).await?;
            let contest = crate::contests::queries::contest_by_slug(&db, slug)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .ok_or_else(|| anyhow::anyhow!("there is no contest {slug:?}"))?;
            let files =
                crate::images::Objects::open(&config.data_dir, config.storage_url.as_deref())
                    .map_err(|e| anyhow::anyhow!("cannot open the file store: {e}"))?;
            let checks = Checks {
                files: &files,
                rederive: asked.rederive.then_some(&config.image_limits),
            };
            check_stored(&db, &contest, checks).await?
        }
    };
    for note in &report.notes {
        println!("NOTE: {note}");
    }
    if report.problems.is_empty() {
        println!(
            "OK: contest {slug}: every entry matches the commitment (authors, names, originals and the images shown) and the results match their hash."
        );
        return Ok(());
    }
    for problem in &report.problems {
        println!("MISMATCH: {problem}");
    }
    anyhow::bail!("verification failed: {} problem(s)", report.problems.len())
}

/// `photojury audit verify`.
pub(super) async fn audit_verify(config: &Config) -> anyhow::Result<()> {
    let db = super::open(config).await?;
    let report = crate::audit::chain::verify(&db).await?;
    for problem in &report.problems {
        println!("BROKEN: {problem}");
    }
    if !report.ok() {
        anyhow::bail!("the audit log's hash chain is broken");
    }
    println!(
        "OK: {} rows chained{}.",
        report.chained,
        if report.legacy > 0 {
            format!(", {} older rows from before the chain", report.legacy)
        } else {
            String::new()
        }
    );
    Ok(())
}
