//! The seed document's sources, channels and unmarked quotes. Reads the shared corpus at run
//! time and skips when it is not there.

use std::path::Path;
use tally_model::Record;

fn seed() -> Option<tally_read::Document> {
    let shared = std::env::var("TALLY_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let path = Path::new(&shared).join("corpus/dev/seed.txt");
    let path = path.as_path();
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return None;
    }
    let mut doc = None;
    tally_read::read_path(path, &tally_read::ReadOptions::default(), &mut |d| doc = d.ok());
    doc
}

#[test]
fn seed_sources_and_quotes() {
    let Some(doc) = seed() else { return };
    let body = doc.body.clone();
    let ex = tally_extract::extract(&doc);
    let figure_at = |needle: &str| {
        let pos = body.find(needle).expect("figure text in seed");
        ex.records.iter().find_map(|r| match r {
            Record::Figure(f) if f.span.overlaps(tally_model::Span::new(pos, pos + needle.len())) => Some(f.clone()),
            _ => None,
        })
    };
    if let Some(f) = figure_at("12,000") {
        let names: Vec<String> = f.source.iter().map(|s| s.name.as_deref().unwrap_or(&s.text).to_string()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().any(|n| n.contains("United States")));
        assert!(names.iter().any(|n| n == "South Korea"));
        assert!(names.iter().any(|n| n == "Ukraine"));
    }
    if let Some(f) = figure_at("3,000") {
        assert_eq!(f.source.len(), 1);
        assert_eq!(f.source[0].text, "South Korea's military");
    }
    if let Some(f) = figure_at("4,700") {
        assert_eq!(f.source.len(), 1);
        assert!(f.source[0].text.contains("spy agency"));
        assert_eq!(f.source[0].cue, "claimed");
        assert_eq!(f.source[0].stance, tally_model::Stance::Contested);
    }
    let quotes: Vec<_> = ex
        .records
        .iter()
        .filter_map(|r| match r {
            Record::Quote(q) => Some(q.clone()),
            _ => None,
        })
        .collect();
    let shock = quotes.iter().find(|q| q.text.contains("great shock")).expect("the 'quoted as saying' quote");
    assert!(shock.direct);
    assert_eq!(shock.speaker.as_ref().and_then(|s| s.name.clone()).as_deref(), Some("Kim Jong-un"));
    assert!(shock.via.as_ref().is_some_and(|v| v.text.contains("KCNA")));
    let party = quotes.iter().find(|q| q.text.contains("Our Party and government")).expect("the 'Kim said' quote");
    assert!(party.direct);
    assert_eq!(party.speaker.as_ref().map(|s| &*s.text), Some("Kim"));
}
