//! Ledger commands: ingest, series, show, docs, doc, stats, export.

use crate::input::{for_each_batch, ReadCounts};
use crate::table::value_text;
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tally_ledger::{ClaimRow, ExportFormat, Ledger, NewDocument, PreparedDocument, Stored};
use tally_read::{Document, ReadOptions};

/// How a query prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Jsonl,
    Csv,
}

pub fn output_format(f: Option<OutputFormat>) -> OutputFormat {
    f.unwrap_or(if std::io::stdout().is_terminal() { OutputFormat::Table } else { OutputFormat::Jsonl })
}

/// Documents per write transaction.
const BATCH: usize = 256;

/// What the store did with the documents of an ingest.
#[derive(Default)]
struct StoreCounts {
    new: usize,
    copies: usize,
    dupes: usize,
}

impl StoreCounts {
    fn add(&mut self, outcomes: &[Stored]) {
        for s in outcomes {
            match s {
                Stored::New(_) => self.new += 1,
                Stored::Syndicated { .. } => self.copies += 1,
                Stored::Duplicate(_) => self.dupes += 1,
            }
        }
    }
}

/// Prepares a batch for the store on the workers: records, fingerprints, packed records and
/// claims need no store. Documents `seen` already holds (same content) are counted as
/// duplicates and dropped before extraction; a copy stored since, or twice in one batch, is
/// still caught by the store's own check.
fn prepare(batch: &mut Vec<Document>, seen: &Ledger, stored: &mut StoreCounts) -> Result<Vec<PreparedDocument>> {
    let hashes: Vec<String> = batch.par_iter().map(|d| tally_ledger::content_hash(&d.body)).collect();
    let mut fresh = Vec::with_capacity(batch.len());
    let mut fresh_hashes = Vec::with_capacity(batch.len());
    for (d, h) in std::mem::take(batch).into_iter().zip(hashes) {
        if seen.stored_document(&h)?.is_some() {
            stored.dupes += 1;
        } else {
            fresh.push(d);
            fresh_hashes.push(h);
        }
    }
    let extractions = crate::extract_cmd::extract_batch(&fresh);
    let prepared = fresh
        .par_iter()
        .zip(&extractions)
        .zip(fresh_hashes)
        .map(|((d, ex), hash)| {
            NewDocument {
                doc: &d.id,
                origin: &d.origin,
                title: d.meta.title.as_deref(),
                url: d.meta.url.as_deref(),
                outlet: d.meta.outlet.as_deref(),
                published: d.meta.published,
                body: &d.body,
                records: &ex.records,
            }
            .prepare_hashed(hash)
        })
        .collect();
    Ok(prepared)
}

pub fn ingest(db: &Path, paths: &[PathBuf], opts: ReadOptions, threads: Option<usize>) -> Result<ExitCode> {
    crate::set_threads(threads)?;
    let mut ledger = Ledger::open(db)?;
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(b)
    } else {
        None
    };
    // A second, read-only connection finds documents already stored before they are extracted.
    let seen = Ledger::open_read_only(db)?;
    let start = Instant::now();
    let mut stored = StoreCounts::default();
    let mut known = StoreCounts::default();
    let progress = |counts: &ReadCounts| {
        if let Some(b) = &bar {
            let secs = start.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!(
                "{} documents, {:.1} MB/s, {} errors",
                counts.docs,
                counts.bytes as f64 / 1e6 / secs,
                counts.errors
            ));
        }
    };
    let counts = if rayon::current_num_threads() <= 1 {
        for_each_batch(paths, &opts, BATCH, |batch, counts| -> Result<()> {
            stored.add(&ledger.ingest_prepared(&prepare(batch, &seen, &mut known)?)?);
            progress(counts);
            Ok(())
        })?
    } else {
        // The store's transaction is the one part of ingest that runs on one core: it writes a
        // batch on a thread of its own while the workers extract and prepare the next.
        std::thread::scope(|scope| -> Result<ReadCounts> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<PreparedDocument>>(1);
            let (ledger, stored) = (&mut ledger, &mut stored);
            let writer = scope.spawn(move || -> Result<()> {
                for docs in rx {
                    stored.add(&ledger.ingest_prepared(&docs)?);
                }
                Ok(())
            });
            let read = for_each_batch(paths, &opts, BATCH, |batch, counts| -> Result<()> {
                // A closed channel means the store stopped on an error, which `writer` returns.
                if tx.send(prepare(batch, &seen, &mut known)?).is_err() {
                    bail!("the store stopped");
                }
                progress(counts);
                Ok(())
            });
            drop(tx);
            match writer.join() {
                // The store's error first: it is why reading stopped.
                Ok(written) => written.and(read),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })?
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = start.elapsed().as_secs_f64().max(1e-3);
    if let Some(line) = counts.summary() {
        eprintln!("{line}");
    }
    eprintln!(
        "tally: {} read: {} new, {} syndicated copies, {} already stored, {} errors; {:.1} MB in {secs:.1} s ({:.1} MB/s) into {}",
        counts.docs,
        stored.new,
        stored.copies,
        stored.dupes + known.dupes,
        counts.errors,
        counts.bytes as f64 / 1e6,
        counts.bytes as f64 / 1e6 / secs,
        db.display()
    );
    Ok(if counts.docs == 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn clip(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n.saturating_sub(1)).collect::<String>())
    }
}

fn range_text(low: Option<f64>, high: Option<f64>) -> String {
    value_text(&tally_model::Value { low, high, approx: false })
}

fn write_jsonl<T: serde::Serialize>(rows: &[T]) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for r in rows {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(out.flush()?)
}

pub fn series(db: &Path, text: Option<&str>, format: OutputFormat) -> Result<()> {
    let ledger = Ledger::open_read_only(db)?;
    let rows = ledger.series(text, i64::MAX, 0)?;
    match format {
        OutputFormat::Jsonl => write_jsonl(&rows)?,
        OutputFormat::Csv => {
            println!("id,label,claims,documents,independent_sources,conflicts,low,high,latest_stated");
            for s in &rows {
                println!(
                    "{},{},{},{},{},{},{},{},{}",
                    s.id,
                    csv(&s.label),
                    s.claims,
                    s.documents,
                    s.independent_sources,
                    s.conflicts,
                    s.low.map(|v| v.to_string()).unwrap_or_default(),
                    s.high.map(|v| v.to_string()).unwrap_or_default(),
                    s.latest_stated.clone().unwrap_or_default()
                );
            }
        }
        OutputFormat::Table => {
            println!(
                "{:>4}  {:<58} {:>6} {:>8} {:>9} {:<20} latest",
                "id", "series", "claims", "sources", "conflicts", "range"
            );
            for s in &rows {
                println!(
                    "{:>4}  {:<58} {:>6} {:>8} {:>9} {:<20} {}",
                    s.id,
                    clip(&s.label, 58),
                    s.claims,
                    s.independent_sources,
                    s.conflicts,
                    clip(&range_text(s.low, s.high), 20),
                    s.latest_stated.clone().unwrap_or_else(|| "-".into())
                );
            }
            if rows.is_empty() {
                println!("(no series{})", text.map(|t| format!(" matching {t:?}")).unwrap_or_default());
            }
        }
    }
    Ok(())
}

fn source_text(c: &ClaimRow) -> String {
    let list = c.sources.as_array().map(Vec::as_slice).unwrap_or(&[]);
    if list.is_empty() {
        return format!("(reporter: {})", c.outlet.as_deref().unwrap_or(&c.doc));
    }
    list.iter()
        .map(|s| {
            let name = s["name"].as_str().or(s["text"].as_str()).unwrap_or("?");
            format!("{name} [{}]", s["cue"].as_str().unwrap_or(""))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn show(db: &Path, what: &str, format: OutputFormat) -> Result<ExitCode> {
    let ledger = Ledger::open_read_only(db)?;
    let Some(series) = ledger.find_series(what)? else {
        eprintln!("tally: no single series matches {what:?} (see `tally series`)");
        return Ok(ExitCode::from(2));
    };
    let rows = ledger.timeline(series.id)?;
    match format {
        OutputFormat::Jsonl => write_jsonl(&rows)?,
        OutputFormat::Csv => {
            ledger.export(Some(series.id), ExportFormat::Csv, &mut std::io::stdout())?;
        }
        OutputFormat::Table => {
            println!(
                "{} (series {}): {} claims, {} independent sources\n",
                series.label, series.id, series.claims, series.independent_sources
            );
            println!(
                "{:<11} {:<22} {:<16} {:<40} {:<24} flags",
                "stated", "event time", "value", "source", "outlet / doc"
            );
            for c in &rows {
                let event = match (&c.time_start, &c.time_end) {
                    (Some(s), Some(e)) if s == e => s.clone(),
                    (Some(s), Some(e)) => format!("{s}..{e}"),
                    _ => "-".into(),
                };
                let value = value_text(&tally_model::Value { low: c.low, high: c.high, approx: c.approx });
                println!(
                    "{:<11} {:<22} {:<16} {:<40} {:<24} {}",
                    c.said_on().unwrap_or("-"),
                    event,
                    format!("{value} {}", c.unit.as_deref().unwrap_or("")).trim(),
                    clip(&source_text(c), 40),
                    clip(&format!("{} / {}", c.outlet.as_deref().unwrap_or("-"), c.doc), 24),
                    c.flags.join(" ")
                );
                println!("            “{}”", clip(&c.evidence, 110));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn docs(db: &Path, format: OutputFormat) -> Result<()> {
    let ledger = Ledger::open_read_only(db)?;
    let rows = ledger.docs(i64::MAX, 0)?;
    match format {
        OutputFormat::Jsonl => write_jsonl(&rows)?,
        OutputFormat::Csv => {
            println!("id,doc,published,outlet,claims,syndicated_of,title");
            for d in &rows {
                println!(
                    "{},{},{},{},{},{},{}",
                    d.id,
                    csv(&d.doc),
                    d.published.clone().unwrap_or_default(),
                    csv(d.outlet.as_deref().unwrap_or("")),
                    d.claims,
                    d.syndicated_of.map(|v| v.to_string()).unwrap_or_default(),
                    csv(d.title.as_deref().unwrap_or(""))
                );
            }
        }
        OutputFormat::Table => {
            println!("{:>4}  {:<10} {:<20} {:>6} {:<8} title", "id", "published", "outlet", "claims", "copy of");
            for d in &rows {
                println!(
                    "{:>4}  {:<10} {:<20} {:>6} {:<8} {}",
                    d.id,
                    d.published.as_deref().unwrap_or("-"),
                    clip(d.outlet.as_deref().unwrap_or("-"), 20),
                    d.claims,
                    d.syndicated_of.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                    clip(d.title.as_deref().unwrap_or(&d.doc), 70)
                );
            }
        }
    }
    Ok(())
}

pub fn doc(db: &Path, what: &str, format: OutputFormat) -> Result<ExitCode> {
    let ledger = Ledger::open_read_only(db)?;
    let Some((row, body, records)) = ledger.doc(what)? else {
        eprintln!("tally: no document {what:?} in {}", db.display());
        return Ok(ExitCode::from(2));
    };
    match format {
        OutputFormat::Jsonl | OutputFormat::Csv => println!("{records}"),
        OutputFormat::Table => {
            println!(
                "== {} ({}) {}",
                row.doc,
                row.published.as_deref().unwrap_or("no date"),
                row.outlet.as_deref().unwrap_or("")
            );
            if let Some(t) = &row.title {
                println!("   {t}");
            }
            println!("\n{}\n", body.trim());
            for line in records.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                if v["type"] == "figure" {
                    let value: tally_model::Value = serde_json::from_value(v["value"].clone()).unwrap_or_default();
                    println!(
                        "  figure  {:<14} {:<10} {:<18} {}",
                        value_text(&value),
                        v["unit"].as_str().unwrap_or("-"),
                        v["measure"].as_str().unwrap_or("-"),
                        v["text"].as_str().unwrap_or("")
                    );
                } else if v["type"] == "quote" {
                    println!(
                        "  quote   {:<24} {}",
                        v["speaker"]["name"].as_str().or(v["speaker"]["text"].as_str()).unwrap_or("?"),
                        clip(v["text"].as_str().unwrap_or(""), 80)
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(db: &Path, format: OutputFormat) -> Result<()> {
    let ledger = Ledger::open_read_only(db)?;
    let s = ledger.stats()?;
    match format {
        OutputFormat::Table => {
            println!("store      {}", db.display());
            println!("documents  {} ({} syndicated copies)", s.documents, s.syndicated);
            println!("claims     {}", s.claims);
            println!("series     {}", s.series);
            println!("sources    {}", s.sources);
            println!("schema     v{}", s.schema_version);
        }
        _ => write_jsonl(&[s])?,
    }
    Ok(())
}

pub fn export(db: &Path, format: &str, series: Option<&str>, out: Option<&Path>) -> Result<()> {
    let ledger = Ledger::open_read_only(db)?;
    let fmt = match format {
        "jsonl" => ExportFormat::Jsonl,
        "csv" => ExportFormat::Csv,
        "parquet" => ExportFormat::Parquet,
        other => bail!("unknown export format {other:?} (jsonl, csv or parquet)"),
    };
    let series_id = match series {
        Some(s) => Some(ledger.find_series(s)?.with_context(|| format!("no single series matches {s:?}"))?.id),
        None => None,
    };
    if fmt == ExportFormat::Parquet && out.is_none() && std::io::stdout().is_terminal() {
        bail!("Parquet is binary: name a file with --out or redirect standard output");
    }
    let n = match out {
        Some(p) => {
            let mut f = BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?);
            let n = ledger.export(series_id, fmt, &mut f)?;
            f.flush().with_context(|| format!("writing {}", p.display()))?;
            n
        }
        None => {
            let mut f = BufWriter::new(std::io::stdout());
            let n = ledger.export(series_id, fmt, &mut f)?;
            f.flush()?;
            n
        }
    };
    eprintln!("tally: exported {n} claims");
    Ok(())
}
