//! JSON Lines input: one article per line, `{"id", "title", "text"}`.
//!
//! Lines are read with a size limit, so one enormous line cannot exhaust
//! memory: the rest of an oversized line is skipped without being stored.

use std::io::{self, BufRead};

use serde::Deserialize;

/// One article of a JSON Lines file. Other fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Record {
    /// The article's id, carried into its report.
    #[serde(default, deserialize_with = "id_string")]
    pub id: Option<String>,
    /// The headline; scored as the first paragraph of the text.
    #[serde(default)]
    pub title: Option<String>,
    /// The body.
    pub text: String,
}

/// Accepts a string or a number as an id.
fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(serde_json::Number),
    }
    Ok(Option::<Id>::deserialize(d)?.map(|id| match id {
        Id::S(s) => s,
        Id::N(n) => n.to_string(),
    }))
}

impl Record {
    /// The text scored: the title, a blank line, the body. Offsets in the
    /// record's report refer to this text.
    pub fn article(&self) -> String {
        // A byte-order mark at the start of a field is not text.
        let text = self.text.strip_prefix('\u{FEFF}').unwrap_or(&self.text);
        match self
            .title
            .as_deref()
            .map(|t| t.strip_prefix('\u{FEFF}').unwrap_or(t))
        {
            Some(t) if !t.is_empty() => {
                let mut article = String::with_capacity(t.len() + 2 + text.len());
                article.push_str(t);
                article.push_str("\n\n");
                article.push_str(text);
                article
            }
            _ => text.to_string(),
        }
    }
}

/// Parses one line; the error says why it is not an article.
pub fn parse(line: &[u8]) -> Result<Record, String> {
    serde_json::from_slice(line).map_err(|e| e.to_string())
}

/// Parses one line and names its group. Slower than [`parse`] (the whole
/// object is read), so only for `--group-by`.
pub fn parse_grouped(
    line: &[u8],
    group: &crate::summary::GroupBy,
) -> Result<(Record, String), String> {
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    let key = group.key(value.get(&group.field));
    let record = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Ok((record, key))
}

/// What [`read_line`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A line is in the buffer (without its `\n`).
    Read,
    /// The line was longer than the limit; the buffer is empty and the line
    /// (of this many bytes) was skipped.
    TooLong(usize),
    /// End of input.
    End,
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes.
pub fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        total += part.len();
        if total <= limit {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        let newline = done > part.len();
        reader.consume(done);
        if newline {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if total > limit {
        buf.clear();
        buf.shrink_to(limit.min(1 << 20));
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_with_a_limit() {
        let mut input = io::Cursor::new(b"short\nthis line is long\r\nok\nlast".to_vec());
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            match read_line(&mut input, &mut buf, 8).unwrap() {
                Line::End => break,
                Line::Read => got.push(String::from_utf8(buf.clone()).unwrap()),
                Line::TooLong(n) => got.push(format!("too long: {n}")),
            }
        }
        assert_eq!(got, ["short", "too long: 18", "ok", "last"]);
    }

    #[test]
    fn parses_records_and_ignores_other_fields() {
        let r = parse(br#"{"id": 7, "source": "x", "title": "T", "text": "Body."}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.article(), "T\n\nBody.");
        assert!(parse(b"{\"title\": \"no text\"}").is_err());
        assert!(parse(b"not json").is_err());
    }
}
