/* The explorer's data: JSON documents the plugin writes, loaded on demand and cached.
 * Lookups are Maps, so an id from the URL such as "constructor" never finds Object.prototype. */

import { DATA } from "./config.js";
import { nextTask } from "./dom.js";

export const DAY = 864e5;
const cache = new Map();

/** A JSON document below the data folder (one request per path, retried after a failure). */
export function load(path) {
  if (!cache.has(path)) {
    const job = fetch(new URL(path, DATA).href).then((r) => {
      if (!r.ok) throw new Error("chronik-explorer: " + path + " " + r.status);
      return r.json();
    });
    job.catch(() => cache.delete(path));
    cache.set(path, job);
  }
  return cache.get(path);
}

export const loaded = new Map();   // year -> [event]
export const eventById = new Map();

const SLICE = 8;   // ms of turning rows into events before yielding (a year of a big corpus has thousands)
const pending = new Map();   // year -> the promise of its events (one conversion per year)

/** One year's events: {id, lo, hi, flags, ents, tags, types, page, link, year, row, title}.
 * ``link`` is where the site links the event (site-relative): its own page, else its card.
 * Converted in slices of SLICE ms, each a task of its own. */
export function loadYear(year) {
  if (loaded.has(year)) return Promise.resolve(loaded.get(year));
  if (!pending.has(year)) {
    const job = Promise.all([load("events/" + year + ".json"), load("index.json")])
      .then(([chunk, index]) => toEvents(chunk, index))
      .then((list) => { loaded.set(year, list); return list; });
    job.catch(() => pending.delete(year));
    pending.set(year, job);
  }
  return pending.get(year);
}

async function toEvents(chunk, index) {
  const list = [];
  let t0 = performance.now();
  for (const [i, r] of chunk.e.entries()) {
    const page = chunk.pages[r[7]] || "";
    const link = r[8] || (index.eventPages !== null && index.eventPages !== undefined
      ? index.eventPages + r[0] + "/" : page ? page + "#" + r[0] : "");
    const ev = { id: r[0], lo: r[1], hi: r[2], flags: r[3], ents: r[4], tags: r[5], types: r[6],
      page, link, year: chunk.y, row: i, title: null };
    eventById.set(ev.id, ev);
    list.push(ev);
    if (performance.now() - t0 > SLICE) { await nextTask(); t0 = performance.now(); }
  }
  return list;
}

/** One year's events with their titles (titles are most of the bytes and travel apart). */
export function loadTitles(year) {
  return loadYear(year).then((list) => load("titles/" + year + ".json").then((doc) => {
    for (const ev of list) ev.title = doc.t[ev.row];
    return list;
  }));
}

export function allLoaded(index) {
  return index.years.every((y) => loaded.has(y.y));
}

export function loadAll(index) {
  return Promise.all(index.years.map((y) => loadYear(y.y)));
}

/** Every loaded event, in chunk order. */
export function loadedEvents() {
  const out = [];
  for (const list of loaded.values()) for (const ev of list) out.push(ev);
  return out;
}

let entityIndex = null;
/** entities.json as {list, byId: Map}; ``key`` is the folded text the type-ahead searches. */
export function loadEntities() {
  return load("entities.json").then((doc) => {
    if (!entityIndex) {
      const list = doc.e.map((r, i) => {
        const ent = { id: r[0], name: r[1], type: r[2], n: r[3], url: r[4], aliases: r[5] || [], i };
        ent.key = fold([ent.name].concat(ent.aliases).join(" | ") + " | " + ent.id);
        return ent;
      });
      entityIndex = { list, byId: new Map(list.map((e) => [e.id, e])) };
    }
    return entityIndex;
  });
}
export function entities() {
  return entityIndex;
}

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
export function dayNo(iso) {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
}
export function isoOf(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
export function today() {
  return Math.floor(Date.now() / DAY);
}
