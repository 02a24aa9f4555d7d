//! Unit tests of the attempt limits and the client address (kept beside it, in their own file).
use super::*;
use crate::clock::ManualClock;

fn headers(xff: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("x-forwarded-for", xff.parse().unwrap());
    h
}

#[test]
fn forwarded_for_from_an_untrusted_peer_is_ignored() {
    let peer: SocketAddr = "203.0.113.7:5000".parse().unwrap();
    let ip = client_address(peer, &headers("198.51.100.1"), &[]);
    assert_eq!(ip, peer.ip());
}

#[test]
fn a_trusted_proxy_names_the_nearest_untrusted_hop() {
    let proxy: IpAddr = "10.0.0.2".parse().unwrap();
    let peer = SocketAddr::new(proxy, 5000);
    let ip = client_address(peer, &headers("1.1.1.1, 198.51.100.1, 10.0.0.2"), &[proxy]);
    assert_eq!(ip, "198.51.100.1".parse::<IpAddr>().unwrap());
}

/// Limits over a fresh SQLite database, with a clock the test moves.
async fn limits(pair: u32) -> (Limits, Arc<ManualClock>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path());
    config.login_burst_per_account = pair;
    let db = Db::connect(&config.database_url).await.unwrap();
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    (Limits::new(&config, db, clock.clone()), clock, dir)
}

#[tokio::test]
async fn a_stranger_guessing_locks_out_only_their_own_address() {
    let (limits, _, _dir) = limits(3).await;
    let stranger: IpAddr = "192.0.2.1".parse().unwrap();
    let owner: IpAddr = "192.0.2.2".parse().unwrap();
    for _ in 0..3 {
        assert!(
            limits
                .may_sign_in("admin@example.org", stranger)
                .await
                .is_ok()
        );
        limits
            .sign_in_failed("admin@example.org", stranger)
            .await
            .unwrap();
    }
    match limits.may_sign_in("ADMIN@example.org", stranger).await {
        Err(AppError::TooManyRequests(seconds)) => assert!((1..=60).contains(&seconds)),
        other => panic!("expected a 429 with a wait, got {other:?}"),
    }
    assert!(limits.may_sign_in("admin@example.org", owner).await.is_ok());
}

#[tokio::test]
async fn sign_ins_that_succeed_are_not_counted() {
    let (limits, _, _dir) = limits(2).await;
    let lab: IpAddr = "192.0.2.9".parse().unwrap();
    // A class of 200 signing in from one network: nobody is slowed.
    for n in 0..200 {
        let email = format!("student{n}@uni.example");
        assert!(limits.may_sign_in(&email, lab).await.is_ok());
    }
}

#[tokio::test]
async fn guessing_spread_over_many_addresses_still_meets_the_account_limit() {
    let (limits, _, _dir) = limits(2).await;
    let mut accepted = 0;
    for i in 0..100u8 {
        let ip = IpAddr::from([198, 51, 100, i]);
        if limits.may_sign_in("juror@example.org", ip).await.is_ok() {
            limits
                .sign_in_failed("juror@example.org", ip)
                .await
                .unwrap();
            accepted += 1;
        }
    }
    // Twenty times the pair's burst (2); the clock stands still.
    assert_eq!(accepted, 40);
    let fresh = IpAddr::from([203, 0, 113, 9]);
    assert!(
        limits
            .may_sign_in("juror@example.org", fresh)
            .await
            .is_err()
    );
    let other = limits.may_sign_in("someone.else@example.org", fresh).await;
    assert!(other.is_ok());
}

#[tokio::test]
async fn buckets_refill_with_time_and_full_ones_are_forgotten() {
    let (limits, clock, _dir) = limits(2).await;
    for _ in 0..3 {
        assert!(limits.may_mail("a@example.org").await.unwrap());
    }
    assert!(
        !limits.may_mail("A@example.org").await.unwrap(),
        "three, then wait"
    );
    clock.advance(chrono::Duration::seconds(600));
    assert!(
        limits.may_mail("a@example.org").await.unwrap(),
        "one more after a period"
    );
    assert_eq!(limits.forget_recovered().await.unwrap(), 0, "not full yet");
    clock.advance(chrono::Duration::seconds(1800));
    assert_eq!(limits.forget_recovered().await.unwrap(), 1);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_buckets")
        .fetch_one(&limits.db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}
