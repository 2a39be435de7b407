//! Quotation marks: pairs opening and closing marks (straight, curly, single, guillemets) over
//! the whole document, so quotes may run across sentences within a paragraph.

use crate::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn classify(c: &str) -> Option<(Family, Role)> {
    Some(match c {
        "\"" => (Family::Double, Role::Either),
        "“" | "„" | "«" => (Family::Double, Role::Open),
        "”" | "»" => (Family::Double, Role::Close),
        "'" => (Family::Single, Role::Either),
        "‘" | "‹" => (Family::Single, Role::Open),
        "’" | "›" => (Family::Single, Role::Close),
        _ => return None,
    })
}

/// Pairs of quotation mark token indices `(open, close)`, in text order. A pair never crosses a
/// paragraph break; unmatched marks (apostrophes, "soldiers' ") are ignored. A double mark left
/// open at a paragraph's end when the next paragraph opens with one (a quote running over
/// paragraphs) pairs with the paragraph's last token.
pub fn pairs(t: &Text) -> Vec<(usize, usize)> {
    let an = t.an;
    let mut out = Vec::with_capacity(t.quotes.len() / 2);
    let mut stack: Vec<(usize, Family, usize)> = Vec::new();
    // Marks and sentences come in token order: each mark's sentence is found by walking on.
    // Paragraph numbers never fall, so dropping the open marks of other paragraphs at the
    // sentences that hold marks drops the same ones as at every sentence.
    let mut si = 0;
    let mut para: Option<usize> = None;
    for &i in &t.quotes {
        while an.sentences.get(si).is_some_and(|s| s.tokens.end <= i) {
            si += 1;
        }
        let Some(sent) = an.sentences.get(si).filter(|s| s.tokens.start <= i) else { continue };
        if para != Some(sent.paragraph) {
            // A quote running over paragraphs leaves its paragraph open and opens the next
            // one again: the open mark's quote runs to its paragraph's end.
            let reopens = para.is_some_and(|p| p + 1 == sent.paragraph)
                && sent.tokens.start == i
                && si.checked_sub(1).and_then(|k| an.sentences.get(k)).is_some_and(|s| Some(s.paragraph) == para)
                && matches!(t.raw(i), "\"" | "“");
            if reopens {
                if let Some(&(o, _, _)) = stack.iter().rev().find(|&&(_, f, p)| f == Family::Double && Some(p) == para)
                {
                    if i > o + 2 {
                        out.push((o, i - 1));
                    }
                }
            }
            stack.retain(|&(_, _, p)| p == sent.paragraph);
            para = Some(sent.paragraph);
        }
        let para = sent.paragraph;
        let Some((fam, role)) = classify(t.raw(i)) else { continue };
        let Some(tok) = an.tokens.get(i) else { continue };
        let next = an.tokens.get(i + 1);
        let glued_after = next.is_some_and(|n| !n.space_before && n.newlines_before == 0);
        let glued_before = i > 0 && !tok.space_before && tok.newlines_before == 0;
        let role = match role {
            Role::Either => {
                if !glued_before && glued_after {
                    Role::Open
                } else if glued_before {
                    Role::Close
                } else {
                    continue;
                }
            }
            r => r,
        };
        match role {
            Role::Open => stack.push((i, fam, para)),
            Role::Close => {
                if let Some(pos) = stack.iter().rposition(|&(_, f, _)| f == fam) {
                    let (o, _, _) = stack[pos];
                    stack.truncate(pos);
                    if i > o + 1 {
                        out.push((o, i));
                    }
                }
            }
            Role::Either => {}
        }
    }
    out.sort();
    // Keep outermost pairs only.
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for p in out {
        if kept.last().is_some_and(|k| k.0 <= p.0 && p.1 <= k.1) {
            continue;
        }
        kept.push(p);
    }
    kept
}
