// A plotly chart mounted once and updated in place, and a frame clock (see ui/live_chart.py).
//
// Every instance keeps its state on its own host element, which Streamlit keeps mounted for
// as long as the element stays at its place on the page. A chart applies what Python sends
// (a whole figure, or only what changed since the revision it has) to its copy of the figure
// and calls Plotly.react on the same <div>. The clock asks for the next run once everything
// sent before it has been drawn.

const SHARED = (globalThis[Symbol.for("backprop_lab.live_chart")] ??= {
  plotly: null, // the promise of plotly.js being loaded (once per page)
  pending: new Set(), // charts that have not yet started showing what they were sent
  charts: new Set(), // every chart's state, for the one playback loop
  loop: 0, // its animation frame request
});

const TYPES = {
  f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array,
  u2: Uint16Array, i4: Int32Array, u4: Uint32Array,
};

// plotly.js from its URL (the app's static copy) or from the source Python sent; null when
// neither is at hand (this page lost it: ask again). A URL that fails asks for the source.
function loadPlotly(lib, setTriggerValue) {
  if (globalThis.Plotly) return Promise.resolve(globalThis.Plotly);
  if (SHARED.plotly) return SHARED.plotly;
  if (!lib?.url && !lib?.source) return null;
  SHARED.plotly = new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = lib.url
      ? new URL(lib.url, document.baseURI).href
      : URL.createObjectURL(new Blob([lib.source], { type: "text/javascript" }));
    script.onload = () => resolve(globalThis.Plotly);
    script.onerror = () => {
      SHARED.plotly = null;
      if (lib.url) setTriggerValue("resync", "lib_inline");
      reject(new Error("plotly.js did not load"));
    };
    document.head.appendChild(script);
  });
  return SHARED.plotly;
}

function typedArray({ bdata, dtype, shape }) {
  const text = atob(bdata);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const flat = new TYPES[dtype](bytes.buffer);
  const dims = String(shape ?? "").split(",").map(Number);
  if (dims.length < 2) return flat;
  return Array.from({ length: dims[0] }, (_, r) => flat.subarray(r * dims[1], (r + 1) * dims[1]));
}

// Python's compact arrays ({dtype, bdata, shape}, plotly's own convention) as typed arrays.
function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    if (typeof value.bdata === "string" && value.dtype in TYPES) return typedArray(value);
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = decode(item);
    return out;
  }
  return value;
}

function concat(head, tail) {
  if (ArrayBuffer.isView(head) && ArrayBuffer.isView(tail) && head.constructor === tail.constructor) {
    const out = new head.constructor(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  }
  return [...Array.from(head ?? []), ...Array.from(tail)];
}

function assign(target, changes, combine) {
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete target[key];
    else target[key] = combine(target[key], decode(value));
  }
}

// Apply an update to the figure: whole traces, changed trace properties, arrays that grew (or
// changed only at their end), layout.
function patch(figure, update) {
  if (update.data) figure.data = decode(update.data);
  for (const [index, changes] of Object.entries(update.traces ?? {})) {
    assign(figure.data[Number(index)], changes, (_, value) => value);
  }
  for (const [index, changes] of Object.entries(update.extend ?? {})) {
    // {at, tail}: keep the first `at` values, append `tail` (a curve that grew)
    assign(figure.data[Number(index)], changes, (old, { at, tail }) => concat(old.slice(0, at), tail));
  }
  assign(figure.layout, update.layout, (_, value) => value);
  // {items: {i: entry}, fields: {i: {key: value}}}: a layout list (shapes, pictures) of which
  // some entries changed, whole or in some of their keys
  assign(figure.layout, update.items, (old, { items = {}, fields = {} }) => {
    const list = [...old];
    for (const [index, entry] of Object.entries(items)) list[Number(index)] = entry;
    for (const [index, changed] of Object.entries(fields)) {
      list[Number(index)] = { ...list[Number(index)], ...changed };
    }
    return list;
  });
}

// -- charts: every payload is a batch of frames, played one per animation frame ------------
const FRAME_MS = 1000 / 30; // until the time between two batches is known
const REST = 3; // a chart waits this many times its last drawing's cost before the next one
const FRAME_BUDGET_MS = 8; // drawing per animation frame: charts drawn in place share one

// Apply one frame to the chart's figure, and note what has to be redrawn: the whole figure,
// the lines whose points changed (`lines`), the layout entries that changed, and whether those
// changed only in what can be redrawn in place (`quick`: pictures' sources, shapes' colours).
function apply(state, frame) {
  const dirty = state.dirty;
  if (frame.figure || frame.data) dirty.full = true;
  for (const changes of [frame.traces, frame.extend]) {
    for (const [index, names] of Object.entries(changes ?? {})) {
      if (Object.keys(names).every((name) => name === "x" || name === "y")) {
        dirty.lines.add(Number(index));
      } else {
        dirty.full = true;
      }
    }
  }
  const names = Object.keys({ ...frame.layout, ...frame.items });
  for (const name of names) dirty.layout.add(name);
  const { images, shapes } = state.figure?.layout ?? {};
  if (frame.figure) state.figure = decode(frame.figure);
  else patch(state.figure, frame);
  const after = state.figure.layout;
  dirty.quick &&= names.every(
    (name) => name === "images" && sameExcept(images, after.images, withoutSource)
      || name === "shapes" && sameExcept(shapes, after.shapes, withoutStyle));
  after.uirevision ??= "live"; // zoom and legend clicks survive updates
  state.started?.(); // the frame clock may ask for the next batch
  state.started = null;
}

const clean = () => ({ full: false, layout: new Set(), lines: new Set(), quick: true });
const EXACT_MS = 400; // a chart redrawn in place is drawn whole once it has been still this long

// Lines moved in place: plotly's hover still knows the old points. The chart is drawn whole
// once no batch has come for EXACT_MS (or twice the time between two batches).
function exactWhenStill(state) {
  clearTimeout(state.exact);
  state.exact = setTimeout(() => {
    const quiet = performance.now() - (state.arrived ?? -Infinity);
    if (state.queue.length || quiet < Math.max(EXACT_MS, 2 * state.period)) {
      return exactWhenStill(state);
    }
    state.dirty.full = true;
    play();
  }, EXACT_MS);
}

// Redraw what changed: Plotly.react when a trace changed (plotly recomputes the figure), else
// the lines, pictures and shapes in place (live_pictures.js: a millisecond, where plotly takes
// 40 to 100 here), else Plotly.relayout of the changed layout entries only. A layout's
// `transition` is played by `travel`, not by plotly (see there). Resolves to the time the
// drawing took.
async function draw(state) {
  const { full, layout, lines, quick } = state.dirty;
  state.dirty = clean();
  const { data, layout: all } = state.figure;
  const began = performance.now();
  cancelAnimationFrame(state.travel);
  const whole = full || !state.drawn || layout.has("width") || layout.has("height")
    || lines.size > 0 && !moveLines(state, lines);
  if (whole) {
    clearTimeout(state.exact);
    const { transition, ...still } = all;
    const shown = fitted(state, transition ? still : all);
    await globalThis.Plotly.react(state.div, data, shown, state.config);
    if (transition) travel(state, state.shownFigure, state.figure, transition.duration);
  } else {
    const inPlace = quick && (!layout.has("images") || swapPictures(state))
      && (!layout.has("shapes") || restyleShapes(state));
    if (layout.size && !inPlace) {
      const changed = Object.fromEntries([...layout].map((name) => [name, all[name] ?? null]));
      await globalThis.Plotly.relayout(state.div, changed);
    } else { // counted, for the tests
      state.div.dataset.inPlace = String(Number(state.div.dataset.inPlace ?? 0) + 1);
    }
    if (lines.size) exactWhenStill(state);
  }
  state.shownFigure = state.figure;
  state.drawn = true;
  state.div.dataset.frames = String(Number(state.div.dataset.frames ?? 0) + 1);
  return performance.now() - began;
}

// The markers that moved between two figures (a step player's value travelling along its
// edge) glide from their old place to the new one over `duration` ms. The new figure is
// drawn whole at once (texts included) and only the markers' positions are animated, frame by
// frame; plotly's own transitions are not used: they show a step's texts only once the
// animation is over, and after one a plain Plotly.react may leave texts undrawn.
function travel(state, before, after, duration) {
  cancelAnimationFrame(state.travel);
  const { xaxis: xa, yaxis: ya } = state.div._fullLayout ?? {};
  const groups = state.div.querySelectorAll(".scatterlayer .trace");
  if (!before || before === after || !(duration > 0) || !xa?.c2p || !ya?.c2p
      || before.data.length !== after.data.length || groups.length !== after.data.length) {
    return;
  }
  const moves = [];
  after.data.forEach((trace, i) => {
    const old = before.data[i];
    if (trace.type !== "scatter" || !String(trace.mode).includes("markers")) return;
    const points = groups[i].querySelectorAll("path.point");
    const n = trace.x?.length ?? 0;
    if (old.x?.length !== n || old.y?.length !== n || points.length !== n) return;
    for (let j = 0; j < n; j++) {
      if (old.x[j] === trace.x[j] && old.y[j] === trace.y[j]) continue;
      moves.push([points[j], xa.c2p(old.x[j]), ya.c2p(old.y[j]), xa.c2p(trace.x[j]),
                  ya.c2p(trace.y[j])]);
    }
  });
  if (!moves.length) return;
  const began = performance.now();
  const frame = (now) => {
    const t = Math.min(1, Math.max(0, now - began) / duration);
    const e = t < 0.5 ? 4 * t * t * t : 1 - (2 - 2 * t) ** 3 / 2; // cubic-in-out
    for (const [point, x0, y0, x1, y1] of moves) {
      point.setAttribute("transform", `translate(${x0 + e * (x1 - x0)},${y0 + e * (y1 - y0)})`);
    }
    if (t < 1) state.travel = requestAnimationFrame(frame);
  };
  frame(began);
}

const isDirty = ({ dirty }) => dirty.full || dirty.layout.size > 0 || dirty.lines.size > 0;

// One loop for all charts: each applies its frames when they are due and redraws when its
// last drawing is done and it has rested REST times as long as that took: a slow chart shows
// fewer of the frames, always the latest, and takes at most a quarter of the main thread;
// batches are spread over the time until the next one is expected. An animation frame draws
// the charts whose drawings cost FRAME_BUDGET_MS in all, or one slower chart.
function step(now) {
  SHARED.loop = 0;
  let busy = false;
  let spent = 0; // what this frame's drawings cost last time: no long frames
  const charts = [...SHARED.charts].sort((a, b) => a.rested - b.rested); // longest waiting first
  for (const state of charts) {
    if (!globalThis.Plotly || !state.figure && !state.queue.length) continue;
    while (state.queue.length && now >= state.due) {
      apply(state, state.queue.shift());
      state.due = Math.max(state.due + state.interval, now - state.interval);
    }
    const cost = state.cost || FRAME_BUDGET_MS; // a chart not drawn yet draws alone
    if ((spent === 0 || spent + cost <= FRAME_BUDGET_MS) && isDirty(state) && !state.drawing
        && now - state.rested >= REST * state.cost) {
      spent += cost;
      redraw(state);
    }
    busy ||= state.queue.length > 0 || (isDirty(state) && !state.drawing);
  }
  if (busy) SHARED.loop = requestAnimationFrame(step);
}

// Draw now; the chart then rests REST times what the drawing cost.
function redraw(state) {
  const drawing = draw(state)
    .then((took) => { state.cost = state.cost ? 0.7 * state.cost + 0.3 * took : took; })
    .catch((error) => console.error("live chart:", error))
    .finally(() => {
      if (state.drawing !== drawing) return; // a newer drawing interrupted this one
      state.rested = performance.now();
      state.drawing = null;
      play();
    });
  state.drawing = drawing;
}

function play() {
  if (!SHARED.loop) SHARED.loop = requestAnimationFrame(step);
}

// Show every chart's last frame now (a Pause): the frames still queued are skipped.
function flush() {
  for (const state of SHARED.charts) {
    if (!state.figure && !state.queue.length) continue;
    for (const frame of state.queue.splice(0)) apply(state, frame);
    state.rested = -Infinity;
  }
  play();
}

function receive(state, update, setTriggerValue) {
  const frames = update.frames ?? [];
  if (!frames[0]?.figure && (state.figure === null && !state.queue.length
                             || update.base !== state.rev)) {
    return setTriggerValue("resync", update.rev);
  }
  for (const frame of state.queue.splice(0)) apply(state, frame); // late: catch up unseen
  const now = performance.now();
  if (state.arrived !== null) {
    const period = now - state.arrived;
    state.period = state.period ? 0.6 * state.period + 0.4 * period : period;
    state.interval = Math.min(200, state.period / Math.max(1, frames.length));
  }
  state.arrived = now;
  state.due = Math.max(state.due, now);
  state.rev = update.rev;
  state.div.dataset.rev = String(update.rev);
  state.queue.push(...frames);
  // The frame clock waits until every chart has started showing what it was sent: its first
  // frame is applied now (drawn at the next animation frame), the others when they are due.
  const started = new Promise((resolve) => { state.started = resolve; });
  SHARED.pending.add(started);
  started.then(() => SHARED.pending.delete(started));
  if (globalThis.Plotly && state.figure !== null || frames[0]?.figure) {
    apply(state, state.queue.shift());
    state.due = now + state.interval;
  }
  play();
}

function chart(host, update, setTriggerValue) {
  const state = (host.__liveChart ??= {
    rev: null, figure: null, config: {}, queue: [], drawing: null, drawn: false, due: 0,
    interval: FRAME_MS, period: 0, arrived: null, started: null, div: null, dirty: clean(),
    cost: 0, rested: -Infinity, steps: null, stepId: null, shown: null, server: null,
    moves: 0, expect: 0, settle: 0, controls: null, count: 0, shownFigure: null, travel: 0,
    exact: 0,
  });
  if (!state.div) {
    state.div = document.createElement("div");
    state.div.className = "live-chart";
    host.appendChild(state.div);
  }
  SHARED.charts.add(state);
  state.host = host;
  if (update.height) {
    state.height = update.height;
    state.div.style.height = `${update.height}px`;
  }
  if (update.config) state.config = update.config;
  const plotly = loadPlotly(update.lib, setTriggerValue);
  if (!plotly) return setTriggerValue("resync", "lib");
  plotly.then(play, (error) => console.error("live chart:", error));
  if (update.step) return receiveSteps(state, update, setTriggerValue);
  state.steps = state.controls = null;
  receive(state, update, setTriggerValue);
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
// Streamlit's script state: "running", "rerunRequested" (from a click until the server starts
// the rerun it asked for), "notRunning", …
const scriptState = () =>
  document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState;
const scriptRunning = () => scriptState() === "running";

// Ask for the next run once this run is over and every chart has drawn what it was sent, at
// most once per `interval` seconds, once per `seq`; a clock that stops running cancels what
// it had planned. (Wherever the clock sits in the page: it waits for the end of the run.)
function clock(host, update, setTriggerValue) {
  const state = (host.__frameClock ??= { seq: null, timer: 0, last: -Infinity });
  if (!host.querySelector(":scope > .frame-clock")) {
    const mark = document.createElement("span"); // lets the CSS hide the clock's element
    mark.className = "frame-clock";
    host.appendChild(mark);
  }
  state.stopOn = update.stop_on;
  if (update.stop_on && !state.listening) {
    state.listening = true; // a click on Pause stops the clock and the playback at once
    document.addEventListener("click", (event) => {
      if (!state.stopOn || !event.target?.closest?.(state.stopOn)) return;
      state.seq = null;
      clearTimeout(state.timer);
      flush();
    }, true);
  }
  clearTimeout(state.timer);
  if (!update.running) {
    state.seq = null;
    return;
  }
  if (state.seq === update.seq) return;
  state.seq = update.seq;
  const seq = update.seq;
  const fire = () => {
    if (state.seq !== seq) return;
    state.last = performance.now();
    setTriggerValue("tick", seq);
  };
  (async () => {
    do await nextFrame(); while (scriptRunning() && state.seq === seq);
    if (SHARED.pending.size > 0) {
      await Promise.allSettled([...SHARED.pending]);
      await nextFrame(); // the frame with the new drawing is painted right after this one
    }
    if (state.seq !== seq) return;
    const wait = state.last + 1000 * (update.interval ?? 0) - performance.now();
    if (wait > 0) state.timer = setTimeout(fire, wait);
    else fire();
  })();
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return;
  if (data.role === "clock") clock(parentElement, data, setTriggerValue);
  else chart(parentElement, data, setTriggerValue);
}
