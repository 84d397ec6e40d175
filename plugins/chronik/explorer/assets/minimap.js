/* The overview strip under the timeline: every month's events across the whole corpus and a window
 * for the current view; dragging the window (or pressing beside it) moves the view. */

import { dayNo, today } from "./data.js";

export class Minimap {
  constructor(canvas, timeline) {
    this.canvas = canvas;
    this.tl = timeline;
    this.ctx = canvas.getContext("2d");
    this.drag = null;
    canvas.addEventListener("pointerdown", (e) => this.down(e));
    canvas.addEventListener("pointermove", (e) => this.move(e));
    canvas.addEventListener("pointerup", () => { this.drag = null; });
    canvas.addEventListener("pointercancel", () => { this.drag = null; });
  }
  /** The whole period, from index.json (a year at least, padded). */
  extent() {
    const r = this.tl.index.range;
    let lo = r[0] ? dayNo(r[0]) : today() - 365, hi = r[1] ? dayNo(r[1]) + 1 : lo + 365;
    if (hi - lo < 365) { const mid = (lo + hi) / 2; lo = mid - 183; hi = mid + 183; }
    const pad = (hi - lo) * 0.03;
    return { t0: lo - pad, t1: hi + pad };
  }
  x(day, w) { const e = this.extent(); return (day - e.t0) / (e.t1 - e.t0) * w; }
  dayAt(px, w) { const e = this.extent(); return e.t0 + px / w * (e.t1 - e.t0); }
  draw() {
    // The height is read once (and after a resize): reading layout after the page changed forces a reflow.
    if (!this.height) this.height = this.canvas.clientHeight || 36;
    const w = this.tl.width(), h = this.height, dpr = window.devicePixelRatio || 1, ctx = this.ctx;
    const c = this.tl.colors;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr); this.canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const months = Object.entries(this.tl.index.months);
    const max = Math.max(1, ...months.map(([, row]) => row[row.length - 1]));
    ctx.fillStyle = c.light;
    for (const [month, row] of months) {
      const a = this.x(dayNo(month + "-01"), w), b = this.x(dayNo(month + "-01") + 30, w);
      const bh = Math.max(1, (h - 4) * row[row.length - 1] / max);
      ctx.fillRect(a, h - 2 - bh, Math.max(1, b - a - 0.5), bh);
    }
    const v = this.tl.view, x0 = Math.max(0, this.x(v.t0, w)), x1 = Math.min(w, this.x(v.t1, w));
    ctx.globalAlpha = 0.18; ctx.fillStyle = c.accent; ctx.fillRect(x0, 0, Math.max(3, x1 - x0), h); ctx.globalAlpha = 1;
    ctx.strokeStyle = c.accent; ctx.lineWidth = 2; ctx.strokeRect(x0 + 1, 1, Math.max(3, x1 - x0) - 2, h - 2);
  }
  down(e) {
    const r = this.canvas.getBoundingClientRect(), w = r.width, px = e.clientX - r.left;
    const v = this.tl.view, x0 = this.x(v.t0, w), x1 = this.x(v.t1, w);
    if (px < x0 || px > x1) this.tl.centerOn(this.dayAt(px, w));
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { px, view: this.tl.view, w };
    e.preventDefault();
  }
  move(e) {
    if (!this.drag) return;
    const r = this.canvas.getBoundingClientRect(), dx = e.clientX - r.left - this.drag.px;
    const d = this.dayAt(dx, this.drag.w) - this.dayAt(0, this.drag.w);
    this.tl.view = { t0: this.drag.view.t0 + d, t1: this.drag.view.t1 + d };
    this.tl.requestDraw();
  }
}
