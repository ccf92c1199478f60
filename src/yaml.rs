//! The one place that calls the YAML parser, so it can be swapped in one file.

use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, with its position when the parser knows it.
#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    /// The parser's message without its " at line L column C" suffix.
    pub message: String,
    /// Byte offset, 1-based line and 1-based column.
    pub location: Option<(usize, usize, usize)>,
}

/// Deepest flow nesting (`[` and `{`) accepted. slant's files need a few
/// levels; the parser takes time quadratic in the depth (100,000 levels took
/// minutes), so deeper input is refused before it is parsed.
pub(crate) const MAX_FLOW_DEPTH: usize = 64;

/// Parses `text` into `T`, rejecting what `T`'s serde attributes reject.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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
        YamlError { message, location }
    })
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
                            message: format!(
                                "lists or maps nested more than {MAX_FLOW_DEPTH} levels deep"
                            ),
                            location: Some((i, line, text[line_start..i].chars().count() + 1)),
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
