/* The events that match the filters, listed under the explorer and grouped by month;
 * each links where the site links it: its own page (events/<id>/), else its card on a year page. */

import { eventHref, t } from "./config.js";
import { isoOf, loadTitles } from "./data.js";
import { h } from "./dom.js";
import { eventDate, monthName } from "./format.js";

const PAGE = 100;

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

  function group(list) {
    const groups = [];
    for (const ev of list) {
      const key = monthKey(ev);
      if (!groups.length || groups[groups.length - 1].key !== key) groups.push({ key, events: [] });
      groups[groups.length - 1].events.push(ev);
    }
    return groups;
  }

  function render() {
    section.textContent = "";
    section.appendChild(h("h2", { "class": "cx-results-title", text: t("results") + ": " + current.length }));
    if (!current.length) { section.appendChild(h("p", { text: t("results_none") })); return; }
    for (const g of group(current.slice(0, shown))) {
      const items = g.events.map((ev) => h("li", { "data-event": ev.id }, [
        h("a", { href: eventHref(ev), text: ev.title || ev.id }),
        h("span", { "class": "cx-result-date", text: " · " + eventDate(ev) })
      ]));
      section.appendChild(h("section", { "class": "cx-month" }, [
        h("h3", { text: g.key ? monthName(g.key) : t("undated") }), h("ul", {}, items)
      ]));
    }
    if (current.length > shown) {
      const more = h("button", { type: "button", "class": "md-button cx-more",
        text: t("show_more", { n: Math.min(PAGE, current.length - shown) }) });
      more.addEventListener("click", () => { shown += PAGE; withTitles().then(render); });
      section.appendChild(more);
    }
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
        if (mine !== token) return;
        render();
        section.hidden = false;
      });
    },
    ids() { return current.map((ev) => ev.id); }
  };
}
