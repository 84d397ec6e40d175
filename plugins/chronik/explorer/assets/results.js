/* The events that match the filters, listed under the explorer and grouped by month;
 * each links where the site links it: its own page (events/<id>/), else its card on a year page. */

import { eventHref, t } from "./config.js";
import { isoOf, loadTitles } from "./data.js";
import { h, nextTask } from "./dom.js";
import { eventDate, monthName } from "./format.js";

const PAGE = 100;   // events per "show more"
const FIRST = 20;   // rows written at once: a first screen (the rest follow in tasks of their own)
const CHUNK = 40;   // rows per later task

function monthKey(ev) {
  const day = ev.lo !== null ? ev.lo : ev.hi;
  return day === null ? "" : isoOf(day).slice(0, 7);
}

/** Sorted by date (undated last), as the timeline pages list them. */
function chronological(list) {
  const key = (ev) => (ev.lo !== null ? ev.lo : ev.hi !== null ? ev.hi : Infinity);
  return list.slice().sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : 1));
}

export function makeResults(section) {
  let shown = PAGE, current = [], token = 0;

  /** The list: its heading and the first screen at once, the rest of the shown part in chunks of CHUNK
   * rows, a task each (each chunk is styled in the frame after it); aria-busy until the last chunk.
   * Resolves when the list is complete (or a newer one replaced it). */
  async function render(mine) {
    section.textContent = "";
    section.appendChild(h("h2", { "class": "cx-results-title", text: t("results") + ": " + current.length }));
    if (!current.length) { section.appendChild(h("p", { text: t("results_none") })); return; }
    section.setAttribute("aria-busy", "true");
    let written = 0, due = FIRST, list = null, key = null;
    for (const ev of current.slice(0, shown)) {
      if (written === due) {
        due += CHUNK;
        await nextTask();
        if (mine !== token) return;
      }
      if (!list || monthKey(ev) !== key) {
        key = monthKey(ev);
        list = h("ul");
        section.appendChild(h("section", { "class": "cx-month" }, [h("h3", { text: key ? monthName(key) : t("undated") }), list]));
      }
      list.appendChild(h("li", { "data-event": ev.id }, [
        h("a", { href: eventHref(ev), text: ev.title || ev.id }),
        h("span", { "class": "cx-result-date", text: " · " + eventDate(ev) })
      ]));
      written++;
    }
    if (current.length > shown) {
      const more = h("button", { type: "button", "class": "md-button cx-more",
        text: t("show_more", { n: Math.min(PAGE, current.length - shown) }) });
      more.addEventListener("click", () => { shown += PAGE; const again = ++token; withTitles().then(() => render(again)); });
      section.appendChild(more);
    }
    section.removeAttribute("aria-busy");
  }

  /** Titles of the years the shown part of the list needs. */
  function withTitles() {
    const years = [...new Set(current.slice(0, shown).map((ev) => ev.year))];
    return Promise.all(years.map(loadTitles));
  }

  return {
    /** Show ``list`` (null hides the section); titles load first for the years involved. */
    update(list) {
      const mine = ++token;
      if (!list) { section.hidden = true; section.textContent = ""; current = []; return Promise.resolve(); }
      current = chronological(list);
      shown = PAGE;
      return withTitles().then(() => {
        if (mine !== token) return null;
        section.hidden = false;
        return render(mine);
      });
    },
    ids() { return current.map((ev) => ev.id); }
  };
}
