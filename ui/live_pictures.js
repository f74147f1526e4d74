// Two shortcuts of a live chart's drawing (see ui/live_chart.js, to which this file is
// appended): fitting a figure to its column, and swapping pictures in place.

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

function sameButSources(before, after) {
  return Array.isArray(before) && Array.isArray(after) && before.length === after.length
    && after.every((image, i) => withoutSource(image) === withoutSource(before[i]));
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
