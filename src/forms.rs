//! Regular English word forms, for terms written `sneer+`.
//!
//! A `+` after a word asks for its regular inflections: the `-s`, `-ed` and
//! `-ing` forms (`sneer+` → sneers, sneered, sneering). They are generated
//! once, at load time, and compiled as plain literal terms, so the automaton
//! stays one literal pass and `sneer+` never over-matches the way the stem
//! `sneer*` would (sneerwell, sneery).
//!
//! The spelling rules are the regular ones: a silent `e` is dropped before
//! `-ing` and `-ed` (cave → caving, caved), a consonant `y` becomes `ie`/`i`
//! (deny → denies, denied), `ie` becomes `y` before `-ing` (lie → lying), a
//! final `c` takes a `k` (panic → panicked), and a one-syllable word ending
//! consonant–vowel–consonant doubles its last letter (slam → slammed). Stress
//! is not known, so longer words never double (visit → visited is right,
//! admit → admited is not): irregular and stressed forms are listed by hand
//! beside the `+` term.

/// Most letters a word given a `+` may have; far above any English word.
const MAX_LETTERS: usize = 40;

/// The `-s`, `-ed` and `-ing` forms of a lowercase word of ASCII letters, in
/// that order, without duplicates and without the word itself. `None` when
/// the word is not 2 to 40 ASCII lowercase letters.
pub fn inflect(word: &str) -> Option<Vec<String>> {
    let b = word.as_bytes();
    if !(2..=MAX_LETTERS).contains(&b.len()) || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(3);
    for form in [s_form(word), ed_form(word), ing_form(word)] {
        if form != word && !out.contains(&form) {
            out.push(form);
        }
    }
    Some(out)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The last `n`th byte (1 = last); the caller checked the length.
fn last(word: &str, n: usize) -> u8 {
    word.as_bytes()[word.len() - n]
}

/// Whether the word ends consonant + `y` (deny, but not play).
fn consonant_y(word: &str) -> bool {
    word.ends_with('y') && !is_vowel(last(word, 2))
}

/// One-syllable words ending consonant–vowel–consonant double their last
/// letter (slam → slamming); `w`, `x` and `y` never double. `qu` counts as a
/// consonant (quit → quitting).
fn doubles(word: &str) -> bool {
    let letters: Vec<u8> = word.replace("qu", "q").into_bytes();
    let n = letters.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (letters[n - 3], letters[n - 2], letters[n - 1]);
    let vowel_groups = letters
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(letters[i - 1])))
        .count();
    vowel_groups == 1 && !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !b"wxy".contains(&c2)
}

/// The stem that `-ed` and `-ing` attach to, before any `e` handling.
fn doubled_or_k(word: &str) -> String {
    if doubles(word) {
        let mut s = word.to_string();
        s.push(char::from(last(word, 1)));
        s
    } else if word.ends_with('c') && is_vowel(last(word, 2)) {
        format!("{word}k")
    } else {
        word.to_string()
    }
}

fn s_form(word: &str) -> String {
    if consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
        || (word.ends_with('o') && !is_vowel(last(word, 2)))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

fn ed_form(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if consonant_y(word) {
        format!("{}ied", &word[..word.len() - 1])
    } else {
        format!("{}ed", doubled_or_k(word))
    }
}

fn ing_form(word: &str) -> String {
    if let Some(base) = word.strip_suffix("ie") {
        format!("{base}ying")
    } else if word.len() > 2
        && word.ends_with('e')
        && !["ee", "ye", "oe"].iter().any(|e| word.ends_with(e))
    {
        format!("{}ing", &word[..word.len() - 1])
    } else {
        format!("{}ing", doubled_or_k(word))
    }
}

#[cfg(test)]
mod tests {
    use super::inflect;

    /// One line per word: the word, then its `-s`, `-ed`, `-ing` forms.
    #[test]
    fn regular_forms() {
        let table: &[(&str, &[&str])] = &[
            ("sneer", &["sneers", "sneered", "sneering"]),
            ("demagogue", &["demagogues", "demagogued", "demagoguing"]),
            ("deny", &["denies", "denied", "denying"]),
            ("slam", &["slams", "slammed", "slamming"]),
            ("cave", &["caves", "caved", "caving"]),
            ("pounce", &["pounces", "pounced", "pouncing"]),
            ("blast", &["blasts", "blasted", "blasting"]),
            ("lie", &["lies", "lied", "lying"]),
            ("agree", &["agrees", "agreed", "agreeing"]),
            ("play", &["plays", "played", "playing"]),
            ("slash", &["slashes", "slashed", "slashing"]),
            ("fix", &["fixes", "fixed", "fixing"]),
            ("veto", &["vetoes", "vetoed", "vetoing"]),
            ("panic", &["panics", "panicked", "panicking"]),
            ("quit", &["quits", "quitted", "quitting"]),
            ("stop", &["stops", "stopped", "stopping"]),
            ("visit", &["visits", "visited", "visiting"]),
            ("row", &["rows", "rowed", "rowing"]),
            ("argue", &["argues", "argued", "arguing"]),
            ("slur", &["slurs", "slurred", "slurring"]),
        ];
        for (word, forms) in table {
            let expected: Vec<String> = forms.iter().map(|f| f.to_string()).collect();
            assert_eq!(inflect(word), Some(expected), "{word}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_inflect() {
        for word in ["a", "été", "Sneer", "so called", "x1", ""] {
            assert_eq!(inflect(word), None, "{word}");
        }
    }
}
