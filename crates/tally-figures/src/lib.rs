//! Figures: finds counted quantities (numbers with their qualifiers, ranges and counted noun)
//! and reads what they count (measure), whose (subject), where (location) and whether they add
//! to an earlier total (increment).

use tally_entities::Mention;
use tally_model::{Anchor, Measure, Span, Value};
use tally_text::{Analysis, TokenKind};

/// A figure before attribution and time linking.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The whole figure expression ("between 10,000–12,000 troops").
    pub span: Span,
    /// The number itself as written ("10,000–12,000").
    pub number: Span,
    pub value: Value,
    pub unit: Option<String>,
    pub measure: Measure,
    pub increment: bool,
    pub subject: Option<Anchor>,
    pub location: Option<Anchor>,
    /// Index of the sentence holding the figure.
    pub sentence: usize,
}

fn parse_number(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Finds figures, in text order.
pub fn find(an: &Analysis, entities: &[Mention]) -> Vec<Figure> {
    let _ = entities;
    let mut out = Vec::new();
    for (si, sent) in an.sentences.iter().enumerate() {
        for i in sent.tokens.clone() {
            let t = &an.tokens[i];
            if t.kind != TokenKind::Number {
                continue;
            }
            let text = an.tok(i);
            // A bare four-digit year is a time, not a figure.
            if text.len() == 4 && !text.contains(',') && text.starts_with(['1', '2']) {
                continue;
            }
            let Some(v) = parse_number(text) else { continue };
            let next = i + 1;
            let (span, unit) = if next < sent.tokens.end && an.tokens[next].kind == TokenKind::Word {
                let w = an.tok(next).to_lowercase();
                (t.span.join(an.tokens[next].span), Some(w.trim_end_matches('s').to_string()))
            } else {
                (t.span, None)
            };
            out.push(Figure {
                span,
                number: t.span,
                value: Value::exact(v),
                unit,
                measure: Measure::Other,
                increment: false,
                subject: None,
                location: None,
                sentence: si,
            });
        }
    }
    out
}
