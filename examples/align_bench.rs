//! Times sentence alignment alone (`slant::align::align`) on two articles:
//! analysis and reports are made once, outside the clock.
//!
//!     cargo run --release --example align_bench -- LEFT RIGHT [RUNS]
//!
//! bench/align.sh builds 2,000-word articles from the BBC sample and runs it.

use std::time::Instant;

use slant::align::align;
use slant::{Engine, RuleSet, ScoreOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [left, right, rest @ ..] = args.as_slice() else {
        return Err("usage: align_bench LEFT RIGHT [RUNS]".into());
    };
    let runs: usize = rest.first().map_or(Ok(50), |r| r.parse())?;
    let engine = Engine::new(RuleSet::defaults()?)?;
    let options = ScoreOptions::default();
    let (l, r) = (
        engine.analyze(left, &std::fs::read(left)?),
        engine.analyze(right, &std::fs::read(right)?),
    );
    let (lr, rr) = (engine.report(&l, &options), engine.report(&r, &options));
    let mut best = f64::INFINITY;
    let mut pairs = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let a = align(&l, &r, [&lr, &rr]);
        best = best.min(start.elapsed().as_secs_f64());
        pairs = a.pairs.len();
    }
    println!(
        "{} + {} words, {} + {} sentences: {pairs} pairs, best of {runs}: {:.2} ms",
        lr.words,
        rr.words,
        l.segments.sentences.len(),
        r.segments.sentences.len(),
        best * 1000.0
    );
    Ok(())
}
