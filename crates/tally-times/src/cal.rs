//! Calendar arithmetic on inclusive date intervals. Every function returns `None` instead of
//! panicking on out-of-range input.

use chrono::{Datelike, Duration, NaiveDate};

pub type Iv = (NaiveDate, NaiveDate);

pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `(y, m)` moved by `k` months.
pub fn add_months(y: i32, m: u32, k: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + k;
    let y = idx.div_euclid(12);
    let m = idx.rem_euclid(12) + 1;
    (i32::try_from(y).unwrap_or(0), u32::try_from(m).unwrap_or(1))
}

pub fn month(y: i32, m: u32) -> Option<Iv> {
    let start = ymd(y, m, 1)?;
    let (ny, nm) = add_months(y, m, 1);
    let end = ymd(ny, nm, 1)?.pred_opt()?;
    Some((start, end))
}

pub fn year(y: i32) -> Option<Iv> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

pub fn years(a: i32, b: i32) -> Option<Iv> {
    Some((ymd(a, 1, 1)?, ymd(b, 12, 31)?))
}

/// The Monday..Sunday week holding `d`.
pub fn week(d: NaiveDate) -> Option<Iv> {
    let mon = d.checked_sub_signed(Duration::days(i64::from(d.weekday().num_days_from_monday())))?;
    Some((mon, mon.checked_add_signed(Duration::days(6))?))
}

pub fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

pub fn quarter(y: i32, q: u32) -> Option<Iv> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = month(y, (q - 1) * 3 + 1)?;
    let last = month(y, q * 3)?;
    Some((first.0, last.1))
}

pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Months `first..=last` from year `y`; a season that wraps (winter, 12..2) ends in `y + 1`.
pub fn months_span(y: i32, first: u32, last: u32) -> Option<Iv> {
    let end_year = if last < first { y + 1 } else { y };
    Some((month(y, first)?.0, month(end_year, last)?.1))
}

/// The date `m/d` nearest to `p` on the side that tense asks for: on or before `p`, or on or
/// after it when `future`.
pub fn date_near(p: NaiveDate, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
    let y = p.year();
    let pick = |y: i32| ymd(y, m, d);
    if future {
        match pick(y) {
            Some(x) if x >= p => Some(x),
            _ => pick(y + 1).or_else(|| pick(y + 4)),
        }
    } else {
        match pick(y) {
            Some(x) if x <= p => Some(x),
            _ => pick(y - 1).or_else(|| pick(y - 4)),
        }
    }
}

/// The year of month `m` nearest to `p` on the side that tense asks for (the current month
/// counts on either side).
pub fn month_year_near(p: NaiveDate, m: u32, future: bool) -> i32 {
    let (y, pm) = (p.year(), p.month());
    if future {
        if m >= pm {
            y
        } else {
            y + 1
        }
    } else if m <= pm {
        y
    } else {
        y - 1
    }
}

/// Which side of the publication date a year-less date or month is taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// On or before it.
    Back,
    /// On or after it.
    Ahead,
    /// The most recent one, unless the next one is more than three times nearer.
    Near,
    /// The next one, unless the most recent one is more than three times nearer.
    NearAhead,
}

/// Of the most recent interval and the next one, the one `side` asks for.
pub fn pick(p: NaiveDate, back: Iv, ahead: Iv, side: Side) -> Iv {
    let back_days = (p - back.1).num_days().max(0);
    let ahead_days = (ahead.0 - p).num_days().max(0);
    match side {
        Side::Back => back,
        Side::Ahead => ahead,
        Side::Near if ahead_days * 3 < back_days => ahead,
        Side::Near => back,
        Side::NearAhead if back_days * 3 < ahead_days => back,
        Side::NearAhead => ahead,
    }
}

/// The date `m/d` for publication date `p`: in the year whose `m/d` falls on `weekday` (ISO,
/// 0 for none) nearest to `p`, else on the side that `side` asks for.
pub fn date_pick(p: NaiveDate, m: u32, d: u32, weekday: u32, side: Side) -> Option<NaiveDate> {
    if weekday > 0 {
        let fits = (p.year() - 1..=p.year() + 1)
            .filter_map(|y| ymd(y, m, d))
            .filter(|x| x.weekday().number_from_monday() == weekday)
            .min_by_key(|x| (*x - p).num_days().abs());
        if fits.is_some() {
            return fits;
        }
    }
    match side {
        Side::Back => date_near(p, m, d, false),
        Side::Ahead => date_near(p, m, d, true),
        Side::Near | Side::NearAhead => {
            let back = date_near(p, m, d, false)?;
            let ahead = date_near(p, m, d, true)?;
            Some(pick(p, (back, back), (ahead, ahead), side).0)
        }
    }
}

/// The year of month `m` for publication date `p`, on the side that `side` asks for.
pub fn month_year_pick(p: NaiveDate, m: u32, side: Side) -> i32 {
    match side {
        Side::Back => return month_year_near(p, m, false),
        Side::Ahead => return month_year_near(p, m, true),
        Side::Near | Side::NearAhead => {}
    }
    let (yb, ya) = (month_year_near(p, m, false), month_year_near(p, m, true));
    match (month(yb, m), month(ya, m)) {
        (Some(back), Some(ahead)) if yb != ya => {
            if pick(p, back, ahead, side) == back {
                yb
            } else {
                ya
            }
        }
        _ => match side {
            Side::Ahead | Side::NearAhead => ya,
            Side::Back | Side::Near => yb,
        },
    }
}

/// The part of an interval: its first, middle or last third.
pub fn third(iv: Iv, which: u8) -> Option<Iv> {
    let (s, e) = iv;
    let days = (e - s).num_days() + 1;
    if days >= 360 {
        // Years split as Jan-Apr, May-Aug, Sep-Dec.
        let y = s.year();
        let (a, b) = match which {
            0 => (1, 4),
            1 => (5, 8),
            _ => (9, 12),
        };
        return Some((month(y, a)?.0, month(y, b)?.1));
    }
    if days < 3 {
        return Some(iv);
    }
    if days < 28 {
        // A week: its first two days, the middle ones, its last two.
        let a = days / 3;
        return match which {
            0 => Some((s, shift(s, a - 1)?)),
            1 => Some((shift(s, a)?, shift(e, -a)?)),
            _ => Some((shift(e, 1 - a)?, e)),
        };
    }
    match which {
        0 => Some((s, shift(s, 9)?.min(e))),
        1 => Some((shift(s, 10)?.min(e), shift(s, 19)?.min(e))),
        _ => Some((shift(s, 20)?.min(e), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn months_weeks_and_nearest_dates() {
        assert_eq!(month(2024, 2), Some((d(2024, 2, 1), d(2024, 2, 29))));
        assert_eq!(month(2024, 12), Some((d(2024, 12, 1), d(2024, 12, 31))));
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(week(d(2025, 8, 30)), Some((d(2025, 8, 25), d(2025, 8, 31))));
        assert_eq!(date_near(d(2025, 1, 3), 12, 28, false), Some(d(2024, 12, 28)));
        assert_eq!(date_near(d(2025, 12, 30), 1, 2, true), Some(d(2026, 1, 2)));
        assert_eq!(date_near(d(2025, 3, 1), 2, 29, false), Some(d(2024, 2, 29)));
        assert_eq!(month_year_near(d(2025, 1, 23), 6, false), 2024);
        assert_eq!(month_year_near(d(2025, 4, 16), 6, true), 2025);
        assert_eq!(months_span(2024, 12, 2), Some((d(2024, 12, 1), d(2025, 2, 28))));
        assert_eq!(third(year(2024).unwrap_or_default(), 2), Some((d(2024, 9, 1), d(2024, 12, 31))));
        assert_eq!(third(month(2024, 2).unwrap_or_default(), 2), Some((d(2024, 2, 21), d(2024, 2, 29))));
    }
}
