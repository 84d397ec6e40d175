/* Small DOM helpers. */

export const SVGNS = "http://www.w3.org/2000/svg";

/** An element with attributes ("text" sets its text) and children. */
export function h(tag, attrs, children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") el.textContent = v;
    else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v);
  }
  for (const c of children || []) if (c) el.appendChild(c);
  return el;
}

/** An SVG element, appended to ``parent`` when given. */
export function s(tag, attrs, parent) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

export function now() {
  return performance.now();
}

/** A new task: the browser may paint and handle input in between (scheduler.yield where there is one). */
export function nextTask() {
  if (window.scheduler && typeof window.scheduler.yield === "function") return window.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A task after the next frame: what the page changed before has been styled, laid out and painted.
 * (A page in the background gets no frames: then after a short wait.) */
export function afterFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 250);
    requestAnimationFrame(() => { clearTimeout(timer); setTimeout(resolve, 0); });
  });
}

/** The content-box sizes of ``els`` ({w, h} each), read when the browser has laid them out anyway
 * (a ResizeObserver's first report comes right after a frame's layout): no forced layout, unlike
 * clientWidth after the page changed. ``more`` runs in the same callback, while style and layout are
 * still clean (for reads such as getComputedStyle). A page without frames reads them directly. */
export function layoutSizes(els, more) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (sizes) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ sizes, extra: more ? more() : null });
    };
    const observer = new ResizeObserver((entries) => {
      const byEl = new Map(entries.map((e) => [e.target, e.contentRect]));
      if (els.every((el) => byEl.has(el))) finish(els.map((el) => ({ w: byEl.get(el).width, h: byEl.get(el).height })));
    });
    const timer = setTimeout(() => finish(els.map((el) => ({ w: el.clientWidth, h: el.clientHeight }))), 1000);
    for (const el of els) observer.observe(el);
  });
}
