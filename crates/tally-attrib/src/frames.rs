//! The attribution grammar of one sentence: finds cue words and builds frames around them
//! (`SOURCE CUE [that] CONTENT`, `CONTENT, SOURCE CUE`, `CONTENT, CUE SOURCE`, `according to
//! SOURCE`, `figures from SOURCE show`, `SOURCE was quoted as saying`, `, citing SOURCE`,
//! `, saying CONTENT`). Works on token indices into the document's token list.

use crate::lexicon::{class, CueKind, LEXICON};
use crate::{Text, CURLY_S};
use smallvec::{smallvec, SmallVec};
use tally_model::Stance;
use tally_text::TokenKind;

/// A token range `[start, end)`.
pub type R = (usize, usize);

/// A frame's token ranges: mostly one or two, kept inline.
pub type Rs = SmallVec<[R; 2]>;

/// One frame as the grammar finds it, before names are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Fr {
    pub kind: CueKind,
    /// Source and cue come before the content ("X said that ...").
    pub front: bool,
    pub cue: R,
    /// The frame itself: source, cue and adjuncts, without the content.
    pub region: R,
    /// A fronted adverbial that belongs to the frame ("In April, X claimed ...").
    pub pre: Option<R>,
    pub content: Rs,
    pub sources: Rs,
    pub via: Option<R>,
    /// For "X said, citing Y": X, who speaks in the text although Y is the source.
    pub speaker: Option<Rs>,
    pub stance: Stance,
    /// Whether the frame reports speech (a quote), not just a figure's attribution.
    pub quote: bool,
    /// The quote's span starts at the cue ("expressed deep condolences").
    pub act: bool,
    /// The quoted person when a channel quotes them ("KCNA quoted Kim as saying").
    pub passive_channel: bool,
    /// The speaker follows the cue ('"...," said X'): almost always a person.
    pub inverted: bool,
}

impl Fr {
    fn new(kind: CueKind, cue: R, stance: Stance) -> Fr {
        Fr {
            kind,
            front: true,
            cue,
            region: cue,
            pre: None,
            content: Rs::new(),
            sources: Rs::new(),
            via: None,
            speaker: None,
            stance,
            quote: false,
            act: false,
            passive_channel: false,
            inverted: false,
        }
    }
}

/// A comma, semicolon or colon (`p` one of those).
fn is_punct(t: &Text, i: usize, p: &str) -> bool {
    let shape = match p {
        "," => class::COMMA,
        ";" => class::SEMI,
        ":" => class::COLON,
        _ => return t.kind(i) == Some(TokenKind::Punct) && t.raw(i) == p,
    };
    t.is(shape, i)
}

#[inline]
fn is_comma(t: &Text, i: usize) -> bool {
    t.is(class::COMMA, i)
}

/// A token that ends any phrase: sentence stop, semicolon, colon, dash, quotation mark.
#[inline]
fn is_hard_break(t: &Text, i: usize) -> bool {
    t.is(class::HARD, i) || i >= t.len()
}

/// The shape bits of a token (see [`class::COMMA`] and after), but for the hard break of a
/// full stop, which depends on its sentence ([`is_abbrev_dot`]).
#[inline]
pub fn shape(body: &str, tok: &tally_text::Token) -> class::Bits {
    let cap = if tok.cap { class::CAP } else { 0 };
    cap | match tok.kind {
        TokenKind::Word => class::WORD,
        TokenKind::Quote => class::HARD | class::QUOTE,
        TokenKind::Dash => class::HARD,
        TokenKind::Number => class::NUMBER,
        // Parentheses are punctuation tokens (see `tally_text::TokenKind`).
        TokenKind::Punct => match body.as_bytes().get(tok.span.range()) {
            Some(b",") => class::COMMA,
            Some(b";") => class::SEMI | class::HARD,
            Some(b":") => class::COLON | class::HARD,
            Some(b"(") | Some(b")") => class::PAREN,
            _ => 0,
        },
        _ => 0,
    }
}

/// A full stop that did not end its sentence `sent` (the sentence holding its start): an
/// abbreviation ("Dr.", "Feb.").
pub fn is_abbrev_dot_in(t: &Text, i: usize, sent: Option<&tally_text::Sentence>) -> bool {
    if t.rb(i) != b"." || i == 0 {
        return false;
    }
    let Some(tok) = t.an.tokens.get(i) else { return false };
    let Some(s) = sent else { return false };
    i + 1 < s.tokens.end && t.kind(i + 1) != Some(TokenKind::Quote) && !tok.space_before
}

/// A lower-case speech verb at token `i` (never a noun cue).
#[inline]
fn is_cue_word(t: &Text, i: usize) -> bool {
    t.is(class::CUE_WORD, i)
}

/// Where the content of a sentence starts: after a wire dateline ("KYIV, March 3 (Wire) -").
pub fn content_start(t: &Text, s: usize, e: usize) -> usize {
    // A dateline's first name is followed by a comma, a parenthesis or a dash.
    if t.none(class::COMMA | class::PAREN | class::HARD, s + 1) {
        return s;
    }
    let limit = e.min(s + 16);
    let next = t.rb(s + 1);
    if !(next == b"," || next == b"(" || t.kind(s + 1) == Some(TokenKind::Dash)) {
        return s;
    }
    let first = t.raw(s);
    if first.chars().any(char::is_lowercase) || first.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return s;
    }
    for i in s + 1..limit {
        if t.kind(i) == Some(TokenKind::Dash) {
            return i + 1;
        }
        // A dateline holds only names, numbers and punctuation ("PALU, Indonesia, Sept 9 (EPN)").
        if t.is(class::WORD, i) && !t.is_cap(i) {
            break;
        }
    }
    s
}

/// The head word of a noun phrase: the last word before a prepositional modifier
/// ("a farmer from a village" -> "farmer").
pub fn head_of(t: &Text, r: R) -> usize {
    for k in r.0 + 1..r.1 {
        if t.is(class::HEAD_PREP, k) {
            return k - 1;
        }
    }
    r.1.saturating_sub(1)
}

/// Whether the tokens in `r` make a plausible speaker or source.
pub fn plausible_source(t: &Text, r: R) -> bool {
    plausible(t, r, false)
}

/// A speaker after an inverted cue ("..., said X") must be named or have a speaker's head.
fn plausible_named(t: &Text, r: R) -> bool {
    plausible(t, r, true)
}

fn plausible(t: &Text, r: R, strict: bool) -> bool {
    if r.1 <= r.0 || r.1 - r.0 > 14 {
        return false;
    }
    if t.rb(r.1 - 1) == b")" {
        return true;
    }
    // A head that never speaks ("blood tests", "the recipe") in lower case.
    if !t.is_cap(r.1 - 1) && t.is(class::NONSPEAKER, r.1 - 1) {
        return false;
    }
    // "people familiar with the talks", "two people briefed on the plan": unnamed informants.
    let informed = |i: usize| {
        i > r.0 && matches!((t.w(i), t.w(i + 1)), (b"familiar", b"with") | (b"briefed", b"on") | (b"close", b"to"))
    };
    let named = (r.0..r.1).any(|i| {
        t.is(class::ROLE | class::PRONOUN, i) || (t.is_cap(i) && !(i == r.0 && t.is(class::DET, i))) || informed(i)
    });
    // "the broadcaster", "a witness": a short determined phrase may speak, unless its head is
    // a quantity word ("the number of casualties").
    named || (!strict && t.is(class::ARTICLE, r.0) && r.1 - r.0 <= 6 && !(r.0..r.1).any(|i| t.is(class::NONSPEAKER, i)))
}

/// Every class at which [`np_back`] does more than take the word.
const NP_BACK_STOPS: class::Bits = class::HARD
    | class::COMMA
    | class::CLAUSE
    | class::BY
    | class::NUMBER
    | class::VERBSTOP
    | class::CUE_WORD
    | class::AND;

/// Walks back from `end` (exclusive) to find a subject noun phrase, not before `lb`.
fn np_back(t: &Text, end: usize, lb: usize) -> Option<R> {
    let mut k = end;
    let mut and_at: Option<usize> = None;
    let mut start = end;
    while k > lb {
        let i = k - 1;
        // Most words of a phrase have none of the classes tested below.
        if t.none(NP_BACK_STOPS, i) {
            start = i;
            k -= 1;
            continue;
        }
        let kind = t.kind(i);
        let boundary = is_hard_break(t, i) || t.is(class::COMMA | class::CLAUSE | class::BY, i);
        let stopper =
            kind == Some(TokenKind::Number) || t.is(class::VERBSTOP, i) || (is_cue_word(t, i) && !t.is_cap(i));
        if boundary {
            if and_at == Some(i + 1) {
                // ", and X said": a new clause starts after "and".
                start = i + 2;
            }
            break;
        }
        if stopper {
            if let Some(a) = and_at {
                start = a + 1;
            }
            break;
        }
        if t.all(class::AND | class::WORD, i) && and_at.is_none() {
            and_at = Some(i);
        }
        start = i;
        k -= 1;
    }
    if start >= end {
        return None;
    }
    Some((start, end))
}

/// Skips auxiliaries and adverbs between a subject and its cue ("has also said").
fn skip_aux_back(t: &Text, mut j: usize, lb: usize) -> usize {
    while j > lb && t.all(class::AUX | class::WORD, j - 1) {
        j -= 1;
    }
    j
}

/// After a cue: adjuncts ("on Monday", "in a statement", "told reporters in Kyiv"). Returns the
/// index after them.
fn skip_adjuncts(t: &Text, mut j: usize, e: usize, told: bool) -> usize {
    if told {
        // The addressee: a short noun phrase ("reporters", "state radio", "Xinhua"), or an
        // object pronoun ("told me", "told us that").
        let mut k = j;
        if k < e && !t.is_cap(k) && matches!(t.w(k), b"me" | b"us" | b"him" | b"her" | b"them" | b"you") {
            return skip_adjuncts(t, k + 1, e, false);
        }
        // "told the local paper that ...": the words before a near "that" name the addressee.
        if let Some(th) = (j..e.min(j + 6))
            .take_while(|&m| {
                t.is(class::WORD, m) && t.none(class::VERBSTOP | class::CLAUSE | class::CUE_WORD, m)
                    || t.is(class::THAT, m)
            })
            .find(|&m| t.is(class::THAT, m))
        {
            if th > j {
                return th;
            }
        }
        while k < e && k < j + 4 {
            if t.is(class::THAT | class::COMMA, k) || is_hard_break(t, k) {
                break;
            }
            // A weekday or month after the addressee dates the telling ("told X Monday").
            if k > j && t.is(class::WEEKDAY | class::MONTH | class::TIMEWORD, k) {
                break;
            }
            // "told doctors he ...", "told police the car ...": a plural role is the addressee.
            let role = t.is(class::ROLE, k) && !t.is_cap(k) && t.w(k).ends_with(b"s");
            if t.is_cap(k) || t.is(class::ADJUNCT | class::ARTICLE, k) || role {
                k += 1;
            } else {
                break;
            }
        }
        // "told state radio the programme": the content starts at its determiner.
        while k > j && matches!(t.w(k - 1), b"the" | b"a" | b"an" | b"its" | b"their") && k < e && !is_hard_break(t, k)
        {
            k -= 1;
        }
        j = k;
    }
    loop {
        if j >= e {
            return j;
        }
        if t.is(class::POSTADV, j) {
            j += 1;
            continue;
        }
        if t.is(class::TIMEWORD, j) {
            j += 1;
            while j < e && (t.is(class::TIMEWORD, j) || t.is(class::ADJUNCT, j) || t.is(class::MONTH, j)) {
                j += 1;
            }
            continue;
        }
        if t.is(class::PREP, j) && t.is(class::WORD, j) {
            // A prepositional phrase running to the end of the clause is an adjunct
            // ("told reporters in the capital.").
            let mut m = j + 1;
            while m < e && m < j + 8 && !is_comma(t, m) && !is_hard_break(t, m) {
                if t.is(class::THAT | class::VERBSTOP | class::CLAUSE | class::CUE_WORD, m) {
                    break;
                }
                m += 1;
            }
            if m > j + 1 && (m >= e || is_comma(t, m) || is_hard_break(t, m)) {
                j = m;
                continue;
            }
            let mut k = j + 1;
            let mut any = false;
            while k < e {
                if t.is(class::THAT, k) {
                    break;
                }
                let ok = t.is(class::ADJUNCT, k)
                    || (t.is_cap(k) && t.is(class::WORD, k))
                    || t.is(class::MONTH, k)
                    || (t.kind(k) == Some(TokenKind::Number) && (any || matches!(t.w(j), b"at" | b"on" | b"by")))
                    || matches!(t.w(k), b"'s" | CURLY_S)
                    || (any && t.is(class::PREP, k) && t.kind(k + 1) != Some(TokenKind::Number))
                    || (t.kind(k) == Some(TokenKind::Stop)
                        && t.rb(k) == b"."
                        && k + 1 < e
                        && any
                        && t.w(k - 1).len() <= 4);
                if !ok {
                    break;
                }
                any = true;
                k += 1;
            }
            if !any {
                return j;
            }
            j = k;
            continue;
        }
        return j;
    }
}

/// Whether only adjuncts run from `k` to the end of the clause (a comma, a hard break or the
/// sentence end): "on Tuesday", "in a statement", "when contacted by reporters".
fn adjunct_tail_ends(t: &Text, k: usize, e: usize) -> bool {
    let mut j = skip_adjuncts(t, k, e, false);
    // A chain of prepositional phrases the adjunct reader stops in ("in a letter to staff").
    let ends = |j: usize| j >= e || is_comma(t, j) || is_hard_break(t, j);
    if !ends(j) && t.is(class::PREP, k) && t.is(class::WORD, k) {
        let mut m = k + 1;
        while m < e && m < k + 10 && !is_comma(t, m) && !is_hard_break(t, m) {
            if t.is(class::THAT | class::CLAUSE | class::CUE_WORD, m) || (t.is(class::VERBSTOP, m) && t.w(m) != b"to") {
                return false;
            }
            m += 1;
        }
        j = m;
    }
    // "when contacted (by X)", "after being asked": a short participial clause.
    if j < e && matches!(t.w(j), b"when" | b"after" | b"while" | b"before" | b"if") {
        let p = if t.w(j + 1) == b"being" { j + 2 } else { j + 1 };
        if p < e && t.is(class::WORD, p) && t.w(p).ends_with(b"ed") {
            j = p + 1;
            while j < e && j < p + 8 && !is_comma(t, j) && !is_hard_break(t, j) {
                if t.is(class::THAT | class::VERBSTOP | class::CUE_WORD, j) {
                    return false;
                }
                j += 1;
            }
        }
    }
    j > k && ends(j)
}

/// A time expression starts at `k`: "yesterday", a weekday, "last week", "this month".
fn is_time_start(t: &Text, k: usize) -> bool {
    t.is(class::TIME_NOW | class::WEEKDAY, k)
        || (t.is(class::TIME_REL, k) && t.is(class::TIME_UNIT | class::MONTH | class::WEEKDAY, k + 1))
}

/// Whether the coordinated item after "and" starts a clause rather than a noun phrase.
fn clause_ahead(t: &Text, from: usize, e: usize) -> bool {
    let mut k = from;
    while k < e && !is_hard_break(t, k) && !is_comma(t, k) {
        if t.kind(k) == Some(TokenKind::Number) || t.is(class::VERBSTOP, k) || (is_cue_word(t, k) && !t.is_cap(k)) {
            return true;
        }
        k += 1;
        if k - from > 8 {
            return true;
        }
    }
    false
}

/// Every class at which [`np_forward`] (outside parentheses) does more than take the word.
const NP_FORWARD_STOPS: class::Bits = class::PAREN
    | class::HARD
    | class::COMMA
    | class::CLAUSE
    | class::VERBSTOP
    | class::CUE_WORD
    | class::NUMBER
    | class::TIME_NOW
    | class::WEEKDAY
    | class::TIME_REL
    | class::PREP
    | class::AND;

/// One noun phrase forward from `j`: stops at punctuation, clause words, verbs and (when
/// `split_and`) at an "and" that coordinates two phrases.
fn np_forward(t: &Text, j: usize, e: usize) -> R {
    let mut k = j;
    let mut paren = 0i32;
    while k < e {
        // Most words of a phrase have none of the classes tested below.
        if paren == 0 && t.none(NP_FORWARD_STOPS, k) {
            k += 1;
            continue;
        }
        if t.is(class::PAREN, k) {
            if t.rb(k) == b"(" {
                paren += 1;
                k += 1;
                continue;
            }
            if paren > 0 {
                paren -= 1;
                k += 1;
                continue;
            }
            break;
        }
        if paren > 0 {
            k += 1;
            continue;
        }
        if is_hard_break(t, k) || is_comma(t, k) {
            break;
        }
        if k > j && t.is(class::CLAUSE | class::VERBSTOP | class::CUE_WORD, k) && t.is(class::WORD, k) && !t.is_cap(k) {
            break;
        }
        if t.kind(k) == Some(TokenKind::Number) {
            break;
        }
        // A time adjunct ends the phrase ("KCNA on Tuesday", "the ministry last week").
        if k > j
            && (is_time_start(t, k) || (t.is(class::PREP, k) && (is_time_start(t, k + 1) || t.is(class::MONTH, k + 1))))
        {
            break;
        }
        if t.is(class::AND, k) && k > j && and_splits(t, k, e) {
            break;
        }
        k += 1;
    }
    (j, k)
}

/// Whether "and" at `k` joins two sources rather than standing inside one name.
fn and_splits(t: &Text, k: usize, e: usize) -> bool {
    let next = k + 1;
    if next >= e {
        return false;
    }
    if k > 0 && is_comma(t, k - 1) {
        return true;
    }
    if t.is(class::DET | class::ROLE, next) || !t.is_cap(next) {
        return t.is(class::DET | class::ROLE, next) || t.is_cap(next);
    }
    // Capitalised on both sides: two names when the entity pass saw a mention end or start
    // at the "and" ("the United States and Britain"), one name otherwise ("Location and Event
    // Data Project").
    t.mention_ends_at(k) || t.mention_starts_at(next)
}

/// A list of sources forward from `j` ("the United States, South Korea, and Ukraine"; "X, a
/// local group, and residents"; "X, BMKG"). Returns the sources and where the list ends.
fn source_list(t: &Text, j: usize, e: usize) -> (Rs, usize) {
    let mut out = Rs::new();
    let mut k = j;
    loop {
        // An item.
        let item = np_forward(t, k, e);
        if item.1 > item.0 {
            out.push(item);
        }
        k = item.1;
        if k >= e {
            break;
        }
        let w = t.w(k);
        if w == b"and" && t.is(class::WORD, k) {
            if clause_ahead(t, k + 1, e) {
                break;
            }
            k += 1;
            continue;
        }
        if !is_comma(t, k) {
            break;
        }
        // After a comma.
        let n = k + 1;
        if n >= e {
            break;
        }
        let nw = t.w(n);
        if nw == b"and" {
            if clause_ahead(t, n + 1, e) {
                break;
            }
            k = n + 1;
            continue;
        }
        let list_follows = (n..e.min(n + 10)).any(|x| t.is(class::AND, x)) && !clause_ahead(t, n, e);
        if matches!(nw, b"a" | b"an") || (nw == b"the" && !t.is_cap(n + 1)) {
            // An appositive description: skip it.
            let app = np_forward(t, n, e);
            k = app.1;
            if k < e && is_comma(t, k) && t.is(class::AND, k + 1) && !clause_ahead(t, k + 2, e) {
                k += 2;
                continue;
            }
            break;
        }
        if t.is_cap(n) && t.is(class::WORD, n) && !clause_ahead(t, n, e) {
            if list_follows {
                k = n;
                continue;
            }
            // A name in apposition ("the meteorology agency, BMKG").
            let app = np_forward(t, n, e);
            k = app.1;
            break;
        }
        break;
    }
    out.retain(|r| r.1 > r.0);
    (out, k)
}

/// Inside a source phrase, "a March statement from X" or "estimates from X": the sources after
/// the noun cue's "from/by/of"; otherwise the phrase itself.
fn nominal_sources(t: &Text, r: R, e: usize) -> Rs {
    for k in r.0..r.1 {
        if !t.is(class::NOUN_CUE, k) {
            continue;
        }
        // "the UN's latest estimate": the possessor (not "Saturday's statement from X").
        let from_follows = (k + 1..r.1).any(|x| matches!(t.w(x), b"from" | b"by" | b"of"));
        if !from_follows {
            if let Some(p) = (r.0 + 1..k).rev().take(3).find(|&p| matches!(t.w(p), b"'s" | CURLY_S)) {
                if !t.is(class::TIMEWORD, p - 1) && !t.is(class::MONTH, p - 1) {
                    return smallvec![(r.0, p)];
                }
            }
        }
        if k + 1 < r.1 && matches!(t.w(k + 1), b"from" | b"by" | b"of") {
            let (list, _) = source_list(t, k + 2, e.min(r.1.max(k + 2)));
            if !list.is_empty() {
                return list;
            }
        }
    }
    smallvec![r]
}

/// The noun phrase that opens a clause starting at `j` (for "..., and said", ", saying").
fn clause_subject(t: &Text, j: usize, e: usize) -> Option<R> {
    let mut k = j;
    // Skip fronted adverbials ("In April, ...").
    loop {
        if k < e && (t.is(class::PREP, k) || t.is(class::TIMEWORD, k) || t.is(class::CLAUSE, k)) {
            let mut m = k;
            while m < e && !is_comma(t, m) && !is_hard_break(t, m) && m < k + 10 {
                m += 1;
            }
            if m < e && is_comma(t, m) {
                k = m + 1;
                continue;
            }
        }
        break;
    }
    let start = k;
    let mut paren = 0;
    while k < e {
        let w = t.w(k);
        let raw = t.rb(k);
        if raw == b"(" {
            paren += 1;
        } else if raw == b")" {
            paren -= 1;
        } else if paren == 0 {
            let ok = (t.is_cap(k) && t.is(class::WORD, k))
                || t.is(class::DET | class::ROLE, k)
                || w == b"'s"
                || w == CURLY_S
                || (matches!(w, b"of" | b"for" | b"in") && k + 1 < e && (t.is_cap(k + 1) || t.is(class::DET, k + 1)))
                || w.contains(&b'-');
            if !ok {
                break;
            }
        }
        k += 1;
    }
    (k > start).then_some((start, k))
}

/// Fronted adverbial before a subject starting at `ss` (e.g. "In April," or "however, in April,").
fn fronted(t: &Text, ss: usize, lb: usize) -> Option<R> {
    if ss == 0 || ss <= lb || !is_comma(t, ss - 1) {
        return None;
    }
    let mut k = ss - 1;
    // The walk stops after a hard break, or after a comma that opens no adverbial (a plain
    // token is neither).
    let stops_after = |p: usize| {
        !t.none(class::HARD | class::COMMA, p)
            && (is_hard_break(t, p) || (p > lb && is_comma(t, p) && !adverbial_start(t, p + 1)))
    };
    while k > lb && !stops_after(k - 1) {
        k -= 1;
        if ss - k > 14 {
            return None;
        }
    }
    let mut first = k;
    while first < ss && matches!(t.w(first), b"however" | b"and" | b"but" | b"," | b"meanwhile" | b"separately") {
        first += 1;
    }
    (first < ss - 1 && (t.is(class::PREP, first) || t.is(class::TIMEWORD, first) || t.is(class::MONTH, first)))
        .then_some((k, ss - 1))
}

fn adverbial_start(t: &Text, k: usize) -> bool {
    let w = t.w(k);
    t.is(class::PREP | class::TIMEWORD, k) || matches!(w, b"however" | b"meanwhile" | b"separately")
}

/// Matches a cue at token `i`; returns the cue and its token length.
fn match_cue(t: &Text, i: usize, e: usize) -> Option<(&'static crate::lexicon::Cue, usize)> {
    if !t.is(class::CUE_FIRST, i) {
        return None;
    }
    // The forms all start with the word at `i`: only their later words are compared.
    let rest = t.ids_from(i + 1, e);
    LEXICON.cues_of(t.id(i)).iter().find_map(|c| {
        let later = c.ids.get(1..).unwrap_or(&[]);
        let n = c.ids.len();
        (later.len() <= rest.len() && later.iter().zip(rest).all(|(&id, &b)| crate::lexicon::tag_id(b) == id))
            .then_some((c, n))
    })
}

/// Finds the frames of sentence tokens `[s, e)` into `frames` (cleared first; a buffer reused
/// over sentences). `cands` are the sentence's words that start a cue form, in order (frames
/// stand only at them). Cue words inside quotation marks belong to the quoted speaker, not the
/// report ([`class::MASKED`]).
pub fn sentence_frames(t: &Text, s: usize, e: usize, cands: &[usize], frames: &mut Vec<Fr>) {
    frames.clear();
    let Some(&first) = cands.first() else { return };
    let cs = content_start(t, s, e);
    let mut pending_cite: Option<Rs> = None;
    let mut i = cs.max(first);
    // The next candidate at or after `i`.
    let mut next = 0;
    loop {
        while cands.get(next).is_some_and(|&c| c < i) {
            next += 1;
        }
        let Some(&c) = cands.get(next) else { break };
        i = c;
        if i >= e {
            break;
        }
        if t.is(class::MASKED, i) {
            i += 1;
            continue;
        }
        let Some((cue, n)) = match_cue(t, i, e) else {
            i += 1;
            continue;
        };
        // A capitalised cue inside a sentence is a name ("United States"), not a cue.
        if t.is_cap(i) && i > cs && !matches!(t.kind(i - 1), Some(TokenKind::Quote) | Some(TokenKind::Dash)) {
            i += 1;
            continue;
        }
        let lb = frames
            .iter()
            .map(|f| match f.kind {
                CueKind::Verb | CueKind::Act | CueKind::Participle | CueKind::Quoted if f.front => {
                    f.sources.first().map_or(f.region.0, |r| r.0.min(f.region.0)).max(cs)
                }
                _ => f.region.1,
            })
            .filter(|&x| x <= i)
            .max()
            .unwrap_or(cs)
            .max(cs);
        let built = match cue.kind {
            CueKind::Verb | CueKind::Act => verb_frame(t, cue, i, n, lb, e, frames),
            CueKind::Participle => participle_frame(t, cue, i, n, cs, e, frames),
            CueKind::Prep => {
                // "Kim said, according to KCNA": the agency passed the words on.
                let attach = frames.last_mut().filter(|p| {
                    !p.front && p.region.1 + 1 == i && is_comma(t, i - 1) && p.via.is_none() && p.kind != CueKind::Prep
                });
                if let Some(p) = attach {
                    let (list, end) = source_list(t, i + n, e);
                    if let Some(first) = list.first().copied() {
                        p.via = Some(first);
                        p.region.1 = end;
                        i = end;
                        continue;
                    }
                }
                according_frame(t, cue, i, n, lb, e)
            }
            CueKind::Cite => {
                if frames.is_empty() && i == cs {
                    let (list, end) = source_list(t, i + n, e);
                    if !list.is_empty() {
                        pending_cite = Some(list);
                        i = end;
                        continue;
                    }
                }
                cite(t, i, n, e, frames);
                None
            }
            CueKind::Show => show_frame(t, cue, i, n, lb, e),
            CueKind::Noun => possessive_frame(t, cue, i, n, lb, e),
            CueKind::Quoted => quoted_frame(t, cue, i, n, lb, e),
        };
        match built {
            Some(mut f) => {
                if let Some(list) = pending_cite.take() {
                    if !f.sources.is_empty() {
                        f.via = f.sources.first().copied();
                        f.speaker = Some(std::mem::take(&mut f.sources));
                        f.sources = list;
                    }
                }
                i = f.region.1.max(i + n);
                frames.push(f);
            }
            None => i += n,
        }
    }
    // Front frames end where a later frame or a contrastive clause starts.
    // (Frame starts do not change in this loop: only contents are cut.)
    for idx in 0..frames.len() {
        let Some(fr) = frames.get(idx) else { continue };
        if !fr.front {
            continue;
        }
        let Some(c) = fr.content.first().copied() else { continue };
        let mut end = c.1;
        if let Some(next) =
            frames.iter().map(|f| f.pre.map_or(f.region.0, |p| p.0)).filter(|&x| x > c.0 && x < end).min()
        {
            end = next;
        }
        for k in c.0..end {
            if t.none(class::COMMA | class::SEMI, k) {
                continue;
            }
            if is_comma(t, k) && t.is(class::BREAK, k + 1) || is_punct(t, k, ";") {
                end = k;
                break;
            }
        }
        let cut = (c.0, trim_end(t, c.0, end));
        if let Some(first) = frames.get_mut(idx).and_then(|f| f.content.first_mut()) {
            *first = cut;
        }
    }
    // A sentence-initial adverbial ("At a meeting on Tuesday, A pledged X and B pledged Y")
    // dates every front frame after it (looked for only when a frame could take it).
    let undated = |f: &Fr| f.front && f.pre.is_none() && matches!(f.kind, CueKind::Verb | CueKind::Act);
    if frames.iter().any(undated) {
        if let Some(sp) = sentence_adverbial(t, cs, e) {
            for f in frames.iter_mut() {
                if undated(f) && f.region.0 > sp.1 {
                    f.pre = Some(sp);
                }
            }
        }
    }
    let keep = |f: &Fr| f.content.iter().any(|c| c.1 > c.0) || f.kind == CueKind::Act;
    if !frames.iter().all(keep) {
        frames.retain(keep);
    }
}

/// Drops trailing commas, conjunctions and stops from a content range end.
fn trim_end(t: &Text, s: usize, mut e: usize) -> usize {
    while e > s
        && (is_comma(t, e - 1)
            || matches!(t.w(e - 1), b"and" | b"but" | b"or")
            || t.kind(e - 1) == Some(TokenKind::Dash))
    {
        e -= 1;
    }
    e
}

fn trim_start(t: &Text, mut s: usize, e: usize) -> usize {
    while s < e && (is_comma(t, s) || matches!(t.w(s), b"that" | b"and")) {
        s += 1;
    }
    s
}

/// The content before an end frame whose source starts at `src_start`: back to `lb`.
fn content_before(t: &Text, lb: usize, src_start: usize) -> R {
    let mut end = src_start;
    while end > lb && (is_comma(t, end - 1) || t.kind(end - 1) == Some(TokenKind::Dash)) {
        end -= 1;
    }
    (trim_start(t, lb, end), end)
}

/// After an end frame ending at `j`: a participial continuation ("..., bringing the total to N")
/// still belongs to what was said.
fn content_after_end(t: &Text, j: usize, e: usize) -> Option<R> {
    if j >= e || !is_comma(t, j) {
        return None;
    }
    let n = j + 1;
    let w = t.w(n);
    if w.ends_with(b"ing") && !t.is(class::CUE_FIRST, n) && t.is(class::WORD, n) {
        let mut k = n;
        while k < e && t.kind(k) != Some(TokenKind::Stop) {
            k += 1;
        }
        return Some((n, k));
    }
    if matches!(w, b"up" | b"down") && t.w(n + 1) == b"from" {
        let mut k = n;
        while k < e && t.kind(k) != Some(TokenKind::Stop) && !(k > n && is_comma(t, k)) {
            k += 1;
        }
        return Some((n, k));
    }
    None
}

/// Where an end frame's region stops: at the sentence stop, or at a comma that opens something
/// else (a participle, "citing", "but", a relative clause).
fn end_region(t: &Text, j: usize, e: usize) -> usize {
    let mut k = j;
    while k < e {
        if t.kind(k) == Some(TokenKind::Stop) && (k + 1 >= e || t.kind(k + 1) == Some(TokenKind::Quote)) {
            return k;
        }
        if is_comma(t, k) || is_punct(t, k, ";") || t.kind(k) == Some(TokenKind::Quote) {
            return k;
        }
        k += 1;
    }
    k
}

fn verb_frame(t: &Text, cue: &crate::lexicon::Cue, i: usize, n: usize, lb: usize, e: usize, prev: &[Fr]) -> Option<Fr> {
    let w = t.w(i);
    let told = matches!(w, b"told" | b"tells" | b"tell");
    // Passive or participial uses are not frames ("were reported to", "casualties reported is").
    if i > lb && matches!(t.w(i - 1), b"was" | b"were" | b"is" | b"are" | b"been" | b"be" | b"being") {
        return None;
    }
    // "said to be", "reported from", "warned of": no speech frame; but "said to reporters",
    // "said to cheers from the crowd" name the audience of what was said.
    let to_audience = t.w(i + n) == b"to"
        && matches!(w, b"said" | b"says" | b"say")
        && (t.is(class::ARTICLE | class::DET | class::ADJUNCT, i + n + 1)
            || t.is_cap(i + n + 1)
            || matches!(t.w(i + n + 1), b"cheers" | b"applause" | b"laughter"));
    if i + n < e
        && matches!(t.w(i + n), b"is" | b"are" | b"was" | b"were" | b"to" | b"from" | b"by" | b"of")
        && !told
        && !to_audience
    {
        return None;
    }
    // Negated: "has not announced" reports no statement.
    let j0 = skip_aux_back(t, i, lb);
    let neg = |w: &[u8]| matches!(w, b"not" | b"never") || w.ends_with(b"n't") || w.ends_with("n\u{2019}t".as_bytes());
    if j0 > lb && neg(t.w(j0 - 1)) {
        return None;
    }
    // After a determiner the cue word is a noun ("the claims", "its report"); after a
    // preposition an adjective ("over alleged assaults", "for reported damage").
    // "Swift's claims": a possessive before it ("he's said" is no possessive).
    let possessive = i >= lb + 2
        && matches!(t.w(i - 1), b"'s" | CURLY_S)
        && !t.is(class::PRONOUN | class::CLAUSE, i - 2)
        && !matches!(t.w(i - 2), b"there" | b"here");
    if i > lb
        && (t.is(class::DET, i - 1)
            || possessive
            || (t.is(class::PREP, i - 1) && !matches!(t.w(i - 1), b"to" | b"late" | b"early")))
    {
        return None;
    }
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    f.quote = true;
    f.act = cue.kind == CueKind::Act;
    // Inverted: '..., said X, a spokesman.' / '"...," said X.'
    let before = i.checked_sub(1).filter(|&p| p >= lb);
    let inverted_pos =
        before.is_some_and(|p| is_comma(t, p) || t.kind(p) == Some(TokenKind::Quote)) && t.is(class::INVERTS, i);
    // An object pronoun after the cue is whom it was said to ("..., asked them about ...").
    // A subject pronoun after it opens a clause ("X, a lawyer, said he thought ...").
    // ('"...," said he.' still closes a quote.)
    let subject_next =
        matches!(t.w(i + n), b"he" | b"she" | b"they" | b"we" | b"i") && i + n + 1 < e && t.is(class::WORD, i + n + 1);
    let object_next = subject_next || matches!(t.w(i + n), b"them" | b"him" | b"her" | b"me" | b"us" | b"you" | b"it");
    if inverted_pos && i + n < e && t.is(class::WORD, i + n) && !object_next {
        let mut sp = np_forward(t, i + n, e);
        let mut ends_clean = sp.1 >= e || is_comma(t, sp.1) || is_hard_break(t, sp.1);
        // "..., said X on Monday.", "..., said X in a letter to staff.", "...," said a
        // spokesperson when contacted.": an adjunct may close the speaker's phrase.
        if !ends_clean {
            let cut = (sp.0 + 1..=sp.1)
                .find(|&k| (k == sp.1 || t.is(class::PREP, k)) && t.w(k) != b"to" && adjunct_tail_ends(t, k, e));
            // '..., said he's pleased to ...': a pronoun opens a clause, not an inverted speaker.
            let cut = cut.filter(|_| !t.is(class::PRONOUN | class::PERSON12, sp.0));
            if let Some(k) = cut {
                sp.1 = k;
                ends_clean = true;
            }
        }
        if sp.1 > sp.0 && ends_clean && plausible_named(t, sp) {
            f.front = false;
            // "said one resident, Fatima Bello.": the name in apposition.
            let app =
                if sp.1 < e && is_comma(t, sp.1) && !t.is_cap(sp.0) { Some(np_forward(t, sp.1 + 1, e)) } else { None };
            let app = app.filter(|a| {
                a.1 > a.0
                    && (a.0..a.1).all(|k| t.is_cap(k) && t.is(class::WORD, k))
                    && (a.1 >= e || is_hard_break(t, a.1))
            });
            f.sources = smallvec![app.unwrap_or(sp)];
            f.inverted = true;
            let end = end_region(t, sp.1, e);
            // Skip an appositive ("X, a spokesman for the group") and relative clause to the end.
            let mut region_end = end;
            let mut k = end;
            while k < e && is_comma(t, k) {
                let nx = k + 1;
                if nx < e
                    && (matches!(t.w(nx), b"a" | b"an" | b"the" | b"who" | b"which" | b"whose")
                        || t.kind(nx) == Some(TokenKind::Number))
                {
                    k = end_region(t, nx, e);
                    region_end = k;
                } else {
                    break;
                }
            }
            f.region = (i, region_end);
            let c = content_before(t, lb, i);
            f.content = smallvec![c];
            if let Some(after) = content_after_end(t, region_end, e) {
                f.content.push(after);
            }
            return Some(f);
        }
    }
    // Subject before the cue.
    let j = j0;
    // VP coordination: "... and said ...", "X visited ... and called for ...".
    // "X, which warned that ...": the relative pronoun stands for the phrase before the comma.
    let mut j = j;
    let mut relative = false;
    if j > lb + 1 && matches!(t.w(j - 1), b"which" | b"who") && is_comma(t, j - 2) {
        j -= 2;
        relative = true;
    }
    if !relative && j > lb && t.is(class::AND, j - 1) {
        {
            let subj = prev
                .iter()
                .rev()
                .find(|p| p.kind == CueKind::Verb && p.front && p.region.1 <= j)
                .map(|p| p.sources.clone())
                .or_else(|| clause_subject(t, lb, j).map(|r| smallvec![r]));
            if let Some(src) = subj.filter(|v| v.iter().all(|r| plausible_source(t, *r))) {
                f.sources = src;
                let adj = skip_adjuncts(t, i + n, e, told);
                let cstart = if adj < e && t.is(class::THAT, adj) { adj + 1 } else { adj };
                if !opens_content(t, cue, i + n, cstart) {
                    return None;
                }
                f.region = (i, cstart);
                f.content = smallvec![(cstart, e)];
                return Some(f);
            }
        }
    }
    let mut name_app: Option<R> = None;
    let mut cited: Option<Rs> = None;
    let (subj_end, subj) = if relative {
        (j, np_back(t, j, j.saturating_sub(20))?)
    } else if j > lb && is_comma(t, j - 1) {
        // "X, APPOSITIVE, said": find the comma that opens the appositive.
        let mut k = j - 1;
        let mut found = None;
        while k > lb && j - k < 24 {
            k -= 1;
            if is_hard_break(t, k) {
                break;
            }
            if is_comma(t, k) {
                found = Some(k);
                break;
            }
        }
        let c = found?;
        let mut np1 = np_back(t, c, lb)?;
        // "Jo Reyes, head of Acme, a design firm, said": a name before a first description.
        let description = !t.is_cap(np1.0)
            && (np1.0 + 1..np1.1).any(|k| !t.is_cap(k) && t.is(class::WORD, k) && !matches!(t.w(k), b"'s" | CURLY_S));
        if description && np1.0 > lb + 1 && is_comma(t, np1.0 - 1) {
            if let Some(np0) = np_back(t, np1.0 - 1, lb) {
                let name = (np0.0..np0.1).all(|k| {
                    t.is_cap(k) && t.is(class::WORD, k) && t.none(class::PREP | class::WEEKDAY | class::MONTH, k)
                });
                if np0.1 - np0.0 <= 4 && name {
                    np1 = np0;
                }
            }
        }
        // "the agency's director, Omar Khaled, said": the name in apposition is the source.
        let app = (c + 1, j - 1);
        let app_is_name = app.1 > app.0
            && app.1 - app.0 <= 4
            && (app.0..app.1).all(|k| t.is_cap(k) && t.is(class::WORD, k))
            // "the agency's director" or a relative clause ("The company that runs X, Y, said").
            && (!t.is_cap(np1.0.max(np1.1.saturating_sub(1))) || (np1.0 > lb && t.is(class::CLAUSE, np1.0 - 1)));
        if app_is_name {
            name_app = Some(app);
        }
        if t.w(app.0) == b"citing" {
            let (list, _) = source_list(t, app.0 + 1, app.1);
            if !list.is_empty() {
                cited = Some(list);
            }
        }
        // "X, via Y, said": Y passed the words on.
        if t.w(app.0) == b"via" && app.1 > app.0 + 1 && t.is_cap(app.0 + 1) {
            f.via = Some((app.0 + 1, app.1));
        }
        (j, np1)
    } else {
        (j, np_back(t, j, lb)?)
    };
    if !plausible_source(t, subj) {
        return None;
    }
    // "what X said", "as X said": a clause about the statement, not a report of it; but "As X
    // noted (at the time), CONTENT" opens what X said.
    if subj.0 > lb && matches!(t.w(subj.0 - 1), b"what" | b"as") {
        let adj = skip_adjuncts(t, i + n, e, told);
        let opens = t.w(subj.0 - 1) == b"as"
            && (subj.0 - 1 == lb || t.rb(subj.0 - 2) == b"(")
            && adj + 1 < e
            && is_comma(t, adj);
        if !opens {
            return None;
        }
        f.sources = smallvec![subj];
        f.region = (subj.0 - 1, adj + 1);
        f.content = smallvec![(adj + 1, e)];
        return Some(f);
    }
    // Coordinated subjects ("The United States and South Korea said").
    let (mut sources, _) = source_list(t, subj.0, subj.1);
    if sources.is_empty() {
        sources = smallvec![subj];
    }
    if let Some(app) = name_app {
        sources = smallvec![app];
    }
    if let Some(list) = cited {
        f.via = sources.first().copied();
        f.speaker = Some(sources);
        sources = list;
    }
    f.sources = sources;
    let _ = subj_end;
    // What follows the cue decides between front and end frames.
    let adj = skip_adjuncts(t, i + n, e, told);
    let next_is_stop =
        adj >= e || t.kind(adj) == Some(TokenKind::Stop) && (adj + 1 >= e || t.kind(adj + 1) == Some(TokenKind::Quote));
    let next_is_comma = adj < e && is_comma(t, adj) && t.kind(adj + 1) != Some(TokenKind::Quote);
    let before = content_before(t, lb, subj.0);
    let preceded_by_content = !relative
        && subj.0 > lb
        && before.1 > before.0
        && (is_comma(t, subj.0 - 1) || t.kind(subj.0 - 1) == Some(TokenKind::Quote))
        && fronted(t, subj.0, lb).is_none();
    // After content and a comma, a cue followed by a prepositional phrase the adjunct reader did
    // not take ("..., Zhao said during an inspection of flooded areas") still closes the content;
    // followed by a clause ("Asked about it, the minister said 40 had died") it opens one.
    let that_near = (i + n..e.min(i + n + 14))
        .take_while(|&k| !is_comma(t, k) && !is_hard_break(t, k))
        .any(|k| t.is(class::THAT, k));
    let adjunct_follows = !that_near && (t.is(class::PREP, i + n) || (adj < e && t.is(class::PREP, adj)));
    // Right after a closing quotation mark the frame closes the quote, whatever adjunct follows
    // ('"...," X tweeted soon after the vote.'); a quote that ended the sentence before
    // ('"...!" X tweeted.') is its content.
    let closes_quote = |k: usize| t.kind(k) == Some(TokenKind::Quote) && t.is(class::MASKED, k);
    let after_quote = !relative && !that_near && subj.0 > 0 && closes_quote(subj.0 - 1);
    // Only a short closing frame in the quote's paragraph ('"...!" X tweeted on Monday.').
    let quote_before = after_quote
        && subj.0 <= lb
        && t.an.tokens.get(subj.0).is_some_and(|tok| tok.newlines_before == 0)
        && e.saturating_sub(i + n) <= 8
        && !(i + n..e).any(|k| t.is(class::THAT, k));
    let after_quote = after_quote && (subj.0 > lb || quote_before);
    // Content closed by a comma, dash or quotation mark before the subject ("..., X said.";
    // not "... and X replied with a joke.").
    let closed = subj.0 > lb
        && (is_comma(t, subj.0 - 1) || matches!(t.kind(subj.0 - 1), Some(TokenKind::Quote) | Some(TokenKind::Dash)));
    // A cue that needs "that" closes plain content only when nothing follows it ("..., she
    // recalled."; not "..., protesters responded with violence.").
    let bare_end = !cue.needs_that || adj == i + n;
    if ((next_is_stop || next_is_comma) && closed && !relative && bare_end)
        || (preceded_by_content && adjunct_follows && bare_end)
        || after_quote
    {
        // Only an adverbial before the frame ("In 1997, X wrote, she ..."): what was said
        // follows the frame; nothing said precedes it ("After that, X wrote and wrote.").
        let adverbial_only = !after_quote
            && before.1 > before.0
            && before.1 - before.0 <= 3
            && t.is(class::CLAUSE | class::PREP | class::TIMEWORD, before.0)
            // No verb, and no count ("At least 12 died, X said"); a year may stand ("In 1997").
            && !(before.0..before.1).any(|k| {
                t.is(class::VERBSTOP | class::CUE_WORD | class::AUX, k)
                    || (t.is(class::NUMBER, k) && !(t.rb(k).len() == 4 && t.rb(k).iter().all(u8::is_ascii_digit)))
            });
        if adverbial_only {
            let next = adj + 1;
            if next_is_comma && next < e && !t.is(class::CLAUSE | class::AND, next) {
                f.region = (subj.0, next);
                f.pre = Some(before);
                f.content = smallvec![(next, e)];
                return Some(f);
            }
            return None;
        }
        // End frame: "CONTENT, X said (on Monday)."
        f.front = false;
        let end = end_region(t, adj, e);
        f.region = (subj.0, end);
        let c = if quote_before {
            // The quotation marks before the sentence: back to the opening mark.
            let close = subj.0 - 1;
            let mut open = close;
            while open > 0 && t.is(class::MASKED, open - 1) && !closes_quote(open - 1) {
                open -= 1;
            }
            (open, close)
        } else {
            before
        };
        if c.1 <= c.0 {
            return None;
        }
        f.content = smallvec![c];
        if let Some(after) = content_after_end(t, end, e) {
            f.content.push(after);
        }
        if told {
            via_of_told(t, &mut f, i + n, end);
        }
        if f.via.is_none() {
            f.via = carried_by(t, i + n, end);
        }
        // "..., X said, via Y (of Z)." : Y passed the words on.
        if f.via.is_none() && end + 2 < e && is_comma(t, end) && t.w(end + 1) == b"via" && t.is_cap(end + 2) {
            let r = np_forward(t, end + 2, e);
            if r.1 > r.0 {
                f.via = Some(r);
                f.region.1 = r.1;
            }
        }
        return Some(f);
    }
    if next_is_stop && f.kind != CueKind::Act {
        return None;
    }
    // Front frame: "X said (on Monday) (that) CONTENT".
    let mut cstart = adj;
    let that_limit = e.min(i + n + 14);
    if let Some(th) = (i + n..that_limit).find(|&k| t.is(class::THAT, k) && t.is(class::WORD, k)) {
        if (i + n..th).all(|k| !is_comma(t, k) && !is_hard_break(t, k)) && th <= adj.max(th) && th < adj + 1 {
            cstart = th + 1;
        }
    }
    if adj < e && t.is(class::THAT, adj) {
        cstart = adj + 1;
    }
    if cstart < e && (is_punct(t, cstart, ":") || is_comma(t, cstart)) {
        cstart += 1;
    }
    // "said little about", "said nothing": no content was stated.
    if matches!(t.w(cstart), b"little" | b"nothing") {
        return None;
    }
    // "X wrote a novel", "X recalled the day": such a cue reports speech only before "that",
    // a colon or quotation marks.
    if !opens_content(t, cue, i + n, cstart) {
        return None;
    }
    f.region = (subj.0, cstart);
    f.pre = fronted(t, subj.0, lb);
    if told {
        via_of_told(t, &mut f, i + n, cstart);
    }
    if f.via.is_none() {
        f.via = carried_by(t, i + n, cstart);
    }
    // Inside a relative clause ("The toll, which officials say could rise, stands at 45") the
    // frame governs only up to the clause's closing comma.
    let mut cend = e;
    if relative || (subj.0 >= 2 && matches!(t.w(subj.0 - 1), b"which" | b"who" | b"that") && is_comma(t, subj.0 - 2)) {
        if let Some(k) = (cstart..e).find(|&k| is_comma(t, k)) {
            cend = k;
        }
    }
    f.content = smallvec![(cstart, cend)];
    Some(f)
}

/// Whether content starting at `cstart` after a cue ending at `after` is what the cue reports:
/// always, but for a cue that needs "that", a colon or quotation marks before its content.
fn opens_content(t: &Text, cue: &crate::lexicon::Cue, after: usize, cstart: usize) -> bool {
    !cue.needs_that
        || t.kind(cstart) == Some(TokenKind::Quote)
        || (cstart > after && (t.is(class::THAT, cstart - 1) || is_punct(t, cstart - 1, ":")))
}

/// "in a statement carried by KCNA", "in remarks broadcast by state TV": the channel.
fn carried_by(t: &Text, from: usize, to: usize) -> Option<R> {
    (from + 1..to).find_map(|k| {
        let ok = t.w(k) == b"by"
            && matches!(t.w(k - 1), b"carried" | b"published" | b"broadcast" | b"released" | b"issued" | b"aired");
        if !ok {
            return None;
        }
        let r = np_forward(t, k + 1, to);
        (r.1 > r.0 && t.is_cap(k + 1)).then_some(r)
    })
}

/// "X told Xinhua": a named addressee passes the words on; a kind of audience ("told US
/// media") passes nothing on.
fn via_of_told(t: &Text, f: &mut Fr, from: usize, to: usize) {
    let mut k = from;
    while k < to && t.is_cap(k) && t.is(class::WORD, k) {
        k += 1;
    }
    let audience = k < to
        && t.is(class::ADJUNCT | class::ROLE, k)
        && !t.is(class::ARTICLE | class::DET | class::PREP, k)
        && !t.is_cap(k);
    if k > from && !audience {
        f.via = Some((from, k));
    }
}

fn participle_frame(
    t: &Text,
    cue: &crate::lexicon::Cue,
    i: usize,
    n: usize,
    cs: usize,
    e: usize,
    prev: &[Fr],
) -> Option<Fr> {
    if i == 0 || !is_comma(t, i - 1) {
        return None;
    }
    // ", adding to the pressure", ", warning of floods": no speech.
    if matches!(t.w(i + n), b"to" | b"of") {
        return None;
    }
    let sources = prev
        .iter()
        .rev()
        .find(|p| p.region.0 < i && !p.sources.is_empty())
        .map(|p| p.speaker.clone().unwrap_or_else(|| p.sources.clone()))
        .or_else(|| clause_subject(t, cs, i).map(|r| smallvec![r]))?;
    if !sources.iter().all(|r| plausible_source(t, *r)) {
        return None;
    }
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    f.quote = true;
    f.sources = sources;
    f.via = prev.iter().rev().find(|p| p.region.0 < i).and_then(|p| p.via);
    let mut cstart = i + n;
    if cstart < e && (t.is(class::THAT, cstart) || is_punct(t, cstart, ":")) {
        cstart += 1;
    }
    f.region = (i, cstart);
    f.content = smallvec![(cstart, e)];
    Some(f)
}

fn according_frame(t: &Text, cue: &crate::lexicon::Cue, i: usize, n: usize, lb: usize, e: usize) -> Option<Fr> {
    let (list, end) = source_list(t, i + n, e);
    if list.is_empty() {
        return None;
    }
    let np = (i + n, end);
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    f.sources = list.iter().flat_map(|r| nominal_sources(t, *r, e)).collect();
    f.region = (i, end);
    let at_start = i <= lb || (!is_comma(t, i - 1) && t.kind(i - 1) != Some(TokenKind::Dash));
    let _ = np;
    if at_start && end < e && is_comma(t, end) {
        // "According to X, CONTENT."
        f.front = true;
        f.content = smallvec![(end + 1, e)];
    } else {
        f.front = false;
        let c = content_before(t, lb, i);
        f.content = smallvec![c];
        // Forward: the rest of the clause unless a new clause starts.
        if end < e && is_comma(t, end) {
            let nx = end + 1;
            if nx < e && !t.is(class::CLAUSE, nx) && t.w(nx) != b"and" && !t.is(class::BREAK, nx) {
                let mut k = nx;
                while k < e
                    && t.kind(k) != Some(TokenKind::Stop)
                    && !(is_comma(t, k) && matches!(t.w(k + 1), b"and" | b"but" | b"while"))
                {
                    k += 1;
                }
                f.content.push((nx, k));
            }
        }
    }
    Some(f)
}

/// ", citing X": X becomes the source of the frame it hangs on, whose speaker becomes the channel.
fn cite(t: &Text, i: usize, n: usize, e: usize, frames: &mut [Fr]) {
    let (list, end) = source_list(t, i + n, e);
    if list.is_empty() {
        return;
    }
    if let Some(f) = frames.iter_mut().rev().find(|f| f.region.1 <= i + 1 && !f.sources.is_empty()) {
        let speaker = f.sources.clone();
        f.via = speaker.first().copied();
        f.speaker = Some(speaker);
        f.sources = list;
        f.region.1 = f.region.1.max(end);
    }
}

fn show_frame(t: &Text, cue: &crate::lexicon::Cue, i: usize, n: usize, lb: usize, e: usize) -> Option<Fr> {
    // The subject holds a noun cue ("figures from the UN", "central bank data", "estimates").
    let mut k = i;
    let mut noun_at = None;
    while k > lb && i - k < 20 {
        k -= 1;
        if is_hard_break(t, k) {
            break;
        }
        if t.is(class::NOUN_CUE, k) {
            noun_at = Some(k);
            // Keep looking for an earlier noun only when this one ends the phrase.
        }
    }
    let na = noun_at?;
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    let np_start = {
        let mut s = na;
        while s > lb && !is_comma(t, s - 1) && !is_hard_break(t, s - 1) && !t.is(class::CLAUSE, s - 1) && s + 6 > na {
            s -= 1;
        }
        s
    };
    if na + 1 < i && matches!(t.w(na + 1), b"from" | b"by" | b"of") {
        let (list, _) = source_list(t, na + 2, i);
        if list.is_empty() {
            return None;
        }
        f.sources = list;
    } else {
        f.sources = smallvec![(np_start, na + 1)];
    }
    if t.is(class::ESTIMATED_CUE, na) {
        f.stance = Stance::Estimated;
    }
    let mut cstart = i + n;
    if cstart < e && t.is(class::THAT, cstart) {
        cstart += 1;
    }
    let preceded = np_start > lb && is_comma(t, np_start - 1);
    if preceded && (cstart >= e || t.kind(cstart) == Some(TokenKind::Stop)) {
        f.front = false;
        f.region = (np_start, end_region(t, i + n, e));
        f.content = smallvec![content_before(t, lb, np_start)];
    } else {
        f.region = (np_start, cstart);
        f.content = smallvec![(cstart, e)];
    }
    Some(f)
}

fn quoted_frame(t: &Text, cue: &crate::lexicon::Cue, i: usize, n: usize, lb: usize, e: usize) -> Option<Fr> {
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    f.quote = true;
    let (speaker, after) = if n > 1 {
        // Passive: "X was quoted as saying (by Y)".
        let j = skip_aux_back(t, i, lb);
        let subj = if j > lb && is_comma(t, j - 1) {
            let mut k = j - 1;
            let mut found = None;
            while k > lb && j - k < 24 {
                k -= 1;
                if is_hard_break(t, k) {
                    break;
                }
                if is_comma(t, k) {
                    found = Some(k);
                    break;
                }
            }
            np_back(t, found?, lb)?
        } else {
            np_back(t, j, lb)?
        };
        let mut after = i + n;
        if after < e && t.w(after) == b"by" && t.is_cap(after + 1) {
            let via = np_forward(t, after + 1, e);
            f.via = Some(via);
            after = via.1;
        } else {
            f.passive_channel = true;
        }
        (subj, after)
    } else {
        // Active: "Y quoted X as saying".
        let as_at = (i + 1..e.min(i + 10)).find(|&k| t.w(k) == b"as" && t.w(k + 1) == b"saying")?;
        let channel = np_back(t, skip_aux_back(t, i, lb), lb)?;
        f.via = Some(channel);
        f.cue = (i, as_at + 2);
        ((i + 1, as_at), as_at + 2)
    };
    if !plausible_source(t, speaker) {
        return None;
    }
    f.sources = smallvec![speaker];
    let adj = skip_adjuncts(t, after, e, false);
    let start = f.via.map_or(speaker.0, |v| v.0.min(speaker.0));
    if adj >= e || t.kind(adj) == Some(TokenKind::Stop) || is_comma(t, adj) {
        f.front = false;
        let end = end_region(t, adj, e);
        f.region = (start, end);
        let c = content_before(t, lb, start);
        if c.1 <= c.0 {
            return None;
        }
        f.content = smallvec![c];
    } else {
        let mut cs = adj;
        if t.is(class::THAT, cs) || is_punct(t, cs, ":") {
            cs += 1;
        }
        f.region = (start, cs);
        f.content = smallvec![(cs, e)];
    }
    Some(f)
}

/// A sentence-initial adverbial phrase up to its comma ("On Tuesday,", "At a meeting in Geneva,").
fn sentence_adverbial(t: &Text, cs: usize, e: usize) -> Option<R> {
    if !adverbial_start(t, cs) {
        return None;
    }
    let mut k = cs + 1;
    while k < e && k < cs + 14 {
        if is_comma(t, k) {
            return Some((cs, k));
        }
        if is_hard_break(t, k) || match_cue(t, k, e).is_some() {
            return None;
        }
        k += 1;
    }
    None
}

/// "The fund raised its growth forecast to N", "The UN's estimate puts the toll at N": the owner
/// of an estimate is its source.
fn possessive_frame(t: &Text, cue: &crate::lexicon::Cue, i: usize, n: usize, lb: usize, e: usize) -> Option<Fr> {
    let back = (i.saturating_sub(3).max(lb)..i).rev();
    let mut src = None;
    for k in back {
        let w = t.w(k);
        if matches!(w, b"'s" | CURLY_S) {
            src = np_back(t, k, lb);
            break;
        }
        if matches!(w, b"its" | b"their") && k > lb {
            let verb = k - 1;
            if t.is(class::WORD, verb) && !t.is_cap(verb) && !t.is(class::DET | class::PREP, verb) {
                src = np_back(t, skip_aux_back(t, verb, lb), lb);
            }
            break;
        }
    }
    let src = src.filter(|r| plausible_named(t, *r))?;
    let mut f = Fr::new(cue.kind, (i, i + n), cue.stance);
    f.sources = smallvec![src];
    f.region = (src.0, i + n);
    f.content = smallvec![(i + n, e)];
    Some(f)
}
