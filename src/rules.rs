//! Rule packs: the YAML format editors write, loading, and validation.
//!
//! Loading happens in two passes, as in Vale: a typed
//! decode that rejects unknown fields and wrong types (with the parser's line
//! and column), then semantic checks across all loaded packs (duplicate ids,
//! duplicate terms, unknown categories, short stems). Semantic errors have no
//! parser position, so they are located by searching the file for the value.
//!
//! All errors of all packs are collected, so `slant rules check` reports every
//! mistake in one run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::context::{Context, ContextWord, MAX_WITHIN};
use crate::forms::inflect;
use crate::ids::RuleId;
use crate::normalize::{fold_term, is_word_char};
use crate::yaml::{self, Shape, YamlError};

/// Largest rule pack file accepted, in bytes.
pub const MAX_PACK_BYTES: usize = 4 * 1024 * 1024;
/// Shortest stem accepted (letters before the `*`).
pub const MIN_STEM_LETTERS: usize = 3;
/// Most terms and exceptions one pack may hold: far above any real pack,
/// low enough that the automaton stays small.
pub const MAX_TERMS_PER_PACK: usize = 20_000;

/// The default packs, embedded in the binary.
const DEFAULT_PACKS: &[(&str, &str)] = &[
    (
        "rules/attribution.yaml",
        include_str!("../rules/attribution.yaml"),
    ),
    (
        "rules/certainty.yaml",
        include_str!("../rules/certainty.yaml"),
    ),
    ("rules/emotive.yaml", include_str!("../rules/emotive.yaml")),
    ("rules/idioms.yaml", include_str!("../rules/idioms.yaml")),
    (
        "rules/intensifiers.yaml",
        include_str!("../rules/intensifiers.yaml"),
    ),
    ("rules/labels.yaml", include_str!("../rules/labels.yaml")),
    (
        "rules/speculation.yaml",
        include_str!("../rules/speculation.yaml"),
    ),
];

/// The text of one rule pack and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// A path, or `rules/NAME.yaml` for an embedded default pack.
    pub name: String,
    /// The YAML text.
    pub text: String,
}

impl PackSource {
    /// The default packs embedded in the binary.
    pub fn defaults() -> Vec<PackSource> {
        Self::embedded(DEFAULT_PACKS)
    }

    /// Sources from `(name, text)` pairs built into the binary.
    pub(crate) fn embedded(packs: &[(&str, &str)]) -> Vec<PackSource> {
        packs
            .iter()
            .map(|(name, text)| PackSource {
                name: (*name).to_string(),
                text: (*text).to_string(),
            })
            .collect()
    }

    /// Reads a pack file, or every `.yaml`/`.yml` file in a folder (sorted, recursively).
    pub fn from_path(path: &Path) -> Result<Vec<PackSource>, PackError> {
        let mut files = Vec::new();
        collect_yaml_files(path, &mut files)?;
        if files.is_empty() {
            return Err(PackError::io(
                path,
                "no .yaml or .yml files found in this folder",
                "point --rules at a pack file or a folder that holds packs",
            ));
        }
        let mut out = Vec::new();
        for file in files {
            let meta = std::fs::metadata(&file).map_err(|e| {
                PackError::io(&file, &e.to_string(), "check the path and its permissions")
            })?;
            if meta.len() > MAX_PACK_BYTES as u64 {
                return Err(PackError::io(
                    &file,
                    &format!(
                        "the file is {} bytes; rule packs are limited to {MAX_PACK_BYTES} bytes",
                        meta.len()
                    ),
                    "split the pack into several files",
                ));
            }
            let text = std::fs::read_to_string(&file).map_err(|e| {
                PackError::io(
                    &file,
                    &e.to_string(),
                    "rule packs must be readable UTF-8 text files",
                )
            })?;
            out.push(PackSource {
                name: file.display().to_string(),
                text,
            });
        }
        Ok(out)
    }
}

/// The entries of a folder, sorted, without hidden ones (names starting
/// with `.`) and without links to folders, which could loop: the order and
/// the rules every folder walk in slant uses.
pub fn visible_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| {
            let linked_dir = e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir();
            !linked_dir && !e.file_name().to_string_lossy().starts_with('.')
        })
        .map(|e| e.path())
        .collect();
    paths.sort();
    Ok(paths)
}

fn collect_yaml_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), PackError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        PackError::io(
            path,
            &e.to_string(),
            "check the path given to --rules or in slant.yaml",
        )
    })?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let paths = visible_entries(path)
        .map_err(|e| PackError::io(path, &e.to_string(), "check the folder's permissions"))?;
    for p in paths {
        if p.is_dir() {
            collect_yaml_files(&p, out)?;
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            out.push(p);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The file format. `deny_unknown_fields` everywhere: a misspelt key is an
// error, never silently ignored. (`#[serde(flatten)]` would defeat it, so
// none is used.)

/// The fields of [`PackFile`] and what it holds, for reporting every
/// unknown field at once (a test keeps the two in step).
pub(crate) const PACK_SHAPE: Shape = Shape::Fields(
    "a pack",
    &[
        ("pack", Shape::Any),
        ("description", Shape::Any),
        ("categories", Shape::MapOf(&CATEGORY_SHAPE)),
        ("rules", Shape::SeqOf(&RULE_SHAPE)),
    ],
);
const CATEGORY_SHAPE: Shape = Shape::Fields(
    "a category",
    &[
        ("description", Shape::Any),
        ("polarity", Shape::Any),
        ("rationale", Shape::Any),
        ("weight", Shape::Any),
    ],
);
const RULE_SHAPE: Shape = Shape::Fields(
    "a rule",
    &[
        ("id", Shape::Any),
        ("category", Shape::Any),
        ("terms", Shape::Any),
        ("detector", Shape::Any),
        ("weight", Shape::Any),
        ("polarity", Shape::Any),
        ("message", Shape::Any),
        ("suggestion", Shape::Any),
        ("exceptions", Shape::Any),
        ("unless", CONTEXT_SHAPE),
        ("only", CONTEXT_SHAPE),
        ("replace", REPLACE_SHAPE),
        ("examples", EXAMPLES_SHAPE),
    ],
);
const REPLACE_SHAPE: Shape = Shape::Fields(
    "`replace:`",
    &[
        ("to", Shape::Any),
        ("terms", Shape::Any),
        ("safety", Shape::Any),
    ],
);
const CONTEXT_SHAPE: Shape = Shape::Fields(
    "`unless:` and `only:`",
    &[
        ("preceded-by", Shape::Any),
        ("followed-by", Shape::Any),
        ("within", Shape::Any),
    ],
);
const EXAMPLES_SHAPE: Shape = Shape::Fields(
    "`examples:`",
    &[
        ("match", Shape::Any),
        ("no_match", Shape::Any),
        ("fix", Shape::SeqOf(&FIX_SHAPE)),
    ],
);
const FIX_SHAPE: Shape = Shape::Fields(
    "a `fix:` example",
    &[("from", Shape::Any), ("to", Shape::Any)],
);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    categories: BTreeMap<String, CategoryFile>,
    #[serde(default)]
    rules: Vec<RuleFile>,
}

pub use crate::model::Polarity;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    polarity: Option<Polarity>,
    #[serde(default)]
    rationale: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    category: String,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    detector: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    polarity: Option<Polarity>,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    unless: Option<ContextFile>,
    #[serde(default)]
    only: Option<ContextFile>,
    #[serde(default)]
    replace: Option<ReplaceFile>,
    #[serde(default)]
    examples: ExamplesFile,
}

/// `replace:` of a rule. `safety` is read as text so that a misspelt value
/// gets a located error listing the two allowed ones.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplaceFile {
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    terms: BTreeMap<String, String>,
    #[serde(default)]
    safety: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixFile {
    from: String,
    to: String,
}

/// `unless:` or `only:` of a rule. `within` is read as any integer so that
/// 0 or -1 gets a located error with a fix rather than a type error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContextFile {
    #[serde(default)]
    preceded_by: Option<Vec<String>>,
    #[serde(default)]
    followed_by: Option<Vec<String>>,
    #[serde(default)]
    within: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesFile {
    #[serde(default, rename = "match")]
    matching: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
    #[serde(default)]
    fix: Vec<FixFile>,
}

// ---------------------------------------------------------------------------
// The loaded, validated model.

/// A loaded rule pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pack's unique name (`pack:`).
    pub name: String,
    /// What the pack covers.
    pub description: Option<String>,
    /// The file it came from.
    pub source: String,
}

/// A category of framing.
#[derive(Debug, Clone)]
pub struct Category {
    /// The category's name, unique among loaded packs.
    pub name: String,
    /// One line on what the category flags.
    pub description: Option<String>,
    /// Why it matters, with the research behind it.
    pub rationale: Option<String>,
    /// Default weight of its rules.
    pub weight: f64,
    /// Default polarity of its rules.
    pub polarity: Polarity,
    /// Index of the pack that defines it.
    pub pack: usize,
}

/// One term of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As the editor wrote it.
    pub text: String,
    /// Folded for matching, without the stem `*`.
    pub folded: String,
    /// Whether it is a stem (`humiliat*`): it matches any word starting with it.
    pub stem: bool,
    /// For a term with word forms (`sneer+`), the generated forms, folded
    /// (`sneers`, `sneered`, `sneering`), without those the rule lists
    /// itself. Each is matched as a literal term of the rule.
    pub forms: Vec<String>,
}

/// A framing pattern that word lists cannot express, found by slant itself;
/// a rule names it with `detector:` and gives it weight and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Detector {
    /// `scare-quotes`: a short quoted span in the writer's voice that quotes
    /// nobody ('the "reforms"').
    ScareQuotes,
    /// `authorial-question`: a question in the writer's own voice.
    AuthorialQuestion,
}

impl Detector {
    /// Every detector, with its name in rule packs.
    pub const ALL: [(Detector, &'static str); 2] = [
        (Detector::ScareQuotes, "scare-quotes"),
        (Detector::AuthorialQuestion, "authorial-question"),
    ];

    /// The name rule packs use.
    pub fn name(self) -> &'static str {
        Detector::ALL
            .iter()
            .find(|(d, _)| *d == self)
            .map_or("", |(_, n)| n)
    }
}

/// One rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, such as `certainty.obviously`.
    pub id: String,
    /// Index of the pack that defines it.
    pub pack: usize,
    /// Index of its category.
    pub category: usize,
    /// Weight of each hit.
    pub weight: f64,
    /// Which way its hits frame their target.
    pub polarity: Polarity,
    /// What the hit means.
    pub message: String,
    /// A neutral alternative.
    pub suggestion: Option<String>,
    /// The terms it flags (none for a rule with a detector).
    pub terms: Vec<Term>,
    /// A built-in pattern that finds this rule's hits instead of terms.
    pub detector: Option<Detector>,
    /// Phrases (folded) inside which its hits are dropped.
    pub exceptions: Vec<String>,
    /// Words near which its hits are dropped.
    pub unless: Option<Context>,
    /// Words without which nearby its hits are dropped.
    pub only: Option<Context>,
    /// Texts that must produce a hit of this rule.
    pub examples_match: Vec<String>,
    /// Texts that must not.
    pub examples_no_match: Vec<String>,
    /// What its hits become in `slant fix`, if a neutral wording exists.
    pub replace: Option<Replace>,
    /// Texts and what they must read after this rule's replacements.
    pub examples_fix: Vec<(String, String)>,
}

pub use crate::model::Safety;

/// What a rule's hits become (`replace:`): validated, keys folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    /// Whether the meaning stays the same.
    pub safety: Safety,
    /// What any matched term becomes (empty: the term is dropped).
    pub to: Option<String>,
    /// Per matched word or phrase (folded), overriding `to`.
    pub terms: BTreeMap<String, String>,
}

impl Replace {
    /// The replacement of a hit whose text is `matched`, as written in the
    /// pack (case not yet adapted); `None` when the rule has none for it.
    pub fn for_text(&self, matched: &str) -> Option<&str> {
        self.terms
            .get(&fold_term(matched))
            .or(self.to.as_ref())
            .map(String::as_str)
    }
}

/// All loaded packs, validated together.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    packs: Vec<Pack>,
    categories: Vec<Category>,
    rules: Vec<Rule>,
    rule_index: HashMap<String, usize>,
    overrides: Vec<String>,
    warnings: Vec<String>,
}

impl RuleSet {
    /// Loads and validates packs; every error of every pack is returned.
    pub fn load(sources: &[PackSource]) -> Result<RuleSet, PackErrors> {
        Loader::default().load(sources)
    }

    /// Loads packs in order, each later pack over the earlier ones: a rule
    /// id or a term defined again replaces the earlier rule or takes the
    /// term from it (see [`RuleSet::overrides`]); conflicts within one pack
    /// stay errors. Rules with an id in `disabled_rules`, or of a category
    /// in `disabled_categories`, are not loaded, so their terms are free.
    /// Returns the set and the disabled names that matched nothing.
    pub fn load_layered(
        sources: &[PackSource],
        disabled_rules: &[String],
        disabled_categories: &[String],
    ) -> Result<(RuleSet, Vec<String>), PackErrors> {
        let loader = Loader {
            disabled_rules: disabled_rules.iter().cloned().collect(),
            disabled_categories: disabled_categories.iter().cloned().collect(),
            ..Loader::default()
        };
        let wanted: Vec<String> = disabled_rules
            .iter()
            .chain(disabled_categories)
            .cloned()
            .collect();
        let (set, seen) = loader.load_seen(sources)?;
        let unknown = wanted
            .into_iter()
            .filter(|n| !seen.contains(n) && !set.categories.iter().any(|c| &c.name == n))
            .collect();
        Ok((set, unknown))
    }

    /// Sets new weights by rule id or category name (a category's weight
    /// applies to each of its rules; a rule's own entry wins). Returns the
    /// names that are neither.
    pub fn reweigh(&mut self, weights: &BTreeMap<String, f64>) -> Vec<String> {
        let mut unknown = Vec::new();
        for (name, &w) in weights {
            match self.categories.iter().position(|c| &c.name == name) {
                Some(c) => {
                    self.categories[c].weight = w;
                    for rule in self.rules.iter_mut().filter(|r| r.category == c) {
                        if !weights.contains_key(&rule.id) {
                            rule.weight = w;
                        }
                    }
                }
                None if self.rule_index.contains_key(name) => {}
                None => unknown.push(name.clone()),
            }
        }
        for rule in &mut self.rules {
            if let Some(&w) = weights.get(&rule.id) {
                rule.weight = w;
            }
        }
        unknown
    }

    /// What later packs replaced or took over from earlier ones, one line
    /// each, for `rules check`.
    pub fn overrides(&self) -> &[String] {
        &self.overrides
    }

    /// Things in the packs that load but are probably not what was meant
    /// (a term written like a regular expression), one located line each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The embedded default packs.
    pub fn defaults() -> Result<RuleSet, PackErrors> {
        Self::load(&PackSource::defaults())
    }

    /// The rule with id `id` (ids come from this set's matcher).
    pub fn get(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }

    /// Loaded packs, in load order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Categories, in load order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_index.get(id).map(|&i| &self.rules[i])
    }

    /// The rule that owns `term` (folded as terms are: case, quotes and
    /// dashes do not matter), as a literal term, a word form or a stem.
    pub fn rule_for_term(&self, term: &str) -> Option<&Rule> {
        let folded = fold_term(term.trim());
        self.rules.iter().find(|r| {
            r.terms.iter().any(|t| {
                t.folded == folded
                    || t.forms.contains(&folded)
                    || t.stem && folded.starts_with(&t.folded)
            })
        })
    }

    /// The category of a rule.
    pub fn category_of(&self, rule: &Rule) -> &Category {
        &self.categories[rule.category]
    }

    /// The pack of a rule.
    pub fn pack_of(&self, rule: &Rule) -> &Pack {
        &self.packs[rule.pack]
    }

    /// Removes rules by id and whole categories by name (from `slant.yaml`).
    /// Returns the names that matched nothing, so callers can warn.
    pub fn disable(&mut self, rules: &[String], categories: &[String]) -> Vec<String> {
        let mut unknown: Vec<String> = Vec::new();
        for id in rules {
            if !self.rule_index.contains_key(id) {
                unknown.push(id.clone());
            }
        }
        for name in categories {
            if !self.categories.iter().any(|c| &c.name == name) {
                unknown.push(name.clone());
            }
        }
        let cats = &self.categories;
        self.rules
            .retain(|r| !rules.contains(&r.id) && !categories.contains(&cats[r.category].name));
        self.rule_index = index_rules(&self.rules);
        unknown
    }
}

fn index_rules(rules: &[Rule]) -> HashMap<String, usize> {
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect()
}

// ---------------------------------------------------------------------------
// Errors.

/// A mistake in a rule pack, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The pack file.
    pub file: String,
    /// 1-based line (0 when the error concerns the whole file).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The offending line of the file, for a caret display.
    pub snippet: Option<String>,
}

impl PackError {
    fn io(path: &Path, message: &str, help: &str) -> PackError {
        PackError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: message.to_string(),
            help: help.to_string(),
            snippet: None,
        }
    }

    fn at(source: &PackSource, offset: usize, message: String, help: impl Into<String>) -> Self {
        let (line, column, snippet) = line_col(&source.text, offset);
        PackError {
            file: source.name.clone(),
            line,
            column,
            message,
            help: help.into(),
            snippet: Some(snippet),
        }
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            writeln!(f, "{}: error: {}", self.file, self.message)?;
        } else {
            writeln!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.column, self.message
            )?;
            if let Some(snippet) = &self.snippet {
                let gutter = self.line.to_string().len();
                writeln!(f, "{:gutter$} |", "")?;
                writeln!(f, "{} | {}", self.line, snippet)?;
                writeln!(
                    f,
                    "{:gutter$} | {:>col$}",
                    "",
                    "^",
                    col = self.column.max(1)
                )?;
            }
        }
        write!(f, "  help: {}", self.help)
    }
}

/// Every error found while loading packs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackErrors(pub Vec<PackError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackErrors {}

/// 1-based line, 1-based column in characters, and the line's text. Any
/// offset is accepted: it is clamped and moved back to a char boundary.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize, String) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let snippet = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (line, column, snippet)
}

/// The 1-based `line`th line of `text`, without its line ending.
pub(crate) fn nth_line(text: &str, line: usize) -> Option<String> {
    text.lines()
        .nth(line.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r').to_string())
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Turns a YAML error into a located error with a fix.
fn yaml_error(source: &PackSource, err: YamlError) -> PackError {
    let message = err.message;
    let help = if let Some(help) = err.help {
        help
    } else if source.text.trim().is_empty() {
        "the file is empty: a pack needs at least `pack:` and `rules:`".to_string()
    } else if message.contains("unknown field") {
        "remove this field or correct its spelling; the allowed fields are listed above (see docs/rule-format.md)".to_string()
    } else if let Some(field) = between(&message, "missing field `", "`") {
        format!("add `{field}:` here (see docs/rule-format.md for what it holds)")
    } else if message.contains("invalid type") {
        "this value has the wrong type: a list is written `[a, b]` or as `- item` lines, a number without quotes".to_string()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the file nests or repeats aliases too deeply; write the values out plainly".to_string()
    } else {
        "check the indentation and quoting; quote any value that contains `: ` or `#`, or starts with `*`, `&`, `!`, `[`, `{` or a quote".to_string()
    };
    match err.location {
        Some((_, line, column)) => PackError {
            file: source.name.clone(),
            line,
            column,
            message,
            help,
            // By line number: the parser's index counts characters, not bytes.
            snippet: nth_line(&source.text, line),
        },
        None => PackError {
            file: source.name.clone(),
            line: 0,
            column: 0,
            message,
            help,
            snippet: None,
        },
    }
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

// ---------------------------------------------------------------------------
// Loading and semantic checks.

#[derive(Default)]
struct Loader {
    set: RuleSet,
    errors: Vec<PackError>,
    /// Where each rule id was first defined: (file, line).
    rule_sites: HashMap<String, (String, usize)>,
    /// Which rule owns each folded term (with `*` for stems), the term as
    /// written, and the generated form when it is one (`slammed` of `slam+`).
    term_owner: HashMap<String, TermOwner>,
    /// Categories by name.
    category_index: HashMap<String, usize>,
    /// The rule that uses each detector.
    detector_rules: HashMap<Detector, String>,
    /// Rule ids and categories switched off (slant.yaml's `disable-…`).
    disabled_rules: HashSet<String>,
    disabled_categories: HashSet<String>,
    /// Which of those names were met.
    seen_disabled: HashSet<String>,
    /// Indices of rules replaced by a later pack's rule of the same id.
    removed: HashSet<usize>,
}

struct TermOwner {
    rule: String,
    written: String,
    form: Option<String>,
    /// The pack file that claimed it.
    source: String,
}

/// Whether a term is written like a regular expression (`slam(s|med)`,
/// `[Dd]isaster`, `bail.out`, `disast.*`): it would only match literally.
fn looks_like_a_pattern(term: &str) -> bool {
    term.contains(['(', ')', '|', '[', ']', '\\', '^', '$', '?', '{', '}'])
        || term.contains(".*")
        || term.contains(".+")
        || term
            .split('.')
            .collect::<Vec<_>>()
            .windows(2)
            // "bail.out", not "U.S." or "e.g.": letters on both sides of
            // the point, two or more each.
            .any(|w| {
                let before = w[0].chars().rev().take_while(|c| c.is_alphabetic()).count();
                let after = w[1].chars().take_while(|c| c.is_alphabetic()).count();
                before >= 2 && after >= 2
            })
}

/// A pack file as a note names it: built-in packs say so, since the user
/// does not have their files.
fn describe_source(name: &str) -> String {
    if DEFAULT_PACKS.iter().any(|(n, _)| *n == name) {
        format!("the built-in pack {name}")
    } else {
        name.to_string()
    }
}

/// How an error names a term: as written, or as a form of a `+` term.
fn describe_term(written: &str, form: Option<&str>) -> String {
    match form {
        Some(f) => format!("`{f}` (a form of `{written}`)"),
        None => format!("`{written}`"),
    }
}

/// A rule as parsed, with the offset where its `id` stands in the file.
struct ParsedRule {
    rule: RuleFile,
    anchor: usize,
}

impl Loader {
    fn load(self, sources: &[PackSource]) -> Result<RuleSet, PackErrors> {
        self.load_seen(sources).map(|(set, _)| set)
    }

    /// [`Loader::load`], also returning the disabled names it met.
    fn load_seen(
        mut self,
        sources: &[PackSource],
    ) -> Result<(RuleSet, HashSet<String>), PackErrors> {
        let mut parsed = Vec::new();
        for source in sources {
            if source.text.len() > MAX_PACK_BYTES {
                self.errors.push(PackError {
                    file: source.name.clone(),
                    line: 0,
                    column: 0,
                    message: format!("the pack is larger than {MAX_PACK_BYTES} bytes"),
                    help: "split it into several files".into(),
                    snippet: None,
                });
                continue;
            }
            match yaml::parse::<PackFile>(&source.text, &PACK_SHAPE) {
                Ok(file) => {
                    let terms: usize = file
                        .rules
                        .iter()
                        .map(|r| r.terms.len() + r.exceptions.len())
                        .sum();
                    if terms > MAX_TERMS_PER_PACK {
                        self.errors.push(PackError {
                            file: source.name.clone(),
                            line: 0,
                            column: 0,
                            message: format!(
                                "the pack has {terms} terms and exceptions; the limit is {MAX_TERMS_PER_PACK}"
                            ),
                            help: "split it into several packs".into(),
                            snippet: None,
                        });
                        continue;
                    }
                    parsed.push((source, file));
                }
                Err(errors) => self
                    .errors
                    .extend(errors.into_iter().map(|e| yaml_error(source, e))),
            }
        }
        // Categories first: a rule may use a category from any loaded pack.
        let mut pack_rules = Vec::new();
        for (source, file) in parsed {
            let pack_index = self.add_pack(source, &file);
            for (name, cat) in file.categories {
                self.add_category(source, pack_index, name, cat);
            }
            let mut from = 0;
            let mut rules = Vec::new();
            for rule in file.rules {
                let anchor = find_key_value(&source.text, "id", &rule.id, from).unwrap_or(from);
                from = anchor + 1;
                rules.push(ParsedRule { rule, anchor });
            }
            pack_rules.push((source, pack_index, rules));
        }
        for (source, pack_index, rules) in pack_rules {
            for parsed in rules {
                self.add_rule(source, pack_index, parsed);
            }
        }
        if self.errors.is_empty() {
            if !self.removed.is_empty() {
                let removed = std::mem::take(&mut self.removed);
                let mut index = 0;
                self.set.rules.retain(|_| {
                    index += 1;
                    !removed.contains(&(index - 1))
                });
            }
            self.set.rule_index = index_rules(&self.set.rules);
            Ok((self.set, self.seen_disabled))
        } else {
            Err(PackErrors(self.errors))
        }
    }

    fn add_pack(&mut self, source: &PackSource, file: &PackFile) -> usize {
        if let Some(other) = self.set.packs.iter().find(|p| p.name == file.pack) {
            let at = find_key_value(&source.text, "pack", &file.pack, 0).unwrap_or(0);
            self.errors.push(PackError::at(
                source,
                at,
                format!(
                    "pack name `{}` is already used by {}",
                    file.pack, other.source
                ),
                "give this pack a name of its own",
            ));
        } else if file.pack.trim().is_empty() {
            self.errors.push(PackError::at(
                source,
                0,
                "the pack name is empty".into(),
                "write a short name, e.g. `pack: my-newsroom`",
            ));
        }
        self.set.packs.push(Pack {
            name: file.pack.clone(),
            description: file.description.clone(),
            source: source.name.clone(),
        });
        self.set.packs.len() - 1
    }

    fn add_category(&mut self, source: &PackSource, pack: usize, name: String, cat: CategoryFile) {
        let at = find_mapping_key(&source.text, &name).unwrap_or(0);
        if let Some(&i) = self.category_index.get(&name) {
            let other = &self.set.packs[self.set.categories[i].pack].source;
            self.errors.push(PackError::at(
                source,
                at,
                format!("category `{name}` is already defined in {other}"),
                "use the existing category in your rules, or give this one another name",
            ));
            return;
        }
        let weight = cat.weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight >= 0.0) {
            let at = find_key_value(&source.text, "weight", "", at).unwrap_or(at);
            self.errors.push(PackError::at(
                source,
                at,
                format!("category `{name}` has weight {weight}"),
                "a weight is a number of 0 or more, e.g. `weight: 1.5`",
            ));
        }
        self.category_index
            .insert(name.clone(), self.set.categories.len());
        self.set.categories.push(Category {
            name,
            description: cat.description,
            rationale: cat.rationale,
            weight,
            polarity: cat.polarity.unwrap_or_default(),
            pack,
        });
    }

    /// Records that rule `id` matches folded `key`. A key another rule holds
    /// is an error; one the same rule holds is an error only between two
    /// terms as written (a generated form repeating one is harmless).
    /// Returns whether the key was new.
    /// Takes the term or word form `key` away from the latest loaded rule
    /// `rule` (a later pack has claimed it).
    fn release_term(&mut self, rule: &str, key: &str) {
        let removed = &self.removed;
        let Some(r) = self
            .set
            .rules
            .iter_mut()
            .enumerate()
            .rev()
            .find(|(i, r)| r.id == rule && !removed.contains(i))
            .map(|(_, r)| r)
        else {
            return;
        };
        r.terms.retain(|t| {
            let term_key = if t.stem {
                format!("{}*", t.folded)
            } else {
                t.folded.clone()
            };
            term_key != key
        });
        for t in &mut r.terms {
            t.forms.retain(|f| f != key);
        }
    }

    fn claim_term(
        &mut self,
        source: &PackSource,
        at: usize,
        key: String,
        id: &str,
        written: &str,
        form: Option<&str>,
    ) -> bool {
        let claim = TermOwner {
            rule: id.to_string(),
            written: written.to_string(),
            form: form.map(str::to_string),
            source: source.name.clone(),
        };
        let Some(owner) = self.term_owner.get(&key) else {
            self.term_owner.insert(key, claim);
            return true;
        };
        let this = describe_term(written, form);
        if owner.source != source.name && owner.rule != id {
            // A later pack takes the term over from an earlier one: that is
            // how an editor customises the defaults.
            let (old_rule, old_source) = (owner.rule.clone(), owner.source.clone());
            self.release_term(&old_rule, &key);
            self.set.overrides.push(format!(
                "term {this} of rule `{id}` ({}) takes over from rule `{old_rule}` ({})",
                source.name,
                describe_source(&old_source)
            ));
            self.term_owner.insert(key, claim);
            return true;
        }
        let first = describe_term(&owner.written, owner.form.as_deref());
        let same = if first == this {
            String::new()
        } else if owner.form.is_some() || form.is_some() {
            format!(" (as {first})")
        } else {
            format!(" (as {first}; case, quotes and dashes are folded)")
        };
        let (message, help) = if owner.rule != id {
            (
                format!(
                    "term {this} is in both rule `{}`{same} and rule `{id}`",
                    owner.rule
                ),
                "a term may belong to one rule only: remove it from one of them",
            )
        } else if form.is_none() && owner.form.is_none() {
            (
                format!("term {this} appears twice in rule `{id}`{same}"),
                "remove the repeated term",
            )
        } else {
            return false;
        };
        self.errors
            .push(PackError::at(source, at, message, help.to_string()));
        false
    }

    /// Validates `unless:` or `only:` (`key`) of rule `id`; `None` after
    /// reporting its errors.
    fn add_context(
        &mut self,
        source: &PackSource,
        anchor: usize,
        id: &str,
        key: &str,
        file: &ContextFile,
    ) -> Option<Context> {
        let key_at = find_field(&source.text, key, anchor).unwrap_or(anchor);
        let errors_before = self.errors.len();
        let mut err = |at: usize, message: String, help: &str| {
            self.errors
                .push(PackError::at(source, at, message, help.to_string()));
        };
        let within = match file.within {
            None => 1,
            Some(n) if n >= 1 && n <= MAX_WITHIN as i64 => n as usize,
            Some(n) => {
                err(
                    find_field(&source.text, "within", key_at).unwrap_or(key_at),
                    format!(
                        "`within: {n}` in `{key}` of rule `{id}` is not a number of words from 1 to {MAX_WITHIN}"
                    ),
                    "`within: 1` (the default) looks at the next or previous word only, `within: 3` at up to three words",
                );
                1
            }
        };
        if file.preceded_by.is_none() && file.followed_by.is_none() {
            err(
                key_at,
                format!("`{key}` in rule `{id}` lists no words"),
                "add `followed-by: [word, ...]` or `preceded-by: [word, ...]` under it, or remove it",
            );
        }
        let mut sides: [Vec<ContextWord>; 2] = [Vec::new(), Vec::new()];
        for (side, name, list) in [
            (0, "preceded-by", &file.preceded_by),
            (1, "followed-by", &file.followed_by),
        ] {
            let Some(list) = list else { continue };
            let list_at = find_field(&source.text, name, key_at).unwrap_or(key_at);
            if list.is_empty() {
                err(
                    list_at,
                    format!("`{name}` in `{key}` of rule `{id}` is empty"),
                    "list at least one word or phrase, e.g. `followed-by: [victory, title]`, or remove the line",
                );
            }
            let mut cursor = list_at;
            for raw in list {
                let at = find_value(&source.text, raw, cursor).unwrap_or(list_at);
                cursor = cursor.max(at);
                match parse_term(raw) {
                    Ok(t) => {
                        let forms = t
                            .forms
                            .iter()
                            .map(|f| ContextWord::new(raw.trim().to_string(), f.clone(), false));
                        let base = ContextWord::new(t.text, t.folded, t.stem);
                        sides[side].extend(std::iter::once(base).chain(forms));
                    }
                    Err(problem) => err(
                        at,
                        format!("word `{raw}` in `{key}` of rule `{id}` {}", problem.message),
                        problem.help,
                    ),
                }
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        let [preceded_by, followed_by] = sides;
        Some(Context {
            preceded_by,
            followed_by,
            within,
        })
    }

    /// Validates `replace:` of rule `id`; `None` after reporting its errors.
    fn add_replace(
        &mut self,
        source: &PackSource,
        anchor: usize,
        id: &str,
        file: &ReplaceFile,
        terms: &[Term],
        detector: bool,
    ) -> Option<Replace> {
        let key_at = find_field(&source.text, "replace", anchor).unwrap_or(anchor);
        let before = self.errors.len();
        let mut err = |at: usize, message: String, help: &str| {
            self.errors
                .push(PackError::at(source, at, message, help.to_string()));
        };
        if detector {
            err(
                key_at,
                format!("rule `{id}` has a detector and `replace:`"),
                "a detector's hits are shapes, not words, so slant cannot rewrite them; remove `replace:`",
            );
        }
        let safety = match file.safety.as_deref().map(str::trim) {
            None | Some("review") => Safety::Review,
            Some("safe") => Safety::Safe,
            Some(other) => {
                err(
                    find_field(&source.text, "safety", key_at).unwrap_or(key_at),
                    format!(
                        "`safety: {other}` in `replace:` of rule `{id}` is not `safe` or `review`"
                    ),
                    "`safe`: the meaning is unchanged (an intensifier dropped); `review`: the meaning may shift, so `slant fix` applies it only with --review",
                );
                Safety::Review
            }
        };
        if file.to.is_none() && file.terms.is_empty() {
            err(
                key_at,
                format!("`replace:` of rule `{id}` says nothing to replace"),
                "add `to: word` (what every term becomes; `to: \"\"` drops it) or `terms: {matched: replacement}`",
            );
        }
        let values = file.to.iter().chain(file.terms.values());
        for value in values {
            if value.contains(['\n', '\r']) || value.trim() != value {
                err(
                    find_value(&source.text, value, key_at).unwrap_or(key_at),
                    format!(
                        "replacement `{}` in rule `{id}` has surrounding spaces or a line break",
                        value.escape_debug()
                    ),
                    "write the words alone: spaces around a dropped term are handled by `slant fix`",
                );
            }
        }
        let mut terms_out = BTreeMap::new();
        for (key, value) in &file.terms {
            let folded = fold_term(key);
            // A key must be a text the rule can match: a term, a generated
            // form, or a word a stem starts.
            let matched = terms.iter().any(|t| {
                t.folded == folded
                    || t.forms.contains(&folded)
                    || (t.stem && folded.starts_with(&t.folded) && !folded.contains(' '))
            });
            if !matched {
                err(
                    find_value(&source.text, key, key_at).unwrap_or(key_at),
                    format!(
                        "`{key}` in `replace: terms:` of rule `{id}` is not a term of the rule"
                    ),
                    "each key is a word or phrase the rule matches (a term, a form of a `+` term, or a word a `*` stem starts)",
                );
            } else {
                terms_out.insert(folded, value.clone());
            }
        }
        (self.errors.len() == before).then(|| Replace {
            safety,
            to: file.to.clone(),
            terms: terms_out,
        })
    }

    fn add_rule(&mut self, source: &PackSource, pack: usize, parsed: ParsedRule) {
        let ParsedRule { rule, anchor } = parsed;
        let err = |at: usize, message: String, help: &str| {
            PackError::at(source, at, message, help.to_string())
        };
        let id = rule.id.trim().to_string();
        let (line, _, _) = line_col(&source.text, anchor);

        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        {
            self.errors.push(err(
                anchor,
                format!("rule id `{id}` is not a valid id"),
                "use lowercase letters, digits, `.`, `_` and `-`, e.g. `certainty.obviously`",
            ));
        }
        if self.disabled_rules.contains(&id) || self.disabled_categories.contains(&rule.category) {
            // Switched off in slant.yaml: not loaded, so its terms are free.
            self.seen_disabled.insert(id.clone());
            self.seen_disabled.insert(rule.category.clone());
            return;
        }
        match self.rule_sites.get(&id) {
            Some((file, first_line)) if *file == source.name => {
                self.errors.push(err(
                    anchor,
                    format!("rule id `{id}` is already defined at {file}:{first_line}"),
                    "rule ids must be unique within a pack: rename one of them",
                ));
            }
            Some((file, _)) => {
                // A later pack redefines the rule: it replaces the earlier
                // one whole, and the earlier one's terms are free.
                let earlier = describe_source(file);
                if let Some(index) = self
                    .set
                    .rules
                    .iter()
                    .enumerate()
                    .rposition(|(i, r)| r.id == id && !self.removed.contains(&i))
                {
                    self.removed.insert(index);
                }
                self.term_owner.retain(|_, owner| owner.rule != id);
                self.detector_rules.retain(|_, owner| *owner != id);
                self.set.overrides.push(format!(
                    "rule `{id}` of {}:{line} replaces the one in {earlier}",
                    source.name
                ));
                self.rule_sites
                    .insert(id.clone(), (source.name.clone(), line));
            }
            None => {
                self.rule_sites
                    .insert(id.clone(), (source.name.clone(), line));
            }
        }

        let category = match self.category_index.get(&rule.category) {
            Some(&c) => c,
            None => {
                let at = find_key_value(&source.text, "category", &rule.category, anchor)
                    .unwrap_or(anchor);
                let mut known: Vec<&str> = self.category_index.keys().map(String::as_str).collect();
                known.sort_unstable();
                self.errors.push(err(
                    at,
                    format!("rule `{id}` uses unknown category `{}`", rule.category),
                    &format!(
                        "define it under `categories:` in a loaded pack, or use one of: {}",
                        if known.is_empty() {
                            "(none defined)".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                ));
                0
            }
        };

        let terms_at = find_key_value(&source.text, "terms", "", anchor).unwrap_or(anchor);
        let detector = rule.detector.as_deref().and_then(|name| {
            let at = find_key_value(&source.text, "detector", name, anchor).unwrap_or(anchor);
            let found = Detector::ALL.iter().find(|(_, n)| *n == name).map(|(d, _)| *d);
            match found {
                None => {
                    let names: Vec<&str> = Detector::ALL.iter().map(|(_, n)| *n).collect();
                    self.errors.push(err(
                        at,
                        format!("rule `{id}` names unknown detector `{name}`"),
                        &format!("use one of: {}", names.join(", ")),
                    ));
                }
                Some(d) => {
                    if let Some(other) = self.detector_rules.get(&d) {
                        self.errors.push(err(
                            at,
                            format!("detector `{name}` is already used by rule `{other}`"),
                            "one rule per detector: remove one, or disable the default one in slant.yaml",
                        ));
                    } else {
                        self.detector_rules.insert(d, id.clone());
                    }
                }
            }
            found
        });
        if rule.detector.is_some() {
            if !rule.terms.is_empty() {
                self.errors.push(err(
                    terms_at,
                    format!("rule `{id}` has both terms and a detector"),
                    "a rule finds its hits with `terms:` or with `detector:`; split it into two rules",
                ));
            }
            if !rule.exceptions.is_empty() || rule.unless.is_some() || rule.only.is_some() {
                self.errors.push(err(
                    anchor,
                    format!("rule `{id}` has a detector and exceptions or conditions"),
                    "exceptions, `unless:` and `only:` work with terms only; remove them from this rule",
                ));
            }
        } else if rule.terms.is_empty() {
            self.errors.push(err(
                terms_at,
                format!("rule `{id}` has no terms"),
                "list at least one term, e.g. `terms: [obviously, \"of course\"]` (or name a built-in `detector:`)",
            ));
        }
        // Terms stand in the file in order: each search starts where the
        // last one was found, so locating them stays linear in the file.
        let mut cursor = terms_at;
        let mut parsed_terms = Vec::new();
        for raw in &rule.terms {
            let at = find_value(&source.text, raw, cursor).unwrap_or(terms_at);
            cursor = cursor.max(at);
            match parse_term(raw) {
                Ok(term) => {
                    if looks_like_a_pattern(raw) {
                        let (line, column, _) = line_col(&source.text, at);
                        self.set.warnings.push(format!(
                            "{}:{line}:{column}: term `{raw}` of rule `{id}` looks like a regular expression, but terms are matched literally; list the alternatives as separate terms, or use word forms (`slam+`)",
                            source.name
                        ));
                    }
                    parsed_terms.push((raw, at, term));
                }
                Err(problem) => self.errors.push(err(
                    at,
                    format!("term `{raw}` in rule `{id}` {}", problem.message),
                    problem.help,
                )),
            }
        }
        // A generated form the rule also lists itself is dropped without a
        // word: listing a form by hand is how an editor adds an irregular one.
        let listed: HashSet<String> = parsed_terms
            .iter()
            .filter(|(_, _, t)| !t.stem)
            .map(|(_, _, t)| t.folded.clone())
            .collect();
        let mut terms = Vec::new();
        for (raw, at, mut term) in parsed_terms {
            let key = if term.stem {
                format!("{}*", term.folded)
            } else {
                term.folded.clone()
            };
            self.claim_term(source, at, key, &id, raw, None);
            term.forms.retain(|f| !listed.contains(f));
            let mut kept = Vec::with_capacity(term.forms.len());
            for form in std::mem::take(&mut term.forms) {
                if self.claim_term(source, at, form.clone(), &id, raw, Some(&form)) {
                    kept.push(form);
                }
            }
            term.forms = kept;
            terms.push(term);
        }

        let mut exceptions = Vec::new();
        // A detector rule's exceptions were refused above, once.
        for raw in rule.exceptions.iter().filter(|_| rule.detector.is_none()) {
            let folded = fold_term(raw);
            if raw.contains('*') || !folded.chars().any(is_word_char) {
                let at = find_value(&source.text, raw, anchor).unwrap_or(anchor);
                self.errors.push(err(
                    at,
                    format!("exception `{raw}` in rule `{id}` is not a plain phrase"),
                    "an exception is a literal phrase with at least one word and no `*`, e.g. `claimed responsibility`",
                ));
            } else if !terms.iter().any(|t| contains_term(&folded, t)) {
                let at = find_value(&source.text, raw, anchor).unwrap_or(anchor);
                self.errors.push(err(
                    at,
                    format!("exception `{raw}` in rule `{id}` contains none of the rule's terms, so it can never silence a hit"),
                    "an exception is a longer phrase around one of the rule's terms, e.g. `claimed responsibility` for `claimed`",
                ));
            } else {
                exceptions.push(folded);
            }
        }

        let unless = rule
            .unless
            .as_ref()
            .and_then(|c| self.add_context(source, anchor, &id, "unless", c));
        let only = rule
            .only
            .as_ref()
            .and_then(|c| self.add_context(source, anchor, &id, "only", c));

        let weight = rule
            .weight
            .or_else(|| self.set.categories.get(category).map(|c| c.weight))
            .unwrap_or(1.0);
        if !(weight.is_finite() && weight >= 0.0) {
            let at = find_key_value(&source.text, "weight", "", anchor).unwrap_or(anchor);
            self.errors.push(err(
                at,
                format!("rule `{id}` has weight {weight}"),
                "a weight is a number of 0 or more, e.g. `weight: 2`",
            ));
        }
        if rule.message.trim().is_empty() {
            self.errors.push(err(
                anchor,
                format!("rule `{id}` has an empty message"),
                "say in one line what the term does to the reader, e.g. `Asserts certainty instead of showing evidence`",
            ));
        }

        let polarity = rule
            .polarity
            .or_else(|| self.set.categories.get(category).map(|c| c.polarity))
            .unwrap_or_default();
        let replace = rule
            .replace
            .as_ref()
            .and_then(|r| self.add_replace(source, anchor, &id, r, &terms, detector.is_some()));
        if !rule.examples.fix.is_empty() && rule.replace.is_none() {
            let at = find_field(&source.text, "fix", anchor).unwrap_or(anchor);
            self.errors.push(err(
                at,
                format!("rule `{id}` has `fix:` examples but no `replace:`"),
                "add `replace:` with what its terms become, or remove the `fix:` examples",
            ));
        }
        self.set.rules.push(Rule {
            id,
            pack,
            category,
            weight,
            polarity,
            message: rule.message.trim().to_string(),
            suggestion: rule.suggestion.map(|s| s.trim().to_string()),
            terms,
            detector,
            exceptions,
            unless,
            only,
            examples_match: rule.examples.matching,
            examples_no_match: rule.examples.no_match,
            replace,
            examples_fix: rule
                .examples
                .fix
                .into_iter()
                .map(|f| (f.from, f.to))
                .collect(),
        });
    }
}

struct TermProblem {
    message: String,
    help: &'static str,
}

/// Parses one term as written: folds it and recognises a trailing `*` stem.
fn parse_term(raw: &str) -> Result<Term, TermProblem> {
    let trimmed = raw.trim();
    let (body, stem) = match trimmed.strip_suffix('*') {
        Some(body) => (body, true),
        None => (trimmed, false),
    };
    if body.contains('*') {
        return Err(TermProblem {
            message: "has `*` before its end".into(),
            help: "`*` is only allowed as the last character, to mark a stem: `humiliat*`",
        });
    }
    if body.contains('+') && stem {
        return Err(TermProblem {
            message: "has both `+` and `*`".into(),
            help: "use `+` for the word's forms (`sneer+`) or `*` for every word starting with it (`humiliat*`), not both",
        });
    }
    let (folded, forms) = if body.contains('+') {
        word_forms(&fold_term(body))?
    } else {
        (fold_term(body), Vec::new())
    };
    if !folded.chars().any(is_word_char) {
        return Err(TermProblem {
            message: "is empty or has no letters".into(),
            help: "remove it, or write the word or phrase to flag",
        });
    }
    if stem {
        let last_word = folded.rsplit(' ').next().unwrap_or("");
        let letters = last_word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_STEM_LETTERS || body.ends_with(char::is_whitespace) {
            return Err(TermProblem {
                message: format!(
                    "is a stem of {letters} letters; stems need at least {MIN_STEM_LETTERS}"
                ),
                help: "lengthen the stem (`humiliat*`, not `hu*`) or list the whole words",
            });
        }
    }
    Ok(Term {
        text: trimmed.to_string(),
        folded,
        stem,
        forms,
    })
}

/// A folded term with one word marked `+`: the term without the mark, and
/// the term with that word replaced by each of its forms (`lash+ out` →
/// `lashes out`, `lashed out`, `lashing out`).
fn word_forms(folded: &str) -> Result<(String, Vec<String>), TermProblem> {
    let words: Vec<&str> = folded.split(' ').collect();
    let marked: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].contains('+'))
        .collect();
    let misplaced = TermProblem {
        message: "has `+` somewhere other than the end of one word".into(),
        help: "put one `+` right after the word whose forms to match: `sneer+`, `lash+ out`",
    };
    let [i] = marked[..] else {
        return Err(misplaced);
    };
    let Some(base) = words[i]
        .strip_suffix('+')
        .filter(|b| !b.is_empty() && !b.contains('+'))
    else {
        return Err(misplaced);
    };
    let Some(inflected) = inflect(base) else {
        return Err(TermProblem {
            message: format!("asks for the forms of `{base}`, which is not a plain English word"),
            help: "`+` makes the -s, -ed and -ing forms of a word of 2 to 40 letters a-z; list other forms as terms of their own",
        });
    };
    let with = |word: &str| {
        let mut w = words.clone();
        w[i] = word;
        w.join(" ")
    };
    Ok((with(base), inflected.iter().map(|f| with(f)).collect()))
}

/// Whether folded `phrase` contains `term` (or one of its word forms) as
/// whole words (or, for a stem, a word starting with it).
fn contains_term(phrase: &str, term: &Term) -> bool {
    std::iter::once(&term.folded)
        .chain(&term.forms)
        .any(|t| contains_words(phrase, t, term.stem))
}

fn contains_words(phrase: &str, words: &str, stem: bool) -> bool {
    phrase.match_indices(words).any(|(at, m)| {
        let before = phrase[..at].chars().next_back();
        let after = phrase[at + m.len()..].chars().next();
        !before.is_some_and(is_word_char) && (stem || !after.is_some_and(is_word_char))
    })
}

/// Finds `key:` followed by `value` (or any value when `value` is empty) at or
/// after byte `from`; returns the offset of the value (or of the key).
fn find_key_value(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line_start + line.len() <= from {
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t', '-']).trim_start();
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let key_at = line_start + (line.len() - trimmed.len());
        if key_at < from {
            continue;
        }
        if value.is_empty() {
            return Some(key_at);
        }
        let v = rest.trim().trim_matches(['"', '\'']);
        if v == value {
            let value_at = line_start + line.find(value).unwrap_or(line.len() - trimmed.len());
            return Some(value_at);
        }
    }
    None
}

/// Finds `key:` at or after `from`, at the start of a line (block style) or
/// anywhere (flow style, `{within: 2}`).
fn find_field(text: &str, key: &str, from: usize) -> Option<usize> {
    find_key_value(text, key, "", from).or_else(|| find_value(text, &format!("{key}:"), from))
}

/// Finds a category key (`  name:`) in the file.
fn find_mapping_key(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(name) && trimmed[name.len()..].starts_with(':') {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

/// Finds a value's text at or after `from`.
fn find_value(text: &str, value: &str, from: usize) -> Option<usize> {
    if value.is_empty() {
        return text.get(from..)?.find("\"\"").map(|i| from + i);
    }
    text.get(from..)?.find(value).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_list_every_field_the_pack_format_accepts() {
        let cases = [
            (&PACK_SHAPE, "pack: p\nzz: 1\n"),
            (&CATEGORY_SHAPE, "pack: p\ncategories:\n  c:\n    zz: 1\n"),
            (&RULE_SHAPE, "pack: p\nrules:\n  - zz: 1\n"),
            (&CONTEXT_SHAPE, "pack: p\nrules:\n  - unless: {zz: 1}\n"),
            (&EXAMPLES_SHAPE, "pack: p\nrules:\n  - examples: {zz: 1}\n"),
            (&REPLACE_SHAPE, "pack: p\nrules:\n  - replace: {zz: 1}\n"),
            (
                &FIX_SHAPE,
                "pack: p\nrules:\n  - examples: {fix: [{zz: 1}]}\n",
            ),
        ];
        for (shape, text) in cases {
            assert_eq!(
                shape.names(),
                yaml::expected_by_serde::<PackFile>(text),
                "{text}"
            );
        }
    }

    #[test]
    fn parses_terms_and_stems() {
        let t = parse_term("Humiliat*").ok().unwrap();
        assert_eq!((t.folded.as_str(), t.stem), ("humiliat", true));
        let t = parse_term(" So‑Called ").ok().unwrap();
        assert_eq!((t.folded.as_str(), t.stem), ("so called", false));
        assert!(parse_term("hu*").is_err());
        assert!(parse_term("a*b").is_err());
        assert!(parse_term(" - ").is_err());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nçé x", 7), (2, 3, "çé x".to_string()));
    }
}
