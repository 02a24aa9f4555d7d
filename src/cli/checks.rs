//! `photojury verify` and `photojury audit verify`: print OK or each
//! problem found, and exit non-zero on any.

use crate::config::Config;

/// `photojury verify`: prints OK or each problem, and fails on any.
pub(super) async fn verify(
    config: &Config,
    slug: &str,
    file: Option<&std::path::Path>,
    expected: (Option<String>, Option<String>),
) -> anyhow::Result<()> {
    use crate::results::verify::{Published, check_published, check_stored};
    let problems = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let bundle: Published = serde_json::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a reveal file: {e}", path.display()))?;
            let mut problems = check_published(&bundle);
            if bundle.contest != slug {
                problems.push(format!("the file is for contest {:?}", bundle.contest));
            }
            if expected.0.is_some_and(|c| c != bundle.commitment) {
                problems.push("the commitment differs from the one you saw published".into());
            }
            if expected.1.is_some_and(|h| h != bundle.results_sha256) {
                problems.push("the results hash differs from the one you saw published".into());
            }
            problems
        }
        None => {
            let db = super::open(config).await?;
            let contest = crate::contests::queries::contest_by_slug(&db, slug)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .ok_or_else(|| anyhow::anyhow!("there is no contest {slug:?}"))?;
            check_stored(&db, &contest).await?
        }
    };
    if problems.is_empty() {
        println!(
            "OK: contest {slug}: every entry matches the commitment and the results match their hash."
        );
        return Ok(());
    }
    for problem in &problems {
        println!("MISMATCH: {problem}");
    }
    anyhow::bail!("verification failed: {} problem(s)", problems.len())
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
