/* The visual timeline: a canvas with lanes, labelled marks, clusters, a today/publication marker,
 * a minimap, keyboard/pointer/touch pan and zoom, and an offscreen list of what is drawn
 * (screen readers and tests read the labels back from it). */

import { eventHref, t } from "./config.js";
import { h, layoutSizes, nextTask } from "./dom.js";
import { DAY, dayNo, isoOf, loadTitles, loaded, loadedEvents, today } from "./data.js";
import { eventDate, monthText } from "./format.js";
import { AXIS, FOOT, ROW, densityBins, finish, layoutLaneSteps } from "./timeline-layout.js";
import { drawAxis, drawBin, drawCluster, drawLabel, drawMark, drawMarker, palette } from "./timeline-draw.js";
import { Minimap } from "./minimap.js";
import { bindInput } from "./timeline-input.js";

const DENSE_SPAN = 365 * 2.5;   // days: wider views of a big corpus show counts per month or year
const DENSE_EVENTS = 1500;      // corpora up to this size always show their events
const MIN_SPAN = 2, MAX_SPAN = 365 * 200;
const SLICE = 8;                // ms of measuring titles, cutting labels or writing the list before yielding (32 ms on a 4x slower phone)

/** All events of a month in index.json's row (by first type, untyped, then all). */
function monthTotal(row) {
  return row[row.length - 1];
}

export class Timeline {
  constructor(box, index, years, onActivate) {
    this.box = box;
    this.index = index;
    this.years = years;
    this.onActivate = onActivate;
    this.canvas = box.querySelector(".cx-canvas");
    this.stage = box.querySelector(".cx-stage");
    this.tip = box.querySelector(".cx-tip");
    this.live = box.querySelector(".cx-live");
    this.drawn = box.querySelector(".cx-drawn");
    this.lanesSelect = box.querySelector(".cx-lanes");
    this.ctx = this.canvas.getContext("2d");
    this.minimap = new Minimap(box.querySelector(".cx-minimap"), this);
    this.filter = null; this.selected = []; this.entityIndex = null;
    this.laneMode = "all"; this.view = null; this.items = []; this.active = -1;
    this.size = null; this.colors = null; this.fontSet = null;
    this.widths = new Map(); this.clipped = new Map();
    this.listTimer = 0; this.frame = 0; this.leftPx = null;
    this.stats = { frames: [] };
    bindInput(this);
  }

  /* ---------- geometry ---------- */
  measureBox() {
    if (!this.size) this.size = { w: this.stage.clientWidth || 600, h: this.canvas.clientHeight || 300 };
    return this.size;
  }
  width() { return this.measureBox().w; }
  /** The lane labels' column (read per mark: kept for the current draw, which recomputes it). */
  left() {
    if (this.leftPx === null) this.leftPx = this.lanes().length > 1 ? (this.width() < 500 ? 76 : 110) : 0;
    return this.leftPx;
  }
  x(day) { const l = this.left(); return l + (day - this.view.t0) / (this.view.t1 - this.view.t0) * (this.width() - l); }
  dayAt(px) { const l = this.left(); return this.view.t0 + (px - l) / (this.width() - l) * (this.view.t1 - this.view.t0); }
  span() { return this.view.t1 - this.view.t0; }
  dense() { return this.index.n > DENSE_EVENTS && this.span() > DENSE_SPAN; }

  /* ---------- what is shown ---------- */
  events() {
    return loadedEvents().filter((ev) => (ev.lo !== null || ev.hi !== null) && (!this.filter || this.filter(ev)));
  }
  lanes() {
    const types = this.index.types;
    if (this.laneMode === "entity" && this.selected.length && this.entityIndex) {
      return this.selected.map((id) => {
        const ent = this.entityIndex.byId.get(id), no = ent ? ent.i : -1;
        return { label: ent ? ent.name : id, test: (ev) => ev.ents.includes(no), color: ent ? types.findIndex((x) => x.id === ent.type) : -1 };
      });
    }
    if (this.laneMode === "type") {
      // Each event in the lane of its first type only, so every event is drawn once.
      const out = types.map((ty, i) => ({ label: ty.label, test: (ev) => ev.types[0] === i, color: i, type: i }))
        .filter((lane) => types[lane.type].n > 0);
      out.push({ label: t("other"), test: (ev) => !ev.types.length, color: -1, type: types.length });
      return out;
    }
    return [{ label: "", test: () => true, color: null }];
  }
  fitView() {
    const numeric = this.years.filter((y) => /^\d+$/.test(y)).map(Number);
    const month = /^(\d{4})-(\d{2})$/.exec(this.box.closest(".chronik-explorer").getAttribute("data-period") || "");
    if (month && !this.filter) {
      // A month's page: that month, a few days either side.
      const a = Date.UTC(+month[1], +month[2] - 1, 1) / DAY, b = Date.UTC(+month[1], +month[2], 1) / DAY;
      this.view = { t0: a - 2, t1: b + 2 };
      return;
    }
    if (numeric.length && !this.filter) {
      // A year page: exactly its years (neighbouring years load when the reader goes there).
      const a = Date.UTC(Math.min(...numeric), 0, 1) / DAY, b = Date.UTC(Math.max(...numeric) + 1, 0, 1) / DAY;
      this.view = { t0: a - (b - a) * 0.02, t1: b + (b - a) * 0.02 };
      return;
    }
    let lo = Infinity, hi = -Infinity;
    for (const ev of this.events()) {
      if (ev.lo !== null) { lo = Math.min(lo, ev.lo); hi = Math.max(hi, ev.lo + 1); }
      if (ev.hi !== null) { lo = Math.min(lo, ev.hi); hi = Math.max(hi, ev.hi + 1); }
    }
    if (lo === Infinity) {
      const r = this.index.range;
      lo = r[0] ? dayNo(r[0]) : today() - 365;
      hi = r[1] ? dayNo(r[1]) + 1 : lo + 365;
    }
    const pad = Math.max(3, (hi - lo) * 0.03);
    this.view = { t0: lo - pad, t1: hi + pad };
  }

  /** Years that fill a real part of the view, loaded (with titles) when the view shows events. */
  ensureLoaded() {
    if (this.dense()) return;
    const span = this.span();
    const wanted = this.index.years.filter((y) => {
      if (!/^\d+$/.test(y.y)) return false;
      const a = Date.UTC(+y.y, 0, 1) / DAY, b = Date.UTC(+y.y + 1, 0, 1) / DAY;
      return Math.min(b, this.view.t1) - Math.max(a, this.view.t0) > span * 0.05;
    });
    const jobs = wanted.filter((y) => !this.titled(y.y)).map((y) => loadTitles(y.y));
    if (!jobs.length || this.titlesDue) return;
    // One redraw once the titles are in, however many draws asked for them meanwhile; it measures
    // the titles in slices, lays the labels out and paints in tasks of their own, as the first draw does.
    this.titlesDue = true;
    Promise.all(jobs).then(async () => {
      this.titlesDue = false;
      await this.prelayout();
      await nextTask();
      this.draw();
    }, (err) => {
      this.titlesDue = false;
      console.warn(err);
    });
  }
  titled(year) {
    const list = loaded.get(year);
    return list && (!list.length || list[0].title !== null);
  }

  /* ---------- layout ---------- */
  layout() {
    return this.dense() ? this.densityLayout() : finish(this.eventLayout());
  }
  laneGeometry(count) {
    const { h } = this.measureBox();
    const rows = Math.max(1, Math.floor((h - AXIS - FOOT) / count / ROW));
    return { rows, height: rows * ROW };
  }
  /** The events' layout, step-wise (a generator: see layoutLaneSteps); returns {items, lanes}. */
  *eventLayout() {
    this.ensureLoaded();
    const lanes = this.lanes(), list = this.events(), vx0 = this.left(), vx1 = this.width();
    const geo = this.laneGeometry(lanes.length), maxLabel = vx1 < 500 ? 150 : 200;
    const measure = (ev) => this.textWidth(ev);
    const x = (d) => this.x(d);
    const items = [], boxes = [];
    for (const [i, lane] of lanes.entries()) {
      const top = AXIS + i * geo.height;
      const mine = list.filter(lane.test);
      for (const it of yield* layoutLaneSteps(mine, { x, vx0, vx1, rows: geo.rows, top, measure, maxLabel })) {
        it.color = lane.color === null ? (it.ev && it.ev.types.length ? it.ev.types[0] : -1) : lane.color;
        if (it.cluster) it.label = t("cluster", { n: it.members.length });
        items.push(it);
      }
      boxes.push({ label: lane.label, y: top, h: geo.height });
    }
    items.sort((a, b) => a.x0 - b.x0 || a.y - b.y);
    return { items, lanes: boxes };
  }
  densityLayout() {
    const lanes = this.lanes(), { bins, binOf, byYear } = densityBins(this.view, DAY);
    const geo = this.laneGeometry(lanes.length);
    const counts = lanes.map(() => bins.map(() => 0));
    if (this.filter) {
      for (const ev of this.events()) {
        const bi = binOf(ev.lo !== null ? ev.lo : ev.hi);
        if (bi >= 0) lanes.forEach((lane, li) => { if (lane.test(ev)) counts[li][bi]++; });
      }
    } else {
      for (const [month, row] of Object.entries(this.index.months)) {
        const bi = binOf(dayNo(month + "-01"));
        if (bi < 0) continue;
        lanes.forEach((lane, li) => {
          counts[li][bi] += lane.type === undefined ? monthTotal(row) : row[lane.type] || 0;
        });
      }
    }
    const items = [];
    const boxes = lanes.map((lane, li) => {
      const top = AXIS + li * geo.height, max = Math.max(1, ...counts[li]);
      bins.forEach((b, bi) => {
        const n = counts[li][bi];
        if (!n) return;
        const hh = Math.max(2, (geo.height - 18) * n / max);
        items.push({ bin: b, n, lane: lane.label, x0: this.x(b[0]) + 0.5, x1: this.x(b[1]) - 0.5,
          y: top + geo.height - 3 - hh, h: hh, top, color: lane.color === null ? -1 : lane.color, byYear });
      });
      return { label: lane.label, y: top, h: geo.height };
    });
    return { items, lanes: boxes };
  }
  textWidth(ev) {
    if (ev.title === null) return 12;
    let w = this.widths.get(ev.id);
    if (w === undefined) { w = this.ctx.measureText(ev.title).width; this.widths.set(ev.id, w); }
    return w;
  }
  /** The title cut to ``room`` px with an ellipsis ("" when not even a few letters fit). */
  clip(ev, room) {
    if (ev.title === null || room < 28) return "";
    if (this.textWidth(ev) <= room) return ev.title;
    const key = ev.id + "|" + Math.floor(room);
    let out = this.clipped.get(key);
    if (out === undefined) {
      const n = this.fitting(ev.title, this.textWidth(ev), room);
      out = n > 1 ? ev.title.slice(0, n).trimEnd() + "…" : "";
      this.clipped.set(key, out);
    }
    return out;
  }
  /** How many leading letters of ``title`` (``full`` px wide) fit into ``room`` px with an ellipsis.
   * Starts from the title's mean letter width and steps from there: two or three measurements, where a bisection
   * of the whole title takes seven or more (measuring text is most of what laying out labels costs). */
  fitting(title, full, room) {
    const fits = (n) => this.ctx.measureText(title.slice(0, n) + "…").width <= room;
    let n = Math.max(1, Math.min(title.length - 1, Math.floor(room / Math.max(full / title.length, 1)) - 1));
    if (fits(n)) {
      while (n + 1 < title.length && fits(n + 1)) n++;
      return n;
    }
    while (n > 1 && !fits(n - 1)) n--;
    return Math.max(1, n - 1);
  }

  /** Read the canvas' size and the palette's colours when the browser has just laid the page out (no
   * forced layout or style pass of our own), so the first draw reads neither; resolves to the ms the
   * colours took (read in the browser's frame). */
  async prepare() {
    let ms = 0;
    const read = () => { const t0 = performance.now(), c = palette(this.box); ms = performance.now() - t0; return c; };
    const { sizes: [stage, canvas, minimap], extra } = await layoutSizes([this.stage, this.canvas, this.minimap.canvas], read);
    this.size = { w: stage.w || 600, h: canvas.h || 300 };
    this.minimap.height = minimap.h || 36;
    this.colors = extra;
    return ms;
  }
  /** The canvas' backing store for its size and the pixel ratio, and its font (set only on a change:
   * resizing resets the canvas, and the first font costs a style pass and the font's lookup). */
  fitCanvas() {
    this.sizeCanvas();
    this.setFont();
  }
  sizeCanvas() {
    const { w, h } = this.measureBox(), dpr = window.devicePixelRatio || 1;
    const cw = Math.round(w * dpr), ch = Math.round(h * dpr);
    if (this.canvas.width !== cw || this.canvas.height !== ch) { this.canvas.width = cw; this.canvas.height = ch; this.fontSet = null; }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }
  setFont() {
    const c = this.colors, ctx = this.ctx;
    if (this.fontSet !== c.font) { ctx.font = c.font; this.fontSet = c.font; this.widths.clear(); this.clipped.clear(); ctx.measureText("0"); }
  }

  /* ---------- drawing ---------- */
  /** Lay out the view ahead of the next draw, which then only paints; the layout holds while the view
   * stays the same. The work comes in tasks of its own, each ended by ``step`` (a yield to the browser):
   * the canvas, its font, the titles in view measured in slices, the layout, the labels cut to fit. */
  async prelayout(step = nextTask) {
    this.leftPx = null;
    if (!this.view) this.fitView();
    this.sizeCanvas();
    await step("canvas");
    this.setFont();   // the first text on a canvas looks its font up: a task of its own
    await step("font");
    await this.measureTitles(step);
    const view = this.view;
    let layout, t0 = performance.now();
    if (this.dense()) layout = this.densityLayout();
    else {
      // The events' layout in slices: it pauses every few dozen marks, and yields when SLICE ms passed.
      const steps = this.eventLayout();
      let r = steps.next();
      for (; !r.done; r = steps.next()) {
        if (performance.now() - t0 > SLICE) { await step("layout"); t0 = performance.now(); }
      }
      layout = r.value;
    }
    await step("layout");
    t0 = performance.now();
    for (const it of layout.items) {
      if (it.ev) this.clip(it.ev, it.labelRoom);   // cut the labels now, not in the paint
      if (performance.now() - t0 > SLICE) { await step("labels"); t0 = performance.now(); }
    }
    if (this.view === view) this.laidOut = { view, layout };
  }
  /** Measure the titles of the events in view (the layout's costliest part) in slices of SLICE ms. */
  async measureTitles(step) {
    if (this.dense()) return;
    const lo = this.view.t0, hi = this.view.t1;
    let t0 = performance.now();
    for (const ev of this.events()) {
      if (ev.title === null || this.widths.has(ev.id)) continue;
      if ((ev.hi !== null && ev.hi < lo - 1) || (ev.lo !== null && ev.lo > hi + 1)) continue;
      this.textWidth(ev);
      if (performance.now() - t0 > SLICE) { await step("titles"); t0 = performance.now(); }
    }
  }
  /** Paint the view; ``minimap: false`` leaves the overview strip to the caller (a task of its own). */
  draw({ minimap = true } = {}) {
    const started = performance.now();
    const ready = this.laidOut && this.laidOut.view === this.view ? this.laidOut.layout : null;
    this.laidOut = null;
    if (!ready) this.leftPx = null;
    if (!this.view) this.fitView();
    const { w, h } = this.measureBox(), c = this.colors || (this.colors = palette(this.box)), ctx = this.ctx;
    this.fitCanvas();
    const L = ready || this.layout();
    this.items = L.items;
    ctx.clearRect(0, 0, w, h);
    ctx.textBaseline = "middle";
    drawAxis(this, ctx, c, L.lanes, w, h);
    ctx.save();
    ctx.beginPath(); ctx.rect(this.left(), 0, w - this.left(), h); ctx.clip();
    this.drawMarkers(ctx, c, h);
    for (const it of this.items) if (it.kind === "band") drawMark(ctx, c, it);
    this.items.forEach((it, i) => {
      if (it.bin) drawBin(ctx, c, it);
      else if (it.cluster) drawCluster(ctx, c, it);
      else if (it.kind !== "band") drawMark(ctx, c, it);
      if (it.ev) drawLabel(ctx, c, it, this.clip(it.ev, it.labelRoom));
      if (i === this.active) this.drawFocus(ctx, c, it);
    });
    ctx.restore();
    this.canvas.setAttribute("data-items", String(this.items.length));
    if (minimap) this.minimap.draw();
    this.scheduleList();
    this.stats.frames.push(performance.now() - started);
    if (this.stats.frames.length > 500) this.stats.frames.shift();
  }
  drawMarkers(ctx, c, h) {
    const now = today(), published = this.index.published ? dayNo(this.index.published) : null;
    const w = this.width();
    if (published !== null && published !== now) drawMarker(ctx, c, this.x(published + 0.5), h, t("published"), true, w);
    drawMarker(ctx, c, this.x(now + 0.5), h, t("today"), false, w);
  }
  drawFocus(ctx, c, it) {
    ctx.strokeStyle = c.accent; ctx.lineWidth = 2;
    const x1 = it.ev ? Math.max(it.x1, it.labelX + it.labelRoom) : it.x1;
    ctx.strokeRect(it.x0 - 3, it.y - 1, x1 - it.x0 + 6, (it.h || ROW - 2) + 2);
  }
  /** Request a redraw on the next frame (pointer moves come faster than frames). */
  requestDraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  /* ---------- the accessible layer ---------- */
  scheduleList() {
    clearTimeout(this.listTimer);
    this.listTimer = setTimeout(() => this.writeList(), 120);
  }
  /** The accessible list of what is drawn, written in slices of SLICE ms, a task each (each slice is
   * styled in the frame after it); aria-busy until the last one, when data-view names the view. A newer
   * draw's list replaces one still being written. */
  async writeList() {
    const mine = (this.listToken = (this.listToken || 0) + 1), items = this.items, view = this.view;
    this.drawn.setAttribute("aria-busy", "true");
    this.drawn.replaceChildren();
    let t0 = performance.now(), rows = [];
    for (const it of items) {
      rows.push(this.listRow(it));
      if (performance.now() - t0 > SLICE) {
        this.drawn.append(...rows);
        rows = [];
        await nextTask();
        if (mine !== this.listToken) return;
        t0 = performance.now();
      }
    }
    this.drawn.append(...rows);
    this.drawn.setAttribute("data-view", isoOf(Math.floor(view.t0)) + "/" + isoOf(Math.floor(view.t1)));
    this.drawn.removeAttribute("aria-busy");
  }
  listRow(it) {
    const li = document.createElement("li");
    if (it.ev && it.ev.link) {
      // A link for screen readers' browse mode; out of the tab order, as the list is not on screen.
      li.appendChild(h("a", { href: eventHref(it.ev), tabindex: "-1", text: this.describe(it) }));
    } else li.textContent = this.describe(it);
    if (it.ev) { li.dataset.event = it.ev.id; li.dataset.label = this.clip(it.ev, it.labelRoom); li.dataset.kind = it.kind; }
    else { li.dataset.count = String(it.cluster ? it.members.length : it.n); li.dataset.kind = it.cluster ? "cluster" : "bin"; }
    return li;
  }
  describe(it) {
    if (it.bin) {
      const period = it.byYear ? String(new Date(it.bin[0] * DAY).getUTCFullYear()) : monthText(it.bin[0]);
      return period + (it.lane ? ", " + it.lane : "") + ": " + t("cluster", { n: it.n });
    }
    if (it.cluster) {
      const days = it.members.map((ev) => (ev.lo !== null ? ev.lo : ev.hi));
      return t("cluster", { n: it.members.length }) + ": " + eventDate({ lo: Math.min(...days), hi: Math.max(...days) });
    }
    return eventDate(it.ev) + ": " + (it.ev.title === null ? "…" : it.ev.title);
  }

  /* ---------- actions ---------- */
  zoom(factor, cx) {
    const center = this.dayAt(cx === undefined ? this.left() + (this.width() - this.left()) / 2 : cx);
    const span = Math.min(Math.max(this.span() * factor, MIN_SPAN), MAX_SPAN);
    const ratio = (center - this.view.t0) / this.span();
    this.view = { t0: center - span * ratio, t1: center + span * (1 - ratio) };
    this.draw();
  }
  pan(fraction) {
    const d = this.span() * fraction;
    this.view = { t0: this.view.t0 + d, t1: this.view.t1 + d };
    this.draw();
  }
  centerOn(day) {
    const half = this.span() / 2;
    this.view = { t0: day - half, t1: day + half };
    this.requestDraw();
  }
  activate(it) {
    if (it.bin || it.cluster) {
      // Expanding a count: zoom to its period, where its events have room.
      // A cluster is a stretch of the axis: its period (its members may reach far beyond it).
      const lo = it.bin ? it.bin[0] : this.dayAt(it.x0);
      const hi = it.bin ? it.bin[1] : this.dayAt(it.x1);
      const pad = Math.max(1, (hi - lo) * 0.05);
      this.view = { t0: lo - pad, t1: hi + pad };
      this.active = -1;
      this.draw();
      return;
    }
    this.onActivate(it.ev);
  }
  select(i) {
    this.active = i;
    this.draw();
    const it = this.items[i];
    if (i >= 0 && it) { this.live.textContent = this.describe(it); this.showTip(i); }
  }
  showTip(i) {
    const tip = this.tip;
    if (i < 0 || !this.items[i]) { tip.hidden = true; return; }
    const it = this.items[i];
    tip.textContent = this.describe(it);
    tip.hidden = false;
    tip.style.left = Math.max(0, Math.min(this.width() - tip.offsetWidth, Math.max(it.x0, this.left()))) + "px";
    tip.style.top = (it.y + (it.h || ROW) + 2) + "px";
  }
  hit(px, py) {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const it = this.items[i];
      const right = it.ev ? Math.max(it.x1, it.labelX + it.labelRoom) : it.x1;
      const top = it.bin ? it.top : it.y, bottom = it.bin ? it.y + it.h : it.y + (it.h || ROW);
      if (px >= it.x0 - 2 && px <= right + 2 && py >= top && py <= bottom) return i;
    }
    return -1;
  }
  indexOfEvent(ev) { return this.items.findIndex((it) => it.ev === ev); }

  /* ---------- what the explorer calls ---------- */
  /** A new filter: the view fits the matching events; drawn at once unless ``redraw`` is false. */
  setFilter(filter, selected, entityIndex, redraw = true) {
    this.filter = filter; this.selected = selected.slice(); this.entityIndex = entityIndex;
    if (this.selected.length && this.laneMode === "all") this.setLanes("entity");
    if (!this.selected.length && this.laneMode === "entity") this.setLanes("all");
    this.active = -1; this.showTip(-1);
    this.view = null;
    if (redraw) this.draw();
  }
  setLanes(mode) {
    this.laneMode = mode; this.leftPx = null;
    if (this.lanesSelect.value !== mode) this.lanesSelect.value = mode;
  }
  refresh(refit) {
    if (refit) this.view = null;
    this.draw();
  }
  resized() { this.size = null; this.leftPx = null; this.minimap.height = 0; this.draw(); }
  repaint() { this.colors = null; this.draw(); }
}
