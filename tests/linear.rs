//! Linear time in the input, checked by comparing two timings taken in the
//! same run (never against a fixed number of seconds): the same work in two
//! shapes, or at two sizes, must cost about the same per byte.

use std::time::{Duration, Instant};

use slant::actors::Actors;
use slant::{Engine, PackSource, RuleSet, ScoreOptions};

fn engine() -> Engine {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/test-pack.yaml"
    ))
    .unwrap();
    let pack = PackSource {
        name: "test-pack.yaml".into(),
        text,
    };
    Engine::new(RuleSet::load(&[pack]).unwrap()).unwrap()
}

/// The tests of this file take their timings one at a time: run side by
/// side they slow each other unevenly.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The fastest of five runs, so one preemption does not decide a test.
fn fastest(mut f: impl FnMut()) -> Duration {
    let _one_at_a_time = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    (0..5)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn one_long_line_costs_about_what_the_same_text_with_line_breaks_costs() {
    // About 1.3 MB and 40,000 hits. Counting columns from each hit's line
    // start made the single-line form quadratic (88 s against 0.32 s on
    // 11.75 MB before the fix).
    let sentence = "The so-called plan is obviously a landmark, the regime claimed. ";
    let one_line = sentence.repeat(20_000);
    let broken = one_line.replace(". ", ".\n");
    assert_eq!(one_line.len(), broken.len());
    let engine = engine();
    let options = ScoreOptions::default();
    let mut hits = (0, 0);
    let long = fastest(|| hits.0 = engine.score_text("a", &one_line, &options).hits.len());
    let short = fastest(|| hits.1 = engine.score_text("b", &broken, &options).hits.len());
    assert_eq!(hits.0, 100_000);
    assert_eq!(hits.0, hits.1);
    let ratio = long.as_secs_f64() / short.as_secs_f64();
    assert!(
        ratio < 3.0,
        "one line took {long:?}, the same text broken into lines {short:?} ({ratio:.1}x)"
    );
}

#[test]
fn actor_targeting_grows_linearly_with_the_article() {
    // Every sentence names actors and holds hits: targeting each hit by
    // scanning every mention made this quadratic (5.7 s for 30,000
    // sentences, against 0.16 s without actors).
    let actors = Actors::load(&Actors::default_sources()).unwrap();
    let engine = engine().with_actors(actors);
    let sentence =
        "Japan claimed the so-called deal was historic, and China said it obviously was not. ";
    let small = sentence.repeat(2_000);
    let large = sentence.repeat(8_000);
    let options = ScoreOptions::default();
    let t_small = fastest(|| {
        engine.score_text("s", &small, &options);
    });
    let t_large = fastest(|| {
        let r = engine.score_text("l", &large, &options);
        assert_eq!(r.actors.as_ref().map(Vec::len), Some(2));
    });
    // Four times the text: about four times the time when linear, sixteen
    // when quadratic.
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    assert!(
        ratio < 8.0,
        "2,000 sentences took {t_small:?}, 8,000 took {t_large:?} ({ratio:.1}x for 4x the text)"
    );
}

/// Times `make(n)` and `make(4n)` through `engine` and asserts linear growth.
/// A ratio over the bound is measured again, up to three times: a machine
/// busy with other work can slow one timing, a quadratic cost shows every
/// time.
fn grows_linearly(engine: &Engine, what: &str, make: impl Fn(usize) -> String, n: usize) {
    let options = ScoreOptions::default();
    let (small, large) = (make(n), make(4 * n));
    let mut seen = Vec::new();
    for _ in 0..3 {
        let t_small = fastest(|| {
            engine.score_text("s", &small, &options);
        });
        let t_large = fastest(|| {
            engine.score_text("l", &large, &options);
        });
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
        if ratio < 8.0 {
            return;
        }
        seen.push(format!(
            "{t_small:?} for n, {t_large:?} for 4n ({ratio:.1}x)"
        ));
    }
    panic!("{what}: {}", seen.join("; "));
}

#[test]
fn many_scare_quote_candidates_grow_linearly() {
    // Review finding: each quotation was checked against every candidate.
    grows_linearly(
        &engine(),
        "scare quotes",
        |n| {
            format!(
                "Title\n\n{}",
                "The \"reforms\" cost. \"Zed\" went. ".repeat(n)
            )
        },
        2_000,
    );
}

#[test]
fn a_sentence_of_many_according_tos_grows_linearly() {
    // Review finding: each "according to" looked to the sentence's end.
    grows_linearly(
        &engine(),
        "according to",
        |n| format!("Title\n\nThe regime {}.", "according to x ".repeat(n)),
        2_000,
    );
}

#[test]
fn an_actor_framed_by_many_distinct_terms_grows_linearly() {
    // Review finding: each new term was looked for in the actor's list.
    let pack = PackSource {
        name: "stem.yaml".into(),
        text: "pack: stem\ncategories:\n  c: {weight: 1, polarity: negative}\nrules:\n  - {id: c.h, category: c, terms: [humiliat*], message: m}\n".into(),
    };
    let actors = Actors::load(&Actors::default_sources()).unwrap();
    let engine = Engine::new(RuleSet::load(&[pack]).unwrap())
        .unwrap()
        .with_actors(actors);
    grows_linearly(
        &engine,
        "actor terms",
        |n| {
            (0..n)
                .map(|i| format!("Russia humiliat{}. ", to_letters(i)))
                .collect()
        },
        2_000,
    );
}

/// `i` written in letters (a, b, … ba, bb…), for distinct word endings.
fn to_letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// Seconds per byte of analysing `make(n)` as `kind`, at two sizes.
fn per_byte_ratio(kind: slant::input::Kind, make: impl Fn(usize) -> String) -> (f64, usize) {
    let engine = engine();
    let document = slant::input::Document {
        kind,
        encoding: None,
    };
    let options = ScoreOptions::default();
    let (small, large) = (make(2_000), make(8_000));
    let mut hits = 0;
    let mut time = |input: &str| {
        fastest(|| {
            let analysis = engine.analyze_with("x", input.as_bytes(), &document);
            hits = engine.report(&analysis, &options).hits.len();
        })
        .as_secs_f64()
            / input.len() as f64
    };
    let s = time(&small);
    let l = time(&large);
    (l / s, hits)
}

#[test]
fn markdown_html_and_suppression_comments_grow_linearly() {
    // Every paragraph holds hits, an entity, a link, a quote and a
    // suppression comment; the large input is four times the small one.
    let md = |n: usize| {
        "<!-- slant-disable-next-line labels -->\nThe so-called plan is *obviously* a [landmark](https://x.org/a) &amp; more.\n\n> It was a disaster, the regime claimed.\n\n"
            .repeat(n)
    };
    let (ratio, hits) = per_byte_ratio(slant::input::Kind::Markdown, md);
    assert!(hits > 0);
    assert!(
        ratio < 3.0,
        "Markdown: {ratio:.1}x the time per byte at 4x the size"
    );
    let html = |n: usize| {
        format!(
            "<html><body><nav>menu</nav><article>{}</article></body></html>",
            "<!-- slant-disable labels --><p>The so&#8209;called plan is <em>obviously</em> a landmark.</p><!-- slant-enable --><blockquote>A disaster, the regime claimed.</blockquote><div><p>More &amp; more</p></div>\n"
                .repeat(n)
        )
    };
    let (ratio, hits) = per_byte_ratio(slant::input::Kind::Html, html);
    assert!(hits > 0);
    assert!(
        ratio < 3.0,
        "HTML: {ratio:.1}x the time per byte at 4x the size"
    );
    let text = |n: usize| {
        "// slant-disable-next-line certainty\nThe so-called plan is obviously a landmark.\n"
            .repeat(n)
    };
    let (ratio, hits) = per_byte_ratio(slant::input::Kind::Text, text);
    assert!(hits > 0);
    assert!(
        ratio < 3.0,
        "plain text comments: {ratio:.1}x the time per byte at 4x the size"
    );
}

#[test]
fn many_suppression_comments_grow_linearly() {
    // Review finding: each region copied a list of targets that grew with
    // every comment (20,000 comments: 29 s and 6.9 GB).
    grows_linearly(
        &engine(),
        "suppression comments",
        |n| {
            (0..n)
                .map(|i| {
                    format!("// slant-disable nosuch{i} labels\nIt was obviously reckless.\n\n")
                })
                .collect()
        },
        1_000,
    );
}

#[test]
fn aligning_a_sentence_of_many_quotes_grows_linearly() {
    // Review finding: each word searched every quotation of its sentence.
    let engine = engine();
    let options = ScoreOptions::default();
    let make = |n: usize| {
        let body: Vec<String> = (0..n).map(|i| format!("w{i} \"q{i}a q{i}b\"")).collect();
        format!("Title\n\n{}\n", body.join(" "))
    };
    let (small, large) = (make(2_000), make(8_000));
    let time = |text: &str| {
        let a = engine.analyze("a", text.as_bytes());
        let r = engine.report(&a, &options);
        fastest(|| {
            slant::align::align(&a, &a, [&r, &r]);
        })
    };
    let (t_small, t_large) = (time(&small), time(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    assert!(
        ratio < 8.0,
        "{t_small:?} for n, {t_large:?} for 4n ({ratio:.1}x)"
    );
}

#[test]
fn an_exception_over_a_long_whitespace_run_grows_linearly() {
    // Review finding: the look-back for exceptions was bounded by their
    // length in the article's bytes, so one exception spanning a long run
    // of spaces made every later candidate read every exception before it.
    let pack = PackSource {
        name: "x.yaml".into(),
        text: r#"
pack: x
categories:
  certainty: { weight: 1 }
rules:
  - id: certainty.of-course
    category: certainty
    terms: ["of course"]
    exceptions: ["of course not"]
    message: m
"#
        .into(),
    };
    let engine = Engine::new(RuleSet::load(&[pack]).expect("loads")).expect("compiles");
    let make = |n: usize| {
        let mut t = "of course not, of course. ".repeat(n);
        t.push_str("of");
        t.push_str(&" ".repeat(t.len()));
        t.push_str("course not");
        t
    };
    let (small, large) = (make(5_000), make(20_000));
    assert_eq!(engine.find(&small).len(), 5_000);
    let time = |text: &str| {
        fastest(|| {
            std::hint::black_box(engine.find(text));
        })
    };
    let (t_small, t_large) = (time(&small), time(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    assert!(
        ratio < 8.0,
        "{t_small:?} for n, {t_large:?} for 4n ({ratio:.1}x)"
    );
}
