//! The project configuration file, `slant.yaml`, found in the current folder
//! or one of its parents. Command-line flags override it.
//!
//! ```yaml
//! rules: [newsroom-rules/]        # extra packs, relative to this file
//! disable-rules: [intensifiers.adverbs]
//! disable-categories: [hedge]
//! quoted-weight: 0.25
//! fail-over: 20
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::rules::{PackError, nth_line};
use crate::yaml;

/// The file name searched for.
pub const FILE_NAME: &str = "slant.yaml";

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
    /// Multiplier for hits in quoted speech.
    #[serde(default)]
    pub quoted_weight: Option<f64>,
    /// Exit with 1 when an article scores above this.
    #[serde(default)]
    pub fail_over: Option<f64>,
}

/// The nearest `slant.yaml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Reads and parses a config file; relative rule paths are resolved
    /// against the file's folder. Errors carry line, column and a fix.
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
        let mut config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            yaml::parse(&text).map_err(|e| {
                let (line, column, snippet) = match e.location {
                    Some((_, line, column)) => (line, column, nth_line(&text, line)),
                    None => (0, 0, None),
                };
                PackError {
                    file: name.clone(),
                    line,
                    column,
                    message: e.message,
                    help: "allowed keys: rules, no-default-rules, disable-rules, disable-categories, quoted-weight, fail-over (see docs/cli.md)".into(),
                    snippet,
                }
            })?
        };
        let base = path.parent().unwrap_or(Path::new("."));
        for p in &mut config.rules {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }
}
