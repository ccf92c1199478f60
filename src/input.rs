//! Where articles come from, and how an input becomes article text.
//!
//! One layer for every command: files, folders (searched for `.txt` and
//! `.md`), standard input and JSON Lines, each read with one size limit, so
//! no input can exhaust memory (`/dev/zero` included). Problems are per
//! input ([`InputError`]): one bad file never stops a batch.
//!
//! An [`Extractor`] turns an input's bytes into the article text that is
//! analysed, with a [`SourceMap`] from text offsets back to the input's
//! bytes, so hits are reported where they stand in the file. [`PlainText`]
//! decodes UTF-8 and skips a byte-order mark; formats such as Markdown or
//! HTML plug in here without touching the engine.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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
/// (sorted; hidden entries and links to folders skipped) for `.txt` and
/// `.md` files. `-` is standard input. Missing paths become errors in their
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
                    message: "the folder holds no .txt or .md files".into(),
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
            Some("txt" | "md")
        ) {
            out.push(Ok(Input::File(path)));
        }
    }
}

/// Reads an input whole, up to `limit` bytes. Binary data (a NUL byte) and
/// larger inputs are refused. The read itself is bounded, not only the
/// reported size: devices and pipes report size 0.
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, InputError> {
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
    if buf.contains(&0) {
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
/// end of the piece before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// `(text offset, input offset)` of each piece's start, sorted.
    pieces: Vec<(usize, usize)>,
}

impl SourceMap {
    /// Text offsets equal input offsets plus `shift` (the bytes skipped at
    /// the start, such as a byte-order mark).
    pub fn shifted(shift: usize) -> SourceMap {
        SourceMap {
            pieces: vec![(0, shift)],
        }
    }

    /// A map from pieces `(text offset, input offset)`, sorted by text
    /// offset. An empty list maps every offset to itself.
    pub fn from_pieces(mut pieces: Vec<(usize, usize)>) -> SourceMap {
        if pieces.first().is_none_or(|p| p.0 != 0) {
            pieces.insert(0, (0, 0));
        }
        SourceMap { pieces }
    }

    /// The input offset of text offset `at`.
    pub fn to_input(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(t, o)) => o + (at - t),
            None => at,
        }
    }
}

impl Default for SourceMap {
    fn default() -> Self {
        SourceMap::shifted(0)
    }
}

/// Article text extracted from an input, with its way back to the input.
#[derive(Debug, Clone)]
pub struct Extracted<'a> {
    /// The text to analyse.
    pub text: Cow<'a, str>,
    /// Text offsets to input offsets.
    pub map: SourceMap,
    /// Problems that did not stop extraction (e.g. invalid UTF-8).
    pub warnings: Vec<String>,
}

/// Turns an input's bytes into article text. Shared across threads.
pub trait Extractor: Send + Sync {
    /// Extracts the article from `bytes`.
    fn extract<'a>(&self, bytes: &'a [u8]) -> Extracted<'a>;
}

/// The warning for input that is not valid UTF-8.
pub const LOSSY_WARNING: &str = "the input is not valid UTF-8; invalid bytes were replaced by U+FFFD and offsets refer to the repaired text";

/// Plain text: UTF-8 (invalid bytes replaced, with a warning), a leading
/// byte-order mark skipped (offsets still count it).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainText;

impl Extractor for PlainText {
    fn extract<'a>(&self, bytes: &'a [u8]) -> Extracted<'a> {
        let (text, lossy) = decode(bytes);
        let mut warnings = Vec::new();
        if lossy {
            warnings.push(LOSSY_WARNING.to_string());
        }
        let bom = '\u{FEFF}'.len_utf8();
        let (text, map) = match text {
            Cow::Borrowed(t) if t.starts_with('\u{FEFF}') => {
                (Cow::Borrowed(&t[bom..]), SourceMap::shifted(bom))
            }
            Cow::Owned(t) if t.starts_with('\u{FEFF}') => {
                (Cow::Owned(t[bom..].to_string()), SourceMap::shifted(bom))
            }
            t => (t, SourceMap::default()),
        };
        Extracted {
            text,
            map,
            warnings,
        }
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
