//! Property tests: tokenization and sentence splitting never panic, and their spans are exact.

use proptest::prelude::*;
use tally_model::Span;
use tally_text::{is_apostrophe, is_dash_char, is_quote_char, tokenize, Analysis, Token, TokenKind};

/// The tokenizer as first written (a character at a time), which the table-driven one must
/// agree with token for token.
fn reference_tokenize(body: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(body.len() / 5 + 1);
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut space = false;
    let mut newlines: u8 = 0;
    while i < body.len() {
        // ASCII white space, the commonest byte after letters, without decoding a character.
        match bytes[i] {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {
                space = true;
                i += 1;
                continue;
            }
            b'\n' => {
                space = true;
                newlines = newlines.saturating_add(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => match body[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            // Number: digits with inner ',' or '.' followed by a digit.
            let mut j = i + 1;
            while j < bytes.len() {
                let b = bytes[j];
                if b.is_ascii_digit() {
                    j += 1;
                } else if (b == b',' || b == b'.') && j + 1 < bytes.len() && bytes[j + 1].is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // A number glued to letters with a hyphen ("19" in "Covid-19" is handled by the word
            // branch); letters glued after digits ("2.5bn", "40k", "5th") stay a separate word.
            i = j;
            kind = TokenKind::Number;
        } else if c.is_alphabetic() {
            let mut j = i + clen;
            loop {
                // Fast path: a run of ASCII letters and digits.
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                // Most words end at a space or an ASCII mark that joins nothing.
                if bytes.get(j).is_some_and(|b| b.is_ascii() && !matches!(b, b'-' | b'\'' | b'.')) {
                    break;
                }
                let Some(d) = body[j..].chars().next() else { break };
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                // Inner connectors: hyphen, apostrophe, full stop between single letters (U.S.).
                let next = body[j + d.len_utf8()..].chars().next();
                let joins = match d {
                    '-' | '‑' => next.is_some_and(|n| n.is_alphanumeric()),
                    _ if is_apostrophe(d) => {
                        // Keep "don't", "O'Brien"; split the possessive "'s" and a bare trailing "'".
                        let rest = &body[j + d.len_utf8()..];
                        let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                            && !rest[1..].chars().next().is_some_and(|n| n.is_alphanumeric());
                        next.is_some_and(|n| n.is_alphabetic()) && !possessive
                    }
                    '.' => {
                        // "U.S", "a.m": a dot between single letters.
                        let word = &body[start..j];
                        let last_run = word.rsplit('.').next().unwrap_or("");
                        last_run.chars().count() == 1 && next.is_some_and(|n| n.is_alphabetic()) && {
                            let after = &body[j + 1..];
                            let mut it = after.chars();
                            it.next();
                            !it.next().is_some_and(|n| n.is_alphabetic())
                        }
                    }
                    _ => false,
                };
                if joins {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            i = j;
            kind = TokenKind::Word;
        } else if is_apostrophe(c)
            && body[i + clen..].starts_with(['s', 'S'])
            && !body[i + clen + 1..].chars().next().is_some_and(|n| n.is_alphanumeric())
            && out.last().is_some_and(|t: &Token| t.span.end == i && t.kind == TokenKind::Word)
        {
            // Possessive "'s" is its own word token.
            i += clen + 1;
            kind = TokenKind::Word;
        } else if is_quote_char(c) {
            i += clen;
            kind = TokenKind::Quote;
        } else if is_dash_char(c) {
            i += clen;
            kind = TokenKind::Dash;
        } else if c == '-' {
            i += clen;
            // "--" is a dash too.
            if bytes.get(i) == Some(&b'-') {
                i += 1;
            }
            kind = TokenKind::Dash;
        } else if matches!(c, '.' | '!' | '?' | '…') {
            i += clen;
            while i < bytes.len() && matches!(bytes[i], b'.' | b'!' | b'?') {
                i += 1;
            }
            kind = TokenKind::Stop;
        } else {
            i += clen;
            kind = TokenKind::Punct;
        }
        out.push(Token {
            span: Span::new(start, i),
            kind,
            space_before: space,
            newlines_before: newlines,
            cap: c.is_uppercase(),
        });
        space = false;
        newlines = 0;
    }
    out
}

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("10,000–12,000".to_string()),
        Just("’s".to_string()),
        Just("\"".to_string()),
        Just("...".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("--".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,6}",
        "[ .,;:!?'’“”«»()-]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn tokens_and_sentences_tile_the_text(s in newsy()) {
        let a = Analysis::new(&s);
        let mut last = 0;
        for t in &a.tokens {
            prop_assert!(t.span.start >= last && t.span.end > t.span.start);
            prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
            prop_assert!(s[last..t.span.start].chars().all(char::is_whitespace));
            last = t.span.end;
        }
        prop_assert!(s[last..].chars().all(char::is_whitespace));
        let mut next_tok = 0;
        for sent in &a.sentences {
            prop_assert_eq!(sent.tokens.start, next_tok);
            prop_assert!(sent.tokens.end > sent.tokens.start);
            next_tok = sent.tokens.end;
        }
        prop_assert_eq!(next_tok, a.tokens.len());
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let a = Analysis::new(&s);
        let _ = a.headline();
        let _ = a.sentence_at(s.len() / 2);
    }

    #[test]
    fn tokens_agree_with_the_reference(s in newsy()) {
        prop_assert_eq!(tokenize(&s), reference_tokenize(&s));
    }

    #[test]
    fn tokens_agree_with_the_reference_on_any_string(s in any::<String>()) {
        prop_assert_eq!(tokenize(&s), reference_tokenize(&s));
    }

    #[test]
    fn tokens_agree_with_the_reference_on_word_shapes(s in "([a-zA-Z0-9éİ]{0,12}[-‑'’. ,]?){0,8}[sS]?['’.]?[a-zé]{0,3}") {
        prop_assert_eq!(tokenize(&s), reference_tokenize(&s));
    }
}
