//! Read side of the ledger: series summaries, a series timeline with conflict, revision and
//! syndication flags, documents and statistics.

use crate::{Ledger, LedgerError};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use tally_model::NaiveDate;

/// One series with its summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeriesRow {
    pub id: i64,
    pub key: String,
    pub label: String,
    pub claims: i64,
    pub documents: i64,
    /// Distinct sources among claims from original (not syndicated) documents; the reporter's
    /// own voice counts as the outlet.
    pub independent_sources: i64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub latest_stated: Option<String>,
    /// Claims contradicted by another independent source (ranges that do not overlap).
    pub conflicts: i64,
}

/// One claim in a series timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimRow {
    pub id: i64,
    pub series_id: i64,
    pub doc: String,
    pub document_id: i64,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub unit: Option<String>,
    pub measure: String,
    pub increment: bool,
    pub subject: Option<String>,
    pub location: Option<String>,
    pub time_text: Option<String>,
    pub time_start: Option<String>,
    pub time_end: Option<String>,
    pub stated_text: Option<String>,
    pub stated_start: Option<String>,
    pub stated_end: Option<String>,
    pub sources: serde_json::Value,
    pub source_key: String,
    pub via: Option<String>,
    pub unverified: bool,
    pub evidence: String,
    /// The doc id of the original this claim's document copies, if it is a syndicated copy.
    pub syndicated_of: Option<String>,
    /// `conflict`, `revision`, `syndicated`.
    pub flags: Vec<String>,
}

impl ClaimRow {
    /// The date the claim was made: the statement date, else the document's publication date.
    pub fn said_on(&self) -> Option<&str> {
        self.stated_start.as_deref().or(self.published.as_deref())
    }
    fn bounds(&self) -> (f64, f64) {
        (self.low.unwrap_or(f64::NEG_INFINITY), self.high.unwrap_or(f64::INFINITY))
    }
    fn who(&self) -> String {
        if self.source_key.is_empty() {
            format!("reporter:{}", self.outlet.as_deref().unwrap_or(&self.doc))
        } else {
            self.source_key.clone()
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRow {
    pub id: i64,
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub claims: i64,
    pub syndicated_of: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: i64,
    pub syndicated: i64,
    pub claims: i64,
    pub series: i64,
    pub sources: i64,
    pub schema_version: i64,
}

const CLAIM_COLUMNS: &str =
    "c.id, c.series_id, d.doc, d.id, d.outlet, d.url, d.published, c.text, c.low, c.high, c.approx,
    c.unit, c.measure, c.increment, c.subject, c.location, c.time_text, c.time_start, c.time_end, c.stated_text,
    c.stated_start, c.stated_end, c.sources, c.source_key, c.via, c.unverified, c.evidence,
    (SELECT o.doc FROM documents o WHERE o.id = d.syndicated_of)";

/// The columns of a [`DocRow`], in the order [`doc_row`] reads them.
const DOC_COLUMNS: &str = "d.id, d.doc, d.title, d.outlet, d.url, d.published,
    (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id), d.syndicated_of";

fn doc_row(r: &Row) -> rusqlite::Result<DocRow> {
    Ok(DocRow {
        id: r.get(0)?,
        doc: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        url: r.get(4)?,
        published: r.get(5)?,
        claims: r.get(6)?,
        syndicated_of: r.get(7)?,
    })
}

fn claim_row(r: &Row) -> rusqlite::Result<ClaimRow> {
    let sources: String = r.get(22)?;
    Ok(ClaimRow {
        id: r.get(0)?,
        series_id: r.get(1)?,
        doc: r.get(2)?,
        document_id: r.get(3)?,
        outlet: r.get(4)?,
        url: r.get(5)?,
        published: r.get(6)?,
        text: r.get(7)?,
        low: r.get(8)?,
        high: r.get(9)?,
        approx: r.get(10)?,
        unit: r.get(11)?,
        measure: r.get(12)?,
        increment: r.get(13)?,
        subject: r.get(14)?,
        location: r.get(15)?,
        time_text: r.get(16)?,
        time_start: r.get(17)?,
        time_end: r.get(18)?,
        stated_text: r.get(19)?,
        stated_start: r.get(20)?,
        stated_end: r.get(21)?,
        sources: serde_json::from_str(&sources).unwrap_or(serde_json::Value::Array(Vec::new())),
        source_key: r.get(23)?,
        via: r.get(24)?,
        unverified: r.get(25)?,
        evidence: r.get(26)?,
        syndicated_of: r.get(27)?,
        flags: Vec::new(),
    })
}

/// Marks conflicts (another independent source whose range does not overlap), revisions (the
/// same source said a different value earlier) and syndicated copies.
/// Days apart two statements may be and still speak of the same moment, when the claims give
/// no event time of their own.
pub const SAME_MOMENT_DAYS: i64 = 7;

/// What flagging needs to know of a claim.
struct ClaimFacts {
    who: String,
    bounds: (f64, f64),
    said: Option<NaiveDate>,
    event: Option<(NaiveDate, NaiveDate)>,
    syndicated: bool,
}

impl ClaimFacts {
    fn of(c: &ClaimRow) -> Self {
        let day = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let event = day(&c.time_start).map(|s| (s, day(&c.time_end).unwrap_or(s)));
        ClaimFacts {
            who: c.who(),
            bounds: c.bounds(),
            said: c.said_on().and_then(|d| d.parse().ok()),
            event,
            syndicated: c.syndicated_of.is_some(),
        }
    }

    /// Both speak of the same time: their event times overlap, or (lacking those) they were
    /// said within a week of each other.
    fn same_time(&self, other: &ClaimFacts) -> bool {
        match (self.event, other.event) {
            (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
            _ => match (self.said, other.said) {
                (Some(a), Some(b)) => (a - b).num_days().abs() <= SAME_MOMENT_DAYS,
                _ => false,
            },
        }
    }
}

/// Marks conflicts (another independent source, speaking of the same time, whose range does not
/// overlap), revisions (the same source said a different value earlier) and syndicated copies.
fn flag(rows: &mut [ClaimRow]) {
    // Numbers of no stated kind (measure "other", no noun) are not comparable estimates.
    let comparable = rows.iter().any(|c| c.measure != "other" || c.unit.is_some());
    let facts: Vec<ClaimFacts> = rows.iter().map(ClaimFacts::of).collect();
    for (i, c) in rows.iter_mut().enumerate() {
        let me = &facts[i];
        if me.syndicated {
            c.flags.push("syndicated".into());
        }
        let (lo, hi) = me.bounds;
        let conflict = facts.iter().enumerate().any(|(j, o)| {
            j != i
                && !o.syndicated
                && !me.syndicated
                && o.who != me.who
                && (o.bounds.1 < lo || hi < o.bounds.0)
                && me.same_time(o)
        });
        if conflict && comparable {
            c.flags.push("conflict".into());
        }
        let revision = facts.iter().enumerate().any(|(j, o)| {
            j != i
                && !o.syndicated
                && o.who == me.who
                && !me.who.starts_with("reporter:")
                && o.bounds != me.bounds
                && o.said < me.said
        });
        if revision {
            c.flags.push("revision".into());
        }
    }
}

/// A series' conflict count as stored at ingest (schema version 2 on).
const CONFLICTS_STORED: &str = "CASE WHEN NOT (s.measure = 'other' AND s.unit_class = '-') THEN s.conflicts ELSE 0 END";

/// A series' conflict count computed pair by pair, for stores written before the counts were
/// stored. The stored counts are tested against it.
const CONFLICTS_BY_JOIN: &str = "(SELECT COUNT(*) FROM claims a JOIN documents da ON da.id = a.document_id
                 WHERE a.series_id = s.id AND da.syndicated_of IS NULL
                   AND NOT (s.measure = 'other' AND s.unit_class = '-') AND EXISTS (
                    SELECT 1 FROM claims b JOIN documents db ON db.id = b.document_id
                    WHERE b.series_id = a.series_id AND b.id != a.id AND db.syndicated_of IS NULL
                      AND (CASE WHEN b.source_key = '' THEN 'reporter:' || COALESCE(db.outlet, db.doc) ELSE b.source_key END)
                       != (CASE WHEN a.source_key = '' THEN 'reporter:' || COALESCE(da.outlet, da.doc) ELSE a.source_key END)
                      AND (COALESCE(b.high, 1e308) < COALESCE(a.low, -1e308) OR COALESCE(a.high, 1e308) < COALESCE(b.low, -1e308))
                      AND (CASE WHEN a.time_start IS NOT NULL AND b.time_start IS NOT NULL
                            THEN a.time_start <= COALESCE(b.time_end, b.time_start) AND b.time_start <= COALESCE(a.time_end, a.time_start)
                            ELSE abs(julianday(COALESCE(a.stated_start, da.published)) - julianday(COALESCE(b.stated_start, db.published))) <= 7 END)))";

impl Ledger {
    fn series_where(&self, cond: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<SeriesRow>, LedgerError> {
        let by_join = self.schema_version() < crate::schema::COUNTS;
        self.series_where_by(cond, args, by_join)
    }

    pub(crate) fn series_where_by(
        &self,
        cond: &str,
        args: &[&dyn rusqlite::ToSql],
        by_join: bool,
    ) -> Result<Vec<SeriesRow>, LedgerError> {
        let e = self.err();
        let conflicts = if by_join { CONFLICTS_BY_JOIN } else { CONFLICTS_STORED };
        let sql = format!(
            "SELECT s.id, s.key, s.label, COUNT(c.id), COUNT(DISTINCT c.document_id),
                COUNT(DISTINCT CASE WHEN d.syndicated_of IS NULL THEN
                    CASE WHEN c.source_key = '' THEN 'reporter:' || COALESCE(d.outlet, d.doc) ELSE c.source_key END END),
                MIN(COALESCE(c.low, c.high)), MAX(COALESCE(c.high, c.low)),
                MAX(COALESCE(c.stated_start, d.published)),
                {conflicts}
             FROM series s JOIN claims c ON c.series_id = s.id JOIN documents d ON d.id = c.document_id
             WHERE {cond}
             GROUP BY s.id ORDER BY COUNT(c.id) DESC, s.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql).map_err(&e)?;
        let rows = stmt
            .query_map(args, |r| {
                Ok(SeriesRow {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    label: r.get(2)?,
                    claims: r.get(3)?,
                    documents: r.get(4)?,
                    independent_sources: r.get(5)?,
                    low: r.get(6)?,
                    high: r.get(7)?,
                    latest_stated: r.get(8)?,
                    conflicts: r.get(9)?,
                })
            })
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// Series whose label contains `filter` (case-insensitive), most claims first.
    pub fn series(&self, filter: Option<&str>, limit: i64, offset: i64) -> Result<Vec<SeriesRow>, LedgerError> {
        let pattern = format!("%{}%", filter.unwrap_or("").trim().to_lowercase());
        self.series_where(
            "s.id IN (SELECT id FROM series WHERE lower(label) LIKE ?1 OR key LIKE ?1
                      ORDER BY (SELECT COUNT(*) FROM claims x WHERE x.series_id = series.id) DESC, id LIMIT ?2 OFFSET ?3)",
            &[&pattern, &limit, &offset],
        )
    }

    /// One series by id.
    pub fn series_by_id(&self, id: i64) -> Result<Option<SeriesRow>, LedgerError> {
        Ok(self.series_where("s.id = ?1", &[&id])?.into_iter().next())
    }

    /// The claims of one document, in text order, flagged within their series.
    pub fn document_claims(&self, document_id: i64) -> Result<Vec<ClaimRow>, LedgerError> {
        let e = self.err();
        let mut stmt =
            self.conn().prepare_cached("SELECT DISTINCT series_id FROM claims WHERE document_id = ?1").map_err(&e)?;
        let series: Vec<i64> =
            stmt.query_map([document_id], |r| r.get(0)).map_err(&e)?.collect::<Result<_, _>>().map_err(&e)?;
        let mut out = Vec::new();
        for s in series {
            out.extend(self.timeline(s)?.into_iter().filter(|c| c.document_id == document_id));
        }
        out.sort_by_key(|c| c.id);
        Ok(out)
    }

    /// Documents whose title or text, and claims whose evidence sentence, contain `q`.
    pub fn search(&self, q: &str, limit: i64, offset: i64) -> Result<(Vec<DocRow>, Vec<ClaimRow>), LedgerError> {
        let e = self.err();
        let pattern = format!("%{}%", q.trim().replace('%', "\\%").replace('_', "\\_"));
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d WHERE d.title LIKE ?1 ESCAPE '\\' OR d.body LIKE ?1 ESCAPE '\\'
                 ORDER BY d.published DESC, d.id LIMIT ?2 OFFSET ?3"
            ))
            .map_err(&e)?;
        let docs = stmt
            .query_map(params![pattern, limit, offset], doc_row)
            .map_err(&e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(&e)?;
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document_id
             WHERE c.evidence LIKE ?1 ESCAPE '\\' ORDER BY c.id LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn().prepare_cached(&sql).map_err(&e)?;
        let claims = stmt
            .query_map(params![pattern, limit, offset], claim_row)
            .map_err(&e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(&e)?;
        Ok((docs, claims))
    }

    /// Finds a series by id, exact key, or a unique label match.
    pub fn find_series(&self, what: &str) -> Result<Option<SeriesRow>, LedgerError> {
        let all = self.series(None, i64::MAX, 0)?;
        if let Ok(id) = what.trim().parse::<i64>() {
            return Ok(all.into_iter().find(|s| s.id == id));
        }
        let w = what.trim().to_lowercase();
        if let Some(s) = all.iter().find(|s| s.key == w || s.label.to_lowercase() == w) {
            return Ok(Some(s.clone()));
        }
        let mut hits = all.into_iter().filter(|s| s.label.to_lowercase().contains(&w));
        let first = hits.next();
        Ok(if hits.next().is_none() { first } else { None })
    }

    /// The claims of a series in order of statement date, flagged.
    pub fn timeline(&self, series_id: i64) -> Result<Vec<ClaimRow>, LedgerError> {
        let e = self.err();
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.series_id = ?1
             ORDER BY COALESCE(c.stated_start, d.published), d.id, c.span_start"
        );
        let mut stmt = self.conn().prepare(&sql).map_err(&e)?;
        let mut rows: Vec<ClaimRow> =
            stmt.query_map(params![series_id], claim_row).map_err(&e)?.collect::<Result<_, _>>().map_err(&e)?;
        flag(&mut rows);
        Ok(rows)
    }

    /// Every claim (optionally of one series), for export.
    pub fn claims(&self, series_id: Option<i64>) -> Result<Vec<ClaimRow>, LedgerError> {
        match series_id {
            Some(id) => self.timeline(id),
            None => {
                let e = self.err();
                let ids: Vec<i64> = {
                    let mut stmt = self.conn().prepare("SELECT id FROM series ORDER BY id").map_err(&e)?;
                    let ids = stmt.query_map([], |r| r.get(0)).map_err(&e)?.collect::<Result<_, _>>().map_err(&e)?;
                    ids
                };
                let mut out = Vec::new();
                for id in ids {
                    out.extend(self.timeline(id)?);
                }
                Ok(out)
            }
        }
    }

    pub fn docs(&self, limit: i64, offset: i64) -> Result<Vec<DocRow>, LedgerError> {
        let e = self.err();
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {DOC_COLUMNS} FROM documents d ORDER BY d.published, d.id LIMIT ?1 OFFSET ?2"))
            .map_err(&e)?;
        let rows = stmt.query_map(params![limit, offset], doc_row).map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// A document by numeric id or doc id: its row, body and records (JSON Lines).
    pub fn doc(&self, what: &str) -> Result<Option<(DocRow, String, String)>, LedgerError> {
        let e = self.err();
        let id: Option<i64> = match what.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => self
                .conn()
                .query_row("SELECT id FROM documents WHERE doc = ?1 ORDER BY id LIMIT 1", params![what], |r| r.get(0))
                .optional()
                .map_err(&e)?,
        };
        let Some(id) = id else { return Ok(None) };
        self.conn()
            .query_row(
                &format!("SELECT {DOC_COLUMNS}, d.body, d.records FROM documents d WHERE d.id = ?1"),
                params![id],
                |r| Ok((doc_row(r)?, r.get(8)?, crate::fingerprint::unpack(&r.get::<_, Vec<u8>>(9)?))),
            )
            .optional()
            .map_err(&e)
    }

    pub fn stats(&self) -> Result<Stats, LedgerError> {
        let e = self.err();
        let one = |sql: &str| self.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(&e);
        Ok(Stats {
            documents: one("SELECT COUNT(*) FROM documents")?,
            syndicated: one("SELECT COUNT(*) FROM documents WHERE syndicated_of IS NOT NULL")?,
            claims: one("SELECT COUNT(*) FROM claims")?,
            series: one("SELECT COUNT(*) FROM series")?,
            sources: one("SELECT COUNT(DISTINCT source_key) FROM claims WHERE source_key != ''")?,
            schema_version: one("PRAGMA user_version")?,
        })
    }

    /// A check that every stored document is whole: integrity of the file and of its links.
    pub fn check(&self) -> Result<Vec<String>, LedgerError> {
        let e = self.err();
        let mut problems = Vec::new();
        let ok: String = self.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(&e)?;
        if ok != "ok" {
            problems.push(format!("integrity_check: {ok}"));
        }
        let mut stmt = self.conn().prepare("PRAGMA foreign_key_check").map_err(&e)?;
        let n = stmt.query_map([], |_| Ok(())).map_err(&e)?.count();
        if n > 0 {
            problems.push(format!("{n} broken references"));
        }
        Ok(problems)
    }
}
