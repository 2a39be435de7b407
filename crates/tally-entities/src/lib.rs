//! Entity mentions: finds countries (names, demonyms, capitals used for their government),
//! places, organizations and people in a body and gives each its canonical name. Data lives in
//! `data/`; matching is one Aho-Corasick automaton built once.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;
use tally_model::{EntityKind, Span};
use tally_text::Analysis;

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The entity's name or an alias ("North Korea", "DPRK").
    Name,
    /// A demonym ("North Korean").
    Demonym,
    /// A capital standing for its government ("Pyongyang said").
    Capital,
    /// A description ("South Korea's spy agency").
    Description,
    /// A later short mention ("Kim", "the ministry").
    Short,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    pub form: Form,
    /// Canonical name (claims.md, "Canonical names").
    pub name: String,
    /// The country the entity belongs to, when known.
    pub country: Option<String>,
}

struct Entry {
    name: String,
    kind: EntityKind,
    form: Form,
    country: Option<String>,
}

struct Gazetteer {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut patterns: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut add = |pat: &str, e: Entry| {
        if !pat.is_empty() {
            patterns.push(pat.to_string());
            entries.push(e);
        }
    };
    for line in include_str!("../data/countries.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let name = cols[0].to_string();
        let country = Some(name.clone());
        add(&name, Entry { name: name.clone(), kind: EntityKind::Country, form: Form::Name, country: country.clone() });
        for (col, form, kind) in [
            (1, Form::Name, EntityKind::Country),
            (2, Form::Demonym, EntityKind::Group),
            (3, Form::Capital, EntityKind::Country),
        ] {
            for alias in cols.get(col).copied().unwrap_or("").split('|') {
                add(alias.trim(), Entry { name: name.clone(), kind, form, country: country.clone() });
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton builds"));
    Gazetteer { automaton, entries }
});

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Finds entity mentions in the body, in text order, without overlaps.
pub fn find(an: &Analysis) -> Vec<Mention> {
    let g = &*GAZETTEER;
    let body = an.body.as_bytes();
    let mut out = Vec::new();
    for m in g.automaton.find_iter(an.body) {
        let (s, e) = (m.start(), m.end());
        if s > 0 && is_word_byte(body[s - 1]) || e < body.len() && is_word_byte(body[e]) {
            continue;
        }
        let entry = &g.entries[m.pattern().as_usize()];
        out.push(Mention {
            span: Span::new(s, e),
            kind: entry.kind,
            form: entry.form,
            name: entry.name.clone(),
            country: entry.country.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_countries_demonyms_and_capitals() {
        let a = Analysis::new("North Korean troops went to Russia, Pyongyang said. Koreans");
        let m = find(&a);
        let got: Vec<(&str, &str, Form)> = m.iter().map(|x| (x.span.text(a.body), x.name.as_str(), x.form)).collect();
        assert_eq!(
            got,
            [
                ("North Korean", "North Korea", Form::Demonym),
                ("Russia", "Russia", Form::Name),
                ("Pyongyang", "North Korea", Form::Capital)
            ]
        );
    }
}
