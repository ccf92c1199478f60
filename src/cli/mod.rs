//! The command line: arguments in, rendered reports out, an exit code.
//!
//! Exit codes: 0 clean, 1 a threshold was exceeded or a rule example failed,
//! 2 an error (usage, input or rules). A closed pipe (`slant … | head`) is a
//! clean exit.

mod args;
mod eval;
mod input;
mod score;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use colored::Colorize;
use slant::config::{self, Config};
use slant::render::{self, TextStyle, Texts};
use slant::{Comparison, Engine, PackError, PackErrors, PackSource, Report, RuleSet, ScoreOptions};

use args::{Cli, ColorChoice, Command, CompareArgs, Format, RuleArgs, RulesCommand, ScoringArgs};
use input::{Input, InputError};

/// Why a command stopped.
pub(crate) enum Failure {
    /// Writing output failed (a closed pipe is not reported).
    Io(io::Error),
    /// Rule packs or config have mistakes.
    Packs(PackErrors),
    /// Anything else, said with what to do about it.
    Message { message: String, help: String },
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<PackErrors> for Failure {
    fn from(e: PackErrors) -> Self {
        Failure::Packs(e)
    }
}

impl From<PackError> for Failure {
    fn from(e: PackError) -> Self {
        Failure::Packs(PackErrors(vec![e]))
    }
}

/// How a command ended, when it ran to its end.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    Clean = 0,
    Flagged = 1,
    Error = 2,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    set_colors(cli.color);
    match run(cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            report_failure(&failure);
            ExitCode::from(Outcome::Error as u8)
        }
    }
}

fn set_colors(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    colored::control::set_override(on);
}

fn report_failure(failure: &Failure) {
    let mut err = io::stderr().lock();
    // Nothing sensible is left to do if stderr itself fails.
    let _ = match failure {
        Failure::Io(e) => writeln!(err, "{} {e}", "error:".red().bold()),
        Failure::Packs(errors) => write!(err, "{errors}"),
        Failure::Message { message, help } => writeln!(
            err,
            "{} {message}\n  {} {help}",
            "error:".red().bold(),
            "help:".bold()
        ),
    };
}

pub(crate) fn warn(name: &str, message: &str) {
    let _ = writeln!(
        io::stderr(),
        "{} {name}: {message}",
        "warning:".yellow().bold()
    );
}

pub(crate) fn input_error(e: &InputError) {
    let _ = writeln!(
        io::stderr(),
        "{} {}: {}\n  {} {}",
        "error:".red().bold(),
        e.name,
        e.message,
        "help:".bold(),
        e.help
    );
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    let config = if cli.no_config {
        None
    } else {
        let cwd = std::env::current_dir()?;
        match config::find(&cwd) {
            Some(path) => Some(Config::load(&path)?),
            None => None,
        }
    };
    let config = config.unwrap_or_default();
    match cli.command {
        Command::Score(args) => score::run(args, &config),
        Command::Compare(args) => compare(args, &config),
        Command::Rules { command } => rules(command, &config),
        Command::MergeSummaries { paths, format } => merge_summaries(&paths, format),
        Command::Eval(args) => eval::run(args, &config),
    }
}

/// Loads default packs (unless turned off), the config's packs and the
/// flag's packs, and applies the config's disabled rules and categories.
fn load_rules(args: &RuleArgs, config: &Config) -> Result<RuleSet, Failure> {
    let mut sources = Vec::new();
    if !(args.no_default_rules || config.no_default_rules) {
        sources.extend(PackSource::defaults());
    }
    for path in config.rules.iter().chain(&args.rules) {
        sources.extend(PackSource::from_path(path)?);
    }
    if sources.is_empty() {
        return Err(Failure::Message {
            message: "no rule packs loaded".into(),
            help: "drop --no-default-rules, or add packs with --rules PATH".into(),
        });
    }
    let mut set = RuleSet::load(&sources)?;
    for unknown in set.disable(&config.disable_rules, &config.disable_categories) {
        warn(
            config::FILE_NAME,
            &format!(
                "`{unknown}` is neither a rule id nor a category; nothing was disabled for it"
            ),
        );
    }
    Ok(set)
}

pub(crate) fn engine(args: &RuleArgs, config: &Config) -> Result<Engine, Failure> {
    Engine::new(load_rules(args, config)?).map_err(|e| Failure::Message {
        message: e.to_string(),
        help: "reduce the number of terms, or split the packs across runs".into(),
    })
}

/// The engine with actors: the defaults plus the given files.
pub(crate) fn with_actors(engine: Engine, files: &[PathBuf]) -> Result<Engine, Failure> {
    let mut sources = slant::actors::Actors::default_sources();
    for f in files.iter().filter(|f| !f.as_os_str().is_empty()) {
        sources.extend(PackSource::from_path(f)?);
    }
    Ok(engine.with_actors(slant::actors::Actors::load(&sources)?))
}

/// `--threads N`, or every core.
pub(crate) fn threads(requested: Option<u16>) -> usize {
    requested.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    )
}

pub(crate) fn options(args: &ScoringArgs, config: &Config) -> (ScoreOptions, Option<f64>) {
    let mut options = ScoreOptions::default();
    if let Some(q) = args.quoted_weight.or(config.quoted_weight) {
        options.quoted_weight = q;
    }
    (options, args.fail_over.or(config.fail_over))
}

pub(crate) fn text_style() -> TextStyle {
    let width = if io::stdout().is_terminal() {
        terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0))
    } else {
        80
    };
    TextStyle {
        width: width.clamp(60, 200),
    }
}

/// Scores one input; a lossy decode is warned about on stderr.
pub(crate) fn score_input(
    engine: &Engine,
    input: &Input,
    options: &ScoreOptions,
    limit: usize,
) -> Result<(Report, Vec<u8>), InputError> {
    let bytes = input::read(input, limit)?;
    let report = engine.report(&input.name(), &bytes, options);
    if !report.warnings.is_empty() {
        warn(
            &report.source,
            "not valid UTF-8; invalid bytes were replaced and the rest was scored",
        );
    }
    Ok((report, bytes))
}

fn compare(args: CompareArgs, config: &Config) -> Result<Outcome, Failure> {
    if args.left.as_os_str() == "-" && args.right.as_os_str() == "-" {
        return Err(Failure::Message {
            message: "both sources are standard input".into(),
            help: "give at most one source as `-`".into(),
        });
    }
    let mut engine = engine(&args.rules, config)?;
    if !args.no_actors {
        engine = with_actors(engine, &args.actors.actors)?;
    }
    let (options, fail_over) = options(&args.scoring, config);
    let side = |path: &Path| -> Result<(Report, Vec<u8>), Failure> {
        let input = if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path.to_path_buf())
        };
        score_input(&engine, &input, &options, usize::MAX).map_err(|e| Failure::Message {
            message: format!("{}: {}", e.name, e.message),
            help: e.help.into(),
        })
    };
    let (left, left_bytes) = side(&args.left)?;
    let (right, right_bytes) = side(&args.right)?;
    let over = fail_over.is_some_and(|limit| left.score > limit || right.score > limit);
    let comparison = Comparison::new(left, right);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => render::comparison_json(&mut out, &comparison)?,
        Format::Text => {
            // Only --context needs the texts again (hits point into them).
            let (l, r) = if args.context {
                (slant::decode(&left_bytes).0, slant::decode(&right_bytes).0)
            } else {
                Default::default()
            };
            let texts = args.context.then_some(Texts {
                left: &l,
                right: &r,
            });
            render::comparison_text(&mut out, &comparison, texts, text_style())?;
        }
    }
    out.flush()?;
    Ok(if over {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

/// Adds up summaries (one JSON object per line) from files or stdin.
fn merge_summaries(paths: &[PathBuf], format: Format) -> Result<Outcome, Failure> {
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    let mut total = slant::Summary::default();
    for path in paths {
        let name = path.display().to_string();
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            let file = std::fs::File::open(path).map_err(|e| Failure::Message {
                message: format!("{name}: cannot read: {e}"),
                help: "check the path".into(),
            })?;
            Box::new(io::BufReader::new(file))
        };
        for (i, line) in reader.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let summary: slant::Summary =
                serde_json::from_str(&line).map_err(|e| Failure::Message {
                    message: format!("{name}:{}: not a summary: {e}", i + 1),
                    help: "give the output of `slant score --summary --format json`, one per line"
                        .into(),
                })?;
            if summary.schema_version != slant::summary::SCHEMA_VERSION {
                return Err(Failure::Message {
                    message: format!(
                        "{name}:{}: summary schema version {} is not {}",
                        i + 1,
                        summary.schema_version,
                        slant::summary::SCHEMA_VERSION
                    ),
                    help: "produce all shards' summaries with the same slant version".into(),
                });
            }
            total.merge(&summary);
        }
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer(&mut out, &total).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => render::summary_text(&mut out, &total)?,
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn rules(command: RulesCommand, config: &Config) -> Result<Outcome, Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let outcome = match command {
        RulesCommand::List { rules, format } => {
            let set = load_rules(&rules, config)?;
            list_rules(&mut out, &set, format)?;
            Outcome::Clean
        }
        RulesCommand::Check {
            paths,
            no_default_rules,
        } => {
            let args = RuleArgs {
                rules: paths,
                no_default_rules,
            };
            let set = load_rules(&args, config)?;
            let terms: usize = set.rules().iter().map(|r| r.terms.len()).sum();
            let forms: usize = set
                .rules()
                .iter()
                .flat_map(|r| &r.terms)
                .map(|t| t.forms.len())
                .sum();
            writeln!(
                out,
                "{} {} packs, {} categories, {} rules, {} terms{}",
                "ok:".green().bold(),
                set.packs().len(),
                set.categories().len(),
                set.rules().len(),
                terms,
                if forms > 0 {
                    format!(" (and {forms} generated word forms)")
                } else {
                    String::new()
                }
            )?;
            Outcome::Clean
        }
        RulesCommand::Test {
            paths,
            no_default_rules,
        } => {
            let only: Vec<String> = paths
                .iter()
                .map(|p| {
                    PackSource::from_path(p)
                        .map(|s| s.into_iter().map(|s| s.name).collect::<Vec<_>>())
                })
                .collect::<Result<Vec<_>, _>>()?
                .concat();
            let args = RuleArgs {
                rules: paths,
                no_default_rules,
            };
            let engine = engine(&args, config)?;
            test_rules(&mut out, &engine, &only)?
        }
        RulesCommand::Explain { id, rules } => {
            let set = load_rules(&rules, config)?;
            explain(&mut out, &set, &id)?;
            Outcome::Clean
        }
    };
    out.flush()?;
    Ok(outcome)
}

fn list_rules(out: &mut dyn Write, set: &RuleSet, format: Format) -> Result<(), Failure> {
    if format == Format::Json {
        let packs: Vec<_> = set
            .packs()
            .iter()
            .enumerate()
            .map(|(p, pack)| {
                let rules: Vec<_> = set
                    .rules()
                    .iter()
                    .filter(|r| r.pack == p)
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id,
                            "category": set.category_of(r).name,
                            "weight": r.weight,
                            "terms": r.terms.iter().map(|t| &t.text).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                serde_json::json!({
                    "pack": pack.name,
                    "source": pack.source,
                    "description": pack.description,
                    "rules": rules,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &packs).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    for (p, pack) in set.packs().iter().enumerate() {
        writeln!(
            out,
            "{} {}",
            pack.name.bold(),
            format!("({})", pack.source).dimmed()
        )?;
        if let Some(d) = &pack.description {
            writeln!(out, "  {d}")?;
        }
        for (c, cat) in set.categories().iter().enumerate() {
            let rules: Vec<_> = set
                .rules()
                .iter()
                .filter(|r| r.pack == p && r.category == c)
                .collect();
            if rules.is_empty() && cat.pack != p {
                continue;
            }
            writeln!(
                out,
                "  {} {}",
                format!("{} (weight {})", cat.name, cat.weight).bold(),
                cat.description.as_deref().unwrap_or("")
            )?;
            for r in rules {
                writeln!(
                    out,
                    "    {:<34} {:>3} terms  weight {}",
                    r.id,
                    r.terms.len(),
                    r.weight
                )?;
            }
        }
    }
    Ok(())
}

fn test_rules(out: &mut dyn Write, engine: &Engine, only: &[String]) -> Result<Outcome, Failure> {
    let set = engine.rules();
    let in_scope = |id: &str| {
        only.is_empty()
            || set
                .rule(id)
                .is_some_and(|r| only.contains(&set.pack_of(r).source))
    };
    let checked: usize = set
        .rules()
        .iter()
        .filter(|r| in_scope(&r.id))
        .map(|r| r.examples_match.len() + r.examples_no_match.len())
        .sum();
    let failures: Vec<_> = engine
        .check_examples()
        .into_iter()
        .filter(|f| in_scope(&f.rule))
        .collect();
    for f in &failures {
        let expectation = if f.expected_match {
            "should match but does not"
        } else {
            "should not match but does"
        };
        writeln!(
            out,
            "{} {}: {expectation}",
            "FAIL".red().bold(),
            f.rule.bold()
        )?;
        writeln!(out, "  example: {}", f.example)?;
        if !f.found.is_empty() {
            writeln!(out, "  found:   {}", f.found.join(", "))?;
        }
    }
    if failures.is_empty() {
        writeln!(
            out,
            "{} {checked} examples behave as declared",
            "ok:".green().bold()
        )?;
        Ok(Outcome::Clean)
    } else {
        writeln!(
            out,
            "{} {} of {checked} examples failed",
            "fail:".red().bold(),
            failures.len()
        )?;
        Ok(Outcome::Flagged)
    }
}

/// One line per side of an `unless:` or `only:`, as an editor would say it.
fn explain_context(
    out: &mut dyn Write,
    heading: &str,
    context: &slant::context::Context,
) -> Result<(), Failure> {
    let words = if context.within == 1 {
        "the next word".to_string()
    } else {
        format!("the next {} words", context.within)
    };
    for (side, list) in [
        ("followed by", &context.followed_by),
        ("preceded by", &context.preceded_by),
    ] {
        if list.is_empty() {
            continue;
        }
        // Forms of a `+` word share its text: show it once.
        let mut shown: Vec<&str> = Vec::new();
        for w in list {
            if !shown.contains(&w.text.as_str()) {
                shown.push(&w.text);
            }
        }
        let window = if side == "followed by" {
            words.clone()
        } else {
            words.replace("next", "previous")
        };
        writeln!(
            out,
            "{} {side} one of: {} (in {window})",
            heading.bold(),
            shown.join(", ")
        )?;
    }
    Ok(())
}

fn explain(out: &mut dyn Write, set: &RuleSet, id: &str) -> Result<(), Failure> {
    let Some(rule) = set.rule(id) else {
        let mut near: Vec<&str> = set
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .filter(|r| r.contains(id) || id.split('.').next().is_some_and(|p| r.starts_with(p)))
            .collect();
        near.truncate(8);
        return Err(Failure::Message {
            message: format!("no rule with id `{id}`"),
            help: if near.is_empty() {
                "list the rule ids with `slant rules list`".into()
            } else {
                format!("did you mean one of: {}", near.join(", "))
            },
        });
    };
    let cat = set.category_of(rule);
    let pack = set.pack_of(rule);
    writeln!(out, "{}", rule.id.bold())?;
    writeln!(out, "{}", rule.message)?;
    if let Some(s) = &rule.suggestion {
        writeln!(out, "\n{} {s}", "Use instead:".bold())?;
    }
    writeln!(
        out,
        "\n{} {} (weight {})",
        "Category:".bold(),
        cat.name,
        rule.weight
    )?;
    if let Some(d) = &cat.description {
        writeln!(out, "  {d}")?;
    }
    if let Some(r) = &cat.rationale {
        writeln!(out, "\n{}", "Why it matters:".bold())?;
        for line in render::wrap(r, 76) {
            writeln!(out, "  {line}")?;
        }
    }
    let terms: Vec<&str> = rule.terms.iter().map(|t| t.text.as_str()).collect();
    writeln!(out, "\n{} {}", "Terms:".bold(), terms.join(", "))?;
    for t in rule.terms.iter().filter(|t| !t.forms.is_empty()) {
        writeln!(
            out,
            "{} {} → {}",
            "Word forms:".bold(),
            t.text,
            t.forms.join(", ")
        )?;
    }
    if !rule.exceptions.is_empty() {
        writeln!(
            out,
            "{} {}",
            "Exceptions:".bold(),
            rule.exceptions.join(", ")
        )?;
    }
    for (heading, context) in [
        ("Not flagged when", &rule.unless),
        ("Only flagged when", &rule.only),
    ] {
        if let Some(c) = context {
            explain_context(out, heading, c)?;
        }
    }
    if !rule.examples_match.is_empty() || !rule.examples_no_match.is_empty() {
        writeln!(out, "\n{}", "Examples:".bold())?;
        for e in &rule.examples_match {
            writeln!(out, "  {} {e}", "flagged:    ".red())?;
        }
        for e in &rule.examples_no_match {
            writeln!(out, "  {} {e}", "not flagged:".green())?;
        }
    }
    writeln!(out, "\n{} {} ({})", "Pack:".bold(), pack.name, pack.source)?;
    Ok(())
}
