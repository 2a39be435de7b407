//! Number phrases: digits with separators and scale words ("1.2 million", "$2.5bn", "40k"),
//! number words ("twenty-five", "a dozen", "two thousand"), vague plurals ("dozens",
//! "tens of thousands") and ranges ("10,000–12,000", "2,800 to 3,000", "two or three").

use crate::lexicon::{number_word, role, NumKind, SentLex, UnitClass};
use crate::{low_bytes, text_bytes};
use tally_text::{Analysis, TokenKind};

/// A number as written, before qualifiers and the counted noun.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumPhrase {
    /// First token (a currency symbol when there is one).
    pub start: usize,
    /// Token after the number (scale word, percent sign and range included).
    pub end: usize,
    pub low: f64,
    pub high: f64,
    /// A vague plural ("dozens"): approximate range.
    pub vague: bool,
    pub currency: Option<&'static str>,
    pub percent: bool,
    pub range: bool,
    /// Written in digits.
    pub digits: bool,
    /// Carries a scale word or abbreviation ("million", "bn").
    pub scaled: bool,
    /// A range consumed as a whole that is not a count ("2013-14", "3-1").
    pub compound: bool,
}

impl NumPhrase {
    /// A plain phrase over tokens `start..end` with no flags set.
    fn new(start: usize, end: usize, low: f64, high: f64, currency: Option<&'static str>) -> Self {
        NumPhrase {
            start,
            end,
            low,
            high,
            vague: false,
            currency,
            percent: false,
            range: false,
            digits: false,
            scaled: false,
            compound: false,
        }
    }
}

fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "dollar",
        "€" => "euro",
        "£" => "pound",
        "¥" => "yen",
        "₹" => "rupee",
        "₩" => "won",
        "₦" => "naira",
        "₴" => "hryvnia",
        "₽" => "rouble",
        _ => return None,
    })
}

fn tok<'a>(an: &Analysis<'a>, i: usize) -> &'a str {
    an.tok(i)
}

/// The value of digits with optional thousands commas ("12,500"), when there are at most 15
/// digits (read exactly, as parsing would); None for anything else.
fn whole_number(text: &[u8]) -> Option<f64> {
    let mut v: u64 = 0;
    let mut n = 0;
    for &b in text {
        match b {
            b'0'..=b'9' => {
                v = v * 10 + u64::from(b - b'0');
                n += 1;
                if n > 15 {
                    return None;
                }
            }
            b',' => {}
            _ => return None,
        }
    }
    (n > 0).then_some(v as f64)
}

/// Digits at `i`, with a glued abbreviation or following scale words. Returns (end, value,
/// scale multiplier).
fn digits(an: &Analysis, lex: &SentLex, i: usize, money: bool) -> Option<(usize, f64, f64)> {
    let t = an.tokens.get(i)?;
    if t.kind != TokenKind::Number || i >= lex.end {
        return None;
    }
    let text = text_bytes(an, i);
    let v = match whole_number(text) {
        Some(v) => v,
        None => {
            let mut buf = [0u8; 48];
            let mut n = 0;
            for &b in text {
                if b == b',' {
                    continue;
                }
                *buf.get_mut(n)? = b;
                n += 1;
            }
            std::str::from_utf8(buf.get(..n)?).ok()?.parse().ok()?
        }
    };
    let mut j = i + 1;
    let mut scale = 1.0;
    if an.tokens.get(j).is_some_and(|nt| j < lex.end && nt.kind == TokenKind::Word && !nt.space_before) {
        if let Some(w) = lex.number_word(an, j) {
            // "4K" after a single digit is a screen resolution, not four thousand.
            let resolution = v < 10.0 && v.fract() == 0.0 && matches!(tok(an, j), "K" | "k");
            let ok = match w.kind {
                NumKind::Abbr => money || !matches!(tok(an, j), "m" | "b" | "M" | "B") && !resolution,
                NumKind::Scale => true,
                _ => false,
            };
            if ok {
                scale *= w.value;
                j += 1;
            }
        }
    }
    while j < lex.end {
        match lex.num(j) {
            Some((e, w)) if w.kind == NumKind::Scale && e == j + 1 => {
                scale *= w.value;
                j += 1;
            }
            _ => break,
        }
    }
    Some((j, v * scale, scale))
}

/// Number words at `i` ("twenty-five", "two thousand", "a dozen", "one hundred and five").
fn words(an: &Analysis, lex: &SentLex, i: usize) -> Option<(usize, f64, f64)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    let mut last_scale = 1.0;
    let mut j = i;
    let mut article = false;
    let mut half = false;
    while j < lex.end {
        let t = an.tokens.get(j)?;
        if t.kind != TokenKind::Word {
            break;
        }
        let text = tok(an, j);
        // Hyphenated compounds: every part must be a number word ("twenty-five").
        let hyphenated = text.as_bytes().contains(&b'-');
        let part = |p: &str| number_word(p).filter(|w| matches!(w.kind, NumKind::Unit | NumKind::Tens));
        // The whole token, as the sentence's table reading already found it.
        let whole = if hyphenated { None } else { lex.number_word(an, j) };
        let ok = if hyphenated { text.split('-').all(|p| part(p).is_some()) } else { whole.is_some() };
        if !ok {
            // "and" inside "one hundred and five".
            if any && last_scale >= 100.0 && an.low(j) == "and" {
                let next = an.low(j + 1);
                let next = next.split('-').next().unwrap_or(next);
                if let Some(nx) = number_word(next) {
                    if matches!(nx.kind, NumKind::Unit | NumKind::Tens) && j + 1 < lex.end {
                        j += 1;
                        continue;
                    }
                }
            }
            break;
        }
        let mut consumed = true;
        let saved = (total, current, any, last_scale, article, half);
        let parts = hyphenated.then(|| text.split('-').filter_map(part));
        for w in whole.into_iter().chain(parts.into_iter().flatten()) {
            match w.kind {
                NumKind::Unit | NumKind::Tens => {
                    // "three four" is two numbers; "twenty five" and "hundred two" are one.
                    let last_digit = current % 100.0;
                    let clash =
                        last_digit != 0.0 && (w.kind == NumKind::Tens || last_digit % 10.0 != 0.0 || last_digit < 20.0);
                    if article || half || clash {
                        consumed = false;
                        break;
                    }
                    current += w.value;
                    any = true;
                }
                NumKind::Scale => {
                    if !any && !article && !half {
                        consumed = false;
                        break;
                    }
                    let base = if current == 0.0 { 1.0 } else { current };
                    let base = if half { 0.5 } else { base };
                    if w.value >= 1000.0 {
                        total += base * w.value;
                        current = 0.0;
                    } else {
                        current = base * w.value;
                    }
                    last_scale = w.value;
                    article = false;
                    half = false;
                    any = true;
                }
                NumKind::Dozen => {
                    let base = if current == 0.0 { 1.0 } else { current };
                    current = base * 12.0;
                    article = false;
                    any = true;
                }
                NumKind::Article => {
                    if any || article {
                        consumed = false;
                        break;
                    }
                    article = true;
                }
                NumKind::Half => {
                    if any || article {
                        consumed = false;
                        break;
                    }
                    half = true;
                }
                NumKind::Abbr | NumKind::Vague(_) => {
                    consumed = false;
                    break;
                }
            }
        }
        if !consumed {
            // A token is read whole or not at all ("two-three" is not a number).
            (total, current, any, last_scale, article, half) = saved;
            break;
        }
        j += 1;
        if half {
            // "half a million": the article follows.
            if matches!(an.low(j), "a" | "an") {
                j += 1;
            } else {
                return None;
            }
        }
    }
    if !any || article || half || j == i {
        return None;
    }
    // Trailing "a"/"an" consumed without a scale word is not part of the number.
    Some((j, total + current, last_scale))
}

/// A single number (no range) at `i`: currency symbol, digits or words, vague plural.
fn single(an: &Analysis, lex: &SentLex, i: usize) -> Option<NumPhrase> {
    let t = an.tokens.get(i)?;
    let mut currency = None;
    let mut at = i;
    let code = lex.unit(i).filter(|u| u.2 == UnitClass::Prefix && u.0 == i + 1).map(|u| u.1);
    if t.kind == TokenKind::Punct || code.is_some() {
        currency = code.or_else(|| currency_symbol(tok(an, i)));
        currency?;
        at = i + 1;
        // "$2.5 billion"; tokenized sources also write "$ 2.5 billion".
        if an.tokens.get(at).is_none_or(|n| n.newlines_before > 0 || n.kind != TokenKind::Number) {
            return None;
        }
    }
    let t = an.tokens.get(at)?;
    if t.kind == TokenKind::Number {
        let (end, v, scale) = digits(an, lex, at, currency.is_some())?;
        let mut p = NumPhrase { digits: true, scaled: scale > 1.0, ..NumPhrase::new(i, end, v, v, currency) };
        percent_sign(an, lex, &mut p);
        return Some(p);
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some((e, w)) = lex.num(at) {
        if let NumKind::Vague(high) = w.kind {
            let word = an.low(at);
            let followed_by_of = an.low(e) == "of";
            if word == "scores" && !followed_by_of {
                return None;
            }
            return Some(NumPhrase { vague: true, ..NumPhrase::new(i, e, w.value, high, currency) });
        }
    }
    // "several hundred", "a few dozen": as vague as "hundreds", "dozens".
    let several = at > lex.base && matches!(low_bytes(an, at - 1), b"several" | b"few");
    if several {
        if let Some(w) = lex.number_word(an, at).filter(|w| matches!(w.kind, NumKind::Scale | NumKind::Dozen)) {
            let (low, high) =
                if w.kind == NumKind::Dozen { (24.0, 99.0) } else { (2.0 * w.value, 10.0 * w.value - 1.0) };
            return Some(NumPhrase { vague: true, ..NumPhrase::new(i, at + 1, low, high, currency) });
        }
    }
    let (end, v, scale) = words(an, lex, at)?;
    Some(NumPhrase { scaled: scale > 1.0, ..NumPhrase::new(i, end, v, v, currency) })
}

fn percent_sign(an: &Analysis, lex: &SentLex, p: &mut NumPhrase) {
    if p.end < lex.end && text_bytes(an, p.end) == b"%" {
        p.percent = true;
        p.end += 1;
    }
}

/// Token `i` is the word `w` (given in lower case), in any case.
#[inline]
fn is_word(an: &Analysis, i: usize, w: &str) -> bool {
    an.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Word
            && t.span.len() == w.len()
            && an.low.as_bytes().get(t.span.start..t.span.end) == Some(w.as_bytes())
    })
}

/// The number phrase starting at token `i`, ranges included. `between` tells whether a
/// "between" stands before it (then "X and Y" is a range).
pub(crate) fn parse(an: &Analysis, lex: &SentLex, i: usize, between: bool) -> Option<NumPhrase> {
    let mut p = single(an, lex, i)?;
    if p.vague {
        return Some(p);
    }
    let e = p.end;
    if e + 1 >= lex.end {
        return Some(p);
    }
    let sep = an.tokens.get(e)?;
    let connector = match sep.kind {
        TokenKind::Dash => Some("dash"),
        TokenKind::Word if is_word(an, e, "to") => Some("to"),
        TokenKind::Word if is_word(an, e, "or") => Some("or"),
        TokenKind::Word if is_word(an, e, "and") && between => Some("and"),
        _ => None,
    };
    let Some(connector) = connector else { return Some(p) };
    // A year does not open a range with "to", "or", "and" ("since October 2023 to 44,249").
    let text = tok(an, p.start);
    let year_like = p.digits
        && p.currency.is_none()
        && !p.scaled
        && text.len() == 4
        && !text.contains([',', '.'])
        && (1800.0..=2100.0).contains(&p.low);
    if year_like {
        // "2004 – 2014", "2013-14": a span of years, read by the time stage.
        if connector == "dash" {
            if let Some(q) = single(an, lex, e + 1).filter(|q| q.digits && q.currency.is_none()) {
                p.end = q.end;
                p.compound = true;
            }
        }
        return Some(p);
    }
    // "rose from 158 to 214" is a change, not a range.
    if connector == "to" {
        let before = p.start.checked_sub(1);
        let from = before.is_some_and(|b| is_word(an, b, "from"));
        let changed = from && p.start.checked_sub(2).is_some_and(|b| b >= lex.base && lex.has(b, role::CHANGE));
        if changed {
            return Some(p);
        }
    }
    let Some(q) = single(an, lex, e + 1) else { return Some(p) };
    if q.vague {
        return Some(p);
    }
    // "rose 15% to $415.9 million": a change between different kinds, not a range.
    if p.percent && !q.percent
        || p.currency.is_some() && q.currency.is_none() && q.percent
        || p.currency.is_none() && q.currency.is_some() && p.percent
    {
        return Some(p);
    }
    let glued = !sep.space_before && an.tokens.get(e + 1).is_some_and(|t| !t.space_before);
    let mut low = p.low;
    let high = q.high;
    if !p.scaled && q.scaled && (q.currency.is_none() || p.currency.is_some()) {
        // "2 to 3 million", "$2-3 billion": the scale word is shared.
        let scale = q.high / unscaled(an, lex, &q).unwrap_or(q.high).max(f64::MIN_POSITIVE);
        if scale > 1.0 && low * scale <= high {
            low *= scale;
        }
    }
    if low < high {
        p.low = low;
        p.high = high;
        p.end = q.end;
        p.range = true;
        p.percent = p.percent || q.percent;
        p.currency = p.currency.or(q.currency);
        p.scaled = p.scaled || q.scaled;
    } else if connector == "dash" && glued {
        p.end = q.end;
        p.compound = true;
    }
    Some(p)
}

/// The value of a number phrase before its scale word.
fn unscaled(an: &Analysis, lex: &SentLex, q: &NumPhrase) -> Option<f64> {
    let at = if q.currency.is_some() { q.start + 1 } else { q.start };
    if q.digits {
        let (_, v, scale) = digits(an, lex, at, q.currency.is_some())?;
        Some(v / scale)
    } else {
        let (_, v, scale) = words(an, lex, at)?;
        Some(if scale > 1.0 { v / scale } else { v })
    }
}
