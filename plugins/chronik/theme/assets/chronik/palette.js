/* The colour palette toggle in the header (Material's palette form, partials/palette.html).
 *
 * Does what Material's palette component does, with the same stored preference (__md_get/__md_set
 * "__palette", which Material's inline script applies before the first paint): the first visit
 * follows the system's colour scheme, a click on the toggle switches and remembers it, Enter on the
 * toggle switches too, a change of the system's scheme re-applies the palette. Unlike Material's
 * component it changes the body's attributes only when they differ from what the page already shows,
 * so an ordinary page load restyles nothing; the theme-color meta tag is filled right after a frame's layout. Loaded at the end of the body, before Material's bundle.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-chronik-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var LIGHT = "(prefers-color-scheme: light)";
  var metas = {};

  /* The meta tag ``name`` with ``value``: made when first needed, with its value at once (a new
   * color-scheme tag restyles the whole page, so it is not added empty before the first frame and
   * changed later), and changed only when the value differs. */
  function setMeta(name, value) {
    var tag = metas[name];
    if (!tag) {
      tag = metas[name] = document.createElement("meta");
      tag.name = name;
      tag.content = value;
      document.head.appendChild(tag);
    } else if (tag.content !== value) tag.content = value;
  }

  /* The input's colours; the automatic option ("(prefers-color-scheme)") takes the system's. */
  function colours(input) {
    var source = input;
    if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
      var light = matchMedia(LIGHT).matches;
      source = document.querySelector("[data-md-color-media='(prefers-color-scheme: " +
        (light ? "light" : "dark") + ")']") || input;
    }
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = (key === "media" ? input : source).getAttribute("data-md-color-" + key);
    });
    return color;
  }

  function firstIndex() {
    var stored = window.__md_get ? __md_get("__palette") : null;
    var index = stored && typeof stored.index === "number" ? stored.index : inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  /* The theme-color and color-scheme meta tags follow the header's colours. */
  function updateMeta() {
    var header = document.querySelector("[data-md-component=header]");
    if (!header) return;
    // Both read before either is written: a new color-scheme restyles the page, and a read after it
    // would wait for that whole restyle at once.
    var style = getComputedStyle(header);
    var scheme = style.colorScheme;
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    var hex = "#" + rgb.slice(0, 3).map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join("");
    setMeta("theme-color", hex);
    setMeta("color-scheme", scheme);
  }

  /* ``fn`` when the browser has just laid the header out: a ResizeObserver's first report comes right
   * after a frame's style and layout, so reading the header's style then costs no style pass of its
   * own (in a task after the frame, or when idle, Material's bundle has often changed the page again,
   * and the read restyles the whole page at once). */
  function afterLayout(fn) {
    var header = document.querySelector("[data-md-component=header]");
    if (!header || !window.ResizeObserver) { setTimeout(fn, 0); return; }
    var observer = new ResizeObserver(function () { observer.disconnect(); fn(); });
    observer.observe(header);
  }

  function apply(index, switching) {
    var color = colours(inputs[index]);
    var body = document.body;
    var changed = KEYS.filter(function (key) { return body.getAttribute("data-md-color-" + key) !== color[key]; });
    // Material's palette.css turns transitions off while the body is marked as switching.
    if (changed.length && switching) body.setAttribute("data-md-color-switching", "");
    changed.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement && label.tagName === "LABEL" && label.hidden !== (i !== index)) label.hidden = i !== index;
    });
    if (window.__md_set) __md_set("__palette", {index: index, color: color});
    if (changed.length && switching) setTimeout(function () { body.removeAttribute("data-md-color-switching"); }, 0);
    afterLayout(updateMeta);
  }

  var current = firstIndex();
  apply(current, false);
  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { current = i; apply(i, true); });
  });
  // Enter on the toggle switches, as Space does for the radio button (Material does the same).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  matchMedia(LIGHT).addEventListener("change", function () { apply(firstIndex(), true); });
})();
