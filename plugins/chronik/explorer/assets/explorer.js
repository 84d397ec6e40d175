/* Chronik explorer, the entry module: mounts the explorer on timeline pages and the graphs, on the
 * first load and after each of Material's instant navigations (document$). Plain ES modules, no
 * dependencies, no bundler; settings and strings come from the page's JSON block (config.js).
 * The modules for the explorer and the graphs load only on pages that have them. */

window.chronikExplorer = window.chronikExplorer || {};

function init() {
  const explorers = document.querySelectorAll(".chronik-explorer:not([data-cx])");
  const graphs = document.querySelectorAll(".chronik-graph:not([data-cx])");
  // Marked at once: a second navigation event before the import resolves must not mount them twice.
  for (const el of [...explorers, ...graphs]) el.setAttribute("data-cx", "loading");
  if (explorers.length) import("./filters.js").then((m) => explorers.forEach(m.mountExplorer));
  if (graphs.length) import("./graph.js").then((m) => graphs.forEach(m.mountGraph));
}

// Redraw canvases when the reader switches the palette.
new MutationObserver(() => {
  const vis = window.chronikExplorer.vis;
  if (vis && vis.timeline.canvas.isConnected) vis.timeline.repaint();
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"] });

/** After the page's first contentful paint: the text shows before the explorer's modules load and
 * mount (their space is reserved, so nothing moves when they do). */
function afterFirstPaint(fn) {
  let done = false;
  const go = () => { if (!done) { done = true; setTimeout(fn, 0); } };
  if (performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint")) { go(); return; }
  try {
    new PerformanceObserver((list, observer) => { observer.disconnect(); go(); }).observe({ type: "paint", buffered: true });
  } catch (err) {
    go();
    return;
  }
  setTimeout(go, 3000);   // a page painted in the background reports no paint: mount anyway
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => afterFirstPaint(init));
else afterFirstPaint(init);
