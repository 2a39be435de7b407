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

/// Whether a single line (trimmed) is furniture.
pub fn is_furniture_line(line: &str) -> bool {
    let l = line.trim().trim_end_matches([':', '.', '…', '>', '»', '›']).trim().to_lowercase();
    if l.is_empty() {
        return false;
    }
    PHRASES.iter().any(|p| {
        if let Some(prefix) = p.strip_suffix('*') {
            l.starts_with(prefix) && l.len() < 200
        } else {
            l == *p
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
}
