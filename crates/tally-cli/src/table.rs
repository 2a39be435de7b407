//! The readable, per-document view printed on a terminal.

use std::io::{self, Write};
use tally_extract::Extraction;
use tally_model::{Record, Value};
use tally_read::Document;

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let s = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        format!("{x}")
    }
}

/// "10,000–12,000", "≥3,000", "≤50", "~4,700".
pub fn value_text(v: &Value) -> String {
    let approx = if v.approx { "~" } else { "" };
    match (v.low, v.high) {
        (Some(l), Some(h)) if l == h => format!("{approx}{}", num(l)),
        (Some(l), Some(h)) => format!("{approx}{}–{}", num(l), num(h)),
        (Some(l), None) => format!("{approx}≥{}", num(l)),
        (None, Some(h)) => format!("{approx}≤{}", num(h)),
        (None, None) => "?".to_string(),
    }
}

fn clip(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

pub fn write_doc(out: &mut impl Write, doc: &Document, ex: &Extraction) -> io::Result<()> {
    let title = doc.meta.title.clone().or_else(|| {
        ex.records.iter().find_map(|r| match r {
            Record::Doc(d) => d.title.as_deref().map(str::to_string),
            _ => None,
        })
    });
    writeln!(out, "== {} ({})", doc.id, doc.meta.published.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()))?;
    if let Some(t) = title {
        writeln!(out, "   {}", clip(&t, 100))?;
    }
    let figures: Vec<_> =
        ex.records.iter().filter_map(|r| if let Record::Figure(f) = r { Some(f) } else { None }).collect();
    if !figures.is_empty() {
        writeln!(out, "\n  FIGURES")?;
        writeln!(
            out,
            "  {:<16} {:<12} {:<18} {:<16} {:<14} {:<12} source",
            "value", "unit", "measure", "whose", "where", "stated"
        )?;
        for f in figures {
            let src = if f.source.is_empty() {
                "(reporter)".to_string()
            } else {
                f.source
                    .iter()
                    .map(|s| format!("{} [{}]", s.name.as_deref().unwrap_or(&s.text), s.cue))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            writeln!(
                out,
                "  {:<16} {:<12} {:<18} {:<16} {:<14} {:<12} {}",
                clip(&value_text(&f.value), 16),
                clip(f.unit.as_deref().unwrap_or("-"), 12),
                f.measure.as_str(),
                clip(f.subject.as_ref().map(|s| s.name.as_deref().unwrap_or(&s.text)).unwrap_or("-"), 16),
                clip(f.location.as_ref().map(|s| s.name.as_deref().unwrap_or(&s.text)).unwrap_or("-"), 14),
                f.stated.as_ref().map(|t| clip(&t.text, 12)).unwrap_or_else(|| "-".into()),
                clip(&src, 60)
            )?;
        }
    }
    let quotes: Vec<_> =
        ex.records.iter().filter_map(|r| if let Record::Quote(q) = r { Some(q) } else { None }).collect();
    if !quotes.is_empty() {
        writeln!(out, "\n  QUOTES")?;
        for q in quotes {
            let who = q
                .speaker
                .as_ref()
                .map(|s| s.name.clone().unwrap_or_else(|| s.text.clone()))
                .unwrap_or_else(|| "?".into());
            writeln!(
                out,
                "  {:<20} {}{}",
                clip(&who, 20),
                if q.direct { "" } else { "(reported) " },
                clip(&q.text, 90)
            )?;
        }
    }
    let times: Vec<_> =
        ex.records.iter().filter_map(|r| if let Record::Time(t) = r { Some(t) } else { None }).collect();
    if !times.is_empty() {
        writeln!(out, "\n  TIMES")?;
        for t in times {
            let iv = match (t.start, t.end) {
                (Some(s), Some(e)) if s == e => s.to_string(),
                (s, e) => format!(
                    "{}..{}",
                    s.map(|d| d.to_string()).unwrap_or_default(),
                    e.map(|d| d.to_string()).unwrap_or_default()
                ),
            };
            writeln!(out, "  {:<24} {}", clip(&t.text, 24), iv)?;
        }
    }
    writeln!(out)
}
