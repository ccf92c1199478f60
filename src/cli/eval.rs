//! `slant eval`: scores annotated records in parallel and adds up the
//! comparison in input order, so the result is deterministic.

use std::io::{self, Write};

use colored::Colorize;
use slant::config::Config;
use slant::eval::{EvalOptions, Evaluator, RecordResult, parse_record, score_record};
use slant::input::{Input, JsonlLines};
use slant::parallel;
use slant::render;

use super::args::EvalArgs;
use super::progress::Progress;
use super::{Failure, Outcome, Ui, engine, threads};

pub(super) fn run(args: EvalArgs, config: &Config, ui: &Ui) -> Result<Outcome, Failure> {
    let engine = engine(&args.rules, config, ui)?;
    let settings = config.resolve(&slant::config::Flags {
        quoted_weight: args.quoted_weight,
        reported_weight: args.reported_weight,
        fail_over: None,
        threads: args.threads,
        max_article_bytes: args.max_article_bytes,
    });
    let input = Input::from_path(&args.file);
    let name = input.name();
    if let Input::File(path) = &input
        && !path.is_file()
    {
        return Err(Failure::Message {
            message: format!("{name}: no such file"),
            help: "give an annotated JSON Lines file, e.g. ../shared/eval/babe.dev.jsonl".into(),
        });
    }
    let options = EvalOptions {
        threshold: args.threshold,
        score: settings.score,
        misses: args.misses,
    };
    let lines = JsonlLines::open(&input, settings.max_article_bytes);
    let mut evaluator = Evaluator::new(&options);
    let mut bad = 0usize;
    let mut progress = Progress::new("records");
    parallel::ordered_map(
        lines,
        threads(&settings),
        |(line, bytes)| -> Result<(RecordResult, usize), String> {
            let bytes = bytes.map_err(|e| format!("{}: {}", e.name, e.message))?;
            let record = parse_record(&bytes)
                .map_err(|e| format!("{name}:{line}: not an annotated record ({e}), skipped"))?;
            Ok((score_record(&engine, &record, &options), bytes.len()))
        },
        |result| -> Result<(), Failure> {
            match result {
                Ok((r, bytes)) => {
                    evaluator.add(&r);
                    progress.tick(bytes);
                }
                Err(message) => {
                    bad += 1;
                    progress.clear();
                    let _ = writeln!(
                        io::stderr(),
                        "{} {message}",
                        ui.err.paint(&"error:".red().bold())
                    );
                }
            }
            Ok(())
        },
    )?;
    progress.clear();
    let report = evaluator.finish();
    let rules = engine.rules();
    let emitter = render::emitter(args.format.into(), ui.text_style(), rules);
    let mut out = io::BufWriter::new(io::stdout().lock());
    emitter.eval(&mut out, &name, &report)?;
    out.flush()?;
    Ok(if bad > 0 {
        Outcome::Error
    } else {
        Outcome::Clean
    })
}
