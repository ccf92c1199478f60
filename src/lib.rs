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
//!    into one Aho-Corasick automaton ([`Matcher`]).
//! 3. [`normalize`]: each article is folded (Unicode lowercase, curly quotes
//!    straightened, dashes and whitespace runs made one space) with a map
//!    back to the original bytes.
//! 4. The matcher scans the folded text, applies word boundaries, stems
//!    (`humiliat*`), exceptions and context conditions ([`context`]:
//!    `claimed` but not before `victory`), and keeps the leftmost-longest
//!    matches. Word forms (`sneer+`, [`forms`]) are generated at load time
//!    as plain terms.
//! 5. [`segment`]: quoted speech, sentences and words of the original text.
//! 6. [`score`]: hits with exact byte offsets, line and column, quoted or
//!    not; totals per category; a score per 1,000 words ([`Report`]).
//! 7. [`compare`]: two reports side by side ([`Comparison`]).
//! 8. [`render`]: text and JSON output to any writer.
//!
//! For archives: [`jsonl`] reads JSON Lines with a size limit per line,
//! [`parallel`] scores on every core with output in input order, and
//! [`summary`] totals many reports into a mergeable [`Summary`].
//!
//! [`Engine`] ties steps 2 to 6 together:
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
//! let report = engine.report_str("a.txt", "The So‑Called plan.", &ScoreOptions::default());
//! assert_eq!(report.hits[0].text, "So‑Called");
//! assert_eq!((report.hits[0].start, report.hits[0].end), (4, 15));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The library never prints; the binary renders and sets exit codes.

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod compare;
pub mod config;
pub mod context;
pub mod engine;
pub mod eval;
pub mod forms;
pub mod jsonl;
pub mod matcher;
pub mod normalize;
pub mod parallel;
pub mod render;
pub mod rules;
pub mod score;
pub mod segment;
pub mod summary;
mod yaml;

pub use compare::Comparison;
pub use engine::{Engine, EngineError, ExampleFailure, decode};
pub use matcher::{Match, Matcher};
pub use rules::{PackError, PackErrors, PackSource, RuleSet};
pub use score::{CategoryStats, Hit, Report, ScoreOptions};
pub use summary::Summary;
