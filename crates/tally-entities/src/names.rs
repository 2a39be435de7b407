//! Capitalised names the dictionaries do not know: organizations ("Sudan Doctors Network",
//! "National Institute of Statistics"), venues ("Mokran House"), villages and districts after a
//! locative preposition ("in Lel Pyin"), and context aliases ("the North" once North Korea has
//! been named).

use crate::lexicon::{word, Cat, Entry, LEXICON};
use crate::words::Words;
use crate::{is_possessive, Cand, Form, Hit};
use tally_model::{EntityKind, Span};
use tally_text::{Analysis, TokenKind};

/// Lower-case words that may join the capitalised words of one name.
#[inline]
fn connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "and" | "on" | "the" | "&" | "de")
}

/// Prepositions after which an unknown capitalised name is a place.
#[inline]
fn locative(w: &str) -> bool {
    // Not "into": an unknown name after it is as often a company or a person ("an
    // investigation into Burisma"). After "at", only names of two words or more ("at Mountain
    // View"): one word there is as often a company ("a director at Zentrox").
    matches!(w, "in" | "near" | "outside" | "at" | "from" | "around" | "across")
}

fn cap_word(an: &Analysis, k: usize) -> bool {
    let Some(t) = an.tokens.get(k) else { return false };
    // A capitalised token never is the possessive "'s".
    t.kind == TokenKind::Word && t.cap
}

/// Index of the candidate covering token `k`, if any (candidates sorted and disjoint).
fn cand_at(cands: &[Cand], an: &Analysis, k: usize) -> Option<usize> {
    let t = an.tokens.get(k)?;
    let i = cands.partition_point(|c| c.span.end <= t.span.start);
    cands.get(i).filter(|c| c.span.start <= t.span.start).map(|_| i)
}

/// [`cand_at`] for tokens asked about mostly in text order: `from` is the first candidate that
/// may end after the token, moved forward from the last question (or found again by binary
/// search when the token lies before it).
fn cand_at_from(cands: &[Cand], an: &Analysis, k: usize, from: &mut usize) -> Option<usize> {
    let t = an.tokens.get(k)?;
    let pos = t.span.start;
    if *from > 0 && cands.get(*from - 1).is_none_or(|c| c.span.end > pos) {
        *from = cands.partition_point(|c| c.span.end <= pos);
    }
    while cands.get(*from).is_some_and(|c| c.span.end <= pos) {
        *from += 1;
    }
    let i = *from;
    cands.get(i).filter(|c| c.span.start <= pos).map(|_| i)
}

/// The first candidate inside `span` (candidates sorted by start).
fn first_within(cands: &[Cand], span: Span) -> Option<&Cand> {
    let i = cands.partition_point(|c| c.span.start < span.start);
    cands.get(i).filter(|c| c.span.end <= span.end)
}

/// Whether any candidate overlaps `span` (candidates sorted by start, none longer than
/// `MAX_NAME_BYTES`).
fn any_overlap(cands: &[Cand], span: Span) -> bool {
    let lo = span.start.saturating_sub(MAX_NAME_BYTES);
    let a = cands.partition_point(|c| c.span.start < lo);
    let b = cands.partition_point(|c| c.span.start < span.end);
    cands[a..b.max(a)].iter().any(|c| c.span.overlaps(span))
}

/// Longest candidate span the window queries look back for.
const MAX_NAME_BYTES: usize = 512;

/// Unknown organizations and venues: a run of capitalised words (countries, places and
/// demonyms may begin it; connectors may join it) holding an organization head noun.
pub(crate) fn find_names(an: &Analysis, wd: &Words, hits: &[Hit], cands: &mut Vec<Cand>) {
    let lx = &*LEXICON;
    let body = an.body;
    let base = cands.len();
    let n = an.tokens.len();
    // Tokens before `i` are settled; runs begin at capitalised words.
    let mut i = 0;
    let mut cover = 0;
    for &c in &wd.caps {
        if c < i {
            continue;
        }
        i = c;
        if !cap_word(an, i) || wd.has(i, word::FUNCTION) {
            i += 1;
            continue;
        }
        // Extend over capitalised words, connectors between them, and dictionary mentions that
        // are countries, places or demonyms ("Sudan Doctors Network").
        let mut k = i;
        let mut caps = 0;
        let mut head: Option<usize> = None;
        let mut known = 0;
        // A known organization may begin a longer name ("Federal Reserve Bank of New York").
        let mut has_org = false;
        // The first connector joined over ("Gerald Osei of Halvard Robotics").
        let mut first_conn: Option<usize> = None;
        while k < n {
            // A name never runs across a line break ("Staff Reports" over "Police arrested").
            if k > i && an.tokens[k].newlines_before > 0 {
                break;
            }
            if cap_word(an, k) && !wd.has(k, word::TIME) {
                let covering = cand_at_from(&cands[..base], an, k, &mut cover);
                let joinable = match covering {
                    Some(c) => {
                        let c = &cands[c];
                        has_org |= c.kind == EntityKind::Org;
                        matches!(c.kind, EntityKind::Country | EntityKind::Place | EntityKind::Group | EntityKind::Org)
                    }
                    None => true,
                };
                if !joinable {
                    break;
                }
                if covering.is_some() {
                    known += 1;
                }
                // A head noun counts at the end of the run or before "of"/"for"/"on"
                // ("Sudan Doctors Network", "National Institute of Statistics").
                if wd.has(k, word::ORG_HEAD) && (!cap_word(an, k + 1) || matches!(an.tok(k + 1), "of" | "for" | "on")) {
                    head = Some(k);
                }
                caps += 1;
                k += 1;
                continue;
            }
            // "and" joins two names into one only after a head ("Department of Hydrology and
            // Meteorology"), not two places ("Omdurman and Port Sudan").
            let w = an.tok(k);
            // Nor two names that each end in a head ("Halvard Robotics and Tyvak Systems"):
            // after a head, "and" joins only another head ("Hydrology and Meteorology").
            let joins = connector(w)
                && (w != "and" || head.is_some() && (head != Some(k.wrapping_sub(1)) || wd.has(k + 1, word::ORG_HEAD)));
            if caps > 0 && joins && cap_word(an, k + 1) {
                first_conn = first_conn.or(Some(k));
                k += 1;
                continue;
            }
            break;
        }
        // Trim to the last capitalised word.
        while k > i && !cap_word(an, k - 1) {
            k -= 1;
        }
        // A person's name before "of" is not part of the organization's ("Gerald Osei of
        // Halvard Robotics"): the name begins after the connector.
        if let Some(c) =
            first_conn.filter(|&c| c + 1 < k && wd.has(i, word::GIVEN) && !(i..c).any(|t| wd.has(t, word::ORG_HEAD)))
        {
            i = c + 1;
            continue;
        }
        // "Lake Chad", "Mount Kenya": a geographic name, whatever follows.
        if caps >= 2 && wd.has(i, word::PLACE_PREFIX) {
            let span = Span::new(an.tokens[i].span.start, an.tokens[k - 1].span.end);
            let country = first_within(&cands[..base], span).and_then(|c| c.country);
            cands.push(Cand {
                span,
                kind: EntityKind::Place,
                form: Form::Name,
                name: span.text(body).to_string().into(),
                country,
                rank: 2,
            });
            i = k;
            continue;
        }
        let Some(h) = head else {
            i = k.max(i + 1);
            continue;
        };
        // A role phrase ending the run with nothing but a country before it ("Interior
        // Ministry", "Georgian Interior Ministry") is left to the role descriptions.
        let role_words = hits
            .iter()
            .find(|x| {
                matches!(lx.entries.get(x.entry), Some(Entry { cat: Cat::Role(_), .. })) && x.t1 == k && x.t0 >= i
            })
            .map(|x| (x.t0..x.t1).filter(|&t| cap_word(an, t)).count());
        let role_end = role_words.is_some_and(|r| caps <= known + r);
        // A known organization ending the run keeps its own name ("U.S. Department of Justice",
        // "Michigan Department of Health").
        let org_end = has_org && cand_at(&cands[..base], an, k - 1).is_some_and(|c| cands[c].kind == EntityKind::Org);
        if caps >= 2 && caps > known && !role_end && !org_end && h > i {
            let span = Span::new(an.tokens[i].span.start, an.tokens[k - 1].span.end);
            let kind = if wd.has(k - 1, word::PLACE_HEAD) { EntityKind::Place } else { EntityKind::Org };
            let country = first_within(&cands[..base], span).and_then(|c| c.country);
            let name = span.text(body).to_string().into();
            cands.push(Cand { span, kind, form: Form::Name, name, country, rank: 2 });
        }
        i = k.max(i + 1);
    }
    unknown_places(an, wd, cands, base);
    context_aliases(an, wd, cands, base);
}

/// "in Lel Pyin", "near Jabalia": a capitalised run after a locative preposition that no
/// dictionary knows is a place, in the country the document is about so far.
#[inline(never)]
fn unknown_places(an: &Analysis, wd: &Words, cands: &mut Vec<Cand>, base: usize) {
    let body = an.body;
    let n = an.tokens.len();
    let mut found = Vec::new();
    // Capitalised tokens after a locative preposition.
    for &c in &wd.caps {
        let Some(p) = c.checked_sub(1) else { continue };
        let len = an.tokens[p].span.len();
        // The lower-cased token equals a (lower-case) preposition: the same test as
        // `lower_eq` against the token.
        if !(2..=6).contains(&len) || !locative(an.low(p)) {
            continue;
        }
        let i = p + 1;
        let mut k = i;
        let free = |k: usize| {
            let ts = an.tokens[k].span;
            cand_at(&cands[..base], an, k).is_none() && !any_overlap(&cands[base..], ts) && !any_overlap(&found, ts)
        };
        while k < n
            && k < i + 3
            && cap_word(an, k)
            && !wd.has(k, word::NOT_NAME)
            && (k == i || an.tokens[k].newlines_before == 0)
            && free(k)
        {
            k += 1;
        }
        if k == i || is_possessive(an.tok(k)) || an.tok(i).len() < 3 || (k == i + 1 && an.low(p) == "at") {
            continue;
        }
        // An acronym ("in CBP custody") or a mixed-case brand ("in MacBook keyboards") is no
        // village name.
        if (i..k).any(|t| {
            let w = an.tok(t).as_bytes();
            w.iter().skip(1).any(u8::is_ascii_uppercase) && !w.contains(&b'-') && !w.contains(&b'\'')
        }) {
            continue;
        }
        let span = Span::new(an.tokens[i].span.start, an.tokens[k - 1].span.end);
        // Its country is unknown: the document's country so far is too weak a guess.
        found.push(Cand {
            span,
            kind: EntityKind::Place,
            form: Form::Name,
            name: span.text(body).to_string().into(),
            country: None,
            rank: 1,
        });
    }
    cands.extend(found);
}

/// "the North" for a country named earlier ("North Korea"), per `data/context_aliases.tsv`.
#[inline(never)]
fn context_aliases(an: &Analysis, wd: &Words, cands: &mut Vec<Cand>, base: usize) {
    let lx = &*LEXICON;
    let mut found = Vec::new();
    // Where each country is first named as a country (built at the first alias).
    let mut first_named: Option<crate::lexicon::FastMap<u16, usize>> = None;
    for &k in &wd.after_the {
        let Some(t) = an.tokens.get(k) else { continue };
        let w = an.tok(k);
        let Some(&(_, country)) = lx.context_aliases.iter().find(|(a, _)| *a == w) else { continue };
        if cap_word(an, k + 1) || cand_at(&cands[..base], an, k).is_some() {
            continue;
        }
        let first_named = first_named.get_or_insert_with(|| {
            let mut first: crate::lexicon::FastMap<u16, usize> = Default::default();
            for c in cands[..base].iter().filter(|c| c.kind == EntityKind::Country) {
                if let Some(country) = c.country {
                    let e = first.entry(country).or_insert(c.span.end);
                    *e = (*e).min(c.span.end);
                }
            }
            first
        });
        if first_named.get(&country).is_some_and(|&end| end <= t.span.start) {
            let span = Span::new(an.tokens[k - 1].span.start, t.span.end);
            let name = lx.country_name(Some(country)).unwrap_or("").into();
            found.push(Cand {
                span,
                kind: EntityKind::Country,
                form: Form::Short,
                name,
                country: Some(country),
                rank: 2,
            });
        }
    }
    cands.extend(found);
}
