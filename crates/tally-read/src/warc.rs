//! WARC web archives (`.warc`, `.warc.gz` with one gzip member per record): records are
//! streamed one at a time with the `warc` crate, so memory stays flat however large the
//! archive. Each `response` record with an HTML or text payload becomes a document whose id and
//! url are the record's `WARC-Target-URI` and whose publication date falls back to its
//! `WARC-Date`; redirects, error statuses and other payloads are reported as skips. In gzipped
//! archives a broken gzip member loses only the records inside it.

use crate::http::{self, Outcome, PageKind};
use crate::{html, text, Document, Format, ReadError, ReadOptions, SkipReason, MAX_FILE_BYTES};
use std::io::{BufRead, Read};
use warc::{RecordType, WarcHeader, WarcReader};

/// A record header longer than this is not a WARC header: the stream is corrupt.
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// Reads a WARC archive (already decompressed) from any buffered reader and hands each page to
/// `sink`. A record that cannot be read is reported with its number and URL and the rest go on;
/// a broken or cut-short stream ends the archive after the records before it.
pub fn read_stream<R: BufRead>(
    input: R,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    let mut n = 0usize;
    read_records(HeaderGuard { inner: input, header_bytes: 0 }, origin, opts, false, &mut n, sink);
    if n == 0 {
        sink(Err(ReadError::Empty { path: origin.to_string() }));
    }
}

/// Reads a gzipped WARC archive (`raw` is the compressed stream). Archives written with one
/// gzip member per record recover from a broken member: the rest of that member is dropped,
/// reading goes on at the next member, and only the records inside the broken one are lost.
pub(crate) fn read_gzip_stream<R: BufRead>(
    raw: R,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    let mut members = Members { state: Some(State::Between(raw)), broken: None };
    let mut n = 0usize;
    loop {
        let input = std::io::BufReader::with_capacity(1 << 16, &mut members);
        let broken = read_records(HeaderGuard { inner: input, header_bytes: 0 }, origin, opts, true, &mut n, sink);
        if !broken || !members.resync() {
            break;
        }
    }
    if n == 0 {
        sink(Err(ReadError::Empty { path: origin.to_string() }));
    }
}

/// Reads records until the stream ends (`false`) or breaks (`true`); `n` counts records.
/// `resumable` says whether reading can go on after a break (gzip members), for the messages.
/// Out of line: the record reader keeps a 1 MiB buffer on the stack, which only this frame
/// should hold (not every caller that reads other formats too).
#[inline(never)]
fn read_records<R: BufRead>(
    input: HeaderGuard<R>,
    origin: &str,
    opts: &ReadOptions,
    resumable: bool,
    n: &mut usize,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) -> bool {
    let then = if resumable { "reading goes on at the next gzip member" } else { "the archive ends here" };
    let mut reader = WarcReader::new(input);
    let mut records = reader.stream_records();
    loop {
        let record = match records.next_item() {
            None => return false,
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                *n += 1;
                let place = format!("{origin}#{n}");
                let (message, fatal) = warc_error(&e, then);
                sink(Err(ReadError::Warc { path: place, message }));
                if fatal {
                    return true;
                }
                continue;
            }
        };
        *n += 1;
        let kind = record.warc_type().clone();
        if !matches!(kind, RecordType::Response | RecordType::Resource) {
            continue;
        }
        let url = record.header(WarcHeader::TargetURI).map(|u| u.trim().trim_matches(['<', '>']).to_string());
        let date = record.date().date_naive();
        let len = record.content_length();
        let place = match &url {
            Some(u) => format!("{origin}#{n} {u}"),
            None => format!("{origin}#{n}"),
        };
        let payload_type = record.header(WarcHeader::ContentType).map(|c| c.to_ascii_lowercase());
        if len > MAX_FILE_BYTES {
            sink(Err(ReadError::Skipped { path: place, reason: SkipReason::TooLarge { bytes: len } }));
            continue;
        }
        let mut body = Vec::with_capacity(len.min(1 << 20) as usize);
        let mut record = record;
        if let Err(e) = (&mut record).take(len).read_to_end(&mut body) {
            let message = format!("record cut short after {} of {len} bytes ({e}); {then}", body.len());
            sink(Err(ReadError::Warc { path: place, message }));
            return true;
        }
        if (body.len() as u64) < len {
            let message = format!("record cut short after {} of {len} bytes; {then}", body.len());
            sink(Err(ReadError::Warc { path: place, message }));
            return true;
        }
        drop(record);
        let Some(url) = url else {
            sink(Err(ReadError::Warc { path: place, message: "record has no WARC-Target-URI".into() }));
            continue;
        };
        let page = if kind == RecordType::Response {
            let http_payload = match payload_type.as_deref() {
                Some(t) => t.starts_with("application/http"),
                None => true,
            };
            if !http_payload {
                // dns:, whois: and other non-HTTP responses.
                let content_type = payload_type.unwrap_or_default();
                sink(Err(ReadError::Skipped { path: place, reason: SkipReason::NotPage { content_type } }));
                continue;
            }
            match http::response(&body, MAX_FILE_BYTES) {
                Ok(Outcome::Page(p)) => p,
                Ok(Outcome::Skip(reason)) => {
                    sink(Err(ReadError::Skipped { path: place, reason }));
                    continue;
                }
                Err(message) => {
                    sink(Err(ReadError::Warc { path: place, message }));
                    continue;
                }
            }
        } else {
            // A resource record holds the page itself, typed by the record's Content-Type.
            let ct = payload_type.unwrap_or_default();
            let mime = ct.split(';').next().unwrap_or_default().trim();
            let kind = match mime {
                "text/html" | "application/xhtml+xml" => PageKind::Html,
                "text/plain" => PageKind::Text,
                _ => {
                    let reason = SkipReason::NotPage { content_type: mime.to_string() };
                    sink(Err(ReadError::Skipped { path: place, reason }));
                    continue;
                }
            };
            http::Page { kind, body, charset: None }
        };
        let page_opts = ReadOptions { published: Some(date).or(opts.published), ..*opts };
        sink(read_page(page, &url, &place, &page_opts));
    }
}

/// Runs the HTML or text reader on one archived page and names it by its URL.
fn read_page(page: http::Page, url: &str, place: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    if page.body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { path: place.to_string() });
    }
    let mut doc = match page.kind {
        PageKind::Html => html::read_with_charset(&page.body, page.charset, url, place, opts)?,
        PageKind::Text => {
            let bytes = match page.charset {
                Some(enc) if enc != encoding_rs::UTF_8 && std::str::from_utf8(&page.body).is_err() => {
                    enc.decode_without_bom_handling(&page.body).0.into_owned().into_bytes()
                }
                _ => page.body,
            };
            if crate::looks_binary(&bytes) {
                return Err(ReadError::Binary { path: place.to_string() });
            }
            text::read(&bytes, url, place, opts)?
        }
    };
    doc.id = url.to_string();
    doc.meta.url = Some(url.to_string());
    doc.format = Format::Warc;
    if doc.furniture.is_empty() && page.kind == PageKind::Text {
        doc.mark_furniture();
    }
    Ok(doc)
}

/// The message for a record the `warc` crate could not read, and whether the stream is broken
/// (a bad header alone only loses its record).
fn warc_error(e: &warc::Error, then: &str) -> (String, bool) {
    match e {
        warc::Error::MissingHeader(_) | warc::Error::MalformedHeader(..) => (format!("{e}; record skipped"), false),
        warc::Error::ReadData(io) => (format!("unreadable data ({io}); {then}"), true),
        warc::Error::UnexpectedEOB => (format!("record cut short; {then}"), true),
        warc::Error::ParseHeaders(_) => (format!("not a WARC record header; {then}"), true),
        other => (format!("{other}; {then}"), true),
    }
}

/// Where a [`Members`] stream is: between members, or inside one.
enum State<R: BufRead> {
    Between(R),
    In(flate2::bufread::GzDecoder<R>),
}

/// Gzip members decompressed one after another (like `MultiGzDecoder`), keeping the compressed
/// stream after a broken member so that [`Members::resync`] can go on at the next one.
struct Members<R: BufRead> {
    state: Option<State<R>>,
    broken: Option<R>,
}

/// The first bytes of every gzip member (magic and the deflate method).
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Ok(0),
                Some(State::Between(mut r)) => {
                    let more = match r.fill_buf() {
                        Ok(b) => !b.is_empty(),
                        Err(e) => {
                            self.broken = Some(r);
                            return Err(e);
                        }
                    };
                    if !more {
                        self.state = Some(State::Between(r));
                        return Ok(0);
                    }
                    self.state = Some(State::In(flate2::bufread::GzDecoder::new(r)));
                }
                Some(State::In(mut d)) => match d.read(buf) {
                    Ok(0) if !buf.is_empty() => self.state = Some(State::Between(d.into_inner())),
                    Ok(k) => {
                        self.state = Some(State::In(d));
                        return Ok(k);
                    }
                    Err(e) => {
                        self.broken = Some(d.into_inner());
                        return Err(e);
                    }
                },
            }
        }
    }
}

impl<R: BufRead> Members<R> {
    /// Drops the rest of the current member and moves to the start of the next one; `false`
    /// when there is none.
    fn resync(&mut self) -> bool {
        let mut r = match (self.broken.take(), self.state.take()) {
            (Some(r), _) => r,
            (None, Some(State::Between(r))) => r,
            (None, Some(State::In(d))) => d.into_inner(),
            (None, None) => return false,
        };
        loop {
            let buf = match r.fill_buf() {
                Ok(b) if !b.is_empty() => b,
                _ => return false,
            };
            match buf.iter().position(|&b| b == GZIP_MAGIC[0]) {
                None => {
                    let all = buf.len();
                    r.consume(all);
                }
                Some(p) if p > 0 => r.consume(p),
                // A magic byte at the start: a member when the next bytes agree (a magic split
                // across two buffer fills is missed and that member skipped).
                Some(_) => {
                    if buf.starts_with(&GZIP_MAGIC) {
                        self.state = Some(State::Between(r));
                        return true;
                    }
                    r.consume(1);
                }
            }
        }
    }
}

/// Refuses record headers that grow past [`MAX_HEADER_BYTES`], so a corrupt stream without
/// blank lines cannot make the header buffer grow without bound. The `warc` crate reads header
/// lines through `BufRead` and bodies through `Read`, so bytes consumed through `BufRead` since
/// the last `Read` call are header bytes.
struct HeaderGuard<R> {
    inner: R,
    header_bytes: u64,
}

impl<R: BufRead> Read for HeaderGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.header_bytes = 0;
        self.inner.read(buf)
    }
}

impl<R: BufRead> BufRead for HeaderGuard<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.header_bytes > MAX_HEADER_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("record header over {MAX_HEADER_BYTES} bytes"),
            ));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.header_bytes += amt as u64;
        self.inner.consume(amt);
    }
}
