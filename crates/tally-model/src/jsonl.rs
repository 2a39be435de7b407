//! The JSON Lines writer for records: the same bytes as `serde_json::to_writer` on each
//! [`Record`] (the serde derive is the definition; tests compare the two on generated records),
//! written field by field with the keys as constants and strings escaped a word at a time.
//! Serializing records through serde_json took a quarter of `tally extract`'s time: every key
//! went through the string escaper and every comma and colon through a separate write.

use crate::record::{date_text, Record, Source, TimeRef};
use crate::{NameRef, Span, Value};
use chrono::NaiveDate;

/// Appends `records` to `out` as JSON Lines, one record per line.
pub fn write_jsonl(records: &[Record], out: &mut Vec<u8>) {
    for r in records {
        write_record(r, out);
        out.push(b'\n');
    }
}

fn write_record(r: &Record, o: &mut Vec<u8>) {
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
            spanned(o, br#"{"type":"figure","doc":"#, &f.doc, f.span, &f.text);
            o.extend_from_slice(br#","value":"#);
            value(o, &f.value);
            o.extend_from_slice(br#","unit":"#);
            opt_string(o, f.unit.as_deref());
            o.extend_from_slice(br#","measure":"#);
            unit_variant(o, &f.measure);
            o.extend_from_slice(br#","increment":"#);
            boolean(o, f.increment);
            o.extend_from_slice(br#","subject":"#);
            opt_name(o, f.subject.as_ref());
            o.extend_from_slice(br#","location":"#);
            opt_name(o, f.location.as_ref());
            o.extend_from_slice(br#","time":"#);
            opt_time(o, f.time.as_ref());
            o.extend_from_slice(br#","source":["#);
            for (i, s) in f.source.iter().enumerate() {
                if i > 0 {
                    o.push(b',');
                }
                source(o, s);
            }
            o.extend_from_slice(br#"],"stated":"#);
            opt_time(o, f.stated.as_ref());
            o.extend_from_slice(br#","via":"#);
            opt_name(o, f.via.as_ref());
            o.extend_from_slice(br#","unverified":"#);
            boolean(o, f.unverified);
            o.extend_from_slice(br#","evidence":"#);
            span(o, f.evidence);
        }
        Record::Quote(q) => {
            spanned(o, br#"{"type":"quote","doc":"#, &q.doc, q.span, &q.text);
            o.extend_from_slice(br#","speaker":"#);
            opt_name(o, q.speaker.as_ref());
            o.extend_from_slice(br#","direct":"#);
            boolean(o, q.direct);
            o.extend_from_slice(br#","cue":"#);
            opt_string(o, q.cue.as_deref());
            o.extend_from_slice(br#","via":"#);
            opt_name(o, q.via.as_ref());
        }
        Record::Time(t) => {
            spanned(o, br#"{"type":"time","doc":"#, &t.doc, t.span, &t.text);
            dates(o, t.start, t.end);
            o.extend_from_slice(br#","granularity":"#);
            unit_variant(o, &t.granularity);
        }
        Record::Entity(e) => {
            spanned(o, br#"{"type":"entity","doc":"#, &e.doc, e.span, &e.text);
            o.extend_from_slice(br#","kind":"#);
            unit_variant(o, &e.kind);
            o.extend_from_slice(br#","name":"#);
            opt_string(o, e.name.as_deref());
        }
    }
    o.push(b'}');
}

/// The opening every record with a span shares: type and document (in `opening`), span, text.
fn spanned(o: &mut Vec<u8>, opening: &[u8], doc: &str, s: Span, text: &str) {
    o.extend_from_slice(opening);
    string(o, doc);
    o.extend_from_slice(br#","span":"#);
    span(o, s);
    o.extend_from_slice(br#","text":"#);
    string(o, text);
}

/// The `start` and `end` fields of a time.
fn dates(o: &mut Vec<u8>, start: Option<NaiveDate>, end: Option<NaiveDate>) {
    o.extend_from_slice(br#","start":"#);
    date(o, start);
    o.extend_from_slice(br#","end":"#);
    date(o, end);
}

fn name(o: &mut Vec<u8>, n: &NameRef) {
    o.extend_from_slice(br#"{"text":"#);
    string(o, &n.text);
    o.extend_from_slice(br#","name":"#);
    opt_string(o, n.name.as_deref());
    o.push(b'}');
}

fn opt_name(o: &mut Vec<u8>, n: Option<&NameRef>) {
    match n {
        Some(n) => name(o, n),
        None => o.extend_from_slice(b"null"),
    }
}

fn opt_time(o: &mut Vec<u8>, t: Option<&TimeRef>) {
    let Some(t) = t else { return o.extend_from_slice(b"null") };
    o.extend_from_slice(br#"{"text":"#);
    string(o, &t.text);
    dates(o, t.start, t.end);
    o.push(b'}');
}

fn source(o: &mut Vec<u8>, s: &Source) {
    o.extend_from_slice(br#"{"text":"#);
    string(o, &s.text);
    o.extend_from_slice(br#","name":"#);
    opt_string(o, s.name.as_deref());
    o.extend_from_slice(br#","cue":"#);
    string(o, &s.cue);
    o.extend_from_slice(br#","stance":"#);
    unit_variant(o, &s.stance);
    o.push(b'}');
}

fn value(o: &mut Vec<u8>, v: &Value) {
    o.extend_from_slice(br#"{"low":"#);
    number(o, v.low);
    o.extend_from_slice(br#","high":"#);
    number(o, v.high);
    o.extend_from_slice(br#","approx":"#);
    boolean(o, v.approx);
    o.push(b'}');
}

/// A figure's number as `Value`'s serializer writes it: cleaned, whole numbers as integers,
/// others as serde_json writes a float, non-finite as null.
fn number(o: &mut Vec<u8>, v: Option<f64>) {
    match v.map(crate::clean_number) {
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => {
            o.extend_from_slice(itoa::Buffer::new().format(x as i64).as_bytes())
        }
        // Fractions are rare: serde_json's own float formatting writes them.
        Some(x) if x.is_finite() && serde_json::to_writer(&mut *o, &x).is_ok() => {}
        _ => o.extend_from_slice(b"null"),
    }
}

fn span(o: &mut Vec<u8>, s: Span) {
    o.push(b'[');
    integer(o, s.start as u64);
    o.push(b',');
    integer(o, s.end as u64);
    o.push(b']');
}

fn integer(o: &mut Vec<u8>, n: u64) {
    o.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn boolean(o: &mut Vec<u8>, b: bool) {
    o.extend_from_slice(if b { b"true" } else { b"false" });
}

fn date(o: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => {
            o.push(b'"');
            match date_text(d) {
                Some(b) => o.extend_from_slice(&b),
                None => o.extend_from_slice(d.to_string().as_bytes()),
            }
            o.push(b'"');
        }
        None => o.extend_from_slice(b"null"),
    }
}

/// An enum of unit variants through its serde name (one short string).
fn unit_variant<T: serde::Serialize>(o: &mut Vec<u8>, v: &T) {
    if serde_json::to_writer(&mut *o, v).is_err() {
        o.extend_from_slice(b"null");
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
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let q = x ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q & HIGH;
    let b = x ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b & HIGH;
    below_space | quote | backslash != 0
}

/// A JSON string with serde_json's escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, else
/// `\u00XX`).
fn string(o: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    o.reserve(bytes.len() + 2);
    o.push(b'"');
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
    o.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DocRecord, EntityRecord, FigureRecord, QuoteRecord, TimeRecord};
    use crate::{EntityKind, Granularity, Measure, Stance};
    use proptest::prelude::*;

    fn by_serde(records: &[Record]) -> String {
        records.iter().map(|r| serde_json::to_string(r).unwrap_or_default() + "\n").collect()
    }

    fn ours(records: &[Record]) -> String {
        let mut out = Vec::new();
        write_jsonl(records, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[a-zA-Z0-9 ,.'-]{0,40}", "[\\x00-\\x1f\"\\\\a-z é–“”\\u{7f}\\u{2028}😀]{0,40}", any::<String>(),]
    }

    fn opt_text() -> impl Strategy<Value = Option<String>> {
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
        ])
    }

    fn span() -> impl Strategy<Value = Span> {
        (0usize..1_000_000, 0usize..1000).prop_map(|(a, l)| Span::new(a, a + l))
    }

    fn name() -> impl Strategy<Value = Option<NameRef>> {
        prop::option::of((text(), opt_text()).prop_map(|(text, name)| NameRef { text, name }))
    }

    fn time() -> impl Strategy<Value = Option<TimeRef>> {
        prop::option::of((text(), date(), date()).prop_map(|(text, start, end)| TimeRef { text, start, end }))
    }

    fn record() -> impl Strategy<Value = Record> {
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
            (text(), span(), text(), number(), number(), any::<bool>(), opt_text()),
            (prop::sample::select(Measure::ALL.to_vec()), any::<bool>(), name(), name(), time()),
            (prop::collection::vec(source, 0..3), time(), name(), any::<bool>(), span()),
        )
            .prop_map(
                |(
                    (doc, span, text, low, high, approx, unit),
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
        let time_rec = (text(), span(), text(), date(), date(), prop::sample::select(granularities)).prop_map(
            |(doc, span, text, start, end, granularity)| {
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
