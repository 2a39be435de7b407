use crate::{Granularity, Interval, Measure, NaiveDate, Span, Value};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

/// A date as chrono's `Display` writes it, `YYYY-MM-DD`, for years 0-9999 (`None` outside).
pub(crate) fn date_text(d: NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    let y = y as u32;
    let [y0, y1] = crate::jsonl::two_digits(y / 100);
    let [y2, y3] = crate::jsonl::two_digits(y);
    let [m0, m1] = crate::jsonl::two_digits(m);
    let [d0, d1] = crate::jsonl::two_digits(day);
    Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])
}

/// Writes an optional date from a stack buffer: the same text as chrono's `Display`, which it
/// falls back to outside years 0-9999.
fn date_out<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    let Some(d) = d else { return s.serialize_none() };
    match date_text(*d).as_ref().and_then(|b| std::str::from_utf8(b).ok()) {
        Some(text) => s.serialize_str(text),
        None => s.collect_str(d),
    }
}

/// A mention of something with its canonical name: `{"text": "Pyongyang", "name": "North Korea"}`.
///
/// Records borrow their text from the document (`'a`) where they can: a record of extraction
/// copies nothing out of the body. Records built or read elsewhere own their text
/// (`Record<'static>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NameRef<'a> {
    pub text: Cow<'a, str>,
    pub name: Option<Cow<'a, str>>,
}

/// A mention inside the body with the canonical name it refers to, before it becomes a
/// [`NameRef`] in output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchor {
    pub span: Span,
    pub name: Option<String>,
}

impl Anchor {
    pub fn new(span: Span, name: Option<String>) -> Self {
        Anchor { span, name }
    }
    /// The mention as output names it: its text borrowed from `body`, its name moved.
    pub fn into_name_ref(self, body: &str) -> NameRef<'_> {
        NameRef { text: Cow::Borrowed(self.span.text(body)), name: self.name.map(Cow::Owned) }
    }
}

/// How a source stands behind what it said, derived from its cue (see docs/attribution.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    #[default]
    Asserted,
    Estimated,
    Contested,
    Denied,
}

/// One attributed source of a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Source<'a> {
    pub text: Cow<'a, str>,
    pub name: Option<Cow<'a, str>>,
    pub cue: Cow<'a, str>,
    pub stance: Stance,
}

/// A resolved time attached to a figure (`time` or `stated`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRef<'a> {
    pub text: Cow<'a, str>,
    #[serde(serialize_with = "date_out")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "date_out")]
    pub end: Option<NaiveDate>,
}

impl<'a> TimeRef<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>, iv: Interval) -> Self {
        TimeRef { text: text.into(), start: iv.start, end: iv.end }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord<'a> {
    pub doc: Cow<'a, str>,
    pub title: Option<Cow<'a, str>>,
    #[serde(serialize_with = "date_out")]
    pub published: Option<NaiveDate>,
    pub url: Option<Cow<'a, str>>,
    pub outlet: Option<Cow<'a, str>>,
    pub sentences: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Cow<'a, str>>,
    /// The body is only the summary of a feed item that had no full content. Written only when
    /// true, so other documents' records are unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord<'a> {
    pub doc: Cow<'a, str>,
    pub span: Span,
    pub text: Cow<'a, str>,
    pub value: Value,
    pub unit: Option<Cow<'a, str>>,
    pub measure: Measure,
    pub increment: bool,
    pub subject: Option<NameRef<'a>>,
    pub location: Option<NameRef<'a>>,
    pub time: Option<TimeRef<'a>>,
    pub source: Vec<Source<'a>>,
    pub stated: Option<TimeRef<'a>>,
    pub via: Option<NameRef<'a>>,
    /// The report says the figure could not be independently verified.
    #[serde(default)]
    pub unverified: bool,
    /// The sentence the figure stands in.
    #[serde(default)]
    pub evidence: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord<'a> {
    pub doc: Cow<'a, str>,
    pub span: Span,
    pub text: Cow<'a, str>,
    pub speaker: Option<NameRef<'a>>,
    pub direct: bool,
    pub cue: Option<Cow<'a, str>>,
    pub via: Option<NameRef<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeRecord<'a> {
    pub doc: Cow<'a, str>,
    pub span: Span,
    pub text: Cow<'a, str>,
    #[serde(serialize_with = "date_out")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "date_out")]
    pub end: Option<NaiveDate>,
    pub granularity: Granularity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Org,
    Country,
    Place,
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord<'a> {
    pub doc: Cow<'a, str>,
    pub span: Span,
    pub text: Cow<'a, str>,
    pub kind: EntityKind,
    pub name: Option<Cow<'a, str>>,
}

/// One line of Tally's JSON Lines output. Its strings are borrowed for `'a` (the document's
/// body and metadata) or owned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record<'a> {
    Doc(DocRecord<'a>),
    Figure(FigureRecord<'a>),
    Quote(QuoteRecord<'a>),
    Time(TimeRecord<'a>),
    Entity(EntityRecord<'a>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Dated(#[serde(serialize_with = "date_out")] Option<NaiveDate>);

    proptest::proptest! {
        #[test]
        fn dates_are_written_as_chrono_writes_them(days in -1_000_000i32..4_000_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(days);
            let ours = serde_json::to_string(&Dated(d)).unwrap_or_default();
            let chrono = serde_json::to_string(&d).unwrap_or_default();
            proptest::prop_assert_eq!(ours, chrono);
        }
    }

    #[test]
    fn records_carry_their_type_tag() {
        let r = Record::Time(TimeRecord {
            doc: "seed".into(),
            span: Span::new(3, 15),
            text: "last October".into(),
            start: NaiveDate::from_ymd_opt(2024, 10, 1),
            end: NaiveDate::from_ymd_opt(2024, 10, 31),
            granularity: Granularity::Month,
        });
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"type":"time","doc":"seed","span":[3,15],"text":"last October","start":"2024-10-01","end":"2024-10-31","granularity":"month"}"#
        );
    }
}
