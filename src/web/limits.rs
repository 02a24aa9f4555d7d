//! Limits on everything a stranger can repeat: wrong passwords, sign-ups
//! and the emails they send. Each limit is a token bucket per key: a burst,
//! then one more every period.
//!
//! Sign-in counts only *failed* attempts, per (account, client address), per
//! address, and per account from all addresses (kept far above what one
//! address can reach): a class signing in together from one university
//! network is never slowed, and a stranger guessing at the admin's password
//! locks out only their own address. A key over its limit is refused before
//! the password is even looked at. Only a configured trusted proxy's
//! `X-Forwarded-For` is believed, so a client cannot reset its own limit by
//! sending the header.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

use crate::config::Config;
use crate::error::AppError;

/// Most keys one limit remembers; past it, full buckets are forgotten at once.
const MAX_KEYS: usize = 100_000;

/// One bucket: how many attempts are left, as of when.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// One keyed limit: `burst` attempts, then one every `every`.
#[derive(Debug)]
struct Limit<K: Hash + Eq + Clone> {
    burst: f64,
    every: Duration,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Hash + Eq + Clone> Limit<K> {
    fn new(burst: u32, every: Duration) -> Self {
        Self {
            burst: f64::from(burst.max(1)),
            every,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// The bucket of `key` refilled to `now` (a full one if unknown).
    fn refilled(&self, bucket: Option<&Bucket>, now: Instant) -> Bucket {
        match bucket {
            Some(b) => {
                let earned = now.duration_since(b.at).as_secs_f64() / self.every.as_secs_f64();
                Bucket {
                    tokens: (b.tokens + earned).min(self.burst),
                    at: now,
                }
            }
            None => Bucket {
                tokens: self.burst,
                at: now,
            },
        }
    }

    /// The whole seconds until `bucket` holds one attempt again.
    fn wait(&self, bucket: &Bucket) -> u64 {
        let seconds = (1.0 - bucket.tokens).max(0.0) * self.every.as_secs_f64();
        (seconds.ceil() as u64).max(1)
    }

    /// `Err(seconds)` while `key` has no attempt left; counts nothing.
    fn check(&self, key: &K) -> Result<(), u64> {
        let Ok(buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let bucket = self.refilled(buckets.get(key), Instant::now());
        if bucket.tokens < 1.0 {
            return Err(self.wait(&bucket));
        }
        Ok(())
    }

    /// Counts one attempt of `key`: `Err(seconds)` if it had none left.
    fn take(&self, key: &K) -> Result<(), u64> {
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        let mut bucket = self.refilled(buckets.get(key), now);
        if bucket.tokens < 1.0 {
            return Err(self.wait(&bucket));
        }
        bucket.tokens -= 1.0;
        if buckets.len() >= MAX_KEYS {
            self.forget_full(&mut buckets, now);
        }
        buckets.insert(key.clone(), bucket);
        Ok(())
    }

    fn forget_full(&self, buckets: &mut HashMap<K, Bucket>, now: Instant) {
        buckets.retain(|_, b| self.refilled(Some(b), now).tokens < self.burst);
    }

    /// Forgets the keys whose buckets have filled up again.
    fn forget_recovered(&self) {
        if let Ok(mut buckets) = self.buckets.lock() {
            self.forget_full(&mut buckets, Instant::now());
        }
    }
}

/// Every limit, shared by all requests of a process.
#[derive(Debug)]
pub struct Limits {
    failed_pair: Limit<(String, IpAddr)>,
    failed_address: Limit<IpAddr>,
    failed_account: Limit<String>,
    password_change: Limit<i64>,
    registration: Limit<IpAddr>,
    mail_to: Limit<String>,
}

impl Limits {
    /// Limits from the config: failed sign-ins `login_burst_per_account` per
    /// account and address then one a minute, `login_burst_per_address` per
    /// address then one every three seconds, and per account twenty times
    /// the pair's burst then one every six seconds (ten a minute: far above
    /// the one a minute one address can sustain); wrong current passwords
    /// like a pair; registrations `registrations_per_address` then one every
    /// six seconds; three emails to an address, then one every ten minutes.
    pub fn new(config: &Config) -> Self {
        let pair = config.login_burst_per_account;
        Self {
            failed_pair: Limit::new(pair, Duration::from_secs(60)),
            failed_address: Limit::new(config.login_burst_per_address, Duration::from_secs(3)),
            failed_account: Limit::new(pair.saturating_mul(20), Duration::from_secs(6)),
            password_change: Limit::new(pair, Duration::from_secs(60)),
            registration: Limit::new(config.registrations_per_address, Duration::from_secs(6)),
            mail_to: Limit::new(3, Duration::from_secs(600)),
        }
    }

    /// Before a sign-in (or an invitation accepted with an account's
    /// password) for `email` from `address`: 429 while a limit is spent.
    pub fn may_sign_in(&self, email: &str, address: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        self.failed_address
            .check(&address)
            .and_then(|()| self.failed_pair.check(&(email.clone(), address)))
            .and_then(|()| self.failed_account.check(&email))
            .map_err(AppError::TooManyRequests)
    }

    /// After a wrong password for `email` from `address`.
    pub fn sign_in_failed(&self, email: &str, address: IpAddr) {
        let email = email.trim().to_lowercase();
        let _ = self.failed_address.take(&address);
        let _ = self.failed_pair.take(&(email.clone(), address));
        let _ = self.failed_account.take(&email);
    }

    /// Before a try at the current password on the account page.
    pub fn may_change_password(&self, user_id: i64) -> Result<(), AppError> {
        self.password_change
            .check(&user_id)
            .map_err(AppError::TooManyRequests)
    }

    /// After a wrong current password on the account page.
    pub fn password_change_failed(&self, user_id: i64) {
        let _ = self.password_change.take(&user_id);
    }

    /// A registration (or a request for a new link) from `address`.
    pub fn registration(&self, address: IpAddr) -> Result<(), AppError> {
        self.registration
            .take(&address)
            .map_err(AppError::TooManyRequests)
    }

    /// Whether one more email may go to `email` now (a few every ten
    /// minutes), so a form cannot be used to flood someone's inbox.
    pub fn may_mail(&self, email: &str) -> bool {
        self.mail_to.take(&email.to_lowercase()).is_ok()
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn forget_recovered(&self) {
        self.failed_pair.forget_recovered();
        self.failed_address.forget_recovered();
        self.failed_account.forget_recovered();
        self.password_change.forget_recovered();
        self.registration.forget_recovered();
        self.mail_to.forget_recovered();
    }
}

/// The client's address: the peer, unless the peer is a trusted proxy, in which
/// case the nearest untrusted hop of `X-Forwarded-For`.
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer_ip = peer.ip();
    if !trusted.contains(&peer_ip) {
        return peer_ip;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded
        .into_iter()
        .rev()
        .find(|hop| !trusted.contains(hop))
        .unwrap_or(peer_ip)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn limits(pair: u32) -> Limits {
        let mut config = Config::new("/tmp/x");
        config.login_burst_per_account = pair;
        Limits::new(&config)
    }

    #[test]
    fn a_stranger_guessing_locks_out_only_their_own_address() {
        let limits = limits(3);
        let stranger: IpAddr = "192.0.2.1".parse().unwrap();
        let owner: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limits.may_sign_in("admin@example.org", stranger).is_ok());
            limits.sign_in_failed("admin@example.org", stranger);
        }
        match limits.may_sign_in("ADMIN@example.org", stranger) {
            Err(AppError::TooManyRequests(seconds)) => assert!((1..=60).contains(&seconds)),
            other => panic!("expected a 429 with a wait, got {other:?}"),
        }
        assert!(limits.may_sign_in("admin@example.org", owner).is_ok());
    }

    #[test]
    fn sign_ins_that_succeed_are_not_counted() {
        let limits = limits(2);
        let lab: IpAddr = "192.0.2.9".parse().unwrap();
        // A class of 200 signing in from one network: nobody is slowed.
        for n in 0..200 {
            assert!(
                limits
                    .may_sign_in(&format!("student{n}@uni.example"), lab)
                    .is_ok()
            );
        }
    }

    #[test]
    fn guessing_spread_over_many_addresses_still_meets_the_account_limit() {
        let limits = limits(2);
        let accepted = (0..100u8)
            .filter(|i| {
                let ip = IpAddr::from([198, 51, 100, *i]);
                let allowed = limits.may_sign_in("juror@example.org", ip).is_ok();
                if allowed {
                    limits.sign_in_failed("juror@example.org", ip);
                }
                allowed
            })
            .count();
        // Twenty times the pair's burst (2), then one every six seconds.
        assert!((40..=41).contains(&accepted), "{accepted}");
        let fresh = IpAddr::from([203, 0, 113, 9]);
        assert!(limits.may_sign_in("juror@example.org", fresh).is_err());
        assert!(
            limits
                .may_sign_in("someone.else@example.org", fresh)
                .is_ok()
        );
    }

    #[test]
    fn buckets_refill_and_full_ones_are_forgotten() {
        let limit: Limit<u8> = Limit::new(2, Duration::from_millis(20));
        assert!(limit.take(&1).is_ok());
        assert!(limit.take(&1).is_ok());
        assert!(limit.take(&1).is_err());
        std::thread::sleep(Duration::from_millis(30));
        assert!(limit.take(&1).is_ok(), "one more after a period");
        std::thread::sleep(Duration::from_millis(50));
        limit.forget_recovered();
        assert!(limit.buckets.lock().unwrap().is_empty());
    }
}
