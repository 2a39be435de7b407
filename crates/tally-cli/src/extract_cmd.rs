use crate::input::for_each_batch;
use crate::ExtractArgs;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use tally_read::{Document, ReadOptions};

/// Documents extracted in parallel at a time; output order follows input order.
const BATCH: usize = 256;

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    crate::set_threads(args.threads)?;
    let jsonl = args.jsonl || !std::io::stdout().is_terminal();
    let opts = ReadOptions { published: args.published, any_language: args.any_language };
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let result = for_each_batch(&args.paths, &opts, BATCH, |batch, _| write_batch(batch, &mut out, jsonl));
    let counts = match result.and_then(|c| out.flush().map(|_| c)) {
        Ok(c) => c,
        // A closed pipe (`tally extract ... | head`) ends the run quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing output"),
    };
    if let Some(line) = counts.summary() {
        eprintln!("{line}");
    }
    if counts.docs == 0 {
        eprintln!("tally: no documents could be read");
        return Ok(ExitCode::from(2));
    }
    if counts.errors > 0 {
        eprintln!("tally: {} documents extracted, {} inputs failed", counts.docs, counts.errors);
    }
    Ok(ExitCode::SUCCESS)
}

/// The most output buffer reserved for one run of documents before writing it (64 MiB).
const OUTPUT_RESERVE_CAP: usize = 1 << 26;

/// How many documents of a batch one worker extracts together ([`tally_extract::extract_many`]
/// runs each stage over them in turn): as many as keep every thread busy with two runs, between
/// 8 and 128.
fn run_len(batch: usize) -> usize {
    (batch / (2 * rayon::current_num_threads().max(1))).clamp(8, 128)
}

/// `f` of each run of `batch` on the workers, in input order.
fn map_runs<'a, T: Send>(batch: &'a [Document], f: impl Fn(&'a [Document]) -> T + Sync + Send) -> Vec<T> {
    batch.par_chunks(run_len(batch.len())).map(f).collect()
}

/// Every document of `batch` extracted, in input order, runs of them on the workers.
pub fn extract_batch(batch: &[Document]) -> Vec<tally_extract::Extraction<'_>> {
    map_runs(batch, tally_extract::extract_many).into_iter().flatten().collect()
}

fn write_batch(batch: &[Document], out: &mut impl Write, jsonl: bool) -> std::io::Result<()> {
    if jsonl {
        // Extraction and serialization both run on the workers; this thread only writes bytes in
        // input order.
        let chunks = map_runs(batch, |run| {
            // Records run to about eight times the body (more when the doc record carries the
            // body itself); capacity that goes unused is never touched. Capped, so that huge
            // bodies do not ask for ten times their size up front: past the cap the buffer grows
            // as it fills.
            let text: usize = run.iter().map(|d| d.body.len()).sum();
            let mut buf = Vec::with_capacity(text.saturating_mul(10).saturating_add(4096).min(OUTPUT_RESERVE_CAP));
            for ex in tally_extract::extract_many(run) {
                tally_model::write_jsonl(&ex.records, &mut buf);
            }
            buf
        });
        for chunk in chunks {
            out.write_all(&chunk)?;
        }
        return Ok(());
    }
    let results = extract_batch(batch);
    for (doc, ex) in batch.iter().zip(&results) {
        crate::table::write_doc(out, doc, ex)?;
    }
    Ok(())
}
