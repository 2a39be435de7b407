//! Benchmark support: a deterministic generator of report-like text (from our own templates in
//! `data/` and our example reports) used to measure extraction throughput.

use std::collections::HashMap;

const TEMPLATES: &str = include_str!("../data/templates.txt");
const SLOTS: &str = include_str!("../data/slots.tsv");

/// Our own example report bodies, mixed into the corpus for realism.
const EXAMPLES: [&str; 4] = [
    include_str!("../../../examples/cyclone-day1-meridian.txt"),
    include_str!("../../../examples/cyclone-day2-broadcaster.txt"),
    include_str!("../../../examples/cyclone-day3-state-news.txt"),
    include_str!("../../../examples/cyclone-day1-coastal-times.txt"),
];

/// A generated report: id, publication date and body.
pub struct Report {
    pub id: String,
    pub published: String,
    pub body: String,
}

/// Generates reports deterministically for a seed.
pub struct Generator {
    rng: fastrand::Rng,
    templates: Vec<&'static str>,
    slots: HashMap<&'static str, Vec<&'static str>>,
    n: usize,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let templates = TEMPLATES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let mut slots = HashMap::new();
        for line in SLOTS.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Some((k, v)) = line.split_once('\t') {
                slots.insert(k, v.split('|').collect());
            }
        }
        Generator { rng: fastrand::Rng::with_seed(seed), templates, slots, n: 0 }
    }

    fn fill(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let slot = &rest[open + 1..open + close];
            match slot {
                "num" => out.push_str(&group(self.rng.u64(100..250_000))),
                "num2" => out.push_str(&group(self.rng.u64(300..900))),
                "small" => out.push_str(&self.rng.u64(2..300).to_string()),
                _ => {
                    let values = self.slots.get(slot).map(Vec::as_slice).unwrap_or(&[]);
                    if !values.is_empty() {
                        out.push_str(values[self.rng.usize(..values.len())]);
                    }
                }
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
    }

    /// The next report: a headline, then 4 to 12 paragraphs of 1 to 3 sentences, sometimes with
    /// an example report's body appended.
    pub fn report(&mut self) -> Report {
        self.n += 1;
        let mut body = String::with_capacity(4096);
        let headline = self.templates[self.rng.usize(..self.templates.len())];
        self.fill(headline.trim_end_matches('.'), &mut body);
        body.push_str("\n\n");
        for _ in 0..self.rng.usize(4..=12) {
            for s in 0..self.rng.usize(1..=3) {
                if s > 0 {
                    body.push(' ');
                }
                let t = self.templates[self.rng.usize(..self.templates.len())];
                self.fill(t, &mut body);
            }
            body.push_str("\n\n");
        }
        if self.rng.u8(..4) == 0 {
            let ex = EXAMPLES[self.rng.usize(..EXAMPLES.len())];
            body.push_str(ex.split_once("\n---\n").map_or(ex, |(_, b)| b));
        }
        let month = self.rng.u8(1..=12);
        let day = self.rng.u8(1..=28);
        Report { id: format!("bench-{:07}", self.n), published: format!("2025-{month:02}-{day:02}"), body }
    }
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_fills_every_slot() {
        let a: Vec<String> = {
            let mut g = Generator::new(7);
            (0..20).map(|_| g.report().body).collect()
        };
        let b: Vec<String> = {
            let mut g = Generator::new(7);
            (0..20).map(|_| g.report().body).collect()
        };
        assert_eq!(a, b);
        assert!(a.iter().all(|r| !r.contains('{') && r.len() > 200));
        assert_eq!(group(1234567), "1,234,567");
    }
}
