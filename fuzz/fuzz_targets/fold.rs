//! Any text through folding and the whole engine (default packs): offsets
//! always land on char boundaries and hits are ordered and in bounds.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use slant::normalize::fold;
use slant::{Engine, ScoreOptions};

static ENGINE: OnceLock<Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let f = fold(text);
    for (i, c) in f.text.char_indices() {
        assert!(text.is_char_boundary(f.original_start(i)));
        assert!(text.is_char_boundary(f.original_end(i + c.len_utf8())));
    }
    let engine = ENGINE.get_or_init(|| Engine::with_defaults().expect("default packs"));
    let report = engine.score("f", data, &ScoreOptions::default());
    let mut last = 0;
    for h in &report.hits {
        assert!(h.start >= last && h.start < h.end && h.end <= data.len());
        assert_eq!(text.get(h.start..h.end), Some(h.text.as_str()));
        last = h.end;
    }
});
