//! slant finds loaded language and framing in news articles and compares how
//! two sources cover the same story.
//!
//! # The engine in two minutes
//!
//! Data flows one way, one module per step:
//!
//! 1. [`rules`]: YAML rule packs (terms grouped in categories, each rule with
//!    weight, message, suggestion, exceptions and examples) are loaded and
//!    validated together into a [`RuleSet`]. Every mistake comes back as a
//!    [`PackError`] with file, line, column and a fix.
//! 2. [`matcher`]: every term and exception of every pack is compiled once
//!    into one Aho-Corasick automaton ([`Matcher`]); matches carry a typed
//!    [`RuleId`].
//! 3. [`input`]: files, folders, standard input and JSON Lines, read with
//!    one size limit and decoded (`--encoding`, UTF-16 by its byte-order
//!    mark); an [`Extractor`](input::Extractor) ([`extract`]: plain text,
//!    Markdown, HTML pages) turns an input's bytes into article text with a
//!    map back to the input's bytes and lines, the ranges it marks as
//!    quotations and its `slant-disable` comments ([`suppress`]).
//! 4. [`normalize`]: how text is folded for matching (Unicode lowercase,
//!    curly quotes straightened, dashes and whitespace runs made one space);
//!    the matcher's automaton has that folding built into its table, so it
//!    reads the article itself, at exact offsets, and applies word
//!    boundaries, stems (`humiliat*`), exceptions and context conditions
//!    ([`context`]: `claimed` but not before `victory`), and keeps the
//!    leftmost-longest matches. Word forms (`sneer+`, [`forms`]) are
//!    generated at load time as plain terms.
//! 5. [`segment`]: quoted speech, sentences and words of the text;
//!    [`voice`]: whose voice each position is in (the writer's, a reported
//!    source's, a quotation); [`detectors`]: framing that is a shape, not a
//!    word (scare quotes, questions in the writer's voice).
//! 6. [`actors`]: who is mentioned, found by a second automaton.
//! 7. Steps 3 to 6 make one [`Analysis`] per article, kept whole, so
//!    whatever needs the text later does not decode it again.
//! 8. [`score`] turns an analysis into a [`Report`] (the plain-data
//!    [`model`]): hits with exact byte offsets, line and column and voice,
//!    weighed down in a negated clause ([`negation`]) or as the n-th repeat
//!    of the story's subject; totals per category; a score per 1,000 words;
//!    actor profiles.
//! 9. [`align`]: the sentences of two analyses that report the same fact,
//!    and those only one side reports; [`compare`]: two reports side by
//!    side ([`Comparison`]), with the verdict on which frames more and the
//!    alignment.
//! 10. [`render`]: one [`Emitter`](render::Emitter) per output format
//!     (text, JSON, JSON Lines, an HTML page), writing to any writer.
//!
//! For archives: [`parallel`] analyses on every core with output in input
//! order and bounded memory, and [`summary`] totals many reports into a
//! mergeable [`Summary`]. [`eval`] measures the packs on annotated data;
//! [`import`] writes packs from lexicons researchers already have (LIWC
//! dictionaries, VADER-style lexicons, word lists);
//! [`config`] reads `slant.yaml` and holds the validators flags share.
//!
//! [`Engine`] ties steps 2 to 8 together:
//!
//! ```
//! use slant::{Engine, RuleSet, PackSource, ScoreOptions};
//!
//! let pack = PackSource {
//!     name: "example.yaml".into(),
//!     text: r#"
//! pack: example
//! categories:
//!   labels: { weight: 2 }
//! rules:
//!   - id: labels.so-called
//!     category: labels
//!     terms: [so-called]
//!     message: Signals doubt about a name without arguing it
//! "#.into(),
//! };
//! let engine = Engine::new(RuleSet::load(&[pack])?)?;
//! let analysis = engine.analyze("a.txt", "The So‑Called plan.".as_bytes());
//! let report = engine.report(&analysis, &ScoreOptions::default());
//! assert_eq!(report.hits[0].text, "So‑Called");
//! assert_eq!((report.hits[0].start, report.hits[0].end), (4, 15));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The library never prints; the binary picks emitters and sets exit codes.

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod align;
pub mod analysis;
pub mod compare;
pub mod config;
pub mod context;
pub mod detectors;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod fix;
mod fold_scan;
pub mod forms;
pub mod ids;
pub mod import;
pub mod input;
pub mod jsonl;
pub mod matcher;
pub mod model;
pub mod negation;
pub mod normalize;
pub mod parallel;
pub mod render;
pub mod rules;
pub mod score;
pub mod segment;
pub mod summary;
pub mod suppress;
pub mod voice;
mod yaml;

pub use analysis::Analysis;
pub use compare::Comparison;
pub use engine::{Engine, EngineError, ExampleFailure};
pub use ids::{ActorId, RuleId};
pub use input::decode;
pub use matcher::{Match, Matcher};
pub use model::{CategoryStats, Hit, Report, ScoreOptions};
pub use rules::{PackError, PackErrors, PackSource, RuleSet};
pub use summary::Summary;
