//! Sentence alignment against a hand-made gold (tests/fixtures/align): four
//! same-event pairs written for slant and the seed pair, which reports
//! different events.

use std::ops::Range;

use serde::Deserialize;
use slant::align::{Alignment, align};
use slant::render::text::Text;
use slant::render::{Emitter, TextStyle};
use slant::{Engine, RuleSet, ScoreOptions};

#[derive(Deserialize)]
struct Case {
    name: String,
    left_file: String,
    right_file: String,
    kind: String,
    pairs: Vec<GoldPair>,
}

#[derive(Deserialize)]
struct GoldPair {
    left: Vec<String>,
    right: Vec<String>,
}

fn engine() -> Engine {
    Engine::new(RuleSet::defaults().expect("default packs")).expect("engine")
}

fn read(path: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{root}/{path}")).expect("fixture")
}

fn aligned(engine: &Engine, left: &str, right: &str) -> Alignment {
    let options = ScoreOptions::default();
    let (l, r) = (
        engine.analyze("left", left.as_bytes()),
        engine.analyze("right", right.as_bytes()),
    );
    let (lr, rr) = (engine.report(&l, &options), engine.report(&r, &options));
    align(&l, &r, [&lr, &rr])
}

/// Where each gold sentence is in its text (the first occurrence).
fn locate(text: &str, sentences: &[String]) -> Vec<Range<usize>> {
    sentences
        .iter()
        .map(|s| {
            let at = text.find(s.as_str()).expect("gold sentence in its file");
            at..at + s.len()
        })
        .collect()
}

fn overlaps(a: [usize; 2], b: &Range<usize>) -> bool {
    a[0] < b.end && b.start < a[1]
}

/// Pair precision and recall: a predicted pair is right when its two
/// sentences overlap the two sides of one gold pair; a gold pair is found
/// when a predicted pair is right for it.
struct Score {
    predicted: usize,
    right: usize,
    gold: usize,
    found: usize,
}

/// A gold pair, located: the two sides' sentence ranges.
type Located = (Vec<Range<usize>>, Vec<Range<usize>>);

fn score(case: &Case, left: &str, right: &str, alignment: &Alignment) -> Score {
    let gold: Vec<Located> = case
        .pairs
        .iter()
        .map(|p| (locate(left, &p.left), locate(right, &p.right)))
        .collect();
    let matches = |pair: &slant::align::Pair, g: &Located| {
        g.0.iter().any(|r| overlaps(pair.left, r)) && g.1.iter().any(|r| overlaps(pair.right, r))
    };
    Score {
        predicted: alignment.pairs.len(),
        right: alignment
            .pairs
            .iter()
            .filter(|p| gold.iter().any(|g| matches(p, g)))
            .count(),
        gold: gold.len(),
        found: gold
            .iter()
            .filter(|g| alignment.pairs.iter().any(|p| matches(p, g)))
            .count(),
    }
}

#[test]
fn same_event_pairs_align_as_the_gold_says() {
    let cases: Vec<Case> =
        serde_json::from_str(&read("tests/fixtures/align/gold.json")).expect("gold.json");
    let engine = engine();
    let mut total = Score {
        predicted: 0,
        right: 0,
        gold: 0,
        found: 0,
    };
    let mut lines = Vec::new();
    for case in cases.iter().filter(|c| c.kind == "same-event") {
        let (left, right) = (read(&case.left_file), read(&case.right_file));
        let alignment = aligned(&engine, &left, &right);
        let s = score(case, &left, &right, &alignment);
        lines.push(format!(
            "{}: {} of {} predicted pairs right, {} of {} gold pairs found",
            case.name, s.right, s.predicted, s.found, s.gold
        ));
        assert!(
            !alignment.few_shared,
            "{}: said to share few facts",
            case.name
        );
        total.predicted += s.predicted;
        total.right += s.right;
        total.gold += s.gold;
        total.found += s.found;
    }
    let precision = total.right as f64 / total.predicted.max(1) as f64;
    let recall = total.found as f64 / total.gold.max(1) as f64;
    let report = format!(
        "{}\nprecision {precision:.3}, recall {recall:.3}",
        lines.join("\n")
    );
    println!("{report}");
    assert!(total.gold >= 30, "{report}");
    assert!(precision >= 0.8, "{report}");
    assert!(recall >= 0.6, "{report}");
}

#[test]
fn articles_on_different_events_share_few_facts() {
    let cases: Vec<Case> =
        serde_json::from_str(&read("tests/fixtures/align/gold.json")).expect("gold.json");
    let case = cases
        .iter()
        .find(|c| c.kind == "different-event")
        .expect("the seed case");
    let (left, right) = (read(&case.left_file), read(&case.right_file));
    let alignment = aligned(&engine(), &left, &right);
    let pairs: Vec<(&str, &str)> = alignment
        .pairs
        .iter()
        .map(|p| (p.left_text.as_str(), p.right_text.as_str()))
        .collect();
    assert!(pairs.len() <= 2, "{pairs:#?}");
    assert!(alignment.few_shared, "shared {}", alignment.shared);
}

#[test]
fn an_article_aligns_every_sentence_to_itself() {
    let text = read("tests/fixtures/align/records-bill-left.txt");
    let alignment = aligned(&engine(), &text, &text);
    assert!(alignment.left_only.is_empty(), "{:#?}", alignment.left_only);
    assert!(
        alignment.right_only.is_empty(),
        "{:#?}",
        alignment.right_only
    );
    assert!(
        alignment.pairs.iter().all(|p| p.left == p.right),
        "{:#?}",
        alignment.pairs
    );
    assert!(alignment.pairs.iter().all(|p| p.framing_difference == 0.0));
    assert_eq!(alignment.shared, 1.0);
}

#[test]
fn unrelated_articles_align_almost_nothing() {
    let left = read("tests/fixtures/align/transit-fares-left.txt");
    let right = read("tests/fixtures/align/campus-occupation-right.txt");
    let alignment = aligned(&engine(), &left, &right);
    assert!(alignment.pairs.len() <= 1, "{:#?}", alignment.pairs);
    assert!(alignment.few_shared);
}

#[test]
fn empty_and_wordless_articles_align_to_nothing() {
    let engine = engine();
    for (l, r) in [("", ""), ("", "A fact."), ("...", "!!! ???")] {
        let alignment = aligned(&engine, l, r);
        assert!(alignment.pairs.is_empty());
        assert!(alignment.few_shared);
    }
}

/// The test pack (tests/fixtures/test-pack.yaml), fixed for rendering
/// tests, so a change to the default packs leaves these snapshots alone.
fn test_pack_engine() -> Engine {
    let text = read("tests/fixtures/test-pack.yaml");
    let set = RuleSet::load(&[slant::PackSource {
        name: "test-pack.yaml".into(),
        text,
    }])
    .expect("test pack");
    Engine::new(set).expect("engine")
}

fn harbour_comparison() -> slant::Comparison {
    let engine = test_pack_engine();
    let options = ScoreOptions::default();
    let (left, right) = (
        read("tests/fixtures/articles/harbour-a.txt"),
        read("tests/fixtures/articles/harbour-b.txt"),
    );
    let (l, r) = (
        engine.analyze("harbour-a.txt", left.as_bytes()),
        engine.analyze("harbour-b.txt", right.as_bytes()),
    );
    let (lr, rr) = (engine.report(&l, &options), engine.report(&r, &options));
    let alignment = align(&l, &r, [&lr, &rr]);
    slant::Comparison::new(lr, rr).with_alignment(alignment)
}

fn render_text(c: &slant::Comparison, style: TextStyle) -> String {
    let engine = test_pack_engine();
    let text = Text::new(style, Some(engine.rules()));
    let mut out = Vec::new();
    text.comparison(&mut out, c, None).expect("render");
    String::from_utf8(out).expect("utf-8")
}

/// The alignment part of a rendered comparison: from its first heading to
/// the terms list.
fn alignment_section(out: &str) -> &str {
    let start = out
        .find("the same fact")
        .or_else(|| out.find("No sentence"))
        .expect("alignment section");
    let end = out[start..]
        .find("  terms")
        .map_or(out.len(), |e| start + e);
    &out[start..end]
}

#[test]
fn text_shows_pairs_framed_differently_and_facts_only_one_side_reports() {
    let c = harbour_comparison();
    let out = render_text(&c, TextStyle::default());
    insta::assert_snapshot!(alignment_section(&out));
}

#[test]
fn text_marks_terms_by_side_and_words_the_other_lacks_in_colour() {
    let c = harbour_comparison();
    let out = render_text(
        &c,
        TextStyle {
            color: true,
            ..TextStyle::default()
        },
    );
    let section = alignment_section(&out);
    // so-called is a left hit: red and bold; "voted" only on the right:
    // underlined.
    assert!(
        section.contains("\u{1b}[1;31mso-called\u{1b}[0m"),
        "{section}"
    );
    assert!(section.contains("\u{1b}[4mvoted\u{1b}[0m"), "{section}");
}

#[test]
fn alignment_fits_every_width_from_40_to_300() {
    let c = harbour_comparison();
    for width in [40, 41, 45, 52, 60, 80, 120, 200, 300] {
        for color in [false, true] {
            let out = render_text(
                &c,
                TextStyle {
                    width,
                    color,
                    all_facts: true,
                },
            );
            for line in out.lines() {
                let plain = strip_ansi(line);
                assert!(
                    plain.chars().count() <= width,
                    "width {width}: {} columns: {plain}",
                    plain.chars().count()
                );
            }
        }
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_carries_sentence_ranges_into_each_input() {
    let c = harbour_comparison();
    let json = serde_json::to_value(&c).expect("json");
    let left = read("tests/fixtures/articles/harbour-a.txt");
    let right = read("tests/fixtures/articles/harbour-b.txt");
    let pairs = json["alignment"]["pairs"].as_array().expect("pairs");
    assert!(!pairs.is_empty());
    for p in pairs {
        for (side, text) in [("left", &left), ("right", &right)] {
            let range = &p[side];
            let (s, e) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            let shown = p[format!("{side}_text")].as_str().unwrap();
            assert_eq!(text[s..e].replace('\n', " "), shown);
        }
        assert!(p["similarity"].as_f64().unwrap() >= slant::align::THRESHOLD);
    }
    insta::assert_json_snapshot!(json["alignment"]);
}

#[test]
fn an_actor_named_by_different_aliases_is_one_word() {
    let actors = slant::actors::Actors::load(&[slant::PackSource {
        name: "story.actors.yaml".into(),
        text: "actors:\n  Okafor: [Ms Okafor, the finance minister, Amara Okafor]\n".into(),
    }])
    .expect("actors");
    // Only "quit" is shared in words; the actor makes it two.
    let left = "Budget row.\n\nMs Okafor quit over the budget.";
    let right = "Minister leaves.\n\nThe finance minister quit after a dispute.";
    let without = aligned(&engine(), left, right);
    let with = aligned(&engine().with_actors(actors), left, right);
    let quit = |a: &Alignment| {
        a.pairs
            .iter()
            .any(|p| p.left_text.contains("quit") && p.right_text.contains("quit"))
    };
    assert!(!quit(&without), "{:#?}", without.pairs);
    assert!(quit(&with), "{:#?}", with.pairs);
}
