//! A few seconds of memory for public pages that everyone sees alike (the
//! winners page for anonymous visitors): on announcement day the same HTML
//! is asked for thousands of times, and rendering it once per second or so
//! is plenty. Signed-in visitors always get a fresh page (it shows who they
//! are). An edit shows within [`PageCache::TTL`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use std::time::{Duration, Instant};

/// Rendered pages by key, each with when it was made.
#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<String, (Instant, Bytes)>>>,
}

impl PageCache {
    /// How long a rendered page is served again.
    pub const TTL: Duration = Duration::from_secs(5);
    /// At most this many pages are kept (one per contest in practice).
    const MAX: usize = 256;

    /// The page stored under `key`, if it is fresh.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        pages
            .get(key)
            .filter(|(made, _)| made.elapsed() < Self::TTL)
            .map(|(_, html)| html.clone())
    }

    /// Stores a freshly rendered page.
    pub fn put(&self, key: &str, html: Bytes) {
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= Self::MAX {
                pages.retain(|_, (made, _)| made.elapsed() < Self::TTL);
            }
            if pages.len() < Self::MAX {
                pages.insert(key.to_owned(), (Instant::now(), html));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Bytes, PageCache};

    #[test]
    fn a_stored_page_comes_back_under_its_key_only() {
        let cache = PageCache::default();
        assert!(cache.get("a").is_none());
        cache.put("a", Bytes::from_static(b"<p>a</p>"));
        assert_eq!(cache.get("a").as_deref(), Some(&b"<p>a</p>"[..]));
        assert!(cache.get("b").is_none());
    }
}
