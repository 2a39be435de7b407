//! Per-stage extraction throughput in MB/s of report text on one core, on a generated corpus.
//! `cargo run --release -p tally-bench --bin tally-bench -- --mb 20`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h); -1 keeps freed pages for reuse, as `tally`
/// does (see its `keep_freed_pages`), so the stages are measured as the command runs them.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

use clap::Parser;
use std::hint::black_box;
use std::time::Instant;
use tally_read::{Document, ReadOptions};

#[derive(Parser)]
struct Args {
    /// Megabytes of generated text to measure on.
    #[arg(long, default_value_t = 20.0)]
    mb: f64,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Measure on the documents of these files instead of a generated corpus.
    #[arg(long)]
    file: Vec<std::path::PathBuf>,
    /// Repetitions; the best is reported.
    #[arg(long, default_value_t = 3)]
    reps: usize,
    /// Run only the stages whose name starts with this (for profiling one stage).
    #[arg(long)]
    only: Option<String>,
    /// Only read the `--file` inputs as a stream, without keeping documents, and report the
    /// input megabytes per second (for archives: flat memory, reader throughput).
    #[arg(long)]
    read_only: bool,
}

fn best<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Documents read before extracting them, as `tally extract` reads them.
const BATCH: usize = 256;

fn main() {
    // SAFETY: sets a plain integer option of the allocator.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let a = Args::parse();
    if a.read_only {
        return read_only(&a.file);
    }
    let mut g = tally_bench::Generator::new(a.seed);
    let mut docs: Vec<Document> = Vec::new();
    let mut bytes = 0usize;
    let opts = ReadOptions::default();
    for f in &a.file {
        tally_read::read_path(f, &opts, &mut |d| {
            if let Ok(d) = d {
                bytes += d.body.len();
                docs.push(d);
            }
        });
    }
    while a.file.is_empty() && (bytes as f64) < a.mb * 1e6 {
        let r = g.report();
        let raw = format!("published: {}\n---\n{}", r.published, r.body);
        tally_read::read_bytes(raw.as_bytes(), tally_read::Format::Text, &r.id, &r.id, &opts, &mut |d| {
            if let Ok(d) = d {
                bytes += d.body.len();
                docs.push(d);
            }
        });
    }
    let mb = bytes as f64 / 1e6;
    // Load every lexicon before measuring (the first report's extraction is almost all loading).
    if let Some(d) = docs.first() {
        let t = Instant::now();
        black_box(tally_extract::extract(d));
        println!("lexicons loaded and first report read in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    println!("corpus: {} reports, {mb:.1} MB of text; best of {} runs, one core", docs.len(), a.reps);
    let only = a.only.clone().unwrap_or_default();
    let reps = |stage: &str| if stage.starts_with(only.as_str()) { a.reps } else { 0 };
    let report = |stage: &str, secs: f64| {
        if stage.starts_with(only.as_str()) {
            println!("{stage:<14} {:>9.1} MB/s  ({secs:.3} s)", mb / secs)
        }
    };

    let raws: Vec<String> = docs.iter().map(|d| format!("published: 2025-01-01\n---\n{}", d.body)).collect();
    report(
        "read",
        best(reps("read"), || {
            for r in &raws {
                tally_read::read_bytes(r.as_bytes(), tally_read::Format::Text, "x", "x", &opts, &mut |d| {
                    black_box(d.ok());
                });
            }
        }),
    );
    report(
        "analysis",
        best(reps("analysis"), || {
            for d in &docs {
                black_box(tally_text::Analysis::new(&d.body));
            }
        }),
    );
    let analyses: Vec<_> = docs.iter().map(|d| tally_text::Analysis::new(&d.body)).collect();
    report(
        "entities",
        best(reps("entities"), || {
            for an in &analyses {
                black_box(tally_entities::find(an));
            }
        }),
    );
    let entities: Vec<_> = analyses.iter().map(tally_entities::find).collect();
    report(
        "times",
        best(reps("times"), || {
            for (an, d) in analyses.iter().zip(&docs) {
                black_box(tally_times::find(an, d.meta.published));
            }
        }),
    );
    report(
        "figures",
        best(reps("figures"), || {
            for (an, e) in analyses.iter().zip(&entities) {
                black_box(tally_figures::find(an, e));
            }
        }),
    );
    report(
        "attribution",
        best(reps("attribution"), || {
            for (an, e) in analyses.iter().zip(&entities) {
                black_box(tally_attrib::find(an, e));
            }
        }),
    );
    report(
        "extract (all)",
        best(reps("extract (all)"), || {
            black_box(tally_extract::extract_many(&docs));
        }),
    );
    let extractions: Vec<_> = if reps("json output") > 0 { tally_extract::extract_many(&docs) } else { Vec::new() };
    report(
        "json output",
        best(reps("json output"), || {
            let mut out = Vec::new();
            for ex in &extractions {
                out.clear();
                tally_model::write_jsonl(&ex.records, &mut out);
                black_box(&out);
            }
        }),
    );
    report(
        "whole pipeline",
        best(reps("whole pipeline"), || {
            // As `tally extract` does on one thread: reports read in batches, each batch
            // extracted in runs (stage by stage over a run), then written.
            let mut out = Vec::new();
            let mut batch = Vec::with_capacity(BATCH);
            let mut flush = |batch: &mut Vec<tally_read::Document>| {
                for ex in tally_extract::extract_many(batch) {
                    out.clear();
                    tally_model::write_jsonl(&ex.records, &mut out);
                    black_box(&out);
                }
                batch.clear();
            };
            for r in &raws {
                tally_read::read_bytes(r.as_bytes(), tally_read::Format::Text, "x", "x", &opts, &mut |d| {
                    if let Ok(d) = d {
                        batch.push(d);
                    }
                });
                if batch.len() >= BATCH {
                    flush(&mut batch);
                }
            }
            flush(&mut batch);
        }),
    );
}

/// Streams every file through the readers, counting documents, skips and errors.
fn read_only(files: &[std::path::PathBuf]) {
    let t = Instant::now();
    let (mut docs, mut skips, mut errors, mut text) = (0usize, 0usize, 0usize, 0usize);
    let mut input = 0u64;
    for f in files {
        input += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        tally_read::read_path(f, &ReadOptions::default(), &mut |r| match r {
            Ok(d) => {
                docs += 1;
                text += d.body.len();
                black_box(d);
            }
            Err(e) if e.is_skip() => skips += 1,
            Err(_) => errors += 1,
        });
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    println!(
        "read {:.1} MB of input in {secs:.1} s: {:.1} MB/s; {docs} documents ({:.1} MB of text), {skips} skipped, {errors} errors",
        input as f64 / 1e6,
        input as f64 / 1e6 / secs,
        text as f64 / 1e6
    );
}
