//! Property tests over the engine: for any text and any pack, hits are
//! exact, ordered, non-overlapping, and fold back to their term; structure
//! ranges are sound; the parallel map keeps order.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use slant::normalize::{fold, fold_term};
use slant::segment::segment;
use slant::{Engine, PackSource, RuleSet, ScoreOptions};

/// Characters that stress folding: case, multibyte, length-changing
/// lowercase (K, İ, ẞ), separators, quotes, marks and an emoji.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select(vec!['a', 'b', 'c', 'A', 'B', 'C', ' ']),
        2 => prop::sample::select(vec![
            'é', 'É', '\u{212A}', '\u{130}', '\u{1E9E}', 'ß', '-', '\u{2011}', '\u{2013}', '\u{2014}',
            '\n', '\r', '\t', '\u{a0}', '\'', '\u{2019}', '"', '\u{201C}', '\u{201D}', '«', '»',
            '.', '!', '?', '>', '\u{301}', '😀', '_', '1',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), 0..200).prop_map(|v| v.into_iter().collect())
}

/// Terms, and a text made of noise and those terms as they might stand in
/// an article (any case, any separator, a stem's word continued), so most
/// cases have hits to check, not only texts that happen to hold one.
fn terms_and_text() -> impl Strategy<Value = (Vec<String>, String)> {
    prop::collection::vec(term(), 1..6).prop_flat_map(|terms| {
        let piece = prop_oneof![
            2 => prop::collection::vec(text_char(), 0..12)
                .prop_map(|v| v.into_iter().collect::<String>()),
            3 => (
                prop::sample::select(terms.clone()),
                prop::sample::select(vec!["", "ed", "x"]),
                any::<bool>(),
                prop::sample::select(vec![" ", "-", "\u{2011}", "  ", "\n"]),
            )
                .prop_map(|(t, suffix, upper, sep)| {
                    let body = t.trim_end_matches('*').replace([' ', '-'], sep);
                    let body = if upper { body.to_uppercase() } else { body };
                    let suffix = if t.ends_with('*') { suffix } else { "" };
                    format!(" {body}{suffix} ")
                }),
        ];
        (
            Just(terms),
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat()),
        )
    })
}

/// A term: one to three short words over a small alphabet, sometimes a stem.
fn term() -> impl Strategy<Value = String> {
    let word = prop::collection::vec(prop::sample::select(vec!['a', 'b', 'c', 'é']), 1..4)
        .prop_map(|v| v.into_iter().collect::<String>());
    (
        prop::collection::vec(word, 1..3),
        prop::sample::select(vec![" ", "-", "’"]),
        any::<bool>(),
    )
        .prop_map(|(words, sep, stem)| {
            let t = words.join(sep);
            if stem
                && t.chars().count() >= 3
                && !t.contains(' ')
                && !t.contains('-')
                && !t.contains('’')
            {
                format!("{t}*")
            } else {
                t
            }
        })
}

/// A context condition for every rule: `unless` or `only`, before or after,
/// a word from the terms' alphabet (sometimes a stem), within 1 to 3 words.
fn condition() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["unless", "only"]),
        prop::sample::select(vec!["preceded-by", "followed-by"]),
        prop::sample::select(vec!["a", "b c", "abc*", "é", "c’a"]),
        1usize..4,
    )
        .prop_map(|(key, side, word, within)| {
            format!(
                ", {key}: {{{side}: [{}], within: {within}}}",
                serde_json::to_string(word).unwrap()
            )
        })
}

/// A pack with one rule per distinct folded term, with `extra` fields in
/// every rule.
fn pack_with(terms: &[String], extra: &str) -> Option<Engine> {
    let mut seen = std::collections::HashSet::new();
    let mut yaml = String::from("pack: p\ncategories:\n  c: {weight: 1}\nrules:\n");
    for (i, t) in terms.iter().enumerate() {
        let key = fold_term(t.trim_end_matches('*'));
        if key.chars().filter(|c| c.is_alphabetic()).count() < 3 && t.ends_with('*') {
            continue;
        }
        if !seen.insert(format!("{key}{}", t.ends_with('*')))
            || !seen.insert(key.clone()) && !t.ends_with('*')
        {
            continue;
        }
        yaml.push_str(&format!(
            "  - {{id: r{i}, category: c, message: m, terms: [{}]{extra}}}\n",
            serde_json::to_string(t).unwrap()
        ));
    }
    let set = RuleSet::load(&[PackSource {
        name: "p.yaml".into(),
        text: yaml,
    }])
    .ok()?;
    if set.rules().is_empty() {
        return None;
    }
    Engine::new(set).ok()
}

#[test]
fn most_generated_cases_have_hits() {
    // The properties check hits; cases without any check little.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = terms_and_text();
    let (mut with_hits, cases) = (0, 256);
    for _ in 0..cases {
        let (terms, text) = strategy.new_tree(&mut runner).unwrap().current();
        if let Some(engine) = pack_with(&terms, "") {
            with_hits += usize::from(
                !engine
                    .score_text("t", &text, &ScoreOptions::default())
                    .hits
                    .is_empty(),
            );
        }
    }
    assert!(
        with_hits * 4 >= cases * 3,
        "{with_hits} of {cases} cases have hits"
    );
}

#[test]
fn packs_with_conditions_load() {
    // Else the properties below would pass without testing conditions.
    for extra in [
        ", unless: {followed-by: [\"abc*\"], within: 3}",
        ", only: {preceded-by: [\"c’a\"], within: 1}",
    ] {
        assert!(pack_with(&["ab".to_string()], extra).is_some(), "{extra}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn hits_are_exact_ordered_and_fold_back_to_their_term(
        (terms, text) in terms_and_text(),
        cond in prop::option::of(condition()),
    ) {
        let Some(engine) = pack_with(&terms, cond.as_deref().unwrap_or_default()) else { return Ok(()) };
        let report = engine.score_text("t", &text, &ScoreOptions::default());
        let mut last_end = 0;
        for hit in &report.hits {
            prop_assert!(hit.start < hit.end && hit.end <= text.len(), "{hit:?}");
            let slice = text.get(hit.start..hit.end);
            prop_assert!(slice.is_some(), "offsets not on char boundaries: {hit:?}");
            prop_assert_eq!(slice.unwrap_or_default(), hit.text.as_str());
            prop_assert!(hit.start >= last_end, "overlap or disorder at {hit:?}");
            last_end = hit.end;
            let rule = engine.rules().rule(&hit.rule).unwrap();
            let folded = fold_term(&hit.text);
            let ok = rule.terms.iter().any(|t| {
                if t.stem { folded.starts_with(&t.folded) } else { folded == t.folded }
            });
            prop_assert!(ok, "{:?} folds to {:?}, not a term of {}", hit.text, folded, hit.rule);
            // A hit starts inside its sentence and ends there, unless the
            // term's words were split over a line break (folded as a space).
            prop_assert!(
                hit.sentence[0] <= hit.start && hit.start < hit.sentence[1],
                "{hit:?} starts outside its sentence"
            );
            prop_assert!(
                hit.end <= hit.sentence[1] || hit.text.contains('\n'),
                "{hit:?} ends past its sentence"
            );
        }
    }

    #[test]
    fn hits_do_not_depend_on_how_lines_are_broken(
        (terms, text) in terms_and_text(),
        newline in prop::sample::select(vec!["\n", "\r\n", "  ", " \n "]),
        cond in prop::option::of(condition()),
    ) {
        let Some(engine) = pack_with(&terms, cond.as_deref().unwrap_or_default()) else { return Ok(()) };
        let rewrapped = text.replace(' ', newline);
        let rules = |t: &str| -> Vec<(String, String)> {
            engine
                .score_text("t", t, &ScoreOptions::default())
                .hits
                .into_iter()
                .map(|h| (h.rule, fold_term(&h.text)))
                .collect()
        };
        prop_assert_eq!(rules(&text), rules(&rewrapped));
    }

    #[test]
    fn folded_offsets_map_to_char_boundaries_in_order(text in text()) {
        let f = fold(&text);
        let mut last = 0;
        for (i, _) in f.text.char_indices() {
            let s = f.original_start(i);
            prop_assert!(text.is_char_boundary(s), "start of folded {i} -> {s}");
            prop_assert!(s >= last, "start offsets go back at {i}");
            last = s;
        }
        let mut last = 0;
        let ends = f.text.char_indices().map(|(i, c)| i + c.len_utf8());
        for i in ends {
            let e = f.original_end(i);
            prop_assert!(text.is_char_boundary(e), "end of folded {i} -> {e}");
            prop_assert!(e >= last, "end offsets go back at {i}");
            last = e;
        }
        prop_assert_eq!(f.original_end(f.text.len()), if f.text.is_empty() { 0 } else { text.len() });
    }

    #[test]
    fn segments_are_sound(text in text()) {
        let s = segment(&text);
        for ranges in [&s.quoted, &s.sentences] {
            let mut last = 0;
            for r in ranges.iter() {
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(r.start >= last, "overlap: {ranges:?}");
                last = r.end;
            }
        }
    }

    #[test]
    fn parallel_map_equals_sequential(items in prop::collection::vec(any::<u32>(), 0..300), threads in 1usize..6) {
        let mut out = Vec::new();
        let r: Result<(), ()> = slant::parallel::ordered_map(items.clone().into_iter(), threads, |x| x.wrapping_mul(3), |x| { out.push(x); Ok(()) });
        prop_assert!(r.is_ok());
        prop_assert_eq!(out, items.iter().map(|x| x.wrapping_mul(3)).collect::<Vec<_>>());
    }
}

proptest! {
    // Words are counted sixteen bytes at a time; runs of every length and
    // position against chunk edges must count as one word per maximal run
    // of letters, digits and `_`, where a comma between digits joins
    // ("1,000"). (No apostrophes or points here: they also mark quotes and
    // sentences, tested in segment's own tests.)
    #[test]
    fn words_are_the_runs_of_word_characters(text in "[a-cA0-2_ ,;()\n-]{0,300}") {
        let bytes = text.as_bytes();
        let joined: String = text
            .char_indices()
            .map(|(i, c)| {
                let digit = |k: Option<usize>| k.and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_digit);
                if c == ',' && digit(i.checked_sub(1)) && digit(Some(i + 1)) { 'x' } else { c }
            })
            .collect();
        let runs = joined
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .count();
        prop_assert_eq!(segment(&text).words, runs, "{:?}", text);
    }
}
