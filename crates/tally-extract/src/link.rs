//! Linking: gives each figure its sources (the innermost attribution frame that governs it), the
//! channel, the statement time (a time expression inside that frame or its fronted adverbial)
//! and the event time (a time expression in the figure's own clause, outside every frame).

use tally_attrib::Attributions;
use tally_figures::Figure;
use tally_model::{NameRef, Source, Span, TimeRef};
use tally_text::{Analysis, TokenKind};
use tally_times::TimeExpr;

/// What linking adds to a figure.
#[derive(Debug, Default)]
pub struct Linked {
    pub time: Option<TimeRef>,
    pub stated: Option<TimeRef>,
    pub source: Vec<Source>,
    pub via: Option<NameRef>,
    pub unverified: bool,
}

fn time_ref(an: &Analysis, t: &TimeExpr) -> TimeRef {
    TimeRef::new(an.text(t.span), t.interval)
}

/// The comma-bounded stretch of the sentence around byte offset `pos`.
fn segment(an: &Analysis, sentence: Span, pos: usize) -> Span {
    let first = an.token_at_or_after(sentence.start);
    let mut start = sentence.start;
    let mut end = sentence.end;
    for t in an.tokens[first..].iter().take_while(|t| t.span.end <= sentence.end) {
        let comma = t.kind == TokenKind::Punct && matches!(an.text(t.span), "," | ";" | "(" | ")");
        if !comma {
            continue;
        }
        if t.span.end <= pos {
            start = t.span.end;
        } else if t.span.start >= pos {
            end = t.span.start;
            break;
        }
    }
    Span::new(start, end)
}

/// The time expressions inside `span` (times are in text order).
fn times_within(times: &[TimeExpr], span: Span) -> &[TimeExpr] {
    let a = times.partition_point(|t| t.span.start < span.start);
    let b = times.partition_point(|t| t.span.start < span.end);
    &times[a..b.max(a)]
}

pub fn link_figure(an: &Analysis, f: &Figure, times: &[TimeExpr], attributions: &Attributions) -> Linked {
    let mut out = Linked::default();
    // The number itself always lies inside the governed stretch, whatever the figure span covers.
    let frame = attributions.governing(f.number);
    let sentence = an.sentences.get(f.sentence).map(|s| s.span).unwrap_or(f.span);
    if let Some(a) = frame {
        out.source = a
            .sources
            .iter()
            .map(|s| Source {
                text: an.text(s.anchor.span).to_string(),
                name: s.anchor.name.clone(),
                cue: s.cue.clone(),
                stance: s.stance,
            })
            .collect();
        out.via = a.via.as_ref().map(|v| v.to_name_ref(an.body));
        out.unverified = a.unverified;
        out.stated = a
            .stated_regions()
            .find_map(|r| times_within(times, r).iter().find(|t| r.contains(t.span)))
            .map(|t| time_ref(an, t));
    }
    // Event time: in the figure's sentence, outside every frame region of that sentence.
    // Frames are in order of their start: those of this sentence are one run of them.
    let near = attributions.frames_near(sentence);
    let first = near.partition_point(|a| a.frame.start < sentence.start);
    let upto = near.partition_point(|a| a.frame.start <= sentence.end).max(first);
    let own = near.get(first..upto).unwrap_or(&[]);
    let in_frame =
        |t: &TimeExpr| own.iter().any(|a| sentence.contains(a.frame) && a.stated_regions().any(|r| r.contains(t.span)));
    let candidates: Vec<&TimeExpr> = times_within(times, sentence)
        .iter()
        .filter(|t| sentence.contains(t.span) && !t.span.overlaps(f.span) && !in_frame(t))
        .collect();
    let seg = segment(an, sentence, f.span.start);
    let dist = |t: &TimeExpr| {
        if t.span.start >= f.span.end {
            t.span.start - f.span.end
        } else {
            f.span.start.saturating_sub(t.span.end)
        }
    };
    let pick = candidates
        .iter()
        .filter(|t| seg.contains(t.span))
        .min_by_key(|t| dist(t))
        .or_else(|| candidates.iter().filter(|t| t.span.end <= f.span.start).max_by_key(|t| t.span.end));
    out.time = pick.map(|t| time_ref(an, t));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_model::{Granularity, Interval, Measure, NaiveDate, Value};

    fn fig(an: &Analysis, needle: &str) -> Figure {
        let s = an.body.find(needle).unwrap();
        let span = Span::new(s, s + needle.len());
        Figure {
            span,
            number: span,
            value: Value::exact(1.0),
            unit: None,
            measure: Measure::Other,
            increment: false,
            subject: None,
            location: None,
            sentence: an.sentence_at(s).unwrap(),
        }
    }

    fn time(an: &Analysis, needle: &str, day: u32) -> TimeExpr {
        let s = an.body.find(needle).unwrap();
        let d = NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
        TimeExpr {
            span: Span::new(s, s + needle.len()),
            interval: Interval::day(d),
            granularity: Granularity::Day,
            kind: tally_times::TimeKind::Absolute,
        }
    }

    fn link(text: &str, figure: &str, times: &[(&str, u32)]) -> (Linked, Vec<TimeExpr>) {
        let an = Analysis::new(text);
        let ents = tally_entities::find(&an);
        let attrib = tally_attrib::find(&an, &ents);
        let ts: Vec<TimeExpr> = times.iter().map(|(n, d)| time(&an, n, *d)).collect();
        let f = fig(&an, figure);
        (link_figure(&an, &f, &ts, &attrib), ts)
    }

    #[test]
    fn event_time_and_statement_time_are_told_apart() {
        let text = "Shelling hit the port on Sunday night, killing 12 people, the mayor said on Monday.";
        let (l, _) = link(text, "12 people", &[("Sunday night", 2), ("Monday", 3)]);
        assert_eq!(l.time.unwrap().text, "Sunday night");
        assert_eq!(l.stated.unwrap().text, "Monday");
        assert_eq!(l.source[0].text, "the mayor");
    }

    #[test]
    fn fronted_statement_time() {
        let text = "In March, the army claimed that 400 fighters had been captured.";
        let (l, _) = link(text, "400 fighters", &[("March", 1)]);
        assert_eq!(l.stated.unwrap().text, "March");
        assert!(l.time.is_none());
        assert_eq!(l.source[0].cue, "claimed");
    }

    #[test]
    fn nominal_statement_time_and_event_time() {
        let text = "The rebels seized 30 more villages this spring, according to a May report from the monitors.";
        let (l, _) = link(text, "30 more villages", &[("this spring", 1), ("May", 2)]);
        assert_eq!(l.time.unwrap().text, "this spring");
        assert_eq!(l.stated.unwrap().text, "May");
        assert_eq!(l.source[0].text, "the monitors");
    }

    #[test]
    fn reporter_voice_has_no_source_but_keeps_time() {
        let text = "Last week, a fire destroyed 80 homes in the valley.";
        let (l, _) = link(text, "80 homes", &[("Last week", 1)]);
        assert!(l.source.is_empty());
        assert_eq!(l.time.unwrap().text, "Last week");
        assert!(l.stated.is_none());
    }

    #[test]
    fn nested_channel_gives_source_via_and_stated() {
        let text =
            "Some 5,000 people were moved, the state agency reported on Friday, citing the provincial fire department.";
        let (l, _) = link(text, "5,000 people", &[("Friday", 7)]);
        assert_eq!(l.source.len(), 1);
        assert_eq!(l.source[0].text, "the provincial fire department");
        assert_eq!(l.via.unwrap().text, "the state agency");
        assert_eq!(l.stated.unwrap().text, "Friday");
    }
}
