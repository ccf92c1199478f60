//! Times each stage of the analysis alone, on one thread, over a JSON Lines
//! archive, so a regression in one stage shows on its own (issue #18):
//!
//!     cargo run --release --example stages -- ARCHIVE.jsonl [PACK.yaml]
//!
//! With a pack, only that pack is loaded (as `bench/run.sh` does with the
//! ripgrep terms); without, the default packs. Each stage runs over every
//! article in turn; its time is the best of three passes. MB/s counts the
//! articles' text bytes. A stage that reads the text first waits on memory
//! here, where in the pipeline the article is in cache from the JSON
//! parse: judge a change by the whole run too (docs/performance.md).

use std::time::{Duration, Instant};

use slant::matcher::Matcher;
use slant::normalize::fold;
use slant::segment::segment;
use slant::voice::{first_person_lines, voices_at};
use slant::{Engine, PackSource, RuleSet, ScoreOptions, jsonl};

fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: stages ARCHIVE.jsonl [PACK.yaml]".into());
    };
    let rules = match args.get(1) {
        Some(pack) => RuleSet::load(&[PackSource {
            name: pack.clone(),
            text: std::fs::read_to_string(pack)?,
        }])?,
        None => RuleSet::defaults()?,
    };
    let lines: Vec<Vec<u8>> = std::fs::read(path)?
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    let texts: Vec<String> = lines
        .iter()
        .filter_map(|l| jsonl::parse_article(l, None).ok())
        .map(|a| a.text)
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let matcher = Matcher::new(&rules)?;
    let engine = Engine::new(rules)?;
    let folded: Vec<_> = texts.iter().map(|t| fold(t)).collect();
    let segments: Vec<_> = texts.iter().map(|t| segment(t)).collect();
    let starts: Vec<Vec<usize>> = folded
        .iter()
        .map(|f| matcher.find(f).iter().map(|m| m.start).collect())
        .collect();
    let options = ScoreOptions::default();

    let mut rows: Vec<(&str, Duration)> = vec![
        (
            "JSON parse of each line into its article",
            best_of_three(|| {
                for l in &lines {
                    std::hint::black_box(jsonl::parse_article(l, None).ok());
                }
            }),
        ),
        (
            "fold (lowercase, quotes, dashes; offset map)",
            best_of_three(|| {
                for t in &texts {
                    std::hint::black_box(fold(t));
                }
            }),
        ),
        (
            "segment (quotes, sentences, words)",
            best_of_three(|| {
                for t in &texts {
                    std::hint::black_box(segment(t));
                }
            }),
        ),
        (
            "automaton scan alone (every raw match)",
            best_of_three(|| {
                for f in &folded {
                    std::hint::black_box(matcher.raw_matches(f));
                }
            }),
        ),
        (
            "automaton scan and match rules (folded text)",
            best_of_three(|| {
                for f in &folded {
                    std::hint::black_box(matcher.find(f));
                }
            }),
        ),
        (
            "automaton scan alone, unfolded text",
            best_of_three(|| {
                for t in &texts {
                    std::hint::black_box(matcher.raw_matches_text(t));
                }
            }),
        ),
        (
            "match rules in unfolded text (as analysed)",
            best_of_three(|| {
                for t in &texts {
                    std::hint::black_box(matcher.find_text(t));
                }
            }),
        ),
        (
            "voices at the hits",
            best_of_three(|| {
                for ((t, s), p) in texts.iter().zip(&segments).zip(&starts) {
                    std::hint::black_box(voices_at(t, s, p));
                }
            }),
        ),
        (
            "first-person lines at the hits",
            best_of_three(|| {
                for ((t, s), p) in texts.iter().zip(&segments).zip(&starts) {
                    std::hint::black_box(first_person_lines(t, s, p));
                }
            }),
        ),
        (
            "analyse only (no report)",
            best_of_three(|| {
                for t in &texts {
                    std::hint::black_box(engine.analyze_text("bench", t));
                }
            }),
        ),
        (
            "whole: analyse and report",
            best_of_three(|| {
                for t in &texts {
                    let a = engine.analyze_text("bench", t);
                    std::hint::black_box(engine.report(&a, &options));
                }
            }),
        ),
    ];
    println!("{} articles, {mb:.1} MB of text, one thread", texts.len());
    println!("| stage | s | MB/s |");
    println!("| --- | --- | --- |");
    for (name, took) in rows.drain(..) {
        let s = took.as_secs_f64();
        println!("| {name} | {s:.3} | {:.0} |", mb / s);
    }
    Ok(())
}
