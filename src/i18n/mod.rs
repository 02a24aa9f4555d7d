//! The languages of the interface and their messages: the Fluent
//! catalogues of `locales/` (one folder per language, one file per part of
//! the site), compiled into the binary by `fluent-templates`' static loader;
//! a message with its arguments ([`Msg`]) put into words in a language;
//! Accept-Language read with its weights. Below everything that shows text
//! (errors, images, mail, the toolbox), so each can name its messages.

mod msg;
mod numbers;

pub(crate) use msg::localized_error;
pub use msg::{Arg, AsF64, AsMsg, Msg, NamedArg, ToArg};

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would land in
        // attribute values and plain-text emails as invisible characters.
        // Numbers grouped and with the decimal mark of the bundle's language.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            let english = bundle.locales.first().is_none_or(|l| l.language.as_str() == "en");
            bundle.set_formatter(Some(if english {
                numbers::english
            } else {
                numbers::continental
            }));
        },
    };
}

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the default and the fallback of every missing message.
    #[default]
    En,
    /// Russian.
    Ru,
    /// Kazakh.
    Kk,
    /// Kyrgyz.
    Ky,
    /// Uzbek, in the Latin script.
    Uz,
    /// Tajik.
    Tg,
}

/// Every language, in the switcher's order.
pub const ALL: [Lang; 6] = [Lang::En, Lang::Ru, Lang::Kk, Lang::Ky, Lang::Uz, Lang::Tg];

/// At most this many entries of an Accept-Language header are read.
const MAX_RANGES: usize = 32;

static IDS: LazyLock<Vec<LanguageIdentifier>> = LazyLock::new(|| {
    ALL.iter()
        .map(|l| l.code().parse().unwrap_or_default())
        .collect()
});

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::Ky => "ky",
            Lang::Uz => "uz",
            Lang::Tg => "tg",
        }
    }

    /// The language's own name, as the switcher lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Kk => "Қазақша",
            Lang::Ky => "Кыргызча",
            Lang::Uz => "Oʻzbekcha",
            Lang::Tg => "Тоҷикӣ",
        }
    }

    /// The language of a tag (`ru`, `ru-RU`, `uz_Latn`…), by its primary
    /// subtag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        ALL.into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The best language of an Accept-Language header: the highest weight
    /// among the ones we have, the first of equal weights; `None` if none.
    pub fn negotiate(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for range in header.split(',').take(MAX_RANGES) {
            let mut parts = range.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite() && *q > 0.0 && *q <= 1.0);
            if let Some(q) = weight
                && best.is_none_or(|(b, _)| q > b)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    /// The message `key` in this language (English where it is missing).
    pub fn text(self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// A message with its arguments, in this language.
    pub fn msg(self, msg: &Msg) -> String {
        if msg.args.is_empty() {
            return self.lookup(msg.key, None);
        }
        let args: HashMap<Cow<'static, str>, FluentValue> = msg
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    // An entry number is an identifier: never grouped.
                    Arg::Number(n) if *name == "number" => FluentValue::from(format!("{n:.0}")),
                    Arg::Text(text) => FluentValue::from(text.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Phrase(inner) => FluentValue::from(self.msg(inner)),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        self.lookup(msg.key, Some(&args))
    }

    fn lookup(self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
        let index = ALL.iter().position(|l| *l == self).unwrap_or(0);
        match IDS.get(index) {
            Some(id) => LOCALES.lookup_complete(id, key, args),
            None => key.to_owned(),
        }
    }
}

/// The messages the pages' scripts show (upload progress, saving scores,
/// the ranking's status…), given to them in the page's language as a JSON
/// object on `<body data-t>`; `%name` in a message is filled by the script.
pub const SCRIPT_KEYS: &[&str] = &[
    "js-copied",
    "js-texts-unsaved",
    "js-texts-saving-first",
    "js-texts-failed",
    "js-upload-photo-of",
    "js-upload-title",
    "js-upload-caption",
    "js-upload-bad-answer",
    "js-upload-done-entry",
    "js-upload-done",
    "js-upload-failed",
    "js-upload-lost",
    "js-upload-progress",
    "js-upload-all-done",
    "js-upload-some-failed",
    "js-server-answered",
    "js-not-saved",
    "js-saving",
    "js-saved",
    "js-not-complete",
    "js-offline-kept",
    "js-restored",
    "js-rank-label",
    "js-rank-saved",
    "js-rank-failed",
];

/// [`SCRIPT_KEYS`] in each language, as JSON, made once.
static SCRIPT_MESSAGES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ALL.iter()
        .map(|lang| {
            let map: serde_json::Map<String, serde_json::Value> = SCRIPT_KEYS
                .iter()
                .map(|key| ((*key).to_owned(), lang.text(key).into()))
                .collect();
            serde_json::Value::Object(map).to_string()
        })
        .collect()
});

impl Lang {
    /// The scripts' messages in this language, as a JSON object.
    pub fn script_messages(self) -> &'static str {
        let index = ALL.iter().position(|l| *l == self).unwrap_or(0);
        SCRIPT_MESSAGES.get(index).map_or("{}", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_weight_among_our_languages_wins() {
        assert_eq!(Lang::negotiate("fr, ru;q=0.9, en;q=0.8"), Some(Lang::Ru));
        assert_eq!(Lang::negotiate("en;q=0.5, kk;q=0.7"), Some(Lang::Kk));
        assert_eq!(
            Lang::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::negotiate("uz-Latn-UZ"), Some(Lang::Uz));
        // Equal weights: the first listed.
        assert_eq!(Lang::negotiate("tg, ky"), Some(Lang::Tg));
    }

    #[test]
    fn refused_and_unknown_languages_give_none() {
        assert_eq!(Lang::negotiate("fr, de;q=0.5"), None);
        assert_eq!(Lang::negotiate("ru;q=0, *"), None);
        assert_eq!(Lang::negotiate("ru;q=abc"), None);
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn messages_come_from_each_catalogue() {
        assert_eq!(Lang::En.text("nav-contests"), "Contests");
        assert_eq!(Lang::Ru.text("nav-contests"), "Конкурсы");
        assert_eq!(Lang::Tg.text("nav-contests"), "Озмунҳо");
    }
}
