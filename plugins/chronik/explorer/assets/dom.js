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
