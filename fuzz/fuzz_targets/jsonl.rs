//! JSON Lines batches, read as a stream: every line yields one result and nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tally_read::{read_jsonl_stream, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let mut n = 0usize;
    read_jsonl_stream(data, "f.jsonl", &ReadOptions::default(), &mut |_| n += 1);
    assert!(n <= data.split(|&b| b == b'\n').count().max(1));
});
