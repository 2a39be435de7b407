//! HTML pages: charset sniffing, metadata and main-content extraction must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tally_read::{read_bytes, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    read_bytes(data, Format::Html, "f", "f.html", &ReadOptions::default(), &mut |r| {
        if let Ok(d) = r {
            assert!(!d.body.trim().is_empty());
        }
    });
});
