//! Measuring the packs against human-annotated news.
//!
//! Records are JSON Lines with `text`, an optional sentence `label`
//! (`biased` / `non-biased`), annotated spans `biased_spans_bytes`
//! (`[start, end, label]`, UTF-8 byte offsets) and, for articles, `event`.
//! Four measures, each computed only on the records that support it:
//!
//! - **sentence level**: a record is predicted biased when its authorial
//!   score (quoted hits left out) is above a threshold; precision, recall and
//!   F1 of the biased class, and macro F1 over both classes;
//! - **word level**: a hit is true when it overlaps an annotated span; a span
//!   is found when a hit overlaps it (spans labelled `informational`, which
//!   mark content rather than wording, are left out);
//! - **per rule and category**: hits, true and false hits, precision;
//! - **ordering** (records with `event` and no sentence label): for each
//!   pair of articles on one
//!   event whose `lexical` span densities differ, whether slant's scores
//!   order them the same way.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::model::{Report, ScoreOptions, Voice, round3};

/// One annotated record. Other fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalRecord {
    /// The text the offsets refer to.
    pub text: String,
    /// `biased`, `non-biased`, or none.
    #[serde(default)]
    pub label: Option<String>,
    /// Annotated spans: start and end byte offsets, and a label.
    #[serde(default)]
    pub biased_spans_bytes: Vec<(usize, usize, String)>,
    /// The event an article reports (BASIL), for ordering.
    #[serde(default)]
    pub event: Option<String>,
    /// The human's neutral rewrite of a biased sentence (WNC pairs), for
    /// measuring `slant fix`.
    #[serde(default)]
    pub neutral_version: Option<String>,
    /// Whether the human's rewrite changed one word only.
    #[serde(default)]
    pub single_word_edit: Option<bool>,
}

/// Parses one line. Python's `json` writes `NaN` and `Infinity`, which JSON
/// does not allow; outside strings they are read as `null`.
pub fn parse_record(line: &[u8]) -> Result<EvalRecord, String> {
    match serde_json::from_slice(line) {
        Ok(record) => Ok(record),
        Err(first) => {
            let cleaned = non_finite_to_null(line);
            if cleaned.as_slice() == line {
                return Err(first.to_string());
            }
            serde_json::from_slice(&cleaned).map_err(|e| e.to_string())
        }
    }
}

/// Replaces `NaN`, `Infinity` and `-Infinity` outside strings by `null`.
fn non_finite_to_null(line: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if in_string {
            out.push(b);
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let rest = &line[i..];
        let token = [&b"-Infinity"[..], b"Infinity", b"NaN"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        match token {
            Some(t) => {
                out.extend_from_slice(b"null");
                i += t.len();
            }
            None => {
                in_string = b == b'"';
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Settings of an evaluation run.
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    /// A record is predicted biased when its authorial score exceeds this.
    pub threshold: f64,
    /// Quoted weight for the scores used in ordering.
    pub score: ScoreOptions,
    /// How many missed annotated words to list.
    pub misses: usize,
}

/// The default threshold, in weighted authorial hits per 1,000 words: one
/// weight-2 hit flags a sentence of under 100 words, a lone hedge (0.5) only
/// one of under 25. Chosen on the BABE dev split (docs/evaluation.md).
pub const DEFAULT_THRESHOLD: f64 = 20.0;

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            threshold: DEFAULT_THRESHOLD,
            score: ScoreOptions::default(),
            misses: 0,
        }
    }
}

/// Counts of a binary decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Predicted biased, labelled biased.
    pub tp: u64,
    /// Predicted biased, labelled non-biased.
    pub fp: u64,
    /// Predicted non-biased, labelled non-biased.
    pub tn: u64,
    /// Predicted non-biased, labelled biased.
    pub fn_: u64,
}

/// Precision, recall and F1; 0 where undefined.
pub fn prf(tp: u64, fp: u64, fn_: u64) -> (f64, f64, f64) {
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    (p, r, harmonic(p, r))
}

impl Confusion {
    /// Precision, recall and F1 of the biased class.
    pub fn biased(&self) -> (f64, f64, f64) {
        prf(self.tp, self.fp, self.fn_)
    }

    /// Precision, recall and F1 of the non-biased class.
    pub fn non_biased(&self) -> (f64, f64, f64) {
        prf(self.tn, self.fn_, self.fp)
    }

    /// The mean of both classes' F1.
    pub fn macro_f1(&self) -> f64 {
        (self.biased().2 + self.non_biased().2) / 2.0
    }
}

/// Sentence-level results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceMetrics {
    /// The threshold used.
    pub threshold: f64,
    /// Records with a biased/non-biased label.
    pub records: u64,
    /// The counts.
    pub confusion: Confusion,
    /// Of the biased class.
    #[serde(serialize_with = "round3")]
    pub precision: f64,
    /// Of the biased class.
    #[serde(serialize_with = "round3")]
    pub recall: f64,
    /// Of the biased class.
    #[serde(serialize_with = "round3")]
    pub f1: f64,
    /// Mean F1 of both classes.
    #[serde(serialize_with = "round3")]
    pub macro_f1: f64,
}

/// Hits against annotated spans, overall or for one span label.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpanMetrics {
    /// The span label, or `all`.
    pub label: String,
    /// Annotated spans.
    pub spans: u64,
    /// Spans overlapped by a hit.
    pub found: u64,
    /// Hits (in records with span annotation).
    pub hits: u64,
    /// Hits overlapping a span (of this label).
    pub true_hits: u64,
    /// `true_hits / hits`.
    #[serde(serialize_with = "round3")]
    pub precision: f64,
    /// `found / spans`.
    #[serde(serialize_with = "round3")]
    pub recall: f64,
    /// Harmonic mean of the two.
    #[serde(serialize_with = "round3")]
    pub f1: f64,
}

/// Hits of one rule or category.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleMetrics {
    /// Rule id or category name.
    pub name: String,
    /// Hits.
    pub hits: u64,
    /// Hits overlapping an annotated span.
    pub true_hits: u64,
    /// The others.
    pub false_hits: u64,
    /// `true_hits / hits`.
    #[serde(serialize_with = "round3")]
    pub precision: f64,
}

/// Same-event ordering results.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderingMetrics {
    /// Events with two or more articles.
    pub events: u64,
    /// Pairs whose annotated densities differ.
    pub pairs: u64,
    /// Pairs slant orders the same way (a tie in slant's scores counts half).
    #[serde(serialize_with = "round3")]
    pub agreeing: f64,
    /// `agreeing / pairs`.
    #[serde(serialize_with = "round3")]
    pub accuracy: f64,
}

/// The results of one evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Records read.
    pub records: u64,
    /// Sentence level, if any record has a label.
    pub sentence: Option<SentenceMetrics>,
    /// Word level over all span labels (but `informational`).
    pub words: Option<SpanMetrics>,
    /// Word level, the writer's own voice only: authorial hits against the
    /// spans outside quotations.
    pub authorial_words: Option<SpanMetrics>,
    /// Word level per span label.
    pub span_labels: Vec<SpanMetrics>,
    /// Per rule, worst precision first.
    pub rules: Vec<RuleMetrics>,
    /// Per category, worst precision first.
    pub categories: Vec<RuleMetrics>,
    /// Same-event ordering, if records carry events.
    pub ordering: Option<OrderingMetrics>,
    /// Annotated words no hit overlapped, most frequent first.
    pub misses: Vec<(String, u64)>,
    /// Rewrites against human neutral versions, if records carry them.
    pub neutralize: Option<NeutralizeReport>,
}

/// How `slant fix` compares with human neutralising edits (WNC pairs).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NeutralizeMetrics {
    /// Biased sentences with a neutral version.
    pub pairs: u64,
    /// Of those, with an edited word to find (the others are pure
    /// insertions).
    pub with_edited_word: u64,
    /// An edited word overlapped by a hit (any voice).
    pub detected: u64,
    /// The highest-weighted hit overlaps an edited word.
    pub top1: u64,
    /// Sentences `slant fix --review` changed at all.
    pub rewritten: u64,
    /// The rewrite equals the neutral version after whitespace is made
    /// one space.
    pub exact: u64,
    /// `detected / with_edited_word`.
    #[serde(serialize_with = "round3")]
    pub detection: f64,
    /// `top1 / with_edited_word`.
    #[serde(serialize_with = "round3")]
    pub top1_accuracy: f64,
    /// `exact / pairs`.
    #[serde(serialize_with = "round3")]
    pub rewrite_accuracy: f64,
}

/// Neutralising measured overall and on single-word edits.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NeutralizeReport {
    /// Every pair.
    pub all: NeutralizeMetrics,
    /// Pairs whose human edit changed one word.
    pub single_word: NeutralizeMetrics,
}

/// One pair's outcome: (single-word edit, has an edited word, detected,
/// top-1, rewritten, exact).
type PairResult = (bool, bool, bool, bool, bool, bool);

/// Compares `slant fix --review` on a biased sentence with the human's
/// neutral version.
fn neutralize(engine: &Engine, record: &EvalRecord, report: &Report) -> Option<PairResult> {
    let neutral = record.neutral_version.as_ref()?;
    let edited: Vec<&(usize, usize, String)> = record
        .biased_spans_bytes
        .iter()
        .filter(|s| s.2 == "edited_word")
        .collect();
    let overlaps = |h: &crate::model::Hit| edited.iter().any(|s| h.start < s.1 && s.0 < h.end);
    let detected = report.hits.iter().any(overlaps);
    // The first of the heaviest hits, in text order.
    let top = report
        .hits
        .iter()
        .fold(None::<&crate::model::Hit>, |best, h| match best {
            Some(b) if b.weighted >= h.weighted => Some(b),
            _ => Some(h),
        });
    let top1 = top.is_some_and(overlaps);
    let edits = crate::fix::plan(engine.rules(), report, &record.text, true);
    let fixed = crate::fix::apply(&record.text, &edits);
    let exact = crate::fix::squash_spaces(&fixed) == crate::fix::squash_spaces(neutral);
    Some((
        record.single_word_edit.unwrap_or(false),
        !edited.is_empty(),
        detected,
        top1,
        !edits.is_empty(),
        exact,
    ))
}

/// What one record contributes; computed independently per record, so
/// records can be scored in parallel and added in order.
#[derive(Debug, Clone, Default)]
pub struct RecordResult {
    /// Whether the record had a sentence label, and whether it is biased.
    labelled: Option<bool>,
    predicted: bool,
    /// Per hit: rule id, category, the labels of the spans it overlaps,
    /// and whether it is in the writer's voice.
    hits: Vec<(String, String, Vec<String>, bool)>,
    /// Per span: label, whether found, lowercased text, and, for spans
    /// outside quotations, whether an authorial hit found it.
    spans: Vec<(String, bool, String, Option<bool>)>,
    /// Event and (annotated lexical density, slant score).
    event: Option<(String, f64, f64)>,
    /// A biased sentence with a human neutral version.
    pair: Option<PairResult>,
}

/// Scores one record and compares it with its annotation.
pub fn score_record(engine: &Engine, record: &EvalRecord, options: &EvalOptions) -> RecordResult {
    let analysis = engine.analyze_text("", &record.text);
    let report = engine.report(&analysis, &options.score);
    // Spans inside quotations are the sources' words, not the writer's;
    // scare quotes are the writer's.
    let quoted = |at: usize| analysis.voices.voice_at(&analysis.segments, at) == Voice::Quoted;
    let mut result = judge(record, &report, options.threshold, &quoted);
    result.pair = neutralize(engine, record, &report);
    result
}

/// Compares a record's report with its annotation; `quoted` says whether a
/// text offset lies in a quotation.
pub fn judge(
    record: &EvalRecord,
    report: &Report,
    threshold: f64,
    quoted: &dyn Fn(usize) -> bool,
) -> RecordResult {
    let authorial: f64 = report
        .hits
        .iter()
        .filter(|h| h.voice == Voice::Authorial)
        .map(|h| h.weight)
        .sum();
    let authorial_score = if report.words == 0 {
        0.0
    } else {
        authorial / report.words as f64 * 1000.0
    };
    let labelled = match record.label.as_deref() {
        Some("biased") => Some(true),
        Some("non-biased") => Some(false),
        _ => None,
    };
    let spans: Vec<&(usize, usize, String)> = record
        .biased_spans_bytes
        .iter()
        .filter(|s| s.2 != "informational")
        .collect();
    // Hits are sorted and do not overlap, so their ends are sorted too: the
    // hits a span overlaps are found by binary search, and each pair is
    // visited once (not every hit against every span).
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); report.hits.len()];
    let spans = spans
        .iter()
        .map(|s| {
            let first = report.hits.partition_point(|h| h.end <= s.0);
            let (mut found, mut found_authorial) = (false, false);
            for (k, h) in report.hits[first..]
                .iter()
                .enumerate()
                .take_while(|(_, h)| h.start < s.1)
            {
                found = true;
                found_authorial |= h.voice == Voice::Authorial;
                labels[first + k].push(s.2.clone());
            }
            let found_authorial = (!quoted(s.0)).then_some(found_authorial);
            let text = record.text.get(s.0..s.1).unwrap_or("").to_lowercase();
            (s.2.clone(), found, text, found_authorial)
        })
        .collect();
    let hits = report
        .hits
        .iter()
        .zip(labels)
        .map(|(h, labels)| {
            let authorial = h.voice == Voice::Authorial;
            (h.rule.clone(), h.category.clone(), labels, authorial)
        })
        .collect();
    // Ordering compares whole articles: sentence records (with a label) of
    // the same event are not articles to order.
    let event = record
        .event
        .as_ref()
        .filter(|_| labelled.is_none())
        .map(|e| {
            let lexical = record
                .biased_spans_bytes
                .iter()
                .filter(|s| s.2 == "lexical")
                .count();
            let density = if report.words == 0 {
                0.0
            } else {
                lexical as f64 / report.words as f64 * 1000.0
            };
            (e.clone(), density, report.score)
        });
    RecordResult {
        labelled,
        predicted: authorial_score > threshold,
        hits,
        spans,
        event,
        pair: None,
    }
}

/// Adds up record results.
#[derive(Debug, Default)]
pub struct Evaluator {
    threshold: f64,
    misses_wanted: usize,
    records: u64,
    labelled: u64,
    confusion: Confusion,
    words: SpanMetrics,
    authorial_words: SpanMetrics,
    labels: BTreeMap<String, SpanMetrics>,
    rules: BTreeMap<String, RuleMetrics>,
    categories: BTreeMap<String, RuleMetrics>,
    events: BTreeMap<String, Vec<(f64, f64)>>,
    misses: HashMap<String, u64>,
    neutralize: Option<NeutralizeReport>,
}

impl Evaluator {
    /// A new, empty evaluation.
    pub fn new(options: &EvalOptions) -> Evaluator {
        Evaluator {
            threshold: options.threshold,
            misses_wanted: options.misses,
            ..Evaluator::default()
        }
    }

    /// Adds one record's result.
    pub fn add(&mut self, r: &RecordResult) {
        self.records += 1;
        if let Some(biased) = r.labelled {
            self.labelled += 1;
            let c = &mut self.confusion;
            match (r.predicted, biased) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, false) => c.tn += 1,
                (false, true) => c.fn_ += 1,
            }
        }
        for (rule, category, labels, authorial) in &r.hits {
            let true_hit = !labels.is_empty();
            self.words.hits += 1;
            self.words.true_hits += u64::from(true_hit);
            if *authorial {
                self.authorial_words.hits += 1;
                self.authorial_words.true_hits += u64::from(true_hit);
            }
            for m in [
                self.rules.entry(rule.clone()).or_default(),
                self.categories.entry(category.clone()).or_default(),
            ] {
                m.hits += 1;
                m.true_hits += u64::from(true_hit);
            }
            let mut seen: Vec<&String> = Vec::new();
            for label in labels {
                if !seen.contains(&label) {
                    seen.push(label);
                    self.labels.entry(label.clone()).or_default().true_hits += 1;
                }
            }
        }
        for (label, found, text, found_authorial) in &r.spans {
            self.words.spans += 1;
            self.words.found += u64::from(*found);
            if let Some(found) = found_authorial {
                self.authorial_words.spans += 1;
                self.authorial_words.found += u64::from(*found);
            }
            let m = self.labels.entry(label.clone()).or_default();
            m.spans += 1;
            m.found += u64::from(*found);
            if !found && !text.trim().is_empty() {
                *self.misses.entry(text.clone()).or_default() += 1;
            }
        }
        if let Some((single, has_word, detected, top1, rewritten, exact)) = r.pair {
            let n = self
                .neutralize
                .get_or_insert_with(NeutralizeReport::default);
            for m in [Some(&mut n.all), single.then_some(&mut n.single_word)]
                .into_iter()
                .flatten()
            {
                m.pairs += 1;
                m.with_edited_word += u64::from(has_word);
                m.detected += u64::from(detected);
                m.top1 += u64::from(top1);
                m.rewritten += u64::from(rewritten);
                m.exact += u64::from(exact);
            }
        }
        if let Some((event, density, score)) = &r.event {
            self.events
                .entry(event.clone())
                .or_default()
                .push((*density, *score));
        }
    }

    /// The results.
    pub fn finish(self) -> EvalReport {
        let sentence = (self.labelled > 0).then(|| {
            let (precision, recall, f1) = self.confusion.biased();
            SentenceMetrics {
                threshold: self.threshold,
                records: self.labelled,
                confusion: self.confusion,
                precision,
                recall,
                f1,
                macro_f1: self.confusion.macro_f1(),
            }
        });
        let finish_span = |label: String, mut m: SpanMetrics| {
            m.label = label;
            m.precision = ratio(m.true_hits, m.hits);
            m.recall = ratio(m.found, m.spans);
            m.f1 = harmonic(m.precision, m.recall);
            m
        };
        let words = (self.words.spans > 0).then(|| finish_span("all".into(), self.words.clone()));
        let authorial_words = (self.authorial_words.spans > 0)
            .then(|| finish_span("authorial".into(), self.authorial_words.clone()));
        // A label's precision is over all hits: which share lands on it.
        let all_hits = self.words.hits;
        let span_labels = self
            .labels
            .into_iter()
            .map(|(label, mut m)| {
                m.hits = all_hits;
                finish_span(label, m)
            })
            .collect();
        let finish_rules = |map: BTreeMap<String, RuleMetrics>| {
            let mut v: Vec<RuleMetrics> = map
                .into_iter()
                .map(|(name, mut m)| {
                    m.name = name;
                    m.false_hits = m.hits - m.true_hits;
                    m.precision = ratio(m.true_hits, m.hits);
                    m
                })
                .collect();
            // The editor's tuning list: most false hits first.
            v.sort_by(|a, b| {
                b.false_hits
                    .cmp(&a.false_hits)
                    .then(a.precision.total_cmp(&b.precision))
                    .then_with(|| a.name.cmp(&b.name))
            });
            v
        };
        let ordering = ordering(&self.events);
        let mut misses: Vec<(String, u64)> = self.misses.into_iter().collect();
        misses.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        misses.truncate(self.misses_wanted);
        let neutralize = self.neutralize.map(|mut n| {
            for m in [&mut n.all, &mut n.single_word] {
                m.detection = ratio(m.detected, m.with_edited_word);
                m.top1_accuracy = ratio(m.top1, m.with_edited_word);
                m.rewrite_accuracy = ratio(m.exact, m.pairs);
            }
            n
        });
        EvalReport {
            neutralize,
            records: self.records,
            sentence,
            words,
            authorial_words,
            span_labels,
            rules: finish_rules(self.rules),
            categories: finish_rules(self.categories),
            ordering,
            misses,
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Pairwise ordering accuracy over events with two or more articles.
fn ordering(events: &BTreeMap<String, Vec<(f64, f64)>>) -> Option<OrderingMetrics> {
    let mut m = OrderingMetrics::default();
    for articles in events.values().filter(|a| a.len() > 1) {
        m.events += 1;
        for (i, a) in articles.iter().enumerate() {
            for b in &articles[i + 1..] {
                if a.0 == b.0 {
                    continue;
                }
                m.pairs += 1;
                m.agreeing += if a.1 == b.1 {
                    0.5
                } else if (a.0 > b.0) == (a.1 > b.1) {
                    1.0
                } else {
                    0.0
                };
            }
        }
    }
    if m.events == 0 {
        return None;
    }
    m.accuracy = if m.pairs == 0 {
        0.0
    } else {
        m.agreeing / m.pairs as f64
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_in_quotations_are_left_out_of_the_writers_voice() {
        let engine = Engine::with_defaults().unwrap();
        let text = "He called it \"a disgrace\" and left. The obviously rushed vote.";
        let record = EvalRecord {
            text: text.into(),
            label: None,
            // "disgrace" inside the quotation, "obviously" in the writer's voice.
            biased_spans_bytes: vec![(16, 24, "lexical".into()), (40, 49, "lexical".into())],
            event: None,
            neutral_version: None,
            single_word_edit: None,
        };
        assert_eq!(&text[16..24], "disgrace");
        assert_eq!(&text[40..49], "obviously");
        let options = EvalOptions {
            threshold: DEFAULT_THRESHOLD,
            score: ScoreOptions::default(),
            misses: 0,
        };
        let mut e = Evaluator::new(&options);
        e.add(&score_record(&engine, &record, &options));
        let a = e.finish().authorial_words.unwrap();
        assert_eq!((a.spans, a.found), (1, 1), "only the unquoted span counts");
    }

    #[test]
    fn confusion_arithmetic_by_hand() {
        // 3 TP, 1 FP, 4 TN, 2 FN.
        let c = Confusion {
            tp: 3,
            fp: 1,
            tn: 4,
            fn_: 2,
        };
        let (p, r, f) = c.biased();
        assert!((p - 0.75).abs() < 1e-12);
        assert!((r - 0.6).abs() < 1e-12);
        assert!((f - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12); // 0.6667
        let (p, r, f) = c.non_biased();
        assert!((p - 4.0 / 6.0).abs() < 1e-12);
        assert!((r - 0.8).abs() < 1e-12);
        assert!((f - 2.0 * (4.0 / 6.0) * 0.8 / (4.0 / 6.0 + 0.8)).abs() < 1e-12); // 0.7273
        assert!((c.macro_f1() - (2.0 / 3.0 + 8.0 / 11.0) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn reads_python_nan_as_null_outside_strings() {
        let r =
            parse_record(br#"{"text": "NaN \" NaN", "x": NaN, "y": -Infinity, "label": "biased"}"#)
                .unwrap();
        assert_eq!(r.text, "NaN \" NaN");
        assert_eq!(r.label.as_deref(), Some("biased"));
        assert!(parse_record(b"{\"text\": nope}").is_err());
    }

    #[test]
    fn undefined_metrics_are_zero() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(Confusion::default().macro_f1(), 0.0);
    }

    #[test]
    fn ordering_counts_pairs_with_different_densities() {
        let mut events = BTreeMap::new();
        // Event a: densities 1, 2, 2; scores 10, 20, 5.
        // Pairs with different densities: (1,2a) agree, (1,2b) disagree.
        events.insert("a".to_string(), vec![(1.0, 10.0), (2.0, 20.0), (2.0, 5.0)]);
        // Event b: a score tie counts half.
        events.insert("b".to_string(), vec![(0.0, 3.0), (4.0, 3.0)]);
        // Event c: one article, not an event for ordering.
        events.insert("c".to_string(), vec![(1.0, 1.0)]);
        let m = ordering(&events).unwrap();
        assert_eq!((m.events, m.pairs), (2, 3));
        assert!((m.agreeing - 1.5).abs() < 1e-12);
        assert!((m.accuracy - 0.5).abs() < 1e-12);
    }
}
