//! Every emitter, rendered into a buffer and pinned by a snapshot. The
//! pack is `tests/fixtures/test-pack.yaml`, fixed for these tests, so
//! editing the default packs never rewrites a renderer snapshot; the
//! articles are two short reports on one event in `tests/fixtures/articles/`.

use slant::actors::Actors;
use slant::compare::Comparison;
use slant::render::json::Json;
use slant::render::jsonl::Jsonl;
use slant::render::text::Text;
use slant::render::{Emitter, TextStyle};
use slant::summary::{Ranked, RankingOptions, Summary, ranking};
use slant::{Analysis, Engine, PackSource, Report, RuleSet, ScoreOptions};

const LEFT: &str = "tests/fixtures/articles/harbour-a.txt";
const RIGHT: &str = "tests/fixtures/articles/harbour-b.txt";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn engine() -> Engine {
    let text = String::from_utf8(read("tests/fixtures/test-pack.yaml")).unwrap();
    let set = RuleSet::load(&[PackSource {
        name: "test-pack.yaml".into(),
        text,
    }])
    .unwrap();
    Engine::new(set).unwrap()
}

fn analysed(engine: &Engine, path: &str) -> (Analysis, Report) {
    let analysis = engine.analyze(path, &read(path));
    let report = engine.report(&analysis, &ScoreOptions::default());
    (analysis, report)
}

fn plain() -> TextStyle {
    TextStyle {
        width: 80,
        color: false,
        ..TextStyle::default()
    }
}

/// Renders with `f` into a string.
fn render(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A run of reports as the score command writes it.
fn run_of(emitter: &dyn Emitter, reports: &[Report]) -> String {
    render(|w| {
        emitter.begin(w)?;
        for (i, r) in reports.iter().enumerate() {
            emitter.separator(w, i)?;
            emitter.report(w, r, None)?;
        }
        let ranked = ranking(
            reports.iter().map(Ranked::from).collect(),
            &RankingOptions::default(),
        );
        emitter.finish(w, reports.len(), &ranked)
    })
}

fn both() -> (Engine, (Analysis, Report), (Analysis, Report)) {
    let engine = engine();
    let left = analysed(&engine, LEFT);
    let right = analysed(&engine, RIGHT);
    (engine, left, right)
}

#[test]
fn text_reports_and_ranking() {
    let (engine, (_, l), (_, r)) = both();
    let text = Text::new(plain(), Some(engine.rules()));
    insta::assert_snapshot!(run_of(&text, &[l, r]));
}

#[test]
fn text_report_in_color() {
    let (engine, (_, l), _) = both();
    let style = TextStyle {
        color: true,
        ..plain()
    };
    let text = Text::new(style, Some(engine.rules()));
    let out = run_of(&text, &[l]);
    assert!(out.contains("\x1b[1m"), "bold headers");
    assert!(out.contains("\x1b[2m"), "dimmed quoted hits");
    insta::assert_snapshot!(out);
}

#[test]
fn json_reports_are_one_array() {
    let (_, (_, l), (_, r)) = both();
    let out = run_of(&Json, &[l.clone(), r]);
    let parsed: Vec<Report> = serde_json::from_str(&out).expect("one JSON array");
    assert_eq!(parsed[0].hits.len(), l.hits.len());
    insta::assert_snapshot!(out);
}

#[test]
fn json_with_no_reports_is_an_empty_array() {
    assert_eq!(run_of(&Json, &[]), "[]\n");
}

#[test]
fn jsonl_reports_are_one_per_line() {
    let (_, (_, l), (_, r)) = both();
    let out = run_of(&Jsonl, &[l, r]);
    assert_eq!(out.lines().count(), 2);
    for line in out.lines() {
        serde_json::from_str::<Report>(line).expect("a report per line");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn text_comparison() {
    let (engine, (_, l), (_, r)) = both();
    let text = Text::new(plain(), Some(engine.rules()));
    let c = Comparison::new(l, r);
    insta::assert_snapshot!(render(|w| text.comparison(w, &c, None)));
}

#[test]
fn text_comparison_with_context_reads_the_analyses() {
    let (engine, (la, l), (ra, r)) = both();
    let text = Text::new(plain(), Some(engine.rules()));
    let c = Comparison::new(l, r);
    let out = render(|w| text.comparison(w, &c, Some([&la, &ra])));
    assert!(out.contains("[so-called]"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn text_comparison_with_actors() {
    let actors = Actors::load(&[PackSource {
        name: "harbour.actors.yaml".into(),
        text: "actors:\n  Council: [council, councillors]\n  Reyes: [Reyes, Mayor Ann Reyes]\nspeech: [said]\n".into(),
    }])
    .unwrap();
    let engine = engine().with_actors(actors);
    let (_, l) = analysed(&engine, LEFT);
    let (_, r) = analysed(&engine, RIGHT);
    let text = Text::new(plain(), Some(engine.rules()));
    let c = Comparison::new(l, r);
    insta::assert_snapshot!(render(|w| text.comparison(w, &c, None)));
}

#[test]
fn json_comparison_carries_the_verdict() {
    let (_, (_, l), (_, r)) = both();
    let c = Comparison::new(l, r);
    let out = render(|w| Json.comparison(w, &c, None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"]["leaning"], "left");
    insta::assert_snapshot!(out);
}

#[test]
fn summaries() {
    let (engine, (_, l), (_, r)) = both();
    let mut s = Summary::default();
    s.add(&l);
    s.add(&r);
    let text = Text::new(plain(), Some(engine.rules()));
    insta::assert_snapshot!(render(|w| text.summary(w, &s)));
    let line = render(|w| Json.summary(w, &s));
    assert_eq!(line.lines().count(), 1, "a summary is one line, to merge");
    assert_eq!(serde_json::from_str::<Summary>(&line).unwrap(), s);
}

#[test]
fn any_width_renders_without_panicking() {
    // A library caller may pass any width; layout used to underflow below 19.
    let actors = Actors::load(&Actors::default_sources()).unwrap();
    let engine = engine().with_actors(actors);
    let (la, l) = analysed(&engine, LEFT);
    let (ra, r) = analysed(&engine, RIGHT);
    let c = Comparison::new(l.clone(), r);
    for width in [0, 1, 19, 40, 80, 300] {
        let text = Text::new(
            TextStyle {
                width,
                ..TextStyle::default()
            },
            Some(engine.rules()),
        );
        let out = render(|w| {
            text.report(w, &l, None)?;
            text.comparison(w, &c, Some([&la, &ra]))
        });
        assert!(out.contains("harbour"), "width {width}");
    }
}

#[test]
fn compare_cuts_no_number_at_any_width_from_52_to_300() {
    let actors = Actors::load(&[PackSource {
        name: "harbour.actors.yaml".into(),
        text: "actors:\n  Council: [council, councillors]\nspeech: [said]\n".into(),
    }])
    .unwrap();
    let engine = engine().with_actors(actors);
    let (_, l) = analysed(&engine, LEFT);
    let (_, r) = analysed(&engine, RIGHT);
    let c = Comparison::new(l, r);
    for width in [52, 60, 72, 80, 120, 200, 300] {
        let text = Text::new(
            TextStyle {
                width,
                ..TextStyle::default()
            },
            Some(engine.rules()),
        );
        let out = render(|w| text.comparison(w, &c, None));
        for cat in &c.categories {
            let row = out
                .lines()
                .find(|l| l.starts_with(&cat.category))
                .unwrap_or_else(|| panic!("width {width}: no row for {}", cat.category));
            for density in [cat.left.density, cat.right.density] {
                assert!(
                    row.contains(&format!("{density:.2}")),
                    "width {width}: {row}"
                );
            }
            assert!(!row.contains('…'), "width {width}: {row}");
        }
        let council = out
            .lines()
            .find(|l| l.starts_with("Council"))
            .expect("actor row");
        assert!(
            council.contains("tone") && !council.contains('…'),
            "width {width}: {council}"
        );
        assert!(
            out.lines().all(|l| l.chars().count() <= width.max(80)),
            "width {width}"
        );
    }
}
