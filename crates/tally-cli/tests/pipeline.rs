//! End-to-end: the `tally` binary on our own examples and, when present, the shared seed report.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tally")).args(args).current_dir(root()).output().expect("tally runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn records(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect()
}

/// Every span-carrying record's span holds its text in the body it indexes.
fn assert_spans_hold_text(recs: &[serde_json::Value], body_of: &dyn Fn(&str) -> String) {
    for r in recs {
        if r["type"] == "doc" {
            continue;
        }
        let body = body_of(r["doc"].as_str().unwrap_or_default());
        let (s, e) = (r["span"][0].as_u64().unwrap() as usize, r["span"][1].as_u64().unwrap() as usize);
        assert_eq!(body.get(s..e), r["text"].as_str(), "span of {r}");
    }
}

fn header_body(raw: &str) -> String {
    match raw.find("\n---\n") {
        Some(i) if raw.lines().next().is_some_and(|l| l.contains(':')) => raw[i + 5..].to_string(),
        _ => raw.to_string(),
    }
}

#[test]
fn examples_yield_every_record_type_with_exact_spans() {
    let (code, out, err) = run(&["extract", "examples", "--jsonl"]);
    assert_eq!(code, 0, "stderr: {err}");
    let recs = records(&out);
    for kind in ["doc", "figure", "quote", "time", "entity"] {
        assert!(recs.iter().any(|r| r["type"] == kind), "no {kind} record");
    }
    let docs: Vec<_> = recs.iter().filter(|r| r["type"] == "doc").collect();
    assert_eq!(docs.len(), 6, "five text reports and a JSONL batch of two, one doc each");
    let examples = root().join("examples");
    let batch: Vec<serde_json::Value> = std::fs::read_to_string(examples.join("wire-batch.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_spans_hold_text(&recs, &|doc| {
        if let Some(b) = batch.iter().find(|b| b["id"] == doc) {
            return b["text"].as_str().unwrap().to_string();
        }
        header_body(&std::fs::read_to_string(examples.join(format!("{doc}.txt"))).unwrap())
    });
}

#[test]
fn published_flag_fills_a_missing_date_only() {
    let dir = std::env::temp_dir().join(format!("tally-pub-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("note.txt");
    std::fs::write(&f, "Officials said on Friday that 12 people were hurt.").unwrap();
    let (code, out, _) = run(&["extract", f.to_str().unwrap(), "--jsonl", "--published", "2025-08-30"]);
    assert_eq!(code, 0);
    let recs = records(&out);
    assert_eq!(recs[0]["published"], "2025-08-30");
    let (code, _, err) = run(&["extract", f.to_str().unwrap(), "--published", "30/08/2025"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn seed_report_from_shared_emits_every_record_type() {
    let seed = root().join("../shared/corpus/dev/seed.txt");
    if !seed.exists() {
        println!("skipped: {} not found", seed.display());
        return;
    }
    let (code, out, err) = run(&["extract", seed.to_str().unwrap(), "--jsonl"]);
    assert_eq!(code, 0, "stderr: {err}");
    let recs = records(&out);
    for kind in ["doc", "figure", "quote", "time", "entity"] {
        assert!(recs.iter().any(|r| r["type"] == kind), "no {kind} record for the seed");
    }
    assert_eq!(recs[0]["doc"], "seed");
    assert_eq!(recs[0]["published"], "2025-08-30");
    let body = header_body(&std::fs::read_to_string(&seed).unwrap());
    assert_spans_hold_text(&recs, &|_| body.clone());
}
