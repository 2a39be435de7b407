//! Time expressions: finds dates, months, years, weekdays and relative expressions in a body
//! and resolves each to an inclusive date interval against the publication date.

use chrono::{Datelike, Duration, NaiveDate};
use tally_model::{Granularity, Interval, Span};
use tally_text::{Analysis, TokenKind};

/// One time expression with its resolved interval (unresolved when relative and no
/// publication date is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    pub interval: Interval,
    pub granularity: Granularity,
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Finds and resolves time expressions, in text order.
pub fn find(an: &Analysis, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for (i, t) in an.tokens.iter().enumerate() {
        let text = an.tok(i);
        if t.kind == TokenKind::Number && text.len() == 4 {
            if let Ok(y) = text.parse::<i32>() {
                if (1900..=2100).contains(&y) {
                    if let (Some(s), Some(e)) = (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31)) {
                        out.push(TimeExpr {
                            span: t.span,
                            interval: Interval::new(s, e),
                            granularity: Granularity::Year,
                        });
                    }
                }
            }
        } else if let Some(wd) = WEEKDAYS.iter().position(|w| *w == text) {
            let interval = published
                .map(|p| {
                    let back = (p.weekday().num_days_from_monday() as i64 - wd as i64).rem_euclid(7);
                    Interval::day(p - Duration::days(back))
                })
                .unwrap_or(Interval::UNRESOLVED);
            out.push(TimeExpr { span: t.span, interval, granularity: Granularity::Day });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_resolve_backwards_and_years_stand_alone() {
        let a = Analysis::new("On Friday the 2024 treaty was cited.");
        let t = find(&a, NaiveDate::from_ymd_opt(2025, 8, 30));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].interval, Interval::day(NaiveDate::from_ymd_opt(2025, 8, 29).unwrap()));
        assert_eq!(t[1].granularity, Granularity::Year);
        assert_eq!(find(&a, None)[0].interval, Interval::UNRESOLVED);
    }
}
