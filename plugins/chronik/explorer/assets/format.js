/* Dates as readers read them, in the site's language. */

import { LOCALE, t } from "./config.js";
import { DAY } from "./data.js";

const dayFormat = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "10. Jan. 2026", "10. Jan. 2026 – 11. Jan. 2026", "… – 16. Jan. 2026", or "Ohne Datum". */
export function eventDate(ev) {
  const one = (d) => (d === null ? "…" : dayFormat.format(new Date(d * DAY)));
  if (ev.lo === null && ev.hi === null) return t("undated");
  if (ev.lo === ev.hi) return one(ev.lo);
  return one(ev.lo) + " – " + one(ev.hi);
}

/** "Januar 2026" for a "2026-01" key. */
export function monthName(key) {
  const names = t("months").split(" ");
  return names[+key.slice(5, 7) - 1] + " " + key.slice(0, 4);
}
