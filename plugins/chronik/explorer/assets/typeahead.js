/* The entity type-ahead: a combobox with a listbox (WAI-ARIA pattern). */

import { t } from "./config.js";
import { fold, loadEntities } from "./data.js";
import { h } from "./dom.js";

/** Best matches of ``query``: word starts first, then by event count. */
function matches(index, query) {
  const f = fold(query.trim());
  if (!f) return null;
  const hits = [];
  for (const ent of index.list) {
    const at = ent.key.indexOf(f);
    if (at >= 0) hits.push([at === 0 || ent.key.charAt(at - 1) === " " ? 0 : 1, -ent.n, ent]);
    if (hits.length >= 200) break;
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return hits.slice(0, 10).map((x) => x[2]);
}

export function typeahead(input, list, onPick) {
  let options = [], active = -1;
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function render(query) {
    loadEntities().then((index) => {
      if (input.value !== query) return;
      list.textContent = "";
      const found = matches(index, query);
      if (!found) { close(); return; }
      options = found;
      if (!options.length) {
        list.appendChild(h("li", { role: "option", "aria-disabled": "true", "class": "cx-empty", text: t("no_match") }));
      }
      options.forEach((ent, i) => {
        const li = h("li", { role: "option", id: list.id + "-" + i, "aria-selected": "false" }, [
          h("span", { text: ent.name }), h("small", { text: " " + ent.n })
        ]);
        li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    });
  }
  function highlight(i) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
    active = i;
    if (i >= 0 && items[i]) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    }
  }
  function pick(i) {
    const ent = options[i];
    if (!ent) return;
    input.value = "";
    close();
    onPick(ent);
  }
  input.addEventListener("focus", () => { loadEntities(); });
  input.addEventListener("input", () => render(input.value));
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) { e.preventDefault(); highlight(Math.min(active + 1, options.length - 1)); }
    else if (e.key === "ArrowUp" && options.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter") { e.preventDefault(); if (options.length) pick(active >= 0 ? active : 0); }
    else if (e.key === "Escape") close();
  });
}
