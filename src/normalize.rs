//! Text folding for matching, with a map back to the original bytes.
//!
//! Rules and articles are both folded with [`fold`] so that matching is a plain
//! byte search: letters are lowercased (Unicode, not only ASCII), curly
//! apostrophes and quotes become straight ones, and every run of whitespace,
//! hyphens and dashes becomes one space. "So‑called", "so called" and
//! "SO-CALLED" all fold to `so called`.
//!
//! The folded text keeps an offset map so that a match found in it can be
//! reported at exact byte offsets in the original. The map is sparse: it stores
//! one segment per stretch where folded and original bytes advance together,
//! which for ordinary prose means a handful of segments per article.

/// Text folded for matching, with the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: OffsetMap,
}

/// Maps folded byte offsets back to original byte offsets.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    /// Sorted by `folded`; the first segment, if any, starts at 0.
    segments: Vec<Segment>,
    /// Length of the original text, for mapping the end of the folded text.
    original_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    folded: usize,
    original: usize,
    /// Whether folded and original bytes advance one for one in this segment.
    /// A non-linear segment is one character (or one collapsed run) whose
    /// folded form has a different length: offsets inside it snap to its edges.
    linear: bool,
}

/// The first offset from `from` whose byte is not in `set`. Eight bytes are
/// tested per step without a branch between them: the per-byte loop was the
/// hottest code in the profile.
#[inline]
pub(crate) fn run_end(bytes: &[u8], mut from: usize, set: &[bool; 256]) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        if !chunk.iter().fold(true, |all, &b| all & set[usize::from(b)]) {
            break;
        }
        from += 8;
    }
    while from < bytes.len() && set[usize::from(bytes[from])] {
        from += 1;
    }
    from
}

/// Built once: building a searcher per run showed in the profile.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// [`PLAIN_ASCII`] and the space.
static PLAIN_OR_SPACE: [bool; 256] = {
    let mut t = PLAIN_ASCII;
    t[b' ' as usize] = true;
    t
};

/// Whether `c` separates words in folded text and folds to a space
/// (a run of them folds to one). The vertical tab is whitespace but not a
/// separator here: [`fold`] copies it as plain ASCII.
pub(crate) fn is_fold_separator(c: char) -> bool {
    c != '\u{B}' && is_separator(c)
}

/// The folded form of `c`, a character that is not a separator, as UTF-8
/// in `buf` (a lowercase form is at most three characters).
pub(crate) fn fold_char(c: char, buf: &mut [u8; 16]) -> &[u8] {
    let mut len = 0;
    let mut push = |f: char| {
        len += f.encode_utf8(&mut buf[len..]).len();
    };
    match fold_punctuation(c) {
        Some(p) => push(p),
        None => c.to_lowercase().for_each(&mut push),
    }
    &buf[..len]
}

/// Whether `c` separates words in folded text and folds to a space.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}' // hyphen
                | '\u{2011}' // non-breaking hyphen
                | '\u{2012}' // figure dash
                | '\u{2013}' // en dash
                | '\u{2014}' // em dash
                | '\u{2015}' // horizontal bar
                | '\u{2212}' // minus sign
                | '\u{00AD}' // soft hyphen
        )
}

/// The folded form of a non-separator character that is not plain lowercase.
fn fold_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{FF07}' | '`' => {
            Some('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Some('"'),
        _ => None,
    }
}

/// ASCII bytes that fold to themselves or their lowercase: not separators,
/// not a backtick (which folds to an apostrophe). A table, for the hot loop.
static PLAIN_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c != b'-' && c != b'`' && !c.is_ascii_whitespace();
        b += 1;
    }
    t
};

/// Whether `c` is part of a word for boundary checks: a letter, a digit,
/// `_` or a combining mark (as in `rg -w`, whose word characters include
/// marks). Marks matter: "İ" lowercases to "i" plus U+0307, and without them
/// the term "i" would match inside it.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether `c` is a word character once folded ([`is_word_char`] of its
/// folded form). Folding keeps that for every character but one: the
/// modifier letter apostrophe U+02BC is a letter, and folds to `'`. Word
/// boundaries read in unfolded text use this, so they fall where they fall
/// in folded text.
pub fn is_word_char_folded(c: char) -> bool {
    match fold_punctuation(c) {
        Some(p) => is_word_char(p),
        None => is_word_char(c),
    }
}

/// The main blocks of combining marks (std has no general-category query).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0900}'..='\u{0903}'
            | '\u{093A}'..='\u{094F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// Folds `original` for matching.
pub fn fold(original: &str) -> Folded {
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap {
        segments: Vec::new(),
        original_len: original.len(),
    };
    // Whether the last folded byte is a space produced from a separator run.
    let mut in_separator_run = false;
    let bytes = original.as_bytes();
    // `i` and `j` advance over ASCII bytes or whole chars only, so every
    // slice of `original` below is at char boundaries.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if PLAIN_ASCII[usize::from(b)] || (b == b' ' && !in_separator_run) {
            // Fast path: a run of ASCII that folds one byte for one, single
            // spaces included. The loop has no data-dependent branch but its
            // end; a double space, rare, is found afterwards and ends the run.
            let mut j = run_end(bytes, i + 1, &PLAIN_OR_SPACE);
            if let Some(k) = DOUBLE_SPACE.find(&bytes[i..j]) {
                j = i + k + 1;
            }
            map.linear(text.len(), i);
            let start = text.len();
            text.push_str(&original[i..j]);
            text[start..].make_ascii_lowercase();
            // A trailing space starts a separator run the next byte may extend.
            in_separator_run = bytes[j - 1] == b' ';
            i = j;
            continue;
        }
        // `i` is always at a char boundary: we only advance by whole chars.
        let c = original[i..].chars().next().unwrap_or('\u{FFFD}');
        let width = c.len_utf8();
        if is_separator(c) {
            if in_separator_run {
                // Extend the current run: its one space now stands for more bytes.
                map.extend_run(text.len());
            } else {
                if width == 1 {
                    map.linear(text.len(), i);
                } else {
                    map.irregular(text.len(), i);
                }
                text.push(' ');
                in_separator_run = true;
            }
            i += width;
            continue;
        }
        in_separator_run = false;
        let start_len = text.len();
        if let Some(p) = fold_punctuation(c) {
            text.push(p);
        } else {
            text.extend(c.to_lowercase());
        }
        if text.len() - start_len == width {
            map.linear(start_len, i);
        } else {
            map.irregular(start_len, i);
        }
        i += width;
    }
    Folded { text, map }
}

impl OffsetMap {
    /// Records that folded byte `f` comes from original byte `o`, one for one.
    fn linear(&mut self, f: usize, o: usize) {
        if let Some(last) = self.segments.last()
            && last.linear
            && last.original + (f - last.folded) == o
        {
            return;
        }
        self.segments.push(Segment {
            folded: f,
            original: o,
            linear: true,
        });
    }

    /// Records a character whose folded form has a different length.
    fn irregular(&mut self, f: usize, o: usize) {
        self.segments.push(Segment {
            folded: f,
            original: o,
            linear: false,
        });
    }

    /// A separator run grew; if its space was linear so far, it no longer is.
    fn extend_run(&mut self, folded_len: usize) {
        if let Some(last) = self.segments.last_mut() {
            // The run's space is the last folded byte. If it shares a linear
            // segment with earlier text, split it off as its own segment.
            let space_at = folded_len - 1;
            if last.folded == space_at {
                last.linear = false;
            } else {
                let original = last.original + (space_at - last.folded);
                self.segments.push(Segment {
                    folded: space_at,
                    original,
                    linear: false,
                });
            }
        }
    }

    fn segment_at(&self, f: usize) -> Option<(usize, &Segment)> {
        let idx = self.segments.partition_point(|s| s.folded <= f);
        idx.checked_sub(1).map(|i| (i, &self.segments[i]))
    }

    fn segment_end_original(&self, idx: usize) -> usize {
        self.segments
            .get(idx + 1)
            .map_or(self.original_len, |s| s.original)
    }

    fn start(&self, f: usize) -> usize {
        match self.segment_at(f) {
            Some((_, s)) if s.linear => s.original + (f - s.folded),
            Some((_, s)) => s.original,
            None => 0,
        }
    }

    fn end(&self, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        // The end offset is the end of the byte before it.
        match self.segment_at(f - 1) {
            Some((_, s)) if s.linear => s.original + (f - s.folded),
            Some((i, _)) => self.segment_end_original(i),
            None => 0,
        }
    }
}

impl Folded {
    /// The folded offset of original byte offset `o`, a char boundary that
    /// starts or ends a folded character (not inside a separator run or a
    /// character whose folded form has another length, which snap to
    /// their start).
    pub fn folded_offset(&self, o: usize) -> usize {
        if o >= self.map.original_len {
            return self.text.len();
        }
        let segments = &self.map.segments;
        let idx = segments.partition_point(|s| s.original <= o);
        match idx.checked_sub(1).map(|i| &segments[i]) {
            Some(s) if s.linear => s.folded + (o - s.original),
            Some(s) => s.folded,
            None => 0,
        }
    }

    /// The original byte offset where the folded byte `f` starts.
    pub fn original_start(&self, f: usize) -> usize {
        self.map.start(f)
    }

    /// The original byte offset where a folded range ending (exclusive) at `f` ends.
    pub fn original_end(&self, f: usize) -> usize {
        self.map.end(f)
    }
}

/// `s` on one line: every whitespace run (a hit may span a line break) as one
/// space, trimmed. For showing text, unlike [`fold`] it keeps case and dashes.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds a rule term or phrase: the same folding as articles, trimmed.
pub fn fold_term(term: &str) -> String {
    fold(term).text.trim_matches(' ').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(original: &str, needle: &str) -> String {
        let f = fold(original);
        let at = f.text.find(needle).expect("needle in folded text");
        let (s, e) = (f.original_start(at), f.original_end(at + needle.len()));
        original[s..e].to_string()
    }

    #[test]
    fn lowercases_unicode() {
        assert_eq!(fold("ÉCOLE Été").text, "école été");
    }

    #[test]
    fn folds_curly_apostrophes_and_quotes() {
        assert_eq!(fold("Japan’s “plan”").text, "japan's \"plan\"");
    }

    #[test]
    fn collapses_dashes_and_whitespace_runs() {
        for s in [
            "so-called",
            "so called",
            "so\u{2011}called",
            "SO–CALLED",
            "so \n\t called",
        ] {
            assert_eq!(fold(s).text, "so called", "{s:?}");
        }
    }

    #[test]
    fn maps_back_after_multibyte_text() {
        assert_eq!(span("Ça, “so‑called” idea", "so called"), "so‑called");
        assert_eq!(span("a  \n\n  Obviously wrong", "obviously"), "Obviously");
        assert_eq!(
            span("a  \n\n  Obviously wrong", "a obviously"),
            "a  \n\n  Obviously"
        );
    }

    #[test]
    fn maps_through_length_changing_lowercase() {
        // U+212A KELVIN SIGN (3 bytes) lowercases to ASCII 'k' (1 byte).
        let text = "\u{212A}ing Regime";
        assert_eq!(span(text, "regime"), "Regime");
        assert_eq!(span(text, "king"), "\u{212A}ing");
        // U+0130 (2 bytes) lowercases to "i\u{307}" (3 bytes).
        let text = "\u{130}stanbul claimed";
        assert_eq!(span(text, "claimed"), "claimed");
        assert_eq!(span(text, "i\u{307}stanbul"), "\u{130}stanbul");
    }

    #[test]
    fn empty_and_separator_only() {
        assert_eq!(fold("").text, "");
        let f = fold(" \n ");
        assert_eq!(f.text, " ");
        assert_eq!((f.original_start(0), f.original_end(1)), (0, 3));
    }

    #[test]
    fn fold_term_trims() {
        assert_eq!(fold_term("  Of   Course "), "of course");
    }
}
