// parley pages: timeline, actor network, map, article highlights.
// Hand-written, no dependencies, no build step. Data comes from the JSON API of the
// same server; text is only ever inserted with textContent (never innerHTML).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
let PALETTE = {};
let EXTRA = ["#888888"];

function colour(type) {
  if (PALETTE[type]) return PALETTE[type];
  let h = 0;
  for (const ch of String(type)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

function radius(corroboration, base, step) {
  return base + step * Math.sqrt(Math.max(0, (corroboration || 1) - 1));
}

// -- the side panel: event cards ----------------------------------------------------
function eventCard(ev) {
  const li = el("li", { class: "event-card", "data-testid": "event-card", "data-id": ev.id });
  const sw = el("span", { class: "swatch" });
  sw.style.setProperty("--c", colour(ev.type));
  li.append(sw, el("b", {}, ev.type), ` ${ev.mode ? ev.mode + " · " : ""}${ev.modality}`);
  const d = ev.date;
  if (d) li.append(el("br"), `${d.value || d.start || ""}${d.text ? ` (${d.text})` : ""}`);
  if (ev.location && ev.location.name) li.append(` · ${ev.location.name}`);
  const who = Object.values(ev.actor_names || {});
  if (who.length) li.append(el("br"), el("small", {}, who.join(", ")));
  for (const m of (ev.evidence || []).slice(0, 2)) {
    if (m.text) li.append(el("div", { class: "evidence" }, `“${m.text}”`));
  }
  const first = (ev.mentions || [])[0];
  const links = el("div", {});
  if (first) {
    links.append(el("a", { href: `/articles/${encodeURIComponent(first.article)}#event-${encodeURIComponent(ev.id)}`,
                           "data-testid": "open-article" }, "Read in the article →"), " ");
  }
  links.append(el("a", { href: `/api/events/${encodeURIComponent(ev.id)}` }, "record"),
               el("small", {}, ` · corroboration ${ev.corroboration}`));
  li.append(links);
  return li;
}

function showEvents(title, events) {
  const panel = document.getElementById("panel");
  panel.replaceChildren(el("h2", {}, title));
  const ul = el("ul", { "data-testid": "panel-events" });
  for (const ev of events) ul.append(eventCard(ev));
  if (!events.length) ul.append(el("li", { class: "note" }, "no events"));
  panel.append(ul);
}

async function allEvents(params = {}) {
  const data = await getJSON(`/api/events${qs({ ...params, limit: 1000 })}`);
  return data.items;
}

function legend(types) {
  const box = document.getElementById("legend");
  if (!box) return;
  box.replaceChildren();
  for (const t of types) {
    const s = el("span", {}, t);
    s.style.setProperty("--c", colour(t));
    box.append(s);
  }
  box.append(el("span", { class: "hollow" }, "hollow = planned"));
}

async function actorFilter(onChange) {
  const sel = document.getElementById("actor-filter");
  if (!sel) return "";
  const params = new URLSearchParams(location.search);
  const data = await getJSON("/api/actors?limit=1000");
  for (const a of data.items) {
    if (a.events > 0) sel.append(el("option", { value: a.id }, `${a.name} (${a.events})`));
  }
  sel.value = params.get("actor") || "";
  sel.addEventListener("change", () => {
    const p = new URLSearchParams(location.search);
    if (sel.value) p.set("actor", sel.value); else p.delete("actor");
    p.delete("focus");
    history.replaceState(null, "", `${location.pathname}${p.toString() ? "?" + p : ""}`);
    onChange(sel.value);
  });
  return sel.value;
}

function select(svg, node) {
  for (const n of svg.querySelectorAll(".selected")) n.classList.remove("selected");
  if (node) node.classList.add("selected");
}

// -- timeline -----------------------------------------------------------------------
const DAY = 86400000;

async function drawTimeline(actor) {
  const svg = document.getElementById("timeline");
  const data = await getJSON(`/api/timeline${qs({ actor })}`);
  svg.replaceChildren();
  const note = document.getElementById("timeline-note");
  note.textContent = data.undated ? `${data.undated} event(s) without a date are not shown.` : "";
  legend(data.types);
  if (!data.items.length) {
    svg.setAttribute("viewBox", "0 0 900 80");
    svg.append(svgEl("text", { x: 20, y: 40 }, "No dated events."));
    return;
  }
  const W = 900, left = 110, right = 30, top = 20, lane = 38;
  const lanes = data.types;
  const H = top + lanes.length * lane + 40;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const t = (s) => Date.parse(`${s}T00:00:00Z`);
  let lo = t(data.range.start), hi = t(data.range.end);
  const pad = Math.max(DAY, (hi - lo) * 0.05);
  lo -= pad; hi += pad;
  const x = (s) => left + ((t(s) - lo) / (hi - lo)) * (W - left - right);
  lanes.forEach((type, i) => {
    const y = top + i * lane + lane / 2;
    svg.append(svgEl("line", { class: "lane", x1: left, x2: W - right, y1: y, y2: y }));
    svg.append(svgEl("text", { x: left - 8, y: y + 4, "text-anchor": "end" }, type));
  });
  const axisY = top + lanes.length * lane + 6;
  const axis = svgEl("g", { class: "axis" });
  axis.append(svgEl("line", { x1: left, x2: W - right, y1: axisY, y2: axisY }));
  const ticks = 6;
  for (let k = 0; k <= ticks; k++) {
    const ms = lo + ((hi - lo) * k) / ticks;
    const tx = left + ((W - left - right) * k) / ticks;
    axis.append(svgEl("line", { x1: tx, x2: tx, y1: axisY, y2: axisY + 5 }));
    axis.append(svgEl("text", { x: tx, y: axisY + 18, "text-anchor": "middle" }, new Date(ms).toISOString().slice(0, 10)));
  }
  svg.append(axis);
  const seen = {};
  for (const it of data.items) {
    const i = lanes.indexOf(it.type);
    const key = `${it.type}|${it.start}`;
    const k = (seen[key] = (seen[key] || 0) + 1) - 1;
    const y = top + i * lane + lane / 2 + ((k % 3) - (k % 3 === 2 ? 3 : 0)) * 7;
    const c = colour(it.type);
    if (it.end > it.start) {
      svg.append(svgEl("line", { x1: x(it.start), x2: x(it.end), y1: y, y2: y, stroke: c, "stroke-width": 3,
                                 "stroke-opacity": 0.35, "stroke-linecap": "round" }));
    }
    const planned = it.modality === "planned";
    const dot = svgEl("circle", {
      class: `ev ${planned ? "planned" : ""}`, cx: x(it.start), cy: y, r: radius(it.corroboration, 6, 4),
      fill: planned ? "#fff" : c, stroke: c, "fill-opacity": planned ? 1 : 0.85,
      "data-id": it.id, "data-type": it.type, "data-modality": it.modality, "data-testid": "event-dot",
    });
    dot.append(svgEl("title", {}, `${it.label} · ${it.start}${it.end > it.start ? " – " + it.end : ""}`));
    dot.addEventListener("click", () => openEvent(svg, dot, it.id));
    svg.append(dot);
  }
  const focus = new URLSearchParams(location.search).get("focus");
  if (focus) {
    const dot = [...svg.querySelectorAll(".ev")].find((d) => d.dataset.id === focus);
    if (dot) openEvent(svg, dot, focus);
  }
}

async function openEvent(svg, dot, id) {
  select(svg, dot);
  const ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  showEvents("Event", [ev]);
}

// -- network ------------------------------------------------------------------------
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n),
                                     y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n) }));
  const idx = Object.fromEntries(nodes.map((d, i) => [d.id, i]));
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.4;
  for (let it = 0; it < 300; it++) {
    const temp = 20 * (1 - it / 300) + 0.5;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(Math.hypot(dx, dy), 0.01), f = (k * k) / d;
      disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
      disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
    }
    for (const e of edges) {
      const a = idx[e.source], b = idx[e.target];
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 0.01), f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * 0.4; disp[i].y += (H / 2 - pos[i].y) * 0.4;
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      pos[i].x = Math.min(W - 160, Math.max(40, pos[i].x + (disp[i].x / d) * Math.min(d, temp)));
      pos[i].y = Math.min(H - 30, Math.max(30, pos[i].y + (disp[i].y / d) * Math.min(d, temp)));
    }
  }
  return pos;
}

let TYPE_COLOURS = {};

async function drawNetwork() {
  const svg = document.getElementById("network");
  const data = await getJSON("/api/network");
  const W = 900, H = 560;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  document.getElementById("network-note").textContent =
    `${data.nodes.length} actors, ${data.edges.length} links. Colour: actor type.`;
  if (!data.nodes.length) { svg.append(svgEl("text", { x: 20, y: 40 }, "No events with actors.")); return; }
  const pos = layout(data.nodes, data.edges, W, H);
  const idx = Object.fromEntries(data.nodes.map((d, i) => [d.id, i]));
  const events = await allEvents();
  const byId = Object.fromEntries(events.map((e) => [e.id, e]));
  for (const e of data.edges) {
    const a = pos[idx[e.source]], b = pos[idx[e.target]];
    const line = svgEl("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                                 "stroke-width": 1.5 + 1.5 * Math.sqrt(e.count), "data-testid": "edge" });
    line.append(svgEl("title", {}, `${e.source} – ${e.target}: ${e.count} event(s)`));
    line.addEventListener("click", () => {
      select(svg, line);
      showEvents(`${e.source} – ${e.target}`, e.events.map((id) => byId[id]).filter(Boolean));
    });
    svg.append(line);
  }
  data.nodes.forEach((nd, i) => {
    const g = svgEl("g", {});
    const c = svgEl("circle", { class: "node", cx: pos[i].x, cy: pos[i].y, r: radius(nd.events, 8, 4),
                                fill: TYPE_COLOURS[nd.type] || TYPE_COLOURS.other, "data-id": nd.id,
                                "data-testid": "actor-node" });
    c.append(svgEl("title", {}, `${nd.name}: ${nd.events} event(s)`));
    const label = svgEl("text", { x: pos[i].x + 12, y: pos[i].y + 4 }, nd.name);
    const open = () => {
      select(svg, c);
      showEvents(nd.name, events.filter((e) => Object.keys(e.actor_names || {}).includes(nd.id)));
    };
    c.addEventListener("click", open);
    label.addEventListener("click", open);
    g.append(c, label);
    svg.append(g);
  });
  const focus = decodeURIComponent(location.hash.slice(1));
  const node = focus && [...svg.querySelectorAll(".node")].find((n) => n.dataset.id === focus);
  if (node) node.dispatchEvent(new Event("click"));
}

// -- map ----------------------------------------------------------------------------
async function drawMap(actor) {
  const svg = document.getElementById("map");
  const layer = document.getElementById("map-points");
  const data = await getJSON(`/api/map${qs({ actor })}`);
  layer.replaceChildren();
  document.getElementById("map-note").textContent =
    `${data.points.length} placed event(s)` + (data.unplaced ? `; ${data.unplaced} without a known place.` : ".");
  legend([...new Set(data.points.map((p) => p.type))].sort());
  const groups = {};
  for (const p of data.points) {
    const key = `${p.lat.toFixed(2)},${p.lon.toFixed(2)}`;
    (groups[key] = groups[key] || []).push(p);
  }
  const events = data.points.length ? await allEvents({ actor }) : [];
  const byId = Object.fromEntries(events.map((e) => [e.id, e]));
  for (const pts of Object.values(groups)) {
    const p = pts[0];
    const total = pts.reduce((s, q) => s + q.corroboration, 0);
    const planned = pts.every((q) => q.modality === "planned");
    const c = colour(p.type);
    const dot = svgEl("circle", { class: "pt", cx: p.lon + 180, cy: 90 - p.lat, r: radius(total, 1.6, 0.8),
                                  fill: planned ? "#fff" : c, stroke: c, "stroke-width": 0.5, "fill-opacity": 0.85,
                                  "data-testid": "map-point", "data-place": p.place || "" });
    dot.append(svgEl("title", {}, `${p.place || "?"}: ${pts.length} event(s)`));
    dot.addEventListener("click", () => {
      select(svg, dot);
      dot.setAttribute("stroke-width", 0.8);
      showEvents(p.place || "place", pts.map((q) => byId[q.id]).filter(Boolean));
    });
    layer.append(dot);
  }
}

// -- article view -------------------------------------------------------------------
function activate(facts, scrollTo) {
  for (const n of document.querySelectorAll(".active")) n.classList.remove("active");
  const wanted = new Set(facts);
  let firstMark = null, firstCard = null;
  for (const m of document.querySelectorAll("mark.hl")) {
    if ((m.dataset.facts || "").split(" ").some((f) => wanted.has(f))) {
      m.classList.add("active");
      firstMark = firstMark || m;
    }
  }
  for (const c of document.querySelectorAll("li.fact")) {
    if (wanted.has(c.dataset.fact)) { c.classList.add("active"); firstCard = firstCard || c; }
  }
  if (scrollTo === "mark" && firstMark) firstMark.scrollIntoView({ block: "center" });
  if (scrollTo === "card" && firstCard) firstCard.scrollIntoView({ block: "nearest" });
}

function setupArticle() {
  for (const m of document.querySelectorAll("mark.hl")) {
    m.addEventListener("click", () => activate((m.dataset.facts || "").split(" "), "card"));
  }
  for (const c of document.querySelectorAll("li.fact")) {
    c.addEventListener("click", (e) => { if (e.target.tagName !== "A") activate([c.dataset.fact], "mark"); });
  }
  const h = decodeURIComponent(location.hash.slice(1));
  const dash = h.indexOf("-");
  if (dash > 0) activate([`${h.slice(0, dash)}:${h.slice(dash + 1)}`], "mark");
}

// -- start --------------------------------------------------------------------------
function ready() {
  document.body.dataset.ready = "1";
}

async function start() {
  const page = document.body.dataset.page;
  try {
    const pal = await getJSON("/static/palette.json");
    PALETTE = pal.types; EXTRA = pal.extra; TYPE_COLOURS = pal.actor_types;
    if (page === "timeline") { await drawTimeline(await actorFilter(drawTimeline)); }
    else if (page === "network") { await drawNetwork(); }
    else if (page === "map") { await drawMap(await actorFilter(drawMap)); }
    else if (page === "article") { setupArticle(); }
  } catch (err) {
    const panel = document.getElementById("panel");
    if (panel) panel.replaceChildren(el("p", { class: "note" }, `Could not load data: ${err.message}`));
  }
  ready();
}

document.addEventListener("DOMContentLoaded", start);
