use super::*;

fn figs(text: &str) -> Vec<(String, Value, Option<String>, Measure)> {
    let an = Analysis::new(text);
    let ents = tally_entities::find(&an);
    find(&an, &ents).into_iter().map(|f| (an.text(f.number).to_string(), f.value, f.unit, f.measure)).collect()
}

#[test]
fn smoke() {
    let f = figs("Officials said 12 people were killed.");
    assert_eq!(f.len(), 1);
}
