//! Built-in framing patterns that word lists cannot express. A rule names
//! one with `detector:` and gives it a weight and a message; the engine
//! runs it over the article's segments once.
//!
//! - **Scare quotes** (`scare-quotes`): a quoted span of one to three words
//!   that quotes nobody: no verb of saying, naming or accusing and no
//!   "according" in its sentence, no colon right before it, and not the
//!   title of a work (every word capitalised, outside the headline). 'The
//!   "reforms" will cost jobs'; 'a massive political "cover-up"'. The words
//!   inside are then the writer's, so they count as authorial.
//! - **Authorial questions** (`authorial-question`): a sentence in the
//!   writer's own voice that ends with a question mark, which invites doubt
//!   without stating it ("Is this the end of the alliance?").
//!
//! Both look at each quote or sentence once, with a bounded look at its
//! words, so the cost is linear in the text. `docs/scoring.md` lists what
//! they get wrong.

use std::ops::Range;

use crate::normalize::is_word_char;
use crate::segment::Segments;
use crate::voice::is_attribution_word;

/// Most words a scare quote holds.
pub const MAX_SCARE_WORDS: usize = 3;

/// Longer quoted spans are never scare quotes (and are not read).
const MAX_SCARE_BYTES: usize = 60;

/// The scare quotes of `text`: quoted ranges (quote marks included) that
/// quote nobody. `headline_end` is where the first line ends: titles of
/// works are told apart by their capitals only after it, since a headline
/// capitalises every word.
pub fn scare_quotes(text: &str, segments: &Segments, headline_end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The sentence last checked for an attribution, and the answer: each
    // sentence is read once however many quotes it holds.
    let mut checked: Option<(usize, bool)> = None;
    for q in &segments.quoted {
        if q.len() > MAX_SCARE_BYTES {
            continue;
        }
        let Some(quoted) = text.get(q.clone()) else {
            continue;
        };
        if quoted.starts_with('>') {
            continue;
        }
        let words: Vec<&str> = quoted
            .split(|c: char| !is_word_char(c) && c != '\'' && c != '\u{2019}' && c != '-')
            .filter(|w| w.chars().any(is_word_char))
            .collect();
        if words.is_empty() || words.len() > MAX_SCARE_WORDS {
            continue;
        }
        let title = q.start >= headline_end
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if title || colon_before(text, q.start) {
            continue;
        }
        let sentence = segments.sentence_at(q.start);
        let attributed = match checked {
            Some((start, answer)) if start == sentence.start => answer,
            _ => {
                let answer = text
                    .get(sentence.clone())
                    .is_some_and(|s| s.split(|c: char| !is_word_char(c)).any(is_attribution_word));
                checked = Some((sentence.start, answer));
                answer
            }
        };
        if !attributed {
            out.push(q.clone());
        }
    }
    out
}

/// Whether a colon (and spaces) stand right before `at`: 'He said: "No"'.
fn colon_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .map(str::trim_end)
        .is_some_and(|t| t.ends_with(':'))
}

/// The question marks that end sentences in the writer's voice: each one
/// byte, as the hit's span.
pub fn authorial_questions(text: &str, segments: &Segments) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for s in &segments.sentences {
        let Some(sentence) = text.get(s.clone()) else {
            continue;
        };
        // Only the last character is looked at: a sentence that ends with a
        // closing quote is a quoted question.
        let body = sentence.trim_end();
        if body.ends_with('?') {
            let at = s.start + body.len() - 1;
            if !segments.is_quoted(at) {
                out.push(at..at + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn scare(text: &str) -> Vec<&str> {
        let segments = segment(text);
        let headline = text.find('\n').unwrap_or(text.len());
        scare_quotes(text, &segments, headline)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn scare_quotes_quote_nobody() {
        let cases: &[(&str, &[&str])] = &[
            ("Title\n\nThe \"reforms\" will cost jobs.", &["\"reforms\""]),
            (
                "Title\n\nIt was a massive political “cover-up” at best.",
                &["“cover-up”"],
            ),
            (
                "Trump's 'Compromise' Immigration Offer\n\nBody.",
                &["'Compromise'"],
            ),
            ("Title\n\nHe called the plan a \"disaster\".", &[]),
            ("Title\n\n“We will win,” she said.", &[]),
            ("Title\n\nThe minister said: \"No\".", &[]),
            (
                "Title\n\nShe starred in \"The Ugly Duckling\" last year.",
                &[],
            ),
            (
                "Title\n\nThe so-called \"temporary\" measures, according to officials, stay.",
                &[],
            ),
            (
                "Title\n\nThe group said the “reforms” would cost jobs.",
                &[],
            ),
            (
                "Title\n\nThe \"reforms that nobody asked for\" will pass.",
                &[],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(scare(text), *expected, "{text}");
        }
    }

    #[test]
    fn questions_in_the_writers_voice() {
        let text = "Is this the end? “Why now?” she asked. It is not. Who gains?";
        let segments = segment(text);
        let found: Vec<usize> = authorial_questions(text, &segments)
            .into_iter()
            .map(|r| r.start)
            .collect();
        assert_eq!(found, [text.find("end?").unwrap() + 3, text.len() - 1]);
    }
}
