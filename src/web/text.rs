//! Cleaning what participants type before it is stored: surrounding space,
//! Windows line ends, and invisible characters that change how text reads
//! without showing (Unicode bidirectional overrides and isolates, which can
//! make "gpj.exe" look like "exe.jpg" or hide a name from a reviewer, and
//! other control characters). Jurors, admins and exports all get the clean
//! copy.

/// Whether `c` is a bidirectional control (embedding, override, isolate or mark).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// The text as it is stored: trimmed, `\n` line ends, no bidi controls and no
/// control characters other than newline and tab.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| !is_bidi_control(c) && (!c.is_control() || c == '\n' || c == '\t'))
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn bidi_overrides_and_control_characters_are_removed() {
        assert_eq!(clean("  Night bus\r\nto Osh "), "Night bus\nto Osh");
        assert_eq!(clean("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(
            clean("\u{2067}Aigerim\u{2069} wrote this"),
            "Aigerim wrote this"
        );
        assert_eq!(clean("a\u{0000}b\u{0007}c\td"), "abc\td");
        assert_eq!(
            clean("Кыргызстан · 日本 · مرحبا"),
            "Кыргызстан · 日本 · مرحبا"
        );
    }
}
