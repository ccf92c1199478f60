//! The framing report of one article, built from its [`Analysis`].
//!
//! `score = Σ (weight × voice multiplier) / words × 1000`: a hit in the
//! writer's own voice counts fully, one in reported speech times the
//! reported weight, one in a quotation times the quoted weight, because the
//! outlet reports those rather than says them; `docs/scoring.md` explains
//! the choice.

use std::collections::BTreeMap;

use crate::analysis::Analysis;
use crate::model::{
    ATTRIBUTION_CATEGORY, CategoryStats, Hit, Report, ScoreOptions, Voice, per_thousand,
};
use crate::rules::RuleSet;

/// Builds the report of an analysed article (without actor profiles, which
/// the engine adds when actors are loaded).
pub(crate) fn report(rules: &RuleSet, analysis: &Analysis, options: &ScoreOptions) -> Report {
    let text = analysis.text.as_str();
    let segments = &analysis.segments;
    let mut categories: BTreeMap<String, CategoryStats> = BTreeMap::new();
    let mut hits = Vec::with_capacity(analysis.matches.len());
    let mut total = 0.0;
    let mut lines = LineCounter::new(text);
    for m in &analysis.matches {
        let rule = rules.get(m.rule);
        let category = rules.category_of(rule);
        let voice = match analysis.voices.voice_at(segments, m.start) {
            // "…, he said, touting the plan": the verb is the writer's.
            Voice::Reported if category.name == ATTRIBUTION_CATEGORY => Voice::Authorial,
            voice => voice,
        };
        let weighted = rule.weight * options.voice_weight(voice);
        total += weighted;
        // A category's name is cloned once per article, not once per hit.
        let stats = match categories.get_mut(category.name.as_str()) {
            Some(stats) => stats,
            None => categories.entry(category.name.clone()).or_default(),
        };
        stats.count += 1;
        stats.quoted += usize::from(voice == Voice::Quoted);
        stats.reported += usize::from(voice == Voice::Reported);
        stats.weighted += weighted;
        let (line, column) = lines.line_col(m.start);
        let sentence = segments.sentence_at(m.start);
        // Match offsets are char boundaries of `text`: the offset map only
        // maps char starts and ends (see normalize; property-tested).
        hits.push(Hit {
            rule: rule.id.clone(),
            pack: rules.pack_of(rule).name.clone(),
            category: category.name.clone(),
            weight: rule.weight,
            weighted,
            polarity: rule.polarity,
            text: text[m.start..m.end].to_string(),
            start: analysis.to_input(m.start),
            end: analysis.to_input(m.end),
            line,
            column,
            voice,
            quoted: voice == Voice::Quoted,
            sentence: [
                analysis.to_input(sentence.start),
                analysis.to_input(sentence.end),
            ],
            target: None,
        });
    }
    let words = segments.words;
    Report {
        source: analysis.source.clone(),
        id: analysis.id.clone(),
        title: title(text).to_string(),
        words,
        score: per_thousand(total, words),
        categories,
        hits,
        actors: None,
        warnings: analysis.warnings.clone(),
    }
}

/// The first non-empty line, trimmed.
pub fn title(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// Line and column for increasing offsets, in one forward pass over the
/// text: each byte is looked at once, however many hits share a line.
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// The offset counted up to.
    at: usize,
    line: usize,
    /// Characters from the line's start to `at`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            column: 0,
        }
    }

    /// 1-based line and column (in characters) of byte `offset`. Offsets
    /// must not decrease (hits come in text order); an earlier one starts
    /// the count again.
    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.at {
            self.at = 0;
            self.line = 1;
            self.column = 0;
        }
        let offset = offset.min(self.bytes.len());
        for &b in &self.bytes[self.at..offset] {
            if b == b'\n' {
                self.line += 1;
                self.column = 0;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a character starts here.
                self.column += 1;
            }
        }
        self.at = offset;
        (self.line, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_counts_characters_in_one_pass() {
        let text = "ab\ncdé\nfg";
        let mut lc = LineCounter::new(text);
        assert_eq!(lc.line_col(0), (1, 1));
        assert_eq!(lc.line_col(4), (2, 2));
        assert_eq!(lc.line_col(text.find('é').unwrap() + 2), (2, 4));
        assert_eq!(lc.line_col(text.find('f').unwrap()), (3, 1));
        assert_eq!(lc.line_col(1), (1, 2), "an earlier offset starts again");
    }

    #[test]
    fn title_is_first_non_empty_line() {
        assert_eq!(title("\n\n  Headline  \nbody"), "Headline");
        assert_eq!(title(""), "");
    }
}
