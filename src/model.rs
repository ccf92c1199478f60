//! The report model: what slant says about an article, as plain data.
//!
//! Every stage produces these values and every emitter reads them; this
//! module imports no stage, so the model can be read (and serialized)
//! without knowing how it was computed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

/// The category whose hits are loaded verbs of saying ("claimed",
/// "insisted"). Such a verb is the writer's choice even where it introduces
/// reported speech, so its hits are never in the reported voice.
pub const ATTRIBUTION_CATEGORY: &str = "attribution";

/// How hits are weighed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreOptions {
    /// Multiplier for hits in quoted speech (default 0.25), from 0 to 1.
    pub quoted_weight: f64,
    /// Multiplier for hits in reported speech (default 0.25), from 0 to 1.
    pub reported_weight: f64,
    /// Multiplier for hits in a negated clause (default 0.5).
    pub negated_weight: f64,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            quoted_weight: 0.25,
            reported_weight: 0.25,
            negated_weight: 0.5,
        }
    }
}

impl ScoreOptions {
    /// The multiplier of a hit in `voice`.
    pub fn voice_weight(&self, voice: Voice) -> f64 {
        match voice {
            Voice::Authorial => 1.0,
            Voice::Reported => self.reported_weight,
            Voice::Quoted => self.quoted_weight,
        }
    }
}

/// Whose voice a position of an article is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The writer's own words.
    #[default]
    Authorial,
    /// Indirect speech or thought attributed to a source.
    Reported,
    /// Inside quotation marks.
    Quoted,
}

/// Which way a hit frames what it targets.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Casts its target in a bad light.
    Negative,
    /// Casts its target in a good light.
    Positive,
    /// Frames without taking a side (certainty, hedges, intensifiers).
    #[default]
    Neutral,
}

/// How safe a rule's replacement is (`replace: safety:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// The meaning is unchanged (an intensifier dropped): `slant fix`
    /// applies it by default.
    Safe,
    /// The meaning may shift: applied only with `--review`.
    #[default]
    Review,
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
    /// What the hit adds to the score's numerator: the rule's weight times
    /// the multiplier of the hit's voice (the quoted weight inside quotes).
    #[serde(default, serialize_with = "round3")]
    pub weighted: f64,
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
    /// Whose voice the hit is in: `authorial`, `reported` or `quoted`.
    #[serde(default)]
    pub voice: Voice,
    /// Whether the hit is inside quoted speech (`voice == quoted`, kept for
    /// readers of earlier output).
    pub quoted: bool,
    /// Byte range of the hit's sentence in the original input.
    pub sentence: [usize; 2],
    /// In a negated clause ("no one felt he was a racist"): weighed by the
    /// negated weight.
    #[serde(default, skip_serializing_if = "is_false")]
    pub negated: bool,
    /// For a term that names the story's subject (see [`Topic`]), which
    /// occurrence this is: the first counts fully, the n-th 1/n.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<u32>,
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
    /// Hits in reported speech.
    #[serde(default)]
    pub reported: usize,
    /// The category's contribution to the score's numerator (each hit as
    /// `weighted`).
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
    /// The record's group (`--group-by`), for JSON Lines input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
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
    /// Hits silenced by `slant-disable` comments in the article, in text
    /// order: not in `hits`, the totals or the score, listed so a reviewer
    /// sees what was silenced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Hit>,
    /// Loaded terms that name the story's subject, whose repeats count
    /// less.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
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
        self.voice_hits(Voice::Authorial)
    }

    /// Hits in reported speech.
    pub fn reported_hits(&self) -> usize {
        self.voice_hits(Voice::Reported)
    }

    /// Hits inside quoted speech.
    pub fn quoted_hits(&self) -> usize {
        self.voice_hits(Voice::Quoted)
    }

    /// Hits in `voice`.
    pub fn voice_hits(&self, voice: Voice) -> usize {
        self.hits.iter().filter(|h| h.voice == voice).count()
    }

    /// Hits per 1,000 words for a count (0 for an empty article).
    pub fn density(&self, count: usize) -> f64 {
        per_thousand(count as f64, self.words)
    }
}

/// A loaded term that names the story's subject: it is in the headline or
/// comes three times or more ("sexist" in a report on a study of sexist
/// taunts). Its first occurrence counts fully, the n-th 1/n, so a story is
/// not scored as framing for naming what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// The term, lowercased, as first written.
    pub term: String,
    /// Its category.
    pub category: String,
    /// Its occurrences.
    pub count: usize,
    /// Whether the headline holds it.
    pub in_headline: bool,
}

/// Hits of one polarity targeting an actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// In the outlet's own voice.
    pub authorial: usize,
    /// In reported speech.
    #[serde(default)]
    pub reported: usize,
    /// Inside quoted speech.
    pub quoted: usize,
}

impl Counts {
    /// All of them.
    pub fn total(&self) -> usize {
        self.authorial + self.reported + self.quoted
    }

    /// Counts one hit in `voice`.
    pub fn add(&mut self, voice: Voice) {
        match voice {
            Voice::Authorial => self.authorial += 1,
            Voice::Reported => self.reported += 1,
            Voice::Quoted => self.quoted += 1,
        }
    }
}

/// How an actor's statements are attributed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Statements with a neutral verb of saying ("said", "told").
    pub neutral: usize,
    /// Statements with a loaded one ("claimed", "insisted").
    pub loaded: usize,
    /// The verbs used, as they stand (lowercased), in order, each once.
    pub verbs: Vec<String>,
    /// Share of the statements whose sentence holds a direct quotation.
    #[serde(serialize_with = "round3")]
    pub direct_quote_share: f64,
}

/// How one actor is framed in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    /// The actor's name.
    pub actor: String,
    /// Times an alias appears.
    pub mentions: usize,
    /// Negative framing hits targeting it.
    pub negative: Counts,
    /// Positive framing hits targeting it.
    pub positive: Counts,
    /// Neutral framing hits targeting it (certainty, hedges...).
    pub neutral: Counts,
    /// (weight of positive hits − weight of negative hits, each hit as it
    /// counts in the score) per mention.
    #[serde(serialize_with = "round3")]
    pub tone: f64,
    /// The framing terms that target it, lowercased, in order, each once.
    pub terms: Vec<String>,
    /// Its statements.
    pub attribution: Attribution,
}

impl ActorProfile {
    /// Whether the article frames or quotes the actor, rather than only
    /// naming it.
    pub fn is_engaged(&self) -> bool {
        !self.terms.is_empty() || self.attribution.neutral + self.attribution.loaded > 0
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

/// `x` per 1,000 words (0 for no words).
pub fn per_thousand(x: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        x / words as f64 * 1000.0
    }
}

/// `x` to 3 decimals, as every output format shows numbers.
pub(crate) fn to3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Rounds to 3 decimals in JSON, so output is stable and readable.
pub(crate) fn round3<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(to3(*x))
}

/// Like [`round3`], for an optional number.
pub(crate) fn round3_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => round3(x, s),
        None => s.serialize_none(),
    }
}
