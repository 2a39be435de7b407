//! The word tables of time expressions, loaded once from `data/` into one map: every word gets
//! one [`Entry`] holding all the roles it can play, so that each token needs a single look-up.

use std::sync::LazyLock;

/// The lexicon as an open-addressed table: a word's key is its length and three of its bytes
/// (no copying, no loop over the word); the slot it hashes to holds a key and an entry index.
/// Most tokens that are no lexicon word meet an empty slot or another key at once, and a word
/// of up to three bytes is wholly given by its key.
///
/// Words of up to eight bytes are also in a second table keyed by the word itself, packed into
/// one integer (see [`Table::get_short`]): a token's bytes are read with one load and compared
/// whole.
pub struct Table {
    slots: Box<[Slot; SLOTS]>,
    /// Words of up to eight bytes by their packed bytes, open-addressed.
    short: Box<[ShortSlot; SHORT_SLOTS]>,
    /// Words and entries by index (fixed size, so that a masked index needs no bounds check).
    words: Box<[&'static [u8]; WORDS]>,
    entries: Box<[Entry; WORDS]>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u32,
    /// Entry index plus one; 0 for an empty slot.
    idx: u16,
}

#[derive(Clone, Copy, Default)]
struct ShortSlot {
    /// The word's bytes, little-endian and zero-padded; 0 for an empty slot.
    word: u64,
    /// Entry index.
    idx: u16,
}

/// Slots of the short-word table: a power of two, twice the most words the lexicon keeps, so
/// the table is never full and every probe ends on an empty slot.
const SHORT_SLOTS: usize = 2 * WORDS;

/// For a length `n` of 0..=8, the mask of the low `n` bytes of an integer.
static LOW_BYTES: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t[8] = u64::MAX;
    t
};

/// Room for words (a power of two).
const WORDS: usize = SLOTS / 2;

/// Slots of the table (a power of two, several times the number of words).
const SLOTS: usize = 2048;

impl Table {
    /// Length, first, middle and last byte of a non-empty word.
    #[inline]
    fn key(w: &[u8]) -> u32 {
        let n = w.len();
        let first = u32::from(w.first().copied().unwrap_or(0));
        let mid = u32::from(w.get(n / 2).copied().unwrap_or(0));
        let last = u32::from(w.last().copied().unwrap_or(0));
        first | (mid << 8) | (last << 16) | ((n as u32) << 24)
    }

    #[inline]
    fn slot(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 21) as usize & (SLOTS - 1)
    }

    /// The entry of a word already lower-cased (ASCII).
    #[inline(always)]
    pub fn get(&self, w: &[u8]) -> Option<&Entry> {
        if w.is_empty() || w.len() > MAX_WORD {
            return None;
        }
        let key = Self::key(w);
        let mut s = Self::slot(key);
        loop {
            let slot = *self.slots.get(s & (SLOTS - 1))?;
            if slot.idx == 0 {
                return None;
            }
            let k = usize::from(slot.idx) - 1;
            let k = k & (WORDS - 1);
            if slot.key == key && (w.len() <= 3 || self.words.get(k).is_some_and(|x| same(x, w))) {
                return self.entries.get(k);
            }
            s = (s + 1) & (SLOTS - 1);
        }
    }

    #[inline]
    fn short_slot(word: u64) -> usize {
        (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
    }

    /// The entry of the `n`-byte word at `start` of `text` (already lower-cased), for `n` in
    /// 1..=8 and eight bytes readable from `start`; `Err(())` when the word does not fit those
    /// bounds (look it up with [`Table::get`]), else the entry if any and the word's bytes as
    /// one integer. The word must hold no zero byte (word tokens hold none).
    #[inline(always)]
    pub fn get_short(&self, text: &[u8], start: usize, n: usize) -> Result<(Option<&Entry>, u64), ()> {
        if n.wrapping_sub(1) >= 8 {
            return Err(());
        }
        let Some(chunk) = text.get(start..start.wrapping_add(8)) else { return Err(()) };
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { return Err(()) };
        let word = u64::from_le_bytes(chunk) & LOW_BYTES[n];
        let mut s = Self::short_slot(word);
        loop {
            let slot = self.short[s];
            if slot.word == word {
                return Ok((self.entries.get(usize::from(slot.idx) & (WORDS - 1)), word));
            }
            if slot.word == 0 {
                return Ok((None, word));
            }
            s = (s + 1) & (SHORT_SLOTS - 1);
        }
    }

    fn build(m: rustc_hash::FxHashMap<&'static str, Entry>) -> Table {
        let mut t = Table {
            slots: Box::new([Slot::default(); SLOTS]),
            short: Box::new([ShortSlot::default(); SHORT_SLOTS]),
            words: Box::new([&[]; WORDS]),
            entries: Box::new([Entry::default(); WORDS]),
        };
        let mut n = 0;
        let mut all: Vec<_> = m.into_iter().filter(|(w, _)| !w.is_empty() && w.len() <= MAX_WORD).collect();
        all.sort_by_key(|(w, _)| *w);
        for (w, e) in all.into_iter().take(WORDS) {
            let key = Self::key(w.as_bytes());
            let mut s = Self::slot(key);
            while t.slots[s].idx != 0 {
                s = (s + 1) & (SLOTS - 1);
            }
            t.words[n] = w.as_bytes();
            t.entries[n] = e;
            if w.len() <= 8 {
                let mut buf = [0u8; 8];
                buf[..w.len()].copy_from_slice(w.as_bytes());
                let word = u64::from_le_bytes(buf);
                let mut s = Self::short_slot(word);
                while t.short[s].word != 0 {
                    s = (s + 1) & (SHORT_SLOTS - 1);
                }
                t.short[s] = ShortSlot { word, idx: n as u16 };
            }
            n += 1;
            t.slots[s] = Slot { key, idx: n as u16 };
        }
        t
    }
}

/// Two short words are equal (a byte loop: cheaper than a library call for a few bytes).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Two overlapping windows cover the word: its first and its last 8 (or 4) bytes.
    if n >= 8 {
        word64(a, 0) == word64(b, 0) && word64(a, n - 8) == word64(b, n - 8)
    } else if n >= 4 {
        word32(a, 0) == word32(b, 0) && word32(a, n - 4) == word32(b, n - 4)
    } else {
        a == b
    }
}

#[inline]
fn word64(w: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(w.get(at..at + 8)?.try_into().ok()?))
}

#[inline]
fn word32(w: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(w.get(at..at + 4)?.try_into().ok()?))
}

/// A calendar unit named by a word ("week", "months").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Fortnight,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
}

/// A word the grammar names in its rules, so that a rule compares one small id instead of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kw {
    #[default]
    None,
    A,
    After,
    Ago,
    And,
    Are,
    Be,
    Before,
    Between,
    Couple,
    Day,
    Early,
    Earlier,
    Few,
    From,
    In,
    Is,
    Last,
    Late,
    Later,
    Mid,
    Next,
    Of,
    On,
    Or,
    Past,
    Previous,
    Several,
    Since,
    The,
    This,
    Through,
    To,
    Weekend,
    Following,
    Same,
    Coming,
    Start,
    Beginning,
    End,
    Middle,
    Century,
}

/// The spelling of every [`Kw`].
const KWS: &[(Kw, &str)] = &[
    (Kw::A, "a"),
    (Kw::After, "after"),
    (Kw::Ago, "ago"),
    (Kw::And, "and"),
    (Kw::Are, "are"),
    (Kw::Be, "be"),
    (Kw::Before, "before"),
    (Kw::Between, "between"),
    (Kw::Couple, "couple"),
    (Kw::Day, "day"),
    (Kw::Early, "early"),
    (Kw::Earlier, "earlier"),
    (Kw::Few, "few"),
    (Kw::From, "from"),
    (Kw::In, "in"),
    (Kw::Is, "is"),
    (Kw::Last, "last"),
    (Kw::Late, "late"),
    (Kw::Later, "later"),
    (Kw::Mid, "mid"),
    (Kw::Next, "next"),
    (Kw::Of, "of"),
    (Kw::On, "on"),
    (Kw::Or, "or"),
    (Kw::Past, "past"),
    (Kw::Previous, "previous"),
    (Kw::Several, "several"),
    (Kw::Since, "since"),
    (Kw::The, "the"),
    (Kw::This, "this"),
    (Kw::Through, "through"),
    (Kw::To, "to"),
    (Kw::Weekend, "weekend"),
    (Kw::Following, "following"),
    (Kw::Same, "same"),
    (Kw::Coming, "coming"),
    (Kw::Start, "start"),
    (Kw::Beginning, "beginning"),
    (Kw::End, "end"),
    (Kw::Middle, "middle"),
    (Kw::Century, "century"),
];

/// Every role one lower-case word plays in time expressions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    /// Month number 1..=12, 0 when not a month.
    pub month: u8,
    /// The month form is an abbreviation ("Aug", "Sept"): a month only next to a day or year.
    pub month_abbr: bool,
    /// ISO weekday 1..=7 (Monday = 1), 0 when not a weekday.
    pub weekday: u8,
    /// Season as (first month, last month), when the word names one.
    pub season: Option<(u8, u8)>,
    /// Day offset of "today", "yesterday", "tomorrow".
    pub relday: Option<i8>,
    pub unit: Option<Unit>,
    /// Value of a number word ("two", "a"), 0 when none.
    pub number: u8,
    /// Ordinal position ("first" 1, "last" -1), 0 when none.
    pub ordinal: i8,
    pub day_part: bool,
    pub future: bool,
    /// Future cue that counts only when followed by one of these words ("set" + "to|for").
    pub future_needs: Option<&'static str>,
    pub past: bool,
    pub count_noun: bool,
    pub year_blocker: bool,
    pub count_qualifier: bool,
    pub month_context: bool,
    /// A preposition that only a time takes ("until", "since").
    pub time_prep: bool,
    /// A street-type word ("Drive", "Avenue") that makes a number before a name an address.
    pub street: bool,
    /// A one-word period: a quarter 1..=4 ("third-quarter"), [`YEAR_TO_DATE`] for
    /// "year-to-date", 0 for none.
    pub period: u8,
    /// A word after a weekday that makes the pair a name ("Sunday Times").
    pub weekday_name: bool,
    /// A function word that may open an expression ("since", "the").
    pub grammar: bool,
    /// A capitalised word before a weekday that makes a holiday ("Black Friday").
    pub weekday_holiday: bool,
    /// A determiner or possessive ("its plans": a noun, no tense cue).
    pub determiner: bool,
    /// The word begins the name of a fixed-date holiday ("Christmas", "New Year's Day").
    pub holiday: bool,
    /// The word may open an expression: a grammar word or a month, weekday, season, relative
    /// day or number word. Set once the tables are read.
    pub opens: bool,
    /// The word as the grammar names it, [`Kw::None`] for most words.
    pub kw: Kw,
    /// The word can carry a time expression: a month, weekday, season, relative day, unit,
    /// holiday, part-of-day ("last night") or century word. Every expression holds such a word or a number, so that the openers of a
    /// sentence after its last one open nothing. Set once the tables are read.
    pub core: bool,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn fields(line: &'static str) -> (&'static str, &'static str, &'static str) {
    let mut it = line.split('\t');
    let a = it.next().unwrap_or("");
    let b = it.next().unwrap_or("");
    let c = it.next().unwrap_or("");
    (a, b, c)
}

fn unit_of(s: &str) -> Option<Unit> {
    Some(match s {
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "fortnight" => Unit::Fortnight,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        _ => return None,
    })
}

pub static LEXICON: LazyLock<Table> = LazyLock::new(|| {
    let mut m = rustc_hash::FxHashMap::<&'static str, Entry>::default();
    for l in lines(include_str!("../data/months.tsv")) {
        let (w, n, form) = fields(l);
        let e = m.entry(w).or_default();
        e.month = n.parse().unwrap_or(0);
        e.month_abbr = form == "abbr";
    }
    for l in lines(include_str!("../data/weekdays.tsv")) {
        let (w, n, _) = fields(l);
        m.entry(w).or_default().weekday = n.parse().unwrap_or(0);
    }
    for l in lines(include_str!("../data/seasons.tsv")) {
        let (w, a, b) = fields(l);
        if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
            m.entry(w).or_default().season = Some((a, b));
        }
    }
    for l in lines(include_str!("../data/relative_days.tsv")) {
        let (w, n, _) = fields(l);
        m.entry(w).or_default().relday = n.parse().ok();
    }
    for l in lines(include_str!("../data/units.tsv")) {
        let (w, u, _) = fields(l);
        m.entry(w).or_default().unit = unit_of(u);
    }
    for l in lines(include_str!("../data/number_words.tsv")) {
        let (w, n, _) = fields(l);
        m.entry(w).or_default().number = n.parse().unwrap_or(0);
    }
    for l in lines(include_str!("../data/ordinals.tsv")) {
        let (w, n, _) = fields(l);
        m.entry(w).or_default().ordinal = n.parse().unwrap_or(0);
    }
    for w in lines(include_str!("../data/day_parts.txt")) {
        m.entry(w).or_default().day_part = true;
    }
    for l in lines(include_str!("../data/future_cues.txt")) {
        let mut it = l.split(' ');
        let Some(w) = it.next() else { continue };
        let e = m.entry(w).or_default();
        e.future = true;
        e.future_needs = it.next();
    }
    for w in lines(include_str!("../data/past_cues.txt")) {
        m.entry(w).or_default().past = true;
    }
    for w in lines(include_str!("../data/count_nouns.txt")) {
        m.entry(w).or_default().count_noun = true;
    }
    for w in lines(include_str!("../data/year_blockers.txt")) {
        m.entry(w).or_default().year_blocker = true;
    }
    for w in lines(include_str!("../data/count_qualifiers.txt")) {
        m.entry(w).or_default().count_qualifier = true;
    }
    for l in lines(include_str!("../data/weekday_name_words.txt")) {
        if let Some(w) = l.split(' ').next() {
            m.entry(w).or_default().weekday_name = true;
        }
    }
    for h in HOLIDAYS.iter() {
        if let Some(first) = h.words.first() {
            m.entry(first).or_default().holiday = true;
        }
    }
    for w in lines(include_str!("../data/weekday_holiday_words.txt")) {
        m.entry(w).or_default().weekday_holiday = true;
    }
    for w in lines(include_str!("../data/determiners.txt")) {
        m.entry(w).or_default().determiner = true;
    }
    for w in lines(include_str!("../data/grammar_words.txt")) {
        m.entry(w).or_default().grammar = true;
    }
    for l in lines(include_str!("../data/period_words.tsv")) {
        let (w, v, _) = fields(l);
        m.entry(w).or_default().period = if v == "ytd" { YEAR_TO_DATE } else { v.parse().unwrap_or(0) };
    }
    for w in lines(include_str!("../data/street_words.txt")) {
        m.entry(w).or_default().street = true;
    }
    for w in lines(include_str!("../data/month_context.txt")) {
        m.entry(w).or_default().month_context = true;
    }
    for w in lines(include_str!("../data/time_prepositions.txt")) {
        m.entry(w).or_default().time_prep = true;
    }
    for &(k, w) in KWS {
        m.entry(w).or_default().kw = k;
    }
    for e in m.values_mut() {
        e.core = e.month > 0
            || e.weekday > 0
            || e.season.is_some()
            || e.relday.is_some()
            || e.unit.is_some()
            || e.holiday
            || e.day_part
            || e.period > 0
            || e.kw == Kw::Century;
        e.opens = e.grammar
            || e.holiday
            || e.month > 0
            || e.weekday > 0
            || e.season.is_some()
            || e.relday.is_some()
            || e.number > 0
            || e.period > 0;
    }
    // "its third quarter": the quarter looks back at its ordinal
    if let Some(e) = m.get_mut("quarter") {
        e.opens = true;
    }
    Table::build(m)
});

/// A holiday on a fixed date: its words and its month and day.
pub struct Holiday {
    pub words: Vec<&'static str>,
    pub month: u32,
    pub day: u32,
}

/// Fixed-date holidays, longest names first so that "Christmas Eve" wins over "Christmas".
pub static HOLIDAYS: LazyLock<Vec<Holiday>> = LazyLock::new(|| {
    let mut v: Vec<Holiday> = lines(include_str!("../data/holidays.tsv"))
        .filter_map(|l| {
            let (name, m, d) = fields(l);
            Some(Holiday { words: name.split(' ').collect(), month: m.parse().ok()?, day: d.parse().ok()? })
        })
        .collect();
    v.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
    v
});

/// Words looked up only at a few rare points, kept out of the main table so that it stays
/// sparse for the look-up of every token.
fn word_set(text: &'static str) -> rustc_hash::FxHashSet<&'static str> {
    lines(text).collect()
}

/// Makes and product lines that a year before them names a model of ("2020 Audi").
static PRODUCTS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../data/product_names.txt")));

/// Words of a match report ("halftime", "touchdown"): a game's quarters, not a year's.
static GAME_WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../data/game_words.txt")));

/// A lower-case word names a make or product line.
pub fn is_product(lower: &str) -> bool {
    PRODUCTS.contains(lower)
}

/// A lower-case word belongs to a match report.
pub fn is_game_word(lower: &str) -> bool {
    GAME_WORDS.contains(lower)
}

/// [`Entry::period`] of "year-to-date".
pub const YEAR_TO_DATE: u8 = 9;

/// The longest word the lexicon holds; longer tokens are not looked up.
const MAX_WORD: usize = 15;

#[cfg(test)]
/// Looks up a token already lower-cased (ASCII), as [`tally_text::Analysis::low`] gives it.
pub fn lookup_lower(lower: &str) -> Option<&'static Entry> {
    LEXICON.get(lower.as_bytes())
}

/// The loaded table, to look many tokens up (see [`Table::get`]).
pub fn table() -> &'static Table {
    &LEXICON
}

/// Looks a token up case-insensitively without allocating.
pub fn lookup(word: &str) -> Option<&'static Entry> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    let mut n = 0;
    for &b in bytes {
        // Multi-byte letters only occur in the curly apostrophe of "’ll".
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    LEXICON.get(buf.get(..n)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found() {
        let files = [
            include_str!("../data/months.tsv"),
            include_str!("../data/weekdays.tsv"),
            include_str!("../data/units.tsv"),
            include_str!("../data/number_words.tsv"),
            include_str!("../data/grammar_words.txt"),
            include_str!("../data/count_qualifiers.txt"),
            include_str!("../data/year_blockers.txt"),
        ];
        for l in files.into_iter().flat_map(lines) {
            let w = l.split(['\t', ' ']).next().unwrap_or("");
            assert!(lookup_lower(w).is_some(), "{w:?} is listed but not found");
        }
        assert!(lookup_lower("").is_none() && lookup_lower("may\0").is_none() && lookup("MAY").is_some());
    }

    #[test]
    fn words_compare_by_windows() {
        for (a, b, eq) in [
            ("september", "september", true),
            ("september", "septembex", false),
            ("xeptember", "september", false),
            ("sept", "sept", true),
            ("sept", "seph", false),
            ("weeks", "weekz", false),
            ("in", "in", true),
            ("in", "on", false),
        ] {
            assert_eq!(same(a.as_bytes(), b.as_bytes()), eq, "{a} {b}");
        }
    }

    #[test]
    fn short_words_read_in_place_as_by_slice() {
        let text = "in the first half of september, sept. 3 mid-2024 q3 weekend today tonight years ’ll \
                    wednesday fortnights international internationals yesterday septembers x";
        let low = text.as_bytes();
        for start in 0..low.len() {
            for n in 0..=9 {
                let Ok((en, word)) = table().get_short(low, start, n) else { continue };
                let w = &low[start..start + n];
                assert_eq!(en.map(|e| e as *const Entry), table().get(w).map(|e| e as *const Entry), "{w:?}");
                assert_eq!(word.to_le_bytes()[..n], *w);
            }
        }
        assert!(table().get_short(low, low.len() - 3, 2).is_err() && table().get_short(low, 0, 0).is_err());
    }

    #[test]
    fn every_keyword_is_found() {
        for &(k, w) in KWS {
            assert_eq!(lookup_lower(w).map(|e| e.kw), Some(k), "{w}");
            assert_eq!(lookup(&w.to_ascii_uppercase()).map(|e| e.kw), Some(k), "{w}");
        }
    }

    #[test]
    fn one_entry_holds_every_role() {
        let may = lookup("May").copied().unwrap_or_default();
        assert_eq!(may.month, 5);
        let last = lookup("last").copied().unwrap_or_default();
        assert_eq!(last.ordinal, -1);
        assert!(last.month_context);
        assert_eq!(lookup("Sept").map(|e| (e.month, e.month_abbr)), Some((9, true)));
        assert_eq!(lookup("WEEKS").and_then(|e| e.unit), Some(Unit::Week));
        assert_eq!(lookup("set").and_then(|e| e.future_needs), Some("to|for"));
        assert!(lookup("’ll").is_some_and(|e| e.future));
        assert!(lookup("nonsense").is_none());
        assert!(lookup("").is_none());
    }
}
