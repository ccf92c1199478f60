//! The command line: arguments in, emitters picked, an exit code out.
//!
//! Exit codes: 0 clean, 1 a threshold was exceeded or a rule example failed,
//! 2 an error (usage, input or rules). A closed pipe (`slant … | head`) is a
//! clean exit.

mod args;
mod eval;
mod fix;
mod progress;
mod rules;
mod score;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use colored::Colorize;
use slant::align::align;
use slant::config::{self, Config, Flags, Settings};
use slant::input::{self, Input, InputError};
use slant::render::{self, Format, Paint, TextStyle};
use slant::{Analysis, Comparison, Engine, PackError, PackErrors, PackSource, RuleSet};

use args::{Cli, ColorChoice, Command, CompareArgs, RuleArgs, ScoringArgs};

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

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Message {
            message: format!("{}: {}", e.name, e.message),
            help: e.help.into(),
        }
    }
}

/// How a command ended, when it ran to its end.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    Clean = 0,
    Flagged = 1,
    Error = 2,
}

/// How output looks: colors for each stream, the text width.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    /// For standard output.
    pub out: Paint,
    /// For standard error.
    pub err: Paint,
    /// Width of text output.
    pub width: usize,
}

impl Ui {
    fn new(choice: ColorChoice) -> Ui {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = |terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        let width = if io::stdout().is_terminal() {
            terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0))
        } else {
            80
        };
        Ui {
            out: Paint::new(on(io::stdout().is_terminal())),
            err: Paint::new(on(io::stderr().is_terminal())),
            // Down to 40 columns the text follows the terminal (compare
            // stacks its sides where two columns cannot show every number);
            // past 200 lines are too long to read anyway.
            width: width.clamp(40, 200),
        }
    }

    pub fn text_style(&self) -> TextStyle {
        TextStyle {
            width: self.width,
            color: self.out.is_on(),
            all_facts: false,
        }
    }

    pub fn warn(&self, name: &str, message: &str) {
        let _ = writeln!(
            io::stderr(),
            "{} {name}: {message}",
            self.err.paint(&"warning:".yellow().bold())
        );
    }

    pub fn input_error(&self, e: &InputError) {
        let _ = writeln!(
            io::stderr(),
            "{} {}: {}\n  {} {}",
            self.err.paint(&"error:".red().bold()),
            e.name,
            e.message,
            self.err.paint(&"help:".bold()),
            e.help
        );
    }

    pub(crate) fn failure(&self, failure: &Failure) {
        let mut err = io::stderr().lock();
        let error = self.err.paint(&"error:".red().bold());
        // Nothing sensible is left to do if stderr itself fails.
        let _ = match failure {
            Failure::Io(e) => writeln!(err, "{error} {e}"),
            Failure::Packs(errors) => write!(err, "{errors}"),
            Failure::Message { message, help } => writeln!(
                err,
                "{error} {message}\n  {} {help}",
                self.err.paint(&"help:".bold())
            ),
        };
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(cli.color);
    match run(cli, &ui) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            ui.failure(&failure);
            ExitCode::from(Outcome::Error as u8)
        }
    }
}

fn run(cli: Cli, ui: &Ui) -> Result<Outcome, Failure> {
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
        Command::Score(args) => score::run(args, &config, ui),
        Command::Compare(args) => compare(args, &config, ui),
        Command::Rules { command } => rules::run(command, &config, ui),
        Command::MergeSummaries {
            paths,
            format,
            output,
        } => merge_summaries(&paths, format.into(), output.as_deref(), ui),
        Command::Eval(args) => eval::run(args, &config, ui),
        Command::Fix(args) => fix::run(args, &config, ui),
    }
}

/// Loads default packs (unless turned off), the config's packs and the
/// flag's packs, in that order, each over the ones before (a later pack may
/// redefine a rule or take a term); the config's disabled rules and
/// categories are not loaded. A file reached twice is loaded once.
fn load_rules(args: &RuleArgs, config: &Config, ui: &Ui) -> Result<RuleSet, Failure> {
    let mut sources = Vec::new();
    if !(args.no_default_rules || config.no_default_rules) {
        sources.extend(PackSource::defaults());
    }
    let mut seen = std::collections::HashSet::new();
    for path in config.rules.iter().chain(&args.rules) {
        for source in PackSource::from_path(path)? {
            let key =
                std::fs::canonicalize(&source.name).unwrap_or_else(|_| PathBuf::from(&source.name));
            if seen.insert(key) {
                sources.push(source);
            }
        }
    }
    if sources.is_empty() {
        return Err(Failure::Message {
            message: "no rule packs loaded".into(),
            help: "drop --no-default-rules, or add packs with --rules PATH".into(),
        });
    }
    let (mut set, mut unknown) =
        RuleSet::load_layered(&sources, &config.disable_rules, &config.disable_categories)?;
    unknown.extend(set.reweigh(&config.weights));
    for unknown in unknown {
        ui.warn(
            config::FILE_NAME,
            &format!(
                "`{unknown}` is neither a rule id nor a category; nothing was disabled or re-weighted for it"
            ),
        );
    }
    Ok(set)
}

pub(crate) fn engine(args: &RuleArgs, config: &Config, ui: &Ui) -> Result<Engine, Failure> {
    Engine::new(load_rules(args, config, ui)?).map_err(|e| Failure::Message {
        message: e.to_string(),
        help: "reduce the number of terms, or split the packs across runs".into(),
    })
}

/// The engine with actors: the defaults plus the given files.
pub(crate) fn with_actors(engine: Engine, files: &[PathBuf]) -> Result<Engine, Failure> {
    let mut sources = slant::actors::Actors::default_sources();
    for f in files {
        sources.extend(PackSource::from_path(f)?);
    }
    Ok(engine.with_actors(slant::actors::Actors::load(&sources)?))
}

/// Worker threads: the setting, or every core.
pub(crate) fn threads(settings: &Settings) -> usize {
    settings.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    })
}

/// Flags and `slant.yaml`, merged in one place.
pub(crate) fn settings(args: &ScoringArgs, threads: Option<usize>, config: &Config) -> Settings {
    config.resolve(&Flags {
        quoted_weight: args.quoted_weight,
        reported_weight: args.reported_weight,
        fail_over: args.fail_over,
        threads,
        max_article_bytes: args.max_article_bytes,
    })
}

/// Where output goes: `path`, or standard output.
pub(crate) fn output(path: Option<&Path>) -> Result<Box<dyn Write>, Failure> {
    Ok(match path {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Failure::Message {
                message: format!("{}: cannot write: {e}", path.display()),
                help: "check that the folder exists and can be written".into(),
            })?;
            Box::new(io::BufWriter::with_capacity(1 << 16, file))
        }
        None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}

/// Reads and analyses one input (Markdown or HTML by its extension),
/// warning on stderr about a lossy decode.
fn analyze(
    engine: &Engine,
    input: &Input,
    limit: usize,
    encoding: Option<&'static input::Encoding>,
    ui: &Ui,
) -> Result<Analysis, Failure> {
    let bytes = input::read_with(input, limit, encoding)?;
    let reading = score::Reading {
        kind: None,
        encoding,
    };
    let analysis = engine.analyze_with(&input.name(), &bytes, &reading.document(input));
    for warning in &analysis.warnings {
        ui.warn(&analysis.source, warning);
    }
    Ok(analysis)
}

fn compare(args: CompareArgs, config: &Config, ui: &Ui) -> Result<Outcome, Failure> {
    if args.summaries {
        return compare_groups(&args, ui);
    }
    if args.left.as_os_str() == "-" && args.right.as_os_str() == "-" {
        return Err(Failure::Message {
            message: "both sources are standard input".into(),
            help: "give at most one source as `-`".into(),
        });
    }
    let mut engine = engine(&args.rules, config, ui)?;
    if !args.no_actors {
        engine = with_actors(engine, &args.actors.actor_files)?;
    }
    let settings = settings(&args.scoring, None, config);
    let limit = settings.max_article_bytes;
    let encoding = args.input.encoding;
    let left = analyze(&engine, &Input::from_path(&args.left), limit, encoding, ui)?;
    let right = analyze(&engine, &Input::from_path(&args.right), limit, encoding, ui)?;
    let (left_report, right_report) = (
        engine.report(&left, &settings.score),
        engine.report(&right, &settings.score),
    );
    let over = settings
        .fail_over
        .is_some_and(|limit| left_report.score > limit || right_report.score > limit);
    let alignment = (!args.no_align).then(|| align(&left, &right, [&left_report, &right_report]));
    let mut comparison = Comparison::new(left_report, right_report);
    if let Some(alignment) = alignment {
        comparison = comparison.with_alignment(alignment);
    }
    let style = TextStyle {
        all_facts: args.all_facts,
        ..ui.text_style()
    };
    let format: Format = args.format.into();
    let emitter = render::emitter(format, style, engine.rules());
    let mut out = output(args.output.as_deref())?;
    // A page shows both articles whole.
    let texts = (args.context || format == Format::Html).then_some([&left, &right]);
    emitter.comparison(&mut out, &comparison, texts)?;
    out.flush()?;
    Ok(if over {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

/// One summary line (`score --summary --format json`) of `name` at line
/// `line`, of this version of slant.
fn summary_line(name: &str, line: usize, text: &str) -> Result<slant::Summary, Failure> {
    let summary: slant::Summary = serde_json::from_str(text).map_err(|e| Failure::Message {
        message: format!("{name}:{line}: not a summary: {e}"),
        help: "give the output of `slant score --summary --format json`, one per line".into(),
    })?;
    if summary.schema_version != slant::summary::SCHEMA_VERSION {
        return Err(Failure::Message {
            message: format!(
                "{name}:{line}: summary schema version {} is not {}",
                summary.schema_version,
                slant::summary::SCHEMA_VERSION
            ),
            help: "make all summaries with the same version of slant".into(),
        });
    }
    Ok(summary)
}

/// Compares two groups of articles from their summaries.
fn compare_groups(args: &CompareArgs, ui: &Ui) -> Result<Outcome, Failure> {
    if args.format == args::PageFormat::Html {
        return Err(Failure::Message {
            message: "the HTML page compares two articles, not two groups".into(),
            help: "use --format text or json with --summaries".into(),
        });
    }
    let pick =
        |path: &PathBuf, group: &Option<String>| -> Result<(String, slant::Summary), Failure> {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| Failure::Message {
                message: format!("{name}: cannot read: {e}"),
                help: "check the path".into(),
            })?;
            let mut found = Vec::new();
            for (i, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let summary = summary_line(&name, i + 1, line)?;
                found.push(summary);
            }
            let names: Vec<String> = found.iter().filter_map(|s| s.group.clone()).collect();
            let chosen = match group {
                Some(g) => found
                    .into_iter()
                    .find(|s| s.group.as_deref() == Some(g.as_str())),
                None if found.len() == 1 => found.into_iter().next(),
                None => None,
            };
            let label = |s: &slant::Summary| s.group.clone().unwrap_or_else(|| file_name_of(path));
            chosen
                .map(|s| (label(&s), s))
                .ok_or_else(|| Failure::Message {
                    message: match group {
                        Some(g) => format!("{name}: no group `{g}`"),
                        None => format!("{name}: {} summaries; which group?", names.len()),
                    },
                    help: if names.is_empty() {
                        "give a summary made by `slant score --summary --format json`".into()
                    } else {
                        format!(
                            "name one with --left-group/--right-group: {}",
                            names.join(", ")
                        )
                    },
                })
        };
    let (ln, left) = pick(&args.left, &args.left_group)?;
    let (rn, right) = pick(&args.right, &args.right_group)?;
    let comparison = slant::compare::GroupComparison::new((&ln, &left), (&rn, &right));
    let rules = RuleSet::default();
    let emitter = render::emitter(args.format.into(), ui.text_style(), &rules);
    let mut out = output(args.output.as_deref())?;
    emitter.group_comparison(&mut out, &comparison)?;
    out.flush()?;
    Ok(Outcome::Clean)
}

fn file_name_of(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Adds up summaries (one JSON object per line) from files or stdin.
fn merge_summaries(
    paths: &[PathBuf],
    format: Format,
    output_path: Option<&Path>,
    ui: &Ui,
) -> Result<Outcome, Failure> {
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    let mut total = slant::Summary::default();
    let mut groups: std::collections::BTreeMap<String, slant::Summary> =
        std::collections::BTreeMap::new();
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
            let summary = summary_line(&name, i + 1, &line)?;
            // Summaries of groups merge group by group.
            match &summary.group {
                Some(key) => groups
                    .entry(key.clone())
                    .or_insert_with(|| slant::Summary {
                        group: Some(key.clone()),
                        ..slant::Summary::default()
                    })
                    .merge(&summary),
                None => total.merge(&summary),
            }
        }
    }
    let rules = RuleSet::default();
    let emitter = render::emitter(format, ui.text_style(), &rules);
    let mut out = output(output_path)?;
    if groups.is_empty() {
        emitter.summary(&mut out, &total)?;
    } else {
        if total.articles > 0 {
            return Err(Failure::Message {
                message: "some summaries have a group and some do not".into(),
                help: "merge summaries made with the same --group-by".into(),
            });
        }
        let groups: Vec<slant::Summary> = groups.into_values().collect();
        emitter.groups(&mut out, &groups)?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
