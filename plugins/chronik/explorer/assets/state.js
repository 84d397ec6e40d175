/* The filter state and the URL that keeps it (?entity=a,b&type=…&tag=…&from=…&to=…). */

import { dayNo, DAY } from "./data.js";

const KEYS = ["entity", "type", "tag", "from", "to"];
const BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function emptyState() {
  return { entity: [], type: "", tag: "", from: "", to: "" };
}

/** A date bound as the URL may carry it (YYYY, YYYY-MM, YYYY-MM-DD), or "" when it is no real date. */
export function validBound(value) {
  const m = BOUND.exec(value || "");
  if (!m) return "";
  const month = m[2] ? +m[2] : 1;
  if (month < 1 || month > 12) return "";
  if (m[3]) {
    const last = new Date(Date.UTC(+m[1], month, 0)).getUTCDate();
    if (+m[3] < 1 || +m[3] > last) return "";
  }
  return value;
}

/** The state in the address bar; malformed dates are dropped (the page then rewrites the URL). */
export function readState() {
  const q = new URLSearchParams(location.search);
  const state = emptyState();
  state.type = q.get("type") || "";
  state.tag = q.get("tag") || "";
  state.from = validBound(q.get("from"));
  state.to = validBound(q.get("to"));
  for (const id of (q.get("entity") || "").split(",")) if (id && !state.entity.includes(id)) state.entity.push(id);
  return state;
}

export function stateQuery(state) {
  const q = new URLSearchParams(location.search);
  for (const k of KEYS) q.delete(k);
  if (state.entity.length) q.set("entity", state.entity.join(","));
  for (const k of ["type", "tag", "from", "to"]) if (state[k]) q.set(k, state[k]);
  const text = q.toString().replace(/%2C/g, ",");
  return text ? "?" + text : "";
}

export function writeState(state) {
  const url = location.pathname + stateQuery(state) + location.hash;
  if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
}

export function isEmpty(state) {
  return !state.entity.length && !state.type && !state.tag && !state.from && !state.to;
}

export function boundLo(value) {
  return value ? dayNo((value + "-01-01").slice(0, 10)) : null;
}
export function boundHi(value) {
  if (!value) return null;
  if (value.length === 4) return dayNo(value + "-12-31");
  if (value.length === 7) return Date.UTC(+value.slice(0, 4), +value.slice(5, 7), 0) / DAY;
  return dayNo(value);
}

/** A predicate for events; ``entityNo`` maps an entity id to its number (Map), ids and tags to numbers. */
export function compile(state, entityNo, typeIds, tagIds) {
  const ents = state.entity.map((id) => (entityNo.has(id) ? entityNo.get(id) : -1));
  const typeNo = state.type ? typeIds.indexOf(state.type) : -1;
  const tagNo = state.tag ? tagIds.indexOf(state.tag) : -1;
  const lo = boundLo(state.from), hi = boundHi(state.to);
  return function (ev) {
    if (ents.length && !ents.some((n) => ev.ents.includes(n))) return false;
    if (state.type && !ev.types.includes(typeNo)) return false;
    if (state.tag && !ev.tags.includes(tagNo)) return false;
    if (lo !== null || hi !== null) {
      if (ev.lo === null && ev.hi === null) return false;
      if (lo !== null && ev.hi !== null && ev.hi < lo) return false;
      if (hi !== null && ev.lo !== null && ev.lo > hi) return false;
    }
    return true;
  };
}
