//! Extractors from an input's text to article text: plain text, Markdown
//! ([`markdown`]) and HTML pages ([`html`]), each with a [`SourceMap`]
//! back to the input, the ranges the input marks as quoted speech, and
//! suppression comments ([`Directive`]).
//!
//! Extractors work on decoded text (see [`crate::input::decode_with`]);
//! `shift` is where that text starts in the input (after a byte-order mark).

use std::borrow::Cow;
use std::ops::Range;

use crate::input::{Extracted, Piece, SourceMap};

pub mod html;
pub mod markdown;

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `slant-disable`: from here on.
    Disable,
    /// `slant-enable`: ends a `slant-disable`.
    Enable,
    /// `slant-disable-next-line`: the next line that holds text.
    DisableNextLine,
}

/// A suppression comment: `<!-- slant-disable [RULE|CATEGORY…] -->` in
/// Markdown and HTML, a line `// slant-disable [RULE|CATEGORY…]` in plain
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The text offset it takes effect at.
    pub at: usize,
    /// What it does.
    pub kind: DirectiveKind,
    /// Rule ids or categories; empty for every rule.
    pub targets: Vec<String>,
}

/// Parses the words of a comment (`slant-disable certainty, drama`) as a
/// directive at text offset `at`.
pub(crate) fn directive(body: &str, at: usize) -> Option<Directive> {
    let body = body.trim();
    let (kind, rest) = if let Some(rest) = body.strip_prefix("slant-disable-next-line") {
        (DirectiveKind::DisableNextLine, rest)
    } else if let Some(rest) = body.strip_prefix("slant-disable") {
        (DirectiveKind::Disable, rest)
    } else if let Some(rest) = body.strip_prefix("slant-enable") {
        (DirectiveKind::Enable, rest)
    } else {
        return None;
    };
    // `slant-disabled` is not a directive.
    if rest.starts_with(|c: char| !c.is_whitespace() && c != ',') {
        return None;
    }
    let targets = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive { at, kind, targets })
}

/// Every `<!-- slant-… -->` comment in `html` (one HTML event or comment's
/// source), as directives at text offset `at`.
pub(crate) fn comment_directives(html: &str, at: usize, out: &mut Vec<Directive>) {
    let mut rest = html;
    while let Some(open) = rest.find("<!--") {
        let after = &rest[open + 4..];
        let Some(close) = after.find("-->") else {
            return;
        };
        out.extend(directive(&after[..close], at));
        rest = &after[close + 3..];
    }
}

/// The line comment of plain text: a line that is only `// slant-…`. Two
/// slashes then a `slant-` keyword open no line of prose.
const LINE_COMMENT: &str = "//";

/// Plain text: lines that are suppression comments are dropped from the
/// text (offsets and lines still count them); otherwise the text is kept
/// as it is, borrowed.
pub fn plain<'a>(text: Cow<'a, str>, shift: usize) -> Extracted<'a> {
    // Fast path: no directive anywhere (one memchr-speed search).
    if !text.contains("slant-") {
        return Extracted {
            text,
            map: SourceMap::shifted(shift),
            ..Extracted::default()
        };
    }
    let mut b = Builder::new(&text, shift);
    let mut at = 0;
    let mut dropped = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim();
        let parsed = body
            .strip_prefix(LINE_COMMENT)
            .and_then(|rest| directive(rest, b.text.len()));
        match parsed {
            Some(d) => {
                b.directives.push(d);
                dropped = true;
            }
            None => b.copy(at..at + line.len()),
        }
        at += line.len();
    }
    if !dropped {
        return Extracted {
            map: SourceMap::shifted(shift),
            text,
            ..Extracted::default()
        };
    }
    b.finish()
}

/// Builds article text from pieces of an input, recording where each
/// piece came from (offset, line, column) in one forward pass.
pub(crate) struct Builder<'a> {
    input: &'a str,
    shift: usize,
    pub text: String,
    pieces: Vec<Piece>,
    /// The input position counted up to: offset, line, column.
    cursor: (usize, usize, usize),
    /// Where the last copied input ended (text end, input end), to extend a
    /// piece instead of starting one when copies are contiguous.
    last: Option<(usize, usize)>,
    pub quoted: Vec<Range<usize>>,
    pub directives: Vec<Directive>,
    pub title: Option<String>,
}

impl<'a> Builder<'a> {
    pub fn new(input: &'a str, shift: usize) -> Self {
        Builder {
            input,
            shift,
            text: String::with_capacity(input.len() / 2),
            pieces: Vec::new(),
            cursor: (0, 1, 1),
            last: None,
            quoted: Vec::new(),
            directives: Vec::new(),
            title: None,
        }
    }

    /// Line and column of input offset `at`, counting on from the last
    /// position asked (offsets come in input order; an earlier one counts
    /// again from the start).
    fn line_col(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.input.len());
        if at < self.cursor.0 {
            self.cursor = (0, 1, 1);
        }
        let (from, mut line, mut column) = self.cursor;
        for &b in &self.input.as_bytes()[from..at] {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        self.cursor = (at, line, column);
        (line, column)
    }

    fn piece(&mut self, input: usize) {
        let (line, column) = self.line_col(input);
        self.pieces.push(Piece {
            text: self.text.len(),
            input: input + self.shift,
            line,
            column,
        });
    }

    /// Appends `input[range]` as it stands. A range that is not on char
    /// boundaries is skipped (extractors give whole chars).
    pub fn copy(&mut self, range: Range<usize>) {
        let Some(s) = self.input.get(range.clone()) else {
            return;
        };
        if s.is_empty() {
            return;
        }
        if self.last != Some((self.text.len(), range.start)) {
            self.piece(range.start);
        }
        self.text.push_str(s);
        self.last = Some((self.text.len(), range.end));
    }

    /// Appends `s`, which stands for the input at `at` (a decoded entity).
    pub fn decoded(&mut self, s: &str, at: usize) {
        self.piece(at);
        self.text.push_str(s);
        self.last = None;
    }

    /// Appends text the input does not hold (a joining space or line
    /// break): it maps to where the last copy ended.
    pub fn made_up(&mut self, s: &str) {
        let at = self.last.map_or(self.cursor.0, |l| l.1);
        self.piece(at);
        self.text.push_str(s);
        self.last = None;
    }

    /// Ends a block: the text so far ends with a blank line (none at the
    /// start), so blocks stay paragraphs to the segmenter.
    pub fn block_break(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\t']).len();
        if trimmed < self.text.len() {
            self.text.truncate(trimmed);
            self.last = None;
        }
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let need = if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.made_up(need);
    }

    /// Ends a line inside a block (`<br>`, a list item).
    pub fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.made_up("\n");
        }
    }

    pub fn finish(mut self) -> Extracted<'static> {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        // Pieces that start past the text's end (trimmed away) map nothing.
        self.pieces.retain(|p| p.text <= trimmed);
        for q in &mut self.quoted {
            q.end = q.end.min(trimmed);
        }
        self.quoted.retain(|q| q.start < q.end);
        Extracted {
            text: Cow::Owned(self.text),
            map: SourceMap::with_lines(self.pieces),
            warnings: Vec::new(),
            title: self.title,
            quoted: self.quoted,
            directives: self.directives,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_with_targets() {
        let d = directive(" slant-disable certainty, drama.ire ", 4).unwrap();
        assert_eq!(d.kind, DirectiveKind::Disable);
        assert_eq!(d.targets, ["certainty", "drama.ire"]);
        assert_eq!(
            directive("slant-disable-next-line", 0).unwrap().kind,
            DirectiveKind::DisableNextLine
        );
        assert_eq!(
            directive("slant-enable", 0).unwrap().kind,
            DirectiveKind::Enable
        );
        assert!(directive("slant-disabled", 0).is_none());
        assert!(directive("a comment", 0).is_none());
    }

    #[test]
    fn plain_text_drops_directive_lines_and_keeps_offsets() {
        let input = "One.\n// slant-disable-next-line certainty\nObviously so.\n";
        let e = plain(Cow::Borrowed(input), 0);
        assert_eq!(e.text, "One.\nObviously so.");
        assert_eq!(e.directives.len(), 1);
        assert_eq!(e.directives[0].at, 5);
        let at = e.text.find("Obviously").unwrap();
        assert_eq!(e.map.to_input(at), input.find("Obviously").unwrap());
        assert_eq!(e.map.anchor(at).1.line, 3);
    }

    #[test]
    fn plain_text_without_directives_is_borrowed() {
        let e = plain(Cow::Borrowed("a slant-ed view"), 0);
        assert!(matches!(e.text, Cow::Borrowed(_)));
    }
}
