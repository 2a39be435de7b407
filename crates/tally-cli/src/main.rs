//! The `tally` command line: a thin edge over the pipeline crates.

mod extract_cmd;
mod table;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "tally", version, about = "Sourced, dated, checkable figures from news reports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract figures, quotes, times and entities from reports and print them as records.
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files or folders (.txt, .html, .htm, .jsonl, optionally .gz), or - for standard input.
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
}

fn parse_day(s: &str) -> Result<tally_model::NaiveDate, String> {
    tally_model::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date in YYYY-MM-DD form"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tally: {e:#}");
            ExitCode::from(2)
        }
    }
}
