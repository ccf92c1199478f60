//! JSON Lines: every value on one line, for archives and pipes.

use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use crate::analysis::Analysis;
use crate::compare::Comparison;
use crate::eval::EvalReport;
use crate::model::Report;
use crate::summary::Summary;

/// The JSON Lines emitter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Jsonl;

fn line(w: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    writeln!(w)
}

impl Emitter for Jsonl {
    fn report(&self, w: &mut dyn Write, report: &Report, _: Option<&Analysis>) -> io::Result<()> {
        line(w, report)
    }

    fn summary(&self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        line(w, summary)
    }

    fn comparison(
        &self,
        w: &mut dyn Write,
        comparison: &Comparison,
        _: Option<[&Analysis; 2]>,
    ) -> io::Result<()> {
        line(w, comparison)
    }

    fn eval(&self, w: &mut dyn Write, _: &str, report: &EvalReport) -> io::Result<()> {
        line(w, report)
    }
}
