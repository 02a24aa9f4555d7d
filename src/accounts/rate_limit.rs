//! Login attempt limits, per account and per client address (governor's GCRA).
//! Only a configured trusted proxy's `X-Forwarded-For` is believed, so a client
//! cannot reset its own limit by sending the header.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::HeaderMap;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::Config;

/// Two keyed limiters: one by account email, one by client address.
#[derive(Debug)]
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl LoginLimiter {
    /// Limits from the config: a burst, then one attempt a minute per account
    /// and one every three seconds per address.
    pub fn new(config: &Config) -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(
                config.login_burst_per_account,
                Duration::from_secs(60),
            )),
            per_address: RateLimiter::keyed(quota(
                config.login_burst_per_address,
                Duration::from_secs(3),
            )),
        }
    }

    /// Records an attempt; false means it is over either limit (answer 429).
    pub fn attempt(&self, email: &str, address: IpAddr) -> bool {
        if self.per_address.check_key(&address).is_err() {
            return false;
        }
        self.per_account.check_key(&email.to_lowercase()).is_ok()
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn forget_recovered(&self) {
        self.per_account.retain_recent();
        self.per_address.retain_recent();
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
    fn an_account_is_limited_after_its_burst_whatever_the_address() {
        let mut config = Config::new("/tmp/x");
        config.login_burst_per_account = 3;
        let limiter = LoginLimiter::new(&config);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.attempt("x@example.org", a));
        assert!(limiter.attempt("X@example.org", b));
        assert!(limiter.attempt("x@example.org", a));
        assert!(!limiter.attempt("x@example.org", b));
        assert!(limiter.attempt("y@example.org", b));
    }
}
