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
