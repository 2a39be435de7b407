//! Document reading: bytes in, [`Document`]s out. Owns every input format (plain text with an
//! optional `key: value` header, HTML pages, JSON Lines batches, WARC web archives, RSS, Atom and
//! JSON Feed files, gzip), lossy decoding, language identification, and the removal of page
//! furniture ("Read more", "Share this article", ...). Nothing after this stage looks at raw
//! input. Inputs that hold many documents (JSON Lines, WARC) are streamed, so memory stays flat.

mod date;
mod error;
mod feed;
mod furniture;
mod html;
mod http;
mod jsonl;
mod language;
mod text;
mod warc;

pub use date::{parse_date, parse_date_loose, url_date};
pub use error::{ReadError, SkipReason};
pub use furniture::{furniture_lines, is_furniture_line, strip_furniture};
pub use jsonl::read_stream as read_jsonl_stream;
pub use language::foreign_language;
pub use text::split_header;
pub use warc::read_stream as read_warc_stream;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use tally_model::{NaiveDate, Span};

/// Which reader produced a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    /// A page taken from a `response` (or `resource`) record of a WARC web archive.
    Warc,
    /// One item of an RSS, Atom or JSON Feed file.
    Feed,
}

impl Format {
    /// The lower-case name used in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
            Format::Feed => "feed",
        }
    }
}

/// Metadata a reader found for a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
    /// The body is the item's summary, not its full text (a feed item without full content).
    pub summary_only: bool,
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
        self.format != Format::Text
    }
}

/// Options shared by all readers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date to use when the input states none.
    pub published: Option<NaiveDate>,
    /// Keep documents in any language (by default a document reliably identified as not English
    /// is skipped by the command line).
    pub any_language: bool,
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
        let cut =
            [".gz", ".txt", ".html", ".htm", ".jsonl", ".json", ".text", ".xhtml", ".warc", ".rss", ".atom", ".xml"]
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
    } else if name.ends_with(".warc") {
        Some(Format::Warc)
    } else if name.ends_with(".rss") || name.ends_with(".atom") {
        Some(Format::Feed)
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

/// Files whose name does not fix their format but that folders may hold as feeds (`feed.xml`,
/// `feed.json`): read and told apart by their first bytes.
fn sniffed_in_folders(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".xml") || name.ends_with(".json")
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
        } else if format_of(&p).is_some() || sniffed_in_folders(&p) {
            files.push(p);
        }
    }
}

/// Reads all documents of one input. A file yields one document (text, HTML) or many (JSON
/// Lines, WARC, feeds); every bad document yields one error naming the file (and line or
/// record) and reading goes on. Standard input (`-`) and files whose name says no format are
/// told apart by their first bytes, looking through gzip. JSON Lines and WARC input is streamed.
pub fn read_path(path: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ReadError>)) {
    let stdin = path.as_os_str() == "-";
    let origin = if stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let named = if stdin { None } else { format_of(path) };
    let io = |e| ReadError::Io { path: origin.clone(), source: e };
    let source: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return sink(Err(io(e))),
        };
        if meta.is_dir() {
            return sink(Err(ReadError::EmptyFolder { path: origin }));
        }
        if meta.len() > MAX_FILE_BYTES && named.is_some_and(|f| !streamed(f)) {
            return sink(Err(ReadError::TooLarge { path: origin, bytes: meta.len() }));
        }
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return sink(Err(io(e))),
        }
    };
    let mut raw = BufReader::with_capacity(1 << 16, source);
    let gz = match raw.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return sink(Err(io(e))),
    };
    if gz {
        let archive = match named {
            Some(f) => f == Format::Warc,
            None => {
                raw.fill_buf().map(|head| sniff(&gunzip_prefix(head, SNIFF_BYTES)) == Format::Warc).unwrap_or(false)
            }
        };
        if archive {
            return warc::read_gzip_stream(raw, &origin, opts, sink);
        }
    }
    let mut input: Box<dyn BufRead> = if gz {
        Box::new(BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let bad_stream = |e: std::io::Error| {
        if gz {
            ReadError::Gzip { path: origin.clone(), message: e.to_string() }
        } else {
            ReadError::Io { path: origin.clone(), source: e }
        }
    };
    let format = match named {
        Some(f) => f,
        None => match peek(&mut input, SNIFF_BYTES) {
            Ok(head) => sniff(&head),
            Err(e) => return sink(Err(bad_stream(e))),
        },
    };
    match format {
        Format::Jsonl => jsonl::read_stream(input, &origin, opts, sink),
        Format::Warc => warc::read_stream(input, &origin, opts, sink),
        Format::Text | Format::Html | Format::Feed => {
            let mut whole = Vec::new();
            if let Err(e) = input.take(MAX_FILE_BYTES + 1).read_to_end(&mut whole) {
                return sink(Err(bad_stream(e)));
            }
            if whole.len() as u64 > MAX_FILE_BYTES {
                return sink(Err(ReadError::TooLarge { path: origin, bytes: whole.len() as u64 }));
            }
            let id = if stdin { "stdin".to_string() } else { id_from_path(path) };
            read_bytes(&whole, format, &id, &origin, opts, sink)
        }
    }
}

/// Up to `n` decompressed bytes from the start of a gzip stream held in `head` (which may end
/// anywhere); as many as could be had.
fn gunzip_prefix(head: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    // A read error keeps the bytes read before it, which is all that is wanted here.
    let _ = flate2::read::GzDecoder::new(head).take(n as u64).read_to_end(&mut out);
    out
}

/// Formats read as a stream, whatever the size of the input.
fn streamed(format: Format) -> bool {
    matches!(format, Format::Jsonl | Format::Warc)
}

/// Bytes looked at to tell formats apart.
const SNIFF_BYTES: usize = 1024;

/// The first `n` bytes of a buffered stream (fewer at its end) without consuming them. A
/// decompressing reader may hand them out in small pieces, so this refills until it has enough:
/// the pieces are kept in a small buffer and the stream is rebuilt with them in front.
fn peek(input: &mut Box<dyn BufRead>, n: usize) -> std::io::Result<Vec<u8>> {
    let head = input.fill_buf()?;
    if head.len() >= n || head.is_empty() {
        return Ok(head[..head.len().min(n)].to_vec());
    }
    let mut got = Vec::with_capacity(n);
    input.by_ref().take(n as u64).read_to_end(&mut got)?;
    let rest = std::mem::replace(input, Box::new(std::io::empty()));
    *input = Box::new(std::io::Cursor::new(got.clone()).chain(rest));
    Ok(got)
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
        Format::Jsonl | Format::Warc | Format::Feed => read_many(raw, format, id, origin, opts, sink),
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

/// Reads the formats that hold many documents. Out of line: the archive readers keep large
/// buffers on the stack, which every call of [`read_bytes`] would otherwise set up.
#[inline(never)]
fn read_many(
    raw: &[u8],
    format: Format,
    id: &str,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    match format {
        Format::Jsonl => jsonl::read(raw, origin, opts, sink),
        Format::Warc if raw.starts_with(&[0x1f, 0x8b]) => warc::read_gzip_stream(raw, origin, opts, sink),
        Format::Warc => warc::read_stream(raw, origin, opts, sink),
        Format::Feed => feed::read(raw, origin, opts, sink),
        Format::Text | Format::Html => read_bytes(raw, format, id, origin, opts, sink),
    }
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
    let limit = if format.is_some_and(streamed) { u64::MAX } else { MAX_FILE_BYTES };
    match gunzip(raw, origin, limit) {
        Ok(raw) => read_bytes(&raw, format.unwrap_or_else(|| sniff(&raw)), id, origin, opts, sink),
        Err(e) => sink(Err(e)),
    }
}

/// Guesses the format of unnamed input from its first bytes (already decompressed): `WARC/`
/// opens a web archive; an XML prolog, `<rss`, `<feed` or `<rdf:RDF` a feed; a JSON object with
/// a JSON Feed `version` a feed, any other `{` JSON Lines; HTML markup a page; anything else text.
pub fn sniff(raw: &[u8]) -> Format {
    let head = &raw[..raw.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"{") {
        let jsonfeed = has(b"\"version\"") && has(b"jsonfeed.org/version");
        return if jsonfeed { Format::Feed } else { Format::Jsonl };
    }
    if (lower.starts_with(b"<?xml")
        || lower.starts_with(b"<rss")
        || lower.starts_with(b"<feed")
        || lower.starts_with(b"<rdf:rdf"))
        && (has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf"))
    {
        return Format::Feed;
    }
    let lower = &lower[..lower.len().min(512)];
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
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    // Bytes below 0x20 bound the control characters from above (line breaks and tabs among
    // them); text has few, so this count, in byte-sized counters the compiler turns into
    // vector code, nearly always settles it.
    let below_space: usize =
        head.chunks(192).map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b < 0x20)))).sum();
    if below_space * 10 <= head.len() {
        return false;
    }
    let ctrl = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    ctrl * 10 > head.len()
}

/// Decodes bytes as UTF-8, replacing bad sequences; returns a warning when it had to.
pub(crate) fn decode(raw: &[u8], origin: &str) -> (String, Option<String>) {
    let (text, warning) = decode_borrowed(raw, origin);
    (text.into_owned(), warning)
}

/// [`decode`] without a copy when the bytes are valid UTF-8.
pub(crate) fn decode_borrowed<'a>(raw: &'a [u8], origin: &str) -> (std::borrow::Cow<'a, str>, Option<String>) {
    let raw = raw.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(raw);
    // The common case first: std's validator is several times faster than the lossy decoder.
    if let Ok(s) = std::str::from_utf8(raw) {
        return (s.into(), None);
    }
    match String::from_utf8_lossy(raw) {
        std::borrow::Cow::Borrowed(s) => (s.into(), None),
        std::borrow::Cow::Owned(s) => (s.into(), Some(format!("{origin}: invalid UTF-8, decoded lossily"))),
    }
}

/// Normalizes line endings to `\n` so spans are stable across platforms.
pub(crate) fn normalize_newlines(s: String) -> String {
    if memchr::memchr(b'\r', s.as_bytes()).is_some() {
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
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), Format::Feed);
        assert_eq!(sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Format::Feed);
        assert_eq!(sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"), Format::Feed);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><html><body>"), Format::Html);
    }
}
