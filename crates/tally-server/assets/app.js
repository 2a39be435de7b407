// Tally's page: series list, series timeline (SVG), document view. Every text that comes from a
// document is inserted as text (textContent / text nodes), never as markup.
"use strict";

const view = document.getElementById("view");
const tip = document.getElementById("tip");
const PALETTE = ["#2b59c3", "#d1495b", "#00798c", "#edae49", "#66a182", "#8d5a97", "#e07a5f", "#3d405b", "#81b29a", "#f2cc8f"];
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? "" : String(c)));
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function fmt(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function valueText(c) {
  const a = c.approx ? "~" : "";
  if (c.low !== null && c.high !== null) return c.low === c.high ? a + fmt(c.low) : `${a}${fmt(c.low)}–${fmt(c.high)}`;
  if (c.low !== null) return `${a}≥${fmt(c.low)}`;
  if (c.high !== null) return `${a}≤${fmt(c.high)}`;
  return "?";
}

function sourceText(c) {
  const list = Array.isArray(c.sources) ? c.sources : [];
  if (!list.length) return `reporter (${c.outlet || c.doc})`;
  return list.map((s) => `${s.name || s.text} [${s.cue}]`).join("; ");
}

function flagsNode(flags) {
  const span = el("span");
  for (const f of flags || []) span.append(el("span", { class: `flag ${f}` }, f));
  return span;
}

function showError(e) {
  view.replaceChildren(el("p", { class: "error" }, `Error: ${e.message}`));
}

async function listSeries(q) {
  document.getElementById("q").value = q || "";
  const data = await api(`/api/series?limit=200${q ? "&q=" + encodeURIComponent(q) : ""}`);
  const rows = data.items.map((s) =>
    el("tr", { "data-series": s.id },
      el("td", {}, el("a", { href: `#/series/${s.id}` }, s.label)),
      el("td", { class: "num" }, s.claims),
      el("td", { class: "num" }, s.independent_sources),
      el("td", { class: "num" }, s.conflicts),
      el("td", {}, valueText({ low: s.low, high: s.high, approx: false })),
      el("td", {}, s.latest_stated || "")));
  view.replaceChildren(
    el("h1", {}, q ? `Series matching “${q}”` : "Series"),
    el("p", { class: "sub" }, `${data.items.length}${data.more ? "+" : ""} series`),
    el("table", { id: "series-list" },
      el("thead", {}, el("tr", {}, el("th", {}, "series"), el("th", {}, "claims"), el("th", {}, "sources"), el("th", {}, "conflicts"), el("th", {}, "range"), el("th", {}, "latest"))),
      el("tbody", {}, ...rows)));
}

function showTip(evt, c) {
  tip.replaceChildren(
    el("div", {}, el("strong", {}, valueText(c)), ` ${c.unit || ""} · ${c.measure}`),
    el("div", {}, sourceText(c)),
    el("div", {}, `${c.outlet || ""} · ${c.doc} · said ${c.stated_start || c.published || "?"}`),
    el("div", { class: "evidence" }, c.evidence));
  tip.hidden = false;
  const x = Math.min(evt.clientX + 14, window.innerWidth - 460);
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${evt.clientY + 14}px`;
}

function drawChart(claims, axis, colourOf) {
  const W = 900, H = 320, L = 70, R = 20, T = 16, B = 40;
  const dateOf = (c) => (axis === "event" ? c.time_start || c.time_end : c.stated_start || c.published);
  const pts = claims.map((c) => ({ c, d: dateOf(c) ? Date.parse(dateOf(c)) : NaN }));
  const dated = pts.filter((p) => !Number.isNaN(p.d));
  const vals = claims.flatMap((c) => [c.low, c.high]).filter((v) => v !== null && v !== undefined);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "chart", role: "img", "aria-label": "timeline of estimates" });
  if (!vals.length) return root;
  let vmin = Math.min(0, ...vals), vmax = Math.max(...vals) * 1.1 || 1;
  let dmin = dated.length ? Math.min(...dated.map((p) => p.d)) : 0, dmax = dated.length ? Math.max(...dated.map((p) => p.d)) : 1;
  if (dmin === dmax) { dmin -= 86400e3 * 15; dmax += 86400e3 * 15; }
  const x = (d) => L + ((d - dmin) / (dmax - dmin)) * (W - L - R);
  const y = (v) => H - B - ((v - vmin) / (vmax - vmin)) * (H - T - B);
  root.append(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#ccd" }), svg("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#ccd" }));
  for (let i = 0; i <= 4; i++) {
    const v = vmin + ((vmax - vmin) * i) / 4;
    root.append(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, fmt(Math.round(v))));
  }
  for (let i = 0; i <= 4; i++) {
    const d = dmin + ((dmax - dmin) * i) / 4;
    root.append(svg("text", { x: x(d), y: H - B + 16, "text-anchor": "middle" }, new Date(d).toISOString().slice(0, 10)));
  }
  root.append(svg("text", { x: W - R, y: H - 6, "text-anchor": "end" }, axis === "event" ? "event time" : "statement date"));
  // Undated claims stand at the left edge.
  pts.forEach((p, i) => {
    const c = p.c, colour = colourOf(c);
    const cx = Number.isNaN(p.d) ? L + 6 : x(p.d);
    // An open range ("at least", "at most") runs to the edge of the plot.
    const lo = c.low ?? vmin, hi = c.high ?? vmax;
    const g = svg("g", { class: "mark", "data-claim": c.id, tabindex: 0 });
    if (c.low !== null && c.high !== null && c.low === c.high) {
      g.append(svg("circle", { cx, cy: y(c.low), r: 6, fill: c.approx ? "#fff" : colour, stroke: colour, "stroke-width": 2 }));
    } else {
      const y1 = y(lo), y2 = y(hi);
      g.append(svg("rect", { x: cx - 5, y: Math.min(y1, y2), width: 10, height: Math.max(3, Math.abs(y2 - y1)), rx: 3, fill: colour, "fill-opacity": c.approx ? 0.35 : 0.8, stroke: colour }));
    }
    g.addEventListener("mouseenter", (e) => showTip(e, c));
    g.addEventListener("mousemove", (e) => showTip(e, c));
    g.addEventListener("mouseleave", () => { tip.hidden = true; });
    g.addEventListener("click", () => selectClaim(c.id));
    g.addEventListener("focus", () => selectClaim(c.id));
    root.append(g);
  });
  return root;
}

let current = null;

function selectClaim(id) {
  if (!current) return;
  const c = current.claims.find((x) => x.id === id);
  if (!c) return;
  for (const tr of document.querySelectorAll("tr[data-claim]")) tr.classList.toggle("selected", Number(tr.dataset.claim) === id);
  document.getElementById("evidence").replaceChildren(
    el("div", {}, el("strong", {}, `${valueText(c)} ${c.unit || ""}`), ` — ${sourceText(c)}`),
    el("div", {}, "“", c.evidence, "” — ", el("a", { href: `#/doc/${c.document_id}` }, `${c.outlet || ""} ${c.doc}`)));
}

async function showSeries(id, axis) {
  const data = await api(`/api/series/${encodeURIComponent(id)}?limit=5000`);
  current = data;
  const sources = [...new Set(data.claims.map((c) => c.source_key || `reporter:${c.outlet || c.doc}`))];
  const colourOf = (c) => PALETTE[sources.indexOf(c.source_key || `reporter:${c.outlet || c.doc}`) % PALETTE.length];
  const toggle = el("button", { class: "ghost", id: "axis-toggle", onclick: () => { location.hash = `#/series/${encodeURIComponent(id)}${axis === "event" ? "" : "/event"}`; } },
    axis === "event" ? "Plot by statement date" : "Plot by event time");
  const legend = el("div", { class: "legend" }, ...sources.map((s, i) => { const n = el("span", {}, s.replace(/^reporter:/, "reporter: ")); n.style.setProperty("--c", PALETTE[i % PALETTE.length]); return n; }));
  const rows = data.claims.map((c) =>
    el("tr", { "data-claim": c.id, onclick: () => selectClaim(c.id) },
      el("td", {}, c.stated_start || c.published || ""),
      el("td", {}, c.time_start ? (c.time_start === c.time_end ? c.time_start : `${c.time_start}..${c.time_end || ""}`) : ""),
      el("td", { class: "num" }, valueText(c)),
      el("td", {}, c.unit || ""),
      el("td", {}, sourceText(c)),
      el("td", {}, el("a", { href: `#/doc/${c.document_id}` }, `${c.outlet || ""} ${c.doc}`)),
      el("td", {}, flagsNode(c.flags)),
      el("td", {}, c.evidence)));
  view.replaceChildren(
    el("h1", {}, data.series.label),
    el("p", { class: "sub" }, `${data.total} claims · ${data.series.independent_sources} independent sources · ${data.series.conflicts} in conflict`),
    toggle, legend, drawChart(data.claims, axis, colourOf),
    el("div", { id: "evidence", class: "evidence-panel" }, "Hover or click a mark to see the sentence behind it."),
    el("table", { id: "claims" },
      el("thead", {}, el("tr", {}, ...["stated", "event time", "value", "unit", "source", "document", "flags", "evidence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)));
}

// Only web links are followed; a "javascript:" or "data:" address from a document is dropped.
function safeUrl(u) {
  return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
}

function byteSlicer(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (s, e) => dec.decode(bytes.slice(s, e));
}

async function showDoc(id) {
  const data = await api(`/api/docs/${encodeURIComponent(id)}`);
  const slice = byteSlicer(data.text);
  const total = new TextEncoder().encode(data.text).length;
  const marks = data.records.filter((r) => Array.isArray(r.span) && ["figure", "quote", "time", "entity"].includes(r.type));
  // Outer marks first; nested or overlapping ones are skipped so the text reads once.
  const rank = { figure: 0, quote: 1, time: 2, entity: 3 };
  marks.sort((a, b) => a.span[0] - b.span[0] || rank[a.type] - rank[b.type]);
  const body = el("div", { class: "doc-text", id: "doc-text" });
  let pos = 0;
  for (const m of marks) {
    const [s, e] = m.span;
    if (s < pos || e > total || e <= s) continue;
    body.append(slice(pos, s));
    const label = m.type === "figure" ? `${m.measure} · ${m.unit || ""}` : m.type === "quote" ? `said by ${(m.speaker && (m.speaker.name || m.speaker.text)) || "?"}` : m.type === "time" ? `${m.start || "?"}..${m.end || "?"}` : `${m.kind}: ${m.name || ""}`;
    const mark = el("mark", { class: m.type, title: label }, slice(s, e));
    if (m.type === "figure") {
      const claim = data.claims.find((c) => c.text === m.text && c.measure === m.measure);
      if (claim) { const a = el("a", { href: `#/series/${claim.series_id}` }); a.append(mark); body.append(a); pos = e; continue; }
    }
    body.append(mark);
    pos = e;
  }
  body.append(slice(pos, total));
  view.replaceChildren(
    el("h1", {}, data.doc.title || data.doc.doc),
    el("p", { class: "sub" }, `${data.doc.outlet || ""} · ${data.doc.published || "no date"} · ${data.doc.claims} claims`, safeUrl(data.doc.url) ? el("span", {}, " · ", el("a", { href: data.doc.url, rel: "noopener noreferrer" }, "source")) : ""),
    body);
}

async function route() {
  tip.hidden = true;
  const decode = (s) => { try { return decodeURIComponent(s || ""); } catch (_) { return s || ""; } };
  // Split before decoding, so a "/" typed in a search stays inside the search text.
  const [, kind, arg, extra] = (location.hash.slice(1) || "/").split("/").map(decode);
  try {
    if (kind === "series" && arg) await showSeries(arg, extra === "event" ? "event" : "stated");
    else if (kind === "doc" && arg) await showDoc(arg);
    else if (kind === "search") await listSeries(arg || "");
    else await listSeries("");
  } catch (e) {
    showError(e);
  }
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  location.hash = `#/search/${encodeURIComponent(document.getElementById("q").value.trim())}`;
});
window.addEventListener("hashchange", route);
route();
