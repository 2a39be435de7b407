//! Names for speakers and sources: entity mentions when they cover the phrase, antecedents for
//! pronouns ("he", "it"), definite descriptions ("the ministry") and surnames ("Kim"), and the
//! phrase's own proper-name core otherwise.

use crate::frames::R;
use crate::lexicon::{class, Gender, LEXICON};
use crate::{Text, CURLY_S};
use std::borrow::Cow;
use tally_model::{EntityKind, NameRef, Span};

/// A phrase that later pronouns, descriptions and surnames can refer back to.
#[derive(Debug, Clone)]
struct Ante<'a> {
    span: Span,
    name: Option<&'a str>,
    /// The phrase as written.
    text: &'a str,
    person: bool,
    plural: bool,
    /// A source of an attribution frame (rather than a plain mention).
    speaker: bool,
    /// It stands inside quotation marks: a name someone said, never what a pronoun outside
    /// them refers to.
    quoted: bool,
    gender: Gender,
    /// Only a run of capitalised words says it is a person (a weaker antecedent).
    run: bool,
    /// The text is ASCII and exactly the span's bytes (its lower-cased copy is the span's
    /// bytes in the document's lower-cased body). Only read for speakers, so only set for them.
    ascii: bool,
}

impl<'a> Ante<'a> {
    fn new(span: Span, name: Option<&'a str>, text: &'a str, person: bool, plural: bool, speaker: bool) -> Self {
        let ascii = speaker && text.is_ascii() && text.len() == span.len();
        Ante { span, name, text, person, plural, speaker, quoted: false, gender: Gender::Unknown, run: false, ascii }
    }
    fn label(&self) -> &'a str {
        self.name.unwrap_or(self.text)
    }
}

/// A resolved phrase: its span and the name it refers to (borrowed from the document or its
/// mentions until it goes into a record).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Ref<'a> {
    pub span: Span,
    pub name: Option<&'a str>,
}

impl Ref<'_> {
    /// The phrase as written in `body` with the name it refers to, as a record holds them.
    pub fn to_name_ref<'b>(&self, body: &'b str) -> NameRef<'b> {
        NameRef { text: Cow::Borrowed(self.span.text(body)), name: self.name.map(|n| Cow::Owned(n.to_string())) }
    }
}

pub struct Resolver<'t, 'a> {
    t: &'t Text<'a>,
    antes: Vec<Ante<'a>>,
    /// Where the last phrase's antecedents ended (phrases mostly come in text order).
    hint: usize,
    /// The number of mentions before the last phrase.
    mention_hint: usize,
}

fn has_orgword(t: &Text, r: R) -> bool {
    (r.0..r.1).any(|i| t.is(class::ORGWORD, i))
}

impl<'t, 'a> Resolver<'t, 'a> {
    /// A resolver for the text's phrases; `phrases` is about how many will be resolved (each
    /// becomes an antecedent). With none to resolve no antecedents are gathered.
    pub fn new(t: &'t Text<'a>, phrases: usize) -> Self {
        if phrases == 0 {
            return Resolver { t, antes: Vec::new(), hint: 0, mention_hint: 0 };
        }
        let mut antes = Vec::with_capacity(t.mentions.len() + t.cap_runs.len() + phrases);
        // Person names from the entity pass, and runs of two or more capitalised words that
        // name no organisation or place (a fallback while the entity pass lacks people).
        // A pronoun the entity pass resolved is left out: pronouns are resolved here.
        for m in &t.mentions {
            if m.kind == EntityKind::Person {
                let k = t.an.token_at_or_after(m.span.start);
                if m.span.len() <= 4 && t.is(class::PRONOUN, k) {
                    continue;
                }
                let mut a = Ante::new(m.span, Some(m.name.as_str()), m.span.text(t.an.body), true, false, false);
                a.quoted = t.is(class::MASKED, k);
                a.gender = gender_of(t, (k, t.an.token_at_or_after(m.span.end)), Some(m.name.as_str()));
                antes.push(a);
            }
        }
        // Runs come in text order: overlap tests walk the mentions with one cursor.
        let mut cursor = crate::MentionCursor::default();
        for &(i, j) in &t.cap_runs {
            // Leading titles, determiners and words of other mentions are dropped; a run left
            // shorter than two words names no one (and needs no more tests).
            let mut s = i;
            // A sentence's first word may be a clause word ("When Ford visited ...").
            let g = gender_of(t, (i, j), None);
            while j - s >= 2 && (t.is(class::TITLE | class::DET | class::CLAUSE, s) || cursor.overlaps(t, (s, s + 1))) {
                s += 1;
            }
            if j - s >= 2 && !has_orgword(t, (s, j)) && !cursor.overlaps(t, (s, j)) {
                let span = t.span((s, j));
                let text = span.text(t.an.body);
                let mut a = Ante::new(span, Some(text), text, true, false, false);
                a.quoted = t.is(class::MASKED, s);
                a.gender = g;
                a.run = true;
                antes.push(a);
            }
        }
        antes.sort_by_key(|a| a.span.start);
        Resolver { t, antes, hint: 0, mention_hint: 0 }
    }

    /// Resolves a source phrase and remembers it for later references.
    pub fn resolve(&mut self, r: R) -> Ref<'a> {
        self.resolve_hinted(r, false)
    }

    /// Resolves a phrase; `person_hint` says the grammar places a person there ('said X').
    pub fn resolve_hinted(&mut self, r: R, person_hint: bool) -> Ref<'a> {
        let t = self.t;
        let span = t.span(r);
        // Antecedents and mentions before the phrase: where it would be inserted / starts.
        let ak = self.antes_before(span.start);
        let ma = t.mentions_before(span.start, self.mention_hint);
        self.mention_hint = ma;
        let name = self.name_of(r, span, ak, ma);
        let head = t.w(r.1.saturating_sub(1));
        let pronoun = r.1 - r.0 == 1 && t.is(class::PRONOUN, r.1.saturating_sub(1));
        if !pronoun {
            let hi = crate::frames::head_of(t, r);
            let h = t.w(hi);
            let lone_name = r.1 - r.0 == 1 && t.is_cap(r.0) && t.raw(r.0).chars().any(char::is_lowercase);
            let person = (person_hint && lone_name && !t.mention_overlaps(r))
                || t.is(class::PERSONROLE, hi)
                || h.ends_with(b"man")
                || h.ends_with(b"woman")
                || t.is(class::PERSONROLE, r.1.saturating_sub(1))
                || t.mentions_from(ma, span).iter().any(|m| m.kind == EntityKind::Person && span.contains(m.span))
                // A surname of a person named before ("Williams" after "Jennifer Williams").
                || (r.1 - r.0 == 1
                    && name.is_some()
                    && self.before(ak).take(64).any(|a| a.person && !a.speaker && a.name == name))
                || {
                    // Few antecedents start inside the phrase: a walk, not a search.
                    let rest = self.antes.get(ak..).unwrap_or(&[]);
                    rest.iter()
                        .take_while(|a| a.span.start < span.end)
                        .any(|a| a.person && !a.speaker && span.contains(a.span))
                };
            let plural = head.ends_with(b"s") && !head.ends_with(b"ss") && !t.is_cap(r.1 - 1);
            let mut ante = Ante::new(span, name, span.text(t.an.body), person, plural, true);
            if person {
                ante.gender = gender_of(t, r, name);
            }
            let pos =
                ak + self.antes.get(ak..).unwrap_or(&[]).iter().take_while(|a| a.span.start <= span.start).count();
            self.antes.insert(pos, ante);
        }
        self.hint = ak;
        Ref { span, name }
    }

    /// The number of antecedents that start before byte `pos`: a short walk from where the
    /// last phrase stood, a binary search otherwise.
    fn antes_before(&self, pos: usize) -> usize {
        let a = &self.antes;
        let mut k = self.hint.min(a.len());
        if k > 0 && a.get(k - 1).is_some_and(|x| x.span.start >= pos) {
            return a.partition_point(|x| x.span.start < pos);
        }
        for _ in 0..8 {
            match a.get(k) {
                Some(x) if x.span.start < pos => k += 1,
                _ => return k,
            }
        }
        a.partition_point(|x| x.span.start < pos)
    }

    /// The antecedents before index `k`, nearest first.
    fn before(&self, k: usize) -> impl Iterator<Item = &Ante<'a>> {
        self.antes.get(..k).unwrap_or(&[]).iter().rev()
    }

    /// `span` is the span of `r`, `ak` the number of antecedents and `ma` of mentions that start
    /// before it.
    fn name_of(&self, r: R, span: Span, ak: usize, ma: usize) -> Option<&'a str> {
        let t = self.t;
        let n = r.1 - r.0;
        let first = t.w(r.0);
        let head = t.w(r.1.saturating_sub(1));
        let window = span.start.saturating_sub(1500);
        // Pronouns: antecedents outside quotation marks, of the pronoun's gender. "he" and
        // "she" take the first person named in the nearest sentence that names one (a
        // sentence's subject before its objects: "Simmons introduced McDonald. '...,' he said").
        if n == 1 && t.is(class::PRONOUN, r.0) {
            let want = match first {
                b"he" | b"him" => Gender::Male,
                b"she" | b"her" => Gender::Female,
                _ => Gender::Unknown,
            };
            let want_person = want != Gender::Unknown;
            let plural = matches!(first, b"they" | b"them");
            let fits = |a: &Ante| {
                !a.quoted
                    && if want_person {
                        a.person && (a.gender == Gender::Unknown || a.gender == want)
                    } else if plural {
                        a.speaker
                    } else {
                        a.speaker && !a.person && !a.plural
                    }
            };
            let mut found = self.before(ak).take_while(|a| a.span.start >= window).find(|a| fits(a));
            if want_person {
                // Within the nearest sentence: a name of the pronoun's gender, then a named
                // person or speaker, then a run of capitals; the leftmost of the best.
                let sent = found.and_then(|a| t.an.sentence_at(a.span.start)).and_then(|k| t.an.sentences.get(k));
                if let (Some(sent), Some(f)) = (sent, found) {
                    let from = sent.span.start;
                    let rank = |a: &Ante| {
                        if a.gender == want {
                            0
                        } else if a.run {
                            2
                        } else {
                            1
                        }
                    };
                    found = self
                        .before(ak)
                        .skip_while(|a| a.span != f.span)
                        .take_while(|a| a.span.start >= from)
                        .filter(|a| fits(a))
                        .min_by_key(|a| (rank(a), a.span.start));
                }
            } else if plural {
                // "they" names a group or body before a single person.
                if let Some(a) =
                    self.before(ak).take_while(|a| a.span.start >= window).find(|a| fits(a) && (a.plural || !a.person))
                {
                    found = Some(a);
                }
            }
            return found.map(Ante::label);
        }
        // Surnames: one capitalised word matching the first or last word of an earlier person.
        if n == 1 && t.is_cap(r.0) && t.mention_at_from(ma, span).is_none() {
            let w = t.raw(r.0);
            let far = span.start.saturating_sub(8000);
            if let Some(a) = self.before(ak).take_while(|a| a.span.start >= far).find(|a| {
                a.person
                    && a.name.is_some_and(|nm| {
                        // The first or last word can be `w` only when the name starts or ends
                        // with it.
                        if !(nm.trim_start().starts_with(w) || nm.trim_end().ends_with(w)) {
                            return false;
                        }
                        let mut parts = nm.split_whitespace();
                        let f = parts.next();
                        let l = nm.split_whitespace().last();
                        nm != w && (f == Some(w) || l == Some(w))
                    })
            }) {
                return a.name;
            }
        }
        // Definite descriptions: "the ministry", "the agency", "The commission".
        if first == b"the" && n <= 4 && t.is(class::ROLE, r.1.saturating_sub(1)) && !(r.0 + 1..r.1).any(|i| t.is_cap(i))
        {
            if let Some(a) = self
                .before(ak)
                .take_while(|a| a.span.start >= window)
                .find(|a| a.speaker && a.span != span && lower_contains(t, a, head))
            {
                return Some(a.label());
            }
        }
        // A mention that covers the phrase's core.
        let core = core_of(t, r);
        // The core starts inside the phrase: its mention is among those from `ma` on.
        if let Some(m) = t.mention_at_from(ma, t.span(core)) {
            return Some(m.name.as_str());
        }
        if let Some(m) = t.mentions_from(ma, span).iter().rev().find(|m| {
            m.span.end == span.end
                && span.contains(m.span)
                && matches!(m.kind, EntityKind::Person | EntityKind::Org)
                && !prep_before(t, m.span.start)
        }) {
            return Some(m.name.as_str());
        }
        // The proper-name core of the phrase.
        let mut s = core.0;
        let mut e = core.1;
        while e > s && t.is_cap(e - 1) && t.is(class::WORD, e - 1) {
            e -= 1;
        }
        // e now is the start of the trailing capitalised run.
        let run_start = e;
        e = core.1;
        while s < run_start {
            s += 1;
        }
        let mut rs = run_start;
        while rs < e && t.is(class::TITLE, rs) {
            rs += 1;
        }
        // Allow "of"/"for"/"and" inside a name run ("Department of Hydrology and Meteorology").
        let mut k = rs;
        while k > core.0 + 1 {
            let w = t.w(k - 1);
            if matches!(w, b"of" | b"for" | b"and" | b"on") && t.is_cap(k - 2) {
                let mut m = k - 1;
                while m > core.0 && t.is_cap(m - 1) && t.is(class::WORD, m - 1) {
                    m -= 1;
                }
                k = m;
            } else {
                break;
            }
        }
        let rs = if k < rs { k } else { rs };
        if rs < e && (rs == core.0 || e - rs >= 2) {
            let nm = t.span((rs, e)).text(t.an.body);
            if !nm.is_empty() {
                return Some(nm);
            }
        }
        let _ = head;
        None
    }
}

/// The gender the tokens `r` mark (a title or role word, or a first name: a capitalised word
/// before another), the first that does; or else the first of two or more words of the
/// canonical `name`. A lone capitalised word is a surname ("Omar"), never read as a first name.
fn gender_of(t: &Text, r: R, name: Option<&str>) -> Gender {
    let lx = &*LEXICON;
    for k in r.0..r.1.min(r.0 + 8) {
        if !t.is(class::WORD, k) || (t.is_cap(k) && !(t.is_cap(k + 1) && t.is(class::WORD, k + 1))) {
            continue;
        }
        let g = lx.gender(t.raw(k));
        if g != Gender::Unknown {
            return g;
        }
    }
    let Some(n) = name else { return Gender::Unknown };
    let mut words = n.split_whitespace();
    match (words.next(), words.next()) {
        (Some(first), Some(_)) => lx.gender(first),
        _ => Gender::Unknown,
    }
}

/// Whether the lower-cased text of `a` holds `head` (lower-case ASCII letters only change
/// through the document's lower-cased copy).
fn lower_contains(t: &Text, a: &Ante, head: &[u8]) -> bool {
    if a.ascii {
        // A byte search: a match of valid UTF-8 in valid UTF-8 is a substring match.
        t.an.low.as_bytes().get(a.span.range()).is_some_and(|low| bytes_contain(low, head))
    } else {
        // `head` is a token's lower-cased text: valid UTF-8.
        std::str::from_utf8(head).is_ok_and(|h| a.text.to_lowercase().contains(h))
    }
}

/// Whether `hay` holds `needle`: eight starting places at a time are tested for the needle's
/// first byte (a zero byte of `chunk ^ first * 0x01..01`), and only the places flagged are
/// compared.
fn bytes_contain(hay: &[u8], needle: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let Some(&first) = needle.first() else { return true };
    let Some(last) = hay.len().checked_sub(needle.len()) else { return false };
    let at = |k: usize| hay.get(k) == Some(&first) && hay.get(k..k + needle.len()) == Some(needle);
    let pat = ONES * u64::from(first);
    let mut k = 0;
    // Chunks whose eight starting places all lie at or before `last`.
    while k + 8 <= last + 1 {
        let Some(chunk) = hay.get(k..).and_then(|r| r.first_chunk::<8>()) else { break };
        let x = u64::from_le_bytes(*chunk) ^ pat;
        // The high bit of each zero byte of `x` (bytes after a zero one may be flagged too;
        // none is missed): each flagged place is compared.
        let mut z = x.wrapping_sub(ONES) & !x & HIGHS;
        while z != 0 {
            if at(k + (z.trailing_zeros() / 8) as usize) {
                return true;
            }
            z &= z - 1;
        }
        k += 8;
    }
    (k..=last).any(at)
}

fn prep_before(t: &Text, byte: usize) -> bool {
    let i = t.an.token_at_or_after(byte);
    i > 0 && matches!(t.w(i - 1), b"in" | b"of" | b"for" | b"from" | b"at" | b"to" | b"on" | b"'s" | CURLY_S)
}

/// The phrase without a leading determiner and a trailing acronym ("the X Agency (XA)" -> "X
/// Agency"; "the Korean Central News Agency KCNA" -> "Korean Central News Agency").
fn core_of(t: &Text, r: R) -> R {
    let (mut s, mut e) = r;
    while s < e && t.is(class::ARTICLE, s) {
        s += 1;
    }
    if e >= s + 3 && t.rb(e - 1) == b")" && t.rb(e - 3) == b"(" {
        e -= 3;
    } else if e >= s + 2 && is_acronym(t.raw(e - 1)) && t.is_cap(e - 2) && !is_acronym(t.raw(e - 2)) {
        e -= 1;
    }
    (s, e)
}

fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod bytes_tests {
    use super::bytes_contain;

    #[test]
    fn byte_search_matches_a_plain_search() {
        let hays: [&[u8]; 6] =
            [b"", b"m", b"the ministry of health", b"aaaaaaaaaaaaaaaaab", b"xxministr", b"ministry ministry"];
        let needles: [&[u8]; 6] = [b"", b"m", b"ministry", b"ab", b"aab", b"health"];
        for h in hays {
            for n in needles {
                let plain = n.is_empty() || h.windows(n.len()).any(|w| w == n);
                assert_eq!(bytes_contain(h, n), plain, "{:?} in {:?}", n, h);
            }
        }
    }
}
