//! Page furniture: short lines that belong to the page, not the article ("Read more",
//! "Advertisement", "Share this article", newsletter and cookie notices). The phrases live in
//! `data/furniture.txt`.

use std::sync::LazyLock;

static PHRASES: LazyLock<Vec<String>> = LazyLock::new(|| {
    include_str!("../data/furniture.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.to_lowercase())
        .collect()
});

/// The most characters any phrase holds (without a trailing `*`).
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| PHRASES.iter().map(|p| p.trim_end_matches('*').chars().count()).max().unwrap_or(0));

/// Phrases by their first byte, so a line is compared only with the phrases it can begin.
static BY_FIRST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for p in PHRASES.iter() {
        if let Some(&b) = p.as_bytes().first() {
            by[b as usize].push(p.as_str());
        }
    }
    by
});

/// Whether a single line (trimmed) is furniture. Only the line's first characters are
/// lower-cased (no phrase is longer), so a long paragraph costs no more than a short line.
pub fn is_furniture_line(line: &str) -> bool {
    let l = line.trim().trim_end_matches([':', '.', '…', '>', '»', '›']).trim();
    // Lower-casing never shortens a text in characters, so the first `LONGEST + 1` characters
    // hold every phrase's worth of the lower-cased line, and a longer line equals no phrase.
    let cut = l.char_indices().nth(*LONGEST + 1).map_or(l.len(), |(i, _)| i);
    let whole = cut == l.len();
    let head = l[..cut].to_lowercase();
    let Some(&first) = head.as_bytes().first() else { return false };
    BY_FIRST[first as usize].iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => head.starts_with(prefix) && (if whole { head.len() } else { l.to_lowercase().len() }) < 200,
        None => whole && head == *p,
    })
}

/// Byte ranges of furniture lines in `body` (line text only, not the line break).
pub fn furniture_lines(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in body.split('\n') {
        if is_furniture_line(line) {
            out.push(pos..pos + line.len());
        }
        pos += line.len() + 1;
    }
    out
}

/// A copy of `text` without its furniture lines (for readers that build their own body).
pub fn strip_furniture(text: &str) -> String {
    let kept: Vec<&str> = text.split('\n').filter(|l| !is_furniture_line(l)).collect();
    kept.join("\n").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture() {
        for l in [
            "Read more",
            "Advertisement",
            "Share this article",
            "  ADVERTISEMENT ",
            "Read more: Floods hit the north",
            "Today",
        ] {
            assert!(is_furniture_line(l), "{l}");
        }
        for l in ["Read more about it, the minister said.", "Today, 41 people died.", ""] {
            assert!(!is_furniture_line(l), "{l}");
        }
        assert_eq!(strip_furniture("A.\nAdvertisement\nB.\nShare this article\n"), "A.\nB.");
    }

    /// The definition the lazy comparison must agree with: lower-case the whole line, then compare.
    fn by_lowered_copy(line: &str) -> bool {
        let l = line.trim().trim_end_matches([':', '.', '…', '>', '»', '›']).trim().to_lowercase();
        !l.is_empty()
            && PHRASES.iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => l.starts_with(prefix) && l.len() < 200,
                None => l == *p,
            })
    }

    proptest::proptest! {
        #[test]
        fn lazy_comparison_agrees_with_a_lowered_copy(
            head in proptest::sample::select(PHRASES.iter().map(|p| p.trim_end_matches('*').to_string()).collect::<Vec<_>>()),
            tail in "[ a-zA-ZİΣK:.»…]{0,12}",
            upper in proptest::bool::ANY,
        ) {
            let head = if upper { head.to_uppercase() } else { head };
            for line in [head.clone(), format!("{head}{tail}"), format!("  {head} {tail}"), tail.clone(), format!("{head} {}", "x".repeat(190)), format!("{head}{tail}{}", "K".repeat(200))] {
                proptest::prop_assert_eq!(is_furniture_line(&line), by_lowered_copy(&line), "{:?}", line);
            }
        }
    }
}
