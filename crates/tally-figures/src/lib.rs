//! Figures: finds counted quantities (numbers with their qualifiers, ranges and counted noun)
//! and reads what they count (measure), whose (subject), where (location) and whether they add
//! to an earlier total (increment).
//!
//! The reading is a small cascade over the tokens of each sentence that holds a digit or a
//! number word: table hits (`data/*.tsv`, one phrase table) -> number phrase
//! (`number.rs`) -> qualifier and counted noun phrase -> filters for what is not a figure
//! (years, dates, clock times, ages, identifiers, durations, measurements) -> predicate frames
//! for the measure -> subject, location and increment.

mod lexicon;
mod number;

use lexicon::{number_word, role, QualKind, Reading, SentLex, UnitClass, POS_FORCE, POS_NOUN, POS_POST, POS_PRE};
use number::NumPhrase;
use std::borrow::Cow;
use tally_entities::{Form, Mention};
use tally_model::{Anchor, EntityKind, Measure, Span, Value};
use tally_text::{Analysis, Token, TokenKind};

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

/// A figure while it is being read: token positions and what has been found so far.
#[derive(Debug, Clone)]
struct Cand {
    /// First token of the whole expression (qualifier, increment word, currency symbol).
    qstart: usize,
    /// The number tokens.
    nstart: usize,
    nend: usize,
    /// Token after the counted noun phrase (== nend when there is none).
    npend: usize,
    /// The head noun, when there is one.
    head: Option<usize>,
    /// Listed units come from the static tables; only an unlisted plural's singular is built.
    unit: Option<Cow<'static, str>>,
    class: Option<UnitClass>,
    /// "N of them", "N of the drones", "N of its soldiers".
    partitive: bool,
    /// A partitive that points back to an earlier count ("of them", "of the drones").
    anaphoric: bool,
    value: Value,
    increment: bool,
    /// A verb right before the number and whether its subject owns what is counted.
    verb: Option<(usize, bool)>,
    measure: Option<Measure>,
    subject: Option<Anchor>,
    location: Option<Anchor>,
    /// Reads its measure, subject and place from the figure before it.
    inherits: bool,
    /// "one" before a noun: a count only when its measure is clear ("one civilian was
    /// killed", not "one official said").
    weak: bool,
}

/// The possessive written with a typographic apostrophe ("’s").
const POSSESSIVE_QUOTE: &[u8] = "’s".as_bytes();

/// The bytes of token `i` as written, or none.
#[inline]
pub(crate) fn text_bytes<'a>(an: &'a Analysis, i: usize) -> &'a [u8] {
    an.tokens.get(i).and_then(|t| an.body.as_bytes().get(t.span.start..t.span.end)).unwrap_or(&[])
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Token `i` is the word `w` (given in lower case), in any case.
#[inline]
fn word_is(an: &Analysis, i: usize, w: &str) -> bool {
    an.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Word
            && t.span.len() == w.len()
            && an.low.as_bytes().get(t.span.start..t.span.end) == Some(w.as_bytes())
    })
}

fn kind_at(an: &Analysis, i: usize) -> Option<TokenKind> {
    an.tokens.get(i).map(|t| t.kind)
}

/// Whether a sentence may hold a figure: a digit or a number word.
fn candidate(an: &Analysis, range: std::ops::Range<usize>) -> bool {
    let toks = an.tokens.get(range.clone()).unwrap_or(&[]);
    if toks.iter().any(|t| t.kind == TokenKind::Number) {
        return true;
    }
    range.into_iter().any(|i| match kind_at(an, i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => {
            let b = low_bytes(an, i);
            // Cheap shape test first: number words are 3 to 9 letters long (or stand before a
            // hyphen) and start with one of a few letters.
            b.len() >= 3
                && b.first().is_some_and(|c| {
                    matches!(c, b'o' | b'f' | b's' | b'e' | b't' | b'n' | b'h' | b'd' | b'z' | b'm' | b'b')
                })
                && lexicon::counts_sentence(b)
        }
        _ => false,
    })
}

/// Singular of an unlisted plural noun, by rule.
fn singular(w: &str) -> String {
    let l = w.to_lowercase();
    if l.len() > 4 && l.ends_with("ies") {
        return format!("{}y", &l[..l.len() - 3]);
    }
    for suf in ["ches", "shes", "sses", "xes", "zzes"] {
        if l.ends_with(suf) {
            return l[..l.len() - 2].to_string();
        }
    }
    if l.ends_with("men") && l.len() > 4 {
        return format!("{}man", &l[..l.len() - 3]);
    }
    if l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && !l.ends_with("is") {
        return l[..l.len() - 1].to_string();
    }
    l
}

/// An acronym in the plural: "MPs", "NGOs", "IDPs".
fn acronym_plural(w: &str) -> bool {
    let b = w.as_bytes();
    (3..=7).contains(&b.len())
        && b.last() == Some(&b's')
        && b.get(..b.len() - 1).is_some_and(|a| a.iter().all(u8::is_ascii_uppercase))
}

/// A word shaped like a plural count noun.
fn plural_shaped(w: &str) -> bool {
    w.len() > 3
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && w.chars().any(|c| c.is_lowercase())
}

/// The mentions starting in `lo..hi` (mentions come in text order).
fn near(entities: &[Mention], lo: usize, hi: usize) -> &[Mention] {
    let a = entities.partition_point(|m| m.span.start < lo);
    let rest = entities.get(a..).unwrap_or(&[]);
    // Most windows hold a few mentions: look for the end among the first ones before searching.
    let n = match rest.iter().take(8).position(|m| m.span.start >= hi) {
        Some(n) => n,
        None => rest.partition_point(|m| m.span.start < hi),
    };
    rest.get(..n).unwrap_or(&[])
}

/// Finds figures, in text order.
pub fn find(an: &Analysis, entities: &[Mention]) -> Vec<Figure> {
    // Room for the usual density of figures in news text, about one per thirty tokens.
    let mut out: Vec<Figure> = Vec::with_capacity(an.tokens.len() / 32);
    let home = home_country(entities);
    // The figures of the last sentence that had any, and its paragraph: the last of them is the
    // antecedent of the next sentence's first figure in the same paragraph.
    let mut prev: Vec<Cand> = Vec::with_capacity(8);
    let mut prev_paragraph = usize::MAX;
    // The last place named in each sentence, read once per sentence that asks.
    let mut last_place: Vec<Option<Option<Anchor>>> = vec![None; an.sentences.len()];
    // The table readings of the sentences read, in one set of buffers for the document (the
    // paragraph's earlier sentences are looked at again for their place); an earlier sentence
    // not read yet is read into a second one.
    let mut reading = Reading::with_capacity(an.tokens.len(), an.sentences.len());
    let mut scratch = Reading::default();
    let mut done: Vec<Cand> = Vec::with_capacity(8);
    for (si, sent) in an.sentences.iter().enumerate() {
        let range = sent.tokens.start..sent.tokens.end.min(an.tokens.len());
        if !candidate(an, range.clone()) {
            continue;
        }
        reading.read(an, si);
        let Some(lex) = reading.last() else { continue };
        let lex = &lex;
        read_sentence(an, lex, entities, &mut done);
        // Each figure is completed in place, reading the ones before it.
        for at in 0..done.len() {
            let (before, rest) = done.split_at_mut(at);
            let Some(c) = rest.first_mut() else { break };
            let antecedent = before.last().or_else(|| prev.last().filter(|_| prev_paragraph == sent.paragraph));
            complete(an, lex, entities, c, antecedent, before);
            if c.location.is_none() {
                c.location = paragraph_place(an, entities, si, &mut last_place, &reading, &mut scratch);
            }
            // Money and rates with no place of their own belong to the economy the report is about.
            if c.location.is_none() && matches!(c.class, Some(UnitClass::Currency | UnitClass::Percent)) {
                c.location = home.clone();
            }
        }
        // "one" with a noun whose measure stayed unclear is not a count ("one official said").
        if done.iter().any(|c| c.weak) {
            done.retain(|c| !c.weak || c.measure.is_some_and(|m| m != Measure::Other));
        }
        let figure = |c: &mut Cand, keep: bool| {
            let start = an.tokens.get(c.qstart).map(|t| t.span.start).unwrap_or(0);
            let end_tok = c.npend.max(c.nend).saturating_sub(1);
            let end = an.tokens.get(end_tok).map(|t| t.span.end).unwrap_or(start);
            let ns = an.tokens.get(c.nstart).map(|t| t.span.start).unwrap_or(start);
            let ne = an.tokens.get(c.nend.saturating_sub(1)).map(|t| t.span.end).unwrap_or(end);
            let (subject, location) =
                if keep { (c.subject.clone(), c.location.clone()) } else { (c.subject.take(), c.location.take()) };
            Figure {
                span: Span::new(start, end.max(start)),
                number: Span::new(ns, ne.max(ns)),
                value: c.value,
                unit: c.unit.as_deref().map(str::to_string),
                measure: c.measure.unwrap_or(Measure::Other),
                increment: c.increment,
                subject,
                location,
                sentence: si,
            }
        };
        // The last figure keeps its anchors for the next sentence of the paragraph.
        let n = done.len();
        for (k, c) in done.iter_mut().enumerate() {
            if c.nend > c.nstart {
                out.push(figure(c, k + 1 == n));
            }
        }
        if n > 0 {
            std::mem::swap(&mut done, &mut prev);
            prev_paragraph = sent.paragraph;
        }
    }
    out
}

/// The country a report is mostly about: the one named most often (at least twice, no tie).
fn home_country(entities: &[Mention]) -> Option<Anchor> {
    let mut counts: Vec<(&str, usize, Span)> = Vec::new();
    for m in entities.iter().filter(|m| m.kind == EntityKind::Country && m.form == Form::Name) {
        let name = m.country.as_deref().unwrap_or(m.name.as_str());
        match counts.iter_mut().find(|c| c.0 == name) {
            Some(c) => c.1 += 1,
            None => counts.push((name, 1, m.span)),
        }
    }
    let best = counts.iter().max_by_key(|c| c.1)?;
    let tie = counts.iter().filter(|c| c.1 == best.1).count() > 1;
    (best.1 >= 2 && !tie).then(|| Anchor::new(best.2, Some(best.0.to_string())))
}

/// How many earlier sentences of a paragraph are read for its place.
const PLACE_LOOKBACK: usize = 3;

/// The place named last in the earlier sentences of the figure's paragraph, when the figure's
/// own sentence names none: a report keeps its setting until it names another.
fn paragraph_place(
    an: &Analysis,
    entities: &[Mention],
    si: usize,
    last_place: &mut [Option<Option<Anchor>>],
    reading: &Reading,
    scratch: &mut Reading,
) -> Option<Anchor> {
    let sent = an.sentences.get(si)?;
    let mut k = si;
    while k > 0 && si - k < PLACE_LOOKBACK {
        k -= 1;
        let prev = an.sentences.get(k)?;
        if prev.paragraph != sent.paragraph {
            break;
        }
        let place = match last_place.get(k).and_then(Option::as_ref) {
            Some(known) => known.clone(),
            None => {
                let lex = match reading.get(k) {
                    Some(lex) => lex,
                    None => {
                        scratch.clear();
                        scratch.read(an, k);
                        scratch.last()?
                    }
                };
                let lex = &lex;
                let found = place_before(an, lex, entities, lex.end);
                if let Some(slot) = last_place.get_mut(k) {
                    *slot = Some(found.clone());
                }
                found
            }
        };
        if place.is_some() {
            return place;
        }
    }
    None
}

/// Finds the number phrases of one sentence and reads their value and noun phrase.
fn read_sentence(an: &Analysis, lex: &SentLex, entities: &[Mention], out: &mut Vec<Cand>) {
    out.clear();
    // The next token to read; numbers start only at the tokens the table reading marked.
    let mut i = lex.base;
    for &s in lex.starts() {
        if (s as usize) < i {
            continue;
        }
        i = s as usize;
        // A number glued to a preceding word or dash belongs to an identifier ("Su-34", "2013-14").
        let between = i > lex.base && lex.has(i - 1, role::BETWEEN);
        let Some(p) = number::parse(an, lex, i, between) else {
            continue;
        };
        let next = p.end.max(i + 1);
        if p.compound {
            i = next;
            continue;
        }
        if let Some(c) = read_figure(an, lex, entities, &p) {
            i = c.npend.max(next);
            out.push(c);
        } else {
            i = next;
        }
    }
}

/// Value, qualifier, counted noun and the filters for one number phrase.
fn read_figure(an: &Analysis, lex: &SentLex, entities: &[Mention], p: &NumPhrase) -> Option<Cand> {
    let base = lex.base;
    let toks = &an.tokens;
    let first = toks.get(p.start)?;
    // Glued to what precedes: "Su-34", "G-7", "2:14", "12/05".
    if p.start > base {
        let prev = toks.get(p.start - 1)?;
        let pt = text_bytes(an, p.start - 1);
        // An em dash is a break between words, not part of a name: "in recent years—26 cases".
        let em_dash = pt == "—".as_bytes();
        if !first.space_before
            && (prev.kind == TokenKind::Dash && !em_dash || matches!(pt, b":" | b"/" | b"." | b"-" | b"+" | b"#"))
        {
            return None;
        }
        if !first.space_before && prev.kind == TokenKind::Word && p.currency.is_none() {
            return None;
        }
    }
    // Numbers next to brackets, commas and full stops: list items, scores, references.
    if p.digits && p.currency.is_none() && !p.percent {
        let after = text_bytes(an, p.end);
        let before = if p.start > base { text_bytes(an, p.start - 1) } else { b"" };
        if (matches!(after, b"." | b")" | b"," | b"(") || matches!(before, b"(" | b","))
            && furniture_number(an, lex, p, before, after)
        {
            return None;
        }
    }
    // A list's name: "30 Under 30", "a 40 Under 40 honoree".
    if p.digits && !p.range && p.currency.is_none() && !p.percent {
        let same = |k: usize| kind_at(an, k) == Some(TokenKind::Number) && text_bytes(an, k) == text_bytes(an, p.start);
        let next = matches!(low_bytes(an, p.end), b"under" | b"over") && same(p.end + 1);
        let prev = p.start > base + 1 && matches!(low_bytes(an, p.start - 1), b"under" | b"over") && same(p.start - 2);
        if next || prev {
            return None;
        }
    }
    // Citations: pages after a volume ("28: 685-690"), reference marks ("[2]").
    if p.digits && p.currency.is_none() && !p.percent && p.start > base + 1 {
        let before = text_bytes(an, p.start - 1);
        if before == b":" && kind_at(an, p.start - 2) == Some(TokenKind::Number) && p.range
            || before == b"[" && text_bytes(an, p.end) == b"]"
        {
            return None;
        }
    }
    // Ratios: "4 in 10 children", "one in five".
    if !p.range
        && word_is(an, p.end, "in")
        && p.end + 1 < lex.end
        && number::parse(an, lex, p.end + 1, false).is_some_and(|q| q.low > p.high)
    {
        return None;
    }
    if p.start > base + 1
        && word_is(an, p.start - 1, "in")
        && number::parse(an, lex, p.start - 2, false).is_some_and(|q| q.end == p.start - 1 && q.high < p.low)
    {
        return None;
    }
    // Digit groups separated by spaces: phone numbers, "1 234 567".
    if p.digits && !p.range {
        let next_num = toks.get(p.end).is_some_and(|t| p.end < lex.end && t.kind == TokenKind::Number);
        // Also a model number after a count in words: "five 787 jets".
        let prev_num = p.start > base
            && (toks.get(p.start - 1).is_some_and(|t| t.kind == TokenKind::Number)
                || lex.number_word(an, p.start - 1).is_some()
                    && !matches!(low_bytes(an, p.start - 1), b"a" | b"an" | b"one")
                    && p.currency.is_none()
                    && !p.percent);
        if next_num || prev_num {
            return None;
        }
    }
    // Glued to what follows: "25-year-old", "48-month", "5th", "2:14", "24/7", "40C".
    if let Some(nt) = toks.get(p.end) {
        if p.end < lex.end && !nt.space_before {
            let t = an.tok(p.end);
            if nt.kind == TokenKind::Dash && !p.range {
                return None;
            }
            let glued_percent = lex.unit(p.end).is_some_and(|u| u.2 == UnitClass::Percent && u.0 == p.end + 1);
            if matches!(t, ":" | "/" | "-" | "(")
                || nt.kind == TokenKind::Word && !glued_percent
                || nt.kind == TokenKind::Number
            {
                return None;
            }
        }
    }
    // Number words glued into compounds ("nine-storey", "second-highest").
    if !p.digits && !p.vague {
        let t = an.tok(p.start);
        if t.contains('-') && number_word(t.rsplit('-').next().unwrap_or("")).is_none() {
            return None;
        }
    }

    // Qualifier before the number.
    let mut qstart = p.start;
    if p.vague && p.start > base && (word_is(an, p.start - 1, "several") || word_is(an, p.start - 1, "few")) {
        qstart = p.start - 1;
        if qstart > base && word_is(an, qstart - 1, "a") {
            qstart -= 1;
        }
    }
    let mut value = Value { low: Some(p.low), high: Some(p.high), approx: p.vague };
    let mut qual = None;
    if let Some((s, k)) = lex.qualifier_ending_at(p.start) {
        qual = Some(k);
        qstart = s;
    } else if p.start > base && lex.has(p.start - 1, role::BETWEEN) {
        qstart = p.start - 1;
    }
    let pre_qual = qual;
    // "at least a dozen", "about a dozen": the article belongs to the number already.
    let mut increment = false;
    if qstart > base
        && lex.has(qstart - 1, role::INCREMENT)
        && !word_is(an, qstart - 1, "more")
        && !word_is(an, qstart - 1, "new")
    {
        increment = true;
        qstart -= 1;
        if qstart > base && (word_is(an, qstart - 1, "a") || word_is(an, qstart - 1, "an")) {
            qstart -= 1;
        }
    }

    // After the number: post qualifier, increment words, the noun phrase.
    let mut j = p.end;
    if let Some((e, k)) = lex.post_qualifier(j) {
        // "about 500 or more": the bound wins over the softener.
        if qual.is_none() || matches!(qual, Some(QualKind::Approx | QualKind::Exact)) && k != QualKind::Approx {
            qual = Some(k);
        }
        j = e;
    }
    match qual {
        Some(QualKind::Low) => {
            value.high = None;
            if p.range {
                value.low = Some(p.low);
            }
        }
        Some(QualKind::High) => {
            value.low = None;
        }
        Some(QualKind::Approx) => value.approx = true,
        Some(QualKind::Exact) | None => {}
    }

    let mut unit: Option<Cow<'static, str>> = None;
    let mut class = None;
    let mut head = None;
    let mut partitive = false;
    let mut anaphoric = false;
    if p.percent {
        unit = Some(Cow::Borrowed("percent"));
        class = Some(UnitClass::Percent);
    }
    if let Some(c) = p.currency {
        unit = Some(Cow::Borrowed(c));
        class = Some(UnitClass::Currency);
    }
    let mut npend = p.end;
    if class.is_none() {
        // A number restated in brackets: "four (4) size options".
        if text_bytes(an, j) == b"(" && kind_at(an, j + 1) == Some(TokenKind::Number) && text_bytes(an, j + 2) == b")" {
            j += 3;
        }
        // Increment words between number and noun: "3,000 more personnel"; not a comparison
        // ("four more than last year").
        while j < lex.end && lex.has(j, role::INCREMENT) && !word_is(an, j, "another") && !word_is(an, j + 1, "than") {
            increment = true;
            j += 1;
            npend = j;
        }
        if word_is(an, j, "of") {
            let k = j + 1;
            let w = an.low(k);
            let pronoun = matches!(w, "them" | "those" | "these" | "us" | "whom");
            if p.vague && !pronoun {
                j += 1;
            } else {
                match w {
                    _ if pronoun => {
                        partitive = true;
                        anaphoric = true;
                        npend = k + 1;
                        // Apposition: "four of them children".
                        if let Some(t) = toks.get(k + 1).filter(|_| k + 1 < lex.end) {
                            if t.kind == TokenKind::Word {
                                let tx = an.tok(k + 1);
                                let listed = lex.unit(k + 1).filter(|u| u.0 == k + 2);
                                if let Some((_, s, c)) = listed.filter(|u| u.2 != UnitClass::Noncount) {
                                    unit = Some(Cow::Borrowed(s));
                                    class = Some(c);
                                    head = Some(k + 1);
                                    npend = k + 2;
                                } else if plural_shaped(tx)
                                    && !lex.has(k + 1, role::STOP)
                                    && lex.cue(k + 1, POS_POST).is_none()
                                {
                                    unit = Some(Cow::Owned(singular(tx)));
                                    class = Some(UnitClass::Thing);
                                    head = Some(k + 1);
                                    npend = k + 2;
                                }
                            }
                        }
                        j = lex.end;
                    }
                    "the" | "its" | "their" | "his" | "her" | "our" => {
                        partitive = true;
                        anaphoric = w == "the";
                        j = k + 1;
                        // "11 of the 12 cities": the part counts what the whole counts; the
                        // whole is a figure of its own.
                        if kind_at(an, j) == Some(TokenKind::Number) && j < lex.end {
                            if let Some(q) = number::parse(an, lex, j, false).filter(|q| q.low >= p.high) {
                                if let Some((_, h, u, c)) = noun_phrase(an, lex, q.end)
                                    .filter(|r| matches!(r.3, UnitClass::Person | UnitClass::Force | UnitClass::Thing))
                                {
                                    head = Some(h);
                                    class = Some(c);
                                    unit = u;
                                    npend = j;
                                    anaphoric = false;
                                    j = lex.end;
                                }
                            }
                        }
                    }
                    // "seven of the team's assists".
                    _ if an.is_cap(k) && is_possessive(an, k + 1) => {
                        partitive = true;
                        j = k + 2;
                    }
                    _ => {
                        j = lex.end;
                    }
                }
            }
        }
        if j < lex.end {
            if let Some((e, h, u, c)) = noun_phrase(an, lex, j) {
                if c == UnitClass::Time || c == UnitClass::Physical {
                    return None;
                }
                npend = e;
                head = Some(h);
                class = Some(c);
                unit = u;
            } else if let Some(h) =
                (p.low == 1.0 && p.high == 1.0 && !p.scaled && !partitive).then(|| singular_head(an, lex, j)).flatten()
            {
                // "one civilian", "1 tackle": a singular head.
                npend = h + 1;
                head = Some(h);
                class = Some(UnitClass::Thing);
                unit = Some(Cow::Owned(an.low(h).to_string()));
            } else if partitive {
                npend = npend.max(j);
            }
        }
        if let Some(u) = &unit {
            if class == Some(UnitClass::Currency) && u == "pound" && word_is(an, npend, "of") {
                return None;
            }
        }
    }
    if p.percent {
        npend = npend.max(p.end);
    }
    // "500 boats or more".
    if npend > p.end {
        if let Some((e, k)) = lex.post_qualifier(npend) {
            if k != QualKind::Approx && qual != Some(k) {
                match k {
                    QualKind::Low => value.high = None,
                    QualKind::High => value.low = None,
                    QualKind::Approx | QualKind::Exact => {}
                }
                value.approx = false;
                npend = e;
            }
        }
    }
    // "90 percent" written as a word.
    if unit.is_none() {
        if let Some((e, s, UnitClass::Percent)) = lex.unit(p.end) {
            unit = Some(Cow::Borrowed(s));
            class = Some(UnitClass::Percent);
            npend = e;
            head = Some(p.end);
        }
    }

    // A dot before three digits with a plural noun after is a thousands separator: "1.000
    // lights" (continental style), while "1.5 lights" is no count at all.
    if p.digits && !p.scaled && !p.range && p.currency.is_none() && !p.percent {
        let t = text_bytes(an, p.start);
        let dot = t.iter().position(|&b| b == b'.');
        let thousands = dot.is_some_and(|d| (1..=3).contains(&d) && t.len() == d + 4)
            && t.iter().filter(|&&b| b == b'.').count() == 1
            && t.iter().all(|&b| b == b'.' || b.is_ascii_digit());
        let plural = head.is_some_and(|h| unit.as_deref().is_some_and(|u| u != an.low(h)))
            && matches!(class, Some(UnitClass::Person | UnitClass::Force | UnitClass::Thing));
        if thousands && plural {
            let v = (p.low * 1000.0).round();
            value.low = value.low.map(|_| v);
            value.high = value.high.map(|_| v);
        }
    }
    // Filters: what is not a figure.
    let plain = p.currency.is_none() && !p.percent && !p.scaled && !p.range && !p.vague;
    let prevw = if qstart > base { Some(qstart - 1) } else { None };
    let prev2 = prevw.and_then(|x| if x > base { Some(x - 1) } else { None });
    if plain && p.digits {
        let text = text_bytes(an, p.start);
        let separated = text.iter().any(|&b| b == b',' || b == b'.');
        let year_like = text.len() == 4 && !separated && (1800.0..=2100.0).contains(&p.low);
        let count_noun = matches!(class, Some(UnitClass::Person | UnitClass::Force));
        if year_like && qual.is_none() && !count_noun {
            return None;
        }
        // "from at least 2002 to 2005": a span of years.
        let year_at = |k: usize| {
            kind_at(an, k) == Some(TokenKind::Number)
                && text_bytes(an, k).len() == 4
                && text_bytes(an, k).iter().all(u8::is_ascii_digit)
        };
        let joined = matches!(low_bytes(an, p.end), b"to" | b"through" | b"until")
            || kind_at(an, p.end) == Some(TokenKind::Dash);
        if year_like && unit.is_none() && joined && p.end + 1 < lex.end && year_at(p.end + 1) {
            return None;
        }
        // Long bare digit strings: phone numbers, codes.
        if !separated && text.len() > 6 {
            return None;
        }
    }
    // Ages, also as ranges: "aged 18 to 25".
    if prevw.is_some_and(|x| lex.has(x, role::AGE)) && p.currency.is_none() && !p.percent {
        return None;
    }
    // Addresses: "10 Downing Street".
    if plain && p.digits {
        let mut k = p.end;
        while k < lex.end && k < p.end + 5 && kind_at(an, k) == Some(TokenKind::Word) && an.is_cap(k) {
            if lex.has(k, role::ADDRESS) {
                return None;
            }
            // A compass initial: "3170 W. County Road".
            if k == p.end && text_bytes(an, k).len() == 1 && text_bytes(an, k + 1) == b"." {
                k += 1;
            }
            k += 1;
        }
    }
    // Identifiers written with an abbreviation: "No. 10".
    if plain
        && prevw.is_some_and(|x| text_bytes(an, x) == b".")
        && prev2.is_some_and(|y| lex.has(y, role::ID) && an.is_cap(y))
    {
        return None;
    }
    // Day ranges: "Oct. 5–7", "18–21 June".
    if p.range && p.digits && p.currency.is_none() && !p.percent && !p.scaled && p.high <= 31.0 {
        let mut k = prevw;
        if let Some(x) = k.filter(|&x| text_bytes(an, x) == b".") {
            k = if x > base { Some(x - 1) } else { None };
        }
        let month_before = k.is_some_and(|x| lex.has(x, role::MONTH) && an.is_cap(x));
        if month_before || p.end < lex.end && lex.has(p.end, role::MONTH) && an.is_cap(p.end) {
            return None;
        }
    }
    if plain {
        // Dates: "March 3", "Jan. 5", "3 March".
        let mut k = prevw;
        if let Some(x) = k.filter(|&x| text_bytes(an, x) == b".") {
            k = if x > base { Some(x - 1) } else { None };
        }
        if k.is_some_and(|x| lex.has(x, role::MONTH) && an.is_cap(x)) {
            return None;
        }
        if p.end < lex.end && lex.has(p.end, role::MONTH) && an.is_cap(p.end) {
            return None;
        }
        // Identifiers, ages, measurements named before the number.
        if let Some(x) = prevw {
            if qual.is_none() && lex.has(x, role::ID | role::AGE | role::MEASUREMENT) && !lex.has(x, role::STOP) {
                let id_ok = !lex.has(x, role::ID) || an.is_cap(x) || unit.is_none();
                if id_ok {
                    return None;
                }
            }
            // A proper name before a bare number: "Boeing 737", "iPhone 15", "World War 2"; a
            // name with an inner capital also at the start of a sentence ("AirPods 2").
            if pre_qual.is_none()
                && kind_at(an, x) == Some(TokenKind::Word)
                && (x > base || inner_capital(an.tok(x)))
                && !lex.has(x, role::STOP)
                && an.tok(x).chars().any(char::is_uppercase)
                && !an.tokens.get(x).is_some_and(|t| {
                    near(entities, t.span.start.saturating_sub(200), t.span.start + 1)
                        .iter()
                        .any(|m| m.span.contains(t.span))
                })
            {
                return None;
            }
        }
        // Ages in apposition: "Sita Chaudhary, 52, a farmer".
        if let (Some(x), Some(y)) = (prevw, prev2) {
            let after_comma = matches!(text_bytes(an, p.end), b"," | b")" | b".")
                || kind_at(an, p.end) == Some(TokenKind::Dash)
                || p.end >= lex.end;
            // After a suffix ("Carl Jones Jr., 55,") or a lower-case noun ("the former star,
            // 42, said"), a number closed by a comma.
            let suffix = text_bytes(an, y) == b"."
                && y > base
                && an.is_cap(y - 1)
                && kind_at(an, y - 1) == Some(TokenKind::Word)
                && text_bytes(an, y - 1).len() <= 3;
            let noun = kind_at(an, y) == Some(TokenKind::Word)
                && !an.is_cap(y)
                && !lex.has(y, role::STOP)
                && lex.number_word(an, y).is_none()
                && text_bytes(an, p.end) == b",";
            if text_bytes(an, x) == b","
                && (an.is_cap(y) && kind_at(an, y) == Some(TokenKind::Word) || suffix || noun)
                && after_comma
                && unit.is_none()
                && p.low < 120.0
                && p.low.fract() == 0.0
            {
                return None;
            }
        }
        if p.digits && unit.is_none() && pre_qual.is_none() {
            // A bare number between a determiner and a word that it does not count is a name or
            // a model: "the 777 program", "its popular 737 Max jet", "a 40 Under 40 honoree".
            let mut d = prevw;
            if let Some(x) = d.filter(|&x| x > base && kind_at(an, x) == Some(TokenKind::Word) && !an.is_cap(x)) {
                if !lex.has(x, role::STOP) {
                    d = Some(x - 1);
                }
            }
            let det = d.is_some_and(|x| lex.has(x, role::DETERMINER));
            // Not before a superlative or a listing word: "the 10 best deals", "the 3 other
            // suspects".
            let nw = low_bytes(an, p.end);
            let ranked =
                nw.ends_with(b"est") || matches!(nw, b"most" | b"top" | b"other" | b"more" | b"remaining" | b"new");
            if det
                && p.end < lex.end
                && kind_at(an, p.end) == Some(TokenKind::Word)
                && !lex.has(p.end, role::STOP)
                && !ranked
            {
                return None;
            }
            // A number standing alone on a line, or as "2 of 5" or "Photo 3": a counter.
            if counter_line(an, lex) {
                return None;
            }
        }
        // The emergency number: "911 calls", "a 911 dispatcher".
        if p.digits && text_bytes(an, p.start) == b"911" && (head.is_none() || class == Some(UnitClass::Thing)) {
            return None;
        }
        // A multiplier written apart: "a five time champion".
        if p.high > 1.0
            && word_is(an, p.end, "time")
            && p.end + 1 < lex.end
            && kind_at(an, p.end + 1) == Some(TokenKind::Word)
        {
            return None;
        }
        // A reading on a scale: "ratings of 999", "the index reached 408".
        if p.digits && unit.is_none() && (qstart.saturating_sub(3).max(base)..qstart).any(|x| lex.has(x, role::READING))
        {
            return None;
        }
        // "zero" with nothing counted: "zero in on", "zero tolerance".
        let verb_or_mass = kind_at(an, p.end) == Some(TokenKind::Word)
            && p.end < lex.end
            && (word_is(an, p.end, "in") || !lex.has(p.end, role::AUX | role::STOP));
        if !p.digits && p.high == 0.0 && unit.is_none() && verb_or_mass {
            return None;
        }
        // An age before a home town, its comma lost: "Ann Ray 31, of Dover".
        if unit.is_none()
            && p.digits
            && p.low < 120.0
            && p.low.fract() == 0.0
            && prevw.is_some_and(|x| an.is_cap(x) && kind_at(an, x) == Some(TokenKind::Word))
            && text_bytes(an, p.end) == b","
            && word_is(an, p.end + 1, "of")
            && an.is_cap(p.end + 2)
        {
            return None;
        }
        // "one" as a pronoun: "one of the soldiers", "no one", "one another".
        if !p.digits && p.low == 1.0 && (partitive || unit.is_none() || head.is_none()) {
            return None;
        }
        // "at least once" etc. are not numbers; a bare "one" anywhere is too weak.
        // A fraction with nothing counted is a rating or a measure, not a count: "a 93.2
        // grade", "5.1 surround sound".
        if p.digits && unit.is_none() && p.low.fract() != 0.0 {
            return None;
        }
        // A number opening a title-case line: a headline or a link ("15 Amazing Images of Stars").
        if unit.is_none() && p.start <= base + 1 && headline(an, lex) {
            return None;
        }
    }
    // "one" counts only with a noun, and with a person's noun or one not listed only when
    // its measure is clear: "one soldier was killed", not "one knows", "no one", "one
    // official said".
    let mut weak = false;
    if !p.digits && p.low == 1.0 && p.high == 1.0 && !p.scaled && !p.vague {
        let listed = head.and_then(|h| lex.unit(h).filter(|u| u.0 == h + 1 && u.2 != UnitClass::Noncount));
        match listed {
            Some((_, _, UnitClass::Person | UnitClass::Force)) => weak = true,
            Some(_) => {}
            None if head.is_some() && class == Some(UnitClass::Thing) => weak = true,
            None => return None,
        }
    }

    Some(Cand {
        qstart,
        nstart: p.start,
        nend: p.end,
        npend: npend.max(p.end),
        head,
        unit,
        class,
        partitive,
        anaphoric,
        value,
        increment,
        verb: None,
        measure: None,
        subject: None,
        location: None,
        inherits: false,
        weak,
    })
}

/// The counted noun phrase starting at `j`: (end, head token, unit, class).
fn noun_phrase(an: &Analysis, lex: &SentLex, j: usize) -> Option<(usize, usize, Option<Cow<'static, str>>, UnitClass)> {
    // The unit of the best head so far: listed, or (None) the singular of the head word.
    let mut best: Option<(usize, usize, Option<&'static str>, UnitClass)> = None;
    let mut k = j;
    // Lower-case words before the head; more than two is a clause, not a noun phrase.
    let mut modifiers = 0;
    let limit = (j + 6).min(lex.end);
    while k < limit {
        let t = an.tokens.get(k)?;
        // The full stop of an abbreviation inside the phrase: "200 U.S. military personnel".
        if k > j && !t.space_before && text_bytes(an, k) == b"." && text_bytes(an, k - 1).contains(&b'.') {
            k += 1;
            continue;
        }
        if t.kind != TokenKind::Word {
            // "%" is a unit too.
            if let Some((e, s, c)) = lex.unit(k) {
                if best.is_none() {
                    return Some((e, k, Some(Cow::Borrowed(s)), c));
                }
            }
            break;
        }
        let text = an.tok(k);
        if let Some((e, s, c)) = lex.unit(k) {
            // A currency code after the number: "500 USD".
            let c = if c == UnitClass::Prefix { UnitClass::Currency } else { c };
            if c == UnitClass::Noncount {
                if best.is_none() && k == j {
                    return Some((e, k, None, c));
                }
                break;
            }
            // A duration or measurement, also behind lower-case modifiers ("four straight years").
            if matches!(c, UnitClass::Time | UnitClass::Physical) && best.is_none() && (k == j || modifiers == k - j) {
                return Some((e, k, Some(Cow::Borrowed(s)), c));
            }
            if !matches!(c, UnitClass::Time | UnitClass::Physical) {
                best = Some((e, k, Some(s), c));
                k = e;
                // A currency or percent closes the phrase.
                if matches!(c, UnitClass::Currency | UnitClass::Percent) {
                    break;
                }
                continue;
            }
            break;
        }
        // Coordinated modifiers before the head: "1,000 maintenance and cleaning workers".
        if best.is_none() && k == j + 1 && k + 2 < limit && matches!(an.low(k), "and" | "or") {
            let modifier = an.tokens.get(k + 1).is_some_and(|t2| {
                t2.kind == TokenKind::Word
                    && (t2.cap || !plural_shaped(an.tok(k + 1)))
                    && !lex.has(k + 1, role::STOP | role::AUX)
                    && lex.cue(k + 1, POS_PRE | POS_POST).is_none()
            });
            let head = lex.unit(k + 2).is_some_and(|u| u.0 == k + 3) || plural_shaped(an.tok(k + 2));
            // The word before "and" is a modifier too, not a plural head ("Uighurs and others").
            if modifier && head && !plural_shaped(an.tok(j)) {
                k += 1;
                continue;
            }
        }
        if lex.has(k, role::STOP) && !is_cap(text) {
            break;
        }
        // A stop word in capitals is an acronym: "13,000 US troops".
        if k == j
            && lex.has(k, role::STOP)
            && is_cap(text)
            && !(text.len() >= 2 && text.bytes().all(|b| b.is_ascii_uppercase()))
        {
            break;
        }
        let lowered = an.low(k);
        let participle = lowered.ends_with("ing") || lowered.ends_with("ed");
        if participle && !is_cap(text) {
            // A participle modifies only when a noun follows: "armed men", not "people killed in".
            let next_ok = an.tokens.get(k + 1).is_some_and(|n| n.kind == TokenKind::Word)
                && k + 1 < lex.end
                && !lex.has(k + 1, role::STOP)
                && lex.cue(k + 1, POS_POST).is_none();
            if !next_ok || best.is_some() {
                break;
            }
            k += 1;
            continue;
        }
        let nationality = ["ans", "ians", "ese", "is"].iter().any(|suf| text.ends_with(suf));
        if acronym_plural(text) && best.is_none() && modifiers <= 2 {
            // "12 MPs", "300 NGOs".
            best = Some((k + 1, k, None, UnitClass::Thing));
            k += 1;
            continue;
        }
        // A capitalised plural right after the number counts people or things too ("40
        // Democrats", "five Purge Troopers"), unless a name goes on after it.
        let cap_head = k == j + modifiers && is_cap(text) && best.is_none() && !an.is_cap(k + 1);
        if plural_shaped(text) && (!is_cap(text) || nationality || cap_head) && modifiers <= 2 {
            best = Some((k + 1, k, None, UnitClass::Thing));
        } else if best.is_some() && !is_cap(text) {
            // A singular word after the head: the phrase is over ("drones overnight").
            break;
        }
        if !is_cap(text) {
            modifiers += 1;
        }
        k += 1;
    }
    best.map(|(e, h, u, c)| {
        let unit = match u {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(singular(an.tok(h))),
        };
        (e, h, Some(unit), c)
    })
}

/// A number in digits (no currency, no percent) that punctuation shows is no count: a list
/// item's number ("2. The second point"), a tie-break or a number restated in brackets ("7-6
/// (5)", "four (4)"), set scores in a row ("6-4, 3-6"), a decimal broken by a space ("3. 5mm"),
/// references and records in brackets ("(27, 28)", "(1-2)"). `before` and `after` are the
/// tokens around it.
#[inline(never)]
fn furniture_number(an: &Analysis, lex: &SentLex, p: &NumPhrase, before: &[u8], after: &[u8]) -> bool {
    let base = lex.base;
    if p.start == base && !p.range && matches!(after, b"." | b")") {
        return true;
    }
    if !p.range && p.start > base + 1 && before == b"(" && after == b")" {
        let k = p.start - 2;
        if kind_at(an, k) == Some(TokenKind::Number) || lex.number_word(an, k).is_some() {
            return true;
        }
    }
    if p.range && score_pair(an, lex, p.start) {
        // Followed by another set or by its tie-break: "6-7 (4), 6-4".
        let tie_break =
            after == b"(" && kind_at(an, p.end + 1) == Some(TokenKind::Number) && text_bytes(an, p.end + 2) == b")";
        let next = tie_break || after == b"," && score_pair(an, lex, p.end + 1);
        let prev = p.start >= base + 4 && before == b"," && score_pair(an, lex, p.start - 4);
        if next || prev {
            return true;
        }
    }
    if after == b"." {
        let dot_end = an.tokens.get(p.end).map_or(0, |t| t.span.end);
        let rest = an.body.as_bytes().get(dot_end..dot_end + 2).unwrap_or(&[]);
        if rest.first() == Some(&b' ') && rest.get(1).is_some_and(u8::is_ascii_digit) {
            return true;
        }
    }
    !p.scaled && bracket_list(an, lex, p.start, p.end)
}

/// The sentence holds only numbers, "of" and at most one word at its start: a gallery or page
/// counter ("2 of 5", "Photo 3", a number between numbers), not a count.
#[inline(never)]
fn counter_line(an: &Analysis, lex: &SentLex) -> bool {
    if lex.end <= lex.base || lex.end - lex.base > 5 {
        return false;
    }
    let mut words = 0;
    let only = (lex.base..lex.end).all(|k| match kind_at(an, k) {
        Some(TokenKind::Word) => {
            words += 1;
            k == lex.base && an.is_cap(k) || low_bytes(an, k) == b"of"
        }
        Some(TokenKind::Number | TokenKind::Stop | TokenKind::Dash) => true,
        _ => text_bytes(an, k) == b"/",
    });
    // A bare number alone is a counter only among others like it ("6", "6", "6").
    only && (words > 0
        || lex.base > 0 && kind_at(an, lex.base - 1) == Some(TokenKind::Number)
        || kind_at(an, lex.end) == Some(TokenKind::Number))
}

/// Tokens `s..e` (a number) stand in brackets that hold only bare numbers, commas and dashes.
fn bracket_list(an: &Analysis, lex: &SentLex, s: usize, e: usize) -> bool {
    let bare =
        |k: usize| matches!(kind_at(an, k), Some(TokenKind::Number | TokenKind::Dash)) || text_bytes(an, k) == b",";
    let mut a = s;
    while a > lex.base && a + 8 > s && bare(a - 1) {
        a -= 1;
    }
    let mut b = e;
    while b < lex.end && b < e + 8 && bare(b) {
        b += 1;
    }
    a > lex.base && text_bytes(an, a - 1) == b"(" && text_bytes(an, b) == b")"
}

/// The sentence is a short title-case line with no closing stop: every word of four letters or
/// more capitalised, at least two of them.
#[inline(never)]
fn headline(an: &Analysis, lex: &SentLex) -> bool {
    if lex.end <= lex.base || lex.end - lex.base > 14 || kind_at(an, lex.end - 1) == Some(TokenKind::Stop) {
        return false;
    }
    let mut capitalised = 0;
    for k in lex.base..lex.end {
        if kind_at(an, k) == Some(TokenKind::Word) && text_bytes(an, k).len() >= 4 {
            if !an.is_cap(k) {
                return false;
            }
            capitalised += 1;
        }
    }
    capitalised >= 2
}

/// Digits, a dash and digits written together at `i`: a score ("6-4").
fn score_pair(an: &Analysis, lex: &SentLex, i: usize) -> bool {
    i + 2 < lex.end
        && kind_at(an, i) == Some(TokenKind::Number)
        && kind_at(an, i + 1) == Some(TokenKind::Dash)
        && kind_at(an, i + 2) == Some(TokenKind::Number)
        && an.tokens.get(i + 1).is_some_and(|t| !t.space_before)
        && an.tokens.get(i + 2).is_some_and(|t| !t.space_before)
}

/// A word with a capital after its first letter: a product or brand name ("iPhone", "AirPods").
fn inner_capital(w: &str) -> bool {
    let mut lower_seen = false;
    for (k, ch) in w.char_indices() {
        if ch.is_lowercase() {
            lower_seen = true;
        } else if ch.is_uppercase() && k > 0 && lower_seen {
            return true;
        }
    }
    false
}

/// The head of a singular noun phrase at `j` after "one" or "1": up to three lower-case words,
/// the last of them the head ("one late arrival", "1 bag of nuts").
fn singular_head(an: &Analysis, lex: &SentLex, j: usize) -> Option<usize> {
    let mut head = None;
    let mut k = j;
    while k < lex.end && k < j + 3 {
        let t = an.tokens.get(k)?;
        if t.kind != TokenKind::Word || t.cap || lex.has(k, role::STOP | role::AUX) || lex.cue(k, POS_POST).is_some() {
            break;
        }
        let w = low_bytes(an, k);
        if w.len() < 3 || w.ends_with(b"ly") || w.ends_with(b"ing") || w.ends_with(b"ed") || w.contains(&b'\'') {
            break;
        }
        if lex.unit(k).is_some() || lex.number_word(an, k).is_some() {
            break;
        }
        head = Some(k);
        k += 1;
    }
    head
}

/// Measure, subject, location and increment of one figure, given the figure before it.
fn complete(an: &Analysis, lex: &SentLex, entities: &[Mention], c: &mut Cand, ante: Option<&Cand>, done: &[Cand]) {
    let base = lex.base;
    let same_sentence_prev = done.last();

    // Does this figure lean on the one before it?
    let prevw = if c.qstart > base { Some(c.qstart - 1) } else { None };
    let mut inherits = c.anaphoric;
    if let Some(x) = prevw {
        // "up from 158", "to 1.9 percent, from 1.6 percent": the earlier value of the same count.
        let earlier = word_is(an, x, "from")
            && x > base
            && (lex.has(x - 1, role::CHANGE)
                || an.tok(x - 1) == "," && same_sentence_prev.is_some_and(|p| p.npend + 1 >= x));
        if word_is(an, x, "including") || earlier || text_bytes(an, x) == b"(" {
            inherits = true;
        }
    }
    if c.increment && c.head.is_none() {
        inherits = true;
    }
    // Coordinated objects: "launched 143 drones and four missiles".
    let mut coordinated = false;
    if let (Some(x), Some(prev)) = (prevw, same_sentence_prev) {
        if (word_is(an, x, "and") || an.tok(x) == ",") && prev.npend == x {
            coordinated = true;
        }
    }
    c.inherits = inherits;

    // Measure.
    let mut measure = match c.class {
        Some(UnitClass::Currency) => Some(Measure::Money),
        Some(UnitClass::Percent) => Some(Measure::Other),
        _ => None,
    };
    // A verb before the number: "killing at least seven", "Among those detained were".
    let mut k = c.qstart;
    let mut skipped = 0;
    while k > base && skipped < 2 {
        let x = k - 1;
        if lex.has(x, role::AUX) && !lex.has(x, role::LOCATIVE) && lex.cue(x, POS_PRE).is_none() {
            k = x;
            skipped += 1;
        } else {
            break;
        }
    }
    // "Among the dead were 12 children": any cue stands before an inverted copula.
    let inverted = skipped > 0 && k < c.qstart && matches!(an.low(k), "were" | "are" | "was" | "is");
    if inverted && measure.is_none() {
        let x = k.saturating_sub(1);
        if let Some((e, cu)) = lex.cue(x, POS_POST | POS_NOUN) {
            if e == k {
                measure = cu.measure;
            }
        }
    }
    let lo = k.saturating_sub(4).max(base);
    let people = c.class == Some(UnitClass::Force);
    let pre = (lo..k)
        .find_map(|s| lex.cue(s, POS_PRE).filter(|(e, _)| *e == k).map(|(_, cu)| (s, cu)))
        .filter(|(_, cu)| people || cu.positions & POS_FORCE == 0);
    if let Some((s, cu)) = pre {
        c.verb = Some((s, cu.agent));
        if measure.is_none() {
            measure = cu.measure;
        }
    } else if coordinated {
        c.verb = same_sentence_prev.and_then(|p| p.verb);
    }
    // "the deaths of at least three children", "the arrest of 12 men": the noun before "of"
    // names what happened to them.
    if measure.is_none() && pre.is_none() && c.qstart > base + 1 && word_is(an, c.qstart - 1, "of") {
        let x = c.qstart - 2;
        if let Some((e, cu)) = lex.cue(x, POS_NOUN | POS_PRE) {
            if e == x + 1 && !an.is_cap(x) && !text_bytes(an, x).ends_with(b"ed") {
                measure = cu.measure;
            }
        }
    }
    // The object of a place preposition is not the subject of the predicate after it ("in 21
    // cities have been killed").
    let object = prevw.is_some_and(|x| lex.has(x, role::LOCATIVE) && lex.has(x, role::STOP) && !word_is(an, x, "to"));
    if measure.is_none() && !object {
        let (m, loose) = post_measure(an, lex, c);
        // A counted noun that names its measure ("three deaths of detained children") outranks
        // a predicate reached only by skipping words.
        let noun = c.head.and_then(|h| lex.cue(h, POS_NOUN)).and_then(|(_, cu)| cu.measure);
        measure = if loose && noun.is_some() { noun } else { m };
    }
    if measure.is_none() {
        // The counted noun itself: "protesters", "bodies", "of the dead".
        for x in c.nend..c.npend {
            // "7 wounded", "3 dead": the adjective heads the phrase.
            let adjective_head = c.class == Some(UnitClass::Noncount) && c.head == Some(x);
            let position = if adjective_head { POS_NOUN | POS_POST } else { POS_NOUN };
            if let Some((_, cu)) = lex.cue(x, position) {
                if cu.measure.is_some() {
                    measure = cu.measure;
                    break;
                }
            }
        }
    }
    // "launched 143 drones and four missiles": the second object shares the verb.
    if measure.is_none() && pre.is_none() && coordinated {
        measure = same_sentence_prev.and_then(|p| p.measure);
    }
    // "the toll rose to 214", "the number of people killed ... to 44,249".
    let mut number_of: Option<usize> = None;
    let to_value = prevw.is_some_and(|x| lex.has(x, role::VALUE_OF));
    if to_value {
        let mut toll = false;
        for x in (base..c.qstart).rev() {
            if lex.has(x, role::TOLL) {
                toll = true;
                break;
            }
            // "bringing total losses to 312".
            if c.qstart - x <= 6 && lex.cue(x, POS_NOUN).is_some_and(|(_, cu)| cu.measure.is_some()) {
                toll = true;
                break;
            }
            if lex.has(x, role::NUMBER_OF) && word_is(an, x + 1, "of") {
                number_of = Some(x + 2);
                break;
            }
        }
        if toll || number_of.is_some() {
            if measure.is_none() {
                measure = (base..c.qstart).rev().find_map(|x| {
                    lex.cue(x, POS_PRE | POS_POST | POS_NOUN)
                        .and_then(|(e, cu)| if e <= c.qstart { cu.measure } else { None })
                });
            }
            if let Some(np) = number_of {
                if c.unit.is_none() {
                    if let Some((_, _, u, cl)) = noun_phrase(an, lex, np) {
                        if !matches!(cl, UnitClass::Time | UnitClass::Physical | UnitClass::Noncount) {
                            c.unit = u;
                        }
                    }
                }
            }
        }
    }
    if measure.is_none() && inherits {
        measure = ante.and_then(|a| a.measure);
    }
    // Injuries from armed attacks are the wounded of a conflict ("a drone strike injured 20").
    if measure == Some(Measure::Injured) && lex.any(role::COMBAT) {
        measure = Some(Measure::Wounded);
    }
    // Deployment counts people; weapons and goods sent are plain counts ("sent 31 tanks"), and
    // so are things needed or faced ("two things you need to know"), though not what a verb
    // before them affected ("affected nearly 40 immigrants").
    let affected_after = measure == Some(Measure::Affected) && pre.is_none();
    if (measure == Some(Measure::Deployed) || affected_after)
        && matches!(c.class, Some(UnitClass::Thing | UnitClass::Currency | UnitClass::Percent))
    {
        measure = Some(Measure::Other);
    }
    c.measure = measure;

    // Subject.
    let np_lo = an.tokens.get(c.nend).map(|t| t.span.start).unwrap_or(usize::MAX);
    let np_hi = an.tokens.get(c.npend.saturating_sub(1)).map(|t| t.span.end).unwrap_or(0);
    let owner = |m: &&Mention| m.kind != EntityKind::Person;
    // A currency's own adjective ("Swiss francs") names the money, not its owner.
    let money = c.class == Some(UnitClass::Currency);
    let mut subject = near(entities, if money { np_hi } else { np_lo }, np_hi)
        .iter()
        .filter(owner)
        .find(|m| m.span.start >= np_lo && m.span.end <= np_hi && c.npend > c.nend)
        .map(|m| Anchor::new(m.span, Some(m.name.clone())));
    if subject.is_none() && !money {
        subject = owner_word(an, lex, c);
    }
    if subject.is_none() {
        // "members of the PDF".
        let mut k = c.npend;
        if word_is(an, k, "of") {
            k += 1;
            if word_is(an, k, "the") {
                k += 1;
            }
            if let Some(t) = an.tokens.get(k) {
                subject = near(entities, t.span.start, t.span.start + 1)
                    .iter()
                    .filter(owner)
                    .find(|m| m.span.start == t.span.start && m.kind != EntityKind::Place)
                    .map(|m| Anchor::new(m.span, Some(m.name.clone())));
            }
        }
    }
    if subject.is_none() {
        if let Some(np) = number_of {
            let lo = an.tokens.get(np).map(|t| t.span.start).unwrap_or(usize::MAX);
            let hi = an.tokens.get((np + 5).min(c.qstart)).map(|t| t.span.end).unwrap_or(0);
            subject = near(entities, lo, hi)
                .iter()
                .filter(owner)
                .find(|m| m.span.start >= lo && m.span.end <= hi && m.form == Form::Demonym)
                .map(|m| Anchor::new(m.span, Some(m.name.clone())));
        }
    }
    if subject.is_none() && c.qstart > base {
        // A possessor right before the figure: "its 200 soldiers", "Russia's 500 tanks".
        let x = c.qstart - 1;
        if word_is(an, x, "its") || word_is(an, x, "their") {
            subject = antecedent_entity(an, entities, x);
        } else if is_possessive(an, x) && x > base {
            let end = an.tokens.get(x - 1).map(|t| t.span.end).unwrap_or(0);
            subject = near(entities, end.saturating_sub(200), end)
                .iter()
                .find(|m| m.span.end == end && owner(m))
                .map(|m| Anchor::new(m.span, Some(m.name.clone())));
        }
    }
    if subject.is_none() {
        // Possessive pronoun inside the phrase: "its soldiers".
        for x in c.nend..c.npend {
            if word_is(an, x, "its") || word_is(an, x, "their") {
                subject = antecedent_entity(an, entities, x);
                break;
            }
        }
    }
    if subject.is_none() {
        if let Some((v, true)) = c.verb {
            subject = agent(an, lex, entities, v);
        } else if money && c.verb.is_none() && c.qstart > base {
            // "signed agreements worth $96 million", "signed a grant of 1.2 million euros":
            // the giving verb stands a short noun phrase before the amount.
            let lo = c.qstart.saturating_sub(6).max(base);
            let giver = (lo..c.qstart).rev().find_map(|x| lex.cue(x, POS_PRE).filter(|(_, cu)| cu.agent).map(|_| x));
            if let Some(v) = giver {
                subject = agent(an, lex, entities, v);
            }
        }
    }
    if subject.is_none() && (inherits || coordinated) {
        subject = ante.and_then(|a| a.subject.clone());
    }
    if subject.is_none() {
        // Things of the same kind in one sentence belong to the same owner.
        if let Some(prev) = same_sentence_prev.filter(|p| p.unit.is_some() && p.unit == c.unit) {
            subject = prev.subject.clone();
        }
    }
    c.subject = subject;

    // Location.
    let mut location = place_after(an, lex, entities, c.npend);
    if location.is_none() && c.class == Some(UnitClass::Percent) && word_is(an, c.npend, "of") {
        // "90 percent of Gaza's population": the possessor is the place.
        let x = c.npend + 1;
        let possessed = is_possessive(an, x + 1);
        if possessed && kind_at(an, x) == Some(TokenKind::Word) && an.is_cap(x) {
            if let Some(t) = an.tokens.get(x) {
                let name = near(entities, t.span.start, t.span.start + 1).first().map(|m| m.name.clone());
                location = Some(Anchor::new(t.span, name));
            }
        }
    }
    if location.is_none() {
        location = place_before(an, lex, entities, c.qstart);
    }
    if location.is_none() && (inherits || coordinated) {
        location = ante.and_then(|a| a.location.clone());
    }
    if location.is_none() {
        location = the_country(an, lex, entities, c, c.subject.as_ref());
    }
    c.location = location;

    // "another 41 drones were lost" after "96 of the drones": a part of the same whole.
    if c.increment && done.iter().any(|d| d.partitive) {
        c.increment = false;
    }
}

/// A predicate after the noun phrase: "were killed", "remain missing", "people dead".
/// Also tells whether the predicate was reached only by skipping other words.
fn post_measure(an: &Analysis, lex: &SentLex, c: &Cand) -> (Option<Measure>, bool) {
    let mut k = c.npend;
    let mut immediate = None;
    let people = c.class == Some(UnitClass::Force);
    if let Some((e, cu)) = lex.cue(k, POS_POST).filter(|(_, cu)| people || cu.positions & POS_FORCE == 0) {
        // A verb with a count as its object is no predicate of this count: "a cell meant for 35
        // held 155 men".
        if kind_at(an, e) == Some(TokenKind::Number) && e < lex.end {
            return (None, false);
        }
        if cu.measure.is_some() {
            immediate = cu.measure;
            k += 1;
        }
    }
    let mut skipped = 0;
    let mut in_chain = false;
    while k < lex.end {
        if let Some((_, cu)) = lex.cue(k, POS_POST).filter(|(_, cu)| people || cu.positions & POS_FORCE == 0) {
            let gerund = text_bytes(an, k).ends_with(b"ing");
            if cu.measure.is_some() && (in_chain || (skipped > 0 && !gerund) || immediate.is_none()) {
                return (cu.measure, skipped > 0 && !in_chain);
            }
        }

        let Some(t) = an.tokens.get(k) else { break };
        if lex.has(k, role::AUX) && t.kind == TokenKind::Word && !(word_is(an, k, "to") && !in_chain && skipped > 0) {
            in_chain = true;
            k += 1;
            continue;
        }
        // Manner adverbs inside the predicate: "were lightly wounded".
        if in_chain && t.kind == TokenKind::Word && t.span.len() > 4 && text_bytes(an, k).ends_with(b"ly") {
            k += 1;
            continue;
        }
        if in_chain {
            break;
        }
        match t.kind {
            TokenKind::Word => {
                let l = low_bytes(an, k);
                if l == b"and" && k > lex.base && lex.has(k - 1, role::LOCATIVE) && lex.has(k + 1, role::LOCATIVE) {
                    // "in and around El Fasher".
                } else if l == b"and" && !in_chain && skipped == 0 && coordinated_noun(an, lex, k + 1) {
                    // "2,000 civilians and soldiers were killed".
                    k += 2;
                    continue;
                } else if matches!(
                    l,
                    b"and"
                        | b"but"
                        | b"while"
                        | b"who"
                        | b"which"
                        | b"that"
                        | b"whom"
                        | b"after"
                        | b"as"
                        | b"when"
                        | b"because"
                ) {
                    break;
                }
            }
            TokenKind::Punct if t.span.len() == 1 && text_bytes(an, k) == b"," => {
                // Skip an appositive that holds a figure or starts with "or".
                let seg_end = (k + 1..(k + 16).min(lex.end)).find(|&x| tok_is(an, x, ","));
                let Some(se) = seg_end else { break };
                let holds_number = (k + 1..se).any(|x| kind_at(an, x) == Some(TokenKind::Number));
                let aside = [
                    "or",
                    "including",
                    "more",
                    "less",
                    "about",
                    "nearly",
                    "almost",
                    "roughly",
                    "some",
                    "around",
                    "mostly",
                    "most",
                    "half",
                    "all",
                    "among",
                    "many",
                ]
                .iter()
                .any(|w| word_is(an, k + 1, w));
                if aside || holds_number && immediate.is_none() {
                    k = se + 1;
                    skipped += 1;
                    continue;
                }
                break;
            }
            // The object of a preposition inside the subject: "106 protesters in 21 cities
            // have been killed".
            TokenKind::Number if k > c.npend && lex.has(k - 1, role::LOCATIVE) => {}
            _ => break,
        }
        skipped += 1;
        if skipped > 8 {
            break;
        }
        k += 1;
    }
    (immediate, false)
}

/// A capitalised owner inside the noun phrase that the entity tables do not know: a word
/// shaped like a nationality ("Kenyan officers", "Haitians") or an acronym ("WFP trucks").
/// Only its text is known, not a canonical name.
fn owner_word(an: &Analysis, lex: &SentLex, c: &Cand) -> Option<Anchor> {
    let head = c.head?;
    for x in c.nend..=head {
        if kind_at(an, x) != Some(TokenKind::Word)
            || !an.is_cap(x)
            || x == lex.base
            || lex.has(x, role::MONTH | role::WEEKDAY)
        {
            continue;
        }
        let t = an.tok(x);
        let acronym = t.len() >= 2 && t.len() <= 6 && t.chars().all(|ch| ch.is_ascii_uppercase());
        let stem = t.trim_end_matches('s');
        let nationality = t.len() > 4 && ["an", "ian", "ese", "i", "ish"].iter().any(|suf| stem.ends_with(suf));
        if !(acronym || nationality) {
            continue;
        }
        // "South African": take a capitalised word before it too.
        let mut s = x;
        if s > c.nend && an.is_cap(s - 1) && kind_at(an, s - 1) == Some(TokenKind::Word) {
            s -= 1;
        }
        let span = an.tokens.get(s)?.span.join(an.tokens.get(x)?.span);
        return Some(Anchor::new(span, None));
    }
    None
}

/// A plural noun at `k` followed by a predicate: the second half of "civilians and soldiers were".
fn coordinated_noun(an: &Analysis, lex: &SentLex, k: usize) -> bool {
    let noun = lex.unit(k).is_some_and(|u| u.0 == k + 1) || plural_shaped(an.tok(k)) && !lex.has(k, role::STOP);
    noun && (lex.has(k + 1, role::AUX) || lex.cue(k + 1, POS_POST).is_some())
}

/// The owner named as the grammatical subject of the verb at `v`.
fn agent(an: &Analysis, lex: &SentLex, entities: &[Mention], v: usize) -> Option<Anchor> {
    let base = lex.base;
    let mut k = v;
    while k > base {
        let x = k - 1;
        let w = low_bytes(an, x);
        if lex.has(x, role::AUX)
            || matches!(
                w,
                b"would" | b"will" | b"could" | b"can" | b"must" | b"should" | b"may" | b"might" | b"not" | b"then"
            )
        {
            k = x;
            continue;
        }
        break;
    }
    if k == base {
        return None;
    }
    let x = k - 1;
    if word_is(an, x, "it") || word_is(an, x, "they") {
        return antecedent_entity(an, entities, x);
    }
    // The subject noun phrase: up to six tokens back, to a clause boundary.
    let mut lo = x;
    let mut n = 0;
    while lo > base && n < 6 {
        let y = lo - 1;
        let kind = kind_at(an, y);
        if kind == Some(TokenKind::Punct)
            || kind == Some(TokenKind::Stop)
            || kind == Some(TokenKind::Dash)
            || kind == Some(TokenKind::Quote)
        {
            break;
        }
        if lex.has(y, role::STOP) && !word_is(an, y, "the") && !is_possessive(an, y) {
            break;
        }
        lo = y;
        n += 1;
    }
    let s = an.tokens.get(lo)?.span.start;
    let e = an.tokens.get(x)?.span.end;
    near(entities, s, e)
        .iter()
        .filter(|m| m.kind != EntityKind::Person && m.span.start >= s && m.span.end <= e)
        .map(|m| Anchor::new(m.span, Some(m.name.clone())))
        .next_back()
}

/// The nearest country or organisation mentioned before token `x`.
fn antecedent_entity(an: &Analysis, entities: &[Mention], x: usize) -> Option<Anchor> {
    let pos = an.tokens.get(x)?.span.start;
    near(entities, pos.saturating_sub(600), pos)
        .iter()
        .rfind(|m| {
            m.span.end <= pos && matches!(m.kind, EntityKind::Country | EntityKind::Org) && pos - m.span.end < 400
        })
        .map(|m| Anchor::new(m.span, Some(m.name.clone())))
}

/// A place introduced by a locative preposition (or a verb like "struck") at token `k`.
fn place_at(an: &Analysis, lex: &SentLex, entities: &[Mention], k: usize) -> Option<Anchor> {
    if !lex.has(k, role::LOCATIVE) {
        return None;
    }
    // "according to X" names a source, not a place.
    if k > lex.base && word_is(an, k, "to") && word_is(an, k - 1, "according") {
        return None;
    }
    let mut x = k + 1;
    let limit = (k + 7).min(lex.end);
    // "on the edge of X" is a place, "on Monday" or "on Telegram" is not.
    let needs_filler = word_is(an, k, "on");
    let mut filler_noun = false;
    let mut other_words = 0;
    // The first mention at or after the token being read (tokens and mentions both run forward).
    let mut mi = an.tokens.get(x).map_or(entities.len(), |t| entities.partition_point(|m| m.span.start < t.span.start));
    while x < limit {
        let t = an.tokens.get(x)?;
        while entities.get(mi).is_some_and(|m| m.span.start < t.span.start) {
            mi += 1;
        }
        if let Some(m) = entities.get(mi).filter(|m| m.span.start == t.span.start) {
            return match m.kind {
                EntityKind::Country | EntityKind::Place => Some(Anchor::new(m.span, Some(m.name.clone()))),
                _ => None,
            };
        }
        if t.kind == TokenKind::Word && t.cap {
            let text = an.tok(x);
            if lex.has(x, role::MONTH | role::WEEKDAY | role::STOP) {
                return None;
            }
            // A capitalised name not in the entity tables: the run of capitalised words.
            let mut e = x;
            loop {
                if e + 1 < lex.end && kind_at(an, e + 1) == Some(TokenKind::Word) && an.is_cap(e + 1) {
                    if lex.has(e + 1, role::MONTH | role::WEEKDAY) {
                        break;
                    }
                    e += 1;
                } else if e + 2 < lex.end
                    && e == x
                    && lex.has(e, role::FILLER)
                    && word_is(an, e + 1, "and")
                    && an.is_cap(e + 2)
                {
                    // "North and South Kivu".
                    e += 2;
                } else {
                    break;
                }
            }
            let span = an.tokens.get(x)?.span.join(an.tokens.get(e)?.span);
            let letters = text.trim_end_matches('s');
            let acronym = letters.len() > 1 && letters.chars().all(|ch| ch.is_uppercase() || ch == '.');
            let nationality = e == x && ["ish", "ese", "ian", "-based"].iter().any(|suf| text.ends_with(suf));
            let money = (x..=e).any(|y| lex.unit(y).is_some());
            let street = (x..=e).any(|y| lex.has(y, role::ADDRESS));

            if needs_filler && !filler_noun && !street || nationality || money {
                return None;
            }
            let org = (x..=e).any(|y| lex.has(y, role::ORG));
            if acronym
                || org
                || near(entities, span.start.saturating_sub(200), span.end)
                    .iter()
                    .any(|m| m.span.overlaps(span) && !matches!(m.kind, EntityKind::Country | EntityKind::Place))
            {
                return None;
            }
            return Some(Anchor::new(span, None));
        }
        if t.kind == TokenKind::Word && lex.has(x, role::FILLER) || is_possessive(an, x) {
            filler_noun |= !is_possessive(an, x) && !matches!(low_bytes(an, x), b"the" | b"a" | b"an" | b"of");
            x += 1;
            continue;
        }
        // Up to two other lower-case words: "in the crowded market of Abu Shouk".
        if t.kind == TokenKind::Word
            && !lex.has(x, role::STOP)
            && other_words < 2
            && lex.cue(x, POS_PRE | POS_POST).is_none()
        {
            other_words += 1;
            filler_noun = true;
            x += 1;
            continue;
        }
        return None;
    }
    None
}

/// "across the country", "in the capital": the last country named before, other than the
/// figure's own owner ("Russia fired 143 drones at the country" is not Russia).
fn the_country(
    an: &Analysis,
    lex: &SentLex,
    entities: &[Mention],
    c: &Cand,
    subject: Option<&Anchor>,
) -> Option<Anchor> {
    if !lex.any(role::COUNTRY_WORD) {
        return None;
    }
    let k = (lex.base..lex.end.saturating_sub(2)).find(|&k| {
        lex.has(k, role::LOCATIVE)
            && word_is(an, k + 1, "the")
            && lex.has(k + 2, role::COUNTRY_WORD)
            && (k >= c.npend || k + 3 <= c.qstart)
    })?;
    let pos = an.tokens.get(k)?.span.start;
    let owner = subject.and_then(|s| s.name.as_deref());
    // A country named as such, or through one of its bodies ("Ukraine's air force").
    let country_of = |m: &Mention| -> Option<String> {
        match m.kind {
            EntityKind::Country if m.form != Form::Demonym => Some(m.name.clone()),
            EntityKind::Org => m.country.clone(),
            _ => None,
        }
    };
    near(entities, 0, pos)
        .iter()
        .rev()
        .find_map(|m| country_of(m).filter(|c| Some(c.as_str()) != owner).map(|c| Anchor::new(m.span, Some(c))))
}

/// Token `i` is the possessive "'s" (or "’s").
#[inline]
fn is_possessive(an: &Analysis, i: usize) -> bool {
    an.tokens.get(i).is_some_and(|t| matches!(t.span.len(), 2 | 4))
        && matches!(text_bytes(an, i), b"'s" | POSSESSIVE_QUOTE)
}

/// The bytes of token `i` (lower case), or none.
#[inline]
pub(crate) fn low_bytes<'a>(an: &'a Analysis, i: usize) -> &'a [u8] {
    an.tokens.get(i).and_then(|t| an.low.as_bytes().get(t.span.start..t.span.end)).unwrap_or(&[])
}

/// Token `i` is exactly `s` (punctuation).
#[inline]
fn tok_is(an: &Analysis, i: usize, s: &str) -> bool {
    an.tokens.get(i).is_some_and(|t| an.body.as_bytes().get(t.span.start..t.span.end) == Some(s.as_bytes()))
}

/// Token `k` (`t`, with word roles `roles`) ends the clause of a figure: ";", ":", a clause
/// word, "up" of a change ("rose up"), or "and" after a comma.
#[inline]
fn clause_break(an: &Analysis, lex: &SentLex, k: usize, t: &Token, roles: u32) -> bool {
    let bytes = || an.body.as_bytes().get(t.span.start..t.span.end).unwrap_or(&[]);
    if t.kind != TokenKind::Word {
        return t.span.len() == 1 && matches!(bytes(), b";" | b":");
    }
    if roles & role::CLAUSE != 0 {
        return true;
    }
    match t.span.len() {
        2 => roles & role::CHANGE != 0 && low_bytes(an, k) == b"up",
        3 => low_bytes(an, k) == b"and" && k > lex.base && tok_is(an, k - 1, ","),
        _ => false,
    }
}

fn place_after(an: &Analysis, lex: &SentLex, entities: &[Mention], from: usize) -> Option<Anchor> {
    let toks = an.tokens.get(..lex.end).unwrap_or(&[]);
    let mut k = from;
    while let Some(t) = toks.get(k) {
        let roles = lex.flags(k);
        if clause_break(an, lex, k, t, roles) {
            return None;
        }
        if roles & role::LOCATIVE != 0 {
            if let Some(a) = place_at(an, lex, entities, k) {
                return Some(a);
            }
        }
        k += 1;
    }
    None
}

fn place_before(an: &Analysis, lex: &SentLex, entities: &[Mention], to: usize) -> Option<Anchor> {
    let mut k = to;
    while k > lex.base {
        k -= 1;
        if lex.has(k, role::LOCATIVE) {
            if let Some(a) = place_at(an, lex, entities, k) {
                return Some(a);
            }
        }
    }
    // A country named as a possessor in the sentence: "Tunisia's economy grew by 1.4 percent"
    // (not "South Korea's spy agency", an organisation).
    (lex.base..to).find_map(|x| {
        let t = an.tokens.get(x)?;
        if !is_possessive(an, x + 1) || lex.has(x + 2, role::ORG) || lex.has(x + 3, role::ORG) {
            return None;
        }
        near(entities, t.span.end.saturating_sub(200), t.span.end)
            .iter()
            .find(|m| m.span.end == t.span.end && m.kind == EntityKind::Country && m.form == Form::Name)
            .map(|m| Anchor::new(m.span, Some(m.name.clone())))
    })
}

#[cfg(test)]
mod tests;
