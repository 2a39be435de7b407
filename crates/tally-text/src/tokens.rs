use tally_model::Span;

/// The shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes, dots or digits ("Jong-un", "F-16", "U.S").
    Word,
    /// Digits with inner thousands separators or a decimal point ("10,000", "1.2", "2025").
    Number,
    /// A quotation mark: straight or curly double/single quotes, guillemets.
    Quote,
    /// A hyphen between spaces, an en dash, an em dash.
    Dash,
    /// Sentence-final punctuation: `.`, `!`, `?`, `…`.
    Stop,
    /// Anything else: `,`, `;`, `:`, `(`, `$`, `%`, ...
    Punct,
}

/// One token; `space_before` tells whether white space precedes it, `newlines_before` how many
/// line breaks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub space_before: bool,
    pub newlines_before: u8,
    /// The first character is an upper-case letter (read by every name rule; set once here).
    pub cap: bool,
}

impl Token {
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    #[inline]
    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›')
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '‒')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// ASCII letters and digits, by byte: one load per byte in the word loop.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Splits `body` into tokens in one pass. Never fails; every non-space character lands in
/// exactly one token.
pub fn tokenize(body: &str) -> Vec<Token> {
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
                while bytes.get(j).is_some_and(|&b| ASCII_ALNUM[usize::from(b)]) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(texts("between 10,000–12,000 troops"), ["between", "10,000", "–", "12,000", "troops"]);
        assert_eq!(texts("South Korea's spy agency"), ["South", "Korea", "'s", "spy", "agency"]);
        assert_eq!(texts("South Korea’s"), ["South", "Korea", "’s"]);
        assert_eq!(texts("Kim Jong-un, F-16 and Covid-19."), ["Kim", "Jong-un", ",", "F-16", "and", "Covid-19", "."]);
        assert_eq!(texts("the U.S. said"), ["the", "U.S", ".", "said"]);
        assert_eq!(texts("$2.5bn, 12.5% and 40k"), ["$", "2.5", "bn", ",", "12.5", "%", "and", "40", "k"]);
        assert_eq!(texts("soldiers' corpses"), ["soldiers", "'", "corpses"]);
        assert_eq!(texts("\"Yes,\" he said -- 50-60"), ["\"", "Yes", ",", "\"", "he", "said", "--", "50", "-", "60"]);
        assert_eq!(texts("don't stop..."), ["don't", "stop", "..."]);
    }

    #[test]
    fn tracks_space_and_newlines() {
        let t = tokenize("a\n\nb c");
        assert_eq!(t[1].newlines_before, 2);
        assert!(t[2].space_before && t[2].newlines_before == 0);
        assert!(!t[0].space_before);
    }
}
