/* Settings and strings of the explorer: one JSON block the page's template writes
 * (<script id="__chronik_explorer" type="application/json">), as Material passes its __config. */

const block = document.getElementById("__chronik_explorer");
export const SETTINGS = block ? JSON.parse(block.textContent) : { lang: "de", data: "explorer/", assets: "", strings: {} };

// The site root, from where this module lives (the settings say how deep that is).
const depth = (SETTINGS.assets || "").split("/").filter(Boolean).length;
export const ROOT = new URL("../".repeat(depth) || "./", new URL(".", import.meta.url));
export const DATA = new URL(SETTINGS.data || "explorer/", ROOT);
export const LOCALE = SETTINGS.lang === "de" ? "de-DE" : "en-GB";

/** An interface string with {placeholders} filled in. */
export function t(key, vars) {
  let s = (SETTINGS.strings && SETTINGS.strings[key]) || key;
  if (vars) for (const k of Object.keys(vars)) s = s.replace("{" + k + "}", vars[k]);
  return s;
}

/** Absolute URL of a site-relative path. */
export function siteUrl(path) {
  return new URL(path || "", ROOT);
}

/** The address of an event's page (or of its card when the site has no event pages), from this page. */
export function eventHref(ev) {
  const url = siteUrl(ev.link || (ev.page ? ev.page + "#" + ev.id : ""));
  return url.pathname + url.hash;
}
