//! Any bytes as JSON Lines: bounded line reading, article and annotated
//! record parsing never panic, and no line kept exceeds the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slant::jsonl::{self, Line};

fuzz_target!(|data: &[u8]| {
    let mut reader = std::io::BufReader::with_capacity(7, data);
    let mut buf = Vec::new();
    let mut lines = 0;
    while let Ok(line) = jsonl::read_line(&mut reader, &mut buf, 64) {
        match line {
            Line::End => break,
            Line::TooLong(n) => assert!(n > 64 && buf.is_empty()),
            Line::Read => {
                assert!(buf.len() <= 64);
                if let Ok(record) = jsonl::parse(&buf) {
                    let _ = record.article();
                }
                let _ = slant::eval::parse_record(&buf);
            }
        }
        lines += 1;
        assert!(lines <= data.len() + 1);
    }
});
