//! Generates the country lexicon at build time from two maintained crates, merged with the
//! reviewed supplement `data/countries.tsv`:
//! - `world-data` (REST Countries metadata): common and official names, ISO codes, capitals,
//!   population, independence and UN membership;
//! - `keshvar` (ISO 3166 data): nationality adjectives (demonyms) and the ISO English names.
//!
//! Output `$OUT_DIR/countries.gen.tsv`, one line per pattern:
//! `pattern \t form \t canonical \t iso2` with form `name`, `demonym` or `capital`, and
//! `$OUT_DIR/codes.gen.tsv`: `iso2 \t canonical`. The runtime only splits lines.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

struct Country {
    iso2: String,
    canonical: String,
    population: u64,
    names: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
}

fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_ascii() || "éèôçãíóúáñüöÅåø".contains(c))
}

/// English plural of a demonym ("Ukrainian" -> "Ukrainians"); none for "-ese", "-ish", "-ch"
/// and words that do not take one ("Swiss", "Burmese").
fn plural(d: &str) -> Option<String> {
    let lower = d.to_lowercase();
    if lower.ends_with("ese")
        || lower.ends_with("ish")
        || lower.ends_with("ch")
        || lower.ends_with("ss")
        || lower.ends_with('s')
    {
        return None;
    }
    if !d.contains(' ') && d.split('-').count() > 1 {
        return None;
    }
    Some(format!("{d}s"))
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let supplement_path = manifest.join("data/countries.tsv");
    println!("cargo:rerun-if-changed=data/countries.tsv");
    println!("cargo:rerun-if-changed=build.rs");
    let supplement = std::fs::read_to_string(&supplement_path).unwrap_or_default();

    let wd = world_data::load();
    let mut countries: BTreeMap<String, Country> = BTreeMap::new();
    for c in wd.countries.values() {
        let iso2 = c.iso_a2.to_uppercase();
        if iso2.len() != 2 {
            continue;
        }
        let sovereign = c.is_un_member || c.is_independent;
        let mut names = vec![c.common_name.clone(), c.official_name.clone()];
        names.retain(|n| plain(n));
        let capitals = if sovereign {
            c.capitals
                .iter()
                .map(|cap| cap.trim_end_matches(", D.C.").trim_end_matches(" DC").to_string())
                .filter(|cap| plain(cap))
                .collect()
        } else {
            Vec::new()
        };
        countries.insert(
            iso2.clone(),
            Country {
                iso2,
                canonical: c.common_name.clone(),
                population: c.population as u64,
                names,
                demonyms: Vec::new(),
                capitals,
            },
        );
    }
    for k in keshvar::CountryIterator::new() {
        let iso2 = format!("{:?}", k.alpha2()).to_uppercase();
        let Some(c) = countries.get_mut(&iso2) else { continue };
        if let Some(n) = k.maybe_nationality() {
            if plain(n) {
                c.demonyms.push(n.to_string());
            }
        }
        // The ISO names are English; the crate's "unofficial" names mix languages ("Chili",
        // "Allemagne") and are left out: reviewed English variants live in the supplement.
        let long = k.iso_long_name().trim_start_matches("The ").to_string();
        for n in [k.iso_short_name(), long.as_str()] {
            // Plain Latin letters, no "(...)" or ", ..." inversions.
            if plain(n) && n.is_ascii() && n.len() >= 4 {
                c.names.push(n.to_string());
            }
        }
    }
    let mut excluded: HashMap<String, Vec<String>> = HashMap::new();
    for line in supplement.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        let list =
            |i: usize| col(i).split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>();
        let Some(c) = countries.get_mut(col(0)) else { continue };
        if !col(1).is_empty() {
            c.names.push(c.canonical.clone());
            c.canonical = col(1).to_string();
        }
        c.names.extend(list(2));
        // Reviewed demonyms go first: they decide the plural forms.
        let mut dems = list(3);
        dems.append(&mut c.demonyms);
        c.demonyms = dems;
        c.capitals.extend(list(4));
        excluded.entry(col(0).to_string()).or_default().extend(list(5));
    }

    // pattern -> (priority, population, line); a pattern claimed by several countries goes to the
    // reviewed supplement first, then the most populous country ("Chinese", "Congolese").
    let mut best: HashMap<String, (u8, u64, String)> = HashMap::new();
    let mut claim = |pattern: &str, form: &str, c: &Country, prio: u8| {
        let pattern = pattern.trim();
        if pattern.len() < 2 {
            return;
        }
        let line = format!("{pattern}\t{form}\t{}\t{}", c.canonical, c.iso2);
        let key = (prio, c.population);
        match best.get(pattern) {
            Some((p, pop, _)) if (*p, *pop) >= key => {}
            _ => {
                best.insert(pattern.to_string(), (prio, c.population, line));
            }
        }
    };
    for c in countries.values() {
        let ex = excluded.get(&c.iso2).cloned().unwrap_or_default();
        let ok = |s: &str| !ex.iter().any(|e| e == s);
        claim(&c.canonical, "name", c, 3);
        for n in c.names.iter().filter(|n| ok(n)) {
            claim(n, "name", c, 2);
        }
        for (i, d) in c.demonyms.iter().filter(|d| ok(d)).enumerate() {
            claim(d, "demonym", c, if i == 0 { 2 } else { 1 });
            if let Some(p) = plural(d) {
                claim(&p, "demonym", c, 1);
            }
        }
        for cap in c.capitals.iter().filter(|n| ok(n)) {
            claim(cap, "capital", c, 0);
        }
    }
    let mut lines: Vec<&String> = best.values().map(|(_, _, l)| l).collect();
    lines.sort();
    let mut out = String::new();
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    let mut codes = String::new();
    for c in countries.values() {
        let _ = writeln!(codes, "{}\t{}", c.iso2, c.canonical);
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let _ = std::fs::write(out_dir.join("countries.gen.tsv"), out);
    let _ = std::fs::write(out_dir.join("codes.gen.tsv"), codes);
}
