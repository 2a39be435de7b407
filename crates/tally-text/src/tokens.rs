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

/// Quotation marks the tokenizer makes `Quote` tokens of.
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›')
}

/// Dashes (other than the hyphen-minus) the tokenizer makes `Dash` tokens of.
pub fn is_dash_char(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '‒')
}

/// The apostrophes, straight and curly.
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// What a byte opens, for the tokenizer's dispatch: one table load per token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space other than a line break.
    Space,
    Newline,
    Lower,
    Upper,
    Digit,
    /// Any other ASCII byte: punctuation and control characters.
    Mark,
    /// A byte of a multi-byte character.
    High,
}

static CLASS: [Class; 256] = {
    let mut t = [Class::High; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => Class::Space,
            b'\n' => Class::Newline,
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            b'0'..=b'9' => Class::Digit,
            _ => Class::Mark,
        };
        b += 1;
    }
    t
};

/// ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Bytes after a run of ASCII letters and digits that may continue a word: a hyphen, an
/// apostrophe, a full stop, or a byte of a multi-byte character.
static MAY_JOIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || b == b'-' as usize || b == b'\'' as usize || b == b'.' as usize;
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits starting at `j`.
#[inline]
fn skip_alnum(bytes: &[u8], mut j: usize) -> usize {
    while bytes.get(j).is_some_and(|&b| ASCII_ALNUM[usize::from(b)]) {
        j += 1;
    }
    j
}

/// The character starting at byte `pos` of `body`, if any.
#[inline]
fn char_at(body: &str, pos: usize) -> Option<char> {
    match body.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => body.get(pos..).and_then(|s| s.chars().next()),
    }
}

/// Whether an apostrophe of `len` bytes at `i` opens a possessive "'s" token glued to the word
/// just pushed.
#[inline]
fn opens_possessive(body: &str, out: &[Token], i: usize, len: usize) -> bool {
    matches!(body.as_bytes().get(i + len), Some(b's' | b'S'))
        && !char_at(body, i + len + 1).is_some_and(char::is_alphanumeric)
        && out.last().is_some_and(|t| t.span.end == i && t.kind == TokenKind::Word)
}

/// The end of the word that starts at `start` and whose first character ends at `j`: letters
/// and digits with inner connectors.
#[inline]
fn word_end(body: &str, start: usize, j: usize) -> usize {
    let bytes = body.as_bytes();
    let j = skip_alnum(bytes, j);
    // Most words end at a space or an ASCII mark that joins nothing.
    match bytes.get(j) {
        Some(&b) if MAY_JOIN[usize::from(b)] => joined_word_end(body, start, j),
        _ => j,
    }
}

/// [`word_end`] past a byte that may join: a hyphen, an apostrophe, a full stop or a
/// multi-byte character.
#[inline(never)]
fn joined_word_end(body: &str, start: usize, mut j: usize) -> usize {
    let bytes = body.as_bytes();
    // Where the letters after the word's last inner full stop begin ("S" in "U.S").
    let mut run_start = start;
    loop {
        j = skip_alnum(bytes, j);
        // Most words end at a space or an ASCII mark that joins nothing.
        match bytes.get(j) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'\'' | b'.') => break,
            _ => {}
        }
        let Some(d) = char_at(body, j) else { break };
        if d.is_alphanumeric() {
            j += d.len_utf8();
            continue;
        }
        // Inner connectors: hyphen, apostrophe, full stop between single letters (U.S.).
        let after = j + d.len_utf8();
        let next = char_at(body, after);
        let joins = match d {
            '-' | '‑' => next.is_some_and(|n| n.is_alphanumeric()),
            _ if is_apostrophe(d) => {
                // Keep "don't", "O'Brien"; split the possessive "'s" and a bare trailing "'".
                let possessive =
                    matches!(next, Some('s' | 'S')) && !char_at(body, after + 1).is_some_and(|n| n.is_alphanumeric());
                next.is_some_and(|n| n.is_alphabetic()) && !possessive
            }
            '.' => {
                // "U.S", "a.m": a dot between single letters.
                let mut last_run = body.get(run_start..j).unwrap_or("").chars();
                let single = last_run.next().is_some() && last_run.next().is_none();
                single
                    && next.is_some_and(|n| {
                        n.is_alphabetic() && !char_at(body, after + n.len_utf8()).is_some_and(|m| m.is_alphabetic())
                    })
            }
            _ => false,
        };
        if !joins {
            break;
        }
        j = after;
        if d == '.' {
            run_start = j;
        }
    }
    j
}

/// The end of a run of sentence-final marks continuing at `i`.
#[inline]
fn stops_end(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b'.' | b'!' | b'?')) {
        i += 1;
    }
    i
}

/// Splits `body` into tokens in one pass. Never fails; every non-space character lands in
/// exactly one token.
pub fn tokenize(body: &str) -> Vec<Token> {
    tokenize_marking(body, &mut Vec::new())
}

/// [`tokenize`], also listing in `marks` (ascending, possibly repeated, possibly one past the
/// last token) the indices of the tokens a sentence may end before: those after a line break
/// and the sentence-final marks. The sentence splitter visits only these.
pub(crate) fn tokenize_marking(body: &str, marks: &mut Vec<usize>) -> Vec<Token> {
    let mut out = Vec::with_capacity(body.len() / 4 + 1);
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut space = false;
    let mut newlines: u8 = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind;
        let mut cap = false;
        // A lower-case letter, the commonest first byte, before the dispatch on the byte's class
        // (its own branch, with the token's constant fields written as constants).
        if b.is_ascii_lowercase() {
            i = word_end(body, start, i + 1);
            out.push(Token {
                span: Span::new(start, i),
                kind: TokenKind::Word,
                space_before: space,
                newlines_before: newlines,
                cap: false,
            });
            space = bytes.get(i) == Some(&b' ');
            i += usize::from(space);
            newlines = 0;
            continue;
        }
        match CLASS[usize::from(b)] {
            Class::Space => {
                space = true;
                i += 1;
                continue;
            }
            Class::Newline => {
                if newlines == 0 {
                    marks.push(out.len());
                }
                space = true;
                newlines = newlines.saturating_add(1);
                i += 1;
                continue;
            }
            // (A lower-case letter was read above.)
            Class::Upper | Class::Lower => {
                cap = b.is_ascii_uppercase();
                i = word_end(body, start, i + 1);
                kind = TokenKind::Word;
            }
            Class::Digit => {
                // Number: digits with inner ',' or '.' followed by a digit. Letters glued after
                // digits ("2.5bn", "40k", "5th") stay a separate word.
                let mut j = i + 1;
                loop {
                    match bytes.get(j) {
                        Some(b'0'..=b'9') => j += 1,
                        Some(b',' | b'.') if bytes.get(j + 1).is_some_and(u8::is_ascii_digit) => j += 2,
                        _ => break,
                    }
                }
                i = j;
                kind = TokenKind::Number;
            }
            Class::Mark => {
                i += 1;
                kind = match b {
                    b'\'' if opens_possessive(body, &out, start, 1) => {
                        // Possessive "'s" is its own word token.
                        i += 1;
                        TokenKind::Word
                    }
                    b'"' | b'\'' => TokenKind::Quote,
                    b'-' => {
                        // "--" is a dash too.
                        if bytes.get(i) == Some(&b'-') {
                            i += 1;
                        }
                        TokenKind::Dash
                    }
                    b'.' | b'!' | b'?' => {
                        marks.push(out.len());
                        i = stops_end(bytes, i);
                        TokenKind::Stop
                    }
                    _ => TokenKind::Punct,
                };
            }
            Class::High => match high_token(body, start, &out, marks) {
                High::Token(end, k, c) => {
                    i = end;
                    kind = k;
                    cap = c;
                }
                High::Space(end) => {
                    space = true;
                    i = end;
                    continue;
                }
                High::Undecodable => break,
            },
        }
        out.push(Token { span: Span::new(start, i), kind, space_before: space, newlines_before: newlines, cap });
        // The commonest gap, one space, read here without a trip through the dispatch.
        space = bytes.get(i) == Some(&b' ');
        i += usize::from(space);
        newlines = 0;
    }
    out
}

/// What a multi-byte character opens.
enum High {
    /// A token: its end, kind and capital flag.
    Token(usize, TokenKind, bool),
    /// A white-space character ending here.
    Space(usize),
    /// No character starts here (never on a character boundary).
    Undecodable,
}

/// The token opened by the multi-byte character at `start` (kept out of the tokenizer's loop,
/// which reads ASCII). Stops are listed in `marks` as the index the token will get.
#[inline(never)]
fn high_token(body: &str, start: usize, out: &[Token], marks: &mut Vec<usize>) -> High {
    let Some(c) = char_at(body, start) else { return High::Undecodable };
    let clen = c.len_utf8();
    if c.is_whitespace() {
        return High::Space(start + clen);
    }
    let cap = c.is_uppercase();
    let (end, kind) = if c.is_alphabetic() {
        (word_end(body, start, start + clen), TokenKind::Word)
    } else if is_apostrophe(c) && opens_possessive(body, out, start, clen) {
        (start + clen + 1, TokenKind::Word)
    } else if is_quote_char(c) {
        (start + clen, TokenKind::Quote)
    } else if is_dash_char(c) {
        (start + clen, TokenKind::Dash)
    } else if c == '…' {
        marks.push(out.len());
        (stops_end(body.as_bytes(), start + clen), TokenKind::Stop)
    } else {
        (start + clen, TokenKind::Punct)
    };
    High::Token(end, kind, cap)
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
