//! The framing report of one article: hits, per-category totals and a score.
//!
//! `score = (Σ weight of authorial hits + quoted_weight × Σ weight of quoted
//! hits) / words × 1000`. Quoted speech counts for less because the outlet
//! reports it rather than says it; `docs/scoring.md` explains the choice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::actors::ActorProfile;
use crate::matcher::Match;
use crate::rules::{Polarity, RuleSet};
use crate::segment::Segments;

/// How hits are weighed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreOptions {
    /// Multiplier for hits in quoted speech (default 0.25).
    pub quoted_weight: f64,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            quoted_weight: 0.25,
        }
    }
}

/// One flagged term in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Rule id.
    pub rule: String,
    /// Pack name.
    pub pack: String,
    /// Category name.
    pub category: String,
    /// The rule's weight.
    pub weight: f64,
    /// Which way the rule frames its target.
    #[serde(default)]
    pub polarity: Polarity,
    /// The text as it stands in the original.
    pub text: String,
    /// Byte offset into the original input.
    pub start: usize,
    /// Byte offset into the original input, exclusive.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Whether the hit is inside quoted speech.
    pub quoted: bool,
    /// Byte range of the hit's sentence in the original input.
    pub sentence: [usize; 2],
    /// The actor the hit most plausibly targets (with actors loaded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// Totals for one category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryStats {
    /// All hits.
    pub count: usize,
    /// Hits inside quoted speech.
    pub quoted: usize,
    /// The category's contribution to the score's numerator (quoted hits
    /// already multiplied by the quoted weight).
    #[serde(serialize_with = "round3")]
    pub weighted: f64,
}

/// The framing report of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// A path, `-` for standard input, or a name.
    pub source: String,
    /// The record's id, for JSON Lines input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// First non-empty line.
    pub title: String,
    /// Word count.
    pub words: usize,
    /// Weighted hits per 1,000 words.
    #[serde(serialize_with = "round3")]
    pub score: f64,
    /// Totals per category, by name.
    pub categories: BTreeMap<String, CategoryStats>,
    /// Every hit, in text order.
    pub hits: Vec<Hit>,
    /// Who is framed how, when actors are loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<ActorProfile>>,
    /// Problems with the input that did not stop scoring (e.g. invalid UTF-8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Report {
    /// Hits in the outlet's own voice.
    pub fn authorial_hits(&self) -> usize {
        self.hits.iter().filter(|h| !h.quoted).count()
    }

    /// Hits inside quoted speech.
    pub fn quoted_hits(&self) -> usize {
        self.hits.iter().filter(|h| h.quoted).count()
    }

    /// Hits per 1,000 words for a count (0 for an empty article).
    pub fn density(&self, count: usize) -> f64 {
        per_thousand(count as f64, self.words)
    }
}

fn per_thousand(x: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        x / words as f64 * 1000.0
    }
}

/// Rounds to 3 decimals in JSON, so output is stable and readable.
pub(crate) fn round3<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((x * 1000.0).round() / 1000.0)
}

/// Like [`round3`], for an optional number.
pub(crate) fn round3_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => round3(x, s),
        None => s.serialize_none(),
    }
}

/// What the scorer needs about one article's text.
pub(crate) struct Article<'a> {
    pub source: &'a str,
    /// The text scored (after any BOM).
    pub text: &'a str,
    /// Bytes before `text` in the original input (3 after a BOM).
    pub base: usize,
    pub segments: &'a Segments,
}

/// Builds the report from matches.
pub(crate) fn score(
    rules: &RuleSet,
    article: &Article<'_>,
    matches: &[Match],
    options: &ScoreOptions,
) -> Report {
    let text = article.text;
    let mut categories: BTreeMap<String, CategoryStats> = BTreeMap::new();
    let mut hits = Vec::with_capacity(matches.len());
    let mut total = 0.0;
    let mut lines = LineCounter::new(text);
    for m in matches {
        let rule = &rules.rules()[m.rule];
        let category = rules.category_of(rule);
        let quoted = article.segments.is_quoted(m.start);
        let weighted = if quoted {
            rule.weight * options.quoted_weight
        } else {
            rule.weight
        };
        total += weighted;
        let stats = categories.entry(category.name.clone()).or_default();
        stats.count += 1;
        stats.quoted += usize::from(quoted);
        stats.weighted += weighted;
        let (line, column) = lines.line_col(m.start);
        let sentence = article.segments.sentence_at(m.start);
        // Match offsets are char boundaries of `text`: the offset map only
        // maps char starts and ends (see normalize; property-tested).
        hits.push(Hit {
            rule: rule.id.clone(),
            pack: rules.pack_of(rule).name.clone(),
            category: category.name.clone(),
            weight: rule.weight,
            polarity: rule.polarity,
            text: text[m.start..m.end].to_string(),
            start: article.base + m.start,
            end: article.base + m.end,
            line,
            column,
            quoted,
            sentence: [article.base + sentence.start, article.base + sentence.end],
            target: None,
        });
    }
    let words = article.segments.words;
    Report {
        source: article.source.to_string(),
        id: None,
        title: title(text).to_string(),
        words,
        score: per_thousand(total, words),
        categories,
        hits,
        actors: None,
        warnings: Vec::new(),
    }
}

/// The first non-empty line, trimmed.
pub fn title(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// Line and column for increasing offsets, without rescanning from the start.
struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.at {
            *self = LineCounter::new(self.text);
        }
        for (i, b) in self.text.as_bytes()[self.at..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_is_incremental() {
        let text = "ab\ncdé\nfg";
        let mut lc = LineCounter::new(text);
        assert_eq!(lc.line_col(0), (1, 1));
        assert_eq!(lc.line_col(4), (2, 2));
        assert_eq!(lc.line_col(text.find('f').unwrap()), (3, 1));
        assert_eq!(lc.line_col(1), (1, 2));
    }

    #[test]
    fn title_is_first_non_empty_line() {
        assert_eq!(title("\n\n  Headline  \nbody"), "Headline");
        assert_eq!(title(""), "");
    }
}
