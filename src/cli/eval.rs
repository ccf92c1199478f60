//! `slant eval`: scores annotated records in parallel and adds up the
//! comparison in input order, so the result is deterministic.

use std::io::{self, BufRead, BufReader, IsTerminal, Write};

use slant::config::Config;
use slant::eval::{EvalOptions, Evaluator, RecordResult, parse_record, score_record};
use slant::jsonl::{self, Line};
use slant::render;
use slant::{ScoreOptions, parallel};

use super::args::{EvalArgs, Format};
use super::{Failure, Outcome, engine, threads};

/// Largest record accepted (a long article with its annotations).
const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

pub(super) fn run(args: EvalArgs, config: &Config) -> Result<Outcome, Failure> {
    let engine = engine(&args.rules, config)?;
    let name = args.file.display().to_string();
    let reader: Box<dyn BufRead + Send> = if args.file.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(&args.file).map_err(|e| Failure::Message {
            message: format!("{name}: cannot read: {e}"),
            help: "give an annotated JSON Lines file, e.g. ../shared/eval/babe.dev.jsonl".into(),
        })?;
        Box::new(BufReader::new(file))
    };
    let options = EvalOptions {
        threshold: args.threshold,
        score: ScoreOptions {
            quoted_weight: args
                .quoted_weight
                .or(config.quoted_weight)
                .unwrap_or(ScoreOptions::default().quoted_weight),
        },
        misses: args.misses,
    };
    let threads = threads(args.threads);
    let lines = Lines {
        reader: Some(reader),
        line: 0,
    };
    let mut evaluator = Evaluator::new(&options);
    let mut bad = 0usize;
    let progress = io::stderr().is_terminal();
    let mut done = 0usize;
    parallel::ordered_map(
        lines,
        threads,
        |(line, bytes): (usize, Result<Vec<u8>, String>)| -> Result<RecordResult, String> {
            let bytes = bytes.map_err(|why| format!("{name}:{line}: {why}"))?;
            let record = parse_record(&bytes)
                .map_err(|e| format!("{name}:{line}: not an annotated record ({e}), skipped"))?;
            Ok(score_record(&engine, &record, &options))
        },
        |result| -> Result<(), Failure> {
            match result {
                Ok(r) => evaluator.add(&r),
                Err(message) => {
                    bad += 1;
                    let _ = writeln!(io::stderr(), "error: {message}");
                }
            }
            done += 1;
            if progress && done.is_multiple_of(500) {
                let _ = write!(io::stderr(), "\r{done} records ");
            }
            Ok(())
        },
    )?;
    if progress && done >= 500 {
        let _ = write!(io::stderr(), "\r\x1b[2K");
    }
    let report = evaluator.finish();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => render::eval_text(&mut out, &name, &report)?,
    }
    out.flush()?;
    Ok(if bad > 0 {
        Outcome::Error
    } else {
        Outcome::Clean
    })
}

/// Non-blank lines with their numbers; a line that cannot be read is an
/// error in its place (and the last item).
struct Lines {
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
}

impl Iterator for Lines {
    type Item = (usize, Result<Vec<u8>, String>);

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.reader.as_mut()?;
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            match jsonl::read_line(reader, &mut bytes, MAX_RECORD_BYTES) {
                Ok(Line::Read) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => return Some((self.line, Ok(bytes))),
                Ok(Line::TooLong(n)) => {
                    return Some((
                        self.line,
                        Err(format!(
                            "the line is {n} bytes, over {MAX_RECORD_BYTES}, skipped"
                        )),
                    ));
                }
                Ok(Line::End) => {
                    self.reader = None;
                    return None;
                }
                Err(e) => {
                    self.reader = None;
                    return Some((self.line, Err(format!("cannot read further: {e}"))));
                }
            }
        }
    }
}
