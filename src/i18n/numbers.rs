//! Numbers written the language's way: English groups thousands with a
//! comma and writes a decimal point (`12,500`, `7.08`); Russian, Kazakh,
//! Kyrgyz, Uzbek and Tajik group with a no-break space from five digits on
//! (four stay whole, as their typography has it) and write a decimal comma
//! (`12 500`, `7,08`). Entry numbers are identifiers, never grouped: a
//! message's argument called `number` is passed as text (see `Lang::msg`).

use fluent_templates::fluent_bundle::FluentValue;

use super::Lang;

/// The no-break space between groups of digits.
const NBSP: char = '\u{a0}';

/// How a language writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    group: char,
    decimal: char,
    /// The fewest digits an integer has before it is grouped.
    group_from: usize,
}

const ENGLISH: Style = Style {
    group: ',',
    decimal: '.',
    group_from: 4,
};

const CONTINENTAL: Style = Style {
    group: NBSP,
    decimal: ',',
    group_from: 5,
};

fn style(lang: Lang) -> Style {
    match lang {
        Lang::En => ENGLISH,
        _ => CONTINENTAL,
    }
}

/// `digits` (ASCII, no sign) with the group separator every three from the
/// right, when there are enough of them.
fn grouped(digits: &str, style: Style) -> String {
    if digits.len() < style.group_from {
        return digits.to_owned();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(style.group);
        }
        out.push(c);
    }
    out
}

fn write(value: f64, places: Option<usize>, style: Style) -> String {
    let text = match places {
        Some(p) => format!("{:.*}", p, value.abs()),
        None => value.abs().to_string(),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if value < 0.0 && text.bytes().any(|b| b != b'0' && b != b'.') {
        "-"
    } else {
        ""
    };
    let mut out = format!("{sign}{}", grouped(whole, style));
    if !fraction.is_empty() {
        out.push(style.decimal);
        out.push_str(fraction);
    }
    out
}

impl Lang {
    /// `value` with `places` decimals, the language's way: `7.08`, `7,08`.
    pub fn decimal(self, value: f64, places: usize) -> String {
        write(value, Some(places), style(self))
    }
}

/// Fluent's writer of numbers for English bundles.
pub(super) fn english<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(write(n.value, n.options.minimum_fraction_digits, ENGLISH)),
        _ => None,
    }
}

/// Fluent's writer of numbers for the other languages' bundles.
pub(super) fn continental<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(write(
            n.value,
            n.options.minimum_fraction_digits,
            CONTINENTAL,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_and_decimals_written_the_languages_way() {
        assert_eq!(write(12_500.0, None, ENGLISH), "12,500");
        assert_eq!(write(1_234.0, None, ENGLISH), "1,234");
        assert_eq!(write(1_234.0, None, CONTINENTAL), "1234");
        assert_eq!(write(12_500.0, None, CONTINENTAL), "12\u{a0}500");
        assert_eq!(write(1_250_000.0, None, CONTINENTAL), "1\u{a0}250\u{a0}000");
        assert_eq!(Lang::En.decimal(7.0833, 2), "7.08");
        assert_eq!(Lang::Ru.decimal(7.0833, 2), "7,08");
        assert_eq!(Lang::Kk.decimal(-0.5, 1), "-0,5");
        assert_eq!(Lang::Ru.decimal(-0.001, 2), "0,00");
        assert_eq!(write(999.0, None, ENGLISH), "999");
    }
}
