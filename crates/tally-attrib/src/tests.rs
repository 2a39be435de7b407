use super::*;

fn run(text: &str) -> (Analysis<'_>, Attributions) {
    let an = Analysis::new(text);
    let ents = tally_entities::find(&an);
    let a = find(&an, &ents);
    (an, a)
}
