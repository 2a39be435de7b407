//! WARC archives built at test time: our own small pages (always), and the real pages of the
//! article-extraction benchmark in the shared folder (skipped when it is absent), as plain and
//! per-record gzip archives, with chunked and gzip-encoded bodies, a redirect, a PDF, an error
//! status and a truncated final record.

use flate2::{write::GzEncoder, Compression};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tally_read::{read_path, Document, ReadError, ReadOptions};

/// How an HTTP body is sent.
#[derive(Clone, Copy, Debug)]
enum Coding {
    Plain,
    Chunked,
    Gzip,
    ChunkedGzip,
}

fn http(status: &str, content_type: &str, body: &[u8], coding: Coding) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nServer: test\r\n");
    let mut payload = body.to_vec();
    if matches!(coding, Coding::Gzip | Coding::ChunkedGzip) {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(body).unwrap();
        payload = gz.finish().unwrap();
        head.push_str("Content-Encoding: gzip\r\n");
    }
    if matches!(coding, Coding::Chunked | Coding::ChunkedGzip) {
        head.push_str("Transfer-Encoding: chunked\r\n");
        let mut chunked = Vec::new();
        for part in payload.chunks(1000) {
            chunked.extend(format!("{:x}\r\n", part.len()).as_bytes());
            chunked.extend(part);
            chunked.extend(b"\r\n");
        }
        chunked.extend(b"0\r\n\r\n");
        payload = chunked;
    } else {
        head.push_str(&format!("Content-Length: {}\r\n", payload.len()));
    }
    let mut out = head.into_bytes();
    out.extend(b"\r\n");
    out.extend(payload);
    out
}

fn record(n: usize, kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend(block);
    out.extend(b"\r\n\r\n");
    out
}

fn response(n: usize, uri: &str, http_bytes: &[u8]) -> Vec<u8> {
    record(n, "response", uri, "application/http; msgtype=response", http_bytes)
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Writes the records as `name.warc` and as `name.warc.gz` (one gzip member per record); the
/// last record is cut in half when `truncate_last`.
fn write_archives(dir: &Path, name: &str, records: &[Vec<u8>], truncate_last: bool) -> (PathBuf, PathBuf) {
    let mut plain = Vec::new();
    let mut zipped = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let last = i + 1 == records.len();
        if last && truncate_last {
            plain.extend(&r[..r.len() / 2]);
            let member = gzip_member(r);
            zipped.extend(&member[..member.len() / 2]);
        } else {
            plain.extend(r);
            zipped.extend(gzip_member(r));
        }
    }
    let (a, b) = (dir.join(format!("{name}.warc")), dir.join(format!("{name}.warc.gz")));
    std::fs::write(&a, plain).unwrap();
    std::fs::write(&b, zipped).unwrap();
    (a, b)
}

#[derive(Default, Debug)]
struct Seen {
    docs: Vec<Document>,
    skips: Vec<String>,
    errors: Vec<String>,
}

fn read(path: &Path) -> Seen {
    let mut seen = Seen::default();
    read_path(path, &ReadOptions::default(), &mut |r| match r {
        Ok(d) => seen.docs.push(d),
        Err(e @ ReadError::Skipped { .. }) => {
            if let ReadError::Skipped { reason, .. } = &e {
                seen.skips.push(reason.label().to_string());
            }
        }
        Err(e) => seen.errors.push(e.to_string()),
    });
    seen
}

fn page(title: &str, para: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>\
         <article><h1>{title}</h1><p>{para}</p><p>Residents of the valley were told to stay indoors \
         until the water receded, and schools in three districts stayed closed for the day.</p></article>\
         <footer>All rights reserved.</footer></body></html>"
    )
}

/// Our own pages, in every body coding, between records that are not pages.
fn own_records() -> Vec<Vec<u8>> {
    let mut recs = vec![record(
        0,
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: tally-test\r\nformat: WARC File Format 1.1\r\n",
    )];
    let paras = [
        "Officials said 40 people were hurt when the bridge gave way on Tuesday.",
        "The river rose by two metres overnight, the weather office said.",
        "About 1,200 homes lost power after the storm, the utility reported.",
        "Police arrested 12 people after the match, a spokesman said on Sunday.",
    ];
    let codings = [Coding::Plain, Coding::Chunked, Coding::Gzip, Coding::ChunkedGzip];
    for (i, (para, coding)) in paras.iter().zip(codings).enumerate() {
        let uri = format!("https://news.example/story-{i}");
        recs.push(record(10 + i, "request", &uri, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"));
        let body = page(&format!("Story {i}"), para);
        recs.push(response(20 + i, &uri, &http("200 OK", "text/html; charset=utf-8", body.as_bytes(), coding)));
    }
    recs.push(response(
        30,
        "https://news.example/old",
        &http("301 Moved Permanently", "text/html", b"<a href='/new'>moved</a>", Coding::Plain),
    ));
    recs.push(response(
        31,
        "https://news.example/report.pdf",
        &http("200 OK", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", Coding::Plain),
    ));
    recs.push(response(
        32,
        "https://news.example/gone",
        &http("404 Not Found", "text/html", b"<p>No.</p>", Coding::Plain),
    ));
    let last = page("Late story", "Firefighters said the blaze destroyed 15 homes near the coast.");
    recs.push(response(40, "https://news.example/late", &http("200 OK", "text/html", last.as_bytes(), Coding::Plain)));
    recs
}

#[test]
fn own_pages_come_out_of_plain_and_gzip_archives() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, zipped) = write_archives(dir.path(), "own", &own_records(), false);
    for path in [&plain, &zipped] {
        let seen = read(path);
        assert!(seen.errors.is_empty(), "{path:?}: {:?}", seen.errors);
        let ids: Vec<&str> = seen.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "https://news.example/story-0",
                "https://news.example/story-1",
                "https://news.example/story-2",
                "https://news.example/story-3",
                "https://news.example/late"
            ],
            "{path:?}"
        );
        for d in &seen.docs {
            assert_eq!(d.meta.url.as_deref(), Some(d.id.as_str()));
            assert_eq!(d.format, tally_read::Format::Warc);
            assert!(d.carries_text());
            // WARC-Date is the fallback publication date.
            assert_eq!(d.meta.published, chrono::NaiveDate::from_ymd_opt(2024, 5, 6));
            assert!(d.body.contains("Residents of the valley"), "{}", d.body);
            assert!(!d.body.contains("All rights reserved"), "{}", d.body);
        }
        assert!(seen.docs[1].body.contains("The river rose by two metres"));
        assert!(seen.docs[3].body.contains("Police arrested 12 people"));
        assert_eq!(seen.skips, ["redirect", "not a page", "error status"], "{path:?}");
    }
}

#[test]
fn truncated_final_record_is_reported_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, zipped) = write_archives(dir.path(), "cut", &own_records(), true);
    for path in [&plain, &zipped] {
        let seen = read(path);
        assert_eq!(seen.docs.len(), 4, "{path:?}");
        assert_eq!(seen.skips.len(), 3, "{path:?}");
        assert_eq!(seen.errors.len(), 1, "{path:?}: {:?}", seen.errors);
        let name = path.display().to_string();
        assert!(seen.errors[0].starts_with(&name), "{}", seen.errors[0]);
        assert!(seen.errors[0].contains("cut short") || seen.errors[0].contains("gzip"), "{}", seen.errors[0]);
    }
}

#[test]
fn broken_gzip_member_loses_only_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let records = own_records();
    // Record 4 is the response of story-1: cut its gzip member in half, keep every other member.
    let mut zipped = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let member = gzip_member(r);
        zipped.extend(if i == 4 { &member[..member.len() / 2] } else { &member[..] });
    }
    for name in ["broken.warc.gz", "broken.bin"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &zipped).unwrap();
        let seen = read(&path);
        let ids: Vec<&str> = seen.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "https://news.example/story-0",
                "https://news.example/story-2",
                "https://news.example/story-3",
                "https://news.example/late"
            ],
            "{:?}",
            seen.errors
        );
        assert_eq!(seen.skips, ["redirect", "not a page", "error status"]);
        assert!(!seen.errors.is_empty());
        assert!(seen.errors.iter().all(|e| e.contains("next gzip member")), "{:?}", seen.errors);
    }
}

#[test]
fn archives_are_recognised_by_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, zipped) = write_archives(dir.path(), "own", &own_records(), false);
    for (from, to) in [(plain, "plain.bin"), (zipped, "zipped.bin")] {
        let to = dir.path().join(to);
        std::fs::rename(from, &to).unwrap();
        let seen = read(&to);
        assert_eq!(seen.docs.len(), 5, "{to:?}: {:?}", seen.errors);
    }
}

#[test]
fn garbage_and_broken_headers_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.warc");
    let mut raw = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nshort".to_vec();
    std::fs::write(&p, &raw).unwrap();
    let seen = read(&p);
    assert!(seen.docs.is_empty() && !seen.errors.is_empty());
    raw = b"WARC/1.1\r\n".to_vec();
    raw.extend(std::iter::repeat_n(b'x', 3 << 20));
    std::fs::write(&p, &raw).unwrap();
    let seen = read(&p);
    assert!(seen.docs.is_empty() && seen.errors.len() == 1, "{:?}", seen.errors);
}

fn shared_dir() -> PathBuf {
    // The shared folder sits beside the workspace; `TALLY_SHARED` may point elsewhere.
    PathBuf::from(
        std::env::var("TALLY_SHARED")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into()),
    )
}

#[test]
fn benchmark_pages_come_out_of_archives() {
    let html_dir = shared_dir().join("conformance/article-extraction-benchmark/html");
    let Ok(entries) = std::fs::read_dir(&html_dir) else {
        eprintln!("skipped: {} not found", html_dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|p| p.to_string_lossy().ends_with(".html.gz"));
    files.sort();
    assert!(!files.is_empty(), "no pages in {}", html_dir.display());

    // Each page read on its own is what its archived copy must give.
    let mut expected: Vec<(String, Result<String, String>)> = Vec::new();
    let mut records = Vec::new();
    let codings = [Coding::Plain, Coding::Chunked, Coding::Gzip, Coding::ChunkedGzip];
    for (i, f) in files.iter().enumerate() {
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(f).unwrap()).read_to_end(&mut html).unwrap();
        let name = tally_read::id_from_path(f);
        let uri = format!("https://bench.example/{name}");
        let mut alone = None;
        tally_read::read_bytes(&html, tally_read::Format::Html, &name, &name, &ReadOptions::default(), &mut |r| {
            alone = Some(r.map(|d| d.body).map_err(|e| e.to_string()))
        });
        expected.push((uri.clone(), alone.unwrap()));
        records.push(response(i, &uri, &http("200 OK", "text/html", &html, codings[i % codings.len()])));
        if i == 3 {
            let redirect = http("302 Found", "text/html", b"", Coding::Plain);
            records.push(response(10_000, "https://bench.example/moved", &redirect));
            let pdf = http("200 OK", "application/pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", Coding::Gzip);
            records.push(response(10_001, "https://bench.example/paper.pdf", &pdf));
        }
    }
    let tail = page("Cut off", "This record never ends.");
    records.push(response(
        20_000,
        "https://bench.example/cut",
        &http("200 OK", "text/html", tail.as_bytes(), Coding::Plain),
    ));

    let dir = tempfile::tempdir().unwrap();
    let (plain, zipped) = write_archives(dir.path(), "bench", &records, true);
    let pages_ok = expected.iter().filter(|(_, r)| r.is_ok()).count();
    eprintln!("{} benchmark pages, {pages_ok} with article text when read alone", expected.len());
    for path in [&plain, &zipped] {
        let seen = read(path);
        let by_url: std::collections::HashMap<&str, &Document> = seen.docs.iter().map(|d| (d.id.as_str(), d)).collect();
        for (uri, alone) in &expected {
            match alone {
                Ok(body) => {
                    let d = by_url.get(uri.as_str()).unwrap_or_else(|| panic!("{path:?}: {uri} missing"));
                    assert_eq!(d.meta.url.as_deref(), Some(uri.as_str()));
                    assert_eq!(&d.body, body, "{uri}");
                }
                Err(_) => assert!(!by_url.contains_key(uri.as_str())),
            }
        }
        assert_eq!(seen.docs.len(), pages_ok, "{path:?}");
        assert_eq!(seen.skips, ["redirect", "not a page"], "{path:?}");
        // Pages without article text are reported one by one, then the cut-off record.
        assert_eq!(seen.errors.len(), expected.len() - pages_ok + 1, "{path:?}: {:?}", seen.errors);
        let last = seen.errors.last().unwrap();
        assert!(last.contains("bench.example/cut") || last.contains("gzip") || last.contains("cut short"), "{last}");
    }
}
