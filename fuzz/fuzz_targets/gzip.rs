//! Gzip-wrapped input for every reader. The first byte picks the format (text, HTML, JSON
//! Lines, sniffed) and whether the rest is taken as a gzip stream as it is (mostly corrupt
//! streams) or compressed here first (valid streams around arbitrary content).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use tally_read::{read_any_bytes, read_jsonl_stream, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let format = [Some(Format::Text), Some(Format::Html), Some(Format::Jsonl), None][(mode & 3) as usize];
    let bytes = if mode & 4 == 0 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(rest).is_err() {
            return;
        }
        match gz.finish() {
            Ok(b) => b,
            Err(_) => return,
        }
    } else {
        let mut b = vec![0x1f, 0x8b];
        b.extend_from_slice(rest);
        b
    };
    let opts = ReadOptions::default();
    if format == Some(Format::Jsonl) && mode & 8 != 0 {
        read_jsonl_stream(flate2::read::MultiGzDecoder::new(&bytes[..]), "f.jsonl.gz", &opts, &mut |_| {});
    } else {
        read_any_bytes(bytes, format, "f", "f.gz", &opts, &mut |_| {});
    }
});
