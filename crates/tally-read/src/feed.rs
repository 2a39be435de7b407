//! Feeds (RSS 2.0 and older, Atom, JSON Feed), parsed with `feed-rs`: one document per item,
//! with its title, link and publication date. The body is the item's full content
//! (`content:encoded`, Atom `<content>`, JSON Feed `content_html`/`content_text`) when it has
//! one, else its summary, and then [`Meta::summary_only`](crate::Meta) says so.

use crate::{html, normalize_newlines, Document, Format, Meta, ReadError, ReadOptions};

/// Reads every item of a feed held in memory.
pub(crate) fn read(raw: &[u8], origin: &str, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ReadError>)) {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return sink(Err(ReadError::Empty { path: origin.to_string() }));
    }
    let parsed = std::panic::catch_unwind(|| feed_rs::parser::parse(raw));
    let feed = match parsed {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => return sink(Err(ReadError::Feed { path: origin.to_string(), message: e.to_string() })),
        Err(_) => {
            let message = "the feed parser failed on this input".to_string();
            return sink(Err(ReadError::Feed { path: origin.to_string(), message }));
        }
    };
    if feed.entries.is_empty() {
        return sink(Err(ReadError::Feed { path: origin.to_string(), message: "no items".into() }));
    }
    let outlet = feed.title.as_ref().map(|t| plain(&t.content, t.content_type.to_string().contains("html")));
    let outlet = outlet.filter(|t| !t.is_empty());
    let feed_lang = feed.language.clone();
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let n = i + 1;
        let link = entry
            .links
            .iter()
            .find(|l| page_rel(l.rel.as_deref()))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let place = match &link {
            Some(l) => format!("{origin}#{n} {l}"),
            None => format!("{origin}#{n}"),
        };
        let full = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
            .filter(|(b, _)| !b.trim().is_empty());
        let summary = entry
            .summary
            .as_ref()
            .map(|s| (s.content.as_str(), s.content_type.to_string()))
            .filter(|(b, _)| !b.trim().is_empty());
        let (body, summary_only) = match (full, summary) {
            (Some((b, t)), _) => (plain(b, is_html(&t, b)), false),
            (None, Some((b, t))) => (plain(b, is_html(&t, b)), true),
            (None, None) => {
                sink(Err(ReadError::NoText { path: place }));
                continue;
            }
        };
        if body.trim().is_empty() {
            sink(Err(ReadError::NoText { path: place }));
            continue;
        }
        let id = link.clone().or_else(|| Some(entry.id.trim().to_string()).filter(|s| !s.is_empty()));
        let id = id.unwrap_or_else(|| format!("{}-{n}", crate::id_from_path(std::path::Path::new(origin))));
        let title = entry
            .title
            .as_ref()
            .map(|t| plain(&t.content, t.content_type.to_string().contains("html")))
            .filter(|t| !t.is_empty());
        let published = entry.published.or(entry.updated).map(|d| d.date_naive()).or(opts.published);
        let mut doc = Document {
            id,
            origin: place,
            format: Format::Feed,
            meta: Meta {
                title,
                url: link,
                outlet: outlet.clone(),
                published,
                lang: entry.language.clone().or_else(|| feed_lang.clone()),
                summary_only,
            },
            body,
            warnings: Vec::new(),
            furniture: Vec::new(),
        };
        doc.mark_furniture();
        sink(Ok(doc));
    }
}

/// Whether a text construct holds markup: its declared type says HTML, or (RSS declares
/// nothing) it contains tags.
fn is_html(content_type: &str, body: &str) -> bool {
    content_type.contains("html") || (body.contains('<') && body.contains('>'))
}

/// Text of a title, summary or content, from markup or as it is.
fn plain(s: &str, markup: bool) -> String {
    if markup {
        html::fragment_text(s)
    } else {
        let text = normalize_newlines(s.trim().to_string());
        text.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Whether a link's `rel` points at the item's page: none given, or `alternate`.
fn page_rel(rel: Option<&str>) -> bool {
    rel.is_none() || rel.is_some_and(|r| r.eq_ignore_ascii_case("alternate"))
}
