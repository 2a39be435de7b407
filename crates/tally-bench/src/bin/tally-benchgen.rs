//! Writes a benchmark corpus: `--mb N` of generated reports as `.txt` files in `OUT/txt/` and as
//! one JSON Lines file `OUT/corpus.jsonl`; with `--warc`, instead `OUT/corpus.warc.gz`, a web
//! archive of `--mb N` megabytes on disk (one gzip member per record) whose pages wrap the
//! reports, mixed with redirects, error pages and binary payloads. Deterministic for `--seed`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::Parser;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// Output folder.
    #[arg(long, default_value = "target/bench-corpus")]
    out: PathBuf,
    /// Megabytes of report text to write.
    #[arg(long, default_value_t = 20)]
    mb: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Write only the JSON Lines file (for large corpora).
    #[arg(long)]
    jsonl_only: bool,
    /// Write a gzipped WARC archive of `--mb` megabytes (compressed size) instead.
    #[arg(long)]
    warc: bool,
}

fn main() -> Result<()> {
    let a = Args::parse();
    if a.warc {
        std::fs::create_dir_all(&a.out)?;
        let path = a.out.join("corpus.warc.gz");
        let file = std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let n = tally_bench::write_warc(BufWriter::new(file), a.seed, a.mb as u64 * 1_000_000)?;
        eprintln!("wrote {} records ({} pages), {} MB, to {}", n.records, n.pages, a.mb, path.display());
        return Ok(());
    }
    let txt = a.out.join("txt");
    if !a.jsonl_only {
        std::fs::create_dir_all(&txt).with_context(|| format!("creating {}", txt.display()))?;
    }
    std::fs::create_dir_all(&a.out)?;
    let path = a.out.join("corpus.jsonl");
    let mut jsonl =
        BufWriter::new(std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?);
    let mut g = tally_bench::Generator::new(a.seed);
    let (mut bytes, mut docs) = (0usize, 0usize);
    while bytes < a.mb * 1_000_000 {
        let r = g.report();
        bytes += r.body.len();
        docs += 1;
        let line = serde_json::json!({"id": r.id, "published": r.published, "text": r.body});
        serde_json::to_writer(&mut jsonl, &line)?;
        jsonl.write_all(b"\n")?;
        if !a.jsonl_only {
            std::fs::write(txt.join(format!("{}.txt", r.id)), format!("published: {}\n---\n{}", r.published, r.body))?;
        }
    }
    jsonl.flush()?;
    eprintln!("wrote {docs} reports, {:.1} MB of text, to {}", bytes as f64 / 1e6, a.out.display());
    Ok(())
}
