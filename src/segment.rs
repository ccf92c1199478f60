//! Structure of an article's original text: quoted speech, sentences, words.
//!
//! One pass over the original text finds:
//! - **quoted ranges**: text between straight or curly double quotes or
//!   guillemets, and lines starting with `>`. A quote left open ends at the
//!   next blank line, so one stray quote mark cannot flip the rest of the
//!   article into quoted speech (news style also reopens a quote on each new
//!   paragraph of a long quotation, which this handles too);
//! - **sentences**: ended by `.`, `!`, `?` or `…` (with any closing quotes or
//!   brackets) before whitespace, and by blank lines; a period after a single
//!   letter ("U.S."), after a common title ("Mr.") or before a lowercase word
//!   does not end a sentence;
//! - **words**: runs of letters, digits and `_`, where an apostrophe between
//!   letters ("don't") or a point or comma between digits ("1.79") joins.
//!   Hyphens split ("NATO-like" is two words), as in Unicode word
//!   segmentation (UAX #29).

use std::ops::Range;

use crate::normalize::is_word_char;

/// The structure of one text. All ranges are byte offsets into that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Quoted speech, sorted and non-overlapping, quote marks included.
    pub quoted: Vec<Range<usize>>,
    /// Sentences, sorted and non-overlapping, without surrounding whitespace.
    pub sentences: Vec<Range<usize>>,
    /// Number of words.
    pub words: usize,
}

impl Segments {
    /// Whether byte offset `at` lies in quoted speech.
    pub fn is_quoted(&self, at: usize) -> bool {
        let idx = self.quoted.partition_point(|r| r.start <= at);
        idx > 0 && self.quoted[idx - 1].contains(&at)
    }

    /// The sentence containing byte offset `at` (or the nearest one before it).
    pub fn sentence_at(&self, at: usize) -> Range<usize> {
        let idx = self.sentences.partition_point(|r| r.start <= at);
        match idx.checked_sub(1) {
            Some(i) => self.sentences[i].clone(),
            None => at..at,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteKind {
    Straight,
    Curly,
    Guillemet,
}

/// Titles and abbreviations after which a period rarely ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "vs", "no", "approx", "dept", "est", "fig", "vol",
];

/// Segments `text` in one pass.
pub fn segment(text: &str) -> Segments {
    let mut out = Segments::default();
    let bytes = text.as_bytes();
    let mut open: Option<(usize, QuoteKind)> = None;
    let mut sentence_start: Option<usize> = None;
    let mut in_word = false;
    // A joiner (apostrophe, or point/comma after a digit) seen inside a word:
    // the word continues if the next character is a word character.
    let mut pending_join: Option<bool> = None; // Some(digits_only)
    let mut prev_digit = false;
    let mut line_start = true;

    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // Words.
        if is_word_char(c) {
            let continues = in_word
                && match pending_join {
                    None => true,
                    Some(digits_only) => !digits_only || c.is_numeric(),
                };
            if !continues {
                out.words += 1;
            }
            in_word = true;
            pending_join = None;
            prev_digit = c.is_numeric();
        } else {
            let joiner = match c {
                '\'' | '\u{2019}' => Some(false),
                '.' | ',' if prev_digit => Some(true),
                _ => None,
            };
            match joiner {
                Some(d) if in_word && pending_join.is_none() => pending_join = Some(d),
                _ => {
                    in_word = false;
                    pending_join = None;
                }
            }
            prev_digit = false;
        }

        // Quotes at the start of a `>` line.
        if line_start && !c.is_whitespace() {
            line_start = false;
            if c == '>' && open.is_none() {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                out.quoted.push(i..end);
            }
        }

        if !c.is_whitespace() && sentence_start.is_none() {
            sentence_start = Some(i);
        }

        match c {
            '\n' => {
                line_start = true;
                // A blank line ends quotes and sentences.
                if is_blank_line_after(bytes, i + 1) {
                    if let Some((s, _)) = open.take() {
                        out.quoted.push(s..trim_end(text, i));
                    }
                    if let Some(s) = sentence_start.take() {
                        push_sentence(&mut out.sentences, text, s, i);
                    }
                }
            }
            '"' => match open {
                Some((s, QuoteKind::Straight)) => {
                    out.quoted.push(s..i + 1);
                    open = None;
                }
                None => open = Some((i, QuoteKind::Straight)),
                Some(_) => {}
            },
            '\u{201C}' | '\u{201E}' if open.is_none() => open = Some((i, QuoteKind::Curly)),
            '\u{201D}' => {
                if let Some((s, QuoteKind::Curly | QuoteKind::Straight)) = open {
                    out.quoted.push(s..i + c.len_utf8());
                    open = None;
                }
            }
            '\u{00AB}' if open.is_none() => open = Some((i, QuoteKind::Guillemet)),
            '\u{00BB}' => {
                if let Some((s, QuoteKind::Guillemet)) = open {
                    out.quoted.push(s..i + c.len_utf8());
                    open = None;
                }
            }
            '.' | '!' | '?' | '\u{2026}' => {
                // Closing quotes and brackets belong to the sentence they end.
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = iter.peek() {
                    if !matches!(n, '.' | '!' | '?' | '\u{2026}') {
                        break;
                    }
                    end = j + n.len_utf8();
                    iter.next();
                }
                let after = skip_closers(text, end);
                let next = text[after..].chars().next();
                let ends = match next {
                    None => true,
                    Some(n) if n.is_whitespace() => {
                        c != '.'
                            || !is_abbreviation(text, i) && !next_word_is_lowercase(text, after)
                    }
                    _ => false,
                };
                if ends && let Some(s) = sentence_start {
                    // The closers are consumed by the main loop; mark the end
                    // now and start the next sentence after them.
                    push_sentence(&mut out.sentences, text, s, after);
                    sentence_start = None;
                    // Handle closing quotes between `end` and `after` here,
                    // since the sentence has already been closed.
                    for (j, q) in text[end..after].char_indices() {
                        close_quote(&mut open, &mut out.quoted, end + j, q);
                    }
                    while iter.peek().is_some_and(|&(j, _)| j < after) {
                        iter.next();
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.quoted.push(s..trim_end(text, text.len()));
    }
    if let Some(s) = sentence_start {
        push_sentence(&mut out.sentences, text, s, text.len());
    }
    out.quoted.sort_by_key(|r| r.start);
    out
}

/// Applies a closing quote mark that follows a sentence terminator.
fn close_quote(
    open: &mut Option<(usize, QuoteKind)>,
    quoted: &mut Vec<Range<usize>>,
    at: usize,
    c: char,
) {
    let closes = matches!(
        (c, *open),
        ('"', Some((_, QuoteKind::Straight)))
            | (
                '\u{201D}',
                Some((_, QuoteKind::Curly | QuoteKind::Straight))
            )
            | ('\u{00BB}', Some((_, QuoteKind::Guillemet)))
    );
    if closes && let Some((s, _)) = open.take() {
        quoted.push(s..at + c.len_utf8());
    }
}

fn skip_closers(text: &str, mut at: usize) -> usize {
    for c in text[at..].chars() {
        if matches!(
            c,
            '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '\u{00BB}'
        ) {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// Whether the line starting at `from` is blank (only spaces up to a newline).
fn is_blank_line_after(bytes: &[u8], from: usize) -> bool {
    for &b in bytes.get(from..).unwrap_or_default() {
        match b {
            b'\n' => return true,
            b' ' | b'\t' | b'\r' => {}
            _ => return false,
        }
    }
    false
}

/// Whether the period at `dot` ends an abbreviation rather than a sentence.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c)))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let word = &before[word_start..];
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        // "U.S.", "J. Smith": a single letter before the period.
        (Some(c), None) => c.is_alphabetic(),
        _ => ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)),
    }
}

fn next_word_is_lowercase(text: &str, from: usize) -> bool {
    text[from..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_lowercase())
}

fn trim_end(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

fn push_sentence(sentences: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let end = trim_end(text, end).max(start);
    if end > start {
        sentences.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        segment(text)
            .quoted
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn straight_curly_and_guillemet_quotes() {
        assert_eq!(
            quoted(r#"He said "no" and “yes” and «peut-être»."#),
            [r#""no""#, "“yes”", "«peut-être»"]
        );
    }

    #[test]
    fn open_quote_ends_at_blank_line() {
        let text = "He said “this never closes.\n\nNext paragraph is authorial.";
        assert_eq!(quoted(text), ["“this never closes."]);
        assert!(!segment(text).is_quoted(text.find("authorial").unwrap()));
    }

    #[test]
    fn multi_paragraph_quote_reopens() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(quoted(text), ["“First part.", "“Second part,”"]);
    }

    #[test]
    fn lines_starting_with_angle_bracket_are_quoted() {
        let text = "Intro.\n> quoted line\nAfter.";
        assert_eq!(quoted(text), ["> quoted line"]);
    }

    #[test]
    fn sentences_split_on_terminators_and_paragraphs() {
        let text = "Headline here\n\nFirst one. Second “quoted.” Third? Yes!";
        assert_eq!(
            sentences(text),
            [
                "Headline here",
                "First one.",
                "Second “quoted.”",
                "Third?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let text = "The U.S. agreed with Mr. Smith. Then e.g. this went on.";
        assert_eq!(
            sentences(text),
            ["The U.S. agreed with Mr. Smith.", "Then e.g. this went on."]
        );
    }

    #[test]
    fn quote_closing_after_period_is_closed() {
        let text = "He called it an “Asian NATO.” Then he left.";
        assert_eq!(quoted(text), ["“Asian NATO.”"]);
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn counts_words() {
        assert_eq!(segment("").words, 0);
        assert_eq!(
            segment("Don’t stop, it's 1.79 million NATO-like x_y!").words,
            8
        );
        assert_eq!(segment("  one\n\ntwo  ").words, 2);
        assert_eq!(segment("Ça va? Très bien.").words, 4);
    }
}
