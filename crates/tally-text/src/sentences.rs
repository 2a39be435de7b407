use crate::tokens::{Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;
use tally_model::Span;

/// What role a sentence plays in the document layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// Ordinary running text.
    Body,
    /// A line with no final punctuation standing alone: a headline or subhead.
    Heading,
}

/// A sentence: its byte span, its token range, its paragraph number and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
    pub kind: SentenceKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AbbrevClass {
    Title,
    BeforeNumber,
    Ambiguous,
}

struct Tables {
    /// Abbreviations by their bytes packed into an integer (see [`pack`]).
    abbrev: HashMap<u64, AbbrevClass>,
    openers: Vec<&'static str>,
}

/// A word of 1 to 8 bytes as one integer (its bytes, little-endian, zero-padded); `None` for
/// other lengths. Word tokens hold no zero byte, so different words get different integers.
#[inline]
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    for (d, &b) in buf.iter_mut().zip(word) {
        *d = b;
    }
    Some(u64::from_le_bytes(buf))
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut abbrev = HashMap::default();
    for line in include_str!("../data/abbreviations.tsv").lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(word), Some(class)) = (parts.next(), parts.next()) else { continue };
        let class = match class {
            "title" => AbbrevClass::Title,
            "before_number" => AbbrevClass::BeforeNumber,
            _ => AbbrevClass::Ambiguous,
        };
        if let Some(key) = pack(word.as_bytes()) {
            abbrev.insert(key, class);
        }
    }
    let openers = include_str!("../data/sentence_openers.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    Tables { abbrev, openers }
});

#[inline]
fn is_closer(body: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Quote => true,
        TokenKind::Punct => t.span.len() == 1 && matches!(body.as_bytes().get(t.span.start), Some(b')' | b']')),
        _ => false,
    }
}

/// Whether a full stop after token `prev` ends the sentence, given the token after it.
fn stop_ends_sentence(body: &str, tokens: &[Token], stop: usize) -> bool {
    let stop_tok = &tokens[stop];
    if stop_tok.span.len() != 1 || body.as_bytes().get(stop_tok.span.start) != Some(&b'.') {
        return true;
    }
    let Some(prev) = stop.checked_sub(1).map(|p| &tokens[p]) else { return true };
    if prev.span.end != stop_tok.span.start || prev.kind != TokenKind::Word {
        return true;
    }
    let word = prev.span.text(body);
    let next = tokens.get(stop + 1);
    let class = pack(word.as_bytes()).and_then(|key| TABLES.abbrev.get(&key).copied()).or_else(|| {
        // A single capital letter with a full stop is an initial ("John F. Kennedy").
        let mut chars = word.chars();
        (chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()).then_some(AbbrevClass::Title)
    });
    match class {
        None => true,
        Some(AbbrevClass::Title) => false,
        Some(AbbrevClass::BeforeNumber) => !next.is_some_and(|n| n.kind == TokenKind::Number),
        Some(AbbrevClass::Ambiguous) => next.is_some_and(|n| {
            let t = n.span.text(body);
            n.kind == TokenKind::Quote || TABLES.openers.contains(&t)
        }),
    }
}

/// The kind of a sentence of tokens `range`: a body sentence ends in a stop, a closer or a colon.
#[inline]
fn kind_of(body: &str, tokens: &[Token], range: &Range<usize>) -> Option<(Span, SentenceKind)> {
    if range.is_empty() {
        return None;
    }
    let first = tokens.get(range.start)?;
    let last = tokens.get(range.end.checked_sub(1)?)?;
    let colon = last.span.len() == 1 && body.as_bytes().get(last.span.start) == Some(&b':');
    let kind = if last.kind == TokenKind::Stop || is_closer(body, last) || colon {
        SentenceKind::Body
    } else {
        SentenceKind::Heading
    };
    Some((Span::new(first.span.start, last.span.end), kind))
}

/// Where the sentence ending at the stop token `i` ends (past any closing quotes or brackets
/// glued to it), or `None` when the stop does not end one: the next token must start a line, or
/// follow a space and start with an upper-case letter, a digit or a quote mark, and no
/// abbreviation rule may hold.
#[inline]
fn stop_end(body: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let mut end = i + 1;
    while let Some(t) = tokens.get(end) {
        if t.newlines_before != 0 || t.space_before || !is_closer(body, t) {
            break;
        }
        end += 1;
    }
    let next_ok = match tokens.get(end) {
        None => true,
        Some(n) if n.newlines_before > 0 => true,
        // `cap`: the token's first character is upper-case (set by the tokenizer).
        Some(n) => {
            n.space_before
                && (n.cap
                    || body.as_bytes().get(n.span.start).is_some_and(u8::is_ascii_digit)
                    || n.kind == TokenKind::Quote)
        }
    };
    (next_ok && stop_ends_sentence(body, tokens, i)).then_some(end)
}

/// Splits tokens into sentences. A line break always ends a sentence; inside a line, `.`, `!`,
/// `?` (with any closing quotes or brackets) end one unless an abbreviation rule says otherwise,
/// and the next token must start with an upper-case letter, a digit or a quote mark.
///
/// `marks` lists (ascending) every token after a line break and every stop, as the tokenizer
/// found them: only those can end a sentence, so the others are not visited.
pub(crate) fn split(body: &str, tokens: &[Token], marks: &[usize]) -> Vec<Sentence> {
    // News runs at 20-30 tokens a sentence.
    let mut out = Vec::with_capacity(tokens.len() / 12 + 1);
    let mut start = 0usize;
    let mut paragraph = 0usize;
    // The first token not yet visited.
    let mut next_unseen = 0usize;
    let push = |out: &mut Vec<Sentence>, range: Range<usize>, paragraph: usize| {
        if let Some((span, kind)) = kind_of(body, tokens, &range) {
            out.push(Sentence { span, tokens: range, paragraph, kind });
        }
    };
    for &i in marks {
        // A repeated mark, or one past the last token.
        if i < next_unseen {
            continue;
        }
        let Some(tok) = tokens.get(i) else { break };
        next_unseen = i + 1;
        if i > start && tok.newlines_before > 0 {
            push(&mut out, start..i, paragraph);
            paragraph += 1;
            start = i;
        }
        if tok.kind == TokenKind::Stop {
            if let Some(end) = stop_end(body, tokens, i) {
                push(&mut out, start..end, paragraph);
                if tokens.get(end).is_some_and(|n| n.newlines_before > 0) {
                    paragraph += 1;
                }
                start = end;
                // The closers skipped are neither stops nor after a line break: no marks.
                next_unseen = end;
            }
        }
    }
    push(&mut out, start..tokens.len(), paragraph);
    out
}

#[cfg(test)]
/// The sentence splitter as first written: a walk over every token, with the same per-stop
/// decision (`stop_end`), to check that visiting only the marks loses nothing.
pub(crate) fn reference_split(body: &str, tokens: &[Token]) -> Vec<Sentence> {
    // News runs at 20-30 tokens a sentence.
    let mut out = Vec::with_capacity(tokens.len() / 12 + 1);
    let mut start = 0usize;
    let mut paragraph = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, range: Range<usize>, paragraph: usize| {
        if let Some((span, kind)) = kind_of(body, tokens, &range) {
            out.push(Sentence { span, tokens: range, paragraph, kind });
        }
    };
    while i < tokens.len() {
        if i > start && tokens[i].newlines_before > 0 {
            push(&mut out, start..i, paragraph);
            paragraph += 1;
            start = i;
        }
        if tokens[i].kind == TokenKind::Stop {
            if let Some(end) = stop_end(body, tokens, i) {
                push(&mut out, start..end, paragraph);
                if tokens.get(end).is_some_and(|n| n.newlines_before > 0) {
                    paragraph += 1;
                }
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start..tokens.len(), paragraph);
    out
}

#[cfg(test)]
mod tests {
    use super::{reference_split, split};
    use crate::Analysis;
    use proptest::prelude::*;

    /// The abbreviation table keys a word by its packed bytes: every listed word must fit.
    #[test]
    fn every_abbreviation_is_loaded() {
        let listed = include_str!("../data/abbreviations.tsv")
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        assert!(listed > 20, "{listed}");
        assert_eq!(super::TABLES.abbrev.len(), listed);
    }

    fn sents(s: &str) -> Vec<&str> {
        let a = Analysis::new(s);
        a.sentences.iter().map(|x| x.span.text(s)).collect()
    }

    #[test]
    fn survives_news_abbreviations() {
        assert_eq!(
            sents("Lt. Gen. Kyrylo Budanov met Mr. Lee on Jan. 5 at 11 a.m. local time. He said No. 3 was hit."),
            ["Lt. Gen. Kyrylo Budanov met Mr. Lee on Jan. 5 at 11 a.m. local time.", "He said No. 3 was hit."]
        );
        assert_eq!(
            sents("Aid reached 1.2 million people in the U.S. The U.N. said so."),
            ["Aid reached 1.2 million people in the U.S.", "The U.N. said so."]
        );
        assert_eq!(sents("The U.S. military said it."), ["The U.S. military said it."]);
    }

    #[test]
    fn quotes_and_headlines() {
        let text = "Headline without stop\n\n\"We will win.\" He said it. Then?\nToday";
        assert_eq!(sents(text), ["Headline without stop", "\"We will win.\"", "He said it.", "Then?", "Today"]);
        let a = Analysis::new(text);
        assert_eq!(a.sentences[0].kind, crate::SentenceKind::Heading);
        assert_eq!(a.sentences[1].kind, crate::SentenceKind::Body);
        assert_eq!(a.sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1, 1, 2]);
    }

    fn newsy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("U.S.".to_string()),
            Just("Mr.".to_string()),
            Just("Jan.".to_string()),
            Just("No.".to_string()),
            Just("A.".to_string()),
            Just("’s".to_string()),
            Just("\"".to_string()),
            Just(")".to_string()),
            Just("...".to_string()),
            Just("…".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            "[A-Za-z]{1,8}",
            "[0-9]{1,4}",
            "[ .,;:!?'’“”«»()\\[\\]\n-]{1,3}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn split_agrees_with_the_token_walk(s in newsy()) {
            let mut marks = Vec::new();
            let tokens = crate::tokens::tokenize_marking(&s, &mut marks);
            prop_assert_eq!(split(&s, &tokens, &marks), reference_split(&s, &tokens));
        }

        #[test]
        fn split_agrees_with_the_token_walk_on_any_string(s in any::<String>()) {
            let mut marks = Vec::new();
            let tokens = crate::tokens::tokenize_marking(&s, &mut marks);
            prop_assert_eq!(split(&s, &tokens, &marks), reference_split(&s, &tokens));
        }
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(sents("It rose 5 p.c. on the year. Next."), ["It rose 5 p.c. on the year.", "Next."]);
    }
}
