//! Flags text that may reveal who made an entry: the participant's own name,
//! email or university inside a title, caption or story. A hit does not stop
//! the entry; it marks it "may reveal identity" for the admin to redact.

/// What the participant told us about themselves.
pub struct Identity<'a> {
    /// Full name as given on the eligibility form.
    pub full_name: &'a str,
    /// Account email.
    pub email: &'a str,
    /// University, if any.
    pub university: &'a str,
}

fn needles(who: &Identity<'_>) -> Vec<String> {
    let mut out: Vec<String> = who
        .full_name
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|part| part.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
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
    let mut hits = Vec::new();
    for (label, text) in texts {
        let text = text.to_lowercase();
        for needle in &needles {
            if text.contains(needle.as_str()) {
                hits.push(format!("{label} mentions \"{needle}\""));
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
