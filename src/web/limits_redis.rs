//! The attempt limits' buckets in Redis (`--redis-url`), for deployments
//! that would rather not write a row per counted attempt: the same token
//! buckets as in `rate_buckets`, each a hash taken in one Lua script (Redis
//! runs a script atomically, so two processes cannot both spend the last
//! token), expiring by itself once it has filled up again.

use redis::aio::ConnectionManager;

/// Refills a bucket to `now`, and takes a token when asked and one is
/// left. Returns the tokens left after it (a whole token or more means the
/// attempt may go on) and whether one was taken.
const TAKE: &str = r"
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local every = tonumber(ARGV[3])
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(held[1]) or burst
local at = tonumber(held[2]) or now
local elapsed = now - at
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed / every)
if tokens < 1 or ARGV[4] ~= '1' then
  return tostring(tokens)
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * every) + 1000)
return tostring(tokens + 1)
";

/// A connection to Redis (reconnecting by itself) and the keys' prefix.
#[derive(Clone)]
pub struct RedisBuckets {
    connection: ConnectionManager,
    prefix: String,
    script: redis::Script,
}

impl RedisBuckets {
    /// Connects to `url` (`redis://host:port/db`); keys start with `prefix`.
    pub async fn connect(url: &str, prefix: &str) -> redis::RedisResult<Self> {
        let client = redis::Client::open(url)?;
        let connection = ConnectionManager::new(client).await?;
        Ok(Self {
            connection,
            prefix: prefix.to_owned(),
            script: redis::Script::new(TAKE),
        })
    }

    /// The tokens bucket `name`/`key` holds at `now_ms` before this attempt
    /// (refilled), taking one if `take` and one is there.
    pub async fn tokens(
        &self,
        (name, key): (&str, &str),
        (burst, every_ms): (f64, f64),
        now_ms: i64,
        take: bool,
    ) -> redis::RedisResult<f64> {
        let mut connection = self.connection.clone();
        let held: String = self
            .script
            .key(format!("{}:limit:{name}:{key}", self.prefix))
            .arg(now_ms)
            .arg(burst)
            .arg(every_ms)
            .arg(if take { "1" } else { "0" })
            .invoke_async(&mut connection)
            .await?;
        Ok(held.parse().unwrap_or(0.0))
    }
}
