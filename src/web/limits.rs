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
//!
//! The buckets live in the database (`rate_buckets`), or in Redis with
//! `--redis-url` (`limits_redis.rs`), so any number of server processes
//! behind a load balancer count one attempt once: a stranger cannot
//! multiply their guesses by the number of processes. A bucket is taken in
//! one statement (an upsert whose update only happens while a token is
//! left; in Redis, one script), so two processes cannot both spend the
//! last one.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::http::HeaderMap;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::error::AppError;
use crate::web::limits_redis::RedisBuckets;

/// One limit: `burst` attempts, then one every `every_ms`.
#[derive(Debug, Clone, Copy)]
struct Rule {
    /// The bucket's name in `rate_buckets`.
    name: &'static str,
    burst: f64,
    every_ms: f64,
}

impl Rule {
    fn new(name: &'static str, burst: u32, every_seconds: u64) -> Self {
        Self {
            name,
            burst: f64::from(burst.max(1)),
            // Periods are seconds to minutes: far below 2^53 milliseconds.
            #[allow(clippy::cast_precision_loss)]
            every_ms: (every_seconds * 1000) as f64,
        }
    }

    /// The tokens a bucket holds at `now`, refilled since `at`.
    fn refilled(&self, tokens: f64, at: i64, now: i64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let earned = (now - at).max(0) as f64 / self.every_ms;
        (tokens + earned).min(self.burst)
    }

    /// The whole seconds until a bucket holding `tokens` has one again.
    fn wait(&self, tokens: f64) -> u64 {
        let seconds = (1.0 - tokens).max(0.0) * self.every_ms / 1000.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = seconds.ceil() as u64;
        whole.max(1)
    }
}

/// Every limit, counted in the database for all the server's processes.
pub struct Limits {
    db: Db,
    redis: Option<RedisBuckets>,
    clock: Arc<dyn Clock>,
    failed_pair: Rule,
    failed_address: Rule,
    failed_account: Rule,
    password_change: Rule,
    registration: Rule,
    mail_to: Rule,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits").finish_non_exhaustive()
    }
}

impl Limits {
    /// Limits from the config: failed sign-ins `login_burst_per_account` per
    /// account and address then one a minute, `login_burst_per_address` per
    /// address then one every three seconds, and per account twenty times
    /// the pair's burst then one every six seconds (ten a minute: far above
    /// the one a minute one address can sustain); wrong current passwords
    /// like a pair; registrations `registrations_per_address` then one every
    /// six seconds; three emails to an address, then one every ten minutes.
    pub fn new(config: &Config, db: Db, clock: Arc<dyn Clock>) -> Self {
        let pair = config.login_burst_per_account;
        Self {
            db,
            redis: None,
            clock,
            failed_pair: Rule::new("failed_pair", pair, 60),
            failed_address: Rule::new("failed_address", config.login_burst_per_address, 3),
            failed_account: Rule::new("failed_account", pair.saturating_mul(20), 6),
            password_change: Rule::new("password_change", pair, 60),
            registration: Rule::new("registration", config.registrations_per_address, 6),
            mail_to: Rule::new("mail_to", 3, 600),
        }
    }

    /// The same limits, counted in Redis instead of the database.
    pub fn in_redis(mut self, redis: RedisBuckets) -> Self {
        self.redis = Some(redis);
        self
    }

    fn now_ms(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    /// `Err(seconds)` while `key` has no attempt left; counts nothing.
    async fn check(&self, rule: Rule, key: &str) -> Result<Result<(), u64>, AppError> {
        if let Some(redis) = &self.redis {
            return self.count_in_redis(redis, rule, key, false).await;
        }
        let now = self.now_ms();
        let row: Option<(f64, i64)> =
            sqlx::query_as("SELECT tokens, at FROM rate_buckets WHERE name = $1 AND key = $2")
                .bind(rule.name)
                .bind(key)
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(match row {
            Some((tokens, at)) if rule.refilled(tokens, at, now) < 1.0 => {
                Err(rule.wait(rule.refilled(tokens, at, now)))
            }
            _ => Ok(()),
        })
    }

    /// [`Limits::check`] (or, with `take`, [`Limits::take`]) in Redis: one
    /// script refills the bucket and takes a token when one is there.
    async fn count_in_redis(
        &self,
        redis: &RedisBuckets,
        rule: Rule,
        key: &str,
        take: bool,
    ) -> Result<Result<(), u64>, AppError> {
        let now = self.now_ms();
        let held = redis
            .tokens((rule.name, key), (rule.burst, rule.every_ms), now, take)
            .await?;
        Ok(if held < 1.0 {
            Err(rule.wait(held))
        } else {
            Ok(())
        })
    }

    /// Counts one attempt of `key`: `Err(seconds)` if it had none left (and
    /// then nothing changes).
    async fn take(&self, rule: Rule, key: &str) -> Result<Result<(), u64>, AppError> {
        if let Some(redis) = &self.redis {
            return self.count_in_redis(redis, rule, key, true).await;
        }
        let now = self.now_ms();
        let refilled = "rate_buckets.tokens + ($3 - rate_buckets.at) / $4";
        let sql = format!(
            "INSERT INTO rate_buckets (name, key, tokens, at) VALUES ($1, $2, $5 - 1, $3) \
             ON CONFLICT (name, key) DO UPDATE SET \
             tokens = CASE WHEN {refilled} > $5 THEN $5 ELSE {refilled} END - 1, at = $3 \
             WHERE {refilled} >= 1 RETURNING tokens"
        );
        let taken: Option<f64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(rule.name)
            .bind(key)
            .bind(now)
            .bind(rule.every_ms)
            .bind(rule.burst)
            .fetch_optional(&self.db.pool)
            .await?;
        if taken.is_some() {
            return Ok(Ok(()));
        }
        Ok(match self.check(rule, key).await? {
            Ok(()) => Err(1),
            refused => refused,
        })
    }

    /// Before a sign-in (or an invitation accepted with an account's
    /// password) for `email` from `address`: 429 while a limit is spent.
    pub async fn may_sign_in(&self, email: &str, address: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        let address = address.to_string();
        let pair = format!("{email} {address}");
        for (rule, key) in [
            (self.failed_address, address.as_str()),
            (self.failed_pair, pair.as_str()),
            (self.failed_account, email.as_str()),
        ] {
            self.check(rule, key)
                .await?
                .map_err(AppError::TooManyRequests)?;
        }
        Ok(())
    }

    /// After a wrong password for `email` from `address`.
    pub async fn sign_in_failed(&self, email: &str, address: IpAddr) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        let address = address.to_string();
        let pair = format!("{email} {address}");
        // Every bucket counts the attempt, whether or not it was spent.
        let _ = self.take(self.failed_address, &address).await?;
        let _ = self.take(self.failed_pair, &pair).await?;
        let _ = self.take(self.failed_account, &email).await?;
        Ok(())
    }

    /// Before a try at the current password on the account page.
    pub async fn may_change_password(&self, user_id: i64) -> Result<(), AppError> {
        self.check(self.password_change, &user_id.to_string())
            .await?
            .map_err(AppError::TooManyRequests)
    }

    /// After a wrong current password on the account page.
    pub async fn password_change_failed(&self, user_id: i64) -> Result<(), AppError> {
        let _ = self
            .take(self.password_change, &user_id.to_string())
            .await?;
        Ok(())
    }

    /// A registration (or a request for a new link) from `address`.
    pub async fn registration(&self, address: IpAddr) -> Result<(), AppError> {
        self.take(self.registration, &address.to_string())
            .await?
            .map_err(AppError::TooManyRequests)
    }

    /// Whether one more email may go to `email` now (a few every ten
    /// minutes), so a form cannot be used to flood someone's inbox.
    pub async fn may_mail(&self, email: &str) -> Result<bool, AppError> {
        Ok(self
            .take(self.mail_to, &email.to_lowercase())
            .await?
            .is_ok())
    }

    /// Forgets the buckets that have filled up again, so the table holds
    /// only keys that are being limited now.
    pub async fn forget_recovered(&self) -> Result<u64, sqlx::Error> {
        let now = self.now_ms();
        let mut forgotten = 0;
        for rule in [
            self.failed_pair,
            self.failed_address,
            self.failed_account,
            self.password_change,
            self.registration,
            self.mail_to,
        ] {
            forgotten += sqlx::query(
                "DELETE FROM rate_buckets WHERE name = $1 AND tokens + ($2 - at) / $3 >= $4",
            )
            .bind(rule.name)
            .bind(now)
            .bind(rule.every_ms)
            .bind(rule.burst)
            .execute(&self.db.pool)
            .await?
            .rows_affected();
        }
        Ok(forgotten)
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
#[path = "limits_tests.rs"]
mod tests;
