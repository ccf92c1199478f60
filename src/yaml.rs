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
    check_flow_depth(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        YamlError {
            message,
            location: e.location().map(|l| (l.index(), l.line(), l.column())),
        }
    })
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
