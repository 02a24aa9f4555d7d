//! Flags text that may reveal who made an entry: the participant's own name
//! (in either script, in its grammatical cases: `name_forms`), email or
//! university inside a title, caption or story. A hit does not stop the
//! entry; it marks it "may reveal identity" for the admin to redact.

use crate::submissions::name_forms::same_name;

/// What the participant told us about themselves.
pub struct Identity<'a> {
    /// Full name as given on the eligibility form.
    pub full_name: &'a str,
    /// Account email.
    pub email: &'a str,
    /// University, if any.
    pub university: &'a str,
}

/// The parts of a name or a text: letters, with the apostrophes of Uzbek
/// Latin and hyphens inside.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && !matches!(c, '\'' | '-' | 'ʻ' | 'ʼ' | '‘' | '’'))
        .filter(|w| !w.is_empty())
}

/// The parts of the full name worth looking for (three letters or more).
fn name_parts<'a>(who: &Identity<'a>) -> Vec<&'a str> {
    words(who.full_name)
        .filter(|part| part.chars().count() >= 3)
        .collect()
}

fn needles(who: &Identity<'_>) -> Vec<String> {
    let mut out: Vec<String> = name_parts(who).iter().map(|p| p.to_lowercase()).collect();
    if let Some((local, _)) = who.email.split_once('@')
        && local.chars().count() >= 3
    {
        out.push(local.to_lowercase());
    }
    let university = who.university.trim();
    if university.chars().count() >= 3 {
        out.push(university.to_lowercase());
    }
    out
}

/// Returns a note for the admin if any of `texts` (label, text) mentions the
/// participant, e.g. `story mentions "Karimova"`.
pub fn check(who: &Identity<'_>, texts: &[(&str, &str)]) -> Option<String> {
    let needles = needles(who);
    let parts = name_parts(who);
    let mut hits = Vec::new();
    for (label, text) in texts {
        let lower = text.to_lowercase();
        for needle in &needles {
            if lower.contains(needle.as_str()) {
                hits.push(format!("{label} mentions \"{needle}\""));
            }
        }
        // The name in the other script or another case: "Бековой" for
        // Bekova, "Aigerim" for Айгерим.
        for word in words(text) {
            let lowered = word.to_lowercase();
            if parts.iter().any(|part| same_name(word, part))
                && !needles.iter().any(|n| lowered.contains(n.as_str()))
            {
                let hit = format!("{label} mentions \"{lowered}\"");
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        }
    }
    (!hits.is_empty()).then(|| hits.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANA: Identity<'static> = Identity {
        full_name: "Ana Karimova",
        email: "akarimova@example.org",
        university: "Tashkent State University",
    };

    #[test]
    fn a_name_in_the_story_is_flagged() {
        let note = check(&ANA, &[("story", "My grandmother, Mrs KARIMOVA, sews.")]).unwrap();
        assert!(note.contains("story mentions \"karimova\""), "{note}");
    }

    #[test]
    fn the_email_and_the_university_are_flagged_too() {
        assert!(check(&ANA, &[("caption", "contact akarimova for prints")]).is_some());
        assert!(check(&ANA, &[("title", "Tashkent State University dormitory")]).is_some());
    }

    #[test]
    fn the_name_in_the_other_script_and_in_another_case_is_flagged() {
        let aigerim = Identity {
            full_name: "Айгерим Бекова",
            email: "ab@example.org",
            university: "",
        };
        let note = check(&aigerim, &[("title", "Portrait by Aigerim Bekova")]).unwrap();
        assert!(note.contains("title mentions \"aigerim\""), "{note}");
        assert!(note.contains("title mentions \"bekova\""), "{note}");
        let note = check(&aigerim, &[("story", "Письмо Бековой от бабушки")]).unwrap();
        assert!(note.contains("story mentions \"бековой\""), "{note}");
        let latin = Identity {
            full_name: "Aigerim Bekova",
            ..aigerim
        };
        assert!(check(&latin, &[("caption", "Айгерим у окна")]).is_some());
        assert_eq!(check(&latin, &[("caption", "Рынок на рассвете")]), None);
    }

    #[test]
    fn clean_text_is_not_flagged() {
        assert_eq!(
            check(
                &ANA,
                &[
                    ("story", "Workers at dawn in the market."),
                    ("title", "Dawn")
                ]
            ),
            None
        );
    }
}
