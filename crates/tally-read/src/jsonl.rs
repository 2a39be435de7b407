use crate::{html, normalize_newlines, parse_date, Document, Format, Meta, ReadError, ReadOptions};
use serde::Deserialize;
use std::io::BufRead;

/// One line of a JSON Lines batch. Every field is optional on the wire; `text` or `html` must
/// be present.
#[derive(Deserialize)]
struct Line {
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    outlet: Option<String>,
    lang: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Reads a whole JSON Lines batch held in memory.
pub(crate) fn read(raw: &[u8], origin: &str, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ReadError>)) {
    read_stream(raw, origin, opts, sink)
}

/// Reads a JSON Lines batch one line at a time from any reader, so memory stays flat however
/// long the stream is. Each bad line yields one error naming `origin:LINE`.
pub fn read_stream<R: std::io::Read>(
    input: R,
    origin: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, ReadError>),
) {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::new();
    let mut n = 0usize;
    let mut any = false;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                sink(Err(ReadError::Io { path: origin.to_string(), source: e }));
                break;
            }
        }
        n += 1;
        let line = buf.trim_ascii();
        if line.is_empty() {
            continue;
        }
        any = true;
        let at = format!("{origin}:{n}");
        sink(read_line(line, &at, n, opts));
    }
    if !any {
        sink(Err(ReadError::Empty { path: origin.to_string() }));
    }
}

fn read_line(line: &[u8], at: &str, n: usize, opts: &ReadOptions) -> Result<Document, ReadError> {
    let (text, lossy) = crate::decode_borrowed(line, at);
    let rec: Line =
        serde_json::from_str(&text).map_err(|e| ReadError::Json { path: at.to_string(), message: e.to_string() })?;
    let id = rec.id.clone().or_else(|| rec.url.clone()).unwrap_or_else(|| format!("line-{n}"));
    let mut warnings: Vec<String> = lossy.into_iter().collect();
    let published = match rec.published.as_deref() {
        Some(p) => match parse_date(p) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!("{at}: unreadable published date {p:?}, ignored"));
                None
            }
        },
        None => None,
    };
    let mut doc = match (rec.text, rec.html) {
        (Some(text), _) if !text.trim().is_empty() => Document {
            id: id.clone(),
            origin: at.to_string(),
            format: Format::Jsonl,
            meta: Meta::default(),
            body: normalize_newlines(text),
            warnings: Vec::new(),
            furniture: Vec::new(),
        },
        (_, Some(h)) if !h.trim().is_empty() => {
            let mut d = html::read(h.as_bytes(), &id, at, opts)?;
            d.format = Format::Jsonl;
            d
        }
        _ => return Err(ReadError::Record { path: at.to_string(), message: "no \"text\" or \"html\" field".into() }),
    };
    doc.warnings.extend(warnings);
    doc.id = id;
    if doc.format == Format::Jsonl && doc.furniture.is_empty() {
        doc.mark_furniture();
    }
    if rec.title.is_some() {
        doc.meta.title = rec.title;
    }
    doc.meta.url = rec.url.or(doc.meta.url);
    doc.meta.outlet = rec.outlet.or(doc.meta.outlet);
    doc.meta.lang = rec.lang.or(doc.meta.lang);
    doc.meta.published = published.or(doc.meta.published).or(opts.published);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(raw: &[u8]) -> Vec<Result<Document, ReadError>> {
        let mut out = Vec::new();
        read(raw, "b.jsonl", &ReadOptions::default(), &mut |r| out.push(r));
        out
    }

    #[test]
    fn good_lines_survive_bad_ones() {
        let raw = b"{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2025-01-02\"}\nnot json\n{\"id\":7,\"title\":\"t\"}\n\n{\"id\":\"c\",\"text\":\"Two.\"}\n";
        let out = collect(raw);
        assert_eq!(out.len(), 4);
        let a = out[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.body.as_str()), ("a", "One."));
        assert_eq!(a.meta.published, chrono::NaiveDate::from_ymd_opt(2025, 1, 2));
        let e1 = out[1].as_ref().unwrap_err().to_string();
        assert!(e1.starts_with("b.jsonl:2: not JSON"), "{e1}");
        let e2 = out[2].as_ref().unwrap_err().to_string();
        assert!(e2.starts_with("b.jsonl:3:") && e2.contains("no \"text\""), "{e2}");
        assert_eq!(out[3].as_ref().unwrap().id, "c");
    }

    #[test]
    fn html_field_is_extracted() {
        let raw = br#"{"id":"h","html":"<html><head><title>Bridge</title><meta property='article:published_time' content='2025-02-03'></head><body><nav>Home</nav><article><p>Officials said 40 people were hurt.</p></article></body></html>"}"#;
        let out = collect(raw);
        let d = out[0].as_ref().unwrap();
        assert_eq!((d.id.as_str(), d.body.as_str()), ("h", "Officials said 40 people were hurt."));
        assert_eq!(d.meta.title.as_deref(), Some("Bridge"));
        assert_eq!(d.meta.published, chrono::NaiveDate::from_ymd_opt(2025, 2, 3));
        assert_eq!(d.format, Format::Jsonl);
        assert!(d.carries_text());
    }

    #[test]
    fn empty_batch_is_an_error() {
        let out = collect(b"\n\n");
        assert!(matches!(out[..], [Err(ReadError::Empty { .. })]));
    }
}
