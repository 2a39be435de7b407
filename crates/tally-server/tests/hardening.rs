//! API behaviour: status codes, JSON errors, pagination, read-only routes, size limit, and
//! hostile document text coming back as JSON-escaped text.

use axum::body::{to_bytes, Body};
use axum::http::{Method, Request, StatusCode};
use tally_ledger::{Ledger, NewDocument};
use tower::ServiceExt;

const HOSTILE: &str = "Officials said <script>alert(1)</script> and \"><img src=x onerror=alert(2)> today.\n";

fn ledger() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    let mut l = Ledger::open(&path).expect("open ledger");
    let doc = NewDocument {
        doc: "hostile",
        origin: "test",
        title: Some("<b>title</b>"),
        url: Some("javascript:alert(3)"),
        outlet: Some("Test Outlet"),
        published: None,
        body: HOSTILE,
        records: &[],
    };
    l.ingest(&[doc]).expect("ingest");
    drop(l);
    (dir, path)
}

async fn call(path: &std::path::Path, method: Method, uri: &str, body: Body) -> (StatusCode, String) {
    let req = Request::builder().method(method).uri(uri).body(body).expect("request");
    let res = tally_server::router(path.to_path_buf()).oneshot(req).await.expect("response");
    let status = res.status();
    let bytes = to_bytes(res.into_body(), 1 << 24).await.expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(path: &std::path::Path, uri: &str) -> (StatusCode, serde_json::Value) {
    let (s, b) = call(path, Method::GET, uri, Body::empty()).await;
    let v = serde_json::from_str(&b).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {b}"));
    (s, v)
}

fn is_error(v: &serde_json::Value) -> bool {
    v.get("error").and_then(|e| e.as_str()).is_some_and(|e| !e.is_empty())
}

#[tokio::test]
async fn errors_are_json_with_status() {
    let (_d, p) = ledger();
    for (uri, want) in [
        ("/api/series/999999", StatusCode::NOT_FOUND),
        ("/api/series/abc", StatusCode::BAD_REQUEST),
        ("/api/docs/nope", StatusCode::NOT_FOUND),
        ("/api/series?limit=0", StatusCode::BAD_REQUEST),
        ("/api/series?limit=100000", StatusCode::BAD_REQUEST),
        ("/api/series?offset=-1", StatusCode::BAD_REQUEST),
        ("/api/search", StatusCode::BAD_REQUEST),
        ("/api/search?q=%20", StatusCode::BAD_REQUEST),
        ("/api/nothing", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get(&p, uri).await;
        assert_eq!(s, want, "{uri}: {v}");
        assert!(is_error(&v), "{uri}: {v}");
    }
}

#[tokio::test]
async fn missing_store_is_a_json_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, v) = get(&dir.path().join("absent.db"), "/api/series").await;
    assert!(s.is_server_error(), "{s}");
    assert!(is_error(&v));
}

#[tokio::test]
async fn pagination_fields() {
    let (_d, p) = ledger();
    let (s, v) = get(&p, "/api/series?limit=5&offset=0").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["limit"], 5);
    assert_eq!(v["offset"], 0);
    assert_eq!(v["more"], false);
    assert!(v["items"].as_array().is_some());
}

#[tokio::test]
async fn read_only_no_write_methods() {
    let (_d, p) = ledger();
    for uri in ["/api/series", "/api/series/1", "/api/docs/hostile", "/api/search?q=x", "/"] {
        for m in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            let (s, _) = call(&p, m.clone(), uri, Body::from("{}")).await;
            assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "{m} {uri}");
        }
    }
    // The store is not changed by serving.
    let (s, v) = get(&p, "/api/docs/hostile").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["text"], HOSTILE);
}

#[tokio::test]
async fn oversized_request_is_refused() {
    let (_d, p) = ledger();
    let big = vec![b'a'; 64 * 1024];
    let req = Request::builder()
        .uri("/api/series")
        .header("content-length", big.len())
        .body(Body::from(big))
        .expect("request");
    let res = tally_server::router(p.clone()).oneshot(req).await.expect("response");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let long_q = format!("/api/search?q={}", "a".repeat(1000));
    let (s, v) = call(&p, Method::GET, &long_q, Body::empty()).await;
    assert!(s.is_client_error(), "{s}: {v}");
}

#[tokio::test]
async fn hostile_text_is_json_escaped() {
    let (_d, p) = ledger();
    let (s, raw) = call(&p, Method::GET, "/api/docs/hostile", Body::empty()).await;
    assert_eq!(s, StatusCode::OK);
    // JSON escapes '<' and '>' so the body cannot be sniffed as markup.
    assert!(!raw.contains("<script>"), "{raw}");
    assert!(!raw.contains("<img"), "{raw}");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
    assert_eq!(v["text"], HOSTILE);
}

#[tokio::test]
async fn page_and_assets_have_security_headers() {
    let (_d, p) = ledger();
    for uri in ["/", "/app.js", "/app.css"] {
        let req = Request::builder().uri(uri).body(Body::empty()).expect("request");
        let res = tally_server::router(p.clone()).oneshot(req).await.expect("response");
        assert_eq!(res.status(), StatusCode::OK, "{uri}");
        let csp = res.headers().get("content-security-policy").and_then(|h| h.to_str().ok()).unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
    }
}
