//! WARC archives, read as a stream. The first byte picks whether the rest is the archive itself
//! (mostly broken record headers), a gzipped archive (broken gzip members, resynchronisation),
//! or the HTTP response of one well-formed `response` record
//! (status lines, headers, chunked and compressed bodies), followed by a second record that must
//! still come out. Nothing panics and every record yields at most one result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tally_read::{read_bytes, read_warc_stream, Format, ReadOptions};

const PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Officials said 40 people were hurt.</p></body></html>";

fn record(n: usize, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2025-01-02T03:04:05Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let opts = ReadOptions::default();
    if mode & 3 == 0 {
        read_warc_stream(rest, "f.warc", &opts, &mut |_| {});
        return;
    }
    if mode & 3 == 2 {
        let mut gz = vec![0x1f, 0x8b, 0x08];
        gz.extend_from_slice(rest);
        read_bytes(&gz, Format::Warc, "f", "f.warc.gz", &opts, &mut |_| {});
        return;
    }
    let mut archive = record(1, "https://fuzz.example/a", rest);
    archive.extend(record(2, "https://fuzz.example/b", PAGE.as_bytes()));
    let mut results = Vec::new();
    read_warc_stream(&archive[..], "f.warc", &opts, &mut |r| results.push(r));
    assert!(results.len() <= 2);
    let last = results.last().and_then(|r| r.as_ref().ok()).map(|d| d.id.as_str());
    assert_eq!(last, Some("https://fuzz.example/b"));
});
