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

fn location_of<'a>(ex: &'a tally_extract::Extraction, needle: &str) -> Option<&'a str> {
    ex.records
        .iter()
        .find_map(|r| match r {
            Record::Figure(f) if f.text.contains(needle) => Some(f),
            _ => None,
        })
        .expect("the figure")
        .location
        .as_ref()
        .and_then(|l| l.name.as_deref())
}

/// A page that counts no event (a product, a study) and names its country only through a
/// town does not place its prices and shares there; a report of an event does, and so does a
/// sentence that names the country itself.
#[test]
fn counts_of_no_event_are_placed_in_the_main_country_only_on_its_topic() {
    let raw = "published: 2025-03-10\n---\n\
        DENVER - A small firm has built a kettle that boils water in 40 seconds. \
        The kettle costs $45 and uses 30 percent less power than older models.\n\n\
        About 12 percent of Colorado homes already own one.\n";
    let doc = text_doc("product", raw);
    let ex = tally_extract::extract(&doc);
    assert_eq!(location_of(&ex, "$45"), None);
    assert_eq!(location_of(&ex, "30 percent"), None);
    assert_eq!(location_of(&ex, "12 percent"), Some("United States"));

    // A headline that names the place makes the country the report's topic.
    let raw = "published: 2025-03-10\ntitle: A Denver firm builds a faster kettle\n---\n\
        DENVER - A small firm has built a kettle that boils water in 40 seconds. \
        The kettle costs $45 and uses 30 percent less power than older models.\n";
    let doc = text_doc("titled", raw);
    let ex = tally_extract::extract(&doc);
    assert_eq!(location_of(&ex, "$45"), Some("United States"));

    let raw = "published: 2025-03-10\n---\n\
        DENVER - Floods killed at least 14 people on Sunday. \
        Repairs will cost $45 million, and 30 percent of the roads remain closed.\n";
    let doc = text_doc("event", raw);
    let ex = tally_extract::extract(&doc);
    assert_eq!(location_of(&ex, "$45 million"), Some("United States"));
}
