//! The extraction pipeline: analysis -> entities, times, figures, attribution -> linking ->
//! records (spec/claims.md). Pure: a document in, records out; [`extract_many`] runs it over a
//! run of documents stage by stage, with the same records.

mod link;

use std::borrow::Cow;
use tally_model::{DocRecord, EntityKind, EntityRecord, FigureRecord, NameRef, QuoteRecord, Record, Span, TimeRecord};
use tally_read::Document;
use tally_text::Analysis;

/// All records of one document, the `doc` record first. Their text is borrowed from the
/// document (its id, metadata and body): only names the stages found are owned.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction<'a> {
    pub records: Vec<Record<'a>>,
}

/// The headline: the document title, or the body's standalone first line.
fn title_of<'a>(doc: &'a Document, an: &Analysis<'a>) -> Option<&'a str> {
    doc.meta.title.as_deref().or_else(|| an.headline().map(|h| an.text(h.span)))
}

/// The country a report is mainly about: the one its country and place mentions name most often
/// (the first named on a tie), with the text of its first mention. Figures whose own clause names
/// no place happened there as a rule ("thousands of protesters" in a report from Nairobi).
fn document_country<'a>(
    entities: &[tally_entities::Mention],
    body: &'a str,
    title: Option<&str>,
) -> Option<MainCountry<'a>> {
    // Per country: mentions, of them by the country's own name, first mention.
    let mut counts: Vec<(&str, usize, usize, Span)> = Vec::new();
    for m in entities {
        if !matches!(m.kind, EntityKind::Country | EntityKind::Place) || m.form == tally_entities::Form::Demonym {
            continue;
        }
        let Some(country) = m.country.as_deref() else { continue };
        let named = usize::from(m.kind == EntityKind::Country);
        match counts.iter_mut().find(|(c, _, _, _)| *c == country) {
            Some((_, n, k, _)) => {
                *n += 1;
                *k += named;
            }
            None => counts.push((country, 1, named, m.span)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    let (name, _, named, first) = counts.into_iter().find(|c| c.1 == best)?;
    // The headline names the country or a place in it.
    let in_title = || {
        title.is_some_and(|title| {
            entities.iter().any(|m| {
                matches!(m.kind, EntityKind::Country | EntityKind::Place)
                    && m.form != tally_entities::Form::Demonym
                    && m.country.as_deref() == Some(name)
                    && names_in(title, m.span.text(body))
            })
        })
    };
    Some(MainCountry {
        place: NameRef { text: Cow::Borrowed(first.text(body)), name: Some(Cow::Owned(name.to_string())) },
        topic: named >= MIN_TOPIC_NAMINGS || in_title(),
    })
}

/// Whether `hay` holds the name `needle` as whole words; a name written in capitals in a
/// dateline ("DENVER") also matches it in any case ("Denver"), a short one ("US") only as written.
fn names_in(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return false;
    }
    let any_case = n.len() >= 4 && !n.iter().any(u8::is_ascii_lowercase);
    let word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    (0..=h.len() - n.len()).any(|i| {
        h.get(i..i + n.len()).is_some_and(|w| if any_case { w.eq_ignore_ascii_case(n) } else { w == n })
            && !word(i.checked_sub(1).and_then(|j| h.get(j)))
            && !word(h.get(i + n.len()))
    })
}

/// A report's main country, and whether it is the report's topic (named as a country at least
/// [`MIN_TOPIC_NAMINGS`] times, or it or a place in it named in the headline) rather than only
/// the home of a town or a dateline.
struct MainCountry<'a> {
    place: NameRef<'a>,
    topic: bool,
}

/// How often a report names its main country as such for counts that are no events (money,
/// shares, products, measurements) to be placed there when the report counts no event either:
/// a page on a product, a study, a game or a company that names a country once, or only a town
/// in it, does not place its prices and percentages in that country ("covers 65 percent of the
/// moon's surface" in a report datelined from a capital). In a report of deaths, arrests or
/// protests, the other counts are the country's as a rule.
const MIN_TOPIC_NAMINGS: usize = 2;

/// The first mention inside `sentence` of the main country or of a place in it, under the
/// country's name: a count that is no event is placed in the main country when its own
/// sentence names it ("3 percent of the state's teenagers" beside the state's name).
fn place_in_country<'a>(
    entities: &[tally_entities::Mention],
    sentence: Span,
    main: &MainCountry<'a>,
    body: &'a str,
) -> Option<NameRef<'a>> {
    let country = main.place.name.as_deref()?;
    let k = entities.partition_point(|m| m.span.start < sentence.start);
    let m = entities.get(k..)?.iter().take_while(|m| m.span.end <= sentence.end).find(|m| {
        matches!(m.kind, EntityKind::Country | EntityKind::Place)
            && m.form != tally_entities::Form::Demonym
            && m.country.as_deref() == Some(country)
    })?;
    Some(NameRef { text: Cow::Borrowed(m.span.text(body)), name: main.place.name.clone() })
}

/// Whether a figure of `measure` counts no event (money, or any other quantity).
fn counts_no_event(measure: tally_model::Measure) -> bool {
    matches!(measure, tally_model::Measure::Money | tally_model::Measure::Other)
}

/// Where a figure whose clause names no place happened, when its subject says so: people of
/// a country who were killed, hurt or arrested ("more than 2,500 Afghan civilians have been
/// killed") were so in that country, whatever country the report mentions most. Soldiers and
/// other forces are left out (they fall abroad as often as at home), and so are the displaced
/// (refugees are counted where they fled to) and counts of other kinds (money, things,
/// deployments).
fn home_of_subject<'a>(
    entities: &[tally_entities::Mention],
    subject: Option<&tally_model::Anchor>,
    measure: tally_model::Measure,
    forces: bool,
    body: &'a str,
) -> Option<NameRef<'a>> {
    use tally_model::Measure as M;
    let subject = subject?;
    let counts_people_at_home = matches!(
        measure,
        M::Killed
            | M::Wounded
            | M::KilledOrWounded
            | M::Casualties
            | M::Missing
            | M::Affected
            | M::Injured
            | M::Protesters
            | M::Arrested
            | M::Detained
            | M::Evacuated
    );
    if forces || !counts_people_at_home {
        return None;
    }
    let k = entities.partition_point(|m| m.span.start < subject.span.start);
    let m = entities.get(k).filter(|m| {
        m.span == subject.span && (m.kind == EntityKind::Country || m.form == tally_entities::Form::Demonym)
    })?;
    let country = m.country.as_deref().unwrap_or(m.name.as_str());
    Some(NameRef { text: Cow::Borrowed(subject.span.text(body)), name: Some(Cow::Owned(country.to_string())) })
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
pub fn extract(doc: &Document) -> Extraction<'_> {
    extract_many(std::slice::from_ref(doc)).pop().unwrap_or(Extraction { records: Vec::new() })
}

/// A run of documents extracted stage by stage holds at most this many documents...
const RUN_DOCS: usize = 128;
/// ...and at most this much body text (a run's analyses stay small next to the caches).
const RUN_BYTES: usize = 256 << 10;

/// Runs every stage on each document, in input order, with the same records as [`extract`] on
/// each. Documents are taken in short runs, and each stage goes over a whole run before the
/// next starts: a stage's tables then stay in cache from one document to the next (about a
/// fifth less time than every stage on one document after another).
pub fn extract_many(docs: &[Document]) -> Vec<Extraction<'_>> {
    let mut out = Vec::with_capacity(docs.len());
    let mut rest = docs;
    while !rest.is_empty() {
        // The first document always, then more while the run stays within both limits.
        let mut bytes = 0;
        let n = rest
            .iter()
            .take(RUN_DOCS)
            .take_while(|d| {
                let first = bytes == 0;
                bytes += d.body.len().max(1);
                first || bytes <= RUN_BYTES
            })
            .count();
        let (run, tail) = rest.split_at(n);
        extract_run(run, &mut out);
        rest = tail;
    }
    out
}

/// The stages over one run of documents, then each document's records.
fn extract_run<'a>(run: &'a [Document], out: &mut Vec<Extraction<'a>>) {
    let ans: Vec<Analysis<'a>> = run.iter().map(|d| Analysis::new(d.body.as_str())).collect();
    let entities: Vec<Vec<tally_entities::Mention>> = ans.iter().map(tally_entities::find).collect();
    // Without a stated date, a wire dateline ("KYIV, March 3 (Wire) -") gives it.
    let published: Vec<_> = run
        .iter()
        .zip(&ans)
        .map(|(doc, an)| {
            doc.meta.published.or_else(|| {
                let hint = doc.meta.url.as_deref().and_then(tally_times::year_in_url);
                tally_times::dateline(an, hint)
            })
        })
        .collect();
    let times: Vec<_> = run
        .iter()
        .zip(&ans)
        .zip(&published)
        .map(|((doc, an), &published)| {
            let opts = tally_times::Options::for_lang(doc.meta.lang.as_deref());
            let mut times = tally_times::find_with(an, published, opts);
            times.retain(|t| !in_furniture(&doc.furniture, t.span));
            times
        })
        .collect();
    let figures: Vec<_> = run
        .iter()
        .zip(&ans)
        .zip(&entities)
        .map(|((doc, an), e)| {
            let mut figures = tally_figures::find(an, e);
            figures.retain(|f| !in_furniture(&doc.furniture, f.span));
            figures
        })
        .collect();
    let attributions: Vec<_> = ans.iter().zip(&entities).map(|(an, e)| tally_attrib::find(an, e)).collect();

    let first = out.len();
    for ((((doc, an), ents), (published, times)), (figures, attributions)) in run
        .iter()
        .zip(&ans)
        .zip(&entities)
        .zip(published.into_iter().zip(times))
        .zip(figures.into_iter().zip(attributions))
    {
        out.push(records_before_entities(doc, an, ents, published, times, figures, attributions));
    }
    // The attributions (which borrow the mentions) are spent: the mentions' names move into
    // their records.
    for ((doc, an), (ents, ex)) in run.iter().zip(&ans).zip(entities.into_iter().zip(out.iter_mut().skip(first))) {
        let body = doc.body.as_str();
        let id = doc.id.as_str();
        for e in ents.into_iter().filter(|e| !in_furniture(&doc.furniture, e.span)) {
            let (doc, text) = (Cow::Borrowed(id), Cow::Borrowed(an.text(e.span)));
            ex.records.push(Record::Entity(EntityRecord {
                doc,
                span: e.span,
                text,
                kind: e.kind,
                name: Some(e.name.into()),
            }));
        }
        debug_assert!(records_hold_their_text(&ex.records, body));
    }
}

/// One document's records up to its entities: the doc record, figures, quotes and times.
fn records_before_entities<'a>(
    doc: &'a Document,
    an: &Analysis<'a>,
    entities: &[tally_entities::Mention],
    published: Option<tally_model::NaiveDate>,
    times: Vec<tally_times::TimeExpr>,
    figures: Vec<tally_figures::Figure>,
    attributions: tally_attrib::Attributions<'_>,
) -> Extraction<'a> {
    let body = doc.body.as_str();
    let keep = |span: Span| !in_furniture(&doc.furniture, span);
    let id = doc.id.as_str();
    let sentences = an.sentences.len();
    let main_country = document_country(entities, body, title_of(doc, an));
    let mut records = Vec::with_capacity(1 + entities.len() + times.len() + figures.len() + attributions.quotes.len());
    records.push(Record::Doc(DocRecord {
        doc: Cow::Borrowed(id),
        title: title_of(doc, an).map(Cow::Borrowed),
        published,
        url: doc.meta.url.as_deref().map(Cow::Borrowed),
        outlet: doc.meta.outlet.as_deref().map(Cow::Borrowed),
        sentences,
        text: doc.carries_text().then_some(Cow::Borrowed(body)),
        summary_only: doc.meta.summary_only,
    }));
    // Figures and mentions are consumed here: their names move into the records.
    let linker = link::Linker::new(an, &times, &attributions);
    // Whether the report counts an event (deaths, arrests, protesters, ...).
    let events = figures.iter().any(|f| !counts_no_event(f.measure));
    for f in figures {
        let linked = linker.link(&f);
        let (source, via) = match linked.frame.and_then(|k| attributions.frames.get(k)) {
            Some(a) => link::sources(a, body),
            None => match linked.quote.and_then(|k| attributions.quotes.get(k)) {
                Some(q) => link::quote_sources(q, body),
                None => (Vec::new(), None),
            },
        };
        let own_forces_unit = f.unit.as_deref().is_some_and(|u| OWN_FORCES.contains(&u));
        // Only a figure without a subject needs to know whether its unit is the country's own forces.
        let own_forces = f.subject.is_none() && own_forces_unit;
        let location = match f.location {
            Some(a) => Some(a.into_name_ref(body)),
            None => match home_of_subject(entities, f.subject.as_ref(), f.measure, own_forces_unit, body) {
                Some(home) => Some(home),
                None => match &main_country {
                    Some(m) if m.topic || events || !counts_no_event(f.measure) => Some(m.place.clone()),
                    Some(m) => an.sentences.get(f.sentence).and_then(|s| place_in_country(entities, s.span, m, body)),
                    None => None,
                },
            },
        };
        records.push(Record::Figure(FigureRecord {
            doc: Cow::Borrowed(id),
            span: f.span,
            text: Cow::Borrowed(an.text(f.span)),
            value: f.value,
            unit: f.unit.map(Cow::Owned),
            measure: f.measure,
            increment: f.increment,
            subject: match f.subject {
                Some(a) => Some(a.into_name_ref(body)),
                None if own_forces => main_country.as_ref().map(|m| m.place.clone()),
                None => None,
            },
            location,
            time: linked.time,
            source,
            stated: linked.stated,
            via,
            unverified: linked.unverified,
            evidence: an.sentences.get(f.sentence).map(|s| s.span).unwrap_or(f.span),
        }));
    }
    for q in attributions.quotes.into_iter().filter(|q| keep(q.span)) {
        records.push(Record::Quote(QuoteRecord {
            doc: Cow::Borrowed(id),
            span: q.span,
            text: Cow::Borrowed(an.text(q.span)),
            speaker: q.speaker.map(|a| a.to_name_ref(body)),
            direct: q.direct,
            cue: q.cue.map(|c| Cow::Owned(c.to_string())),
            via: q.via.map(|a| a.to_name_ref(body)),
        }));
    }
    // Written this way, time and entity records go straight into the list instead of being
    // built on the stack and copied (a record is several hundred bytes).
    records.extend(times.iter().map(|t| {
        Record::Time(TimeRecord {
            doc: Cow::Borrowed(id),
            span: t.span,
            text: Cow::Borrowed(an.text(t.span)),
            start: t.interval.start,
            end: t.interval.end,
            granularity: t.granularity,
        })
    }));
    Extraction { records }
}

/// Every record's span holds its text (checked in debug builds and tests).
pub fn records_hold_their_text(records: &[Record<'_>], body: &str) -> bool {
    records.iter().all(|r| match r {
        Record::Doc(_) => true,
        Record::Figure(f) => f.span.text(body) == f.text,
        Record::Quote(q) => q.span.text(body) == q.text,
        Record::Time(t) => t.span.text(body) == t.text,
        Record::Entity(e) => e.span.text(body) == e.text,
    })
}
