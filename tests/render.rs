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
fn a_report_fits_narrow_widths_except_its_jump_lines() {
    // `path:line:col: rule "surface"` lines stay whole, as ripgrep's do, so
    // editors can jump to them; everything else keeps to the width.
    let engine = engine();
    let (_, l) = analysed(&engine, LEFT);
    for width in [40, 45, 52, 57, 58, 60, 80] {
        let text = Text::new(
            TextStyle {
                width,
                ..TextStyle::default()
            },
            Some(engine.rules()),
        );
        let out = render(|w| text.report(w, &l, None));
        for line in out.lines().filter(|line| !line.starts_with(LEFT)) {
            assert!(line.chars().count() <= width, "width {width}: {line}");
        }
        for cat in l.categories.keys() {
            assert!(out.contains(cat.as_str()), "width {width}: {out}");
        }
    }
}

/// The comparison of the two fixture articles with two actors, at
/// `width`, in colour or not.
fn comparison_at(width: usize, color: bool) -> (Comparison, String) {
    let actors = Actors::load(&[PackSource {
        name: "harbour.actors.yaml".into(),
        text: "actors:\n  Council: [council, councillors]\n  Reyes: [Reyes, Mayor Ann Reyes]\nspeech: [said]\n".into(),
    }])
    .unwrap();
    let engine = engine().with_actors(actors);
    let (la, l) = analysed(&engine, LEFT);
    let (ra, r) = analysed(&engine, RIGHT);
    let c = Comparison::new(l, r);
    let text = Text::new(
        TextStyle {
            width,
            color,
            ..TextStyle::default()
        },
        Some(engine.rules()),
    );
    let out = render(|w| text.comparison(w, &c, Some([&la, &ra])));
    (c, out)
}

/// `s` without ANSI escape codes.
fn visible(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if ch == '\x1b' {
            // Up to and with the final letter of the escape.
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// The words of `lines`, split at spaces and column lines, without a
/// density's "/1k".
fn tokens(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| l.split([' ', '│']))
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches("/1k").trim_end_matches(',').to_string())
        .collect()
}

/// Every row starting with `label`, each with the rows under it that
/// start with a space (the right side's row when stacked, further cells).
fn block<'a>(out: &'a str, label: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = out.lines().collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with(&format!("{label} ")) || *line == label {
            rows.push(*line);
            rows.extend(
                lines[i + 1..]
                    .iter()
                    .take_while(|l| l.starts_with(' ') && !l.trim().is_empty()),
            );
        }
    }
    assert!(!rows.is_empty(), "no row for {label}:\n{out}");
    rows
}

/// `−0.36`, `+0.50`, `0.00`, as the text emitter writes a tone.
fn signed(x: f64) -> String {
    if x.abs() < 0.005 {
        "0.00".to_string()
    } else {
        format!("{x:+.2}")
    }
}

const WIDTHS: [usize; 11] = [40, 41, 45, 50, 51, 52, 60, 80, 120, 200, 300];

#[test]
fn compare_fits_every_width_from_40_to_300() {
    for width in WIDTHS {
        for color in [false, true] {
            let (_, out) = comparison_at(width, color);
            for line in out.lines() {
                let n = visible(line).chars().count();
                assert!(
                    n <= width,
                    "width {width}, color {color}: {n} columns: {line}"
                );
            }
        }
    }
}

#[test]
fn compare_stacks_its_sides_where_two_columns_would_cut_a_number() {
    // The widest cell with numbers, "  2  32.26 +32.26", is 17 columns: a
    // 12-column label and two such sides need 52.
    for width in WIDTHS {
        let (_, out) = comparison_at(width, false);
        assert_eq!(out.contains('│'), width >= 52, "width {width}:\n{out}");
    }
}

#[test]
fn compare_shows_every_number_whole_at_every_width() {
    for width in WIDTHS {
        let (c, out) = comparison_at(width, false);
        let has = |label: &str, numbers: &[String]| {
            let rows = block(&out, label);
            let words = tokens(&rows);
            for n in numbers {
                assert!(
                    words.contains(n),
                    "width {width}: {n} not whole in {label}:\n{}",
                    rows.join("\n")
                );
            }
        };
        let (l, r) = (&c.left, &c.right);
        let pair = |a: String, b: String| [a, b];
        has(
            "score per 1k",
            &pair(format!("{:.2}", l.score), format!("{:.2}", r.score)),
        );
        has("words", &pair(l.words.to_string(), r.words.to_string()));
        has(
            "authorial",
            &pair(
                l.authorial_hits().to_string(),
                r.authorial_hits().to_string(),
            ),
        );
        has(
            "reported",
            &pair(l.reported_hits().to_string(), r.reported_hits().to_string()),
        );
        has(
            "quoted",
            &pair(l.quoted_hits().to_string(), r.quoted_hits().to_string()),
        );
        for cat in &c.categories {
            let mut numbers = vec![
                cat.left.count.to_string(),
                format!("{:.2}", cat.left.density),
                cat.right.count.to_string(),
                format!("{:.2}", cat.right.density),
            ];
            let diff = (cat.left.density - cat.right.density).abs();
            if diff > 0.0 {
                numbers.push(format!("+{diff:.2}"));
            }
            has(&cat.category, &numbers);
        }
        for d in c.engaged_actors() {
            let numbers: Vec<String> = [&d.left, &d.right]
                .into_iter()
                .flatten()
                .flat_map(|p| [p.mentions.to_string(), signed(p.tone)])
                .collect();
            // "3 mentions" or "3×".
            let rows = block(&out, &d.actor).join(" ").replace('×', " ");
            let words = tokens(&[&rows]);
            for n in &numbers {
                assert!(words.contains(n), "width {width}: {n} not whole in {rows}");
            }
        }
        // No line ends a number with the ellipsis of a cut.
        for line in out.lines() {
            let chars: Vec<char> = line.chars().collect();
            for pair in chars.windows(2) {
                assert!(
                    !(pair[0].is_ascii_digit() && pair[1] == '…'),
                    "width {width}: {line}"
                );
            }
        }
    }
}

#[test]
fn terms_headers_stand_over_their_numbers_at_every_width() {
    for width in WIDTHS {
        let (c, out) = comparison_at(width, false);
        let lines: Vec<Vec<char>> = out.lines().map(|l| l.chars().collect()).collect();
        let text = |l: &[char]| l.iter().collect::<String>();
        let at = lines
            .iter()
            .position(|l| text(l).contains(" left right  category"))
            .unwrap_or_else(|| panic!("width {width}: no terms header:\n{out}"));
        let header = text(&lines[at]);
        // Right edges, in characters, of the two headers.
        let chars_before = |s: &str, byte: usize| s[..byte].chars().count();
        let left_end = chars_before(&header, header.find(" left right").unwrap()) + " left".len();
        let right_end = left_end + " right".len();
        // A row has its numbers ending at those columns; a wrapped term's
        // further lines have none.
        let number_ending = |l: &[char], end: usize| -> Option<String> {
            let digits: String = l[..end.min(l.len())]
                .iter()
                .rev()
                .take_while(|ch| ch.is_ascii_digit())
                .collect();
            (!digits.is_empty() && l.get(end) == Some(&' ')).then(|| digits.chars().rev().collect())
        };
        let mut rows = lines[at + 1..]
            .iter()
            .take_while(|l| !l.is_empty())
            .filter_map(|l| Some((number_ending(l, left_end)?, number_ending(l, right_end)?)));
        for t in &c.terms {
            let (left, right) = rows
                .next()
                .unwrap_or_else(|| panic!("width {width}: no row for {}:\n{out}", t.term));
            assert_eq!(
                (left, right),
                (t.left.to_string(), t.right.to_string()),
                "width {width}: {}",
                t.term
            );
        }
        assert!(rows.next().is_none(), "width {width}: more rows than terms");
    }
}

#[test]
fn text_comparison_stacked_at_40_columns() {
    let actors = Actors::load(&[PackSource {
        name: "harbour.actors.yaml".into(),
        text: "actors:\n  Council: [council, councillors]\n  Reyes: [Reyes, Mayor Ann Reyes]\nspeech: [said]\n".into(),
    }])
    .unwrap();
    let engine = engine().with_actors(actors);
    let (_, l) = analysed(&engine, LEFT);
    let (_, r) = analysed(&engine, RIGHT);
    let text = Text::new(
        TextStyle {
            width: 40,
            ..TextStyle::default()
        },
        Some(engine.rules()),
    );
    let c = Comparison::new(l, r);
    insta::assert_snapshot!(render(|w| text.comparison(w, &c, None)));
}
