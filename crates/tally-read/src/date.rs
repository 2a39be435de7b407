use chrono::{DateTime, NaiveDate};
use std::sync::LazyLock;

static MONTHS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    include_str!("../data/months.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, n) = l.trim().rsplit_once(' ')?;
            Some((name.trim().to_lowercase(), n.parse().ok()?))
        })
        .collect()
});

/// The month an English month name or abbreviation (any case) stands for.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| name.eq_ignore_ascii_case(word)).map(|(_, n)| *n)
}

/// Parses a publication date written as an ISO date or timestamp (`2025-08-30`,
/// `2025-08-30T09:00:00+09:00`, `2025/08/30`), or an RFC 2822 date. `None` when it is not one.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // The commonest form, `YYYY-MM-DD` alone, read directly: no other format takes it.
    if let Some(&[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]) = s.as_bytes().first_chunk::<10>() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if s.len() == 10 && digits.iter().all(u8::is_ascii_digit) {
            let n = |ds: &[u8]| ds.iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
            return NaiveDate::from_ymd_opt(n(&digits[..4]) as i32, n(&digits[4..6]), n(&digits[6..]));
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    let head: String = s.chars().take(10).collect();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&head, fmt) {
            return Some(d);
        }
    }
    None
}

/// Like [`parse_date`], and also reads a date written with an English month name somewhere in
/// the value, as pages put it in metadata: `November 19, 2019, 07:47 PM EST`, `Fri 6:45 PM, Feb
/// 16, 2018`, `18th November 2019`. The day must sit next to the month and the year follow.
pub fn parse_date_loose(s: &str) -> Option<NaiveDate> {
    if let Some(d) = parse_date(s) {
        return Some(d);
    }
    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(40).collect();
    let number = |j: Option<usize>| -> Option<u32> {
        let w = words.get(j?)?;
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        w.parse().ok()
    };
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let Some(month) = MONTHS.iter().find(|(name, _)| *name == lower).map(|(_, n)| *n) else { continue };
        // Month Day Year, then Day Month Year.
        for (day, year) in [(number(Some(i + 1)), number(Some(i + 2))), (number(i.checked_sub(1)), number(Some(i + 1)))]
        {
            if let (Some(day), Some(year)) = (day, year) {
                if (1..=31).contains(&day) && (1900..=2200).contains(&year) {
                    if let Some(d) = NaiveDate::from_ymd_opt(year as i32, month, day) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// The date an article's address carries: `/2019/11/19/`, `/2019/nov/18/`, `/2019-11-19/`, or a
/// slug ending in `-20191115`. `None` for a year and month alone, or numbers that are no date.
pub fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let parts: Vec<&str> = path.split('/').skip(1).take(24).collect();
    let month_of = |w: &str| -> Option<u32> {
        if w.len() <= 2 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
            return w.parse().ok();
        }
        month_number(w)
    };
    let plausible = |d: NaiveDate| (1990..=2200).contains(&chrono::Datelike::year(&d));
    for (i, part) in parts.iter().enumerate() {
        // Year, month and day as three parts of the path.
        if part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()) {
            let (Some(m), Some(d)) = (parts.get(i + 1), parts.get(i + 2)) else { continue };
            let day = (d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.parse::<u32>().ok()).flatten();
            if let (Ok(y), Some(m), Some(day)) = (part.parse::<i32>(), month_of(m), day) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, day).filter(|d| plausible(*d)) {
                    return Some(date);
                }
            }
        }
        // `2019-11-19` as a part, or eight digits ending a slug.
        if let Some(date) = parse_date(part).filter(|d| plausible(*d) && part.len() == 10) {
            return Some(date);
        }
        if let Some(tail) = part.rsplit(['-', '_']).next().filter(|t| t.len() == 8 && *t != *part) {
            if tail.bytes().all(|b| b.is_ascii_digit()) {
                let n = |r: std::ops::Range<usize>| tail.get(r).and_then(|x| x.parse::<u32>().ok());
                if let (Some(y), Some(m), Some(d)) = (n(0..4), n(4..6), n(6..8)) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(|d| plausible(*d)) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The general reading, without the direct one for `YYYY-MM-DD`.
    fn by_formats(s: &str) -> Option<NaiveDate> {
        let s = s.trim();
        if let Ok(d) = DateTime::parse_from_rfc3339(s) {
            return Some(d.date_naive());
        }
        if let Ok(d) = DateTime::parse_from_rfc2822(s) {
            return Some(d.date_naive());
        }
        let head: String = s.chars().take(10).collect();
        ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"].iter().find_map(|f| NaiveDate::parse_from_str(&head, f).ok())
    }

    proptest::proptest! {
        #[test]
        fn direct_iso_dates_agree_with_the_formats(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}", pad in "[ ]{0,2}") {
            let s = format!("{pad}{s}{pad}");
            proptest::prop_assert_eq!(parse_date(&s), by_formats(&s));
        }
    }

    #[test]
    fn reads_common_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 8, 30);
        assert_eq!(parse_date("2025-08-30"), d);
        assert_eq!(parse_date("2025-08-30T23:10:00Z"), d);
        assert_eq!(parse_date("2025-08-30T09:00:00.000+09:00"), d);
        assert_eq!(parse_date("Sat, 30 Aug 2025 10:00:00 +0000"), d);
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn reads_dates_in_addresses() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(url_date("https://news.example/world/2021/03/07/storm-hits-coast/"), d(2021, 3, 7));
        assert_eq!(url_date("https://news.example/politics/2021/mar/7/storm-hits/"), d(2021, 3, 7));
        assert_eq!(url_date("https://mag.example/storm-hits-the-coast-20210307/"), d(2021, 3, 7));
        assert_eq!(url_date("https://news.example/2021-03-07/storm"), d(2021, 3, 7));
        assert_eq!(url_date("https://news.example/2021/03/storm-hits/"), None);
        assert_eq!(url_date("https://news.example/item/12345678"), None);
        assert_eq!(url_date("https://news.example/a/2021/13/40/x"), None);
        assert_eq!(url_date("no address at all"), None);
    }

    #[test]
    fn reads_dates_in_words() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date_loose("November 19, 2019, 07:47 PM EST"), d(2019, 11, 19));
        assert_eq!(parse_date_loose("Fri 6:45 PM, Feb 16, 2018"), d(2018, 2, 16));
        assert_eq!(parse_date_loose("01:38:07 PM IST Nov 20, 2019"), d(2019, 11, 20));
        assert_eq!(parse_date_loose("Monday, November 18th, 2019 at 11:08 a.m."), d(2019, 11, 18));
        assert_eq!(parse_date_loose("18 Sept 2019"), d(2019, 9, 18));
        assert_eq!(parse_date_loose("2019-11-18"), d(2019, 11, 18));
        assert_eq!(parse_date_loose("May 2019"), None);
        assert_eq!(parse_date_loose("February 30, 2019"), None);
        assert_eq!(parse_date_loose("in may we met 5 times"), None);
    }
}
