//! `tally extract` and `tally ingest` on web archives and feeds: mixed with other files in a
//! folder and from standard input; the summary on stderr counts documents by kind and skips by
//! reason, and a page in another language is skipped with a note.

use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `tally extract --jsonl -` with `bytes` on standard input (written from another thread, so a
/// large input cannot fill the pipe while the output waits).
fn extract_stdin(bytes: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(["extract", "--jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut g = GzEncoder::new(Vec::new(), Compression::fast());
    g.write_all(bytes).unwrap();
    g.finish().unwrap()
}

fn record(n: usize, uri: &str, http: &str) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2025-03-04T05:06:07Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http.as_bytes());
    out.extend(b"\r\n\r\n");
    out
}

fn page(body: &str) -> String {
    let html = format!("<html><head><title>Report</title></head><body><article>{body}</article></body></html>");
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}", html.len())
}

const GERMAN: &str = "<p>Der Bürgermeister sagte am Dienstag, dass mindestens vierzig Menschen verletzt wurden, \
    als die alte Brücke über den Fluss während des morgendlichen Berufsverkehrs einstürzte.</p><p>Die \
    Rettungskräfte suchten am Abend noch immer nach zwei Menschen, die von ihren Familien als vermisst \
    gemeldet worden waren. Die Stadt will nun untersuchen, warum die Brücke trotz der Warnungen der \
    Ingenieure im vergangenen Jahr nicht gesperrt worden war.</p>";

/// An archive (one gzip member per record) with two English pages, a German page, a redirect
/// and a PDF.
fn archive() -> Vec<u8> {
    let records = [
        record(
            1,
            "https://news.example/bridge",
            &page("<p>Officials said 40 people were hurt when the bridge gave way on Tuesday.</p>"),
        ),
        record(2, "https://news.example/moved", "HTTP/1.1 301 Moved Permanently\r\nLocation: /bridge\r\n\r\n"),
        record(3, "https://news.example/brucke", &page(GERMAN)),
        record(4, "https://news.example/a.pdf", "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n"),
        record(
            5,
            "https://news.example/power",
            &page("<p>About 1,200 homes lost power after the storm, the utility said.</p>"),
        ),
    ];
    records.iter().flat_map(|r| gz(r)).collect()
}

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Fire</title><link>https://courier.example/fire</link><pubDate>Sat, 08 Mar 2025 06:00:00 +0000</pubDate>
<description>Firefighters said the blaze destroyed 15 barns.</description></item></channel></rss>"#;

fn docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("every stdout line is JSON"))
        .filter(|r| r["type"] == "doc")
        .collect()
}

fn extract(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally")).arg("extract").arg("--jsonl").args(args).output().unwrap()
}

#[test]
fn mixed_folder_counts_kinds_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crawl.warc.gz"), archive()).unwrap();
    std::fs::write(dir.path().join("courier.rss"), RSS).unwrap();
    std::fs::write(dir.path().join("note.txt"), "Police arrested 12 people on Friday.\n").unwrap();
    let out = extract(&[dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let ids: Vec<String> = docs(&out).iter().map(|d| d["doc"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        ids,
        ["https://courier.example/fire", "https://news.example/bridge", "https://news.example/power", "note"]
    );
    let d = &docs(&out)[1];
    assert_eq!(d["url"], "https://news.example/bridge");
    assert_eq!(d["published"], "2025-03-04");
    assert!(d.get("summary_only").is_none());
    assert!(d["text"].as_str().unwrap().contains("40 people were hurt"));
    let fig = String::from_utf8_lossy(&out.stdout);
    assert!(fig.lines().any(|l| l.contains("\"type\":\"figure\"") && l.contains("news.example/power")));
    // The German page gets a note naming it; the rest only counts.
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("skipped")).collect();
    assert!(notes.iter().any(|l| l.contains("news.example/brucke") && l.contains("German")), "{err}");
    let summary = err.lines().find(|l| l.contains("documents read")).unwrap_or_else(|| panic!("{err}"));
    assert!(summary.contains("4 documents read (feed 1, text 1, warc 2)"), "{summary}");
    assert!(summary.contains("3 skipped (not English 1, not a page 1, redirect 1)"), "{summary}");
}

#[test]
fn archive_from_standard_input() {
    let out = extract_stdin(archive());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<String> = docs(&out).iter().map(|d| d["doc"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["https://news.example/bridge", "https://news.example/power"]);
}

#[test]
fn feed_from_standard_input_and_ingest() {
    let out = extract_stdin(RSS.as_bytes().to_vec());
    let d = &docs(&out)[0];
    assert_eq!(d["doc"], "https://courier.example/fire");
    assert_eq!(d["title"], "Fire");
    assert_eq!(d["published"], "2025-03-08");
    // The item had no full content: its summary stands in, and the record says so.
    assert_eq!(d["summary_only"], true);

    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc.gz");
    std::fs::write(&warc, archive()).unwrap();
    let db = dir.path().join("t.db");
    let out = Command::new(env!("CARGO_BIN_EXE_tally")).arg("--db").arg(&db).arg("ingest").arg(&warc).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("2 documents read (warc 2); 3 skipped"), "{err}");
}
