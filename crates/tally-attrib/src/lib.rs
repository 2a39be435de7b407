//! Attribution: finds who said what. Attribution frames ("X said", "according to X", "estimates
//! from X show") scope the clauses they govern; quotes (with or without quotation marks, direct
//! and reported) get their speaker, cue and channel.

use tally_entities::Mention;
use tally_model::{Anchor, Span, Stance};
use tally_text::{Analysis, TokenKind};

/// One source named by an attribution frame.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    pub anchor: Anchor,
    pub cue: String,
    pub stance: Stance,
}

/// An attribution frame: sources with their cue, the content they govern, and the region of
/// the frame itself (source + cue + its adjuncts, where the statement time stands).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub sentence: usize,
    /// What the sources said (the governed clause or clauses).
    pub content: Span,
    /// The attribution itself ("the regional governor said on Monday").
    pub frame: Span,
    pub sources: Vec<SourceRef>,
    /// The channel that passed the claim on ("Xinhua" in "Xinhua reported, citing ...").
    pub via: Option<Anchor>,
    /// The report says the claim could not be independently verified.
    pub unverified: bool,
}

/// A quote: what was said, by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<Anchor>,
    pub direct: bool,
    pub cue: Option<String>,
    pub via: Option<Anchor>,
}

/// Everything attribution finds in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributions {
    pub frames: Vec<Attribution>,
    pub quotes: Vec<Quote>,
}

/// Finds sentence-final "..., X said." frames (first version).
pub fn find(an: &Analysis, entities: &[Mention]) -> Attributions {
    let mut out = Attributions::default();
    for (si, sent) in an.sentences.iter().enumerate() {
        let toks = &an.tokens[sent.tokens.clone()];
        let n = toks.len();
        if n < 5 || toks[n - 1].kind != TokenKind::Stop || an.text(toks[n - 2].span) != "said" {
            continue;
        }
        let Some(comma) = toks.iter().rposition(|t| an.text(t.span) == ",") else { continue };
        if comma + 2 >= n - 1 {
            continue;
        }
        let speaker_span = toks[comma + 1].span.join(toks[n - 3].span);
        let name = entities.iter().find(|m| speaker_span.contains(m.span)).map(|m| m.name.clone());
        let content = toks[0].span.join(toks[comma - 1].span);
        let speaker = Anchor::new(speaker_span, name);
        out.frames.push(Attribution {
            sentence: si,
            content,
            frame: toks[comma + 1].span.join(toks[n - 2].span),
            sources: vec![SourceRef { anchor: speaker.clone(), cue: "said".into(), stance: Stance::Asserted }],
            via: None,
            unverified: false,
        });
        out.quotes.push(Quote {
            span: content,
            speaker: Some(speaker),
            direct: true,
            cue: Some("said".into()),
            via: None,
        });
    }
    out
}
