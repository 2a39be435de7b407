//! Throughput of `find` on news text (run with `cargo test --release -- --ignored`): the dev
//! corpus bodies, repeated to about 8 MB. Reads the shared corpus through `../../../shared` or
//! `$TALLY_SHARED`; skipped when absent.

use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Instant;
use tally_text::Analysis;
use tally_times::find;

#[test]
#[ignore]
fn megabytes_per_second() {
    let shared = std::env::var_os("TALLY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let Ok(dir) = std::fs::read_dir(shared.join("corpus/dev")) else {
        println!("skipped: {} not found", shared.display());
        return;
    };
    let mut bodies = Vec::new();
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            if let Ok(t) = std::fs::read_to_string(&path) {
                bodies.push(t.split_once("\n---\n").map_or(t.clone(), |(_, b)| b.to_string()));
            }
        }
    }
    let one: usize = bodies.iter().map(String::len).sum();
    let rounds = (8_000_000 / one.max(1)).max(1);
    let published = NaiveDate::from_ymd_opt(2025, 8, 30);
    let t0 = Instant::now();
    for _ in 0..rounds {
        for b in &bodies {
            std::hint::black_box(Analysis::new(b));
        }
    }
    let tokenize = t0.elapsed().as_secs_f64();
    let analyses: Vec<Analysis> = bodies.iter().map(|b| Analysis::new(b)).collect();
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for an in &analyses {
            n += find(an, published).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (one * rounds) as f64 / 1e6;
    println!("find: {mb:.1} MB in {secs:.2} s = {:.1} MB/s ({n} expressions)", mb / secs);
    println!("for comparison, text analysis: {:.1} MB/s", mb / tokenize);
}
