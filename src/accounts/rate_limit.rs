//! Attempt limits (governor's GCRA) on everything a stranger can repeat:
//! sign-in, password changes, registrations and the emails they send.
//!
//! Sign-in is limited per (account, client address) and per address, so a
//! stranger guessing at the admin's password locks out only themselves; the
//! per-account limit is kept far above what one address can reach, as a net
//! against guessing spread over many addresses. Only a configured trusted
//! proxy's `X-Forwarded-For` is believed, so a client cannot reset its own
//! limit by sending the header.

use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::{AppError, Config};

/// One keyed limit: a burst, then one attempt every `every`.
#[derive(Debug)]
struct Limit<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
}

impl<K: Hash + Eq + Clone> Limit<K> {
    fn new(burst: u32, every: Duration) -> Self {
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(every)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// Counts an attempt; `Err(seconds)` until the next one is allowed.
    fn check(&self, key: &K) -> Result<(), u64> {
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// Every limit of the accounts module, shared by all requests of a process.
#[derive(Debug)]
pub struct Limits {
    sign_in_pair: Limit<(String, IpAddr)>,
    sign_in_address: Limit<IpAddr>,
    sign_in_account: Limit<String>,
    password_change: Limit<i64>,
    registration: Limit<IpAddr>,
    mail_to: Limit<String>,
}

impl Limits {
    /// Limits from the config: sign-in `login_burst_per_account` per account
    /// and address then one a minute, `login_burst_per_address` per address
    /// then one every three seconds, and per account twenty times the pair's
    /// burst then one every six seconds (ten a minute: far above the one a
    /// minute one address can sustain).
    pub fn new(config: &Config) -> Self {
        let pair = config.login_burst_per_account;
        Self {
            sign_in_pair: Limit::new(pair, Duration::from_secs(60)),
            sign_in_address: Limit::new(config.login_burst_per_address, Duration::from_secs(3)),
            sign_in_account: Limit::new(pair.saturating_mul(20), Duration::from_secs(6)),
            password_change: Limit::new(pair, Duration::from_secs(60)),
            registration: Limit::new(config.registrations_per_address, Duration::from_secs(20)),
            mail_to: Limit::new(3, Duration::from_secs(600)),
        }
    }

    /// A sign-in attempt (or an invitation accepted with an account's
    /// password) for `email` from `address`.
    pub fn sign_in(&self, email: &str, address: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        self.sign_in_address
            .check(&address)
            .and_then(|()| self.sign_in_pair.check(&(email.clone(), address)))
            .and_then(|()| self.sign_in_account.check(&email))
            .map_err(AppError::TooManyRequests)
    }

    /// A try at the current password on the account page.
    pub fn password_change(&self, user_id: i64) -> Result<(), AppError> {
        self.password_change
            .check(&user_id)
            .map_err(AppError::TooManyRequests)
    }

    /// A registration (or a request for a new link) from `address`.
    pub fn registration(&self, address: IpAddr) -> Result<(), AppError> {
        self.registration
            .check(&address)
            .map_err(AppError::TooManyRequests)
    }

    /// Whether one more email may go to `email` now (a few every ten
    /// minutes), so a form cannot be used to flood someone's inbox.
    pub fn may_mail(&self, email: &str) -> bool {
        self.mail_to.check(&email.to_lowercase()).is_ok()
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn forget_recovered(&self) {
        self.sign_in_pair.limiter.retain_recent();
        self.sign_in_address.limiter.retain_recent();
        self.sign_in_account.limiter.retain_recent();
        self.password_change.limiter.retain_recent();
        self.registration.limiter.retain_recent();
        self.mail_to.limiter.retain_recent();
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

    #[test]
    fn a_stranger_guessing_locks_out_only_their_own_address() {
        let mut config = Config::new("/tmp/x");
        config.login_burst_per_account = 3;
        let limits = Limits::new(&config);
        let stranger: IpAddr = "192.0.2.1".parse().unwrap();
        let owner: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limits.sign_in("admin@example.org", stranger).is_ok());
        }
        match limits.sign_in("ADMIN@example.org", stranger) {
            Err(AppError::TooManyRequests(seconds)) => assert!((1..=60).contains(&seconds)),
            other => panic!("expected a 429 with a wait, got {other:?}"),
        }
        assert!(limits.sign_in("admin@example.org", owner).is_ok());
    }

    #[test]
    fn guessing_spread_over_many_addresses_still_meets_the_account_limit() {
        let mut config = Config::new("/tmp/x");
        config.login_burst_per_account = 2;
        let limits = Limits::new(&config);
        let accepted = (0..100u8)
            .filter(|i| {
                let ip = IpAddr::from([198, 51, 100, *i]);
                limits.sign_in("juror@example.org", ip).is_ok()
            })
            .count();
        // Twenty times the pair's burst (2), then one every six seconds.
        assert!((40..=41).contains(&accepted), "{accepted}");
        let fresh = IpAddr::from([203, 0, 113, 9]);
        assert!(limits.sign_in("juror@example.org", fresh).is_err());
        assert!(limits.sign_in("someone.else@example.org", fresh).is_ok());
    }
}
