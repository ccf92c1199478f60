//! The one place that calls the YAML parser, so it can be swapped in one file.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};

/// A YAML syntax or shape error, with its position when the parser knows it.
#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    /// The parser's message without its " at line L column C" suffix.
    pub message: String,
    /// Byte offset, 1-based line and 1-based column.
    pub location: Option<(usize, usize, usize)>,
    /// How to fix it, when this module knows better than the caller.
    pub help: Option<String>,
}

/// The fields a file may have, so every misspelt one can be reported in one
/// run: serde's typed decode stops at the first.
#[derive(Debug)]
pub(crate) enum Shape {
    /// Anything; not looked into.
    Any,
    /// A mapping with these fields, each with the shape of its value.
    Fields(&'static str, &'static [(&'static str, Shape)]),
    /// A mapping from names the file chooses to values of one shape.
    MapOf(&'static Shape),
    /// A list of values of one shape.
    SeqOf(&'static Shape),
}

/// Deepest flow nesting (`[` and `{`) accepted. slant's files need a few
/// levels; the parser takes time quadratic in the depth (100,000 levels took
/// minutes), so deeper input is refused before it is parsed.
pub(crate) const MAX_FLOW_DEPTH: usize = 64;
const TOO_DEEP: &str = "lists or maps nested more than";

/// Parses `text` into `T`, rejecting what `T`'s serde attributes reject.
/// On failure every field that `shape` does not allow is reported, each at
/// its own place, with the typed decode's own error when it is another kind.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, shape: &Shape) -> Result<T, Vec<YamlError>> {
    parse_typed(text).map_err(|first| {
        if first.message.starts_with(TOO_DEEP) {
            // The walk would take the quadratic time the check prevents.
            return vec![first];
        }
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let shift = text.len() - body.len();
        let mut errors = unknown_fields(body, shape, shift);
        if errors.is_empty() || !first.message.contains("unknown field") {
            errors.push(first);
        }
        errors.sort_by_key(|e| e.location.map(|(i, _, _)| i));
        errors
    })
}

pub(crate) fn parse_typed<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // A byte-order mark (Notepad writes one) is not YAML: the parser took
    // it for a second document.
    let (body, shift) = match text.strip_prefix('\u{FEFF}') {
        Some(body) => (body, '\u{FEFF}'.len_utf8()),
        None => (text, 0),
    };
    check_flow_depth(body)?;
    serde_yaml::from_str(body).map_err(|e| {
        let full = e.to_string();
        let mut message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let mut location = e
            .location()
            .map(|l| (l.index() + shift, l.line(), l.column()));
        // Say what the parser's words hide.
        if location.is_some_and(|(i, _, _)| text.as_bytes().get(i) == Some(&b'\t')) {
            message = "a tab: YAML indents with spaces only (replace the tab with spaces)".into();
        } else if (message.contains("end of stream") || message.contains("quoted scalar"))
            && let Some(at) = unclosed_quote(body)
        {
            message =
                "a quote opened here is never closed (close it, or quote with the other mark)"
                    .into();
            let line = body[..at].matches('\n').count() + 1;
            let line_start = body[..at].rfind('\n').map_or(0, |n| n + 1);
            location = Some((at + shift, line, body[line_start..at].chars().count() + 1));
        }
        YamlError {
            message,
            location,
            help: None,
        }
    })
}

/// At most this many unknown fields are reported: each costs a parse.
const MAX_UNKNOWN_FIELDS: usize = 20;

/// Every field of `text` that `shape` does not allow, located by the parser.
/// serde reports a position only with an error, so the walk is run once per
/// unknown field, failing on the next one each time; packs are small.
fn unknown_fields(text: &str, shape: &Shape, shift: usize) -> Vec<YamlError> {
    let mut found = Vec::new();
    while found.len() < MAX_UNKNOWN_FIELDS {
        let scan = RefCell::new(Scan {
            target: found.len(),
            ..Scan::default()
        });
        let walked =
            Walk { shape, scan: &scan }.deserialize(serde_yaml::Deserializer::from_str(text));
        let scan = scan.into_inner();
        let (Err(e), Some(field)) = (walked, scan.hit) else {
            break;
        };
        let Some(at) = e.location() else { break };
        found.push(YamlError {
            message: format!("{}unknown field `{}`", path_prefix(&field.path), field.key),
            location: Some((at.index() + shift, at.line(), at.column())),
            help: Some(field_help(&field.key, field.context, field.allowed)),
        });
    }
    found
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

fn field_help(key: &str, context: &str, allowed: &[(&str, Shape)]) -> String {
    let names: Vec<&str> = allowed.iter().map(|(name, _)| *name).collect();
    let list = names.join(", ");
    match closest(key, &names) {
        Some(near) => format!("did you mean `{near}`? The fields of {context} are: {list}"),
        None => format!("remove it or correct its spelling; the fields of {context} are: {list}"),
    }
}

/// The allowed name nearest to `key` when it is near enough to be a typo:
/// at most two edits, and fewer than a third of the key's letters.
pub(crate) fn closest<'a>(key: &str, names: &[&'a str]) -> Option<&'a str> {
    let key = key.to_lowercase().replace('_', "-");
    names
        .iter()
        .map(|&name| (edit_distance(&key, &name.replace('_', "-")), name))
        .filter(|&(d, _)| d <= 2 && d * 3 <= key.chars().count().max(3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours ("wieght") each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[derive(Default)]
struct Scan {
    /// Unknown fields met so far in this walk.
    seen: usize,
    /// The walk fails at the unknown field with this index.
    target: usize,
    /// Where the walk is, as serde_yaml writes paths (`rules[2].unless`).
    path: String,
    hit: Option<Unknown>,
}

struct Unknown {
    key: String,
    path: String,
    context: &'static str,
    allowed: &'static [(&'static str, Shape)],
}

/// Walks a document by its shape. Values of the wrong type are skipped: the
/// typed decode reports those.
#[derive(Clone, Copy)]
struct Walk<'a> {
    shape: &'a Shape,
    scan: &'a RefCell<Scan>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.shape {
            Shape::Any => d.deserialize_ignored_any(IgnoredAny).map(|_| ()),
            _ => d.deserialize_any(self),
        }
    }
}

impl<'a> Walk<'a> {
    /// Walks a value with `shape`, its path extended by `step`.
    fn step<T, E>(
        self,
        step: String,
        shape: &'a Shape,
        next: impl FnOnce(Walk<'a>) -> Result<T, E>,
    ) -> Result<T, E> {
        let len = self.scan.borrow().path.len();
        self.scan.borrow_mut().path.push_str(&step);
        let out = next(Walk { shape, ..self });
        self.scan.borrow_mut().path.truncate(len);
        out
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag x`): its content is the typed decode's to judge.
        let (IgnoredAny, variant) = data.variant()?;
        de::VariantAccess::newtype_variant::<IgnoredAny>(variant).map(|_| ())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Shape::SeqOf(item) = self.shape else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        let mut i = 0;
        loop {
            match self.step(format!("[{i}]"), item, |walk| seq.next_element_seed(walk))? {
                Some(()) => i += 1,
                None => return Ok(()),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.shape {
            Shape::Fields(context, fields) => {
                while let Some(key) = map.next_key_seed(Key {
                    context,
                    fields,
                    scan: self.scan,
                })? {
                    match key {
                        Some((name, shape)) => {
                            let sep = if self.scan.borrow().path.is_empty() {
                                ""
                            } else {
                                "."
                            };
                            self.step(format!("{sep}{name}"), shape, |walk| {
                                map.next_value_seed(walk)
                            })?;
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
            }
            Shape::MapOf(value) => {
                while let Some(name) = map.next_key::<Name>()? {
                    let sep = if self.scan.borrow().path.is_empty() {
                        ""
                    } else {
                        "."
                    };
                    self.step(format!("{sep}{}", name.0), value, |walk| {
                        map.next_value_seed(walk)
                    })?;
                }
            }
            Shape::Any | Shape::SeqOf(_) => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            }
        }
        Ok(())
    }
}

/// Where the first line that leaves a quote open opens it: an odd number
/// of `"` (or `'` used as a quote) outside comments. Multi-line quoted
/// values are rare in packs; this points at the usual typo.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split(" #").next().unwrap_or(line);
        for quote in ['"', '\''] {
            let marks: Vec<usize> = code
                .char_indices()
                .filter(|&(i, c)| {
                    c == quote
                        && (quote == '"' || !code[..i].ends_with(|p: char| p.is_alphanumeric()))
                })
                .map(|(i, _)| i)
                .collect();
            if marks.len() % 2 == 1 {
                return marks.last().map(|&i| offset + i);
            }
        }
        offset += line.len();
    }
    None
}

impl Shape {
    /// The field names of a [`Shape::Fields`], sorted; empty for the others.
    #[cfg(test)]
    pub(crate) fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = match self {
            Shape::Fields(_, fields) => fields.iter().map(|(name, _)| *name).collect(),
            _ => Vec::new(),
        };
        names.sort_unstable();
        names
    }
}

/// The fields serde says it expected, from the typed decode of `text` that
/// meets an unknown field: what a [`Shape`] must list.
#[cfg(test)]
pub(crate) fn expected_by_serde<T: DeserializeOwned + fmt::Debug>(text: &str) -> Vec<String> {
    let message = parse_typed::<T>(text).map(|_| ()).unwrap_err().message;
    let expected = message.split("expected").nth(1).unwrap_or_default();
    let mut names: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    names.sort_unstable();
    names
}

/// A key of a [`Shape::Fields`] mapping: the field's name and shape, or
/// `None` for an unknown field, counted and failed on when it is the target.
/// It fails inside the visitor so the parser gives the key's own position.
struct Key<'a> {
    context: &'static str,
    fields: &'static [(&'static str, Shape)],
    scan: &'a RefCell<Scan>,
}

type Field = Option<(&'static str, &'static Shape)>;

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Field;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Field;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
        if let Some((name, shape)) = self.fields.iter().find(|(name, _)| *name == key) {
            return Ok(Some((name, shape)));
        }
        let mut scan = self.scan.borrow_mut();
        scan.seen += 1;
        if scan.seen > scan.target {
            scan.hit = Some(Unknown {
                key: key.to_string(),
                path: scan.path.clone(),
                context: self.context,
                allowed: self.fields,
            });
            return Err(E::custom("unknown field"));
        }
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Field, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Field, E> {
        self.visit_str("~")
    }
}

/// A name chosen by the file (a category's), kept for the path.
struct Name(String);

impl<'de> de::Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E>(self, v: &str) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Name, E> {
                Ok(Name(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Name, E> {
                Ok(Name("~".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Refuses flow collections nested deeper than [`MAX_FLOW_DEPTH`], skipping
/// quoted strings and comments.
fn check_flow_depth(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let (mut line, mut line_start) = (1usize, 0usize);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            comment = false;
            continue;
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'#' => comment = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(YamlError {
                            message: format!("{TOO_DEEP} {MAX_FLOW_DEPTH} levels deep"),
                            location: Some((i, line, text[line_start..i].chars().count() + 1)),
                            help: None,
                        });
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_field() {
        let names = [
            "weight",
            "message",
            "preceded-by",
            "examples",
            "no_match",
            "id",
        ];
        assert_eq!(closest("wieght", &names), Some("weight"));
        assert_eq!(closest("mesage", &names), Some("message"));
        assert_eq!(closest("preceded_by", &names), Some("preceded-by"));
        assert_eq!(closest("Examples", &names), Some("examples"));
        assert_eq!(closest("no-match", &names), Some("no_match"));
        // Too far, or too short to guess from.
        assert_eq!(closest("colour", &names), None);
        assert_eq!(closest("xy", &names), None);
    }

    #[test]
    fn every_unknown_field_is_found_at_its_key() {
        const INNER: Shape = Shape::Fields("an inner map", &[("b", Shape::Any)]);
        const OUTER: Shape = Shape::Fields(
            "the file",
            &[("a", Shape::Any), ("list", Shape::SeqOf(&INNER))],
        );
        let text = "a: 1\nx: 2\nlist:\n  - b: 1\n    y: [1, 2]\n  - {b: 2, z: 3}\n";
        let found = unknown_fields(text, &OUTER, 0);
        let got: Vec<(String, usize, usize)> = found
            .iter()
            .map(|e| {
                let (_, line, col) = e.location.unwrap();
                (e.message.clone(), line, col)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("unknown field `x`".to_string(), 2, 1),
                ("list[0]: unknown field `y`".to_string(), 5, 5),
                ("list[1]: unknown field `z`".to_string(), 6, 12),
            ]
        );
    }
}
