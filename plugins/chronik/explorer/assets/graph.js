/* Entity graphs in SVG: positions come laid out from the build (graph.json, local/<id>.json), so the
 * page only places them. Labels for hubs only (others on hover or focus), a type filter and a focus
 * mode that keeps one entity's neighbourhood. Nodes are real links to the entity pages. */

import { siteUrl, t } from "./config.js";
import { fold, load } from "./data.js";
import { afterFrame, h, layoutSizes, nextTask, s } from "./dom.js";

const SMALL = 520;   // px: narrower drawings show fewer nodes and hubs
const SLICE = 8;     // ms of drawing before yielding: short tasks even on a phone at a quarter of this speed

export function mountGraph(el) {
  el.setAttribute("data-cx", "loading");
  const local = el.getAttribute("data-chronik-graph") === "local";
  const path = local ? "local/" + encodeURIComponent(el.getAttribute("data-entity")) + ".json" : "graph.json";
  // The box's size as the next frame lays it out (reading it at once would force a layout).
  const size = layoutSizes([el.querySelector(".cx-graph-box")])
    .then(({ sizes: [box] }) => ({ W: Math.round(box.w) || 600, H: Math.round(box.h) || 420 }));
  Promise.all([load(path), load("index.json"), size])
    .then(([graph, index, box]) => new Graph(el, graph, index, local, box).render())
    .then((ms) => {
      window.chronikExplorer.graphMs = ms;
      el.setAttribute("data-cx", "ready");
    }).catch((err) => {
    el.setAttribute("data-cx", "error");
    console.warn(err);
  });
}

class Graph {
  constructor(el, graph, index, local, size) {
    this.el = el; this.g = graph; this.index = index; this.local = local; this.size = size;
    this.box = el.querySelector(".cx-graph-box");
    this.typeNo = new Map(index.types.map((ty, i) => [ty.id, i]));
    this.typeLabel = new Map(index.types.map((ty) => [ty.id, ty.label]));
    const degree = graph.degree || graph.nodes.map(() => 0);
    this.degree = degree;
    this.neighbours = graph.nodes.map(() => new Set());
    for (const e of graph.edges) { this.neighbours[e[0]].add(e[1]); this.neighbours[e[1]].add(e[0]); }
    this.type = ""; this.focus = -1;
  }

  /** Nodes by importance: degree in the drawn graph, then events. */
  ranked() {
    return this.g.nodes.map((n, i) => i).sort((a, b) => this.degree[b] - this.degree[a] || this.g.nodes[b][3] - this.g.nodes[a][3] || a - b);
  }

  /** Build the drawing in short tasks (edges, nodes, then into the page, then legend and controls; edges
   * and nodes yield to the browser whenever a slice of work passes SLICE ms), so none blocks the page
   * for long; resolves to the milliseconds of work (the waits between left out). Each task's work is
   * kept in window.chronikExplorer.graphSteps for the benchmark. */
  async render() {
    const steps = (window.chronikExplorer.graphSteps = []);
    let work = 0, t0 = performance.now();
    const step = async (name) => {
      const ms = performance.now() - t0;
      work += ms;
      if (name) steps.push([name, ms]);
      await nextTask();
      t0 = performance.now();
    };
    this.pause = async () => { if (performance.now() - t0 > SLICE) await step(""); };
    const { W, H } = this.size;
    const small = W < SMALL, ranked = this.ranked();
    const shown = new Set(ranked.slice(0, this.local ? 25 : small ? 24 : 60));
    if (this.local) shown.add(this.g.center);
    const hubs = new Set(ranked.filter((i) => shown.has(i)).slice(0, small ? 6 : 10));
    if (this.local) hubs.add(this.g.center);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, "class": "cx-graph", role: "group",
      "aria-label": this.local ? t("graph_local") : t("graph") });
    this.edges = await this.drawEdges(svg, shown, W, H, small);
    await step("edges");
    this.nodes = await this.drawNodes(svg, shown, hubs, W, H, small);
    await step("nodes");
    this.svg = svg;
    this.box.replaceChildren(svg);
    // The drawing is styled and laid out in the next frame, apart from the legend's and controls' work.
    await afterFrame();
    t0 = performance.now();
    this.legend(shown);
    await step("legend");
    if (!this.local) this.controls(shown);
    steps.push(["controls", performance.now() - t0]);
    return work + performance.now() - t0;
  }

  async drawEdges(svg, shown, W, H, small) {
    const layer = s("g", { "class": "cx-edges" }, svg), out = [];
    for (const e of this.g.edges) {
      if (!shown.has(e[0]) || !shown.has(e[1])) continue;
      await this.pause();
      const a = this.g.nodes[e[0]], b = this.g.nodes[e[1]];
      const line = s("line", { x1: a[5] * W, y1: a[6] * H, x2: b[5] * W, y2: b[6] * H,
        "class": e[2] ? "cx-edge cx-edge-rel" : "cx-edge cx-edge-shared",
        "stroke-width": e[2] ? 2 : Math.min(5, 0.8 + Math.log(1 + e[3])) }, layer);
      s("title", {}, line).textContent = a[1] + " – " + b[1] + ": " +
        [e[2], e[3] ? t("shared", { n: e[3] }) : ""].filter(Boolean).join("; ");
      if (this.local && e[2] && !small) {
        const label = s("text", { x: (a[5] + b[5]) / 2 * W, y: (a[6] + b[6]) / 2 * H - 4, "text-anchor": "middle",
          "class": "cx-label cx-edge-label" }, layer);
        label.textContent = e[2];
      }
      out.push({ el: line, a: e[0], b: e[1] });
    }
    return out;
  }

  async drawNodes(svg, shown, hubs, W, H, small) {
    const layer = s("g", { "class": "cx-nodes" }, svg), out = new Map();
    const maxN = Math.max(1, ...this.g.nodes.map((n) => n[3]));
    const scale = small ? 0.75 : 1;
    for (const [i, n] of this.g.nodes.entries()) {
      if (!shown.has(i)) continue;
      await this.pause();
      const center = this.local && i === this.g.center;
      const r = (5 + 11 * Math.sqrt(n[3] / maxN) + (center ? 5 : 0)) * scale;
      const label = n[1] + " (" + (this.typeLabel.get(n[2]) || n[2]) + ", " + n[3] + " " + t("events") + ")";
      const holder = n[4] ? s("a", { href: siteUrl(n[4]).href, "aria-label": label, "class": "cx-node" }, layer)
        : s("g", { "class": "cx-node", role: "img", "aria-label": label, tabindex: "0" }, layer);
      holder.setAttribute("data-entity", n[0]);
      if (hubs.has(i)) holder.classList.add("cx-hub");
      const ty = this.typeNo.get(n[2]);
      s("circle", { cx: n[5] * W, cy: n[6] * H, r, "class": "cx-dot cx-t" + (ty === undefined ? "x" : ty % 6) + (center ? " cx-center" : "") }, holder);
      s("title", {}, holder).textContent = label;
      const anchor = n[5] < 0.18 ? "start" : n[5] > 0.82 ? "end" : "middle";
      const text = s("text", { x: n[5] * W, y: n[6] * H + r + 13, "text-anchor": anchor, "class": "cx-label" }, holder);
      text.textContent = n[1];
      // a plate in the page's colour under the name: where it crosses another node, it stays readable
      const box = text.getBBox();
      holder.insertBefore(s("rect", { x: box.x - 3, y: box.y - 1, width: box.width + 6, height: box.height + 2, rx: 3,
        "class": "cx-label-plate" }, holder), text);
      out.set(i, holder);
    }
    return out;
  }

  legend(shown) {
    const list = this.el.querySelector(".cx-legend");
    list.replaceChildren(...this.index.types.map((ty, i) => {
      if (![...shown].some((n) => this.g.nodes[n][2] === ty.id)) return null;
      return h("li", {}, [h("span", { "class": "cx-swatch cx-t" + (i % 6), "aria-hidden": "true" }), h("span", { text: ty.label })]);
    }).filter(Boolean));
  }

  controls(shown) {
    const typeSelect = this.el.querySelector(".cx-graph-type"), focusSelect = this.el.querySelector(".cx-graph-focus");
    for (const ty of this.index.types) {
      if ([...shown].some((n) => this.g.nodes[n][2] === ty.id)) typeSelect.appendChild(h("option", { value: ty.id, text: ty.label }));
    }
    // Sorted by folded name, not localeCompare: its first call loads the collation data in one long task.
    const key = new Map([...shown].map((i) => [i, fold(this.g.nodes[i][1])]));
    const byName = [...shown].sort((a, b) => (key.get(a) < key.get(b) ? -1 : key.get(a) > key.get(b) ? 1 : a - b));
    for (const i of byName) focusSelect.appendChild(h("option", { value: this.g.nodes[i][0], text: this.g.nodes[i][1] }));
    typeSelect.addEventListener("change", () => { this.type = typeSelect.value; this.apply(); });
    focusSelect.addEventListener("change", () => {
      this.focus = this.g.nodes.findIndex((n) => n[0] === focusSelect.value);
      this.apply();
    });
  }

  /** Show only nodes of the chosen type and, in focus mode, the focused entity and its neighbours. */
  apply() {
    const keep = (i) => (this.focus >= 0 && i === this.focus) ||
      ((!this.type || this.g.nodes[i][2] === this.type) && (this.focus < 0 || this.neighbours[this.focus].has(i)));
    for (const [i, node] of this.nodes) {
      node.classList.toggle("cx-off", !keep(i));
      node.classList.toggle("cx-focus", i === this.focus);
    }
    for (const e of this.edges) e.el.classList.toggle("cx-off", !keep(e.a) || !keep(e.b));
    this.svg.classList.toggle("cx-focused", this.focus >= 0);
    this.el.setAttribute("data-focus", this.focus >= 0 ? this.g.nodes[this.focus][0] : "");
  }
}
