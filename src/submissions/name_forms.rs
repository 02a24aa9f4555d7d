//! A name as it may appear in someone's own text, whatever the script and
//! the grammatical case: Айгерим Бекова, Aigerim Bekova, Бековой, Bekovu,
//! Xamidov and Хамидов all come down to the same skeleton. Used by the
//! identity check of titles, captions and stories (`names_in_text`).

/// Cyrillic letters of Russian, Kazakh, Kyrgyz and Tajik, in Latin.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' | 'ҷ' => "zh",
        'з' => "z",
        'и' | 'і' | 'ӣ' => "i",
        'й' => "y",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'ң' => "ng",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ӯ' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' | 'ҳ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        _ => return None,
    })
}

/// Spellings that transliterations of one name differ by, folded to one:
/// zh/j/dj, kh/x/h, q/k, ts/c, ye/e, y/i, w/v, doubled letters.
const FOLDS: [(&str, &str); 10] = [
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("q", "k"),
    ("ts", "c"),
    ("ye", "e"),
    ("y", "i"),
    ("w", "v"),
];

/// The skeleton of one word: lower case, in Latin, folded; apostrophes of
/// Uzbek Latin (oʻ, gʻ, ʼ) and accents left out.
pub fn skeleton(word: &str) -> String {
    let mut latin_word = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        match latin(c) {
            Some(s) => latin_word.push_str(s),
            None if c.is_ascii_alphanumeric() => latin_word.push(c),
            None => match c {
                'á' | 'à' | 'â' | 'ä' => latin_word.push('a'),
                'é' | 'è' | 'ê' | 'ë' => latin_word.push('e'),
                'í' | 'ì' | 'î' | 'ï' | 'ı' => latin_word.push('i'),
                'ó' | 'ò' | 'ô' | 'ö' => latin_word.push('o'),
                'ú' | 'ù' | 'û' | 'ü' => latin_word.push('u'),
                'ş' | 'š' => latin_word.push_str("sh"),
                'ç' | 'č' => latin_word.push_str("ch"),
                'ğ' => latin_word.push('g'),
                'ñ' => latin_word.push_str("ng"),
                'ž' => latin_word.push_str("zh"),
                _ => {}
            },
        }
    }
    let mut folded = latin_word;
    for (from, to) in FOLDS {
        folded = folded.replace(from, to);
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Endings of the grammatical cases (Russian, and the Turkic case suffixes
/// written after a name), as skeletons, longest first.
const ENDINGS: [&str; 24] = [
    "dan", "den", "tan", "ten", "nin", "din", "tin", "ga", "ge", "ka", "ke", "da", "de", "ta",
    "te", "oi", "ei", "om", "em", "im", "ou", "a", "u", "e",
];

/// The forms a word may be the stem of: its skeleton, and the skeleton
/// without each case ending it has, where four letters or more are left
/// (shorter names only ever match whole).
fn stems(skeleton: &str) -> Vec<&str> {
    let mut out = vec![skeleton];
    for ending in ENDINGS {
        if let Some(stem) = skeleton.strip_suffix(ending)
            && stem.chars().count() >= 4
        {
            out.push(stem);
        }
    }
    out
}

/// Whether `word` (from someone's text) is `name` in another script or
/// another case: the same skeleton, or a common stem of four letters or more.
pub fn same_name(word: &str, name: &str) -> bool {
    let (word, name) = (skeleton(word), skeleton(name));
    if word.is_empty() || name.is_empty() {
        return false;
    }
    if word == name {
        return true;
    }
    let theirs = stems(&name);
    stems(&word)
        .iter()
        .any(|stem| stem.chars().count() >= 4 && theirs.contains(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_the_same_in_cyrillic_and_in_latin() {
        for (cyrillic, latin) in [
            ("Айгерим", "Aigerim"),
            ("Бекова", "Bekova"),
            ("Жанар", "Janar"),
            ("Жанар", "Zhanar"),
            ("Хамидов", "Xamidov"),
            ("Хамидов", "Khamidov"),
            ("Қодиров", "Qodirov"),
            ("Алиев", "Aliyev"),
            ("Евгений", "Yevgeniy"),
            ("Цой", "Tsoy"),
            ("Шоира", "Shoira"),
            ("Ҷамшед", "Jamshed"),
            ("Ғуломов", "Gʻulomov"),
        ] {
            assert!(same_name(latin, cyrillic), "{latin} / {cyrillic}");
            assert!(same_name(cyrillic, latin), "{cyrillic} / {latin}");
        }
    }

    #[test]
    fn a_name_is_found_in_its_grammatical_cases() {
        for form in ["Бековой", "Бекову", "Bekovoy", "Bekovu", "Бекове"] {
            assert!(same_name(form, "Бекова"), "{form}");
        }
        for form in ["Каримовой", "Karimovoi", "Каримову"] {
            assert!(same_name(form, "Karimova"), "{form}");
        }
        // Turkic case suffixes after the name.
        assert!(same_name("Айгеримге", "Aigerim"));
        assert!(same_name("Aigerimdan", "Айгерим"));
    }

    #[test]
    fn other_words_and_short_names_are_not_taken_for_a_name() {
        assert!(!same_name("бедный", "Бекова"));
        assert!(!same_name("market", "Karimova"));
        assert!(!same_name("Ана", "Анар"));
        assert!(!same_name("Ali", "Alisher"));
        assert!(!same_name("Bekzod", "Bekova"));
    }
}
