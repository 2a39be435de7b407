//! HTML pages: character set, metadata (title, publication date) and the main article text.
//!
//! Main-content extraction is delegated to `dom_smoothie` (a port of Mozilla's Readability);
//! `docs/html-extraction.md` records how it was chosen. This module only decodes the bytes,
//! reads metadata, drops figure captions (not article prose), and lays the extracted text out
//! as paragraphs separated by blank lines, without page furniture lines.

use crate::{
    date::month_number, furniture::is_furniture_line, parse_date, parse_date_loose, url_date, Document, Format, Meta,
    ReadError, ReadOptions,
};
use chrono::Datelike;
use dom_query::Document as Dom;
use std::borrow::Cow;
use std::sync::LazyLock;
use tally_model::NaiveDate;

/// Bytes of the page searched for a `<meta charset>` declaration (the HTML standard's prescan
/// looks at the first 1024; pages with long heads put it later, so look a little further).
const CHARSET_PRESCAN: usize = 4096;

/// `<meta name=...>` / `<meta property=...>` / `<meta itemprop=...>` keys that carry the
/// publication date, best first. Compared lower-case.
const DATE_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
];

/// Pages whose elements nest deeper than this are refused: real pages stay under about 50
/// levels, while HTML parsing and extraction cost grows with the square of the depth (and the
/// extractor recurses), so a pathological page could stall or overflow the stack.
const MAX_NESTING: usize = 1000;

/// Reads an HTML page: main content, title and publication date.
pub(crate) fn read(raw: &[u8], id: &str, origin: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    read_with_charset(raw, None, id, origin, opts)
}

/// Reads an HTML page whose transport (an HTTP header) may name its character set; that name
/// goes before a `<meta charset>` declaration but after a byte-order mark and valid UTF-8.
pub(crate) fn read_with_charset(
    raw: &[u8],
    charset: Option<&'static encoding_rs::Encoding>,
    id: &str,
    origin: &str,
    opts: &ReadOptions,
) -> Result<Document, ReadError> {
    let (html, warning) = decode_html(raw, charset, origin);
    if nesting_depth(html.as_bytes(), MAX_NESTING) > MAX_NESTING {
        return Err(ReadError::Record {
            path: origin.to_string(),
            message: format!("HTML elements nested more than {MAX_NESTING} levels deep; page skipped"),
        });
    }
    let extracted = std::panic::catch_unwind(|| extract(&html));
    let page = match extracted {
        Ok(page) => page,
        Err(_) => {
            return Err(ReadError::Record {
                path: origin.to_string(),
                message: "the HTML parser failed on this page".into(),
            })
        }
    };
    if page.body.trim().is_empty() {
        return Err(ReadError::NoText { path: origin.to_string() });
    }
    Ok(Document {
        id: id.to_string(),
        origin: origin.to_string(),
        format: Format::Html,
        meta: Meta {
            title: page.title,
            url: page.url,
            outlet: page.site_name,
            published: page.published.or(opts.published),
            lang: page.lang,
            summary_only: false,
        },
        body: page.body,
        warnings: warning.into_iter().collect(),
        furniture: Vec::new(),
    })
}

/// What a page yields before it becomes a [`Document`].
#[derive(Debug, Default)]
struct Page {
    title: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    published: Option<NaiveDate>,
    body: String,
}

/// Elements whose text is not the article's running text: captions and credits of pictures,
/// and hover cards. Matched by class-name parts, as pages name them.
const NOT_RUNNING_TEXT: &str = "figcaption, figure cite, [class*='caption'], [class*='credit'], [hidden]";

/// Hover cards: an element so classed holds what is shown (a name, a link) and, inside,
/// another so classed that holds the card; the inner one goes, the name stays.
const HOVER_CARDS: &str =
    "[class*='rollover'] [class*='rollover']:not(a), [class*='tooltip'] [class*='tooltip']:not(a), \
    [class*='hovercard'] [class*='hovercard']:not(a), [class*='popover'] [class*='popover']:not(a)";

/// Elements that may hold lists of links to other stories, by class-name parts; they are
/// dropped when most of their text is link text.
const LINK_LISTS: &str = "[class*='related'], [class*='trending'], [class*='recirc'], [class*='most-read'], \
    [class*='most-popular'], [class*='more-stories'], [class*='more-from'], [class*='read-more'], [class*='also-read']";

/// Link lists with more text than this (bytes) are taken for wrappers of more text.
const MAX_LINK_LIST_LEN: usize = 3000;

/// Whether `n` is an element that wraps the whole page or article (`html`, `body`, `main`,
/// `article`), whose classes may name what it holds without being it.
fn is_page_wrapper(n: &dom_query::NodeRef) -> bool {
    n.node_name().is_some_and(|t| matches!(t.as_ref(), "html" | "body" | "main" | "article"))
}

/// Bytes of `s` that are not white space.
fn visible_len(s: &str) -> usize {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// Captions, credits and cards longer than this (bytes) are taken for wrappers of more text.
const MAX_CAPTION_LEN: usize = 1500;

fn extract(html: &str) -> Page {
    let dom = Dom::from(html);
    let mut page = metadata(&dom);
    // Figure captions and photo credits describe pictures, and hover cards (a person's
    // portrait and headlines, shown when the pointer rests on a name) are hidden until then:
    // neither is part of the article's running text.
    if let Some(found) = dom.try_select(NOT_RUNNING_TEXT) {
        for n in found.nodes() {
            // A page's wrappers may carry such words among their classes too (`<body
            // class="... caption_on ...">`): a caption, credit or card is short.
            if !is_page_wrapper(n) && n.text().len() <= MAX_CAPTION_LEN {
                n.remove_from_parent();
            }
        }
    }
    if let Some(found) = dom.try_select(HOVER_CARDS) {
        for n in found.nodes() {
            if n.text().len() <= MAX_CAPTION_LEN {
                n.remove_from_parent();
            }
        }
    }
    // Lists of links to other stories (related, trending, more from a section) that sit in
    // or beside the article: their headlines are not its text.
    if let Some(found) = dom.try_select(LINK_LISTS) {
        for n in found.nodes() {
            let text = visible_len(&n.text());
            if is_page_wrapper(n) || text == 0 || text > MAX_LINK_LIST_LEN {
                continue;
            }
            let linked: usize = n
                .descendants_it()
                .filter(|d| d.node_name().is_some_and(|t| t.as_ref() == "a"))
                .map(|a| visible_len(&a.text()))
                .sum();
            if linked * 10 >= text * 6 {
                n.remove_from_parent();
            }
        }
    }
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let text = dom_smoothie::Readability::with_document(dom, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    page.body = layout(&text);
    page
}

/// Title, outlet, canonical URL, language and publication date from the page's head.
fn metadata(dom: &Dom) -> Page {
    let mut page = Page::default();
    let mut og_title = None;
    let mut twitter_title = None;
    let mut dates: Vec<(usize, String)> = Vec::new();
    // Other keys that name a publication date in a page's own words (`sn-post-date`).
    let mut other_dates: Vec<String> = Vec::new();
    if let Some(metas) = dom.try_select("meta") {
        for m in metas.nodes() {
            let Some(content) = m.attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) else {
                continue;
            };
            let keys: Vec<String> = ["property", "name", "itemprop"]
                .iter()
                .filter_map(|a| m.attr(a))
                .flat_map(|k| k.split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>())
                .collect();
            for key in keys {
                match key.as_str() {
                    "og:title" if og_title.is_none() => og_title = Some(content.clone()),
                    "twitter:title" if twitter_title.is_none() => twitter_title = Some(content.clone()),
                    "og:site_name" if page.site_name.is_none() => page.site_name = Some(content.clone()),
                    "og:url" if page.url.is_none() => page.url = Some(content.clone()),
                    _ => {
                        if let Some(rank) = DATE_META.iter().position(|k| *k == key) {
                            dates.push((rank, content.clone()));
                        } else if names_publication_date(&key) {
                            other_dates.push(content.clone());
                        }
                    }
                }
            }
        }
    }
    // JSON-LD comes right after `article:published_time`: it is written for machines too.
    if let Some(scripts) = dom.try_select("script[type='application/ld+json']") {
        for s in scripts.nodes() {
            let text = s.text();
            let found = match serde_json::from_str::<serde_json::Value>(text.trim()) {
                Ok(v) => json_ld_date(&v, 0),
                // Hand-written JSON-LD is often not valid JSON: take the field's string as is.
                Err(_) => quoted_field(&text, "\"datePublished\""),
            };
            if let Some(d) = found {
                dates.push((0, d));
                break;
            }
        }
    }
    // Microdata on ordinary elements: `<span itemprop="datePublished">Feb 16, 2018</span>`.
    if let Some(found) = dom.try_select("[itemprop~='datePublished']:not(meta)") {
        for n in found.nodes() {
            let v = n.attr("datetime").or_else(|| n.attr("content")).unwrap_or_else(|| n.text());
            dates.push((1, v.trim().to_string()));
        }
    }
    dates.sort_by_key(|(rank, _)| *rank);
    // Placeholders such as `0001-01-01T00:00:00Z` are not dates.
    let plausible = |d: NaiveDate| (1900..=2200).contains(&d.year());
    page.published = dates.iter().filter_map(|(_, d)| parse_date(d)).find(|d| plausible(*d));
    if page.published.is_none() {
        page.published = dates.iter().filter_map(|(_, d)| parse_date_loose(d)).find(|d| plausible(*d));
    }
    if page.published.is_none() {
        page.published = other_dates.iter().filter_map(|d| parse_date_loose(d)).find(|d| plausible(*d));
    }
    if page.published.is_none() {
        page.published = time_element_date(dom).filter(|d| plausible(*d));
    }
    let canonical = || {
        dom.try_select("link[rel='canonical']")
            .and_then(|l| l.attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
    };
    if page.published.is_none() {
        page.published = page.url.clone().or_else(canonical).and_then(|u| url_date(&u));
    }
    if page.published.is_none() {
        page.published = dated_element(dom).filter(|d| plausible(*d));
    }
    let head_title = dom.try_select("title").map(|t| t.text().to_string()).filter(|t| !t.trim().is_empty());
    let title = og_title.or(twitter_title).or(head_title).map(|t| collapse_spaces(&t));
    page.title = title.map(|t| strip_outlet(t, page.site_name.as_deref())).filter(|t| !t.is_empty());
    page.lang =
        dom.try_select("html").and_then(|h| h.attr("lang")).map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    if page.url.is_none() {
        page.url = canonical();
    }
    page
}

/// The first `datePublished` in a JSON-LD value (objects, arrays, `@graph`), depth-limited.
fn json_ld_date(v: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(d)) = map.get("datePublished") {
                return Some(d.clone());
            }
            map.values().find_map(|x| json_ld_date(x, depth + 1))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|x| json_ld_date(x, depth + 1)),
        _ => None,
    }
}

/// The string value of `"field": "..."` in text that is not valid JSON.
fn quoted_field(text: &str, field: &str) -> Option<String> {
    let at = text.find(field)? + field.len();
    let rest = text.get(at..)?.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    rest.get(..end).map(str::to_string)
}

/// Whether a metadata key not in [`DATE_META`] names when the page was published
/// (`sn-post-date`, `publication_date`), not when it was changed.
fn names_publication_date(key: &str) -> bool {
    let when = key.contains("date") || key.contains("time");
    let published = key.contains("pub") || key.contains("post") || key.contains("creat");
    let changed = ["modif", "updat", "edit", "expir", "revis"].iter().any(|w| key.contains(w));
    when && published && !changed
}

/// Longest text (bytes) of an element read as a date by [`dated_element`].
const MAX_DATE_TEXT: usize = 80;

/// A date from the first short element whose class names a date (`<span class="datetime">`,
/// `<div class="post-date">`, `<input class="published_date" value=...>`), its value or text
/// read in words or digits; not one that says when the page was updated or what day it is.
fn dated_element(dom: &Dom) -> Option<NaiveDate> {
    let found = dom.try_select("body [class*='date']:not(script):not(style)")?;
    found.nodes().iter().take(200).find_map(|n| {
        let class = n.attr("class").map(|c| c.to_ascii_lowercase()).unwrap_or_default();
        if ["updat", "modif", "today", "current"].iter().any(|w| class.contains(w)) {
            return None;
        }
        let v = n.attr("datetime").or_else(|| n.attr("value")).or_else(|| n.attr("content"));
        let v = match v {
            Some(v) => v.trim().to_string(),
            None => collapse_spaces(&n.text()),
        };
        (v.len() <= MAX_DATE_TEXT).then(|| parse_date_loose(&v)).flatten()
    })
}

/// A date from `<time datetime>`: one marked `pubdate` or inside the `<article>` first.
fn time_element_date(dom: &Dom) -> Option<NaiveDate> {
    for sel in ["time[pubdate][datetime]", "article time[datetime]", "time[datetime]"] {
        if let Some(found) = dom.try_select(sel) {
            if let Some(d) = found.nodes().iter().find_map(|n| n.attr("datetime").and_then(|d| parse_date(&d))) {
                return Some(d);
            }
        }
    }
    None
}

/// Drops a trailing ` | Outlet` (or ` - Outlet`, ` — Outlet`) when it names the page's own
/// site (`og:site_name`); any other suffix may be part of the headline and is kept.
fn strip_outlet(title: String, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else { return title };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that end a paragraph or line when an HTML fragment is turned into text.
const BLOCK_ENDS: &[&str] = &[
    "</p>",
    "<br>",
    "<br/>",
    "<br />",
    "</li>",
    "</div>",
    "</blockquote>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
    "</tr>",
    "</pre>",
    "</figure>",
    "</section>",
    "</article>",
];

/// The text of an HTML fragment (a feed item's content or summary), laid out as paragraphs,
/// without main-content detection: a fragment is all content. Figure captions are dropped.
pub(crate) fn fragment_text(fragment: &str) -> String {
    let mut marked = String::with_capacity(fragment.len() + 64);
    let lower = fragment.to_ascii_lowercase();
    let mut last = 0;
    let mut i = 0;
    while let Some(pos) = lower[i..].find('<') {
        let at = i + pos;
        i = at + 1;
        if let Some(tag) = BLOCK_ENDS.iter().find(|t| lower[at..].starts_with(*t)) {
            let end = at + tag.len();
            marked.push_str(&fragment[last..end]);
            marked.push_str("\n\n");
            last = end;
            i = end;
        }
    }
    marked.push_str(&fragment[last..]);
    let text = std::panic::catch_unwind(|| {
        let dom = Dom::from(format!("<html><body>{marked}</body></html>"));
        if let Some(captions) = dom.try_select("figcaption, script, style") {
            captions.remove();
        }
        dom.select("body").text().to_string()
    })
    .unwrap_or_default();
    layout(&text)
}

/// Lines at least this long (bytes) are dropped when they repeat an earlier line exactly;
/// shorter ones ("Yes.", a one-word answer) may well repeat in real prose.
const MIN_REPEAT_LEN: usize = 40;

/// Lays extracted text out as paragraphs separated by one blank line: trims lines, collapses
/// runs of spaces, drops furniture lines, keeps single line breaks inside a paragraph.
fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    let mut seen = std::collections::HashSet::new();
    for line in text.split('\n') {
        let line = collapse_spaces(line);
        // A line of zero-width characters only (spacers in page editors) is blank.
        if line.chars().all(|c| matches!(c, ' ' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')) {
            blank = true;
            continue;
        }
        if is_furniture_line(&line) || is_picture_credit(&line) || is_date_stamp(&line) {
            continue;
        }
        // A line that repeats an earlier one word for word is a gallery caption or pull quote
        // shown twice, not new text.
        if line.len() >= MIN_REPEAT_LEN && !seen.insert(line.clone()) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// The lines of a word list in `data/`, without blank lines and `#` comments.
fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Lower-case words a line stamped with the page's date or time may carry besides the date,
/// weekday names among them.
static STAMP_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../data/date_stamp_words.txt")));

/// A line that only stamps the page with a date and time (`Nov. 20, 2019 5:52 AM EST`,
/// `Updated on: November 19, 2019 / 10:07 AM / Outlet`, `18 NOV 2019`): it starts with the
/// date, a weekday or a stamp word, names a month next to a day, and has no other lower-case
/// word, with a year or a clock time. Such a line is the page's metadata, not a sentence of the article.
fn is_date_stamp(line: &str) -> bool {
    if line.len() > 80 || line.ends_with(['?', '!']) {
        return false;
    }
    let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(20).collect();
    let is_day =
        |w: Option<&&str>| w.is_some_and(|w| w.len() <= 2 && w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)));
    let stamp_word = |w: &str| {
        let lower = w.to_lowercase();
        STAMP_WORDS.contains(&lower.as_str())
    };
    let Some(first) = words.first() else { return false };
    if !(first.bytes().all(|b| b.is_ascii_digit()) || month_number(first).is_some() || stamp_word(first)) {
        return false;
    }
    let mut dated = false;
    for (i, w) in words.iter().enumerate() {
        if month_number(w).is_some() {
            dated |= is_day(words.get(i + 1)) || is_day(i.checked_sub(1).and_then(|j| words.get(j)));
        } else if w.chars().next().is_some_and(char::is_lowercase) && !stamp_word(w) {
            return false;
        }
    }
    // A year or a clock time: a bare `June 9 -- Venue, Town` is a line of a listing.
    let year = words.iter().any(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2200).contains(&y)));
    let clock = line.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    dated && (year || clock)
}

/// Picture agencies whose name ends a credit line (`Jane Doe/Getty Images`).
static PICTURE_AGENCIES: LazyLock<Vec<&str>> =
    LazyLock::new(|| word_list(include_str!("../data/picture_agencies.txt")));

/// A short line that names who took or supplied a picture (`Name/Outlet/Getty Images`),
/// with no sentence in it.
fn is_picture_credit(line: &str) -> bool {
    if line.len() > 100 || line.ends_with(['.', '!', '?', '"', '\u{201d}']) {
        return false;
    }
    let lower = line.to_lowercase();
    PICTURE_AGENCIES.iter().any(|a| lower.ends_with(a))
}

/// Decodes an HTML page: a byte-order mark or a `<meta charset>` declaration names the
/// encoding; otherwise UTF-8, decoded lossily with a warning when the bytes are not UTF-8.
fn decode_html(
    raw: &[u8],
    transport: Option<&'static encoding_rs::Encoding>,
    origin: &str,
) -> (String, Option<String>) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, had_errors) = enc.decode_without_bom_handling(raw.get(bom..).unwrap_or_default());
        return (text.into_owned(), had_errors.then(|| lossy_warning(origin, enc.name())));
    }
    // Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares: pages often keep
    // an old `ISO-8859-1` declaration after moving to UTF-8, and non-ASCII text in a legacy
    // encoding is almost never valid UTF-8 by chance.
    if let Ok(s) = std::str::from_utf8(raw) {
        return (s.to_string(), None);
    }
    if let Some(enc) = transport.or_else(|| declared_charset(raw)) {
        // A page that declares UTF-16 is served as bytes of an ASCII-compatible encoding in
        // practice (the standard treats it as UTF-8).
        if enc != encoding_rs::UTF_8 && enc.is_ascii_compatible() {
            let (text, had_errors) = enc.decode_without_bom_handling(raw);
            return (text.into_owned(), had_errors.then(|| lossy_warning(origin, enc.name())));
        }
    }
    match String::from_utf8_lossy(raw) {
        Cow::Borrowed(s) => (s.to_string(), None),
        Cow::Owned(s) => (s, Some(lossy_warning(origin, "UTF-8"))),
    }
}

fn lossy_warning(origin: &str, encoding: &str) -> String {
    format!("{origin}: invalid {encoding}, decoded lossily")
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// declares in the first bytes of the page.
fn declared_charset(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = raw.get(..raw.len().min(CHARSET_PRESCAN)).unwrap_or(raw);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let start = from + pos + b"charset".len();
        from = start;
        let rest = &lower[start..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(enc) = rest.get(..end).and_then(encoding_rs::Encoding::for_label) {
            return Some(enc);
        }
    }
    None
}

/// Elements that never nest (void) or that the parser closes by itself (`<p>`, `<li>`, table
/// cells...): the nesting estimate ignores their tags.
const FLAT_ELEMENTS: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"frame",
    b"basefont",
    b"bgsound",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"rb",
    b"rt",
    b"rp",
    b"head",
    b"body",
    b"html",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT_ELEMENTS: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp", b"noscript"];

/// An estimate of how deep the page's elements nest, from its tags alone (start tags open,
/// end tags close; self-closing, void and parser-closed elements are ignored). Stops counting
/// once the depth passes `cap`. Linear in the page size.
fn nesting_depth(b: &[u8], cap: usize) -> usize {
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(lt) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'<')) {
        let mut j = i + lt + 1;
        if b.get(j..j + 3) == Some(b"!--") {
            i = find_ci(b.get(j..).unwrap_or_default(), b"-->").map_or(b.len(), |p| j + p + 3);
            continue;
        }
        let end = b.get(j) == Some(&b'/');
        if end {
            j += 1;
        }
        let name_len =
            b.get(j..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count());
        let name: Vec<u8> = b.get(j..j + name_len).unwrap_or_default().to_ascii_lowercase();
        if !name.first().is_some_and(u8::is_ascii_alphabetic) {
            i = j;
            continue;
        }
        let after = j + name_len;
        let close = b.get(after..).and_then(|r| r.iter().position(|&c| c == b'>')).map_or(b.len(), |p| after + p);
        if !end && RAW_TEXT_ELEMENTS.contains(&name.as_slice()) {
            let mut needle = b"</".to_vec();
            needle.extend_from_slice(&name);
            i = find_ci(b.get(close..).unwrap_or_default(), &needle).map_or(b.len(), |p| close + p + needle.len());
            continue;
        }
        i = close;
        if FLAT_ELEMENTS.contains(&name.as_slice()) {
            continue;
        }
        if end {
            depth = depth.saturating_sub(1);
        } else if close == 0 || b.get(close - 1) != Some(&b'/') {
            depth += 1;
            max = max.max(depth);
            if max > cap {
                break;
            }
        }
    }
    max
}

/// Position of `needle` (lower case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>")
    }

    const ARTICLE: &str = "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>\
        <article><h1>Floods reach the delta</h1>\
        <p>Heavy rain pushed the river over its banks on Tuesday, and officials said more than \
        4,000 people had left their homes in the low-lying districts along the delta.</p>\
        <figure><img src=\"a.jpg\"><figcaption>Residents wade through water in a photograph.</figcaption></figure>\
        <p>The regional council opened three shelters in school buildings, according to a \
        spokesperson, who added that the army had sent boats to help with the evacuation.</p>\
        <p>Advertisement</p>\
        <p>Forecasters expect the water to fall by the weekend, though more rain is possible in \
        the hills upstream, where the ground is already soaked after weeks of storms.</p></article>\
        <footer><p>Copyright the publisher. All rights reserved.</p></footer>";

    #[test]
    fn extracts_article_paragraphs_without_captions_or_furniture() {
        let html = page("<title>Floods reach the delta | Daily Planet</title>", ARTICLE);
        let d = read(html.as_bytes(), "p", "p.html", &ReadOptions::default()).unwrap();
        assert!(d.body.contains("more than 4,000 people had left their homes"), "{}", d.body);
        assert!(d.body.contains("delta.\n\nThe regional council"), "{:?}", d.body);
        assert!(!d.body.contains("wade through water"), "{}", d.body);
        assert!(!d.body.contains("Advertisement"), "{}", d.body);
        assert!(!d.body.contains("Home"), "{}", d.body);
        assert!(!d.body.contains("\n\n\n") && !d.body.starts_with('\n') && !d.body.ends_with('\n'));
        assert_eq!(d.format, Format::Html);
        assert!(d.carries_text());
        assert_eq!(d.meta.lang.as_deref(), Some("en"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn title_prefers_og_title_and_strips_own_outlet_only() {
        let head =
            "<title>Ignored</title><meta property=\"og:title\" content=\"Floods  reach the delta - Daily Planet\">\
                    <meta property=\"og:site_name\" content=\"Daily Planet\">";
        let d = read(page(head, ARTICLE).as_bytes(), "p", "p", &ReadOptions::default()).unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("Floods reach the delta"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Daily Planet"));
        let head = "<title>Rain - what comes next</title><meta property=\"og:site_name\" content=\"Daily Planet\">";
        let d = read(page(head, ARTICLE).as_bytes(), "p", "p", &ReadOptions::default()).unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("Rain - what comes next"));
    }

    #[test]
    fn publication_date_sources_in_order() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let og = "<meta property=\"article:published_time\" content=\"2024-03-05T08:00:00+01:00\">";
        let ld = "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-06\"}]}</script>";
        let time = "<time datetime=\"2024-03-07T10:00\">7 March</time>";
        let with = |head: &str, extra: &str| {
            let html = page(head, &format!("{extra}{ARTICLE}"));
            read(html.as_bytes(), "p", "p", &ReadOptions::default()).unwrap().meta.published
        };
        assert_eq!(with(&format!("{ld}{og}"), time), ymd(2024, 3, 5));
        assert_eq!(with(ld, time), ymd(2024, 3, 6));
        assert_eq!(with("", time), ymd(2024, 3, 7));
        assert_eq!(with("<meta name=\"date\" content=\"not a date\">", ""), None);
        assert_eq!(
            with(&format!("<meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\">{ld}"), ""),
            ymd(2024, 3, 6)
        );
        let itemprop = "<meta itemprop=\"datePublished dateCreated\" content=\"2024-03-08T00:00:00.000Z\">";
        assert_eq!(with(itemprop, time), ymd(2024, 3, 8));
        let words = "<meta property=\"article:published_time\" content=\"March 9, 2024, 07:47 PM EST\">";
        assert_eq!(with(words, time), ymd(2024, 3, 9));
        let broken_ld = "<script type=\"application/ld+json\">{\"datePublished\": \"2024-03-10\",}</script>";
        assert_eq!(with(broken_ld, time), ymd(2024, 3, 10));
        assert_eq!(with("", "<span itemprop=\"datePublished\">Mon 6:45 PM, Mar 11, 2024</span>"), ymd(2024, 3, 11));
        assert_eq!(with("<meta name=\"site-post-date\" content=\"2024/03/12\">", ""), ymd(2024, 3, 12));
        assert_eq!(with("<meta name=\"site-updated-date\" content=\"2024/03/12\">", ""), None);
        let url = "<meta property=\"og:url\" content=\"https://news.example/2024/03/13/floods/\">";
        assert_eq!(with(url, ""), ymd(2024, 3, 13));
        assert_eq!(with(url, time), ymd(2024, 3, 7));
        let byline = "<p class=\"byline\">by A. Writer <span class=\"datetime\">Thursday, March 14, 2024</span></p>";
        assert_eq!(with("", byline), ymd(2024, 3, 14));
        assert_eq!(with("", "<div class=\"updated-date\">March 15, 2024</div>"), None);
        assert_eq!(
            with("", "<input class=\"published_date\" type=\"hidden\" value=\"2024-03-16 02:24:47\">"),
            ymd(2024, 3, 16)
        );
        let opts = ReadOptions { published: ymd(2020, 1, 1), ..ReadOptions::default() };
        let d = read(page("", ARTICLE).as_bytes(), "p", "p", &opts).unwrap();
        assert_eq!(d.meta.published, ymd(2020, 1, 1));
    }

    #[test]
    fn declared_charset_is_honoured() {
        let mut html = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body>".to_vec();
        html.extend_from_slice(ARTICLE.as_bytes());
        html.extend_from_slice(b"<p>The caf\xe9 owner said the \x93water\x94 rose overnight and her shop on the square stayed closed for the whole week after it.</p></body></html>");
        let d = read(&html, "p", "p", &ReadOptions::default()).unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("Café"));
        assert!(d.body.contains("The café owner said the “water” rose"), "{}", d.body);
        assert!(d.warnings.is_empty());
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content=\"text/html; charset=ISO-8859-1\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared_charset(b"<p>charset is a word</p>"), None);
        // Valid UTF-8 wins over a stale declaration.
        let stale =
            "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café owners met on Monday.</p></body></html>";
        let d = read(stale.as_bytes(), "p", "p", &ReadOptions::default()).unwrap();
        assert_eq!(d.body, "Café owners met on Monday.");
    }

    #[test]
    fn undeclared_bad_utf8_is_lossy_with_a_warning() {
        let html = page("", &ARTICLE.replace("Heavy rain", "Heavy r\u{e0}in")).replace('\u{e0}', "\u{1}");
        let bytes: Vec<u8> = html.bytes().map(|b| if b == 1 { 0xff } else { b }).collect();
        let d = read(&bytes, "p", "p.html", &ReadOptions::default()).unwrap();
        assert!(d.body.contains("Heavy r\u{fffd}in"), "{}", d.body);
        assert!(d.warnings.iter().any(|w| w.contains("p.html") && w.contains("UTF-8")), "{:?}", d.warnings);
    }

    #[test]
    fn truncated_and_textless_pages() {
        let cut = &page("<title>T</title>", ARTICLE)[..400];
        let d = read(cut.as_bytes(), "p", "p", &ReadOptions::default()).unwrap();
        assert!(d.body.contains("Heavy rain"), "{}", d.body);
        let e = read(b"<html><body><script>x()</script></body></html>", "p", "p.html", &ReadOptions::default());
        assert!(matches!(e, Err(ReadError::NoText { .. })), "{e:?}");
    }

    #[test]
    fn short_page_still_yields_its_text() {
        let d = read(b"<html><body><p>Two people were hurt.</p></body></html>", "p", "p", &ReadOptions::default());
        assert_eq!(d.map(|d| d.body).ok().as_deref(), Some("Two people were hurt."));
    }

    #[test]
    fn nesting_estimate() {
        assert_eq!(nesting_depth(b"<html><body><div><p>a<p>b<br><img src=x/></div></body></html>", 100), 1);
        assert_eq!(nesting_depth(b"<div><section><div>x</div></section><span/></div>", 100), 3);
        assert_eq!(nesting_depth(b"<script>var s = '<div><div><div>';</SCRIPT><div>", 100), 1);
        assert_eq!(nesting_depth(b"<DIV><Div></div></DIV></div><div>", 100), 2);
        assert_eq!(nesting_depth(b"< div> <3 <!-- <div> --> </", 100), 0);
        assert_eq!(nesting_depth(b"<!-- <div>", 100), 0);
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(deep.as_bytes(), 1000), 1001);
        let e = read(
            format!("<html><body>{deep}<p>Text here.</p></body></html>").as_bytes(),
            "p",
            "p.html",
            &ReadOptions::default(),
        );
        assert!(e.is_err_and(|e| e.to_string().starts_with("p.html: HTML elements nested")));
    }

    #[test]
    fn captions_credits_and_hover_cards_are_not_body_text() {
        let body = "<main class=\"layout caption_on\"><article><h1>Bridge opens</h1>\
            <p>The new bridge over the bay opened to traffic on Monday morning after four years of \
            building work, and the first drivers crossed it shortly after six.</p>\
            <div class=\"wp-caption\"><img src=\"b.jpg\"><p class=\"wp-caption-text\">Cars queue at the \
            toll gate.</p></div><div class=\"photo-credits\">\u{a9} Sam Lee</div>\
            <p>Mayor <span class=\"person-rollover\"><a href=\"/p/ana-ruiz\">Ana Ruiz</a><span class=\"rollover-block\">\
            <a href=\"/p/ana-ruiz\">Ana Ruiz</a><a href=\"/x\">Council backs budget</a></span></span> cut the \
            ribbon, and said the crossing would save commuters twenty minutes a day in each direction.</p>\
            <p>Pat Kim/City Times/Getty Images</p>\
            <div class=\"story-related-links\"><h3>More from the city</h3><ul><li><a href=\"/a\">Zoo welcomes \
            twin pandas</a></li><li><a href=\"/b\">Ferry fares rise again</a></li></ul></div>\
            <p>Tolls will be charged from January, when the regional transport authority takes over the \
            running of the bridge from the builders, who keep a maintenance contract.</p></article></main>";
        let d = read(page("", body).as_bytes(), "p", "p", &ReadOptions::default()).unwrap();
        assert!(d.body.contains("Mayor Ana Ruiz cut the ribbon"), "{}", d.body);
        assert!(d.body.contains("Tolls will be charged"), "{}", d.body);
        for gone in ["toll gate", "Sam Lee", "Council backs", "Getty", "pandas", "Ferry"] {
            assert!(!d.body.contains(gone), "{gone}: {}", d.body);
        }
        assert!(is_picture_credit("Pat Kim/City Times/Getty Images"));
        assert!(!is_picture_credit("He sold the photos to Getty Images."));
        assert!(is_furniture_line("(Image: \u{a9} Space Agency)"));
    }

    #[test]
    fn date_stamps_are_not_article_lines() {
        for stamp in [
            "Mar. 4, 2024 6:15 AM EST",
            "Updated on: March 4, 2024 / 10:07 AM / Daily Planet",
            "4 MAR 2024",
            "Updated Mar 4, 9:41 AM;Posted Mar 3, 8:19 PM",
            "Monday, March 4, 2024 - 11:28",
        ] {
            assert!(is_date_stamp(stamp), "{stamp}");
            assert_eq!(layout(&format!("{stamp}\n\nThe river rose.")), "The river rose.");
        }
        for line in [
            "March 4 was the wettest day of the year.",
            "On March 4, 2024 the river rose",
            "March Madness 2024",
            "Brexit: March 29 deadline",
            "4 people died",
            "June 9 -- Harbour Arena, Port Town, ME",
        ] {
            assert!(!is_date_stamp(line), "{line}");
        }
    }

    #[test]
    fn layout_rules() {
        assert_eq!(layout("  A  b \n\n\n C\nD \n\nRead more\n\n E"), "A b\n\nC\nD\n\nE");
        assert_eq!(layout("\n \n"), "");
        assert_eq!(layout("A.\n\u{200b}\n\u{200b} \u{feff}\nB."), "A.\n\nB.");
        let long = "A picture of the bridge before it fell, taken last spring.";
        assert_eq!(layout(&format!("{long}\n\nNo.\n\nNo.\n\n{long}\n\nEnd.")), format!("{long}\n\nNo.\n\nNo.\n\nEnd."));
    }
}
