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

pub struct Lexicon {
    /// Cue forms by their first word, longest first.
    pub cues: HashMap<&'static str, Vec<Cue>>,
    /// Bit of each word class.
    class_bits: HashMap<&'static str, u32>,
    /// Word classes of each word, as bits of `class_bits`.
    classes: HashMap<&'static str, u32>,
    /// Hedge phrases, as word sequences.
    pub unverified: Vec<Vec<&'static str>>,
}

impl Lexicon {
    /// Whether lower-case `word` belongs to word class `class`.
    pub fn is(&self, class: &str, word: &str) -> bool {
        match (self.class_bits.get(class), self.classes.get(word)) {
            (Some(bit), Some(bits)) => bits & bit != 0,
            _ => false,
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
        cues.entry(first).or_default().push(Cue { words, stance: parse_stance(stance), kind });
    }
    for v in cues.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    let mut class_bits: HashMap<&'static str, u32> = HashMap::default();
    let mut classes: HashMap<&'static str, u32> = HashMap::default();
    let mut unverified = Vec::new();
    for cols in data_lines(include_str!("../data/words.tsv")) {
        let (Some(class), Some(word)) = (cols.first(), cols.get(1)) else { continue };
        if *class == "unverified" {
            unverified.push(word.split(' ').collect());
        } else {
            let next = 1u32 << class_bits.len().min(31);
            let bit = *class_bits.entry(class).or_insert(next);
            *classes.entry(word).or_default() |= bit;
        }
    }
    debug_assert!(class_bits.len() <= 32, "at most 32 word classes fit the bit set");
    Lexicon { cues, class_bits, classes, unverified }
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
        assert!(lx.is("pronoun", "she") && lx.is("role", "ministry") && !lx.is("role", "casualties"));
        assert!(!lx.unverified.is_empty());
    }
}
