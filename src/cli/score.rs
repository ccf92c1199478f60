//! `slant score`: a streaming pipeline. Inputs (files, or lines of JSON
//! Lines files) are read in order, analysed and rendered on worker threads,
//! and written in input order as they finish, so memory stays bounded by
//! the articles in flight, not the archive.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use colored::Colorize;
use slant::config::{Config, Settings};
use slant::input::{self, InputError, Item};
use slant::jsonl;
use slant::render::{self, Emitter};
use slant::summary::{self, ArticleTotals, GroupBy, Ranked};
use slant::{Analysis, Engine, Summary, parallel};

use super::args::{InputFormat, ScoreArgs, ScoreFormat};
use super::progress::Progress;
use super::{Failure, Outcome, Ui, engine, output, settings, threads, with_actors};

/// What a worker hands back for one item.
struct Done {
    /// Output for this item, rendered by the worker.
    rendered: Vec<u8>,
    /// The report's totals, when the summary needs them.
    totals: Option<ArticleTotals>,
    ranked: Option<Ranked>,
    error: Option<InputError>,
    /// How long analysis and rendering took, and of what.
    took: Option<(std::time::Duration, String)>,
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
    if args.group_by.is_some() && args.input_format != Some(InputFormat::Jsonl) {
        return Err(Failure::Message {
            message: "--group-by reads a field of each JSON Lines record".into(),
            help: "add `--input-format jsonl` (groups come from records, not files)".into(),
        });
    }
    if args.group_by.is_some() && args.summary && args.format == ScoreFormat::Html {
        return Err(Failure::Message {
            message: "the HTML page shows one summary, not one per group".into(),
            help: "use --format text, json or csv with --group-by, or leave out --group-by".into(),
        });
    }
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

    let mut out = output(args.output.as_deref())?;
    let mut outcome = Outcome::Clean;
    let mut summary = Summary::default();
    let mut groups: BTreeMap<String, Summary> = BTreeMap::new();
    // Timings vary from run to run, so they go to standard error, not into
    // the summary, whose bytes must not depend on the run.
    let mut slowest: Vec<(std::time::Duration, String)> = Vec::new();
    let mut ranked = Vec::new();
    let mut over = Vec::new();
    let mut written = 0usize;
    let mut emitted = 0usize;
    let mut progress = Progress::new("articles");
    let reports = !args.summary;
    // A ranking is shown as text, and as a page's index; other formats
    // need not keep one. A page's index is bounded (the articles
    // themselves are streamed).
    let html = args.format == ScoreFormat::Html;
    let keep_ranking = reports && (args.format == ScoreFormat::Text || html);
    let ranking_limit = if html {
        render::html::INDEX_ROWS
    } else {
        usize::MAX
    };
    // A ranked entry (source and score) per article only when something
    // reads it: allocating one per article of an archive showed.
    let need_ranked = keep_ranking || settings.fail_over.is_some();
    if reports {
        emitter.begin(&mut out)?;
    }
    parallel::ordered_map_sized(
        items,
        threads(&settings),
        // A JSON line's bytes are in the batch; a file is read by the
        // worker that analyses it.
        |item| match item {
            Item::Record { bytes, .. } => bytes.len(),
            _ => 0,
        },
        |item| {
            analyze_item(
                &engine,
                &*emitter,
                &settings,
                reading,
                Need {
                    summary: args.summary,
                    ranked: need_ranked,
                    group: args.group_by.as_ref(),
                },
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
            if let Some(took) = done.took.clone() {
                slowest.push(took);
                // Keep the few slowest: a sort of at most 2 × SLOWEST.
                if slowest.len() >= 2 * SLOWEST {
                    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
                    slowest.truncate(SLOWEST);
                }
            }
            if let Some(totals) = &done.totals {
                match totals.group() {
                    Some(key) => {
                        // Memory grows with the groups, not the articles:
                        // a field unique per record (an id) would hold a
                        // summary per article.
                        if !groups.contains_key(key) && groups.len() >= MAX_GROUPS {
                            return Err(Failure::Message {
                                message: format!(
                                    "--group-by {}: more than {MAX_GROUPS} groups",
                                    args.group_by.as_ref().map_or("", |g| g.field.as_str())
                                ),
                                help: "group by a field with fewer values (an outlet, a month: `date:7`), not one that is unique per article".into(),
                            });
                        }
                        if !groups.contains_key(key) {
                            let group = Summary {
                                group: Some(key.clone()),
                                ..Summary::default()
                            };
                            groups.insert(key.clone(), group);
                        }
                        if let Some(group) = groups.get_mut(key) {
                            group.add_totals(totals);
                        }
                    }
                    None => summary.add_totals(totals),
                }
            }
            if keep_ranking
                && ranked.len() < ranking_limit
                && let Some(mut r) = done.ranked
            {
                r.place = written - 1;
                ranked.push(r);
            }
            Ok(())
        },
    )?;
    progress.clear();
    if reports {
        let options = summary::RankingOptions {
            sort: args.sort.into(),
            top: args.top,
            // A page's index links to every article it shows.
            min_words: if html { 0 } else { args.min_words },
        };
        emitter.finish(&mut out, written, &summary::ranking(ranked, &options))?;
    } else if args.group_by.is_some() {
        // Skipped inputs have no group; they are counted on standard error.
        let groups: Vec<Summary> = groups.into_values().collect();
        emitter.groups(&mut out, &groups)?;
    } else {
        emitter.summary(&mut out, &summary)?;
    }
    out.flush()?;
    if args.summary && !slowest.is_empty() && io::stderr().is_terminal() {
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        slowest.truncate(SLOWEST);
        let named: Vec<String> = slowest
            .iter()
            .map(|(t, name)| format!("{name} ({:.1} ms)", t.as_secs_f64() * 1000.0))
            .collect();
        let _ = writeln!(io::stderr(), "slowest articles: {}", named.join(", "));
    }
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

/// Groups a `--group-by` run keeps at most (memory grows with them).
const MAX_GROUPS: usize = 5_000;

/// How many of the slowest articles a summary run names on standard error.
const SLOWEST: usize = 5;

/// What the consumer needs of each item besides its rendering.
#[derive(Clone, Copy)]
struct Need<'a> {
    /// Totals for a summary (and no rendering).
    summary: bool,
    /// An entry for the ranking or --fail-over.
    ranked: bool,
    /// The record's group.
    group: Option<&'a GroupBy>,
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
    need: Need,
    item: Item,
) -> Done {
    let summary_only = need.summary;
    let failed = |error: InputError| Done {
        rendered: Vec::new(),
        totals: None,
        ranked: None,
        took: None,
        error: Some(error),
        warning: None,
        bytes: 0,
    };
    let mut group = None;
    let started = std::time::Instant::now();
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
            let record = match jsonl::parse_article(&bytes, need.group) {
                Ok(r) => r,
                Err(why) => {
                    return failed(InputError {
                        name: format!("{source}:{line}"),
                        message: format!("not a JSON article ({why}), so it was skipped"),
                        help: "each line must be a JSON object with a string \"text\" (and optional \"id\" and \"title\")",
                    });
                }
            };
            let mut analysis = engine.analyze_string(&source, record.text);
            analysis.id = Some(record.id.unwrap_or_else(|| format!("line {line}")));
            group = record.group;
            (analysis, bytes.len())
        }
    };
    // Warnings as the analysis gave them (not one fixed message).
    let warning = (!analysis.warnings.is_empty()).then(|| {
        let name = match &analysis.id {
            Some(id) => format!("{} [{id}]", analysis.source),
            None => analysis.source.clone(),
        };
        (name, analysis.warnings.join("; "))
    });
    // How long the article took, for a summary's slowest articles.
    let took = |analysis: &Analysis| {
        need.summary.then(|| {
            let name = analysis
                .id
                .clone()
                .unwrap_or_else(|| analysis.source.clone());
            (started.elapsed(), name)
        })
    };
    if summary_only && !need.ranked {
        // A summary adds up totals: no hit is built.
        let totals = ArticleTotals::of(engine, &analysis, &settings.score).in_group(group);
        return Done {
            took: took(&analysis),
            rendered: Vec::new(),
            ranked: None,
            totals: Some(totals),
            error: None,
            warning,
            bytes,
        };
    }
    let mut report = engine.report(&analysis, &settings.score);
    report.group.clone_from(&group);
    // Sized for a report of this many hits in JSON (about 600 bytes and
    // 450 per hit), so the buffer is not regrown as it is written.
    let mut rendered = Vec::with_capacity(if summary_only {
        0
    } else {
        600 + 450 * report.hits.len()
    });
    if !summary_only {
        // Writing into a Vec cannot fail.
        let _ = emitter.report(&mut rendered, &report, Some(&analysis));
    }
    Done {
        rendered,
        took: took(&analysis),
        ranked: need.ranked.then(|| Ranked::from(&report)),
        // The hits are dropped here, on the worker.
        totals: summary_only.then(|| ArticleTotals::from(report).in_group(group)),
        error: None,
        warning,
        bytes,
    }
}
