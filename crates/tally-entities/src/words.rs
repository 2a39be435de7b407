//! Per-token facts read by several passes, computed once per document: which word lists
//! (`data/person_words.tsv`) hold a capitalised word, and whether the token can be part of a
//! person's name.

use crate::is_possessive;
use crate::lexicon::{word, LEXICON};
use tally_text::{Analysis, Token, TokenKind};

/// The token can be part of a person's name.
const NAME: u16 = 128;

pub(crate) struct Words {
    flags: Vec<u16>,
    /// Tokens that begin with an upper-case letter (`Token::cap`), in order.
    pub caps: Vec<usize>,
    /// Tokens that can be part of a person's name, in order.
    pub names: Vec<usize>,
    /// Word tokens right after "the" (in any case), in order.
    pub after_the: Vec<usize>,
    /// "he", "He", "she", "She", in order.
    pub pronouns: Vec<usize>,
}

impl Words {
    pub(crate) fn new(an: &Analysis) -> Self {
        let lx = &*LEXICON;
        let bytes = an.body.as_bytes();
        let n = an.tokens.len();
        let mut w = Words {
            flags: vec![0; n],
            // About one token in five is capitalised, one in eight can be part of a name, one
            // in twenty follows "the": sized to grow rarely.
            caps: Vec::with_capacity(n / 4),
            names: Vec::with_capacity(n / 6),
            after_the: Vec::with_capacity(n / 12),
            pronouns: Vec::with_capacity(n / 64),
        };
        // All list words are capitalised unless `lower_list_words`.
        let lower_lists = lx.lower_list_words;
        let mut prev_the = false;
        for (i, t) in an.tokens.iter().enumerate() {
            if t.cap {
                w.caps.push(i);
            }
            // Only a word token can be "the", a pronoun, a listed word or part of a name.
            if t.kind != TokenKind::Word {
                prev_the = false;
                continue;
            }
            if prev_the {
                w.after_the.push(i);
            }
            // Most tokens are lower-case words of four or more letters: no "the", no pronoun,
            // in no list and no name unless an "al-", "el-", "ad-" or "ed-" particle.
            let (start, len) = (t.span.start, t.span.len());
            if len >= 4 {
                prev_the = false;
                let particle = !t.cap
                    && matches!(bytes.get(start..start.saturating_add(3)), Some([b'a' | b'e', b'l' | b'd', b'-']))
                    && bytes.len() >= t.span.end;
                if t.cap || particle || lower_lists {
                    w.listed(an, i, t, t.cap || particle);
                }
                continue;
            }
            let text = bytes.get(t.span.range()).unwrap_or_default();
            let particle = match *text {
                [a, b, c] => {
                    prev_the = text.eq_ignore_ascii_case(b"the");
                    if matches!(a, b's' | b'S') && b == b'h' && c == b'e' {
                        w.pronouns.push(i);
                    }
                    !t.cap && matches!(a, b'a' | b'e') && matches!(b, b'l' | b'd') && c == b'-'
                }
                [a, b'e'] => {
                    prev_the = false;
                    if matches!(a, b'h' | b'H') {
                        w.pronouns.push(i);
                    }
                    false
                }
                _ => {
                    prev_the = false;
                    false
                }
            };
            if t.cap || particle || lower_lists {
                w.listed(an, i, t, t.cap || particle);
            }
        }
        w
    }

    /// List flags of word token `i`, and whether it can be part of a name (`maybe_name`: it is
    /// capitalised or a particle).
    #[inline]
    fn listed(&mut self, an: &Analysis, i: usize, t: &Token, maybe_name: bool) {
        let word = t.span.text(an.body);
        let mut f = LEXICON.word_flags.get(word).unwrap_or(0);
        if maybe_name && name_word(an, i, t.cap, word, f) {
            f |= NAME;
            self.names.push(i);
        }
        if let Some(slot) = self.flags.get_mut(i) {
            *slot = f;
        }
    }

    /// Token `i` can be part of a person's name.
    #[inline]
    pub(crate) fn name(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & NAME != 0)
    }

    /// Word token `i` is, as written, in the word list of `flag` (see [`word`]).
    #[inline]
    pub(crate) fn has(&self, i: usize, flag: u16) -> bool {
        self.flags.get(i).is_some_and(|f| f & flag != 0)
    }
}

/// Word token `i` (text `w`, list flags `f`) can be part of a person's name. Called for
/// capitalised tokens and lower-case particles only, so never for a possessive "'s".
fn name_word(an: &Analysis, i: usize, upper: bool, w: &str, f: u16) -> bool {
    if f & word::NOT_NAME != 0 {
        return false;
    }
    if !upper {
        if is_possessive(w) {
            return false;
        }
        if let Some(rest) = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")).or_else(|| w.strip_prefix("ad-")) {
            return crate::first_upper(rest);
        }
    }
    upper && (has_lower(w) || w.len() == 1) || roman(an, i, w)
}

#[inline]
fn has_lower(w: &str) -> bool {
    // Most names have a lower-case second letter ("Smith").
    w.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase)
        || w.bytes().any(|b| b.is_ascii_lowercase())
        || (!w.is_ascii() && w.chars().any(|c| c.is_lowercase()))
}

/// A regnal number after a name ("Abdullah II", "Charles III").
fn roman(an: &Analysis, i: usize, w: &str) -> bool {
    i > 0
        && w.as_bytes().first().is_some_and(|&b| b == b'I' || b == b'V')
        && matches!(w, "II" | "III" | "IV" | "VI" | "VII" | "VIII")
        && an.tokens.get(i - 1).is_some_and(|t| t.kind == TokenKind::Word)
}
