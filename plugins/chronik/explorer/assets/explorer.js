/* Chronik explorer: filters, a zoomable visual timeline and entity graphs.
 *
 * Plain JavaScript, no dependencies. Reads the JSON the chronik-explorer plugin writes
 * (never the page text) and toggles the timeline's <article class="chronik-event"> by id.
 * Works with Material's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var ROOT = new URL("__CHRONIK_ROOT__", SCRIPT ? SCRIPT.src : location.href);
  var DATA = new URL("__CHRONIK_DATA__", ROOT);
  var SVGNS = "http://www.w3.org/2000/svg";
  var DAY = 864e5;

  var STRINGS = {
    de: {
      filters: "Ereignisse filtern", entity: "Akteur", entityPh: "Name eingeben …", type: "Typ",
      tag: "Schlagwort", from: "Von", to: "Bis", all: "Alle", clear: "Filter zurücksetzen",
      count: "{n} von {total} Ereignissen", countPage: "{n} von {total} Ereignissen (auf dieser Seite {p})",
      loading: "lädt …", selected: "Ausgewählte Akteure", remove: "{name} entfernen",
      years: "Jahre", undated: "ohne Datum", vis: "Zeitleiste", zoomIn: "Vergrößern", zoomOut: "Verkleinern",
      fit: "Alles zeigen", lanes: "Bahnen", lanesType: "nach Typ", lanesEntity: "nach Akteur",
      other: "Ohne Zuordnung", noMatch: "Keine Treffer",
      visHelp: "Zeitleiste. Pfeiltasten links und rechts wählen ein Ereignis, Eingabe springt dorthin, " +
        "Plus und Minus zoomen, Bild auf und ab verschieben.",
      graph: "Netzwerk", graphLocal: "Verbindungen", shared: "{n} gemeinsame Ereignisse",
      legend: "Legende", events: "Ereignisse"
    },
    en: {
      filters: "Filter events", entity: "Entity", entityPh: "Type a name …", type: "Type",
      tag: "Tag", from: "From", to: "To", all: "All", clear: "Clear filters",
      count: "{n} of {total} events", countPage: "{n} of {total} events ({p} on this page)",
      loading: "loading …", selected: "Selected entities", remove: "Remove {name}",
      years: "Years", undated: "undated", vis: "Timeline", zoomIn: "Zoom in", zoomOut: "Zoom out",
      fit: "Show all", lanes: "Lanes", lanesType: "by type", lanesEntity: "by entity",
      other: "Unassigned", noMatch: "No matches",
      visHelp: "Timeline. Left and right arrow keys select an event, Enter jumps to it, " +
        "plus and minus zoom, Page Up and Page Down pan.",
      graph: "Network", graphLocal: "Connections", shared: "{n} shared events",
      legend: "Legend", events: "events"
    }
  };

  function lang() {
    var l = (document.documentElement.lang || "de").slice(0, 2);
    return STRINGS[l] ? l : "en";
  }
  function t(key, vars) {
    var s = STRINGS[lang()][key] || key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.replace("{" + k + "}", vars[k]); });
    return s;
  }

  /* ---------- data ---------- */
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, DATA).href).then(function (r) {
        if (!r.ok) throw new Error("chronik-explorer: " + path + " " + r.status);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  var loadedEvents = {};   // year -> [event]
  var eventById = {};
  function loadYear(year) {
    if (loadedEvents[year]) return Promise.resolve(loadedEvents[year]);
    return load("events/" + year + ".json").then(function (chunk) {
      if (loadedEvents[year]) return loadedEvents[year];
      var list = chunk.e.map(function (r, i) {
        var ev = {
          id: r[0], lo: r[1], hi: r[2], flags: r[3], ents: r[4], tags: r[5], types: r[6],
          page: chunk.pages[r[7]] || "", year: chunk.y, row: i, title: null
        };
        eventById[ev.id] = ev;
        return ev;
      });
      loadedEvents[year] = list;
      return list;
    });
  }
  // Titles travel separately (they are most of the bytes) and load on first need.
  function loadTitles(year) {
    return load("titles/" + year + ".json").then(function (doc) {
      (loadedEvents[year] || []).forEach(function (ev) { ev.title = doc.t[ev.row]; });
    });
  }
  function withTitle(ev, fn) {
    if (ev.title !== null) fn(ev);
    else loadTitles(ev.year).then(function () { fn(ev); });
  }
  function loadAll(index) {
    return Promise.all(index.years.map(function (y) { return loadYear(y.y); }));
  }
  var entityIndex = null;
  function loadEntities() {
    return load("entities.json").then(function (doc) {
      if (!entityIndex) {
        entityIndex = { list: [], byId: {} };
        doc.e.forEach(function (r, i) {
          var ent = { id: r[0], name: r[1], type: r[2], n: r[3], url: r[4], aliases: r[5] || [], i: i };
          ent.key = fold([ent.name].concat(ent.aliases).join(" | ") + " | " + ent.id);
          entityIndex.list.push(ent);
          entityIndex.byId[ent.id] = ent;
        });
      }
      return entityIndex;
    });
  }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function dayNo(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
  }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function siteUrl(url) { return new URL(url || "", ROOT); }

  /* ---------- state in the URL ---------- */
  var KEYS = ["entity", "type", "tag", "from", "to"];
  function readState() {
    var q = new URLSearchParams(location.search);
    var s = { entity: [], type: q.get("type") || "", tag: q.get("tag") || "",
      from: q.get("from") || "", to: q.get("to") || "" };
    (q.get("entity") || "").split(",").forEach(function (e) { if (e && s.entity.indexOf(e) < 0) s.entity.push(e); });
    return s;
  }
  function stateQuery(s) {
    var q = new URLSearchParams(location.search);
    KEYS.forEach(function (k) { q.delete(k); });
    if (s.entity.length) q.set("entity", s.entity.join(","));
    ["type", "tag", "from", "to"].forEach(function (k) { if (s[k]) q.set(k, s[k]); });
    var str = q.toString().replace(/%2C/g, ",");
    return str ? "?" + str : "";
  }
  function writeState(s) {
    var url = location.pathname + stateQuery(s) + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  }
  function isEmpty(s) { return !s.entity.length && !s.type && !s.tag && !s.from && !s.to; }
  function boundLo(v) { return v ? dayNo((v + "-01-01").slice(0, 10)) : null; }
  function boundHi(v) {
    if (!v) return null;
    if (v.length === 4) return dayNo(v + "-12-31");
    if (v.length === 7) { var d = new Date(Date.UTC(+v.slice(0, 4), +v.slice(5, 7), 0)); return d.getTime() / DAY; }
    return dayNo(v);
  }
  function compile(s, typeIds, tagIds) {
    var ents = s.entity.map(function (id) {
      var ent = entityIndex && entityIndex.byId[id];
      return ent ? ent.i : -1;
    });
    var typeNo = s.type ? typeIds.indexOf(s.type) : -1;
    var tagNo = s.tag ? tagIds.indexOf(s.tag) : -1;
    var lo = boundLo(s.from), hi = boundHi(s.to);
    return function (ev) {
      if (ents.length) {
        var hit = false;
        for (var i = 0; i < ents.length && !hit; i++) hit = ev.ents.indexOf(ents[i]) >= 0;
        if (!hit) return false;
      }
      if (s.type && ev.types.indexOf(typeNo) < 0) return false;
      if (s.tag && ev.tags.indexOf(tagNo) < 0) return false;
      if (lo !== null || hi !== null) {
        if (ev.lo === null && ev.hi === null) return false;
        if (lo !== null && ev.hi !== null && ev.hi < lo) return false;
        if (hi !== null && ev.lo !== null && ev.lo > hi) return false;
      }
      return true;
    };
  }

  /* ---------- small DOM helpers ---------- */
  var uid = 0;
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") el.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }
  function field(labelText, control) {
    var id = "cx-" + (++uid);
    control.id = id;
    return h("div", { "class": "cx-field" }, [h("label", { "for": id, text: labelText }), control]);
  }
  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }

  /* ---------- the explorer on a timeline page ---------- */
  function mountTimeline(el) {
    el.removeAttribute("hidden");
    el.setAttribute("data-cx", "loading");
    var pageYears = (el.getAttribute("data-years") || "").split(" ").filter(Boolean);
    var state = readState();
    var index = null, match = function () { return true; };
    var ui = {};

    ui.entityInput = h("input", { type: "text", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", autocomplete: "off", placeholder: t("entityPh"), "class": "cx-input" });
    ui.entityList = h("ul", { role: "listbox", "class": "cx-options", hidden: "" });
    ui.entityList.id = "cx-list-" + (++uid);
    ui.entityList.setAttribute("aria-label", t("entity"));
    ui.entityInput.setAttribute("aria-controls", ui.entityList.id);
    ui.type = h("select", { "class": "cx-input" });
    ui.tag = h("select", { "class": "cx-input" });
    ui.from = h("input", { type: "date", "class": "cx-input" });
    ui.to = h("input", { type: "date", "class": "cx-input" });
    ui.clear = h("button", { type: "button", "class": "md-button cx-clear", text: t("clear") });
    var entityField = field(t("entity"), ui.entityInput);
    entityField.classList.add("cx-entity");
    entityField.appendChild(ui.entityList);
    ui.form = h("form", { "class": "cx-filters", role: "search", "aria-label": t("filters") }, [
      entityField, field(t("type"), ui.type), field(t("tag"), ui.tag),
      field(t("from"), ui.from), field(t("to"), ui.to), ui.clear
    ]);
    ui.form.addEventListener("submit", function (e) { e.preventDefault(); });
    ui.chips = h("ul", { "class": "cx-selected", "aria-label": t("selected") });
    ui.count = h("p", { "class": "cx-count", role: "status", "aria-live": "polite", text: t("loading") });
    ui.years = h("nav", { "class": "cx-years", "aria-label": t("years") });
    ui.visBox = h("div", { "class": "cx-vis" });
    el.textContent = "";
    [ui.form, ui.chips, ui.count, ui.years, ui.visBox].forEach(function (c) { el.appendChild(c); });

    var vis = null;
    var pageEls = null;  // id -> element on this page

    var tagIds = [];
    load("index.json").then(function (idx) {
      index = idx;
      tagIds = idx.tags.map(function (x) { return x[0]; });
      var typeIds = idx.types.map(function (x) { return x.id; });
      ui.type.appendChild(h("option", { value: "", text: t("all") }));
      idx.types.forEach(function (x) { ui.type.appendChild(h("option", { value: x.id, text: x.label + " (" + x.n + ")" })); });
      ui.tag.appendChild(h("option", { value: "", text: t("all") }));
      idx.tags.slice(0, 400).forEach(function (x) { ui.tag.appendChild(h("option", { value: x[0], text: x[0] + " (" + x[1] + ")" })); });
      if (state.tag && !idx.tags.some(function (x) { return x[0] === state.tag; })) {
        ui.tag.appendChild(h("option", { value: state.tag, text: state.tag }));
      }
      // Only this page's years load now; the overview of all years comes from index.json.
      var wanted = pageYears.filter(function (y) { return idx.years.some(function (x) { return x.y === y; }); });
      var jobs = wanted.map(loadYear);
      if (state.entity.length) jobs.push(loadEntities());
      return Promise.all(jobs).then(function () {
        pageEls = {};
        var many = 0;
        wanted.forEach(function (y) {
          loadedEvents[y].forEach(function (ev) {
            var node = document.getElementById(ev.id);
            if (node && node.classList.contains("chronik-event")) { pageEls[ev.id] = node; many++; }
          });
        });
        // Long pages: let the browser skip layout of events far off screen (see explorer.css).
        document.documentElement.classList.toggle("cx-many", many > 150);
        syncControls();
        vis = makeVis(ui.visBox, idx, wanted, function (ev) { jump(ev); });
        apply(typeIds, false);
        bind(typeIds);
        el.setAttribute("data-cx", "ready");
      });
    }).catch(function (err) {
      el.setAttribute("data-cx", "error");
      ui.count.textContent = "";
      if (window.console) console.warn(err);
    });

    function syncControls() {
      ui.type.value = state.type;
      ui.tag.value = state.tag;
      ui.from.value = /^\d{4}-\d{2}-\d{2}$/.test(state.from) ? state.from : (state.from ? isoOf(boundLo(state.from)) : "");
      ui.to.value = /^\d{4}-\d{2}-\d{2}$/.test(state.to) ? state.to : (state.to ? isoOf(boundHi(state.to)) : "");
      renderChips();
    }

    function renderChips() {
      ui.chips.textContent = "";
      state.entity.forEach(function (id) {
        var ent = entityIndex && entityIndex.byId[id];
        var name = ent ? ent.name : id;
        var btn = h("button", { type: "button", "class": "cx-chip-remove", "aria-label": t("remove", { name: name }), text: "×" });
        btn.addEventListener("click", function () {
          state.entity = state.entity.filter(function (x) { return x !== id; });
          renderChips();
          apply(null, true);
          ui.entityInput.focus();
        });
        ui.chips.appendChild(h("li", { "class": "cx-chip" }, [h("span", { text: name }), btn]));
      });
    }

    var typeIdsCache = null, lastShown = 0;
    function apply(typeIds, userAction) {
      if (typeIds) typeIdsCache = typeIds;
      var started = now();
      match = compile(state, typeIdsCache, tagIds);
      var empty = isEmpty(state);
      var shown = 0;
      Object.keys(pageEls).forEach(function (id) {
        var ok = empty || match(eventById[id]);
        pageEls[id].classList.toggle("cx-hidden", !ok);
        if (ok) shown++;
      });
      lastShown = shown;
      hideEmptyGroups(empty);
      ui.clear.disabled = empty;
      // The URL is written after the next frame: replaceState forces a synchronous style pass
      // over the whole page, which the browser does anyway when it paints.
      if (userAction) {
        var snapshot = JSON.parse(JSON.stringify(state));
        requestAnimationFrame(function () { setTimeout(function () { writeState(snapshot); }, 0); });
      }
      updateCounts(shown);
      if (vis) vis.setFilter(empty ? null : match, state.entity, entityIndex);
      var ms = now() - started;
      el.setAttribute("data-cx-apply-ms", ms.toFixed(1));
      window.chronikExplorer.lastApplyMs = ms;
      if (!empty && !allLoaded()) {
        loadAll(index).then(function () { updateCounts(lastShown); if (vis) vis.refresh(); });
      }
    }

    function allLoaded() {
      return index.years.every(function (y) { return loadedEvents[y.y]; });
    }

    function updateCounts(shownOnPage) {
      var empty = isEmpty(state);
      var pageTotal = Object.keys(pageEls).length;
      ui.years.textContent = "";
      if (!allLoaded() && !empty) {
        ui.count.textContent = t("countPage", { n: "…", total: index.n, p: shownOnPage });
        return;
      }
      var total = 0, perYear = {};
      index.years.forEach(function (y) {
        var list = loadedEvents[y.y];
        var n = empty || !list ? y.n : list.filter(match).length;
        perYear[y.y] = n;
        total += n;
      });
      ui.count.textContent = pageTotal && pageTotal !== index.n
        ? t("countPage", { n: total, total: index.n, p: shownOnPage })
        : t("count", { n: total, total: index.n });
      var pages = index.years.filter(function (y) { return y.page; });
      if (pages.length > 1) {
        var list = h("ul", {});
        index.years.forEach(function (y) {
          if (!y.page) return;
          var a = h("a", { href: siteUrl(y.page).pathname + stateQuery(state), text: (y.y === "undated" ? t("undated") : y.y) + " (" + perYear[y.y] + ")" });
          if (pageYears.indexOf(y.y) >= 0) a.setAttribute("aria-current", "page");
          if (!perYear[y.y]) a.classList.add("cx-zero");
          list.appendChild(h("li", {}, [a]));
        });
        ui.years.appendChild(list);
      }
    }

    function hideEmptyGroups(empty) {
      // A month section (or any other parent of events) with no visible event is hidden too.
      var parents = [], any = [];
      Object.keys(pageEls).forEach(function (id) {
        var node = pageEls[id], parent = node.parentElement, at = parents.indexOf(parent);
        if (at < 0) { at = parents.length; parents.push(parent); any.push(false); }
        if (!node.classList.contains("cx-hidden")) any[at] = true;
      });
      parents.forEach(function (parent, i) {
        if (parent && parent.tagName === "SECTION") parent.classList.toggle("cx-hidden", !empty && !any[i]);
      });
    }

    function jump(ev) {
      var node = document.getElementById(ev.id);
      if (node && node.classList.contains("chronik-event")) {
        node.classList.remove("cx-hidden");
        if (node.parentElement) node.parentElement.classList.remove("cx-hidden");
        history.replaceState(history.state, "", location.pathname + location.search + "#" + encodeURIComponent(ev.id));
        node.scrollIntoView({ block: "start" });
        node.classList.add("cx-target");
        setTimeout(function () { node.classList.remove("cx-target"); }, 2000);
        if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
        node.focus({ preventScroll: true });
      } else if (ev.page) {
        location.href = siteUrl(ev.page).pathname + stateQuery(state) + "#" + encodeURIComponent(ev.id);
      }
    }

    function bind(typeIds) {
      ui.type.addEventListener("change", function () { state.type = ui.type.value; apply(typeIds, true); });
      ui.tag.addEventListener("change", function () { state.tag = ui.tag.value; apply(typeIds, true); });
      ui.from.addEventListener("change", function () { state.from = ui.from.value; apply(typeIds, true); });
      ui.to.addEventListener("change", function () { state.to = ui.to.value; apply(typeIds, true); });
      ui.clear.addEventListener("click", function () {
        state = { entity: [], type: "", tag: "", from: "", to: "" };
        syncControls();
        apply(typeIds, true);
      });
      typeahead(ui.entityInput, ui.entityList, function (ent) {
        if (state.entity.indexOf(ent.id) < 0) state.entity.push(ent.id);
        renderChips();
        apply(typeIds, true);
      });
    }
  }

  /* ---------- entity type-ahead (combobox with listbox) ---------- */
  function typeahead(input, list, onPick) {
    var options = [], active = -1;
    function close() {
      list.setAttribute("hidden", "");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function render(q) {
      loadEntities().then(function (idx) {
        if (input.value !== q) return;
        var f = fold(q.trim());
        list.textContent = "";
        if (!f) { close(); return; }
        var hits = [];
        for (var i = 0; i < idx.list.length && hits.length < 200; i++) {
          var ent = idx.list[i], at = ent.key.indexOf(f);
          if (at >= 0) hits.push([at === 0 || ent.key.charAt(at - 1) === " " ? 0 : 1, -ent.n, ent]);
        }
        hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
        options = hits.slice(0, 10).map(function (x) { return x[2]; });
        if (!options.length) {
          list.appendChild(h("li", { role: "option", "aria-disabled": "true", "class": "cx-empty", text: t("noMatch") }));
        }
        options.forEach(function (ent, i) {
          var li = h("li", { role: "option", id: list.id + "-" + i, "aria-selected": "false" }, [
            h("span", { text: ent.name }), h("small", { text: " " + ent.n })
          ]);
          li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
          list.appendChild(li);
        });
        list.removeAttribute("hidden");
        input.setAttribute("aria-expanded", "true");
        active = -1;
      });
    }
    function highlight(i) {
      var items = list.querySelectorAll("[role=option]");
      Array.prototype.forEach.call(items, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && items[i]) { input.setAttribute("aria-activedescendant", items[i].id); items[i].scrollIntoView({ block: "nearest" }); }
    }
    function pick(i) {
      var ent = options[i];
      if (!ent) return;
      input.value = "";
      close();
      onPick(ent);
    }
    input.addEventListener("focus", function () { loadEntities(); });
    input.addEventListener("input", function () { render(input.value); });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && options.length) { e.preventDefault(); highlight(Math.min(active + 1, options.length - 1)); }
      else if (e.key === "ArrowUp" && options.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter") { e.preventDefault(); if (options.length) pick(active >= 0 ? active : 0); }
      else if (e.key === "Escape") { close(); }
    });
  }

  /* ---------- visual timeline (canvas) ---------- */
  var liveCanvases = [];
  function makeVis(box, index, years, onActivate) {
    var zoomIn = h("button", { type: "button", "class": "cx-btn", "aria-label": t("zoomIn"), title: t("zoomIn"), text: "+" });
    var zoomOut = h("button", { type: "button", "class": "cx-btn", "aria-label": t("zoomOut"), title: t("zoomOut"), text: "−" });
    var fit = h("button", { type: "button", "class": "cx-btn cx-fit", text: t("fit") });
    var lanesSel = h("select", { "class": "cx-input" }, [
      h("option", { value: "type", text: t("lanesType") }), h("option", { value: "entity", text: t("lanesEntity") })
    ]);
    var help = h("p", { "class": "cx-sr", text: t("visHelp") });
    help.id = "cx-help-" + (++uid);
    var canvas = h("canvas", { tabindex: "0", role: "application", "aria-roledescription": t("vis"),
      "aria-label": t("vis"), "aria-describedby": help.id, "class": "cx-canvas" });
    var live = h("p", { "class": "cx-live", "aria-live": "polite" });
    var tip = h("div", { "class": "cx-tip", role: "tooltip", hidden: "" });
    var bar = h("div", { "class": "cx-toolbar" }, [zoomOut, zoomIn, fit, field(t("lanes"), lanesSel)]);
    var stage = h("div", { "class": "cx-stage" }, [canvas, tip]);
    [bar, stage, live, help].forEach(function (c) { box.appendChild(c); });

    var filter = null, selected = [], entities = null, laneMode = "type";
    var view = null, items = [], active = -1, ctx = canvas.getContext("2d");
    var ROW = 12, GAP = 3, AXIS = 22, LANEPAD = 6, LABEL = 110;  // LABEL: lane names, narrower on phones

    function extent(list) {
      var lo = Infinity, hi = -Infinity;
      list.forEach(function (ev) {
        if (ev.lo !== null) { lo = Math.min(lo, ev.lo); hi = Math.max(hi, ev.lo); }
        if (ev.hi !== null) { lo = Math.min(lo, ev.hi); hi = Math.max(hi, ev.hi + 1); }
      });
      if (lo === Infinity) {
        lo = index.range[0] ? dayNo(index.range[0]) : dayNo("2020-01-01");
        hi = index.range[1] ? dayNo(index.range[1]) + 1 : lo + 365;
      }
      var pad = Math.max(3, (hi - lo) * 0.03);
      return { t0: lo - pad, t1: hi + pad };
    }
    function events() {
      var out = [];
      Object.keys(loadedEvents).forEach(function (y) {
        // Undated events have no place on a time axis; the page lists them.
        loadedEvents[y].forEach(function (ev) {
          if ((ev.lo !== null || ev.hi !== null) && (!filter || filter(ev))) out.push(ev);
        });
      });
      return out;
    }
    function fitView() {
      var numeric = years.filter(function (y) { return /^\d+$/.test(y); }).map(Number);
      if (numeric.length && !filter) {
        // A year page: exactly its years (neighbouring years load when the reader goes there).
        var a = Date.UTC(Math.min.apply(null, numeric), 0, 1) / DAY;
        var b = Date.UTC(Math.max.apply(null, numeric) + 1, 0, 1) / DAY;
        view = { t0: a - (b - a) * 0.02, t1: b + (b - a) * 0.02 };
        return;
      }
      var list = [];
      years.forEach(function (y) {
        (loadedEvents[y] || []).forEach(function (ev) {
          if ((ev.lo !== null || ev.hi !== null) && (!filter || filter(ev))) list.push(ev);
        });
      });
      if (!list.length) list = events();
      view = extent(list);
    }
    function lanes() {
      if (laneMode === "entity" && selected.length) {
        return selected.map(function (id) {
          var ent = entities && entities.byId[id], no = ent ? ent.i : -1;
          var ty = ent ? index.types.map(function (x) { return x.id; }).indexOf(ent.type) : -1;
          return { label: ent ? ent.name : id, test: function (ev) { return ev.ents.indexOf(no) >= 0; }, color: ty };
        });
      }
      var out = index.types.map(function (ty, i) {
        return { label: ty.label, test: function (ev) { return ev.types.indexOf(i) >= 0; }, color: i, type: i };
      });
      out.push({ label: t("other"), test: function (ev) { return !ev.types.length; }, color: -1, type: index.types.length });
      // Only lanes that have events at all (in what is loaded), so empty types take no room.
      var all = [];
      Object.keys(loadedEvents).forEach(function (y) { all = all.concat(loadedEvents[y]); });
      var kept = all.length ? out.filter(function (lane) { return all.some(lane.test); })
        : out.filter(function (lane) { return lane.type < index.types.length && index.types[lane.type].n > 0; });
      return kept.length ? kept : out.slice(0, 1);
    }
    // Width and colours are cached: reading layout or styles while the page changes forces a reflow.
    var stageWidth = 0, palette = null, fontSet = null;
    function width() {
      if (!stageWidth) stageWidth = stage.clientWidth || 600;
      LABEL = stageWidth < 500 ? 76 : 110;
      return stageWidth;
    }
    function x(day) { var w = width() - LABEL; return LABEL + (day - view.t0) / (view.t1 - view.t0) * w; }
    function dayAt(px) { return view.t0 + (px - LABEL) / (width() - LABEL) * (view.t1 - view.t0); }
    function colors() {
      if (palette) return palette;
      var cs = getComputedStyle(box);
      var pal = [];
      for (var i = 0; i < 6; i++) pal.push(cs.getPropertyValue("--cx-type-" + i).trim() || "#3f51b5");
      palette = { pal: pal, fg: cs.getPropertyValue("--md-default-fg-color").trim() || "#222",
        light: cs.getPropertyValue("--md-default-fg-color--lighter").trim() || "#ccc",
        bg: cs.getPropertyValue("--md-default-bg-color").trim() || "#fff",
        accent: cs.getPropertyValue("--md-accent-fg-color").trim() || "#e91e63",
        font: "12px " + (cs.fontFamily || "sans-serif") };
      return palette;
    }

    // Far out (or where a year is not loaded yet) the lanes show how many events fall in each
    // month or year; zooming in (or clicking a bar) loads that year and shows the events themselves.
    var DENSE_SPAN = 365 * 2.5;
    function yearsInView() {
      // Years that fill a real part of the view (not just the padding at its edges).
      var span = view.t1 - view.t0;
      return index.years.filter(function (y) {
        if (!/^\d+$/.test(y.y)) return false;
        var a = Date.UTC(+y.y, 0, 1) / DAY, b = Date.UTC(+y.y + 1, 0, 1) / DAY;
        return Math.min(b, view.t1) - Math.max(a, view.t0) > span * 0.05;
      });
    }
    function dense() { return view.t1 - view.t0 > DENSE_SPAN; }
    function allLoadedNow() { return index.years.every(function (y) { return loadedEvents[y.y]; }); }
    function densityLayout() {
      var L = lanes(), y = AXIS, out = [], laneBoxes = [], H = 30;
      var byYear = view.t1 - view.t0 > 365 * 12;
      var d0 = new Date(view.t0 * DAY), y0 = d0.getUTCFullYear(), m0 = byYear ? 0 : d0.getUTCMonth();
      var bins = [];
      for (var k = 0; k < 400; k++) {
        var b0 = byYear ? Date.UTC(y0 + k, 0, 1) / DAY : Date.UTC(y0, m0 + k, 1) / DAY;
        if (b0 > view.t1) break;
        var b1 = byYear ? Date.UTC(y0 + k + 1, 0, 1) / DAY : Date.UTC(y0, m0 + k + 1, 1) / DAY;
        bins.push([b0, b1]);
      }
      function binOf(day) {
        var d = new Date(day * DAY);
        var i = byYear ? d.getUTCFullYear() - y0 : (d.getUTCFullYear() - y0) * 12 + d.getUTCMonth() - m0;
        return i >= 0 && i < bins.length ? i : -1;
      }
      var counts = L.map(function () { return bins.map(function () { return 0; }); });
      if (filter ? allLoadedNow() : false) {
        events().forEach(function (ev) {
          var day = ev.lo !== null ? ev.lo : ev.hi;
          if (day === null) return;
          var bi = binOf(day);
          if (bi < 0) return;
          L.forEach(function (lane, li) { if (lane.test(ev)) counts[li][bi]++; });
        });
      } else if (!filter) {
        Object.keys(index.months).forEach(function (m) {
          var bi = binOf(dayNo(m + "-01")), row = index.months[m];
          if (bi < 0) return;
          L.forEach(function (lane, li) { if (lane.type !== undefined) counts[li][bi] += row[lane.type] || 0; });
        });
      }
      L.forEach(function (lane, li) {
        var max = Math.max.apply(null, counts[li].concat([1]));
        bins.forEach(function (b, bi) {
          var n = counts[li][bi];
          if (!n) return;
          var hh = Math.max(2, (H - 6) * n / max);
          out.push({ bin: b, n: n, lane: lane.label, x0: x(b[0]) + 0.5, x1: x(b[1]) - 0.5, y: y + H - 3 - hh, h: hh,
            color: lane.color, byYear: byYear });
        });
        laneBoxes.push({ label: lane.label, y: y, h: H });
        y += H;
      });
      return { items: out, lanes: laneBoxes, height: Math.max(y + 4, 80) };
    }

    function layout() {
      if (dense()) return densityLayout();
      ensureLoaded();
      var list = events(), L = lanes(), y = AXIS, out = [], laneBoxes = [];
      var vx1 = width(), vx0 = LABEL;
      var lo = dayAt(vx0 - 70), hi = dayAt(vx1 + 70);
      list = list.filter(function (ev) {
        return (ev.lo === null || ev.lo <= hi) && (ev.hi === null || ev.hi >= lo);
      });
      L.forEach(function (lane) {
        var ends = [], rows = 1;
        var mine = list.filter(lane.test);
        mine.sort(function (a, b) { return (a.lo === null ? -1e9 : a.lo) - (b.lo === null ? -1e9 : b.lo); });
        mine.forEach(function (ev) {
          var fadeL = ev.lo === null, fadeR = ev.hi === null;
          var x0 = fadeL ? Math.min(x(ev.hi) - 60, vx0) : x(ev.lo);
          var x1 = fadeR ? Math.max(x(ev.lo) + 60, vx1) : x(ev.hi + 1);
          if (x1 < vx0 - 4 || x0 > vx1 + 4) return;
          var point = x1 - x0 < 6;
          if (point) { var c = (x0 + x1) / 2; x0 = c - 4; x1 = c + 4; }
          var row = 0;
          while (row < ends.length && ends[row] > x0 - 2) row++;
          if (row >= 6) { row = 0; for (var r = 1; r < ends.length; r++) if (ends[r] < ends[row]) row = r; }
          ends[row] = Math.max(ends[row] || -Infinity, x1);
          rows = Math.max(rows, row + 1);
          out.push({ ev: ev, x0: x0, x1: x1, row: row, laneY: y, color: lane.color, point: point, fadeL: fadeL, fadeR: fadeR });
        });
        out.forEach(function (it) { if (it.laneY === y) it.y = y + LANEPAD + it.row * (ROW + GAP); });
        var hgt = LANEPAD * 2 + rows * (ROW + GAP);
        laneBoxes.push({ label: lane.label, y: y, h: hgt, n: mine.length });
        y += hgt;
      });
      out.sort(function (a, b) { return a.x0 - b.x0 || a.y - b.y; });
      return { items: out, lanes: laneBoxes, height: Math.max(y + 4, 80) };
    }

    function ticks() {
      // Steps chosen so labels keep at least MINPX apart at any width and zoom.
      var MINPX = 64, perDay = (width() - LABEL) / (view.t1 - view.t0), out = [];
      var loc = lang() === "de" ? "de-DE" : "en-GB";
      var d0 = new Date(view.t0 * DAY), y0 = d0.getUTCFullYear();
      function first(steps, unit) {
        for (var i = 0; i < steps.length; i++) if (steps[i] * unit * perDay >= MINPX) return steps[i];
        return steps[steps.length - 1];
      }
      if (6 * 30.4 * perDay < MINPX) {
        var ystep = first([1, 2, 5, 10, 20, 50, 100], 365.25);
        for (var yr = Math.ceil(y0 / ystep) * ystep; Date.UTC(yr, 0, 1) / DAY <= view.t1; yr += ystep) {
          out.push([Date.UTC(yr, 0, 1) / DAY, String(yr)]);
        }
      } else if (14 * perDay < MINPX) {
        var mstep = first([1, 2, 3, 6], 30.4);
        var fm = new Intl.DateTimeFormat(loc, { month: "short", year: "2-digit", timeZone: "UTC" });
        for (var k = 0; k < 2400; k++) {
          var month = d0.getUTCMonth() + k, day = Date.UTC(y0, month, 1) / DAY;
          if (day > view.t1) break;
          if (month % mstep === 0) out.push([day, fm.format(new Date(day * DAY))]);
        }
      } else {
        var dstep = first([1, 2, 7, 14], 1);
        var fd = new Intl.DateTimeFormat(loc, { day: "numeric", month: "short", timeZone: "UTC" });
        for (var dd = Math.floor(view.t0 / dstep) * dstep; dd < view.t1 + 1; dd += dstep) {
          out.push([dd, fd.format(new Date(dd * DAY))]);
        }
      }
      return out;
    }

    function draw() {
      if (!view) fitView();
      var w = width(), L = layout(), c = colors(), dpr = window.devicePixelRatio || 1;
      items = L.items;
      // Resizing the canvas resets its state, and setting a font makes Chromium update the page's
      // styles first: both only when something really changed, so a filter costs no style pass.
      var cw = Math.round(w * dpr), ch = Math.round(L.height * dpr);
      if (canvas.width !== cw || canvas.height !== ch) {
        canvas.style.height = L.height + "px";
        canvas.width = cw;
        canvas.height = ch;
        fontSet = null;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, L.height);
      if (fontSet !== c.font) { ctx.font = c.font; fontSet = c.font; }
      ctx.textBaseline = "middle";
      // lanes
      L.lanes.forEach(function (lane, i) {
        if (i % 2) { ctx.fillStyle = c.light; ctx.globalAlpha = 0.25; ctx.fillRect(0, lane.y, w, lane.h); ctx.globalAlpha = 1; }
        ctx.fillStyle = c.fg;
        ctx.fillText(clip(lane.label, LABEL - 8), 4, lane.y + Math.min(lane.h / 2, 14));
      });
      // axis
      ctx.strokeStyle = c.light;
      ctx.fillStyle = c.fg;
      ctx.lineWidth = 1;
      ticks().forEach(function (tk) {
        var px = x(tk[0]);
        if (px < LABEL || px > w - 36) return;
        ctx.beginPath(); ctx.moveTo(px + 0.5, AXIS - 4); ctx.lineTo(px + 0.5, L.height); ctx.stroke();
        ctx.fillText(tk[1], px + 3, AXIS / 2);
      });
      // items
      ctx.save();
      ctx.beginPath(); ctx.rect(LABEL, 0, w - LABEL, L.height); ctx.clip();
      items.forEach(function (it, i) {
        var col = it.color < 0 ? c.fg : c.pal[it.color % c.pal.length];
        var y = it.y, hh = it.h || ROW;
        if (it.bin) {
          ctx.fillStyle = col;
          ctx.globalAlpha = 0.75;
          ctx.fillRect(it.x0, y, Math.max(1, it.x1 - it.x0), hh);
          ctx.globalAlpha = 1;
        } else if (it.point) {
          ctx.fillStyle = col;
          ctx.beginPath();
          ctx.moveTo((it.x0 + it.x1) / 2, y); ctx.lineTo(it.x1, y + hh / 2); ctx.lineTo((it.x0 + it.x1) / 2, y + hh); ctx.lineTo(it.x0, y + hh / 2);
          ctx.closePath(); ctx.fill();
        } else {
          var fill = col;
          if (it.fadeL || it.fadeR) {
            var g = ctx.createLinearGradient(it.x0, 0, it.x1, 0);
            g.addColorStop(0, it.fadeL ? "rgba(128,128,128,0)" : col);
            g.addColorStop(it.fadeL && it.fadeR ? 0.5 : it.fadeL ? 0.8 : 0.2, col);
            g.addColorStop(1, it.fadeR ? "rgba(128,128,128,0)" : col);
            fill = g;
          }
          var interval = it.ev.flags.indexOf("i") >= 0;
          ctx.globalAlpha = interval ? 0.9 : 0.45;   // a vague date (month, season, year) is a lighter span
          ctx.fillStyle = fill;
          ctx.fillRect(it.x0, y, Math.max(2, it.x1 - it.x0), hh);
          ctx.globalAlpha = 1;
          if (!interval) { ctx.strokeStyle = col; ctx.lineWidth = 1; ctx.strokeRect(it.x0 + 0.5, y + 0.5, Math.max(1, it.x1 - it.x0 - 1), hh - 1); }
        }
        if (it.ev && /[au]/.test(it.ev.flags)) {
          ctx.setLineDash([3, 2]); ctx.strokeStyle = c.fg; ctx.lineWidth = 1;
          ctx.strokeRect(it.x0 - 1.5, y - 1.5, it.x1 - it.x0 + 3, hh + 3); ctx.setLineDash([]);
        }
        if (i === active) {
          ctx.strokeStyle = c.accent; ctx.lineWidth = 2;
          ctx.strokeRect(it.x0 - 2, y - 2, it.x1 - it.x0 + 4, hh + 4);
        }
      });
      ctx.restore();
      canvas.setAttribute("data-items", String(items.length));
    }
    var clipped = {};  // measuring text makes Chromium update styles: once per label
    function clip(s, px) {
      var key = px + "|" + s;
      if (clipped[key] !== undefined) return clipped[key];
      var out = s;
      if (ctx.measureText(s).width > px) {
        while (out.length > 1 && ctx.measureText(out + "…").width > px) out = out.slice(0, -1);
        out += "…";
      }
      clipped[key] = out;
      return out;
    }
    function fmtDate(ev) {
      var loc = lang() === "de" ? "de-DE" : "en-GB";
      var f = new Intl.DateTimeFormat(loc, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
      function one(d) { return d === null ? "…" : f.format(new Date(d * DAY)); }
      if (ev.lo === null && ev.hi === null) return t("undated");
      if (ev.lo === ev.hi) return one(ev.lo);
      return one(ev.lo) + " – " + one(ev.hi);
    }
    function hit(px, py) {
      for (var i = items.length - 1; i >= 0; i--) {
        var it = items[i];
        var top = it.bin ? AXIS : it.y - 2, bottom = it.bin ? it.y + it.h : it.y + ROW + 2;
        if (px >= it.x0 - 2 && px <= it.x1 + 2 && py >= top && py <= bottom) return i;
      }
      return -1;
    }
    function showTip(i) {
      if (i < 0) { tip.setAttribute("hidden", ""); return; }
      var it = items[i];
      tip.textContent = describe(it);
      tip.removeAttribute("hidden");
      var left = Math.max(0, Math.min(width() - tip.offsetWidth, Math.max(it.x0, LABEL)));
      tip.style.left = left + "px";
      tip.style.top = (it.y + (it.h || ROW) + 4) + "px";
      if (it.ev && it.ev.title === null) withTitle(it.ev, function () { if (items[i] === it) tip.textContent = describe(it); });
    }
    function describe(it) {
      if (it.bin) {
        var loc = lang() === "de" ? "de-DE" : "en-GB";
        var f = new Intl.DateTimeFormat(loc, it.byYear ? { year: "numeric", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" });
        return f.format(new Date(it.bin[0] * DAY)) + ", " + it.lane + ": " + it.n + " " + t("events");
      }
      return fmtDate(it.ev) + ": " + (it.ev.title === null ? "…" : it.ev.title);
    }
    function activate(it) {
      if (it.bin) {
        var pad = it.byYear ? 0 : 31;
        view = { t0: it.bin[0] - pad, t1: it.bin[1] + pad };
        active = -1;
        ensureLoaded();
        draw();
        return;
      }
      onActivate(it.ev);
    }
    function select(i) {
      active = i;
      draw();
      if (i >= 0 && items[i]) {
        var it = items[i];
        live.textContent = describe(it);
        showTip(i);
        if (it.ev && it.ev.title === null) withTitle(it.ev, function () { live.textContent = describe(it); });
      }
    }
    function zoom(factor, cx) {
      var center = dayAt(cx === undefined ? LABEL + (width() - LABEL) / 2 : cx);
      var span = Math.min(Math.max((view.t1 - view.t0) * factor, 2), 365 * 200);
      var ratio = (center - view.t0) / (view.t1 - view.t0);
      view = { t0: center - span * ratio, t1: center + span * (1 - ratio) };
      ensureLoaded();
      draw();
    }
    function pan(fraction) {
      var d = (view.t1 - view.t0) * fraction;
      view = { t0: view.t0 + d, t1: view.t1 + d };
      ensureLoaded();
      draw();
    }
    function ensureLoaded() {
      if (view.t1 - view.t0 > DENSE_SPAN) return;
      var jobs = yearsInView().filter(function (y) { return !loadedEvents[y.y]; })
        .map(function (y) { return loadYear(y.y); });
      if (jobs.length) Promise.all(jobs).then(function () { draw(); });
    }

    zoomIn.addEventListener("click", function () { zoom(0.5); });
    zoomOut.addEventListener("click", function () { zoom(2); });
    fit.addEventListener("click", function () { fitView(); draw(); });
    lanesSel.addEventListener("change", function () { laneMode = lanesSel.value; active = -1; draw(); });
    canvas.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = canvas.getBoundingClientRect();
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan(e.deltaX / (width() - LABEL));
      else zoom(Math.pow(1.0015, e.deltaY), e.clientX - r.left);
    }, { passive: false });
    var pointers = {}, dragFrom = null, moved = 0, pinch = null;
    canvas.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = e.clientX;
      canvas.setPointerCapture(e.pointerId);
      var ids = Object.keys(pointers);
      if (ids.length === 2) pinch = { d: Math.abs(pointers[ids[0]] - pointers[ids[1]]) || 1, view: view };
      dragFrom = { x: e.clientX, view: view };
      moved = 0;
    });
    canvas.addEventListener("pointermove", function (e) {
      var r = canvas.getBoundingClientRect();
      if (!(e.pointerId in pointers)) {
        var i = hit(e.clientX - r.left, e.clientY - r.top);
        canvas.style.cursor = i >= 0 ? "pointer" : "grab";
        showTip(i);
        return;
      }
      pointers[e.pointerId] = e.clientX;
      var ids = Object.keys(pointers);
      if (pinch && ids.length === 2) {
        var d = Math.abs(pointers[ids[0]] - pointers[ids[1]]) || 1;
        view = pinch.view; zoom(pinch.d / d);
        moved = 99;
        return;
      }
      if (!dragFrom) return;
      var dx = e.clientX - dragFrom.x;
      moved = Math.max(moved, Math.abs(dx));
      if (moved > 4) {
        var span = dragFrom.view.t1 - dragFrom.view.t0, dd = -dx / (width() - LABEL) * span;
        view = { t0: dragFrom.view.t0 + dd, t1: dragFrom.view.t1 + dd };
        draw();
      }
    });
    function up(e) {
      var wasClick = dragFrom && moved <= 4 && Object.keys(pointers).length === 1;
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) pinch = null;
      if (e.type === "pointerup" && wasClick) {
        var r = canvas.getBoundingClientRect();
        var i = hit(e.clientX - r.left, e.clientY - r.top);
        if (i >= 0) { var it = items[i]; select(i); activate(it); }
      } else if (moved > 4) ensureLoaded();
      dragFrom = null;
    }
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    canvas.addEventListener("pointerleave", function () { if (!dragFrom) showTip(-1); });
    canvas.addEventListener("keydown", function (e) {
      var k = e.key;
      if (k === "ArrowRight" || k === "ArrowLeft") {
        e.preventDefault();
        if (!items.length) return;
        var i = active < 0 ? (k === "ArrowRight" ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, active + (k === "ArrowRight" ? 1 : -1)));
        var it = items[i], mid = (it.x0 + it.x1) / 2;
        if (it.ev && (mid < LABEL || mid > width())) { var span = view.t1 - view.t0, c = it.ev.lo !== null ? it.ev.lo : it.ev.hi; view = { t0: c - span / 2, t1: c + span / 2 }; draw(); i = indexOfEvent(it.ev); }
        select(i);
      } else if (k === "Home" || k === "End") {
        e.preventDefault(); if (items.length) select(k === "Home" ? 0 : items.length - 1);
      } else if (k === "Enter" || k === " ") {
        e.preventDefault(); if (active >= 0 && items[active]) activate(items[active]);
      } else if (k === "+" || k === "=") { e.preventDefault(); zoom(0.5, activeX()); }
      else if (k === "-" || k === "_") { e.preventDefault(); zoom(2, activeX()); }
      else if (k === "PageUp") { e.preventDefault(); pan(-0.5); }
      else if (k === "PageDown") { e.preventDefault(); pan(0.5); }
      else if (k === "0") { e.preventDefault(); fitView(); draw(); }
      else if (k === "Escape") { active = -1; showTip(-1); draw(); }
    });
    canvas.addEventListener("blur", function () { showTip(-1); });
    function activeX() { return active >= 0 && items[active] ? (items[active].x0 + items[active].x1) / 2 : undefined; }
    function indexOfEvent(ev) { for (var i = 0; i < items.length; i++) if (items[i].ev === ev) return i; return -1; }
    function keepActive(fn) {
      var ev = active >= 0 && items[active] ? items[active].ev : null;
      fn();
      draw();
      if (ev) { active = indexOfEvent(ev); if (active >= 0) draw(); }
    }

    if (window.ResizeObserver) {
      new ResizeObserver(function (entries) {
        var w = Math.round(entries[0].contentRect.width);
        if (canvas.isConnected && w && w !== stageWidth) { stageWidth = w; draw(); }
      }).observe(stage);
    }
    liveCanvases.push({ canvas: canvas, draw: function () { palette = null; draw(); } });

    var api = {
      setFilter: function (f, sel, ents) {
        filter = f; selected = sel.slice(); entities = ents;
        if (selected.length && laneMode === "type") { laneMode = "entity"; lanesSel.value = "entity"; }
        if (!selected.length && laneMode === "entity") { laneMode = "type"; lanesSel.value = "type"; }
        active = -1; showTip(-1);
        draw();
      },
      refresh: function () { keepActive(function () {}); },
      // for tests and tools: where an event is drawn, in client coordinates
      itemRect: function (id) {
        var r = canvas.getBoundingClientRect();
        for (var i = 0; i < items.length; i++) {
          if (items[i].ev && items[i].ev.id === id) {
            var it = items[i], x0 = Math.max(it.x0, LABEL), x1 = Math.min(it.x1, width());
            if (!it.ev) continue;
            return { x: r.left + (x0 + x1) / 2, y: r.top + it.y + ROW / 2, w: it.x1 - it.x0, point: it.point,
              fadeL: it.fadeL, fadeR: it.fadeR };
          }
        }
        return null;
      },
      visibleIds: function () { return items.filter(function (it) { return it.ev; }).map(function (it) { return it.ev.id; }); },
      dense: function () { return dense(); },
      view: function () { return { from: isoOf(Math.floor(view.t0)), to: isoOf(Math.floor(view.t1)), span: view.t1 - view.t0 }; }
    };
    window.chronikExplorer.vis = api;
    return api;
  }

  /* ---------- entity graphs (SVG, links are real links) ---------- */
  function mountGraph(el) {
    el.removeAttribute("hidden");
    el.setAttribute("data-cx", "loading");
    var local = el.getAttribute("data-chronik-graph") === "local";
    var path = local ? "local/" + encodeURIComponent(el.getAttribute("data-entity")) + ".json" : "graph.json";
    Promise.all([load(path), load("index.json")]).then(function (res) {
      var g = res[0], idx = res[1];
      el.textContent = "";
      if (local && g.nodes.length < 2) { el.setAttribute("hidden", ""); el.setAttribute("data-cx", "empty"); return; }
      if (local) el.appendChild(h("h2", { "class": "cx-graph-title", text: t("graphLocal") }));
      var typeNo = {};
      idx.types.forEach(function (ty, i) { typeNo[ty.id] = i; });
      // The drawing uses the element's own width, so labels keep their size on phones.
      var W = Math.max(320, Math.min(1000, el.clientWidth || 1000));
      var H = W < 600 ? Math.round(W * 1.15) : Math.round(W * (local ? 0.56 : 0.76));
      var scale = Math.max(0.7, W / 1000);
      var pos = layoutGraph(g, local, Math.min(0.2, 64 / W), Math.min(0.15, 40 / H));
      var svg = document.createElementNS(SVGNS, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + H);
      svg.setAttribute("class", "cx-graph");
      svg.setAttribute("role", "group");
      svg.setAttribute("aria-label", local ? t("graphLocal") : t("graph"));
      function s(tag, attrs, parent) {
        var n = document.createElementNS(SVGNS, tag);
        Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
        if (parent) parent.appendChild(n);
        return n;
      }
      var edges = s("g", { "class": "cx-edges" }, svg);
      g.edges.forEach(function (e) {
        var a = pos[e[0]], b = pos[e[1]];
        var line = s("line", { x1: a.x * W, y1: a.y * H, x2: b.x * W, y2: b.y * H,
          "class": e[2] ? "cx-edge cx-edge-rel" : "cx-edge cx-edge-shared",
          "stroke-width": e[2] ? 2 : Math.min(6, 1 + Math.log(1 + e[3])) }, edges);
        if (local && e[2]) {
          var lbl = s("text", { x: (a.x + b.x) / 2 * W, y: (a.y + b.y) / 2 * H - 4, "text-anchor": "middle",
            "class": "cx-label cx-edge-label" }, edges);
          lbl.textContent = e[2];
        }
        var title = s("title", {}, line);
        title.textContent = g.nodes[e[0]][1] + " – " + g.nodes[e[1]][1] + ": " +
          [e[2], e[3] ? t("shared", { n: e[3] }) : ""].filter(Boolean).join("; ");
      });
      var maxN = 1;
      g.nodes.forEach(function (n) { maxN = Math.max(maxN, n[3]); });
      var labelled = g.nodes.map(function (n, i) { return [n[3], i]; }).sort(function (a, b) { return b[0] - a[0]; })
        .slice(0, local ? 60 : 40).map(function (x) { return x[1]; });
      var nodes = s("g", { "class": "cx-nodes" }, svg);
      g.nodes.forEach(function (n, i) {
        var p = pos[i], r = (6 + 12 * Math.sqrt(n[3] / maxN) + (local && i === g.center ? 6 : 0)) * scale;
        var label = n[1] + " (" + typeLabel(idx, n[2]) + ", " + n[3] + " " + t("events") + ")";
        var holder = n[4] ? s("a", { href: siteUrl(n[4]).href, "aria-label": label, "class": "cx-node" }, nodes)
          : s("g", { "class": "cx-node", role: "img", "aria-label": label }, nodes);
        holder.setAttribute("data-entity", n[0]);
        var ty = typeNo[n[2]];
        s("circle", { cx: p.x * W, cy: p.y * H, r: r, "class": "cx-dot cx-t" + (ty === undefined ? "x" : ty % 6) +
          (local && i === g.center ? " cx-center" : "") }, holder);
        var tt = s("title", {}, holder);
        tt.textContent = label;
        if (labelled.indexOf(i) >= 0 || (local && i === g.center)) {
          var txt = s("text", { x: p.x * W, y: p.y * H + r + 13, "text-anchor": "middle", "class": "cx-label" }, holder);
          txt.textContent = n[1];
        }
      });
      el.appendChild(svg);
      var legend = h("ul", { "class": "cx-legend", "aria-label": t("legend") });
      idx.types.forEach(function (ty, i) {
        if (!g.nodes.some(function (n) { return n[2] === ty.id; })) return;
        legend.appendChild(h("li", {}, [h("span", { "class": "cx-swatch cx-t" + (i % 6), "aria-hidden": "true" }), h("span", { text: ty.label })]));
      });
      el.appendChild(legend);
      el.setAttribute("data-cx", "ready");
    }).catch(function (err) {
      el.setAttribute("hidden", "");
      el.setAttribute("data-cx", "error");
      if (window.console) console.warn(err);
    });
  }
  function typeLabel(idx, id) {
    for (var i = 0; i < idx.types.length; i++) if (idx.types[i].id === id) return idx.types[i].label;
    return id;
  }

  /* Deterministic force layout in the unit square. */
  function layoutGraph(g, local, mx, my) {
    var n = g.nodes.length, pos = [], i, j, it;
    for (i = 0; i < n; i++) {
      var a = i * 2.39996323, rad = local && i === g.center ? 0 : 0.15 + 0.3 * Math.sqrt((i + 1) / n);
      pos.push({ x: 0.5 + rad * Math.cos(a), y: 0.5 + rad * Math.sin(a), dx: 0, dy: 0 });
    }
    if (n < 2) return pos;
    var k = Math.sqrt(1 / n) * 0.75, temp = 0.1;
    var adj = g.edges.map(function (e) { return [e[0], e[1], e[2] ? 1.5 : 1]; });
    for (it = 0; it < 250; it++) {
      for (i = 0; i < n; i++) { pos[i].dx = 0; pos[i].dy = 0; }
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y, d2 = dx * dx + dy * dy + 1e-6;
          var f = k * k / d2;
          pos[i].dx += dx * f; pos[i].dy += dy * f; pos[j].dx -= dx * f; pos[j].dy -= dy * f;
        }
      }
      adj.forEach(function (e) {
        var p = pos[e[0]], q = pos[e[1]], dx = p.x - q.x, dy = p.y - q.y, d = Math.sqrt(dx * dx + dy * dy) + 1e-6;
        var f = d * e[2] / k;
        p.dx -= dx * f; p.dy -= dy * f; q.dx += dx * f; q.dy += dy * f;
      });
      for (i = 0; i < n; i++) {
        var p = pos[i];
        p.dx += (0.5 - p.x) * 0.6; p.dy += (0.5 - p.y) * 0.6;
        var len = Math.sqrt(p.dx * p.dx + p.dy * p.dy) + 1e-9, step = Math.min(len, temp);
        if (local && i === g.center) continue;
        p.x += p.dx / len * step; p.y += p.dy / len * step;
      }
      temp *= 0.985;
    }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    pos.forEach(function (p) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); });
    pos.forEach(function (p) {
      p.x = mx + (1 - 2 * mx) * (x1 > x0 ? (p.x - x0) / (x1 - x0) : 0.5);
      p.y = my + (1 - 2 * my - 0.04) * (y1 > y0 ? (p.y - y0) / (y1 - y0) : 0.5);
    });
    return pos;
  }

  /* ---------- start, and again after each instant navigation ---------- */
  window.chronikExplorer = window.chronikExplorer || {};
  function init() {
    liveCanvases = liveCanvases.filter(function (c) { return c.canvas.isConnected; });
    Array.prototype.forEach.call(document.querySelectorAll(".chronik-explorer[hidden]:not([data-cx])"), mountTimeline);
    Array.prototype.forEach.call(document.querySelectorAll(".chronik-graph[hidden]:not([data-cx])"), mountGraph);
  }
  // Redraw canvases when the reader switches the palette.
  if (window.MutationObserver && document.body) {
    new MutationObserver(function () {
      liveCanvases.forEach(function (c) { if (c.canvas.isConnected) c.draw(); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"] });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
