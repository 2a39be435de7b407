//! Public conformance suites (Recognizers-Text English Number / NumberWithUnit specs and
//! quantulum3's quantities), read at run time from the shared folder next to the workspace.
//! Only the cases that fit news figures are run: cardinal numbers, ranges, percentages,
//! currency and plain counts. Each suite reports its pass rate and must stay above a floor.

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use tally_figures::{find, Figure};
use tally_text::Analysis;

/// The shared folder beside the workspace; `TALLY_SHARED` overrides it (for checkouts elsewhere).
fn shared() -> PathBuf {
    match std::env::var_os("TALLY_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

/// A figure expected inside `input`: the char span, low, high, unit (None = not checked).
struct Expect {
    start: usize,
    end: usize,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<String>,
}

/// What a suite result maps to: low, high and unit (None = not checked).
type Mapped = Option<(Option<f64>, Option<f64>, Option<String>)>;

struct Case {
    input: String,
    expect: Vec<Expect>,
}

fn load(path: &Path) -> Option<Vec<Json>> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

fn byte_span(input: &str, start_char: usize, end_char: usize) -> (usize, usize) {
    let idx: Vec<usize> = input.char_indices().map(|(i, _)| i).chain([input.len()]).collect();
    let s = idx.get(start_char).copied().unwrap_or(input.len());
    let e = idx.get(end_char).copied().unwrap_or(input.len());
    (s, e)
}

fn run(input: &str) -> Vec<Figure> {
    let an = Analysis::new(input);
    let ents = tally_entities::find(&an);
    find(&an, &ents)
}

fn passes(case: &Case) -> bool {
    let figs = run(&case.input);
    if case.expect.is_empty() {
        return figs.is_empty();
    }
    case.expect.iter().all(|e| {
        figs.iter().any(|f| {
            let overlaps = f.span.start < e.end && e.start < f.span.end;
            let unit_ok = match &e.unit {
                None => true,
                Some(u) => f.unit.as_deref() == Some(u.as_str()),
            };
            overlaps && close(f.value.low, e.low) && close(f.value.high, e.high) && unit_ok
        })
    })
}

fn dotnet_unsupported(c: &Json) -> bool {
    ["NotSupported", "NotSupportedByDesign"]
        .iter()
        .any(|k| c.get(*k).and_then(Json::as_str).is_some_and(|s| s.to_lowercase().contains("dotnet")))
}

/// Recognizers-Text model files: Input, Results with Start/End (chars, inclusive) and a
/// Resolution mapped by `map` to (low, high, unit); None skips the case.
fn recognizers(file: &Path, map: &dyn Fn(&Json) -> Mapped) -> Vec<Case> {
    let mut out = Vec::new();
    for c in load(file).unwrap_or_default() {
        if dotnet_unsupported(&c) {
            continue;
        }
        let Some(input) = c.get("Input").and_then(Json::as_str) else { continue };
        // Chat and assistant phrasing, arithmetic and identifiers are not news figures.
        let l = input.to_lowercase();
        if [
            "please", "cortana", "remind", "can you", "what is", "i want", "i'd like", "how many", "@", "#", "^", "/",
            "=",
        ]
        .iter()
        .any(|w| l.contains(w))
        {
            continue;
        }
        let results = c.get("Results").and_then(Json::as_array).cloned().unwrap_or_default();
        let mut expect = Vec::new();
        let mut skip = false;
        for r in &results {
            let (Some(s), Some(e)) = (r.get("Start").and_then(Json::as_u64), r.get("End").and_then(Json::as_u64))
            else {
                skip = true;
                break;
            };
            let text = r.get("Text").and_then(Json::as_str).unwrap_or("");
            // Years, ordinals, negatives and fractions are not figures in our contract.
            let year = text.len() == 4 && text.chars().all(|ch| ch.is_ascii_digit());
            if year || text.starts_with('-') || text.contains("negative") || text.contains("minus") {
                skip = true;
                break;
            }
            match r.get("Resolution").and_then(map) {
                Some((low, high, unit)) => {
                    let (bs, be) = byte_span(input, s as usize, e as usize + 1);
                    expect.push(Expect { start: bs, end: be, low, high, unit });
                }
                None => {
                    skip = true;
                    break;
                }
            }
        }
        if !skip {
            out.push(Case { input: input.to_string(), expect });
        }
    }
    out
}

fn num(s: &str) -> Option<f64> {
    let v: f64 = s.trim().trim_end_matches('%').parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some(v)
}

fn number_res(res: &Json) -> Mapped {
    let sub = res.get("subtype").and_then(Json::as_str).unwrap_or("");
    if !matches!(sub, "integer" | "decimal") {
        return None;
    }
    let v = num(res.get("value")?.as_str()?)?;
    Some((Some(v), Some(v), None))
}

fn range_res(res: &Json) -> Mapped {
    let v = res.get("value")?.as_str()?;
    let inner = v.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let (a, b) = inner.split_once(',')?;
    let low = if a.trim().is_empty() { None } else { Some(num(a)?) };
    let high = if b.trim().is_empty() { None } else { Some(num(b)?) };
    Some((low, high, None))
}

fn percent_res(res: &Json) -> Mapped {
    let v = num(res.get("value")?.as_str()?)?;
    Some((Some(v), Some(v), Some("percent".into())))
}

fn currency_name(unit: &str) -> Option<&'static str> {
    let last = unit.rsplit(' ').next().unwrap_or(unit).to_lowercase();
    Some(match last.as_str() {
        "dollar" => "dollar",
        "euro" => "euro",
        "pound" | "sterling" => "pound",
        "yuan" => "yuan",
        "yen" => "yen",
        "franc" => "franc",
        "rupee" => "rupee",
        "peso" => "peso",
        "lira" => "lira",
        "cent" => "cent",
        "pence" | "penny" => "penny",
        _ => return None,
    })
}

fn currency_res(res: &Json) -> Mapped {
    let v = num(res.get("value")?.as_str()?)?;
    let unit = currency_name(res.get("unit")?.as_str()?)?;
    Some((Some(v), Some(v), Some(unit.to_string())))
}

fn quantulum(file: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for c in load(file).unwrap_or_default() {
        let Some(input) = c.get("req").and_then(Json::as_str) else { continue };
        let res = c.get("res").and_then(Json::as_array).cloned().unwrap_or_default();
        let mut expect = Vec::new();
        let mut skip = res.is_empty();
        for q in &res {
            let unit = q.get("unit").and_then(Json::as_str).unwrap_or("");
            let surface = q.get("surface").and_then(Json::as_str).unwrap_or("");
            let Some(v) = q.get("value").and_then(Json::as_f64) else {
                skip = true;
                break;
            };
            let u = q.get("uncertainty").and_then(Json::as_f64).unwrap_or(0.0);
            let year = surface.len() == 4 && surface.chars().all(|ch| ch.is_ascii_digit());
            let mapped = match unit {
                "dimensionless" => None,
                "dollar" | "euro" => Some(unit.to_string()),
                "pound sterling" => Some("pound".to_string()),
                "percentage" => Some("percent".to_string()),
                _ => {
                    skip = true;
                    break;
                }
            };
            if year || v < 0.0 || surface.contains('/') || surface.contains('e') && surface.contains(char::is_numeric) {
                skip = true;
                break;
            }
            let Some(s) = input.find(surface) else {
                skip = true;
                break;
            };
            expect.push(Expect { start: s, end: s + surface.len(), low: Some(v - u), high: Some(v + u), unit: mapped });
        }
        if !skip {
            out.push(Case { input: input.to_string(), expect });
        }
    }
    out
}

/// Pass-rate floors, set just under what the reader reaches. NumberModel's cases are bare
/// numbers, and a fraction with nothing counted ("1,674.5", "9.2321312") is a rating or a
/// measurement, not a figure (a figure counts people, things, money or a percentage): those
/// cases fail on purpose.
const FLOORS: &[(&str, f64)] = &[
    ("recognizers/NumberModel", 0.55),
    ("recognizers/NumberRangeModel", 0.48),
    ("recognizers/PercentModel", 0.55),
    ("recognizers/CurrencyModel", 0.69),
    ("quantulum3/quantities", 0.60),
];

#[test]
fn conformance_suites() {
    let root = shared().join("conformance");
    if !root.is_dir() {
        println!("skipped: conformance suites not found at {}", root.display());
        return;
    }
    let rt = root.join("recognizers-text/Specs");
    let suites: Vec<(&str, Vec<Case>)> = vec![
        ("recognizers/NumberModel", recognizers(&rt.join("Number/English/NumberModel.json"), &number_res)),
        ("recognizers/NumberRangeModel", recognizers(&rt.join("Number/English/NumberRangeModel.json"), &range_res)),
        ("recognizers/PercentModel", recognizers(&rt.join("Number/English/PercentModel.json"), &percent_res)),
        (
            "recognizers/CurrencyModel",
            recognizers(&rt.join("NumberWithUnit/English/CurrencyModel.json"), &currency_res),
        ),
        ("quantulum3/quantities", quantulum(&root.join("quantulum3/quantulum3/_lang/en_US/tests/quantities.json"))),
    ];
    let mut failures = Vec::new();
    for (name, cases) in &suites {
        let total = cases.len();
        let passed = cases.iter().filter(|c| passes(c)).count();
        let rate = if total == 0 { 1.0 } else { passed as f64 / total as f64 };
        println!("{name}: {passed}/{total} passed ({:.1}%)", rate * 100.0);
        if std::env::var("CONFORMANCE_VERBOSE").is_ok() {
            for c in cases.iter().filter(|c| !passes(c)) {
                let got: Vec<String> = run(&c.input)
                    .iter()
                    .map(|f| format!("{:?}..{:?} {:?}", f.value.low, f.value.high, f.unit))
                    .collect();
                println!("   FAIL {:?} -> {:?}", c.input, got);
            }
        }
        let floor = FLOORS.iter().find(|f| f.0 == *name).map_or(0.0, |f| f.1);
        if rate < floor {
            failures.push(format!("{name}: {rate:.3} below floor {floor}"));
        }
    }
    // Inputs that once crashed number readers must not panic.
    if let Some(errs) = load(&root.join("quantulum3/quantulum3/_lang/en_US/tests/errors.json")) {
        for e in errs {
            if let Some(s) = e.get("req").and_then(Json::as_str).or_else(|| e.as_str()) {
                let _ = run(s);
            }
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
