use crate::ExtractArgs;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use tally_read::{Document, ReadOptions};

/// Documents extracted in parallel at a time; output order follows input order.
const BATCH: usize = 256;

struct Counts {
    docs: usize,
    errors: usize,
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().context("starting worker threads")?;
    }
    let jsonl = args.jsonl || !std::io::stdout().is_terminal();
    let opts = ReadOptions { published: args.published };
    let (files, walk_errors) = tally_read::expand_paths(&args.paths);
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 16, stdout);
    let mut counts = Counts { docs: 0, errors: 0 };
    for e in &walk_errors {
        eprintln!("tally: {e}");
        counts.errors += 1;
    }
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut write_error: Option<std::io::Error> = None;
    for file in &files {
        tally_read::read_path(file, &opts, &mut |r| match r {
            Ok(doc) => {
                for w in &doc.warnings {
                    eprintln!("tally: warning: {w}");
                }
                batch.push(doc);
                if batch.len() >= BATCH && write_error.is_none() {
                    if let Err(e) = flush(&mut batch, &mut out, jsonl, &mut counts) {
                        write_error = Some(e);
                    }
                }
            }
            Err(e) => {
                eprintln!("tally: {e}");
                counts.errors += 1;
            }
        });
        if let Some(e) = write_error.take() {
            return handle_write_error(e);
        }
    }
    if let Err(e) = flush(&mut batch, &mut out, jsonl, &mut counts).and_then(|_| out.flush()) {
        return handle_write_error(e);
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

/// A closed pipe (`tally extract ... | head`) ends the run quietly; other write errors are real.
fn handle_write_error(e: std::io::Error) -> Result<ExitCode> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Ok(ExitCode::SUCCESS);
    }
    Err(e).context("writing output")
}

fn flush(batch: &mut Vec<Document>, out: &mut impl Write, jsonl: bool, counts: &mut Counts) -> std::io::Result<()> {
    let results: Vec<_> = batch.par_iter().map(tally_extract::extract).collect();
    for (doc, ex) in batch.iter().zip(&results) {
        if jsonl {
            for r in &ex.records {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        } else {
            crate::table::write_doc(out, doc, ex)?;
        }
    }
    counts.docs += batch.len();
    batch.clear();
    Ok(())
}
