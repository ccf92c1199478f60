//! Context conditions: words that must not (`unless`) or must (`only`) stand
//! within a few words before or after a hit ("`claimed` but not before
//! `victory`").
//!
//! They are checked in the folded text around each candidate *after* the one
//! automaton pass, and only for rules that have them, so the hot path of
//! rules without conditions is unchanged. The check walks at most `within`
//! words (plus the length of the longest condition phrase) out from the
//! candidate, never the article: its cost is bounded per candidate.
//!
//! A word here is a run of word characters, with apostrophes inside it
//! (`regime's` is one word). The window never crosses the end of a sentence
//! (`.`, `!`, `?`, `;` or `…` not followed by a letter or digit), so in
//! "He claimed. The rest…" `the` does not follow `claimed`. A condition
//! phrase matches as a term does: whole words, literal after folding, and a
//! final `*` makes its last word a stem.

use crate::normalize::is_word_char;

/// Largest `within` accepted: conditions are about a word's neighbours, and
/// the bound keeps the check cheap.
pub const MAX_WITHIN: usize = 10;

/// One side or both sides of a hit, and how far to look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Words or phrases that may end within `within` words before the hit.
    pub preceded_by: Vec<ContextWord>,
    /// Words or phrases that may start within `within` words after the hit.
    pub followed_by: Vec<ContextWord>,
    /// How many words to look at on each side (1 = the next word only).
    pub within: usize,
}

/// A condition word or phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextWord {
    /// As the editor wrote it.
    pub text: String,
    /// Folded, without the stem `*`.
    pub folded: String,
    /// Whether its last word is a stem (`victor*`).
    pub stem: bool,
    /// How many words it has, to find where a phrase before the hit starts.
    words: usize,
}

impl ContextWord {
    /// A condition word from its folded form (without `*`).
    pub fn new(text: String, folded: String, stem: bool) -> ContextWord {
        let words = count_words(&folded).max(1);
        ContextWord {
            text,
            folded,
            stem,
            words,
        }
    }

    /// Whether it occurs at `at`, a word start in `text`, as whole words.
    fn matches_at(&self, text: &str, at: usize) -> bool {
        let Some(rest) = text.get(at..) else {
            return false;
        };
        rest.starts_with(self.folded.as_str())
            && (self.stem
                || !rest[self.folded.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char))
    }
}

impl Context {
    /// Whether one of the words stands within `within` words of the span
    /// `start..end` of folded `text` (a candidate's span).
    pub fn found(&self, text: &str, start: usize, end: usize) -> bool {
        (!self.followed_by.is_empty() && self.found_after(text, end))
            || (!self.preceded_by.is_empty() && self.found_before(text, start))
    }

    fn found_after(&self, text: &str, end: usize) -> bool {
        let mut at = skip_word_forward(text, end);
        for _ in 0..self.within {
            let Some((start, next)) = next_word(text, at) else {
                return false;
            };
            if self.followed_by.iter().any(|w| w.matches_at(text, start)) {
                return true;
            }
            at = next;
        }
        false
    }

    fn found_before(&self, text: &str, start: usize) -> bool {
        let longest = self.preceded_by.iter().map(|w| w.words).max().unwrap_or(1);
        // Word starts before the hit, nearest first. A phrase of k words
        // whose last word is the i-th before the hit starts at the
        // (i + k - 1)-th.
        let mut starts = Vec::with_capacity(self.within + longest - 1);
        let mut at = skip_word_backward(text, start);
        while starts.len() < self.within + longest - 1 {
            match prev_word(text, at) {
                Some(s) => {
                    starts.push(s);
                    at = s;
                }
                None => break,
            }
        }
        self.preceded_by.iter().any(|w| {
            (0..self.within).any(|i| {
                starts
                    .get(i + w.words - 1)
                    .is_some_and(|&s| w.matches_at(text, s))
            })
        })
    }
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\u{2026}')
}

/// Whether the character at byte `i` (which is `c`) ends a sentence.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    is_stop(c)
        && !text[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_word_char)
}

/// Past the rest of a word the hit ends inside (`regime` + `'s`).
fn skip_word_forward(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || c == '\''))
        .map_or(text.len(), |(i, _)| from + i)
}

/// Before the part of a word the hit starts inside (`o'` + `brien`).
fn skip_word_backward(text: &str, from: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c) || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The next word at or after `from`: its start and end. `None` at the end of
/// the text or of the sentence.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c));
    let start = loop {
        let (i, c) = chars.next()?;
        if is_word_char(c) {
            break i;
        }
        if ends_sentence(text, i, c) {
            return None;
        }
    };
    let end = chars
        .find(|&(_, c)| !(is_word_char(c) || c == '\''))
        .map_or(text.len(), |(i, _)| i);
    Some((start, end))
}

/// The start of the word ending before `before`. `None` at the start of the
/// text or of the sentence.
fn prev_word(text: &str, before: usize) -> Option<usize> {
    let mut chars = text[..before].char_indices().rev();
    let mut start = loop {
        let (i, c) = chars.next()?;
        if is_word_char(c) {
            break i;
        }
        if ends_sentence(text, i, c) {
            return None;
        }
    };
    // Leading apostrophes are quotes, not part of the word.
    for (i, c) in chars {
        if is_word_char(c) {
            start = i;
        } else if c != '\'' {
            break;
        }
    }
    Some(start)
}

/// Words in a folded phrase, counted as the text's words are.
fn count_words(folded: &str) -> usize {
    folded
        .split(|c: char| !(is_word_char(c) || c == '\''))
        .filter(|w| w.chars().any(is_word_char))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(before: &[&str], after: &[&str], within: usize) -> Context {
        let word = |w: &&str| {
            let stem = w.ends_with('*');
            let folded = w.trim_end_matches('*').to_string();
            ContextWord::new(w.to_string(), folded, stem)
        };
        Context {
            preceded_by: before.iter().map(word).collect(),
            followed_by: after.iter().map(word).collect(),
            within,
        }
    }

    /// Whether the condition is found around the first `claimed` of `text`.
    fn around(c: &Context, text: &str) -> bool {
        let start = text.find("claimed").unwrap_or(0);
        c.found(text, start, start + "claimed".len())
    }

    #[test]
    fn windows_one_line_per_case() {
        /// Preceded by, followed by, within, text, found.
        type Case<'a> = (&'a [&'a str], &'a [&'a str], usize, &'a str, bool);
        let cases: &[Case] = &[
            (&[], &["victory"], 1, "he claimed victory", true),
            (&[], &["victory"], 1, "he claimed a victory", false),
            (&[], &["victory"], 2, "he claimed a victory", true),
            (&[], &["victory"], 2, "he claimed. victory", false),
            (&[], &["victory"], 2, "he claimed, victory", true),
            (&[], &["victory"], 1, "he claimed 'victory'", true),
            (&[], &["victory"], 1, "he claimed victorious", false),
            (&[], &["victor*"], 1, "he claimed victorious", true),
            (&[], &["the ball"], 1, "he claimed the ball", true),
            (&[], &["the ball"], 1, "he claimed the balloon", false),
            (&[], &["the ball"], 2, "he claimed all the ball", true),
            (&[], &["s"], 1, "claimed's victory", false),
            (&["they"], &[], 1, "they claimed", true),
            (&["they"], &[], 1, "they all claimed", false),
            (&["they"], &[], 2, "they all claimed", true),
            (&["they"], &[], 2, "they. all claimed", false),
            (&["they all"], &[], 1, "they all claimed", true),
            (&["they all"], &[], 2, "they all now claimed", true),
            (&["they all"], &[], 1, "they all now claimed", false),
            (&["the*"], &[], 1, "theirs claimed", true),
            (&["o"], &[], 1, "o'claimed", false),
            (&["regime's"], &[], 1, "the regime's claimed", true),
            (&["x"], &["y"], 3, "claimed", false),
            (&["é"], &[], 1, "é claimed", true),
        ];
        for &(before, after, within, text, expected) in cases {
            let c = ctx(before, after, within);
            assert_eq!(
                around(&c, text),
                expected,
                "{before:?} {after:?} {within} {text:?}"
            );
        }
    }

    #[test]
    fn counts_words_like_the_text() {
        assert_eq!(count_words("the ball"), 2);
        assert_eq!(count_words("regime's"), 1);
        assert_eq!(count_words("u.s. army"), 3);
    }
}
