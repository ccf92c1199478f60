//! Pretty JSON: reports as one array (streamed one report at a time), a
//! comparison, a summary or an evaluation as one object.

use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use crate::analysis::Analysis;
use crate::compare::{Comparison, GroupComparison};
use crate::eval::EvalReport;
use crate::model::Report;
use crate::summary::{Ranking, Summary};

/// The JSON emitter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

fn pretty(w: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}

impl Emitter for Json {
    fn begin(&self, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(b"[")
    }

    fn separator(&self, w: &mut dyn Write, index: usize) -> io::Result<()> {
        w.write_all(if index == 0 { b"\n" } else { b",\n" })
    }

    /// One report as an element of the array: indented by two spaces, no
    /// separator, so reports rendered apart join into one array.
    fn report(&self, w: &mut dyn Write, report: &Report, _: Option<&Analysis>) -> io::Result<()> {
        let pretty = serde_json::to_string_pretty(report)?;
        for (i, line) in pretty.lines().enumerate() {
            if i > 0 {
                w.write_all(b"\n")?;
            }
            write!(w, "  {line}")?;
        }
        Ok(())
    }

    fn finish(&self, w: &mut dyn Write, count: usize, _: &Ranking) -> io::Result<()> {
        w.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })
    }

    /// One line, like JSON Lines: summaries of shards are concatenated and
    /// merged line by line (`slant merge-summaries`).
    fn summary(&self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        serde_json::to_writer(&mut *w, summary)?;
        writeln!(w)
    }

    fn comparison(
        &self,
        w: &mut dyn Write,
        comparison: &Comparison,
        _: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        pretty(w, comparison)
    }

    fn eval(&self, w: &mut dyn Write, _: &str, report: &EvalReport) -> io::Result<()> {
        pretty(w, report)
    }

    fn group_comparison(&self, w: &mut dyn Write, c: &GroupComparison) -> io::Result<()> {
        pretty(w, c)
    }
}
