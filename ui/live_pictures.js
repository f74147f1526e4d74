// Shortcuts of a live chart's drawing (see ui/live_chart.js, to which this file is appended):
// fitting a figure to its column, and redrawing in place, without plotly, what changes on
// every frame while playing: pictures (the boundary, the neurons), shapes' colours and widths
// (the network's edges) and lines that grow (the learning curves). Each returns false when it
// cannot, and plotly draws instead.

// A figure wider than its column (the playground's 560 px boundary beside the network on a
// 1366 px laptop) is drawn smaller with the same shape, instead of being cut off and covered
// by its neighbour; it is drawn again when the column's width changes.
function fitted(state, layout) {
  const column = state.host.closest('[data-testid="stVerticalBlock"]');
  if (column && !state.resizes) {
    state.resizes = new ResizeObserver(() => {
      if (column.clientWidth === state.room) return;
      state.dirty.full = true;
      play();
    });
    state.resizes.observe(column);
  }
  state.room = column?.clientWidth ?? 0;
  const scale = layout.width > state.room && state.room > 0 ? state.room / layout.width : 1;
  if (state.height) state.div.style.height = `${Math.floor(state.height * scale)}px`;
  if (scale === 1) return layout;
  const height = layout.height ? { height: Math.floor(layout.height * scale) } : {};
  return { ...layout, width: Math.floor(layout.width * scale), ...height };
}

// -- pictures: a frame that changes only the sources of the layout's pictures (the boundary
// while playing) swaps them in the drawn <image> elements; plotly's relayout would load every
// picture, copy it through a canvas and encode it as PNG again (tens of ms a frame here).
const XLINK = "http://www.w3.org/1999/xlink";
const withoutSource = ({ source, ...rest }) => JSON.stringify(rest);

// Whether two lists of layout entries are the same but for what `without` leaves out.
function sameExcept(before, after, without) {
  return Array.isArray(before) && Array.isArray(after) && before.length === after.length
    && after.every((entry, i) => entry === before[i] || without(entry) === without(before[i]));
}

function swapPictures(state) {
  const images = state.figure.layout.images;
  const full = state.div._fullLayout?.images;
  const drawn = [...state.div.querySelectorAll("image")]
    .filter((node) => Number.isInteger(node.__data__?._index) && "source" in node.__data__);
  const fresh = (node) => images[node.__data__._index]?.source;
  if (!full || drawn.length !== images.length
      || !drawn.every((node) => String(fresh(node)).startsWith("data:image/"))) return false;
  for (const node of drawn) {
    const index = node.__data__._index, source = fresh(node);
    node.setAttributeNS(XLINK, "xlink:href", source);
    node._imgSrc = source; // what plotly last loaded: a later full drawing keeps it
    node.__data__.source = source;
    if (full[index]) full[index].source = source;
    if (state.div.layout?.images?.[index]) state.div.layout.images[index].source = source;
  }
  return true;
}

// -- shapes: a frame that changes only the colours and widths of shapes (the network's
// edges) sets them on the drawn paths.
const withoutStyle = ({ line, opacity, ...rest }) =>
  JSON.stringify([rest, { ...line, color: null, width: null }]);

function restyleShapes(state) {
  const shapes = state.figure.layout.shapes;
  const full = state.div._fullLayout?.shapes;
  const drawn = new Map([...state.div.querySelectorAll(".shapelayer path[data-index]")]
    .map((node) => [Number(node.dataset.index), node]));
  const known = (shape) => shape.line?.color !== undefined && shape.line?.width !== undefined;
  if (full?.length !== shapes.length || drawn.size !== shapes.length || !shapes.every(known)) {
    return false;
  }
  shapes.forEach(({ line: { color, width }, opacity = 1 }, index) => {
    const was = full[index], node = drawn.get(index);
    if (was.line.color === color && was.line.width === width && was.opacity === opacity) return;
    Object.assign(node.style, { stroke: color, strokeOpacity: "1", strokeWidth: `${width}px`,
                                opacity: String(opacity) });
    Object.assign(was.line, { color, width }); // what is drawn: a later full drawing keeps it
    was.opacity = opacity;
  });
  return true;
}

// -- lines: the points of line traces on axes of fixed range (a learning curve that grew)
// are set as the drawn line's path.
const axisName = (id, letter) => `${letter}axis${String(id ?? letter).slice(1)}`;

function fixedAxis(given, drawn) {
  return drawn?.c2p && drawn.type === "linear" && Array.isArray(given?.range)
    && given.autorange !== true && drawn.range?.[0] === given.range[0]
    && drawn.range?.[1] === given.range[1];
}

function linePath(xs, ys, xa, ya) {
  let path = "", pen = "M";
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) { // a gap, as plotly draws it
      pen = "M";
      continue;
    }
    path += `${pen}${xa.c2p(x).toFixed(2)},${ya.c2p(y).toFixed(2)}`;
    pen = "L";
  }
  return path || "M0,0Z";
}

function moveLines(state, indices) {
  const { data, layout } = state.figure;
  const full = state.div._fullLayout;
  const groups = new Map([...state.div.querySelectorAll(".scatterlayer .trace")]
    .map((node) => [node.__data__?.[0]?.trace?.index, node]));
  const paths = [];
  for (const index of indices) {
    const trace = data[index], xname = axisName(trace?.xaxis, "x");
    const yname = axisName(trace?.yaxis, "y");
    const line = groups.get(index)?.querySelector("path.js-line");
    const plain = trace?.type === "scatter" && trace.mode === "lines"
      && (trace.line?.shape ?? "linear") === "linear" && (trace.fill ?? "none") === "none";
    if (!plain || !line || !fixedAxis(layout[xname], full?.[xname])
        || !fixedAxis(layout[yname], full?.[yname])) return false;
    paths.push([line, linePath(trace.x, trace.y, full[xname], full[yname])]);
  }
  for (const [line, path] of paths) line.setAttribute("d", path);
  return true;
}
