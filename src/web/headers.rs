//! Headers decided once the answer is known: whether it may be cached, HSTS
//! under https, and the error page in place of the plain-text answers that
//! come from below the handlers (a form that does not parse, a timeout).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// For answers that depend on the session: no cache anywhere may keep them
/// (a shared computer's browser cache included).
pub const PRIVATE: &str = "private, no-store";
/// For public pages: any cache may keep them but must ask again first.
pub const REVALIDATE: &str = "no-cache";

/// Sets `Cache-Control` where the handler did not: `private, no-store` when
/// the request carried the session cookie or the answer sets a cookie (what
/// it shows may depend on who asks), `no-cache` otherwise. Adds
/// `Strict-Transport-Security` when the site is served over https.
pub async fn cache_and_transport(
    State((session_cookie, hsts)): State<(&'static str, Option<&'static str>)>,
    req: Request,
    next: Next,
) -> Response {
    let has_session = crate::web::cookies::values(req.headers(), session_cookie)
        .next()
        .is_some();
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let personal = has_session || headers.contains_key(header::SET_COOKIE);
        let value = if personal { PRIVATE } else { REVALIDATE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    if let Some(hsts) = hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(hsts),
        );
    }
    response
}

/// Whether an error answer already speaks to a person or a script (our
/// error page, the upload script's JSON) rather than being plain text.
fn is_presentable(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"))
}

/// Replaces a plain-text or empty 4xx/5xx answer by the error page, keeping
/// its status and headers (`Allow`, `Retry-After`…). A page that needs
/// signing in sends a visitor to `/login?next=` the page, so that they land
/// where they were going (the entry form, the jury) once signed in.
pub async fn error_pages(req: Request, next: Next) -> Response {
    let head = req.method() == Method::HEAD;
    // The language is a copy of a small enum; the page's path (for the
    // switcher) is written out only if an error page is drawn.
    let lang = crate::web::i18n::of_request(req.headers(), None);
    // A clone of the URI shares its bytes: nothing is written per request
    // unless the answer turns out to be an error or the sign-in redirect.
    let uri = req.uri().clone();
    let wanted = (req.method() == Method::GET).then(|| uri.clone());
    let mut response = next.run(req).await;
    if let Some(wanted) = wanted
        && response
            .extensions()
            .get::<crate::web::errors::SignInRedirect>()
            .is_some()
    {
        let to = format!(
            "/login?next={}",
            form_urlencoded::byte_serialize(
                wanted
                    .path_and_query()
                    .map_or(wanted.path(), |p| p.as_str())
                    .as_bytes()
            )
            .collect::<String>()
        );
        if let Ok(value) = header::HeaderValue::from_str(&to) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // A handler's error page, drawn in English: again in the reader's language.
    let explained = response
        .extensions()
        .get::<crate::web::errors::Explained>()
        .map(|e| e.0.clone());
    let message = match explained {
        Some(_) if lang == crate::i18n::Lang::En => return response,
        Some(message) => message,
        None if is_presentable(&response) => return response,
        None => {
            if status == StatusCode::INTERNAL_SERVER_ERROR {
                tracing::error!("a plain 500 from below the handlers");
            }
            crate::error::message_for_status(status)
        }
    };
    let (mut parts, _) = response.into_parts();
    let here = uri.path_and_query().map_or("/", |p| p.as_str());
    let page = crate::web::errors::error_page(status, lang, here, &message);
    let (page_parts, body) = page.into_response().into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &page_parts.headers {
        parts.headers.insert(name, value.clone());
    }
    let body = if head { Body::empty() } else { body };
    Response::from_parts(parts, body)
}
