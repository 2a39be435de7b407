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
    /// Before its content the cue needs "that", a colon or quotation marks (a fourth column
    /// `that`): "X wrote that ...", but "X wrote a novel" reports no speech.
    pub needs_that: bool,
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
    /// Set per document, not per word: the token stands inside a pair of quotation marks
    /// (`marks::pairs`, the marks included).
    pub const MASKED: Bits = 1 << 19;
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
    /// Token shape: a number token.
    pub const NUMBER: Bits = 1 << 41;
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

/// Where a word's id stands in its tag (class bits below, id in the top sixteen bits).
pub const ID_SHIFT: u32 = 48;
/// The tag of a word the lexicon does not know: no class bits, the id `0xFFFF`.
pub const NO_TAG: class::Bits = 0xFFFF << ID_SHIFT;

/// A word's tag: its id and class bits in one number.
fn tag_of(id: u32, bits: class::Bits) -> class::Bits {
    (class::Bits::from(id) << ID_SHIFT) | bits
}

/// The id in a tag ([`NO_WORD`] for [`NO_TAG`]).
#[inline]
pub fn tag_id(tag: class::Bits) -> u32 {
    match (tag >> ID_SHIFT) as u32 {
        0xFFFF => NO_WORD,
        id => id,
    }
}

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
    /// Tags of words of at most sixteen bytes (see [`WordTable`]).
    table: WordTable,
    /// Tags of longer words by their bytes.
    long: HashMap<&'static [u8], class::Bits>,
    /// Hedge phrases, as word sequences.
    #[cfg(test)]
    pub unverified: Vec<Vec<&'static str>>,
    /// The hedge phrases as word ids.
    pub unverified_ids: Vec<Vec<u32>>,
    /// Words and first names that make a person male or female (lower case; read only when
    /// names are resolved, not per token).
    gender: HashMap<&'static str, Gender>,
}

/// A person's grammatical gender as the text marks it (for "he" and "she").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
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
    /// body).
    #[cfg(test)]
    pub fn id_at(&self, low: &[u8], start: usize, end: usize) -> u32 {
        tag_id(self.tag_at(low, start, end))
    }
    /// The tag of the lower-case word at bytes `start..end` of `low` (a document's lower-cased
    /// body): its class bits with its id in the top bits ([`NO_TAG`] for a word the lexicon does
    /// not know). Words of up to sixteen bytes through two reads of eight bytes, longer ones by
    /// their text.
    #[inline]
    pub fn tag_at(&self, low: &[u8], start: usize, end: usize) -> class::Bits {
        let n = end.wrapping_sub(start);
        if n.wrapping_sub(1) < 16 {
            // The common case: eight bytes can be read from the word's start.
            if let Some(head) = low.get(start..start.wrapping_add(8)).and_then(|h| h.first_chunk::<8>()) {
                let k1 = u64::from_le_bytes(*head);
                if n <= 8 {
                    return self.table.get_short(k1 & LOW_BYTES.get(n).copied().unwrap_or(u64::MAX), n);
                }
                return match low.get(..end).and_then(|b| b.last_chunk::<8>()) {
                    Some(tail) => self.table.get(k1, u64::from_le_bytes(*tail), n),
                    None => NO_TAG,
                };
            }
            return match word_key(low, start, end) {
                Some((k1, k2)) => self.table.get(k1, k2, n),
                None => NO_TAG,
            };
        }
        if n > self.max_len {
            return NO_TAG;
        }
        low.get(start..end).and_then(|b| self.long.get(b)).copied().unwrap_or(NO_TAG)
    }
    /// Class bits of word `id` (0 for [`NO_WORD`]).
    #[cfg(test)]
    pub fn bits(&self, id: u32) -> class::Bits {
        self.words.get(id as usize).map_or(0, |w| w.bits)
    }
    /// The gender a word marks ("mrs", "spokesman", "sarah"): `word` as written, read in ASCII
    /// lower case (no allocation: longer words are no gendered words).
    pub fn gender(&self, word: &str) -> Gender {
        let b = word.as_bytes();
        let mut buf = [0u8; 16];
        let Some(dst) = buf.get_mut(..b.len()) else { return Gender::Unknown };
        for (d, s) in dst.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        match std::str::from_utf8(dst) {
            Ok(w) => self.gender.get(w).copied().unwrap_or_default(),
            Err(_) => Gender::Unknown,
        }
    }
    /// Cue forms starting with word `id`, longest first.
    #[inline]
    pub fn cues_of(&self, id: u32) -> &[Cue] {
        self.words.get(id as usize).map_or(&[], |w| w.cues.as_slice())
    }
}

/// Masks of the low `n` bytes of a number, by `n` (0 to 8).
const LOW_BYTES: [u64; 9] = {
    let mut m = [0u64; 9];
    let mut n = 1;
    while n <= 8 {
        m[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    m
};

/// Eight bytes of `b` from `at` as one little-endian number.
#[inline]
fn read8(b: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// The key of the word at bytes `start..end` (one to sixteen bytes) of `b`: its first (up to)
/// eight bytes as one little-endian number, and for a word longer than eight bytes its last
/// eight. With the length this names the word exactly.
#[inline]
fn word_key(b: &[u8], start: usize, end: usize) -> Option<(u64, u64)> {
    let n = end.checked_sub(start)?;
    if n > 8 {
        return Some((read8(b, start)?, read8(b, end.checked_sub(8)?)?));
    }
    let head = match read8(b, start) {
        Some(x) => x,
        None => {
            // Near the end of the text: copy what there is.
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(b.get(start..end)?) {
                *d = *s;
            }
            u64::from_le_bytes(buf)
        }
    };
    // n is 1..=8 here.
    Some((head & (u64::MAX >> (64 - 8 * n.max(1))), 0))
}

/// Tags of words of at most sixteen bytes by their key (see [`word_key`]) and length: open
/// addressing in a fixed number of slots (a masked slot index needs no bounds check).
struct WordTable {
    /// (first key, tag with the length at [`LEN_SHIFT`]); length 0 marks an empty slot.
    slots: Box<[(u64, u64); SLOTS]>,
    /// The second keys of the slots (read only for words longer than eight bytes).
    second: Box<[u64; SLOTS]>,
}

/// Slots of the word table: a power of two, at least four times the words of the lexicon.
const SLOTS: usize = 4096;
const SLOT_SHIFT: u32 = 64 - SLOTS.trailing_zeros();

/// Where a slot keeps its word's length (five bits between the class bits and the id).
const LEN_SHIFT: u32 = 42;
const LEN_MASK: u64 = 0x1F << LEN_SHIFT;

impl WordTable {
    fn new(words: impl Iterator<Item = (&'static str, class::Bits)>) -> WordTable {
        let mut t = WordTable { slots: Box::new([(0, 0); SLOTS]), second: Box::new([0; SLOTS]) };
        // At most half full, so every probe ends on an empty slot (a test holds the lexicon
        // well under that).
        for (w, tag) in words.take(SLOTS / 2) {
            let n = w.len();
            let Some((k1, k2)) = word_key(w.as_bytes(), 0, n) else { continue };
            if n == 0 || n > 16 {
                continue;
            }
            let mut k = slot(k1, k2);
            while t.slots[k].1 & LEN_MASK != 0 {
                k = (k + 1) & (SLOTS - 1);
            }
            t.slots[k] = (k1, (tag & !LEN_MASK) | ((n as u64) << LEN_SHIFT));
            t.second[k] = k2;
        }
        t
    }

    /// [`WordTable::get`] for a word of at most eight bytes (its second key is 0).
    #[inline]
    fn get_short(&self, k1: u64, n: usize) -> class::Bits {
        let want = (n as u64) << LEN_SHIFT;
        let mut k = slot(k1, 0);
        loop {
            let (a, tag) = self.slots[k];
            let len = tag & LEN_MASK;
            if a == k1 && len == want {
                return tag & !LEN_MASK;
            }
            if len == 0 {
                return NO_TAG;
            }
            k = (k + 1) & (SLOTS - 1);
        }
    }

    #[inline]
    fn get(&self, k1: u64, k2: u64, n: usize) -> class::Bits {
        let want = (n as u64) << LEN_SHIFT;
        let mut k = slot(k1, k2);
        loop {
            let (a, tag) = self.slots[k];
            let len = tag & LEN_MASK;
            if len == 0 {
                return NO_TAG;
            }
            if a == k1 && len == want && (n <= 8 || self.second[k] == k2) {
                return tag & !LEN_MASK;
            }
            k = (k + 1) & (SLOTS - 1);
        }
    }
}

/// The slot a key hashes to (always below [`SLOTS`]).
#[inline]
fn slot(k1: u64, k2: u64) -> usize {
    (((k1 ^ k2.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> SLOT_SHIFT) as usize) & (SLOTS - 1)
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
        let needs_that = cols.get(3).is_some_and(|c| *c == "that");
        cues.entry(first).or_default().push(Cue {
            words,
            ids: Vec::new(),
            stance: parse_stance(stance),
            kind,
            needs_that,
        });
    }
    for v in cues.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    let mut classes: HashMap<&'static str, class::Bits> = HashMap::default();
    let mut unverified: Vec<Vec<&'static str>> = Vec::new();
    let mut gender: HashMap<&'static str, Gender> = HashMap::default();
    for cols in data_lines(include_str!("../data/words.tsv")) {
        let (Some(class), Some(word)) = (cols.first(), cols.get(1)) else { continue };
        if *class == "unverified" {
            unverified.push(word.split(' ').collect());
        } else if *class == "male" {
            gender.insert(word, Gender::Male);
        } else if *class == "female" {
            gender.insert(word, Gender::Female);
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
    let tag = |id: u32| tag_of(id, words.get(id as usize).map_or(0, |w| w.bits));
    let table = WordTable::new(ids.iter().map(|(w, &id)| (*w, tag(id))));
    let long = ids.iter().filter(|(w, _)| w.len() > 16).map(|(w, &id)| (w.as_bytes(), tag(id))).collect();
    let unverified_ids =
        unverified.iter().map(|ph| ph.iter().map(|w| ids.get(w).copied().unwrap_or(NO_WORD)).collect()).collect();
    Lexicon {
        words,
        #[cfg(test)]
        ids,
        max_len,
        table,
        long,
        unverified_ids,
        #[cfg(test)]
        unverified,
        gender,
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

    #[test]
    fn tags_hold_ids_and_bits() {
        let lx = &*LEXICON;
        // Ids fit the tag's top bits; class bits stay below the slots' length bits; the table
        // has room.
        assert!(lx.words.len() < 0xFFFF);
        assert!(lx.ids.len() * 4 <= SLOTS);
        assert!(lx.words.iter().all(|w| w.bits & !((1 << LEN_SHIFT) - 1) == 0));
        // Only word tokens are looked up: every word starts with a letter.
        assert!(
            lx.ids.keys().all(|w| w.chars().next().is_some_and(char::is_alphabetic)),
            "a word starts with no letter"
        );
        for (w, &id) in &lx.ids {
            let tag = lx.tag_at(w.as_bytes(), 0, w.len());
            assert_eq!((tag_id(tag), tag & ((1 << ID_SHIFT) - 1)), (id, lx.bits(id)), "{w}");
        }
        assert_eq!(lx.tag_at(b"zzzzqq", 0, 6), NO_TAG);
    }
}
