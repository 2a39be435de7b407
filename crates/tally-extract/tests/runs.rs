//! Extracting documents together, stage by stage over runs of them, gives each document the
//! records that extracting it alone gives: in order, none lost, none borrowed from a neighbour.

use std::path::Path;
use tally_read::{Document, Format, ReadOptions};

fn text_doc(id: &str, raw: &str) -> Option<Document> {
    let mut doc = None;
    tally_read::read_bytes(raw.as_bytes(), Format::Text, id, id, &ReadOptions::default(), &mut |d| doc = d.ok());
    doc
}

/// The project's example reports, each read once.
fn examples() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("examples directory").flatten().map(|e| e.path()).collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        tally_read::read_path(&p, &ReadOptions::default(), &mut |d| docs.extend(d.ok()));
    }
    docs
}

#[test]
fn runs_give_each_document_its_own_records() {
    let examples = examples();
    assert!(examples.len() >= 5, "{} example reports", examples.len());
    let mut docs = Vec::new();
    // Enough short reports for several runs, with long and near-empty ones between them, so
    // runs end on their document count, on their text size and at the end of the input.
    for i in 0..300 {
        let d = &examples[i % examples.len()];
        match i % 50 {
            7 => {
                let long = d.body.repeat(400_000 / d.body.len().max(1) + 1);
                docs.extend(text_doc(&format!("long-{i}"), &format!("published: 2025-04-02\n---\n{long}")));
            }
            19 => docs.extend(text_doc(&format!("short-{i}"), "The ministry said 12 people died.")),
            _ => {
                let mut d = d.clone();
                d.id = format!("{}-{i}", d.id);
                docs.push(d);
            }
        }
    }
    assert!(docs.len() > 290);
    let together = tally_extract::extract_many(&docs);
    assert_eq!(together.len(), docs.len());
    let mut figures = 0;
    for (doc, ex) in docs.iter().zip(&together) {
        let alone = tally_extract::extract(doc);
        assert_eq!(ex, &alone, "{}", doc.id);
        assert!(tally_extract::records_hold_their_text(&ex.records, &doc.body), "{}", doc.id);
        figures += ex.records.iter().filter(|r| matches!(r, tally_model::Record::Figure(_))).count();
    }
    assert!(figures > 300, "{figures} figures");
    assert!(tally_extract::extract_many(&[]).is_empty());
}
