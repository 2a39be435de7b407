use thiserror::Error;

/// Why an input (or one document of it) could not be read. Every variant names its origin.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: empty file")]
    Empty { path: String },
    #[error("{path}: no articles found (no .txt, .html, .htm or .jsonl files)")]
    EmptyFolder { path: String },
    #[error("{path}: looks like binary data, not text or HTML")]
    Binary { path: String },
    #[error("{path}: file too large ({bytes} bytes; the limit is {limit} bytes)", limit = crate::MAX_FILE_BYTES)]
    TooLarge { path: String, bytes: u64 },
    #[error("{path}: broken gzip stream: {message}")]
    Gzip { path: String, message: String },
    #[error("{path}: not JSON: {message}")]
    Json { path: String, message: String },
    #[error("{path}: {message}")]
    Record { path: String, message: String },
    #[error("{path}: no article text found")]
    NoText { path: String },
}
