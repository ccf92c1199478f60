//! The compiled engine: rule packs plus their matcher, built once per run.
//!
//! [`Engine::report`] runs the pipeline for one article: decode the bytes,
//! fold the text, find matches, segment quotes and sentences, score.

use std::borrow::Cow;

use crate::actors::{self, Actors};
use crate::matcher::{Match, Matcher};
use crate::normalize::fold;
use crate::rules::{PackErrors, RuleSet};
use crate::score::{Article, Report, ScoreOptions, score};
use crate::segment::segment;

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
}

impl Engine {
    /// Compiles `rules`.
    pub fn new(rules: RuleSet) -> Result<Engine, EngineError> {
        let matcher = Matcher::new(&rules)?;
        Ok(Engine {
            rules,
            matcher,
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

    /// Finds rule matches in `text` (byte offsets into `text`).
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.matcher.find(&fold(text))
    }

    /// Scores one article given as bytes: a UTF-8 BOM is skipped (offsets
    /// still count it), invalid UTF-8 is decoded lossily with a warning.
    pub fn report(&self, source: &str, input: &[u8], options: &ScoreOptions) -> Report {
        let (text, lossy) = decode(input);
        let mut report = self.report_str(source, &text, options);
        if lossy {
            report.warnings.push(
                "the input is not valid UTF-8; invalid bytes were replaced by U+FFFD and offsets refer to the repaired text"
                    .to_string(),
            );
        }
        report
    }

    /// Scores one article given as text (a leading BOM is skipped).
    pub fn report_str(&self, source: &str, text: &str, options: &ScoreOptions) -> Report {
        let (base, body) = match text.strip_prefix('\u{FEFF}') {
            Some(body) => ('\u{FEFF}'.len_utf8(), body),
            None => (0, text),
        };
        let folded = fold(body);
        let matches = self.matcher.find(&folded);
        let segments = segment(body);
        let article = Article {
            source,
            text: body,
            base,
            segments: &segments,
        };
        let mut report = score(&self.rules, &article, &matches, options);
        if let Some(actors) = &self.actors {
            let mentions = actors.find(&folded, body);
            report.actors = Some(actors::profile(
                actors.names(),
                &mentions,
                &mut report.hits,
                body,
                base,
                &segments,
                options.quoted_weight,
            ));
        }
        report
    }

    /// Runs every rule's `examples`: each `match` text must give a hit of
    /// that rule, each `no_match` text must not. Returns the failures.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (index, rule) in self.rules.rules().iter().enumerate() {
            let cases = rule
                .examples_match
                .iter()
                .map(|e| (e, true))
                .chain(rule.examples_no_match.iter().map(|e| (e, false)));
            for (example, expected_match) in cases {
                let matches = self.find(example);
                let hit = matches.iter().any(|m| m.rule == index);
                if hit != expected_match {
                    let found = matches
                        .iter()
                        .map(|m| {
                            format!(
                                "{} \"{}\"",
                                self.rules.rules()[m.rule].id,
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
                    });
                }
            }
        }
        failures
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences; says whether it had to.
pub fn decode(input: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(input) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(input), true),
    }
}
