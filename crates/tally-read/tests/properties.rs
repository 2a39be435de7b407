//! Property tests of the readers: no input makes them panic, the text header rule of
//! `spec/claims.md` holds for any header and body, and JSON Lines batches round-trip.

use proptest::prelude::*;
use tally_read::{read_bytes, read_jsonl_stream, split_header, Document, Format, ReadError, ReadOptions};

fn read(raw: &[u8], format: Format, origin: &str) -> Vec<Result<Document, ReadError>> {
    let mut out = Vec::new();
    read_bytes(raw, format, "doc", origin, &ReadOptions::default(), &mut |r| out.push(r));
    out
}

fn key() -> impl Strategy<Value = String> {
    "[a-z_][a-z0-9_]{0,8}"
}

fn value() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{0,30}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the text, the body starts on a character boundary inside it, and a header is
    /// only found when it ends with a `---` line within the first 40 lines.
    #[test]
    fn split_header_offsets_are_sound(text in "(([a-zA-Z_:\\- ]{0,12}|---|\u{e9}:x)\n){0,50}[^\r]{0,40}") {
        let (pairs, start) = split_header(&text);
        prop_assert!(start <= text.len());
        prop_assert!(text.is_char_boundary(start));
        if start == 0 {
            prop_assert!(pairs.is_empty());
        } else {
            let head = &text[..start];
            let lines: Vec<&str> = head.trim_end_matches('\n').split('\n').collect();
            prop_assert!(lines.len() <= 40);
            prop_assert_eq!(lines.last().map(|l| l.trim()), Some("---"));
            prop_assert!(lines[..lines.len() - 1].iter().all(|l| l.trim() != "---"));
            prop_assert!(lines[0].contains(':'));
            prop_assert!(pairs.len() < lines.len());
        }
    }

    /// A well-formed header is split off exactly: the body is everything after the `---` line.
    #[test]
    fn header_then_body_round_trips(
        fields in prop::collection::vec((key(), value()), 1..39),
        body in "([^\\p{Cc}]|\n){0,200}",
    ) {
        let header: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        let text = format!("{header}---\n{body}");
        let (pairs, start) = split_header(&text);
        prop_assert_eq!(start, header.len() + 4);
        prop_assert_eq!(&text[start..], body.as_str());
        let expect: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.clone(), v.trim().to_string())).collect();
        prop_assert_eq!(pairs, expect);
        // The text reader's body is the same slice (when there is any text).
        let docs = read(text.as_bytes(), Format::Text, "p.txt");
        prop_assert_eq!(docs.len(), 1);
        match &docs[0] {
            Ok(d) => prop_assert_eq!(d.body.as_str(), body.as_str()),
            Err(e) => prop_assert!(body.trim().is_empty(), "{e}"),
        }
    }

    /// No line that does not start like `key: value` opens a header.
    #[test]
    fn no_header_without_a_key_line(first in "[0-9 ][^\n:]{0,10}( [^\n]*)?", rest in "[^\r]{0,80}") {
        let text = format!("{first}\ntitle: x\n---\n{rest}");
        prop_assert_eq!(split_header(&text).1, 0);
    }

    /// Any bytes, any format: no panic, and every error names its input.
    #[test]
    fn readers_never_panic(raw in prop::collection::vec(any::<u8>(), 0..600), which in 0..5usize) {
        let format = [Format::Text, Format::Html, Format::Jsonl, Format::Warc, Format::Feed][which];
        for r in read(&raw, format, "in.x") {
            match r {
                Ok(d) => {
                    prop_assert!(!d.body.trim().is_empty());
                    for s in &d.furniture {
                        prop_assert!(s.start <= s.end && s.end <= d.body.len());
                    }
                }
                Err(e) => prop_assert!(e.to_string().starts_with("in.x"), "{e}"),
            }
        }
    }

    /// WARC-like and feed-like input (real record and element names around arbitrary text)
    /// never panics the archive and feed readers.
    #[test]
    fn archive_and_feed_readers_never_panic(
        parts in prop::collection::vec("WARC/1\\.[01]\r\n|WARC-Type: (response|request)\r\n|Content-Length: [0-9]{1,4}\r\n|\r\n|HTTP/1\\.1 [0-9]{3} x\r\n|<(rss|item|entry|feed|title|link|description)>|</[a-z]{1,6}>|[^<]{0,20}", 0..30)
    ) {
        let raw: String = parts.concat();
        let _ = read(raw.as_bytes(), Format::Warc, "in.warc");
        let _ = read(raw.as_bytes(), Format::Feed, "in.xml");
    }

    /// Arbitrary text in HTML clothing never panics the HTML reader.
    #[test]
    fn html_reader_never_panics(parts in prop::collection::vec("<[a-z/!]{0,8}[^<>]{0,10}>|[^<]{0,30}", 0..40)) {
        let page: String = parts.concat();
        let _ = read(page.as_bytes(), Format::Html, "in.html");
    }

    /// A JSON Lines batch gives one result per non-blank line, in order, naming `file:LINE`;
    /// records with text come back with their id and text as the body.
    #[test]
    fn jsonl_round_trips(lines in prop::collection::vec(
        prop_oneof![
            ("[a-z0-9]{1,8}", "[^\r]{0,60}").prop_map(|(id, text)| (Some(id), text)),
            "[^\n]{0,40}".prop_map(|junk| (None, junk)),
        ],
        0..20,
    )) {
        let mut batch = String::new();
        for (id, text) in &lines {
            match id {
                Some(id) => batch.push_str(&serde_json::json!({"id": id, "text": text}).to_string()),
                None => batch.push_str(text),
            }
            batch.push('\n');
        }
        let mut out = Vec::new();
        read_jsonl_stream(batch.as_bytes(), "b.jsonl", &ReadOptions::default(), &mut |r| out.push(r));
        let nonblank: Vec<(usize, &(Option<String>, String))> = lines
            .iter()
            .enumerate()
            .filter(|(_, (id, t))| id.is_some() || !t.bytes().all(|b| b.is_ascii_whitespace()))
            .collect();
        if nonblank.is_empty() {
            prop_assert_eq!(out.len(), 1);
            let empty = matches!(out[0], Err(ReadError::Empty { .. }));
            prop_assert!(empty);
            return Ok(());
        }
        prop_assert_eq!(out.len(), nonblank.len());
        for (r, (n, (id, text))) in out.iter().zip(&nonblank) {
            let at = format!("b.jsonl:{}", n + 1);
            match (r, id) {
                (Ok(d), Some(id)) => {
                    prop_assert_eq!(&d.id, id);
                    prop_assert_eq!(&d.origin, &at);
                    prop_assert_eq!(d.body.as_str(), text.as_str());
                }
                (Err(e), Some(_)) => {
                    prop_assert!(text.trim().is_empty(), "{e}");
                    prop_assert!(e.to_string().starts_with(&format!("{at}:")), "{e}");
                }
                (Err(e), None) => prop_assert!(e.to_string().starts_with(&format!("{at}:")), "{e}"),
                (Ok(_), None) => {} // junk that happens to be a valid record
            }
        }
    }
}
