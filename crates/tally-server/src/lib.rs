//! The read-only HTTP side of Tally: a JSON API over the ledger and a single web page (static
//! assets compiled into the binary) that draws each series as a timeline. Requests read the store
//! through read-only connections (one per worker thread, kept between requests), so serving is
//! safe while `tally ingest` writes.

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tally_ledger::{Ledger, LedgerError};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// Largest page of results one request may ask for.
pub const MAX_LIMIT: i64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("binding {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("serving: {0}")]
    Serve(std::io::Error),
}

#[derive(Clone)]
struct AppState {
    db: Arc<PathBuf>,
}

/// An API error: a status and a message, sent as `{"error": "..."}`.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = SafeJson(json!({"error": self.1})).into_response();
        *r.status_mut() = self.0;
        r
    }
}

/// JSON whose `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so that no body
/// can be read as markup even by a careless client. Those characters can only occur inside
/// JSON strings, where the escapes mean the same text.
struct SafeJson(serde_json::Value);

impl IntoResponse for SafeJson {
    fn into_response(self) -> Response {
        let raw = match serde_json::to_string(&self.0) {
            Ok(s) => s,
            Err(_) => {
                return (StatusCode::INTERNAL_SERVER_ERROR, "{\"error\":\"serialization failed\"}").into_response()
            }
        };
        let mut out = String::with_capacity(raw.len() + 16);
        for ch in raw.chars() {
            match ch {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                c => out.push(c),
            }
        }
        let mut r = out.into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        r
    }
}

/// Longest search text accepted, in bytes.
pub const MAX_QUERY: usize = 200;

fn check_query(q: &Option<String>) -> Result<(), ApiError> {
    match q {
        Some(q) if q.len() > MAX_QUERY => {
            Err(ApiError(StatusCode::BAD_REQUEST, format!("q must be at most {MAX_QUERY} bytes")))
        }
        _ => Ok(()),
    }
}

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> Self {
        ApiError(StatusCode::SERVICE_UNAVAILABLE, e.to_string())
    }
}

#[derive(Deserialize)]
struct Page {
    q: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl Page {
    fn bounds(&self) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(50);
        let offset = self.offset.unwrap_or(0);
        if !(1..=MAX_LIMIT).contains(&limit) || offset < 0 {
            return Err(ApiError(StatusCode::BAD_REQUEST, format!("limit must be 1..={MAX_LIMIT} and offset >= 0")));
        }
        Ok((limit, offset))
    }
}

thread_local! {
    /// The read-only connection of this blocking thread and the store it reads. Kept between
    /// requests, so that the store's mapped pages stay at hand; dropped after a failed query.
    static READER: RefCell<Option<(Arc<PathBuf>, Ledger)>> = const { RefCell::new(None) };
}

/// Runs a blocking ledger query off the async threads, on that thread's read-only connection.
async fn with_ledger<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Ledger) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        READER.with(|cell| {
            let mut reader = cell.borrow_mut();
            let ledger = match reader.take() {
                Some((path, ledger)) if path == db => ledger,
                _ => Ledger::open_read_only(&db)?,
            };
            let out = f(&ledger);
            let failed = matches!(&out, Err(ApiError(status, _)) if status.is_server_error());
            if !failed {
                *reader = Some((db, ledger));
            }
            out
        })
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("query failed: {e}")))?
}

async fn list_series(State(s): State<AppState>, Query(p): Query<Page>) -> Result<SafeJson, ApiError> {
    let (limit, offset) = p.bounds()?;
    check_query(&p.q)?;
    let q = p.q.clone().filter(|q| !q.trim().is_empty());
    let items = with_ledger(&s, move |l| Ok(l.series(q.as_deref(), limit + 1, offset)?)).await?;
    let more = items.len() as i64 > limit;
    let items: Vec<_> = items.into_iter().take(limit as usize).collect();
    Ok(SafeJson(json!({"items": items, "limit": limit, "offset": offset, "more": more})))
}

async fn one_series(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(p): Query<Page>,
) -> Result<SafeJson, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError(StatusCode::BAD_REQUEST, format!("{id:?} is not a series id")))?;
    let limit = p.limit.unwrap_or(MAX_LIMIT).clamp(1, 5000);
    let offset = p.offset.unwrap_or(0).max(0);
    with_ledger(&s, move |l| {
        let series = l.series_by_id(id)?.ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("no series {id}")))?;
        let claims = l.timeline(id)?;
        let total = claims.len();
        let page: Vec<_> = claims.into_iter().skip(offset as usize).take(limit as usize).collect();
        Ok(SafeJson(json!({"series": series, "claims": page, "total": total, "limit": limit, "offset": offset})))
    })
    .await
}

async fn one_doc(State(s): State<AppState>, UrlPath(id): UrlPath<String>) -> Result<SafeJson, ApiError> {
    with_ledger(&s, move |l| {
        let (row, text, records) =
            l.doc(&id)?.ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("no document {id:?}")))?;
        let records: Vec<serde_json::Value> = records.lines().filter_map(|r| serde_json::from_str(r).ok()).collect();
        let claims = l.document_claims(row.id)?;
        Ok(SafeJson(json!({"doc": row, "text": text, "records": records, "claims": claims})))
    })
    .await
}

async fn search(State(s): State<AppState>, Query(p): Query<Page>) -> Result<SafeJson, ApiError> {
    let (limit, offset) = p.bounds()?;
    check_query(&p.q)?;
    let q = p.q.clone().unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError(StatusCode::BAD_REQUEST, "q is required".into()));
    }
    with_ledger(&s, move |l| {
        let series = l.series(Some(&q), limit, offset)?;
        let (docs, claims) = l.search(&q, limit, offset)?;
        Ok(SafeJson(
            json!({"q": q, "series": series, "docs": docs, "claims": claims, "limit": limit, "offset": offset}),
        ))
    })
    .await
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"),
    );
    r.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such endpoint".into())
}

/// The application: API routes, the page, and request size and time limits.
pub fn router(db: PathBuf) -> Router {
    let state = AppState { db: Arc::new(db) };
    Router::new()
        .route("/", get(|| async { asset(INDEX_HTML, "text/html; charset=utf-8") }))
        .route("/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
        .route("/app.css", get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }))
        .route("/api/series", get(list_series))
        .route("/api/series/{id}", get(one_series))
        .route("/api/docs/{id}", get(one_doc))
        .route("/api/search", get(search))
        .fallback(not_found)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(16 * 1024))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(10),
        ))
        .with_state(state)
}

/// Serves until interrupted (Ctrl-C).
pub async fn serve(db: PathBuf, addr: SocketAddr) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })?;
    let local = listener.local_addr().unwrap_or(addr);
    eprintln!("tally: serving {} on http://{local}/", db.display());
    axum::serve(listener, router(db))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServerError::Serve)
}
