//! Times in a contest's own time zone: reading the admin form's
//! `datetime-local` values, writing them back, and saying them to people.

use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses an IANA time zone name such as `Asia/Tashkent`.
pub fn parse_time_zone(raw: &str) -> Result<Tz, String> {
    Tz::from_str(raw.trim()).map_err(|_| {
        format!(
            "{:?} is not a time zone name like Asia/Tashkent.",
            raw.trim()
        )
    })
}

/// Reads a `datetime-local` value (`2026-12-31T23:59`) as a time in `tz`.
pub fn parse_local_time(raw: &str, tz: Tz, what: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("Enter the {what} as a date and time."))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A repeated hour when clocks go back: take the first one.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "The {what} falls in a clock change in {tz}; pick another time."
        )),
    }
}

/// A UTC instant as a `datetime-local` value in `tz` (to refill a form).
pub fn to_local_input(at: i64, tz: Tz) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A UTC instant for people: `31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)`.
pub fn describe_time(at: i64, tz: Tz) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| {
            let local = t.with_timezone(&tz);
            format!(
                "{} ({tz}, UTC{})",
                local.format("%-d %B %Y, %H:%M"),
                local.format("%:z")
            )
        })
        .unwrap_or_default()
}

/// Time left until `deadline`, roughly: `12 days, 4 hours left`; `None` once passed.
pub fn time_left(now: i64, deadline: i64) -> Option<String> {
    let left = deadline - now;
    if left <= 0 {
        return None;
    }
    let (days, hours, minutes) = (left / 86_400, left % 86_400 / 3600, left % 3600 / 60);
    let unit = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    Some(if days > 0 {
        format!("{}, {} left", unit(days, "day"), unit(hours, "hour"))
    } else if hours > 0 {
        format!("{}, {} left", unit(hours, "hour"), unit(minutes, "minute"))
    } else {
        format!("{} left", unit(minutes.max(1), "minute"))
    })
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
            describe_time(t.timestamp(), tz),
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
        assert_eq!(
            time_left(0, 86_400 * 2 + 3600).as_deref(),
            Some("2 days, 1 hour left")
        );
        assert_eq!(
            time_left(0, 3 * 3600 + 120).as_deref(),
            Some("3 hours, 2 minutes left")
        );
        assert_eq!(time_left(0, 30).as_deref(), Some("1 minute left"));
        assert_eq!(time_left(10, 10), None);
    }
}
