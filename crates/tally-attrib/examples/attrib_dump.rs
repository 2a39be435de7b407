//! Prints the attribution frames and quotes of a plain-text file (body after any `---` header).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: attrib_dump FILE");
        return;
    };
    let raw = std::fs::read_to_string(&path).unwrap_or_default();
    let body = match raw.find("\n---\n") {
        Some(p) if raw.lines().next().is_some_and(|l| l.contains(':')) => &raw[p + 5..],
        _ => raw.as_str(),
    };
    let an = tally_text::Analysis::new(body);
    let ents = tally_entities::find(&an);
    let a = tally_attrib::find(&an, &ents);
    for f in &a.frames {
        let srcs: Vec<String> =
            f.sources.iter().map(|s| format!("{}[{}|{:?}]", an.text(s.anchor.span), s.cue, s.anchor.name)).collect();
        println!(
            "FRAME s{} {:?} via={:?} frame=«{}» pre={:?}",
            f.sentence,
            srcs,
            f.via.as_ref().map(|v| an.text(v.span)),
            an.text(f.frame),
            f.pre.map(|p| an.text(p))
        );
        for c in &f.contents {
            println!("    content «{}»", an.text(*c));
        }
    }
    for q in &a.quotes {
        println!(
            "QUOTE {} «{}» by {:?} via {:?} cue {:?}",
            if q.direct { "D" } else { "R" },
            an.text(q.span),
            q.speaker.as_ref().map(|s| (an.text(s.span), s.name)),
            q.via.as_ref().map(|s| an.text(s.span)),
            q.cue
        );
    }
}
