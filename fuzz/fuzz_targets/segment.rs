//! Any text through quote, sentence and word segmentation: ranges sorted,
//! disjoint, in bounds, on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slant::segment::segment;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = segment(text);
    for ranges in [&s.quoted, &s.sentences] {
        let mut last = 0;
        for r in ranges {
            assert!(r.start >= last && r.start <= r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
    }
    assert!(s.words <= text.len());
});
