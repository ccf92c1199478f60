//! `slant score`: a streaming pipeline. Inputs (files, or lines of JSON
//! Lines files) are read in order, analysed and rendered on worker threads,
//! and written in input order as they finish, so memory stays bounded by
//! the articles in flight, not the archive.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use colored::Colorize;
use slant::config::{Config, Settings};
use slant::input::{self, InputError, Item};
use slant::jsonl;
use slant::render::{self, Emitter};
use slant::summary::{self, ArticleTotals, Ranked};
use slant::{Engine, Summary, parallel};

use super::args::{InputFormat, ScoreArgs, ScoreFormat};
use super::progress::Progress;
use super::{Failure, Outcome, Ui, engine, settings, threads, with_actors};

/// What a worker hands back for one item.
struct Done {
    /// Output for this item, rendered by the worker.
    rendered: Vec<u8>,
    /// The report's totals, when the summary needs them.
    totals: Option<ArticleTotals>,
    ranked: Option<Ranked>,
    error: Option<InputError>,
    /// A warning to print (e.g. invalid UTF-8).
    warning: Option<(String, String)>,
    bytes: usize,
}

pub(super) fn run(args: ScoreArgs, config: &Config, ui: &Ui) -> Result<Outcome, Failure> {
    let mut engine = engine(&args.rules, config, ui)?;
    if args.actors.actors || !args.actors.actor_files.is_empty() {
        engine = with_actors(engine, &args.actors.actor_files)?;
    }
    let settings = settings(&args.scoring, args.threads, config);
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
    let emitter = render::emitter(args.format.into(), ui.text_style(), engine.rules());
    let items = input::items(
        &paths,
        InputFormat::layout(args.input_format),
        settings.max_article_bytes,
    );
    let reading = Reading {
        kind: InputFormat::kind(args.input_format),
        encoding: args.input.encoding,
    };

    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut outcome = Outcome::Clean;
    let mut summary = Summary::default();
    let mut ranked = Vec::new();
    let mut over = Vec::new();
    let mut written = 0usize;
    let mut emitted = 0usize;
    let mut progress = Progress::new("articles");
    let reports = !args.summary;
    // A ranking is only shown as text; other formats need not keep one.
    let keep_ranking = reports && args.format == ScoreFormat::Text;
    // A ranked entry (source and score) per article only when something
    // reads it: allocating one per article of an archive showed.
    let need_ranked = keep_ranking || settings.fail_over.is_some();
    if reports {
        emitter.begin(&mut out)?;
    }
    parallel::ordered_map(
        items,
        threads(&settings),
        |item| {
            analyze_item(
                &engine,
                &*emitter,
                &settings,
                reading,
                args.summary,
                need_ranked,
                item,
            )
        },
        |done: Done| -> Result<(), Failure> {
            progress.tick(done.bytes);
            if let Some((name, message)) = &done.warning {
                progress.clear();
                ui.warn(name, message);
            }
            if let Some(e) = &done.error {
                // Flush first so the error lands between the right reports.
                out.flush()?;
                progress.clear();
                ui.input_error(e);
                outcome = Outcome::Error;
                summary.skipped += 1;
                return Ok(());
            }
            // A report that renders as nothing (SARIF of an article
            // without hits) gets no separator either.
            if reports && !done.rendered.is_empty() {
                emitter.separator(&mut out, emitted)?;
                out.write_all(&done.rendered)?;
                emitted += 1;
            }
            written += 1;
            if let Some(r) = &done.ranked
                && settings.fail_over.is_some_and(|limit| r.score > limit)
            {
                over.push(format!("{} ({:.2})", r.source, r.score));
            }
            if let Some(totals) = &done.totals {
                summary.add_totals(totals);
            }
            if keep_ranking {
                ranked.extend(done.ranked);
            }
            Ok(())
        },
    )?;
    progress.clear();
    if reports {
        let options = summary::RankingOptions {
            sort: args.sort.into(),
            top: args.top,
            min_words: args.min_words,
        };
        emitter.finish(&mut out, written, &summary::ranking(ranked, &options))?;
    } else {
        emitter.summary(&mut out, &summary)?;
    }
    out.flush()?;
    if !over.is_empty() {
        let limit = settings.fail_over.unwrap_or_default();
        let count = if over.len() == 1 {
            "1 article scores".to_string()
        } else {
            format!("{} articles score", over.len())
        };
        // At most ten named, so an archive does not print one endless line.
        const NAMED: usize = 10;
        let mut named = over
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if over.len() > NAMED {
            named.push_str(&format!(" and {} more", over.len() - NAMED));
        }
        let _ = writeln!(
            io::stderr(),
            "{} {count} above the --fail-over limit of {limit}: {named}",
            ui.err.paint(&"fail:".red().bold()),
        );
        outcome = outcome.max(Outcome::Flagged);
    }
    Ok(outcome)
}

/// How files are read: as one kind (else by extension), in one encoding.
#[derive(Clone, Copy)]
pub(super) struct Reading {
    pub kind: Option<input::Kind>,
    pub encoding: Option<&'static input::Encoding>,
}

impl Reading {
    /// The extractor of `input`.
    pub fn document(self, input: &input::Input) -> input::Document {
        input::Document {
            kind: self.kind.unwrap_or_else(|| input::Kind::of(input)),
            encoding: self.encoding,
        }
    }
}

/// Reads, analyses and renders one item (runs on a worker thread).
fn analyze_item(
    engine: &Engine,
    emitter: &dyn Emitter,
    settings: &Settings,
    reading: Reading,
    summary_only: bool,
    need_ranked: bool,
    item: Item,
) -> Done {
    let failed = |error: InputError| Done {
        rendered: Vec::new(),
        totals: None,
        ranked: None,
        error: Some(error),
        warning: None,
        bytes: 0,
    };
    let (analysis, bytes) = match item {
        Item::Failed(e) => return failed(e),
        Item::File(input) => {
            match input::read_with(&input, settings.max_article_bytes, reading.encoding) {
                Ok(bytes) => (
                    engine.analyze_with(&input.name(), &bytes, &reading.document(&input)),
                    bytes.len(),
                ),
                Err(e) => return failed(e),
            }
        }
        Item::Record {
            source,
            line,
            bytes,
        } => {
            let record = match jsonl::parse(&bytes) {
                Ok(r) => r,
                Err(why) => {
                    return failed(InputError {
                        name: format!("{source}:{line}"),
                        message: format!("not a JSON article ({why}), so it was skipped"),
                        help: "each line must be a JSON object with a string \"text\" (and optional \"id\" and \"title\")",
                    });
                }
            };
            let mut analysis = engine.analyze_string(&source, record.article());
            analysis.id = Some(record.id.unwrap_or_else(|| format!("line {line}")));
            (analysis, bytes.len())
        }
    };
    let report = engine.report(&analysis, &settings.score);
    // Warnings as the analysis gave them (not one fixed message).
    let warning = (!report.warnings.is_empty()).then(|| {
        let name = match &report.id {
            Some(id) => format!("{} [{id}]", report.source),
            None => report.source.clone(),
        };
        (name, report.warnings.join("; "))
    });
    let mut rendered = Vec::new();
    if !summary_only {
        // Writing into a Vec cannot fail.
        let _ = emitter.report(&mut rendered, &report, Some(&analysis));
    }
    Done {
        rendered,
        ranked: need_ranked.then(|| Ranked::from(&report)),
        // The hits are dropped here, on the worker.
        totals: summary_only.then(|| ArticleTotals::from(report)),
        error: None,
        warning,
        bytes,
    }
}
