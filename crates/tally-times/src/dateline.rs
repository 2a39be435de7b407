//! The publication date from a wire dateline: "SEOUL, Aug 30 (Reuters) -",
//! "KYIV, March 3 (Harbor Wire) -", "BEIJING, June 30 —", "PALU, Indonesia, Sept 9 (EPN) -".

use crate::{Scan, Sem};
use chrono::NaiveDate;
use tally_text::{Analysis, TokenKind};

/// How many lines from the top of the body a dateline may start on (bylines come first).
const MAX_LINES: usize = 6;
/// How many tokens the place part may take ("PALU, Indonesia,").
const MAX_PLACE: usize = 8;

/// The date of a dateline near the top of the body. The year comes from the dateline itself or
/// from `year_hint`; without either there is no date.
pub fn dateline(an: &Analysis, year_hint: Option<i32>) -> Option<NaiveDate> {
    let scan = Scan::new(an, crate::Options::default());
    let mut lines = 0;
    for (k, tok) in an.tokens.iter().enumerate() {
        if k > 0 && tok.newlines_before == 0 {
            continue;
        }
        lines += 1;
        if lines > MAX_LINES {
            break;
        }
        let word = an.tok(k);
        let caps = tok.kind == TokenKind::Word
            && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase());
        if !caps {
            continue;
        }
        for j in k + 1..(k + MAX_PLACE).min(an.tokens.len()) {
            if an.tokens.get(j).is_some_and(|t| t.newlines_before > 0) {
                break;
            }
            if an.tok(j) != "," {
                continue;
            }
            let Some(m) = scan.month(j + 1) else { continue };
            let Sem::Date { y, m: month, d } = m.sem else { continue };
            if !closes_dateline(&scan, m.end) {
                continue;
            }
            return NaiveDate::from_ymd_opt(y.or(year_hint)?, month, d);
        }
    }
    byline_date(an, &scan)
}

/// The most tokens a byline line with a date may have ("Published 11:34 PM EST Nov 19, 2019").
const MAX_BYLINE: usize = 16;

/// A date line near the top of the body: a full date with its year, alone on its line but for
/// a clock time, a time zone, a weekday and words such as "Published" or "Updated"
/// ("Published 11:34 PM EST Nov 19, 2019", "18 NOV 2019", "November 20, 2019 - 11:28 AMT").
fn byline_date(an: &Analysis, scan: &Scan) -> Option<NaiveDate> {
    let n = an.tokens.len();
    let mut k = 0;
    for _ in 0..MAX_LINES {
        if k >= n {
            break;
        }
        let mut end = k + 1;
        while end < n && an.tokens.get(end).is_some_and(|t| t.newlines_before == 0) {
            end += 1;
        }
        if end - k <= MAX_BYLINE {
            if let Some(date) = date_line(an, scan, k, end) {
                return Some(date);
            }
        }
        k = end;
    }
    None
}

/// The full date of line `k..end` when the line holds nothing else but byline words.
fn date_line(an: &Analysis, scan: &Scan, k: usize, end: usize) -> Option<NaiveDate> {
    let mut found = None;
    let mut j = k;
    while j < end {
        if found.is_none() {
            if let Some(m) = scan.at(j, end) {
                if let Sem::Date { y: Some(y), m: month, d } = m.sem {
                    found = NaiveDate::from_ymd_opt(y, month, d);
                    j = m.end.max(j + 1);
                    continue;
                }
            }
        }
        if an.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word) && !byline_word(an.tok(j), scan.e(j).weekday) {
            return None;
        }
        j += 1;
    }
    found
}

/// A word that may stand next to the date of a byline: a clock or time-zone word in capitals
/// ("PM", "EST"), a weekday, or one of a few words of publishing.
fn byline_word(w: &str, weekday: u8) -> bool {
    let caps = w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase());
    caps || weekday > 0
        || ["published", "updated", "posted", "last", "on", "at", "am", "pm", "a.m", "p.m", "a.m.", "p.m."]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
}

/// A year written as a path segment of a URL ("https://example.org/world/2025/03/03/story"),
/// the usual hint for a dateline that gives no year.
pub fn year_in_url(url: &str) -> Option<i32> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    path.split(['/', '-', '_', '.'])
        .skip(1)
        .filter(|seg| seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|seg| seg.parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y))
}

/// After the date: an optional "(Agency)" and then a dash.
pub(crate) fn closes_dateline(scan: &Scan, mut i: usize) -> bool {
    if scan.t(i) == "(" {
        let mut j = i + 1;
        while j < i + 8 && scan.t(j) != ")" && !scan.t(j).is_empty() {
            j += 1;
        }
        if scan.t(j) != ")" {
            return false;
        }
        i = j + 1;
    }
    scan.kind(i) == Some(TokenKind::Dash)
}
