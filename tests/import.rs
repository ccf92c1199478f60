//! `slant rules import`: lexicons in the three formats, written for these
//! tests (tests/fixtures/import/), become packs that slant's own loader
//! accepts over the default packs and that score text through the real
//! binary; malformed lexicons are errors with file, line, column and a fix;
//! entries slant cannot match are skipped and reported, never silently.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use slant::import::{self, Format, ImportOptions, Imported, SkipReason};
use slant::model::Polarity;
use slant::{PackSource, RuleSet};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/import").join(name)).expect("fixture")
}

fn options(format: Format, pack: &str) -> ImportOptions {
    ImportOptions::new(format, pack, "a test lexicon")
}

fn import_ok(name: &str, text: &str, options: &ImportOptions) -> Imported {
    import::import(name, text, options).unwrap_or_else(|e| panic!("{e}"))
}

/// The imported pack loaded after the default packs, as every command
/// loads a `--rules` pack.
fn layered(imported: &Imported) -> RuleSet {
    let mut sources = PackSource::defaults();
    sources.push(PackSource {
        name: "imported.yaml".into(),
        text: imported.yaml.clone(),
    });
    let (set, unknown) = RuleSet::load_layered(&sources, &[], &[])
        .unwrap_or_else(|e| panic!("{e}\n{}", imported.yaml));
    assert!(unknown.is_empty());
    set
}

fn terms_of(set: &RuleSet, id: &str) -> Vec<String> {
    set.rule(id)
        .unwrap_or_else(|| panic!("no rule {id}"))
        .terms
        .iter()
        .map(|t| t.text.clone())
        .collect()
}

fn reasons(imported: &Imported) -> Vec<(usize, String, SkipReason)> {
    imported
        .skipped
        .iter()
        .map(|s| (s.line, s.entry.clone(), s.reason.clone()))
        .collect()
}

#[test]
fn liwc_dictionary_becomes_one_rule_per_header_category() {
    let imported = import_ok(
        "moral.dic",
        &fixture("moral.dic"),
        &options(Format::Liwc, "moral"),
    );
    let set = layered(&imported);
    assert_eq!(
        (imported.categories, imported.rules, imported.terms),
        (3, 3, 7)
    );
    assert_eq!(
        terms_of(&set, "moral.harm-virtue"),
        ["safeguard*", "protective", "kind"]
    );
    assert_eq!(terms_of(&set, "moral.harm-vice"), ["brutal", "savagery"]);
    assert_eq!(terms_of(&set, "moral.fairness-vice"), ["swindl*", "rigged"]);
    let rule = set.rule("moral.fairness-vice").expect("rule");
    assert!(rule.terms[0].stem, "`swindl*` stays a stem");
    assert_eq!(rule.message, "Listed in a test lexicon as FairnessVice");
    assert_eq!(set.category_of(rule).weight, 1.0);
    // `brutal` was a default term: the imported pack takes it over.
    assert_eq!(
        set.rule_for_term("brutal").map(|r| r.id.as_str()),
        Some("moral.harm-vice")
    );
    assert!(set.overrides().iter().any(|o| o.contains("`brutal`")));
    let pack = set.packs().last().expect("pack");
    let description = pack.description.as_deref().unwrap_or("");
    assert!(
        description.contains("Source: a test lexicon."),
        "{description}"
    );
    assert!(description.contains("License: not stated"), "{description}");
    assert_eq!(
        reasons(&imported),
        vec![
            (
                9,
                "savagery".into(),
                SkipReason::OtherCategories {
                    kept: "harm-vice".into(),
                    dropped: vec!["fairness-vice".into()]
                }
            ),
            (12, ":(".into(), SkipReason::NoLetters),
            (13, "ab*".into(), SkipReason::ShortStem),
            (14, "kind".into(), SkipReason::ContextCategory),
        ]
    );
}

#[test]
fn vader_lexicon_takes_polarity_from_the_sign_and_weight_from_the_size() {
    let o = ImportOptions {
        license: Some("CC0 (written for these tests)".into()),
        ..options(Format::Vader, "vader")
    };
    let imported = import_ok("vader.txt", &fixture("vader.txt"), &o);
    let set = layered(&imported);
    let rule = set.rule_for_term("awful").expect("awful");
    assert_eq!(rule.id, "vader.negative-1-8");
    // |-3.4| of 4 → 0.5 + 1.5 × 0.85 = 1.775 → 1.8.
    assert_eq!((rule.weight, rule.polarity), (1.8, Polarity::Negative));
    assert_eq!(set.category_of(rule).name, "vader-negative");
    let rule = set.rule_for_term("glorious").expect("glorious");
    assert_eq!((rule.weight, rule.polarity), (1.7, Polarity::Positive));
    assert_eq!(
        rule.message,
        "Listed in a test lexicon as positive (valence +3.2 on a scale of ±4)"
    );
    // `okay` (0.9) is under the default cut-off of 1; `meh` has no polarity.
    assert_eq!(imported.below_cutoff, 1);
    assert!(
        set.rules()
            .iter()
            .all(|r| r.terms.iter().all(|t| t.text != "okay"))
    );
    assert_eq!(
        reasons(&imported),
        vec![
            (7, ":-)".into(), SkipReason::NoLetters),
            (8, "meh".into(), SkipReason::ZeroValence),
        ]
    );
    let description = set.packs().last().and_then(|p| p.description.clone());
    assert!(description.is_some_and(|d| d.contains("License: CC0 (written for these tests).")));

    // A higher cut-off leaves more out; a wider scale weighs less.
    let o = ImportOptions {
        min_abs: Some(3.0),
        max_abs: Some(5.0),
        ..options(Format::Vader, "vader")
    };
    let imported = import_ok("vader.txt", &fixture("vader.txt"), &o);
    let set = layered(&imported);
    assert_eq!(imported.terms, 2);
    assert_eq!(imported.below_cutoff, 5);
    // |-3.4| of 5 → 0.5 + 1.5 × 0.68 = 1.52 → 1.5.
    assert_eq!(set.rule_for_term("awful").map(|r| r.weight), Some(1.5));
}

#[test]
fn liwc_categories_can_be_chosen_and_long_names_are_left_out() {
    // LIWC 2015 headers carry a long name in a third field.
    let dic = "%\n1\tfunction\t(Function Words)\n2\tposemo\t(Positive Emotions)\n3\taffect\t(Affect)\n%\nthe\t1\nglad\t3\t2\nthrilled\t2\nthe\t1\n";
    let o = ImportOptions {
        only: vec!["posemo".into()],
        ..options(Format::Liwc, "emo")
    };
    // `the` twice is an error even outside the chosen categories.
    let errors = import::import("e.dic", dic, &o).expect_err("a repeat");
    assert_eq!((errors.0[0].line, errors.0.len()), (9, 1), "{errors}");

    let dic = dic.trim_end_matches("the\t1\n");
    let imported = import_ok("e.dic", dic, &o);
    let set = layered(&imported);
    assert_eq!(terms_of(&set, "emo.posemo"), ["glad", "thrilled"]);
    assert_eq!(
        set.category_of(set.rule("emo.posemo").expect("rule")).name,
        "posemo"
    );
    assert_eq!(imported.not_chosen, 1);
    // `glad` is also in `affect`, which was not chosen: nothing to report.
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);

    let o = ImportOptions {
        only: vec!["Posemo".into()],
        ..options(Format::Liwc, "emo")
    };
    let errors = import::import("e.dic", dic, &o).expect_err("unknown");
    assert!(
        errors.0[0].help.contains("function, posemo, affect"),
        "{errors}"
    );
}

#[test]
fn word_list_becomes_one_rule_in_the_given_category() {
    let o = ImportOptions {
        category: Some("loaded".into()),
        weight: Some(1.5),
        polarity: Some(Polarity::Negative),
        ..options(Format::Lines, "desk")
    };
    let imported = import_ok("words.txt", &fixture("words.txt"), &o);
    let set = layered(&imported);
    assert_eq!(
        terms_of(&set, "desk.loaded"),
        ["meltdown", "game-changer", "chaos*", "fiasco"]
    );
    let rule = set.rule("desk.loaded").expect("rule");
    assert_eq!((rule.weight, rule.polarity), (1.5, Polarity::Negative));
    assert_eq!(rule.message, "Listed in a test lexicon as loaded");
    assert!(imported.skipped.is_empty());
}

#[test]
fn entries_yaml_would_misread_are_quoted_and_load_as_written() {
    let list = "don't\nnaïve\n\"so\" called\nback\\slash\nkey: value\n- dash\n&anchor\n!tag\n[x]\ncolon:\n  spaced  \nÉTÉ\n";
    let imported = import_ok("tricky.txt", list, &options(Format::Lines, "tricky"));
    let set = layered(&imported);
    assert_eq!(
        terms_of(&set, "tricky.tricky"),
        [
            "don't",
            "naïve",
            "\"so\" called",
            "key: value",
            "- dash",
            "&anchor",
            "!tag",
            "colon:",
            "spaced",
            "ÉTÉ"
        ]
    );
    assert_eq!(
        reasons(&imported),
        vec![
            (4, "back\\slash".into(), SkipReason::NotPlain('\\')),
            (9, "[x]".into(), SkipReason::NotPlain('['))
        ]
    );
}

#[test]
fn entries_the_loader_would_refuse_are_skipped_and_named() {
    let list = "so-called\nSo Called\nc++\nbail.out\nU.S.\nab*\n:-)\nab cd*\n";
    let imported = import_ok("odd.txt", list, &options(Format::Lines, "odd"));
    layered(&imported);
    assert_eq!(
        reasons(&imported),
        vec![
            (
                2,
                "So Called".into(),
                SkipReason::SameAs {
                    entry: "so-called".into(),
                    line: 1
                }
            ),
            (3, "c++".into(), SkipReason::Plus),
            (4, "bail.out".into(), SkipReason::NotPlain('.')),
            (6, "ab*".into(), SkipReason::ShortStem),
            (7, ":-)".into(), SkipReason::NoLetters),
            (8, "ab cd*".into(), SkipReason::ShortStem),
        ]
    );
    assert_eq!(imported.terms, 2);
}

/// The one error of importing `text`: (line, column, message, help).
fn error(format: Format, text: &str) -> (usize, usize, String, String) {
    let errors = import::import("in.txt", text, &options(format, "t")).expect_err("an error");
    let e = errors.0.first().expect("one error").clone();
    assert_eq!(errors.0.len(), 1, "{errors}");
    (e.line, e.column, e.message, e.help)
}

#[test]
fn malformed_lexicons_are_located_errors_with_a_fix() {
    let cases: &[(Format, &str, usize, usize, &str, &str)] = &[
        (
            Format::Liwc,
            "%\n1\tcare\n2\tharm\n%\nsafe*\t1\ncruel\t2\t7\n",
            6,
            9,
            "category number 7 is not defined in the header",
            "defined: 1, 2",
        ),
        (
            Format::Liwc,
            "%\n1\tcare\n%\nsafe*\tone\n",
            4,
            7,
            "`one` is not a category number",
            "category numbers",
        ),
        (
            Format::Liwc,
            "%\n1\tcare\n2\tharm\n",
            1,
            1,
            "the `%` header is never closed",
            "`%` alone",
        ),
        (
            Format::Liwc,
            "safe\t1\n",
            1,
            1,
            "a LIWC dictionary starts with a `%` line",
            "--from lines",
        ),
        (
            Format::Liwc,
            "%\n1\tcare\n1\tharm\n%\nsafe\t1\n",
            3,
            1,
            "category number 1 is already `care`",
            "a number of its own",
        ),
        (
            Format::Liwc,
            "%\n1\tcare\n%\nsafe\n",
            4,
            1,
            "`safe` has no category numbers",
            "separated by tabs",
        ),
        (
            Format::Liwc,
            "%\n1\tcare\n%\nsafe\t1\nharm\t1\nsafe\t1\n",
            6,
            1,
            "`safe` is listed twice (first at line 4)",
            "all its category numbers on one line",
        ),
        (
            Format::Vader,
            "awful\t-3.4\t0.6\nbad\tvery\t0.5\n",
            2,
            5,
            "valence `very` is not a number",
            "mean valence",
        ),
        (
            Format::Vader,
            "awful\n",
            1,
            1,
            "`awful` has no valence",
            "token<TAB>mean valence",
        ),
        (
            Format::Vader,
            "awful\t-3.4\nworst\t-5\n",
            2,
            7,
            "valence -5 is beyond the scale of ±4",
            "--max-abs",
        ),
        (
            Format::Vader,
            "awful\t-3.4\nawful\t-3.1\n",
            2,
            1,
            "`awful` is listed twice (first at line 1)",
            "once",
        ),
        (
            Format::Lines,
            "fiasco\nchaos\n  fiasco\n",
            3,
            3,
            "`fiasco` is listed twice (first at line 1)",
            "once",
        ),
        (
            Format::Lines,
            " \n\n",
            0,
            0,
            "the file is empty",
            "a word list",
        ),
        (
            Format::Lines,
            ":-)\n# only a comment\n",
            0,
            0,
            "no entry could be imported",
            "1 entries were skipped",
        ),
        (
            Format::Vader,
            "okay\t0.9\n",
            0,
            0,
            "no entry could be imported",
            "lower --min-abs",
        ),
    ];
    for (format, text, line, column, message, help) in cases {
        let (l, c, m, h) = error(*format, text);
        assert_eq!((l, c), (*line, *column), "{text:?}: {m}");
        assert!(m.starts_with(message), "{text:?}: {m}");
        assert!(h.contains(help), "{text:?}: {h}");
    }
}

#[test]
fn every_error_of_a_file_is_reported_with_its_line() {
    let text = "%\n1\tcare\n%\na\t1\nb\t9\nc\tx\nd\t8\n";
    let errors =
        import::import("moral.dic", text, &options(Format::Liwc, "m")).expect_err("errors");
    let lines: Vec<usize> = errors.0.iter().map(|e| e.line).collect();
    assert_eq!(lines, [5, 6, 7]);
    let shown = errors.to_string();
    assert!(
        shown.contains("moral.dic:5:3: error: category number 9 is not defined in the header\n  |\n5 | b\t9\n  |   ^\n  help: add `9\tname`"),
        "{shown}"
    );
}

#[test]
fn options_that_do_not_fit_the_format_are_errors() {
    let bad = [
        ImportOptions {
            pack: "Moral Foundations".into(),
            ..options(Format::Lines, "x")
        },
        ImportOptions {
            category: Some("care".into()),
            ..options(Format::Liwc, "x")
        },
        ImportOptions {
            weight: Some(2.0),
            ..options(Format::Vader, "x")
        },
        ImportOptions {
            min_abs: Some(1.0),
            ..options(Format::Lines, "x")
        },
        ImportOptions {
            min_abs: Some(6.0),
            ..options(Format::Vader, "x")
        },
        ImportOptions {
            category: Some("Loaded Words".into()),
            ..options(Format::Lines, "x")
        },
    ];
    for o in bad {
        let errors = import::import("in.txt", "word\t1\n", &o).expect_err("error");
        assert_eq!(errors.0[0].line, 0, "{errors}");
    }
}

// ---------------------------------------------------------------------------
// Through the binary.

fn slant(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A folder with the three fixtures and a sentence that uses their words.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["moral.dic", "vader.txt", "words.txt"] {
        std::fs::write(dir.path().join(name), fixture(name)).expect("write");
    }
    std::fs::write(
        dir.path().join("article.txt"),
        "The brutal swindlers rigged the vote. It was an awful meltdown, a glorious fiasco.\n",
    )
    .expect("write");
    dir
}

#[test]
fn imported_packs_score_text_over_the_default_packs() {
    let dir = workspace();
    let d = dir.path();
    for args in [
        ["--from", "liwc", "moral.dic", "-o", "moral.yaml"].as_slice(),
        &["--from", "vader", "vader.txt", "--output", "vader.yaml"],
        &[
            "--from",
            "lines",
            "words.txt",
            "--category",
            "loaded",
            "-o",
            "words.yaml",
        ],
    ] {
        let o = slant(d, &[&["rules", "import"], args].concat());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        assert!(o.stdout.is_empty(), "the pack goes to the file");
    }
    let o = slant(
        d,
        &[
            "score",
            "article.txt",
            "--format",
            "json",
            "--rules",
            "moral.yaml",
            "--rules",
            "vader.yaml",
            "--rules",
            "words.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let reports: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let hits: Vec<(String, String)> = reports[0]["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["text"].as_str().unwrap_or("").to_string(),
                h["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        ("brutal", "moral.harm-vice"),
        ("swindlers", "moral.fairness-vice"),
        ("rigged", "moral.fairness-vice"),
        ("awful", "vader.negative-1-8"),
        ("meltdown", "words.loaded"),
        ("glorious", "vader.positive-1-7"),
        ("fiasco", "words.loaded"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, r)| (t.to_string(), r.to_string()))
        .collect();
    assert_eq!(hits, expected);

    // The other commands take the packs as they take any pack.
    let o = slant(
        d,
        &["rules", "check", "moral.yaml", "vader.yaml", "words.yaml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("takes over from rule `emotive.cruelty`"));
    let o = slant(d, &["rules", "test", "moral.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("no examples to run"));
    let o = slant(d, &["rules", "explain", "awful", "--rules", "vader.yaml"]);
    assert!(text(&o.stdout).contains("valence -3.4 on a scale of ±4"));
    let o = slant(
        d,
        &[
            "compare",
            "article.txt",
            "article.txt",
            "--rules",
            "moral.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("harm-vice"));
}

#[test]
fn import_reports_skips_on_stderr_and_writes_yaml_to_stdout() {
    let dir = workspace();
    let o = slant(
        dir.path(),
        &[
            "rules",
            "import",
            "--from",
            "vader",
            "vader.txt",
            "--source",
            "Test lexicon",
            "--license",
            "CC0",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let yaml = text(&o.stdout);
    assert!(yaml.starts_with("# Generated by `slant rules import --from vader`"));
    assert!(
        yaml.contains("Source: Test lexicon. License: CC0."),
        "{yaml}"
    );
    let err = text(&o.stderr);
    assert!(
        err.contains("warning: vader.txt: skipped 1 entry: no letters (slant matches words)\n  vader.txt:7:1 `:-)`: no letters"),
        "{err}"
    );
    assert!(err.contains("vader.txt:8:1 `meh`: valence 0"), "{err}");
    assert!(
        err.contains("note: vader.txt: left out 1 entry with |valence| under 1 (--min-abs)"),
        "{err}"
    );
    assert!(
        err.contains(
            "imported: pack `vader` with 2 categories, 5 rules, 5 terms to standard output"
        ),
        "{err}"
    );
}

#[test]
fn import_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(["rules", "import", "--from", "lines", "-", "--pack", "desk"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(b"fiasco\n:-)\n").expect("write");
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("Source: standard input."));
    assert!(text(&o.stderr).contains("standard input:2:1 `:-)`: no letters"));
}

#[test]
fn import_errors_exit_2_with_file_line_and_column() {
    let dir = workspace();
    let d = dir.path();
    std::fs::write(d.join("bad.dic"), "%\n1\tcare\n%\nsafe*\t1\ncruel\t1\t4\n").expect("write");
    let o = slant(
        d,
        &[
            "rules", "import", "--from", "liwc", "bad.dic", "-o", "bad.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("bad.dic:5:9: error: category number 4 is not defined in the header"),
        "{err}"
    );
    assert!(err.contains("help: add `4\tname`"), "{err}");
    assert!(!d.join("bad.yaml").exists(), "nothing is written");

    // Not UTF-8: named with its line, and how to convert it.
    std::fs::write(d.join("latin1.txt"), b"fiasco\nna\xefve\n").expect("write");
    let o = slant(d, &["rules", "import", "--from", "lines", "latin1.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("latin1.txt:2: not UTF-8 text") && err.contains("iconv"),
        "{err}"
    );
}

#[test]
fn a_pack_that_would_not_load_over_the_defaults_is_not_written() {
    let dir = workspace();
    let d = dir.path();
    let o = slant(
        d,
        &[
            "rules",
            "import",
            "--from",
            "lines",
            "words.txt",
            "--category",
            "emotive",
            "-o",
            "words.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("would not load with the others"), "{err}");
    assert!(
        err.contains("category `emotive` is already defined"),
        "{err}"
    );
    assert!(err.contains("--category"), "{err}");
    assert!(!d.join("words.yaml").exists());
}

/// The guide shows what the import prints and an error it gives: both are
/// the binary's real output.
#[test]
fn the_guide_shows_real_output() {
    let guide = std::fs::read_to_string(root().join("docs/cli.md")).expect("guide");
    let section = guide
        .split("## Import a lexicon you already have")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the section");
    let blocks: Vec<&str> = section
        .split("```text\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    let [report, error] = blocks[..] else {
        panic!("two text blocks: {blocks:?}");
    };
    let dir = workspace();
    let d = dir.path();
    let o = slant(
        d,
        &[
            "rules",
            "import",
            "--from",
            "liwc",
            "moral.dic",
            "--source",
            "our moral word list",
            "--license",
            "CC0",
            "-o",
            "moral.yaml",
        ],
    );
    let err = text(&o.stderr);
    for line in report.lines() {
        assert!(err.contains(line), "not printed: {line}\n{err}");
    }
    std::fs::write(
        d.join("moral.dic"),
        "%\n1\tcare\n2\tharm\n3\tfair\n%\ncruel\t1\t4\n",
    )
    .expect("write");
    let o = slant(d, &["rules", "import", "--from", "liwc", "moral.dic"]);
    assert_eq!(text(&o.stderr), error);
}
