//! Whether a hit stands in a negated clause: "no one felt he was a
//! **racist**", "the plan is not a **disaster**". Such a hit still carries
//! the word into the article, but it does not assert it, so the score
//! weighs it down (see `docs/scoring.md`).
//!
//! A heuristic over the few words before the hit: a negator (`not`,
//! `never`, `no`, `no one`, `nobody`, `nothing`, `without`, `n't`…) within
//! [`WINDOW`] words, in the same clause (the look-back stops at `, ; : ( —`
//! and at `but`, `although`, `though`, `while`, `whereas`). Phrases that
//! negate nothing are not negators: "not only", "not just", "no doubt",
//! "not least". The look-back is bounded in words and bytes, so each hit
//! costs a constant.

/// Words looked back.
pub const WINDOW: usize = 6;

/// Bytes looked back at most, so a pathological "word" cannot cost more.
const MAX_BYTES: usize = 160;

const NEGATORS: &[&str] = &[
    "cannot", "hardly", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing",
    "nowhere", "without",
];

/// Words after a negator that undo it ("not only", "no doubt").
const NOT_NEGATING: &[&str] = &["doubt", "just", "least", "only"];

const CLAUSE_WORDS: &[&str] = &["although", "but", "though", "whereas", "while", "yet"];

/// Whether the hit at byte `at` of `text` is in a negated clause; `floor`
/// is where its sentence starts (the look-back never passes it).
pub fn is_negated(text: &str, floor: usize, at: usize) -> bool {
    let floor = floor.max(at.saturating_sub(MAX_BYTES));
    let Some(before) = text.get(floor..at).or_else(|| {
        // `floor` may fall inside a character after the byte cap: move on
        // to the next boundary.
        (floor..at)
            .find(|&i| text.is_char_boundary(i))
            .and_then(|i| text.get(i..at))
    }) else {
        return false;
    };
    // Words before the hit, nearest first, in a fixed array: this runs for
    // every hit, and allocating per word showed in the profile.
    let mut words: [&str; WINDOW + 1] = [""; WINDOW + 1];
    let mut count = 0;
    let mut end = before.len();
    let mut in_word = false;
    for (i, c) in before.char_indices().rev() {
        let part_of_word = c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        if part_of_word {
            if !in_word {
                end = i + c.len_utf8();
                in_word = true;
            }
            continue;
        }
        if in_word {
            words[count] = &before[i + c.len_utf8()..end];
            count += 1;
            in_word = false;
            if count > WINDOW {
                break;
            }
        }
        if matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}' | '.' | '?' | '!'
        ) {
            break;
        }
    }
    if in_word && count <= WINDOW {
        words[count] = &before[..end];
        count += 1;
    }
    let words = &words[..count];
    let is = |w: &str, list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    for (i, w) in words.iter().enumerate().take(WINDOW) {
        if is(w, CLAUSE_WORDS) {
            return false;
        }
        let negator = is(w, NEGATORS)
            || ends_with_ignore_case(w, "n't")
            || ends_with_ignore_case(w, "n\u{2019}t")
            || (w.eq_ignore_ascii_case("one")
                && words
                    .get(i + 1)
                    .is_some_and(|p| p.eq_ignore_ascii_case("no")));
        // The word after the negator, in text order, is the one before it
        // in `words` (nearest first).
        let undone = i.checked_sub(1).is_some_and(|j| is(words[j], NOT_NEGATING));
        if negator && !undone {
            return true;
        }
    }
    false
}

fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word
            .get(word.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[term]` marks the hit.
    fn check(marked: &str) -> bool {
        let at = marked.find('[').unwrap();
        let text = marked.replace(['[', ']'], "");
        is_negated(&text, 0, at)
    }

    #[test]
    fn negated_clauses() {
        let cases = [
            ("No one felt he was a [racist].", true),
            ("The plan is not a [disaster].", true),
            ("It wasn't a [catastrophe].", true),
            ("It wasn’t a [catastrophe].", true),
            ("He never [claimed] it.", true),
            ("Nobody called it a [scandal].", true),
            ("They left without [admitting] fault.", true),
            ("The plan is a [disaster].", false),
            ("He is not only [brash] but rude.", false),
            ("It is no doubt a [disaster].", false),
            ("It did not work, and the result was a [disaster].", false),
            ("It is not cheap but it is [brilliant].", false),
            ("Not that anyone asked; the result was a [farce].", false),
            (
                "Not one, two, three, four, five, six, seven [disaster].",
                false,
            ),
            ("no x x x x x [far] away", true),
            ("no x x x x x x [too] far away", false),
        ];
        for (text, expected) in cases {
            assert_eq!(check(text), expected, "{text}");
        }
    }

    #[test]
    fn the_look_back_is_bounded() {
        let long = format!("not {} [disaster]", "x".repeat(10_000));
        assert!(!check(&long));
        let text = "é".repeat(200) + "disaster";
        assert!(!is_negated(&text, 0, 400));
    }
}
