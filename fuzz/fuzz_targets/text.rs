//! Plain text with an optional header block: no input may panic, and the body is always a
//! suffix of the decoded input that starts where the header rule says.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tally_read::{read_bytes, split_header, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    read_bytes(data, Format::Text, "f", "f.txt", &ReadOptions::default(), &mut |r| {
        if let Ok(d) = r {
            for s in &d.furniture {
                assert!(s.start <= s.end && s.end <= d.body.len());
                assert!(d.body.is_char_boundary(s.start) && d.body.is_char_boundary(s.end));
            }
        }
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let (_, start) = split_header(text);
        assert!(start <= text.len() && text.is_char_boundary(start));
    }
});
