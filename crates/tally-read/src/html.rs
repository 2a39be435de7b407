use crate::{Document, ReadError, ReadOptions};

/// Reads an HTML page: main content, title and publication date. (First version: see the
/// HTML reader work for the real extractor.)
pub(crate) fn read(raw: &[u8], id: &str, origin: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    let _ = (raw, id, opts);
    Err(ReadError::NoText { path: origin.to_string() })
}
