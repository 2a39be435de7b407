//! `find` and `dateline` never panic, and every span lies on character boundaries inside the
//! body, whatever the text and publication date.

use chrono::NaiveDate;
use proptest::prelude::*;
use tally_text::Analysis;
use tally_times::{dateline, find, find_with, Options};

/// Pieces of time language glued at random, so that the grammar's paths get exercised.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "since",
        "in",
        "on",
        "last",
        "next",
        "this",
        "the",
        "first",
        "half",
        "of",
        "week",
        "weeks",
        "year",
        "month",
        "ago",
        "earlier",
        "later",
        "a",
        "two",
        "day",
        "days",
        "March",
        "May",
        "Sept",
        ".",
        ",",
        "-",
        "–",
        "/",
        "2024",
        "1990",
        "s",
        "5",
        "31",
        "12",
        "Friday",
        "night",
        "’s",
        "between",
        "and",
        "from",
        "to",
        "through",
        "Q3",
        "quarter",
        "mid-",
        "late",
        "early",
        "summer",
        "é",
        "\n",
        "KYIV",
        "(Wire)",
        "—",
        "past",
        "24",
        "hours",
        "will",
        "said",
        "today",
        "yesterday",
        "2025-08",
        "30",
        "00",
        "start",
    ]);
    prop::collection::vec((piece, prop::bool::ANY), 0..40).prop_map(|v| {
        let mut s = String::new();
        for (p, space) in v {
            if space {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

fn check(text: &str, published: Option<NaiveDate>, day_first: bool) {
    let an = Analysis::new(text);
    for t in find_with(&an, published, Options { day_first }) {
        assert!(t.span.start < t.span.end && t.span.end <= text.len(), "{:?} in {text:?}", t.span);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        if let (Some(a), Some(b)) = (t.interval.start, t.interval.end) {
            assert!(a <= b, "{a} > {b} for {:?} in {text:?}", t.span.text(text));
        }
    }
    let _ = dateline(&an, Some(2025));
    let _ = find(&an, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,200}", days in -40000i64..40000, day_first in any::<bool>()) {
        let published = NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        check(&text, published, day_first);
    }

    #[test]
    fn never_panics_on_time_language(text in newsy(), days in -40000i64..40000, day_first in any::<bool>()) {
        let published = NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        check(&text, published, day_first);
    }
}

#[test]
fn extreme_dates_do_not_panic() {
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        check("since last October, two weeks ago, next week, the first half of next year, Dec. 31", Some(p), true);
        check("in 2100 and 1900s, Q4 2100, a year later, the past 30 years", Some(p), false);
    }
}
