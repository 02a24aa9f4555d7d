//! The admin's contest form: raw fields in, a [`ContestInput`] or messages out.

use serde::Deserialize;

use crate::contests::model::{
    JudgingUnit, Slug, parse_local_time, parse_time_zone, to_local_input,
};
use crate::contests::queries::{Contest, ContestInput};
use crate::i18n::Msg;

/// The contest form as posted (and as refilled after an error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContestForm {
    /// Web address part.
    pub slug: String,
    /// Name.
    pub title: String,
    /// Theme.
    pub theme: String,
    /// Call for entries.
    pub description: String,
    /// Rules.
    pub rules: String,
    /// IANA time zone name.
    pub timezone: String,
    /// `datetime-local` in that zone.
    pub opens_at: String,
    /// `datetime-local` in that zone.
    pub closes_at: String,
    /// Photos per portfolio.
    pub max_photos: String,
    /// Smallest long edge in pixels; empty or 0 for any size.
    #[serde(default)]
    pub min_long_edge: String,
    /// `photo` or `portfolio`.
    pub judging_unit: String,
    /// Digits of the entry numbers, `5` to `7`; empty: five.
    #[serde(default)]
    pub number_digits: String,
    /// One country per line.
    pub countries: String,
    /// First capture day allowed, `YYYY-MM-DD`; empty: no bound.
    #[serde(default)]
    pub taken_from: String,
    /// Last capture day allowed; empty: no bound.
    #[serde(default)]
    pub taken_until: String,
}

impl ContestForm {
    /// The form filled with a stored contest.
    pub fn from_contest(c: &Contest, countries: &[String]) -> Self {
        Self {
            slug: c.slug.clone(),
            title: c.title.clone(),
            theme: c.theme.clone(),
            description: c.description.clone(),
            rules: c.rules.clone(),
            timezone: c.tz.name().to_owned(),
            opens_at: to_local_input(c.opens_at, c.tz),
            closes_at: to_local_input(c.closes_at, c.tz),
            max_photos: c.max_photos.to_string(),
            min_long_edge: if c.min_long_edge == 0 {
                String::new()
            } else {
                c.min_long_edge.to_string()
            },
            judging_unit: c.judging_unit.as_str().to_owned(),
            number_digits: c.number_digits.to_string(),
            countries: countries.join("\n"),
            taken_from: c.taken_from.clone().unwrap_or_default(),
            taken_until: c.taken_until.clone().unwrap_or_default(),
        }
    }

    /// Validates every field and reports every problem at once.
    pub fn parse(&self) -> Result<ContestInput, Vec<Msg>> {
        let mut errors = Vec::new();
        let mut need = |value: &str, what: &'static str, max: usize| {
            let v = value.trim();
            if v.is_empty() {
                errors.push(Msg::new("adm-form-required").arg("field", what));
            } else if v.chars().count() > max {
                errors.push(
                    Msg::new("adm-form-too-long")
                        .arg("field", what)
                        .arg("max", max),
                );
            }
            v.to_owned()
        };
        let title = need(&self.title, "title", 200);
        let theme = need(&self.theme, "theme", 300);
        let description = need(&self.description, "description", 20_000);
        let rules = need(&self.rules, "rules", 50_000);
        let slug = Slug::parse(&self.slug).map_err(|e| errors.push(e)).ok();
        let tz = parse_time_zone(&self.timezone)
            .map_err(|e| errors.push(e))
            .ok();
        let (mut opens_at, mut closes_at) = (None, None);
        if let Some(tz) = tz {
            opens_at = parse_local_time(&self.opens_at, tz, "opening")
                .map_err(|e| errors.push(e))
                .ok();
            closes_at = parse_local_time(&self.closes_at, tz, "deadline")
                .map_err(|e| errors.push(e))
                .ok();
        }
        if let (Some(o), Some(c)) = (opens_at, closes_at)
            && o >= c
        {
            errors.push(Msg::new("adm-form-deadline-order"));
        }
        let max_photos = self
            .max_photos
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100).contains(n));
        if max_photos.is_none() {
            errors.push(Msg::new("adm-form-max-photos"));
        }
        let judging_unit = JudgingUnit::parse(&self.judging_unit)
            .map_err(|e| errors.push(e))
            .ok();
        let mut countries: Vec<String> = Vec::new();
        for line in self
            .countries
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if line.chars().count() > 100 {
                errors.push(Msg::new("adm-form-country-long"));
            } else if !countries.iter().any(|c| c.eq_ignore_ascii_case(line)) {
                countries.push(line.to_owned());
            }
        }
        if countries.is_empty() {
            errors.push(Msg::new("adm-form-countries"));
        }
        let min_long_edge = match self.min_long_edge.trim() {
            "" => Some(0),
            raw => raw.parse::<i64>().ok().filter(|n| (0..=12_000).contains(n)),
        };
        if min_long_edge.is_none() {
            errors.push(Msg::new("adm-form-min-edge"));
        }
        let number_digits = match self.number_digits.trim() {
            "" => Some(5),
            raw => raw.parse::<i64>().ok().filter(|n| (5..=7).contains(n)),
        };
        if number_digits.is_none() {
            errors.push(Msg::new("adm-form-digits"));
        }
        let taken_from = capture_day(&self.taken_from, "first", &mut errors);
        let taken_until = capture_day(&self.taken_until, "last", &mut errors);
        if let (Some(from), Some(until)) = (&taken_from, &taken_until)
            && from > until
        {
            errors.push(Msg::new("adm-form-capture-order"));
        }
        match (slug, tz, opens_at, closes_at, max_photos, judging_unit) {
            (Some(slug), Some(tz), Some(o), Some(c), Some(max_photos), Some(judging_unit))
                if errors.is_empty() =>
            {
                Ok(ContestInput {
                    slug: slug.as_str().to_owned(),
                    title,
                    theme,
                    description,
                    rules,
                    tz,
                    opens_at: o.timestamp(),
                    closes_at: c.timestamp(),
                    max_photos,
                    min_long_edge: min_long_edge.unwrap_or(0),
                    judging_unit,
                    number_digits: number_digits.unwrap_or(5),
                    countries,
                    taken_from,
                    taken_until,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A capture-window day as the form posts it (`YYYY-MM-DD`, from a date
/// input); empty is no bound.
fn capture_day(raw: &str, which: &'static str, errors: &mut Vec<Msg>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(day) if (1990..=2100).contains(&chrono::Datelike::year(&day)) => {
            Some(day.format("%Y-%m-%d").to_string())
        }
        _ => {
            errors.push(Msg::new("adm-form-capture-day").arg("which", which));
            None
        }
    }
}

/// What may still change in a contest's current phase; the messages explain refusals.
pub fn check_edit_allowed(
    current: &Contest,
    countries: &[String],
    new: &ContestInput,
) -> Result<(), Vec<Msg>> {
    use crate::contests::model::Phase;
    let mut errors = Vec::new();
    if current.phase != Phase::Draft {
        if new.slug != current.slug {
            errors.push(Msg::new("adm-form-slug-fixed"));
        }
        if new.judging_unit != current.judging_unit {
            errors.push(Msg::new("adm-form-unit-fixed"));
        }
    }
    if current.phase.is_judging_or_later() {
        let window_changed = new.opens_at != current.opens_at || new.closes_at != current.closes_at;
        if window_changed
            || new.max_photos != current.max_photos
            || new.min_long_edge != current.min_long_edge
            || new.taken_from != current.taken_from
            || new.taken_until != current.taken_until
            || new.countries != countries
        {
            errors.push(Msg::new("adm-form-frozen"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ContestForm {
        ContestForm {
            slug: "migrants-2026".into(),
            title: "Migrants".into(),
            theme: "An invisible force".into(),
            description: "Call for entries".into(),
            rules: "Be kind".into(),
            timezone: "Asia/Almaty".into(),
            opens_at: "2026-12-01T09:00".into(),
            closes_at: "2027-01-31T23:59".into(),
            max_photos: "10".into(),
            min_long_edge: String::new(),
            judging_unit: "photo".into(),
            number_digits: String::new(),
            countries: "Kazakhstan\nUzbekistan\n\nkazakhstan\n".into(),
            taken_from: String::new(),
            taken_until: String::new(),
        }
    }

    #[test]
    fn a_complete_form_parses_and_drops_duplicate_countries() {
        let input = filled().parse().unwrap();
        assert_eq!(input.countries, vec!["Kazakhstan", "Uzbekistan"]);
        assert_eq!(input.max_photos, 10);
        assert_eq!(input.number_digits, 5, "five digits unless asked");
    }

    #[test]
    fn entry_numbers_have_five_six_or_seven_digits() {
        for (raw, digits) in [
            ("5", Some(5)),
            ("6", Some(6)),
            (" 7 ", Some(7)),
            ("4", None),
            ("8", None),
            ("six", None),
        ] {
            let form = ContestForm {
                number_digits: raw.into(),
                ..filled()
            };
            match (form.parse(), digits) {
                (Ok(input), Some(d)) => assert_eq!(input.number_digits, d),
                (Err(errors), None) => {
                    assert!(errors.contains(&Msg::new("adm-form-digits")))
                }
                (got, want) => panic!("{raw}: {:?} against {want:?}", got.map(|i| i.number_digits)),
            }
        }
    }

    #[test]
    fn the_capture_window_is_two_optional_days_in_order() {
        assert_eq!(filled().parse().unwrap().taken_from, None);
        let form = ContestForm {
            taken_from: "2017-01-01".into(),
            taken_until: " 2017-12-31 ".into(),
            ..filled()
        };
        let input = form.parse().unwrap();
        assert_eq!(input.taken_from.as_deref(), Some("2017-01-01"));
        assert_eq!(input.taken_until.as_deref(), Some("2017-12-31"));
        let reversed = ContestForm {
            taken_from: "2018-01-01".into(),
            taken_until: "2017-12-31".into(),
            ..filled()
        };
        assert_eq!(
            reversed.parse().unwrap_err(),
            vec![Msg::new("adm-form-capture-order")]
        );
        let junk = ContestForm {
            taken_from: "31.12.2017".into(),
            ..filled()
        };
        assert!(
            junk.parse().unwrap_err()[0]
                .to_string()
                .contains("first capture day")
        );
    }

    #[test]
    fn the_minimum_resolution_is_optional_but_bounded() {
        assert_eq!(filled().parse().unwrap().min_long_edge, 0);
        let form = ContestForm {
            min_long_edge: "2000".into(),
            ..filled()
        };
        assert_eq!(form.parse().unwrap().min_long_edge, 2000);
        let form = ContestForm {
            min_long_edge: "-1".into(),
            ..filled()
        };
        assert!(form.parse().is_err());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let form = ContestForm {
            title: " ".into(),
            closes_at: "2026-11-01T00:00".into(),
            max_photos: "0".into(),
            ..filled()
        };
        let errors = form.parse().unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }
}
