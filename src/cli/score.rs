//! `slant score`: a streaming pipeline. Inputs (files, or lines of JSON
//! Lines files) are read in order, scored and rendered on worker threads,
//! and written in input order as they finish, so memory stays bounded by
//! the articles in flight, not the archive.

use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use colored::Colorize;
use slant::config::Config;
use slant::jsonl::{self, Line};
use slant::render::{self, Ranked, TextStyle};
use slant::{Engine, Report, ScoreOptions, Summary, parallel};

use super::args::{InputFormat, ScoreArgs, ScoreFormat};
use super::input::{self, Input, InputError};
use super::{
    Failure, Outcome, engine, input_error, options, text_style, threads, warn, with_actors,
};

/// One unit of work, in input order.
enum Item {
    /// A file (or standard input) holding one article.
    Article(Input),
    /// One line of a JSON Lines input.
    Record {
        source: String,
        line: usize,
        bytes: Vec<u8>,
    },
    /// An input that failed before it could be scored.
    Failed(InputError),
}

/// What a worker hands back for one item.
struct Done {
    /// Output for this item, rendered by the worker.
    rendered: Vec<u8>,
    /// The report, when the sink needs more than the rendering.
    report: Option<Report>,
    ranked: Option<Ranked>,
    error: Option<InputError>,
    /// A warning to print (e.g. invalid UTF-8).
    warning: Option<(String, String)>,
    bytes: usize,
}

struct Settings {
    format: ScoreFormat,
    summary: bool,
    max_bytes: usize,
    options: ScoreOptions,
    style: TextStyle,
}

pub(super) fn run(args: ScoreArgs, config: &Config) -> Result<Outcome, Failure> {
    let mut engine = engine(&args.rules, config)?;
    if !args.actors.actors.is_empty() {
        engine = with_actors(engine, &args.actors.actors)?;
    }
    let (options, fail_over) = options(&args.scoring, config);
    let paths = if args.paths.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Failure::Message {
                message: "no input".into(),
                help: "name files or folders to score, or pipe text in: `cat article.txt | slant score`".into(),
            });
        }
        vec![PathBuf::from("-")]
    } else {
        args.paths
    };
    let threads = threads(args.threads);
    let settings = Settings {
        format: args.format,
        summary: args.summary,
        max_bytes: args.max_article_bytes,
        options,
        style: text_style(),
    };
    let items = items(&paths, args.input_format, settings.max_bytes);

    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut outcome = Outcome::Clean;
    let mut summary = Summary::default();
    let mut ranked = Vec::new();
    let mut over = Vec::new();
    let mut written = 0usize;
    let mut progress = Progress::new();
    let json_array = settings.format == ScoreFormat::Json && !settings.summary;
    if json_array {
        out.write_all(b"[")?;
    }
    parallel::ordered_map(
        items,
        threads,
        |item| score_item(&engine, &settings, item),
        |done: Done| -> Result<(), Failure> {
            progress.tick(done.bytes);
            if let Some((name, message)) = &done.warning {
                progress.clear();
                warn(name, message);
            }
            if let Some(e) = &done.error {
                // Flush first so the error lands between the right reports.
                out.flush()?;
                progress.clear();
                input_error(e);
                outcome = Outcome::Error;
                summary.skipped += 1;
                return Ok(());
            }
            if json_array {
                out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            } else if settings.format == ScoreFormat::Text && written > 0 && !settings.summary {
                out.write_all(b"\n")?;
            }
            out.write_all(&done.rendered)?;
            written += 1;
            if let Some(r) = &done.ranked
                && fail_over.is_some_and(|limit| r.score > limit)
            {
                over.push(format!("{} ({:.2})", r.source, r.score));
            }
            if let Some(report) = &done.report {
                summary.add(report);
            }
            if settings.format == ScoreFormat::Text && !settings.summary {
                ranked.extend(done.ranked);
            }
            Ok(())
        },
    )?;
    progress.finish();
    if json_array {
        out.write_all(if written == 0 { b"]\n" } else { b"\n]\n" })?;
    }
    if settings.summary {
        write_summary(&mut out, &summary, settings.format)?;
    } else if settings.format == ScoreFormat::Text && ranked.len() > 1 {
        writeln!(out)?;
        render::ranking_text(&mut out, &ranked, settings.style)?;
    }
    out.flush()?;
    if !over.is_empty() {
        let limit = fail_over.unwrap_or_default();
        let count = if over.len() == 1 {
            "1 article scores".to_string()
        } else {
            format!("{} articles score", over.len())
        };
        let _ = writeln!(
            io::stderr(),
            "{} {count} above the --fail-over limit of {limit}: {}",
            "fail:".red().bold(),
            over.join(", ")
        );
        outcome = outcome.max(Outcome::Flagged);
    }
    Ok(outcome)
}

/// The inputs as a lazy sequence of items, in order.
fn items(
    paths: &[PathBuf],
    format: InputFormat,
    max_bytes: usize,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let expanded = input::expand(paths);
    match format {
        InputFormat::Text => Box::new(expanded.into_iter().map(|r| match r {
            Ok(input) => Item::Article(input),
            Err(e) => Item::Failed(e),
        })),
        InputFormat::Jsonl => Box::new(expanded.into_iter().flat_map(
            move |r| -> Box<dyn Iterator<Item = Item> + Send> {
                match r {
                    Ok(input) => Box::new(JsonlItems::open(input, max_bytes)),
                    Err(e) => Box::new(std::iter::once(Item::Failed(e))),
                }
            },
        )),
    }
}

/// The lines of one JSON Lines input, read as they are needed.
struct JsonlItems {
    source: String,
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
    max_bytes: usize,
    pending_error: Option<InputError>,
}

impl JsonlItems {
    fn open(input: Input, max_bytes: usize) -> JsonlItems {
        let source = input.name();
        let (reader, pending_error): (Option<Box<dyn BufRead + Send>>, _) = match &input {
            Input::Stdin => (Some(Box::new(BufReader::new(io::stdin()))), None),
            Input::File(path) => match std::fs::File::open(path) {
                Ok(f) => (Some(Box::new(BufReader::with_capacity(1 << 16, f))), None),
                Err(e) => (
                    None,
                    Some(InputError {
                        name: source.clone(),
                        message: format!("cannot read: {e}"),
                        help: "check that the file exists and is readable",
                    }),
                ),
            },
        };
        JsonlItems {
            source,
            reader,
            line: 0,
            max_bytes,
            pending_error,
        }
    }
}

impl Iterator for JsonlItems {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(e) = self.pending_error.take() {
            return Some(Item::Failed(e));
        }
        let reader = self.reader.as_mut()?;
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            let at = || format!("{}:{}", self.source, self.line);
            match jsonl::read_line(reader, &mut bytes, self.max_bytes) {
                Ok(Line::End) => {
                    self.reader = None;
                    return None;
                }
                Ok(Line::Read) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => {
                    return Some(Item::Record {
                        source: self.source.clone(),
                        line: self.line,
                        bytes,
                    });
                }
                Ok(Line::TooLong(n)) => {
                    return Some(Item::Failed(too_long(at(), n, self.max_bytes)));
                }
                Err(e) => {
                    let name = at();
                    self.reader = None;
                    return Some(Item::Failed(InputError {
                        name,
                        message: format!("cannot read further: {e}"),
                        help: "check the file; the lines before this one were scored",
                    }));
                }
            }
        }
    }
}

fn too_long(name: String, size: usize, limit: usize) -> InputError {
    InputError {
        name,
        message: format!(
            "the line is {size} bytes, over the --max-article-bytes limit of {limit}, so it was skipped"
        ),
        help: "raise --max-article-bytes, or split the article",
    }
}

/// Scores and renders one item (runs on a worker thread).
fn score_item(engine: &Engine, settings: &Settings, item: Item) -> Done {
    let failed = |error: InputError| Done {
        rendered: Vec::new(),
        report: None,
        ranked: None,
        error: Some(error),
        warning: None,
        bytes: 0,
    };
    let (report, bytes) = match item {
        Item::Failed(e) => return failed(e),
        Item::Article(input) => match input::read(&input, settings.max_bytes) {
            Ok(bytes) => {
                let report = engine.report(&input.name(), &bytes, &settings.options);
                (report, bytes.len())
            }
            Err(e) => return failed(e),
        },
        Item::Record {
            source,
            line,
            bytes,
        } => {
            let at = format!("{source}:{line}");
            let record = match jsonl::parse(&bytes) {
                Ok(r) => r,
                Err(why) => {
                    return failed(InputError {
                        name: at,
                        message: format!("not a JSON article ({why}), so it was skipped"),
                        help: "each line must be a JSON object with a string \"text\" (and optional \"id\" and \"title\")",
                    });
                }
            };
            let text = record.article();
            let mut report = engine.report_str(&source, &text, &settings.options);
            report.id = Some(record.id.unwrap_or_else(|| format!("line {line}")));
            (report, bytes.len())
        }
    };
    let warning = (!report.warnings.is_empty()).then(|| {
        (
            report.source.clone(),
            "not valid UTF-8; invalid bytes were replaced and the rest was scored".to_string(),
        )
    });
    let mut rendered = Vec::new();
    if !settings.summary {
        // Writing into a Vec cannot fail.
        let _ = match settings.format {
            ScoreFormat::Text => {
                render::report_text(&mut rendered, &report, engine.rules(), settings.style)
            }
            ScoreFormat::Jsonl => render::report_jsonl(&mut rendered, &report),
            ScoreFormat::Json => render::report_json_element(&mut rendered, &report),
        };
    }
    Done {
        rendered,
        ranked: Some(Ranked::from(&report)),
        report: settings.summary.then_some(report),
        error: None,
        warning,
        bytes,
    }
}

fn write_summary(out: &mut dyn Write, summary: &Summary, format: ScoreFormat) -> io::Result<()> {
    match format {
        ScoreFormat::Json | ScoreFormat::Jsonl => {
            serde_json::to_writer(&mut *out, summary)?;
            writeln!(out)
        }
        ScoreFormat::Text => render::summary_text(out, summary),
    }
}

/// A progress line on stderr for long runs, only when stderr is a terminal.
struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    bytes: usize,
    items: usize,
    shown: bool,
}

impl Progress {
    fn new() -> Progress {
        let now = Instant::now();
        Progress {
            enabled: io::stderr().is_terminal(),
            started: now,
            last: now,
            bytes: 0,
            items: 0,
            shown: false,
        }
    }

    fn tick(&mut self, bytes: usize) {
        self.bytes += bytes;
        self.items += 1;
        if !self.enabled || !self.items.is_multiple_of(64) {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < Duration::from_secs(1)
            || now.duration_since(self.last) < Duration::from_millis(250)
        {
            return;
        }
        self.last = now;
        let secs = now.duration_since(self.started).as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        let _ = write!(
            io::stderr(),
            "\r{} articles · {:.1} MB · {:.0} articles/s · {:.1} MB/s ",
            self.items,
            mb,
            self.items as f64 / secs,
            mb / secs
        );
        self.shown = true;
    }

    /// Erases the progress line, so a message can take its place.
    fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }

    fn finish(&mut self) {
        self.clear();
    }
}
