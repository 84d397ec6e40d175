/* Where the visual timeline draws each event: marks at their true precision, titles beside them,
 * overlapping items stacked in rows, and past a density limit a labelled count (a cluster) that a
 * zoom or a click expands. Pure functions of the events and the view; no drawing here. */

export const ROW = 19;        // one stacked row: title above, mark below
export const AXIS = 24;       // the date axis at the top
export const FOOT = 16;       // room for the today/publication labels at the bottom
export const BUCKET = 96;     // px: clusters are counted per bucket of this width
export const MAXLABEL = 200;  // px: a title is truncated to fit at most this
export const MINLABEL = 28;   // px: below this a title is left out (the tooltip and the list still have it)

/** The mark of an event: its kind ("point", "bar" interval, "band" vague date, "open" end) and extent. */
export function markOf(ev, x, vx0, vx1) {
  const fadeL = ev.lo === null, fadeR = ev.hi === null;
  let x0 = fadeL ? Math.min(x(ev.hi) - 60, vx0) : x(ev.lo);
  let x1 = fadeR ? Math.max(x(ev.lo) + 60, vx1) : x(ev.hi + 1);
  let kind = fadeL || fadeR ? "open" : ev.flags.includes("i") ? "bar" : ev.lo === ev.hi ? "point" : "band";
  const w = x1 - x0;
  if (kind !== "open" && x1 - x0 < 6) {
    const c = (x0 + x1) / 2;
    x0 = c - 5; x1 = c + 5;
    if (kind !== "band") kind = "point";
  }
  return { x0, x1, w, kind, fadeL, fadeR };
}

/** Where the title starts: right of a point, at the (visible) start of any other mark. */
function labelStart(m, vx0) {
  return m.kind === "point" ? m.x1 + 3 : Math.max(m.x0, vx0) + (m.kind === "band" ? 5 : 3);
}

const STRIDE = 64;   // marks between the points where a sliced layout may pause

/** Run a step-wise layout (a generator) to its end; returns its result. */
export function finish(steps) {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Stack one lane's marks into ``rows`` rows; buckets with more marks than fit become clusters. A
 * generator: it yields every STRIDE marks, so a caller may pause the work there and yield to the browser
 * (the first draw of a big year does), and returns the items (``finish`` runs it in one go). */
export function* layoutLaneSteps(events, opts) {
  const { x, vx0, vx1, rows, top, measure, maxLabel } = opts;
  const marks = [];
  let n = 0;
  for (const ev of events) {
    if (++n % STRIDE === 0) yield;
    const m = markOf(ev, x, vx0, vx1);
    if (m.x1 < vx0 - 4 || m.x0 > vx1 + 4) continue;
    m.ev = ev;
    marks.push(m);
  }
  marks.sort((a, b) => a.x0 - b.x0);
  const bucketOf = (m) => Math.floor((Math.max(m.x0, vx0) - vx0) / BUCKET);
  const counts = new Map();
  for (const m of marks) counts.set(bucketOf(m), (counts.get(bucketOf(m)) || 0) + 1);
  const capacity = Math.max(2, Math.round(rows * 1.5));

  const items = [], rowEnd = new Array(rows).fill(-Infinity), rowLast = new Array(rows).fill(null);
  let cluster = null;
  const closeCluster = () => {
    if (!cluster) return;
    cluster.x1 = Math.min(vx0 + (cluster.b1 + 1) * BUCKET, vx1);
    for (let r = 0; r < rows; r++) {
      const last = rowLast[r];
      if (last && last.labelX + last.labelRoom > cluster.x0 - 4) last.labelRoom = Math.max(0, cluster.x0 - 4 - last.labelX);
      rowEnd[r] = cluster.x1 + 2;
      rowLast[r] = null;
    }
    items.push(cluster);
    cluster = null;
  };
  n = 0;
  for (const m of marks) {
    if (++n % STRIDE === 0) yield;
    const b = bucketOf(m);
    if (counts.get(b) > capacity) {
      if (cluster && cluster.b1 === b) cluster.members.push(m.ev);
      else {
        closeCluster();
        cluster = { cluster: true, b0: b, b1: b, members: [m.ev], x0: vx0 + b * BUCKET, y: top,
          h: rows * ROW - 3, kind: "cluster" };
      }
      continue;
    }
    closeCluster();
    placeMark(m, { rows, rowEnd, rowLast, top, vx0, vx1, measure, maxLabel, items });
  }
  closeCluster();
  return items;
}

/** Put one mark into the first row free at its start (or the emptiest, shortening the title before it). */
function placeMark(m, lane) {
  const { rows, rowEnd, rowLast, top, vx0, measure, maxLabel, items } = lane;
  const start = Math.max(m.x0, vx0);
  let row = rowEnd.findIndex((end) => end <= start - 8);
  if (row < 0) {
    row = 0;
    for (let r = 1; r < rows; r++) if (rowEnd[r] < rowEnd[row]) row = r;
    const last = rowLast[row];
    if (last) last.labelRoom = Math.max(0, Math.min(last.labelRoom, m.x0 - 8 - last.labelX));
  }
  let labelX = labelStart(m, vx0), room = Math.min(measure(m.ev), maxLabel, lane.vx1 - labelX - 2);
  if (m.kind === "point" && room < Math.min(measure(m.ev), 90)) {
    // At the right edge a point's title goes to its left, where the row is free.
    const left = Math.min(measure(m.ev), maxLabel, m.x0 - 3 - Math.max(rowEnd[row] + 10, vx0));
    if (left > room) { room = left; labelX = m.x0 - 3 - left; }
  }
  const item = Object.assign(m, { row, y: top + row * ROW, labelX, labelRoom: Math.max(0, room) });
  const labelEnd = labelX + item.labelRoom;
  // A vague date's soft band may run under later items; a real interval keeps its row.
  rowEnd[row] = m.kind === "band" ? labelEnd : Math.max(m.x1, labelEnd);
  rowLast[row] = item;
  items.push(item);
}

/** Far out (many events over years): per lane, how many events fall in each month or year. */
export function densityBins(view, DAY) {
  const byYear = view.t1 - view.t0 > 365 * 12;
  const d0 = new Date(view.t0 * DAY), y0 = d0.getUTCFullYear(), m0 = byYear ? 0 : d0.getUTCMonth();
  const bins = [];
  for (let k = 0; k < 400; k++) {
    const b0 = (byYear ? Date.UTC(y0 + k, 0, 1) : Date.UTC(y0, m0 + k, 1)) / DAY;
    if (b0 > view.t1) break;
    bins.push([b0, (byYear ? Date.UTC(y0 + k + 1, 0, 1) : Date.UTC(y0, m0 + k + 1, 1)) / DAY]);
  }
  const binOf = (day) => {
    const d = new Date(day * DAY);
    const i = byYear ? d.getUTCFullYear() - y0 : (d.getUTCFullYear() - y0) * 12 + d.getUTCMonth() - m0;
    return i >= 0 && i < bins.length ? i : -1;
  };
  return { bins, binOf, byYear };
}
