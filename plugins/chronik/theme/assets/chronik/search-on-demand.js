/* Load Material's search index only when a reader starts to search; search every change of the box.
 *
 * Material requests search/search_index.json as soon as a page opens. With a large corpus that
 * index is many megabytes, downloaded by every visitor who never searches. This script (deferred,
 * just before Material's deferred bundle, so it runs first) holds that one request back until the reader focuses or opens
 * the search, presses one of its keyboard shortcuts, or arrives with a search query in the URL.
 * Every other request passes through untouched.
 */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json(\?|$)/;
  var released = false;
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.chronikHeld = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.chronikHeld || released) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  function inSearch(target) {
    return !!(target && target.closest && target.closest(".md-search, label[for='__search']"));
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") release();
  }, true);
  document.addEventListener("keydown", function (event) {
    // Material's shortcuts that open the search: f, s and /
    if (!event.ctrlKey && !event.metaKey && !event.altKey && /^[fs/]$/.test(event.key)) release();
  }, true);
  if (/[?&](q|h)=/.test(location.search)) release();

  // Material reads the query on keyup only: text pasted with the mouse, dropped, or filled in by the
  // browser would not be searched. Every change of the search box is announced as a keyup as well
  // (Material ignores a value it has already searched).
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("[data-md-component='search-query']")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
})();
