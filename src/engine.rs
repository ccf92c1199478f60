//! The compiled engine: rule packs plus their matcher, built once per run.
//!
//! [`Engine::analyze`] runs the pipeline for one article (extract the text,
//! find matches, segment quotes and sentences, find actors) and
//! keeps it all in an [`Analysis`]; [`Engine::report`] builds the report
//! from that.

use std::borrow::Cow;

use crate::actors::{self, Actors};
use crate::analysis::Analysis;
use crate::detectors;
use crate::ids::RuleId;
use crate::input::{Extracted, Extractor, PlainText};
use crate::matcher::{Match, Matcher};
use crate::model::Voice;
use crate::model::{Report, ScoreOptions};
use crate::rules::{Detector, PackErrors, RuleSet};
use crate::score;
use crate::segment::segment;
use crate::suppress;
use crate::voice::{first_person_lines, voices_at};

/// An error building the engine.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The rule packs have mistakes.
    #[error("{0}")]
    Packs(#[from] PackErrors),
    /// The automaton could not be built (for example, too many patterns).
    #[error("cannot compile the rule packs into one matcher: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

/// Compiled rule packs, ready to scan any number of articles.
/// Cheap to share across threads by reference.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: RuleSet,
    matcher: Matcher,
    /// Rules whose hits a built-in detector finds.
    detectors: Vec<(Detector, RuleId)>,
    actors: Option<Actors>,
}

/// An example of a rule that does not behave as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// The example's text.
    pub example: String,
    /// Whether the example was declared under `match:` (and did not match),
    /// or under `no_match:` (and matched).
    pub expected_match: bool,
    /// What matched instead, if anything: `rule-id "surface"`.
    pub found: Vec<String>,
    /// For a `fix:` example: the expected rewrite and what the rule's
    /// replacements made of the text instead.
    pub fix: Option<(String, String)>,
}

impl Engine {
    /// Compiles `rules`.
    pub fn new(rules: RuleSet) -> Result<Engine, EngineError> {
        let matcher = Matcher::new(&rules)?;
        let detectors = rules
            .rules()
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.detector.map(|d| (d, RuleId::new(i))))
            .collect();
        Ok(Engine {
            rules,
            matcher,
            detectors,
            actors: None,
        })
    }

    /// Adds actors: reports then target each hit and profile each actor.
    pub fn with_actors(mut self, actors: Actors) -> Engine {
        self.actors = Some(actors);
        self
    }

    /// The engine of the embedded default packs.
    pub fn with_defaults() -> Result<Engine, EngineError> {
        Engine::new(RuleSet::defaults()?)
    }

    /// The loaded rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The loaded actors, if any.
    pub fn actors(&self) -> Option<&Actors> {
        self.actors.as_ref()
    }

    /// Finds rule matches in `text` (byte offsets into `text`).
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.matcher.find_text(text)
    }

    /// Analyses one article given as the bytes of a plain-text input: a
    /// UTF-8 byte-order mark is skipped (offsets still count it), invalid
    /// UTF-8 is decoded lossily with a warning.
    pub fn analyze(&self, source: &str, input: &[u8]) -> Analysis {
        self.analyze_with(source, input, &PlainText)
    }

    /// Analyses one article extracted from `input` by `extractor`.
    pub fn analyze_with(&self, source: &str, input: &[u8], extractor: &dyn Extractor) -> Analysis {
        self.analyze_extracted(source, extractor.extract(input))
    }

    /// Analyses one article given as text; offsets in its report are
    /// offsets into `text`.
    pub fn analyze_text(&self, source: &str, text: &str) -> Analysis {
        self.analyze_extracted(
            source,
            Extracted {
                text: Cow::Borrowed(text),
                ..Extracted::default()
            },
        )
    }

    /// Analyses one article given as owned text (a JSON Lines record's),
    /// without copying it.
    pub fn analyze_string(&self, source: &str, text: String) -> Analysis {
        self.analyze_extracted(
            source,
            Extracted {
                text: Cow::Owned(text),
                ..Extracted::default()
            },
        )
    }

    fn analyze_extracted(&self, source: &str, extracted: Extracted<'_>) -> Analysis {
        let Extracted {
            text,
            map,
            mut warnings,
            title,
            quoted,
            directives,
        } = extracted;
        let text = text.into_owned();
        let mut segments = segment(&text);
        // Quoted speech the input marks up (block quotes) is quoted too.
        segments.add_quoted(&quoted);
        let headline_end = score::headline_end(&text);
        let terms = self.matcher.find_text(&text);
        let has_term = |r: std::ops::Range<usize>| {
            let i = terms.partition_point(|m| m.end <= r.start);
            terms.get(i).is_some_and(|m| m.start < r.end)
        };
        let scare = detectors::scare_quotes(&text, &segments, headline_end, &has_term);
        let matches = self.with_detected(terms, &text, &segments, &scare);
        let starts: Vec<usize> = matches.iter().map(|m| m.start).collect();
        let mut voices = voices_at(&text, &segments, &starts);
        voices.scare = scare;
        voices.first_person = first_person_lines(&text, &segments, &starts);
        // A question is a hit only in the writer's own voice.
        let mut matches = matches;
        if let Some(&(_, question)) = self
            .detectors
            .iter()
            .find(|(d, _)| *d == Detector::AuthorialQuestion)
        {
            matches.retain(|m| {
                m.rule != question || voices.voice_at(&segments, m.start) == Voice::Authorial
            });
        }
        let (matches, suppressed) = suppress::split(matches, &directives, &text, &self.rules);
        for unknown in suppress::unknown_targets(&directives, &self.rules) {
            warnings.push(format!(
                "a slant-disable comment names `{unknown}`, which is neither a rule id nor a category; it silences nothing"
            ));
        }
        let mentions = match &self.actors {
            Some(actors) => actors.find(&text),
            None => Vec::new(),
        };
        Analysis {
            source: source.to_string(),
            id: None,
            text,
            headline_end,
            map,
            segments,
            voices,
            matches,
            suppressed,
            title,
            mentions,
            warnings,
        }
    }

    /// Adds the hits of detector rules to the term matches, in text order.
    /// A detected span that overlaps a term's match gives way to it (a term
    /// inside scare quotes is still reported, in the writer's voice).
    fn with_detected(
        &self,
        matches: Vec<Match>,
        text: &str,
        segments: &crate::segment::Segments,
        scare: &[std::ops::Range<usize>],
    ) -> Vec<Match> {
        if self.detectors.is_empty() {
            return matches;
        }
        let mut detected: Vec<Match> = Vec::new();
        for &(detector, rule) in &self.detectors {
            let spans = match detector {
                Detector::ScareQuotes => scare.to_vec(),
                Detector::AuthorialQuestion => detectors::authorial_questions(text, segments),
            };
            detected.extend(spans.into_iter().map(|r| Match {
                rule,
                start: r.start,
                end: r.end,
            }));
        }
        detected.sort_by_key(|m| m.start);
        // Merge two sorted lists, dropping detected spans that overlap a
        // term match (or an earlier detected span).
        let mut out = Vec::with_capacity(matches.len() + detected.len());
        let mut terms = matches.into_iter().peekable();
        let mut covered_to = 0;
        for d in detected {
            while let Some(t) = terms.next_if(|t| t.start < d.end) {
                covered_to = covered_to.max(t.end);
                out.push(t);
            }
            if d.start >= covered_to {
                covered_to = d.end;
                out.push(d);
            }
        }
        out.extend(terms);
        out
    }

    /// The report of an analysed article: hits, totals, score and, with
    /// actors loaded, who each hit targets and how each actor is framed.
    pub fn report(&self, analysis: &Analysis, options: &ScoreOptions) -> Report {
        let mut report = score::report(&self.rules, analysis, options);
        if let Some(actors) = &self.actors {
            let spans: Vec<_> = analysis.matches.iter().map(|m| m.start..m.end).collect();
            let profiles = actors::profile(
                actors.names(),
                &analysis.mentions,
                &report.hits,
                &spans,
                &analysis.text,
                &analysis.segments,
            );
            for (hit, target) in report.hits.iter_mut().zip(profiles.targets) {
                hit.target = target.map(|a| actors.name(a).to_string());
            }
            report.actors = Some(profiles.profiles);
        }
        report
    }

    /// Analyses and reports in one step, for callers that do not keep the
    /// analysis (bytes of a plain-text input).
    pub fn score(&self, source: &str, input: &[u8], options: &ScoreOptions) -> Report {
        self.report(&self.analyze(source, input), options)
    }

    /// Analyses and reports text in one step.
    pub fn score_text(&self, source: &str, text: &str, options: &ScoreOptions) -> Report {
        self.report(&self.analyze_text(source, text), options)
    }

    /// `text` with every replacement (safe and review) applied to the
    /// writer's own words; with `only`, that rule's replacements alone.
    pub fn fix_text(&self, text: &str, only: Option<&str>) -> String {
        let report = self.report(
            &self.analyze_text("example", text),
            &ScoreOptions::default(),
        );
        let mut edits = crate::fix::plan(&self.rules, &report, text, true);
        if let Some(id) = only {
            edits.retain(|e| e.rule == id);
        }
        crate::fix::apply(text, &edits)
    }

    /// Runs every rule's `examples`: each `match` text must give a hit of
    /// that rule, each `no_match` text must not, and each `fix` text must
    /// read as stated after the rule's replacements. Returns the failures.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (index, rule) in self.rules.rules().iter().enumerate() {
            let cases = rule
                .examples_match
                .iter()
                .map(|e| (e, true))
                .chain(rule.examples_no_match.iter().map(|e| (e, false)));
            for (example, expected_match) in cases {
                let matches = self.analyze_text("example", example).matches;
                let hit = matches.iter().any(|m| m.rule == RuleId::new(index));
                if hit != expected_match {
                    let found = matches
                        .iter()
                        .map(|m| {
                            format!(
                                "{} \"{}\"",
                                self.rules.get(m.rule).id,
                                // Match offsets are char boundaries (see score).
                                &example[m.start..m.end]
                            )
                        })
                        .collect();
                    failures.push(ExampleFailure {
                        rule: rule.id.clone(),
                        example: example.clone(),
                        expected_match,
                        found,
                        fix: None,
                    });
                }
            }
            for (from, to) in &rule.examples_fix {
                let fixed = self.fix_text(from, Some(&rule.id));
                if &fixed != to {
                    failures.push(ExampleFailure {
                        rule: rule.id.clone(),
                        example: from.clone(),
                        expected_match: true,
                        found: Vec::new(),
                        fix: Some((to.clone(), fixed)),
                    });
                }
            }
        }
        failures
    }
}
