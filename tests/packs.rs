//! Hygiene of the default rule packs in `rules/`, as typos verifies its
//! dictionary: every file embedded, every rule documented and exemplified,
//! every example behaving as declared.

use std::collections::BTreeSet;

use slant::{Engine, PackSource, RuleSet};

#[test]
fn every_pack_file_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("rules/ exists")
        .filter_map(|e| e.ok())
        .map(|e| format!("rules/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    let embedded: BTreeSet<String> = PackSource::defaults().into_iter().map(|s| s.name).collect();
    assert_eq!(on_disk, embedded);
    for source in PackSource::defaults() {
        let disk = std::fs::read_to_string(dir.join(&source.name[6..])).expect("readable");
        assert_eq!(disk, source.text, "{} is stale in the binary", source.name);
    }
}

#[test]
fn default_packs_load_without_errors() {
    if let Err(e) = RuleSet::defaults() {
        panic!("{e}");
    }
}

#[test]
fn every_rule_is_documented_and_has_examples() {
    let rules = RuleSet::defaults().expect("loads");
    for rule in rules.rules() {
        assert!(
            !rule.examples_match.is_empty(),
            "{}: no `match` example",
            rule.id
        );
        assert!(
            !rule.examples_no_match.is_empty(),
            "{}: no `no_match` example",
            rule.id
        );
        assert!(rule.suggestion.is_some(), "{}: no suggestion", rule.id);
        let prefix = rules.pack_of(rule).name.clone() + ".";
        assert!(
            rule.id.starts_with(&prefix),
            "{}: id should start with `{prefix}`",
            rule.id
        );
    }
    for category in rules.categories() {
        assert!(
            category.description.is_some(),
            "{}: no description",
            category.name
        );
        assert!(
            category.rationale.is_some(),
            "{}: no rationale",
            category.name
        );
    }
}

#[test]
fn every_example_behaves_as_declared() {
    let engine = Engine::with_defaults().expect("compiles");
    let failures = engine.check_examples();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn packs_hold_several_hundred_terms() {
    let rules = RuleSet::defaults().expect("loads");
    let terms: usize = rules.rules().iter().map(|r| r.terms.len()).sum();
    assert!(terms >= 300, "only {terms} terms");
}
