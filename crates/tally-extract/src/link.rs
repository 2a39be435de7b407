//! Linking: gives each figure its sources (the innermost attribution frame that governs it), the
//! channel, the statement time (a time expression inside that frame or its fronted adverbial)
//! and the event time (a time expression in the figure's own clause, outside every frame).

use std::borrow::Cow;
use tally_attrib::{Attribution, Attributions, Quote};
use tally_figures::Figure;
use tally_model::{NameRef, Source, Span, Stance, TimeRef};
use tally_text::{Analysis, Token, TokenKind};
use tally_times::TimeExpr;

/// What linking adds to a figure. Its sources and channel are those of `frame`, given by
/// [`sources`] once every figure is linked.
#[derive(Debug, Default)]
pub struct Linked<'a> {
    pub time: Option<TimeRef<'a>>,
    pub stated: Option<TimeRef<'a>>,
    /// The index of the frame that governs the figure.
    pub frame: Option<usize>,
    /// With no frame: the index of the quote with a speaker that holds the figure (the first
    /// sentences of a quote whose frame stands after its last).
    pub quote: Option<usize>,
    pub unverified: bool,
}

/// The sources and channel of frame `a` as a figure's record names them: their text borrowed
/// from `body`, their names and cues copied (the frame borrows them from this document's
/// mentions, which do not outlive extraction).
pub fn sources<'a>(a: &Attribution, body: &'a str) -> (Vec<Source<'a>>, Option<NameRef<'a>>) {
    let source = a
        .sources
        .iter()
        .map(|s| {
            let NameRef { text, name } = s.anchor.to_name_ref(body);
            Source { text, name, cue: Cow::Owned(s.cue.to_string()), stance: s.stance }
        })
        .collect();
    let via = a.via.as_ref().map(|v| v.to_name_ref(body));
    (source, via)
}

/// The speaker of quote `q` as a figure's source, with the quote's cue and channel.
pub fn quote_sources<'a>(q: &Quote, body: &'a str) -> (Vec<Source<'a>>, Option<NameRef<'a>>) {
    let source = q
        .speaker
        .iter()
        .map(|s| {
            let NameRef { text, name } = s.to_name_ref(body);
            Source { text, name, cue: Cow::Owned(q.cue.unwrap_or_default().to_string()), stance: Stance::Asserted }
        })
        .collect();
    (source, q.via.as_ref().map(|v| v.to_name_ref(body)))
}

fn time_ref<'a>(an: &Analysis<'a>, t: &TimeExpr) -> TimeRef<'a> {
    TimeRef::new(an.text(t.span), t.interval)
}

/// Whether token `t` is a comma, semicolon or parenthesis (the bounds of a segment).
#[inline]
fn is_segment_bound(an: &Analysis, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && t.span.len() == 1
        && matches!(an.body.as_bytes().get(t.span.start), Some(b',' | b';' | b'(' | b')'))
}

/// The comma-bounded stretch of the sentence around byte offset `pos`; `first` is the
/// sentence's first token when known.
fn segment(an: &Analysis, sentence: Span, first: Option<usize>, pos: usize) -> Span {
    // Tokens start at strictly increasing offsets: a token starting where the sentence does is
    // the first at or after its start.
    let first = first
        .filter(|&i| an.tokens.get(i).is_some_and(|t| t.span.start == sentence.start))
        .unwrap_or_else(|| an.token_at_or_after(sentence.start));
    let mut start = sentence.start;
    let mut end = sentence.end;
    for t in an.tokens.get(first..).unwrap_or(&[]).iter().take_while(|t| t.span.end <= sentence.end) {
        if !is_segment_bound(an, t) {
            continue;
        }
        if t.span.end <= pos {
            start = t.span.end;
        } else if t.span.start >= pos {
            end = t.span.start;
            break;
        }
    }
    Span::new(start, end)
}

/// The words the linker reads clause structure by (`data/clause_words.tsv`, where each role
/// is described).
struct ClauseWords {
    subordinate: Vec<&'static str>,
    contrast: Vec<&'static str>,
    fronted: Vec<&'static str>,
    additive: Vec<Vec<&'static str>>,
    speech: Vec<&'static str>,
    link: Vec<&'static str>,
    comparison: Vec<Vec<&'static str>>,
    range: Vec<&'static str>,
}

static CLAUSE_WORDS: std::sync::LazyLock<ClauseWords> = std::sync::LazyLock::new(|| {
    let mut w = ClauseWords {
        subordinate: Vec::new(),
        contrast: Vec::new(),
        fronted: Vec::new(),
        additive: Vec::new(),
        speech: Vec::new(),
        link: Vec::new(),
        comparison: Vec::new(),
        range: Vec::new(),
    };
    for line in include_str!("../data/clause_words.tsv").lines() {
        let Some((role, words)) = line.split_once('\t') else { continue };
        let words = words.trim();
        match role {
            "subordinate" => w.subordinate.push(words),
            "contrast" => w.contrast.push(words),
            "fronted" => w.fronted.push(words),
            "additive" => w.additive.push(words.split(' ').collect()),
            "speech" => w.speech.push(words),
            "link" => w.link.push(words),
            "comparison" => w.comparison.push(words.split(' ').collect()),
            "range" => w.range.push(words),
            _ => {}
        }
    }
    w
});

/// Whether the lower-case text of token `i` is one of `words`.
#[inline]
fn token_in(an: &Analysis, i: usize, words: &[&str]) -> bool {
    let w = an.low(i);
    words.contains(&w)
}

/// Whether the lower-case tokens from `from` on spell the phrase `words`.
#[inline]
fn phrase_at(an: &Analysis, from: usize, words: &[&str]) -> bool {
    words.iter().enumerate().all(|(j, w)| an.low(from + j) == *w)
}

/// Whether a time at `time`, in an earlier comma-bounded stretch of the sentence than the
/// figure starting at `fig`, still dates the figure's clause: the figure's stretch goes on
/// the same clause ("Shelling hit the port on Sunday, killing 12") or follows a fronted
/// adverbial ("Last week, 80 homes burned"). It does not when the time stands in a clause of
/// concession or condition before it ("Although he joined in 2003, he ..."), when a contrast
/// clause or a semicolon comes between ("..., but ..."), or when the time is a possessive
/// inside a noun phrase that is no fronted adverbial ("X's appearance at Monday's hearing,
/// ..., pushing ...").
fn dates_later_clause(an: &Analysis, sentence: Span, first: Option<usize>, time: Span, fig: usize) -> bool {
    let body = an.body.as_bytes();
    // Between the time and the figure: no semicolon, no comma that opens a contrast clause.
    let from = an.token_at_or_after(time.end);
    let to = an.token_at_or_after(fig);
    for i in from..to {
        let Some(t) = an.tokens.get(i) else { break };
        if t.kind != TokenKind::Punct || t.span.len() != 1 {
            continue;
        }
        match body.get(t.span.start) {
            Some(b';') => return false,
            // "..., while lowering wages by ..." goes on the same clause.
            Some(b',') if token_in(an, i + 1, &CLAUSE_WORDS.contrast) && !an.low(i + 2).ends_with("ing") => {
                return false
            }
            _ => {}
        }
    }
    // The stretch that holds the time, and its first token: a subordinate clause opens it,
    // or follows a colon or dash in it ("There is a reason: although ...").
    let seg = segment(an, sentence, first, time.start);
    let seg_first = an.token_at_or_after(seg.start);
    let time_first = an.token_at_or_after(time.start);
    let opens_clause = |k: usize| {
        k == seg_first
            || an.tokens.get(k.wrapping_sub(1)).is_some_and(|p| {
                p.kind == TokenKind::Dash || (p.kind == TokenKind::Punct && body.get(p.span.start) == Some(&b':'))
            })
    };
    if (seg_first..time_first).any(|k| opens_clause(k) && token_in(an, k, &CLAUSE_WORDS.subordinate)) {
        return false;
    }
    let rest = body.get(time.end..).unwrap_or(&[]);
    if rest.starts_with(b"'s") || rest.starts_with("\u{2019}s".as_bytes()) {
        // A fronted adverbial starts the sentence with a preposition.
        return seg.start == sentence.start && token_in(an, seg_first, &CLAUSE_WORDS.fronted);
    }
    true
}

/// Whether the time at `time` is the base a change is measured against ("down 10 percent from
/// a year ago", "higher than last year"): a comparison word stands right before it, and no
/// range goes on after it ("from May to July").
fn comparison_base(an: &Analysis, time: Span) -> bool {
    let k = an.token_at_or_after(time.start);
    let after = an.token_at_or_after(time.end);
    if token_in(an, after, &CLAUSE_WORDS.range) || an.tokens.get(after).is_some_and(|t| t.kind == TokenKind::Dash) {
        return false;
    }
    CLAUSE_WORDS
        .comparison
        .iter()
        .any(|words| k.checked_sub(words.len()).is_some_and(|from| phrase_at(an, from, words)))
}

/// Where a time dates the statement of frame `a`: the frame itself, and its fronted adverbial
/// unless that adds another event.
fn statement_regions<'s>(an: &'s Analysis, a: &'s Attribution) -> impl Iterator<Item = Span> + 's {
    let additive = |pre: &Span| {
        let k = an.token_at_or_after(pre.start);
        CLAUSE_WORDS.additive.iter().any(|words| phrase_at(an, k, words))
    };
    std::iter::once(a.frame).chain(a.pre.filter(|p| !additive(p)))
}

/// Whether a comma and a participle of speech stand between a time and the figure after it:
/// the time then dates the speech, not the counted event.
fn speech_between(an: &Analysis, time: Span, fig: usize) -> bool {
    let body = an.body.as_bytes();
    (an.token_at_or_after(time.end)..an.token_at_or_after(fig)).any(|i| {
        an.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct && body.get(t.span.start) == Some(&b','))
            && token_in(an, i + 1, &CLAUSE_WORDS.speech)
    })
}

/// Whether a clause-opening word stands between the time at `time` and the figure at `fig`
/// (the time's own preposition, just before a time after the figure, does not count): of two
/// times in the figure's stretch, the one in its own clause dates it.
fn crosses_clause(an: &Analysis, time: Span, fig: Span) -> bool {
    let (from, to) = if time.end <= fig.start {
        (an.token_at_or_after(time.end), an.token_at_or_after(fig.start))
    } else {
        (an.token_at_or_after(fig.end), an.token_at_or_after(time.start).saturating_sub(1))
    };
    (from..to).any(|k| token_in(an, k, &CLAUSE_WORDS.link))
}

/// Whether the time at `time`, in the stretch right after the figure's stretch `seg`, closes
/// a list that the figure's noun opens: the figure ends its stretch, and the next stretch goes
/// on with a few more nouns joined by "and" or "or" up to the time ("sold 300 cars, vans and
/// trucks in May"), with no clause-opening word ("..., and prices fell in May" opens a clause).
fn closes_list(an: &Analysis, seg: Span, fig: Span, time: Span) -> bool {
    const MAX_LIST_WORDS: usize = 6;
    let body = an.body.as_bytes();
    let comma = an.token_at_or_after(seg.end);
    if an.token_at_or_after(fig.end) != comma || body.get(seg.end) != Some(&b',') {
        return false;
    }
    let (from, to) = (comma + 1, an.token_at_or_after(time.start).saturating_sub(1));
    if to <= from + 1 || to - from > MAX_LIST_WORDS {
        return false;
    }
    let words = from..to;
    let plain = words.clone().all(|k| {
        an.tokens.get(k).is_some_and(|t| t.is_word())
            && !token_in(an, k, &CLAUSE_WORDS.link)
            && !token_in(an, k, &CLAUSE_WORDS.contrast)
    });
    let joined = words.clone().skip(1).any(|k| matches!(an.low(k), "and" | "or"));
    plain && joined && !matches!(an.low(from), "and" | "or")
}

/// The time expressions inside `span` (times are in text order).
fn times_within(times: &[TimeExpr], span: Span) -> &[TimeExpr] {
    let a = times.partition_point(|t| t.span.start < span.start);
    let b = times.partition_point(|t| t.span.start < span.end);
    times.get(a..b.max(a)).unwrap_or(&[])
}

/// How far from a span [`Attributions::frames_near`] looks for frames (its own constant; the
/// tests hold [`Linker::governing`] to [`Attributions::governing`]).
const REACH: usize = 4000;

/// Links the figures of one document: the governed stretches of all its frames are indexed
/// once, so finding the frame that governs a figure looks only at the stretches that could
/// hold it.
pub struct Linker<'l, 'a> {
    an: &'l Analysis<'a>,
    times: &'l [TimeExpr],
    attributions: &'l Attributions<'l>,
    /// Every governed stretch with the index of its frame, by start.
    contents: Vec<(Span, usize)>,
    /// The length of the longest governed stretch.
    longest: usize,
    /// The frames are in order of their start (as attribution leaves them); otherwise the
    /// frame governing a figure is looked up by [`Attributions::governing`].
    ordered: bool,
}

impl<'l, 'a> Linker<'l, 'a> {
    pub fn new(an: &'l Analysis<'a>, times: &'l [TimeExpr], attributions: &'l Attributions<'l>) -> Self {
        let frames = &attributions.frames;
        let mut contents: Vec<(Span, usize)> =
            frames.iter().enumerate().flat_map(|(k, a)| a.contents.iter().map(move |c| (*c, k))).collect();
        contents.sort_unstable_by_key(|(c, k)| (c.start, *k));
        let longest = contents.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
        let ordered = frames.windows(2).all(|w| w[0].frame.start <= w[1].frame.start);
        Linker { an, times, attributions, contents, longest, ordered }
    }

    /// The frame that governs `span`, as [`Attributions::governing`] finds it: of the frames
    /// near it whose governed stretch holds it, the one with the shortest such stretch (the
    /// first of them on a tie).
    #[cfg(test)]
    pub fn governing(&self, span: Span) -> Option<&'l Attribution<'l>> {
        self.governing_index(span).and_then(|k| self.attributions.frames.get(k))
    }

    /// The index of the frame [`Linker::governing`] finds.
    fn governing_index(&self, span: Span) -> Option<usize> {
        let frames = &self.attributions.frames;
        if !self.ordered {
            let a = self.attributions.governing(span)?;
            return frames.iter().position(|f| std::ptr::eq(f, a));
        }
        let near = |a: &Attribution| a.frame.start + REACH >= span.start && a.frame.start <= span.end + REACH;
        // Stretches that start after `span` or end before it cannot hold it.
        let upto = self.contents.partition_point(|(c, _)| c.start <= span.start);
        let mut best: Option<(usize, usize)> = None;
        for &(c, k) in self.contents.get(..upto).unwrap_or(&[]).iter().rev() {
            if c.start + self.longest < span.end {
                break;
            }
            if !c.contains(span) || best.is_some_and(|b| (c.len(), k) >= b) {
                continue;
            }
            if frames.get(k).is_some_and(near) {
                best = Some((c.len(), k));
            }
        }
        best.map(|(_, k)| k)
    }

    /// The index of the innermost quote with a speaker that holds `span` (quotes are in order
    /// of their start and seldom nest: a few before `span` are looked at).
    fn quote_holding(&self, span: Span) -> Option<usize> {
        let quotes = &self.attributions.quotes;
        let upto = quotes.partition_point(|q| q.span.start <= span.start);
        (upto.saturating_sub(4)..upto)
            .rev()
            .filter_map(|k| quotes.get(k).map(|q| (k, q)))
            .filter(|(_, q)| q.speaker.is_some() && q.span.contains(span))
            .min_by_key(|(_, q)| q.span.len())
            .map(|(k, _)| k)
    }

    /// A time that dates the statement of frame `a` though its regions miss it: a bare date
    /// between the cue and "that" ("NASA announced Nov. 18 that ..."), or, with no fronted
    /// adverbial found, a time that makes up the first stretch of the frame's sentence right
    /// before its source ("A year ago, the agency announced that ...").
    fn loose_statement_time(&self, a: &Attribution) -> Option<&'l TimeExpr> {
        let (an, times) = (self.an, self.times);
        let body = an.body.as_bytes();
        for c in a.contents.iter() {
            let Some(tok) = an.tokens.get(an.token_at_or_after(c.start)) else { continue };
            let opens = times_within(times, *c).first().filter(|t| t.span.start == tok.span.start);
            if let Some(t) = opens.filter(|t| an.low(an.token_at_or_after(t.span.end)) == "that") {
                return Some(t);
            }
        }
        if a.pre.is_some() {
            return None;
        }
        let s = an.sentences.get(a.sentence)?;
        let comma_at = an.token_at_or_after(a.frame.start).checked_sub(1)?;
        let comma = an.tokens.get(comma_at)?;
        if comma.kind != TokenKind::Punct
            || body.get(comma.span.start) != Some(&b',')
            || comma.span.start < s.span.start
        {
            return None;
        }
        let t = times_within(times, Span::new(s.span.start, comma.span.start)).last()?;
        // At most two words ("In", "As of") before the time, and no comma.
        let lead = s.tokens.start..an.token_at_or_after(t.span.start);
        let plain = lead.len() <= 2 && lead.clone().all(|k| an.tokens.get(k).is_some_and(|x| x.is_word()));
        (plain && t.span.end == comma.span.start).then_some(t)
    }

    pub fn link(&self, f: &Figure) -> Linked<'a> {
        let (an, times) = (self.an, self.times);
        // The number itself always lies inside the governed stretch, whatever the figure span covers.
        let mut out = Linked { frame: self.governing_index(f.number), ..Linked::default() };
        if out.frame.is_none() {
            out.quote = self.quote_holding(f.number);
        }
        let own_sentence = an.sentences.get(f.sentence);
        let sentence = own_sentence.map(|s| s.span).unwrap_or(f.span);
        // A statement time outside the frame's regions, kept out of the event time.
        let mut loose: Option<Span> = None;
        if let Some(a) = out.frame.and_then(|k| self.attributions.frames.get(k)) {
            out.unverified = a.unverified;
            let stated =
                statement_regions(an, a).find_map(|r| times_within(times, r).iter().find(|t| r.contains(t.span)));
            let stated = stated.or_else(|| {
                let t = self.loose_statement_time(a);
                loose = t.map(|t| t.span);
                t
            });
            out.stated = stated.map(|t| time_ref(an, t));
        }
        // Event time: in the figure's sentence, outside every frame region of that sentence.
        let within = times_within(times, sentence);
        if within.is_empty() {
            return out;
        }
        // Frames are in order of their start: those of this sentence are one run of them.
        let near = if self.ordered { &self.attributions.frames[..] } else { self.attributions.frames_near(sentence) };
        let first = near.partition_point(|a| a.frame.start < sentence.start);
        let upto = near.partition_point(|a| a.frame.start <= sentence.end).max(first);
        let own = near.get(first..upto).unwrap_or(&[]);
        // A time in a frame's region dates the statement, unless the figure stands in that
        // region too ("In addition to the three deaths on Tuesday, the office said ...").
        let in_frame = |t: &TimeExpr| {
            own.iter().any(|a| {
                sentence.contains(a.frame)
                    && statement_regions(an, a).any(|r| r.contains(t.span) && !r.contains(f.span))
            })
        };
        let candidate = |t: &&TimeExpr| {
            sentence.contains(t.span)
                && !t.span.overlaps(f.span)
                && !in_frame(t)
                && loose != Some(t.span)
                && !comparison_base(an, t.span)
        };
        let dist = |t: &TimeExpr| {
            if t.span.start >= f.span.end {
                t.span.start - f.span.end
            } else {
                f.span.start.saturating_sub(t.span.end)
            }
        };
        let first_token = own_sentence.map(|s| s.tokens.start);
        // A time overlapping the figure's stretch belongs to it, even when a comma inside the
        // time ("through June 30, 2019") bounds the stretch.
        let seg = segment(an, sentence, first_token, f.span.start);
        let own_stretch = within
            .iter()
            .filter(candidate)
            .filter(|t| seg.overlaps(t.span))
            .min_by_key(|t| (crosses_clause(an, t.span, f.span), dist(t)));
        if own_stretch.is_some() {
            out.time = own_stretch.map(|t| time_ref(an, t));
            return out;
        }
        // Else the last time before the figure, in an earlier stretch that goes on its clause.
        let Some(earlier) =
            within.iter().filter(candidate).filter(|t| t.span.end <= f.span.start).max_by_key(|t| t.span.end)
        else {
            // Or the time that closes a list the figure's noun opens ("sold 300 cars, vans and
            // trucks in May").
            let next = within.iter().filter(candidate).find(|t| t.span.start >= seg.end);
            if let Some(t) = next.filter(|t| closes_list(an, seg, f.span, t.span)) {
                out.time = Some(time_ref(an, t));
            }
            return out;
        };
        if speech_between(an, earlier.span, f.span.start) {
            // "X acknowledged shortages Tuesday, telling lawmakers that ...": the time dates
            // the speech.
            if out.frame.is_some() && out.stated.is_none() {
                out.stated = Some(time_ref(an, earlier));
            }
        } else if dates_later_clause(an, sentence, first_token, earlier.span, f.span.start) {
            out.time = Some(time_ref(an, earlier));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_model::{Granularity, Interval, Measure, NaiveDate, Value};

    fn fig(an: &Analysis, needle: &str) -> Figure {
        let s = an.body.find(needle).unwrap();
        let span = Span::new(s, s + needle.len());
        Figure {
            span,
            number: span,
            value: Value::exact(1.0),
            unit: None,
            measure: Measure::Other,
            increment: false,
            subject: None,
            location: None,
            sentence: an.sentence_at(s).unwrap(),
        }
    }

    fn time(an: &Analysis, needle: &str, day: u32) -> TimeExpr {
        let s = an.body.find(needle).unwrap();
        let d = NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
        TimeExpr {
            span: Span::new(s, s + needle.len()),
            interval: Interval::day(d),
            granularity: Granularity::Day,
            kind: tally_times::TimeKind::Absolute,
        }
    }

    /// A figure's links with the sources and channel of its frame.
    struct Full<'a> {
        time: Option<TimeRef<'a>>,
        stated: Option<TimeRef<'a>>,
        source: Vec<Source<'a>>,
        via: Option<NameRef<'a>>,
    }

    fn link<'a>(text: &'a str, figure: &str, times: &[(&str, u32)]) -> (Full<'a>, Vec<TimeExpr>) {
        let an = Analysis::new(text);
        let ents = tally_entities::find(&an);
        let attrib = tally_attrib::find(&an, &ents);
        let ts: Vec<TimeExpr> = times.iter().map(|(n, d)| time(&an, n, *d)).collect();
        let f = fig(&an, figure);
        let l = Linker::new(&an, &ts, &attrib).link(&f);
        let (source, via) = match l.frame.and_then(|k| attrib.frames.get(k)) {
            Some(a) => sources(a, text),
            None => match l.quote.and_then(|k| attrib.quotes.get(k)) {
                Some(q) => quote_sources(q, text),
                None => (Vec::new(), None),
            },
        };
        (Full { time: l.time, stated: l.stated, source, via }, ts)
    }

    /// Every span of up to four tokens gets the frame [`Attributions::governing`] gives it, in a
    /// report longer than the reach of a frame, with frames in order and out of order.
    #[test]
    fn governing_frame_is_the_one_attribution_finds() {
        const SENTENCES: [&str; 8] = [
            "Shelling hit the port on Sunday night, killing 12 people, the mayor said on Monday.",
            "In March, the army claimed that 400 fighters had been captured.",
            "The rebels seized 30 more villages this spring, according to a May report from the monitors.",
            "Some 5,000 people were moved, the state agency reported on Friday, citing the provincial fire department.",
            "\"We have lost 20 men,\" a commander told reporters, adding that the police said 3 were missing.",
            "Last week, a fire destroyed 80 homes in the valley.",
            "Officials estimated that at least 1,200 families had fled, though the figure could not be independently verified.",
            "The ministry denied reports that 15 soldiers were killed, saying only 2 had been wounded.",
        ];
        let mut text = String::new();
        for (i, s) in SENTENCES.iter().cycle().take(120).enumerate() {
            text.push_str(s);
            text.push_str(if i % 4 == 3 { "\n\n" } else { " " });
        }
        let an = Analysis::new(&text);
        let ents = tally_entities::find(&an);
        let mut attrib = tally_attrib::find(&an, &ents);
        assert!(text.len() > 2 * REACH && attrib.frames.len() > 40, "{} {}", text.len(), attrib.frames.len());
        for reversed in [false, true] {
            if reversed {
                attrib.frames.reverse();
            }
            let linker = Linker::new(&an, &[], &attrib);
            assert_eq!(linker.ordered, !reversed);
            for (i, a) in an.tokens.iter().enumerate() {
                for b in an.tokens[i..].iter().take(4) {
                    let span = Span::new(a.span.start, b.span.end);
                    let ours = linker.governing(span).map(|f| f as *const Attribution);
                    let theirs = attrib.governing(span).map(|f| f as *const Attribution);
                    assert_eq!(ours, theirs, "{span:?}");
                }
            }
        }
    }

    #[test]
    fn event_time_and_statement_time_are_told_apart() {
        let text = "Shelling hit the port on Sunday night, killing 12 people, the mayor said on Monday.";
        let (l, _) = link(text, "12 people", &[("Sunday night", 2), ("Monday", 3)]);
        assert_eq!(l.time.unwrap().text, "Sunday night");
        assert_eq!(l.stated.unwrap().text, "Monday");
        assert_eq!(l.source[0].text, "the mayor");
    }

    #[test]
    fn fronted_statement_time() {
        let text = "In March, the army claimed that 400 fighters had been captured.";
        let (l, _) = link(text, "400 fighters", &[("March", 1)]);
        assert_eq!(l.stated.unwrap().text, "March");
        assert!(l.time.is_none());
        assert_eq!(l.source[0].cue, "claimed");
    }

    #[test]
    fn nominal_statement_time_and_event_time() {
        let text = "The rebels seized 30 more villages this spring, according to a May report from the monitors.";
        let (l, _) = link(text, "30 more villages", &[("this spring", 1), ("May", 2)]);
        assert_eq!(l.time.unwrap().text, "this spring");
        assert_eq!(l.stated.unwrap().text, "May");
        assert_eq!(l.source[0].text, "the monitors");
    }

    #[test]
    fn reporter_voice_has_no_source_but_keeps_time() {
        let text = "Last week, a fire destroyed 80 homes in the valley.";
        let (l, _) = link(text, "80 homes", &[("Last week", 1)]);
        assert!(l.source.is_empty());
        assert_eq!(l.time.unwrap().text, "Last week");
        assert!(l.stated.is_none());
    }

    #[test]
    fn nested_channel_gives_source_via_and_stated() {
        let text =
            "Some 5,000 people were moved, the state agency reported on Friday, citing the provincial fire department.";
        let (l, _) = link(text, "5,000 people", &[("Friday", 7)]);
        assert_eq!(l.source.len(), 1);
        assert_eq!(l.source[0].text, "the provincial fire department");
        assert_eq!(l.via.unwrap().text, "the state agency");
        assert_eq!(l.stated.unwrap().text, "Friday");
    }

    #[test]
    fn every_clause_word_role_is_filled_and_lower_case() {
        let w = &*CLAUSE_WORDS;
        let single = [&w.subordinate, &w.contrast, &w.fronted, &w.speech, &w.link, &w.range];
        assert!(single.iter().all(|l| !l.is_empty()) && !w.additive.is_empty() && !w.comparison.is_empty());
        let all = single
            .iter()
            .flat_map(|l| l.iter())
            .chain(w.additive.iter().flatten())
            .chain(w.comparison.iter().flatten());
        assert!(all.into_iter().all(|x| !x.is_empty() && !x.contains(' ') && *x == x.to_lowercase()));
    }

    #[test]
    fn a_time_in_a_concessive_clause_does_not_date_the_main_clause() {
        let text = "Although the club was founded in 1990, it now counts 400 members.";
        let (l, _) = link(text, "400 members", &[("in 1990", 1)]);
        assert!(l.time.is_none());
        let text = "The choir has a reason to sing: although it was founded in 1990, it now counts 400 members.";
        let (l, _) = link(text, "400 members", &[("in 1990", 1)]);
        assert!(l.time.is_none());
    }

    #[test]
    fn a_time_before_a_contrast_clause_stays_in_it() {
        let text = "The board will vote on the plan on Friday, but staff were told that 30 jobs would go.";
        let (l, _) = link(text, "30 jobs", &[("Friday", 7)]);
        assert!(l.time.is_none());
        // A participle after "while" goes on the same clause.
        let text = "The storm hit the coast on Friday, while leaving 30 homes without power.";
        let (l, _) = link(text, "30 homes", &[("Friday", 7)]);
        assert_eq!(l.time.unwrap().text, "Friday");
    }

    #[test]
    fn a_possessive_time_dates_its_noun_unless_fronted() {
        let text =
            "The mayor's speech at Monday's rally, and the march after it, drew crowds, keeping 50 officers on duty.";
        let (l, _) = link(text, "50 officers", &[("Monday", 3)]);
        assert!(l.time.is_none());
        let text = "At last week's hearing, 12 witnesses spoke for the plan.";
        let (l, _) = link(text, "12 witnesses", &[("last week", 3)]);
        assert_eq!(l.time.unwrap().text, "last week");
    }

    #[test]
    fn a_quote_whose_frame_follows_its_last_sentence_gives_its_speaker() {
        let text = "\"We lost 20 men in the first hour. Then the rest of the unit pulled back,\" the commander told reporters.";
        let (l, _) = link(text, "20 men", &[]);
        assert_eq!(l.source.len(), 1);
        assert_eq!(l.source[0].text, "the commander");
        assert_eq!(l.source[0].cue, "told");
    }

    #[test]
    fn a_date_with_a_comma_inside_still_dates_the_figure() {
        let text = "Sales of the new bikes reached 4,000 units through June 30, 2024.";
        let (l, _) = link(text, "4,000 units", &[("June 30, 2024", 30)]);
        assert_eq!(l.time.unwrap().text, "June 30, 2024");
    }

    #[test]
    fn a_figure_in_a_fronted_adverbial_takes_the_time_beside_it() {
        let text = "In addition to the two deaths at the mill on Tuesday, the county office said 30 workers were hurt.";
        let (l, _) = link(text, "two deaths", &[("Tuesday", 4)]);
        assert_eq!(l.time.unwrap().text, "Tuesday");
    }

    #[test]
    fn a_bare_date_between_cue_and_that_dates_the_statement() {
        let text = "The ministry announced Nov. 18 that it had hired 300 nurses.";
        let (l, _) = link(text, "300 nurses", &[("Nov. 18", 18)]);
        assert_eq!(l.stated.unwrap().text, "Nov. 18");
        assert!(l.time.is_none());
    }

    #[test]
    fn a_fronted_time_right_before_the_source_dates_the_statement() {
        let text = "A year ago, the ministry announced that 300 nurses had been hired.";
        let (l, _) = link(text, "300 nurses", &[("A year ago", 1)]);
        assert_eq!(l.stated.unwrap().text, "A year ago");
        assert!(l.time.is_none());
    }

    #[test]
    fn of_two_times_in_a_stretch_the_one_in_the_figure_clause_dates_it() {
        let text = "The clinic logged a new case on Friday after three earlier cases were confirmed last month.";
        let (l, _) = link(text, "three earlier cases", &[("Friday", 7), ("last month", 1)]);
        assert_eq!(l.time.unwrap().text, "last month");
    }

    #[test]
    fn an_additive_fronted_adverbial_does_not_date_the_statement() {
        let text = "In addition to its order of 12 trains on Tuesday, the railway announced an order of 40 buses.";
        let (l, _) = link(text, "40 buses", &[("Tuesday", 4)]);
        assert!(l.stated.is_none());
        let text = "On Tuesday, the railway announced an order of 40 buses.";
        let (l, _) = link(text, "40 buses", &[("Tuesday", 4)]);
        assert_eq!(l.stated.unwrap().text, "Tuesday");
    }

    #[test]
    fn a_time_that_closes_a_list_after_the_figure_dates_it() {
        let text = "Dealers in the valley sold 4,200 bikes, scooters and helmets in May, the best month yet.";
        let (l, _) = link(text, "4,200 bikes", &[("in May", 1)]);
        assert_eq!(l.time.unwrap().text, "in May");
        // A clause of its own after the comma keeps its time.
        let text = "The firm cut 300 jobs, and its shares fell sharply in May.";
        let (l, _) = link(text, "300 jobs", &[("in May", 1)]);
        assert!(l.time.is_none());
    }

    #[test]
    fn the_base_of_a_comparison_is_no_time_of_the_figure() {
        let text = "Ticket sales at the zoo were down 12 percent from a year ago.";
        let (l, _) = link(text, "12 percent", &[("a year ago", 1)]);
        assert!(l.time.is_none());
        let text = "The library lent 900 more books than last spring.";
        let (l, _) = link(text, "900 more books", &[("last spring", 1)]);
        assert!(l.time.is_none());
        // A range that starts with "from" still dates the figure.
        let text = "The library lent 900 books from May to July.";
        let (l, _) = link(text, "900 books", &[("May", 1)]);
        assert_eq!(l.time.unwrap().text, "May");
    }

    #[test]
    fn a_time_before_a_speech_participle_dates_the_speech() {
        let text =
            "The director admitted long delays on Friday, telling the council that 600 permits were still pending.";
        let (l, _) = link(text, "600 permits", &[("Friday", 7)]);
        assert!(l.time.is_none());
        assert_eq!(l.stated.unwrap().text, "Friday");
    }
}
