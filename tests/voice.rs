//! Voice accuracy over the hand-marked fixture `tests/fixtures/voice.txt`,
//! and linearity of the analysis.

use std::time::Instant;

use slant::segment::segment;
use slant::voice::{Voice, voices};

/// One marked word: its byte offset in the stripped passage, its text and
/// the expected voice.
struct Mark {
    at: usize,
    word: String,
    want: Voice,
}

struct Passage {
    name: String,
    text: String,
    marks: Vec<Mark>,
}

/// Strips `{a:…}`, `{r:…}` and `{q:…}` from `raw`, recording each mark.
fn strip(name: &str, raw: &str) -> Passage {
    let mut text = String::with_capacity(raw.len());
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let close = inner
            .find('}')
            .unwrap_or_else(|| panic!("{name}: unclosed mark"));
        let (tag, word) = inner[..close]
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: mark without a voice"));
        let want = match tag {
            "a" => Voice::Authorial,
            "r" => Voice::Reported,
            "q" => Voice::Quoted,
            _ => panic!("{name}: unknown voice {tag:?}"),
        };
        marks.push(Mark {
            at: text.len(),
            word: word.to_string(),
            want,
        });
        text.push_str(word);
        rest = &inner[close + 1..];
    }
    text.push_str(rest);
    Passage {
        name: name.to_string(),
        text: text.trim_end().to_string(),
        marks,
    }
}

fn passages() -> Vec<Passage> {
    let raw = include_str!("fixtures/voice.txt");
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in raw.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            if let Some((n, t)) = current.take() {
                out.push(strip(&n, &t));
            }
            current = Some((name.trim().to_string(), String::new()));
        } else if let Some((_, t)) = current.as_mut() {
            t.push_str(line);
            t.push('\n');
        }
    }
    if let Some((n, t)) = current {
        out.push(strip(&n, &t));
    }
    out
}

#[test]
fn fixture_accuracy() {
    let passages = passages();
    let (mut total, mut right) = (0, 0);
    // Per expected voice: (right, total).
    let mut per = [
        (Voice::Authorial, 0, 0),
        (Voice::Reported, 0, 0),
        (Voice::Quoted, 0, 0),
    ];
    for p in &passages {
        let segments = segment(&p.text);
        let v = voices(&p.text, &segments);
        for m in &p.marks {
            let got = v.voice_at(&segments, m.at);
            total += 1;
            let row = per.iter_mut().find(|r| r.0 == m.want).expect("voice row");
            row.2 += 1;
            if got == m.want {
                right += 1;
                row.1 += 1;
            } else {
                println!(
                    "miss: {}: {:?} expected {:?}, got {:?}",
                    p.name, m.word, m.want, got
                );
            }
        }
    }
    let accuracy = right as f64 / total as f64;
    println!(
        "{} passages, {total} marks, accuracy {accuracy:.3} ({right}/{total})",
        passages.len()
    );
    for (voice, r, t) in per {
        println!("  {voice:?}: {r}/{t}");
    }
    assert!(passages.len() >= 60, "{} passages", passages.len());
    assert!(total >= 150, "{total} marks");
    assert!(accuracy >= 0.9, "accuracy {accuracy:.3}");
}

#[test]
fn fixture_marks_are_on_words() {
    for p in passages() {
        for m in &p.marks {
            assert_eq!(&p.text[m.at..m.at + m.word.len()], m.word, "{}", p.name);
        }
    }
}

/// A ~5 MB article as one line and as paragraphs: the analysis is linear,
/// so both take about as long (a quadratic scan of the single line would
/// take orders of magnitude longer).
#[test]
fn linear_in_text_length() {
    let paragraph = "The minister said that the scheme would be scrapped, and critics \
        say it was \"a shambles\". According to officials, the plan's cost rose. The \
        union's claim that jobs were lost is disputed, the firm said on Monday. ";
    let n = 5_000_000 / paragraph.len();
    let one_line = paragraph.repeat(n);
    let lines = format!("{}\n\n", paragraph.trim_end()).repeat(n);

    let time = |text: &str| {
        let start = Instant::now();
        let s = segment(text);
        let v = voices(text, &s);
        (start.elapsed(), v.reported.len())
    };
    // Warm up, then take the best of two of each.
    let _ = time(&one_line[..100_000]);
    let (a1, ra) = time(&one_line);
    let (b1, rb) = time(&lines);
    let (a2, _) = time(&one_line);
    let (b2, _) = time(&lines);
    let (a, b) = (a1.min(a2), b1.min(b2));
    assert!(ra > n && rb > n, "reported spans found: {ra}, {rb}");
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    println!("one line {a:?}, paragraphs {b:?}, ratio {ratio:.2}");
    assert!((0.2..5.0).contains(&ratio), "ratio {ratio:.2}");
}
