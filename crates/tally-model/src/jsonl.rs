//! The JSON Lines writer for records: the same bytes as `serde_json::to_writer` on each
//! [`Record`] (the serde derive is the definition; tests compare the two on generated records),
//! written field by field with the keys as constants and strings escaped a word at a time.
//! Serializing records through serde_json took a quarter of `tally extract`'s time: every key
//! went through the string escaper and every comma and colon through a separate write.
//!
//! Short pieces of varying length (numbers, spans, enum names, booleans) are built in a
//! fixed-size buffer that is appended whole and then cut to length, or written as one of a few
//! constants: a copy of known length is a few moves, where a copy of unknown length is a call.

use crate::record::{date_text, Record, Source, TimeRef};
use crate::{EntityKind, Granularity, NameRef, Span, Stance};
use chrono::NaiveDate;

/// Appends `records` to `out` as JSON Lines, one record per line.
pub fn write_jsonl(records: &[Record<'_>], out: &mut Vec<u8>) {
    let mut doc = DocCache::default();
    for r in records {
        write_record(r, out, &mut doc);
        out.extend_from_slice(b"}\n");
    }
}

/// The record types with a span, in the order of [`OPENINGS`].
const FIGURE: usize = 0;
const QUOTE: usize = 1;
const TIME: usize = 2;
const ENTITY: usize = 3;

/// What each record type with a span starts with, up to its document id.
const OPENINGS: [&[u8]; 4] = [
    br#"{"type":"figure","doc":"#,
    br#"{"type":"quote","doc":"#,
    br#"{"type":"time","doc":"#,
    br#"{"type":"entity","doc":"#,
];

/// The records of one document share its id: each type's opening is written once with the
/// escaped id and the `span` key after it.
#[derive(Default)]
struct DocCache<'a> {
    id: Option<&'a str>,
    /// Per type in [`OPENINGS`], one after the other, each padded with zeros to at least
    /// [`OPENING_COPY`] bytes: `{"type":"<type>","doc":"<id>","span":`
    json: Vec<u8>,
    /// Where each opening starts in `json`, and its length without the padding.
    at: [(usize, usize); 4],
    /// The last date written and its JSON: the times of a report fall on a few days.
    date: Option<(NaiveDate, [u8; 12])>,
    /// The last figure location written and where its JSON lies in the output: the figures of
    /// a report that name no place of their own share the country it is about.
    location: Option<(&'a NameRef<'a>, std::ops::Range<usize>)>,
}

/// Openings up to this long are copied as a block of this size and cut to length.
const OPENING_COPY: usize = 64;

impl<'a> DocCache<'a> {
    /// Writes the opening of a record of type `kind` (an index into [`OPENINGS`]) for document `id`.
    #[inline]
    fn write(&mut self, o: &mut Vec<u8>, kind: usize, id: &'a str) {
        // The records of one extraction borrow one id: the same pointer, no comparison of text.
        if !self.id.is_some_and(|c| std::ptr::eq(c, id) || c == id) {
            self.set(id);
        }
        let Some(&(start, n)) = self.at.get(kind) else { return };
        match self.json.get(start..start + OPENING_COPY) {
            Some(block) if n <= OPENING_COPY => {
                let len = o.len();
                o.extend_from_slice(block);
                o.truncate(len + n);
            }
            _ => o.extend_from_slice(self.json.get(start..start + n).unwrap_or(&[])),
        }
    }

    /// A date as a JSON string (quotes included), or `None` outside years 0-9999.
    #[inline]
    fn date_json(&mut self, d: NaiveDate) -> Option<[u8; 12]> {
        match self.date {
            Some((last, json)) if last == d => Some(json),
            _ => {
                let json = date_json(d)?;
                self.date = Some((d, json));
                Some(json)
            }
        }
    }

    /// A figure's location: the last one's JSON again when it is the same.
    #[inline]
    fn location(&mut self, o: &mut Vec<u8>, n: Option<&'a NameRef<'a>>) {
        let Some(n) = n else { return o.extend_from_slice(b"null") };
        if let Some((last, json)) = &self.location {
            if *last == n && json.end <= o.len() {
                return o.extend_from_within(json.clone());
            }
        }
        let start = o.len();
        name(o, n);
        self.location = Some((n, start..o.len()));
    }

    /// Builds the openings for document `id`.
    #[cold]
    #[inline(never)]
    fn set(&mut self, id: &'a str) {
        let json = &mut self.json;
        json.clear();
        json.reserve(OPENINGS.len() * (OPENING_COPY + 2 * id.len()));
        for (at, opening) in self.at.iter_mut().zip(OPENINGS) {
            let start = json.len();
            json.extend_from_slice(opening);
            string(json, id);
            json.extend_from_slice(br#","span":"#);
            *at = (start, json.len() - start);
            json.resize(start + at.1.max(OPENING_COPY), 0);
        }
        self.id = Some(id);
    }
}

/// Appends the first `n` bytes of `buf`: the whole buffer is copied (a copy of known length)
/// and the rest cut off.
#[inline(always)]
fn put<const N: usize>(o: &mut Vec<u8>, buf: &[u8; N], n: usize) {
    let len = o.len();
    o.extend_from_slice(buf);
    o.truncate(len + n.min(N));
}

/// Appends `yes` or `no`, both constants (inlined, each is a copy of known length).
#[inline(always)]
fn either(o: &mut Vec<u8>, b: bool, yes: &[u8], no: &[u8]) {
    if b {
        o.extend_from_slice(yes)
    } else {
        o.extend_from_slice(no)
    }
}

/// A record's fields, without the closing brace.
fn write_record<'a>(r: &'a Record<'_>, o: &mut Vec<u8>, doc: &mut DocCache<'a>) {
    match r {
        Record::Doc(d) => {
            o.extend_from_slice(br#"{"type":"doc","doc":"#);
            string(o, &d.doc);
            o.extend_from_slice(br#","title":"#);
            opt_string(o, d.title.as_deref());
            o.extend_from_slice(br#","published":"#);
            date(o, d.published);
            o.extend_from_slice(br#","url":"#);
            opt_string(o, d.url.as_deref());
            o.extend_from_slice(br#","outlet":"#);
            opt_string(o, d.outlet.as_deref());
            o.extend_from_slice(br#","sentences":"#);
            integer(o, d.sentences as u64);
            if let Some(text) = &d.text {
                o.extend_from_slice(br#","text":"#);
                string(o, text);
            }
            if d.summary_only {
                o.extend_from_slice(br#","summary_only":true"#);
            }
        }
        Record::Figure(f) => {
            spanned(o, doc, FIGURE, &f.doc, f.span, &f.text);
            o.extend_from_slice(br#"","value":{"low":"#);
            let low = o.len();
            number(o, f.value.low);
            let low = low..o.len();
            o.extend_from_slice(br#","high":"#);
            // An exact figure's high is its low (equal numbers are written alike): copied.
            if f.value.high == f.value.low {
                o.extend_from_within(low);
            } else {
                number(o, f.value.high);
            }
            either(o, f.value.approx, br#","approx":true},"unit":"#, br#","approx":false},"unit":"#);
            opt_string(o, f.unit.as_deref());
            o.extend_from_slice(br#","measure":"#);
            quoted(o, f.measure.as_str());
            either(o, f.increment, br#","increment":true,"subject":"#, br#","increment":false,"subject":"#);
            opt_name(o, f.subject.as_ref());
            o.extend_from_slice(br#","location":"#);
            doc.location(o, f.location.as_ref());
            o.extend_from_slice(br#","time":"#);
            opt_time(o, doc, f.time.as_ref());
            o.extend_from_slice(br#","source":["#);
            for (i, s) in f.source.iter().enumerate() {
                if i > 0 {
                    o.push(b',');
                }
                source(o, s);
            }
            o.extend_from_slice(br#"],"stated":"#);
            opt_time(o, doc, f.stated.as_ref());
            o.extend_from_slice(br#","via":"#);
            opt_name(o, f.via.as_ref());
            either(o, f.unverified, br#","unverified":true,"evidence":"#, br#","unverified":false,"evidence":"#);
            span(o, f.evidence);
        }
        Record::Quote(q) => {
            spanned(o, doc, QUOTE, &q.doc, q.span, &q.text);
            o.extend_from_slice(br#"","speaker":"#);
            opt_name(o, q.speaker.as_ref());
            either(o, q.direct, br#","direct":true,"cue":"#, br#","direct":false,"cue":"#);
            opt_string(o, q.cue.as_deref());
            o.extend_from_slice(br#","via":"#);
            opt_name(o, q.via.as_ref());
        }
        Record::Time(t) => {
            spanned(o, doc, TIME, &t.doc, t.span, &t.text);
            dates(o, doc, br#"","start":"#, t.start, t.end);
            granularity(o, t.granularity);
        }
        Record::Entity(e) => {
            spanned(o, doc, ENTITY, &e.doc, e.span, &e.text);
            entity_kind(o, e.kind);
            opt_string(o, e.name.as_deref());
        }
    }
}

/// The opening every record with a span shares: type and document, span, text (its closing
/// quote left to the next key).
#[inline(always)]
fn spanned<'a>(o: &mut Vec<u8>, cache: &mut DocCache<'a>, kind: usize, doc: &'a str, s: Span, text: &str) {
    cache.write(o, kind, doc);
    span_then(o, s, br#","text":""#);
    string_body(o, text);
}

/// The `start` and `end` fields of a time, after `key` (`,"start":` with what closes the
/// field before it).
fn dates(o: &mut Vec<u8>, cache: &mut DocCache<'_>, key: &[u8], start: Option<NaiveDate>, end: Option<NaiveDate>) {
    o.extend_from_slice(key);
    // A single day's interval (the most common) formats its date once.
    if let (Some(s), true) = (start, start == end) {
        if let Some(b) = cache.date_json(s) {
            let mut buf = [0u8; 31];
            buf[..12].copy_from_slice(&b);
            buf[12..19].copy_from_slice(br#","end":"#);
            buf[19..].copy_from_slice(&b);
            o.extend_from_slice(&buf);
            return;
        }
    }
    match start.and_then(|d| cache.date_json(d)) {
        Some(b) => o.extend_from_slice(&b),
        None => date(o, start),
    }
    o.extend_from_slice(br#","end":"#);
    match end.and_then(|d| cache.date_json(d)) {
        Some(b) => o.extend_from_slice(&b),
        None => date(o, end),
    }
}

fn name(o: &mut Vec<u8>, n: &NameRef<'_>) {
    o.extend_from_slice(br#"{"text":""#);
    string_body(o, &n.text);
    o.extend_from_slice(br#"","name":"#);
    opt_string(o, n.name.as_deref());
    o.push(b'}');
}

fn opt_name(o: &mut Vec<u8>, n: Option<&NameRef<'_>>) {
    match n {
        Some(n) => name(o, n),
        None => o.extend_from_slice(b"null"),
    }
}

fn opt_time(o: &mut Vec<u8>, cache: &mut DocCache<'_>, t: Option<&TimeRef<'_>>) {
    let Some(t) = t else { return o.extend_from_slice(b"null") };
    o.extend_from_slice(br#"{"text":""#);
    string_body(o, &t.text);
    dates(o, cache, br#"","start":"#, t.start, t.end);
    o.push(b'}');
}

fn source(o: &mut Vec<u8>, s: &Source<'_>) {
    o.extend_from_slice(br#"{"text":""#);
    string_body(o, &s.text);
    o.extend_from_slice(br#"","name":"#);
    opt_string(o, s.name.as_deref());
    o.extend_from_slice(br#","cue":""#);
    string_body(o, &s.cue);
    match s.stance {
        Stance::Asserted => o.extend_from_slice(br#"","stance":"asserted"}"#),
        Stance::Estimated => o.extend_from_slice(br#"","stance":"estimated"}"#),
        Stance::Contested => o.extend_from_slice(br#"","stance":"contested"}"#),
        Stance::Denied => o.extend_from_slice(br#"","stance":"denied"}"#),
    }
}

/// A figure's number as `Value`'s serializer writes it: cleaned, whole numbers as integers,
/// others as serde_json writes a float, non-finite as null.
fn number(o: &mut Vec<u8>, v: Option<f64>) {
    let Some(x) = v else { return o.extend_from_slice(b"null") };
    // A whole number below 10^12 is its own cleaned value (times its power of ten it stays an
    // integer below 2^53, so rounding and dividing give it back exactly): no float math. It is
    // whole when truncating it changes nothing (exact below 2^53; `fract` would call `trunc`).
    if x.abs() < 1.0e12 && (x as i64) as f64 == x {
        return signed(o, x as i64);
    }
    match crate::clean_number(x) {
        x if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => signed(o, x as i64),
        // Fractions are rare: serde_json's own float formatting writes them.
        x if x.is_finite() && serde_json::to_writer(&mut *o, &x).is_ok() => {}
        _ => o.extend_from_slice(b"null"),
    }
}

/// Two decimal digits for each number below 100.
const DIGITS2: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The last two decimal digits of `n`.
#[inline]
pub(crate) fn two_digits(n: u32) -> [u8; 2] {
    let i = (n % 100) as usize * 2;
    [DIGITS2[i], DIGITS2[i + 1]]
}

/// Writes `n` in decimal so that it ends just before `buf[end]`; returns where it starts.
#[inline(always)]
fn digits_before<const N: usize>(buf: &mut [u8; N], mut end: usize, mut n: u64) -> usize {
    while n >= 10_000 {
        let r = (n % 10_000) as usize;
        n /= 10_000;
        let (hi, lo) = (r / 100 * 2, r % 100 * 2);
        end -= 4;
        buf[end..end + 2].copy_from_slice(&DIGITS2[hi..hi + 2]);
        buf[end + 2..end + 4].copy_from_slice(&DIGITS2[lo..lo + 2]);
    }
    if n >= 100 {
        let r = (n % 100) as usize * 2;
        n /= 100;
        end -= 2;
        buf[end..end + 2].copy_from_slice(&DIGITS2[r..r + 2]);
    }
    if n >= 10 {
        let r = n as usize * 2;
        end -= 2;
        buf[end..end + 2].copy_from_slice(&DIGITS2[r..r + 2]);
    } else {
        end -= 1;
        buf[end] = b'0' + n as u8;
    }
    end
}

/// Appends `buf[start..end]` (`end - start <= C`) as a copy of the fixed size `C` from `start`
/// (the buffer has room for it) cut to length afterwards.
#[inline(always)]
fn put_range<const N: usize, const C: usize>(o: &mut Vec<u8>, buf: &[u8; N], start: usize, end: usize) {
    let len = o.len();
    match buf.get(start..start + C) {
        Some(block) => {
            o.extend_from_slice(block);
            o.truncate(len + end.saturating_sub(start));
        }
        None => o.extend_from_slice(buf.get(start..end).unwrap_or(&[])),
    }
}

/// Where a number built backwards ends in its buffer: room for a sign and twenty digits before
/// it, and for a whole block of that size after the start.
const NUM_END: usize = 24;

/// An integer as serde_json writes it.
#[inline]
fn signed(o: &mut Vec<u8>, n: i64) {
    let mut buf = [0u8; 2 * NUM_END];
    let mut i = digits_before(&mut buf, NUM_END, n.unsigned_abs());
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    put_range::<{ 2 * NUM_END }, NUM_END>(o, &buf, i, NUM_END);
}

fn integer(o: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 2 * NUM_END];
    let i = digits_before(&mut buf, NUM_END, n);
    put_range::<{ 2 * NUM_END }, NUM_END>(o, &buf, i, NUM_END);
}

/// Where a span built backwards ends in its buffer: room before it for `[`, two 20-digit
/// numbers, `,`, `]` and a key of up to ten bytes, and after its start for a whole block of
/// that size.
const SPAN_END: usize = 64;

/// A span as `[start,end]`.
fn span(o: &mut Vec<u8>, s: Span) {
    span_then(o, s, b"");
}

/// A span as `[start,end]` followed by `after` (a key of at most ten bytes), built backwards in
/// one buffer and appended at once.
#[inline(always)]
fn span_then(o: &mut Vec<u8>, s: Span, after: &[u8]) {
    let mut buf = [0u8; 2 * SPAN_END];
    let mut i = SPAN_END - after.len().min(10);
    buf[i..SPAN_END].copy_from_slice(&after[..SPAN_END - i]);
    i -= 1;
    buf[i] = b']';
    i = digits_before(&mut buf, i, s.end as u64);
    i -= 1;
    buf[i] = b',';
    i = digits_before(&mut buf, i, s.start as u64);
    i -= 1;
    buf[i] = b'[';
    put_range::<{ 2 * SPAN_END }, SPAN_END>(o, &buf, i, SPAN_END);
}

/// A date as a JSON string (quotes included), or `None` outside years 0-9999.
#[inline]
fn date_json(d: NaiveDate) -> Option<[u8; 12]> {
    let t = date_text(d)?;
    let mut b = [b'"'; 12];
    b[1..11].copy_from_slice(&t);
    Some(b)
}

fn date(o: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => match date_json(d) {
            Some(b) => o.extend_from_slice(&b),
            None => {
                o.push(b'"');
                o.extend_from_slice(d.to_string().as_bytes());
                o.push(b'"');
            }
        },
        None => o.extend_from_slice(b"null"),
    }
}

/// A name known to need no escaping (an enum's serde name), quotes included.
fn quoted(o: &mut Vec<u8>, name: &str) {
    o.push(b'"');
    o.extend_from_slice(name.as_bytes());
    o.push(b'"');
}

/// A time's `granularity` field, key included (its serde name, like `Measure::as_str`).
fn granularity(o: &mut Vec<u8>, g: Granularity) {
    match g {
        Granularity::Day => o.extend_from_slice(br#","granularity":"day""#),
        Granularity::Week => o.extend_from_slice(br#","granularity":"week""#),
        Granularity::Month => o.extend_from_slice(br#","granularity":"month""#),
        Granularity::Quarter => o.extend_from_slice(br#","granularity":"quarter""#),
        Granularity::Season => o.extend_from_slice(br#","granularity":"season""#),
        Granularity::Half => o.extend_from_slice(br#","granularity":"half""#),
        Granularity::Year => o.extend_from_slice(br#","granularity":"year""#),
        Granularity::Decade => o.extend_from_slice(br#","granularity":"decade""#),
        Granularity::Range => o.extend_from_slice(br#","granularity":"range""#),
    }
}

/// An entity's `kind` field and the `name` key after it (the text's closing quote first).
fn entity_kind(o: &mut Vec<u8>, k: EntityKind) {
    match k {
        EntityKind::Person => o.extend_from_slice(br#"","kind":"person","name":"#),
        EntityKind::Org => o.extend_from_slice(br#"","kind":"org","name":"#),
        EntityKind::Country => o.extend_from_slice(br#"","kind":"country","name":"#),
        EntityKind::Place => o.extend_from_slice(br#"","kind":"place","name":"#),
        EntityKind::Group => o.extend_from_slice(br#"","kind":"group","name":"#),
    }
}

fn opt_string(o: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(o, s),
        None => o.extend_from_slice(b"null"),
    }
}

/// Bytes JSON strings must escape: control characters, `"` and `\`.
const fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes in `x` needs escaping (exact: no false answers).
#[inline]
fn word_needs_escape(x: u64) -> bool {
    escape_marks(x) != 0
}

/// Non-zero when any of the eight bytes in `x` needs escaping.
#[inline]
fn escape_marks(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // With bit 1 flipped, control characters and `"` (0x22) are exactly the bytes below 0x21.
    let y = x ^ (ONES * 0x02);
    let control_or_quote = y.wrapping_sub(ONES * 0x21) & !y & HIGH;
    let b = x ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b & HIGH;
    control_or_quote | backslash
}

/// Strings up to this long are copied through a fixed-size buffer (see [`load_short`]).
const SHORT: usize = 32;

/// Copies `b` (at most [`SHORT`] bytes) into `buf` from `at` with a few fixed-size loads and
/// stores: overlapping words (or halves, or bytes) that cover it. Returns non-zero when some
/// byte of `b` needs escaping (the same loads answer that).
#[inline(always)]
fn load_short<const N: usize>(buf: &mut [u8; N], at: usize, b: &[u8]) -> u64 {
    let n = b.len();
    let mut word = |i: usize| -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        buf[at + i..at + i + 8].copy_from_slice(&w);
        escape_marks(u64::from_le_bytes(w))
    };
    if n > 16 {
        // Sixteen bytes from each end.
        word(0) | word(8) | word(n - 16) | word(n - 8)
    } else if n >= 8 {
        word(0) | word(n - 8)
    } else if n >= 4 {
        let (mut x, mut y) = ([0u8; 4], [0u8; 4]);
        x.copy_from_slice(&b[..4]);
        y.copy_from_slice(&b[n - 4..]);
        buf[at..at + 4].copy_from_slice(&x);
        buf[at + n - 4..at + n].copy_from_slice(&y);
        escape_marks(u64::from(u32::from_le_bytes(x)) | u64::from(u32::from_le_bytes(y)) << 32)
    } else if n > 0 {
        // The first, middle and last bytes cover up to three; spaces fill the rest of the word.
        const SPACES: u64 = 0x2020_2020_2020_2020;
        let (c0, c1, c2) = (b[0], b[n / 2], b[n - 1]);
        buf[at] = c0;
        buf[at + n / 2] = c1;
        buf[at + n - 1] = c2;
        escape_marks(SPACES & !0xff_ffff | u64::from(c0) | u64::from(c1) << 8 | u64::from(c2) << 16)
    } else {
        0
    }
}

/// A JSON string with serde_json's escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, else
/// `\u00XX`).
#[inline]
fn string(o: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if b.len() <= SHORT {
        let mut buf = [0u8; SHORT + 8];
        buf[0] = b'"';
        if load_short(&mut buf, 1, b) == 0 {
            buf[b.len() + 1] = b'"';
            return put(o, &buf, b.len() + 2);
        }
    }
    o.push(b'"');
    long_body(o, b);
    o.push(b'"');
}

/// A JSON string without its quotes (written with the keys around it).
#[inline]
fn string_body(o: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if b.len() <= SHORT {
        let mut buf = [0u8; SHORT];
        if load_short(&mut buf, 0, b) == 0 {
            return put(o, &buf, b.len());
        }
    }
    long_body(o, b);
}

/// A string's body the general way: checked for escapes, then copied or escaped.
#[inline(never)]
fn long_body(o: &mut Vec<u8>, b: &[u8]) {
    if any_needs_escape(b) {
        return escaped(o, b);
    }
    o.extend_from_slice(b);
}

/// Whether any byte of `b` needs escaping: whole words, the tail as one overlapping word, short
/// strings as one word padded with spaces.
#[inline]
fn any_needs_escape(b: &[u8]) -> bool {
    let n = b.len();
    let word = |i: usize| -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    if n >= 8 {
        // Sixteen bytes a step, their two words' marks joined before one test.
        let mut pairs = b.chunks_exact(16);
        for p in &mut pairs {
            let (mut x, mut y) = ([0u8; 8], [0u8; 8]);
            x.copy_from_slice(&p[..8]);
            y.copy_from_slice(&p[8..]);
            if escape_marks(u64::from_le_bytes(x)) | escape_marks(u64::from_le_bytes(y)) != 0 {
                return true;
            }
        }
        // The rest (under sixteen bytes) as one or two words ending at the end of `b`.
        let rest = pairs.remainder().len();
        return (rest > 8 && word_needs_escape(word(n - rest))) || (rest > 0 && word_needs_escape(word(n - 8)));
    }
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let w = if n >= 4 {
        let half = |i: usize| -> u64 {
            let mut w = [0u8; 4];
            w.copy_from_slice(&b[i..i + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        half(0) | half(n - 4) << 32
    } else {
        let mut w = SPACES;
        for (k, &c) in b.iter().enumerate() {
            w = w & !(0xff << (8 * k)) | u64::from(c) << (8 * k);
        }
        w
    };
    word_needs_escape(w)
}

/// A JSON string with escapes, once some byte needs one.
#[cold]
#[inline(never)]
fn escaped(o: &mut Vec<u8>, bytes: &[u8]) {
    o.reserve(bytes.len() + 2);
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip eight clean bytes at a time.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if !word_needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if !needs_escape(b) {
            i += 1;
            continue;
        }
        o.extend_from_slice(&bytes[run..i]);
        match b {
            b'"' => o.extend_from_slice(b"\\\""),
            b'\\' => o.extend_from_slice(b"\\\\"),
            0x08 => o.extend_from_slice(b"\\b"),
            0x0c => o.extend_from_slice(b"\\f"),
            b'\n' => o.extend_from_slice(b"\\n"),
            b'\r' => o.extend_from_slice(b"\\r"),
            b'\t' => o.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                o.extend_from_slice(b"\\u00");
                o.push(HEX[usize::from(b >> 4)]);
                o.push(HEX[usize::from(b & 0xf)]);
            }
        }
        i += 1;
        run = i;
    }
    o.extend_from_slice(&bytes[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DocRecord, EntityRecord, FigureRecord, QuoteRecord, TimeRecord};
    use crate::{EntityKind, Granularity, Measure, Stance, Value};
    use proptest::prelude::*;
    use std::borrow::Cow;

    fn by_serde(records: &[Record]) -> String {
        records.iter().map(|r| serde_json::to_string(r).unwrap_or_default() + "\n").collect()
    }

    fn ours(records: &[Record]) -> String {
        let mut out = Vec::new();
        write_jsonl(records, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    fn text() -> impl Strategy<Value = Cow<'static, str>> {
        prop_oneof!["[a-zA-Z0-9 ,.'-]{0,40}", "[\\x00-\\x1f\"\\\\a-z é–“”\\u{7f}\\u{2028}😀]{0,40}", any::<String>(),]
            .prop_map(Cow::Owned)
    }

    fn opt_text() -> impl Strategy<Value = Option<Cow<'static, str>>> {
        prop::option::of(text())
    }

    fn date() -> impl Strategy<Value = Option<NaiveDate>> {
        prop::option::of((-400_000i32..4_000_000).prop_filter_map("in range", NaiveDate::from_num_days_from_ce_opt))
    }

    fn number() -> impl Strategy<Value = Option<f64>> {
        prop::option::of(prop_oneof![
            any::<f64>(),
            (0u64..10_000_000).prop_map(|n| n as f64),
            (0u64..100_000).prop_map(|n| n as f64 / 100.0),
            Just(4.1e6 * 1.0000000000000002),
            Just(9.5e15),
            Just(f64::NAN),
            Just(-0.0),
            Just(1.0e12 - 1.0),
            Just(1.0e12),
            (-1_000_000_000_000i64..1_000_000_000_000).prop_map(|n| n as f64),
        ])
    }

    /// A figure's low and high, the same number half of the time (an exact figure).
    fn low_high() -> impl Strategy<Value = (Option<f64>, Option<f64>)> {
        prop_oneof![(number(), number()), number().prop_map(|n| (n, n))]
    }

    fn span() -> impl Strategy<Value = Span> {
        (0usize..1_000_000, 0usize..1000).prop_map(|(a, l)| Span::new(a, a + l))
    }

    fn name() -> impl Strategy<Value = Option<NameRef<'static>>> {
        prop::option::of((text(), opt_text()).prop_map(|(text, name)| NameRef { text, name }))
    }

    /// A start and an end, the same day half of the time (a time's most common interval).
    fn interval() -> impl Strategy<Value = (Option<NaiveDate>, Option<NaiveDate>)> {
        prop_oneof![(date(), date()), date().prop_map(|d| (d, d))]
    }

    fn time() -> impl Strategy<Value = Option<TimeRef<'static>>> {
        prop::option::of((text(), interval()).prop_map(|(text, (start, end))| TimeRef { text, start, end }))
    }

    fn record() -> impl Strategy<Value = Record<'static>> {
        let doc = (text(), opt_text(), date(), opt_text(), opt_text(), 0usize..500, opt_text(), any::<bool>())
            .prop_map(|(doc, title, published, url, outlet, sentences, text, summary_only)| {
                Record::Doc(DocRecord { doc, title, published, url, outlet, sentences, text, summary_only })
            });
        let source = (
            text(),
            opt_text(),
            text(),
            prop::sample::select(vec![Stance::Asserted, Stance::Estimated, Stance::Contested, Stance::Denied]),
        )
            .prop_map(|(text, name, cue, stance)| Source { text, name, cue, stance });
        let figure = (
            (text(), span(), text(), low_high(), any::<bool>(), opt_text()),
            (prop::sample::select(Measure::ALL.to_vec()), any::<bool>(), name(), name(), time()),
            (prop::collection::vec(source, 0..3), time(), name(), any::<bool>(), span()),
        )
            .prop_map(
                |(
                    (doc, span, text, (low, high), approx, unit),
                    (measure, increment, subject, location, time),
                    (source, stated, via, unverified, evidence),
                )| {
                    Record::Figure(FigureRecord {
                        doc,
                        span,
                        text,
                        value: Value { low, high, approx },
                        unit,
                        measure,
                        increment,
                        subject,
                        location,
                        time,
                        source,
                        stated,
                        via,
                        unverified,
                        evidence,
                    })
                },
            );
        let quote = (text(), span(), text(), name(), any::<bool>(), opt_text(), name()).prop_map(
            |(doc, span, text, speaker, direct, cue, via)| {
                Record::Quote(QuoteRecord { doc, span, text, speaker, direct, cue, via })
            },
        );
        let granularities = vec![
            Granularity::Day,
            Granularity::Week,
            Granularity::Month,
            Granularity::Quarter,
            Granularity::Season,
            Granularity::Half,
            Granularity::Year,
            Granularity::Decade,
            Granularity::Range,
        ];
        let time_rec = (text(), span(), text(), interval(), prop::sample::select(granularities)).prop_map(
            |(doc, span, text, (start, end), granularity)| {
                Record::Time(TimeRecord { doc, span, text, start, end, granularity })
            },
        );
        let kinds =
            vec![EntityKind::Person, EntityKind::Org, EntityKind::Country, EntityKind::Place, EntityKind::Group];
        let entity = (text(), span(), text(), prop::sample::select(kinds), opt_text())
            .prop_map(|(doc, span, text, kind, name)| Record::Entity(EntityRecord { doc, span, text, kind, name }));
        prop_oneof![doc, figure, quote, time_rec, entity]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn writes_the_bytes_serde_json_writes(records in prop::collection::vec(record(), 1..4)) {
            prop_assert_eq!(ours(&records), by_serde(&records));
        }

        #[test]
        fn figures_sharing_a_location_are_written_alike(mut records in prop::collection::vec(record(), 1..8)) {
            // Every figure takes the location of the first, some of them an owned copy of it.
            let shared = records.iter().find_map(|r| match r {
                Record::Figure(f) => Some(f.location.clone()),
                _ => None,
            });
            for (i, r) in records.iter_mut().enumerate() {
                if let (Record::Figure(f), Some(loc)) = (r, &shared) {
                    f.location = if i % 3 == 2 { None } else { loc.clone() };
                }
            }
            prop_assert_eq!(ours(&records), by_serde(&records));
        }
    }

    #[test]
    fn spans_at_every_digit_count() {
        let mut n = 1usize;
        let mut edges = vec![0, usize::MAX];
        while let Some(m) = n.checked_mul(10) {
            edges.extend([n - 1, n, n + 1, m - 1]);
            n = m;
        }
        for &a in &edges {
            for &b in &edges {
                let mut out = Vec::new();
                super::span(&mut out, Span::new(a, b));
                assert_eq!(String::from_utf8(out).unwrap_or_default(), format!("[{a},{b}]"));
            }
        }
    }

    #[test]
    fn every_byte_at_every_position_is_checked() {
        for len in 1..40 {
            for pos in 0..len {
                for b in 0..=255u8 {
                    for fill in [b'a', 0x80, 0xff, b' '] {
                        let mut bytes = vec![fill; len];
                        bytes[pos] = b;
                        assert_eq!(any_needs_escape(&bytes), needs_escape(b), "{len} {pos} {b} {fill}");
                    }
                }
            }
        }
        assert!(!any_needs_escape(b""));
    }

    #[test]
    fn short_strings_are_copied_and_checked_at_every_position() {
        let mut cases: Vec<String> = Vec::new();
        for len in 0..=SHORT + 3 {
            for pos in 0..len.max(1) {
                for b in 0..0x80u8 {
                    for fill in ['a', ' ', '~'] {
                        let mut s: Vec<char> = vec![fill; len];
                        if let Some(c) = s.get_mut(pos) {
                            *c = char::from(b);
                        }
                        cases.push(s.into_iter().collect());
                    }
                }
            }
        }
        for fill in ["é", "😀", "–a", "\u{7f}"] {
            for n in 0..=SHORT {
                cases.push(fill.repeat(n));
                cases.push(format!("{}\"", fill.repeat(n)));
            }
        }
        for s in &cases {
            let (mut quoted, mut body) = (Vec::new(), vec![b'"']);
            string(&mut quoted, s);
            string_body(&mut body, s);
            body.push(b'"');
            let want = serde_json::to_string(s).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&quoted), want, "{s:?}");
            assert_eq!(String::from_utf8_lossy(&body), want, "{s:?}");
        }
    }

    #[test]
    fn integers_at_every_digit_count() {
        let mut n = 1u64;
        let mut edges = vec![0, u64::MAX];
        while let Some(m) = n.checked_mul(10) {
            edges.extend([n - 1, n, n + 1, m - 1]);
            n = m;
        }
        for &a in &edges {
            let mut out = Vec::new();
            integer(&mut out, a);
            assert_eq!(String::from_utf8(out).unwrap_or_default(), a.to_string());
            for x in [a as i64, (a as i64).wrapping_neg(), i64::MIN, i64::MAX] {
                let mut out = Vec::new();
                signed(&mut out, x);
                assert_eq!(String::from_utf8(out).unwrap_or_default(), x.to_string());
            }
        }
    }

    #[test]
    fn escapes_inside_and_across_eight_byte_words() {
        for s in
            ["", "a", "\"", "abcdefg\"", "abcdefgh\\", "0123456789abcdef\u{1}x", "tab\there\nand\r", "é\u{7f}\u{1f}"]
        {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap_or_default(), serde_json::to_string(s).unwrap_or_default());
        }
    }
}
