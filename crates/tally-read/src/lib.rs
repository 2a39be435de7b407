//! Document reading: bytes in, [`Document`]s out. Owns every input format (plain text with an
//! optional `key: value` header, HTML pages, JSON Lines batches, gzip), lossy decoding, and the
//! removal of page furniture ("Read more", "Share this article", ...). Nothing after this stage
//! looks at raw input.

mod date;
mod error;
mod furniture;
mod html;
mod jsonl;
mod text;

pub use date::{parse_date, parse_date_loose};
pub use error::ReadError;
pub use furniture::{furniture_lines, is_furniture_line, strip_furniture};
pub use jsonl::read_stream as read_jsonl_stream;
pub use text::split_header;

use std::io::Read;
use std::path::{Path, PathBuf};
use tally_model::{NaiveDate, Span};

/// Which reader produced a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
}

/// Metadata a reader found for a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
}

/// One article: its id (claims.md), where it came from, metadata and body text. Spans of every
/// record index `body`.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    /// Where the document came from, for messages: a path, with `:LINE` for JSON Lines.
    pub origin: String,
    pub format: Format,
    pub meta: Meta,
    pub body: String,
    /// Problems that did not stop reading (lossy decoding, a bad date), to report to the user.
    pub warnings: Vec<String>,
    /// Regions of `body` that are page furniture, not article text; extraction skips them.
    pub furniture: Vec<Span>,
}

impl Document {
    /// Marks the furniture lines of `body` so that extraction skips them.
    pub fn mark_furniture(&mut self) {
        self.furniture = furniture_lines(&self.body).into_iter().map(|r| Span::new(r.start, r.end)).collect();
    }

    /// Whether the `doc` record must carry the body (claims.md: required for HTML input).
    pub fn carries_text(&self) -> bool {
        self.format == Format::Html || self.format == Format::Jsonl
    }
}

/// Options shared by all readers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date to use when the input states none.
    pub published: Option<NaiveDate>,
}

/// Files larger than this are refused rather than read into memory (JSON Lines streams are not
/// limited as a whole, only per line).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The document id for a path: the file name without its extensions (`page.html.gz` -> `page`).
pub fn id_from_path(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    loop {
        let lower = stem.to_ascii_lowercase();
        let cut = [".gz", ".txt", ".html", ".htm", ".jsonl", ".json", ".text", ".xhtml"]
            .iter()
            .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len());
        match cut {
            Some(ext) => stem = &stem[..stem.len() - ext.len()],
            None => break,
        }
    }
    stem.to_string()
}

/// The format a file name says, looking through `.gz`.
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".txt") || name.ends_with(".text") {
        Some(Format::Text)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        Some(Format::Html)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Format::Jsonl)
    } else {
        None
    }
}

/// The files a list of paths names: files as given, folders searched recursively for readable
/// formats, in a stable (sorted) order. `-` stands for standard input and is kept as is.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if p.is_dir() {
            let before = files.len();
            walk(p, 0, &mut files, &mut errors);
            if files.len() == before {
                errors.push(ReadError::EmptyFolder { path: p.display().to_string() });
            }
        } else {
            files.push(p.clone());
        }
    }
    (files, errors)
}

/// Folders nested deeper than this are not searched (guards against symbolic-link loops).
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(ReadError::Io { path: dir.display().to_string(), source: e });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, depth + 1, files, errors);
        } else if format_of(&p).is_some() {
            files.push(p);
        }
    }
}

/// Reads all documents of one input. A file yields one document (text, HTML) or many (JSON
/// Lines); every bad document yields one error naming the file (and line) and reading goes on.
pub fn read_path(path: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ReadError>)) {
    let origin = if path.as_os_str() == "-" { "<stdin>".to_string() } else { path.display().to_string() };
    if path.as_os_str() != "-" && format_of(path) == Some(Format::Jsonl) {
        return stream_jsonl_file(path, &origin, opts, sink);
    }
    let raw = match read_all(path, &origin) {
        Ok(r) => r,
        Err(e) => return sink(Err(e)),
    };
    let format = if path.as_os_str() == "-" { sniff(&raw) } else { format_of(path).unwrap_or_else(|| sniff(&raw)) };
    let id = if path.as_os_str() == "-" { "stdin".to_string() } else { id_from_path(path) };
    read_bytes(&raw, format, &id, &origin, opts, sink)
}

/// Reads documents from bytes already in memory, in the given format.
pub fn read_bytes(
    raw: &[u8],
    format: Format,
    id: &str,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    match format {
        Format::Jsonl => jsonl::read(raw, origin, opts, sink),
        Format::Text | Format::Html => {
            if raw.iter().all(|b| b.is_ascii_whitespace()) {
                return sink(Err(ReadError::Empty { path: origin.to_string() }));
            }
            if looks_binary(raw) {
                return sink(Err(ReadError::Binary { path: origin.to_string() }));
            }
            let doc = if format == Format::Html {
                html::read(raw, id, origin, opts)
            } else {
                text::read(raw, id, origin, opts)
            };
            sink(doc)
        }
    }
}

/// Streams a JSON Lines file (gzipped or not) line by line; memory stays flat.
fn stream_jsonl_file(path: &Path, origin: &str, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ReadError>)) {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Err(ReadError::Io { path: origin.to_string(), source: e })),
    };
    let mut file = std::io::BufReader::new(file);
    let gz = match std::io::BufRead::fill_buf(&mut file) {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return sink(Err(ReadError::Io { path: origin.to_string(), source: e })),
    };
    if gz {
        jsonl::read_stream(flate2::bufread::MultiGzDecoder::new(file), origin, opts, sink)
    } else {
        jsonl::read_stream(file, origin, opts, sink)
    }
}

/// Reads a whole file (or stdin), transparently gunzipping `.gz` files and gzip streams.
fn read_all(path: &Path, origin: &str) -> Result<Vec<u8>, ReadError> {
    let io = |e| ReadError::Io { path: origin.to_string(), source: e };
    let mut raw = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().take(MAX_FILE_BYTES + 1).read_to_end(&mut raw).map_err(io)?;
        if raw.len() as u64 > MAX_FILE_BYTES && !raw.starts_with(&[0x1f, 0x8b]) {
            return Err(ReadError::TooLarge { path: origin.to_string(), bytes: raw.len() as u64 });
        }
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(ReadError::EmptyFolder { path: origin.to_string() });
        }
        if meta.len() > MAX_FILE_BYTES && format_of(path) != Some(Format::Jsonl) {
            return Err(ReadError::TooLarge { path: origin.to_string(), bytes: meta.len() });
        }
        raw = std::fs::read(path).map_err(io)?;
    }
    let limit = if format_of(path) == Some(Format::Jsonl) { u64::MAX } else { MAX_FILE_BYTES };
    gunzip(raw, origin, limit)
}

/// Decompresses `raw` when it is a gzip stream (one or more members); other bytes pass
/// through unchanged. More than `limit` decompressed bytes is an error.
pub fn gunzip(raw: Vec<u8>, origin: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Gzip { path: origin.to_string(), message: e.to_string() })?;
    if out.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: origin.to_string(), bytes: out.len() as u64 });
    }
    Ok(out)
}

/// Reads documents from bytes in memory that may be gzipped, in the given format or, without
/// one, the format [`sniff`] sees.
pub fn read_any_bytes(
    raw: Vec<u8>,
    format: Option<Format>,
    id: &str,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    let limit = if format == Some(Format::Jsonl) { u64::MAX } else { MAX_FILE_BYTES };
    match gunzip(raw, origin, limit) {
        Ok(raw) => read_bytes(&raw, format.unwrap_or_else(|| sniff(&raw)), id, origin, opts, sink),
        Err(e) => sink(Err(e)),
    }
}

/// Guesses the format of unnamed input from its first bytes.
pub fn sniff(raw: &[u8]) -> Format {
    let head = &raw[..raw.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head = &head[start..];
    if head.starts_with(b"{") {
        return Format::Jsonl;
    }
    let lower: Vec<u8> = head.iter().take(512).map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if has(b"<!doctype html") || has(b"<html") || has(b"<head") || has(b"<body") || has(b"<article") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Binary junk: NUL bytes or a high share of control characters in the first 8 KiB.
fn looks_binary(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    ctrl * 10 > head.len()
}

/// Decodes bytes as UTF-8, replacing bad sequences; returns a warning when it had to.
pub(crate) fn decode(raw: &[u8], origin: &str) -> (String, Option<String>) {
    let raw = raw.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(raw);
    match String::from_utf8_lossy(raw) {
        std::borrow::Cow::Borrowed(s) => (s.to_string(), None),
        std::borrow::Cow::Owned(s) => (s, Some(format!("{origin}: invalid UTF-8, decoded lossily"))),
    }
}

/// Normalizes line endings to `\n` so spans are stable across platforms.
pub(crate) fn normalize_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_all_extensions() {
        assert_eq!(id_from_path(Path::new("a/seed.txt")), "seed");
        assert_eq!(id_from_path(Path::new("page.html.gz")), "page");
        assert_eq!(id_from_path(Path::new("x.y.jsonl")), "x.y");
        assert_eq!(format_of(Path::new("p.HTM.gz")), Some(Format::Html));
    }

    #[test]
    fn gzip_is_transparent_in_memory() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><body><p>Two people were hurt.</p></body></html>").unwrap();
        let zipped = gz.finish().unwrap();
        let mut got = Vec::new();
        read_any_bytes(zipped.clone(), None, "p", "p.html.gz", &ReadOptions::default(), &mut |r| got.push(r));
        let d = got.pop().unwrap().unwrap();
        assert_eq!((d.format, d.body.as_str()), (Format::Html, "Two people were hurt."));
        assert!(matches!(gunzip(zipped[..zipped.len() - 9].to_vec(), "x", 100), Err(ReadError::Gzip { .. })));
        assert!(matches!(gunzip(zipped, "x", 10), Err(ReadError::TooLarge { .. })));
        assert_eq!(gunzip(b"plain".to_vec(), "x", 1).unwrap(), b"plain");
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"  {\"id\":1}"), Format::Jsonl);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"published: 2025-01-01\n---\nText"), Format::Text);
    }
}
