// The browser half of ui/live_steps.py: a step player's chart holds the figures of the
// positions around the current one and shows them the moment a control is clicked. This file
// is appended to live_chart.js (one module: it uses its SHARED, decode, patch, redraw, play,
// scriptState and scriptRunning; live_chart.js calls receiveSteps).

// -- step players: the figures around the current position, shown at once on a click -------
// (ui/live_steps.py). A click on Next / Previous / Reset (or → / ← / Home) shows its position
// now and is counted; the server counts the clicks it has handled (`moves`): once it has
// handled every click seen here, its position is shown (normally the one shown already: no
// redraw). A click it never handled is undone once the app has been idle for SETTLE_MS
// (and the server has started the click's rerun, or PATIENCE_MS have passed).
const SETTLE_MS = 2000;
const PATIENCE_MS = 6000; // how long a click waits for its rerun to start
const STEP_KEYS = { ArrowRight: "next", ArrowLeft: "previous", Home: "reset" };

// Each figure as it was received (plotly writes into the figures it draws): a full run of the
// page sends the figures afresh, as new objects, and one that draws the same is not redrawn.
const PRINTS = new WeakMap();
const sameFigure = (a, b) => PRINTS.has(a) && PRINTS.get(a) === PRINTS.get(b);

function show(state, position) {
  const figure = state.steps.get(position);
  state.shown = position;
  if (!figure || figure === state.figure) return;
  const settled = state.drawn && !state.drawing && state.figure === state.shownFigure;
  if (settled && sameFigure(figure, state.shownFigure)) {
    state.figure = state.shownFigure = figure; // drawn already: nothing to redraw
    return;
  }
  state.figure = figure;
  state.dirty.full = true;
  play();
}

function settleLater(state, since = performance.now()) {
  clearTimeout(state.settle);
  state.settle = setTimeout(() => {
    // "rerunRequested" lasts seconds on a class's busy server, for ever if the click was lost
    const patient = scriptState() === "rerunRequested" && performance.now() - since < PATIENCE_MS;
    if (scriptRunning() || patient) return settleLater(state, since);
    state.expect = state.moves;
    show(state, state.server);
  }, SETTLE_MS);
}

// Count the click and show its position now; true when it was drawn.
function stepNow(state, control) {
  if (!state.steps || !state.div.isConnected) return false;
  state.expect = Math.max(state.expect, state.moves) + 1; // the server will count this click
  settleLater(state);
  const target = control === "reset" ? 0 : state.shown + (control === "next" ? 1 : -1);
  const figure = state.steps.get(target);
  if (target === state.shown || !figure || !state.drawn || !globalThis.Plotly) return false;
  state.shown = target;
  state.figure = figure;
  state.dirty.full = true;
  redraw(state); // now, not at the next animation frame
  return true;
}

const editable = (element) => ["INPUT", "TEXTAREA", "SELECT"].includes(element?.tagName)
  || element?.isContentEditable;

// Step every chart `matches` accepts; when one was drawn, the click on `button` (or the key
// standing for it) reaches Streamlit only after the new step has been painted: Streamlit's
// own work on a click (React redrawing the page) would otherwise delay that paint.
function stepAll(event, control, matches, button) {
  let drawn = false, selector = null;
  for (const state of SHARED.charts) {
    if (!matches(state)) continue;
    drawn = stepNow(state, control) || drawn;
    selector ??= state.controls[control];
  }
  if (!drawn || !button) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  requestAnimationFrame(() => setTimeout(() => {
    SHARED.replaying = true; // this click was counted and drawn already
    try {
      (button.isConnected ? button : document.querySelector(selector))?.click();
    } finally {
      SHARED.replaying = false;
    }
  }));
}

const controlOf = (state, element) => Object.keys(state.controls ?? {})
  .find((name) => element?.closest?.(state.controls[name]));

function listenForSteps() {
  if (SHARED.stepping) return;
  SHARED.stepping = true;
  document.addEventListener("click", (event) => {
    if (SHARED.replaying) return;
    const control = [...SHARED.charts].map((state) => controlOf(state, event.target))
      .find(Boolean);
    if (!control) return;
    stepAll(event, control, (state) => controlOf(state, event.target) === control,
            event.target.closest("button"));
  }, true);
  document.addEventListener("keydown", (event) => {
    const control = STEP_KEYS[event.key];
    if (!control || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey
        || editable(event.target)) return;
    const enabled = (state) => {
      const button = state.controls && document.querySelector(state.controls[control]);
      return button && !button.disabled ? button : null;
    };
    const button = [...SHARED.charts].map(enabled).find(Boolean);
    if (button) stepAll(event, control, enabled, button);
  }, true);
}

// A message of a step player's chart: the figures the browser lacks (each from the one at
// `ref`), and the server's position.
function receiveSteps(state, update, setTriggerValue) {
  const step = update.step;
  const [first, firstUpdate] = step.figures[0] ?? [];
  const whole = first === step.ref && firstUpdate?.figure !== undefined;
  if (!whole && (update.base !== state.rev || step.id !== state.stepId)) {
    return setTriggerValue("resync", update.rev);
  }
  if (step.id !== state.stepId) state.steps = new Map();
  state.stepId = step.id;
  for (const [position, change] of step.figures) {
    let figure;
    if (change.figure) {
      figure = decode(change.figure);
    } else {
      const base = state.steps.get(step.ref);
      if (!base) return setTriggerValue("resync", update.rev);
      figure = { data: base.data.map((trace) => ({ ...trace })), layout: { ...base.layout } };
      patch(figure, change);
    }
    figure.layout.uirevision ??= "live";
    for (const trace of figure.data) {
      // An empty label as a blank: plotly.react drops a text it adds next to empty ones.
      if (Array.isArray(trace.text)) trace.text = trace.text.map((text) => text === "" ? " " : text);
    }
    PRINTS.set(figure, JSON.stringify(figure));
    state.steps.set(position, figure);
  }
  state.rev = update.rev;
  state.div.dataset.rev = String(update.rev);
  state.count = step.count;
  state.controls = step.controls;
  state.server = step.position;
  state.moves = step.moves;
  listenForSteps();
  if (step.moves >= state.expect) { // every click seen here has been handled
    clearTimeout(state.settle);
    state.expect = step.moves;
    show(state, step.position);
  }
}
