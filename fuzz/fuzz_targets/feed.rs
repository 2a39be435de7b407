//! RSS, Atom and JSON Feed files: every item yields one result and nothing panics. The first
//! byte picks raw input or input placed inside an RSS item's content, to reach the item reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tally_read::{read_bytes, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let opts = ReadOptions::default();
    let bytes = if mode & 1 == 0 {
        rest.to_vec()
    } else {
        let mut b = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>T</title><link>https://fuzz.example/a</link><description>".to_vec();
        b.extend_from_slice(rest);
        b.extend_from_slice(b"</description></item></channel></rss>");
        b
    };
    read_bytes(&bytes, Format::Feed, "f", "f.xml", &opts, &mut |_| {});
});
