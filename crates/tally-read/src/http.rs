//! HTTP responses as web archives store them: status line, headers, and a body that may still
//! carry its transfer coding (chunked) and content coding (gzip, deflate, brotli). Yields the
//! page bytes with the character set the headers name, or the reason the response is no page.

use crate::SkipReason;
use std::io::Read;

/// Headers read from one response; more is not a real page.
const MAX_HEADERS: usize = 256;

/// What a response kind of payload is, by its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    Html,
    Text,
}

/// A page ready for the HTML or text reader.
#[derive(Debug)]
pub(crate) struct Page {
    pub kind: PageKind,
    pub body: Vec<u8>,
    /// The character set named by the `Content-Type` header.
    pub charset: Option<&'static encoding_rs::Encoding>,
}

/// What a response turned out to be.
#[derive(Debug)]
pub(crate) enum Outcome {
    Page(Page),
    Skip(SkipReason),
}

/// Reads a whole HTTP response (`raw`) and decodes its body, which may grow to `limit` bytes.
/// An error message explains an unreadable response.
pub(crate) fn response(raw: &[u8], limit: u64) -> Result<Outcome, String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut res = httparse::Response::new(&mut headers);
    let at = match res.parse(raw) {
        Ok(httparse::Status::Complete(at)) => at,
        Ok(httparse::Status::Partial) => return Err("HTTP headers cut short".into()),
        Err(e) => return Err(format!("unreadable HTTP response: {e}")),
    };
    let status = res.code.unwrap_or(0);
    if (300..400).contains(&status) {
        return Ok(Outcome::Skip(SkipReason::Redirect { status }));
    }
    if !(200..300).contains(&status) {
        return Ok(Outcome::Skip(SkipReason::Status { status }));
    }
    let header = |name: &str| {
        res.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = header("content-type");
    let transfer = header("transfer-encoding").unwrap_or_default().to_ascii_lowercase();
    let coding = header("content-encoding").unwrap_or_default().to_ascii_lowercase();
    let body = raw.get(at..).unwrap_or_default();

    let body = if transfer.contains("chunked") {
        // Some archivers store the body already de-chunked but keep the header.
        dechunk(body, limit)?.unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    let body = decode_content(body, &coding, limit)?;

    let (kind, charset) = match content_type.as_deref() {
        Some(ct) => {
            let (mime, params) = ct.split_once(';').unwrap_or((ct, ""));
            let mime = mime.trim().to_ascii_lowercase();
            let kind = match mime.as_str() {
                "text/html" | "application/xhtml+xml" => PageKind::Html,
                "text/plain" => PageKind::Text,
                "" => sniff_kind(&body).ok_or_else(|| String::from("payload of no known type"))?,
                _ => return Ok(Outcome::Skip(SkipReason::NotPage { content_type: mime })),
            };
            (kind, charset_param(params))
        }
        None => match sniff_kind(&body) {
            Some(kind) => (kind, None),
            None => return Ok(Outcome::Skip(SkipReason::NotPage { content_type: "untyped data".into() })),
        },
    };
    Ok(Outcome::Page(Page { kind, body, charset }))
}

/// The page kind of an untyped payload: HTML markup or plain text; `None` for binary data.
fn sniff_kind(body: &[u8]) -> Option<PageKind> {
    match crate::sniff(body) {
        crate::Format::Html => Some(PageKind::Html),
        _ if crate::looks_binary(body) => None,
        _ => Some(PageKind::Text),
    }
}

/// The encoding a `charset=` parameter names.
fn charset_param(params: &str) -> Option<&'static encoding_rs::Encoding> {
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        encoding_rs::Encoding::for_label(v.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
    })
}

/// Joins the chunks of a chunked body. `Ok(None)` when the body does not start like a chunked
/// one; a body cut short keeps what arrived.
fn dechunk(mut rest: &[u8], limit: u64) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::new();
    let mut first = true;
    while let Some(eol) = rest.iter().position(|&b| b == b'\n') {
        let line = rest[..eol].strip_suffix(b"\r").unwrap_or(&rest[..eol]);
        let digits = line.split(|&b| b == b';').next().unwrap_or_default().trim_ascii();
        let size = std::str::from_utf8(digits).ok().and_then(|d| usize::from_str_radix(d, 16).ok());
        let Some(size) = size else {
            if first {
                return Ok(None);
            }
            break;
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        if (out.len() + take) as u64 > limit {
            return Err(format!("HTTP body over {limit} bytes"));
        }
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
    Ok(if first { None } else { Some(out) })
}

/// Undoes the content codings of a body, last applied first. A body that fails to decode but
/// already looks like a page is kept as it is (archivers sometimes store the decoded body and
/// keep the header).
fn decode_content(body: Vec<u8>, coding: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut body = body;
    for c in coding.split(',').map(str::trim).rev() {
        let decoded = match c {
            "" | "identity" | "none" => continue,
            "gzip" | "x-gzip" => read_limited(flate2::read::MultiGzDecoder::new(&body[..]), limit),
            "deflate" => read_limited(flate2::read::ZlibDecoder::new(&body[..]), limit)
                .or_else(|_| read_limited(flate2::read::DeflateDecoder::new(&body[..]), limit)),
            "br" => read_limited(brotli_decompressor::Decompressor::new(&body[..], 4096), limit),
            other => Err(format!("unknown content encoding {other:?}")),
        };
        body = match decoded {
            Ok(b) => b,
            Err(_) if crate::sniff(&body) == crate::Format::Html => body,
            Err(e) => return Err(e),
        };
    }
    Ok(body)
}

fn read_limited(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out).map_err(|e| format!("bad compressed body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("HTTP body decodes to over {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn page(raw: &[u8]) -> Page {
        match response(raw, 1 << 20) {
            Ok(Outcome::Page(p)) => p,
            other => panic!("not a page: {other:?}"),
        }
    }

    #[test]
    fn chunked_and_gzip_bodies_are_decoded() {
        let html = b"<html><body><p>Hello there, reader.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(html).unwrap();
        let zipped = gz.finish().unwrap();
        let mut raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = zipped.split_at(10);
        for part in [a, b] {
            raw.extend(format!("{:x}\r\n", part.len()).as_bytes());
            raw.extend(part);
            raw.extend(b"\r\n");
        }
        raw.extend(b"0\r\n\r\n");
        let p = page(&raw);
        assert_eq!(p.body, html);
        assert_eq!(p.kind, PageKind::Html);
        assert_eq!(p.charset, Some(encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn redirects_errors_and_other_types_are_skipped() {
        let skip = |raw: &[u8]| match response(raw, 1 << 20) {
            Ok(Outcome::Skip(r)) => r.label(),
            other => panic!("{other:?}"),
        };
        assert_eq!(skip(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n"), "redirect");
        assert_eq!(skip(b"HTTP/1.1 404 Not Found\r\n\r\n"), "error status");
        assert_eq!(skip(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4"), "not a page");
        assert!(response(b"garbage", 100).is_err());
        assert!(response(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip", 100).is_err());
    }

    #[test]
    fn stored_decoded_bodies_are_kept() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nTransfer-Encoding: chunked\r\n\r\n<html><body>Hi</body></html>";
        assert_eq!(page(raw).body, b"<html><body>Hi</body></html>");
    }
}
