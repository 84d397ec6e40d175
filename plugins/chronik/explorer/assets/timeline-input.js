/* Pointer, wheel, touch (pinch) and keyboard control of the visual timeline. */

const CLICK_PX = 4;

export function bindInput(tl) {
  const box = tl.box, canvas = tl.canvas;
  box.querySelector(".cx-zoom-in").addEventListener("click", () => tl.zoom(0.5));
  box.querySelector(".cx-zoom-out").addEventListener("click", () => tl.zoom(2));
  box.querySelector(".cx-fit").addEventListener("click", () => { tl.fitView(); tl.draw(); });
  tl.lanesSelect.addEventListener("change", () => { tl.laneMode = tl.lanesSelect.value; tl.active = -1; tl.draw(); });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) tl.pan(e.deltaX / (tl.width() - tl.left()));
    else tl.zoom(Math.pow(1.0015, e.deltaY), e.clientX - r.left);
  }, { passive: false });
  bindPointers(tl, canvas);
  canvas.addEventListener("keydown", (e) => keys(tl, e));
  canvas.addEventListener("blur", () => tl.showTip(-1));
  if (window.ResizeObserver) {
    // Its first report is the size the first draw uses (read by prepare()): only a real change redraws,
    // and nothing before that first measure (the first draw comes in short tasks of its own).
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (canvas.isConnected && w && tl.size && w !== Math.round(tl.size.w)) tl.resized();
    }).observe(tl.stage);
  }
}

function bindPointers(tl, canvas) {
  const pointers = new Map();
  let drag = null, moved = 0, pinch = null;
  const spread = () => { const xs = [...pointers.values()]; return Math.abs(xs[0] - xs[1]) || 1; };
  canvas.addEventListener("pointerdown", (e) => {
    pointers.set(e.pointerId, e.clientX);
    canvas.setPointerCapture(e.pointerId);
    if (pointers.size === 2) pinch = { d: spread(), view: tl.view, cx: e.clientX - canvas.getBoundingClientRect().left };
    drag = { x: e.clientX, view: tl.view };
    moved = 0;
  });
  canvas.addEventListener("pointermove", (e) => {
    const r = canvas.getBoundingClientRect();
    if (!pointers.has(e.pointerId)) {
      const i = tl.hit(e.clientX - r.left, e.clientY - r.top);
      canvas.style.cursor = i >= 0 ? "pointer" : "grab";
      tl.showTip(i);
      return;
    }
    pointers.set(e.pointerId, e.clientX);
    if (pinch && pointers.size === 2) {
      const span = (pinch.view.t1 - pinch.view.t0) * pinch.d / spread();
      const center = pinch.view.t0 + (pinch.cx - tl.left()) / (tl.width() - tl.left()) * (pinch.view.t1 - pinch.view.t0);
      const ratio = (center - pinch.view.t0) / (pinch.view.t1 - pinch.view.t0);
      tl.view = { t0: center - span * ratio, t1: center + span * (1 - ratio) };
      tl.requestDraw();
      moved = 99;
      return;
    }
    if (!drag) return;
    const dx = e.clientX - drag.x;
    moved = Math.max(moved, Math.abs(dx));
    if (moved > CLICK_PX) {
      const dd = -dx / (tl.width() - tl.left()) * (drag.view.t1 - drag.view.t0);
      tl.view = { t0: drag.view.t0 + dd, t1: drag.view.t1 + dd };
      tl.requestDraw();
    }
  });
  const up = (e) => {
    const wasClick = drag && moved <= CLICK_PX && pointers.size === 1;
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (e.type === "pointerup" && wasClick) {
      const r = canvas.getBoundingClientRect(), i = tl.hit(e.clientX - r.left, e.clientY - r.top);
      if (i >= 0) { const it = tl.items[i]; tl.select(i); tl.activate(it); }
    }
    drag = null;
  };
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);
  canvas.addEventListener("pointerleave", () => { if (!drag) tl.showTip(-1); });
}

/** Arrows pick items (Shift+arrows pan), Enter opens or expands, +/- zoom, PageUp/PageDown pan, 0 fits. */
function keys(tl, e) {
  const k = e.key, items = tl.items;
  const handled = () => e.preventDefault();
  if ((k === "ArrowRight" || k === "ArrowLeft") && e.shiftKey) { handled(); tl.pan(k === "ArrowRight" ? 0.25 : -0.25); }
  else if (k === "ArrowRight" || k === "ArrowLeft") {
    handled();
    if (!items.length) return;
    const step = k === "ArrowRight" ? 1 : -1;
    let i = tl.active < 0 ? (step > 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, tl.active + step));
    const it = items[i], mid = (it.x0 + it.x1) / 2;
    if (it.ev && (mid < tl.left() || mid > tl.width())) {
      tl.centerOn(it.ev.lo !== null ? it.ev.lo : it.ev.hi);
      tl.draw();
      i = tl.indexOfEvent(it.ev);
    }
    tl.select(i);
  } else if (k === "Home" || k === "End") { handled(); if (items.length) tl.select(k === "Home" ? 0 : items.length - 1); }
  else if (k === "Enter" || k === " ") { handled(); if (tl.active >= 0 && items[tl.active]) tl.activate(items[tl.active]); }
  else if (k === "+" || k === "=") { handled(); tl.zoom(0.5, activeX(tl)); }
  else if (k === "-" || k === "_") { handled(); tl.zoom(2, activeX(tl)); }
  else if (k === "PageUp") { handled(); tl.pan(-0.5); }
  else if (k === "PageDown") { handled(); tl.pan(0.5); }
  else if (k === "0") { handled(); tl.fitView(); tl.draw(); }
  else if (k === "Escape") { tl.active = -1; tl.showTip(-1); tl.draw(); }
}

function activeX(tl) {
  const it = tl.items[tl.active];
  return it ? (it.x0 + it.x1) / 2 : undefined;
}
