//! `slant fix`: the rewrites of each file as a diff or JSON, or applied in
//! place. Files are read once; with `--write` each is read again just
//! before it is replaced, and left alone if it changed in between.

use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

use colored::Colorize;
use serde::Serialize;
use slant::config::{Config, Flags};
use slant::fix::{self, Edit, WriteError};
use slant::input::{self, Input};
use slant::render::diff::write_diff;
use slant::{Engine, ScoreOptions};

use super::args::{FixArgs, Format};
use super::{Failure, Outcome, Ui, engine};

/// One file's edits, as `--format json` lists them.
#[derive(Serialize)]
struct FileEdits {
    source: String,
    /// Whether the edits were written to the file.
    written: bool,
    edits: Vec<Edit>,
    /// Review edits left out (without `--review`).
    held_back: usize,
    /// The text as read, for the diff.
    #[serde(skip)]
    text: String,
}

pub(super) fn run(args: FixArgs, config: &Config, ui: &Ui) -> Result<Outcome, Failure> {
    let engine = engine(&args.rules, config, ui)?;
    let limit = config
        .resolve(&Flags {
            quoted_weight: None,
            reported_weight: None,
            fail_over: None,
            threads: None,
            max_article_bytes: args.max_article_bytes,
        })
        .max_article_bytes;
    let mut outcome = Outcome::Clean;
    let mut listed = Vec::new();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for path in &args.files {
        match fix_one(&engine, path, &args, limit) {
            Ok(file) => {
                if args.format == Format::Text {
                    write_diff(&mut out, &file.source, &file.text, &file.edits, ui.out)?;
                    out.flush()?;
                    note(ui, &file, args.write);
                } else {
                    listed.push(file);
                }
            }
            Err(failure) => {
                out.flush()?;
                ui.failure(&failure);
                outcome = Outcome::Error;
            }
        }
    }
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &listed).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(outcome)
}

/// A line on standard error saying what was done and what was left.
fn note(ui: &Ui, file: &FileEdits, write: bool) {
    let mut err = io::stderr().lock();
    let n = file.edits.len();
    let edits = if n == 1 { "edit" } else { "edits" };
    let done = if file.written {
        format!("{n} {edits} written")
    } else if n == 0 {
        "no edits".to_string()
    } else if write {
        format!("{n} {edits}")
    } else {
        format!("{n} {edits} (--write applies them)")
    };
    let held = if file.held_back > 0 {
        format!(
            "; {} more that may shift the meaning with --review",
            file.held_back
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        err,
        "{} {done}{held}",
        ui.err.paint(&format!("{}:", file.source).bold())
    );
}

fn fix_one(
    engine: &Engine,
    path: &Path,
    args: &FixArgs,
    limit: usize,
) -> Result<FileEdits, Failure> {
    let input = Input::from_path(path);
    let name = input.name();
    if args.write && input == Input::Stdin {
        return Err(Failure::Message {
            message: "--write cannot rewrite standard input".into(),
            help: "name the file, or leave out --write and apply the diff with `patch -p0`".into(),
        });
    }
    let stamp = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let before: Option<SystemTime> = match &input {
        Input::File(p) => stamp(p),
        Input::Stdin => None,
    };
    let bytes = input::read(&input, limit)?;
    // Offsets of a lossily decoded text are not the file's: writing them
    // back would corrupt it.
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(Failure::Message {
            message: format!("{name}: is not valid UTF-8, so slant does not rewrite it"),
            help: "convert the file to UTF-8 first (e.g. with iconv)".into(),
        });
    };
    // Markdown and HTML are read as such, so front matter, code, link
    // targets (a slug like `council-obviously-reckless`) and markup are never
    // rewritten; hit offsets are the file's, and a hit whose bytes in the
    // file are not its words (an entity, a tag inside) is left alone.
    let kind = input::Kind::of(&input);
    let document = input::Document {
        kind,
        encoding: None,
    };
    let report = engine.report(
        &engine.analyze_with(&name, &bytes, &document),
        &ScoreOptions::default(),
    );
    let rules = engine.rules();
    let edits = fix::plan(rules, &report, text, args.review);
    let held_back = if args.review {
        0
    } else {
        fix::plan(rules, &report, text, true)
            .len()
            .saturating_sub(edits.len())
    };
    let mut written = false;
    if args.write
        && !edits.is_empty()
        && let Input::File(p) = &input
    {
        write_in_place(p, &bytes, before, &fix::apply(text, &edits))?;
        written = true;
    }
    Ok(FileEdits {
        source: name,
        written,
        edits,
        held_back,
        text: text.to_string(),
    })
}

/// [`fix::write_if_unchanged`], its refusal said with what to do.
fn write_in_place(
    path: &Path,
    read: &[u8],
    before: Option<SystemTime>,
    fixed: &str,
) -> Result<(), Failure> {
    fix::write_if_unchanged(path, read, before, fixed).map_err(|e| match e {
        WriteError::Changed => Failure::Message {
            message: format!(
                "{}: the file changed since slant read it, so it was not rewritten",
                path.display()
            ),
            help: "run slant fix again on the new version".into(),
        },
        WriteError::Io(e) => Failure::Message {
            message: format!("{}: cannot write: {e}", path.display()),
            help: "check that the file and its folder are writable".into(),
        },
    })
}
