/* Drawing the timeline's parts on a 2D canvas: the axis, marks by precision, titles, clusters, markers. */

import { DAY } from "./data.js";
import { dayText, monthText } from "./format.js";
import { ROW } from "./timeline-layout.js";

/** Colours of the current palette (read once per palette switch: reading styles forces a style pass). */
export function palette(box) {
  const cs = getComputedStyle(box);
  const v = (name, fallback) => cs.getPropertyValue(name).trim() || fallback;
  const types = [];
  for (let i = 0; i < 6; i++) types.push(v("--cx-type-" + i, "#3f51b5"));
  return { types, fg: v("--md-default-fg-color", "#222"), light: v("--md-default-fg-color--lighter", "#ccc"),
    lightest: v("--md-default-fg-color--lightest", "#eee"), bg: v("--md-default-bg-color", "#fff"),
    accent: v("--md-accent-fg-color", "#e91e63"), font: "12px " + (cs.fontFamily || "sans-serif") };
}

function colorOf(c, it) {
  return it.color === undefined || it.color === null || it.color < 0 ? c.fg : c.types[it.color % c.types.length];
}

/** Tick positions and labels: years, months or days, at least MINPX apart at any zoom. */
function ticks(tl) {
  const MINPX = 64, perDay = (tl.width() - tl.left()) / tl.span(), out = [];
  const d0 = new Date(tl.view.t0 * DAY), y0 = d0.getUTCFullYear();
  const first = (steps, unit) => steps.find((s) => s * unit * perDay >= MINPX) || steps[steps.length - 1];
  if (6 * 30.4 * perDay < MINPX) {
    const step = first([1, 2, 5, 10, 20, 50, 100], 365.25);
    for (let yr = Math.ceil(y0 / step) * step; Date.UTC(yr, 0, 1) / DAY <= tl.view.t1; yr += step) out.push([Date.UTC(yr, 0, 1) / DAY, String(yr)]);
  } else if (14 * perDay < MINPX) {
    const step = first([1, 2, 3, 6], 30.4);
    for (let k = 0; k < 2400; k++) {
      const month = d0.getUTCMonth() + k, day = Date.UTC(y0, month, 1) / DAY;
      if (day > tl.view.t1) break;
      if (month % step === 0) out.push([day, monthText(day, true)]);
    }
  } else {
    const step = first([1, 2, 7, 14], 1);
    for (let d = Math.floor(tl.view.t0 / step) * step; d < tl.view.t1 + 1; d += step) out.push([d, dayText(d, { short: true, noYear: true })]);
  }
  return out;
}

export function drawAxis(tl, ctx, c, lanes, w, h) {
  lanes.forEach((lane, i) => {
    if (i % 2) { ctx.fillStyle = c.lightest; ctx.fillRect(0, lane.y, w, lane.h); }
    if (lane.label) { ctx.fillStyle = c.fg; ctx.fillText(fit(ctx, lane.label, tl.left() - 8), 4, lane.y + 10); }
  });
  ctx.strokeStyle = c.lightest; ctx.fillStyle = c.fg; ctx.lineWidth = 1;
  for (const [day, label] of ticks(tl)) {
    const px = tl.x(day);
    if (px < tl.left() || px > w - 36) continue;
    ctx.beginPath(); ctx.moveTo(Math.round(px) + 0.5, 16); ctx.lineTo(Math.round(px) + 0.5, h); ctx.stroke();
    ctx.fillText(label, px + 3, 10);
  }
}

function fit(ctx, text, px) {
  if (ctx.measureText(text).width <= px) return text;
  let out = text;
  while (out.length > 1 && ctx.measureText(out + "…").width > px) out = out.slice(0, -1);
  return out + "…";
}

/** A mark at its precision: a diamond for a day, a solid bar for an interval, a soft band for a
 * month, season or year (it does not look like a duration), a bar fading out at an open end. */
export function drawMark(ctx, c, it) {
  const col = colorOf(c, it), y = it.y;
  if (it.kind === "point") {
    const cx = (it.x0 + it.x1) / 2, cy = y + ROW / 2 - 1;
    ctx.fillStyle = col;
    ctx.beginPath(); ctx.moveTo(cx, cy - 6); ctx.lineTo(cx + 5, cy); ctx.lineTo(cx, cy + 6); ctx.lineTo(cx - 5, cy); ctx.closePath(); ctx.fill();
  } else if (it.kind === "band") {
    const g = ctx.createLinearGradient(it.x0, 0, it.x1, 0);
    g.addColorStop(0, col); g.addColorStop(1, "rgba(128,128,128,0)");
    ctx.globalAlpha = 0.28; ctx.fillStyle = g;
    ctx.fillRect(it.x0, y + 1, it.x1 - it.x0, ROW - 3);
    ctx.globalAlpha = 1; ctx.fillStyle = col;
    ctx.fillRect(it.x0, y + 1, 2, ROW - 3);   // where the vague period starts, the title beside it
  } else {
    let fill = col;
    if (it.fadeL || it.fadeR) {
      const g = ctx.createLinearGradient(it.x0, 0, it.x1, 0);
      g.addColorStop(0, it.fadeL ? "rgba(128,128,128,0)" : col);
      g.addColorStop(it.fadeL && it.fadeR ? 0.5 : it.fadeL ? 0.85 : 0.15, col);
      g.addColorStop(1, it.fadeR ? "rgba(128,128,128,0)" : col);
      fill = g;
    }
    ctx.fillStyle = fill;
    ctx.fillRect(it.x0, y + ROW - 7, Math.max(2, it.x1 - it.x0), 4);   // a real interval: a solid bar
    if (!it.fadeL) ctx.fillRect(it.x0, y + 1, 2, ROW - 4);
    if (!it.fadeR) ctx.fillRect(it.x1 - 2, y + 1, 2, ROW - 4);
  }
  if (/[au]/.test(it.ev.flags)) {
    ctx.setLineDash([3, 2]); ctx.strokeStyle = c.fg; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(it.x0, y + ROW - 1.5); ctx.lineTo(Math.max(it.x1, it.x0 + 12), y + ROW - 1.5); ctx.stroke();
    ctx.setLineDash([]);
  }
}

export function drawLabel(ctx, c, it, text) {
  if (!text) return;
  ctx.fillStyle = c.fg;
  const y = it.kind === "point" ? it.y + ROW / 2 - 1 : it.kind === "band" ? it.y + ROW / 2 - 1 : it.y + 6;
  ctx.fillText(text, it.labelX, y);
}

export function drawCluster(ctx, c, it) {
  const w = it.x1 - it.x0 - 4, x = it.x0 + 2;
  ctx.fillStyle = c.lightest; ctx.strokeStyle = c.light; ctx.lineWidth = 1;
  ctx.beginPath();
  if (ctx.roundRect) ctx.roundRect(x, it.y + 1, w, it.h, 6); else ctx.rect(x, it.y + 1, w, it.h);
  ctx.fill(); ctx.stroke();
  ctx.fillStyle = c.fg;
  const n = String(it.members.length), big = it.label || n;
  const text = ctx.measureText(big).width <= w - 8 ? big : n;
  ctx.textAlign = "center";
  ctx.fillText(text, x + w / 2, it.y + 1 + Math.min(it.h / 2, 14));
  ctx.textAlign = "start";
}

export function drawBin(ctx, c, it) {
  ctx.fillStyle = it.color < 0 ? c.types[0] : colorOf(c, it); ctx.globalAlpha = 0.6;
  ctx.fillRect(it.x0, it.y, Math.max(1, it.x1 - it.x0), it.h);
  ctx.globalAlpha = 1;
  const n = String(it.n);
  if (ctx.measureText(n).width + 4 <= it.x1 - it.x0) {
    ctx.fillStyle = c.fg; ctx.textAlign = "center";
    ctx.fillText(n, (it.x0 + it.x1) / 2, it.y - 7);
    ctx.textAlign = "start";
  }
}

/** A vertical line for today (solid) or the latest publication (dashed), labelled at the bottom:
 * the publication's label to the left of its line, today's to the right (left at the right edge). */
export function drawMarker(ctx, c, px, h, label, dashed, w) {
  if (px < 0 || px > w) return;
  ctx.strokeStyle = c.accent; ctx.lineWidth = 1.5;
  if (dashed) ctx.setLineDash([4, 3]);
  ctx.beginPath(); ctx.moveTo(px, 16); ctx.lineTo(px, h - 14); ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = c.fg;
  const width = ctx.measureText(label).width;
  const left = dashed ? px - width - 3 >= 0 : px + width + 3 > w;
  ctx.fillText(label, left ? px - width - 3 : px + 3, h - 7);
}
