//! People: names after a title ("Russian President Vladimir Putin", "Lt. Gen. Kyrylo Budanov"),
//! names before a speech verb or in apposition to a role ("Ana Lopez, a spokeswoman for ...,
//! said"), later mentions by surname ("Putin") and by title alone ("the governor"), resolved
//! within the document. Also unnamed capitalised organization names ("Sudan Doctors Network").

use crate::lexicon::{word, Cat, Entry, LEXICON};
use crate::words::Words;
use crate::{is_possessive, lower_eq, Cand, Form, Hit, Name};
use std::borrow::Cow;
use tally_model::{EntityKind, Span};
use tally_text::{Analysis, TokenKind};

/// Lower-case particles inside names ("Osama bin Laden", "Ursula von der Leyen").
const PARTICLES: [&str; 14] =
    ["bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "du", "la", "le", "dos", "di"];

/// Token `k` is one of [`PARTICLES`] (all begin in lower case, so a capitalised token never is).
#[inline]
fn is_particle(an: &Analysis, k: usize) -> bool {
    // All are two or three bytes long.
    an.tokens.get(k).is_some_and(|t| !t.cap && matches!(t.span.len(), 2 | 3)) && PARTICLES.contains(&an.tok(k))
}

/// A person found with a full (or titled) name.
struct Person {
    /// Index into the candidate list.
    cand: usize,
    start: usize,
    /// Keys a later short mention may use (surname; family name first for East Asian names).
    keys: [Option<(usize, usize)>; 2],
    /// Head of the title it was introduced with ("governor"), and the title's country.
    head: Option<u16>,
    country: Option<u16>,
}

/// For each token: covered by a dictionary mention that a name may not run through (countries,
/// demonyms, organizations); places may be overridden ("Kim" is also a town).
/// `dict_tokens`: the token range of each of the first candidates (the dictionary's).
fn blocked_tokens(an: &Analysis, cands: &[Cand], hits: &[Hit], dict_tokens: &[(usize, usize)]) -> Vec<bool> {
    let lx = &*LEXICON;
    let mut b = vec![false; an.tokens.len()];
    // Titles and role nouns are never part of a name ("Supreme Leader", "Police Chief").
    for h in hits {
        if matches!(lx.entries.get(h.entry), Some(Entry { cat: Cat::Title(_) | Cat::Role(_), .. })) {
            if let Some(s) = b.get_mut(h.t0..h.t1) {
                s.fill(true);
            }
        }
    }
    for (i, c) in cands.iter().enumerate() {
        // A hit's token range is the tokens at or after its start up to those at or after its end.
        let (t0, t1) = match dict_tokens.get(i) {
            Some(&r) => r,
            None => (an.token_at_or_after(c.span.start), an.token_at_or_after(c.span.end)),
        };
        // A one-word place may be a name's word ("Kim" is also a town); a longer one is not
        // ("Inner Mongolia said").
        if c.kind == EntityKind::Place && t1 <= t0 + 1 {
            continue;
        }
        if let Some(s) = b.get_mut(t0..t1) {
            s.fill(true);
        }
    }
    b
}

/// The dictionary candidate ending exactly at byte `end` (candidates are sorted and disjoint).
fn cand_ending_at(cands: &[Cand], end: usize) -> Option<&Cand> {
    let i = cands.partition_point(|c| c.span.end < end);
    cands.get(i).filter(|c| c.span.end == end)
}

/// The hit ending exactly at byte `end` (hits are sorted and disjoint).
fn hit_ending_at(hits: &[Hit], end: usize) -> Option<usize> {
    let i = hits.partition_point(|h| h.span.end < end);
    hits.get(i).filter(|h| h.span.end == end).map(|_| i)
}

/// The name run starting at token `i`: capitalised words, initials ("J."), inner particles.
/// Returns one past its last token.
fn name_run(an: &Analysis, wd: &Words, blocked: &[bool], i: usize, max: usize) -> usize {
    let mut k = i;
    let mut words = 0;
    while k < an.tokens.len() && words < max {
        let tok_span = an.tokens[k].span;
        // A name never runs across a line break ("CBS News" over "Kurt Volker said").
        if k > i && an.tokens[k].newlines_before > 0 {
            break;
        }
        if wd.name(k) && !blocked.get(k).copied().unwrap_or(true) {
            // An initial must be followed directly by its full stop ("J. Smith").
            let w = an.tok(k);
            if w.len() == 1 {
                let dot = an.tokens.get(k + 1).is_some_and(|t| t.span.start == tok_span.end && an.tok(k + 1) == ".");
                if !dot || !wd.name(k + 2) || an.tokens.get(k + 2).is_some_and(|t| t.newlines_before > 0) {
                    break;
                }
                k += 2;
            } else {
                k += 1;
            }
            words += 1;
            continue;
        }
        // A middle initial that is also a word ("Sonya A. Smith"): after a name's word, glued to
        // its full stop, before another name word.
        if words > 0 && !blocked.get(k).copied().unwrap_or(true) && middle_initial(an, wd, k) {
            k += 2;
            words += 1;
            continue;
        }
        if words > 0 && is_particle(an, k) && wd.name(k + 1) {
            k += 1;
            continue;
        }
        break;
    }
    // Never end on a particle.
    while k > i && is_particle(an, k - 1) {
        k -= 1;
    }
    k
}

/// Token `k` is one capital letter glued to a full stop, between a name word of several letters
/// and another on the same line ("Maria J. Lopez", "Sonya A. Smith").
fn middle_initial(an: &Analysis, wd: &Words, k: usize) -> bool {
    let w = an.tok(k);
    w.len() == 1
        && w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && k > 0
        && an.tok(k - 1).len() > 1
        && wd.name(k - 1)
        && an.tokens.get(k + 1).is_some_and(|t| an.tokens.get(k).is_some_and(|x| x.span.end == t.span.start))
        && an.tok(k + 1) == "."
        && an.tok(k + 2).len() > 1
        && wd.name(k + 2)
        && an.tokens.get(k + 2).is_some_and(|t| t.newlines_before == 0)
}

/// Keys of a name spanning tokens `t0..t1` for later short mentions: the last word (the surname
/// of most names), then the first (the family name of "Kim Jong-un", "Zhao Minghui").
fn keys_of(an: &Analysis, t0: usize, t1: usize) -> [Option<(usize, usize)>; 2] {
    // Not a suffix ("Jr", "III"): the surname comes before it.
    let mut words = (t0..t1).filter(|&k| {
        an.tok(k).len() > 1 && !is_particle(an, k) && !matches!(an.tok(k), "Jr" | "Sr" | "II" | "III" | "IV")
    });
    let Some(first) = words.next() else { return [None, None] };
    let span = |k: usize| an.tokens.get(k).map(|t| (t.span.start, t.span.end));
    let Some(last) = words.next_back() else { return [span(first), None] };
    // Family name first ("Kim Jong-un", "Xi Jinping") or not, the first word is a weaker key:
    // a bare word matches it only when no surname does.
    [span(last), span(first)]
}

fn title_of(an: &Analysis, hits: &[Hit], t1: usize) -> Option<(usize, u16)> {
    let lx = &*LEXICON;
    // The title hit ending right before token `t1`.
    let end = an.tokens.get(t1.checked_sub(1)?)?.span.end;
    let i = hit_ending_at(hits, end)?;
    match lx.entries.get(hits[i].entry) {
        Some(Entry { cat: Cat::Title(head), .. }) => Some((i, *head)),
        _ => None,
    }
}

/// Finds people and unnamed organizations; appends candidates.
pub(crate) fn find_people(
    an: &Analysis,
    wd: &Words,
    hits: &[Hit],
    cands: &mut Vec<Cand>,
    dict_tokens: &[(usize, usize)],
) {
    let lx = &*LEXICON;
    let body = an.body;
    let base = cands.len();
    let dict_len = dict_tokens.len();
    let blocked = blocked_tokens(an, &cands[..base], hits, dict_tokens);
    let is_blocked = |k: usize| blocked.get(k).copied().unwrap_or(true);
    let mut people: Vec<Person> = Vec::new();
    // Ends of the names in bylines and photo credits, in order.
    let mut credits: Vec<usize> = Vec::new();
    // Tokens before `i` are settled; runs begin at name tokens.
    let mut i = 0;
    for &c in &wd.names {
        if c < i {
            continue;
        }
        i = c;
        if is_blocked(i) || !wd.name(i) {
            i += 1;
            continue;
        }
        // Don't start a run in the middle of one.
        if i > 0
            && wd.name(i - 1)
            && an.tokens[i].space_before
            && an.tokens[i].newlines_before == 0
            && !is_blocked(i - 1)
        {
            let prev = an.tok(i - 1);
            if prev.len() != 1 {
                i += 1;
                continue;
            }
        }
        let end = name_run(an, wd, &blocked, i, 4);
        if end <= i {
            i += 1;
            continue;
        }
        let words = (i..end).filter(|&k| an.tok(k).len() > 1 && !is_particle(an, k)).count();
        let title = title_of(an, hits, i).or_else(|| {
            // "The mayor, Sandy Stimpson, said": a title, a comma, the name.
            (i >= 2 && an.tok(i - 1) == "," && an.tok(end) == ",").then(|| title_of(an, hits, i - 1)).flatten()
        });
        // One untitled word is never a person here: skip the cue look-ups.
        if title.is_none() && words < 2 {
            i = end.max(i + 1);
            continue;
        }
        let span = Span::new(an.tokens[i].span.start, an.tokens[end - 1].span.end);
        let prev = if i > 0 { an.tok(i - 1) } else { "" };
        let prev2 = if i > 1 { an.tok(i - 2) } else { "" };
        let next = an.tok(end);

        let is_org = wd.has(end - 1, word::ORG_HEAD);
        // A byline: "By Maria Gonzalez" opening a line.
        let byline = prev == "By" && an.tokens.get(i - 1).is_some_and(|t| t.newlines_before > 0 || i == 1);
        let after_cue =
            byline || lx.cue_before.contains(prev) || (lower_eq(prev, "to") && lower_eq(prev2, "according"));
        let before_cue = lx.cue_after.contains(an.low(end))
            || next == "," && (appositive_role(an, hits, end + 1) || aged(an, end + 1) || an.tok(end + 1) == "who");
        // A run that begins with a given name ("Tom Avery", "Xi Jinping").
        // Or one with a middle initial ("Renzo B. Larriviere").
        let given = wd.has(i, word::GIVEN) || end >= i + 4 && middle_initial(an, wd, end - 3);
        let owner = is_possessive(prev)
            && i >= 2
            && cand_ending_at(&cands[..dict_len], an.tokens[i - 2].span.end)
                .is_some_and(|c| c.kind == EntityKind::Country);
        let strong_title =
            title.is_some_and(|(_, head)| lx.title_heads.get(head as usize).is_some_and(|h| *h != "official"));

        if is_org {
            // "... told Sahel Monitor": an outlet or body, not a person (see names.rs).
        } else if title.is_some() && (strong_title || words >= 2)
            || words >= 2 && (after_cue || before_cue || owner || given)
        {
            let (head, country) = match title {
                Some((hi, head)) => (Some(head), title_country(an, hits, &cands[..dict_len], hi)),
                None => (None, None),
            };
            let name = span.text(body).to_string().into();
            people.push(Person { cand: cands.len(), start: span.start, keys: keys_of(an, i, end), head, country });
            cands.push(Cand { span, kind: EntityKind::Person, form: Form::Person, name, country, rank: 3 });
            // A byline or a photo credit names no one the story's "he" or "she" refers to.
            if byline || prev == "©" {
                credits.push(span.end);
            }
        }
        i = end.max(i + 1);
    }
    resolve_short(an, wd, hits, cands, dict_len, &people, &blocked, &credits);
}

/// ", aged 34", ", 52,": an age in apposition.
fn aged(an: &Analysis, k: usize) -> bool {
    matches!(an.tok(k), "aged" | "age")
        || an.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number) && an.tok(k + 1) == ","
}

/// ", a spokeswoman for the agency," / ", the regional governor,": a title within a few words.
fn appositive_role(an: &Analysis, hits: &[Hit], k: usize) -> bool {
    let lx = &*LEXICON;
    // A conjunction or preposition after the comma begins no apposition (", and a writer",
    // ", after the novelist").
    if lx.no_apposition.contains(an.tok(k)) {
        return false;
    }
    let limit = an.tokens.get(k + 5).map_or(an.body.len(), |t| t.span.end);
    let start = an.tokens.get(k).map_or(usize::MAX, |t| t.span.start);
    let from = hits.partition_point(|h| h.span.start < start);
    hits[from..].iter().take_while(|h| h.span.start < limit).any(|h| {
        h.span.end <= limit
            && matches!(lx.entries.get(h.entry), Some(Entry { cat: Cat::Title(head), .. }) if lx.title_heads.get(*head as usize).is_some_and(|x| *x != "honorific"))
    })
}

/// The country of a title ("North Korean leader", "Russia's president").
fn title_country(an: &Analysis, hits: &[Hit], cands: &[Cand], hi: usize) -> Option<u16> {
    let h = hits.get(hi)?;
    let mut j = h.t0;
    // Skip lower-case modifiers ("regional", "air force").
    let mut steps = 0;
    while j > 0 && steps < 3 {
        let w = an.tok(j - 1);
        if w.chars().next().is_some_and(|c| c.is_lowercase())
            && !matches!(w, "the" | "a" | "an" | "of" | "and" | "said")
        {
            j -= 1;
            steps += 1;
        } else {
            break;
        }
    }
    if j >= 2 && is_possessive(an.tok(j - 1)) {
        j -= 1;
    }
    let end = an.tokens.get(j.checked_sub(1)?)?.span.end;
    cand_ending_at(cands, end)
        .filter(|c| matches!(c.kind, EntityKind::Country | EntityKind::Group))
        .and_then(|c| c.country)
}

/// One of 64 bits for a lower-cased key, from its length and first byte.
#[inline]
fn key_bit(key: &str) -> u64 {
    let first = key.as_bytes().first().map_or(0, |&b| b as usize);
    1 << ((key.len() * 31 + first) % 64)
}

/// Full-named people by lower-case key: `(start, person index)` in text order.
type KeyIndex<'a> = crate::lexicon::FastMap<Cow<'a, str>, Vec<(usize, usize)>>;

/// Later mentions by surname ("Putin") and by title ("the North Korean leader", "the governor").
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn resolve_short(
    an: &Analysis,
    wd: &Words,
    hits: &[Hit],
    cands: &mut Vec<Cand>,
    dict_len: usize,
    people: &[Person],
    blocked: &[bool],
    credits: &[usize],
) {
    if people.is_empty() {
        return;
    }
    let lx = &*LEXICON;
    // Index of full-named people by key (per key slot), each list in text order, so that a
    // short mention finds its person in logarithmic time however long the document is.
    let mut by_key: [KeyIndex; 2] = Default::default();
    for (i, p) in people.iter().enumerate() {
        if !cands[p.cand].name.contains(' ') {
            continue;
        }
        for (slot, index) in by_key.iter_mut().enumerate() {
            if let Some((s, e)) = p.keys[slot] {
                // The body's ASCII lower-casing is the full lower-casing of an ASCII key.
                let Some(k) = an.body.get(s..e) else { continue };
                let low = if k.is_ascii() { an.low.get(s..e).map(Cow::Borrowed) } else { None };
                index.entry(low.unwrap_or_else(|| Cow::Owned(k.to_lowercase()))).or_default().push((p.start, i));
            }
        }
    }
    // A bit per key sketch: most capitalised words are no key, told without a look-up.
    let key_bits = by_key.iter().flat_map(|index| index.keys()).fold(0u64, |bits, k| bits | key_bit(k));
    for index in by_key.iter_mut() {
        for list in index.values_mut() {
            list.sort_unstable();
        }
    }
    // The full name a key stands for at `pos`: the most recent person before it with that key
    // (or the first after it, for a headline that names the person before the text does). A
    // one-word titled name ("President Putin") takes the full name too.
    // `key` is lower-cased.
    let full_for = |key: &str, pos: usize, cands: &[Cand]| -> Option<(Name, Option<u16>)> {
        let pick = |slot: usize| {
            let list = by_key[slot].get(key)?;
            let before = list.partition_point(|&(start, _)| start < pos);
            let (_, i) = if before > 0 { list[before - 1] } else { *list.first()? };
            people.get(i)
        };
        let chosen = pick(0).or_else(|| pick(1))?;
        let c = &cands[chosen.cand];
        Some((c.name.clone(), c.country))
    };
    // One-word names become full names where a full one shares the key.
    let mut low = String::new();
    for p in people {
        let name = &cands[p.cand].name;
        if !name.contains(' ') {
            low.clear();
            if name.is_ascii() {
                low.push_str(name);
                low.make_ascii_lowercase();
            } else {
                low = name.to_lowercase();
            }
            if let Some((full, country)) = full_for(&low, p.start, cands) {
                cands[p.cand].name = full;
                cands[p.cand].country = cands[p.cand].country.or(country);
            }
        }
    }
    // A shorter name of several words that ends a longer one named earlier is that person
    // ("Hawk Sawyer" after "Kathleen Hawk Sawyer").
    let mut longer: Vec<(usize, Name)> = Vec::new();
    for p in people {
        let name = &cands[p.cand].name;
        if !name.contains(' ') {
            continue;
        }
        let full = people.iter().filter(|q| q.start < p.start).map(|q| &cands[q.cand].name).find(|full| {
            full.len() > name.len()
                && full.ends_with(name.as_ref())
                && full.as_bytes().get(full.len() - name.len() - 1) == Some(&b' ')
        });
        if let Some(full) = full {
            longer.push((p.cand, full.clone()));
        }
    }
    for (c, full) in longer {
        if let Some(c) = cands.get_mut(c) {
            c.name = full;
        }
    }
    let mut person_spans: Vec<Span> = people.iter().map(|p| cands[p.cand].span).collect();
    person_spans.sort_unstable();
    // Person spans do not nest much; a span overlaps one of them if it overlaps one of the few
    // that start before its end (the first `upto`).
    let overlaps_before = |span: Span, upto: usize| person_spans[..upto].iter().rev().take(4).any(|s| s.overlaps(span));
    let overlaps_person = |span: Span| overlaps_before(span, person_spans.partition_point(|s| s.start < span.end));
    let mut extra = Vec::new();
    // Capitalised tokens come in text order: the spans starting before each one's end are a
    // growing prefix.
    let mut upto = 0;
    // No key (no full name of two words or more): no surname alone to find.
    let caps: &[usize] = if key_bits == 0 { &[] } else { &wd.caps };
    for &k in caps {
        let Some(t) = an.tokens.get(k) else { continue };
        if t.kind != TokenKind::Word || !t.cap || blocked.get(k).copied().unwrap_or(true) {
            continue;
        }
        // A surname alone, not the start of another name ("Kim" but not "Kim Yo-jong" unless
        // that person is known).
        if wd.name(k + 1) && an.tokens.get(k + 1).is_some_and(|n| n.space_before) && !is_possessive(an.tok(k + 1)) {
            continue;
        }
        let w = an.tok(k);
        // The body's ASCII lower-casing is the full lower-casing of an ASCII word.
        let low = if w.is_ascii() { std::borrow::Cow::Borrowed(an.low(k)) } else { w.to_lowercase().into() };
        if key_bits & key_bit(&low) == 0 {
            continue;
        }
        while person_spans.get(upto).is_some_and(|s| s.start < t.span.end) {
            upto += 1;
        }
        if overlaps_before(t.span, upto) {
            continue;
        }
        if let Some((name, country)) = full_for(&low, t.span.start, cands) {
            extra.push(Cand { span: t.span, kind: EntityKind::Person, form: Form::Short, name, country, rank: 3 });
        }
    }
    // Titles standing for a person: "the North Korean leader", "the regional governor".
    let mut by_head: crate::lexicon::FastMap<u16, Vec<usize>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        if let Some(h) = p.head {
            by_head.entry(h).or_default().push(i);
        }
    }
    for list in by_head.values_mut() {
        list.sort_unstable_by_key(|&i| people[i].start);
    }
    for h in hits {
        let Some(Entry { cat: Cat::Title(head), .. }) = lx.entries.get(h.entry) else { continue };
        let head_word = lx.title_heads.get(*head as usize).copied().unwrap_or("");
        if matches!(head_word, "official" | "honorific" | "lawmaker" | "judge" | "cleric") {
            continue;
        }
        if wd.name(h.t1) || overlaps_person(h.span) {
            continue;
        }
        // Walk back over modifiers to "the".
        let mut j = h.t0;
        let mut steps = 0;
        while j > 0 && steps < 3 && !lower_eq(an.tok(j - 1), "the") {
            j -= 1;
            steps += 1;
        }
        if j == 0 || !lower_eq(an.tok(j - 1), "the") {
            continue;
        }
        let span = Span::new(an.tokens[j].span.start, h.span.end);
        let country = hit_ending_at(hits, h.span.end).and_then(|hi| title_country(an, hits, &cands[..dict_len], hi));
        let found = by_head.get(head).and_then(|list| {
            let upto = list.partition_point(|&i| people[i].start < h.span.start);
            list[..upto].iter().rev().map(|&i| &people[i]).find(|p| country.is_none() || p.country == country)
        });
        if let Some(p) = found {
            let c = &cands[p.cand];
            extra.push(Cand {
                span,
                kind: EntityKind::Person,
                form: Form::Title,
                name: c.name.clone(),
                country: c.country,
                rank: 3,
            });
        }
    }
    // "he" / "she": the person named most recently, within a few sentences, unless an unnamed
    // person was introduced since ("A farmer from a nearby village said ... he said").
    let unnamed: Vec<usize> = hits
        .iter()
        .filter(|h| {
            matches!(lx.entries.get(h.entry), Some(Entry { cat: Cat::Title(head), .. })
                if lx.title_heads.get(*head as usize).is_some_and(|x| *x == "official"))
                && (1..=3).any(|d| {
                    // Not an appositive ("Ri Chol Ho, an official,").
                    h.t0 >= d
                        && matches!(an.tok(h.t0 - d), "a" | "A" | "an" | "An" | "one" | "One" | "another" | "Another")
                        // Nor a predicate ("X is a writer", "X, and a writer").
                        && (h.t0 == d || !matches!(an.tok(h.t0 - d - 1), "," | "and" | "is" | "was" | "as" | "became"))
                })
        })
        .map(|h| h.span.start)
        .collect();
    let mut unnamed = unnamed;
    unnamed.sort_unstable();
    // Antecedents in order of their end (names borrowed, copied only for a pronoun that takes
    // one); pronouns resolved so far carry the person on.
    // Each antecedent's sex, from its given name (0 when unknown).
    let sex = |name: &str| {
        let first = name.split(' ').next().unwrap_or("");
        lx.word_flags.get(first).unwrap_or(0) & (word::MALE | word::FEMALE)
    };
    let mut named: Vec<Antecedent> = cands
        .iter()
        .chain(extra.iter())
        .filter(|c| c.kind == EntityKind::Person && credits.binary_search(&c.span.end).is_err())
        .map(|c| (c.span.end, &c.name, c.country, sex(&c.name)))
        .collect();
    named.sort_by_key(|n| n.0);
    let mut pronouns = Vec::new();
    // The latest "he" and the latest "she" resolved, each carrying its person on.
    let mut resolved: [Option<Antecedent>; 2] = [None, None];
    // Every pronoun resolved so far, in text order.
    let mut history: Vec<Antecedent> = Vec::new();
    // People of no known sex that a "he" or a "she" has already stood for: the other pronoun
    // skips them ("Deval Patrick ... he ... she" is someone else).
    let mut learned: Vec<(&Name, u16)> = Vec::new();
    for &k in &wd.pronouns {
        let Some(t) = an.tokens.get(k) else { continue };
        let start = t.span.start;
        // "he" and "she" skip a person known to be of the other sex.
        let she = matches!(an.tok(k).as_bytes().first(), Some(b's' | b'S'));
        let (own, other) = if she { (word::FEMALE, word::MALE) } else { (word::MALE, word::FEMALE) };
        let fits =
            |n: &Antecedent| n.3 & other == 0 && (n.3 != 0 || !learned.iter().any(|l| l.1 == other && l.0 == n.1));
        let upto = named.partition_point(|n| n.0 <= start);
        let last_named = named[..upto].iter().rev().take_while(|n| start - n.0 < PRONOUN_REACH).find(|n| fits(n));
        let latest = match (last_named, resolved[usize::from(she)].as_ref()) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        // A second "he" in one sentence is the first one's person ("X said he saw Y and that
        // he understood").
        let same_sentence = resolved[usize::from(she)].as_ref().filter(|r| {
            let s = an.sentence_at(start);
            s.is_some() && an.sentence_at(r.0.saturating_sub(1)) == s
        });
        let last = subject_before(an, k, &named[..upto], &history, &fits)
            .or(same_sentence)
            .or(latest)
            .filter(|(end, _, _, _)| start - end < PRONOUN_REACH)
            .filter(|(end, _, _, _)| {
                let u = unnamed.partition_point(|&u| u < *end);
                unnamed.get(u).is_none_or(|&u| u >= start)
            })
            .copied();
        if let Some((_, name, country, sex)) = last {
            if sex == 0 && !learned.iter().any(|l| l.0 == name) {
                learned.push((name, own));
            }
            pronouns.push(Cand {
                span: t.span,
                kind: EntityKind::Person,
                form: Form::Pronoun,
                name: name.clone(),
                country,
                rank: 3,
            });
            resolved[usize::from(she)] = Some((t.span.end, name, country, sex));
            history.push((t.span.end, name, country, sex));
        }
    }
    cands.extend(extra);
    cands.extend(pronouns);
}

/// "He said ..." opening a sentence stands for the subject of the sentence before: its first
/// person (named, or a pronoun already resolved) not of the other sex, unless that sentence
/// quotes someone (the speaker of a quote often comes last). `named` and `history` are in
/// order of end and end before the pronoun.
fn subject_before<'a, 'n>(
    an: &Analysis,
    k: usize,
    named: &'a [Antecedent<'n>],
    history: &'a [Antecedent<'n>],
    fits: &dyn Fn(&Antecedent) -> bool,
) -> Option<&'a Antecedent<'n>> {
    let start = an.tokens.get(k)?.span.start;
    let s = an.sentence_at(start)?;
    if an.sentences.get(s)?.tokens.start != k || !an.tokens.get(k)?.cap {
        return None;
    }
    let prev = an.sentences.get(s.checked_sub(1)?)?;
    if an.tokens.get(prev.tokens.clone())?.iter().any(|t| t.kind == TokenKind::Quote) {
        return None;
    }
    let first = |list: &'a [Antecedent<'n>]| {
        let a = list.partition_point(|n| n.0 <= prev.span.start);
        list[a..].iter().take_while(|n| n.0 <= prev.span.end).find(|n| fits(n))
    };
    match (first(named), first(history)) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A person a pronoun may stand for: (end, name, country, sex flags of [`word`]).
type Antecedent<'a> = (usize, &'a Name, Option<u16>, u16);

/// How far back (bytes) a pronoun looks for its person: about three sentences.
const PRONOUN_REACH: usize = 500;

#[cfg(test)]
mod tests {
    #[test]
    fn particles_begin_in_lower_case() {
        // `is_particle` skips capitalised tokens on this ground.
        assert!(super::PARTICLES.iter().all(|p| p.starts_with(|c: char| c.is_lowercase())));
        // `is_particle` skips tokens of other lengths.
        assert!(super::PARTICLES.iter().all(|p| matches!(p.len(), 2 | 3)));
    }
}
