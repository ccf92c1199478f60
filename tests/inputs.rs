//! Real inputs: Markdown drafts, saved news pages, legacy encodings and
//! suppression comments, on realistic files in tests/fixtures/inputs/,
//! checking exactly which text is scored and where hits point.

use std::path::Path;

use slant::input::{Document, Extractor, Kind, encoding_for};
use slant::{Engine, Report, ScoreOptions};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/inputs")
            .join(name),
    )
    .expect("fixture")
}

fn doc(kind: Kind) -> Document {
    Document {
        kind,
        encoding: None,
    }
}

fn engine() -> Engine {
    Engine::with_defaults().expect("default packs")
}

fn report(name: &str, document: Document) -> (Report, Vec<u8>) {
    let bytes = fixture(name);
    let engine = engine();
    let analysis = engine.analyze_with(name, &bytes, &document);
    (engine.report(&analysis, &ScoreOptions::default()), bytes)
}

/// Every hit's offsets slice its text out of the input file.
fn assert_offsets_into_input(report: &Report, input: &[u8]) {
    for hit in report.hits.iter().chain(&report.suppressed) {
        let slice = std::str::from_utf8(&input[hit.start..hit.end]).expect("char boundaries");
        assert_eq!(slice, hit.text, "{} at {}", hit.rule, hit.start);
        let line_start = input[..hit.start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + input[..hit.start].iter().filter(|&&b| b == b'\n').count();
        let column = 1 + std::str::from_utf8(&input[line_start..hit.start])
            .expect("utf-8")
            .chars()
            .count();
        assert_eq!((hit.line, hit.column), (line, column), "{}", hit.rule);
    }
}

fn hits(report: &Report) -> Vec<(String, String, String)> {
    report
        .hits
        .iter()
        .map(|h| {
            (
                h.rule.clone(),
                h.text.clone(),
                format!("{:?}", h.voice).to_lowercase(),
            )
        })
        .collect()
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn news_page_scores_only_the_article() {
    let bytes = fixture("news-page.html");
    let e = doc(Kind::Html).extract(&bytes);
    // The articleBody only: no cookie banner, menu ("So-called experts"),
    // JSON-LD, related list, reader comments, newsletter or footer.
    assert_eq!(
        e.text,
        "The council approved the so\u{2011}called reform, a \u{201c}green belt\u{201d} plan, on Tuesday by 31 votes to 24.\n\n\
Opposition members said the vote was rushed. \u{201c}This is a disaster for the valley,\u{201d} said councillor Tom Reyes.\n\n\
It is clearly the worst decision this chamber has made.\n\n\
The council leader, Maria Okafor, claimed the plan would protect 400 hectares of farmland.\n\n\
Residents insisted they had not been consulted.\n\n\
The plan goes to a public inquiry in the spring, officials said."
    );
    let (report, bytes) = report("news-page.html", doc(Kind::Html));
    assert_eq!(
        report.title,
        "Council backs so-called \"green belt\" plan after stormy debate"
    );
    assert_eq!(
        hits(&report),
        triples(&[
            ("labels.so-called-scare", "so\u{2011}called", "authorial"),
            ("emotive.disaster-label", "disaster", "quoted"),
            // The block quote is quoted speech.
            ("certainty.clearly", "clearly", "quoted"),
            ("attribution.claimed", "claimed", "authorial"),
        ])
    );
    assert_eq!(report.suppressed.len(), 1, "the disable-next-line comment");
    assert_eq!(report.suppressed[0].rule, "attribution.insisted");
    // The entity's hit starts at `so` and ends after `called`, in the file.
    let so = &report.hits[0];
    assert_eq!(
        std::str::from_utf8(&bytes[so.start..so.end]).unwrap(),
        "so&#8209;called"
    );
    let rest = Report {
        hits: report.hits[1..].to_vec(),
        ..report.clone()
    };
    assert_offsets_into_input(&rest, &bytes);
}

#[test]
fn page_without_article_markup_scores_its_densest_block() {
    let bytes = fixture("blog-post.html");
    let e = doc(Kind::Html).extract(&bytes);
    assert_eq!(
        e.text,
        "Why the bypass is a bad idea\n\n\
The county\u{2019}s bypass plan will cost \u{a3}40\u{a0}million and save drivers four minutes.\n\n\
Supporters call it a lifeline for the town. It is obviously nothing of the kind.\n\n\
Engineers told the inquiry the route crosses two flood plains."
    );
    let (report, bytes) = report("blog-post.html", doc(Kind::Html));
    assert_eq!(
        report.title,
        "Why the bypass is a bad idea - Valley Voices blog"
    );
    assert_eq!(
        hits(&report),
        triples(&[("certainty.obviously", "obviously", "authorial")])
    );
    assert_offsets_into_input(&report, &bytes);
}

#[test]
fn markdown_draft_scores_prose_only() {
    let bytes = fixture("draft.md");
    let e = doc(Kind::Markdown).extract(&bytes);
    assert_eq!(
        e.text,
        "Council backs green belt plan after debate\n\n\
The council approved the so-called reform on Tuesday by 31 votes to 24.\n\
Members obviously rushed the vote; the agenda is at\n\
.\n\n\
Run  or see the clearly worded memo.\n\n\
It is a disaster for the valley.\n\n\
Undoubtedly the inquiry will be swift. Obviously it must be.\n\n\
Residents clearly felt ignored."
    );
    let (report, bytes) = report("draft.md", doc(Kind::Markdown));
    assert_eq!(report.title, "Council backs green belt plan");
    assert_eq!(
        hits(&report),
        triples(&[
            ("labels.so-called-scare", "so-called", "authorial"),
            ("certainty.obviously", "obviously", "authorial"),
            ("emotive.disaster-label", "disaster", "quoted"),
            ("certainty.clearly", "clearly", "authorial"),
        ])
    );
    let silenced: Vec<&str> = report.suppressed.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(silenced, ["Undoubtedly", "Obviously"]);
    assert_offsets_into_input(&report, &bytes);
    // The category total and the score leave the silenced hits out.
    assert_eq!(report.categories["certainty"].count, 2);
}

#[test]
fn plain_text_line_comments_silence_hits() {
    let (report, bytes) = report("suppressed.txt", doc(Kind::Text));
    assert_eq!(
        hits(&report),
        triples(&[
            ("certainty.clearly", "Clearly", "authorial"),
            ("idioms.shock-metaphors", "bombshell", "authorial"),
        ])
    );
    let silenced: Vec<(&str, usize)> = report
        .suppressed
        .iter()
        .map(|h| (h.text.as_str(), h.line))
        .collect();
    assert_eq!(silenced, [("Obviously", 4), ("bombshell", 6)]);
    assert_offsets_into_input(&report, &bytes);
}

#[test]
fn windows_1252_quotes_count_as_quotes_once_decoded() {
    let engine = engine();
    let bytes = fixture("windows-1252.txt");
    let lossy = engine.report(
        &engine.analyze_with("w.txt", &bytes, &doc(Kind::Text)),
        &ScoreOptions::default(),
    );
    assert!(
        lossy.warnings[0].contains("--encoding windows-1252"),
        "{:?}",
        lossy.warnings
    );
    // Without the marks the words read as the leader's reported speech.
    assert_ne!(lossy.hits[0].voice, slant::model::Voice::Quoted);
    let decoded = engine.report(
        &engine.analyze_with(
            "w.txt",
            &bytes,
            &Document {
                kind: Kind::Text,
                encoding: encoding_for("windows-1252"),
            },
        ),
        &ScoreOptions::default(),
    );
    assert_eq!(decoded.hits[0].text, "obviously");
    assert_eq!(decoded.hits[0].voice, slant::model::Voice::Quoted);
    assert!(decoded.warnings[0].starts_with("decoded from windows-1252"));
    // Lines and columns are the file's (CRLF line ends).
    assert_eq!((decoded.hits[0].line, decoded.hits[0].column), (3, 31));
}

#[test]
fn utf16_with_a_byte_order_mark_is_detected() {
    let (report, _) = report("utf-16.txt", doc(Kind::Text));
    assert_eq!(report.title, "Council vote");
    assert_eq!(
        hits(&report),
        triples(&[("certainty.obviously", "Obviously", "authorial")])
    );
    assert_eq!((report.hits[0].line, report.hits[0].column), (3, 38));
    assert!(report.warnings[0].starts_with("decoded from UTF-16LE"));
}
