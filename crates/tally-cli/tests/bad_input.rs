//! End-to-end behaviour of `tally extract` on bad input: every failure is one line on stderr
//! naming its file (and line, for JSON Lines); the run exits 2 only when nothing could be read,
//! and every good document is still processed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ARTICLE: &str = "Officials said 40 people were hurt when the footbridge gave way on Monday.\n\n\
    Rescuers were still searching the river for two more people late in the evening, the fire service said.\n";

fn tally(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("extract")
        .arg("--jsonl")
        .args(args)
        .output()
        .expect("the tally binary runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr).lines().map(str::to_string).collect()
}

/// The `doc` records printed, as (id, text) pairs.
fn docs(out: &Output) -> Vec<(String, Option<String>)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("every stdout line is JSON"))
        .filter(|r| r["type"] == "doc")
        .map(|r| (r["doc"].as_str().unwrap_or("").to_string(), r["text"].as_str().map(str::to_string)))
        .collect()
}

/// Asserts that exactly one stderr line names `what` and that it is a `tally:` message.
fn one_error_naming(out: &Output, what: &str) -> String {
    let hits: Vec<String> = stderr_lines(out).into_iter().filter(|l| l.contains(what)).collect();
    assert_eq!(hits.len(), 1, "expected one message naming {what}, got {hits:?}");
    assert!(hits[0].starts_with("tally: "), "{}", hits[0]);
    hits[0].clone()
}

#[test]
fn empty_file_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "empty.txt", b"");
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(one_error_naming(&out, "empty.txt").contains("empty"));
    assert!(out.stdout.is_empty());
    let f = write(dir.path(), "blank.html", b"  \n\n\t ");
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(one_error_naming(&out, "blank.html").contains("empty"));
}

#[test]
fn folder_without_articles_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("notes");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "readme.md", b"# not an article\n");
    let out = tally(&[&sub]);
    assert_eq!(out.status.code(), Some(2));
    assert!(one_error_naming(&out, "notes").contains("no articles"));
}

#[test]
fn bad_utf8_is_read_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "latin1.txt", b"The caf\xe9 owner said 12 people were hurt on Monday.\n");
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(0));
    let warning = one_error_naming(&out, "latin1.txt");
    assert!(warning.contains("warning") && warning.contains("UTF-8"), "{warning}");
    assert_eq!(docs(&out).len(), 1);
    assert!(String::from_utf8_lossy(&out.stdout).contains("caf\u{fffd}"));
}

#[test]
fn fifty_megabyte_page_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.html");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    f.write_all(b"<html><head><title>Footbridge</title><script>var pad = \"").unwrap();
    let chunk = [b'x'; 1 << 20];
    for _ in 0..50 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"\";</script></head><body><article><p>").unwrap();
    f.write_all(ARTICLE.as_bytes()).unwrap();
    f.write_all(b"</p></article></body></html>").unwrap();
    drop(f);
    assert!(std::fs::metadata(&p).unwrap().len() > 50 << 20);
    let out = tally(&[&p]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let d = docs(&out);
    assert_eq!(d.len(), 1);
    assert!(d[0].1.as_deref().unwrap_or("").contains("40 people were hurt"), "{d:?}");
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    // A sparse file: its length is over the limit without writing the bytes.
    std::fs::File::create(&p).unwrap().set_len(300 << 20).unwrap();
    let good = write(dir.path(), "good.txt", ARTICLE.as_bytes());
    let out = tally(&[&p, &good]);
    assert_eq!(out.status.code(), Some(0));
    assert!(one_error_naming(&out, "huge.txt").contains("too large"));
    assert_eq!(docs(&out).len(), 1);
}

#[test]
fn binary_junk_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // Deterministic junk: a linear congruential sequence with NUL bytes and control characters.
    let mut x: u32 = 12345;
    let junk: Vec<u8> = (0..20_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let a = write(dir.path(), "junk.txt", &junk);
    let b = write(dir.path(), "junk.html", &junk);
    let out = tally(&[&a, &b]);
    assert_eq!(out.status.code(), Some(2));
    assert!(one_error_naming(&out, "junk.txt").contains("binary"));
    assert!(one_error_naming(&out, "junk.html").contains("binary"));
}

#[test]
fn truncated_html_keeps_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><title>Footbridge</title></head><body><article><p>{ARTICLE}</p><p>The council said the bri"
    );
    let f = write(dir.path(), "cut.html", page.as_bytes());
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let d = docs(&out);
    assert_eq!(d.len(), 1);
    assert!(d[0].1.as_deref().unwrap_or("").contains("40 people were hurt"), "{d:?}");
}

#[test]
fn bad_jsonl_lines_are_named_and_good_lines_processed() {
    let dir = tempfile::tempdir().unwrap();
    let lines = "{\"id\":\"a\",\"text\":\"Officials said 40 people were hurt.\"}\n\
                 this is not json\n\
                 {\"id\":\"b\",\"title\":\"no body\"}\n\
                 {\"id\":\"c\",\"text\":\"   \"}\n\
                 {\"id\":\"d\",\"text\":\"Police arrested 12 people.\"}\n";
    let f = write(dir.path(), "batch.jsonl", lines.as_bytes());
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(0));
    assert!(one_error_naming(&out, "batch.jsonl:2:").contains("not JSON"));
    assert!(one_error_naming(&out, "batch.jsonl:3:").contains("\"text\""));
    one_error_naming(&out, "batch.jsonl:4:");
    let ids: Vec<String> = docs(&out).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["a", "d"]);
    // A batch with no good line at all reads nothing.
    let f = write(dir.path(), "bad.jsonl", b"[1,2]\n{\"id\":\"x\"}\n");
    let out = tally(&[&f]);
    assert_eq!(out.status.code(), Some(2));
    one_error_naming(&out, "bad.jsonl:1:");
    one_error_naming(&out, "bad.jsonl:2:");
}

#[test]
fn good_documents_survive_bad_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(dir.path(), "a_empty.txt", b""),
        write(dir.path(), "b_good.txt", ARTICLE.as_bytes()),
        write(dir.path(), "c_junk.html", &[0u8, 1, 2, 3, 0, 0, 255, 254]),
        write(
            dir.path(),
            "d_good.html",
            format!("<html><body><article><p>{ARTICLE}</p></article></body></html>").as_bytes(),
        ),
    ];
    let out = tally(&[dir.path()]);
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<String> = docs(&out).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["b_good", "d_good"]);
    one_error_naming(&out, "a_empty.txt");
    one_error_naming(&out, "c_junk.html");
    assert!(stderr_lines(&out).iter().any(|l| l.contains("2 documents extracted, 2 inputs failed")));
    drop(files);
}

#[test]
fn gzip_is_transparent_for_every_reader() {
    let plain = tempfile::tempdir().unwrap();
    let zipped = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2025-03-04\"></head>\
         <body><article><p>{ARTICLE}</p></article></body></html>"
    );
    let jsonl = "{\"id\":\"j1\",\"text\":\"Police arrested 12 people on Friday.\",\"published\":\"2025-03-01\"}\n";
    let inputs: [(&str, &[u8]); 3] =
        [("page.html", html.as_bytes()), ("note.txt", ARTICLE.as_bytes()), ("batch.jsonl", jsonl.as_bytes())];
    for (name, bytes) in inputs {
        write(plain.path(), name, bytes);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        write(zipped.path(), &format!("{name}.gz"), &gz.finish().unwrap());
    }
    let a = tally(&[plain.path()]);
    let b = tally(&[zipped.path()]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(b.status.code(), Some(0), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(docs(&a).len(), 3);
    assert_eq!(String::from_utf8_lossy(&a.stdout), String::from_utf8_lossy(&b.stdout));
    assert!(b.stderr.is_empty(), "{}", String::from_utf8_lossy(&b.stderr));
}

#[test]
fn pathologically_nested_page_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!("<html><body>{}<p>{ARTICLE}</p></body></html>", "<div><span><b>".repeat(100_000));
    let f = write(dir.path(), "nested.html", page.as_bytes());
    let started = std::time::Instant::now();
    let out = tally(&[&f]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    assert!(one_error_naming(&out, "nested.html").contains("nested"));
}
