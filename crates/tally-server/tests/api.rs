//! The HTTP API over a small temporary ledger: answers, errors, paging, escaping, read-only.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tally_ledger::{Ledger, NewDocument};
use tally_model::*;
use tower::ServiceExt;

const HOSTILE: &str = "Officials said <script>alert(1)</script> 12 people \"><img src=x onerror=alert(2)> died.";

fn figure(doc: &str, body: &str, number: &str, low: f64, source: &str) -> Record<'static> {
    let start = body.find(number).unwrap();
    Record::Figure(FigureRecord {
        doc: doc.to_string().into(),
        span: Span::new(start, start + number.len()),
        text: number.to_string().into(),
        value: Value::exact(low),
        unit: Some("person".into()),
        measure: Measure::Killed,
        increment: false,
        subject: None,
        location: Some(NameRef { text: "Sudan".into(), name: Some("Sudan".into()) }),
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
        evidence: Span::new(0, body.len()),
    })
}

fn ledger() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut l = Ledger::open(&db).unwrap();
    let other = "The health ministry said 40 people died in the shelling.";
    let recs_a = [figure("hostile", HOSTILE, "12", 12.0, "Officials")];
    let recs_b = [figure("ministry", other, "40", 40.0, "Ministry of Health (Sudan)")];
    l.ingest(&[
        NewDocument {
            doc: "hostile",
            origin: "a",
            title: Some("<b>bold</b> title"),
            url: None,
            outlet: Some("Wire"),
            published: NaiveDate::from_ymd_opt(2025, 1, 2),
            body: HOSTILE,
            records: &recs_a,
        },
        NewDocument {
            doc: "ministry",
            origin: "b",
            title: None,
            url: None,
            outlet: Some("Daily"),
            published: NaiveDate::from_ymd_opt(2025, 1, 3),
            body: other,
            records: &recs_b,
        },
    ])
    .unwrap();
    (dir, db)
}

async fn get(db: &std::path::Path, uri: &str) -> (StatusCode, String, serde_json::Value) {
    let app = tally_server::router(db.to_path_buf());
    let res = app.oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap_or("").to_string()).unwrap_or_default();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, kind, json)
}

#[tokio::test]
async fn series_list_one_series_and_paging() {
    let (_d, db) = ledger();
    let (status, kind, body) = get(&db, "/api/series").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/json"));
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "both claims count people killed in Sudan: one series");
    assert_eq!(items[0]["claims"], 2);
    assert_eq!(items[0]["conflicts"], 2, "two sources, a day apart, 12 against 40");
    let id = items[0]["id"].as_i64().unwrap();
    let (status, _, one) = get(&db, &format!("/api/series/{id}?limit=1&offset=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["total"], 2);
    assert_eq!(one["claims"].as_array().unwrap().len(), 1);
    assert_eq!(one["claims"][0]["doc"], "ministry");
    let (_, _, none) = get(&db, "/api/series?q=earthquake").await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn errors_are_json_with_proper_status() {
    let (_d, db) = ledger();
    for (uri, status) in [
        ("/api/series/999", StatusCode::NOT_FOUND),
        ("/api/series/abc", StatusCode::BAD_REQUEST),
        ("/api/series?limit=0", StatusCode::BAD_REQUEST),
        ("/api/series?limit=100000", StatusCode::BAD_REQUEST),
        ("/api/docs/nothing-here", StatusCode::NOT_FOUND),
        ("/api/search", StatusCode::BAD_REQUEST),
        ("/api/nope", StatusCode::NOT_FOUND),
    ] {
        let (got, kind, body) = get(&db, uri).await;
        assert_eq!(got, status, "{uri}");
        assert!(kind.starts_with("application/json"), "{uri}: {kind}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {body}");
    }
    let gone = db.with_file_name("missing.db");
    let (got, _, body) = get(&gone, "/api/series").await;
    assert_eq!(got, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body["error"].as_str().unwrap().contains("missing.db"));
}

#[tokio::test]
async fn no_write_endpoints() {
    let (_d, db) = ledger();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let app = tally_server::router(db.clone());
        let res = app
            .oneshot(Request::builder().method(method).uri("/api/series").body(Body::from("{}")).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
}

#[tokio::test]
async fn hostile_text_travels_as_data() {
    let (_d, db) = ledger();
    let (status, _, doc) = get(&db, "/api/docs/hostile").await;
    assert_eq!(status, StatusCode::OK);
    // The JSON carries the text exactly; it is the page's job to insert it as text.
    assert_eq!(doc["text"], HOSTILE);
    assert_eq!(doc["doc"]["title"], "<b>bold</b> title");
    let (_, _, found) = get(&db, "/api/search?q=%3Cscript%3E").await;
    assert_eq!(found["docs"].as_array().unwrap().len(), 1);
    assert!(found["claims"][0]["evidence"].as_str().unwrap().contains("<script>alert(1)</script>"));
}

#[tokio::test]
async fn page_is_served_with_a_strict_content_policy() {
    let (_d, db) = ledger();
    let app = tally_server::router(db);
    let res = app.oneshot(Request::builder().uri("/").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers().get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
}

/// The page builds every node from document text with text nodes: no API that parses markup
/// may appear in its script.
#[test]
fn page_script_never_parses_document_text_as_markup() {
    let js = include_str!("../assets/app.js");
    for api in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
        assert!(!js.contains(api), "app.js uses {api}");
    }
}

#[tokio::test]
async fn kept_connections_see_later_ingests() {
    let (_d, db) = ledger();
    let app = tally_server::router(db.clone());
    let count = |app: axum::Router| async move {
        let res = app.oneshot(Request::builder().uri("/api/series").body(Body::empty()).unwrap()).await.unwrap();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        (json["items"][0]["claims"].as_i64(), json["items"][0]["conflicts"].as_i64())
    };
    assert_eq!(count(app.clone()).await, (Some(2), Some(2)));
    // Another writer adds a third source that agrees with the ministry, while the server runs.
    let body = "The Red Cross said 40 people died in the shelling.";
    let recs = [figure("redcross", body, "40", 40.0, "Red Cross")];
    Ledger::open(&db)
        .unwrap()
        .ingest(&[NewDocument {
            doc: "redcross",
            origin: "c",
            title: None,
            url: None,
            outlet: Some("Herald"),
            published: NaiveDate::from_ymd_opt(2025, 1, 4),
            body,
            records: &recs,
        }])
        .unwrap();
    for _ in 0..8 {
        assert_eq!(count(app.clone()).await, (Some(3), Some(3)), "every worker's connection sees the new claim");
    }
}
