//! `slant fix`: rewrites keep every byte outside their edits, follow the
//! original's case, never touch quoted or reported speech, and `--write`
//! rewrites a file only if it is still what was read.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use slant::fix::{self, WriteError};
use slant::{Engine, PackSource, RuleSet, ScoreOptions};

const TEST_PACK: [&str; 3] = [
    "--no-default-rules",
    "--rules",
    "tests/fixtures/test-pack.yaml",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn test_engine() -> Engine {
    let sources = PackSource::from_path(&root().join("tests/fixtures/test-pack.yaml")).unwrap();
    Engine::new(RuleSet::load(&sources).unwrap()).unwrap()
}

fn edits(engine: &Engine, text: &str, review: bool) -> Vec<fix::Edit> {
    let report = engine.report(&engine.analyze_text("t", text), &ScoreOptions::default());
    fix::plan(engine.rules(), &report, text, review)
}

/// Every byte outside the edits' spans is in the output, in order, and
/// nothing else changed.
fn assert_outside_kept(input: &str, edits: &[fix::Edit], output: &str) {
    let mut rest = output;
    let mut at = 0;
    for e in edits {
        assert_eq!(&input[e.start..e.end], e.old);
        let kept = &input[at..e.start];
        assert!(rest.starts_with(kept), "bytes before an edit changed");
        rest = &rest[kept.len()..];
        assert!(rest.starts_with(&e.new));
        rest = &rest[e.new.len()..];
        at = e.end;
    }
    assert_eq!(rest, &input[at..], "bytes after the last edit changed");
}

#[test]
fn rewrites_keep_everything_outside_their_edits_byte_for_byte() {
    let engine = Engine::with_defaults().unwrap();
    for file in [
        "corpus/000_4fdb1282455ab5f8.txt",
        "corpus/004_3bdeed25ccb9e8ca.txt",
    ] {
        let input = std::fs::read_to_string(root().join(file)).unwrap();
        let edits = edits(&engine, &input, true);
        assert!(!edits.is_empty() || file.contains("004"));
        assert!(edits.windows(2).all(|w| w[0].end <= w[1].start));
        assert_outside_kept(&input, &edits, &fix::apply(&input, &edits));
    }
}

#[test]
fn case_follows_the_original() {
    let engine = test_engine();
    let text = "The Regime fell. Claimed victory. CLAIMED he. Obviously, it rained.\r\n";
    let e = edits(&engine, text, true);
    let out = fix::apply(text, &e);
    assert_eq!(
        out,
        "The Government fell. Claimed victory. SAID he. It rained.\r\n"
    );
    assert_outside_kept(text, &e, &out);
}

#[test]
fn review_replacements_wait_for_review() {
    let engine = test_engine();
    let text = "The regime obviously claimed it.";
    assert_eq!(
        fix::apply(text, &edits(&engine, text, false)),
        "The regime claimed it."
    );
    assert_eq!(
        fix::apply(text, &edits(&engine, text, true)),
        "The government said it."
    );
}

#[test]
fn quoted_and_reported_speech_is_never_rewritten() {
    let engine = test_engine();
    let text = "He said the regime is obviously failing. \"The regime obviously lied,\" she said. The regime obviously fell.";
    let e = edits(&engine, text, true);
    assert_eq!(
        fix::apply(text, &e),
        "He said the regime is obviously failing. \"The regime obviously lied,\" she said. The government fell."
    );
}

#[test]
fn write_refuses_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "It is obviously wrong.\n").unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().ok();
    let read = std::fs::read(&path).unwrap();
    // Someone edits the file after slant read it.
    std::fs::write(&path, "It is obviously wrong, she wrote.\n").unwrap();
    let result = fix::write_if_unchanged(&path, &read, before, "It is wrong.\n");
    assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "It is obviously wrong, she wrote.\n"
    );
}

#[test]
fn write_round_trip_on_a_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    let text =
        "Title\n\nIt is obviously wrong, and \"obviously wrong\" too.\nThe regime clearly fell.\n";
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let mut args = vec!["fix", "--write", p];
    args.extend(TEST_PACK);
    let o = run(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Title\n\nIt is wrong, and \"obviously wrong\" too.\nThe regime fell.\n"
    );
    // A second run finds nothing left to do, and leaves the file alone.
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no edits"));
    // With --review the review replacements follow.
    let mut args = vec!["fix", "--write", "--review", p];
    args.extend(TEST_PACK);
    assert_eq!(run(&args).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Title\n\nIt is wrong, and \"obviously wrong\" too.\nThe government fell.\n"
    );
}

#[test]
fn diff_on_the_test_pack() {
    let mut args = vec![
        "fix",
        "--review",
        "--color",
        "never",
        "corpus/000_4fdb1282455ab5f8.txt",
    ];
    args.extend(TEST_PACK);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(o.stdout).unwrap());
}

#[test]
fn diff_in_color_marks_the_changed_words() {
    let mut args = vec![
        "fix",
        "--color",
        "always",
        "corpus/000_4fdb1282455ab5f8.txt",
    ];
    args.extend(TEST_PACK);
    let out = String::from_utf8(run(&args).stdout).unwrap();
    // "clearly" removed, bold and underlined in red.
    assert!(out.contains("\x1b[1;4;31mclearly \x1b[0m"), "{out}");
}

#[test]
fn json_lists_each_edit_with_offsets() {
    let mut args = vec!["fix", "--format", "json", "corpus/000_4fdb1282455ab5f8.txt"];
    args.extend(TEST_PACK);
    let o = run(&args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let input = std::fs::read(root().join("corpus/000_4fdb1282455ab5f8.txt")).unwrap();
    let edits = v[0]["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    for e in edits {
        let (s, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..end], e["old"].as_str().unwrap().as_bytes());
        assert!(e["rule"].is_string() && e["new"].is_string());
    }
    assert_eq!(v[0]["written"], false);
}

#[test]
fn write_refuses_standard_input_and_non_utf8() {
    let o = run(&["fix", "--write", "-"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"It is obviously caf\xe9.\n").unwrap();
    let o = run(&["fix", "--write", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), b"It is obviously caf\xe9.\n");
}

#[test]
fn markdown_prose_is_rewritten_but_not_its_front_matter_or_code() {
    let o = run(&[
        "fix",
        "--no-config",
        "tests/fixtures/inputs/draft.md",
        "--color",
        "never",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    // The draft's slug `council-obviously-reckless-vote` is front matter.
    assert!(!out.contains("slug"), "{out}");
    assert!(out.contains("-Members obviously rushed the vote"), "{out}");
    assert!(out.contains("+Members rushed the vote"), "{out}");
}

#[test]
fn html_text_is_rewritten_but_not_its_markup_or_entities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html");
    let html = "<html><head><title>Obviously a title</title></head><body><nav>Obviously a menu</nav>\n<article><h1>Vote</h1>\n<p>The council <b>obviously</b> rushed the vote, and the so&#8209;called plan clearly failed.</p>\n</article></body></html>\n";
    std::fs::write(&page, html).expect("write");
    let path = page.to_str().expect("path");
    let o = run(&["fix", "--no-config", path, "--write"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let after = std::fs::read_to_string(&page).expect("read");
    // Text inside the article is rewritten, markup kept; the menu and the
    // title are not the article; the entity-joined hit is left alone.
    let expected = html
        .replace("<b>obviously</b>", "<b></b>")
        .replace("plan clearly failed", "plan failed");
    assert_eq!(after, expected);
}
