use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range of UTF-8 byte offsets into a document body: `body[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    #[inline]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The text this span covers, or `""` when it does not fall on character boundaries of `body`.
    #[inline]
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    #[inline]
    pub fn join(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_pair_and_slices_on_boundaries_only() {
        let s = Span::new(2, 5);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[2,5]");
        assert_eq!(s.text("abcdefg"), "cde");
        assert_eq!(Span::new(1, 2).text("é"), "");
        assert!(Span::new(0, 4).overlaps(Span::new(3, 9)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 9)));
    }
}
