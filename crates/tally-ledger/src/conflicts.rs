//! Conflict counts kept current at ingest. A claim is in conflict when it comes from an original
//! (not syndicated) document and another original claim of its series, from a different source
//! and speaking of the same time, gives a range that does not overlap its own; `series.conflicts`
//! counts such claims. The relation is symmetric, so storing a claim can only add conflicts: the
//! new claim is compared with the original claims of its own series that speak of the same time
//! (held in memory, with date indexes, once a series has been touched), and the series' count is
//! written before the transaction commits. Only when an original is demoted to a syndicated copy
//! can conflicts disappear; then the claims that depended on the demoted ones are checked again.
//!
//! The rules are those of the pair-by-pair SQL count in [`crate::query`] (`CONFLICTS_BY_JOIN`),
//! which answers for stores written before the counts existed and is the reference they are
//! tested against: dates compare as calendar days, a missing low or high bound counts as -1e308
//! or 1e308, and statement dates more than [`SAME_MOMENT_DAYS`] apart never meet.

use crate::query::SAME_MOMENT_DAYS;
use chrono::Datelike;
use rusqlite::{params, Connection};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use tally_model::NaiveDate;

/// Claims held in memory before the index starts over (each takes about 200 bytes with its
/// index entries).
const MAX_HELD: usize = 1_000_000;

/// A statement date that never meets another (its distance to any real day is huge).
const NO_DAY: i32 = -1_000_000_000;

/// What the conflict rule needs to know of one original claim.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    pub id: i64,
    who: u32,
    lo: f64,
    hi: f64,
    /// The statement date (else the publication date) as a day number, or [`NO_DAY`].
    said: i32,
    /// The event time as day numbers, start and end.
    event: Option<(i32, i32)>,
}

/// A claim as stored, before its source is interned.
pub(crate) struct StoredClaim<'a> {
    pub id: i64,
    pub series_id: i64,
    /// `claims.source_key`; empty when the reporter speaks.
    pub source_key: String,
    /// The document's outlet, else its doc id, for the reporter's own voice.
    pub reporter: &'a str,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub time_start: Option<NaiveDate>,
    pub time_end: Option<NaiveDate>,
    /// The statement date, else the document's publication date.
    pub said: Option<NaiveDate>,
}

/// A date as a day number, when SQLite's date functions would read its stored form (years 0 to
/// 9999).
fn day(d: NaiveDate) -> Option<i32> {
    (0..=9999).contains(&d.year()).then(|| d.num_days_from_ce())
}

fn parse_day(s: Option<&str>) -> Option<i32> {
    s?.parse::<NaiveDate>().ok().and_then(day)
}

/// Width of a statement-date bucket: a claim meets statements in its own bucket and the two
/// beside it.
const SAID_BUCKET: i32 = SAME_MOMENT_DAYS as i32 + 1;
/// Longest event time (days from start to end) of each event-time index tier; longer ones are
/// scanned in full.
const EVENT_TIERS: [i32; 4] = [7, 31, 92, 366];

/// The conflict rule between claim `a` and a claim `b` given by its parts: different sources,
/// ranges that do not overlap, the same time (overlapping event times, else statements a week
/// apart at most).
#[inline(always)]
fn rule(a: &Fact, who: u32, lo: f64, hi: f64, said: i32, event: Option<(i32, i32)>) -> bool {
    let same_time = match (a.event, event) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => a.said != NO_DAY && (i64::from(said) - i64::from(a.said)).abs() <= SAME_MOMENT_DAYS,
    };
    same_time & (who != a.who) & ((hi < a.lo) | (a.hi < lo))
}

fn contradicts(a: &Fact, b: &Fact) -> bool {
    rule(a, b.who, b.lo, b.hi, b.said, b.event)
}

/// A claim in a time index: what the rule needs, next to its position in the series, so that a
/// scan reads memory in order.
#[derive(Debug, Clone, Copy)]
struct Entry {
    pos: u32,
    who: u32,
    said: i32,
    event: Option<(i32, i32)>,
    lo: f64,
    hi: f64,
}

impl Entry {
    fn of(pos: u32, f: &Fact) -> Entry {
        Entry { pos, who: f.who, said: f.said, event: f.event, lo: f.lo, hi: f.hi }
    }

    #[inline(always)]
    fn contradicts(&self, a: &Fact) -> bool {
        rule(a, self.who, self.lo, self.hi, self.said, self.event)
    }
}

/// What a scan does with an entry it visited.
enum Step {
    Keep,
    /// Leave it out of this index from now on.
    Drop,
    /// End the scan.
    Stop,
}

/// Visits a bucket, dropping what the visitor drops; true when the visitor stopped.
fn scan_bucket(bucket: &mut Vec<Entry>, visit: &mut impl FnMut(&Entry) -> Step) -> bool {
    let mut k = 0;
    while k < bucket.len() {
        match visit(&bucket[k]) {
            Step::Keep => k += 1,
            Step::Drop => {
                bucket.swap_remove(k);
            }
            Step::Stop => return true,
        }
    }
    false
}

/// Visits the buckets of statements a week or less from `said`; true when the visitor stopped.
fn scan_said(index: &mut HashMap<i32, Vec<Entry>>, said: i32, visit: &mut impl FnMut(&Entry) -> Step) -> bool {
    if said == NO_DAY {
        return false;
    }
    let b = said.div_euclid(SAID_BUCKET);
    (b - 1..=b + 1).any(|k| index.get_mut(&k).is_some_and(|bucket| scan_bucket(bucket, visit)))
}

/// Claims by time, to find those that may speak of the same time as another.
#[derive(Default)]
struct TimeIndex {
    /// By statement-date bucket, of claims without and with an event time.
    said_plain: HashMap<i32, Vec<Entry>>,
    said_timed: HashMap<i32, Vec<Entry>>,
    /// Of claims with an event time, by its start, per tier of length.
    events: [BTreeMap<i32, Vec<Entry>>; EVENT_TIERS.len()],
    long_events: Vec<Entry>,
}

impl TimeIndex {
    fn insert(&mut self, pos: u32, f: &Fact) {
        let entry = Entry::of(pos, f);
        if f.said != NO_DAY {
            let by_said = if f.event.is_some() { &mut self.said_timed } else { &mut self.said_plain };
            by_said.entry(f.said.div_euclid(SAID_BUCKET)).or_default().push(entry);
        }
        if let Some((e0, e1)) = f.event {
            let span = e1.saturating_sub(e0).max(0);
            match EVENT_TIERS.iter().position(|&t| span <= t) {
                Some(tier) => self.events[tier].entry(e0).or_default().push(entry),
                None => self.long_events.push(entry),
            }
        }
    }

    /// Visits every indexed claim that may speak of the same time as `a` (a superset of those
    /// that do); true when the visitor stopped.
    fn scan(&mut self, a: &Fact, mut visit: impl FnMut(&Entry) -> Step) -> bool {
        if scan_said(&mut self.said_plain, a.said, &mut visit) {
            return true;
        }
        match a.event {
            // Two claims with event times meet when the times overlap.
            Some((a0, a1)) => {
                for (tier, &longest) in self.events.iter_mut().zip(&EVENT_TIERS) {
                    let from = a0.saturating_sub(longest);
                    if a1 < from {
                        continue;
                    }
                    for (_, bucket) in tier.range_mut(from..=a1) {
                        if scan_bucket(bucket, &mut visit) {
                            return true;
                        }
                    }
                }
                scan_bucket(&mut self.long_events, &mut visit)
            }
            None => scan_said(&mut self.said_timed, a.said, &mut visit),
        }
    }
}

/// The original claims of one series and their marks, with time indexes of the marked claims
/// and of those unmarked when last seen, so that a new claim is compared only with claims of its
/// time, first with those that can still gain a mark, then (while it has no contradiction yet)
/// with the marked ones.
#[derive(Default)]
struct SeriesFacts {
    facts: Vec<Fact>,
    marked: Vec<bool>,
    /// Claims marked.
    count: i64,
    marked_index: TimeIndex,
    unmarked: TimeIndex,
}

impl SeriesFacts {
    fn len(&self) -> usize {
        self.facts.len()
    }

    fn push(&mut self, f: &Fact, marked: bool) {
        let pos = self.len() as u32;
        self.facts.push(*f);
        self.marked.push(marked);
        self.count += i64::from(marked);
        if marked {
            self.marked_index.insert(pos, f);
        } else {
            self.unmarked.insert(pos, f);
        }
    }

    /// Adds `a`, marking it and every unmarked claim it contradicts.
    fn add(&mut self, a: &Fact) {
        let SeriesFacts { facts, marked, count, marked_index, unmarked } = self;
        let mut mine = false;
        let mut newly = Vec::new();
        unmarked.scan(a, |e| {
            if !e.contradicts(a) {
                return Step::Keep;
            }
            mine = true;
            let i = e.pos as usize;
            if !marked[i] {
                marked[i] = true;
                *count += 1;
                newly.push(i);
            }
            Step::Drop
        });
        for i in newly {
            marked_index.insert(i as u32, &facts[i]);
        }
        if !mine {
            mine = marked_index.scan(a, |e| if e.contradicts(a) { Step::Stop } else { Step::Keep });
        }
        self.push(a, mine);
    }

    /// Whether the claim at `i` contradicts any other held claim.
    fn contradicted(&self, i: usize) -> bool {
        let a = &self.facts[i];
        self.facts.iter().enumerate().any(|(j, b)| j != i && contradicts(a, b))
    }

    /// Rebuilt from the claims whose id passes `keep`, with their marks; returns the others.
    fn retain(&mut self, keep: impl Fn(i64) -> bool) -> Vec<Fact> {
        let before = std::mem::take(self);
        let mut gone = Vec::new();
        for (f, &m) in before.facts.iter().zip(&before.marked) {
            if keep(f.id) {
                self.push(f, m);
            } else {
                gone.push(*f);
            }
        }
        gone
    }
}

/// Original claims of the series touched so far, and their marks.
#[derive(Default)]
pub(crate) struct ConflictIndex {
    series: HashMap<i64, SeriesFacts>,
    names: HashMap<String, u32>,
    held: usize,
    /// Series whose count changed in the open transaction.
    changed: HashSet<i64>,
    /// `PRAGMA data_version` when this connection last wrote; another writer changes it.
    seen_version: Option<i64>,
}

impl ConflictIndex {
    /// Forgets everything (after a failed transaction, or when another connection wrote).
    pub fn clear(&mut self) {
        *self = ConflictIndex::default();
    }

    /// Starts a write transaction: drops what another connection may have made stale.
    pub fn begin(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        if self.seen_version != Some(version) || self.held > MAX_HELD {
            self.clear();
            self.seen_version = Some(version);
        }
        Ok(())
    }

    fn who(&mut self, source_key: &str, reporter: &str) -> u32 {
        let next = self.names.len() as u32;
        if source_key.is_empty() {
            let key = format!("reporter:{reporter}");
            *self.names.entry(key).or_insert(next)
        } else if let Some(&n) = self.names.get(source_key) {
            n
        } else {
            self.names.insert(source_key.to_string(), next);
            next
        }
    }

    /// Loads the original claims of a series, unless held already, and marks them. `skip_document`
    /// leaves out the claims of a document that is about to be added claim by claim.
    fn load(&mut self, conn: &Connection, series_id: i64, skip_document: i64) -> rusqlite::Result<()> {
        if self.series.contains_key(&series_id) {
            return Ok(());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.source_key, COALESCE(d.outlet, d.doc), c.low, c.high, c.time_start, c.time_end,
                COALESCE(c.stated_start, d.published)
             FROM claims c JOIN documents d ON d.id = c.document_id
             WHERE c.series_id = ?1 AND d.syndicated_of IS NULL AND c.document_id != ?2",
        )?;
        let mut rows = stmt.query(params![series_id, skip_document])?;
        let mut facts = SeriesFacts::default();
        while let Some(r) = rows.next()? {
            let source_key = r.get_ref(1)?.as_str().unwrap_or("");
            let reporter = r.get_ref(2)?.as_str().unwrap_or("");
            let who = self.who(source_key, reporter);
            let time_start: Option<String> = r.get(5)?;
            let time_end: Option<String> = r.get(6)?;
            let said: Option<String> = r.get(7)?;
            let event = parse_day(time_start.as_deref())
                .map(|s| (s, parse_day(time_end.as_deref().or(time_start.as_deref())).unwrap_or(s)));
            facts.add(&Fact {
                id: r.get(0)?,
                who,
                lo: r.get::<_, Option<f64>>(3)?.unwrap_or(-1e308),
                hi: r.get::<_, Option<f64>>(4)?.unwrap_or(1e308),
                said: parse_day(said.as_deref()).unwrap_or(NO_DAY),
                event,
            });
        }
        self.held += facts.len();
        self.series.insert(series_id, facts);
        Ok(())
    }

    /// Adds the claims just stored from an original document (`document_id`), marking every
    /// contradiction.
    pub fn add_claims(&mut self, conn: &Connection, document_id: i64, claims: &[StoredClaim]) -> rusqlite::Result<()> {
        for c in claims {
            // SQLite keeps no NaN: it stores them as NULL.
            let number = |v: Option<f64>| v.filter(|x| !x.is_nan());
            let start = c.time_start.and_then(day);
            let fact = Fact {
                id: c.id,
                who: self.who(&c.source_key, c.reporter),
                lo: number(c.low).unwrap_or(-1e308),
                hi: number(c.high).unwrap_or(1e308),
                said: c.said.and_then(day).unwrap_or(NO_DAY),
                event: start.map(|s| (s, c.time_end.and_then(day).unwrap_or(s))),
            };
            self.load(conn, c.series_id, document_id)?;
            if let Some(facts) = self.series.get_mut(&c.series_id) {
                let before = facts.count;
                facts.add(&fact);
                self.held += 1;
                if facts.count != before {
                    self.changed.insert(c.series_id);
                }
            }
        }
        Ok(())
    }

    /// Before `document_id` (an original) is demoted to a copy: makes sure its series are held,
    /// so that the marks its claims caused are known.
    pub fn prepare_demotion(&mut self, conn: &Connection, document_id: i64) -> rusqlite::Result<()> {
        for series_id in series_of(conn, document_id)? {
            self.load(conn, series_id, -1)?;
        }
        Ok(())
    }

    /// After `document_id` was demoted to a copy: drops its claims and their marks, and checks
    /// again every claim that was marked through one of them.
    pub fn demoted(&mut self, conn: &Connection, document_id: i64) -> rusqlite::Result<()> {
        let gone: HashSet<i64> = {
            let mut stmt = conn.prepare_cached("SELECT id FROM claims WHERE document_id = ?1")?;
            let ids = stmt.query_map(params![document_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
            ids
        };
        for series_id in series_of(conn, document_id)? {
            let Some(facts) = self.series.get_mut(&series_id) else { continue };
            let removed = facts.retain(|id| !gone.contains(&id));
            self.held -= removed.len().min(self.held);
            let cleared: HashSet<usize> = (0..facts.len())
                .filter(|&i| {
                    facts.marked[i] && removed.iter().any(|r| contradicts(r, &facts.facts[i])) && !facts.contradicted(i)
                })
                .collect();
            if !cleared.is_empty() {
                // Unmarked again: rebuilt, so that they are back in the index of unmarked claims.
                let before = std::mem::take(facts);
                for (i, (f, &m)) in before.facts.iter().zip(&before.marked).enumerate() {
                    facts.push(f, m && !cleared.contains(&i));
                }
            }
            self.changed.insert(series_id);
        }
        Ok(())
    }

    /// Writes the counts that changed in the open transaction.
    pub fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached("UPDATE series SET conflicts = ?2 WHERE id = ?1")?;
        for series_id in self.changed.drain() {
            if let Some(facts) = self.series.get(&series_id) {
                stmt.execute(params![series_id, facts.count])?;
            }
        }
        Ok(())
    }

    /// Counts the conflicts of every series from scratch (the migration that introduced the
    /// counts).
    pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
        let ids: Vec<i64> = {
            let mut stmt = conn.prepare("SELECT id FROM series ORDER BY id")?;
            let ids = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            ids
        };
        let mut stmt = conn.prepare("UPDATE series SET conflicts = ?2 WHERE id = ?1")?;
        for series_id in ids {
            // One series at a time, so memory stays that of the largest.
            let mut index = ConflictIndex::default();
            index.load(conn, series_id, -1)?;
            let count = index.series.get(&series_id).map_or(0, |f| f.count);
            stmt.execute(params![series_id, count])?;
        }
        Ok(())
    }
}

fn series_of(conn: &Connection, document_id: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT series_id FROM claims WHERE document_id = ?1")?;
    let ids = stmt.query_map(params![document_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use crate::{Ledger, NewDocument};
    use std::path::Path;
    use tally_model::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    const SOURCES: [&str; 5] = ["health ministry", "United Nations", "Red Cross", "army", ""];

    fn day(rng: &mut Rng) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2025, 1, 1).map(|d| d + chrono::Days::new(rng.below(60)))
    }

    fn figure(rng: &mut Rng) -> Record<'static> {
        let series = rng.below(7);
        let v = (rng.below(40) * 10) as f64;
        let value = match rng.below(5) {
            0 => Value { low: Some(v), high: None, approx: false },
            1 => Value { low: None, high: Some(v), approx: false },
            2 => Value::range(v, v + (rng.below(6) * 10) as f64),
            _ => Value::exact(v),
        };
        let time = (rng.below(3) == 0).then(|| {
            let start = day(rng);
            // Days, months, years, and the odd end before its start.
            let end = match rng.below(6) {
                0 | 1 => None,
                2 => start.map(|s| s + chrono::Days::new(rng.below(5))),
                3 => start.map(|s| s + chrono::Days::new(rng.below(60))),
                4 => start.map(|s| s + chrono::Days::new(rng.below(500))),
                _ => start.map(|s| s - chrono::Days::new(3)),
            };
            TimeRef { text: "then".into(), start, end }
        });
        let stated = (rng.below(4) != 0).then(|| {
            let start = if rng.below(5) == 0 { None } else { day(rng) };
            TimeRef { text: "on a day".into(), start, end: None }
        });
        let source = SOURCES[rng.below(5) as usize];
        let (measure, unit) = if series == 6 { (Measure::Other, None) } else { (Measure::Killed, Some("person")) };
        Record::Figure(FigureRecord {
            doc: "d".into(),
            span: Span::new(0, 5),
            text: "Story".into(),
            value,
            unit: unit.map(Into::into),
            measure,
            increment: false,
            subject: Some(NameRef { text: format!("group {}", series % 3).into(), name: None }),
            location: Some(NameRef { text: ["Chad", "Mali"][series as usize % 2].into(), name: None }),
            time,
            source: if source.is_empty() {
                Vec::new()
            } else {
                vec![Source { text: source.into(), name: None, cue: "said".into(), stance: Stance::Asserted }]
            },
            stated,
            via: None,
            unverified: false,
            evidence: Span::new(0, 5),
        })
    }

    struct Doc {
        name: String,
        body: String,
        outlet: Option<String>,
        published: Option<NaiveDate>,
        records: Vec<Record<'static>>,
    }

    /// Stories, some republished later with small edits and some republished before their
    /// original (which then becomes the copy).
    fn corpus(rng: &mut Rng, n: usize) -> Vec<Doc> {
        let mut docs: Vec<Doc> = Vec::new();
        for i in 0..n {
            let reuse = i > 5 && rng.below(6) == 0;
            let body = if reuse {
                let of = &docs[rng.below(docs.len() as u64) as usize];
                format!("{}\n\nAdvertisement {i}", of.body)
            } else {
                let words: Vec<String> = (0..80).map(|_| format!("w{}", rng.below(3000))).collect();
                format!("Story {i}: {}", words.join(" "))
            };
            let records = (0..rng.below(6)).map(|_| figure(rng)).collect();
            let published = if rng.below(10) == 0 { None } else { day(rng) };
            let outlet = (rng.below(4) != 0).then(|| ["Wire", "Daily", "Herald"][rng.below(3) as usize].to_string());
            docs.push(Doc { name: format!("doc{i}"), body, outlet, published, records });
        }
        docs
    }

    fn ingest(l: &mut Ledger, docs: &[Doc]) {
        let batch: Vec<NewDocument> = docs
            .iter()
            .map(|d| NewDocument {
                doc: &d.name,
                origin: &d.name,
                title: None,
                url: None,
                outlet: d.outlet.as_deref(),
                published: d.published,
                body: &d.body,
                records: &d.records,
            })
            .collect();
        l.ingest(&batch).unwrap();
    }

    fn counts(l: &Ledger, by_join: bool) -> Vec<(i64, i64, i64)> {
        let rows = l.series_where_by("1 = 1", &[], by_join).unwrap();
        let mut out: Vec<(i64, i64, i64)> = rows.iter().map(|s| (s.id, s.claims, s.conflicts)).collect();
        out.sort();
        out
    }

    fn check(db: &Path) -> Vec<(i64, i64, i64)> {
        let l = Ledger::open_read_only(db).unwrap();
        let marks = counts(&l, false);
        assert_eq!(marks, counts(&l, true), "stored counts disagree with the pair-by-pair count");
        marks
    }

    #[test]
    fn stored_counts_match_the_pair_by_pair_count() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let docs = corpus(&mut rng, 600);
        // Two writers on one store, in batches of varying size: each must notice the other's
        // writes.
        let mut a = Ledger::open(&db).unwrap();
        let mut b = Ledger::open(&db).unwrap();
        let mut at = 0;
        let mut turn = 0;
        while at < docs.len() {
            let n = 1 + rng.below(40) as usize;
            let end = (at + n).min(docs.len());
            let l = if turn % 3 == 2 { &mut b } else { &mut a };
            ingest(l, &docs[at..end]);
            at = end;
            turn += 1;
            if turn % 5 == 0 {
                check(&db);
            }
        }
        let marks = check(&db);
        let conflicted: i64 = marks.iter().map(|m| m.2).sum();
        assert!(conflicted > 20, "the corpus should hold conflicts: {marks:?}");
        let syndicated: i64 = a
            .conn()
            .query_row("SELECT COUNT(*) FROM documents WHERE syndicated_of IS NOT NULL", [], |r| r.get(0))
            .unwrap();
        assert!(syndicated > 10, "the corpus should hold copies: {syndicated}");
        let replaced: i64 = a
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM documents c JOIN documents o ON o.id = c.syndicated_of WHERE c.id < o.id",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(replaced > 0, "some originals should arrive after their copies");

        // A store from before the counts: the migration fills them in.
        drop((a, b));
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("ALTER TABLE series DROP COLUMN conflicts; PRAGMA user_version = 1;").unwrap();
        }
        let old = Ledger::open_read_only(&db).unwrap();
        assert_eq!(old.schema_version(), 1);
        assert_eq!(counts(&old, true), marks, "an old store is counted pair by pair");
        assert_eq!(old.series(None, 1000, 0).unwrap().iter().map(|s| s.conflicts).sum::<i64>(), conflicted);
        drop(old);
        let migrated = Ledger::open(&db).unwrap();
        assert_eq!(migrated.schema_version(), crate::schema::VERSION);
        drop(migrated);
        assert_eq!(check(&db), marks);
    }
}
