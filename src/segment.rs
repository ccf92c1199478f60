//! Structure of an article's original text: quoted speech, sentences, words.
//!
//! One pass over the original text finds:
//! - **quoted ranges**: text between straight or curly double quotes,
//!   guillemets or single quotes (`'…'`, `‘…’`, told from apostrophes by
//!   shape), and lines starting with `>`. A quote left open ends at the next
//!   blank line, so one stray quote mark cannot flip the rest of the article
//!   into quoted speech; a single quote ends with its line, a headline's
//!   quote with the headline. News style reopens a long quotation on each
//!   new paragraph without closing it; in text whose paragraphs were joined
//!   (`said: "A. "B."`) a mark opening a sentence inside an open quote
//!   continues it. A quote nested in another is part of the outer range;
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

    /// Whether any quoted range overlaps `range`.
    pub fn has_quote_in(&self, range: Range<usize>) -> bool {
        // Quoted ranges are sorted and disjoint: the first one ending after
        // the range's start is the only candidate.
        let i = self.quoted.partition_point(|q| q.end <= range.start);
        self.quoted.get(i).is_some_and(|q| q.start < range.end)
    }

    /// Adds quoted ranges (sorted) that the input marked up, merging them
    /// with the ones found in the text: one linear merge.
    pub fn add_quoted(&mut self, extra: &[Range<usize>]) {
        if extra.is_empty() {
            return;
        }
        let mut all: Vec<Range<usize>> = Vec::with_capacity(self.quoted.len() + extra.len());
        let (mut a, mut b) = (self.quoted.iter().peekable(), extra.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.start <= y.start => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            let Some(r) = next else { break };
            match all.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => all.push(r.clone()),
            }
        }
        self.quoted = all;
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
    /// `'…'` or `‘…’`: British quotation marks, told from apostrophes by
    /// their shape (see [`Scanner::single_quote`]).
    Single,
}

/// Elisions that start with an apostrophe before a letter, so look like an
/// opening single quote: "rock 'n' roll", "'em", "'tis".
const ELISIONS: &[&str] = &[
    "n", "em", "til", "tis", "twas", "cause", "cos", "bout", "round", "ave",
];

/// How far [`Scanner::single_quote`] looks ahead for a later closing mark
/// (bounded, so the pass stays linear).
const LOOK_AHEAD: usize = 300;

/// Titles and abbreviations after which a period rarely ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "vs", "no", "approx", "dept", "est", "fig", "vol",
];

/// The longest of [`ABBREVIATIONS`].
const ABBREVIATION_MAX: usize = 6;

/// Whether `b` is an ASCII letter, digit or `_`. By arithmetic rather than
/// a table, so that a loop over a fixed-size chunk vectorizes.
#[inline(always)]
pub(crate) fn is_word_byte(b: u8) -> bool {
    ((b | 0x20).wrapping_sub(b'a') < 26) | is_digit_byte(b) | (b == b'_')
}

#[inline(always)]
fn is_digit_byte(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10
}

/// Whether `b` may stand inside a [`word_run`]: printable ASCII or the
/// space, but not a quote mark, an apostrophe or a terminator, which the
/// scanner must see one by one. (`>` quotes a line only at its start, and a
/// run never starts a line.)
#[inline(always)]
fn is_run_byte(b: u8) -> bool {
    (b.wrapping_sub(b' ') < 0x5F)
        & (b != b'!')
        & (b != b'"')
        & (b != b'\'')
        & (b != b'.')
        & (b != b'?')
}

/// Packs sixteen 0/1 bytes into the low sixteen bits of a mask (byte `k`
/// to bit `k`): a multiplication gathers each half's bytes into its top
/// byte.
#[inline(always)]
pub(crate) fn mask16(flags: [u8; 16]) -> u32 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let [a, b, c, d, e, f, g, h, rest @ ..] = flags;
    let lo = u64::from_le_bytes([a, b, c, d, e, f, g, h]);
    let hi = u64::from_le_bytes(rest);
    ((lo.wrapping_mul(GATHER) >> 56) | ((hi.wrapping_mul(GATHER) >> 56) << 8)) as u32
}

/// The run of ASCII words, spaces and plain punctuation (commas, hyphens,
/// brackets: see [`is_run_byte`]) that starts with the word byte at `i`:
/// where it ends, and how many words start in it after `i`.
///
/// Sixteen bytes are classified per step, with no branch between them, into
/// two masks: bytes in the run, and word starts. The run's end is the first
/// zero bit of the first; the starts are counted in the second up to it.
/// Runs were a clause between two commas before plain punctuation joined
/// them, and their setup cost more than their bytes.
#[inline]
fn word_run(bytes: &[u8], i: usize) -> (usize, usize) {
    let mut j = i + 1;
    let mut starts = 0usize;
    // The window is the byte before the chunk and the chunk's sixteen.
    while let Some(w) = bytes.get(j - 1..j + 16) {
        let Ok(w) = <&[u8; 17]>::try_from(w) else {
            break;
        };
        let mut run = [0u8; 16];
        let mut start = [0u8; 16];
        for k in 0..16 {
            run[k] = u8::from(in_run(w[k], w[k + 1]));
            start[k] = u8::from(is_word_byte(w[k + 1]) & !is_word_byte(w[k]));
        }
        let len = mask16(run).trailing_ones();
        let within = (1u32 << len) - 1;
        starts += (mask16(start) & within).count_ones() as usize;
        j += len as usize;
        if len < 16 {
            return (j, starts);
        }
    }
    while j < bytes.len() && in_run(bytes[j - 1], bytes[j]) {
        starts += usize::from(is_word_byte(bytes[j]) & !is_word_byte(bytes[j - 1]));
        j += 1;
    }
    (j, starts)
}

/// Whether `b`, after `p`, continues a [`word_run`]: a run byte, but not a
/// comma after a digit, which may join two numbers ("1,000") and is left to
/// the scanner, so that inside a run a word starts at every word byte after
/// a non-word byte.
#[inline(always)]
fn in_run(p: u8, b: u8) -> bool {
    is_run_byte(b) & !((b == b',') & is_digit_byte(p))
}

/// Segments `text` in one pass.
///
/// Every offset the scanner slices at is a char boundary: it advances over
/// whole ASCII bytes or whole chars, and looks ahead by `len_utf8` steps.
pub fn segment(text: &str) -> Segments {
    let mut s = Scanner {
        text,
        out: Segments::default(),
        open: None,
        inner_curly: false,
        sentence_start: None,
        in_word: false,
        pending_join: None,
        prev_digit: false,
        line_start: true,
        first_line: true,
        line_begin: 0,
        line_quotes: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_word_byte(b) {
            // Fast path: ASCII words, spaces and plain punctuation, counted
            // without a branch per word (a mispredicted branch per word was
            // the cost).
            s.word_char(i, b.is_ascii_digit());
            let (j, starts) = word_run(bytes, i);
            s.out.words += starts;
            s.end_run(&bytes[..j]);
            i = j;
        } else if b == b' ' || b == b'\t' || b == b'\r' {
            s.not_word();
            i += 1;
        } else {
            // `i` is at a char boundary: every step advances by whole chars.
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            i = s.other_char(i, c);
        }
    }
    s.finish()
}

/// The state of [`segment`]'s single pass.
struct Scanner<'a> {
    text: &'a str,
    out: Segments,
    /// An open quote: where it starts and with which mark.
    open: Option<(usize, QuoteKind)>,
    /// A curly quote opened inside an open straight one ('"a “b” c"'): its
    /// closing mark closes it, not the straight quote.
    inner_curly: bool,
    sentence_start: Option<usize>,
    in_word: bool,
    /// A joiner (apostrophe, or point/comma after a digit) seen inside a
    /// word: the word goes on if a word character follows. `Some(true)`
    /// when only a digit may follow.
    pending_join: Option<bool>,
    prev_digit: bool,
    /// At the start of a line (only whitespace so far).
    line_start: bool,
    /// Still on the first line (the headline, in most articles).
    first_line: bool,
    /// Where the current line starts.
    line_begin: usize,
    /// A double quote mark was seen on the current line.
    line_quotes: bool,
}

impl Scanner<'_> {
    /// A word character at `i`.
    fn word_char(&mut self, i: usize, digit: bool) {
        let continues = self.in_word
            && match self.pending_join {
                None => true,
                Some(digits_only) => !digits_only || digit,
            };
        if !continues {
            self.out.words += 1;
        }
        self.in_word = true;
        self.pending_join = None;
        self.prev_digit = digit;
        self.line_start = false;
        if self.sentence_start.is_none() {
            self.sentence_start = Some(i);
        }
    }

    /// The state after a [`word_run`] that ends `bytes`: as after its
    /// last byte, a word byte or a separator (a run holds no joiner).
    fn end_run(&mut self, bytes: &[u8]) {
        match bytes.last() {
            Some(&last) if is_word_byte(last) => self.prev_digit = last.is_ascii_digit(),
            _ => self.not_word(),
        }
    }

    fn not_word(&mut self) {
        self.in_word = false;
        self.pending_join = None;
        self.prev_digit = false;
    }

    /// Any character but an ASCII word character or space; returns the
    /// offset after what it consumed.
    fn other_char(&mut self, i: usize, c: char) -> usize {
        if is_word_char(c) {
            self.word_char(i, c.is_numeric());
            return i + c.len_utf8();
        }
        let joiner = match c {
            '\'' | '\u{2019}' => Some(false),
            '.' | ',' if self.prev_digit => Some(true),
            _ => None,
        };
        match joiner {
            Some(d) if self.in_word && self.pending_join.is_none() => {
                self.pending_join = Some(d);
                self.prev_digit = false;
            }
            _ => self.not_word(),
        }
        if c.is_whitespace() {
            if c == '\n' {
                self.newline(i);
            }
            return i + c.len_utf8();
        }
        if self.line_start {
            self.line_start = false;
            if c == '>' && self.open.is_none() {
                let end = self.text[i..].find('\n').map_or(self.text.len(), |n| i + n);
                self.out.quoted.push(i..end);
            }
        }
        let sentence_start = self.sentence_start.is_none();
        if sentence_start {
            self.sentence_start = Some(i);
        }
        match c {
            '.' | '!' | '?' | '\u{2026}' => self.terminator(i, c),
            _ => {
                self.quote_mark(i, c, true, sentence_start);
                i + c.len_utf8()
            }
        }
    }

    fn newline(&mut self, i: usize) {
        self.line_start = true;
        self.line_begin = i + 1;
        self.line_quotes = false;
        let first_line = std::mem::replace(&mut self.first_line, false);
        // A headline's quote ends with the headline; a single quote ends
        // with its line (a misread apostrophe must not run on).
        if let Some((s, kind)) = self.open
            && (first_line || kind == QuoteKind::Single)
        {
            self.out.quoted.push(s..trim_end(self.text, i));
            self.open = None;
        }
        // A blank line ends quotes and sentences.
        if is_blank_line_after(self.text.as_bytes(), i + 1) {
            if let Some((s, _)) = self.open.take() {
                self.out.quoted.push(s..trim_end(self.text, i));
            }
            if let Some(s) = self.sentence_start.take() {
                push_sentence(&mut self.out.sentences, self.text, s, i);
            }
        }
    }

    /// Opens or closes a quote at `i` if `c` is a quote mark; opening only
    /// when `may_open` (a mark right after a sentence's end only closes).
    /// `sentence_start`: `c` starts a sentence.
    fn quote_mark(&mut self, i: usize, c: char, may_open: bool, sentence_start: bool) {
        let end = i + c.len_utf8();
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}') {
            self.single_quote(i, c, may_open);
            return;
        }
        let line_quotes = self.line_quotes;
        if matches!(
            c,
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
        ) {
            self.line_quotes = true;
        }
        match (c, self.open) {
            // A long quotation reopens each paragraph (or, in text whose
            // paragraphs were joined, each sentence) with a mark but never
            // closes the one before: `said: "A. "B. "C."`.
            ('"', Some((_, QuoteKind::Straight)))
                if sentence_start && self.text[end..].starts_with(|n: char| !n.is_whitespace()) => {
            }
            ('\u{201C}', Some((_, QuoteKind::Straight))) => self.inner_curly = true,
            ('\u{201D}', Some((_, QuoteKind::Straight))) if self.inner_curly => {
                self.inner_curly = false;
            }
            ('"', Some((s, QuoteKind::Straight)))
            | ('\u{201D}', Some((s, QuoteKind::Curly | QuoteKind::Straight)))
            | ('\u{00BB}', Some((s, QuoteKind::Guillemet))) => {
                self.out.quoted.push(s..end);
                self.open = None;
            }
            ('"', None) if may_open => {
                self.open = Some((i, QuoteKind::Straight));
                self.inner_curly = false;
            }
            ('\u{201C}' | '\u{201E}', None) if may_open => self.open = Some((i, QuoteKind::Curly)),
            ('\u{00AB}', None) if may_open => self.open = Some((i, QuoteKind::Guillemet)),
            // A closing curly mark that ends a paragraph with no mark before
            // it on the line closes a quotation opened in an earlier
            // paragraph (its opening marks lost, or the paragraphs quoted
            // as a block): the paragraph is the source's words.
            ('\u{201D}', None) if !line_quotes && line_ends(self.text, end) => {
                let from = self.line_begin + self.text[self.line_begin..i].len()
                    - self.text[self.line_begin..i].trim_start().len();
                if from < i {
                    self.out.quoted.push(from..end);
                }
            }
            _ => {}
        }
    }

    /// A single quote mark or apostrophe at `i`. Inside a double quote it is
    /// nested and changes nothing. It opens after a non-word char and before
    /// a word char ("'a farce'", not "don't", "'90s" or "rock 'n' roll"); it
    /// closes after a word char or punctuation and before a non-letter,
    /// unless it is a plural possessive ("students' union") with a closing
    /// mark still to come in the sentence.
    fn single_quote(&mut self, i: usize, c: char, may_open: bool) {
        let text = self.text;
        let end = i + c.len_utf8();
        let prev = text[..i].chars().next_back();
        let next = text[end..].chars().next();
        match self.open {
            Some((s, QuoteKind::Single))
                if is_single_closer(prev, next) && !is_possessive(text, end, prev, next) =>
            {
                self.out.quoted.push(s..end);
                self.open = None;
            }
            None if may_open && c != '\u{2019}' && is_single_opener(text, end, prev, next) => {
                self.open = Some((i, QuoteKind::Single));
            }
            _ => {}
        }
    }

    /// A sentence terminator at `i`; returns the offset after it (and after
    /// any closing quotes it consumed).
    fn terminator(&mut self, i: usize, c: char) -> usize {
        let text = self.text;
        // "?!" and "..." end once.
        let mut end = i + c.len_utf8();
        for n in text[end..].chars() {
            if !matches!(n, '.' | '!' | '?' | '\u{2026}') {
                break;
            }
            end += n.len_utf8();
        }
        // Closing quotes and brackets belong to the sentence they end.
        let after = skip_closers(text, end);
        let ends = match text[after..].chars().next() {
            None => true,
            Some(n) if n.is_whitespace() => {
                c != '.' || !is_abbreviation(text, i) && !next_word_is_lowercase(text, after)
            }
            _ => false,
        };
        let Some(start) = self.sentence_start.filter(|_| ends) else {
            return end;
        };
        push_sentence(&mut self.out.sentences, text, start, after);
        self.sentence_start = None;
        for (j, q) in text[end..after].char_indices() {
            self.quote_mark(end + j, q, false, false);
        }
        self.not_word();
        after
    }

    fn finish(mut self) -> Segments {
        if let Some((s, _)) = self.open {
            self.out
                .quoted
                .push(s..trim_end(self.text, self.text.len()));
        }
        if let Some(s) = self.sentence_start {
            push_sentence(&mut self.out.sentences, self.text, s, self.text.len());
        }
        // A quote inside a `>` line overlaps the line's range: merge them.
        self.out.quoted.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.out.quoted.len());
        for r in self.out.quoted.drain(..) {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.out.quoted = merged;
        self.out
    }
}

/// Whether only spaces follow `end` up to the end of its line.
fn line_ends(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
}

/// An opening single quote's shape: after a non-word char, before a word
/// char, and not an elision ("'em", "'90s").
fn is_single_opener(text: &str, end: usize, prev: Option<char>, next: Option<char>) -> bool {
    let after_ok = prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '-' | '\u{2013}' | '\u{2014}' | '"' | '\u{201C}' | '/' | ':'
            )
    });
    if !after_ok || !next.is_some_and(is_word_char) {
        return false;
    }
    let rest = &text[end..];
    let word_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    let word = &rest[..word_len];
    // '90s, '05: a decade or year.
    if word.len() >= 2 && word.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
        let tail = &word[2..];
        if tail.is_empty() || tail == "s" {
            return false;
        }
    }
    !ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))
}

/// A closing single quote's shape: after a word char or punctuation, before
/// a non-letter.
fn is_single_closer(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace()) && !next.is_some_and(char::is_alphabetic)
}

/// Whether a closing-shaped mark after an "s" is rather a plural possessive
/// ("the students' union"): a closing mark follows before the sentence ends,
/// with no opening mark before it. Looks ahead a bounded distance.
fn is_possessive(text: &str, end: usize, prev: Option<char>, next: Option<char>) -> bool {
    if !matches!(prev, Some('s' | 'S')) || next != Some(' ') {
        return false;
    }
    let mut limit = (end + LOOK_AHEAD).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[end..limit];
    let mut prev = Some(' ');
    let mut chars = window.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\n' => return false,
            '.' | '!' | '?' if next.is_none_or(char::is_whitespace) => return false,
            '\'' | '\u{2018}' | '\u{2019}' => {
                if is_single_closer(prev, next) {
                    return true;
                }
                if prev.is_none_or(|p| !is_word_char(p)) && next.is_some_and(is_word_char) {
                    return false;
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    false
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
    // The word before, by bytes while they are ASCII: every period that may
    // end a sentence comes here.
    let bytes = before.as_bytes();
    let mut k = bytes.len();
    while k > 0 && is_word_byte(bytes[k - 1]) {
        k -= 1;
    }
    if k == 0 || bytes[k - 1].is_ascii() {
        let word = &bytes[k..];
        return match word.len() {
            1 => word[0].is_ascii_alphabetic(),
            2..=ABBREVIATION_MAX => ABBREVIATIONS
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a.as_bytes())),
            _ => false,
        };
    }
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
    fn a_quote_inside_a_quoted_line_is_one_range() {
        // Found by the property test `segments_are_sound`.
        assert_eq!(quoted(">\""), [">\""]);
        assert_eq!(
            quoted("> he said \"no\" twice\nafter"),
            ["> he said \"no\" twice"]
        );
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
    fn abbreviations_are_read_by_bytes_and_by_chars_alike() {
        assert_eq!(
            ABBREVIATIONS.iter().map(|a| a.len()).max(),
            Some(ABBREVIATION_MAX)
        );
        // After an ASCII word, after a word with a letter that is not
        // ASCII (read by chars), and with no word at all.
        for (text, expected) in [
            ("Mr.", true),
            ("see APPROX.", true),
            ("(Gen.", true),
            ("X.", true),
            ("9.", false),
            ("_.", false),
            ("approxi.", false),
            ("the.", false),
            (".", false),
            ("é.", true),
            ("éMr.", false),
            ("Ångström.", false),
        ] {
            assert_eq!(is_abbreviation(text, text.len() - 1), expected, "{text}");
        }
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
    fn a_curly_quote_inside_a_straight_one_does_not_close_it() {
        // Found in review: the inner ” closed the outer quote, and the
        // outer closing " then opened a quote over the writer's sentences.
        let text = "He said \"it is a “disaster” plan\". The regime is done. \"Yes,\" she said.";
        assert_eq!(quoted(text), ["\"it is a “disaster” plan\"", "\"Yes,\""]);
    }

    #[test]
    fn quote_closing_after_period_is_closed() {
        let text = "He called it an “Asian NATO.” Then he left.";
        assert_eq!(quoted(text), ["“Asian NATO.”"]);
        assert_eq!(sentences(text).len(), 2);
    }

    /// One case a line: text, then the quoted ranges expected.
    #[test]
    fn quotation_conventions() {
        let cases: &[(&str, &[&str])] = &[
            // Joined paragraphs of one long quotation: A never closes.
            (
                r#"He said: "A is one. "B is two. "C is three." Then."#,
                &[r#""A is one. "B is two. "C is three.""#],
            ),
            (
                "He said: “A is one. “B is two.” Then.",
                &["“A is one. “B is two.”"],
            ),
            // Separate paragraphs: each reopens, the blank line between is not quoted.
            (
                "He said: \"A is one.\n\n\"B is two,\" he added.",
                &["\"A is one.", "\"B is two,\""],
            ),
            // A paragraph ending in a closing curly mark with none before
            // it closes a quotation opened paragraphs earlier; a mark
            // mid-line with none before it does not.
            (
                "He wrote: “A is one.\n\nB is two. C is three.”\n\nThen.",
                &["“A is one.", "B is two. C is three.”"],
            ),
            ("It was ”bad” then.", &[]),
            ("He said “no.”\nIt ends.”\nThen.", &["“no.”", "It ends.”"]),
            // A closing mark mid-sentence still closes.
            (
                r#""Yes," she said. "No." Then."#,
                &[r#""Yes,""#, r#""No.""#],
            ),
            // British single quotes.
            ("Blair 'will not quit' over Iraq", &["'will not quit'"]),
            ("'Racist' row grows", &["'Racist'"]),
            ("Minister: 'We will win'", &["'We will win'"]),
            ("He said ‘it is over’ and left.", &["‘it is over’"]),
            ("‘It is over,’ he said.", &["‘It is over,’"]),
            (
                "'It is over. We lost.' Then he left.",
                &["'It is over. We lost.'"],
            ),
            (
                "the so-called 'experts' said it was 'nonsense'.",
                &["'experts'", "'nonsense'"],
            ),
            ("(‘slow’) and -'fast'", &["‘slow’", "'fast'"]),
            // Nested quotes are one range.
            (
                r#""He called it 'a farce'," she said"#,
                &[r#""He called it 'a farce',""#],
            ),
            (
                "‘He called it “a farce”,’ she said",
                &["‘He called it “a farce”,’"],
            ),
            // Plural possessive inside a single quote does not close it.
            (
                "‘The students’ union is angry,’ he said.",
                &["‘The students’ union is angry,’"],
            ),
            (
                "'Mr Jones' house was hit,' she said.",
                &["'Mr Jones' house was hit,'"],
            ),
            // A single quote ends with its line; a headline's quote with the headline.
            ("He said 'never\nagain.", &["'never"]),
            ("Blair: \"no retreat\nBody text here.", &["\"no retreat"]),
        ];
        for (text, want) in cases {
            assert_eq!(&quoted(text), want, "{text}");
        }
    }

    /// Apostrophes that must not open (or close) a quote.
    #[test]
    fn apostrophes_are_not_quotes() {
        let cases = [
            "Don't go, it's late.",
            "The students' union met. The students' fees rose.",
            "Rock 'n' roll is here.",
            "Music of the '90s and '05 was loud.",
            "It was six o'clock at Jones' house.",
            "Rock 'em, sock 'em and 'tis the season.",
            "The Smiths’ car and the ’90s, don’t.",
            "He was in 'n' out.",
            "O'Neill and D'Arcy met.",
        ];
        for text in cases {
            assert_eq!(quoted(text), Vec::<&str>::new(), "{text}");
        }
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
