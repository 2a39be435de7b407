//! Reading inputs in batches, shared by `extract` and `ingest`: every document is read once,
//! each bad input is reported on stderr with its name, and the rest go on. Documents reliably
//! identified as not English are skipped with a note; records that are not documents
//! (redirects, PDFs in an archive) are only counted. The summary counts both by kind.

use std::collections::BTreeMap;
use std::path::PathBuf;
use tally_read::{Document, ReadError, ReadOptions, SkipReason};

/// Counts of what reading saw.
#[derive(Debug, Default, Clone)]
pub struct ReadCounts {
    pub docs: usize,
    pub errors: usize,
    pub bytes: usize,
    /// Documents read, by the reader that produced them (`html`, `warc`, `feed`, ...).
    pub kinds: BTreeMap<&'static str, usize>,
    /// Records not read as documents, by reason (`redirect`, `not English`, ...).
    pub skipped: BTreeMap<&'static str, usize>,
}

impl ReadCounts {
    /// One line for stderr with documents by kind and skips by reason, when there is more to
    /// say than plain files give (an archive, a feed, a skip); `None` otherwise.
    pub fn summary(&self) -> Option<String> {
        let plain = self.kinds.keys().all(|k| matches!(*k, "text" | "html" | "jsonl"));
        if plain && self.skipped.is_empty() {
            return None;
        }
        let list = |m: &BTreeMap<&'static str, usize>| {
            m.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
        };
        let mut line = format!("tally: {} documents read ({})", self.docs, list(&self.kinds));
        if !self.skipped.is_empty() {
            let n: usize = self.skipped.values().sum();
            line.push_str(&format!("; {n} skipped ({})", list(&self.skipped)));
        }
        Some(line)
    }
}

/// Whether a document must be skipped for its language: it declares no English language tag
/// and its text is reliably identified as another language.
fn foreign(doc: &Document) -> Option<&'static str> {
    let declared_english = doc.meta.lang.as_deref().is_some_and(|l| {
        let l = l.trim().to_ascii_lowercase();
        l == "en" || l.starts_with("en-") || l.starts_with("en_")
    });
    if declared_english {
        return None;
    }
    tally_read::foreign_language(&doc.body)
}

/// Reads every path and calls `each` with batches of at most `batch` documents, in input order.
/// Stops at the first error `each` returns. With more than one worker thread, reading runs on a
/// thread of its own, one batch ahead, so that parsing input overlaps extraction instead of
/// leaving the workers idle; with one, everything stays on this thread.
pub fn for_each_batch<E: Send>(
    paths: &[PathBuf],
    opts: &ReadOptions,
    batch: usize,
    mut each: impl FnMut(&mut Vec<Document>, &ReadCounts) -> Result<(), E>,
) -> Result<ReadCounts, E> {
    if rayon::current_num_threads() <= 1 {
        return read_batches(paths, opts, batch, each);
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Document>, ReadCounts)>(1);
        let reader = scope.spawn(move || {
            read_batches(paths, opts, batch, |docs, counts| {
                // A closed channel means the consumer stopped on an error: stop reading too.
                tx.send((std::mem::take(docs), counts.clone())).map_err(|_| ())
            })
        });
        let mut failure = None;
        for (mut docs, counts) in rx.iter() {
            if let Err(e) = each(&mut docs, &counts) {
                failure = Some(e);
                break;
            }
        }
        drop(rx);
        let counts = match reader.join() {
            Ok(counts) => counts,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // The reader stops early only when the consumer has gone, which sets `failure`.
        match failure {
            Some(e) => Err(e),
            None => Ok(counts.unwrap_or_default()),
        }
    })
}

/// [`for_each_batch`] on the calling thread.
fn read_batches<E>(
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
                    let foreign_lang = if opts.any_language { None } else { foreign(&doc) };
                    if let Some(lang) = foreign_lang {
                        let reason = SkipReason::Language { lang: lang.to_string() };
                        *counts.skipped.entry(reason.label()).or_default() += 1;
                        eprintln!("tally: {}", ReadError::Skipped { path: doc.origin, reason });
                        return;
                    }
                    for w in &doc.warnings {
                        eprintln!("tally: warning: {w}");
                    }
                    counts.docs += 1;
                    counts.bytes += doc.body.len();
                    *counts.kinds.entry(doc.format.name()).or_default() += 1;
                    docs.push(doc);
                    if docs.len() >= batch {
                        if let Err(e) = each(&mut docs, &counts) {
                            failure = Some(e);
                        }
                        docs.clear();
                    }
                }
                Err(ReadError::Skipped { reason, .. }) => {
                    *counts.skipped.entry(reason.label()).or_default() += 1;
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
