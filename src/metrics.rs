//! What an operator's Prometheus scrapes from `/metrics`: requests by route
//! and status with their latency, uploads accepted and refused by reason,
//! decode time, kept juror pages answered from memory, the database pool and
//! the data dir's free space. Counters live here; the gauges are read when
//! the page is asked for. Labels are route templates and reasons, never ids,
//! emails or entry numbers: the page says how the server is, not who did what.

use std::path::Path;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

use crate::db::Db;

/// The content type of the Prometheus text exposition format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Every metric of one server process (clone the `Arc` it lives in).
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    uploads: IntCounterVec,
    decode: Histogram,
    kept_pages: IntCounterVec,
    pool: IntGaugeVec,
    disk: IntGaugeVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    /// A fresh registry with every metric at zero. Fails only if a
    /// definition below is malformed (a programming error the tests catch).
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("photojury".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests answered, by route, method and status",
            ),
            &["route", "method", "status"],
        );
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from the request to the response head, by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            ]),
            &["route"],
        );
        let uploads = IntCounterVec::new(
            Opts::new(
                "uploads_total",
                "Photos uploaded: accepted, or refused and why",
            ),
            &["outcome"],
        );
        let decode = Histogram::with_opts(
            HistogramOpts::new(
                "photo_derive_seconds",
                "Time to decode an upload and make its derivatives",
            )
            .buckets(vec![0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0]),
        );
        let kept_pages = IntCounterVec::new(
            Opts::new(
                "kept_pages_total",
                "Signed-in GET requests: hit (a kept juror page, answered from memory) or miss",
            ),
            &["result"],
        );
        let pool = IntGaugeVec::new(
            Opts::new(
                "db_pool_connections",
                "Database pool connections: open, idle, max",
            ),
            &["state"],
        );
        let disk = IntGaugeVec::new(
            Opts::new(
                "data_dir_bytes",
                "The data dir's file system: total and available bytes",
            ),
            &["kind"],
        );
        let metrics = Self {
            registry,
            requests: requests?,
            latency: latency?,
            uploads: uploads?,
            decode: decode?,
            kept_pages: kept_pages?,
            pool: pool?,
            disk: disk?,
        };
        for collector in [
            Box::new(metrics.requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(metrics.latency.clone()),
            Box::new(metrics.uploads.clone()),
            Box::new(metrics.decode.clone()),
            Box::new(metrics.kept_pages.clone()),
            Box::new(metrics.pool.clone()),
            Box::new(metrics.disk.clone()),
        ] {
            metrics.registry.register(collector)?;
        }
        Ok(metrics)
    }

    /// One answered request: its route template (never the path with ids).
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        self.requests
            .with_label_values(&[route, method, status.as_str()])
            .inc();
        self.latency.with_label_values(&[route]).observe(seconds);
    }

    /// One photo upload's outcome: `accepted`, or a refusal's short name.
    pub fn upload(&self, outcome: &str) {
        self.uploads.with_label_values(&[outcome]).inc();
    }

    /// How long one photo took to decode and derive.
    pub fn derive_time(&self, seconds: f64) {
        self.decode.observe(seconds);
    }

    /// A juror page asked for: answered from memory or rendered.
    pub fn kept_page(&self, hit: bool) {
        let result = if hit { "hit" } else { "miss" };
        self.kept_pages.with_label_values(&[result]).inc();
    }

    /// Reads the gauges (pool, free space) and writes every metric in the
    /// Prometheus text format.
    pub fn render(&self, db: &Db, data_dir: &Path) -> String {
        let open = i64::from(db.pool.size());
        let idle = i64::try_from(db.pool.num_idle()).unwrap_or(i64::MAX);
        let max = i64::from(db.pool.options().get_max_connections());
        self.pool.with_label_values(&["open"]).set(open);
        self.pool.with_label_values(&["idle"]).set(idle);
        self.pool.with_label_values(&["max"]).set(max);
        if let Some(space) = DiskSpace::of(data_dir) {
            let total = i64::try_from(space.total).unwrap_or(i64::MAX);
            let available = i64::try_from(space.available).unwrap_or(i64::MAX);
            self.disk.with_label_values(&["total"]).set(total);
            self.disk.with_label_values(&["available"]).set(available);
        }
        let mut out = Vec::new();
        if let Err(err) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!(error = %err, "could not encode the metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The size and free space of the file system holding a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskSpace {
    /// Bytes in the file system.
    pub total: u64,
    /// Bytes an unprivileged process may still write.
    pub available: u64,
}

impl DiskSpace {
    /// Asks the file system (statvfs); `None` when the folder cannot be read.
    pub fn of(dir: &Path) -> Option<Self> {
        let stat = rustix::fs::statvfs(dir).ok()?;
        let block = stat.f_frsize.max(1);
        Some(Self {
            total: stat.f_blocks.saturating_mul(block),
            available: stat.f_bavail.saturating_mul(block),
        })
    }

    /// The share still available, 0.0 to 1.0.
    pub fn available_share(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        self.available as f64 / self.total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_written_with_their_labels_in_the_text_format() {
        let metrics = Metrics::new().unwrap();
        metrics.request("/jury/{slug}", "GET", 200, 0.004);
        metrics.upload("accepted");
        metrics.upload("not_a_photo");
        metrics.kept_page(true);
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&metrics.registry.gather(), &mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(
            "photojury_http_requests_total{method=\"GET\",route=\"/jury/{slug}\",status=\"200\"} 1"
        ));
        assert!(text.contains("photojury_uploads_total{outcome=\"not_a_photo\"} 1"));
        assert!(text.contains("photojury_kept_pages_total{result=\"hit\"} 1"));
        assert!(text.contains(
            "photojury_http_request_duration_seconds_bucket{route=\"/jury/{slug}\",le=\"0.005\"} 1"
        ));
    }

    #[test]
    fn the_free_space_of_a_real_folder_is_read() {
        let space = DiskSpace::of(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(space.total > 0 && space.available <= space.total);
        assert!(DiskSpace::of(Path::new("/no/such/folder/at/all")).is_none());
    }
}
