//! The framing report of one article, built from its [`Analysis`].
//!
//! `score = Σ (weight × voice multiplier) / words × 1000`: a hit in the
//! writer's own voice counts fully, one in reported speech times the
//! reported weight, one in a quotation times the quoted weight, because the
//! outlet reports those rather than says them; `docs/scoring.md` explains
//! the choice.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::Analysis;
use crate::input::SourceMap;
use crate::model::{
    ATTRIBUTION_CATEGORY, CategoryStats, Hit, Polarity, Report, ScoreOptions, Topic, Voice,
    per_thousand,
};
use crate::negation::is_negated;
use crate::normalize::{fold_term, one_line};
use crate::rules::RuleSet;

/// What scoring decided about one match of an analysis, before it is
/// rendered as a [`Hit`]: a summary adds these up without building hits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub voice: Voice,
    pub negated: bool,
    /// Weight times the voice's multiplier, negation and topic damping.
    pub weighted: f64,
    /// The occurrence of a topic term (see [`damp_topics`]).
    pub topic: Option<u32>,
}

/// An analysis scored: one [`Scored`] per match, the topics, the totals per
/// category and the score.
pub(crate) struct Scoring {
    pub scored: Vec<Scored>,
    pub topics: Vec<Topic>,
    pub categories: BTreeMap<String, CategoryStats>,
    pub score: f64,
}

/// Scores every match of `analysis` (not the suppressed ones).
pub(crate) fn score(rules: &RuleSet, analysis: &Analysis, options: &ScoreOptions) -> Scoring {
    let mut scored: Vec<Scored> = analysis
        .matches
        .iter()
        .map(|m| scored(rules, analysis, options, m))
        .collect();
    let topics = damp_topics(rules, analysis, &mut scored);
    let mut categories: BTreeMap<String, CategoryStats> = BTreeMap::new();
    let mut total = 0.0;
    for (m, s) in analysis.matches.iter().zip(&scored) {
        total += s.weighted;
        let name = &rules.category_of(rules.get(m.rule)).name;
        // A category's name is cloned once per article, not once per hit.
        let stats = match categories.get_mut(name.as_str()) {
            Some(stats) => stats,
            None => categories.entry(name.clone()).or_default(),
        };
        stats.count += 1;
        stats.quoted += usize::from(s.voice == Voice::Quoted);
        stats.reported += usize::from(s.voice == Voice::Reported);
        stats.weighted += s.weighted;
    }
    Scoring {
        scored,
        topics,
        categories,
        score: per_thousand(total, analysis.segments.words),
    }
}

/// Builds the report of an analysed article (without actor profiles, which
/// the engine adds when actors are loaded).
pub(crate) fn report(rules: &RuleSet, analysis: &Analysis, options: &ScoreOptions) -> Report {
    let text = analysis.text.as_str();
    let Scoring {
        scored: matched,
        topics,
        categories,
        score,
    } = score(rules, analysis, options);
    let mut lines = LineCounter::new(text, &analysis.map);
    let hits: Vec<Hit> = analysis
        .matches
        .iter()
        .zip(matched)
        .map(|(m, s)| hit(rules, analysis, m, s, &mut lines))
        .collect();
    let mut lines = LineCounter::new(text, &analysis.map);
    let suppressed = analysis
        .suppressed
        .iter()
        .map(|m| {
            let s = scored(rules, analysis, options, m);
            hit(rules, analysis, m, s, &mut lines)
        })
        .collect();
    Report {
        source: analysis.source.clone(),
        id: analysis.id.clone(),
        group: None,
        title: analysis
            .title
            .clone()
            .unwrap_or_else(|| title(text).to_string()),
        words: analysis.segments.words,
        score,
        categories,
        hits,
        suppressed,
        topics,
        actors: None,
        warnings: analysis.warnings.clone(),
    }
}

/// The voice, negation and weight of one match (topics are damped after).
fn scored(
    rules: &RuleSet,
    analysis: &Analysis,
    options: &ScoreOptions,
    m: &crate::matcher::Match,
) -> Scored {
    let segments = &analysis.segments;
    let rule = rules.get(m.rule);
    let voice = match analysis.voices.voice_at(segments, m.start) {
        // "…, he said, touting the plan": the verb is the writer's.
        Voice::Reported if rules.category_of(rule).name == ATTRIBUTION_CATEGORY => Voice::Authorial,
        voice => voice,
    };
    let sentence = segments.sentence_at(m.start);
    let negated = is_negated(&analysis.text, sentence.start, m.start);
    let mut weighted = rule.weight * options.voice_weight(voice);
    if negated {
        weighted *= options.negated_weight;
    }
    Scored {
        voice,
        negated,
        weighted,
        topic: None,
    }
}

/// The hit of one scored match.
fn hit(
    rules: &RuleSet,
    analysis: &Analysis,
    m: &crate::matcher::Match,
    s: Scored,
    lines: &mut LineCounter<'_>,
) -> Hit {
    let text = analysis.text.as_str();
    let rule = rules.get(m.rule);
    let sentence = analysis.segments.sentence_at(m.start);
    let (line, column) = lines.line_col(m.start);
    // Match offsets are char boundaries of `text`: the offset map only
    // maps char starts and ends (see normalize; property-tested).
    Hit {
        rule: rule.id.clone(),
        pack: rules.pack_of(rule).name.clone(),
        category: rules.category_of(rule).name.clone(),
        weight: rule.weight,
        weighted: s.weighted,
        polarity: rule.polarity,
        text: text[m.start..m.end].to_string(),
        start: analysis.to_input(m.start),
        end: analysis.to_input_end(m.end),
        line,
        column,
        voice: s.voice,
        quoted: s.voice == Voice::Quoted,
        sentence: [
            analysis.to_input(sentence.start),
            analysis.to_input_end(sentence.end),
        ],
        negated: s.negated,
        topic: s.topic,
        target: None,
    }
}

/// Occurrences of a term from which it names the story's subject.
pub const TOPIC_REPEATS: usize = 3;

/// Finds the loaded terms that name the story's subject (in the headline,
/// which ends at text offset `headline_end`, or [`TOPIC_REPEATS`] times or
/// more) and weighs their n-th occurrence 1/n. Only terms that take a side
/// (positive or negative polarity, not verbs of saying) can name a subject:
/// a writer who says "obviously" three times frames three times.
fn damp_topics(rules: &RuleSet, analysis: &Analysis, scored: &mut [Scored]) -> Vec<Topic> {
    let text = analysis.text.as_str();
    let matches = &analysis.matches;
    // Folded term -> indices of its hits, in order.
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let rule = rules.get(m.rule);
        if rule.polarity == Polarity::Neutral
            || rules.category_of(rule).name == ATTRIBUTION_CATEGORY
        {
            continue;
        }
        let key = fold_term(&text[m.start..m.end]);
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(i);
    }
    let mut topics = Vec::new();
    for key in order {
        let group = &groups[&key];
        let in_headline = group
            .iter()
            .any(|&i| matches[i].start < analysis.headline_end);
        if !in_headline && group.len() < TOPIC_REPEATS {
            continue;
        }
        for (n, &i) in group.iter().enumerate() {
            let occurrence = n + 1;
            scored[i].topic = Some(u32::try_from(occurrence).unwrap_or(u32::MAX));
            scored[i].weighted /= occurrence as f64;
        }
        let first = &matches[group[0]];
        topics.push(Topic {
            term: one_line(&text[first.start..first.end]).to_lowercase(),
            category: rules.category_of(rules.get(first.rule)).name.clone(),
            count: group.len(),
            in_headline,
        });
    }
    topics
}

/// Where the first non-empty line (the headline) ends.
pub(crate) fn headline_end(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            return at + line.trim_end().len();
        }
        at += line.len();
    }
    0
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
/// Lines and columns are the input's: counted from the start of the
/// offset's piece of the [`SourceMap`] where the extractor dropped input
/// (Markdown, HTML), from the text's start otherwise.
struct LineCounter<'a> {
    bytes: &'a [u8],
    map: &'a SourceMap,
    /// The piece counted in.
    piece: usize,
    /// The offset counted up to.
    at: usize,
    line: usize,
    /// Characters from the line's start to `at`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, map: &'a SourceMap) -> Self {
        let (piece, start) = map.anchor(0);
        LineCounter {
            bytes: text.as_bytes(),
            map,
            piece,
            at: start.text,
            line: start.line,
            column: start.column.saturating_sub(1),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`. Offsets
    /// must not decrease (hits come in text order); an earlier one, or one
    /// in another piece, starts the count again from its piece's start.
    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.bytes.len());
        let (piece, start) = self.map.anchor(offset);
        if piece != self.piece || offset < self.at {
            self.piece = piece;
            self.at = start.text.min(offset);
            self.line = start.line;
            self.column = start.column.saturating_sub(1);
        }
        // Newlines by a vector search, then the characters after the last
        // one by a count the compiler vectorizes: a branch per byte here was
        // a tenth of building a report.
        let span = &self.bytes[self.at..offset];
        match memchr::memrchr(b'\n', span) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', span).count();
                self.column = chars_in(&span[last + 1..]);
            }
            None => self.column += chars_in(span),
        }
        self.at = offset;
        (self.line, self.column + 1)
    }
}

/// Characters in UTF-8 `bytes`: the bytes that are not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_counts_characters_in_one_pass() {
        let text = "ab\ncdé\nfg";
        let map = SourceMap::default();
        let mut lc = LineCounter::new(text, &map);
        assert_eq!(lc.line_col(0), (1, 1));
        assert_eq!(lc.line_col(4), (2, 2));
        assert_eq!(lc.line_col(text.find('é').unwrap() + 2), (2, 4));
        assert_eq!(lc.line_col(text.find('f').unwrap()), (3, 1));
        assert_eq!(lc.line_col(1), (1, 2), "an earlier offset starts again");
    }

    #[test]
    fn line_counter_agrees_with_counting_every_character() {
        let text = "Über\n\nthe “quoted” line\r\nnaïve café\n\n\nend ✓ here\n".repeat(7);
        let map = SourceMap::default();
        let mut lc = LineCounter::new(&text, &map);
        let (mut line, mut column) = (1, 1);
        for (at, c) in text.char_indices() {
            assert_eq!(lc.line_col(at), (line, column), "at {at}");
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
    }

    #[test]
    fn headline_ends_with_the_first_non_empty_line() {
        assert_eq!(headline_end("\n\n  Headline  \nbody"), 12);
        assert_eq!(headline_end("Only line"), 9);
        assert_eq!(headline_end(""), 0);
    }

    #[test]
    fn title_is_first_non_empty_line() {
        assert_eq!(title("\n\n  Headline  \nbody"), "Headline");
        assert_eq!(title(""), "");
    }
}
