//! Linking: gives each figure its sources (the attribution frame whose content holds it), the
//! channel, the statement time (a time expression inside the frame) and the event time (a time
//! expression in the figure's own clause).

use tally_attrib::Attributions;
use tally_figures::Figure;
use tally_model::{NameRef, Source, TimeRef};
use tally_text::Analysis;
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

pub fn link_figure(an: &Analysis, f: &Figure, times: &[TimeExpr], attributions: &Attributions) -> Linked {
    let mut out = Linked::default();
    let frame = attributions.frames.iter().find(|a| a.content.contains(f.span));
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
        out.stated = times.iter().find(|t| a.frame.contains(t.span)).map(|t| TimeRef::new(an.text(t.span), t.interval));
    }
    let sentence = an.sentences.get(f.sentence).map(|s| s.span);
    out.time = times
        .iter()
        .filter(|t| sentence.is_some_and(|s| s.contains(t.span)))
        .find(|t| frame.is_none_or(|a| !a.frame.contains(t.span)))
        .map(|t| TimeRef::new(an.text(t.span), t.interval));
    out
}
