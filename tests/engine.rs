//! Matching semantics of the engine, each pinned by plain assertions on packs
//! written here.

use slant::{Engine, PackSource, Report, RuleSet, ScoreOptions};

const PACK: &str = r#"
pack: test
categories:
  certainty: { weight: 2 }
  labels: { weight: 1 }
  attribution: { weight: 1.5 }
rules:
  - id: certainty.obviously
    category: certainty
    terms: [obviously, "of course", "it is little surprise that", "it's no surprise"]
    exceptions: ["of course not"]
    message: m
  - id: certainty.surprise
    category: certainty
    terms: [surprise]
    message: m
  - id: labels.so-called
    category: labels
    terms: [so-called, regime, "été", "so called experts"]
    message: m
  - id: labels.humiliation
    category: labels
    terms: [humiliat*]
    message: m
  - id: attribution.claimed
    category: attribution
    terms: [claimed]
    exceptions: ["claimed responsibility"]
    message: m
"#;

fn engine() -> Engine {
    let source = PackSource {
        name: "test.yaml".into(),
        text: PACK.into(),
    };
    Engine::new(RuleSet::load(&[source]).expect("test pack loads")).expect("compiles")
}

fn report(text: &str) -> Report {
    engine().score_text("t", text, &ScoreOptions::default())
}

/// (rule, surface text) of every hit.
fn hits(text: &str) -> Vec<(String, String)> {
    report(text)
        .hits
        .into_iter()
        .map(|h| (h.rule, h.text))
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    hits(text).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn case_insensitive_beyond_ascii() {
    assert_eq!(
        surfaces("OBVIOUSLY, in ÉTÉ and Été."),
        ["OBVIOUSLY", "ÉTÉ", "Été"]
    );
}

#[test]
fn curly_and_straight_apostrophes_are_equal() {
    assert_eq!(surfaces("It’s no surprise."), ["It’s no surprise"]);
    assert_eq!(surfaces("It's no surprise."), ["It's no surprise"]);
}

#[test]
fn hyphens_dashes_and_whitespace_runs_are_one_space() {
    for text in [
        "a so-called plan",
        "a so called plan",
        "a so\u{2011}called plan",
        "a so\u{2010}called plan",
        "a so\u{2013}called plan",
        "a SO-CALLED plan",
        "a so\n  called plan",
        "a so\r\ncalled plan",
    ] {
        let found = surfaces(text);
        assert_eq!(found.len(), 1, "{text:?}");
        assert_eq!(found[0], &text[2..text.len() - 5], "{text:?}");
    }
    assert_eq!(surfaces("Of\n\ncourse it is."), ["Of\n\ncourse"]);
}

#[test]
fn whole_words_only() {
    assert!(surfaces("a strict regimen, regimes, unobviously").is_empty());
    assert_eq!(surfaces("the regime's plan"), ["regime"]);
    assert_eq!(surfaces("(regime)"), ["regime"]);
}

#[test]
fn stems_cover_the_whole_word() {
    assert_eq!(
        surfaces("humiliating, humiliatingly; a Humiliation. humiliat!"),
        ["humiliating", "humiliatingly", "Humiliation", "humiliat"]
    );
    assert!(surfaces("unhumiliating").is_empty());
}

#[test]
fn leftmost_longest_wins() {
    assert_eq!(
        hits("It is little surprise that he left."),
        [(
            "certainty.obviously".to_string(),
            "It is little surprise that".to_string()
        )]
    );
    assert_eq!(surfaces("A surprise."), ["surprise"]);
}

#[test]
fn shorter_term_wins_when_longer_fails_its_boundary() {
    assert_eq!(surfaces("so called expertsystem"), ["so called"]);
    assert_eq!(surfaces("so called experts"), ["so called experts"]);
}

#[test]
fn exception_silences_only_inside_it() {
    assert!(surfaces("The group claimed responsibility.").is_empty());
    assert_eq!(
        surfaces("He claimed responsibility was shared, then claimed more."),
        ["claimed"]
    );
    assert_eq!(surfaces("Of course not. Of course."), ["Of course"]);
}

#[test]
fn quoted_speech_is_marked() {
    let text =
        "Obviously. He said \"obviously\" and “obviously” and «obviously».\n> obviously\nobviously";
    let quoted: Vec<bool> = report(text).hits.iter().map(|h| h.quoted).collect();
    assert_eq!(quoted, [false, true, true, true, true, false]);
}

#[test]
fn open_quote_ends_at_paragraph() {
    let text = "He said “obviously the end.\n\nObviously this is authorial.";
    let quoted: Vec<bool> = report(text).hits.iter().map(|h| h.quoted).collect();
    assert_eq!(quoted, [true, false]);
}

#[test]
fn offsets_are_exact_after_multibyte_text() {
    let text = "Ça “déjà” — ÉTÉ so‑called régime’s: obviously";
    let r = report(text);
    for h in &r.hits {
        assert_eq!(&text[h.start..h.end], h.text);
    }
    let so_called = &r.hits[1];
    assert_eq!(so_called.text, "so‑called");
    assert_eq!(so_called.start, text.find("so‑called").unwrap());
    // Columns count characters, not bytes.
    assert_eq!(so_called.column, 17);
    assert_eq!(r.hits.len(), 3, "{:?}", r.hits);
}

#[test]
fn bom_is_skipped_but_counted_in_offsets() {
    let input = "\u{FEFF}Obviously\nclaimed".as_bytes();
    let r = engine().score("t", input, &ScoreOptions::default());
    assert_eq!(r.title, "Obviously");
    assert_eq!((r.hits[0].start, r.hits[0].end), (3, 12));
    assert_eq!((r.hits[0].line, r.hits[0].column), (1, 1));
    assert_eq!((r.hits[1].line, r.hits[1].column), (2, 1));
    assert_eq!(&input[r.hits[1].start..r.hits[1].end], b"claimed");
    // A single line break does not end a sentence (hard-wrapped text).
    assert_eq!(r.hits[0].sentence, [3, 20]);
}

#[test]
fn crlf_lines_and_columns() {
    let r = report("Title\r\n\r\nHe claimed it, obviously.\r\n");
    assert_eq!(r.title, "Title");
    let pos: Vec<(usize, usize)> = r.hits.iter().map(|h| (h.line, h.column)).collect();
    assert_eq!(pos, [(3, 4), (3, 16)]);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let input = b"Obviously \xff\xfe bad claimed";
    let r = engine().score("t", input, &ScoreOptions::default());
    assert_eq!(r.hits.len(), 2);
    assert_eq!(r.warnings.len(), 1);
    assert!(r.warnings[0].contains("not valid UTF-8"));
}

#[test]
fn empty_input_gives_empty_report() {
    let r = engine().score("t", b"", &ScoreOptions::default());
    assert_eq!((r.words, r.hits.len(), r.score), (0, 0, 0.0));
    assert_eq!(r.title, "");
    assert!(r.categories.is_empty());
}

#[test]
fn hit_carries_its_sentence() {
    let text = "First one. Then it was obviously wrong. Last.";
    let h = &report(text).hits[0];
    assert_eq!(
        &text[h.sentence[0]..h.sentence[1]],
        "Then it was obviously wrong."
    );
}

#[test]
fn score_weighs_quoted_hits_by_the_quoted_weight() {
    // 10 words; authorial certainty (2) + quoted attribution (1.5 x 0.25).
    let text = "one two three four obviously six \"claimed eight\" nine ten";
    let r = report(text);
    assert_eq!(r.words, 10);
    assert!((r.score - (2.0 + 1.5 * 0.25) / 10.0 * 1000.0).abs() < 1e-9);
    let r = engine().score_text(
        "t",
        text,
        &ScoreOptions {
            quoted_weight: 1.0,
            ..ScoreOptions::default()
        },
    );
    assert!((r.score - 350.0).abs() < 1e-9);
    let cert = &r.categories["certainty"];
    assert_eq!((cert.count, cert.quoted, cert.weighted), (1, 0, 2.0));
    let attr = &r.categories["attribution"];
    assert_eq!((attr.count, attr.quoted, attr.weighted), (1, 1, 1.5));
}

#[test]
fn one_engine_scores_articles_independently() {
    let e = engine();
    let a = e.score_text("a", "obviously", &ScoreOptions::default());
    let b = e.score_text("b", "no hits here", &ScoreOptions::default());
    assert_eq!((a.hits.len(), b.hits.len()), (1, 0));
}

// ---------------------------------------------------------------------------
// Context conditions (`unless:` / `only:`) and word forms (`sneer+`).

const FRAMING: &str = r#"
pack: framing
categories:
  c: { weight: 1 }
rules:
  - id: c.claimed
    category: c
    terms: [claim+]
    exceptions: ["claimed responsibility"]
    unless:
      followed-by: [victory, title, draw, the]
      within: 2
    message: m
  - id: c.so-called
    category: c
    terms: [so-called]
    unless:
      followed-by: ["neural net*", "dark matter"]
    message: m
  - id: c.so-called-experts
    category: c
    terms: ["so called experts"]
    unless: { followed-by: [say] }
    message: m
  - id: c.lies
    category: c
    terms: [lies]
    unless:
      followed-by: [in, with, ahead, behind]
    message: m
  - id: c.blasted
    category: c
    terms: [blast+]
    unless: { followed-by: ["the ball"] }
    message: m
  - id: c.forms
    category: c
    terms: [sneer+, demagogue+, deny+, slam+, cave+, pounce+, "lash+ out", admit+, admitted, admitting]
    message: m
  - id: c.regime
    category: c
    terms: [regime]
    only:
      preceded-by: [brutal, "the military"]
      within: 2
    message: m
"#;

fn framing_hits(text: &str) -> Vec<String> {
    let source = PackSource {
        name: "framing.yaml".into(),
        text: FRAMING.into(),
    };
    let engine =
        Engine::new(RuleSet::load(&[source]).expect("framing pack loads")).expect("compiles");
    engine
        .score_text("t", text, &ScoreOptions::default())
        .hits
        .into_iter()
        .map(|h| format!("{} {}", h.rule, h.text))
        .collect()
}

#[test]
fn conditions_and_forms_one_line_per_case() {
    let cases: &[(&str, &[&str])] = &[
        // unless followed-by, within 2
        ("He claimed victory.", &[]),
        ("He claimed a victory.", &[]),
        ("He claimed VICTORY.", &[]),
        ("He claimed that it was a victory.", &["c.claimed claimed"]),
        ("She claims the title.", &[]),
        ("Claiming a draw, he left.", &[]),
        // the window ends with the sentence
        ("He claimed. The rest followed.", &["c.claimed claimed"]),
        // exceptions still apply beside conditions
        ("They claimed responsibility.", &[]),
        // a stem and a phrase as condition words, folded like terms
        ("the so-called neural networks", &[]),
        ("the so‑called Neural‑Networks", &[]),
        ("the so-called dark matter", &[]),
        ("the so-called dark horse", &["c.so-called so-called"]),
        // a longer candidate dropped by its condition does not shadow a shorter one
        (
            "so-called experts agree",
            &["c.so-called-experts so-called experts"],
        ),
        ("so-called experts say", &["c.so-called so-called"]),
        // one-word conditions
        ("The truth lies in the middle.", &[]),
        ("Danger lies ahead.", &[]),
        ("His lies were many.", &["c.lies lies"]),
        // a phrase condition: whole words
        ("He blasted the ball home.", &[]),
        ("He blasted the critics.", &["c.blasted blasted"]),
        ("He blasts the ballot.", &["c.blasted blasts"]),
        // word forms
        ("They sneered.", &["c.forms sneered"]),
        ("He demagogues.", &["c.forms demagogues"]),
        ("She denied it.", &["c.forms denied"]),
        ("Slamming rivals.", &["c.forms Slamming"]),
        ("He caved.", &["c.forms caved"]),
        ("It pounced.", &["c.forms pounced"]),
        ("She lashed out.", &["c.forms lashed out"]),
        ("He admitted it.", &["c.forms admitted"]),
        ("A sneery tone.", &[]),
        // only preceded-by, within 2
        ("the brutal regime", &["c.regime regime"]),
        ("the brutal old regime", &["c.regime regime"]),
        ("the military regime", &["c.regime regime"]),
        ("the regime", &[]),
        ("It was brutal. The regime fell.", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(framing_hits(text), *expected, "{text:?}");
    }
}

#[test]
fn conditions_keep_offsets_exact_in_the_original() {
    let text = "Été — they “CLAIMED” that, and the so‑called Neural‑Nets lost.";
    let source = PackSource {
        name: "framing.yaml".into(),
        text: FRAMING.into(),
    };
    let engine = Engine::new(RuleSet::load(&[source]).expect("loads")).expect("compiles");
    let report = engine.score_text("t", text, &ScoreOptions::default());
    assert_eq!(report.hits.len(), 1, "{:?}", report.hits);
    let hit = &report.hits[0];
    assert_eq!(&text[hit.start..hit.end], "CLAIMED");
    assert_eq!(hit.start, text.find("CLAIMED").unwrap_or(0));
}

/// A summary's totals, added up without building hits, are the totals of
/// the full report: on the seed pair and fixtures with the default packs
/// (topic repeats, quotes, reported speech), on text whose hits span line
/// breaks and capitals, and on a suppressed hit.
#[test]
fn summary_totals_without_hits_equal_the_reports() {
    use slant::summary::ArticleTotals;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = [
        "corpus/000_4fdb1282455ab5f8.txt",
        "corpus/004_3bdeed25ccb9e8ca.txt",
        "tests/fixtures/articles/harbour-a.txt",
        "tests/fixtures/articles/harbour-b.txt",
        "tests/fixtures/voice.txt",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(root.join(p)).expect("fixture"))
    .collect();
    texts.push(
        "Regime Change\n\nThe REGIME said the regime, the Regime and the \
         so-\n  called  experts were Obviously wrong. <!-- slant-disable-next-line -->\n\
         Of course the regime fell."
            .to_string(),
    );
    let options = ScoreOptions {
        negated_weight: 0.3,
        ..ScoreOptions::default()
    };
    for engine in [engine(), Engine::with_defaults().expect("defaults")] {
        for (i, text) in texts.iter().enumerate() {
            let analysis = engine.analyze("a.txt", text.as_bytes());
            let report = engine.report(&analysis, &options);
            assert!(
                i < 5 || !report.hits.is_empty(),
                "the made-up text has hits"
            );
            assert_eq!(
                ArticleTotals::of(&engine, &analysis, &options),
                ArticleTotals::from(&report),
                "text {i}"
            );
        }
    }
}
