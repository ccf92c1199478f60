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
    assert!(e.help.contains("did you mean `weight`?"), "{e}");
    assert!(
        e.help.contains("message, suggestion"),
        "allowed fields listed: {e}"
    );
    assert_eq!((e.line, e.column), (10, 5));
    let shown = e.to_string();
    assert!(shown.starts_with("bad.yaml:10:5: error:"), "{shown}");
    assert!(shown.contains("    wieght: 3"), "snippet: {shown}");
    assert!(shown.contains("help:"), "{shown}");
}

#[test]
fn missing_terms() {
    let e = one_error(&GOOD.replace("    terms: [obviously]\n", ""));
    assert!(e.message.contains("has no terms"), "{e}");
    assert!(e.help.contains("terms: [obviously"), "{e}");
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
fn a_later_pack_redefines_a_rule_of_an_earlier_one() {
    // Layered packs: an editor re-weights or rewrites a default rule by
    // defining the same id in a later pack.
    let other = GOOD
        .replace("pack: good", "pack: other")
        .replace("categories:\n  certainty:\n    weight: 2\n", "")
        .replace("[obviously]", "[obviously, clearly]")
        .replace("    message: m\n", "    message: mine\n    weight: 0.5\n");
    let set = RuleSet::load(&[src("a.yaml", GOOD), src("b.yaml", &other)]).expect("loads");
    assert_eq!(set.rules().len(), 1);
    let rule = set.rule("certainty.obviously").expect("the rule");
    assert_eq!((rule.weight, rule.message.as_str()), (0.5, "mine"));
    assert_eq!(rule.terms.len(), 2);
    assert_eq!(set.overrides().len(), 1, "{:?}", set.overrides());
    assert!(set.overrides()[0].contains("replaces the one in a.yaml"));
}

#[test]
fn a_later_pack_takes_a_term_from_an_earlier_rule() {
    let mine = "pack: mine\nrules:\n  - {id: mine.obviously, category: certainty, terms: [obviously], message: m}\n";
    let set = RuleSet::load(&[src("a.yaml", GOOD), src("mine.yaml", mine)]).expect("loads");
    assert!(set.rule("certainty.obviously").unwrap().terms.is_empty());
    assert_eq!(set.rule("mine.obviously").unwrap().terms.len(), 1);
    assert!(set.overrides()[0].contains("takes over from rule `certainty.obviously`"));
}

#[test]
fn the_same_rule_id_twice_in_one_pack_is_still_an_error() {
    let twice = format!(
        "{GOOD}  - id: certainty.obviously\n    category: certainty\n    terms: [clearly]\n    message: m\n"
    );
    let e = one_error(&twice);
    assert!(
        e.message
            .contains("rule id `certainty.obviously` is already defined at bad.yaml:6"),
        "{e}"
    );
}

#[test]
fn a_disabled_rule_frees_its_terms() {
    let mine = "pack: mine\nrules:\n  - {id: mine.obviously, category: certainty, terms: [obviously], message: m}\n";
    let (set, unknown) = RuleSet::load_layered(
        &[src("a.yaml", GOOD), src("mine.yaml", mine)],
        &["certainty.obviously".to_string(), "no.such".to_string()],
        &[],
    )
    .expect("loads");
    assert!(set.rule("certainty.obviously").is_none());
    assert!(set.overrides().is_empty(), "{:?}", set.overrides());
    assert_eq!(unknown, ["no.such"]);
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
    // Each unknown key is reported, at its own line; none is expanded.
    let named: Vec<(String, usize)> = errs.iter().map(|e| (e.message.clone(), e.line)).collect();
    let expected: Vec<(String, usize)> = (0..10)
        .map(|i| (format!("unknown field `x{i}`"), 4 + i))
        .collect();
    assert_eq!(named, expected, "{errs:#?}");
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

// ---------------------------------------------------------------------------
// Context conditions and word forms.

/// GOOD with `extra` lines added after `message: m` (line 10 onwards).
fn with_lines(extra: &str) -> String {
    GOOD.replace("    message: m\n", &format!("    message: m\n{extra}"))
}

#[test]
fn conditions_and_forms_load() {
    let text = with_lines(
        "    unless:\n      followed-by: [victory, \"the ball\", victor*, win+]\n      within: 3\n    only: {preceded-by: [He]}\n",
    )
    .replace("[obviously]", "[obviously, sneer+, \"lash+ out\"]");
    let set = RuleSet::load(&[src("good.yaml", &text)]).expect("loads");
    let rule = &set.rules()[0];
    let unless = rule.unless.as_ref().expect("unless");
    assert_eq!(unless.within, 3);
    let words: Vec<&str> = unless
        .followed_by
        .iter()
        .map(|w| w.folded.as_str())
        .collect();
    assert_eq!(
        words,
        [
            "victory", "the ball", "victor", "win", "wins", "winned", "winning"
        ]
    );
    assert_eq!(rule.only.as_ref().map(|o| o.within), Some(1));
    assert_eq!(rule.terms[1].forms, ["sneers", "sneered", "sneering"]);
    assert_eq!(
        rule.terms[2].forms,
        ["lashes out", "lashed out", "lashing out"]
    );
}

#[test]
fn unknown_field_in_a_condition() {
    let e = one_error(&with_lines("    unless:\n      folowed-by: [victory]\n"));
    assert!(e.message.contains("unknown field `folowed-by`"), "{e}");
    assert!(e.help.contains("did you mean `followed-by`?"), "{e}");
    assert!(e.help.contains("preceded-by, followed-by, within"), "{e}");
    assert_eq!((e.line, e.column), (11, 7));
}

#[test]
fn within_zero_negative_or_too_large() {
    for (n, column) in [("0", 7), ("-1", 7), ("11", 7)] {
        let e = one_error(&with_lines(&format!(
            "    unless:\n      followed-by: [victory]\n      within: {n}\n"
        )));
        assert!(e.message.contains(&format!("`within: {n}`")), "{e}");
        assert!(e.message.contains("from 1 to 10"), "{e}");
        assert!(e.help.contains("within: 3"), "{e}");
        assert_eq!((e.line, e.column), (12, column), "{e}");
    }
}

#[test]
fn within_in_flow_style_is_located() {
    let e = one_error(&with_lines(
        "    unless: {followed-by: [victory], within: 0}\n",
    ));
    assert!(e.message.contains("`within: 0`"), "{e}");
    assert_eq!((e.line, e.column), (10, 38));
}

#[test]
fn within_not_a_number() {
    let e = one_error(&with_lines(
        "    unless:\n      followed-by: [victory]\n      within: two\n",
    ));
    assert!(e.message.contains("invalid type"), "{e}");
    assert_eq!(e.line, 12);
}

#[test]
fn empty_condition_list() {
    let e = one_error(&with_lines("    unless:\n      followed-by: []\n"));
    assert!(e.message.contains("`followed-by` in `unless`"), "{e}");
    assert!(e.message.contains("is empty"), "{e}");
    assert_eq!((e.line, e.column), (11, 7));
}

#[test]
fn condition_without_words() {
    let e = one_error(&with_lines("    only:\n      within: 2\n"));
    assert!(e.message.contains("`only` in rule"), "{e}");
    assert!(e.message.contains("lists no words"), "{e}");
    assert!(e.help.contains("followed-by"), "{e}");
    assert_eq!((e.line, e.column), (10, 5));
}

#[test]
fn condition_word_that_folds_to_nothing() {
    let e = one_error(&with_lines(
        "    unless:\n      preceded-by: [brutal, \"—\"]\n",
    ));
    assert!(e.message.contains("word `—` in `unless`"), "{e}");
    assert!(e.message.contains("no letters"), "{e}");
    assert_eq!((e.line, e.column), (11, 30));
}

#[test]
fn condition_word_with_a_short_stem() {
    let e = one_error(&with_lines("    unless:\n      followed-by: [vi*]\n"));
    assert!(e.message.contains("stem of 2 letters"), "{e}");
    assert_eq!((e.line, e.column), (11, 21));
}

#[test]
fn plus_and_star_together() {
    let e = one_error(&GOOD.replace("[obviously]", "[obviously, \"sneer+*\"]"));
    assert!(e.message.contains("both `+` and `*`"), "{e}");
    assert_eq!((e.line, e.column), (8, 25));
}

#[test]
fn plus_in_the_wrong_place() {
    for term in ["sn+eer", "lash+ out+", "\"sneer +\""] {
        let e = one_error(&GOOD.replace("[obviously]", &format!("[{term}]")));
        assert!(
            e.message.contains("`+` somewhere other than"),
            "{term}: {e}"
        );
        assert!(e.help.contains("lash+ out"), "{e}");
        assert_eq!(e.line, 8);
    }
}

#[test]
fn plus_on_a_word_it_cannot_inflect() {
    let e = one_error(&GOOD.replace("[obviously]", "[été+]"));
    assert!(e.message.contains("not a plain English word"), "{e}");
    assert!(e.help.contains("list other forms"), "{e}");
    assert_eq!((e.line, e.column), (8, 13));
}

#[test]
fn generated_form_in_another_rule_names_both() {
    let text = format!(
        "{GOOD}  - id: certainty.slams\n    category: certainty\n    terms: [slam+]\n    message: m\n  - id: certainty.slammed\n    category: certainty\n    terms: [slammed]\n    message: m\n"
    );
    let e = one_error(&text);
    assert!(
        e.message.contains(
            "term `slammed` is in both rule `certainty.slams` (as `slammed` (a form of `slam+`)) and rule `certainty.slammed`"
        ),
        "{e}"
    );
    assert_eq!((e.line, e.column), (16, 13));
}

#[test]
fn form_of_a_later_rule_colliding_is_located_at_the_plus_term() {
    let text = format!(
        "{GOOD}  - id: certainty.slams\n    category: certainty\n    terms: [slams]\n    message: m\n  - id: certainty.slam\n    category: certainty\n    terms: [slam+]\n    message: m\n"
    );
    let e = one_error(&text);
    assert!(
        e.message.contains(
            "term `slams` (a form of `slam+`) is in both rule `certainty.slams` (as `slams`)"
        ),
        "{e}"
    );
    assert_eq!((e.line, e.column), (16, 13));
}

#[test]
fn forms_listed_by_hand_in_the_same_rule_are_not_errors() {
    // Listing a form beside `admit+` is how an editor adds an irregular one.
    let text = GOOD.replace("[obviously]", "[admit+, admitted, admitting, admits]");
    let set = RuleSet::load(&[src("good.yaml", &text)]).expect("loads");
    // The misspelt forms are harmless: they never occur, so never match.
    assert_eq!(set.rules()[0].terms[0].forms, ["admited", "admiting"]);
}

#[test]
fn the_same_plus_term_twice_in_a_rule() {
    let e = one_error(&GOOD.replace("[obviously]", "[slam+, Slam+]"));
    assert!(e.message.contains("appears twice"), "{e}");
}

#[test]
fn exception_may_contain_a_generated_form() {
    let text =
        with_lines("    exceptions: [\"slammed the door\"]\n").replace("[obviously]", "[slam+]");
    RuleSet::load(&[src("good.yaml", &text)]).expect("loads");
}

/// A pack with one detector rule, `fields` under it.
fn detector_rule(fields: &str) -> String {
    format!("{GOOD}  - id: certainty.q\n    category: certainty\n    message: m\n{fields}")
}

#[test]
fn a_detector_rule_loads_without_terms() {
    let set = RuleSet::load(&[src(
        "d.yaml",
        &detector_rule("    detector: scare-quotes\n"),
    )])
    .expect("loads");
    assert_eq!(
        set.rule("certainty.q").and_then(|r| r.detector),
        Some(slant::rules::Detector::ScareQuotes)
    );
}

#[test]
fn unknown_detector_lists_the_known_ones() {
    let e = one_error(&detector_rule("    detector: scare-quote\n"));
    assert!(e.message.contains("unknown detector `scare-quote`"), "{e}");
    assert!(e.help.contains("scare-quotes, authorial-question"), "{e}");
    assert_eq!((e.line, e.column), (13, 15));
}

#[test]
fn a_detector_and_terms_together() {
    let e = one_error(&detector_rule(
        "    detector: scare-quotes\n    terms: [quote]\n",
    ));
    assert!(e.message.contains("both terms and a detector"), "{e}");
    assert_eq!(e.line, 14);
}

#[test]
fn a_detector_with_exceptions() {
    let e = one_error(&detector_rule(
        "    detector: authorial-question\n    exceptions: [why]\n",
    ));
    assert!(e.message.contains("a detector and exceptions"), "{e}");
}

#[test]
fn one_rule_per_detector() {
    let twice = format!(
        "{}  - id: certainty.r\n    category: certainty\n    message: m\n    detector: scare-quotes\n",
        detector_rule("    detector: scare-quotes\n")
    );
    let e = one_error(&twice);
    assert!(
        e.message
            .contains("detector `scare-quotes` is already used by rule `certainty.q`"),
        "{e}"
    );
    assert_eq!(e.line, 17);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    // Notepad saves one; it was read as a second YAML document.
    let set = RuleSet::load(&[src("bom.yaml", &format!("\u{FEFF}{GOOD}"))]).expect("loads");
    assert_eq!(set.rules().len(), 1);
}

#[test]
fn a_tab_is_named_as_a_tab() {
    let e = one_error(&GOOD.replace("  - id: certainty.obviously", "\t- id: certainty.obviously"));
    assert!(e.message.contains("a tab"), "{e}");
    assert_eq!((e.line, e.column), (6, 1));
}

#[test]
fn an_unclosed_quote_is_located_where_it_opens() {
    let e = one_error(&GOOD.replace("    message: m\n", "    message: \"m\n"));
    assert!(e.message.contains("never closed"), "{e}");
    assert_eq!((e.line, e.column), (9, 14));
}
