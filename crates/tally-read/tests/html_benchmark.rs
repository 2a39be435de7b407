//! Main-content extraction quality on the article-extraction benchmark kept in the shared
//! folder (181 real pages with a person's marking of the article body). Computes the
//! benchmark's own metric (4-word shingles, per-page normalised counts, F1 of mean precision
//! and mean recall) and holds a floor. Skipped when the benchmark is absent.

use std::collections::HashMap;
use std::path::Path;
use tally_read::{read_path, ReadOptions};

const FLOOR: f64 = 0.965;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect()
}

fn shingles<'a>(words: &[&'a str]) -> HashMap<Vec<&'a str>, i64> {
    let mut out = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            out.insert(words.to_vec(), 1);
        }
        return out;
    }
    for w in words.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// (precision, recall) of one page, `None` where the benchmark leaves a mean out.
fn page_scores(truth: &str, pred: &str) -> (Option<f64>, Option<f64>) {
    let (tw, pw) = (words(truth), words(pred));
    let (t, p) = (shingles(&tw), shingles(&pw));
    let tp: i64 = t.iter().map(|(k, n)| (*n).min(*p.get(k).unwrap_or(&0))).sum();
    let fp = p.values().sum::<i64>() - tp;
    let fn_ = t.values().sum::<i64>() - tp;
    if fp == 0 && fn_ == 0 {
        return (Some(1.0), Some(1.0));
    }
    let precision = (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64);
    let recall = (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64);
    (precision, recall)
}

#[test]
fn article_body_f1_holds_the_floor() {
    // The shared folder sits beside the workspace; `TALLY_SHARED` may point elsewhere.
    let shared = std::env::var("TALLY_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let bench = Path::new(&shared).join("conformance/article-extraction-benchmark");
    let Ok(gold) = std::fs::read_to_string(bench.join("ground-truth.json")) else {
        eprintln!("skipped: {} not found", bench.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("ground truth is JSON");
    let gold = gold.as_object().expect("ground truth is an object");
    let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
    let mut failed = 0;
    for (id, page) in gold {
        let truth = page["articleBody"].as_str().unwrap_or("");
        let mut pred = String::new();
        read_path(&bench.join("html").join(format!("{id}.html.gz")), &ReadOptions::default(), &mut |r| match r {
            Ok(d) => pred = d.body,
            Err(_) => failed += 1,
        });
        let (p, r) = page_scores(truth, &pred);
        precisions.extend(p);
        recalls.extend(r);
    }
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    eprintln!("article body: F1 {f1:.3}  precision {p:.3}  recall {r:.3}  ({} pages, {failed} unread)", gold.len());
    assert!(f1 >= FLOOR, "article-body F1 {f1:.3} fell below {FLOOR}");
}

#[test]
fn metric_matches_its_definition() {
    assert_eq!(page_scores("a b c d e", "a b c d e"), (Some(1.0), Some(1.0)));
    // Truth has shingles abcd, bcde; prediction abcd, bcdx: tp 1, fp 1, fn 1.
    assert_eq!(page_scores("a b c d e", "a b c d x"), (Some(0.5), Some(0.5)));
    assert_eq!(page_scores("", "a b"), (Some(0.0), None));
}
