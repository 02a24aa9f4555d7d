//! Times in a contest's own time zone: reading the admin form's
//! `datetime-local` values, writing them back, and saying them to people.

use std::str::FromStr;

use chrono::{DateTime, Datelike, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n::{Lang, Msg};

/// Parses an IANA time zone name such as `Asia/Tashkent`.
pub fn parse_time_zone(raw: &str) -> Result<Tz, Msg> {
    Tz::from_str(raw.trim()).map_err(|_| Msg::new("adm-form-timezone").arg("name", raw.trim()))
}

/// Reads a `datetime-local` value (`2026-12-31T23:59`) as a time in `tz`;
/// `what` names the field for the message (`opening`, `deadline`).
pub fn parse_local_time(raw: &str, tz: Tz, what: &'static str) -> Result<DateTime<Utc>, Msg> {
    let raw = raw.trim();
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| Msg::new("adm-form-time").arg("field", what))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A repeated hour when clocks go back: take the first one.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Msg::new("adm-form-time-gap")
            .arg("field", what)
            .arg("zone", tz.name())),
    }
}

/// A UTC instant as a `datetime-local` value in `tz` (to refill a form).
pub fn to_local_input(at: i64, tz: Tz) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A UTC instant for people, in `lang`: `31 December 2026, 23:59
/// (Asia/Tashkent, UTC+05:00)`, `31 декабря 2026, 23:59 (…)`. The month's
/// name and the order come from the catalogue.
pub fn describe_time(at: i64, tz: Tz, lang: Lang) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| {
            let local = t.with_timezone(&tz);
            let month = lang.text(&format!("month-{}", local.month()));
            lang.msg(
                &Msg::new("time-long")
                    .arg("day", local.day())
                    .arg("month", month)
                    .arg("year", local.year().to_string())
                    .arg("time", local.format("%H:%M").to_string())
                    .arg("zone", format!("{tz}, UTC{}", local.format("%:z"))),
            )
        })
        .unwrap_or_default()
}

/// Time left until `deadline`, roughly, in `lang`: `12 days, 4 hours left`,
/// `осталось 12 дней 4 часа`; `None` once passed.
pub fn time_left(now: i64, deadline: i64, lang: Lang) -> Option<String> {
    let left = deadline - now;
    if left <= 0 {
        return None;
    }
    let (days, hours, minutes) = (left / 86_400, left % 86_400 / 3600, left % 3600 / 60);
    let (key, big, small) = if days > 0 {
        ("time-left-days", days, hours)
    } else if hours > 0 {
        ("time-left-hours", hours, minutes)
    } else {
        ("time-left-minutes", minutes.max(1), 0)
    };
    Some(lang.msg(&Msg::new(key).arg("big", big).arg("small", small)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_read_in_the_contests_time_zone() {
        let tz = parse_time_zone("Asia/Tashkent").unwrap();
        let t = parse_local_time("2026-12-31T23:59", tz, "deadline").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-31T18:59:00+00:00");
        assert_eq!(to_local_input(t.timestamp(), tz), "2026-12-31T23:59");
        assert_eq!(
            describe_time(t.timestamp(), tz, Lang::En),
            "31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)"
        );
        assert!(parse_time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_is_refused() {
        let tz = parse_time_zone("Europe/Berlin").unwrap();
        assert!(parse_local_time("2026-03-29T02:30", tz, "deadline").is_err());
    }

    #[test]
    fn time_left_reads_naturally() {
        let en = Lang::En;
        assert_eq!(
            time_left(0, 86_400 * 2 + 3600, en).as_deref(),
            Some("2 days, 1 hour left")
        );
        assert_eq!(
            time_left(0, 3 * 3600 + 120, en).as_deref(),
            Some("3 hours, 2 minutes left")
        );
        assert_eq!(time_left(0, 30, en).as_deref(), Some("1 minute left"));
        assert_eq!(time_left(10, 10, en), None);
    }

    #[test]
    fn russian_counts_take_the_three_plural_forms() {
        let ru = Lang::Ru;
        assert_eq!(
            time_left(0, 86_400 + 2 * 3600, ru).as_deref(),
            Some("осталось 1 день 2 часа")
        );
        assert_eq!(
            time_left(0, 5 * 86_400 + 21 * 3600, ru).as_deref(),
            Some("осталось 5 дней 21 час")
        );
        assert_eq!(
            time_left(0, 11 * 60, ru).as_deref(),
            Some("осталось 11 минут")
        );
        assert_eq!(
            time_left(0, 22 * 86_400 + 3600 * 11, ru).as_deref(),
            Some("осталось 22 дня 11 часов")
        );
    }

    #[test]
    fn tajik_counts_keep_one_form_whatever_the_plural_library_lacks() {
        // intl_pluralrules has no rules for Tajik: Fluent falls back to
        // English's one/other, and the Tajik catalogue's selectors give
        // both the same words (a noun after a numeral stays singular).
        for (left, words) in [
            (86_400 + 3600, "1 рӯз ва 1 соат монд"),
            (2 * 86_400 + 5 * 3600, "2 рӯз ва 5 соат монд"),
            (21 * 60, "21 дақиқа монд"),
        ] {
            assert_eq!(time_left(0, left, Lang::Tg).as_deref(), Some(words));
        }
    }

    #[test]
    fn dates_name_the_month_in_the_readers_language() {
        let tz: Tz = "Asia/Tashkent".parse().unwrap();
        // 2026-12-31 18:59 UTC = 23:59 in Tashkent.
        let at = 1_798_743_540;
        assert_eq!(
            describe_time(at, tz, Lang::En),
            "31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)"
        );
        assert_eq!(
            describe_time(at, tz, Lang::Ru),
            "31 декабря 2026 г., 23:59 (Asia/Tashkent, UTC+05:00)"
        );
        assert_eq!(
            describe_time(at, tz, Lang::Uz),
            "2026-yil 31-dekabr, 23:59 (Asia/Tashkent, UTC+05:00)"
        );
    }
}
