//! Several server processes over one database behave as one server: they
//! migrate it once when they start together, and a failed sign-in counted
//! by one is counted by all, so a guesser cannot multiply their tries by
//! the number of processes behind a load balancer. (Sessions across
//! processes: `accounts`; kept pages: `kept_pages`.)

use photojury::Db;

use crate::common::{TestApp, locked_out_over_two_processes, unopened_database};

#[tokio::test]
async fn failed_sign_ins_counted_by_one_process_lock_the_guesser_out_of_the_other() {
    let app = TestApp::spawn_with(|c| c.login_burst_per_account = 3).await;
    locked_out_over_two_processes(&app).await;
    // One bucket per (account, address), per address and per account.
    assert_eq!(app.count("rate_buckets").await, 3);
    let pair: f64 =
        sqlx::query_scalar("SELECT tokens FROM rate_buckets WHERE name = 'failed_pair'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(pair.abs() < 1e-6, "all three tries spent: {pair}");
}

#[tokio::test]
async fn processes_starting_together_migrate_the_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _guard) = unopened_database(dir.path()).await;
    let (a, b, c) = tokio::join!(Db::connect(&url), Db::connect(&url), Db::connect(&url));
    let (a, _, _) = (a.unwrap(), b.unwrap(), c.unwrap());
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&a.pool)
            .await
            .unwrap();
    let files = std::fs::read_dir(format!("{}/migrations/sqlite", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .count();
    assert_eq!(applied, files as i64);
    let tables: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_buckets")
        .fetch_one(&a.pool)
        .await
        .unwrap();
    assert_eq!(tables, 0);
}
