use chrono::{DateTime, NaiveDate};

/// Parses a publication date written as an ISO date or timestamp (`2025-08-30`,
/// `2025-08-30T09:00:00+09:00`, `2025/08/30`), or an RFC 2822 date. `None` when it is not one.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
