//! The web page end to end in a real browser: a ledger built from the development set, `tally
//! serve` on a free port, headless Chromium driven over the DevTools protocol. The page finds a
//! series by search, draws one mark per claim, shows the evidence sentence on hover and on click,
//! and shows hostile document text as text. A screenshot of the series goes to
//! `target/e2e/series.png`.
//!
//! Skipped (with a message) when the development set or Chromium is missing; when `CI` is set, a
//! missing Chromium fails the test instead.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long any single wait may take before the test gives up.
const WAIT: Duration = Duration::from_secs(20);

/// A hostile document: markup and an attribute breakout, in the title and the body.
const HOSTILE: &str = "id: e2e-hostile
title: Markup <script>alert(1)</script> in a headline
published: 2025-03-04
outlet: Test Wire
---
Officials said \"><img src=x onerror=alert(2)> 12 people were killed in the border town on Monday.

A resident wrote <script>alert(1)</script> on a wall, the mayor said.
";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dev_set() -> Option<PathBuf> {
    let shared = std::env::var_os("TALLY_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let dev = shared.join("corpus/dev");
    dev.is_dir().then_some(dev)
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// A child process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cmd` with stderr piped and waits for a stderr line containing `marker`; returns the
/// process and that line.
fn spawn_until(mut cmd: Command, marker: &'static str) -> (Guard, String) {
    let mut child =
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("process starts");
    let stderr = child.stderr.take().expect("stderr piped");
    let guard = Guard(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        // Keep reading to the end, so the child never blocks on a full pipe.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent && line.contains(marker) {
                sent = tx.send(line).is_ok();
            }
        }
    });
    let line = rx.recv_timeout(WAIT).unwrap_or_else(|_| panic!("no {marker:?} on stderr within {WAIT:?}"));
    (guard, line)
}

/// A GET over plain HTTP/1.1, returning the JSON body.
fn get_json(port: u16, path: &str) -> Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("server answers");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("request sent");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("response read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("HTTP response");
    assert!(head.starts_with("HTTP/1.1 200"), "GET {path}: {head}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
}

/// A DevTools protocol connection to the browser, with one page session.
struct Cdp {
    ws: tungstenite::WebSocket<TcpStream>,
    next: u64,
    session: Option<String>,
    /// Events received so far (method and params).
    events: Vec<(String, Value)>,
}

impl Cdp {
    fn connect(ws_url: &str) -> Cdp {
        let hostport = ws_url.trim_start_matches("ws://").split('/').next().expect("host:port");
        let stream = TcpStream::connect(hostport).expect("DevTools port");
        stream.set_read_timeout(Some(Duration::from_millis(500))).expect("timeout");
        let (ws, _) = tungstenite::client(ws_url, stream).expect("DevTools handshake");
        Cdp { ws, next: 0, session: None, events: Vec::new() }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(tungstenite::Message::text(msg.to_string())).expect("DevTools send");
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no answer to {method} within {WAIT:?}; events: {:?}", self.events);
            let frame = match self.ws.read() {
                Ok(tungstenite::Message::Text(t)) => t,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    continue
                }
                Err(e) => panic!("DevTools connection: {e}"),
            };
            let v: Value = serde_json::from_str(frame.as_str()).expect("DevTools JSON");
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method}: {err}");
                }
                return v["result"].clone();
            }
            if let Some(m) = v["method"].as_str() {
                if m == "Page.javascriptDialogOpening" {
                    panic!("the page opened a dialog: {}", v["params"]);
                }
                self.events.push((m.to_string(), v["params"].clone()));
            }
        }
    }

    /// Evaluates `js` in the page (awaiting a promise) and returns its value.
    fn eval(&mut self, js: &str) -> Value {
        let r = self.call("Runtime.evaluate", json!({"expression": js, "returnByValue": true, "awaitPromise": true}));
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{js}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `js` evaluates to true.
    fn wait_for(&mut self, js: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while self.eval(js) != json!(true) {
            let shown = self
                .eval("document.getElementById('view') ? document.getElementById('view').innerText.slice(0, 300) : ''");
            assert!(Instant::now() < deadline, "timed out waiting for {what}; the page shows: {shown}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The centre of the first element matching `selector`, scrolled into view.
    fn centre(&mut self, selector: &str) -> (f64, f64) {
        let sel = json!(selector);
        let p = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null;
               e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
               return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let xy = p.as_array().unwrap_or_else(|| panic!("no element {selector}"));
        (xy[0].as_f64().unwrap_or(0.0), xy[1].as_f64().unwrap_or(0.0))
    }

    fn mouse(&mut self, kind: &str, (x, y): (f64, f64)) {
        let mut p = json!({"type": kind, "x": x, "y": y});
        if kind != "mouseMoved" {
            p["button"] = json!("left");
            p["clickCount"] = json!(1);
        }
        self.call("Input.dispatchMouseEvent", p);
    }

    fn click(&mut self, at: (f64, f64)) {
        self.mouse("mouseMoved", at);
        self.mouse("mousePressed", at);
        self.mouse("mouseReleased", at);
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = s.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn page_finds_a_series_draws_each_claim_and_shows_text_as_text() {
    let started = Instant::now();
    let Some(dev) = dev_set() else {
        println!("skipped: development set (../shared/corpus/dev or $TALLY_SHARED/corpus/dev) not found");
        return;
    };
    let Some(chromium) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "chromium not found on PATH, and CI is set");
        println!("skipped: chromium not found on PATH");
        return;
    };
    let tally = env!("CARGO_BIN_EXE_tally");
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("e2e.db");
    let hostile = dir.path().join("hostile.txt");
    std::fs::write(&hostile, HOSTILE).expect("hostile document written");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dev)
        .expect("development set readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    inputs.push(hostile);
    let out = Command::new(tally).arg("--db").arg(&db).arg("ingest").args(&inputs).output().expect("tally ingest runs");
    assert!(out.status.success(), "ingest: {}", String::from_utf8_lossy(&out.stderr));

    // The server on a port the system picks; it names the port on stderr.
    let mut serve = Command::new(tally);
    serve.arg("--db").arg(&db).args(["serve", "--port", "0"]);
    let (_server, line) = spawn_until(serve, "serving");
    let port: u16 = line
        .rsplit("http://127.0.0.1:")
        .next()
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));

    // The series with most claims, and its claims as the API gives them.
    let list = get_json(port, "/api/series?limit=1");
    let series = &list["items"][0];
    let id = series["id"].as_i64().expect("a series");
    let label = series["label"].as_str().expect("a label").to_string();
    let detail = get_json(port, &format!("/api/series/{id}"));
    let total = detail["total"].as_u64().expect("total");
    let claims = detail["claims"].as_array().expect("claims").clone();
    assert!(total >= 2 && claims.len() as u64 == total, "series {id}: {total} claims");

    let profile = dir.path().join("chromium-profile");
    let mut browser = Command::new(chromium);
    browser
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank");
    let (_browser, line) = spawn_until(browser, "DevTools listening on");
    let ws_url = line.split_whitespace().last().expect("DevTools address").to_string();

    let mut cdp = Cdp::connect(&ws_url);
    let target = cdp.call("Target.createTarget", json!({"url": "about:blank"}));
    let attached = cdp.call("Target.attachToTarget", json!({"targetId": target["targetId"], "flatten": true}));
    cdp.session = Some(attached["sessionId"].as_str().expect("session").to_string());
    cdp.call("Page.enable", json!({}));
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
    );
    cdp.call("Page.navigate", json!({"url": format!("http://127.0.0.1:{port}/")}));
    cdp.wait_for("!!document.querySelector('#series-list tbody tr')", "the series list");

    // Search as a reader would: type into the box, press the button.
    cdp.eval("document.getElementById('q').focus()");
    cdp.call("Input.insertText", json!({"text": label}));
    let button = cdp.centre("#search-form button");
    cdp.click(button);
    cdp.wait_for(
        &format!("location.hash.startsWith('#/search/') && !!document.querySelector('#series-list tr[data-series=\"{id}\"]')"),
        "the search result",
    );
    let link = cdp.centre(&format!("#series-list tr[data-series=\"{id}\"] a"));
    cdp.click(link);
    cdp.wait_for(&format!("location.hash === '#/series/{id}' && !!document.querySelector('svg.chart')"), "the chart");

    // One mark per claim, each claim once.
    let marks = cdp.eval("[...document.querySelectorAll('svg.chart g.mark')].map((g) => Number(g.dataset.claim))");
    let mut drawn: Vec<i64> = marks.as_array().expect("marks").iter().filter_map(Value::as_i64).collect();
    drawn.sort();
    let mut expected: Vec<i64> = claims.iter().filter_map(|c| c["id"].as_i64()).collect();
    expected.sort();
    assert_eq!(drawn.len() as u64, total, "one mark per claim");
    assert_eq!(drawn, expected, "the marks are the series' claims");
    let evidence_of = |claim: i64| {
        claims.iter().find(|c| c["id"] == json!(claim)).and_then(|c| c["evidence"].as_str()).unwrap_or("").to_string()
    };

    // Hover: the tooltip holds the sentence of the mark under the pointer.
    let first = format!("svg.chart g.mark[data-claim=\"{}\"]", drawn[0]);
    let at = cdp.centre(&first);
    cdp.mouse("mouseMoved", at);
    let under = cdp
        .eval(&format!(
            "(() => {{ const g = document.elementFromPoint({}, {}); const m = g && g.closest('g.mark');
               return m ? Number(m.dataset.claim) : null; }})()",
            at.0, at.1
        ))
        .as_i64()
        .expect("a mark under the pointer");
    let sentence = json!(evidence_of(under));
    cdp.wait_for(
        &format!("!tip.hidden && tip.querySelector('.evidence') && tip.querySelector('.evidence').textContent === {sentence}"),
        "the evidence sentence on hover",
    );
    // Click: the evidence panel holds it too.
    cdp.click(at);
    cdp.wait_for(
        &format!("document.getElementById('evidence').textContent.includes({sentence})"),
        "the evidence sentence on click",
    );

    let shot = cdp.call("Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true}));
    let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let out_dir = Path::new(tally).parent().and_then(Path::parent).expect("target folder").join("e2e");
    std::fs::create_dir_all(&out_dir).expect("target/e2e");
    std::fs::write(out_dir.join("series.png"), &png).expect("screenshot written");

    // Hostile text is shown as text: visible, no element made of it, no dialog.
    cdp.eval("location.hash = '#/doc/e2e-hostile'");
    cdp.wait_for("!!document.getElementById('doc-text')", "the hostile document");
    let shown = cdp.eval("document.getElementById('view').textContent");
    let shown = shown.as_str().expect("page text");
    assert!(shown.contains("<script>alert(1)</script>"), "markup shown as text: {shown}");
    assert!(shown.contains("\"><img src=x onerror=alert(2)>"), "attribute breakout shown as text: {shown}");
    assert_eq!(
        cdp.eval("document.querySelectorAll('script').length + document.querySelectorAll('img, [onerror]').length"),
        json!(1),
        "the page's own script is the only element made of markup"
    );
    // The same text in a series timeline, where evidence sentences are shown.
    let found = get_json(port, "/api/search?q=onerror");
    let hostile_series = found["claims"][0]["series_id"].as_i64().expect("a claim from the hostile document");
    cdp.eval(&format!("location.hash = '#/series/{hostile_series}'"));
    cdp.wait_for("!!document.querySelector('#claims tbody tr')", "the hostile document's series");
    assert_eq!(cdp.eval("document.querySelectorAll('#view img, #view script, [onerror]').length"), json!(0));
    let evidence_text = cdp.eval("document.getElementById('claims').textContent");
    assert!(evidence_text.as_str().is_some_and(|t| t.contains("onerror=alert(2)>")), "{evidence_text}");
    // Give a late dialog the chance to show, then make sure none did.
    std::thread::sleep(Duration::from_millis(300));
    cdp.eval("1");
    assert!(!cdp.events.iter().any(|(m, _)| m == "Page.javascriptDialogOpening"));
    println!(
        "e2e: {total} marks for series {id}, hostile text shown as text, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
