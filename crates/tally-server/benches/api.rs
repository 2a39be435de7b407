//! API latency on a ledger of 100,000 generated claims in about 1,000 series:
//! `cargo bench -p tally-server --bench api`. Prints the median and 90th percentile per endpoint.

use axum::body::Body;
use axum::http::Request;
use std::time::Instant;
use tally_ledger::{Ledger, NewDocument};
use tally_model::*;
use tower::ServiceExt;

const COUNTRIES: [&str; 10] =
    ["Sudan", "Ukraine", "Myanmar", "Haiti", "Mali", "Yemen", "Nepal", "Kenya", "Georgia", "Chad"];
const MEASURES: [Measure; 5] =
    [Measure::Killed, Measure::Wounded, Measure::Displaced, Measure::Arrested, Measure::Missing];
const UNITS: [&str; 4] = ["person", "soldier", "child", "civilian"];
const SOURCES: [&str; 6] =
    ["Ministry of Health", "United Nations", "Red Cross", "the army", "police", "local officials"];

fn build(db: &std::path::Path, claims: usize) {
    let mut l = Ledger::open(db).unwrap();
    let per_doc = 10;
    let mut rng = 7u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut batch_bodies = Vec::new();
    let mut batch_records = Vec::new();
    for d in 0..claims / per_doc {
        let body = format!("Report {d}: officials gave new figures for the region. {}", "x".repeat(50));
        let mut recs = Vec::new();
        for _ in 0..per_doc {
            let r = next();
            let series = (r % 1000) as usize;
            recs.push(Record::Figure(FigureRecord {
                doc: format!("d{d}").into(),
                span: Span::new(0, 6),
                text: "Report".into(),
                value: Value::exact((next() % 5000) as f64),
                unit: Some(UNITS[series % 4].into()),
                measure: MEASURES[(series / 4) % 5],
                increment: false,
                subject: Some(NameRef { text: format!("group {}", series / 20).into(), name: None }),
                location: Some(NameRef {
                    text: COUNTRIES[series % 10].into(),
                    name: Some(COUNTRIES[series % 10].into()),
                }),
                time: None,
                source: vec![Source {
                    text: SOURCES[(r >> 20) as usize % 6].into(),
                    name: None,
                    cue: "said".into(),
                    stance: Stance::Asserted,
                }],
                stated: Some(TimeRef {
                    text: "on Monday".into(),
                    start: NaiveDate::from_ymd_opt(2025, 1 + (r >> 30) as u32 % 12, 1),
                    end: None,
                }),
                via: None,
                unverified: false,
                evidence: Span::new(0, body.len()),
            }));
        }
        batch_bodies.push(body);
        batch_records.push(recs);
        if batch_bodies.len() == 500 {
            flush(&mut l, &mut batch_bodies, &mut batch_records, d);
        }
    }
    flush(&mut l, &mut batch_bodies, &mut batch_records, 0);
}

fn flush(l: &mut Ledger, bodies: &mut Vec<String>, records: &mut Vec<Vec<Record>>, _d: usize) {
    let names: Vec<String> = (0..bodies.len()).map(|i| format!("doc-{}-{i}", bodies[i].len())).collect();
    let docs: Vec<NewDocument> = bodies
        .iter()
        .zip(records.iter())
        .zip(&names)
        .map(|((b, r), n)| NewDocument {
            doc: n,
            origin: n,
            title: None,
            url: None,
            outlet: Some("Wire"),
            published: NaiveDate::from_ymd_opt(2025, 1, 1),
            body: b,
            records: r,
        })
        .collect();
    l.ingest(&docs).unwrap();
    bodies.clear();
    records.clear();
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let t = Instant::now();
    build(&db, 100_000);
    let stats = Ledger::open_read_only(&db).unwrap().stats().unwrap();
    println!(
        "ledger: {} claims, {} series, {} documents, built in {:.1} s",
        stats.claims,
        stats.series,
        stats.documents,
        t.elapsed().as_secs_f64()
    );
    let app = tally_server::router(db.clone());
    for uri in [
        "/api/series?limit=50",
        "/api/series?q=killed&limit=50",
        "/api/series/1",
        "/api/series/500?limit=100",
        "/api/docs/1",
        "/api/search?q=Report%2012&limit=20",
    ] {
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let res = app.clone().oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap()).await.unwrap();
            let _ = axum::body::to_bytes(res.into_body(), 1 << 26).await.unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!("{uri:<40} median {:>8.2} ms   p90 {:>8.2} ms", times[15], times[27]);
    }
}
