//! SARIF 2.1.0 for code-review tools: one log, one run, the loaded rules
//! as the tool's rules, each hit a result at its line and column.
//!
//! Columns count Unicode code points (declared as the run's
//! `columnKind`), as slant's columns do. A hit's level is `warning` in the
//! writer's own voice with a weight of 1.5 or more, `note` otherwise
//! (quoted and reported hits count a quarter). Hits silenced by
//! `slant-disable` comments are results with an in-source suppression, so
//! review tools show them as suppressed. A JSON Lines record has no lines
//! in the file, so its results name the record (a logical location)
//! instead of a region.
//!
//! The types are a small serde model of the parts of SARIF slant writes,
//! checked against the OASIS schema in `tests/sarif.rs`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use super::json::Json;
use crate::analysis::Analysis;
use crate::compare::Comparison;
use crate::eval::EvalReport;
use crate::model::{Hit, Report, Voice};
use crate::rules::RuleSet;
use crate::summary::{Ranking, Summary};

/// The schema a SARIF log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Rule weight from which a hit in the writer's voice is a `warning`.
pub const WARNING_WEIGHT: f64 = 1.5;

/// The SARIF emitter.
#[derive(Debug)]
pub struct Sarif<'a> {
    rules: &'a RuleSet,
    /// Rule id to its index in the tool's rules.
    index: HashMap<&'a str, usize>,
}

impl<'a> Sarif<'a> {
    /// An emitter listing `rules` as the tool's rules.
    pub fn new(rules: &'a RuleSet) -> Self {
        let index = rules
            .rules()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        Sarif { rules, index }
    }

    fn result(&self, report: &Report, hit: &Hit, suppressed: bool) -> SarifResult {
        let level = if hit.voice == Voice::Authorial && hit.weight >= WARNING_WEIGHT {
            "warning"
        } else {
            "note"
        };
        let message = match self.rules.rule(&hit.rule) {
            Some(r) => match &r.suggestion {
                Some(s) => format!("\"{}\": {} (try: {s})", hit.text, r.message),
                None => format!("\"{}\": {}", hit.text, r.message),
            },
            None => format!("\"{}\"", hit.text),
        };
        let region = report.id.is_none().then(|| Region {
            start_line: hit.line,
            start_column: hit.column,
            // A hit within one line ends on it; one across a line break
            // gives its start only.
            end_column: (!hit.text.contains('\n')).then(|| hit.column + hit.text.chars().count()),
            snippet: Message {
                text: hit.text.clone(),
            },
        });
        SarifResult {
            rule_id: hit.rule.clone(),
            rule_index: self.index.get(hit.rule.as_str()).copied(),
            level,
            message: Message { text: message },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri(&report.source),
                    },
                    region,
                },
                logical_locations: report
                    .id
                    .as_ref()
                    .map(|id| vec![LogicalLocation { name: id.clone() }]),
            }],
            suppressions: suppressed.then(|| {
                vec![Suppression {
                    kind: "inSource",
                    justification: "a slant-disable comment in the article",
                }]
            }),
            properties: Properties {
                category: hit.category.clone(),
                voice: hit.voice,
                weighted: crate::model::to3(hit.weighted),
            },
        }
    }
}

/// A path as a URI reference: forward slashes, and the characters that
/// would end or break one percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    short_description: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Message>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: String,
    weight: f64,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<Vec<Suppression>>,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<Vec<LogicalLocation>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    snippet: Message,
}

#[derive(Serialize)]
struct LogicalLocation {
    name: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

#[derive(Serialize)]
struct Properties {
    category: String,
    voice: Voice,
    weighted: f64,
}

impl Emitter for Sarif<'_> {
    /// The log up to the run's results; they follow report by report.
    fn begin(&self, w: &mut dyn Write) -> io::Result<()> {
        let rules = self
            .rules
            .rules()
            .iter()
            .map(|r| ReportingDescriptor {
                id: r.id.clone(),
                short_description: Message {
                    text: r.message.clone(),
                },
                help: r.suggestion.as_ref().map(|s| Message { text: s.clone() }),
                default_configuration: Configuration {
                    level: if r.weight >= WARNING_WEIGHT {
                        "warning"
                    } else {
                        "note"
                    },
                },
                properties: RuleProperties {
                    category: self.rules.category_of(r).name.clone(),
                    weight: r.weight,
                },
            })
            .collect();
        let tool = Tool {
            driver: Driver {
                name: "slant",
                version: env!("CARGO_PKG_VERSION"),
                rules,
            },
        };
        write!(
            w,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":"
        )?;
        serde_json::to_writer(&mut *w, &tool)?;
        w.write_all(b",\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    }

    fn separator(&self, w: &mut dyn Write, index: usize) -> io::Result<()> {
        if index > 0 {
            w.write_all(b",")?;
        }
        Ok(())
    }

    /// The report's results, comma-separated; nothing for an article
    /// without hits (the caller then writes no separator either).
    fn report(&self, w: &mut dyn Write, report: &Report, _: Option<&Analysis>) -> io::Result<()> {
        let results = report
            .hits
            .iter()
            .map(|h| (h, false))
            .chain(report.suppressed.iter().map(|h| (h, true)));
        for (i, (hit, suppressed)) in results.enumerate() {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut *w, &self.result(report, hit, suppressed))?;
        }
        Ok(())
    }

    fn finish(&self, w: &mut dyn Write, _: usize, _: &Ranking) -> io::Result<()> {
        w.write_all(b"]}]}\n")
    }

    // SARIF describes results in files; the other outputs are JSON.
    fn summary(&self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        Json.summary(w, summary)
    }

    fn comparison(
        &self,
        w: &mut dyn Write,
        comparison: &Comparison,
        texts: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        Json.comparison(w, comparison, texts)
    }

    fn eval(&self, w: &mut dyn Write, name: &str, report: &EvalReport) -> io::Result<()> {
        Json.eval(w, name, report)
    }
}
