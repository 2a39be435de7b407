//! The attribution lexicon: cue forms with their stance and kind (`data/cues.tsv`) and the closed
//! word classes the grammar reads (`data/words.tsv`). Loaded once.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;
use tally_model::Stance;

/// What grammar a cue brings (see `data/cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Act,
    Participle,
    Prep,
    Cite,
    Show,
    Noun,
    Quoted,
}

/// One cue form: its words (lower case) and what it means.
#[derive(Debug, Clone)]
pub struct Cue {
    pub words: Vec<&'static str>,
    /// The words' ids (see [`Lexicon::words`]).
    pub ids: Vec<u32>,
    pub stance: Stance,
    pub kind: CueKind,
}

/// The closed word classes of `data/words.tsv`, as bits.
pub mod class {
    /// A set of word classes and token shapes.
    pub type Bits = u64;
    pub const ADJUNCT: Bits = 1 << 0;
    pub const AUX: Bits = 1 << 1;
    pub const BREAK: Bits = 1 << 2;
    pub const CLAUSE: Bits = 1 << 3;
    pub const DET: Bits = 1 << 4;
    pub const INVERTS: Bits = 1 << 5;
    pub const NONSPEAKER: Bits = 1 << 6;
    pub const ORGWORD: Bits = 1 << 7;
    pub const PERSON12: Bits = 1 << 8;
    pub const PERSONROLE: Bits = 1 << 9;
    pub const POSTADV: Bits = 1 << 10;
    pub const PREP: Bits = 1 << 11;
    pub const PRONOUN: Bits = 1 << 12;
    pub const ROLE: Bits = 1 << 13;
    pub const TIMEWORD: Bits = 1 << 14;
    pub const TITLE: Bits = 1 << 15;
    pub const VERBSTOP: Bits = 1 << 16;
    /// Token shapes: the token starts with an upper-case letter.
    pub const CAP: Bits = 1 << 17;
    /// A quotation mark.
    pub const QUOTE: Bits = 1 << 18;
    /// Derived bits (not table classes): the word starts a cue form.
    pub const CUE_FIRST: Bits = 1 << 20;
    /// A lower-case verb-like cue word (verb, act or show, and never a noun cue).
    pub const CUE_WORD: Bits = 1 << 21;
    /// The word is a statement / estimate noun cue.
    pub const NOUN_CUE: Bits = 1 << 22;
    /// Some cue form starting with the word carries an estimated stance.
    pub const ESTIMATED_CUE: Bits = 1 << 23;
    /// A month name or abbreviation.
    pub const MONTH: Bits = 1 << 24;
    /// A weekday name.
    pub const WEEKDAY: Bits = 1 << 25;
    /// The first word of a hedge phrase ("could not independently verify").
    pub const UNVERIFIED_FIRST: Bits = 1 << 26;
    /// Token shapes (set per token, not per word): a comma.
    pub const COMMA: Bits = 1 << 27;
    /// A token that ends any phrase (see `frames::is_hard_break`).
    pub const HARD: Bits = 1 << 28;
    /// A word token.
    pub const WORD: Bits = 1 << 29;
    /// A semicolon.
    pub const SEMI: Bits = 1 << 30;
    /// A colon.
    pub const COLON: Bits = 1 << 31;
    /// An opening or closing parenthesis.
    pub const PAREN: Bits = 1 << 32;
    /// "yesterday", "today", "tonight".
    pub const TIME_NOW: Bits = 1 << 33;
    /// Words that make a time with a unit after them ("last", "this", "next", "earlier", ...).
    pub const TIME_REL: Bits = 1 << 34;
    /// Time units after such a word ("week", "month", "morning", ...).
    pub const TIME_UNIT: Bits = 1 << 35;
    /// "the", "a", "an".
    pub const ARTICLE: Bits = 1 << 36;
    /// "and".
    pub const AND: Bits = 1 << 37;
    /// "that".
    pub const THAT: Bits = 1 << 38;
    /// Prepositions that end a noun phrase's head ("of", "from", "in", "at", "for", "with", "on").
    pub const HEAD_PREP: Bits = 1 << 39;
    /// "by".
    pub const BY: Bits = 1 << 40;
    /// Class names as written in the table.
    pub const NAMES: [(&str, Bits); 26] = [
        ("adjunct", ADJUNCT),
        ("and", AND),
        ("article", ARTICLE),
        ("by", BY),
        ("headprep", HEAD_PREP),
        ("month", MONTH),
        ("timenow", TIME_NOW),
        ("timerel", TIME_REL),
        ("timeunit", TIME_UNIT),
        ("weekday", WEEKDAY),
        ("aux", AUX),
        ("break", BREAK),
        ("clause", CLAUSE),
        ("det", DET),
        ("inverts", INVERTS),
        ("nonspeaker", NONSPEAKER),
        ("orgword", ORGWORD),
        ("person12", PERSON12),
        ("personrole", PERSONROLE),
        ("postadv", POSTADV),
        ("prep", PREP),
        ("pronoun", PRONOUN),
        ("role", ROLE),
        ("timeword", TIMEWORD),
        ("title", TITLE),
        ("verbstop", VERBSTOP),
    ];
}

/// No word of the lexicon.
pub const NO_WORD: u32 = u32::MAX;

/// One word of the lexicon: its class bits and the cue forms it starts.
#[derive(Debug, Default)]
pub struct Word {
    pub bits: class::Bits,
    /// Cue forms starting with this word, longest first.
    pub cues: Vec<Cue>,
}

pub struct Lexicon {
    /// Every word the grammar reads by id: each table word, cue word and month/weekday name.
    pub words: Vec<Word>,
    /// Word ids by lower-case text.
    #[cfg(test)]
    ids: HashMap<&'static str, u32>,
    /// The longest word's length in bytes (longer tokens are no words of the lexicon).
    max_len: usize,
    /// Words of at most eight bytes by their bytes read as one number (see [`short_key`]).
    short: ShortTable,
    /// Longer words by their bytes.
    long: HashMap<&'static [u8], u32>,
    /// Bytes a word may start with.
    first: [bool; 256],
    /// Hedge phrases, as word sequences.
    pub unverified: Vec<Vec<&'static str>>,
}

impl Lexicon {
    /// Whether lower-case `word` belongs to the word class `class` (a bit of [`class`]).
    #[cfg(test)]
    pub fn is(&self, class: class::Bits, word: &str) -> bool {
        self.bits(self.id(word)) & class != 0
    }
    /// The id of lower-case `word` ([`NO_WORD`] for a word the lexicon does not know).
    #[cfg(test)]
    pub fn id(&self, word: &str) -> u32 {
        if word.is_empty() || word.len() > self.max_len {
            return NO_WORD;
        }
        self.ids.get(word).copied().unwrap_or(NO_WORD)
    }
    /// The id of the lower-case word at bytes `start..end` of `low` (a document's lower-cased
    /// body): short words through one read of eight bytes, longer ones by their text.
    #[inline]
    pub fn id_at(&self, low: &[u8], start: usize, end: usize) -> u32 {
        let n = end.wrapping_sub(start);
        if n.wrapping_sub(1) >= self.max_len {
            return NO_WORD;
        }
        match low.get(start) {
            Some(&b) if self.first[b as usize] => {}
            _ => return NO_WORD,
        }
        if n <= 8 {
            let word = match low.get(start..start + 8) {
                Some(b) => b,
                None => match low.get(start..end) {
                    Some(b) => b,
                    None => return NO_WORD,
                },
            };
            return self.short.get(short_key(word, n), n);
        }
        low.get(start..end).and_then(|b| self.long.get(b)).copied().unwrap_or(NO_WORD)
    }
    /// Class bits of word `id` (0 for [`NO_WORD`]).
    #[inline]
    pub fn bits(&self, id: u32) -> class::Bits {
        self.words.get(id as usize).map_or(0, |w| w.bits)
    }
    /// Cue forms starting with word `id`, longest first.
    #[inline]
    pub fn cues_of(&self, id: u32) -> &[Cue] {
        self.words.get(id as usize).map_or(&[], |w| w.cues.as_slice())
    }
}

/// The first `n` (at most eight) bytes of `b` as one little-endian number; with the length
/// this names a short word exactly.
#[inline]
fn short_key(b: &[u8], n: usize) -> u64 {
    let mut buf = [0u8; 8];
    match b.get(..8) {
        Some(head) => buf.copy_from_slice(head),
        None => {
            for (d, s) in buf.iter_mut().zip(b) {
                *d = *s;
            }
        }
    }
    let x = u64::from_le_bytes(buf);
    if n >= 8 {
        x
    } else {
        x & ((1u64 << (8 * n)) - 1)
    }
}

/// Short words by key and length: open addressing, a power-of-two number of slots.
struct ShortTable {
    /// (key, length, id); length 0 marks an empty slot.
    slots: Vec<(u64, usize, u32)>,
    shift: u32,
}

impl ShortTable {
    fn new(words: impl Iterator<Item = (u64, usize, u32)>) -> ShortTable {
        let words: Vec<(u64, usize, u32)> = words.collect();
        let mut size = 64usize;
        while size < words.len() * 4 {
            size *= 2;
        }
        let mut t = ShortTable { slots: vec![(0, 0, NO_WORD); size], shift: 64 - size.trailing_zeros() };
        for (key, n, id) in words {
            let mut k = t.slot(key, n);
            while t.slots.get(k).is_some_and(|s| s.1 != 0) {
                k = (k + 1) & (size - 1);
            }
            if let Some(s) = t.slots.get_mut(k) {
                *s = (key, n, id);
            }
        }
        t
    }

    #[inline]
    fn slot(&self, key: u64, n: usize) -> usize {
        ((key ^ (n as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u64, n: usize) -> u32 {
        let mask = self.slots.len() - 1;
        let mut k = self.slot(key, n);
        loop {
            match self.slots.get(k) {
                Some(&(kk, nn, id)) if nn != 0 => {
                    if kk == key && nn == n {
                        return id;
                    }
                }
                _ => return NO_WORD,
            }
            k = (k + 1) & mask;
        }
    }
}

fn parse_stance(s: &str) -> Stance {
    match s {
        "estimated" => Stance::Estimated,
        "contested" => Stance::Contested,
        "denied" => Stance::Denied,
        _ => Stance::Asserted,
    }
}

fn parse_kind(s: &str) -> Option<CueKind> {
    Some(match s {
        "verb" => CueKind::Verb,
        "act" => CueKind::Act,
        "participle" => CueKind::Participle,
        "prep" => CueKind::Prep,
        "cite" => CueKind::Cite,
        "show" => CueKind::Show,
        "noun" => CueKind::Noun,
        "quoted" => CueKind::Quoted,
        _ => return None,
    })
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut cues: HashMap<&'static str, Vec<Cue>> = HashMap::default();
    for cols in data_lines(include_str!("../data/cues.tsv")) {
        let (Some(form), Some(stance), Some(kind)) = (cols.first(), cols.get(1), cols.get(2)) else { continue };
        let Some(kind) = parse_kind(kind) else { continue };
        let words: Vec<&'static str> = form.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(first) = words.first().copied() else { continue };
        cues.entry(first).or_default().push(Cue { words, ids: Vec::new(), stance: parse_stance(stance), kind });
    }
    for v in cues.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    let mut classes: HashMap<&'static str, class::Bits> = HashMap::default();
    let mut unverified: Vec<Vec<&'static str>> = Vec::new();
    for cols in data_lines(include_str!("../data/words.tsv")) {
        let (Some(class), Some(word)) = (cols.first(), cols.get(1)) else { continue };
        if *class == "unverified" {
            unverified.push(word.split(' ').collect());
        } else {
            // A class the code does not read is ignored.
            if let Some(&(_, bit)) = class::NAMES.iter().find(|(name, _)| name == class) {
                *classes.entry(word).or_default() |= bit;
            }
        }
    }
    // One id per word: class words (months, weekdays and grammar words among them), cue words,
    // hedge words.
    let mut ids: HashMap<&'static str, u32> = HashMap::default();
    let mut words: Vec<Word> = Vec::new();
    let mut add = |w: &'static str, bits: class::Bits, words: &mut Vec<Word>| {
        let id = *ids.entry(w).or_insert_with(|| {
            words.push(Word::default());
            (words.len() - 1) as u32
        });
        if let Some(x) = words.get_mut(id as usize) {
            x.bits |= bits;
        }
    };
    for (w, bits) in &classes {
        add(w, *bits, &mut words);
    }
    add("that", class::THAT, &mut words);
    for ph in &unverified {
        for (k, w) in ph.iter().enumerate() {
            add(w, if k == 0 { class::UNVERIFIED_FIRST } else { 0 }, &mut words);
        }
    }
    for (first, forms) in &cues {
        let noun = forms.iter().any(|c| c.kind == CueKind::Noun);
        let verb = forms.iter().any(|c| matches!(c.kind, CueKind::Verb | CueKind::Act | CueKind::Show));
        let lower = first.chars().next().is_some_and(char::is_lowercase);
        let mut bits = class::CUE_FIRST;
        if noun {
            bits |= class::NOUN_CUE;
        }
        if lower && !noun && verb {
            bits |= class::CUE_WORD;
        }
        if forms.iter().any(|c| c.stance == Stance::Estimated) {
            bits |= class::ESTIMATED_CUE;
        }
        add(first, bits, &mut words);
        for c in forms {
            for w in &c.words {
                add(w, 0, &mut words);
            }
        }
    }
    for (first, forms) in &cues {
        if let Some(x) = ids.get(first).and_then(|&id| words.get_mut(id as usize)) {
            x.cues = forms
                .iter()
                .map(|c| Cue {
                    ids: c.words.iter().map(|w| ids.get(w).copied().unwrap_or(NO_WORD)).collect(),
                    ..c.clone()
                })
                .collect();
        }
    }
    let max_len = ids.keys().map(|w| w.len()).max().unwrap_or(0);
    let short = ShortTable::new(
        ids.iter().filter(|(w, _)| w.len() <= 8).map(|(w, &id)| (short_key(w.as_bytes(), w.len()), w.len(), id)),
    );
    let long = ids.iter().filter(|(w, _)| w.len() > 8).map(|(w, &id)| (w.as_bytes(), id)).collect();
    let mut first = [false; 256];
    for w in ids.keys() {
        if let Some(&b) = w.as_bytes().first() {
            first[b as usize] = true;
        }
    }
    Lexicon {
        words,
        #[cfg(test)]
        ids,
        max_len,
        short,
        long,
        first,
        unverified,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_with_stances() {
        let lx = &*LEXICON;
        let forms = |w: &str| lx.cues_of(lx.id(w));
        // Short and long words read from a body agree with the text lookup.
        for w in ["said", "according", "communiqué", "independently", "x", "sai"] {
            let body = format!("a {w} b");
            assert_eq!(lx.id_at(body.as_bytes(), 2, 2 + w.len()), lx.id(w), "{w}");
        }
        assert_eq!(lx.id_at(b"said", 0, 4), lx.id("said"));
        assert_ne!(lx.id("said"), NO_WORD);
        let said = &forms("said")[0];
        assert_eq!((said.kind, said.stance), (CueKind::Verb, Stance::Asserted));
        assert_eq!(forms("claimed")[0].stance, Stance::Contested);
        assert_eq!(forms("denied")[0].stance, Stance::Denied);
        assert_eq!(forms("estimated")[0].stance, Stance::Estimated);
        // Longest form first: "put the death toll at" before "put the number at".
        assert_eq!(forms("put")[0].words.len(), 5);
        assert_eq!(forms("put")[0].ids.len(), 5);
        assert!(lx.is(class::PRONOUN, "she") && lx.is(class::ROLE, "ministry") && !lx.is(class::ROLE, "casualties"));
        assert!(!lx.unverified.is_empty());
    }
}
