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
    pub stance: Stance,
    pub kind: CueKind,
}

/// The closed word classes of `data/words.tsv`, as bits.
pub mod class {
    pub const ADJUNCT: u32 = 1 << 0;
    pub const AUX: u32 = 1 << 1;
    pub const BREAK: u32 = 1 << 2;
    pub const CLAUSE: u32 = 1 << 3;
    pub const DET: u32 = 1 << 4;
    pub const INVERTS: u32 = 1 << 5;
    pub const NONSPEAKER: u32 = 1 << 6;
    pub const ORGWORD: u32 = 1 << 7;
    pub const PERSON12: u32 = 1 << 8;
    pub const PERSONROLE: u32 = 1 << 9;
    pub const POSTADV: u32 = 1 << 10;
    pub const PREP: u32 = 1 << 11;
    pub const PRONOUN: u32 = 1 << 12;
    pub const ROLE: u32 = 1 << 13;
    pub const TIMEWORD: u32 = 1 << 14;
    pub const TITLE: u32 = 1 << 15;
    pub const VERBSTOP: u32 = 1 << 16;
    /// Class names as written in the table.
    pub const NAMES: [(&str, u32); 17] = [
        ("adjunct", ADJUNCT),
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

pub struct Lexicon {
    /// Cue forms by their first word, longest first.
    pub cues: HashMap<&'static str, Vec<Cue>>,
    /// Word classes of each word, as bits of [`class`].
    classes: HashMap<&'static str, u32>,
    /// Hedge phrases, as word sequences.
    pub unverified: Vec<Vec<&'static str>>,
}

impl Lexicon {
    /// Whether lower-case `word` belongs to the word class `class` (a bit of [`class`]).
    #[inline]
    pub fn is(&self, class: u32, word: &str) -> bool {
        self.classes.get(word).is_some_and(|bits| bits & class != 0)
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
        cues.entry(first).or_default().push(Cue { words, stance: parse_stance(stance), kind });
    }
    for v in cues.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    let mut classes: HashMap<&'static str, u32> = HashMap::default();
    let mut unverified = Vec::new();
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
    Lexicon { cues, classes, unverified }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_with_stances() {
        let lx = &*LEXICON;
        let said = &lx.cues["said"][0];
        assert_eq!((said.kind, said.stance), (CueKind::Verb, Stance::Asserted));
        assert_eq!(lx.cues["claimed"][0].stance, Stance::Contested);
        assert_eq!(lx.cues["denied"][0].stance, Stance::Denied);
        assert_eq!(lx.cues["estimated"][0].stance, Stance::Estimated);
        // Longest form first: "put the death toll at" before "put the number at".
        assert_eq!(lx.cues["put"][0].words.len(), 5);
        assert!(lx.is(class::PRONOUN, "she") && lx.is(class::ROLE, "ministry") && !lx.is(class::ROLE, "casualties"));
        assert!(!lx.unverified.is_empty());
    }
}
