use crate::{Granularity, Interval, Measure, NaiveDate, Span, Value};
use serde::{Deserialize, Serialize, Serializer};

/// A date as chrono's `Display` writes it, `YYYY-MM-DD`, for years 0-9999 (`None` outside).
pub(crate) fn date_text(d: NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y as u32;
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NameRef {
    pub text: String,
    pub name: Option<String>,
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
    pub fn to_name_ref(&self, body: &str) -> NameRef {
        NameRef { text: self.span.text(body).to_string(), name: self.name.clone() }
    }
    /// As [`Anchor::to_name_ref`], moving the name instead of copying it.
    pub fn into_name_ref(self, body: &str) -> NameRef {
        NameRef { text: self.span.text(body).to_string(), name: self.name }
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
pub struct Source {
    pub text: String,
    pub name: Option<String>,
    pub cue: String,
    pub stance: Stance,
}

/// A resolved time attached to a figure (`time` or `stated`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRef {
    pub text: String,
    #[serde(serialize_with = "date_out")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "date_out")]
    pub end: Option<NaiveDate>,
}

impl TimeRef {
    pub fn new(text: impl Into<String>, iv: Interval) -> Self {
        TimeRef { text: text.into(), start: iv.start, end: iv.end }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub doc: String,
    pub title: Option<String>,
    #[serde(serialize_with = "date_out")]
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub sentences: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The body is only the summary of a feed item that had no full content. Written only when
    /// true, so other documents' records are unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord {
    pub doc: String,
    pub span: Span,
    pub text: String,
    pub value: Value,
    pub unit: Option<String>,
    pub measure: Measure,
    pub increment: bool,
    pub subject: Option<NameRef>,
    pub location: Option<NameRef>,
    pub time: Option<TimeRef>,
    pub source: Vec<Source>,
    pub stated: Option<TimeRef>,
    pub via: Option<NameRef>,
    /// The report says the figure could not be independently verified.
    #[serde(default)]
    pub unverified: bool,
    /// The sentence the figure stands in.
    #[serde(default)]
    pub evidence: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub doc: String,
    pub span: Span,
    pub text: String,
    pub speaker: Option<NameRef>,
    pub direct: bool,
    pub cue: Option<String>,
    pub via: Option<NameRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeRecord {
    pub doc: String,
    pub span: Span,
    pub text: String,
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
pub struct EntityRecord {
    pub doc: String,
    pub span: Span,
    pub text: String,
    pub kind: EntityKind,
    pub name: Option<String>,
}

/// One line of Tally's JSON Lines output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Doc(DocRecord),
    Figure(FigureRecord),
    Quote(QuoteRecord),
    Time(TimeRecord),
    Entity(EntityRecord),
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
