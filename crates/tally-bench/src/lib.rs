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

/// What [`write_warc`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct WarcCounts {
    pub records: usize,
    pub pages: usize,
}

/// Writes a gzipped WARC archive (one gzip member per record) of about `bytes` bytes on disk:
/// HTML pages wrapping generated reports, each with a request record before it, mixed with
/// redirects, not-found pages and binary (image) payloads, as a crawl would hold them (one
/// record in 50 of each).
pub fn write_warc(mut out: impl std::io::Write, seed: u64, bytes: u64) -> std::io::Result<WarcCounts> {
    use std::io::Write;
    let mut g = Generator::new(seed);
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5741_5243);
    let mut counts = WarcCounts::default();
    let mut written = 0u64;
    let member = |block: &[u8], out: &mut dyn Write, written: &mut u64| -> std::io::Result<()> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(block)?;
        let z = gz.finish()?;
        *written += z.len() as u64;
        out.write_all(&z)
    };
    let mut n = 0usize;
    while written < bytes {
        n += 1;
        let uri = format!("https://news.example/{}/story-{n}", 2020 + n % 6);
        let http = match n % 50 {
            5 => b"HTTP/1.1 301 Moved Permanently\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n".to_vec(),
            11 => {
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 22\r\n\r\n<p>Page not found.</p>"
                    .to_vec()
            }
            17 => {
                let len = 8_000 + rng.usize(..16_000);
                let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {len}\r\n\r\n")
                    .into_bytes();
                h.extend((0..len).map(|_| rng.u8(..)));
                h
            }
            _ => {
                let r = g.report();
                counts.pages += 1;
                let paras: String = r.body.split("\n\n").map(|p| format!("<p>{}</p>\n", escape(p))).collect();
                let html = format!(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report {n} | News</title>\
                     <meta property=\"article:published_time\" content=\"{}\"><link rel=\"stylesheet\" href=\"/s.css\">\
                     <script>window.dataLayer=[];function track(e){{dataLayer.push(e)}}</script></head><body>\
                     <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a> \
                     <a href=\"/sport\">Sport</a></nav></header><main><article><h1>Report {n}</h1>\n{paras}</article>\
                     <aside><h2>Most read</h2><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">\
                     Weather warning for the weekend</a></li></ul></aside></main><footer><p>Copyright News Example. \
                     All rights reserved.</p></footer></body></html>",
                    r.published
                );
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
                    html.len()
                )
                .into_bytes()
            }
        };
        let request = format!("GET /story-{n} HTTP/1.1\r\nHost: news.example\r\n\r\n");
        for (kind, block, id) in [("request", request.as_bytes(), 2 * n), ("response", http.as_slice(), 2 * n + 1)] {
            let ct = if kind == "request" {
                "application/http; msgtype=request"
            } else {
                "application/http; msgtype=response"
            };
            let mut rec = format!(
                "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{id:012}>\r\n\
                 WARC-Date: 2025-01-02T03:04:05Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ct}\r\n\
                 Content-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes();
            rec.extend_from_slice(block);
            rec.extend_from_slice(b"\r\n\r\n");
            member(&rec, &mut out, &mut written)?;
            counts.records += 1;
        }
    }
    out.flush()?;
    Ok(counts)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
