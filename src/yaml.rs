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

/// Parses `text` into `T`, rejecting what `T`'s serde attributes reject.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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
