//! Every mistake an editor can make in a rule pack gets an error naming the
//! file, line and column, and saying how to fix it. One test per mistake.

use slant::{PackError, PackSource, RuleSet};

const GOOD: &str = r#"pack: good
categories:
  certainty:
    weight: 2
rules:
  - id: certainty.obviously
    category: certainty
    terms: [obviously]
    message: m
"#;

fn src(name: &str, text: &str) -> PackSource {
    PackSource {
        name: name.into(),
        text: text.into(),
    }
}

fn errors(sources: &[PackSource]) -> Vec<PackError> {
    match RuleSet::load(sources) {
        Ok(_) => panic!("expected the packs to be rejected"),
        Err(e) => e.0,
    }
}

fn one_error(text: &str) -> PackError {
    let mut errs = errors(&[src("bad.yaml", text)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.remove(0)
}

#[test]
fn good_pack_loads() {
    let set = RuleSet::load(&[src("good.yaml", GOOD)]).expect("loads");
    assert_eq!(set.rules().len(), 1);
    assert_eq!(set.rules()[0].weight, 2.0);
}

#[test]
fn malformed_yaml() {
    let e = one_error("pack: x\nrules:\n  - id: a\n    terms: [unclosed, \n");
    assert_eq!(e.file, "bad.yaml");
    assert!(e.line >= 3, "{e}");
    assert!(e.help.contains("indentation"), "{e}");
}

#[test]
fn unknown_field_is_named_with_the_allowed_ones() {
    let text = GOOD.replace("    message: m", "    message: m\n    wieght: 3");
    let e = one_error(&text);
    assert!(e.message.contains("unknown field `wieght`"), "{e}");
    assert!(e.message.contains("`weight`"), "allowed fields listed: {e}");
    assert_eq!((e.line, e.column), (10, 5));
    let shown = e.to_string();
    assert!(shown.starts_with("bad.yaml:10:5: error:"), "{shown}");
    assert!(shown.contains("    wieght: 3"), "snippet: {shown}");
    assert!(shown.contains("help:"), "{shown}");
}

#[test]
fn missing_terms() {
    let e = one_error(&GOOD.replace("    terms: [obviously]\n", ""));
    assert!(e.message.contains("missing field `terms`"), "{e}");
    assert!(e.help.contains("add `terms:`"), "{e}");
    assert!(e.line >= 6, "{e}");
}

#[test]
fn empty_terms() {
    let e = one_error(&GOOD.replace("[obviously]", "[]"));
    assert!(e.message.contains("has no terms"), "{e}");
    assert_eq!((e.line, e.column), (8, 5));
}

#[test]
fn empty_term() {
    let e = one_error(&GOOD.replace("[obviously]", "[obviously, \"\"]"));
    assert!(e.message.contains("is empty"), "{e}");
    assert_eq!(e.line, 8);
}

#[test]
fn duplicate_rule_id_across_packs() {
    let other = GOOD
        .replace("pack: good", "pack: other")
        .replace("categories:\n  certainty:\n    weight: 2\n", "")
        .replace("[obviously]", "[clearly]");
    let errs = errors(&[src("a.yaml", GOOD), src("b.yaml", &other)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.file, "b.yaml");
    assert!(
        e.message
            .contains("rule id `certainty.obviously` is already defined at a.yaml:6"),
        "{e}"
    );
    assert_eq!((e.line, e.column), (3, 9));
}

#[test]
fn same_term_in_two_rules_names_both() {
    let text = format!(
        "{GOOD}  - id: certainty.plainly\n    category: certainty\n    terms: [plainly, OBVIOUSLY]\n    message: m\n"
    );
    let e = one_error(&text);
    assert!(
        e.message.contains("`certainty.obviously`") && e.message.contains("`certainty.plainly`"),
        "{e}"
    );
    assert_eq!((e.line, e.column), (12, 22));
}

#[test]
fn unknown_category_lists_known_ones() {
    let e = one_error(&GOOD.replace("    category: certainty", "    category: certianty"));
    assert!(e.message.contains("unknown category `certianty`"), "{e}");
    assert!(e.help.contains("certainty"), "{e}");
    assert_eq!((e.line, e.column), (7, 15));
}

#[test]
fn short_stem() {
    let e = one_error(&GOOD.replace("[obviously]", "[ob*]"));
    assert!(e.message.contains("stem of 2 letters"), "{e}");
    assert_eq!((e.line, e.column), (8, 13));
}

#[test]
fn star_inside_a_term() {
    let e = one_error(&GOOD.replace("[obviously]", "[\"ob*viously\"]"));
    assert!(e.message.contains("`*` before its end"), "{e}");
}

#[test]
fn exception_that_cannot_apply() {
    let e = one_error(&GOOD.replace(
        "    message: m",
        "    message: m\n    exceptions: [golf course]",
    ));
    assert!(
        e.message.contains("contains none of the rule's terms"),
        "{e}"
    );
    assert_eq!(e.line, 10);
}

#[test]
fn negative_weight() {
    let e = one_error(&GOOD.replace("    message: m", "    message: m\n    weight: -1"));
    assert!(e.message.contains("weight -1"), "{e}");
    assert_eq!(e.line, 10);
}

#[test]
fn wrong_type() {
    let e = one_error(&GOOD.replace("[obviously]", "obviously"));
    assert!(e.message.contains("invalid type"), "{e}");
    assert_eq!(e.line, 8);
}

#[test]
fn empty_file() {
    let e = one_error("");
    assert!(e.help.contains("empty"), "{e}");
}

#[test]
fn all_errors_of_all_packs_are_reported() {
    let bad = GOOD.replace("[obviously]", "[ob*]");
    let errs = errors(&[src("a.yaml", &bad), src("b.yaml", "pack: [")]);
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

#[test]
fn alias_bomb_is_refused_quickly() {
    // "Billion laughs": each level repeats the one before nine times, and the
    // last level is used where the pack expects terms. The schema is strict
    // and typed, so the bomb fails on its first unknown or ill-typed node,
    // before anything is expanded.
    let mut text = String::from("pack: bomb\ncategories:\n  c: {weight: 1}\nx0: &a0 lol\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!(
            "x{i}: &a{i} [{}]\n",
            std::iter::repeat_n(prev.as_str(), 9)
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    text.push_str("rules:\n  - {id: c.x, category: c, message: m, terms: *a9}\n");
    let errs = errors(&[src("bomb.yaml", &text)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].message.contains("unknown field `x0`"),
        "{}",
        errs[0]
    );
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let text = format!(
        "pack: deep\nrules: {}{}\n",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    let errs = errors(&[src("deep.yaml", &text)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].message.contains("nested more than 64"),
        "{}",
        errs[0]
    );
    assert_eq!((errs[0].line, errs[0].column), (2, 72));
}

#[test]
fn too_many_terms_is_refused() {
    let terms: Vec<String> = (0..20_001).map(|i| format!("t{i}")).collect();
    let text = GOOD.replace("[obviously]", &format!("[{}]", terms.join(", ")));
    let e = one_error(&text);
    assert!(e.message.contains("limit is 20000"), "{e}");
}

#[test]
fn oversized_pack_is_refused() {
    let text = format!("{GOOD}# {}\n", "x".repeat(slant::rules::MAX_PACK_BYTES));
    let e = one_error(&text);
    assert!(e.message.contains("larger than"), "{e}");
}

#[test]
fn snippet_is_the_right_line_after_multibyte_text() {
    let text = GOOD
        .replace("pack: good", "pack: good\ndescription: “Été” — ünïcödé")
        .replace("    message: m", "    message: m\n    wieght: 3");
    let e = one_error(&text);
    assert_eq!(e.line, 11);
    assert_eq!(e.snippet.as_deref(), Some("    wieght: 3"));
}
