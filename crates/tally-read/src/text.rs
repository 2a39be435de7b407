use crate::{decode, normalize_newlines, parse_date, Document, Format, Meta, ReadError, ReadOptions};

/// Splits an optional `key: value` header block ended by a line `---` from the body. Returns the
/// header pairs and the byte offset where the body starts. Mirrors the rule of `spec/claims.md`:
/// the first line must look like `key: value`, and `---` must come within the first 40 lines.
pub fn split_header(text: &str) -> (Vec<(String, String)>, usize) {
    let first = text.lines().next().unwrap_or("");
    // The key starts the line: an indented first line is body text, not a header.
    let key_ok = first.split_once(':').is_some_and(|(k, _)| {
        let k = k.trim_end();
        !k.is_empty()
            && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !k.starts_with(|c: char| c.is_ascii_digit())
    });
    if !key_ok {
        return (Vec::new(), 0);
    }
    let mut pairs = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        if n >= 40 {
            break;
        }
        let next = offset + line.len() + 1;
        if line.trim() == "---" {
            return (pairs, next.min(text.len()));
        }
        if let Some((k, v)) = line.split_once(':') {
            pairs.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        offset = next;
    }
    (Vec::new(), 0)
}

/// Applies header pairs to a document's metadata and id; unknown keys are ignored.
pub(crate) fn apply_header(pairs: &[(String, String)], doc: &mut Document) {
    for (k, v) in pairs {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "title" => doc.meta.title = Some(v.to_string()),
            "url" => doc.meta.url = Some(v.to_string()),
            "outlet" => doc.meta.outlet = Some(v.to_string()),
            "lang" => doc.meta.lang = Some(v.to_string()),
            "id" => doc.id = v.to_string(),
            "published" | "date" => match parse_date(v) {
                Some(d) => doc.meta.published = Some(d),
                None => doc.warnings.push(format!("{}: unreadable published date {v:?}, ignored", doc.origin)),
            },
            _ => {}
        }
    }
}

/// Reads a plain-text article with its optional header block.
pub(crate) fn read(raw: &[u8], id: &str, origin: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    let (text, warning) = decode(raw, origin);
    let text = normalize_newlines(text);
    let (pairs, body_start) = split_header(&text);
    let mut doc = Document {
        id: id.to_string(),
        origin: origin.to_string(),
        format: Format::Text,
        meta: Meta::default(),
        body: text[body_start..].to_string(),
        warnings: warning.into_iter().collect(),
        furniture: Vec::new(),
    };
    doc.mark_furniture();
    apply_header(&pairs, &mut doc);
    if doc.meta.published.is_none() {
        doc.meta.published = opts.published;
    }
    if doc.body.trim().is_empty() {
        return Err(ReadError::NoText { path: origin.to_string() });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_split_at_dashes() {
        let t = "published: 2025-08-30\ntitle: A: B\n---\nBody here.\n";
        let (pairs, start) = split_header(t);
        assert_eq!(&t[start..], "Body here.\n");
        assert_eq!(pairs[1], ("title".to_string(), "A: B".to_string()));
        let (pairs, start) = split_header("Kyiv: no header here\n\nText");
        assert!(pairs.is_empty() && start == 0);
        let (_, start) = split_header("Note: no end line\nText");
        assert_eq!(start, 0);
        // An indented first line is body text, whatever follows it.
        let (_, start) = split_header(" \u{363} :\ntitle: x\n---\n");
        assert_eq!(start, 0);
    }

    #[test]
    fn reads_text_with_header_and_bad_date() {
        let raw = b"published: someday\nid: x1\n---\nHello world.";
        let d = read(raw, "f", "f.txt", &ReadOptions::default()).unwrap();
        assert_eq!(d.id, "x1");
        assert_eq!(d.body, "Hello world.");
        assert_eq!(d.meta.published, None);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn bad_utf8_is_decoded_lossily_with_a_warning() {
        let d = read(b"Caf\xe9 opened.", "f", "f.txt", &ReadOptions::default()).unwrap();
        assert_eq!(d.body, "Caf\u{fffd} opened.");
        assert!(d.warnings[0].contains("f.txt") && d.warnings[0].contains("UTF-8"));
    }
}
