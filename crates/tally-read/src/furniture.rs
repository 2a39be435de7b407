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

/// The longest phrase in bytes (without a trailing `*`).
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| PHRASES.iter().map(|p| p.trim_end_matches('*').len()).max().unwrap_or(0));

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

/// Whether a single line (trimmed) is furniture. The line is lower-cased lazily, character by
/// character, against the few phrases that begin with its first letter: a paragraph costs a
/// handful of characters, not a lower-cased copy.
pub fn is_furniture_line(line: &str) -> bool {
    let l = line.trim().trim_end_matches([':', '.', '…', '>', '»', '›']).trim();
    // ASCII lines (nearly all): the line's first bytes lower-cased once, compared as bytes.
    let mut buf = [0u8; 256];
    if l.is_ascii() && *LONGEST < buf.len() {
        let n = l.len().min(*LONGEST + 1);
        let head = &mut buf[..n];
        head.copy_from_slice(&l.as_bytes()[..n]);
        head.make_ascii_lowercase();
        let whole = n == l.len();
        let Some(&first) = head.first() else { return false };
        return BY_FIRST[usize::from(first)].iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => head.starts_with(prefix.as_bytes()) && l.len() < 200,
            None => whole && *head == *p.as_bytes(),
        });
    }
    let lower = || l.chars().flat_map(char::to_lowercase);
    let Some(first) = lower().next() else { return false };
    let mut utf8 = [0u8; 4];
    let first_byte = first.encode_utf8(&mut utf8).as_bytes()[0];
    BY_FIRST[usize::from(first_byte)].iter().any(|p| {
        let mut low = lower();
        match p.strip_suffix('*') {
            Some(prefix) => {
                prefix.chars().all(|c| low.next() == Some(c)) && lower().map(char::len_utf8).sum::<usize>() < 200
            }
            None => p.chars().all(|c| low.next() == Some(c)) && low.next().is_none(),
        }
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
