use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An inclusive interval of calendar dates; either end may be unknown (unresolved or open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Interval {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Interval {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Interval { start: Some(start), end: Some(end) }
    }
    pub fn day(d: NaiveDate) -> Self {
        Interval::new(d, d)
    }
    pub const UNRESOLVED: Interval = Interval { start: None, end: None };
    pub fn is_resolved(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }
}

/// How precise a time expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    #[default]
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Half,
    Year,
    Decade,
    /// A span between two points ("since February 2022", "earlier this year").
    Range,
}
