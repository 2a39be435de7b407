//! Time expressions: finds dates, months, years, weekdays, seasons, quarters and relative
//! expressions ("last week", "two days ago", "since June", "earlier this year") in a body and
//! resolves each to an inclusive date interval against the publication date.
//!
//! One left-to-right pass per sentence over the tokens; word knowledge comes from the tables in
//! `data/` (see [`lexicon`]). Resolution rules follow the gold conventions: weeks run Monday to
//! Sunday; a bare weekday, month or year-less date is the most recent one on or before the
//! publication date unless the clause is in the future tense; "since X" runs from the start of X
//! to the publication date; "earlier this year" from its start to the publication date.

mod cal;
mod dateline;
mod lexicon;

pub use dateline::{dateline, year_in_url};

use chrono::{Datelike, NaiveDate};
use lexicon::{Entry, Kw, Unit};
use tally_model::{Granularity, Interval, Span};
use tally_text::{Analysis, TokenKind};

/// One time expression with its resolved interval (unresolved when relative and no
/// publication date is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    pub interval: Interval,
    pub granularity: Granularity,
    pub kind: TimeKind,
}

/// How the interval was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// Stated in full by the text ("Aug. 30, 2025", "in 2024", "March 2024").
    Absolute,
    /// Resolved against the publication date ("last week", "on Friday", "in April").
    Relative,
    /// Resolved against another date stated nearby ("a day earlier").
    Anchored,
    /// A range from a start to the publication date ("since February 2022").
    Since,
}

/// Which year a month, quarter, half or season belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    /// Written out: "March 2024".
    Abs(i32),
    /// Relative to the publication year: "last year" -1, "this year" 0.
    Rel(i32),
    /// The nearest one, past or future by tense: "in March".
    Infer,
    /// The most recent one strictly before the current one: "last March".
    Last,
    /// The first one strictly after the current one: "next March".
    Next,
}

/// A part of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    /// From its start to the publication date ("earlier this year").
    Earlier,
    /// From the publication date to its end ("later this month").
    Later,
    Early,
    Mid,
    Late,
}

/// The tense of the clause around an expression, which picks the side of the publication date
/// that a year-less date, month or weekday falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    /// No cue: a year-less date or month is the most recent one unless the next one is much
    /// nearer ("the December debate" said in late November).
    Unmarked,
    Past,
    /// "will", "is scheduled for": ahead.
    Future,
    /// A future seen from the past ("would", "was due to", "a vote scheduled for"): ahead unless
    /// the most recent one is much nearer.
    WeakFuture,
}

impl Tense {
    fn ahead(self) -> bool {
        matches!(self, Tense::Future | Tense::WeakFuture)
    }

    /// The side for a year-less date or month.
    fn side(self) -> cal::Side {
        match self {
            Tense::Unmarked => cal::Side::Near,
            Tense::Past => cal::Side::Back,
            Tense::Future => cal::Side::Ahead,
            Tense::WeakFuture => cal::Side::NearAhead,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WdRel {
    Auto,
    Last,
    This,
    Next,
}

/// What an expression means before it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sem {
    Date {
        y: Option<i32>,
        m: u32,
        d: u32,
    },
    Month {
        y: YearRef,
        m: u32,
        part: Part,
    },
    Year {
        y: YearRef,
        part: Part,
    },
    YearSpan(i32, i32),
    Decade(i32),
    Quarter {
        y: YearRef,
        q: u32,
    },
    Half {
        y: YearRef,
        h: u32,
    },
    Season {
        y: YearRef,
        first: u32,
        last: u32,
    },
    /// Months `first..=last` of one year: "the first nine months of 2019".
    Months {
        y: YearRef,
        first: u32,
        last: u32,
    },
    /// "the first week of July" (n = 1), "the last week of June" (n = -1).
    WeekOfMonth {
        y: YearRef,
        m: u32,
        n: i32,
    },
    Weekday {
        wd: u32,
        rel: WdRel,
    },
    /// "today" 0, "yesterday" -1.
    RelDay(i64),
    /// "last week" -1, "this week" 0.
    RelWeek {
        off: i64,
        part: Part,
    },
    RelMonth {
        off: i64,
        part: Part,
    },
    RelQuarter(i64),
    /// "this weekend" Some(0), "last weekend" Some(-1), "the weekend" None.
    Weekend(Option<i64>),
    /// "two weeks ago": the unit `n` back from publication.
    Ago {
        unit: Unit,
        n: i64,
    },
    /// "in the past 24 hours", "over the past three weeks": `days` back to publication.
    Past {
        days: i64,
    },
    /// "the next three days": the `days` after publication.
    Coming {
        days: i64,
    },
    /// "a day earlier" (n = -1), "two days later" (n = 2): relative to a nearby stated date.
    Anchored {
        unit: Unit,
        n: i64,
    },
    Since(Box<Sem>),
    /// "between 2014 and 2018", "from May to September", "November 18-19".
    Range(Box<Sem>, Box<Sem>),
}

/// A matched expression: token range and meaning.
#[derive(Debug, Clone)]
struct Match {
    start: usize,
    end: usize,
    sem: Sem,
}

const NO_ENTRY: Entry = Entry {
    month: 0,
    month_abbr: false,
    weekday: 0,
    season: None,
    relday: None,
    unit: None,
    number: 0,
    ordinal: 0,
    day_part: false,
    future: false,
    future_needs: None,
    past: false,
    count_noun: false,
    year_blocker: false,
    count_qualifier: false,
    month_context: false,
    time_prep: false,
    street: false,
    period: 0,
    weekday_name: false,
    grammar: false,
    weekday_holiday: false,
    determiner: false,
    holiday: false,
    opens: false,
    kw: Kw::None,
    core: false,
};

/// The entry of a token in no table that may open an expression and carry it: a number,
/// "mid-March", "Q3".
const OPENS: Entry = Entry { opens: true, core: true, ..NO_ENTRY };

/// Reading options that depend on the document, not on the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Read an ambiguous numeric date "03/04/2024" day first (3 April), as in British English.
    /// Without it such dates are left alone; unambiguous ones ("25/12/2023") are read either way.
    pub day_first: bool,
}

impl Options {
    /// Options for a document language tag such as `en-GB` or `en_US`: day first for English
    /// outside North America and the Philippines.
    pub fn for_lang(lang: Option<&str>) -> Options {
        let Some(tag) = lang else { return Options::default() };
        let mut parts = tag.split(['-', '_']);
        let language = parts.next().unwrap_or("");
        let region = parts.next().unwrap_or("").to_ascii_uppercase();
        let day_first =
            language.eq_ignore_ascii_case("en") && !region.is_empty() && !matches!(region.as_str(), "US" | "CA" | "PH");
        Options { day_first }
    }
}

struct Scan<'a, 'b> {
    an: &'b Analysis<'a>,
    /// The lexicon entry of each token; numbers and words in no table that may still open an
    /// expression ("mid-March", "Q3") get [`OPENS`], other tokens [`NO_ENTRY`].
    ents: Vec<&'static Entry>,
    opts: Options,
}

/// A word in no table (lower case) that still opens an expression: "mid-March", "Q3".
#[inline]
fn opens_unlisted(w: &[u8]) -> bool {
    w.starts_with(b"mid-") || (w.len() == 2 && w.first() == Some(&b'q'))
}

impl<'a, 'b> Scan<'a, 'b> {
    fn new(an: &'b Analysis<'a>, opts: Options) -> Self {
        let low = an.low.as_bytes();
        let lex = lexicon::table();
        let ents = an
            .tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word => {
                    let (start, n) = (t.span.start, t.span.end.wrapping_sub(t.span.start));
                    // Most words: their bytes read as one integer, hashed and compared whole.
                    if let Ok((en, word)) = lex.get_short(low, start, n) {
                        return match en {
                            Some(en) => en,
                            // One test of the first byte settles most misses.
                            None if matches!(word as u8, b'm' | b'q')
                                && opens_unlisted(low.get(t.span.range()).unwrap_or(&[])) =>
                            {
                                &OPENS
                            }
                            None => &NO_ENTRY,
                        };
                    }
                    let w = low.get(t.span.range()).unwrap_or(&[]);
                    match lex.get(w) {
                        Some(en) => en,
                        None if opens_unlisted(w) => &OPENS,
                        None => &NO_ENTRY,
                    }
                }
                TokenKind::Number => &OPENS,
                _ => &NO_ENTRY,
            })
            .collect();
        Scan { an, ents, opts }
    }

    #[inline]
    fn may_open(&self, i: usize) -> bool {
        self.e(i).opens
    }

    #[inline]
    fn e(&self, i: usize) -> &'static Entry {
        self.ents.get(i).copied().unwrap_or(&NO_ENTRY)
    }

    fn t(&self, i: usize) -> &'a str {
        self.an.tok(i)
    }

    /// Token `i` lower-cased, or "" when it is not ASCII or longer than any word compared with.
    #[inline]
    fn lw(&self, i: usize) -> &'b str {
        let w = self.an.low(i);
        if w.len() > WORD_MAX || !w.is_ascii() {
            ""
        } else {
            w
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.t(i).eq_ignore_ascii_case(w)
    }

    /// Token `i` is the keyword `k` (in any case).
    #[inline]
    fn is_kw(&self, i: usize, k: Kw) -> bool {
        self.e(i).kw == k
    }

    /// The text of token `i` when it is a mark, "" for a word or a number (read without
    /// slicing the body).
    #[inline]
    fn punct(&self, i: usize) -> &'a str {
        match self.kind(i) {
            Some(TokenKind::Word | TokenKind::Number) | None => "",
            Some(_) => self.t(i),
        }
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.an.tokens.get(i).map(|t| t.kind)
    }

    /// Token `i` touches the token before it (no white space between).
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.an.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.an.is_cap(i)
    }

    /// A month word that may stand as a month: capitalised, or in lower case when it is no
    /// common word too ("march", "may" and "august" are).
    fn month_word(&self, i: usize) -> bool {
        let m = self.e(i).month;
        m > 0 && (self.capitalized(i) || !matches!(m, 3 | 5 | 8))
    }

    /// A plain integer token (no separators) and its value.
    fn int(&self, i: usize) -> Option<u32> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.t(i);
        if s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// A four-digit year 1900..=2100 at `i`.
    fn year_num(&self, i: usize) -> Option<i32> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.t(i);
        if s.len() != 4 {
            return None;
        }
        let y = self.int(i)?;
        (1900..=2100).contains(&y).then_some(y as i32)
    }

    /// A day of the month at `i` ("5", "5th"), and the token after it.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.t(i);
        if s.len() > 2 {
            return None;
        }
        let d = self.int(i)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.glued(j) && matches!(self.lw(j), "st" | "nd" | "rd" | "th") {
            j += 1;
        }
        // "March 3:30" or "March 3.5" is not a day; "April 12 soldiers" is a count.
        if self.glued(j) && matches!(self.t(j), ":" | "%") {
            return None;
        }
        if self.e(j).count_noun {
            return None;
        }
        Some((d, j))
    }

    /// A count at `i`: digits or a number word; its value and the next token.
    fn count(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(n) = self.int(i) {
            return (n <= 1000).then_some((i64::from(n), i + 1));
        }
        let n = self.e(i).number;
        // "a couple of weeks"
        let next = if self.is_kw(i, Kw::Couple) && self.is_kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        (n > 0).then_some((i64::from(n), next))
    }

    /// A vague count word ("few", "several") that cannot place a point in time.
    fn vague(&self, i: usize) -> bool {
        self.is_kw(i, Kw::Few) || self.is_kw(i, Kw::Several)
    }

    /// "this year", "last year", "next year", "the year", "2024" at `i`.
    fn year_expr(&self, i: usize) -> Option<(YearRef, usize)> {
        if let Some(y) = self.year_num(i) {
            return Some((YearRef::Abs(y), i + 1));
        }
        let off = match self.lw(i) {
            "this" | "the" => 0,
            "last" | "previous" => -1,
            "next" => 1,
            _ => return None,
        };
        (self.e(i + 1).unit == Some(Unit::Year)).then_some((YearRef::Rel(off), i + 2))
    }

    // ---- the grammar ----

    /// The expression starting at token `i`, if any (`e` ends the sentence).
    #[inline]
    fn at(&self, i: usize, e: usize) -> Option<Match> {
        // Most tokens open nothing: words in no table (but "mid-March", "Q3") and punctuation.
        if !self.may_open(i) {
            return None;
        }
        if self.is_kw(i, Kw::Between) || self.is_kw(i, Kw::From) {
            let a = self.core(i + 1, e)?;
            let joiners: &[&str] = if self.is_kw(i, Kw::Between) {
                &["and"]
            } else {
                &["to", "through", "till", "until", "-", "–", "—"]
            };
            if !joiners.iter().any(|w| self.is(a.end, w)) {
                return None;
            }
            let b = self.core(a.end + 1, e)?;
            return range_of(a.sem, b.sem).map(|sem| Match { start: i, end: b.end, sem });
        }
        let m = self.at_single(i, e)?;
        // "2014–2018", "Nov 18 - Dec 19, 2015", "2014 through 2018"
        if (self.kind(m.end) == Some(TokenKind::Dash) || self.is_kw(m.end, Kw::Through))
            && !matches!(m.sem, Sem::Since(_) | Sem::Range(..))
        {
            if let Some(b) = self.core(m.end + 1, e) {
                if let Some(sem) = range_of(m.sem.clone(), b.sem) {
                    return Some(Match { start: m.start, end: b.end, sem });
                }
            }
        }
        Some(m)
    }

    #[inline]
    fn at_single(&self, i: usize, e: usize) -> Option<Match> {
        if self.is_kw(i, Kw::Since) {
            let m = self.core(i + 1, e)?;
            return match m.sem {
                Sem::Since(_) | Sem::Past { .. } | Sem::Anchored { .. } => None,
                sem => Some(Match { start: i, end: m.end, sem: Sem::Since(Box::new(sem)) }),
            };
        }
        if self.is_kw(i, Kw::In) || self.is_kw(i, Kw::On) {
            let m = self.core(i + 1, e)?;
            let with_prep = m.start == i + 1
                && !self.is_kw(i + 1, Kw::The)
                && matches!(
                    m.sem,
                    Sem::Date { .. } | Sem::Month { .. } | Sem::Year { y: YearRef::Abs(_), .. } | Sem::YearSpan(..)
                );
            return Some(if with_prep { Match { start: i, ..m } } else { m });
        }
        self.core(i, e)
    }

    fn core(&self, i: usize, e: usize) -> Option<Match> {
        if i >= e {
            return None;
        }
        let m = self.core_inner(i)?;
        (m.end <= e && m.end > m.start).then_some(m)
    }

    fn core_inner(&self, i: usize) -> Option<Match> {
        let en = self.e(i);
        let mk = |end: usize, sem: Sem| Some(Match { start: i, end, sem });
        if let Some(off) = en.relday {
            // "USA Today", "Florida Today": the name of a paper or a show
            if self.capitalized(i)
                && i > 0
                && self.an.tokens.get(i).is_some_and(|t| t.newlines_before == 0)
                && self.kind(i - 1) == Some(TokenKind::Word)
                && self.capitalized(i - 1)
                && self.e(i - 1).month == 0
                && self.e(i - 1).weekday == 0
            {
                return None;
            }
            let mut j = i + 1;
            if self.e(j).day_part {
                j += 1;
            }
            return mk(j, Sem::RelDay(i64::from(off)));
        }
        match en.kw {
            Kw::Earlier | Kw::Later => {
                let part = if en.kw == Kw::Earlier { Part::Earlier } else { Part::Later };
                // "earlier this week", "later in the year"
                let k = if self.is_kw(i + 1, Kw::This) {
                    i + 2
                } else if self.is_kw(i + 1, Kw::In) && self.is_kw(i + 2, Kw::The) {
                    i + 3
                } else {
                    return None;
                };
                if self.t(k).ends_with('s') {
                    return None;
                }
                let sem = match self.e(k).unit? {
                    Unit::Week => Sem::RelWeek { off: 0, part },
                    Unit::Month => Sem::RelMonth { off: 0, part },
                    Unit::Year => Sem::Year { y: YearRef::Rel(0), part },
                    _ => return None,
                };
                return mk(k + 1, sem);
            }
            Kw::Early | Kw::Late | Kw::Mid => {
                let part = match en.kw {
                    Kw::Early => Part::Early,
                    Kw::Late => Part::Late,
                    _ => Part::Mid,
                };
                let inner = self.core_inner(i + 1)?;
                if inner.start != i + 1 {
                    return None;
                }
                let sem = match inner.sem {
                    Sem::Month { y, m, part: Part::Whole } => Sem::Month { y, m, part },
                    Sem::Year { y, part: Part::Whole } => Sem::Year { y, part },
                    Sem::RelMonth { off, part: Part::Whole } => Sem::RelMonth { off, part },
                    sem @ (Sem::Decade(_) | Sem::YearSpan(..)) => decade_part(sem, part)?,
                    _ => return None,
                };
                return mk(inner.end, sem);
            }
            Kw::Last | Kw::This | Kw::Next | Kw::Past | Kw::Previous => return self.modified(i, self.lw(i)),
            Kw::The => return self.the(i),
            _ => {}
        }
        // Only "mid-…", "h1", "q3" are read from the word itself below: skip lower-casing others.
        let first = self.an.tokens.get(i).and_then(|t| self.an.low.as_bytes().get(t.span.start));
        let lw = if matches!(first, Some(b'm' | b'h' | b'q')) { self.lw(i) } else { "" };
        // "mid-March", "mid-2024"
        if let Some(rest) = lw.strip_prefix("mid-") {
            if let Some(m) = lexicon::lookup(rest).filter(|x| x.month > 0 && !x.month_abbr) {
                return mk(i + 1, Sem::Month { y: YearRef::Infer, m: u32::from(m.month), part: Part::Mid });
            }
            if rest.len() == 4 {
                if let Ok(y) = rest.parse::<i32>() {
                    if (1900..=2100).contains(&y) {
                        return mk(i + 1, Sem::Year { y: YearRef::Abs(y), part: Part::Mid });
                    }
                }
            }
            // "mid-1990s"
            if let Some(y) = rest.strip_suffix('s').filter(|r| r.len() == 4).and_then(|r| r.parse::<i32>().ok()) {
                if (1000..=2100).contains(&y) && y % 10 == 0 {
                    return mk(i + 1, decade_part(Sem::Decade(y), Part::Mid)?);
                }
            }
            return None;
        }
        if en.holiday && self.capitalized(i) {
            if let Some(m) = self.holiday(i) {
                return Some(m);
            }
        }
        if en.weekday > 0 {
            return self.weekday(i);
        }
        if en.month > 0 {
            return self.month(i);
        }
        // "third-quarter results", "up 39 percent year-to-date"
        if en.period == lexicon::YEAR_TO_DATE {
            return mk(i + 1, Sem::Year { y: YearRef::Rel(0), part: Part::Earlier });
        }
        if en.period > 0 {
            return mk(i + 1, Sem::Quarter { y: YearRef::Infer, q: u32::from(en.period) });
        }
        // "its third quarter" (with "the" it is read from "the"): the quarter looks back
        if en.unit == Some(Unit::Quarter) && i > 0 {
            let ord = self.e(i - 1).ordinal;
            if (1..=4).contains(&ord) && !self.is_kw(i.saturating_sub(2), Kw::The) {
                return Some(Match {
                    start: i - 1,
                    end: i + 1,
                    sem: Sem::Quarter { y: YearRef::Infer, q: ord as u32 },
                });
            }
            return None;
        }
        if let Some((first, last)) = en.season {
            // "summer 2024"
            let y = self.year_num(i + 1)?;
            return mk(i + 2, Sem::Season { y: YearRef::Abs(y), first: u32::from(first), last: u32::from(last) });
        }
        // "H1 2024"
        if let Some(h) = lw.strip_prefix('h').and_then(|h| h.parse::<u32>().ok()).filter(|h| matches!(h, 1 | 2)) {
            let y = self.year_num(i + 1)?;
            return mk(i + 2, Sem::Half { y: YearRef::Abs(y), h });
        }
        // "Q2 2024", "Q3"
        if let Some(q) = quarter_word(lw) {
            if let Some(y) = self.year_num(i + 1) {
                return mk(i + 2, Sem::Quarter { y: YearRef::Abs(y), q });
            }
            return self.capitalized(i).then_some(Match {
                start: i,
                end: i + 1,
                sem: Sem::Quarter { y: YearRef::Infer, q },
            });
        }
        if self.kind(i) == Some(TokenKind::Number) {
            if let Some(m) = self.numeric(i) {
                return Some(m);
            }
        }
        self.ago(i)
    }

    /// A fixed-date holiday at `i` ("Christmas Eve", "New Year's Day"), with a year after it.
    fn holiday(&self, i: usize) -> Option<Match> {
        for h in lexicon::HOLIDAYS.iter() {
            let fits = h.words.iter().enumerate().all(|(k, w)| {
                let t = self.t(i + k);
                t.eq_ignore_ascii_case(w) || (*w == "'s" && t == "’s")
            });
            if fits {
                let end = i + h.words.len();
                let (y, end) = match self.year_num(end) {
                    Some(y) => (Some(y), end + 1),
                    None => (None, end),
                };
                // "Christmas Island" is a place; a one-word holiday alone ("Christmas shopping")
                // needs a time word before it ("since Christmas", "over Christmas").
                if self.capitalized(end) && self.kind(end) == Some(TokenKind::Word) && self.e(end).month == 0 {
                    return None;
                }
                let time_word = i > 0
                    && ((self.e(i - 1).month_context && !self.weak_prev(i))
                        || ["at", "over", "on", "for", "around", "ahead"].iter().any(|w| self.is(i - 1, w)));
                if h.words.len() == 1 && y.is_none() && !time_word {
                    return None;
                }
                return Some(Match { start: i, end, sem: Sem::Date { y, m: h.month, d: h.day } });
            }
        }
        None
    }

    /// "two days ago", "a day earlier", "three weeks later".
    fn ago(&self, i: usize) -> Option<Match> {
        // Only a number or a number word counts; a number (digits) only before a unit.
        if self.kind(i) == Some(TokenKind::Number) {
            self.e(i + 1).unit?;
        } else if self.e(i).number == 0 {
            return None;
        }
        if self.vague(i) {
            return None;
        }
        let (n, j) = self.count(i)?;
        let unit = self.e(j).unit?;
        let sign = match self.e(j + 1).kw {
            Kw::Ago => 0,
            Kw::Earlier => -1,
            Kw::Later => 1,
            _ => return None,
        };
        let sem = if sign == 0 { Sem::Ago { unit, n } } else { Sem::Anchored { unit, n: n * sign } };
        Some(Match { start: i, end: j + 2, sem })
    }

    /// After "last", "this", "next", "past", "previous" at `i`.
    fn modified(&self, i: usize, lw: &str) -> Option<Match> {
        let j = i + 1;
        let en = self.e(j);
        let mk = |end: usize, sem: Sem| Some(Match { start: i, end, sem });
        let off: i64 = match lw {
            "this" => 0,
            "next" => 1,
            _ => -1,
        };
        // "this past weekend" is last weekend
        if lw == "this" && self.is_kw(j, Kw::Past) {
            let m = self.modified(j, "last")?;
            return mk(m.end, m.sem);
        }
        // "past 24 hours", "last three days", "past week"
        if lw == "past" || (lw == "last" && self.count(j).is_some() && self.e(j + 1).unit.is_some()) {
            let (n, k) = self.count(j).unwrap_or((1, j));
            let unit = self.e(k).unit?;
            let days = unit_days(unit, n)?;
            return mk(k + 1, Sem::Past { days });
        }
        if lw == "next" && self.count(j).is_some() && !self.vague(j) && self.e(j).unit.is_none() {
            let (n, k) = self.count(j)?;
            let days = unit_days(self.e(k).unit?, n)?;
            return mk(k + 1, Sem::Coming { days });
        }
        // "last night" is the night before the publication day; "this morning" is on that day.
        if en.day_part {
            let off = match (lw, self.lw(j)) {
                ("last", "night" | "evening") => -1,
                ("this", "morning" | "afternoon" | "evening") => 0,
                _ => return None,
            };
            return mk(j + 1, Sem::RelDay(off));
        }
        if let Some(unit) = en.unit {
            // "last week of July": the month's last week, never the week before publication.
            if unit == Unit::Week && self.is_kw(j + 1, Kw::Of) {
                let inner = self.month(j + 2).filter(|_| lw == "last")?;
                return match inner.sem {
                    Sem::Month { y, m, part: Part::Whole } => mk(inner.end, Sem::WeekOfMonth { y, m, n: -1 }),
                    _ => None,
                };
            }
            let sem = match unit {
                Unit::Week => Sem::RelWeek { off, part: Part::Whole },
                Unit::Month => Sem::RelMonth { off, part: Part::Whole },
                Unit::Year => Sem::Year { y: YearRef::Rel(off as i32), part: Part::Whole },
                Unit::Quarter => Sem::RelQuarter(off),
                Unit::Weekend => Sem::Weekend(Some(off)),
                _ => return None,
            };
            // Only the singular: "last years" is not a time.
            if self.t(j).ends_with('s') && unit != Unit::Weekend && !self.t(j).eq_ignore_ascii_case("weekends") {
                return None;
            }
            // "so far this year": from its start to publication
            if lw == "this" && i >= 2 && self.lw(i - 1) == "far" && self.lw(i - 2) == "so" {
                let sem = match sem {
                    Sem::RelWeek { off, .. } => Sem::RelWeek { off, part: Part::Earlier },
                    Sem::RelMonth { off, .. } => Sem::RelMonth { off, part: Part::Earlier },
                    Sem::Year { y, .. } => Sem::Year { y, part: Part::Earlier },
                    other => other,
                };
                return Some(Match { start: i - 2, end: j + 1, sem });
            }
            return mk(j + 1, sem);
        }
        let rel = match lw {
            "this" => YearRef::Rel(0),
            "next" => YearRef::Next,
            _ => YearRef::Last,
        };
        if en.month > 0 && (!en.month_abbr || self.capitalized(j)) && self.month_word(j) {
            return mk(j + 1, Sem::Month { y: rel, m: u32::from(en.month), part: Part::Whole });
        }
        if en.weekday > 0 {
            // "this Sunday, Nov. 10, 2019": the date says which day
            if self.t(j + 1) == "," {
                if let Some(m) = self.month(j + 2).filter(|m| matches!(m.sem, Sem::Date { .. })) {
                    return Some(Match { start: i, ..m });
                }
            }
            let rel = match lw {
                "this" => WdRel::This,
                "next" => WdRel::Next,
                _ => WdRel::Last,
            };
            let mut k = j + 1;
            if self.e(k).day_part {
                k += 1;
            }
            return mk(k, Sem::Weekday { wd: u32::from(en.weekday), rel });
        }
        if let Some((first, last)) = en.season {
            return mk(j + 1, Sem::Season { y: rel, first: u32::from(first), last: u32::from(last) });
        }
        None
    }

    /// After "the" at `i`.
    fn the(&self, i: usize) -> Option<Match> {
        let j = i + 1;
        let mk = |end: usize, sem: Sem| Some(Match { start: i, end, sem });
        // Every word matched below is a keyword: others need no lower-casing.
        let w = if self.e(j).kw == Kw::None { "" } else { self.lw(j) };
        match w {
            "past" | "last" | "previous"
                if (w != "previous" && self.e(j + 1).unit.is_some()) || self.count(j + 1).is_some() =>
            {
                // "the last week of June" is an ordinal week, handled below.
                let (n, k) = if self.e(j + 1).unit.is_some() { (1, j + 1) } else { self.count(j + 1)? };
                let unit = self.e(k).unit?;
                if !self.is_kw(k + 1, Kw::Of) {
                    let days = unit_days(unit, n)?;
                    return mk(k + 1, Sem::Past { days });
                }
            }
            "weekend" => return mk(j + 1, Sem::Weekend(None)),
            // "the following week", "the previous day": next to a date stated nearby
            "previous" | "following" => {
                let unit = self.e(j + 1).unit.filter(|_| !self.t(j + 1).ends_with('s'))?;
                let n = if w == "previous" { -1 } else { 1 };
                return mk(j + 2, Sem::Anchored { unit, n });
            }
            // "the day before." / "the day after," with no object
            "day"
                if (self.is_kw(j + 1, Kw::Before) || self.is_kw(j + 1, Kw::After))
                    && matches!(
                        self.kind(j + 2),
                        None | Some(TokenKind::Stop | TokenKind::Punct | TokenKind::Quote)
                    ) =>
            {
                let n = if self.is_kw(j + 1, Kw::Before) { -1 } else { 1 };
                return mk(j + 2, Sem::Anchored { unit: Unit::Day, n });
            }
            // "the next day", "the same day"
            "next" | "same" if self.is_kw(j + 1, Kw::Day) && self.e(j + 2).unit.is_none() => {
                let n = if w == "next" { 1 } else { 0 };
                return mk(j + 2, Sem::Anchored { unit: Unit::Day, n });
            }
            // "the next three days", "the coming two weeks"
            "next" | "coming" if self.count(j + 1).is_some() && !self.vague(j + 1) => {
                let (n, k) = self.count(j + 1)?;
                let days = unit_days(self.e(k).unit?, n)?;
                return mk(k + 1, Sem::Coming { days });
            }
            "start" | "beginning" | "end" | "middle" if self.is_kw(j + 1, Kw::Of) => {
                let part = match w {
                    "start" | "beginning" => Part::Early,
                    "end" => Part::Late,
                    _ => Part::Mid,
                };
                let k = j + 2;
                if let Some((y, end)) = self.year_expr(k) {
                    return mk(end, Sem::Year { y, part });
                }
                // "the end of this month", "the beginning of the week", "the start of next week"
                let off = match self.lw(k) {
                    "this" | "the" => Some(0),
                    "next" => Some(1),
                    "last" => Some(-1),
                    _ => None,
                };
                if let Some(off) = off.filter(|_| !self.t(k + 1).ends_with('s')) {
                    match self.e(k + 1).unit {
                        Some(Unit::Month) => return mk(k + 2, Sem::RelMonth { off, part }),
                        Some(Unit::Week) => return mk(k + 2, Sem::RelWeek { off, part }),
                        _ => {}
                    }
                }
                let inner = self.month(k)?;
                if let Sem::Month { y, m, part: Part::Whole } = inner.sem {
                    return mk(inner.end, Sem::Month { y, m, part });
                }
                return None;
            }
            _ => {}
        }
        // "the first nine months of the year", "the last six months of 2017"
        let ord = self.e(j).ordinal;
        if ord == 1 || ord == -1 {
            if let Some((n, k)) = self.count(j + 1) {
                let per = match self.e(k).unit {
                    Some(Unit::Month) => 1,
                    Some(Unit::Quarter) => 3,
                    _ => 0,
                };
                let months = u32::try_from(n * per).unwrap_or(0);
                if (1..=12).contains(&months) && self.is_kw(k + 1, Kw::Of) {
                    let (y, end) = self.year_expr(k + 2)?;
                    let (first, last) = if ord == 1 { (1, months) } else { (13 - months, 12) };
                    return mk(end, Sem::Months { y, first, last });
                }
            }
        }
        // "the first half of this year", "the second quarter", "the first week of July"
        if ord != 0 {
            let k = j + 1;
            let unit_word = self.lw(k);
            let has_of = self.is_kw(k + 1, Kw::Of);
            match (unit_word, ord) {
                // "the fourteenth century"
                ("century", 1..=21) if self.is_kw(k, Kw::Century) => {
                    let c = i32::from(ord);
                    return mk(k + 1, Sem::YearSpan((c - 1) * 100, (c - 1) * 100 + 99));
                }
                ("half", 1 | 2) if has_of => {
                    let (y, end) = self.year_expr(k + 2)?;
                    return mk(end, Sem::Half { y, h: ord as u32 });
                }
                ("quarter", 1..=4) => {
                    if has_of {
                        let (y, end) = self.year_expr(k + 2)?;
                        return mk(end, Sem::Quarter { y, q: ord as u32 });
                    }
                    return mk(k + 1, Sem::Quarter { y: YearRef::Infer, q: ord as u32 });
                }
                ("week", _) if has_of => {
                    let inner = self.month(k + 2)?;
                    if let Sem::Month { y, m, part: Part::Whole } = inner.sem {
                        return mk(inner.end, Sem::WeekOfMonth { y, m, n: i32::from(ord) });
                    }
                    return None;
                }
                _ => {}
            }
        }
        // "the 30th of August", "the 1990s"
        if let Some((d, k)) = self.day_num(j) {
            if self.is_kw(k, Kw::Of) {
                let en = self.e(k + 1);
                if en.month > 0 {
                    return self.after_month_day(i, k + 2, u32::from(en.month), d);
                }
            }
        }
        // "the summer of 2023"
        if let Some((first, last)) = self.e(j).season {
            if self.is_kw(j + 1, Kw::Of) {
                let y = self.year_num(j + 2)?;
                return mk(j + 3, Sem::Season { y: YearRef::Abs(y), first: u32::from(first), last: u32::from(last) });
            }
        }
        None
    }

    /// A weekday at `i`, with "Sunday, Aug. 31" merged into a date and a part of day kept.
    fn weekday(&self, i: usize) -> Option<Match> {
        // "the Sunday Times"; a lower-case weekday not glued into a handle ("@sunday_club")
        if self.capitalized(i + 1) && self.e(i + 1).weekday_name {
            return None;
        }
        // "Black Friday", "Super Tuesday"
        if i > 0 && self.capitalized(i - 1) && self.e(i - 1).weekday_holiday {
            return None;
        }
        let handle = (i > 0 && self.glued(i) && matches!(self.t(i - 1), "@" | "#" | "_" | "/"))
            || (self.glued(i + 1) && matches!(self.t(i + 1), "_" | "/"));
        if !self.capitalized(i) && handle {
            return None;
        }
        let wd = u32::from(self.e(i).weekday);
        let j = i + 1;
        if self.t(j) == "," {
            if let Some(m) = self.month(j + 1) {
                if matches!(m.sem, Sem::Date { .. }) {
                    return Some(Match { start: i, ..m });
                }
            }
        }
        let mut end = j;
        if self.e(j).day_part && self.kind(j) == Some(TokenKind::Word) {
            end += 1;
        }
        Some(Match { start: i, end, sem: Sem::Weekday { wd, rel: WdRel::Auto } })
    }

    /// Year, "Month Day", "last year" after a month and day, from token `j` on.
    fn after_month_day(&self, start: usize, j: usize, m: u32, d: u32) -> Option<Match> {
        let (y, end) = if self.t(j) == "," && self.year_num(j + 1).is_some() {
            (self.year_num(j + 1), j + 2)
        } else if let Some(y) = self.year_num(j) {
            (Some(y), j + 1)
        } else {
            (None, j)
        };
        Some(Match { start, end, sem: Sem::Date { y, m, d } })
    }

    /// A month name at `i`: a date, a month of a year, or a bare month where context allows.
    fn month(&self, i: usize) -> Option<Match> {
        let en = self.e(i);
        let m = u32::from(en.month);
        if m == 0 {
            return None;
        }
        let mut j = i + 1;
        if en.month_abbr && self.t(j) == "." && self.glued(j) {
            j += 1;
        }
        if let Some((d, k)) = self.day_num(j) {
            // "November 18-19"
            if self.kind(k) == Some(TokenKind::Dash) && self.glued(k) && self.glued(k + 1) {
                if let Some((d2, k2)) = self.day_num(k + 1).filter(|(d2, _)| *d2 > d) {
                    let m2 = self.after_month_day(i, k2, m, d2)?;
                    let y = match m2.sem {
                        Sem::Date { y, .. } => y,
                        _ => None,
                    };
                    let sem = Sem::Range(Box::new(Sem::Date { y, m, d }), Box::new(m2.sem));
                    return Some(Match { start: i, end: m2.end, sem });
                }
            }
            return self.after_month_day(i, k, m, d);
        }
        if let Some(y) = self.year_num(j) {
            return Some(Match { start: i, end: j + 1, sem: Sem::Month { y: YearRef::Abs(y), m, part: Part::Whole } });
        }
        if self.is_kw(j, Kw::Of) || (self.t(j) == "," && en.month_abbr) {
            if let Some(y) = self.year_num(j + 1) {
                return Some(Match {
                    start: i,
                    end: j + 2,
                    sem: Sem::Month { y: YearRef::Abs(y), m, part: Part::Whole },
                });
            }
        }
        // An abbreviation stands alone only capitalised after a time word: "in Jan", "this Feb".
        let abbr_ok =
            en.month_abbr && self.capitalized(i) && i > 0 && self.e(i - 1).month_context && !self.weak_prev(i);
        if (en.month_abbr && !abbr_ok) || !self.month_word(i) || !self.bare_month_ok(i, m) {
            return None;
        }
        // "the September quarter": the quarter that ends with the month
        if m % 3 == 0 && self.is(j, "quarter") {
            return Some(Match { start: i, end: j + 1, sem: Sem::Quarter { y: YearRef::Infer, q: m / 3 } });
        }
        if let Some((YearRef::Rel(off), end)) = self.year_expr(j).filter(|_| !self.is_kw(j, Kw::The)) {
            return Some(Match { start: i, end, sem: Sem::Month { y: YearRef::Rel(off), m, part: Part::Whole } });
        }
        Some(Match { start: i, end: j, sem: Sem::Month { y: YearRef::Infer, m, part: Part::Whole } })
    }

    /// A capitalised month name with no day or year is a month when the words around allow:
    /// "May" only after a time preposition ("since May"); other months unless a capitalised
    /// name follows ("April Ryan").
    fn bare_month_ok(&self, i: usize, m: u32) -> bool {
        let prev_ok = i > 0 && self.e(i - 1).month_context;
        if m == 5 {
            return prev_ok && !self.is_kw(i - 1, Kw::And) && !self.is_kw(i - 1, Kw::Or);
        }
        let next = i + 1;
        let next_is_name = self.kind(next) == Some(TokenKind::Word)
            && self.capitalized(next)
            && self.e(next).month == 0
            && !self.glued(next);
        (prev_ok && !self.weak_prev(i)) || !next_is_name
    }

    /// The word before `i` is a weak time context ("and", "the", "of"...).
    fn weak_prev(&self, i: usize) -> bool {
        i > 0 && matches!(self.e(i - 1).kw, Kw::And | Kw::Or | Kw::A | Kw::The | Kw::To | Kw::Of)
    }

    /// Numbers: ISO and slash dates, "30 August 2025", years, year spans, decades.
    fn numeric(&self, i: usize) -> Option<Match> {
        let mk = |end: usize, sem: Sem| Some(Match { start: i, end, sem });
        let s = self.t(i);
        if let Some(y) = self.year_num(i) {
            // 2025-08-30
            if self.t(i + 1) == "-" && self.glued(i + 1) && self.glued(i + 2) && self.t(i + 2).len() == 2 {
                if let (Some(m), true, true, Some(d)) = (
                    self.int(i + 2),
                    self.t(i + 3) == "-" && self.glued(i + 3),
                    self.glued(i + 4) && self.t(i + 4).len() == 2,
                    self.int(i + 4),
                ) {
                    cal::ymd(y, m, d)?;
                    return mk(i + 5, Sem::Date { y: Some(y), m, d });
                }
            }
            // 1990s; "the 1900s" is the century
            if self.glued(i + 1) && self.t(i + 1) == "s" && y % 10 == 0 {
                return mk(i + 2, decade_or_century(y));
            }
            // "2019 Q1", "2017-Q1"
            let qi = if self.t(i + 1) == "-" && self.glued(i + 1) { i + 2 } else { i + 1 };
            if let Some(q) = quarter_word(self.lw(qi)) {
                return mk(qi + 1, Sem::Quarter { y: YearRef::Abs(y), q });
            }
            // "2024-05" (but "2011-12" is a span of years)
            if self.t(i + 1) == "-" && self.glued(i + 1) && self.glued(i + 2) && self.t(i + 2).len() == 2 {
                if let Some(n) = self.int(i + 2) {
                    if n as i32 != (y + 1) % 100 && (1..=12).contains(&n) {
                        return mk(i + 3, Sem::Month { y: YearRef::Abs(y), m: n, part: Part::Whole });
                    }
                }
            }
            // "2024/25"
            if self.t(i + 1) == "/" && self.glued(i + 1) && self.glued(i + 2) {
                let y2 = match self.t(i + 2).len() {
                    2 => self.int(i + 2).map(|n| y - y % 100 + n as i32),
                    4 => self.year_num(i + 2),
                    _ => None,
                };
                if let Some(y2) = y2.filter(|&y2| y2 == y + 1) {
                    return mk(i + 3, Sem::YearSpan(y, y2));
                }
            }
            if !self.year_ok(i) {
                return None;
            }
            // 2020-21, 2020–2022
            if self.kind(i + 1) == Some(TokenKind::Dash) && self.kind(i + 2) == Some(TokenKind::Number) {
                let t2 = self.t(i + 2);
                let y2 = match t2.len() {
                    2 => self.int(i + 2).map(|n| y - y % 100 + n as i32),
                    4 => self.year_num(i + 2),
                    _ => None,
                };
                if let Some(y2) = y2.filter(|&y2| y2 > y && y2 - y <= 30) {
                    return mk(i + 3, Sem::YearSpan(y, y2));
                }
            }
            return mk(i + 1, Sem::Year { y: YearRef::Abs(y), part: Part::Whole });
        }
        // "the 1300s", "the 1860s"
        if s.len() == 4 && self.glued(i + 1) && self.t(i + 1) == "s" {
            let y = self.int(i)? as i32;
            if (1000..1900).contains(&y) && y % 10 == 0 {
                return mk(i + 2, decade_or_century(y));
            }
            return None;
        }
        // 19.11.2019: dotted dates are day first
        if (8..=10).contains(&s.len()) && s.bytes().filter(|&b| b == b'.').count() == 2 {
            let mut it = s.split('.');
            if let (Some(a), Some(b), Some(c)) = (it.next(), it.next(), it.next()) {
                if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
                    if let (Ok(d), Ok(m), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), c.parse::<i32>()) {
                        if (1900..=2100).contains(&y) {
                            cal::ymd(y, m, d)?;
                            return mk(i + 1, Sem::Date { y: Some(y), m, d });
                        }
                    }
                }
            }
            return None;
        }
        // "the '90s", "the 80s"
        if s.len() == 2 && self.glued(i + 1) && self.t(i + 1) == "s" {
            let v = self.int(i)? as i32;
            let quoted = i > 0 && self.glued(i) && matches!(self.t(i - 1), "'" | "’" | "‘");
            let after_the = i > 0 && ["the", "early", "late", "mid"].iter().any(|w| self.is(i - 1, w));
            if v % 10 == 0 && (quoted || after_the) {
                let y = if v >= 30 { 1900 + v } else { 2000 + v };
                let start = if quoted { i - 1 } else { i };
                return Some(Match { start, end: i + 2, sem: Sem::Decade(y) });
            }
            return None;
        }
        // "the 20th century"
        if s.len() <= 2
            && self.glued(i + 1)
            && matches!(self.t(i + 1), "st" | "nd" | "rd" | "th")
            && self.is_kw(i + 2, Kw::Century)
        {
            let c = self.int(i)? as i32;
            if (1..=21).contains(&c) {
                return mk(i + 3, Sem::YearSpan((c - 1) * 100, (c - 1) * 100 + 99));
            }
        }
        // 30/08/2025 only when unambiguous
        if s.len() <= 2 && self.t(i + 1) == "/" && self.glued(i + 1) && self.glued(i + 2) && self.t(i + 3) == "/" {
            let (a, b) = (self.int(i)?, self.int(i + 2)?);
            let y = self.year_num(i + 4).filter(|_| self.glued(i + 3) && self.glued(i + 4))?;
            let (m, d) = if a > 12 && b <= 12 {
                (b, a)
            } else if (b > 12 && a <= 12) || a == b {
                (a, b)
            } else if self.opts.day_first {
                (b, a)
            } else {
                return None;
            };
            cal::ymd(y, m, d)?;
            return mk(i + 5, Sem::Date { y: Some(y), m, d });
        }
        // 30 August (2025); the month is at most three tokens on ("30th of August").
        let month_near = (i + 1..=i + 3).any(|k| self.e(k).month > 0);
        if let Some((d, k)) = month_near.then(|| self.day_num(i)).flatten() {
            let k = if self.is_kw(k, Kw::Of) { k + 1 } else { k };
            let en = self.e(k);
            if en.month > 0 && (self.capitalized(k) || m_ok_lower(en.month)) {
                let mut j = k + 1;
                if en.month_abbr && self.t(j) == "." && self.glued(j) {
                    j += 1;
                }
                let (y, end) = match self.year_num(j) {
                    Some(y) => (Some(y), j + 1),
                    None => (None, j),
                };
                return mk(end, Sem::Date { y, m: u32::from(en.month), d });
            }
        }
        None
    }

    /// A four-digit number is a year unless it counts something, is an identifier or a clock time.
    fn year_ok(&self, i: usize) -> bool {
        if i > 0 {
            let prev = self.e(i - 1);
            // "about 2000", but "until at least 2021"
            if prev.year_blocker || (prev.count_qualifier && !self.after_time_prep(i - 1)) {
                return false;
            }
            if self.glued(i) && matches!(self.kind(i - 1), Some(TokenKind::Punct | TokenKind::Dash)) {
                // "$2024", "#2024", "A-2024"; but "(1982)", "(2018, May 3)" are years
                let bracketed = self.t(i - 1) == "(" && matches!(self.t(i + 1), ")" | ",");
                if !bracketed {
                    return false;
                }
            }
            if self.glued(i) && self.kind(i - 1) == Some(TokenKind::Word) {
                return false;
            }
        }
        if i > 0 && self.kind(i - 1) == Some(TokenKind::Word) {
            // "RTX 2060", "Tomb Raider 2013": a model name in capitals or a title before the number
            let prev = self.t(i - 1);
            let caps = prev.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && (prev.len() >= 3 || prev.bytes().any(|b| b.is_ascii_digit()));
            if caps && self.e(i - 1).month == 0 {
                return false;
            }
        }
        let next = i + 1;
        let possessive = matches!(self.t(next), "'" | "’") && self.glued(next + 1) && self.is(next + 1, "s");
        if self.glued(next)
            && !possessive
            && !matches!(
                self.t(next),
                "," | "." | ")" | ";" | ":" | "'s" | "’s" | "-" | "–" | "—" | "?" | "!" | "\"" | "”"
            )
        {
            return false;
        }
        // "the 2020 Audi e-tron", "a 2021 RAV4": a model year (but "in 2020 Audi sold more")
        let time_prep = i > 0 && self.e(i - 1).month_context && !self.weak_prev(i);
        if !time_prep && self.capitalized(next) && self.kind(next) == Some(TokenKind::Word) && !self.glued(next) {
            if lexicon::is_product(self.an.low(next)) {
                return false;
            }
            let w = self.t(next);
            let letters = w.bytes().filter(u8::is_ascii_alphabetic).count();
            if letters >= 2 && w.bytes().any(|b| b.is_ascii_digit()) && self.e(next).month == 0 {
                return false;
            }
        }
        // "1909 Jolinda Drive": a street address
        if self.capitalized(next) && (self.e(next + 1).street || self.e(next + 2).street) {
            return false;
        }
        if self.glued(next) && self.t(next) == ":" && self.kind(next + 1) == Some(TokenKind::Number) {
            return false;
        }
        if self.e(next).count_noun {
            return false;
        }
        if matches!(self.t(next), "GMT" | "UTC" | "hours" | "hrs" | "BST" | "EST" | "ET") {
            return false;
        }
        true
    }

    /// The count qualifier at `q` ("least", "about") follows a preposition that only a time
    /// takes: "until at least 2021", "since about 1990".
    fn after_time_prep(&self, q: usize) -> bool {
        (1..=2).any(|b| q >= b && self.e(q - b).time_prep)
    }

    // ---- tense ----

    /// The tense of the clause around tokens `start..end`: the nearest verb cue before the
    /// expression, or after it when none precedes.
    fn tense(&self, start: usize, end: usize, s: usize, e: usize) -> Tense {
        let lo = s.max(start.saturating_sub(20));
        for k in (lo..start).rev() {
            if matches!(self.punct(k), ";" | ":") || self.kind(k) == Some(TokenKind::Quote) {
                break;
            }
            // "is on June 15", "are due Sunday": a present copula right before the time
            if start - k <= 2 && (self.is_kw(k, Kw::Is) || self.is_kw(k, Kw::Are)) {
                return Tense::Future;
            }
            // "is to be held", "expected to be signed"; "was expected to be signed" looked ahead
            // from the past
            if self.is_kw(k, Kw::Be) && k > 0 && self.is_kw(k - 1, Kw::To) {
                let head = k.saturating_sub(2);
                let en = self.e(head);
                return if k >= 2 && en.future && self.weak_future(head, en) {
                    Tense::WeakFuture
                } else {
                    Tense::Future
                };
            }
            // "will be reviewed": a participle after "be" leaves the tense to the auxiliary
            if k > 0 && self.is_kw(k - 1, Kw::Be) && self.cue(k, start) == Some(Tense::Past) {
                continue;
            }
            if let Some(v) = self.cue(k, start) {
                return v;
            }
        }
        for k in end..e.min(end + 8) {
            if matches!(self.punct(k), ";" | ":" | ",") || self.kind(k) == Some(TokenKind::Quote) {
                if self.punct(k) == "," && k == end {
                    continue;
                }
                break;
            }
            if let Some(v) = self.cue(k, start) {
                return v;
            }
        }
        Tense::Unmarked
    }

    /// A future cue, a past-tense verb, or None.
    fn cue(&self, k: usize, start: usize) -> Option<Tense> {
        let en = self.e(k);
        if en.future {
            // "its plans", "the hopes": nouns; "a scheduled vote" keeps its participle
            let noun = k > 0 && self.e(k - 1).determiner && !self.t(k).ends_with("ed");
            let needs_met = en
                .future_needs
                .is_none_or(|ws| ws.split('|').any(|w| if w == "@" { k + 1 == start } else { self.is(k + 1, w) }));
            if needs_met && !noun {
                return Some(if self.weak_future(k, en) { Tense::WeakFuture } else { Tense::Future });
            }
        }
        if en.past {
            return Some(Tense::Past);
        }
        // A past participle or past tense: a lower-case word of five letters or more in "-ed".
        let tok = self.an.tokens.get(k)?;
        if tok.kind != TokenKind::Word || tok.span.end.saturating_sub(tok.span.start) < 5 {
            return None;
        }
        let w = self.t(k);
        // ... but not an adjective after a determiner ("the expanded show", "a detailed plan")
        if w.len() >= 5
            && w.ends_with("ed")
            && w.chars().next().is_some_and(char::is_lowercase)
            && !(k > 0 && self.e(k - 1).determiner)
        {
            return Some(Tense::Past);
        }
        None
    }

    /// A future cue at `k` that may look ahead from the past: "would", or a schedule word
    /// ("scheduled for", "expected to", "due on") with no present "is" / "are" / "be" before it
    /// ("a vote scheduled for", "was due to").
    fn weak_future(&self, k: usize, en: &Entry) -> bool {
        if en.future_needs.is_none() {
            return self.is(k, "would");
        }
        let w = self.lw(k);
        let participle = w.ends_with("ed") || matches!(w, "due" | "set");
        participle && !(1..=2).any(|b| k >= b && self.present_be(k - b))
    }

    /// A present form of "be" (or "remain"): "is", "are", "am", "'s", "be", "been".
    fn present_be(&self, k: usize) -> bool {
        match self.e(k).kw {
            Kw::Is | Kw::Are | Kw::Be => true,
            _ => self.t(k).len() <= 7 && matches!(self.lw(k), "am" | "'s" | "’s" | "been" | "remains" | "remain"),
        }
    }
}

/// A lower-case month word that is no common English word.
fn m_ok_lower(m: u8) -> bool {
    !matches!(m, 3 | 5 | 8)
}

/// "the 1990s" is a decade, "the 1800s" a century (but "the 2000s" a decade).
fn decade_or_century(y: i32) -> Sem {
    if y % 100 == 0 && y < 2000 {
        Sem::YearSpan(y, y + 99)
    } else {
        Sem::Decade(y)
    }
}

/// The early, middle or late years of a decade or a century ("the early 1990s": 1990-1993).
fn decade_part(sem: Sem, part: Part) -> Option<Sem> {
    let (a, len) = match sem {
        Sem::Decade(y) => (y, 10),
        Sem::YearSpan(a, b) if b - a == 99 => (a, 100),
        _ => return None,
    };
    let third = len / 3;
    Some(match part {
        Part::Early => Sem::YearSpan(a, a + third),
        Part::Mid => Sem::YearSpan(a + third, a + len - 1 - third),
        Part::Late => Sem::YearSpan(a + len - 1 - third, a + len - 1),
        _ => return None,
    })
}

/// "q1".."q4" as a quarter number.
fn quarter_word(lw: &str) -> Option<u32> {
    let q = lw.strip_prefix('q')?.parse::<u32>().ok()?;
    (1..=4).contains(&q).then_some(q)
}

/// Two ends that make a range: dates, months, years (with each other), seasons, quarters.
fn range_of(a: Sem, b: Sem) -> Option<Sem> {
    let calendar = |s: &Sem| {
        matches!(
            s,
            Sem::Date { .. }
                | Sem::Month { part: Part::Whole, .. }
                | Sem::Year { y: YearRef::Abs(_), part: Part::Whole }
                | Sem::Quarter { .. }
                | Sem::Season { .. }
        )
    };
    (calendar(&a) && calendar(&b)).then(|| Sem::Range(Box::new(a), Box::new(b)))
}

/// The month of a date or month meaning whose year is left to inference.
fn yearless_month(s: &Sem) -> Option<u32> {
    match *s {
        Sem::Date { y: None, m, .. } | Sem::Month { y: YearRef::Infer, m, .. } => Some(m),
        _ => None,
    }
}

fn month_of(s: &Sem) -> Option<u32> {
    match *s {
        Sem::Date { m, .. } | Sem::Month { m, .. } => Some(m),
        _ => None,
    }
}

fn with_year(s: &Sem, year: i32) -> Sem {
    match *s {
        Sem::Date { y: None, m, d } => Sem::Date { y: Some(year), m, d },
        Sem::Month { y: YearRef::Infer, m, part } => Sem::Month { y: YearRef::Abs(year), m, part },
        ref other => other.clone(),
    }
}

/// A range: a year-less end takes its year from the other end.
fn resolve_range(a: &Sem, b: &Sem, ctx: &Ctx) -> Option<Option<cal::Iv>> {
    if let (Some(ma), None) = (yearless_month(a), yearless_month(b)) {
        let (rb, _) = resolve(b, ctx)?;
        let Some((bs, be)) = rb else { return Some(None) };
        let yb = bs.year();
        let a2 = with_year(a, if ma > month_of(b).unwrap_or(12) { yb - 1 } else { yb });
        let (ra, _) = resolve(&a2, ctx)?;
        return Some(ra.map(|(s, _)| (s, be)));
    }
    let (ra, _) = resolve(a, ctx)?;
    let Some((as_, ae)) = ra else { return Some(None) };
    let b2 = match (yearless_month(b), month_of(a)) {
        (Some(mb), Some(ma)) => with_year(b, if mb < ma { as_.year() + 1 } else { as_.year() }),
        (Some(mb), None) => with_year(b, if mb < as_.month() { as_.year() + 1 } else { as_.year() }),
        _ => b.clone(),
    };
    let (rb, _) = resolve(&b2, ctx)?;
    Some(rb.map(|(_, be)| (as_, be.max(ae))))
}

/// The longest word compared with the time tables' literal words.
const WORD_MAX: usize = 24;

fn unit_days(unit: Unit, n: i64) -> Option<i64> {
    Some(match unit {
        Unit::Hour => (n + 23) / 24,
        Unit::Day => n,
        Unit::Week => 7 * n,
        Unit::Fortnight => 14 * n,
        Unit::Month => 30 * n,
        Unit::Year => 365 * n,
        Unit::Decade => 3652 * n,
        _ => return None,
    })
}

/// Context of one resolution.
#[derive(Clone, Copy)]
struct Ctx {
    published: Option<NaiveDate>,
    tense: Tense,
    /// The weekday written with a year-less date ("Friday, Dec. 6"), 0 when none: it names the
    /// year.
    weekday: u32,
    /// The nearest day stated before the expression in its sentence, or the publication date.
    anchor: Option<NaiveDate>,
    /// The start of the nearest month, quarter or year stated before it, or the anchor day.
    anchor_period: Option<NaiveDate>,
    /// Whether that period is a month: "in February ... a year earlier" is February a year before.
    anchor_is_month: bool,
}

fn iv(x: cal::Iv) -> Interval {
    Interval::new(x.0, x.1)
}

fn apply_part(x: cal::Iv, part: Part, p: Option<NaiveDate>) -> Option<cal::Iv> {
    match part {
        Part::Whole => Some(x),
        Part::Earlier => Some((x.0, p?.min(x.1).max(x.0))),
        Part::Later => Some((p?.max(x.0).min(x.1), x.1)),
        Part::Early => cal::third(x, 0),
        Part::Mid => cal::third(x, 1),
        Part::Late => cal::third(x, 2),
    }
}

fn part_gran(part: Part, whole: Granularity) -> Granularity {
    if part == Part::Whole {
        whole
    } else {
        Granularity::Range
    }
}

/// The year a month-level item falls in.
fn year_of(y: YearRef, m: u32, ctx: &Ctx) -> Option<i32> {
    let p = ctx.published;
    Some(match y {
        YearRef::Abs(y) => y,
        YearRef::Rel(off) => p?.year() + off,
        YearRef::Infer => cal::month_year_pick(p?, m, ctx.tense.side()),
        YearRef::Last => {
            let p = p?;
            if m < p.month() {
                p.year()
            } else {
                p.year() - 1
            }
        }
        YearRef::Next => {
            let p = p?;
            if m > p.month() {
                p.year()
            } else {
                p.year() + 1
            }
        }
    })
}

fn is_relative(sem: &Sem) -> bool {
    match sem {
        Sem::Date { y, .. } => y.is_none(),
        Sem::Month { y, .. } | Sem::Year { y, .. } | Sem::Quarter { y, .. } | Sem::Half { y, .. } => {
            !matches!(y, YearRef::Abs(_))
        }
        Sem::Season { y, .. } | Sem::WeekOfMonth { y, .. } | Sem::Months { y, .. } => !matches!(y, YearRef::Abs(_)),
        Sem::YearSpan(..) | Sem::Decade(_) => false,
        Sem::Range(a, b) => is_relative(a) || is_relative(b),
        _ => true,
    }
}

/// Resolves a meaning to an interval and granularity; `None` drops an impossible date.
fn resolve(sem: &Sem, ctx: &Ctx) -> Option<(Option<cal::Iv>, Granularity)> {
    let p = ctx.published;
    let day = |d: Option<NaiveDate>| (d.map(|d| (d, d)), Granularity::Day);
    Some(match *sem {
        Sem::Date { y: Some(y), m, d } => (Some((cal::ymd(y, m, d)?, cal::ymd(y, m, d)?)), Granularity::Day),
        Sem::Date { y: None, m, d } => {
            // An impossible day ("February 30") is no date at all.
            cal::ymd(2024, m, d)?;
            day(p.and_then(|p| cal::date_pick(p, m, d, ctx.weekday, ctx.tense.side())))
        }
        Sem::Month { y, m, part } => {
            let x = year_of(y, m, ctx).and_then(|y| cal::month(y, m)).and_then(|x| apply_part(x, part, p));
            (x, part_gran(part, Granularity::Month))
        }
        Sem::Year { y, part } => {
            let x = year_of(y, 1, ctx).and_then(cal::year).and_then(|x| apply_part(x, part, p));
            (x, part_gran(part, Granularity::Year))
        }
        Sem::YearSpan(a, b) => (cal::years(a.max(1), b), Granularity::Range),
        Sem::Decade(y) => (cal::years(y, y + 9), Granularity::Decade),
        Sem::Quarter { y: YearRef::Infer, q } => {
            let x = p.and_then(|p| {
                let this = cal::quarter(p.year(), q)?;
                let back = if this.0 <= p { this } else { cal::quarter(p.year() - 1, q)? };
                let ahead = if this.1 >= p { this } else { cal::quarter(p.year() + 1, q)? };
                Some(cal::pick(p, back, ahead, ctx.tense.side()))
            });
            (x, Granularity::Quarter)
        }
        Sem::Quarter { y, q } => (year_of(y, 1, ctx).and_then(|y| cal::quarter(y, q)), Granularity::Quarter),
        Sem::Half { y, h } => {
            let x = year_of(y, 1, ctx).and_then(|y| cal::months_span(y, h * 6 - 5, h * 6));
            (x, Granularity::Half)
        }
        Sem::Season { y, first, last } => {
            let x = match y {
                YearRef::Abs(y) => cal::months_span(y, first, last),
                _ => p.and_then(|p| {
                    // Seasons by the year they start in; "last" is the latest one already over.
                    let cands = [p.year() - 2, p.year() - 1, p.year(), p.year() + 1];
                    let spans = cands.iter().filter_map(|&yy| cal::months_span(yy, first, last));
                    match y {
                        YearRef::Last => spans.rev().find(|s| s.1 < p),
                        YearRef::Next => spans.into_iter().find(|s| s.0 > p),
                        _ => spans.into_iter().find(|s| s.1 >= p),
                    }
                }),
            };
            (x, Granularity::Season)
        }
        Sem::Months { y, first, last } => {
            (year_of(y, 1, ctx).and_then(|y| cal::months_span(y, first, last)), Granularity::Range)
        }
        Sem::WeekOfMonth { y, m, n } => {
            let x = year_of(y, m, ctx).and_then(|y| cal::month(y, m)).and_then(|(s, e)| {
                if n < 0 {
                    Some((cal::shift(e, -6)?, e))
                } else {
                    let a = cal::shift(s, 7 * i64::from(n - 1))?;
                    Some((a, cal::shift(a, 6)?.min(e)))
                }
            });
            (x, Granularity::Week)
        }
        Sem::Weekday { wd, rel } => {
            let x = p.and_then(|p| {
                let cur = i64::from(p.weekday().number_from_monday());
                let wd = i64::from(wd);
                let back = (cur - wd).rem_euclid(7);
                let fwd = (wd - cur).rem_euclid(7);
                let off = match rel {
                    WdRel::Auto if ctx.tense.ahead() => fwd,
                    WdRel::Auto => -back,
                    WdRel::Last => -(if back == 0 { 7 } else { back }),
                    WdRel::Next => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    WdRel::This => wd - cur,
                };
                cal::shift(p, off)
            });
            day(x)
        }
        Sem::RelDay(off) => day(p.and_then(|p| cal::shift(p, off))),
        Sem::RelWeek { off, part } => {
            let x = p.and_then(|p| cal::week(cal::shift(p, 7 * off)?)).and_then(|x| apply_part(x, part, p));
            (x, part_gran(part, Granularity::Week))
        }
        Sem::RelMonth { off, part } => {
            let x = p
                .and_then(|p| {
                    let (y, m) = cal::add_months(p.year(), p.month(), off);
                    cal::month(y, m)
                })
                .and_then(|x| apply_part(x, part, p));
            (x, part_gran(part, Granularity::Month))
        }
        Sem::RelQuarter(off) => {
            let x = p.and_then(|p| {
                let (y, m) = cal::add_months(p.year(), (cal::quarter_of(p) - 1) * 3 + 1, 3 * off);
                cal::quarter(y, (m - 1) / 3 + 1)
            });
            (x, Granularity::Quarter)
        }
        Sem::Weekend(off) => {
            let x = p.and_then(|p| {
                let (mon, _) = cal::week(p)?;
                let sat = cal::shift(mon, 5)?;
                let sat = match off {
                    Some(o) => cal::shift(sat, 7 * o)?,
                    None if ctx.tense.ahead() || sat <= p => sat,
                    None => cal::shift(sat, -7)?,
                };
                Some((sat, cal::shift(sat, 1)?))
            });
            (x, Granularity::Range)
        }
        Sem::Ago { unit, n } => {
            let x = p.and_then(|p| shifted_unit(p, unit, -n));
            (x, unit_gran(unit))
        }
        Sem::Past { days } => (p.and_then(|p| Some((cal::shift(p, -days)?, p))), Granularity::Range),
        Sem::Coming { days } => {
            (p.and_then(|p| Some((cal::shift(p, 1)?, cal::shift(p, days.max(1))?))), Granularity::Range)
        }
        Sem::Anchored { unit, n } => {
            let base = match unit {
                Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade => ctx.anchor_period,
                _ => ctx.anchor,
            };
            if unit == Unit::Year && ctx.anchor_is_month {
                // "in February ... a year earlier": that month of the other year
                let x = base.and_then(|a| shifted_unit(a, Unit::Month, 12 * n));
                return Some((x, Granularity::Month));
            }
            // "a decade later" counts from a date the sentence seldom gives
            let x = base.filter(|_| unit != Unit::Decade).and_then(|a| shifted_unit(a, unit, n));
            (x, unit_gran(unit))
        }
        Sem::Range(ref a, ref b) => (resolve_range(a, b, ctx)?, Granularity::Range),
        Sem::Since(ref inner) => {
            // "since June" looks back, whatever the tense of the clause.
            let (x, _) = resolve(inner, &Ctx { tense: Tense::Past, ..*ctx })?;
            // A start after publication (a wrong date) keeps the period itself.
            let x = x.and_then(|(s, e)| Some((s, if s <= p? { p? } else { e })));
            (x, Granularity::Range)
        }
    })
}

fn unit_gran(unit: Unit) -> Granularity {
    match unit {
        Unit::Hour | Unit::Day | Unit::Fortnight => Granularity::Day,
        Unit::Week => Granularity::Week,
        Unit::Weekend => Granularity::Range,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
    }
}

/// The calendar unit holding `d`, moved by `n` units ("a week earlier" is a day).
fn shifted_unit(d: NaiveDate, unit: Unit, n: i64) -> Option<cal::Iv> {
    match unit {
        Unit::Hour => {
            let x = cal::shift(d, n.div_euclid(24).min(0))?;
            Some((x, x))
        }
        Unit::Day => {
            let x = cal::shift(d, n)?;
            Some((x, x))
        }
        Unit::Week => cal::week(cal::shift(d, 7 * n)?),
        Unit::Fortnight => {
            let x = cal::shift(d, 14 * n)?;
            Some((x, x))
        }
        Unit::Weekend => {
            let (mon, _) = cal::week(cal::shift(d, 7 * n)?)?;
            Some((cal::shift(mon, 5)?, cal::shift(mon, 6)?))
        }
        Unit::Month => {
            let (y, m) = cal::add_months(d.year(), d.month(), n);
            cal::month(y, m)
        }
        Unit::Quarter => {
            let (y, m) = cal::add_months(d.year(), (cal::quarter_of(d) - 1) * 3 + 1, 3 * n);
            cal::quarter(y, (m - 1) / 3 + 1)
        }
        Unit::Year => cal::year(d.year() + i32::try_from(n).ok()?),
        // "two decades ago": the year twenty years back
        Unit::Decade => cal::year(d.year() + i32::try_from(n.checked_mul(10)?).ok()?),
    }
}

fn needs_tense(sem: &Sem) -> bool {
    if let Sem::Range(a, b) = sem {
        return needs_tense(a) || needs_tense(b);
    }
    matches!(
        sem,
        Sem::Date { y: None, .. }
            | Sem::Month { y: YearRef::Infer, .. }
            | Sem::Weekday { rel: WdRel::Auto, .. }
            | Sem::Quarter { y: YearRef::Infer, .. }
            | Sem::Weekend(None)
    )
}

/// Finds and resolves time expressions, in text order.
pub fn find(an: &Analysis, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    find_with(an, published, Options::default())
}

/// [`find`] with document options (day-first numeric dates).
pub fn find_with(an: &Analysis, published: Option<NaiveDate>, opts: Options) -> Vec<TimeExpr> {
    let scan = Scan::new(an, opts);
    let mut out = Vec::new();
    // The last date stated in the paragraph so far: "On Monday, A won. The day before, B won."
    let mut carried = (published, published, false);
    for sent in &an.sentences {
        let (s, e) = (sent.tokens.start, sent.tokens.end.min(an.tokens.len()));
        let new_paragraph = an.tokens.get(s).is_none_or(|t| t.newlines_before > 0);
        if new_paragraph {
            carried = (published, published, false);
        }
        let (mut anchor, mut anchor_period, mut anchor_is_month) = carried;
        // Every expression holds a number or a word that carries time ("week", "March"), so
        // nothing opens after the sentence's last one, nor in a sentence without any.
        let Some(last_core) = scan.ents.get(s..e).and_then(|ents| ents.iter().rposition(|en| en.core)) else {
            continue;
        };
        let scan_end = s + last_core + 1;
        let mut i = s;
        while i < scan_end {
            // Jump to the next token that may open an expression.
            match scan.ents.get(i..scan_end).and_then(|rest| rest.iter().position(|en| en.opens)) {
                Some(k) => i += k,
                None => break,
            }
            let Some(m) = scan.at(i, e) else {
                i += 1;
                continue;
            };
            // "24 points in the third quarter": a game's quarter
            if matches!(m.sem, Sem::Quarter { y: YearRef::Infer, .. })
                && (s..e).any(|k| scan.kind(k) == Some(TokenKind::Word) && lexicon::is_game_word(an.low(k)))
            {
                i = m.end.max(i + 1);
                continue;
            }
            let tense = if !needs_tense(&m.sem) {
                Tense::Unmarked
            } else if m.start > 0 && scan.punct(m.start - 1) == "," && dateline::closes_dateline(&scan, m.end) {
                // A wire dateline ("DHAKA, May 16 -") dates the report: never ahead of it.
                Tense::Past
            } else {
                scan.tense(m.start, m.end, s, e)
            };
            let weekday = match m.sem {
                Sem::Date { y: None, .. } => {
                    let at = |k: usize| u32::from(scan.e(k).weekday);
                    at(m.start).max(at(m.start + 1))
                }
                _ => 0,
            };
            let ctx = Ctx { published, tense, weekday, anchor, anchor_period, anchor_is_month };
            let next = m.end.max(i + 1);
            if let Some((x, granularity)) = resolve(&m.sem, &ctx) {
                let (Some(first), Some(last)) = (an.tokens.get(m.start), an.tokens.get(m.end - 1)) else {
                    break;
                };
                let span = Span::new(first.span.start, last.span.end);
                let kind = match &m.sem {
                    Sem::Since(_) => TimeKind::Since,
                    Sem::Anchored { .. } => TimeKind::Anchored,
                    sem if is_relative(sem) => TimeKind::Relative,
                    _ => TimeKind::Absolute,
                };
                let interval = match (x, &m.sem) {
                    (Some((a, b)), _) => iv((a, b)),
                    // "since February 2022" keeps its start with no publication date.
                    (None, Sem::Since(inner)) => match resolve(inner, &ctx) {
                        Some((Some((a, _)), _)) => Interval { start: Some(a), end: None },
                        _ => Interval::UNRESOLVED,
                    },
                    (None, _) => Interval::UNRESOLVED,
                };
                if granularity == Granularity::Day && interval.start.is_some() {
                    anchor = interval.start;
                    anchor_period = interval.start;
                    anchor_is_month = false;
                } else if matches!(granularity, Granularity::Month | Granularity::Quarter | Granularity::Year) {
                    anchor_period = interval.start;
                    anchor_is_month = granularity == Granularity::Month;
                }
                // A period of the sentence's own ("last week") hides the day carried from earlier.
                if kind != TimeKind::Anchored && granularity != Granularity::Day && anchor == carried.0 {
                    anchor = published;
                }
                out.push(TimeExpr { span, interval, granularity, kind });
            }
            i = next;
        }
        carried = (anchor, anchor_period, anchor_is_month);
    }
    out
}

#[cfg(test)]
mod tests;
