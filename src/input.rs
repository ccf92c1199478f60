//! Where articles come from, and how an input becomes article text.
//!
//! One layer for every command: files, folders (searched for `.txt`,
//! `.md`, `.markdown`, `.html` and `.htm`), standard input and JSON Lines,
//! each read with one size limit, so no input can exhaust memory
//! (`/dev/zero` included). Problems are per input ([`InputError`]): one bad
//! file never stops a batch.
//!
//! An [`Extractor`] turns an input's bytes into the article text that is
//! analysed, with a [`SourceMap`] from text offsets back to the input's
//! bytes (and lines), so hits are reported where they stand in the file.
//! [`Document`] decodes ([`decode_with`]: UTF-8, UTF-16 by its byte-order
//! mark, or a named encoding) and hands the text to the extractor of its
//! [`Kind`] in [`crate::extract`]; [`PlainText`] is the plain-text one.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use encoding_rs::Encoding;
use encoding_rs::{UTF_8, UTF_16LE};

pub use crate::extract::Directive;
use crate::jsonl::{self, Line};

/// The default and usual limit on one article (16 MiB).
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// One input: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// `-` for standard input, anything else a file.
    pub fn from_path(path: &Path) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path.to_path_buf())
        }
    }

    /// The name used in reports: the path, or `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Opens the input for reading as a stream.
    fn open(&self) -> Result<Box<dyn BufRead + Send>, InputError> {
        match self {
            Input::Stdin => Ok(Box::new(BufReader::new(io::stdin()))),
            Input::File(path) => match std::fs::File::open(path) {
                Ok(f) => Ok(Box::new(BufReader::with_capacity(1 << 16, f))),
                Err(e) => Err(InputError {
                    name: self.name(),
                    message: format!("cannot read: {e}"),
                    help: "check that the file exists and is readable",
                }),
            },
        }
    }
}

/// A problem with one input, said so a user knows what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {message}")]
pub struct InputError {
    /// The input (`path`, `path:line` for a JSON line, `-`).
    pub name: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: &'static str,
}

/// Expands paths into inputs, in order; folders are searched recursively
/// (sorted; hidden entries and links to folders skipped) for `.txt`,
/// `.md`, `.markdown`, `.html` and `.htm` files. `-` is standard input. Missing paths become errors in their
/// place.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let before = out.len();
            walk(path, &mut out);
            if out.len() == before {
                out.push(Err(InputError {
                    name: path.display().to_string(),
                    message: "the folder holds no .txt, .md, .markdown, .html or .htm files".into(),
                    help: "name the files to score, or a folder that holds articles",
                }));
            }
        } else if path.exists() {
            out.push(Ok(Input::File(path.clone())));
        } else {
            out.push(Err(InputError {
                name: path.display().to_string(),
                message: "no such file or folder".into(),
                help: "check the path",
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, InputError>>) {
    let paths = match crate::rules::visible_entries(dir) {
        Ok(paths) => paths,
        Err(e) => {
            out.push(Err(InputError {
                name: dir.display().to_string(),
                message: e.to_string(),
                help: "check the folder's permissions",
            }));
            return;
        }
    };
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "markdown" | "html" | "htm")
        ) {
            out.push(Ok(Input::File(path)));
        }
    }
}

/// Reads an input whole, up to `limit` bytes. Binary data (a NUL byte) and
/// larger inputs are refused. The read itself is bounded, not only the
/// reported size: devices and pipes report size 0.
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, InputError> {
    read_with(input, limit, None)
}

/// [`read`] for an input in `encoding`: UTF-16 (named, or by its
/// byte-order mark) holds NUL bytes in text, so they do not make it binary.
pub fn read_with(
    input: &Input,
    limit: usize,
    encoding: Option<&'static Encoding>,
) -> Result<Vec<u8>, InputError> {
    let name = input.name();
    let too_large = |size: String| InputError {
        name: name.clone(),
        message: format!(
            "is {size} bytes, over the --max-article-bytes limit of {limit}, so it was skipped"
        ),
        help: "raise --max-article-bytes, or split the file into articles",
    };
    if let Input::File(path) = input {
        let size = std::fs::metadata(path)
            .map_err(|e| InputError {
                name: name.clone(),
                message: format!("cannot read: {e}"),
                help: "check that the file exists and is readable",
            })?
            .len();
        if size > limit as u64 {
            return Err(too_large(size.to_string()));
        }
    }
    let mut buf = Vec::new();
    input
        .open()?
        .take((limit as u64).saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| InputError {
            name: name.clone(),
            message: format!("cannot read: {e}"),
            help: match input {
                Input::Stdin => "pipe text into slant, or name files to score",
                Input::File(_) => "check that the file exists and is readable",
            },
        })?;
    if buf.len() > limit {
        return Err(too_large(format!("more than {limit}")));
    }
    let utf16 = encoding.is_some_and(|e| e == UTF_16LE || e == encoding_rs::UTF_16BE)
        || buf.starts_with(b"\xFF\xFE")
        || buf.starts_with(b"\xFE\xFF");
    if !utf16 && buf.contains(&0) {
        return Err(InputError {
            name,
            message: "looks binary (it contains NUL bytes), so it was not scored".into(),
            help: "slant scores plain text; convert the document to .txt first",
        });
    }
    Ok(buf)
}

/// The non-blank lines of a JSON Lines input, read as they are needed,
/// each at most `limit` bytes: `(line number, bytes)`, or an error in the
/// line's place. A read error ends the sequence after reporting it.
pub struct JsonlLines {
    source: String,
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
    limit: usize,
    pending_error: Option<InputError>,
}

impl JsonlLines {
    /// Opens `input`; an unreadable file is reported as the first item.
    pub fn open(input: &Input, limit: usize) -> JsonlLines {
        let (reader, pending_error) = match input.open() {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        JsonlLines {
            source: input.name(),
            reader,
            line: 0,
            limit,
            pending_error,
        }
    }

    /// The input's name.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl Iterator for JsonlLines {
    type Item = (usize, Result<Vec<u8>, InputError>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending_error.take() {
            return Some((0, Err(e)));
        }
        let reader = self.reader.as_mut()?;
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            let at = || format!("{}:{}", self.source, self.line);
            match jsonl::read_line(reader, &mut bytes, self.limit) {
                Ok(Line::End) => {
                    self.reader = None;
                    return None;
                }
                Ok(Line::Read) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => {
                    // A file saved with a byte-order mark: not part of the
                    // first record's JSON.
                    if self.line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                        bytes.drain(..3);
                    }
                    return Some((self.line, Ok(bytes)));
                }
                Ok(Line::TooLong(n)) => {
                    let error = InputError {
                        name: at(),
                        message: format!(
                            "the line is {n} bytes, over the --max-article-bytes limit of {}, so it was skipped",
                            self.limit
                        ),
                        help: "raise --max-article-bytes, or split the article",
                    };
                    return Some((self.line, Err(error)));
                }
                Err(e) => {
                    let error = InputError {
                        name: at(),
                        message: format!("cannot read further: {e}"),
                        help: "check the file; the lines before this one were read",
                    };
                    self.reader = None;
                    return Some((self.line, Err(error)));
                }
            }
        }
    }
}

/// How inputs hold articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Each file is one article.
    Files,
    /// Each line of each file is one article, as JSON.
    JsonLines,
}

/// One unit of work, in input order.
#[derive(Debug)]
pub enum Item {
    /// A file (or standard input) holding one article, not read yet, so
    /// reading happens on the worker that analyses it.
    File(Input),
    /// One line of a JSON Lines input, not parsed yet.
    Record {
        /// The input's name.
        source: String,
        /// 1-based line number.
        line: usize,
        /// The line.
        bytes: Vec<u8>,
    },
    /// An input that failed before it could be read.
    Failed(InputError),
}

/// The inputs named by `paths` as a lazy sequence of items, in order.
pub fn items(
    paths: &[PathBuf],
    layout: Layout,
    limit: usize,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let expanded = expand(paths);
    match layout {
        Layout::Files => Box::new(expanded.into_iter().map(|r| match r {
            Ok(input) => Item::File(input),
            Err(e) => Item::Failed(e),
        })),
        Layout::JsonLines => Box::new(expanded.into_iter().flat_map(
            move |r| -> Box<dyn Iterator<Item = Item> + Send> {
                match r {
                    Ok(input) => {
                        let lines = JsonlLines::open(&input, limit);
                        let source = lines.source().to_string();
                        Box::new(lines.map(move |(line, bytes)| match bytes {
                            Ok(bytes) => Item::Record {
                                source: source.clone(),
                                line,
                                bytes,
                            },
                            Err(e) => Item::Failed(e),
                        }))
                    }
                    Err(e) => Box::new(std::iter::once(Item::Failed(e))),
                }
            },
        )),
    }
}

/// Maps byte offsets in extracted article text back to the input's bytes.
///
/// Pieces of text copied from the input one for one; an offset in a piece
/// maps by its distance from the piece's start. Offsets between pieces
/// (text the extractor made up, such as a joined line break) map to the
/// end of the piece before. An extractor that drops input (Markdown, HTML)
/// also records each piece's line and column in the input, so hits keep
/// the input's lines; otherwise lines are counted in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// Each piece's start, sorted by text offset.
    pieces: Vec<Piece>,
    /// Whether pieces carry the input's line and column.
    lines: bool,
}

/// Where a piece of extracted text starts, in the text and in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in the text.
    pub text: usize,
    /// Byte offset in the input.
    pub input: usize,
    /// 1-based line of `input` in the input.
    pub line: usize,
    /// 1-based column (in characters) of `input` in the input.
    pub column: usize,
}

impl SourceMap {
    /// Text offsets equal input offsets plus `shift` (the bytes skipped at
    /// the start, such as a byte-order mark).
    pub fn shifted(shift: usize) -> SourceMap {
        SourceMap::from_pieces(vec![(0, shift)])
    }

    /// A map from pieces `(text offset, input offset)`, sorted by text
    /// offset. An empty list maps every offset to itself.
    pub fn from_pieces(pieces: Vec<(usize, usize)>) -> SourceMap {
        let mut pieces: Vec<Piece> = pieces
            .into_iter()
            .map(|(text, input)| Piece {
                text,
                input,
                line: 1,
                column: 1,
            })
            .collect();
        if pieces.first().is_none_or(|p| p.text != 0) {
            pieces.insert(
                0,
                Piece {
                    text: 0,
                    input: 0,
                    line: 1,
                    column: 1,
                },
            );
        }
        SourceMap {
            pieces,
            lines: false,
        }
    }

    /// A map from pieces that carry their input line and column, sorted by
    /// text offset and by input offset.
    pub fn with_lines(mut pieces: Vec<Piece>) -> SourceMap {
        if pieces.first().is_none_or(|p| p.text != 0) {
            pieces.insert(
                0,
                Piece {
                    text: 0,
                    input: pieces.first().map_or(0, |p| p.input),
                    line: pieces.first().map_or(1, |p| p.line),
                    column: pieces.first().map_or(1, |p| p.column),
                },
            );
        }
        SourceMap {
            pieces,
            lines: true,
        }
    }

    fn piece_index(&self, at: usize) -> usize {
        self.pieces
            .partition_point(|p| p.text <= at)
            .saturating_sub(1)
    }

    /// The input offset of text offset `at`.
    pub fn to_input(&self, at: usize) -> usize {
        match self.pieces.get(self.piece_index(at)) {
            Some(p) if p.text <= at => p.input + (at - p.text),
            _ => at,
        }
    }

    /// The input offset of the end of a text range that ends at `at`: just
    /// after the input bytes of text byte `at - 1`. Unlike `to_input(at)`,
    /// which is where the next piece starts, it does not take in markup
    /// between (`obviously</b>`).
    pub fn to_input_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.to_input(0);
        }
        match self.pieces.get(self.piece_index(at - 1)) {
            Some(p) if p.text < at => p.input + (at - p.text),
            _ => at,
        }
    }

    /// Where to count lines from for text offset `at`: the piece's index,
    /// its text offset, and its input line and column. Without input lines,
    /// counting starts at the text's start (line 1, column 1).
    pub fn anchor(&self, at: usize) -> (usize, Piece) {
        let start = Piece {
            text: 0,
            input: 0,
            line: 1,
            column: 1,
        };
        if !self.lines {
            return (0, start);
        }
        let i = self.piece_index(at);
        (i, self.pieces.get(i).copied().unwrap_or(start))
    }
}

impl Default for SourceMap {
    fn default() -> Self {
        SourceMap::shifted(0)
    }
}

/// Article text extracted from an input, with its way back to the input.
#[derive(Debug, Clone, Default)]
pub struct Extracted<'a> {
    /// The text to analyse.
    pub text: Cow<'a, str>,
    /// Text offsets to input offsets.
    pub map: SourceMap,
    /// Problems that did not stop extraction (e.g. invalid UTF-8).
    pub warnings: Vec<String>,
    /// The title, where the input names one apart from the text (front
    /// matter, `og:title`); otherwise the text's first line is.
    pub title: Option<String>,
    /// Text ranges the input marks as quoted speech (Markdown block
    /// quotes, HTML `<blockquote>` and `<q>`), sorted.
    pub quoted: Vec<Range<usize>>,
    /// Suppression comments, in text order.
    pub directives: Vec<Directive>,
}

/// Turns an input's bytes into article text. Shared across threads.
pub trait Extractor: Send + Sync {
    /// Extracts the article from `bytes`.
    fn extract<'a>(&self, bytes: &'a [u8]) -> Extracted<'a>;
}

/// The warning for input that is not valid UTF-8.
pub const LOSSY_WARNING: &str = "the input is not valid UTF-8; invalid bytes were replaced by U+FFFD and offsets refer to the repaired text; if an older Windows program saved it, try --encoding windows-1252";

/// How an input holds its article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// Markdown (CommonMark): prose scored, code, URLs, front matter and
    /// HTML comments not.
    Markdown,
    /// An HTML page: the article body only.
    Html,
}

impl Kind {
    /// The kind a file's extension says: `.md`/`.markdown` Markdown,
    /// `.html`/`.htm` HTML, anything else (and standard input) text.
    pub fn of(input: &Input) -> Kind {
        let Input::File(path) = input else {
            return Kind::Text;
        };
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Kind::Markdown,
            Some("html" | "htm") => Kind::Html,
            _ => Kind::Text,
        }
    }
}

/// The extractor of one kind of input in one encoding (`None`: UTF-8, or
/// UTF-16 where a byte-order mark says so).
#[derive(Debug, Clone, Copy)]
pub struct Document {
    /// How the input holds its text.
    pub kind: Kind,
    /// The encoding to decode with, from a WHATWG label.
    pub encoding: Option<&'static Encoding>,
}

impl Extractor for Document {
    fn extract<'a>(&self, bytes: &'a [u8]) -> Extracted<'a> {
        let decoded = decode_with(bytes, self.encoding);
        let mut extracted = match self.kind {
            Kind::Text => crate::extract::plain(decoded.text, decoded.shift),
            Kind::Markdown => crate::extract::markdown::extract(&decoded.text, decoded.shift),
            Kind::Html => crate::extract::html::extract(&decoded.text, decoded.shift),
        };
        extracted.warnings.splice(0..0, decoded.warning);
        extracted
    }
}

/// The encoding of a WHATWG label (`windows-1252`, `latin1`, `utf-16le`…).
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Plain text: UTF-8 (invalid bytes replaced, with a warning), a leading
/// byte-order mark skipped (offsets still count it), UTF-16 with a
/// byte-order mark transcoded (offsets then count in the decoded text).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainText;

impl Extractor for PlainText {
    fn extract<'a>(&self, bytes: &'a [u8]) -> Extracted<'a> {
        Document {
            kind: Kind::Text,
            encoding: None,
        }
        .extract(bytes)
    }
}

/// An input's bytes as text.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// Input bytes before the text (a UTF-8 byte-order mark): text offsets
    /// plus `shift` are input offsets, unless the input was transcoded.
    pub shift: usize,
    /// What a user should know: a lossy repair, or a transcoding (whose
    /// offsets count bytes of the decoded UTF-8 text, not of the file).
    pub warning: Option<String>,
}

/// Decodes an input: with `encoding` (a byte-order mark still wins, as
/// WHATWG decoding says), else as UTF-8, or UTF-16 where a byte-order mark
/// says so.
pub fn decode_with<'a>(bytes: &'a [u8], encoding: Option<&'static Encoding>) -> Decoded<'a> {
    let transcoded = |text: Cow<'_, str>, used: &'static Encoding, errors: bool| Decoded {
        text: Cow::Owned(text.into_owned()),
        shift: 0,
        warning: Some(format!(
            "decoded from {}{}; byte offsets count bytes of the decoded UTF-8 text, not of the file (lines and columns are the file's)",
            used.name(),
            if errors {
                ", some bytes could not be decoded and were replaced by U+FFFD"
            } else {
                ""
            }
        )),
    };
    let utf8_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    match encoding {
        Some(e) if e != UTF_8 && !utf8_bom => {
            let (text, used, errors) = e.decode(bytes);
            return transcoded(text, used, errors);
        }
        None if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") => {
            let (text, used, errors) = UTF_16LE.decode(bytes);
            return transcoded(text, used, errors);
        }
        _ => {}
    }
    let shift = if utf8_bom { 3 } else { 0 };
    let rest = &bytes[shift..];
    match std::str::from_utf8(rest) {
        Ok(s) => Decoded {
            text: Cow::Borrowed(s),
            shift,
            warning: None,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(rest),
            shift,
            warning: Some(LOSSY_WARNING.to_string()),
        },
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences; says whether it had to.
pub fn decode(input: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(input) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(input), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_skips_a_bom_and_maps_offsets_past_it() {
        let e = PlainText.extract("\u{FEFF}abc".as_bytes());
        assert_eq!(e.text, "abc");
        assert_eq!(e.map.to_input(0), 3);
        assert_eq!(e.map.to_input(3), 6);
        assert!(e.warnings.is_empty());
    }

    #[test]
    fn plain_text_repairs_invalid_utf8_with_a_warning() {
        let e = PlainText.extract(b"a\xffb");
        assert_eq!(e.text, "a\u{FFFD}b");
        assert_eq!(e.warnings, [LOSSY_WARNING]);
    }

    #[test]
    fn source_map_pieces() {
        let m = SourceMap::from_pieces(vec![(0, 10), (5, 30)]);
        assert_eq!(
            [0, 4, 5, 7].map(|t| m.to_input(t)),
            [10, 14, 30, 32],
            "offsets map by their distance from their piece's start"
        );
        assert_eq!(SourceMap::from_pieces(vec![]).to_input(9), 9);
    }
}
