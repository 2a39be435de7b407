//! Linking seen through whole documents: fields that depend on more than one sentence.

use tally_model::Record;
use tally_read::{Document, Format, ReadOptions};

fn text_doc(id: &str, raw: &str) -> Document {
    let mut doc = None;
    tally_read::read_bytes(raw.as_bytes(), Format::Text, id, id, &ReadOptions::default(), &mut |d| doc = d.ok());
    doc.expect("a text document")
}

/// A figure whose clause names no place, but whose subject is a country's people killed or
/// hurt, happened in that country, not in the country the report mentions most.
#[test]
fn people_of_a_country_killed_with_no_place_named_are_placed_at_home() {
    let raw = "published: 2025-03-10\n---\n\
        The United States will send two envoys to the talks, the United States said on Monday. \
        The United States also pledged new aid.\n\n\
        More than 300 Malian civilians have been killed this year, according to the United Nations.\n";
    let doc = text_doc("linking", raw);
    let ex = tally_extract::extract(&doc);
    let fig = ex
        .records
        .iter()
        .find_map(|r| match r {
            Record::Figure(f) if f.text.contains("300") => Some(f),
            _ => None,
        })
        .expect("the figure");
    let location = fig.location.as_ref().and_then(|l| l.name.as_deref());
    assert_eq!(location, Some("Mali"), "{:?}", fig.location);
}
