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
        let text = without_bom(&self.text);
        match headline(self.title.as_deref()) {
            Some(t) => joined(t, text),
            None => text.to_string(),
        }
    }
}

/// A field's text without a leading byte-order mark, which is not text.
fn without_bom(s: &str) -> &str {
    s.strip_prefix('\u{FEFF}').unwrap_or(s)
}

/// The title that heads the article, if it has one worth the name.
fn headline(title: Option<&str>) -> Option<&str> {
    title.map(without_bom).filter(|t| !t.is_empty())
}

/// The title, a blank line, the body: in one allocation.
fn joined(title: &str, text: &str) -> String {
    let mut article = String::with_capacity(title.len() + 2 + text.len());
    article.push_str(title);
    article.push_str("\n\n");
    article.push_str(text);
    article
}

/// One line read as an article: what the pipeline scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The record's id.
    pub id: Option<String>,
    /// The text scored, as [`Record::article`] makes it.
    pub text: String,
    /// The `--group-by` key, when a group was asked for.
    pub group: Option<String>,
}

/// Parses one line straight into the text scored, and the group of
/// `group` if given: what [`parse`] and [`Record::article`] make, in one
/// pass, without the copy that joins title and body (the body is unescaped
/// once, into the article's own buffer, when the title comes first, as it
/// does in every archive seen) and without a JSON tree for the group.
///
/// Stricter than [`parse`] in two ways, both mistakes in a JSON Lines
/// archive: the line must be an object (serde's derive also takes an array
/// of the fields in order), and a field given twice is an error (as in
/// [`parse`]; a JSON tree kept the last). Grouping by `text` groups by the
/// body without a byte-order mark.
pub fn parse_article(
    line: &[u8],
    group: Option<&crate::summary::GroupBy>,
) -> Result<Article, String> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_slice(line);
    let article = ArticleSeed {
        group: group.map(|g| g.field.as_str()),
    }
    .deserialize(&mut de)
    .and_then(|a| de.end().map(|()| a))
    .map_err(|e| e.to_string())?;
    let (id, text, value) = article;
    Ok(Article {
        id,
        text,
        group: group.map(|g| g.key(value.as_ref())),
    })
}

/// Reads a record's object into (id, article, group field's value).
struct ArticleSeed<'g> {
    group: Option<&'g str>,
}

type Fields = (Option<String>, String, Option<serde_json::Value>);

impl<'de> serde::de::DeserializeSeed<'de> for ArticleSeed<'_> {
    type Value = Fields;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ArticleSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object with a string \"text\"")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        use serde::de::Error;
        let mut id: Option<Option<String>> = None;
        let mut title: Option<Option<String>> = None;
        // The body, with the title before it if the title came first.
        let mut text: Option<(String, bool)> = None;
        let mut group = None;
        while let Some((key, wanted)) = map.next_key_seed(KeySeed { group: self.group })? {
            match key {
                Key::Id => {
                    if id.is_some() {
                        return Err(A::Error::duplicate_field("id"));
                    }
                    let value = map.next_value_seed(IdSeed)?;
                    if wanted {
                        group = value.clone().map(serde_json::Value::String);
                    }
                    id = Some(value);
                }
                Key::Title => {
                    if title.is_some() {
                        return Err(A::Error::duplicate_field("title"));
                    }
                    let value: Option<String> = map.next_value()?;
                    if wanted {
                        group = value.clone().map(serde_json::Value::String);
                    }
                    title = Some(value);
                }
                Key::Text => {
                    if text.is_some() {
                        return Err(A::Error::duplicate_field("text"));
                    }
                    let head = title.as_ref().and_then(|t| headline(t.as_deref()));
                    let body = map.next_value_seed(BodySeed { head })?;
                    if wanted {
                        let start = head.map_or(0, |h| h.len() + 2);
                        group = body
                            .get(start..)
                            .map(|b| serde_json::Value::String(b.into()));
                    }
                    text = Some((body, head.is_some()));
                }
                _ if wanted => group = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        let Some((body, headed)) = text else {
            return Err(A::Error::missing_field("text"));
        };
        // A title after the body (rare): put it in front now.
        let article = match headline(title.as_ref().and_then(|t| t.as_deref())) {
            Some(t) if !headed => joined(t, &body),
            _ => body,
        };
        Ok((id.flatten(), article, group))
    }
}

/// A field of a record, as [`ArticleSeed`] needs it.
enum Key {
    Id,
    Title,
    Text,
    Other,
}

/// Reads a key without copying it (serde's `Cow<str>` always copies), and
/// says whether it names the group's field.
struct KeySeed<'g> {
    group: Option<&'g str>,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = (Key, bool);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(Key, bool), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = (Key, bool);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(Key, bool), E> {
        let key = match v {
            "id" => Key::Id,
            "title" => Key::Title,
            "text" => Key::Text,
            _ => Key::Other,
        };
        Ok((key, self.group == Some(v)))
    }
}

/// Reads the body into a buffer that starts with `head` and a blank line,
/// sized once: serde_json hands over the unescaped string, copied once.
struct BodySeed<'h> {
    head: Option<&'h str>,
}

impl<'de> serde::de::DeserializeSeed<'de> for BodySeed<'_> {
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for BodySeed<'_> {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        let body = without_bom(v);
        Ok(match self.head {
            Some(head) => joined(head, body),
            None => body.to_string(),
        })
    }
}

/// An id: a string, or a number written as JSON writes it.
struct IdSeed;

impl<'de> serde::de::DeserializeSeed<'de> for IdSeed {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        id_string(d)
    }
}

/// Parses one line; the error says why it is not an article.
pub fn parse(line: &[u8]) -> Result<Record, String> {
    serde_json::from_slice(line).map_err(|e| e.to_string())
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

    fn article(line: &str, group: Option<&str>) -> Result<Article, String> {
        let group: Option<crate::summary::GroupBy> = group.map(|g| g.parse().unwrap());
        parse_article(line.as_bytes(), group.as_ref())
    }

    #[test]
    fn an_article_is_what_record_article_makes_in_any_field_order() {
        for line in [
            r#"{"id": 7, "title": "T", "text": "Body \"quoted\".\nMore."}"#,
            r#"{"text": "Body \"quoted\".\nMore.", "other": [1, {"a": 2}], "title": "T", "id": 7}"#,
            r#"{"title": "\ufeffT", "text": "\ufeffBody"}"#,
            r#"{"text": "Body", "title": ""}"#,
            r#"{"text": "Body", "title": null, "id": null}"#,
            r#"{"id": "a-1", "text": "Body"}"#,
            r#"{"id": 1.5e3, "text": ""}"#,
        ] {
            let record = parse(line.as_bytes()).unwrap();
            let read = article(line, None).unwrap();
            assert_eq!(read.text, record.article(), "{line}");
            assert_eq!(read.id, record.id, "{line}");
            assert_eq!(read.group, None);
        }
    }

    #[test]
    fn an_article_names_its_group_from_any_field() {
        let line = r#"{"id": 12, "title": "T", "text": "B", "outlet": "Fox", "year": 2016, "tags": ["x"]}"#;
        let group = |field: &str| article(line, Some(field)).unwrap().group.unwrap();
        assert_eq!(group("outlet"), "Fox");
        assert_eq!(group("outlet:2"), "Fo");
        assert_eq!(group("year"), "2016");
        assert_eq!(group("id"), "12");
        assert_eq!(group("title"), "T");
        assert_eq!(group("text"), "B");
        // Neither a string, a number nor a boolean, or missing.
        assert_eq!(group("tags"), crate::summary::NO_GROUP);
        assert_eq!(group("missing"), crate::summary::NO_GROUP);
    }

    #[test]
    fn a_line_that_is_not_an_article_says_why() {
        for (line, why) in [
            (r#"{"title": "no text"}"#, "missing field `text`"),
            (r#"{"text": "a", "text": "b"}"#, "duplicate field `text`"),
            (r#"{"text": 5}"#, "invalid type"),
            (r#"{"text": "a", "id": true}"#, "did not match any variant"),
            (r#"["a"]"#, "expected a JSON object"),
            (r#"[null, "T", "body"]"#, "expected a JSON object"),
            (
                r#"{"text": "a", "title": "T", "title": "U"}"#,
                "duplicate field `title`",
            ),
            (r#"{"text": "a"} trailing"#, "trailing characters"),
            ("not json", "expected"),
        ] {
            let error = article(line, None).unwrap_err();
            assert!(error.contains(why), "{line}: {error}");
        }
    }
}
