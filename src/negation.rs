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
    // Words before the hit, nearest first, with the word after each.
    let mut words: Vec<&str> = Vec::with_capacity(WINDOW + 1);
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
            words.push(&before[i + c.len_utf8()..end]);
            in_word = false;
            if words.len() > WINDOW {
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
    if in_word && words.len() <= WINDOW {
        words.push(&before[..end]);
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for (i, w) in lower.iter().enumerate().take(WINDOW) {
        if CLAUSE_WORDS.contains(&w.as_str()) {
            return false;
        }
        let negator = NEGATORS.contains(&w.as_str())
            || w.ends_with("n't")
            || w.ends_with("n\u{2019}t")
            || (w == "one" && lower.get(i + 1).is_some_and(|p| p == "no"));
        // The word after the negator, in text order, is the one before it
        // in `lower` (nearest first).
        let next = i.checked_sub(1).map(|j| lower[j].as_str());
        let undone = next.is_some_and(|n| NOT_NEGATING.contains(&n));
        if negator && !undone {
            return true;
        }
    }
    false
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
