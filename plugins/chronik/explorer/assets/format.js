/* Dates as readers read them, in the site's language and as the site's pages write them
 * ("16. Januar 2026", "16 January 2026"). Month names come with the page's strings: no
 * Intl.DateTimeFormat, whose first use loads locale data in one long task (tens of ms on a phone). */

import { SETTINGS, t } from "./config.js";
import { DAY } from "./data.js";

let names = null;
function months() {
  return names || (names = t("months").split(" "));
}

/** A month's name ("Januar"), or its first three letters ("Jan") for the timeline's axis. */
function month(date, short) {
  const name = months()[date.getUTCMonth()] || String(date.getUTCMonth() + 1);
  return short ? name.slice(0, 3) : name;
}

/** The day ``day`` (days since 1970): "16. Januar 2026"; ``parts`` leaves out the year or shortens the month. */
export function dayText(day, parts) {
  const date = new Date(day * DAY), p = parts || {};
  const d = date.getUTCDate() + (SETTINGS.lang === "de" ? ". " : " ") + month(date, p.short);
  return p.noYear ? d : d + " " + date.getUTCFullYear();
}

/** The month of ``day``: "Januar 2026", or "Jan 26" (``short``) for the axis. */
export function monthText(day, short) {
  const date = new Date(day * DAY);
  return month(date, short) + " " + (short ? String(date.getUTCFullYear()).slice(2) : date.getUTCFullYear());
}

/** "10. Januar 2026", "10. Januar 2026 – 11. Januar 2026", "… – 16. Januar 2026", or "Ohne Datum". */
export function eventDate(ev) {
  const one = (d) => (d === null ? "…" : dayText(d));
  if (ev.lo === null && ev.hi === null) return t("undated");
  if (ev.lo === ev.hi) return one(ev.lo);
  return one(ev.lo) + " – " + one(ev.hi);
}

/** "Januar 2026" for a "2026-01" key. */
export function monthName(key) {
  return months()[+key.slice(5, 7) - 1] + " " + key.slice(0, 4);
}
