//! Any bytes as a rule pack: loading never panics, and a pack that loads
//! compiles and runs its own examples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slant::{Engine, PackSource, RuleSet, ScoreOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = PackSource { name: "fuzz.yaml".into(), text };
    if let Ok(rules) = RuleSet::load(&[source]) {
        if let Ok(engine) = Engine::new(rules) {
            let _ = engine.check_examples();
            let _ = engine.score("f", data, &ScoreOptions::default());
        }
    }
});
