//! Lexicons researchers already have, turned into rule packs.
//!
//! Three input formats are read:
//!
//! - **LIWC** `.dic` dictionaries: a header of `number<TAB>category` lines
//!   between two `%` lines, then `word<TAB>number<TAB>number…` lines; a
//!   word ending in `*` is a stem. The Moral Foundations Dictionary and many
//!   other free dictionaries use this format.
//! - **VADER**-style lexicons: `token<TAB>mean valence[<TAB>…]` lines.
//!   The sign of the valence gives the polarity, its size the weight
//!   ([`vader_weight`]); entries under a cut-off are left out.
//! - **Plain word lists**: one word, phrase or `stem*` a line; `#` starts a
//!   comment line.
//!
//! [`import`] parses the text and writes a YAML pack that slant's own
//! loader accepts. Malformed input is an [`ImportError`] with file, line,
//! column and a fix; entries the loader would refuse (no letters, a stem
//! under three letters, regular-expression characters…) are not errors but
//! [`Skipped`] entries the caller must report, so nothing is dropped
//! silently.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::model::Polarity;
use crate::normalize::{fold_term, is_word_char};
use crate::rules::{MAX_TERMS_PER_PACK, MIN_STEM_LETTERS};

/// The formats [`import`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A LIWC-format `.dic` dictionary.
    Liwc,
    /// A VADER-style `token<TAB>valence…` lexicon.
    Vader,
    /// One word or phrase a line.
    Lines,
}

impl Format {
    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Liwc => "liwc",
            Format::Vader => "vader",
            Format::Lines => "lines",
        }
    }

    fn described(self) -> &'static str {
        match self {
            Format::Liwc => "a LIWC-format dictionary",
            Format::Vader => "a VADER-style lexicon",
            Format::Lines => "a word list",
        }
    }
}

/// The valence scale of VADER: mean ratings run from -4 to +4.
pub const VADER_MAX_ABS: f64 = 4.0;
/// Entries with a smaller absolute valence are left out by default: VADER
/// rates words like "ok" (0.9) or "kind" (0.5) that are rarely loaded.
pub const DEFAULT_MIN_ABS: f64 = 1.0;
/// Weight of the weakest and the strongest imported VADER entry.
pub const VADER_WEIGHTS: (f64, f64) = (0.5, 2.0);

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The input format.
    pub format: Format,
    /// The pack's name (`pack:`), also the first part of every rule id.
    pub pack: String,
    /// The category of a word list; for a VADER lexicon the stem of its two
    /// categories (`NAME-negative`, `NAME-positive`). Default: the pack
    /// name. LIWC categories come from the file's header.
    pub category: Option<String>,
    /// Weight of the categories of a LIWC dictionary or word list (default 1).
    pub weight: Option<f64>,
    /// Polarity of the categories of a LIWC dictionary or word list
    /// (default neutral).
    pub polarity: Option<Polarity>,
    /// VADER: leave out entries whose absolute valence is under this
    /// (default [`DEFAULT_MIN_ABS`]).
    pub min_abs: Option<f64>,
    /// VADER: the end of the valence scale (default [`VADER_MAX_ABS`]; 5
    /// for AFINN-style lists).
    pub max_abs: Option<f64>,
    /// Where the lexicon comes from, for the pack's description and messages.
    pub source: String,
    /// Its licence, for the pack's description.
    pub license: Option<String>,
    /// LIWC: import only these categories (names as in the header, or as
    /// slant writes them, `harm-virtue`); empty for all. A word's first
    /// category among these is the one it is kept in.
    pub only: Vec<String>,
}

impl ImportOptions {
    /// Options with the defaults for `format`.
    pub fn new(format: Format, pack: &str, source: &str) -> ImportOptions {
        ImportOptions {
            format,
            pack: pack.to_string(),
            category: None,
            weight: None,
            polarity: None,
            min_abs: None,
            max_abs: None,
            source: source.to_string(),
            license: None,
            only: Vec::new(),
        }
    }
}

/// The generated pack and what did not go into it.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The pack, as YAML that [`crate::RuleSet::load`] accepts.
    pub yaml: String,
    /// Categories in the pack.
    pub categories: usize,
    /// Rules in the pack.
    pub rules: usize,
    /// Terms in the pack.
    pub terms: usize,
    /// Entries (or parts of entries) left out, in file order.
    pub skipped: Vec<Skipped>,
    /// VADER entries left out by the `min_abs` cut-off.
    pub below_cutoff: usize,
    /// LIWC words in none of the categories chosen with `only`.
    pub not_chosen: usize,
}

/// An entry, or part of one, that the pack does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// 1-based line of the input.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The entry as written.
    pub entry: String,
    /// Why.
    pub reason: SkipReason,
}

/// Why an entry was left out.
#[derive(Debug, Clone, PartialEq)]
pub enum SkipReason {
    /// No letters or digits (`:-)`): slant matches words.
    NoLetters,
    /// Has a character slant would match literally though the lexicon means
    /// it as syntax (`(`, `|`, `[`…), or a `*` before its end.
    NotPlain(char),
    /// Has `+`, which slant reads as "this word's forms".
    Plus,
    /// A stem with fewer letters than slant accepts.
    ShortStem,
    /// The same term as an earlier entry once case, quotes and dashes are
    /// folded (`so-called` and `So called`).
    SameAs {
        /// The earlier entry as written.
        entry: String,
        /// Its line.
        line: usize,
    },
    /// A LIWC word in several categories: slant gives a term one rule, so it
    /// stays in the first and leaves the others.
    OtherCategories {
        /// The category it was kept in.
        kept: String,
        /// The ones it left.
        dropped: Vec<String>,
    },
    /// A LIWC context-dependent category field (`(02 134)125/464`), which
    /// slant cannot express; the word keeps its plain categories.
    ContextCategory,
    /// A LIWC word whose only categories are context-dependent ones.
    OnlyContextCategories,
    /// A VADER entry with valence 0: it has no polarity.
    ZeroValence,
}

impl SkipReason {
    /// One short phrase for a group of skips of this kind.
    pub fn summary(&self) -> &'static str {
        match self {
            SkipReason::NoLetters => "no letters (slant matches words)",
            SkipReason::NotPlain(_) => {
                "characters slant would match literally (`(`, `|`, `[`, `?`, an inner `*`…)"
            }
            SkipReason::Plus => "a `+`, which slant reads as word forms",
            SkipReason::ShortStem => "a stem of under 3 letters",
            SkipReason::SameAs { .. } => {
                "the same term as an earlier entry once case, quotes and dashes are folded"
            }
            SkipReason::OtherCategories { .. } => {
                "in several categories: kept in the first only (a term belongs to one rule)"
            }
            SkipReason::ContextCategory => {
                "context-dependent categories, which slant cannot express: dropped, the word kept"
            }
            SkipReason::OnlyContextCategories => "only context-dependent categories",
            SkipReason::ZeroValence => "valence 0 (no polarity)",
        }
    }

    /// Whether the whole entry is missing from the pack (not only a part).
    pub fn drops_entry(&self) -> bool {
        !matches!(
            self,
            SkipReason::OtherCategories { .. } | SkipReason::ContextCategory
        )
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} `{}`: ", self.line, self.column, self.entry)?;
        match &self.reason {
            SkipReason::NoLetters => write!(f, "no letters"),
            SkipReason::NotPlain(c) => write!(f, "`{c}` is not part of a plain word"),
            SkipReason::Plus => write!(f, "`+` would be read as word forms"),
            SkipReason::ShortStem => write!(f, "a stem needs {MIN_STEM_LETTERS} letters"),
            SkipReason::SameAs { entry, line } => {
                write!(f, "the same term as `{entry}` at line {line}")
            }
            SkipReason::OtherCategories { kept, dropped } => {
                write!(f, "kept in {kept}, left out of {}", dropped.join(", "))
            }
            SkipReason::ContextCategory => write!(f, "context-dependent category dropped"),
            SkipReason::OnlyContextCategories => write!(f, "only context-dependent categories"),
            SkipReason::ZeroValence => write!(f, "valence 0"),
        }
    }
}

/// A mistake in the input or the options, with where it is and how to fix
/// it: the same shape, and the same display, as a rule pack's mistakes.
pub type ImportError = crate::rules::PackError;

/// Every error found in one input.
pub type ImportErrors = crate::rules::PackErrors;

/// Past this many errors the rest of a file is not reported: a file in the
/// wrong format would otherwise give one error per line.
const MAX_ERRORS: usize = 20;

/// Parses `text` (the contents of file `name`) and writes the pack.
pub fn import(name: &str, text: &str, options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let mut p = Parser {
        name,
        errors: Vec::new(),
        skipped: Vec::new(),
        not_chosen: 0,
    };
    p.check_options(options);
    if !p.errors.is_empty() {
        return Err(crate::rules::PackErrors(p.errors));
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        p.whole_file(
            "the file is empty".into(),
            format!("give {}", options.format.described()),
        );
        return Err(crate::rules::PackErrors(p.errors));
    }
    let lines = numbered_lines(text);
    let (categories, below_cutoff) = match options.format {
        Format::Liwc => (p.liwc(&lines, options), 0),
        Format::Vader => p.vader(&lines, options),
        Format::Lines => (p.lines(&lines, options), 0),
    };
    let not_chosen = p.not_chosen;
    p.errors.truncate(MAX_ERRORS);
    if !p.errors.is_empty() {
        return Err(crate::rules::PackErrors(p.errors));
    }
    let terms: usize = categories
        .iter()
        .flat_map(|c| &c.rules)
        .map(|r| r.terms.len())
        .sum();
    if terms == 0 {
        let dropped = p.skipped.iter().filter(|s| s.reason.drops_entry()).count();
        let help = if not_chosen > 0 {
            format!(
                "none of the chosen categories has a word ({not_chosen} words are in others); check --categories"
            )
        } else if below_cutoff > 0 {
            format!(
                "{below_cutoff} entries are under the --min-abs cut-off and {dropped} were skipped; lower --min-abs"
            )
        } else {
            format!(
                "{dropped} entries were skipped (no letters, or characters slant cannot match); check the format given to --from"
            )
        };
        p.whole_file("no entry could be imported".into(), help);
        return Err(crate::rules::PackErrors(p.errors));
    }
    if terms > MAX_TERMS_PER_PACK {
        p.whole_file(
            format!("{terms} terms; a pack holds at most {MAX_TERMS_PER_PACK}"),
            "split the file into several and import each as a pack of its own (raise --min-abs for a VADER lexicon)".into(),
        );
        return Err(crate::rules::PackErrors(p.errors));
    }
    let rules = categories.iter().map(|c| c.rules.len()).sum();
    Ok(Imported {
        yaml: write_pack(name, options, &categories),
        categories: categories.len(),
        rules,
        terms,
        skipped: p.skipped,
        below_cutoff,
        not_chosen,
    })
}

/// The weight of a VADER entry: |valence| from 0 to `max_abs` maps linearly
/// onto [`VADER_WEIGHTS`] (0.5 to 2.0), rounded to 0.1. The strongest words
/// then weigh as much as the default packs' strongest rules, the weakest
/// half a plain hit.
pub fn vader_weight(valence: f64, max_abs: f64) -> f64 {
    let (low, high) = VADER_WEIGHTS;
    let share = (valence.abs() / max_abs).clamp(0.0, 1.0);
    ((low + (high - low) * share) * 10.0).round() / 10.0
}

// ---------------------------------------------------------------------------
// The pack being built.

struct CategoryOut {
    name: String,
    description: String,
    weight: f64,
    polarity: Polarity,
    rules: Vec<RuleOut>,
}

struct RuleOut {
    id: String,
    message: String,
    weight: Option<f64>,
    terms: Vec<String>,
}

/// A line of the input: 1-based number, its text without the line ending.
struct Line<'a> {
    number: usize,
    text: &'a str,
}

fn numbered_lines(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        })
        .collect()
}

/// A field of a line and its byte offset in it.
#[derive(Clone, Copy)]
struct Field<'a> {
    at: usize,
    text: &'a str,
}

/// The fields of a line: tab-separated when it has a tab (so an entry may be
/// a phrase), else separated by runs of spaces. Empty fields are dropped.
fn fields(line: &str) -> Vec<Field<'_>> {
    let mut out = Vec::new();
    let tabbed = line.contains('\t');
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), '\t')))
    {
        let separator = if tabbed { c == '\t' } else { c.is_whitespace() };
        match (separator, start) {
            (true, Some(s)) => {
                let raw = &line[s..i];
                let lead = raw.len() - raw.trim_start().len();
                if !raw.trim().is_empty() {
                    out.push(Field {
                        at: s + lead,
                        text: raw.trim(),
                    });
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |s| s.chars().count() + 1)
}

/// A name made safe for rule ids and YAML keys: lowercase letters, digits
/// and `-`, words of `CamelCase` split (`HarmVirtue` → `harm-virtue`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            let camel = c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase());
            if camel || (prev.is_some() && !prev.is_some_and(|p| p.is_ascii_alphanumeric())) {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        }
        prev = Some(c);
    }
    out.trim_start_matches('-').to_string()
}

fn valid_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

struct Parser<'a> {
    name: &'a str,
    errors: Vec<ImportError>,
    skipped: Vec<Skipped>,
    not_chosen: usize,
}

/// A kept entry: the term as written and where.
struct Entry {
    term: String,
    line: usize,
}

/// Checks of one entry, shared by the formats.
struct Terms {
    /// Each entry as written → its line, for exact duplicates.
    written: HashMap<String, usize>,
    /// Each folded key (a stem with its `*`) → the entry and line that has it.
    folded: HashMap<String, (String, usize)>,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            written: HashMap::new(),
            folded: HashMap::new(),
        }
    }
}

impl Parser<'_> {
    fn at(&mut self, line: &Line, at: usize, message: String, help: impl Into<String>) {
        self.errors.push(ImportError {
            file: self.name.to_string(),
            line: line.number,
            column: column(line.text, at),
            message,
            help: help.into(),
            snippet: Some(line.text.to_string()),
        });
    }

    fn whole_file(&mut self, message: String, help: String) {
        self.errors.push(ImportError {
            file: self.name.to_string(),
            line: 0,
            column: 0,
            message,
            help,
            snippet: None,
        });
    }

    fn skip(&mut self, line: &Line, at: usize, entry: &str, reason: SkipReason) {
        self.skipped.push(Skipped {
            line: line.number,
            column: column(line.text, at),
            entry: entry.to_string(),
            reason,
        });
    }

    fn check_options(&mut self, o: &ImportOptions) {
        let mut bad = |message: String, help: &str| {
            self.errors.push(ImportError {
                file: self.name.to_string(),
                line: 0,
                column: 0,
                message,
                help: help.to_string(),
                snippet: None,
            });
        };
        if !valid_name(&o.pack) {
            bad(
                format!("`{}` is not a usable pack name", o.pack),
                "rule ids start with the pack name: use lowercase letters, digits, `-` and `_`, starting with a letter, e.g. `--pack mfd`",
            );
        }
        if let Some(c) = &o.category {
            if o.format == Format::Liwc {
                bad(
                    "--category does not apply to a LIWC dictionary".into(),
                    "its categories come from the `%` header: rename them there",
                );
            } else if !valid_name(c) {
                bad(
                    format!("`{c}` is not a usable category name"),
                    "use lowercase letters, digits, `-` and `_`, starting with a letter, e.g. `--category loaded`",
                );
            }
        }
        if !o.only.is_empty() && o.format != Format::Liwc {
            bad(
                "--categories applies to LIWC dictionaries only".into(),
                "a word list has one category (--category); a VADER lexicon two, by sign",
            );
        }
        if o.format == Format::Vader {
            if o.weight.is_some() || o.polarity.is_some() {
                bad(
                    "--weight and --polarity do not apply to a VADER lexicon".into(),
                    "its weights and polarities come from the valences (see --min-abs and --max-abs)",
                );
            }
        } else if o.min_abs.is_some() || o.max_abs.is_some() {
            bad(
                "--min-abs and --max-abs apply to VADER lexicons only".into(),
                "remove them, or import with --from vader",
            );
        }
        if let Some(w) = o.weight
            && !(w.is_finite() && w >= 0.0)
        {
            bad(
                format!("weight {w}"),
                "a weight is a number of 0 or more, e.g. `--weight 1.5`",
            );
        }
        let max = o.max_abs.unwrap_or(VADER_MAX_ABS);
        if !(max.is_finite() && max > 0.0) {
            bad(
                format!("--max-abs {max}"),
                "the end of the valence scale is a number above 0: 4 for VADER, 5 for AFINN",
            );
        }
        let min = o.min_abs.unwrap_or(DEFAULT_MIN_ABS);
        if !(min.is_finite() && min >= 0.0 && min <= max) {
            bad(
                format!("--min-abs {min}"),
                &format!("a cut-off from 0 to the end of the scale ({max})"),
            );
        }
    }

    /// Checks one entry against what slant's loader accepts. `None` when it
    /// is skipped (recorded) or is an exact duplicate (an error).
    fn term(&mut self, seen: &mut Terms, line: &Line, field: Field) -> Option<String> {
        let raw = field.text;
        if let Some(&first) = seen.written.get(raw) {
            self.at(
                line,
                field.at,
                format!("`{raw}` is listed twice (first at line {first})"),
                "list each entry once; in a LIWC dictionary, put all its category numbers on one line",
            );
            return None;
        }
        seen.written.insert(raw.to_string(), line.number);
        let reason = term_problem(raw);
        if let Some(reason) = reason {
            self.skip(line, field.at, raw, reason);
            return None;
        }
        let (body, stem) = match raw.strip_suffix('*') {
            Some(body) => (body, true),
            None => (raw, false),
        };
        let key = format!("{}{}", fold_term(body), if stem { "*" } else { "" });
        if let Some((entry, first)) = seen.folded.get(&key) {
            let reason = SkipReason::SameAs {
                entry: entry.clone(),
                line: *first,
            };
            self.skip(line, field.at, raw, reason);
            return None;
        }
        seen.folded.insert(key, (raw.to_string(), line.number));
        Some(raw.to_string())
    }

    fn liwc(&mut self, lines: &[Line], o: &ImportOptions) -> Vec<CategoryOut> {
        let mut rest = lines.iter().skip_while(|l| l.text.trim().is_empty());
        let Some(open) = rest.next() else {
            return Vec::new();
        };
        if open.text.trim() != "%" {
            self.at(
                open,
                0,
                "a LIWC dictionary starts with a `%` line, then `number<TAB>category` lines, then another `%` line".into(),
                "add the header (e.g. `%`, `1\tcare`, `%`), or import a plain word list with --from lines",
            );
            return Vec::new();
        }
        // Number → (category name as written, slug), in header order.
        let mut header: Vec<(u32, String, String)> = Vec::new();
        let mut closed = false;
        for line in rest.by_ref() {
            if line.text.trim() == "%" {
                closed = true;
                break;
            }
            let f = fields(line.text);
            let Some(first) = f.first() else { continue };
            let Ok(number) = first.text.parse::<u32>() else {
                self.at(
                    line,
                    first.at,
                    format!("`{}` is not a category number", first.text),
                    "header lines are `number<TAB>category name`, e.g. `1\tcare`; close the header with a `%` line",
                );
                continue;
            };
            let Some(name_at) = f.get(1).map(|n| n.at) else {
                self.at(
                    line,
                    first.at,
                    format!("category {number} has no name"),
                    "write its name after the number, e.g. `1\tcare`",
                );
                continue;
            };
            // With tabs the name is the second field: LIWC 2015 adds a
            // third, a long name in brackets (`1\tfunction\t(Function Words)`).
            let name = if line.text.contains('\t') {
                f.get(1).map_or("", |n| n.text).to_string()
            } else {
                line.text[name_at..].trim().to_string()
            };
            let mut slugged = slug(&name);
            if slugged.is_empty() || !slugged.starts_with(|c: char| c.is_ascii_lowercase()) {
                slugged = format!(
                    "category-{number}{}",
                    if slugged.is_empty() { "" } else { "-" }
                ) + &slugged;
            }
            if let Some((_, other, _)) = header.iter().find(|(n, _, _)| *n == number) {
                self.at(
                    line,
                    first.at,
                    format!("category number {number} is already `{other}`"),
                    "give each category a number of its own",
                );
            } else if let Some((n, other, _)) = header.iter().find(|(_, _, s)| *s == slugged) {
                self.at(
                    line,
                    name_at,
                    format!("category `{name}` has the same name in slant (`{slugged}`) as category {n} `{other}`"),
                    "rename one of them",
                );
            } else {
                header.push((number, name, slugged));
            }
        }
        if !closed {
            self.at(
                open,
                0,
                "the `%` header is never closed".into(),
                "add a line with `%` alone after the last `number<TAB>category` line",
            );
            return Vec::new();
        }
        if header.is_empty() && self.errors.is_empty() {
            self.at(
                open,
                0,
                "the header defines no categories".into(),
                "list `number<TAB>category` lines between the two `%` lines",
            );
            return Vec::new();
        }
        // The chosen categories, by number; all when none are named.
        let mut chosen: Vec<u32> = Vec::new();
        for want in &o.only {
            match header
                .iter()
                .find(|(_, name, slugged)| name == want || slugged == want)
            {
                Some((n, _, _)) => chosen.push(*n),
                None => {
                    let names: Vec<&str> = header.iter().map(|(_, n, _)| n.as_str()).collect();
                    self.whole_file(
                        format!("--categories names `{want}`, which the header does not define"),
                        format!("choose among: {}", names.join(", ")),
                    );
                }
            }
        }
        if !self.errors.is_empty() {
            return Vec::new();
        }
        if o.only.is_empty() {
            chosen = header.iter().map(|(n, _, _)| *n).collect();
        }
        let defined: Vec<String> = header.iter().map(|(n, _, _)| n.to_string()).collect();
        let mut words: BTreeMap<u32, Vec<Entry>> = BTreeMap::new();
        let mut seen = Terms::new();
        for line in rest {
            let f = fields(line.text);
            let Some((word, numbers)) = f.split_first() else {
                continue;
            };
            if self.errors.len() >= MAX_ERRORS {
                break;
            }
            if numbers.is_empty() {
                self.at(
                    line,
                    word.at,
                    format!("`{}` has no category numbers", word.text),
                    "write them after the word, separated by tabs: `word\t1\t3` (a phrase needs tabs)",
                );
                continue;
            }
            let mut cats: Vec<u32> = Vec::new();
            let mut context = false;
            let mut ok = true;
            for n in numbers {
                if n.text.contains(['(', ')', '/']) {
                    // LIWC 2007's `(02 134)125/464`: a category that depends
                    // on the word before; slant has no such thing.
                    context = true;
                    continue;
                }
                match n.text.parse::<u32>() {
                    Ok(c) if header.iter().any(|(h, _, _)| *h == c) => {
                        if !cats.contains(&c) {
                            cats.push(c);
                        }
                    }
                    Ok(c) => {
                        ok = false;
                        self.at(
                            line,
                            n.at,
                            format!("category number {c} is not defined in the header"),
                            format!(
                                "add `{c}\tname` between the `%` lines, or correct the number (defined: {})",
                                defined.join(", ")
                            ),
                        );
                    }
                    Err(_) => {
                        ok = false;
                        self.at(
                            line,
                            n.at,
                            format!("`{}` is not a category number", n.text),
                            "after the word come category numbers from the header, separated by tabs",
                        );
                    }
                }
            }
            if !ok {
                continue;
            }
            let in_file = cats.len();
            cats.retain(|c| chosen.contains(c));
            if in_file > 0 && cats.is_empty() {
                // Left out by choice, not refused: counted, not warned about.
                // A repeat is still an error.
                if seen.written.contains_key(word.text) {
                    self.term(&mut seen, line, *word);
                    continue;
                }
                seen.written.insert(word.text.to_string(), line.number);
                self.not_chosen += 1;
                continue;
            }
            let Some(term) = self.term(&mut seen, line, *word) else {
                continue;
            };
            if cats.is_empty() {
                self.skip(line, word.at, &term, SkipReason::OnlyContextCategories);
                continue;
            }
            if context {
                self.skip(line, word.at, &term, SkipReason::ContextCategory);
            }
            let name_of = |c: u32| {
                header
                    .iter()
                    .find(|(h, _, _)| *h == c)
                    .map_or_else(String::new, |(_, _, s)| s.clone())
            };
            if let [first, others @ ..] = &cats[..] {
                if !others.is_empty() {
                    let reason = SkipReason::OtherCategories {
                        kept: name_of(*first),
                        dropped: others.iter().map(|c| name_of(*c)).collect(),
                    };
                    self.skip(line, word.at, &term, reason);
                }
                words.entry(*first).or_default().push(Entry {
                    term,
                    line: line.number,
                });
            }
        }
        header
            .into_iter()
            .filter_map(|(number, name, slugged)| {
                let entries = words.remove(&number)?;
                Some(CategoryOut {
                    description: format!("Words {} lists under {name}", o.source),
                    weight: o.weight.unwrap_or(1.0),
                    polarity: o.polarity.unwrap_or_default(),
                    rules: vec![RuleOut {
                        id: format!("{}.{slugged}", o.pack),
                        message: format!("Listed in {} as {name}", o.source),
                        weight: None,
                        terms: sorted_terms(entries),
                    }],
                    name: slugged,
                })
            })
            .collect()
    }

    fn vader(&mut self, lines: &[Line], o: &ImportOptions) -> (Vec<CategoryOut>, usize) {
        let max = o.max_abs.unwrap_or(VADER_MAX_ABS);
        let min = o.min_abs.unwrap_or(DEFAULT_MIN_ABS);
        let mut seen = Terms::new();
        let mut below = 0;
        // (polarity, weight in tenths) → entries with their valences.
        let mut buckets: BTreeMap<(bool, u32), Vec<(Entry, f64)>> = BTreeMap::new();
        for line in lines {
            if self.errors.len() >= MAX_ERRORS {
                break;
            }
            let f = fields(line.text);
            let Some((token, rest)) = f.split_first() else {
                continue;
            };
            let Some(valence_field) = rest.first() else {
                self.at(
                    line,
                    token.at,
                    format!("`{}` has no valence", token.text),
                    "a VADER line is `token<TAB>mean valence<TAB>…`, e.g. `awful\t-2.6`; import a plain word list with --from lines",
                );
                continue;
            };
            let valence = match valence_field.text.parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    self.at(
                        line,
                        valence_field.at,
                        format!("valence `{}` is not a number", valence_field.text),
                        "the second field is the mean valence, e.g. `-2.6`; a phrase must be separated from it by a tab",
                    );
                    continue;
                }
            };
            if valence.abs() > max {
                self.at(
                    line,
                    valence_field.at,
                    format!("valence {valence} is beyond the scale of ±{max}"),
                    "pass the end of this lexicon's scale with --max-abs (5 for AFINN), or correct the value",
                );
                continue;
            }
            // Duplicates are checked on every line, also those cut off.
            if seen.written.contains_key(token.text) {
                self.term(&mut seen, line, *token);
                continue;
            }
            if valence == 0.0 {
                seen.written.insert(token.text.to_string(), line.number);
                self.skip(line, token.at, token.text, SkipReason::ZeroValence);
                continue;
            }
            if valence.abs() < min {
                seen.written.insert(token.text.to_string(), line.number);
                below += 1;
                continue;
            }
            let Some(term) = self.term(&mut seen, line, *token) else {
                continue;
            };
            let tenths = (vader_weight(valence, max) * 10.0).round() as u32;
            buckets.entry((valence > 0.0, tenths)).or_default().push((
                Entry {
                    term,
                    line: line.number,
                },
                valence,
            ));
        }
        let base = o.category.clone().unwrap_or_else(|| o.pack.clone());
        let mut categories = Vec::new();
        for positive in [false, true] {
            let (word, polarity) = if positive {
                ("positive", Polarity::Positive)
            } else {
                ("negative", Polarity::Negative)
            };
            let mut rules = Vec::new();
            // Strongest first, so `rules list` reads from the top.
            for ((_, tenths), entries) in buckets.iter().rev().filter(|((p, _), _)| *p == positive)
            {
                let weight = f64::from(*tenths) / 10.0;
                let (lo, hi) = entries.iter().fold((f64::MAX, 0.0f64), |(lo, hi), (_, v)| {
                    (lo.min(v.abs()), hi.max(v.abs()))
                });
                let sign = if positive { "+" } else { "-" };
                let range = if lo == hi {
                    format!("{sign}{lo}")
                } else {
                    format!("{sign}{lo} to {sign}{hi}")
                };
                rules.push(RuleOut {
                    id: format!("{}.{word}-{}", o.pack, weight.to_string().replace('.', "-")),
                    message: format!(
                        "Listed in {} as {word} (valence {range} on a scale of ±{max})",
                        o.source
                    ),
                    weight: Some(weight),
                    terms: sorted_terms(entries.iter().map(|(e, _)| Entry {
                        term: e.term.clone(),
                        line: e.line,
                    })),
                });
            }
            if !rules.is_empty() {
                categories.push(CategoryOut {
                    name: format!("{base}-{word}"),
                    description: format!("Words {} rates {word}", o.source),
                    weight: 1.0,
                    polarity,
                    rules,
                });
            }
        }
        (categories, below)
    }

    fn lines(&mut self, lines: &[Line], o: &ImportOptions) -> Vec<CategoryOut> {
        let mut seen = Terms::new();
        let mut entries = Vec::new();
        for line in lines {
            if self.errors.len() >= MAX_ERRORS {
                break;
            }
            // Anything after a tab (a count, a note) is not part of the entry.
            let text = line.text.split('\t').next().unwrap_or("");
            let trimmed = text.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let at = text.len() - text.trim_start().len();
            let field = Field { at, text: trimmed };
            if let Some(term) = self.term(&mut seen, line, field) {
                entries.push(Entry {
                    term,
                    line: line.number,
                });
            }
        }
        if entries.is_empty() {
            return Vec::new();
        }
        let category = o.category.clone().unwrap_or_else(|| o.pack.clone());
        vec![CategoryOut {
            description: format!("Words listed in {}", o.source),
            weight: o.weight.unwrap_or(1.0),
            polarity: o.polarity.unwrap_or_default(),
            rules: vec![RuleOut {
                id: format!("{}.{category}", o.pack),
                // Named by the editor, the category says something; the
                // default (the pack's name) would only repeat the source.
                message: match &o.category {
                    Some(c) => format!("Listed in {} as {c}", o.source),
                    None => format!("Listed in {}", o.source),
                },
                weight: None,
                terms: sorted_terms(entries),
            }],
            name: category,
        }]
    }
}

/// Why slant's loader would refuse (or misread) this entry, if it would.
/// Mirrors the term checks in `rules.rs`.
fn term_problem(raw: &str) -> Option<SkipReason> {
    let (body, stem) = match raw.strip_suffix('*') {
        Some(body) => (body, true),
        None => (raw, false),
    };
    let folded = fold_term(body);
    if !folded.chars().any(is_word_char) {
        return Some(SkipReason::NoLetters);
    }
    if body.contains('+') {
        return Some(SkipReason::Plus);
    }
    if let Some(c) = body
        .chars()
        .find(|c| "*()|[]\\^$?{}".contains(*c) || c.is_control())
    {
        return Some(SkipReason::NotPlain(c));
    }
    // "bail.out" would be read as a regular expression; "U.S." is fine.
    let dotted = body.split('.').collect::<Vec<_>>().windows(2).any(|w| {
        let before = w[0].chars().rev().take_while(|c| c.is_alphabetic()).count();
        let after = w[1].chars().take_while(|c| c.is_alphabetic()).count();
        before >= 2 && after >= 2
    });
    if dotted {
        return Some(SkipReason::NotPlain('.'));
    }
    if stem {
        let last = folded.rsplit(' ').next().unwrap_or("");
        let letters = last.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_STEM_LETTERS || body.ends_with(char::is_whitespace) {
            return Some(SkipReason::ShortStem);
        }
    }
    None
}

/// Terms in file order (the order an editor will look for them in).
fn sorted_terms(entries: impl IntoIterator<Item = Entry>) -> Vec<String> {
    let mut entries: Vec<Entry> = entries.into_iter().collect();
    entries.sort_by_key(|e| e.line);
    entries.into_iter().map(|e| e.term).collect()
}

// ---------------------------------------------------------------------------
// Writing YAML. By hand: every string is double-quoted with escapes, so no
// entry can be misread as YAML syntax, and the layout is an editor's.

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A mapping key: plain when YAML cannot read it as anything but a string
/// (so `slant rules check` can point at it), quoted otherwise.
fn key(s: &str) -> String {
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    if valid_name(s) && !reserved.contains(&s) {
        s.to_string()
    } else {
        quote(s)
    }
}

fn polarity_name(p: Polarity) -> &'static str {
    match p {
        Polarity::Negative => "negative",
        Polarity::Positive => "positive",
        Polarity::Neutral => "neutral",
    }
}

/// The generic advice every imported rule gives: a lexicon lists a word,
/// it has not judged this use of it.
const SUGGESTION: &str = "Keep it only if it is the plain word for what happened";

fn write_pack(file: &str, o: &ImportOptions, categories: &[CategoryOut]) -> String {
    use std::fmt::Write as _;
    let license = o
        .license
        .as_deref()
        .unwrap_or("not stated; check the lexicon's licence before sharing this pack");
    // The file name alone: the folder it was imported from means nothing later.
    let file = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let description = format!(
        "Imported with `slant rules import --from {}` from {file} ({}). Source: {}. License: {license}.",
        o.format.name(),
        o.format.described(),
        o.source,
    );
    let mut y = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        y,
        "# Generated by `slant rules import --from {}`; edit freely, then `slant rules check` it.",
        o.format.name()
    );
    let _ = writeln!(y, "pack: {}", quote(&o.pack));
    let _ = writeln!(y, "description: {}", quote(&description));
    let _ = writeln!(y, "categories:");
    for c in categories {
        let _ = writeln!(y, "  {}:", key(&c.name));
        let _ = writeln!(y, "    description: {}", quote(&c.description));
        let _ = writeln!(y, "    weight: {}", c.weight);
        let _ = writeln!(y, "    polarity: {}", polarity_name(c.polarity));
    }
    let _ = writeln!(y, "rules:");
    for c in categories {
        for r in &c.rules {
            let _ = writeln!(y, "  - id: {}", quote(&r.id));
            let _ = writeln!(y, "    category: {}", quote(&c.name));
            if let Some(w) = r.weight {
                let _ = writeln!(y, "    weight: {w}");
            }
            let _ = writeln!(y, "    message: {}", quote(&r.message));
            let _ = writeln!(y, "    suggestion: {}", quote(SUGGESTION));
            let _ = writeln!(y, "    terms:");
            for t in &r.terms {
                let _ = writeln!(y, "      - {}", quote(t));
            }
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_map_valence_linearly() {
        assert_eq!(vader_weight(0.0, 4.0), 0.5);
        assert_eq!(vader_weight(-4.0, 4.0), 2.0);
        assert_eq!(vader_weight(2.0, 4.0), 1.3);
        assert_eq!(vader_weight(1.0, 4.0), 0.9);
        assert_eq!(vader_weight(5.0, 5.0), 2.0);
    }

    #[test]
    fn slugs_split_camel_case_and_punctuation() {
        assert_eq!(slug("HarmVirtue"), "harm-virtue");
        assert_eq!(slug("Moral Foundations.dic"), "moral-foundations-dic");
        assert_eq!(slug("posemo"), "posemo");
        assert_eq!(slug("%%"), "");
    }

    #[test]
    fn fields_keep_offsets() {
        let f = fields("kind of\t 12\t3");
        let got: Vec<(usize, &str)> = f.iter().map(|f| (f.at, f.text)).collect();
        assert_eq!(got, vec![(0, "kind of"), (9, "12"), (12, "3")]);
        let f = fields("  word  1 2");
        let got: Vec<(usize, &str)> = f.iter().map(|f| (f.at, f.text)).collect();
        assert_eq!(got, vec![(2, "word"), (8, "1"), (10, "2")]);
    }

    #[test]
    fn terms_the_loader_would_refuse_are_named() {
        assert_eq!(term_problem(":-)"), Some(SkipReason::NoLetters));
        assert_eq!(term_problem("(i)"), Some(SkipReason::NotPlain('(')));
        assert_eq!(term_problem("--"), Some(SkipReason::NoLetters));
        assert_eq!(term_problem("ab*"), Some(SkipReason::ShortStem));
        assert_eq!(term_problem("c++"), Some(SkipReason::Plus));
        assert_eq!(term_problem("bail.out"), Some(SkipReason::NotPlain('.')));
        assert_eq!(term_problem("a*b"), Some(SkipReason::NotPlain('*')));
        assert_eq!(term_problem("U.S."), None);
        assert_eq!(term_problem("abus*"), None);
        assert_eq!(term_problem("don't"), None);
    }

    #[test]
    fn quoting_escapes_what_yaml_would_read() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(key("no"), "\"no\"");
        assert_eq!(key("harm-virtue"), "harm-virtue");
    }
}
