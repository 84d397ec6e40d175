/* The explorer on a timeline page: filters whose state lives in the URL, the counts, the year links,
 * the results list and the visual timeline, kept in agreement. Its controls come with the page. */

import { eventHref, siteUrl, t } from "./config.js";
import { allLoaded, entities, eventById, load, loadAll, loadEntities, loadYear, loaded, loadedEvents, isoOf } from "./data.js";
import { h, nextTask } from "./dom.js";
import { makeResults } from "./results.js";
import { boundHi, boundLo, compile, emptyState, isEmpty, readState, stateQuery, writeState } from "./state.js";
import { Timeline } from "./timeline.js";
import { typeahead } from "./typeahead.js";

export function mountExplorer(el) {
  el.setAttribute("data-cx", "loading");
  const ui = {
    entity: el.querySelector("#cx-entity"), options: el.querySelector("#cx-entity-list"),
    type: el.querySelector(".cx-type"), tag: el.querySelector(".cx-tag"), from: el.querySelector(".cx-from"),
    to: el.querySelector(".cx-to"), clear: el.querySelector(".cx-clear"), chips: el.querySelector(".cx-selected"),
    count: el.querySelector(".cx-count"), years: el.querySelector(".cx-years"), vis: el.querySelector(".cx-vis"),
    form: el.querySelector(".cx-filters")
  };
  const explorer = new Explorer(el, ui);
  load("index.json").then((index) => explorer.start(index)).catch((err) => {
    el.setAttribute("data-cx", "error");
    ui.count.textContent = "";
    console.warn(err);
  });
}

class Explorer {
  constructor(el, ui) {
    this.el = el; this.ui = ui;
    this.pageYears = (el.getAttribute("data-years") || "").split(" ").filter(Boolean);
    this.state = readState();
    this.match = () => true;
    this.pageEls = new Map();
    this.results = makeResults(el.querySelector(".cx-results"));
  }

  start(index) {
    this.index = index;
    this.typeIds = index.types.map((x) => x.id);
    this.tagIds = index.tags.map((x) => x[0]);
    this.fillOptions();
    const wanted = this.pageYears.filter((y) => index.years.some((x) => x.y === y));
    const jobs = wanted.map(loadYear);
    if (this.state.entity.length) jobs.push(loadEntities());
    return Promise.all(jobs).then(() => this.mount(wanted));
  }

  /** Mount in short steps, yielding between them, so no step blocks the page for long: each step
   * is a task of its own (the browser paints and handles input in between). */
  async mount(wanted) {
    const steps = (window.chronikExplorer.mountSteps = []);
    let t0 = performance.now();
    const step = async (name) => {
      steps.push([name, performance.now() - t0]);
      await nextTask();
      t0 = performance.now();
    };
    this.cleanState();
    for (const y of wanted) {
      for (const ev of loaded.get(y)) {
        const node = document.getElementById(ev.id);
        if (node && node.classList.contains("chronik-event")) this.pageEls.set(ev.id, node);
      }
    }
    // Long pages: let the browser skip layout of events far off screen (see explorer.css).
    if (this.pageEls.size > 150) document.documentElement.classList.add("cx-many");
    this.syncControls();
    await step("controls");
    this.vis = new Timeline(this.ui.vis, this.index, wanted, (ev) => this.jump(ev));
    await step("timeline");
    // Size and colours are read right after the browser's own layout: no forced layout, none in the draw.
    steps.push(["measure (in the frame)", await this.vis.prepare()]);
    t0 = performance.now();
    const started = performance.now();
    this.filterPage(false);
    await step("filter");
    // The first draw in short tasks: the canvas, the titles measured in slices, the layout, the labels
    // cut (in slices), then the paint and the overview strip.
    this.vis.setFilter(isEmpty(this.state) ? null : this.match, this.state.entity, entities(), false);
    await this.vis.prelayout(step);
    this.vis.draw({ minimap: false });
    await step("first draw");
    this.vis.minimap.draw();
    await step("overview");
    this.update();
    this.applied(started);
    this.bind();
    window.chronikExplorer.vis = testApi(this.vis);
    window.chronikExplorer.results = this.results;
    this.el.setAttribute("data-cx", "ready");
    steps.push(["counts and results", performance.now() - t0]);
  }

  fillOptions() {
    const { type, tag } = this.ui;
    for (const x of this.index.types) type.appendChild(h("option", { value: x.id, text: x.label + " (" + x.n + ")" }));
    for (const x of this.index.tags.slice(0, 400)) tag.appendChild(h("option", { value: x[0], text: x[0] + " (" + x[1] + ")" }));
    if (this.state.tag && this.tagIds.includes(this.state.tag) && !this.index.tags.slice(0, 400).some((x) => x[0] === this.state.tag)) {
      tag.appendChild(h("option", { value: this.state.tag, text: this.state.tag }));
    }
  }

  /** Drop what the URL names but the data does not know (unknown ids, types, tags); fix the URL. */
  cleanState() {
    const s = this.state, before = stateQuery(s), index = entities();
    s.entity = s.entity.filter((id) => index && index.byId.has(id));
    if (s.type && !this.typeIds.includes(s.type)) s.type = "";
    if (s.tag && !this.tagIds.includes(s.tag)) s.tag = "";
    if (stateQuery(s) !== before || location.search !== before) writeState(s);
  }

  syncControls() {
    const s = this.state, ui = this.ui;
    ui.type.value = s.type;
    ui.tag.value = s.tag;
    ui.from.value = s.from ? isoOf(boundLo(s.from)) : "";
    ui.to.value = s.to ? isoOf(boundHi(s.to)) : "";
    this.renderChips();
  }

  renderChips() {
    const index = entities();
    this.ui.chips.replaceChildren(...this.state.entity.map((id) => {
      const ent = index && index.byId.get(id), name = ent ? ent.name : id;
      const button = h("button", { type: "button", "class": "cx-chip-remove", "aria-label": t("remove", { name }), text: "×" });
      button.addEventListener("click", () => {
        this.state.entity = this.state.entity.filter((x) => x !== id);
        this.renderChips();
        this.apply(true);
        this.ui.entity.focus();
      });
      return h("li", { "class": "cx-chip" }, [h("span", { text: name }), button]);
    }));
  }

  apply(userAction) {
    const started = performance.now();
    this.filterPage(userAction);
    this.vis.setFilter(isEmpty(this.state) ? null : this.match, this.state.entity, entities());
    this.update();
    this.applied(started);
  }

  /** The filter as a predicate; the page's own event cards (and empty month sections) shown or hidden. */
  filterPage(userAction) {
    const s = this.state, empty = isEmpty(s);
    const index = entities(), entityNo = new Map(index ? index.list.map((e) => [e.id, e.i]) : []);
    this.match = compile(s, entityNo, this.typeIds, this.tagIds);
    let shown = 0;
    for (const [id, node] of this.pageEls) {
      const ok = empty || this.match(eventById.get(id));
      node.classList.toggle("cx-hidden", !ok);
      if (ok) shown++;
    }
    this.shownOnPage = shown;
    this.hideEmptyGroups(empty);
    this.ui.clear.disabled = empty;
    if (userAction) {
      // replaceState forces a style pass over the whole page: after the next frame, when it is cheap.
      const snapshot = JSON.parse(JSON.stringify(s));
      requestAnimationFrame(() => setTimeout(() => writeState(snapshot), 0));
    }
  }

  /** After a filter applied: its time (for the benchmark), and every year loaded when a filter needs them. */
  applied(started) {
    const ms = performance.now() - started;
    this.el.setAttribute("data-cx-apply-ms", ms.toFixed(1));
    window.chronikExplorer.lastApplyMs = ms;
    if (!isEmpty(this.state) && !allLoaded(this.index)) {
      const match = this.match;
      loadAll(this.index).then(() => { if (match === this.match) { this.vis.refresh(true); this.update(); } });
    }
  }

  /** Counts, year links and results from the same predicate as the canvas. */
  update() {
    const empty = isEmpty(this.state), ready = allLoaded(this.index);
    this.el.setAttribute("data-cx-complete", String(empty || ready));
    if (!empty && !ready) {
      this.ui.count.textContent = t("count_page", { n: "…", total: this.index.n, p: this.shownOnPage });
      return;
    }
    const perYear = new Map();
    let total = 0;
    for (const y of this.index.years) {
      const list = loaded.get(y.y), n = empty || !list ? y.n : list.filter(this.match).length;
      perYear.set(y.y, n);
      total += n;
    }
    const pageTotal = this.pageEls.size;
    this.ui.count.textContent = pageTotal && pageTotal !== this.index.n
      ? t("count_page", { n: total, total: this.index.n, p: this.shownOnPage })
      : t("count", { n: total, total: this.index.n });
    this.yearLinks(perYear);
    this.results.update(empty ? null : loadedEvents().filter(this.match));
  }

  yearLinks(perYear) {
    const pages = this.index.years.filter((y) => y.page);
    if (pages.length < 2) { this.ui.years.replaceChildren(); return; }
    const items = pages.map((y) => {
      const a = h("a", { href: siteUrl(y.page).pathname + stateQuery(this.state),
        text: (y.y === "undated" ? t("undated") : y.y) + " (" + perYear.get(y.y) + ")" });
      if (this.pageYears.includes(y.y)) a.setAttribute("aria-current", "page");
      if (!perYear.get(y.y)) a.classList.add("cx-zero");
      return h("li", {}, [a]);
    });
    this.ui.years.replaceChildren(h("ul", {}, items));
  }

  hideEmptyGroups(empty) {
    // A month section with no visible event is hidden too.
    const any = new Map();
    for (const node of this.pageEls.values()) {
      const parent = node.parentElement;
      any.set(parent, (any.get(parent) || false) || !node.classList.contains("cx-hidden"));
    }
    for (const [parent, visible] of any) {
      if (parent && parent.tagName === "SECTION") parent.classList.toggle("cx-hidden", !empty && !visible);
    }
  }

  /** Open an event: its own page when the site has one, else its card (scrolled to on this page). */
  jump(ev) {
    const node = document.getElementById(ev.id);
    if (ev.link && !ev.link.includes("#")) {
      location.href = eventHref(ev);
    } else if (node && node.classList.contains("chronik-event")) {
      node.classList.remove("cx-hidden");
      if (node.parentElement) node.parentElement.classList.remove("cx-hidden");
      history.replaceState(history.state, "", location.pathname + location.search + "#" + encodeURIComponent(ev.id));
      node.scrollIntoView({ block: "start" });
      node.classList.add("cx-target");
      setTimeout(() => node.classList.remove("cx-target"), 2000);
      if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
      node.focus({ preventScroll: true });
    } else if (ev.page) {
      location.href = siteUrl(ev.page).pathname + stateQuery(this.state) + "#" + encodeURIComponent(ev.id);
    }
  }

  bind() {
    const ui = this.ui, s = () => this.state;
    ui.form.addEventListener("submit", (e) => e.preventDefault());
    ui.type.addEventListener("change", () => { s().type = ui.type.value; this.apply(true); });
    ui.tag.addEventListener("change", () => { s().tag = ui.tag.value; this.apply(true); });
    ui.from.addEventListener("change", () => { s().from = ui.from.value; this.apply(true); });
    ui.to.addEventListener("change", () => { s().to = ui.to.value; this.apply(true); });
    ui.clear.addEventListener("click", () => { this.state = emptyState(); this.syncControls(); this.apply(true); });
    typeahead(ui.entity, ui.options, (ent) => {
      if (!s().entity.includes(ent.id)) s().entity.push(ent.id);
      this.renderChips();
      this.apply(true);
    });
  }
}

/** What tests and the benchmark ask the timeline (client coordinates, ids, the view). */
function testApi(vis) {
  return {
    itemRect(id) {
      const r = vis.canvas.getBoundingClientRect();
      const it = vis.items.find((x) => x.ev && x.ev.id === id);
      if (!it) return null;
      const x0 = Math.max(it.x0, vis.left()), x1 = Math.min(it.x1, vis.width());
      return { x: r.left + (x0 + x1) / 2, y: r.top + it.y + 9, w: it.w, point: it.kind === "point",
        kind: it.kind, fadeL: it.fadeL, fadeR: it.fadeR };
    },
    clusters() { return vis.items.filter((x) => x.cluster).map((x) => ({ n: x.members.length, x: x.x0, w: x.x1 - x.x0 })); },
    visibleIds() { return vis.items.filter((x) => x.ev).map((x) => x.ev.id); },
    drawnIds() {
      const out = [];
      for (const it of vis.items) { if (it.ev) out.push(it.ev.id); else if (it.cluster) out.push(...it.members.map((ev) => ev.id)); }
      return out;
    },
    dense: () => vis.dense(),
    view: () => ({ from: isoOf(Math.floor(vis.view.t0)), to: isoOf(Math.floor(vis.view.t1)), span: vis.span() }),
    frames: () => vis.stats.frames.slice(),
    timeline: vis
  };
}
