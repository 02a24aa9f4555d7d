//! One session cookie per request, or none. Layers read cookies in different
//! ways (the page memory took the first `photojury` cookie, the session layer
//! the last), so a request carrying two could be authenticated as one
//! session and answered as another. A request with more than one session
//! cookie is treated as signed out: the cookies are removed before anything
//! reads them, and the answer clears the cookie (unless it sets a new one).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The values of every cookie named `name` in the request's `Cookie` headers.
pub fn values<'a>(headers: &'a HeaderMap, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(move |(found, _)| found.trim() == name)
        .map(|(_, value)| value.trim())
}

/// The `Cookie` headers without any cookie named `name`.
fn without(headers: &HeaderMap, name: &str) -> Vec<HeaderValue> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| {
            let kept: Vec<&str> = v
                .split(';')
                .map(str::trim)
                .filter(|pair| pair.split_once('=').is_none_or(|(n, _)| n.trim() != name))
                .filter(|pair| !pair.is_empty())
                .collect();
            (!kept.is_empty())
                .then(|| HeaderValue::from_str(&kept.join("; ")).ok())
                .flatten()
        })
        .collect()
}

/// The `Set-Cookie` values that clear `name` at `/` and at the first segment
/// of `path` (a cookie planted for `/jury` only is cleared there).
fn clearing(name: &str, path: &str, secure: bool) -> Vec<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    let mut paths = vec!["/".to_owned()];
    if let Some(first) = path.trim_start_matches('/').split('/').next()
        && !first.is_empty()
        && !name.starts_with("__Host-")
        && first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        paths.push(format!("/{first}"));
    }
    paths
        .iter()
        .filter_map(|p| {
            HeaderValue::from_str(&format!(
                "{name}=; Path={p}; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
            ))
            .ok()
        })
        .collect()
}

/// The middleware, outermost of the cookie readers.
pub async fn one_session_cookie(
    State((name, secure)): State<(&'static str, bool)>,
    mut req: Request,
    next: Next,
) -> Response {
    if values(req.headers(), name).nth(1).is_none() {
        return next.run(req).await;
    }
    let kept = without(req.headers(), name);
    let path = req.uri().path().to_owned();
    req.headers_mut().remove(header::COOKIE);
    for value in kept {
        req.headers_mut().append(header::COOKIE, value);
    }
    let mut response = next.run(req).await;
    let sets_it = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(&format!("{name}=")));
    if !sets_it {
        for value in clearing(name, &path, secure) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(header::COOKIE, v.parse().unwrap());
        }
        headers
    }

    #[test]
    fn every_session_cookie_is_found_across_headers() {
        let h = headers(&["theme=dark; photojury=a", "photojury=b"]);
        assert_eq!(values(&h, "photojury").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(values(&h, "theme").collect::<Vec<_>>(), ["dark"]);
        assert_eq!(values(&h, "photo").count(), 0);
    }

    #[test]
    fn removing_the_session_cookies_keeps_the_others() {
        let h = headers(&["theme=dark; photojury=a; lang=ru", "photojury=b"]);
        let kept = without(&h, "photojury");
        assert_eq!(kept, vec![HeaderValue::from_static("theme=dark; lang=ru")]);
    }

    #[test]
    fn clearing_covers_the_root_and_the_first_segment() {
        let set = clearing("photojury", "/jury/x/entries/1", false);
        assert_eq!(set.len(), 2);
        assert!(set[1].to_str().unwrap().contains("Path=/jury;"));
        let host = clearing("__Host-photojury", "/jury/x", true);
        assert_eq!(host.len(), 1, "__Host- cookies only live at /");
        assert!(host[0].to_str().unwrap().ends_with("; Secure"));
    }
}
