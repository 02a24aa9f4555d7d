//! The language of a request: the switcher's `lang` cookie, else the one
//! kept on the signed-in account, else the best of Accept-Language by its
//! weights, else English. The languages and their messages are `crate::i18n`.

use axum::http::{HeaderMap, header};

pub use crate::i18n::{ALL, Arg, Lang, Msg, NamedArg, ToArg};

/// The cookie that keeps the choice made with the switcher.
pub const COOKIE: &str = "lang";

/// A request's language: the switcher's cookie (one, naming a language
/// we have), else the one kept on the signed-in account, else the best
/// of Accept-Language, else English.
pub fn of_request(headers: &HeaderMap, account: Option<Lang>) -> Lang {
    chosen(headers)
        .or(account)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The language chosen with the switcher: its cookie, if there is
/// exactly one and it names a language we have.
pub fn chosen(headers: &HeaderMap) -> Option<Lang> {
    let mut chosen = crate::web::cookies::values(headers, COOKIE);
    match (chosen.next(), chosen.next()) {
        (Some(one), None) => Lang::from_tag(one),
        _ => None,
    }
}
