//! `slant eval` on a hand-made fixture whose metrics were worked out by hand.

use std::process::Command;

fn eval(args: &[&str]) -> serde_json::Value {
    let root = env!("CARGO_MANIFEST_DIR");
    let o = Command::new(env!("CARGO_BIN_EXE_slant"))
        .args([
            "eval",
            "tests/fixtures/eval_small.jsonl",
            "--format",
            "json",
            "--no-config",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn metrics_match_the_hand_computation() {
    let r = eval(&[]);
    assert_eq!(r["records"], 9);
    // Sentences: s1 (slammed) and s2 (obviously) are found; s3 is missed;
    // s5 (critics say, regime) is flagged wrongly; s4 passes; s6's hit is
    // quoted, so its authorial score is 0 and it passes.
    let s = &r["sentence"];
    assert_eq!(s["records"], 6);
    assert_eq!(
        s["confusion"],
        serde_json::json!({"tp": 2, "fp": 1, "tn": 2, "fn_": 1})
    );
    // Biased: P = 2/3, R = 2/3, F1 = 2/3. Non-biased: P = 2/3, R = 2/3.
    assert_eq!(s["precision"], 0.667);
    assert_eq!(s["recall"], 0.667);
    assert_eq!(s["macro_f1"], 0.667);

    // Words. Hits: slammed (true), obviously in s2 (false: the span is
    // "bill"), critics say + regime in s5 (false), "obviously" quoted in s6
    // (false), fiasco, debacle, shambles in a1 (2 true), obviously in a3
    // (true). 9 hits, 4 true. Spans (informational left out): s1, s2, s3,
    // a1 x2, a3 = 6 spans, 4 found.
    let w = &r["words"];
    assert_eq!(
        (w["hits"].as_u64(), w["true_hits"].as_u64()),
        (Some(9), Some(4))
    );
    assert_eq!(
        (w["spans"].as_u64(), w["found"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(w["precision"], 0.444);
    assert_eq!(w["recall"], 0.667);
    assert_eq!(w["f1"], 0.533);

    // The writer's voice: the same without "regime" (reported speech in
    // s5) and the quoted "obviously" of s6: 7 hits, 4 true; no span lies in
    // a quotation, so 6 spans, 4 found. P = 4/7, R = 4/6, F1 = 8/13.
    let a = &r["authorial_words"];
    assert_eq!(
        (a["hits"].as_u64(), a["true_hits"].as_u64()),
        (Some(7), Some(4))
    );
    assert_eq!(
        (a["spans"].as_u64(), a["found"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(a["precision"], 0.571);
    assert_eq!(a["f1"], 0.615);

    // Ordering, event e1: densities a1 = 2/7 words, a2 = 0, a3 = 1/8; all
    // differ, 3 pairs. slant's scores: a1 (three weight-2 hits) > a3 (one) >
    // a2 (none): the same order, 3 of 3.
    let o = &r["ordering"];
    assert_eq!(
        (o["events"].as_u64(), o["pairs"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(o["accuracy"], 1.0);

    // The tuning list: the rule with most false hits first.
    assert_eq!(r["rules"][0]["name"], "certainty.obviously");
    assert_eq!(r["rules"][0]["false_hits"], 2);
}

#[test]
fn threshold_and_misses() {
    // s1: 1 hit of weight 2 in 5 words = 400 per 1,000; s2: 2/6 = 333.
    let r = eval(&["--threshold", "350", "--misses", "2"]);
    assert_eq!(r["sentence"]["confusion"]["tp"], 1);
    // Missed spans: "voted" (s3) and "bill" (s2).
    let misses = r["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 2);
    assert_eq!(misses[0], serde_json::json!(["bill", 1]));
}
