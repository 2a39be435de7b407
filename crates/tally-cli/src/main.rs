//! The `tally` command line: a thin edge over the pipeline crates.

mod extract_cmd;
mod input;
mod ledger_cmd;
mod table;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use ledger_cmd::OutputFormat;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the pipeline allocates many small, short-lived vectors per sentence; it is faster
/// than the system allocator at that and keeps the heap from fragmenting over long batches.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h); -1 keeps freed pages for reuse.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// By default mimalloc hands freed pages back to the system a second after a batch lets them go,
/// and the next batch faults them in again: with transparent huge pages each fault zeroes 2 MiB,
/// a tenth of the run on a 10 MB batch. Keeping them costs nothing in peak memory (each batch
/// needs about as much as the one before) and makes runs steadier.
fn keep_freed_pages() {
    // SAFETY: sets a plain integer option of the allocator; mimalloc reads it on each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(name = "tally", version, about = "Sourced, dated, checkable figures from news reports")]
struct Cli {
    /// The ledger file (default: $TALLY_DB, else tally.db in the working directory).
    #[arg(long, global = true, env = "TALLY_DB", default_value = "tally.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract figures, quotes, times and entities from reports and print them as records.
    Extract(ExtractArgs),
    /// Extract reports and store their claims in the ledger (idempotent).
    Ingest {
        /// Files or folders (.txt, .html, .htm, .jsonl, .warc, .rss, .atom, .xml, .json, optionally .gz), or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date (YYYY-MM-DD) for inputs that state none.
        #[arg(long, value_parser = parse_day)]
        published: Option<tally_model::NaiveDate>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Keep documents in any language (by default a report reliably identified as not
        /// English is skipped with a note).
        #[arg(long)]
        any_language: bool,
    },
    /// List series (optionally those whose label contains TEXT) with their claims and range.
    Series {
        text: Option<String>,
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
    },
    /// The timeline of one series (by id or label): every estimate, its source and evidence.
    Show {
        series: String,
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
    },
    /// List stored documents.
    Docs {
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
    },
    /// One stored document (by id or doc id) with its records.
    Doc {
        id: String,
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
    },
    /// Counts of documents, claims, series and sources in the ledger.
    Stats {
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
    },
    /// Serve the read-only API and web page over the ledger.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Export claims as JSON Lines, CSV or Parquet.
    Export {
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// Only this series (id or label).
        #[arg(long)]
        series: Option<String>,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files or folders (.txt, .html, .htm, .jsonl, .warc, .rss, .atom, .xml, .json, optionally .gz), or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines (the default when standard output is not a terminal).
    #[arg(long)]
    pub jsonl: bool,
    /// Publication date (YYYY-MM-DD) for inputs that state none.
    #[arg(long, value_parser = parse_day)]
    pub published: Option<tally_model::NaiveDate>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Keep documents in any language (by default a report reliably identified as not English is
    /// skipped with a note).
    #[arg(long)]
    pub any_language: bool,
}

fn parse_day(s: &str) -> Result<tally_model::NaiveDate, String> {
    tally_model::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date in YYYY-MM-DD form"))
}

/// Sizes the worker pool once.
pub fn set_threads(n: Option<usize>) -> Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().context("starting worker threads")?;
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    let fmt = ledger_cmd::output_format;
    match cli.command {
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Ingest { paths, published, threads, any_language } => {
            ledger_cmd::ingest(&db, &paths, tally_read::ReadOptions { published, any_language }, threads)
        }
        Command::Series { text, format } => {
            ledger_cmd::series(&db, text.as_deref(), fmt(format)).map(|_| ExitCode::SUCCESS)
        }
        Command::Show { series, format } => ledger_cmd::show(&db, &series, fmt(format)),
        Command::Docs { format } => ledger_cmd::docs(&db, fmt(format)).map(|_| ExitCode::SUCCESS),
        Command::Doc { id, format } => ledger_cmd::doc(&db, &id, fmt(format)),
        Command::Stats { format } => ledger_cmd::stats(&db, fmt(format)).map(|_| ExitCode::SUCCESS),
        Command::Serve { bind, port } => {
            if !db.exists() {
                anyhow::bail!("{}: no such store (run `tally ingest` first)", db.display());
            }
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the server runtime")?;
            rt.block_on(tally_server::serve(db, std::net::SocketAddr::new(bind, port)))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, series, out } => {
            ledger_cmd::export(&db, &format, series.as_deref(), out.as_deref()).map(|_| ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    keep_freed_pages();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tally: {e:#}");
            ExitCode::from(2)
        }
    }
}
