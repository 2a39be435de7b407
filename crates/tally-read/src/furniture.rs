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

/// The first (up to) 8 bytes of every phrase (without a trailing `*`) as an integer with the
/// mask of the bytes it holds, by the phrase's first byte: a line whose first bytes meet none
/// of its first byte's keys is settled by a few integer comparisons.
static KEYS: LazyLock<Vec<Vec<(u64, u64)>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for p in PHRASES.iter() {
        let p = p.strip_suffix('*').unwrap_or(p).as_bytes();
        if let Some(&b) = p.first() {
            let (key, len) = first8(p);
            by[usize::from(b)].push((key, mask(len)));
        }
    }
    by
});

/// The first (up to) 8 bytes of `s`, zero-padded, as a little-endian integer, and how many.
#[inline]
fn first8(s: &[u8]) -> (u64, usize) {
    if let Some(chunk) = s.first_chunk::<8>() {
        return (u64::from_le_bytes(*chunk), 8);
    }
    let mut buf = [0u8; 8];
    for (d, &b) in buf.iter_mut().zip(s) {
        *d = b;
    }
    (u64::from_le_bytes(buf), s.len())
}

/// The mask of the low `len` bytes (`len` at most 8).
#[inline]
fn mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// Whether `l` may be a phrase or begin with one: `false` only when its first (up to) 8 bytes
/// are ASCII and, lower-cased, meet no phrase's first bytes. Lines with a multi-byte character
/// among them are left to the full comparison.
#[inline]
fn may_match(l: &str) -> bool {
    let (head, n) = first8(l.as_bytes());
    if head & 0x8080_8080_8080_8080 != 0 {
        return true;
    }
    // Lower-case the ASCII capitals of all 8 bytes at once: bit 5 set where 'A'..='Z'.
    let ge_a = head.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let gt_z = head.wrapping_add(0x2525_2525_2525_2525);
    let head = head | ((ge_a & !gt_z & 0x8080_8080_8080_8080) >> 2);
    let first = (head & 0xff) as usize;
    n > 0 && KEYS[first].iter().any(|&(key, m)| (head ^ key) & m == 0)
}

/// `line` without its leading white space: ASCII white space skipped by byte, other
/// characters left to `str::trim_start`.
#[inline]
fn trim_start(line: &str) -> &str {
    let bytes = line.as_bytes();
    let skip =
        bytes.iter().position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')).unwrap_or(bytes.len());
    match bytes.get(skip) {
        Some(b) if !b.is_ascii() => line.trim_start(),
        _ => line.get(skip..).unwrap_or(""),
    }
}

/// Whether a single line (trimmed) is furniture. The line is lower-cased lazily, character by
/// character, against the few phrases that begin with its first letter: a paragraph costs a
/// handful of characters, not a lower-cased copy.
pub fn is_furniture_line(line: &str) -> bool {
    // The line's first bytes settle nearly every line before any trimming at its end: that
    // trimming only shortens the line or empties it, and a line shorter than a phrase's first
    // bytes cannot meet them (see `may_match`).
    if !may_match(trim_start(line)) {
        return false;
    }
    let l = line.trim().trim_end_matches([':', '.', '…', '>', '»', '›']).trim();
    if !may_match(l) {
        return false;
    }
    // Lines whose first bytes are ASCII (nearly all): those bytes lower-cased once, compared
    // as bytes; only they can meet a phrase.
    let mut buf = [0u8; 256];
    let n = l.len().min(*LONGEST + 1);
    if *LONGEST < buf.len() && l.as_bytes().get(..n).is_some_and(<[u8]>::is_ascii) {
        let head = &mut buf[..n];
        head.copy_from_slice(&l.as_bytes()[..n]);
        head.make_ascii_lowercase();
        let whole = n == l.len();
        let Some(&first) = head.first() else { return false };
        return BY_FIRST[usize::from(first)].iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => head.starts_with(prefix.as_bytes()) && lowered_len(l) < 200,
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
            Some(prefix) => prefix.chars().all(|c| low.next() == Some(c)) && lowered_len(l) < 200,
            None => p.chars().all(|c| low.next() == Some(c)) && low.next().is_none(),
        }
    })
}

/// The length in bytes of `l` lower-cased.
fn lowered_len(l: &str) -> usize {
    if l.is_ascii() {
        l.len()
    } else {
        l.chars().flat_map(char::to_lowercase).map(char::len_utf8).sum()
    }
}

/// Byte ranges of furniture lines in `body` (line text only, not the line break).
pub fn furniture_lines(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    // Line ends found by a vectorized byte search; the last line runs to the end of the body.
    for end in memchr::memchr_iter(b'\n', body.as_bytes()) {
        if body.get(pos..end).is_some_and(is_furniture_line) {
            out.push(pos..end);
        }
        pos = end + 1;
    }
    if body.get(pos..).is_some_and(is_furniture_line) {
        out.push(pos..body.len());
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
        assert_eq!(furniture_lines("A.\nAdvertisement\nB.\nShare this article"), [3..16, 20..38]);
        assert_eq!(furniture_lines("Advertisement\n\nB.\nRead more\n"), [0..13, 18..27]);
        assert!(furniture_lines("").is_empty() && furniture_lines("\n\n").is_empty());
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
            for line in [head.clone(), format!("{head}{tail}"), format!("  {head} {tail}"), format!("\u{a0}\t{head}{tail}"), format!("\r {head}\u{a0}"), format!("{}{tail}", head.chars().take(3).collect::<String>()), tail.clone(), format!("{head} {}", "x".repeat(190)), format!("{head}{tail}{}", "K".repeat(200))] {
                proptest::prop_assert_eq!(is_furniture_line(&line), by_lowered_copy(&line), "{:?}", line);
            }
        }
    }
}
