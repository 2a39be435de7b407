//! Shared vocabulary of the Tally pipeline: byte spans, figure values, measures, date intervals,
//! name references, and the JSON Lines records fixed by `spec/claims.md`.
//!
//! Every other crate speaks these types; this crate owns their one serialized form.

mod interval;
mod jsonl;
mod measure;
mod record;
mod span;
mod value;

pub use chrono::NaiveDate;
pub use interval::{Granularity, Interval};
pub use jsonl::write_jsonl;
pub use measure::Measure;
pub use record::{
    Anchor, DocRecord, EntityKind, EntityRecord, FigureRecord, NameRef, QuoteRecord, Record, Source, Stance,
    TimeRecord, TimeRef,
};
pub use span::Span;
pub use value::{clean_number, Value};
