//! Series: claims that count the same thing share a normalized key (subject, measure, unit
//! class, theater), built from canonical names so that reports from many outlets line up.

use crate::conflicts::StoredClaim;
use rusqlite::{params, Transaction};
use std::collections::HashMap;
use std::sync::LazyLock;
use tally_model::{EntityKind, FigureRecord, Measure, NaiveDate, NameRef, Record};

static UNIT_CLASSES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/unit_classes.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(u, c)| (u.trim(), c.trim()))
        .collect()
});

/// Measures that count people whatever noun the text uses ("the toll rose to 41").
fn counts_people(m: Measure) -> bool {
    !matches!(m, Measure::Money | Measure::Other)
}

/// The class a unit shares with its equivalents ("troop", "personnel" -> "soldiers"); money keeps
/// its currency, since amounts in different currencies do not compare. A figure with no noun
/// that counts casualties, arrests or displacement counts people.
pub fn unit_class(unit: Option<&str>, measure: Measure) -> String {
    let Some(u) = unit.map(|u| u.trim().to_lowercase()).filter(|u| !u.is_empty()) else {
        return if counts_people(measure) { "people".to_string() } else { "-".to_string() };
    };
    match UNIT_CLASSES.get(u.as_str()) {
        Some(&"money") => u,
        Some(c) => (*c).to_string(),
        None if measure == Measure::Money => u,
        None => u,
    }
}

/// A series key and its human label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesKey {
    pub subject: Option<String>,
    pub measure: Measure,
    pub unit_class: String,
    pub theater: Option<String>,
}

impl SeriesKey {
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.subject.as_deref().unwrap_or("-").to_lowercase(),
            self.measure.as_str(),
            self.unit_class,
            self.theater.as_deref().unwrap_or("-").to_lowercase()
        )
    }
    pub fn label(&self) -> String {
        format!(
            "{} · {} · {} · {}",
            self.subject.as_deref().unwrap_or("(unspecified)"),
            self.measure.as_str().replace('_', " "),
            self.unit_class,
            self.theater.as_deref().unwrap_or("(anywhere)")
        )
    }
}

fn name_of(r: &Option<NameRef>) -> Option<String> {
    r.as_ref().map(|n| n.name.as_deref().unwrap_or(&n.text).to_string()).filter(|s| !s.trim().is_empty())
}

/// The countries a document names, to place figures in a country-level theater.
#[derive(Debug, Default, Clone)]
pub struct DocCountries {
    /// Country names the document mentions (canonical).
    names: Vec<String>,
    /// The country it names most often (first named on a tie).
    dominant: Option<String>,
}

impl DocCountries {
    pub fn from_records(records: &[Record]) -> Self {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for r in records {
            if let Record::Entity(e) = r {
                if e.kind == EntityKind::Country {
                    let name = e.name.as_deref().unwrap_or(&e.text).to_string();
                    match counts.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, c)) => *c += 1,
                        None => counts.push((name, 1)),
                    }
                }
            }
        }
        let best = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
        let dominant = counts.iter().find(|(_, c)| *c == best && best > 0).map(|(n, _)| n.clone());
        DocCountries { names: counts.into_iter().map(|(n, _)| n).collect(), dominant }
    }
}

/// The series a figure belongs to. The theater is the country where it happened: the location
/// when that is a country, else the country the document is mainly about (a town or province
/// named as the location lies, as a rule, in the country the report covers).
pub fn series_key(f: &FigureRecord, doc: &DocCountries) -> SeriesKey {
    let location = name_of(&f.location);
    let theater = match location {
        Some(l) if doc.names.iter().any(|n| n.eq_ignore_ascii_case(&l)) => Some(l),
        Some(l) => doc.dominant.clone().or(Some(l)),
        None => doc.dominant.clone(),
    };
    SeriesKey {
        subject: name_of(&f.subject),
        measure: f.measure,
        unit_class: unit_class(f.unit.as_deref(), f.measure),
        theater,
    }
}

fn series_id(tx: &Transaction, c: &NewClaim) -> rusqlite::Result<i64> {
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM series WHERE key = ?1")?
        .query_row(params![c.key_text], |r| r.get(0))
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
    {
        return Ok(id);
    }
    let key = &c.key;
    tx.prepare_cached(
        "INSERT INTO series (key, subject, measure, unit_class, theater, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![c.key_text, key.subject, key.measure.as_str(), key.unit_class, key.theater, c.label])?;
    Ok(tx.last_insert_rowid())
}

/// A source's key for grouping: its canonical name (else its text) without a leading article,
/// in lower case ("The ministry" and "the ministry" are one source).
fn source_name(s: &tally_model::Source) -> String {
    let t = s.name.as_deref().unwrap_or(&s.text).trim();
    let t = ["the ", "The ", "THE "].iter().find_map(|a| t.strip_prefix(a)).unwrap_or(t);
    t.to_lowercase()
}

/// A figure ready to be stored as a claim: every column but the ids the store assigns. It owns
/// its text, so documents can be prepared on one thread and stored on another.
#[derive(Debug, Clone)]
pub(crate) struct NewClaim {
    key: SeriesKey,
    key_text: String,
    label: String,
    span: (i64, i64),
    text: String,
    low: Option<f64>,
    high: Option<f64>,
    approx: bool,
    unit: Option<String>,
    measure: Measure,
    increment: bool,
    subject: Option<String>,
    location: Option<String>,
    time_text: Option<String>,
    time_start: Option<NaiveDate>,
    time_end: Option<NaiveDate>,
    stated_text: Option<String>,
    stated_start: Option<NaiveDate>,
    stated_end: Option<NaiveDate>,
    sources: String,
    source_key: String,
    via: Option<String>,
    unverified: bool,
    evidence: String,
}

/// The claims of one document's figures, computed from its records alone.
pub(crate) fn new_claims(records: &[Record], body: &str) -> Vec<NewClaim> {
    let countries = DocCountries::from_records(records);
    records
        .iter()
        .filter_map(|r| if let Record::Figure(f) = r { Some(f) } else { None })
        .map(|f| {
            let key = series_key(f, &countries);
            let mut names: Vec<String> = f.source.iter().map(source_name).collect();
            names.sort();
            names.dedup();
            NewClaim {
                key_text: key.key(),
                label: key.label(),
                key,
                span: (f.span.start as i64, f.span.end as i64),
                text: f.text.to_string(),
                low: f.value.low.map(tally_model::clean_number),
                high: f.value.high.map(tally_model::clean_number),
                approx: f.value.approx,
                unit: f.unit.as_deref().map(str::to_string),
                measure: f.measure,
                increment: f.increment,
                subject: name_of(&f.subject),
                location: name_of(&f.location),
                time_text: f.time.as_ref().map(|t| t.text.to_string()),
                time_start: f.time.as_ref().and_then(|t| t.start),
                time_end: f.time.as_ref().and_then(|t| t.end),
                stated_text: f.stated.as_ref().map(|t| t.text.to_string()),
                stated_start: f.stated.as_ref().and_then(|t| t.start),
                stated_end: f.stated.as_ref().and_then(|t| t.end),
                sources: serde_json::to_string(&f.source).unwrap_or_else(|_| "[]".into()),
                source_key: names.join("; "),
                via: f.via.as_ref().map(|v| v.name.as_deref().unwrap_or(&v.text).to_string()),
                unverified: f.unverified,
                evidence: f.evidence.text(body).trim().to_string(),
            }
        })
        .collect()
}

/// Inserts the claims of one stored document, and returns what the conflict marks need of
/// them. `reporter` names the document's own voice (its outlet, else its doc id).
pub(crate) fn insert_claims<'a>(
    tx: &Transaction,
    document_id: i64,
    claims: &[NewClaim],
    reporter: &'a str,
    published: Option<NaiveDate>,
) -> rusqlite::Result<Vec<StoredClaim<'a>>> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO claims (document_id, series_id, span_start, span_end, text, low, high, approx, unit, measure,
            increment, subject, location, time_text, time_start, time_end, stated_text, stated_start, stated_end,
            sources, source_key, via, unverified, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?;
    let mut stored = Vec::with_capacity(claims.len());
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    for c in claims {
        let sid = series_id(tx, c)?;
        stmt.execute(params![
            document_id,
            sid,
            c.span.0,
            c.span.1,
            c.text,
            c.low,
            c.high,
            c.approx,
            c.unit,
            c.measure.as_str(),
            c.increment,
            c.subject,
            c.location,
            c.time_text,
            day(c.time_start),
            day(c.time_end),
            c.stated_text,
            day(c.stated_start),
            day(c.stated_end),
            c.sources,
            c.source_key,
            c.via,
            c.unverified,
            c.evidence,
        ])?;
        stored.push(StoredClaim {
            id: tx.last_insert_rowid(),
            series_id: sid,
            source_key: c.source_key.clone(),
            reporter,
            low: c.low,
            high: c.high,
            time_start: c.time_start,
            time_end: c.time_end,
            said: c.stated_start.or(published),
        });
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalent_units_share_a_class() {
        assert_eq!(unit_class(Some("troop"), Measure::Deployed), unit_class(Some("personnel"), Measure::Deployed));
        assert_eq!(unit_class(Some("Soldier"), Measure::Killed), "soldiers");
        assert_eq!(unit_class(Some("dollar"), Measure::Money), "dollar");
        assert_eq!(unit_class(Some("tank"), Measure::Captured), "tank");
        assert_eq!(unit_class(None, Measure::Killed), "people");
        assert_eq!(unit_class(None, Measure::Other), "-");
    }
}
