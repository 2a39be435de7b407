//! Language analysis: turns a document body into tokens (with byte spans and shape flags),
//! sentences and paragraphs in one pass. Every later stage reads text through an [`Analysis`].
//!
//! Sentence rules that depend on English abbreviations live in `data/abbreviations.tsv` and
//! `data/sentence_openers.txt`, not in code.

mod sentences;
mod tokens;

pub use sentences::{Sentence, SentenceKind};
pub use tokens::{is_apostrophe, is_dash_char, is_quote_char, tokenize, Token, TokenKind};

use tally_model::Span;

/// A body with its tokens, sentences and paragraphs.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    pub body: &'a str,
    /// The body with ASCII letters lower-cased: same length and offsets, so any token span
    /// indexes it. Every stage compares words through it instead of lower-casing again.
    pub low: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl<'a> Analysis<'a> {
    pub fn new(body: &'a str) -> Self {
        // About two marks a sentence (its stop and a line break).
        let mut marks = Vec::with_capacity(body.len() / 32 + 1);
        let tokens = tokens::tokenize_marking(body, &mut marks);
        let sentences = sentences::split(body, &tokens, &marks);
        Analysis { body, low: body.to_ascii_lowercase(), tokens, sentences }
    }

    /// The text of a span of this body.
    #[inline]
    pub fn text(&self, span: Span) -> &'a str {
        span.text(self.body)
    }

    /// The lower-case (ASCII) text of token `i`.
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        self.tokens.get(i).and_then(|t| self.low.get(t.span.range())).unwrap_or("")
    }

    /// The text of token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens.get(i).map(|t| t.span.text(self.body)).unwrap_or("")
    }

    /// The tokens of sentence `s`.
    #[inline]
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        match self.sentences.get(s) {
            Some(sent) => &self.tokens[sent.tokens.clone()],
            None => &[],
        }
    }

    /// Index of the sentence holding byte offset `pos`, if any.
    #[inline]
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// The headline: the first line, when it stands alone (followed by a blank line) or has no
    /// final punctuation. `None` for a body that opens with running text.
    pub fn headline(&self) -> Option<&Sentence> {
        let first = self.sentences.first()?;
        let next_tok = self.tokens.get(first.tokens.end);
        let blank_after = next_tok.is_some_and(|t| t.newlines_before >= 2);
        let own_line = next_tok.is_none_or(|t| t.newlines_before >= 1);
        (own_line && (blank_after || first.kind == SentenceKind::Heading)).then_some(first)
    }

    /// Whether token `i` begins with an upper-case letter.
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.cap)
    }

    /// Index of the first token starting at or after byte offset `pos`.
    #[inline]
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_is_a_standalone_first_line() {
        assert!(Analysis::new("Storm hits coast\nIt rained.").headline().is_some());
        assert!(Analysis::new("Storm hits coast.\n\nIt rained.").headline().is_some());
        assert!(Analysis::new("Storm hit the coast.\nIt rained.").headline().is_none());
        assert!(Analysis::new("Storm hit the coast. It rained.").headline().is_none());
    }

    #[test]
    fn finds_sentence_by_offset() {
        let a = Analysis::new("One two.\nThree four. Five.");
        assert_eq!(a.sentences.len(), 3);
        assert_eq!(a.sentence_at(0), Some(0));
        assert_eq!(a.sentence_at(10), Some(1));
        assert_eq!(a.sentence_at(23), Some(2));
        assert_eq!(a.sentence_at(100), None);
    }
}
