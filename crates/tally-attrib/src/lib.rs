//! Attribution: finds who said what. Attribution frames ("X said", "according to X", "estimates
//! from X show") scope the clauses they govern; quotes (with or without quotation marks, direct
//! and reported) get their speaker, cue and channel. The grammar is described in
//! `docs/attribution.md`; its words live in `data/cues.tsv` and `data/words.tsv`.

mod few;
mod frames;
mod lexicon;
mod marks;
mod resolve;

pub use few::Few;
use frames::{Fr, R};
use lexicon::{class, CueKind, LEXICON};
pub use resolve::Ref;
use tally_entities::Mention;
use tally_model::{Span, Stance};
use tally_text::{Analysis, SentenceKind, TokenKind};

/// One source named by an attribution frame (its name and cue borrowed from the document and
/// its entity mentions).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SourceRef<'a> {
    pub anchor: Ref<'a>,
    /// The cue as written ("said", "claimed", "according to").
    pub cue: &'a str,
    pub stance: Stance,
}

/// An attribution frame: sources with their cue, the content they govern, and the region of
/// the frame itself (source + cue + its adjuncts, where the statement time stands).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution<'a> {
    pub sentence: usize,
    /// What the sources said: the first governed stretch.
    pub content: Span,
    /// Every governed stretch (an end frame may govern a participial clause after it too).
    pub contents: Few<Span, 2>,
    /// The attribution itself ("the regional governor said on Monday").
    pub frame: Span,
    /// A fronted adverbial that belongs to the frame ("In April, X claimed ..."): a time in it
    /// dates the statement.
    pub pre: Option<Span>,
    pub sources: Few<SourceRef<'a>, 1>,
    /// The channel that passed the claim on ("Xinhua" in "Xinhua reported, citing ...").
    pub via: Option<Ref<'a>>,
    /// The report says the claim could not be independently verified.
    pub unverified: bool,
}

impl Attribution<'_> {
    /// Whether this frame governs `span`.
    pub fn governs(&self, span: Span) -> bool {
        self.contents.iter().any(|c| c.contains(span))
    }
    /// Where a statement time may stand: the frame and its fronted adverbial.
    pub fn stated_regions(&self) -> impl Iterator<Item = Span> + '_ {
        std::iter::once(self.frame).chain(self.pre)
    }
}

/// A quote: what was said, by whom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quote<'a> {
    pub span: Span,
    pub speaker: Option<Ref<'a>>,
    pub direct: bool,
    pub cue: Option<&'a str>,
    pub via: Option<Ref<'a>>,
}

/// Everything attribution finds in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributions<'a> {
    pub frames: Vec<Attribution<'a>>,
    pub quotes: Vec<Quote<'a>>,
}

impl<'a> Attributions<'a> {
    /// Frames whose frame region starts within a few thousand bytes of `span` (frames are kept
    /// in text order; a frame's content never reaches further than its sentence or quote).
    pub fn frames_near(&self, span: Span) -> &[Attribution<'a>] {
        const REACH: usize = 4000;
        let a = self.frames.partition_point(|f| f.frame.start + REACH < span.start);
        let b = self.frames.partition_point(|f| f.frame.start <= span.end + REACH);
        self.frames.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The frame that governs `span`: of all frames whose content holds it, the one with the
    /// smallest governed stretch (the innermost attribution).
    pub fn governing(&self, span: Span) -> Option<&Attribution<'a>> {
        self.frames_near(span)
            .iter()
            .filter_map(|a| a.contents.iter().filter(|c| c.contains(span)).map(|c| c.len()).min().map(|l| (l, a)))
            .min_by_key(|(l, _)| *l)
            .map(|(_, a)| a)
    }
}

/// The possessive with a curly apostrophe, as bytes (a pattern for [`Text::w`]).
pub(crate) const CURLY_S: &[u8] = "’s".as_bytes();

/// Token access for the grammar: lower-case text without allocation (ASCII lower-casing keeps
/// byte offsets), shapes, and entity mention boundaries.
pub(crate) struct Text<'a> {
    pub an: &'a Analysis<'a>,
    /// Entity mentions sorted by start.
    pub mentions: Vec<&'a Mention>,
    /// Their starts (one array of numbers for binary searches).
    starts: Vec<usize>,
    /// Spans of the mentions that name no person, sorted by start.
    others: Vec<Span>,
    /// Per token: lexicon class bits and token shape bits, with the lexicon word id in the top
    /// bits (see [`lexicon::tag_id`]).
    bits: Vec<class::Bits>,
    /// Runs of two or more capitalised words not broken by a line break, in text order.
    pub cap_runs: Vec<R>,
    /// Indices of the quotation mark tokens.
    pub quotes: Vec<usize>,
    /// Indices of the words that start a cue form ([`class::CUE_FIRST`]), in text order.
    pub cues: Vec<usize>,
    /// Indices of the words that start a hedge phrase ([`class::UNVERIFIED_FIRST`]).
    hedges: Vec<usize>,
}

impl<'a> Text<'a> {
    #[inline(never)]
    fn new(an: &'a Analysis<'a>, mentions: &'a [Mention]) -> Self {
        let mut mentions: Vec<&Mention> = mentions.iter().collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let lx = &*LEXICON;
        let low = an.low.as_bytes();
        // One pass over the tokens: tags (every lexicon word starts with a letter, so only word
        // tokens are looked up), stops, quotation marks and runs of capitalised words.
        let mut bits: Vec<class::Bits> = Vec::with_capacity(an.tokens.len());
        // About one stop per sentence; a run of capitals every few dozen tokens.
        let mut stops: Vec<usize> = Vec::with_capacity(an.sentences.len() + 1);
        let mut quotes: Vec<usize> = Vec::new();
        // A cue word every other sentence or so; hedges are rare.
        let mut cues: Vec<usize> = Vec::with_capacity(an.sentences.len() * 2 + 1);
        let mut hedges: Vec<usize> = Vec::new();
        let mut cap_runs: Vec<R> = Vec::with_capacity(an.tokens.len() / 32 + 1);
        // The length of the run of capitalised words ending before the token.
        let mut run = 0usize;
        for (i, tok) in an.tokens.iter().enumerate() {
            // A run of capitalised words ends at any other token and at a line break.
            let close = |run: usize, cap_runs: &mut Vec<R>| {
                if run >= 2 {
                    cap_runs.push((i - run, i));
                }
            };
            bits.push(match tok.kind {
                TokenKind::Word => {
                    if tok.cap && tok.newlines_before == 0 {
                        run += 1;
                    } else {
                        close(run, &mut cap_runs);
                        run = usize::from(tok.cap);
                    }
                    let cap = if tok.cap { class::CAP } else { 0 };
                    let tag = lx.tag_at(low, tok.span.start, tok.span.end);
                    if tag & (class::CUE_FIRST | class::UNVERIFIED_FIRST) != 0 {
                        if tag & class::CUE_FIRST != 0 {
                            cues.push(i);
                        }
                        if tag & class::UNVERIFIED_FIRST != 0 {
                            hedges.push(i);
                        }
                    }
                    tag | class::WORD | cap
                }
                kind => {
                    close(run, &mut cap_runs);
                    run = 0;
                    match kind {
                        TokenKind::Stop => stops.push(i),
                        TokenKind::Quote => quotes.push(i),
                        _ => {}
                    }
                    lexicon::NO_TAG | frames::shape(an.body, tok)
                }
            });
        }
        let n = an.tokens.len();
        if run >= 2 {
            cap_runs.push((n - run, n));
        }
        let others = mentions.iter().filter(|m| m.kind != tally_model::EntityKind::Person).map(|m| m.span).collect();
        let starts = mentions.iter().map(|m| m.span.start).collect();
        let mut t = Text { an, mentions, starts, others, bits: Vec::new(), quotes, cap_runs, cues, hedges };
        // A full stop ends phrases unless it closes an abbreviation.
        // Stops come in text order: their sentences are found by walking forward.
        let mut si = 0;
        for &i in &stops {
            let pos = an.tokens.get(i).map_or(0, |tok| tok.span.start);
            while an.sentences.get(si).is_some_and(|s| s.span.end <= pos) {
                si += 1;
            }
            let sent = an.sentences.get(si).filter(|s| s.span.start <= pos);
            if !frames::is_abbrev_dot_in(&t, i, sent) {
                if let Some(b) = bits.get_mut(i) {
                    *b |= class::HARD;
                }
            }
        }
        t.bits = bits;
        t
    }
    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.an.tokens.len()
    }
    /// Lexicon word id of token `i`.
    #[inline]
    pub fn id(&self, i: usize) -> u32 {
        self.bits.get(i).map_or(lexicon::NO_WORD, |&b| lexicon::tag_id(b))
    }
    /// Whether token `i` has every bit of `bits`.
    #[inline]
    pub fn all(&self, bits: class::Bits, i: usize) -> bool {
        self.bits.get(i).is_some_and(|b| b & bits == bits)
    }
    /// The tags of tokens `from..to` (empty when out of range); their word ids through
    /// [`lexicon::tag_id`].
    #[inline]
    pub fn ids_from(&self, from: usize, to: usize) -> &[class::Bits] {
        self.bits.get(from..to.max(from)).unwrap_or(&[])
    }
    /// Whether token `i` exists and has no bit of `bits`.
    #[inline]
    pub fn none(&self, bits: class::Bits, i: usize) -> bool {
        self.bits.get(i).is_some_and(|b| b & bits == 0)
    }
    /// Whether token `i` belongs to the word class `class` (bits of [`class`]).
    #[inline]
    pub fn is(&self, class: class::Bits, i: usize) -> bool {
        self.bits.get(i).is_some_and(|b| b & class != 0)
    }
    /// Lower-case bytes of token `i` (empty out of range; compared with ASCII words, or with
    /// [`CURLY_S`], a slice of them is the token's text).
    #[inline]
    pub fn w(&self, i: usize) -> &'a [u8] {
        self.an.tokens.get(i).and_then(|t| self.an.low.as_bytes().get(t.span.range())).unwrap_or(&[])
    }
    pub fn raw(&self, i: usize) -> &'a str {
        self.an.tok(i)
    }
    /// The bytes of token `i` as written (empty out of range).
    #[inline]
    pub fn rb(&self, i: usize) -> &'a [u8] {
        self.an.tokens.get(i).and_then(|t| self.an.body.as_bytes().get(t.span.range())).unwrap_or(&[])
    }
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.an.tokens.get(i).map(|t| t.kind)
    }
    /// Whether token `i` starts with an upper-case letter (the tokenizer's flag, kept in its tag).
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.is(class::CAP, i)
    }
    /// Byte span of token range `r`.
    pub fn span(&self, r: R) -> Span {
        match (self.an.tokens.get(r.0), r.1.checked_sub(1).and_then(|k| self.an.tokens.get(k))) {
            (Some(a), Some(b)) if r.1 > r.0 => Span::new(a.span.start, b.span.end),
            (Some(a), _) => Span::new(a.span.start, a.span.start),
            _ => Span::new(self.an.body.len(), self.an.body.len()),
        }
    }
    /// Mentions that start inside `s`.
    pub fn mentions_in(&self, s: Span) -> &[&'a Mention] {
        let a = self.starts.partition_point(|&x| x < s.start);
        let b = self.starts.partition_point(|&x| x < s.end);
        self.mentions.get(a..b).unwrap_or(&[])
    }
    /// Mentions that start within 200 bytes before `pos` (enough for any mention ending there).
    fn mentions_near(&self, pos: usize) -> &[&'a Mention] {
        self.mentions_in(Span::new(pos.saturating_sub(200), pos + 1))
    }
    pub fn mention_ends_at(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1).and_then(|p| self.an.tokens.get(p)) else { return false };
        self.mentions_near(prev.span.end).iter().any(|m| m.span.end == prev.span.end)
    }
    pub fn mention_starts_at(&self, k: usize) -> bool {
        let Some(tok) = self.an.tokens.get(k) else { return false };
        self.mentions_in(Span::new(tok.span.start, tok.span.start + 1)).iter().any(|m| m.span.start == tok.span.start)
    }
    /// Whether a mention that names no person overlaps the tokens `r` (mentions starting more
    /// than 200 bytes before them are not looked at).
    pub fn mention_overlaps(&self, r: R) -> bool {
        let s = self.span(r);
        let from = s.start.saturating_sub(200);
        let a = self.others.partition_point(|m| m.start < from);
        self.others.get(a..).unwrap_or(&[]).iter().take_while(|m| m.start < s.end).any(|m| m.overlaps(s))
    }
    /// The number of mentions that start before byte `pos`: a short walk from `hint` (such a
    /// number for an earlier position), a binary search otherwise.
    pub fn mentions_before(&self, pos: usize, hint: usize) -> usize {
        let st = &self.starts;
        let mut k = hint.min(st.len());
        if k > 0 && st.get(k - 1).is_some_and(|&x| x >= pos) {
            return st.partition_point(|&x| x < pos);
        }
        for _ in 0..8 {
            match st.get(k) {
                Some(&x) if x < pos => k += 1,
                _ => return k,
            }
        }
        st.partition_point(|&x| x < pos)
    }
    /// [`Text::mentions_in`] when `a` mentions start before `s`.
    pub fn mentions_from(&self, a: usize, s: Span) -> &[&'a Mention] {
        // Few mentions start inside a phrase: a walk, not a search.
        let b = a + self.starts.get(a..).unwrap_or(&[]).iter().take_while(|&&x| x < s.end).count();
        self.mentions.get(a..b).unwrap_or(&[])
    }
    /// The mention with span `s`, when `a` mentions start before `s`.
    pub fn mention_at_from(&self, a: usize, s: Span) -> Option<&'a Mention> {
        self.mentions
            .get(a..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.span.start < s.start + 1)
            .find(|m| m.span == s)
            .copied()
    }
}

/// [`Text::mention_overlaps`] for ranges that come in text order: the first mention that may
/// overlap is found by walking forward from the last one.
#[derive(Default)]
pub(crate) struct MentionCursor {
    from: usize,
    at: usize,
}

impl MentionCursor {
    pub fn overlaps(&mut self, t: &Text, r: R) -> bool {
        let s = t.span(r);
        let from = s.start.saturating_sub(200);
        if from < self.from {
            self.at = t.others.partition_point(|m| m.start < from);
        } else {
            while t.others.get(self.at).is_some_and(|m| m.start < from) {
                self.at += 1;
            }
        }
        self.from = from;
        t.others.get(self.at..).unwrap_or(&[]).iter().take_while(|m| m.start < s.end).any(|m| m.overlaps(s))
    }
}

/// A first- or second-person word outside quotation marks among the tokens `r`.
fn has_person12(t: &Text, r: R) -> bool {
    // "US" in capitals is the country, not "us".
    t.bits
        .get(r.0..r.1)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .any(|(k, &b)| b & (class::MASKED | class::PERSON12) == class::PERSON12 && t.rb(r.0 + k) != b"US")
}

struct Found {
    si: usize,
    fr: Fr,
    /// Its quote is carried by an inner frame or by quotation marks.
    no_quote: bool,
}

/// Finds attribution frames and quotes in a document.
pub fn find<'a>(an: &'a Analysis<'a>, entities: &'a [Mention]) -> Attributions<'a> {
    let mut t = Text::new(an, entities);
    let pairs = marks::pairs(&t);
    for &(o, c) in &pairs {
        for b in t.bits.iter_mut().take(c + 1).skip(o) {
            *b |= class::MASKED;
        }
    }
    let t = t;
    let masked = |i: usize| t.is(class::MASKED, i);
    // 1. Frames, sentence by sentence; only sentences with a word that starts a cue form can
    //    hold one (sentences and cue words come in token order).
    let mut found: Vec<Found> = Vec::with_capacity(an.sentences.len());
    let mut frames_buf: Vec<frames::Fr> = Vec::with_capacity(8);
    let mut ci = 0;
    for (si, sent) in an.sentences.iter().enumerate() {
        let (s, e) = (sent.tokens.start, sent.tokens.end);
        while t.cues.get(ci).is_some_and(|&i| i < s) {
            ci += 1;
        }
        let n = t.cues.get(ci..).unwrap_or(&[]).iter().take_while(|&&i| i < e).count();
        let Some(cands) = t.cues.get(ci..ci + n).filter(|c| !c.is_empty()) else { continue };
        ci += n;
        frames::sentence_frames(&t, s, e, cands, &mut frames_buf);
        found.extend(frames_buf.drain(..).map(|fr| Found { si, fr, no_quote: false }));
    }
    // 2. Nesting: a frame inside another's content passes through it ("According to KCNA, Kim
    //    expressed ..."; "Kim ... called for ..., KCNA reported").
    let mut group_start = 0;
    while group_start < found.len() {
        let si = found[group_start].si;
        let group_end = group_start + found[group_start..].iter().take_while(|f| f.si == si).count();
        nest(&mut found[group_start..group_end]);
        group_start = group_end;
    }
    // 3. Names, in text order.
    found.sort_by_key(|f| (f.fr.region.0, f.fr.cue.0));
    let mut resolver = resolve::Resolver::new(&t, 2 * found.len());
    // Frames from the grammar, and one per marked quote at most that no frame covers.
    let mut out = Attributions { frames: Vec::with_capacity(found.len() + pairs.len() + 8), quotes: Vec::new() };
    let mut last_channel: Option<Ref> = None;
    // Per frame: its speaker, cue and channel, for the quotes it holds.
    let mut frame_speakers: Vec<(Option<Ref>, &str, Option<Ref>)> = Vec::with_capacity(found.len() + 8);
    let mut quotes_from_frames: Vec<(usize, Quote, bool)> = Vec::with_capacity(found.len());
    let mut refs: Vec<Ref> = Vec::with_capacity(8);
    // Quotation marks setting off a word or two inside reported speech (not quotes of their own).
    let mut scares: Vec<(usize, usize)> = Vec::new();
    // Speech frames with a speaker, by sentence: a quote standing alone after reported speech
    // ('X said the vote was lost. "We tried."') is the same speaker's.
    type Said0<'x> = (Option<Ref<'x>>, Option<&'x str>, Option<Ref<'x>>);
    let mut speech_frames: Vec<(usize, Said0)> = Vec::with_capacity(found.len());
    for f in &found {
        let fr = &f.fr;
        let cue_text = t.an.text(t.span(fr.cue));
        refs.clear();
        refs.extend(fr.sources.iter().map(|r| resolver.resolve_hinted(*r, fr.inverted)));
        let first_source = refs.first().copied();
        let sources: Few<SourceRef, 1> =
            refs.iter().map(|&r| SourceRef { anchor: r, cue: cue_text, stance: fr.stance }).collect();
        let mut via = fr.via.map(|r| resolver.resolve(r));
        if via.is_none() && fr.passive_channel {
            via = last_channel;
        }
        if via.is_some() {
            last_channel = via;
        } else if matches!(fr.kind, CueKind::Prep) {
            last_channel = first_source;
        }
        let speaker = match &fr.speaker {
            Some(sp) => sp.first().map(|r| resolver.resolve(*r)),
            None => first_source,
        };
        let contents: Few<Span, 2> = fr.content.iter().filter(|c| c.1 > c.0).map(|c| t.span(*c)).collect();
        let content = contents.first().copied().unwrap_or_default();
        let quote_via = if fr.speaker.is_some() { None } else { via };
        out.frames.push(Attribution {
            sentence: f.si,
            content,
            contents,
            frame: t.span(fr.region),
            pre: fr.pre.map(|p| t.span(p)),
            sources,
            via,
            unverified: false,
        });
        frame_speakers.push((speaker, cue_text, quote_via));
        if speaker.is_some()
            && fr.quote
            && !fr.sources.iter().any(|r| has_person12(&t, *r))
            && matches!(fr.kind, CueKind::Verb | CueKind::Act | CueKind::Participle | CueKind::Quoted)
            && an.sentences.get(f.si).is_some_and(|s| s.kind != SentenceKind::Heading)
        {
            speech_frames.push((f.si, (speaker, Some(cue_text), quote_via)));
        }
        // A reported or unmarked quote.
        let Some(c0) = fr.content.first().copied() else { continue };
        if !fr.quote || f.no_quote || an.sentences.get(f.si).is_some_and(|s| s.kind == SentenceKind::Heading) {
            continue;
        }
        let mut qr = c0;
        if fr.act {
            qr.0 = fr.cue.0;
        }
        // Leave out a final stop and trailing punctuation.
        while qr.1 > qr.0
            && matches!(t.kind(qr.1 - 1), Some(TokenKind::Stop) | Some(TokenKind::Punct))
            && t.rb(qr.1 - 1) != b")"
        {
            qr.1 -= 1;
        }
        if qr.1 <= qr.0 {
            continue;
        }
        // Quotation marks inside: the quote is theirs, unless they only set off a word or two
        // of the report's sentence ('said the "interim" council must go').
        if (qr.0..qr.1).any(masked) {
            let a = pairs.partition_point(|&(_, c)| c < qr.0);
            let b = pairs.partition_point(|&(o, _)| o < qr.1);
            let inside = pairs.get(a..b).unwrap_or(&[]);
            let scare = |&(o, c): &(usize, usize)| {
                o > qr.0
                    && c < qr.1
                    && t.kind(o - 1) == Some(TokenKind::Word)
                    && (o + 1..c).filter(|&k| t.is(class::WORD, k)).count() < 4
            };
            if inside.is_empty() || !inside.iter().all(scare) {
                continue;
            }
            scares.extend(inside.iter().copied());
        }
        let direct = fr.kind == CueKind::Quoted || (!fr.front && has_person12(&t, qr));
        let q = Quote { span: t.span(qr), speaker, direct, cue: Some(cue_text), via: quote_via };
        let whole_sentence = !fr.front
            && matches!(fr.kind, CueKind::Verb | CueKind::Quoted)
            && an.sentences.get(f.si).is_some_and(|s| frames::content_start(&t, s.tokens.start, s.tokens.end) == c0.0);
        quotes_from_frames.push((f.si, q, whole_sentence));
    }
    // 4. Unmarked first-person speech running over sentences: the sentences before a closing
    //    "..., Kim said." that speak in the first person belong to the same quote.
    let mut framed: Vec<usize> = out.frames.iter().map(|f| f.sentence).collect();
    framed.sort_unstable();
    framed.dedup();
    let mut extra: Vec<(usize, Quote)> = Vec::new();
    for (si, q, multi) in quotes_from_frames.iter_mut() {
        if !*multi {
            continue;
        }
        let before = extra.len();
        let si = &*si;
        let para = an.sentences.get(*si).map(|s| s.paragraph);
        let mut k = *si;
        while k > 0 && si - k < 3 {
            k -= 1;
            let Some(ps) = an.sentences.get(k) else { break };
            let r = (ps.tokens.start, ps.tokens.end);
            if Some(ps.paragraph) != para
                || framed.binary_search(&k).is_ok()
                || ps.kind == SentenceKind::Heading
                || (r.0..r.1).any(|i| t.all(class::QUOTE | class::MASKED, i))
                || !has_person12(&t, r)
            {
                break;
            }
            let mut e = r.1;
            while e > r.0 && t.kind(e - 1) == Some(TokenKind::Stop) {
                e -= 1;
            }
            extra.push((k, Quote { span: t.span((r.0, e)), direct: true, ..*q }));
        }
        if extra.len() > before {
            q.direct = true;
        }
    }
    for (k, q) in &extra {
        out.frames.push(frame_for_quote(*k, q));
    }
    // 5. Quotes in quotation marks: the speaker is the frame around them, or the speaker of the
    //    quote before them in the paragraph ('"...," he said. "..."').
    let mut marked: Vec<Quote> = Vec::with_capacity(pairs.len());
    // The last marked quote: its last sentence, speaker, cue and channel.
    type Said<'x> = (Option<Ref<'x>>, Option<&'x str>, Option<Ref<'x>>);
    let mut prev: Option<(usize, Said)> = None;
    // Frame indices by sentence, in frame order within a sentence.
    let mut by_sentence: Vec<(usize, usize)> = out.frames.iter().enumerate().map(|(k, f)| (f.sentence, k)).collect();
    by_sentence.sort_unstable();
    let frames_of = |from: usize, to: usize| {
        let a = by_sentence.partition_point(|&(s, _)| s < from);
        let b = by_sentence.partition_point(|&(s, _)| s <= to);
        by_sentence.get(a..b.max(a)).unwrap_or(&[]).iter().map(|&(_, k)| k)
    };
    scares.sort_unstable();
    for &(o, c) in &pairs {
        if scares.binary_search(&(o, c)).is_ok() {
            continue;
        }
        let inner = (o + 1, c);
        let span = t.span(inner);
        let Some(si) = an.sentence_at(span.start) else { continue };
        if an.sentences.get(si).is_some_and(|s| s.kind == SentenceKind::Heading) {
            continue;
        }
        let words = (inner.0..inner.1).filter(|&i| t.is(class::WORD, i)).count();
        let para = an.sentences.get(si).map(|s| s.paragraph);
        let qspan = t.span((o, c + 1));
        let last_si = an.sentence_at(span.end.saturating_sub(1)).unwrap_or(si);
        let owner = frames_of(si, last_si + 1)
            .filter_map(|k| Some((out.frames.get(k)?, frame_speakers.get(k)?)))
            .filter(|(f, _)| f.contents.iter().any(|ct| ct.overlaps(qspan)))
            .min_by_key(|(f, _)| f.frame.start.abs_diff(qspan.end).min(f.frame.end.abs_diff(qspan.start)))
            .map(|(_, sp)| *sp);
        // Quotation marks inside a sentence of the report's own ('the campaign was a "bold
        // effort"', 'the single "Takin' It"'): a title or a short phrase is no quote.
        let embedded =
            o > 0 && t.kind(o - 1) == Some(TokenKind::Word) && an.sentence_at(t.span((o - 1, o)).start) == Some(si);
        if owner.is_none() && embedded {
            let title = (inner.0..inner.1).filter(|&i| t.is(class::WORD, i) && t.rb(i).len() > 3).all(|i| t.is_cap(i));
            if words < 6 || title {
                continue;
            }
        }
        // The last speech frame in a sentence before this one, in the paragraph or right before.
        // Nothing of the sentence follows the closing mark (no frame the grammar missed).
        let mut after = c + 1;
        while after < t.len() && t.kind(after) == Some(TokenKind::Stop) {
            after += 1;
        }
        let alone = after >= t.len() || an.sentence_at(t.span((after, after + 1)).start) != Some(last_si);
        let framed_before = if owner.is_none() && !embedded && alone {
            let k = speech_frames.partition_point(|&(fs, _)| fs < si);
            speech_frames
                .get(k.wrapping_sub(1))
                .filter(|&&(fs, _)| an.sentences.get(fs).map(|s| s.paragraph) == para || si <= fs + 1)
                .filter(|&&(fs, _)| prev.is_none_or(|(p, _)| fs > p))
                .map(|&(_, said)| said)
        } else {
            None
        };
        let (speaker, cue, via): Said = match owner {
            Some((sp, cue, via)) => (sp, Some(cue), via),
            None if framed_before.is_some() => framed_before.unwrap_or((None, None, None)),
            None => match prev {
                Some((p, said)) if an.sentences.get(p).map(|s| s.paragraph) == para || si <= p + 1 => said,
                _ => {
                    if words < 4 {
                        continue;
                    }
                    (None, None, None)
                }
            },
        };
        if speaker.is_none() && words < 4 {
            continue;
        }
        prev = Some((last_si, (speaker, cue, via)));
        marked.push(Quote { span, speaker, direct: true, cue, via });
    }
    for q in &marked {
        let si = an.sentence_at(q.span.start).unwrap_or(0);
        let last = an.sentence_at(q.span.end.saturating_sub(1)).unwrap_or(si);
        let covered = frames_of(si, last)
            .filter_map(|k| out.frames.get(k))
            .any(|f| f.contents.iter().any(|c| c.overlaps(q.span)));
        if !covered {
            out.frames.push(frame_for_quote(si, q));
        }
    }
    // 6. Unverified claims.
    mark_unverified(&t, &mut out.frames);
    // 7. Quotes in text order; reported quotes never overlap quotation marks.
    let mut quotes: Vec<Quote> = marked;
    quotes.reserve(quotes_from_frames.len() + extra.len());
    let n_marked = quotes.len();
    for (_, q, _) in quotes_from_frames {
        // Marked quotes are in text order and never overlap each other.
        let k = quotes[..n_marked].partition_point(|m| m.span.start < q.span.end);
        let hits = k > 0 && quotes.get(k - 1).is_some_and(|m| m.span.overlaps(q.span));
        if !hits {
            quotes.push(q);
        }
    }
    quotes.extend(extra.into_iter().map(|(_, q)| q));
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes.dedup_by(|a, b| a.span == b.span);
    out.quotes = quotes;
    out.frames.sort_by_key(|f| (f.frame.start, f.frame.end));
    out
}

/// Within one sentence: a frame inside another's content passes through it.
fn nest(found: &mut [Found]) {
    for a in 0..found.len() {
        for b in 0..found.len() {
            if a == b {
                continue;
            }
            let inner_region = found[b].fr.region;
            let inner_src = found[b].fr.sources.first().copied().unwrap_or(inner_region);
            let outer_holds =
                found[a].fr.content.iter().any(|c| c.0 <= inner_src.0.min(inner_region.0) && inner_region.1 <= c.1);
            if outer_holds && found[b].fr.kind != CueKind::Prep && found[b].fr.kind != CueKind::Show {
                if found[b].fr.via.is_none() {
                    found[b].fr.via = found[a].fr.sources.first().copied();
                }
                if found[b].fr.quote && found[a].fr.quote {
                    found[a].no_quote = true;
                }
                if found[b].fr.quote && found[a].fr.kind == CueKind::Quoted {
                    found[b].no_quote = true;
                }
            }
        }
    }
}

fn frame_for_quote<'a>(si: usize, q: &Quote<'a>) -> Attribution<'a> {
    Attribution {
        sentence: si,
        content: q.span,
        contents: Few::one(q.span),
        frame: Span::new(q.span.end, q.span.end),
        pre: None,
        sources: q
            .speaker
            .iter()
            .map(|&a| SourceRef { anchor: a, cue: q.cue.unwrap_or_default(), stance: Stance::Asserted })
            .collect(),
        via: q.via,
        unverified: false,
    }
}

/// "X could not independently verify the claims": marks the frames of the sentence (when the
/// hedge hangs on a claim there) or of the paragraph before it.
fn mark_unverified(t: &Text, frames: &mut [Attribution]) {
    let an = t.an;
    let lx = &*LEXICON;
    // Only hedge words can start a hedge: one scan over the bits, each hit read with the
    // sentence it stands in (sentences come in token order).
    let mut si = 0;
    let mut marked: Option<usize> = None;
    for &i in &t.hedges {
        while an.sentences.get(si).is_some_and(|s| s.tokens.end <= i) {
            si += 1;
        }
        let Some(sent) = an.sentences.get(si) else { break };
        if sent.tokens.start > i || marked == Some(si) {
            continue;
        }
        let e = sent.tokens.end;
        let (first, second) = (t.id(i), t.id(i + 1));
        let hit = lx.unverified_ids.iter().any(|ph| {
            ph.first() == Some(&first)
                && ph.get(1).is_none_or(|&x| x == second)
                && ph.iter().enumerate().all(|(k, &id)| i + k < e && t.id(i + k) == id)
        });
        if !hit {
            continue;
        }
        marked = Some(si);
        let own = frames.iter().any(|f| f.sentence == si);
        for f in frames.iter_mut() {
            let same_para = an.sentences.get(f.sentence).is_some_and(|x| x.paragraph == sent.paragraph);
            if (own && f.sentence == si) || (!own && same_para && f.sentence < si) {
                f.unverified = true;
            }
        }
    }
}

#[cfg(test)]
mod tests;
