//! Output: one [`Emitter`] per format, each in its own file.
//!
//! - [`text`]: for people, colored when asked, fitted to a width;
//! - [`json`]: pretty JSON (reports as one array);
//! - [`jsonl`]: one JSON object per line, for archives and pipes;
//! - [`html`]: one self-contained page to look at and share.
//! - [`sarif`]: SARIF 2.1.0, for code-review tools.
//! - [`diff`]: `slant fix`'s edits as a unified diff (not an emitter: it
//!   shows edits, not reports).
//!
//! Emitters write to any [`Write`], so tests render into a buffer. Whether
//! to color is the text emitter's own setting ([`Paint`]); nothing here
//! touches the `colored` crate's process-wide switch. Emitters only lay
//! out: the verdict, the ranking and which actors matter are decided in the
//! domain modules ([`crate::compare`], [`crate::summary`]).

use std::io::{self, Write};

use colored::{ColoredString, Styles};

use crate::analysis::Analysis;
use crate::compare::{Comparison, GroupComparison};
use crate::eval::EvalReport;
use crate::model::Report;
use crate::rules::RuleSet;
use crate::summary::{Ranking, Summary};

pub mod csv;
pub mod diff;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod text;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// Pretty JSON.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values, a row per article or group.
    Csv,
    /// One self-contained HTML page.
    Html,
    /// SARIF 2.1.0, for code-review tools.
    Sarif,
}

/// Writes reports, comparisons, summaries and evaluations in one format.
///
/// A run of reports is `begin`, then for each report `separator` (with its
/// place in the output) and `report`, then `finish`. Reports may be
/// rendered on worker threads into buffers and written in order by the
/// caller, which is why `report` takes `&self` and separators are apart.
pub trait Emitter: Send + Sync {
    /// Before the first report.
    fn begin(&self, _w: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Before the report at place `index` (0 for the first).
    fn separator(&self, _w: &mut dyn Write, _index: usize) -> io::Result<()> {
        Ok(())
    }

    /// One article's report; `analysis` gives its text, when kept.
    fn report(
        &self,
        w: &mut dyn Write,
        report: &Report,
        analysis: Option<&Analysis>,
    ) -> io::Result<()>;

    /// After the last of `count` reports; `ranking` orders them (empty
    /// when the caller did not keep one).
    fn finish(&self, _w: &mut dyn Write, _count: usize, _ranking: &Ranking) -> io::Result<()> {
        Ok(())
    }

    /// Totals over many articles.
    fn summary(&self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;

    /// Two sources side by side; with `texts`, each hit in its sentence.
    fn comparison(
        &self,
        w: &mut dyn Write,
        comparison: &Comparison,
        texts: Option<[&Analysis; 2]>,
    ) -> io::Result<()>;

    /// One summary per group (`--group-by`), in group order; by default
    /// each as [`Emitter::summary`] writes it.
    fn groups(&self, w: &mut dyn Write, groups: &[Summary]) -> io::Result<()> {
        for g in groups {
            self.summary(w, g)?;
        }
        Ok(())
    }

    /// Two groups of an archive compared from their summaries. Text and
    /// JSON write it; the other formats do not (the caller checks first).
    fn group_comparison(&self, _w: &mut dyn Write, _c: &GroupComparison) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this format does not show a comparison of groups",
        ))
    }

    /// The results of `slant eval` on the file `name`.
    fn eval(&self, w: &mut dyn Write, name: &str, report: &EvalReport) -> io::Result<()>;
}

/// Settings for text output.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Total width in columns (the terminal's, or 80 when not a terminal).
    pub width: usize,
    /// Whether to color.
    pub color: bool,
    /// Whether a comparison lists every aligned pair and every fact only
    /// one side reports, not only the first few.
    pub all_facts: bool,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            width: 80,
            color: false,
            all_facts: false,
        }
    }
}

/// The emitter of `format`; `rules` lets the text and HTML formats show
/// each hit's message and suggestion.
pub fn emitter<'a>(format: Format, style: TextStyle, rules: &'a RuleSet) -> Box<dyn Emitter + 'a> {
    match format {
        Format::Text => Box::new(text::Text::new(style, Some(rules))),
        Format::Json => Box::new(json::Json),
        Format::Jsonl => Box::new(jsonl::Jsonl),
        Format::Csv => Box::new(csv::Csv::new(rules)),
        Format::Html => Box::new(html::Html::new(rules)),
        Format::Sarif => Box::new(sarif::Sarif::new(rules)),
    }
}

/// Colors text, or not, by its own setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

/// ANSI codes of the styles slant uses.
const STYLE_CODES: [(Styles, &str); 4] = [
    (Styles::Bold, "1"),
    (Styles::Dimmed, "2"),
    (Styles::Italic, "3"),
    (Styles::Underline, "4"),
];

impl Paint {
    /// A painter that colors when `on`.
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    /// Whether it colors.
    pub fn is_on(self) -> bool {
        self.on
    }

    /// `s` with its style's escape codes when on, plain when off. Styles are
    /// built with `colored`'s methods (`"x".red().bold()`); only its
    /// process-wide switch is bypassed.
    pub fn paint(self, s: &ColoredString) -> String {
        let mut codes: Vec<std::borrow::Cow<'static, str>> = Vec::new();
        if self.on {
            codes.extend(
                STYLE_CODES
                    .iter()
                    .filter(|(style, _)| s.style.contains(*style))
                    .map(|(_, code)| (*code).into()),
            );
            if let Some(bg) = s.bgcolor {
                codes.push(bg.to_bg_str());
            }
            if let Some(fg) = s.fgcolor {
                codes.push(fg.to_fg_str());
            }
        }
        if codes.is_empty() {
            return s.input.clone();
        }
        format!("\x1b[{}m{}\x1b[0m", codes.join(";"), s.input)
    }

    /// `s` padded with spaces to `width` characters (cut with `…` when
    /// longer), then painted, so escape codes never count as width.
    pub fn padded(self, s: &ColoredString, width: usize) -> String {
        let mut fitted = s.clone();
        fitted.input = format!("{:<width$}", fit(&s.input, width));
        self.paint(&fitted)
    }
}

/// Cuts `s` to at most `width` characters, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Splits `s` into lines of at most `width` characters at spaces (a longer
/// word is cut).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The last part of a path.
pub fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

#[cfg(test)]
mod tests {
    use colored::Colorize;

    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        assert_eq!(wrap("abcdefgh", 4), ["abc…"]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("éééééé", 3), "éé…");
    }

    #[test]
    fn paint_follows_its_own_setting() {
        let styled = "x".red().bold();
        assert_eq!(Paint::new(true).paint(&styled), "\x1b[1;31mx\x1b[0m");
        assert_eq!(Paint::new(false).paint(&styled), "x");
        assert_eq!(Paint::new(true).paint(&"plain".normal()), "plain");
        assert_eq!(
            Paint::new(true).padded(&"ab".green(), 4),
            "\x1b[32mab  \x1b[0m"
        );
    }
}
