/* The colour palette toggle in the header (Material's palette form, partials/palette.html).
 *
 * Does what Material's palette component does, with the same stored preference (__md_get/__md_set
 * "__palette", which Material's inline script applies before the first paint): the first visit
 * follows the system's colour scheme, a click on the toggle switches and remembers it, Enter on the
 * toggle switches too, a change of the system's scheme re-applies the palette. Unlike Material's
 * component it changes the body's attributes only when they differ from what the page already shows,
 * so an ordinary page load restyles nothing; the theme-color meta tag is filled right after a frame. Loaded at the end of the body, before Material's bundle.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-chronik-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var LIGHT = "(prefers-color-scheme: light)";
  var themeColor = meta("theme-color");
  var colorScheme = meta("color-scheme");

  function meta(name) {
    var tag = document.createElement("meta");
    tag.name = name;
    document.head.appendChild(tag);
    return tag;
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
    var style = getComputedStyle(header);
    colorScheme.content = style.colorScheme;
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    themeColor.content = "#" + rgb.slice(0, 3).map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join("");
  }

  /* ``fn`` in a task of its own after the next frame (a page in the background gets no frames: soon anyway). */
  function afterFrame(fn) {
    var done = false;
    var run = function () { if (!done) { done = true; fn(); } };
    var timer = setTimeout(run, 3000);
    requestAnimationFrame(function () { setTimeout(function () { clearTimeout(timer); run(); }, 0); });
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
    // Read in the task right after a frame, when the page's style is up to date: no style pass of its own
    // (an idle callback can come when the style is stale again, and then restyles the whole page).
    afterFrame(updateMeta);
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
