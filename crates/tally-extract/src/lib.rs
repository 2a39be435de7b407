//! The extraction pipeline for one document: analysis -> entities, times, figures, attribution
//! -> linking -> records (spec/claims.md). Pure: a document in, records out.

mod link;

use tally_model::{DocRecord, EntityKind, EntityRecord, FigureRecord, NameRef, QuoteRecord, Record, Span, TimeRecord};
use tally_read::Document;
use tally_text::Analysis;

/// All records of one document, the `doc` record first.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub records: Vec<Record>,
}

/// The headline: the document title, or the body's standalone first line.
fn title_of(doc: &Document, an: &Analysis) -> Option<String> {
    doc.meta.title.clone().or_else(|| an.headline().map(|h| an.text(h.span).to_string()))
}

/// The country a report is mainly about: the one its country and place mentions name most often
/// (the first named on a tie), with the text of its first mention. Figures whose own clause names
/// no place happened there as a rule ("thousands of protesters" in a report from Nairobi).
fn document_country(entities: &[tally_entities::Mention], body: &str) -> Option<NameRef> {
    let mut counts: Vec<(&str, usize, Span)> = Vec::new();
    for m in entities {
        if !matches!(m.kind, EntityKind::Country | EntityKind::Place) || m.form == tally_entities::Form::Demonym {
            continue;
        }
        let Some(country) = m.country.as_deref() else { continue };
        match counts.iter_mut().find(|(c, _, _)| *c == country) {
            Some((_, n, _)) => *n += 1,
            None => counts.push((country, 1, m.span)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    let (name, _, first) = counts.into_iter().find(|c| c.1 == best)?;
    Some(NameRef { text: first.text(body).to_string(), name: Some(name.to_string()) })
}

/// Units counted as the report's own country's forces when no owner is named.
static OWN_FORCES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../data/own_forces_units.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

fn in_furniture(furniture: &[Span], span: Span) -> bool {
    furniture.iter().any(|f| f.contains(span))
}

/// Runs every stage on a document.
pub fn extract(doc: &Document) -> Extraction {
    let body = doc.body.as_str();
    let an = Analysis::new(body);
    // Without a stated date, a wire dateline ("KYIV, March 3 (Wire) -") gives it.
    let published = doc.meta.published.or_else(|| {
        let hint = doc.meta.url.as_deref().and_then(tally_times::year_in_url);
        tally_times::dateline(&an, hint)
    });
    let keep = |span: Span| !in_furniture(&doc.furniture, span);

    let entities = tally_entities::find(&an);
    let time_opts = tally_times::Options::for_lang(doc.meta.lang.as_deref());
    let mut times = tally_times::find_with(&an, published, time_opts);
    let mut figures = tally_figures::find(&an, &entities);
    if !doc.furniture.is_empty() {
        times.retain(|t| keep(t.span));
        figures.retain(|f| keep(f.span));
    }
    let attributions = tally_attrib::find(&an, &entities);

    let id = doc.id.as_str();
    let sentences = an.sentences.len();
    let main_country = document_country(&entities, body);
    let mut records = Vec::with_capacity(1 + entities.len() + times.len() + figures.len() + attributions.quotes.len());
    records.push(Record::Doc(DocRecord {
        doc: id.to_string(),
        title: title_of(doc, &an),
        published,
        url: doc.meta.url.clone(),
        outlet: doc.meta.outlet.clone(),
        sentences,
        text: doc.carries_text().then(|| doc.body.clone()),
        summary_only: doc.meta.summary_only,
    }));
    // Figures, quotes and mentions are consumed here: their names move into the records.
    let linker = link::Linker::new(&an, &times, &attributions);
    for f in figures {
        let linked = linker.link(&f);
        let own_forces = f.unit.as_deref().is_some_and(|u| OWN_FORCES.contains(&u));
        records.push(Record::Figure(FigureRecord {
            doc: id.to_string(),
            span: f.span,
            text: an.text(f.span).to_string(),
            value: f.value,
            unit: f.unit,
            measure: f.measure,
            increment: f.increment,
            subject: match f.subject {
                Some(a) => Some(a.into_name_ref(body)),
                None if own_forces => main_country.clone(),
                None => None,
            },
            location: match f.location {
                Some(a) => Some(a.into_name_ref(body)),
                None => main_country.clone(),
            },
            time: linked.time,
            source: linked.source,
            stated: linked.stated,
            via: linked.via,
            unverified: linked.unverified,
            evidence: an.sentences.get(f.sentence).map(|s| s.span).unwrap_or(f.span),
        }));
    }
    for q in attributions.quotes.into_iter().filter(|q| keep(q.span)) {
        records.push(Record::Quote(QuoteRecord {
            doc: id.to_string(),
            span: q.span,
            text: an.text(q.span).to_string(),
            speaker: q.speaker.map(|a| a.to_name_ref(body)),
            direct: q.direct,
            cue: q.cue.map(str::to_string),
            via: q.via.map(|a| a.to_name_ref(body)),
        }));
    }
    // Written this way, time and entity records go straight into the list instead of being
    // built on the stack and copied (a record is several hundred bytes).
    records.extend(times.iter().map(|t| {
        Record::Time(TimeRecord {
            doc: id.to_string(),
            span: t.span,
            text: an.text(t.span).to_string(),
            start: t.interval.start,
            end: t.interval.end,
            granularity: t.granularity,
        })
    }));
    for e in entities.into_iter().filter(|e| keep(e.span)) {
        let (doc, text) = (id.to_string(), an.text(e.span).to_string());
        records.push(Record::Entity(EntityRecord { doc, span: e.span, text, kind: e.kind, name: Some(e.name) }));
    }
    debug_assert!(records_hold_their_text(&records, body));
    Extraction { records }
}

/// Every record's span holds its text (checked in debug builds and tests).
pub fn records_hold_their_text(records: &[Record], body: &str) -> bool {
    records.iter().all(|r| match r {
        Record::Doc(_) => true,
        Record::Figure(f) => f.span.text(body) == f.text,
        Record::Quote(q) => q.span.text(body) == q.text,
        Record::Time(t) => t.span.text(body) == t.text,
        Record::Entity(e) => e.span.text(body) == e.text,
    })
}
