//! Reading inputs in batches, shared by `extract` and `ingest`: every document is read once,
//! each bad input is reported on stderr with its name, and the rest go on.

use std::path::PathBuf;
use tally_read::{Document, ReadOptions};

/// Counts of what reading saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadCounts {
    pub docs: usize,
    pub errors: usize,
    pub bytes: usize,
}

/// Reads every path and calls `each` with batches of at most `batch` documents, in input order.
/// Stops at the first error `each` returns.
pub fn for_each_batch<E>(
    paths: &[PathBuf],
    opts: &ReadOptions,
    batch: usize,
    mut each: impl FnMut(&mut Vec<Document>, &ReadCounts) -> Result<(), E>,
) -> Result<ReadCounts, E> {
    let (files, walk_errors) = tally_read::expand_paths(paths);
    let mut counts = ReadCounts::default();
    for e in &walk_errors {
        eprintln!("tally: {e}");
        counts.errors += 1;
    }
    let mut docs: Vec<Document> = Vec::with_capacity(batch);
    let mut failure: Option<E> = None;
    for file in &files {
        tally_read::read_path(file, opts, &mut |r| {
            if failure.is_some() {
                return;
            }
            match r {
                Ok(doc) => {
                    for w in &doc.warnings {
                        eprintln!("tally: warning: {w}");
                    }
                    counts.docs += 1;
                    counts.bytes += doc.body.len();
                    docs.push(doc);
                    if docs.len() >= batch {
                        if let Err(e) = each(&mut docs, &counts) {
                            failure = Some(e);
                        }
                        docs.clear();
                    }
                }
                Err(e) => {
                    eprintln!("tally: {e}");
                    counts.errors += 1;
                }
            }
        });
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    if !docs.is_empty() {
        each(&mut docs, &counts)?;
    }
    Ok(counts)
}
