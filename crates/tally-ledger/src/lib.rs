//! The ledger: an embedded SQLite store (WAL mode, versioned schema) of documents and the claims
//! extracted from them, grouped into series by a normalized key, with near-duplicate
//! (syndicated) copies linked to their earliest copy. Writes are transactional and idempotent:
//! the same document (by normalized content hash) is stored once.

mod conflicts;
mod export;
mod fingerprint;
mod query;
mod schema;
mod series;

pub use export::ExportFormat;
pub use fingerprint::{content_hash, resemblance, sketch, NEAR_DUPLICATE};
pub use query::{ClaimRow, DocRow, SeriesRow, Stats};
pub use series::{series_key, unit_class, DocCountries, SeriesKey};

use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use tally_model::{NaiveDate, Record};
use thiserror::Error;

/// Errors of the store; each names the database file.
#[derive(Debug, Error)]
pub enum LedgerError {
    #[error("{path}: {source}")]
    Sql { path: String, source: rusqlite::Error },
    #[error("{path}: the store has schema version {found}, newer than this tally understands ({known})")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("{path}: {message}")]
    Other { path: String, message: String },
}

/// One document to store, with every record extracted from it.
pub struct NewDocument<'a> {
    pub doc: &'a str,
    pub origin: &'a str,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub published: Option<NaiveDate>,
    pub body: &'a str,
    pub records: &'a [Record<'a>],
}

impl NewDocument<'_> {
    /// Computes everything storing the document needs from the document alone: its
    /// fingerprints, its records packed for storage and its figures as claims. It needs no
    /// store, and owns what it holds, so a caller may prepare batches on worker threads and
    /// hand them to [`Ledger::ingest_prepared`] on another.
    pub fn prepare(&self) -> PreparedDocument {
        self.prepare_hashed(content_hash(self.body))
    }

    /// [`NewDocument::prepare`] for a caller that has already computed the body's
    /// [`content_hash`] (to ask [`Ledger::stored_document`] first).
    pub fn prepare_hashed(&self, hash: String) -> PreparedDocument {
        let mut jsonl = Vec::with_capacity(self.body.len() * 4);
        tally_model::write_jsonl(self.records, &mut jsonl);
        // Stored as lines joined by line breaks, without a final one.
        if jsonl.last() == Some(&b'\n') {
            jsonl.pop();
        }
        let owned = |s: Option<&str>| s.map(str::to_string);
        PreparedDocument {
            doc: self.doc.to_string(),
            origin: self.origin.to_string(),
            title: owned(self.title),
            url: owned(self.url),
            outlet: owned(self.outlet),
            published: self.published,
            hash,
            sketch: sketch(self.body),
            records_blob: fingerprint::pack(&jsonl),
            claims: series::new_claims(self.records, self.body),
            body: self.body.to_string(),
        }
    }
}

/// A document ready to store: see [`NewDocument::prepare`].
pub struct PreparedDocument {
    doc: String,
    origin: String,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<NaiveDate>,
    body: String,
    hash: String,
    sketch: Vec<u64>,
    records_blob: Vec<u8>,
    claims: Vec<series::NewClaim>,
}

/// What storing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored as a new, original document.
    New(i64),
    /// Stored, and linked as a syndicated copy of an earlier document.
    Syndicated { id: i64, of: i64 },
    /// Already in the store (same normalized content); nothing changed.
    Duplicate(i64),
}

/// How much of a store a read-only connection maps into memory.
const READ_MAP_BYTES: i64 = 1 << 30;

/// An open ledger.
pub struct Ledger {
    conn: Connection,
    path: String,
    /// Sketches of stored originals, for finding syndicated copies.
    copies: fingerprint::CopyIndex,
    /// Original claims of the series this connection has written to, for conflict counts.
    conflicts: conflicts::ConflictIndex,
    /// The store's schema version.
    version: i64,
}

impl Ledger {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        let p = path.display().to_string();
        let sql = |source| LedgerError::Sql { path: p.clone(), source };
        let mut conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sql)?;
        // One plan per statement: the writes' statements are prepared once and kept, and without
        // this SQLite would plan a cached statement again whenever a bound value might change
        // its plan (once per new series, for the conflict index's read of a series).
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(sql)?;
        schema::migrate(&mut conn, &p)?;
        let mut ledger = Ledger {
            conn,
            path: p,
            copies: Default::default(),
            conflicts: Default::default(),
            version: schema::VERSION,
        };
        ledger.load_sketches()?;
        Ok(ledger)
    }

    /// Opens an existing store for reading only (safe while another process ingests).
    pub fn open_read_only(path: &Path) -> Result<Ledger, LedgerError> {
        let p = path.display().to_string();
        if !path.exists() {
            return Err(LedgerError::Other { path: p, message: "no such store (run `tally ingest` first)".into() });
        }
        let sql = |source| LedgerError::Sql { path: p.clone(), source };
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql)?;
        // Pages are read in place rather than copied in by one system call each: a series' claims
        // lie on many pages, and a fresh connection (one per request) has an empty page cache.
        conn.pragma_update(None, "mmap_size", READ_MAP_BYTES).map_err(sql)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
        if version > schema::VERSION {
            return Err(LedgerError::TooNew { path: p, found: version, known: schema::VERSION });
        }
        Ok(Ledger { conn, path: p, copies: Default::default(), conflicts: Default::default(), version })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> LedgerError + '_ {
        move |source| LedgerError::Sql { path: self.path.clone(), source }
    }

    fn load_sketches(&mut self) -> Result<(), LedgerError> {
        let path = self.path.clone();
        let sql = |source| LedgerError::Sql { path: path.clone(), source };
        let mut stmt = self
            .conn
            .prepare("SELECT id, sketch, published FROM documents WHERE syndicated_of IS NULL ORDER BY id")
            .map_err(sql)?;
        let rows = stmt
            .query_map([], |r| {
                let published: Option<String> = r.get(2)?;
                let blob: Vec<u8> = r.get(1)?;
                Ok((r.get::<_, i64>(0)?, fingerprint::from_blob(&blob), published.and_then(|d| d.parse().ok())))
            })
            .map_err(sql)?;
        for row in rows {
            let (id, sketch, published) = row.map_err(sql)?;
            self.copies.add(id, sketch, published);
        }
        Ok(())
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> i64 {
        self.version
    }

    /// The id of the stored document whose body has this [`content_hash`], if any: a document
    /// already stored need not be extracted again to be found a duplicate.
    pub fn stored_document(&self, content_hash: &str) -> Result<Option<i64>, LedgerError> {
        document_with_hash(&self.conn, content_hash).map_err(self.err())
    }

    /// Stores a batch of documents in one transaction: all of them or none.
    pub fn ingest(&mut self, batch: &[NewDocument]) -> Result<Vec<Stored>, LedgerError> {
        let prepared: Vec<PreparedDocument> = batch.iter().map(|d| d.prepare()).collect();
        self.ingest_prepared(&prepared)
    }

    /// Stores a batch of prepared documents in one transaction: all of them or none.
    pub fn ingest_prepared(&mut self, batch: &[PreparedDocument]) -> Result<Vec<Stored>, LedgerError> {
        let out = self.ingest_batch(batch);
        if out.is_err() {
            self.conflicts.clear();
        }
        out
    }

    fn ingest_batch(&mut self, batch: &[PreparedDocument]) -> Result<Vec<Stored>, LedgerError> {
        let path = self.path.clone();
        let sql = |source| LedgerError::Sql { path: path.clone(), source };
        // Immediate: no other writer commits between the check of the conflict index and the end.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        self.conflicts.begin(&tx).map_err(sql)?;
        let mut out = Vec::with_capacity(batch.len());
        let mut pending = fingerprint::CopyIndex::default();
        for d in batch {
            let (hash, sketch) = (&d.hash, &d.sketch);
            if let Some(id) = document_with_hash(&tx, hash).map_err(sql)? {
                out.push(Stored::Duplicate(id));
                continue;
            }
            let mut original = self.copies.original_of(sketch).or_else(|| pending.original_of(sketch));
            // A copy stored before its original hands the role over: the new document becomes
            // the original when it was published earlier, or on the same day when the other
            // credits its outlet (a republished wire story names the wire).
            let mut replaces = None;
            if let Some(o) = original {
                let (o_published, o_outlet, o_body): (Option<String>, Option<String>, String) = tx
                    .query_row("SELECT published, outlet, body FROM documents WHERE id = ?1", params![o], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .map_err(sql)?;
                let o_published: Option<NaiveDate> = o_published.and_then(|p| p.parse().ok());
                let credits =
                    |body: &str, outlet: Option<&str>| outlet.is_some_and(|o| !o.is_empty() && body.contains(o));
                let earlier = match (d.published, o_published) {
                    (Some(a), Some(b)) => a < b,
                    (Some(_), None) => true,
                    _ => false,
                };
                let same_day = d.published == o_published;
                if earlier
                    || same_day && credits(&o_body, d.outlet.as_deref()) && !credits(&d.body, o_outlet.as_deref())
                {
                    replaces = Some(o);
                    original = None;
                }
            }
            tx.prepare_cached(
                "INSERT INTO documents (doc, origin, content_hash, sketch, title, url, outlet, published, body, records, syndicated_of)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    d.doc,
                    d.origin,
                    hash,
                    fingerprint::to_blob(sketch),
                    d.title,
                    d.url,
                    d.outlet,
                    d.published.map(|p| p.to_string()),
                    d.body,
                    d.records_blob,
                    original
                ])
            })
            .map_err(sql)?;
            let id = tx.last_insert_rowid();
            let reporter = d.outlet.as_deref().unwrap_or(&d.doc);
            let claims = series::insert_claims(&tx, id, &d.claims, reporter, d.published).map_err(sql)?;
            if original.is_none() {
                self.conflicts.add_claims(&tx, id, &claims).map_err(sql)?;
            }
            if let Some(o) = replaces {
                self.conflicts.prepare_demotion(&tx, o).map_err(sql)?;
                tx.execute(
                    "UPDATE documents SET syndicated_of = ?1 WHERE id = ?2 OR syndicated_of = ?2",
                    params![id, o],
                )
                .map_err(sql)?;
                self.conflicts.demoted(&tx, o).map_err(sql)?;
                self.copies.remove(o);
                pending.remove(o);
            }
            match original {
                Some(of) => out.push(Stored::Syndicated { id, of }),
                None => {
                    pending.add(id, sketch.clone(), d.published);
                    out.push(Stored::New(id));
                }
            }
        }
        self.conflicts.write(&tx).map_err(sql)?;
        if let Err(e) = tx.commit() {
            self.copies = Default::default();
            self.load_sketches()?;
            return Err(sql(e));
        }
        self.copies.absorb(pending);
        Ok(out)
    }

    /// The raw connection, for queries in this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// The id of the stored document whose body has this [`content_hash`], if any.
fn document_with_hash(conn: &Connection, hash: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row(params![hash], |r| r.get(0))
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_model::*;

    pub(crate) fn figure(
        doc: &str,
        low: f64,
        unit: &str,
        measure: Measure,
        subject: &str,
        source: &str,
    ) -> Record<'static> {
        Record::Figure(FigureRecord {
            doc: doc.to_string().into(),
            span: Span::new(0, 3),
            text: "123".into(),
            value: Value::exact(low),
            unit: Some(unit.to_string().into()),
            measure,
            increment: false,
            subject: Some(NameRef { text: subject.to_string().into(), name: Some(subject.to_string().into()) }),
            location: None,
            time: None,
            source: vec![Source {
                text: source.to_string().into(),
                name: Some(source.to_string().into()),
                cue: "said".into(),
                stance: Stance::Asserted,
            }],
            stated: None,
            via: None,
            unverified: false,
            evidence: Span::new(0, 3),
        })
    }

    /// Document "a" from a.txt, with no metadata.
    fn doc_a<'a>(body: &'a str, records: &'a [Record<'a>]) -> NewDocument<'a> {
        NewDocument { doc: "a", origin: "a.txt", title: None, url: None, outlet: None, published: None, body, records }
    }

    #[test]
    fn prepared_records_are_stored_as_serde_json_lines() {
        let recs = [
            figure("a", 5.0, "soldier", Measure::Killed, "Russia", "Ukraine"),
            figure("a", 7.5, "tank", Measure::Captured, "Ukraine \"Kyiv\"", "Russia"),
        ];
        let doc = doc_a("Five soldiers were killed, Ukraine said.", &recs);
        let p = doc.prepare();
        let expect: Vec<String> = recs.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        assert_eq!(fingerprint::unpack(&p.records_blob), expect.join("\n"));
        assert_eq!(p.hash, content_hash(doc.body));
        assert_eq!(p.sketch, sketch(doc.body));
    }

    #[test]
    fn reingesting_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::open(&dir.path().join("t.db")).unwrap();
        let recs = [figure("a", 5.0, "soldier", Measure::Killed, "Russia", "Ukraine")];
        let doc = doc_a("Five soldiers were killed, Ukraine said.", &recs);
        let first = l.ingest(&[doc]).unwrap();
        assert!(matches!(first[0], Stored::New(_)));
        let doc = doc_a("Five  soldiers were killed,\nUkraine said. ", &recs);
        let again = l.ingest(&[doc]).unwrap();
        assert!(matches!(again[0], Stored::Duplicate(_)));
        assert_eq!(l.stats().unwrap().documents, 1);
        assert_eq!(l.stats().unwrap().claims, 1);
    }
}
