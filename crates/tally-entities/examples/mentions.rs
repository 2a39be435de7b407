//! Prints the entity mentions of a text read from standard input, one per line:
//! `cargo run -p tally-entities --example mentions < article.txt`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return;
    }
    let an = tally_text::Analysis::new(&text);
    for m in tally_entities::find(&an) {
        println!(
            "{:?}\t{:?}\t{}\t{}\t{}",
            m.kind,
            m.form,
            m.span.text(&text),
            m.name,
            m.country.as_deref().unwrap_or("-")
        );
    }
}
