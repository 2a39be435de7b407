//! The ledger end to end through the `tally` binary: idempotent ingest, syndicated copies,
//! series queries, exports, and a store that survives `kill -9` mid-ingest.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tally(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(root())
        .output()
        .expect("tally runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

/// Everything a store holds, as text, to compare two states.
fn snapshot(db: &Path) -> String {
    let (_, claims, _) = tally(db, &["export", "--format", "jsonl"]);
    let (_, docs, _) = tally(db, &["docs", "--format", "jsonl"]);
    let (_, stats, _) = tally(db, &["stats", "--format", "jsonl"]);
    format!("{stats}\n{docs}\n{claims}")
}

#[test]
fn reingesting_examples_changes_nothing_and_copies_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (code, _, err) = tally(&db, &["ingest", "examples"]);
    assert_eq!(code, 0, "{err}");
    let first = snapshot(&db);
    let (code, _, err) = tally(&db, &["ingest", "examples"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 new") && err.contains("already stored"), "{err}");
    assert_eq!(first, snapshot(&db), "a second ingest changed the store");
    // On one thread (the store in turn, not on a thread of its own), the same.
    let (code, _, err) = tally(&db, &["ingest", "--threads", "1", "examples"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 new") && err.contains("already stored"), "{err}");
    assert_eq!(first, snapshot(&db), "a third ingest changed the store");

    let (_, docs, _) = tally(&db, &["docs", "--format", "jsonl"]);
    let docs = jsonl(&docs);
    let id_of = |name: &str| docs.iter().find(|d| d["doc"] == name).map(|d| d["id"].clone()).unwrap();
    let copy = docs.iter().find(|d| d["doc"] == "cyclone-day1-coastal-times").unwrap();
    assert_eq!(
        copy["syndicated_of"],
        id_of("cyclone-day1-meridian"),
        "the republished wire story links to the wire's copy"
    );
    assert_eq!(docs.iter().filter(|d| !d["syndicated_of"].is_null()).count(), 1, "only one copy among the examples");

    // A copy's claims carry the flag and do not add independent sources.
    let (_, claims, _) = tally(&db, &["export", "--format", "jsonl"]);
    let claims = jsonl(&claims);
    for c in claims.iter().filter(|c| c["doc"] == "cyclone-day1-coastal-times") {
        assert!(c["flags"].as_array().unwrap().iter().any(|f| f == "syndicated"), "{c}");
    }
    let (_, series, _) = tally(&db, &["series", "--format", "jsonl"]);
    for s in jsonl(&series) {
        let (_, rows, _) = tally(&db, &["show", &s["id"].to_string(), "--format", "jsonl"]);
        let rows = jsonl(&rows);
        let mut originals: Vec<String> = rows
            .iter()
            .filter(|r| r["syndicated_of"].is_null())
            .map(|r| {
                if r["source_key"] == "" {
                    format!("reporter:{}", r["outlet"].as_str().unwrap_or(""))
                } else {
                    r["source_key"].as_str().unwrap().to_string()
                }
            })
            .collect();
        originals.sort();
        originals.dedup();
        assert_eq!(s["independent_sources"], originals.len(), "series {}", s["label"]);
        let flagged = rows.iter().filter(|r| r["flags"].as_array().unwrap().iter().any(|f| f == "conflict")).count();
        assert_eq!(s["conflicts"], flagged, "stored conflict count of series {}", s["label"]);
    }
}

#[test]
fn exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(tally(&db, &["ingest", "examples"]).0, 0);
    let (code, csv, _) = tally(&db, &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let (_, all, _) = tally(&db, &["export", "--format", "jsonl"]);
    let n = jsonl(&all).len();
    assert!(n > 0);
    assert!(csv.starts_with("claim_id,series_id,doc,"));
    let pq = dir.path().join("claims.parquet");
    let (code, _, err) = tally(&db, &["export", "--format", "parquet", "--out", pq.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a Parquet file");
    assert!(err.contains(&format!("exported {n} claims")), "{err}");
    let (code, _, err) = tally(&db, &["export", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown export format"), "{err}");
}

#[test]
fn queries_on_a_missing_store_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let (code, _, err) = tally(&db, &["series"]);
    assert_eq!(code, 2);
    assert!(err.contains("none.db") && err.contains("no such store"), "{err}");
    assert!(!db.exists(), "a query must not create a store");
}

#[test]
fn killed_ingest_leaves_a_consistent_store_and_the_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let corpus = dir.path().join("corpus.jsonl");
    let mut gen = tally_bench::Generator::new(11);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    let total = 4000;
    for _ in 0..total {
        let r = gen.report();
        serde_json::to_writer(&mut f, &serde_json::json!({"id": r.id, "published": r.published, "text": r.body}))
            .unwrap();
        f.write_all(b"\n").unwrap();
    }
    f.flush().unwrap();
    drop(f);

    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", corpus.to_str().unwrap(), "--threads", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first committed batch, then kill the process without warning.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        std::thread::sleep(Duration::from_millis(5));
        if db.exists() {
            if let Ok(l) = tally_ledger::Ledger::open_read_only(&db) {
                if l.stats().map(|s| s.documents > 0).unwrap_or(false) {
                    break;
                }
            }
        }
        assert!(Instant::now() < deadline, "ingest made no progress");
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let l = tally_ledger::Ledger::open_read_only(&db).unwrap();
    assert_eq!(l.check().unwrap(), Vec::<String>::new());
    let partial = l.stats().unwrap();
    assert!(partial.documents > 0 && partial.documents < total, "killed midway: {partial:?}");
    // Every stored document is whole: its claims are all there.
    for d in l.docs(i64::MAX, 0).unwrap() {
        let (_, _, records) = l.doc(&d.id.to_string()).unwrap().unwrap();
        let figures = records.lines().filter(|r| r.contains("\"type\":\"figure\"")).count() as i64;
        assert_eq!(figures, d.claims, "document {} lost claims", d.doc);
    }
    drop(l);

    let (code, _, err) = tally(&db, &["ingest", corpus.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let l = tally_ledger::Ledger::open_read_only(&db).unwrap();
    let done = l.stats().unwrap();
    assert_eq!(l.check().unwrap(), Vec::<String>::new());
    let unique: std::collections::HashSet<String> = std::fs::read_to_string(&corpus)
        .unwrap()
        .lines()
        .map(|line| {
            tally_ledger::content_hash(
                serde_json::from_str::<serde_json::Value>(line).unwrap()["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(done.documents as usize, unique.len(), "every distinct report stored exactly once");
    assert!(
        err.contains(&format!("{} already stored", partial.documents)) || partial.documents as usize == unique.len(),
        "{err}"
    );
}

#[test]
fn development_set_twice_gives_the_same_store_and_the_seed_figures_line_up() {
    let dev = root().join("../shared/corpus/dev");
    if !dev.exists() {
        println!("skipped: {} not found", dev.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dev.db");
    let dev_s = dev.to_str().unwrap();
    assert_eq!(tally(&db, &["ingest", dev_s]).0, 0);
    let first = snapshot(&db);
    assert_eq!(tally(&db, &["ingest", dev_s]).0, 0);
    assert_eq!(first, snapshot(&db), "a second ingest of the development set changed the store");

    let (_, claims, _) = tally(&db, &["export", "--format", "jsonl"]);
    let seed: Vec<serde_json::Value> = jsonl(&claims).into_iter().filter(|c| c["doc"] == "seed").collect();
    let find = |n: &str| {
        seed.iter()
            .find(|c| c["text"].as_str().unwrap_or("").contains(n))
            .unwrap_or_else(|| panic!("no seed claim {n}"))
    };
    let (range, more, toll) = (find("10,000"), find("3,000"), find("4,700"));
    let mut series: Vec<i64> = [range, more, toll].iter().map(|c| c["series_id"].as_i64().unwrap()).collect();
    series.sort();
    series.dedup();
    assert!((2..=3).contains(&series.len()), "the seed's figures fall in two or three series: {series:?}");
    for c in [range, more, toll] {
        assert!(!c["source_key"].as_str().unwrap_or("").is_empty(), "claim without source: {c}");
        assert!(c["subject"] == "North Korea", "{c}");
    }
    assert!(more["stated_start"] == "2025-03-01" && toll["stated_start"] == "2025-04-01", "{more} {toll}");
}
