//! Command-line arguments (clap derive). Only shapes and help texts here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use slant::config;

const ABOUT: &str = "Find loaded language and framing in news articles, and compare how two sources cover the same story.";

const LONG_ABOUT: &str = "\
Find loaded language and framing in news articles, and compare how two sources cover the same story.

slant flags words that tell the reader what to think (\"humiliatingly\", \"obviously\", \"so-called\", \"claimed\"), \
scores each article per 1,000 words, keeps the outlet's own voice apart from quoted speech, and puts two \
sources side by side. Rules are YAML packs; the default packs are built in.";

const EXAMPLES: &str = "\
Examples:
  slant compare commentary.txt wire.txt     two sources side by side
  slant score draft.md                      score a draft
  slant score articles/ --format json       every .txt and .md in a folder, as JSON
  cat article.txt | slant score             read standard input
  slant rules explain certainty.obviously   what a rule flags and why

Exit codes: 0 clean, 1 --fail-over exceeded or a rule example failed, 2 error.
Guide: docs/cli.md";

#[derive(Debug, Parser)]
#[command(name = "slant", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to color output: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Ignore slant.yaml in this folder and its parents
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score articles: hits, categories and a score per 1,000 words
    #[command(after_help = "\
Examples:
  slant score article.txt
  slant score corpus/ --format jsonl > reports.jsonl
  slant score draft.md --fail-over 15      exit 1 if the draft scores above 15
  pbpaste | slant score -
  slant score --input-format jsonl archive.jsonl --format jsonl -j 8
  slant score --input-format jsonl archive.jsonl --summary
  slant score --input-format jsonl archive.jsonl --summary --group-by outlet   a summary per outlet
  slant score --input-format jsonl archive.jsonl --format csv > articles.csv   a row per article
  slant score article.txt --actors                 who is framed how
  slant score corpus/ --format html -o report.html  a page to share")]
    Score(ScoreArgs),

    /// Compare two sources on the same event, side by side
    #[command(after_help = "\
Examples:
  slant compare corpus/000_4fdb1282455ab5f8.txt corpus/004_3bdeed25ccb9e8ca.txt
  slant compare left.txt right.txt --context      each hit in its sentence
  slant compare left.txt right.txt --all-facts    every aligned pair and fact only one side reports
  slant compare left.txt right.txt --actors-file story.actors.yaml   people of this story
  slant compare left.txt right.txt --format json
  slant compare left.txt right.txt --format html -o report.html   a page to share")]
    Compare(CompareArgs),

    /// Show, or apply, neutral rewrites of the writer's own loaded words as a diff
    #[command(after_help = "\
Examples:
  slant fix article.txt                    a diff of the safe rewrites
  slant fix article.txt --review           also rewrites that may shift the meaning
  slant fix article.txt --write            apply the safe rewrites in place
  slant fix article.txt --format json      each edit with offsets, rule, old and new text

Only the writer's own words are rewritten, never quoted or reported speech.
Rewrites come from each rule's `replace:` (docs/rule-format.md).")]
    Fix(FixArgs),

    /// Measure the rule packs against human-annotated news (JSON Lines)
    #[command(after_help = "\
Examples:
  slant eval ../shared/eval/babe.dev.jsonl
  slant eval ../shared/eval/basil.dev.jsonl --format json
  slant eval babe.dev.jsonl --misses 30 --rules newsroom.yaml

Records need `text`; `label` (biased / non-biased) enables sentence metrics,
`biased_spans_bytes` word metrics, `event` same-event ordering.
See docs/evaluation.md.")]
    Eval(EvalArgs),

    /// Add up `score --summary --format json` outputs of shards into one summary
    #[command(after_help = "\
Examples:
  cat shard-*.json | slant merge-summaries
  slant merge-summaries part-00000 part-00001 --format json")]
    MergeSummaries {
        /// Files holding summaries (one JSON object per line); `-` or nothing reads standard input
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format: text, json, or html (one page to share)
        #[arg(long, value_enum, default_value_t = PageFormat::Text)]
        format: PageFormat,
        /// Write the output to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// List, check, test, explain and import rule packs
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Add a rule pack file or a folder of .yaml/.yml packs (repeatable)
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// Leave out the default packs built into slant
    #[arg(long)]
    pub no_default_rules: bool,
}

#[derive(Debug, Args)]
pub struct ActorArgs {
    /// Profile actors (who is framed how) with the default actors
    #[arg(long)]
    pub actors: bool,

    /// Add the actors of FILE, such as a story's people; implies --actors (repeatable)
    #[arg(long = "actors-file", value_name = "FILE")]
    pub actor_files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoringArgs {
    /// Weight of hits in quoted speech: 0 ignores them, 1 counts them fully [default: 0.25]
    #[arg(long, value_name = "F", value_parser = parse_quoted_weight)]
    pub quoted_weight: Option<f64>,

    /// Weight of hits in reported speech ("X said the plan was a disaster"): 0 to 1 [default: 0.25]
    #[arg(long, value_name = "F", value_parser = parse_reported_weight)]
    pub reported_weight: Option<f64>,

    /// Exit with code 1 when any article scores above SCORE (for CI)
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub fail_over: Option<f64>,

    /// Skip (and report) any article larger than this many bytes [default: 16777216]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_article_bytes: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
    Jsonl,
    /// A row per article (or per group with --summary), for R and pandas
    Csv,
    Html,
    /// SARIF 2.1.0, for code-review tools
    Sarif,
}

/// Formats of `compare` and `merge-summaries`: a page besides text and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Highest score first
    Score,
    /// Longest first
    Words,
    /// By source name
    Name,
}

impl From<SortBy> for slant::summary::Sort {
    fn from(s: SortBy) -> Self {
        match s {
            SortBy::Score => slant::summary::Sort::Score,
            SortBy::Words => slant::summary::Sort::Words,
            SortBy::Name => slant::summary::Sort::Name,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each file is one article, plain text
    Text,
    /// Each file is a Markdown article: prose scored, code, URLs, front matter and comments not
    Markdown,
    /// Each file is a saved web page: its article body is scored
    Html,
    /// Each line is one article: {"id", "title", "text"} (other fields ignored)
    Jsonl,
}

/// How input files are read (`score`, `compare`).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Decode files from this encoding (a WHATWG label: windows-1252, iso-8859-1, utf-16le…) [default: UTF-8, or UTF-16 by its byte-order mark]
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static slant::input::Encoding>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Files or folders (searched for .txt, .md, .markdown, .html and .htm); `-` or nothing reads standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: text for people, json (one array), jsonl (one report per line), csv (a row per article), sarif (for code review) or html (one page to share)
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,

    /// Write the output to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How inputs hold articles: text, markdown, html (a file is an article) or jsonl (a line is) [default: by extension: .md/.markdown Markdown, .html/.htm HTML, else text]
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Print only totals per category and the score distribution, not each article
    #[arg(long)]
    pub summary: bool,

    /// With --summary on JSON Lines: one summary per value of this record field (FIELD, or FIELD:N for its first N characters, e.g. date:7 for months)
    #[arg(long, value_name = "FIELD[:N]")]
    pub group_by: Option<slant::summary::GroupBy>,

    /// Leave articles under N words out of the ranking (a caption with one hit scores in the hundreds)
    #[arg(long, value_name = "N", default_value_t = slant::summary::MIN_WORDS)]
    pub min_words: usize,

    /// Order of the ranking that closes a text report of several articles
    #[arg(long, value_enum, default_value_t = SortBy::Score)]
    pub sort: SortBy,

    /// Rank only the first N articles
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub actors: ActorArgs,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub scoring: ScoringArgs,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first source (a file, or `-` for standard input)
    pub left: PathBuf,
    /// The second source
    pub right: PathBuf,

    /// Show each hit in its sentence, the term highlighted
    #[arg(long)]
    pub context: bool,

    /// LEFT and RIGHT are summaries (`score --summary --format json`, with or without --group-by), compared as groups of articles with an interval on each difference
    #[arg(long)]
    pub summaries: bool,

    /// With --summaries: the group to take from LEFT (a line of a --group-by summary)
    #[arg(long, value_name = "NAME", requires = "summaries")]
    pub left_group: Option<String>,

    /// With --summaries: the group to take from RIGHT
    #[arg(long, value_name = "NAME", requires = "summaries")]
    pub right_group: Option<String>,

    /// Leave out the aligned sentences (the same fact in each source's words, and what only one reports)
    #[arg(long)]
    pub no_align: bool,

    /// List every aligned pair framed differently and every fact only one source reports, not the first few
    #[arg(long, conflicts_with = "no_align")]
    pub all_facts: bool,

    /// Output format: text for people, json, or html (one page to share)
    #[arg(long, value_enum, default_value_t = PageFormat::Text)]
    pub format: PageFormat,

    /// Write the output to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Leave out the actor section (actors: default ones plus --actors-file FILEs)
    #[arg(long)]
    pub no_actors: bool,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub actors: ActorArgs,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub scoring: ScoringArgs,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Plain-text files to rewrite (`-` for standard input, not with --write)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Also apply replacements marked `review` (the meaning may shift)
    #[arg(long)]
    pub review: bool,

    /// Apply the edits in place (refused when a file changed since it was read)
    #[arg(long)]
    pub write: bool,

    /// Output format: a unified diff, or JSON listing every edit
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Refuse any file larger than this many bytes [default: 16777216]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_article_bytes: Option<usize>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// An annotated JSON Lines file (`-` for standard input)
    pub file: PathBuf,

    /// Predict a record biased when its authorial score (per 1,000 words) is above this
    #[arg(long, value_name = "SCORE", default_value_t = slant::eval::DEFAULT_THRESHOLD, value_parser = parse_score)]
    pub threshold: f64,

    /// List this many annotated words that no rule caught
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub misses: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Weight of quoted hits in the scores used for ordering [default: 0.25]
    #[arg(long, value_name = "F", value_parser = parse_quoted_weight)]
    pub quoted_weight: Option<f64>,

    /// Weight of hits in reported speech in the scores used for ordering [default: 0.25]
    #[arg(long, value_name = "F", value_parser = parse_reported_weight)]
    pub reported_weight: Option<f64>,

    /// Skip (and report) any record larger than this many bytes [default: 16777216]
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_article_bytes: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List packs, categories and rules with their term counts
    #[command(after_help = "\
Examples:
  slant rules list
  slant rules list --rules newsroom.yaml --format json")]
    List {
        #[command(flatten)]
        rules: RuleArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Validate rule packs: every mistake with file, line, column and a fix
    #[command(after_help = "\
Examples:
  slant rules check                      the default packs (and slant.yaml's)
  slant rules check my-pack.yaml         a new pack, with the defaults it may use")]
    Check {
        /// Pack files or folders to check with the default packs
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Check the given packs alone
        #[arg(long)]
        no_default_rules: bool,
    },
    /// Run each rule's `examples`: `match` texts must hit the rule, `no_match` texts must not
    #[command(after_help = "\
Examples:
  slant rules test                       the default packs
  slant rules test my-pack.yaml          only my-pack's examples (with the defaults loaded)")]
    Test {
        /// Pack files or folders whose examples to run (default: the default packs)
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Load the given packs alone
        #[arg(long)]
        no_default_rules: bool,
    },
    /// Explain a rule (by id, or by one of its terms): message, suggestion, terms, examples and why its category matters
    #[command(after_help = "\
Examples:
  slant rules explain attribution.claimed
  slant rules explain newsroom.game-changer --rules newsroom.yaml")]
    Explain {
        /// A rule id, as shown by `slant rules list` or in a hit line (certainty.obviously), or a term (burgeoning)
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write a rule pack from a lexicon you already have: a LIWC-format .dic dictionary, a VADER-style lexicon or a word list
    #[command(after_help = "\
Examples:
  slant rules import --from liwc moral.dic --pack moral -o moral.yaml
  slant rules import --from vader lexicon.txt --min-abs 1.5 -o sentiment.yaml
  slant rules import --from lines loaded.txt --category loaded --polarity negative
  slant rules import --from liwc moral.dic --categories HarmVice,FairnessVice

Formats:
  liwc   a `%` header of `number<TAB>category` lines, then `word<TAB>number…`; `word*` is a stem
  vader  `token<TAB>mean valence<TAB>…`: polarity from the sign, weight 0.5 to 2.0 from |valence|
  lines  one word, phrase or stem a line; `#` starts a comment

Entries slant cannot match (`:-)`, `(i)`, `ab*`) are skipped and counted on stderr.
Use the pack with the defaults: slant score draft.md --rules moral.yaml (docs/cli.md)")]
    Import {
        /// The lexicon file (`-` reads standard input)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The lexicon's format
        #[arg(long, value_enum)]
        from: ImportFormat,
        /// Write the pack to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// The pack's name, which starts every rule id [default: from the file name]
        #[arg(long, value_name = "NAME")]
        pack: Option<String>,
        /// The category of a word list; for a VADER lexicon the stem of NAME-negative and NAME-positive [default: the pack name]
        #[arg(long, value_name = "NAME")]
        category: Option<String>,
        /// LIWC: import only these categories (comma-separated, as named in the header); a word stays in the first of them it is listed in
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        categories: Vec<String>,
        /// Weight of each category of a LIWC dictionary or word list [default: 1]
        #[arg(long, value_name = "W", value_parser = parse_weight)]
        weight: Option<f64>,
        /// Polarity of each category of a LIWC dictionary or word list [default: neutral]
        #[arg(long, value_enum)]
        polarity: Option<PolarityArg>,
        /// VADER: leave out entries whose |valence| is under F [default: 1]
        #[arg(long, value_name = "F", value_parser = parse_valence)]
        min_abs: Option<f64>,
        /// VADER: the end of the valence scale (5 for AFINN-style lists) [default: 4]
        #[arg(long, value_name = "F", value_parser = parse_valence)]
        max_abs: Option<f64>,
        /// Where the lexicon comes from, for the pack's description and messages [default: the file name]
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// The lexicon's licence, for the pack's description
        #[arg(long, value_name = "TEXT")]
        license: Option<String>,
        /// List every skipped entry, not the first three of each kind
        #[arg(long)]
        list_skipped: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A LIWC-format .dic dictionary (the Moral Foundations Dictionary, …)
    Liwc,
    /// token<TAB>mean valence<TAB>… (VADER, AFINN with --max-abs 5)
    Vader,
    /// One word, phrase or stem a line
    Lines,
}

impl From<ImportFormat> for slant::import::Format {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::Liwc => slant::import::Format::Liwc,
            ImportFormat::Vader => slant::import::Format::Vader,
            ImportFormat::Lines => slant::import::Format::Lines,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolarityArg {
    Negative,
    Positive,
    Neutral,
}

impl From<PolarityArg> for slant::model::Polarity {
    fn from(p: PolarityArg) -> Self {
        match p {
            PolarityArg::Negative => slant::model::Polarity::Negative,
            PolarityArg::Positive => slant::model::Polarity::Positive,
            PolarityArg::Neutral => slant::model::Polarity::Neutral,
        }
    }
}

fn parse_weight(s: &str) -> Result<f64, String> {
    let w: f64 = config::parse_number(s)?;
    if w.is_finite() && w >= 0.0 {
        Ok(w)
    } else {
        Err("a weight is a number of 0 or more".into())
    }
}

fn parse_valence(s: &str) -> Result<f64, String> {
    let v: f64 = config::parse_number(s)?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err("a valence bound is a number of 0 or more".into())
    }
}

// Flags go through the same validators as slant.yaml, so a bad value gets
// the same message from either place.

fn parse_quoted_weight(s: &str) -> Result<f64, String> {
    config::quoted_weight(config::parse_number(s)?)
}

fn parse_reported_weight(s: &str) -> Result<f64, String> {
    config::reported_weight(config::parse_number(s)?)
}

fn parse_score(s: &str) -> Result<f64, String> {
    config::fail_over(config::parse_number(s)?)
}

fn parse_threads(s: &str) -> Result<usize, String> {
    config::threads(config::parse_number(s)?)
}

fn parse_bytes(s: &str) -> Result<usize, String> {
    config::max_article_bytes(config::parse_number(s)?)
}

impl From<Format> for slant::render::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Text => slant::render::Format::Text,
            Format::Json => slant::render::Format::Json,
        }
    }
}

impl From<PageFormat> for slant::render::Format {
    fn from(f: PageFormat) -> Self {
        match f {
            PageFormat::Text => slant::render::Format::Text,
            PageFormat::Json => slant::render::Format::Json,
            PageFormat::Html => slant::render::Format::Html,
        }
    }
}

impl From<ScoreFormat> for slant::render::Format {
    fn from(f: ScoreFormat) -> Self {
        match f {
            ScoreFormat::Text => slant::render::Format::Text,
            ScoreFormat::Json => slant::render::Format::Json,
            ScoreFormat::Jsonl => slant::render::Format::Jsonl,
            ScoreFormat::Csv => slant::render::Format::Csv,
            ScoreFormat::Html => slant::render::Format::Html,
            ScoreFormat::Sarif => slant::render::Format::Sarif,
        }
    }
}

impl InputFormat {
    /// Whether files hold one article each, or a line does.
    pub fn layout(format: Option<InputFormat>) -> slant::input::Layout {
        match format {
            Some(InputFormat::Jsonl) => slant::input::Layout::JsonLines,
            _ => slant::input::Layout::Files,
        }
    }

    /// The kind every file is read as, when named (else by extension).
    pub fn kind(format: Option<InputFormat>) -> Option<slant::input::Kind> {
        match format? {
            InputFormat::Text => Some(slant::input::Kind::Text),
            InputFormat::Markdown => Some(slant::input::Kind::Markdown),
            InputFormat::Html => Some(slant::input::Kind::Html),
            InputFormat::Jsonl => None,
        }
    }
}

fn parse_encoding(s: &str) -> Result<&'static slant::input::Encoding, String> {
    slant::input::encoding_for(s).ok_or_else(|| {
        format!("`{s}` is not an encoding label; try windows-1252, iso-8859-1, utf-16le or utf-8")
    })
}
