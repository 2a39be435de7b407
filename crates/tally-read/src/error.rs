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
    #[error("{path}: broken web archive: {message}")]
    Warc { path: String, message: String },
    #[error("{path}: not a readable feed: {message}")]
    Feed { path: String, message: String },
    /// Not an error: a record that is deliberately not a document (a redirect, a PDF, a page in
    /// another language). Callers count these by [`SkipReason::label`].
    #[error("{path}: skipped: {reason}")]
    Skipped { path: String, reason: SkipReason },
}

impl ReadError {
    /// Whether this is a deliberate skip rather than a failure.
    pub fn is_skip(&self) -> bool {
        matches!(self, ReadError::Skipped { .. })
    }
}

/// Why a record was deliberately not read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// An HTTP redirect (3xx) with no page of its own.
    Redirect { status: u16 },
    /// An HTTP status other than success or redirect (1xx, 4xx, 5xx).
    Status { status: u16 },
    /// A payload that is not an HTML or text page (PDF, image, script, ...).
    NotPage { content_type: String },
    /// A record larger than the reader accepts.
    TooLarge { bytes: u64 },
    /// A document written in a language other than English.
    Language { lang: String },
}

impl SkipReason {
    /// A short, fixed name for counting skips by reason.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::Redirect { .. } => "redirect",
            SkipReason::Status { .. } => "error status",
            SkipReason::NotPage { .. } => "not a page",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::Language { .. } => "not English",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Redirect { status } => write!(f, "HTTP {status} redirect"),
            SkipReason::Status { status } => write!(f, "HTTP status {status}"),
            SkipReason::NotPage { content_type } => write!(f, "{content_type} is not an HTML or text page"),
            SkipReason::TooLarge { bytes } => {
                write!(f, "record of {bytes} bytes is over the limit of {} bytes", crate::MAX_FILE_BYTES)
            }
            SkipReason::Language { lang } => write!(f, "written in {lang}, not English"),
        }
    }
}
