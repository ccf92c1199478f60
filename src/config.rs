//! Settings: the project file `slant.yaml` (found in the current folder or
//! one of its parents), command-line flags, and the validators both share.
//!
//! ```yaml
//! rules: [newsroom-rules/]        # extra packs, relative to this file
//! disable-rules: [intensifiers.adverbs]
//! disable-categories: [hedge]
//! quoted-weight: 0.25
//! reported-weight: 0.25
//! fail-over: 20
//! threads: 4
//! max-article-bytes: 16777216
//! ```
//!
//! Every value goes through one validator whether it comes from a flag or
//! from the file, so a bad value gets the same message from either place;
//! from the file, the error also names `slant.yaml:LINE:COL`. Flags win
//! over the file ([`Config::resolve`]).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::input::DEFAULT_MAX_BYTES;
use crate::model::ScoreOptions;
use crate::rules::{PackError, line_col, nth_line};
use crate::yaml::{self, Shape};

/// The file name searched for.
pub const FILE_NAME: &str = "slant.yaml";

/// The keys `slant.yaml` accepts, for help texts.
const KEYS: &str = "rules, no-default-rules, disable-rules, disable-categories, weights, quoted-weight, reported-weight, fail-over, threads, max-article-bytes";

/// The fields of [`Config`], for a "did you mean" on a misspelt key.
const SHAPE: Shape = Shape::Fields(
    "slant.yaml",
    &[
        ("rules", Shape::Any),
        ("no-default-rules", Shape::Any),
        ("disable-rules", Shape::Any),
        ("disable-categories", Shape::Any),
        ("weights", Shape::Any),
        ("quoted-weight", Shape::Any),
        ("reported-weight", Shape::Any),
        ("fail-over", Shape::Any),
        ("threads", Shape::Any),
        ("max-article-bytes", Shape::Any),
    ],
);

/// Settings from `slant.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Extra rule pack files or folders, resolved against the file's folder.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Whether to leave out the embedded default packs.
    #[serde(default)]
    pub no_default_rules: bool,
    /// Rule ids to turn off.
    #[serde(default)]
    pub disable_rules: Vec<String>,
    /// Category names to turn off.
    #[serde(default)]
    pub disable_categories: Vec<String>,
    /// New weights by rule id or category name (a category's weight applies
    /// to each of its rules; a rule's own entry wins).
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, f64>,
    /// Multiplier for hits in quoted speech.
    #[serde(default)]
    pub quoted_weight: Option<f64>,
    /// Multiplier for hits in reported speech.
    #[serde(default)]
    pub reported_weight: Option<f64>,
    /// Exit with 1 when an article scores above this.
    #[serde(default)]
    pub fail_over: Option<f64>,
    /// Worker threads.
    #[serde(default)]
    pub threads: Option<i64>,
    /// Largest article read, in bytes.
    #[serde(default)]
    pub max_article_bytes: Option<i64>,
}

/// Values given on the command line, each already validated.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Flags {
    /// `--quoted-weight`.
    pub quoted_weight: Option<f64>,
    /// `--reported-weight`.
    pub reported_weight: Option<f64>,
    /// `--fail-over`.
    pub fail_over: Option<f64>,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--max-article-bytes`.
    pub max_article_bytes: Option<usize>,
}

/// Settings resolved from flags, the file and defaults, in that order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// How hits are weighed.
    pub score: ScoreOptions,
    /// The score above which an article makes the run exit 1.
    pub fail_over: Option<f64>,
    /// Worker threads; `None` for every core.
    pub threads: Option<usize>,
    /// Largest article read, in bytes.
    pub max_article_bytes: usize,
}

/// A quoted weight: a number from 0 to 1.
pub fn quoted_weight(x: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "the quoted weight must be a number from 0 to 1 (0 ignores quoted hits, 1 counts them fully), not {x}"
        ))
    }
}

/// A reported weight: a number from 0 to 1.
pub fn reported_weight(x: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "the reported weight must be a number from 0 to 1 (0 ignores hits in reported speech, 1 counts them fully), not {x}"
        ))
    }
}

/// A score threshold: a finite number of 0 or more.
pub fn fail_over(x: f64) -> Result<f64, String> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(format!(
            "the fail-over score must be a number of 0 or more, e.g. 15, not {x}"
        ))
    }
}

/// A thread count: 1 to 1024.
pub fn threads(n: i64) -> Result<usize, String> {
    match usize::try_from(n) {
        Ok(n) if (1..=1024).contains(&n) => Ok(n),
        _ => Err(format!(
            "threads must be a whole number from 1 to 1024, not {n}"
        )),
    }
}

/// An article size limit: 1 byte or more.
pub fn max_article_bytes(n: i64) -> Result<usize, String> {
    match usize::try_from(n) {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "max-article-bytes must be a whole number of bytes, 1 or more, not {n}"
        )),
    }
}

/// Parses a flag's text as a number for one of the validators above.
pub fn parse_number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.trim()
        .parse::<T>()
        .map_err(|_| format!("`{s}` is not a number"))
}

/// The nearest `slant.yaml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Reads, parses and validates a config file; relative rule paths are
    /// resolved against the file's folder. Errors carry line, column and a
    /// fix.
    pub fn load(path: &Path) -> Result<Config, PackError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PackError {
            file: name.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
            help: "make the file readable, or run with --no-config".into(),
            snippet: None,
        })?;
        let mut config = Config::parse(&name, &text)?;
        let base = path.parent().unwrap_or(Path::new("."));
        for p in &mut config.rules {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }

    /// Parses and validates the text of a config file named `name`.
    pub fn parse(name: &str, text: &str) -> Result<Config, PackError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = yaml::parse(text, &SHAPE).map_err(|errors| {
            // The first is enough: a config file has a handful of keys.
            let e = errors.into_iter().next().unwrap_or(yaml::YamlError {
                message: "the file could not be read as YAML".into(),
                location: None,
                help: None,
            });
            let (line, column, snippet) = match e.location {
                Some((_, line, column)) => (line, column, nth_line(text, line)),
                None => (0, 0, None),
            };
            PackError {
                file: name.to_string(),
                line,
                column,
                message: e.message,
                help: e.help.unwrap_or_else(|| format!("allowed keys: {KEYS}"))
                    + " (see docs/cli.md)",
                snippet,
            }
        })?;
        // The parser gives no position for a value that parses but is out of
        // range, so the key is found in the text (as vale does).
        let invalid = |key: &str, message: String, help: &str| {
            let (line, column, snippet) = locate_value(text, key);
            PackError {
                file: name.to_string(),
                line,
                column,
                message,
                help: help.to_string(),
                snippet: Some(snippet),
            }
        };
        if let Some(x) = config.quoted_weight {
            quoted_weight(x)
                .map_err(|m| invalid("quoted-weight", m, "write a number such as 0.25"))?;
        }
        for (key, &w) in &config.weights {
            if !(w.is_finite() && w >= 0.0) {
                let (line, column, snippet) = locate_value(text, &format!("  {key}"));
                return Err(PackError {
                    file: name.to_string(),
                    line,
                    column,
                    message: format!(
                        "the weight of `{key}` must be a number of 0 or more, not {w}"
                    ),
                    help: "write a weight such as 0.5 (0 keeps the rule but counts nothing)".into(),
                    snippet: Some(snippet),
                });
            }
        }
        if let Some(x) = config.reported_weight {
            reported_weight(x)
                .map_err(|m| invalid("reported-weight", m, "write a number such as 0.25"))?;
        }
        if let Some(x) = config.fail_over {
            fail_over(x).map_err(|m| invalid("fail-over", m, "write a score such as 20"))?;
        }
        if let Some(n) = config.threads {
            threads(n).map_err(|m| {
                invalid(
                    "threads",
                    m,
                    "write a count such as 4, or remove the key to use every core",
                )
            })?;
        }
        if let Some(n) = config.max_article_bytes {
            max_article_bytes(n).map_err(|m| {
                invalid(
                    "max-article-bytes",
                    m,
                    "write a size in bytes such as 16777216",
                )
            })?;
        }
        Ok(config)
    }

    /// Merges flags over this file's values over the defaults. Values in
    /// the file were validated when it was loaded.
    pub fn resolve(&self, flags: &Flags) -> Settings {
        let defaults = ScoreOptions::default();
        Settings {
            score: ScoreOptions {
                quoted_weight: flags
                    .quoted_weight
                    .or(self.quoted_weight)
                    .unwrap_or(defaults.quoted_weight),
                reported_weight: flags
                    .reported_weight
                    .or(self.reported_weight)
                    .unwrap_or(defaults.reported_weight),
                ..defaults
            },
            fail_over: flags.fail_over.or(self.fail_over),
            threads: flags.threads.or(self.threads.and_then(|n| threads(n).ok())),
            max_article_bytes: flags
                .max_article_bytes
                .or(self
                    .max_article_bytes
                    .and_then(|n| max_article_bytes(n).ok()))
                .unwrap_or(DEFAULT_MAX_BYTES),
        }
    }
}

/// Line, column and text of the value of top-level `key:` in `text`.
fn locate_value(text: &str, key: &str) -> (usize, usize, String) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(value) = rest.strip_prefix(':')
        {
            let at = offset + key.len() + 1 + (value.len() - value.trim_start().len());
            return line_col(text, at);
        }
        offset += line.len();
    }
    line_col(text, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_lists_every_key_serde_accepts() {
        assert_eq!(SHAPE.names(), yaml::expected_by_serde::<Config>("zz: 1\n"));
        assert_eq!(SHAPE.names().join(", ").len(), KEYS.len());
    }

    #[test]
    fn bad_values_are_refused_with_their_position() {
        let cases = [
            ("quoted-weight: -4\n", 1, 16, "from 0 to 1"),
            ("fail-over: 3\nquoted-weight: .nan\n", 2, 16, "from 0 to 1"),
            ("quoted-weight: 2\n", 1, 16, "not 2"),
            ("reported-weight: 1.5\n", 1, 18, "reported weight"),
            ("fail-over: -1\n", 1, 12, "0 or more"),
            ("fail-over: .inf\n", 1, 12, "0 or more"),
            ("threads: 0\n", 1, 10, "from 1 to 1024"),
            ("max-article-bytes: -5\n", 1, 20, "1 or more"),
        ];
        for (text, line, column, message) in cases {
            let e = Config::parse("slant.yaml", text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{text:?}");
            assert!(e.message.contains(message), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn flags_and_the_file_share_validators() {
        let from_file = Config::parse("slant.yaml", "quoted-weight: -4\n")
            .unwrap_err()
            .message;
        assert_eq!(Err(from_file), quoted_weight(-4.0));
        assert!(fail_over(f64::NAN).is_err());
        assert!(quoted_weight(f64::NAN).is_err());
    }

    #[test]
    fn flags_win_over_the_file_over_defaults() {
        let config = Config::parse("slant.yaml", "quoted-weight: 0.5\nthreads: 3\n").unwrap();
        let none = config.resolve(&Flags::default());
        assert_eq!(none.score.quoted_weight, 0.5);
        assert_eq!(none.threads, Some(3));
        assert_eq!(none.max_article_bytes, DEFAULT_MAX_BYTES);
        let flags = Flags {
            quoted_weight: Some(1.0),
            ..Flags::default()
        };
        assert_eq!(config.resolve(&flags).score.quoted_weight, 1.0);
        let empty = Config::default().resolve(&Flags::default());
        assert_eq!(empty.score, ScoreOptions::default());
    }
}
