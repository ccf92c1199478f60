//! The real binary, run as a user would: the seed pair end to end on the
//! default packs (one snapshot, the README's command), the other outputs on
//! the fixed test pack (so editing the default packs rewrites no snapshot
//! here), exit codes, colors, and every kind of bad input.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const COMMENTARY: &str = "corpus/000_4fdb1282455ab5f8.txt";
const WIRE: &str = "corpus/004_3bdeed25ccb9e8ca.txt";

/// Flags that swap the default packs for the fixed test pack.
const TEST_PACK: [&str; 3] = [
    "--no-default-rules",
    "--rules",
    "tests/fixtures/test-pack.yaml",
];

/// `args` followed by [`TEST_PACK`].
fn on_test_pack<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(TEST_PACK).collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the repository root with no config file lookup
/// surprises (tests that want a config run elsewhere).
fn slant(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_slant"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    cmd
}

/// The binary run in `dir` (for tests that write their own files there).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    slant(args).current_dir(dir).output().expect("binary runs")
}

fn run(args: &[&str]) -> Output {
    slant(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

#[test]
fn compare_seed_pair_text() {
    let o = run(&["compare", COMMENTARY, WIRE, "--color", "never"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn compare_seed_pair_context_text() {
    let o = run(&on_test_pack(&["compare", COMMENTARY, WIRE, "--context"]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn compare_seed_pair_json() {
    let o = run(&on_test_pack(&[
        "compare", COMMENTARY, WIRE, "--format", "json",
    ]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    insta::assert_json_snapshot!(value);
}

const STORY_ACTORS: &str = "corpus/asian-nato.actors.yaml";

/// Who is framed how on the seed pair, with the story's people added.
#[test]
fn compare_seed_pair_actors_text() {
    let o = run(&on_test_pack(&[
        "compare",
        COMMENTARY,
        WIRE,
        "--actors-file",
        STORY_ACTORS,
    ]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn compare_seed_pair_actors_json() {
    let o = run(&[
        "compare",
        COMMENTARY,
        WIRE,
        "--actors-file",
        STORY_ACTORS,
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let actor = |side: &str, name: &str| {
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["actor"] == name)
            .map(|a| a[side].clone())
            .unwrap_or(serde_json::Value::Null)
    };
    // The commentary frames Japan negatively, and India positively...
    assert!(actor("left", "Japan")["tone"].as_f64().unwrap() < -0.1);
    assert!(actor("left", "India")["tone"].as_f64().unwrap() > 0.0);
    // ...and gives Iwaya (Japan) a loaded verb of saying.
    assert_eq!(actor("left", "Japan")["attribution"]["loaded"], 1);
    assert!(
        actor("left", "Japan")["attribution"]["verbs"]
            .as_array()
            .unwrap()
            .contains(&"claimed".into())
    );
    // The wire report lets its speakers "say" and stays near neutral.
    for name in ["Japan", "India", "United States", "China", "Russia"] {
        let tone = actor("right", name)["tone"].as_f64().unwrap_or(0.0);
        assert!(tone.abs() < 0.1, "{name}: {tone}");
    }
    let us = &actor("right", "United States")["attribution"];
    assert_eq!(us["loaded"], 0);
    assert!(us["neutral"].as_u64().unwrap() >= 3);
}

#[test]
fn score_with_actors_adds_the_actor_table() {
    let o = run(&[
        "score",
        COMMENTARY,
        "--actors-file",
        STORY_ACTORS,
        "--color",
        "never",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("actor            mentions"), "{out}");
    assert!(
        out.contains("framed by: humiliatingly, backtracked, claimed, put to bed"),
        "{out}"
    );
}

#[test]
fn score_seed_pair_text() {
    let o = run(&on_test_pack(&["score", COMMENTARY, WIRE]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn score_json_is_an_array_of_reports() {
    let o = run(&["score", COMMENTARY, WIRE, "--format", "json"]);
    assert_eq!(code(&o), 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let reports = value.as_array().expect("array");
    assert_eq!(reports.len(), 2);
    for field in ["source", "title", "words", "score", "categories", "hits"] {
        assert!(reports[0].get(field).is_some(), "missing {field}");
    }
    let hit = &reports[0]["hits"][0];
    for field in [
        "rule", "pack", "category", "weight", "text", "start", "end", "line", "column", "quoted",
    ] {
        assert!(hit.get(field).is_some(), "hit missing {field}");
    }
}

#[test]
fn score_jsonl_is_one_report_per_line() {
    let o = run(&["score", "corpus", "--format", "jsonl"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    let sources: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["source"].to_string()
        })
        .collect();
    assert_eq!(sources.len(), 2);
    assert!(sources[0].contains("000_") && sources[1].contains("004_"));
}

#[test]
fn color_always_emits_ansi_and_never_does_not() {
    let always = run(&["compare", COMMENTARY, WIRE, "--color", "always"]);
    assert!(stdout(&always).contains("\x1b["));
    let piped = run(&["compare", COMMENTARY, WIRE]);
    assert!(
        !stdout(&piped).contains("\x1b["),
        "a pipe is not a terminal"
    );
    let no_color = slant(&["compare", COMMENTARY, WIRE])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&no_color).contains("\x1b["));
    assert_eq!(stdout(&piped), stdout(&no_color));
}

#[test]
fn fail_over_exits_1_and_names_the_article() {
    let o = run(&["score", COMMENTARY, WIRE, "--fail-over", "20"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains(COMMENTARY), "{}", stderr(&o));
    assert!(!stderr(&o).contains(WIRE));
    let o = run(&["score", WIRE, "--fail-over", "20"]);
    assert_eq!(code(&o), 0);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&run(&["score", "--format", "xml", WIRE])), 2);
    assert_eq!(code(&run(&["frobnicate"])), 2);
    assert_eq!(code(&run(&["score", "--quoted-weight", "3", WIRE])), 2);
}

#[test]
fn help_teaches_with_examples() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("slant compare"));
    let o = run(&["compare", "--help"]);
    assert!(stdout(&o).contains("--context"));
    assert!(stdout(&o).contains("Examples:"));
}

/// A folder with one file of each kind of bad input between good ones.
fn bad_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    };
    write("a_good.txt", b"It was obviously a plan.");
    write("b_binary.txt", b"PK\x03\x04\x00\x00binary");
    write("c_latin1.txt", b"Caf\xe9 owners claimed it.");
    write("d_empty.txt", b"");
    write("e_good.md", b"A so-called reform.");
    write("f_ignored.pdf", b"obviously");
    write(".hidden.txt", b"obviously");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    write("sub/g_nested.txt", b"Clearly.");
    dir
}

#[test]
fn batch_goes_on_past_bad_inputs_in_order_and_exits_2() {
    let dir = bad_inputs();
    let missing = dir.path().join("nope.txt");
    let o = run(&[
        "score",
        dir.path().to_str().unwrap(),
        missing.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&o), 2);
    let names: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let source = v["source"].as_str().unwrap().to_string();
            Path::new(&source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "a_good.txt",
            "c_latin1.txt",
            "d_empty.txt",
            "e_good.md",
            "g_nested.txt"
        ]
    );
    let err = stderr(&o);
    assert!(err.contains("b_binary.txt: looks binary"), "{err}");
    assert!(
        err.contains("c_latin1.txt: the input is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("nope.txt: no such file or folder"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn reads_standard_input() {
    let mut child = slant(&["score", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("Obviously, the so‑called plan.".as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v[0]["source"], "-");
    assert_eq!(v[0]["hits"].as_array().unwrap().len(), 2);
}

#[test]
fn compare_with_a_missing_file_exits_2() {
    let o = run(&["compare", COMMENTARY, "corpus/missing.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("corpus/missing.txt"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn broken_pipe_ends_quietly() {
    // A report long enough to overflow the pipe buffer.
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join(COMMENTARY)).expect("seed");
    let big: PathBuf = dir.path().join("big.txt");
    std::fs::write(&big, text.repeat(300)).expect("write");
    let mut child = slant(&["score", big.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // stdout is dropped here: the pipe is closed.
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

const BROKEN_PACK: &str = r#"pack: newsroom
categories:
  hype: { weight: 1, description: d, rationale: r }
rules:
  - id: newsroom.hype
    category: hype
    terms: [mega]
    message: Hype
    suggestion: big
    examples:
      match: ["A mega deal.", "A massive deal."]
      no_match: ["An omega deal."]
"#;

#[test]
fn rules_test_fails_on_a_broken_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("newsroom.yaml");
    std::fs::write(&pack, BROKEN_PACK).expect("write");
    let o = run(&["rules", "test", pack.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("FAIL newsroom.hype: should match but does not"),
        "{out}"
    );
    assert!(out.contains("A massive deal."), "{out}");
    assert!(out.contains("1 of 3 examples failed"), "{out}");
}

#[test]
fn rules_test_passes_on_the_default_packs() {
    let o = run(&["rules", "test"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("examples behave as declared"));
}

#[test]
fn rules_check_reports_every_misspelt_field_in_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("typos.yaml");
    std::fs::write(
        &pack,
        "pack: typos\ncategories:\n  tone:\n    wieght: 2\nrules:\n  - id: tone.harsh\n    category: tone\n    terms: [slammed]\n    mesage: Harsh\n    unless: {preceded_by: [he]}\n    exampels:\n      match: [He slammed it]\n  - {id: tone.b, category: tone, terms: [blasted], message: x, colour: red}\n",
    )
    .expect("write");
    let o = run(&[
        "rules",
        "check",
        "--no-default-rules",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let located: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    let name = pack.display().to_string();
    assert_eq!(
        located,
        [
            format!("{name}:4:5: error: categories.tone: unknown field `wieght`"),
            format!("{name}:9:5: error: rules[0]: unknown field `mesage`"),
            format!("{name}:10:14: error: rules[0].unless: unknown field `preceded_by`"),
            format!("{name}:11:5: error: rules[0]: unknown field `exampels`"),
            format!("{name}:13:64: error: rules[1]: unknown field `colour`"),
        ],
        "{err}"
    );
    for fix in ["`weight`?", "`message`?", "`preceded-by`?", "`examples`?"] {
        assert!(err.contains(&format!("help: did you mean {fix}")), "{err}");
    }
    assert!(
        err.contains("help: remove it or correct its spelling"),
        "{err}"
    );
}

#[test]
fn rules_check_reports_file_line_column_and_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("bad.yaml");
    std::fs::write(
        &pack,
        BROKEN_PACK.replace("    message: Hype", "    mesage: Hype"),
    )
    .expect("write");
    let o = run(&["rules", "check", pack.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("bad.yaml:8:5: error: rules[0]: unknown field `mesage`"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `message`?"), "{err}");
    let o = run(&["rules", "check"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("ok: 7 packs"), "{}", stdout(&o));
}

#[test]
fn rules_explain_and_list() {
    let o = run(&["rules", "explain", "certainty.obviously"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for part in [
        "Use instead:",
        "Why it matters:",
        "Terms:",
        "obviously",
        "Examples:",
    ] {
        assert!(out.contains(part), "{part} missing in {out}");
    }
    let o = run(&["rules", "explain", "certainty.obvious"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("did you mean"), "{}", stderr(&o));
    let o = run(&["rules", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v.as_array().unwrap().len(), 7);
}

#[test]
fn config_file_is_found_in_a_parent_folder_and_flags_override_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("slant.yaml"),
        "disable-rules: [certainty.obviously]\nquoted-weight: 1\nfail-over: 1\n",
    )
    .expect("write");
    let sub = dir.path().join("drafts");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(sub.join("a.txt"), "Obviously \"claimed\" it.").expect("write");
    let o = slant(&["score", "a.txt", "--format", "json"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let hits = v[0]["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "obviously is disabled");
    assert_eq!(v[0]["categories"]["attribution"]["weighted"], 1.5);
    assert_eq!(code(&o), 1, "fail-over 1 from the config");
    let o = slant(&["score", "a.txt", "--fail-over", "1000"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    assert_eq!(code(&o), 0, "the flag overrides the config");
    let o = slant(&["score", "a.txt", "--no-config", "--format", "json"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v[0]["hits"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_config_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("slant.yaml"),
        "quoted-weight: 0.5\nfail_over: 3\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.txt"), "text").expect("write");
    let o = run_in(dir.path(), &["score", "a.txt"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("slant.yaml:2:1: error: unknown field `fail_over`"),
        "{err}"
    );
}

/// Every input is either reported or named in an error line: N in, N out.
#[test]
fn batch_accounting_every_input_is_reported_or_errored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut inputs = Vec::new();
    let mut add = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        inputs.push(p.to_string_lossy().into_owned());
    };
    for i in 0..5 {
        add(
            &format!("good{i}.txt"),
            format!("Obviously number {i}.").as_bytes(),
        );
    }
    add("empty.txt", b"");
    add("binary.txt", b"\x7fELF\x00\x01");
    add("latin1.txt", b"na\xefve claimed");
    add("big.txt", &vec![b'a'; 5000]);
    let mut args = vec!["score", "--format", "jsonl", "--max-article-bytes", "1000"];
    args.extend(inputs.iter().map(String::as_str));
    args.push("missing.txt");
    let o = run(&args);
    assert_eq!(code(&o), 2);
    let reported: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let err = stderr(&o);
    let errored: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        reported.len() + errored.len(),
        inputs.len() + 1,
        "{reported:?}\n{err}"
    );
    for input in inputs.iter().map(String::as_str).chain(["missing.txt"]) {
        let seen = reported.iter().any(|r| r == input) || errored.iter().any(|l| l.contains(input));
        assert!(seen, "{input} was lost");
    }
    assert_eq!(errored.len(), 3, "binary, big and missing: {err}");
}

/// A link from a folder to itself must not send the walk round forever.
#[test]
fn folder_walk_does_not_follow_links_to_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Obviously.").expect("write");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
    let o = run(&["score", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

/// A device reports size 0 and never ends: the read is bounded anyway.
#[test]
fn endless_device_is_refused_at_the_limit() {
    let o = run(&["score", "/dev/zero", "--max-article-bytes", "1000"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("/dev/zero: is more than 1000 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_explain_shows_conditions_and_word_forms() {
    let out = stdout(&run(&["rules", "explain", "attribution.claimed"]));
    assert!(
        out.contains("Not flagged when followed by one of: responsibility, victory"),
        "{out}"
    );
    assert!(out.contains("(in the next 2 words)"), "{out}");
    let out = stdout(&run(&["rules", "explain", "idioms.backtrack"]));
    assert!(
        out.contains("Word forms: backtrack+ → backtracks, backtracked, backtracking"),
        "{out}"
    );
}

#[test]
fn compare_refuses_an_endless_device_at_the_default_limit() {
    // `compare` once read its sources without a limit: /dev/zero ran until
    // memory ran out. It now has the same limit as score (16 MiB default).
    let o = run(&["compare", "/dev/zero", COMMENTARY]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("/dev/zero: is more than 16777216 bytes"),
        "{err}"
    );
    assert!(err.contains("--max-article-bytes"), "{err}");
}

#[test]
fn a_bad_value_gets_the_same_message_from_a_flag_and_from_slant_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Obviously so.").expect("write");
    let from_flag = run_in(dir.path(), &["score", "a.txt", "--quoted-weight=-4"]);
    std::fs::write(dir.path().join("slant.yaml"), "quoted-weight: -4\n").expect("write");
    let from_file = run_in(dir.path(), &["score", "a.txt"]);
    assert_eq!((code(&from_flag), code(&from_file)), (2, 2));
    let message = "the quoted weight must be a number from 0 to 1";
    assert!(
        stderr(&from_flag).contains(message),
        "{}",
        stderr(&from_flag)
    );
    let err = stderr(&from_file);
    assert!(
        err.contains(&format!("slant.yaml:1:16: error: {message}")),
        "{err}"
    );
    // Not a number at all (`.nan`) is refused too, not scored as null.
    std::fs::write(dir.path().join("slant.yaml"), "quoted-weight: .nan\n").expect("write");
    let o = run_in(dir.path(), &["score", "a.txt"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    for bad in [["--threads", "0"], ["--fail-over", "inf"]] {
        let o = slant(&["score", "a.txt", bad[0], bad[1]])
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert_eq!(code(&o), 2, "{bad:?}");
    }
}

#[test]
fn readme_shows_what_its_first_command_prints() {
    // The README's first screen promises this output; keep it true.
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let after = readme
        .split("The first command prints:")
        .nth(1)
        .expect("the README shows the first command's output");
    let shown = after
        .split("```text\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a text block");
    let o = run(&["compare", COMMENTARY, WIRE, "--color", "never"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o).trim_end(),
        shown.trim_end(),
        "regenerate the README block with: cargo run --release -- compare {COMMENTARY} {WIRE} --color never"
    );
}

#[test]
fn actors_switch_uses_the_default_actors_before_or_after_the_path() {
    // `--actors` once took an optional file: alone it was refused, and
    // before an article's path it swallowed the path as an actors file.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Japan claimed it was done.").expect("write");
    for args in [
        ["score", "a.txt", "--actors", "--color", "never"],
        ["score", "--actors", "a.txt", "--color", "never"],
    ] {
        let o = run_in(dir.path(), &args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Japan"), "{args:?}: {}", stdout(&o));
    }
}

#[test]
fn json_lines_saved_with_a_byte_order_mark() {
    // Review finding: the first record of such a file was refused.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.jsonl"),
        "\u{FEFF}{\"id\": \"a\", \"text\": \"\u{FEFF}It is obviously done.\"}\n",
    )
    .expect("write");
    let o = run_in(
        dir.path(),
        &[
            "score",
            "--input-format",
            "jsonl",
            "a.jsonl",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["title"], "It is obviously done.");
}

#[test]
fn hit_lines_point_at_path_line_and_column_with_the_rule_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Title\n\nIt is obviously done.").expect("write");
    let o = run_in(dir.path(), &["score", "a.txt", "--color", "never"]);
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("a.txt:3:7: certainty.") && l.contains("\"obviously\"")),
        "{out}"
    );
}

#[test]
fn fail_over_on_an_archive_names_ten_articles_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: String = (0..12)
        .map(|i| format!("{{\"id\": \"art-{i}\", \"text\": \"It is obviously done.\"}}\n"))
        .collect();
    std::fs::write(dir.path().join("a.jsonl"), lines).expect("write");
    let o = run_in(
        dir.path(),
        &[
            "score",
            "--input-format",
            "jsonl",
            "a.jsonl",
            "--summary",
            "--fail-over",
            "1",
        ],
    );
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("12 articles score above"), "{err}");
    assert!(
        err.contains("(art-0)") && err.contains("and 2 more"),
        "{err}"
    );
    assert!(!err.contains("(art-11)"), "{err}");
}

#[test]
fn rules_commands_count_in_words_and_say_when_there_are_no_examples() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("x.yaml"),
        "pack: x\ncategories:\n  c: {weight: 1}\nrules:\n  - {id: c.a, category: c, terms: [zzz], message: m}\n",
    )
    .expect("write");
    let check = run_in(
        dir.path(),
        &["rules", "check", "x.yaml", "--no-default-rules"],
    );
    assert!(
        stdout(&check).contains("1 pack, 1 category, 1 rule, 1 term"),
        "{}",
        stdout(&check)
    );
    let test = run_in(
        dir.path(),
        &["rules", "test", "x.yaml", "--no-default-rules"],
    );
    assert!(
        stdout(&test).contains("no examples to run"),
        "{}",
        stdout(&test)
    );
}

#[test]
fn the_pack_in_the_cli_guide_works_as_printed() {
    // Issue 12: it used to fail on its first command (a term of a default
    // rule); later packs now take terms over from earlier ones.
    let guide = std::fs::read_to_string(root().join("docs/cli.md")).expect("guide");
    let from = guide
        .find("Write a pack file, say `newsroom.yaml`:")
        .expect("the example");
    let yaml = guide[from..]
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml block");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("newsroom.yaml"), yaml).expect("write");
    for command in ["check", "test"] {
        let o = run_in(dir.path(), &["rules", command, "newsroom.yaml"]);
        assert_eq!(code(&o), 0, "rules {command}: {}{}", stdout(&o), stderr(&o));
    }
}

#[test]
fn a_pack_re_weights_a_default_rule_and_a_file_named_twice_loads_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("strict.yaml"),
        "pack: strict\nrules:\n  - id: certainty.obviously\n    category: certainty\n    terms: [obviously]\n    weight: 0.5\n    message: Softer here\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("slant.yaml"), "rules: [strict.yaml]\n").expect("write");
    std::fs::write(dir.path().join("a.txt"), "It is obviously done.").expect("write");
    let o = run_in(
        dir.path(),
        &[
            "score",
            "a.txt",
            "--rules",
            "strict.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v[0]["hits"][0]["weight"], 0.5);
    let check = run_in(dir.path(), &["rules", "check"]);
    assert!(
        stdout(&check).contains("replaces the one in the built-in pack rules/certainty.yaml"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn rankings_leave_out_short_articles_and_sort_and_cut_as_asked() {
    let o = run(&on_test_pack(&[
        "score",
        "tests/fixtures/articles",
        "--color",
        "never",
    ]));
    let out = stdout(&o);
    let ranking = out.split("ranking by score").nth(1).expect("a ranking");
    assert!(
        ranking.contains("harbour-a.txt") && !ranking.contains("harbour-b.txt"),
        "{ranking}"
    );
    assert!(ranking.contains("1 shorter article left out"), "{ranking}");
    let o = run(&on_test_pack(&[
        "score",
        "tests/fixtures/articles",
        "--min-words",
        "0",
        "--sort",
        "name",
        "--top",
        "1",
        "--color",
        "never",
    ]));
    let out = stdout(&o);
    let ranking = out.split("ranking by name").nth(1).expect("a ranking");
    assert!(
        ranking.contains("harbour-a.txt") && !ranking.contains("harbour-b.txt"),
        "{ranking}"
    );
}

#[test]
fn terms_written_like_regular_expressions_are_warned_about_and_a_term_explains_its_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("re.yaml"),
        "pack: re\ncategories:\n  c: {weight: 1}\nrules:\n  - {id: c.a, category: c, terms: [\"slam(s|med)\", \"U.S.\", zzzword], message: m}\n",
    )
    .expect("write");
    let o = run_in(
        dir.path(),
        &["rules", "check", "re.yaml", "--no-default-rules"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("re.yaml:5:") && out.contains("`slam(s|med)`"),
        "{out}"
    );
    assert!(!out.contains("`U.S.`"), "{out}");
    let o = run_in(
        dir.path(),
        &["rules", "explain", "zzzword", "--rules", "re.yaml"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("c.a"), "{}", stdout(&o));
}

#[test]
fn slant_yaml_weights_re_weigh_a_category_and_a_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("slant.yaml"),
        "weights:\n  certainty: 0.5\n  attribution.claimed: 3\n  no.such: 1\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a.txt"),
        "It is obviously done, he claimed.",
    )
    .expect("write");
    let o = run_in(dir.path(), &["score", "a.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let weights: Vec<(String, f64)> = v[0]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["rule"].as_str().unwrap().to_string(),
                h["weight"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(
        weights.contains(&("certainty.obviously".into(), 0.5)),
        "{weights:?}"
    );
    assert!(
        weights.contains(&("attribution.claimed".into(), 3.0)),
        "{weights:?}"
    );
    assert!(
        stderr(&o).contains("`no.such` is neither a rule id nor a category"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn compare_aligns_sentences_unless_asked_not_to() {
    let left = "tests/fixtures/align/transit-fares-left.txt";
    let right = "tests/fixtures/align/transit-fares-right.txt";
    let o = run(&on_test_pack(&["compare", left, right]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("only in the left source: "), "{out}");
    assert!(out.contains("--all-facts for all"), "{out}");
    let shown = |out: &str| out.lines().filter(|l| l.starts_with("+ ")).count();

    let all = stdout(&run(&on_test_pack(&[
        "compare",
        left,
        right,
        "--all-facts",
    ])));
    assert!(shown(&all) > shown(&out), "{all}");
    assert!(!all.contains("--all-facts for all"), "{all}");

    let o = run(&on_test_pack(&["compare", left, right, "--no-align"]));
    let out = stdout(&o);
    assert!(!out.contains("only in the"), "{out}");

    let o = run(&on_test_pack(&["compare", left, right, "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let a = &json["alignment"];
    assert!(a["pairs"].as_array().is_some_and(|p| p.len() >= 8), "{a}");
    for key in ["left_only", "right_only"] {
        assert!(a[key].as_array().is_some_and(|s| !s.is_empty()), "{a}");
    }
    assert_eq!(a["few_shared"], false);
    let o = run(&on_test_pack(&[
        "compare",
        left,
        right,
        "--format",
        "json",
        "--no-align",
    ]));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(json.get("alignment").is_none());
}

#[test]
fn compare_says_when_two_articles_share_few_facts() {
    let o = run(&on_test_pack(&["compare", COMMENTARY, WIRE]));
    let out = stdout(&o);
    assert!(out.contains("These articles share few facts"), "{out}");
    let left = "tests/fixtures/align/records-bill-left.txt";
    let right = "tests/fixtures/align/records-bill-right.txt";
    let out = stdout(&run(&on_test_pack(&["compare", left, right])));
    assert!(!out.contains("share few facts"), "{out}");
}

#[test]
fn input_kinds_by_extension_and_by_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = std::fs::read(root().join("tests/fixtures/inputs/news-page.html")).expect("page");
    std::fs::write(dir.path().join("page.html"), &page).expect("write");
    // The same page under a name that says nothing: text, unless told.
    std::fs::write(dir.path().join("page.saved"), &page).expect("write");
    let by_extension = run_in(dir.path(), &["score", "page.html", "--format", "json"]);
    assert_eq!(code(&by_extension), 0, "{}", stderr(&by_extension));
    let told = run_in(
        dir.path(),
        &[
            "score",
            "--input-format",
            "html",
            "page.saved",
            "--format",
            "json",
        ],
    );
    let raw = run_in(dir.path(), &["score", "page.saved", "--format", "json"]);
    let json =
        |o: &Output| -> serde_json::Value { serde_json::from_str(&stdout(o)).expect("json") };
    let (page, told, raw) = (json(&by_extension), json(&told), json(&raw));
    assert_eq!(page[0]["words"], told[0]["words"]);
    assert_eq!(page[0]["suppressed"].as_array().map(Vec::len), Some(1));
    assert!(
        raw[0]["words"].as_u64() > page[0]["words"].as_u64(),
        "raw HTML scores the page's furniture and markup too"
    );
    // A folder yields .html files; text output names the silenced hit.
    let folder = run_in(dir.path(), &["score", "."]);
    assert!(stdout(&folder).contains("1 hit silenced by slant-disable comments"));
}

#[test]
fn encoding_flag_decodes_and_refuses_unknown_labels() {
    let legacy = root().join("tests/fixtures/inputs/windows-1252.txt");
    let legacy = legacy.to_str().expect("utf-8 path");
    let plain = run(&["score", legacy]);
    assert!(stderr(&plain).contains("try --encoding windows-1252"));
    let decoded = run(&["score", "--encoding", "windows-1252", legacy]);
    assert_eq!(code(&decoded), 0);
    assert!(stdout(&decoded).contains("\"obviously\" [quoted]"));
    assert!(stderr(&decoded).contains("decoded from windows-1252"));
    let bad = run(&["score", "--encoding", "klingon", legacy]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("not an encoding label"));
}
