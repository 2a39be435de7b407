//! Measures the readers' speed on files already in memory (decompressed first, so gzip is not
//! timed): `cargo run --release -p tally-read --example read_speed -- FILE_OR_FOLDER...`.

use std::path::PathBuf;
use std::time::Instant;
use tally_read::{expand_paths, format_of, gunzip, id_from_path, read_bytes, ReadOptions};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let (files, _) = expand_paths(&paths);
    let mut inputs = Vec::new();
    for f in &files {
        let Ok(raw) = std::fs::read(f) else { continue };
        let Ok(raw) = gunzip(raw, &f.display().to_string(), u64::MAX) else { continue };
        if let Some(format) = format_of(f) {
            inputs.push((raw, format, id_from_path(f), f.display().to_string()));
        }
    }
    let bytes: usize = inputs.iter().map(|i| i.0.len()).sum();
    let opts = ReadOptions::default();
    let (mut docs, mut errors, mut body) = (0usize, 0usize, 0usize);
    let start = Instant::now();
    for (raw, format, id, origin) in &inputs {
        read_bytes(raw, *format, id, origin, &opts, &mut |r| match r {
            Ok(d) => {
                docs += 1;
                body += d.body.len();
            }
            Err(_) => errors += 1,
        });
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {errors} errors; {:.1} MB in, {:.2} MB of text out; {secs:.2} s = {:.1} MB/s",
        bytes as f64 / 1e6,
        body as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
