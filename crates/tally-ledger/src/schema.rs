//! Versioned schema: each migration is applied once, in order, inside a transaction, and
//! `PRAGMA user_version` records how far a store has come.

use crate::LedgerError;
use rusqlite::Connection;

/// Migrations in order; never edit a released one, only append.
const MIGRATIONS: &[&str] = &[
    // 1: documents, series and claims.
    "CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL,
        origin TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        sketch BLOB NOT NULL,
        title TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        body TEXT NOT NULL,
        records BLOB NOT NULL,
        syndicated_of INTEGER REFERENCES documents(id),
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_doc ON documents(doc);
    CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        subject TEXT,
        measure TEXT NOT NULL,
        unit_class TEXT,
        theater TEXT,
        label TEXT NOT NULL
    );
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        series_id INTEGER NOT NULL REFERENCES series(id),
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        low REAL,
        high REAL,
        approx INTEGER NOT NULL,
        unit TEXT,
        measure TEXT NOT NULL,
        increment INTEGER NOT NULL,
        subject TEXT,
        location TEXT,
        time_text TEXT,
        time_start TEXT,
        time_end TEXT,
        stated_text TEXT,
        stated_start TEXT,
        stated_end TEXT,
        sources TEXT NOT NULL,
        source_key TEXT NOT NULL,
        via TEXT,
        unverified INTEGER NOT NULL,
        evidence TEXT NOT NULL
    );
    CREATE INDEX claims_series ON claims(series_id);
    CREATE INDEX claims_document ON claims(document_id);",
    // 2: each series' conflict count, kept current at ingest (filled in by
    // `ConflictIndex::rebuild` for stores written before).
    "ALTER TABLE series ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;",
];

/// The first version with stored conflict counts.
pub const COUNTS: i64 = 2;

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), LedgerError> {
    let sql = |source| LedgerError::Sql { path: path.to_string(), source };
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
    if current > VERSION {
        return Err(LedgerError::TooNew { path: path.to_string(), found: current, known: VERSION });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction().map_err(sql)?;
        tx.execute_batch(step).map_err(sql)?;
        if i as i64 + 1 == COUNTS {
            crate::conflicts::ConflictIndex::rebuild(&tx).map_err(sql)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    Ok(())
}
