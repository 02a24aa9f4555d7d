//! The stylesheet and the five small scripts, compiled into the binary and
//! served with an hour of public caching.

use axum::http::header;
use axum::response::IntoResponse;

const STYLE_CSS: &str = include_str!("assets/style.css");
const UPLOAD_JS: &str = include_str!("assets/upload.js");
const JURY_JS: &str = include_str!("assets/jury.js");
const CONFIRM_JS: &str = include_str!("assets/confirm.js");
const ENTRY_JS: &str = include_str!("assets/entry.js");
const VOTE_JS: &str = include_str!("assets/vote.js");
const RANK_JS: &str = include_str!("assets/rank.js");

/// `GET /static/style.css`
pub async fn style_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE_CSS,
    )
}

/// `GET /static/upload.js`
pub async fn upload_js() -> impl IntoResponse {
    script(UPLOAD_JS)
}

/// `GET /static/jury.js`
pub async fn jury_js() -> impl IntoResponse {
    script(JURY_JS)
}

/// `GET /static/entry.js`
pub async fn entry_js() -> impl IntoResponse {
    script(ENTRY_JS)
}

/// `GET /static/vote.js`
pub async fn vote_js() -> impl IntoResponse {
    script(VOTE_JS)
}

/// `GET /static/rank.js`
pub async fn rank_js() -> impl IntoResponse {
    script(RANK_JS)
}

/// `GET /static/confirm.js`
pub async fn confirm_js() -> impl IntoResponse {
    script(CONFIRM_JS)
}

fn script(source: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        source,
    )
}
