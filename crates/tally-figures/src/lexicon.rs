//! The language tables of figure reading (`data/*.tsv`), loaded once, and one phrase table over
//! all their phrases that marks every table hit in a sentence.
//!
//! The phrase table maps every prefix of every (lower-case) phrase to the phrase it completes, if
//! any. A sentence is read once, lower-cased; from each token start the reader extends the span
//! token by token while the text is still a prefix of some phrase, so a token that starts no
//! phrase costs one lookup. Every hit starts and ends on token boundaries by construction.
//! A token of up to eight bytes finds its place in the table with one hash look-up of its bytes
//! packed into an integer; only longer tokens and the phrases over several tokens walk it byte
//! by byte.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;
use tally_model::Measure;
use tally_text::{Analysis, Token, TokenKind};

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumKind {
    Unit,
    Tens,
    Scale,
    Abbr,
    Dozen,
    Article,
    Half,
    /// A vague plural ("dozens", "tens of thousands"): the range it stands for.
    Vague(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumWord {
    pub value: f64,
    pub kind: NumKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QualKind {
    Low,
    High,
    Approx,
    /// Leaves the value as it is: "a total of".
    Exact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    Person,
    Force,
    Thing,
    Currency,
    Percent,
    Time,
    Physical,
    Noncount,
    /// A currency code before the number ("Rs 500", "USD 2 million").
    Prefix,
}

pub(crate) const POS_PRE: u8 = 1;
pub(crate) const POS_POST: u8 = 2;
pub(crate) const POS_NOUN: u8 = 4;
/// Only when the counted noun is a force ("200 officers landed").
pub(crate) const POS_FORCE: u8 = 8;

/// A measure cue: the measure (None for verbs without one), where it may stand, and whether
/// its grammatical subject owns what is counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cue {
    pub measure: Option<Measure>,
    pub positions: u8,
    pub agent: bool,
}

pub(crate) mod role {
    pub const AUX: u32 = 1;
    pub const STOP: u32 = 1 << 1;
    pub const LOCATIVE: u32 = 1 << 2;
    pub const INCREMENT: u32 = 1 << 3;
    pub const MONTH: u32 = 1 << 4;
    pub const WEEKDAY: u32 = 1 << 5;
    pub const ID: u32 = 1 << 6;
    pub const AGE: u32 = 1 << 7;
    pub const MEASUREMENT: u32 = 1 << 8;
    pub const PRONOUN: u32 = 1 << 9;
    pub const CHANGE: u32 = 1 << 10;
    pub const BETWEEN: u32 = 1 << 11;
    pub const TOLL: u32 = 1 << 12;
    pub const NUMBER_OF: u32 = 1 << 13;
    pub const FILLER: u32 = 1 << 14;
    pub const ORG: u32 = 1 << 15;
    /// Introduces the value of a toll or a count: "rose to", "stood at", "reached".
    pub const VALUE_OF: u32 = 1 << 16;
    pub const ADDRESS: u32 = 1 << 17;
    pub const COMBAT: u32 = 1 << 18;
    pub const COUNTRY_WORD: u32 = 1 << 19;
    /// Ends the clause of a figure: "said", "which", "but".
    pub const CLAUSE: u32 = 1 << 20;
    /// A reading on a scale: a bare number shortly after it is its value ("an index of 408").
    pub const READING: u32 = 1 << 21;
    /// A determiner before a name or a model number ("the 777 program").
    pub const DETERMINER: u32 = 1 << 22;
}

/// One table entry reachable from a phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    Num(NumWord),
    Qual(QualKind, bool),
    Unit(&'static str, UnitClass),
    Cue(Cue),
    Word(u32),
}

pub(crate) struct Lexicon {
    /// A byte trie over every (lower-case) phrase and every single number word.
    trie: Trie,
    /// For each phrase, what its table entries say.
    phrases: Vec<Phrase>,
    /// The cues of all phrases, in table order; each phrase owns a run.
    cues: Vec<Cue>,
}

/// What the tables say about one phrase: the first entry of each kind, its cues and its word
/// roles (merged).
#[derive(Debug, Clone, Default)]
struct Phrase {
    kinds: u8,
    unit: Option<(&'static str, UnitClass)>,
    num: Option<NumWord>,
    pre_qual: Option<QualKind>,
    post_qual: Option<QualKind>,
    cues: (u32, u32),
    flags: u32,
}

/// Bits of `Phrase::kinds`.
const K_UNIT: u8 = 1;
const K_NUM: u8 = 2;
const K_PRE_QUAL: u8 = 4;
const K_POST_QUAL: u8 = 8;
const K_CUE: u8 = 16;

/// No phrase (and, as a node, the dead state).
const NONE: u32 = u32::MAX;

/// A byte trie as a dense transition table over byte classes: only the few dozen bytes that
/// occur in keys get a class of their own (ASCII capitals share their lower-case letter's), all
/// others lead to the dead node 0, whose row leads back to itself.
struct Trie {
    class: [u8; 256],
    width: usize,
    next: Vec<u16>,
    /// Per node: what the key it spells is.
    info: Vec<NodeInfo>,
    /// The single number words, indexed by `NodeInfo::num - 1`.
    nums: Vec<NumWord>,
    /// Some key goes on with a hyphen right after a number word ("twenty-...").
    num_hyphen: bool,
    /// The nodes of the keys' first (up to) eight bytes, looked up whole.
    short: ShortKeys,
}

/// The trie nodes spelled by up to eight bytes, by those bytes packed into an integer: a token
/// of up to eight bytes finds its node with one look-up instead of a walk byte by byte.
struct ShortKeys {
    /// Open addressing, a power of two long; a slot of length 0 is empty.
    slots: Vec<ShortKey>,
    /// The hash keeps the top bits: 64 minus the log of the table's length.
    shift: u32,
}

/// A slot of `ShortKeys`: the packed bytes and their length, the node they spell and what its
/// key is (read with the node, so a token costs one look-up).
#[derive(Debug, Clone, Copy)]
struct ShortKey {
    key: u64,
    info: NodeInfo,
    node: u16,
    len: u8,
}

const NO_SHORT_KEY: ShortKey = ShortKey { key: 0, info: NO_INFO, node: 0, len: 0 };

/// Up to eight bytes packed into an integer (little-endian, zero beyond them).
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().take(8).rev().fold(0u64, |acc, &b| acc << 8 | u64::from(b))
}

/// The `len` (1 to 8) bytes of `low` at `s`, packed (read as one word when eight bytes are there).
#[inline]
fn packed_at(low: &[u8], s: usize, len: usize) -> u64 {
    match low.get(s..s + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
        Some(word) => u64::from_le_bytes(word) & (u64::MAX >> (64 - 8 * len.clamp(1, 8))),
        None => pack(low.get(s..s + len).unwrap_or(&[])),
    }
}

/// Some byte of the packed word is a hyphen.
#[inline]
fn has_hyphen(key: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = key ^ (ONES * u64::from(b'-'));
    x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
}

impl ShortKeys {
    const EMPTY: ShortKeys = ShortKeys { slots: Vec::new(), shift: 63 };

    /// The nodes of every prefix of up to eight bytes of the keys of `trie`.
    fn build(trie: &Trie, keys: &[(&[u8], Option<u32>, Option<NumWord>)]) -> ShortKeys {
        let prefixes = || keys.iter().flat_map(|(k, _, _)| (1..=k.len().min(8)).filter_map(move |n| k.get(..n)));
        // At most one slot in two taken (every prefix is a node).
        let bits = (trie.info.len() * 2).max(2).next_power_of_two().trailing_zeros();
        let mut table = ShortKeys { slots: vec![NO_SHORT_KEY; 1 << bits], shift: 64 - bits };
        let mask = table.slots.len() - 1;
        for p in prefixes() {
            let key = pack(p);
            if table.get(key, p.len()).is_some() {
                continue;
            }
            let node = trie.walk(ROOT, p);
            if node == DEAD {
                continue;
            }
            let mut i = table.slot(key);
            while table.slots.get(i).is_some_and(|s| s.len != 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = table.slots.get_mut(i) {
                *slot = ShortKey { key, info: trie.info(node), node: node as u16, len: p.len() as u8 };
            }
        }
        table
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The node spelled by the `len` bytes packed into `key`, when some key begins with them.
    #[inline]
    fn get(&self, key: u64, len: usize) -> Option<&ShortKey> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.slot(key);
        loop {
            let s = self.slots.get(i)?;
            if s.len == 0 {
                return None;
            }
            if s.key == key && s.len as usize == len {
                return Some(s);
            }
            i = (i + 1) & mask;
        }
    }
}

/// What a trie node's key is: the phrase it completes (`NONE` when it only begins phrases),
/// that phrase's word roles and entry kinds, and the single number word it spells (index + 1
/// into `Trie::nums`, 0 for none).
#[derive(Debug, Clone, Copy)]
struct NodeInfo {
    phrase: u32,
    flags: u32,
    kinds: u8,
    num: u8,
}

const NO_INFO: NodeInfo = NodeInfo { phrase: NONE, flags: 0, kinds: 0, num: 0 };

const DEAD: u32 = 0;
const ROOT: u32 = 1;

impl Trie {
    fn build(keys: &[(&[u8], Option<u32>, Option<NumWord>)]) -> Trie {
        let mut class = [0u8; 256];
        let mut width = 1usize;
        for (key, _, _) in keys {
            for &b in key.iter() {
                if class[b as usize] == 0 {
                    class[b as usize] = width as u8;
                    width += 1;
                }
            }
        }
        // Capitals read as their lower-case letter (keys are lower case).
        for b in b'A'..=b'Z' {
            class[b as usize] = class[b.to_ascii_lowercase() as usize];
        }
        let mut next = vec![0u16; 2 * width];
        let mut info = vec![NO_INFO; 2];
        let mut nums = Vec::new();
        for (key, p, n) in keys {
            let mut node = ROOT as usize;
            for &b in key.iter() {
                let at = node * width + class[b as usize] as usize;
                let child = next.get(at).copied().unwrap_or(0) as usize;
                node = if child != 0 {
                    child
                } else {
                    let x = info.len();
                    info.push(NO_INFO);
                    next.resize(next.len() + width, 0);
                    if let Some(slot) = next.get_mut(at) {
                        *slot = x as u16;
                    }
                    x
                };
            }
            if let Some(slot) = info.get_mut(node) {
                if let Some(p) = p {
                    slot.phrase = *p;
                }
                if let Some(n) = n {
                    nums.push(*n);
                    slot.num = nums.len() as u8;
                }
            }
        }
        debug_assert!(info.len() <= u16::MAX as usize, "figure tables too large for the phrase trie");
        debug_assert!(nums.len() < u8::MAX as usize, "too many number words for the phrase trie");
        let hyphen = class[b'-' as usize] as usize;
        let num_hyphen = hyphen != 0
            && info
                .iter()
                .enumerate()
                .any(|(node, i)| i.num != 0 && next.get(node * width + hyphen).is_some_and(|&x| x != 0));
        Trie { class, width, next, info, nums, num_hyphen, short: ShortKeys::EMPTY }
    }

    /// The node spelled by the token at `s..e` of the lower-cased text `low`, what its key is and
    /// how many of the token's bytes begin some key, as `walk_len` reads them; except that a
    /// token no key begins that holds no hyphen tells 0 bytes (all that is asked of it: no
    /// number word stands before a hyphen in it).
    #[inline]
    fn walk_token(&self, low: &[u8], s: usize, e: usize) -> (u32, usize, NodeInfo) {
        let len = e.saturating_sub(s);
        if (1..=8).contains(&len) {
            let key = packed_at(low, s, len);
            // Lower-cased text holds no ASCII capitals, so its bytes spell keys as they are.
            match self.short.get(key, len) {
                Some(k) => return (u32::from(k.node), len, k.info),
                None if !has_hyphen(key) => return (DEAD, 0, NO_INFO),
                None => {}
            }
        }
        let (node, alive) = low.get(s..e).map_or((DEAD, 0), |b| self.walk_len(b));
        (node, alive, self.info(node))
    }

    /// The number word spelled at `node`.
    #[inline]
    fn num(&self, node: u32) -> Option<NumWord> {
        self.num_at(self.info.get(node as usize)?.num)
    }

    /// The child of `node` along byte `b` (`DEAD` when none).
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        let at = node as usize * self.width + self.class[b as usize] as usize;
        self.next.get(at).copied().unwrap_or(0) as u32
    }

    /// What the key spelled at `node` is.
    #[inline]
    fn info(&self, node: u32) -> NodeInfo {
        self.info.get(node as usize).copied().unwrap_or(NO_INFO)
    }

    /// Like `walk` from the root, also telling how many bytes it read before dying.
    #[inline]
    fn walk_len(&self, bytes: &[u8]) -> (u32, usize) {
        let mut node = ROOT;
        for (k, &b) in bytes.iter().enumerate() {
            let at = node as usize * self.width + self.class[b as usize] as usize;
            node = self.next.get(at).copied().unwrap_or(0) as u32;
            if node == DEAD {
                return (DEAD, k);
            }
        }
        (node, bytes.len())
    }

    /// The number word with index `n` (`NodeInfo::num`).
    #[inline]
    fn num_at(&self, n: u8) -> Option<NumWord> {
        self.nums.get((n as usize).checked_sub(1)?).copied()
    }

    /// The node spelled by `bytes` (ASCII capitals read as lower case) from `node`; `DEAD` when
    /// no key goes on so.
    #[inline]
    fn walk(&self, mut node: u32, bytes: &[u8]) -> u32 {
        for &b in bytes {
            let at = node as usize * self.width + self.class[b as usize] as usize;
            node = self.next.get(at).copied().unwrap_or(0) as u32;
            if node == DEAD {
                break;
            }
        }
        node
    }
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

fn parse_measure(s: &str) -> Option<Measure> {
    if s == "-" {
        None
    } else {
        Measure::parse(s)
    }
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut patterns: Vec<String> = Vec::new();
    let mut entries: Vec<Vec<Entry>> = Vec::new();
    let mut add = |phrase: &str, e: Entry| {
        let key = phrase.to_ascii_lowercase();
        if key.is_empty() {
            return;
        }
        let i = *index.entry(key.clone()).or_insert_with(|| {
            patterns.push(key);
            entries.push(Vec::new());
            entries.len() - 1
        });
        if let Some(v) = entries.get_mut(i) {
            v.push(e);
        }
    };
    let mut numbers: Vec<(&'static str, NumWord)> = Vec::new();
    for r in rows(include_str!("../data/numbers.tsv")) {
        let (Some(&w), Some(v), Some(&k)) = (r.first(), r.get(1).and_then(|v| v.parse::<f64>().ok()), r.get(2)) else {
            continue;
        };
        let kind = match k {
            "unit" => NumKind::Unit,
            "tens" => NumKind::Tens,
            "scale" => NumKind::Scale,
            "abbr" => NumKind::Abbr,
            "dozen" => NumKind::Dozen,
            "article" => NumKind::Article,
            "half" => NumKind::Half,
            "vague" => NumKind::Vague(r.get(3).and_then(|h| h.parse().ok()).unwrap_or(v)),
            _ => continue,
        };
        let nw = NumWord { value: v, kind };
        if !w.contains(' ') {
            // A later row for the same word wins.
            numbers.push((w, nw));
        }
        // Abbreviations and articles are read next to digits only, not from the automaton.
        if !matches!(kind, NumKind::Abbr | NumKind::Article) {
            add(w, Entry::Num(nw));
        }
    }
    for r in rows(include_str!("../data/qualifiers.tsv")) {
        let (Some(&p), Some(&k), Some(&pos)) = (r.first(), r.get(1), r.get(2)) else { continue };
        let kind = match k {
            "low" => QualKind::Low,
            "high" => QualKind::High,
            "exact" => QualKind::Exact,
            _ => QualKind::Approx,
        };
        add(p, Entry::Qual(kind, pos == "post"));
    }
    for r in rows(include_str!("../data/units.tsv")) {
        let (Some(&f), Some(&s), Some(&c)) = (r.first(), r.get(1), r.get(2)) else { continue };
        let class = match c {
            "person" => UnitClass::Person,
            "force" => UnitClass::Force,
            "currency" => UnitClass::Currency,
            "percent" => UnitClass::Percent,
            "time" => UnitClass::Time,
            "physical" => UnitClass::Physical,
            "noncount" => UnitClass::Noncount,
            "prefix" => UnitClass::Prefix,
            _ => UnitClass::Thing,
        };
        add(f, Entry::Unit(s, class));
    }
    for r in rows(include_str!("../data/measures.tsv")) {
        let (Some(&c), Some(&m), Some(&pos), Some(&agent)) = (r.first(), r.get(1), r.get(2), r.get(3)) else {
            continue;
        };
        let mut positions = 0;
        for p in pos.split(',') {
            positions |= match p.trim() {
                "pre" => POS_PRE,
                "post" => POS_POST,
                "noun" => POS_NOUN,
                "force" => POS_FORCE,
                _ => 0,
            };
        }
        add(c, Entry::Cue(Cue { measure: parse_measure(m), positions, agent: agent == "yes" }));
    }
    for r in rows(include_str!("../data/words.tsv")) {
        let (Some(&w), Some(&k)) = (r.first(), r.get(1)) else { continue };
        let flag = match k {
            "aux" => role::AUX,
            "stop" => role::STOP,
            "locative" => role::LOCATIVE,
            "increment" => role::INCREMENT,
            "month" => role::MONTH,
            "weekday" => role::WEEKDAY,
            "id" => role::ID,
            "age" => role::AGE,
            "measurement" => role::MEASUREMENT,
            "pronoun" => role::PRONOUN,
            "change" => role::CHANGE,
            "between" => role::BETWEEN,
            "toll" => role::TOLL,
            "numberof" => role::NUMBER_OF,
            "filler" => role::FILLER,
            "org" => role::ORG,
            "valueof" => role::VALUE_OF,
            "address" => role::ADDRESS,
            "combat" => role::COMBAT,
            "countryword" => role::COUNTRY_WORD,
            "clause" => role::CLAUSE,
            "reading" => role::READING,
            "determiner" => role::DETERMINER,
            _ => 0,
        };
        add(w, Entry::Word(flag));
    }
    // Merge word roles of one phrase into a single entry.
    for list in entries.iter_mut() {
        let flags = list.iter().fold(0, |acc, e| if let Entry::Word(f) = e { acc | f } else { acc });
        list.retain(|e| !matches!(e, Entry::Word(_)));
        if flags != 0 {
            list.push(Entry::Word(flags));
        }
    }
    let mut cues = Vec::new();
    let phrases: Vec<Phrase> = entries
        .iter()
        .map(|list| {
            let mut ph = Phrase::default();
            let c0 = cues.len() as u32;
            for e in list {
                match e {
                    Entry::Num(n) if ph.num.is_none() => ph.num = Some(*n),
                    Entry::Qual(k, false) if ph.pre_qual.is_none() => ph.pre_qual = Some(*k),
                    Entry::Qual(k, true) if ph.post_qual.is_none() => ph.post_qual = Some(*k),
                    Entry::Unit(u, c) if ph.unit.is_none() => ph.unit = Some((u, *c)),
                    Entry::Cue(c) => cues.push(*c),
                    Entry::Word(f) => ph.flags |= f,
                    _ => {}
                }
            }
            ph.cues = (c0, cues.len() as u32);
            let bit = |on: bool, k: u8| if on { k } else { 0 };
            ph.kinds = bit(ph.unit.is_some(), K_UNIT)
                | bit(ph.num.is_some(), K_NUM)
                | bit(ph.pre_qual.is_some(), K_PRE_QUAL)
                | bit(ph.post_qual.is_some(), K_POST_QUAL)
                | bit(ph.cues.1 > c0, K_CUE);
            ph
        })
        .collect();
    let mut keys: Vec<(&[u8], Option<u32>, Option<NumWord>)> =
        patterns.iter().enumerate().map(|(i, p)| (p.as_bytes(), Some(i as u32), None)).collect();
    // Number words are looked up by their lower-cased spelling, so a key written with capitals
    // could never be found.
    keys.extend(
        numbers
            .iter()
            .filter(|(w, _)| !w.bytes().any(|b| b.is_ascii_uppercase()))
            .map(|(w, n)| (w.as_bytes(), None, Some(*n))),
    );
    let mut trie = Trie::build(&keys);
    for node in trie.info.iter_mut() {
        if let Some(ph) = phrases.get(node.phrase as usize) {
            node.flags = ph.flags;
            node.kinds = ph.kinds;
        }
    }
    // With what each node's key is known.
    trie.short = ShortKeys::build(&trie, &keys);
    Lexicon { trie, phrases, cues }
});

impl Lexicon {
    /// Whether a word token may open a number: a currency code before it, a number-word
    /// phrase, or a single number word (a token of at most four bytes whole, or the part
    /// before a hyphen). Given its table reading `tl` among the sentence's `hits` and its
    /// span `s..e` in the lower-cased text `low`.
    #[inline]
    fn opens_number(&self, tl: &TokLex, hits: &[Hit], low: &[u8], s: usize, e: usize) -> bool {
        if tl.kinds & K_NUM != 0 || tl.kinds & K_UNIT != 0 && self.prefix_unit(tl, hits) {
            return true;
        }
        let len = e.saturating_sub(s);
        // A number word before a hyphen begins keys all along, so its hyphen is found within
        // the bytes the walk read, plus one; and when no key goes on with a hyphen after a
        // number word, the walk died right at that hyphen.
        let alive = tl.alive as usize;
        let short = len <= 4 && tl.num != 0;
        if !self.trie.num_hyphen {
            if alive >= len {
                // The whole token begins keys: no number word stands before a hyphen in it.
                if !short {
                    return false;
                }
            } else if low.get(s + alive) != Some(&b'-') {
                return short;
            }
        }
        let scan = len.min(alive + 1);
        let bytes = low.get(s..s + scan).unwrap_or(&[]);
        match bytes.iter().position(|&c| c == b'-') {
            // The hyphen is ASCII, so the part before it ends on a character boundary.
            Some(h) => number_word_bytes(bytes.get(..h).unwrap_or(&[])).is_some(),
            None => short,
        }
    }

    /// Whether the longest phrase with a unit among the token's hits (as `SentLex::unit` reads
    /// it) is a currency code before the number.
    #[inline(never)]
    fn prefix_unit(&self, tl: &TokLex, hits: &[Hit]) -> bool {
        let run = hits.get(tl.first as usize..tl.last as usize).unwrap_or(&[]);
        let unit = run.iter().find_map(|h| self.phrases.get(h.pattern as usize).and_then(|p| p.unit));
        unit.is_some_and(|u| u.1 == UnitClass::Prefix)
    }
}

/// A table phrase found in a sentence, ending before token `end` (absolute index).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub end: u32,
    pub pattern: u32,
}

/// The table reading of one sentence: all its table hits, indexed by starting token (a view
/// into the `Reading` that holds it).
#[derive(Clone, Copy)]
pub(crate) struct SentLex<'a> {
    pub base: usize,
    pub end: usize,
    /// The tables (read once here rather than through the lazy static at every query).
    lex: &'static Lexicon,
    /// One entry per token of the sentence.
    toks: &'a [TokLex],
    /// The word roles of all tokens of the sentence together.
    all_roles: u32,
    /// The hits of the whole reading; each token owns a run.
    hits: &'a [Hit],
    /// The tokens a number may start at (absolute indices, ascending): digits, currency
    /// signs and the words `opens_number` accepts.
    starts: &'a [u32],
}

/// The table readings of the sentences read so far, one after another in shared buffers
/// (sized once per document rather than per sentence).
#[derive(Default)]
pub(crate) struct Reading {
    toks: Vec<TokLex>,
    hits: Vec<Hit>,
    starts: Vec<u32>,
    /// The sentences read, in the order they were read.
    sents: Vec<SentRead>,
}

/// Where one sentence's reading lies in a `Reading`.
#[derive(Debug, Clone, Copy)]
struct SentRead {
    sentence: usize,
    base: usize,
    end: usize,
    /// Its first entry in `Reading::toks`.
    tok0: usize,
    /// Its range of `Reading::starts`.
    starts: (usize, usize),
    all_roles: u32,
}

/// Extends a phrase from `node` (reached at byte `pos`) over the following tokens `rest`,
/// the first of which ends a phrase before token `end`; records the hits and returns their
/// entry kinds.
#[inline(never)]
fn extend(trie: &Trie, low: &[u8], mut node: u32, mut pos: usize, rest: &[Token], end: u32, hits: &mut Vec<Hit>) -> u8 {
    let mut kinds = 0;
    for (k, u) in rest.iter().enumerate() {
        let Some(bytes) = low.get(pos..u.span.end) else { break };
        node = trie.walk(node, bytes);
        if node == DEAD {
            break;
        }
        pos = u.span.end;
        let info = trie.info(node);
        if info.phrase != NONE {
            hits.push(Hit { end: end + k as u32, pattern: info.phrase });
            kinds |= info.kinds;
        }
    }
    kinds
}

/// What the tables say about one token of a sentence.
#[derive(Debug, Clone, Copy, Default)]
struct TokLex {
    /// The range of `hits` starting at the token (longest first).
    first: u32,
    last: u32,
    /// The word roles of the token alone.
    roles: u32,
    /// The kinds of entries (`K_*`) of the hits starting at the token.
    kinds: u8,
    /// The token read as a single number word (what `number_word` says of it), as a
    /// `Trie::num` index.
    num: u8,
    /// How many bytes of the token begin some key (capped): a part before a hyphen that is a
    /// number word lies within them.
    alive: u8,
}

impl Reading {
    /// An empty reading with room for the `tokens` tokens of `sentences` sentences.
    pub fn with_capacity(tokens: usize, sentences: usize) -> Reading {
        Reading {
            toks: Vec::with_capacity(tokens),
            hits: Vec::with_capacity(tokens),
            starts: Vec::with_capacity(tokens / 8),
            sents: Vec::with_capacity(sentences),
        }
    }

    /// Forgets every sentence read, keeping the buffers.
    pub fn clear(&mut self) {
        self.toks.clear();
        self.hits.clear();
        self.starts.clear();
        self.sents.clear();
    }

    /// The reading of sentence `si`, when it was read. Sentences are read in text order, so the
    /// look back from the latest stops at the first sentence before `si`.
    pub fn get(&self, si: usize) -> Option<SentLex<'_>> {
        self.sents.iter().rev().take_while(|r| r.sentence >= si).find(|r| r.sentence == si).map(|r| self.view(r))
    }

    /// The reading of the sentence read last.
    pub fn last(&self) -> Option<SentLex<'_>> {
        self.sents.last().map(|r| self.view(r))
    }

    fn view(&self, r: &SentRead) -> SentLex<'_> {
        SentLex {
            base: r.base,
            end: r.end,
            lex: &LEXICON,
            toks: self.toks.get(r.tok0..r.tok0 + (r.end - r.base)).unwrap_or(&[]),
            all_roles: r.all_roles,
            hits: &self.hits,
            starts: self.starts.get(r.starts.0..r.starts.1).unwrap_or(&[]),
        }
    }

    /// Reads sentence `si` after the ones read before (sentences in text order: see [`Reading::get`]).
    pub fn read(&mut self, an: &Analysis, si: usize) {
        let Some(sent) = an.sentences.get(si) else { return };
        let lex: &'static Lexicon = &LEXICON;
        let trie = &lex.trie;
        let base = sent.tokens.start;
        let end = sent.tokens.end.min(an.tokens.len()).max(base);
        // ASCII lower-casing keeps every byte offset, so token spans index `low` directly.
        let low = an.low.as_bytes();
        let toks = an.tokens.get(base..end).unwrap_or(&[]);
        let hits = &mut self.hits;
        let out = &mut self.toks;
        let starts = &mut self.starts;
        let tok0 = out.len();
        let starts0 = starts.len();
        out.reserve(toks.len());
        hits.reserve(toks.len());
        let mut all_roles = 0;
        for (ti, t) in toks.iter().enumerate() {
            let h0 = hits.len() as u32;
            let mut tl = TokLex { first: h0, last: h0, ..TokLex::default() };
            let (node, alive, info) = trie.walk_token(low, t.span.start, t.span.end);
            tl.alive = alive.min(u8::MAX as usize) as u8;
            if node != DEAD {
                if info.phrase != NONE {
                    hits.push(Hit { end: (base + ti + 1) as u32, pattern: info.phrase });
                    tl.kinds = info.kinds;
                    tl.roles = info.flags;
                }
                if t.span.len() <= MAX_NUMBER_WORD {
                    tl.num = info.num;
                }
                // Extend token by token while the text (gaps included) still begins some phrase.
                let gap = low.get(t.span.end).copied().unwrap_or(0);
                if trie.step(node, gap) != DEAD {
                    let rest = toks.get(ti + 1..).unwrap_or(&[]);
                    tl.kinds |= extend(trie, low, node, t.span.end, rest, (base + ti + 2) as u32, hits);
                }
                tl.last = hits.len() as u32;
                // Longest first.
                if tl.last > h0 + 1 {
                    if let Some(run) = hits.get_mut(h0 as usize..) {
                        run.reverse();
                    }
                }
            }
            all_roles |= tl.roles;
            let start = match t.kind {
                TokenKind::Number => true,
                // Only a currency sign opens a number (and only a table code besides digits
                // and words).
                TokenKind::Punct => tl.kinds & K_UNIT != 0 || matches!(low.get(t.span.start), Some(b'$' | 0xC2 | 0xE2)),
                TokenKind::Word => lex.opens_number(&tl, hits, low, t.span.start, t.span.end),
                _ => false,
            };
            if start {
                starts.push((base + ti) as u32);
            }
            out.push(tl);
        }
        self.sents.push(SentRead { sentence: si, base, end, tok0, starts: (starts0, starts.len()), all_roles });
    }
}

impl SentLex<'_> {
    /// The tokens that may start a number, in order.
    #[inline]
    pub fn starts(&self) -> &[u32] {
        self.starts
    }

    /// Hits starting at absolute token `i`, longest first, when any has an entry of `kind`.
    #[inline]
    fn at(&self, i: usize, kind: u8) -> &[Hit] {
        match i.checked_sub(self.base).and_then(|k| self.toks.get(k)) {
            Some(t) if t.kinds & kind != 0 => self.hits.get(t.first as usize..t.last as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The first table entry picked by `pick` among the hits starting at `i` (longest first),
    /// with the token where its phrase ends.
    #[inline]
    fn first_of<T>(&self, i: usize, kind: u8, pick: impl Fn(&Phrase) -> Option<T>) -> Option<(usize, T)> {
        let phrases = &self.lex.phrases;
        self.at(i, kind)
            .iter()
            .find_map(|h| phrases.get(h.pattern as usize).and_then(&pick).map(|v| (h.end as usize, v)))
    }

    /// The single token `i` read as a number word, as `number_word` reads it.
    #[inline]
    pub fn number_word(&self, an: &Analysis, i: usize) -> Option<NumWord> {
        match i.checked_sub(self.base).filter(|&k| i < self.end && k < self.toks.len()) {
            Some(k) => self.toks.get(k).and_then(|t| self.lex.trie.num_at(t.num)),
            None => number_word(an.tok(i)),
        }
    }

    /// Roles of the single token `i`.
    #[inline]
    pub fn flags(&self, i: usize) -> u32 {
        i.checked_sub(self.base).and_then(|k| self.toks.get(k)).map_or(0, |t| t.roles)
    }

    /// Whether some token of the sentence has one of the roles in `flag`.
    #[inline]
    pub fn any(&self, flag: u32) -> bool {
        self.all_roles & flag != 0
    }

    #[inline]
    pub fn has(&self, i: usize, flag: u32) -> bool {
        self.flags(i) & flag != 0
    }

    /// The unit entry of the single token `i` (or of a phrase starting there), with its end.
    #[inline]
    pub fn unit(&self, i: usize) -> Option<(usize, &'static str, UnitClass)> {
        self.first_of(i, K_UNIT, |p| p.unit).map(|(e, (s, c))| (e, s, c))
    }

    /// The longest cue starting at `i` that may stand in `position`.
    #[inline]
    pub fn cue(&self, i: usize, position: u8) -> Option<(usize, Cue)> {
        let cues = &self.lex.cues;
        self.first_of(i, K_CUE, |p| {
            cues.get(p.cues.0 as usize..p.cues.1 as usize)?.iter().find(|c| c.positions & position != 0).copied()
        })
    }

    /// The longest number-word phrase starting at `i`.
    #[inline]
    pub fn num(&self, i: usize) -> Option<(usize, NumWord)> {
        self.first_of(i, K_NUM, |p| p.num)
    }

    /// A qualifier ending exactly at token `end` (pre) — the longest one.
    pub fn qualifier_ending_at(&self, end: usize) -> Option<(usize, QualKind)> {
        let lo = end.saturating_sub(4).max(self.base);
        // Most tokens before a number start no qualifier: their entry kinds say so at once.
        let near = self.toks.get(lo - self.base..end.checked_sub(self.base)?.min(self.toks.len()))?;
        let phrases = &self.lex.phrases;
        near.iter().zip(lo..).filter(|(t, _)| t.kinds & K_PRE_QUAL != 0).find_map(|(t, s)| {
            let hits = self.hits.get(t.first as usize..t.last as usize).unwrap_or(&[]);
            hits.iter().find_map(|h| match phrases.get(h.pattern as usize).and_then(|p| p.pre_qual) {
                Some(k) if h.end as usize == end => Some((s, k)),
                _ => None,
            })
        })
    }

    /// A qualifier starting at token `i` that may follow a number.
    #[inline]
    pub fn post_qualifier(&self, i: usize) -> Option<(usize, QualKind)> {
        self.first_of(i, K_POST_QUAL, |p| p.post_qual)
    }
}

/// Longer words are never read as number words.
const MAX_NUMBER_WORD: usize = 12;

/// The number word `w` (any case), if it is one.
#[inline]
pub(crate) fn number_word(w: &str) -> Option<NumWord> {
    number_word_bytes(w.as_bytes())
}

/// The number word spelled by the bytes `w` (any case), if it is one.
#[inline]
pub(crate) fn number_word_bytes(w: &[u8]) -> Option<NumWord> {
    if w.len() > MAX_NUMBER_WORD || w.is_empty() {
        return None;
    }
    let trie = &LEXICON.trie;
    trie.num(trie.walk(ROOT, w))
}

/// Plural count words that make a sentence worth reading though the tables give them no value
/// of their own ("tens" of thousands).
const VAGUE_PLURALS: [&[u8]; 7] = [b"dozens", b"scores", b"hundreds", b"thousands", b"millions", b"billions", b"tens"];

/// Whether a (lower-case) word may make its sentence hold a figure: its part before a hyphen is
/// a number word other than an abbreviation or article, or a vague plural; a word of more than
/// nine bytes only before a hyphen. One walk of the phrase trie up to the hyphen: every vague
/// plural begins some key, so a word the walk leaves is none of them.
pub(crate) fn counts_sentence(b: &[u8]) -> bool {
    let trie = &LEXICON.trie;
    let mut node = ROOT;
    let mut first = b;
    for (k, &c) in b.iter().enumerate() {
        if c == b'-' {
            first = b.get(..k).unwrap_or(&[]);
            break;
        }
        node = trie.step(node, c);
        if node == DEAD {
            return false;
        }
    }
    if first.len() == b.len() && b.len() > 9 || first.is_empty() {
        return false;
    }
    let number = first.len() <= MAX_NUMBER_WORD
        && trie.num(node).is_some_and(|w| !matches!(w.kind, NumKind::Abbr | NumKind::Article));
    number || VAGUE_PLURALS.contains(&first)
}

#[cfg(test)]
mod trie_tests {
    use super::*;

    #[test]
    fn no_key_goes_on_with_a_hyphen_after_a_number_word() {
        // Not required for correctness, only for the quick number-word test.
        assert!(!LEXICON.trie.num_hyphen);
    }

    #[test]
    fn trie_nodes_fit_their_index_type() {
        assert!(LEXICON.trie.info.len() <= u16::MAX as usize);
        assert!(LEXICON.trie.nums.len() < u8::MAX as usize);
    }

    #[test]
    fn vague_plurals_begin_keys() {
        // `counts_sentence` leaves a word as soon as the walk dies.
        for w in VAGUE_PLURALS {
            assert_ne!(LEXICON.trie.walk(ROOT, w), DEAD, "{}", String::from_utf8_lossy(w));
        }
    }

    #[test]
    fn sentence_words_as_before() {
        let old = |b: &[u8]| {
            let hyphen = b.iter().position(|&c| c == b'-');
            if !(b.len() <= 9 || hyphen.is_some()) {
                return false;
            }
            let first = hyphen.and_then(|h| b.get(..h)).unwrap_or(b);
            number_word_bytes(first).is_some_and(|w| !matches!(w.kind, NumKind::Abbr | NumKind::Article))
                || VAGUE_PLURALS.contains(&first)
        };
        let words = [
            "one",
            "twenty-five",
            "tens",
            "tens-of",
            "dozens",
            "thousands-strong",
            "the",
            "thirteen",
            "hundreds",
            "bn",
            "a",
            "an",
            "hundred",
            "thousandfold",
            "million",
            "millions",
            "scores",
            "score",
            "twentyfive",
            "seventy-seven",
            "-",
            "one-",
            "-one",
            "nineteen-year-old",
            "thirty-something",
            "those",
            "threehundredthousand",
            "billions-",
            "dozen",
            "half",
            "m",
            "k",
            "zero",
            "first",
            "seventeenth",
        ];
        for w in words {
            assert_eq!(counts_sentence(w.as_bytes()), old(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn short_tokens_found_as_walked() {
        let trie = &LEXICON.trie;
        let text = "the of , . ; killed at least twenty-five people in kyiv, said officials-- \
                    dozens -year-old thousands $ % 2 '' rs usd bn m k one-third x-ray a-b --- \
                    in-the zzzzzzzz qqq 12345678 tens-of hundred-";
        let low = text.as_bytes();
        let mut s = 0;
        for w in text.split(' ') {
            let e = s + w.len();
            let (node, alive, _) = trie.walk_token(low, s, e);
            let (wn, wa) = trie.walk_len(&low[s..e]);
            assert_eq!(node, wn, "{w}");
            if node != DEAD || has_hyphen(pack(w.as_bytes())) || w.len() > 8 {
                assert_eq!(alive, wa, "{w}");
            }
            s = e + 1;
        }
        // Every node of a short prefix is in the table.
        for (i, slot) in trie.short.slots.iter().enumerate().filter(|(_, s)| s.len != 0) {
            let bytes = slot.key.to_le_bytes();
            let node = trie.walk(ROOT, &bytes[..slot.len as usize]);
            assert_eq!(node, u32::from(slot.node), "slot {i}");
            let info = trie.info(node);
            assert_eq!(
                (info.phrase, info.flags, info.kinds, info.num),
                (slot.info.phrase, slot.info.flags, slot.info.kinds, slot.info.num)
            );
        }
    }

    #[test]
    fn number_words_read_in_any_case() {
        assert_eq!(number_word("Twenty").map(|w| w.value), Some(20.0));
        assert_eq!(number_word("BN").map(|w| w.kind), Some(NumKind::Abbr));
        assert!(number_word("twenty-five").is_none());
        assert!(number_word("").is_none());
    }
}
