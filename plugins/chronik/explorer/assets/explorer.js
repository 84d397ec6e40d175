/* Chronik explorer, the entry module: mounts the explorer on timeline pages and the graphs, on the
 * first load and after each of Material's instant navigations (document$). Plain ES modules, no
 * dependencies, no bundler; settings and strings come from the page's JSON block (config.js). */

import { mountExplorer } from "./filters.js";
import { mountGraph } from "./graph.js";

window.chronikExplorer = window.chronikExplorer || {};
function init() {
  for (const el of document.querySelectorAll(".chronik-explorer:not([data-cx])")) mountExplorer(el);
  for (const el of document.querySelectorAll(".chronik-graph:not([data-cx])")) mountGraph(el);
}

// Redraw canvases when the reader switches the palette.
new MutationObserver(() => {
  const vis = window.chronikExplorer.vis;
  if (vis && vis.timeline.canvas.isConnected) vis.timeline.repaint();
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"] });

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => init());
else init();
