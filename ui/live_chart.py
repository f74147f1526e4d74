"""Live charts: a plotly chart drawn once and then updated in place, and a frame clock that
asks for the next frame only after the browser has drawn the last one.

Built on Streamlit's Custom Components v2 (no iframe; the element stays mounted across reruns
and receives new data). plotly.js comes from the plotly package: it is copied to the app's
``static/`` folder and loaded once per page from there (Streamlit's static serving, so the
browser caches it and the websocket does not carry it), or, when that folder cannot be
written or served, sent once per browser session over the websocket. Nothing is fetched
from outside.

API (the whole of it)::

    live_chart(key, figure, *, height=None, width="content", config=None) -> None
    frame_clock(key, *, running, interval=0.0, stop_on=None) -> bool
    collecting()                        # context manager: frames for the next live_chart
    frame_due(every) -> bool            # inside it: whether this frame records a costly chart
    shown_figure(key) -> dict | None

``live_chart`` mounts one plotly ``<div>`` for ``key`` (a ``go.Figure`` or a plain
``{"data": [...], "layout": {...}}`` dict from ``nncore.viz``). The first call sends the whole
figure; every later call sends only what changed since the revision the browser has: changed
trace properties, the new end of an array that grew (a learning curve's x and y), changed
layout entries; numpy arrays as base64 typed arrays (plotly's ``{dtype, bdata, shape}``). The
browser applies that to its copy of the figure and calls ``Plotly.react`` on the same div, so
the element is never re-created (no blank frame) and zoom, hover and legend state survive
(``layout.uirevision``). ``height`` is the element's height in pixels (default: the layout's),
``width`` is ``"content"`` (the layout's width) or ``"stretch"``; ``config`` is plotly's config
(default: no mode bar). If the browser ever misses an update (a reload, a reconnect), it asks
for the whole figure again by itself.

Inside ``with collecting():`` a ``live_chart`` call sends nothing: it keeps its figure as a
frame. The next call for that key sends the frames and its own figure in one message (each
as what changed since the one before), and the browser shows them one per animation frame,
spread over the time until the next message is expected: one Streamlit run can then carry
several visible frames (a training run snapshots its views a few times per run). A message
that arrives while frames of the previous one are still waiting makes the browser skip them.
A chart that costs more to record than it adds to what is seen (the network beside the
boundary) is recorded when ``frame_due(n)``: one frame in n; the browser spreads each chart's
frames over the time until the next message, so it moves at 1/n of the frame rate.

``frame_clock`` goes inside the fragment that draws the live charts (anywhere in it: at the
top if the run needs its answer first). While ``running``, once the run is over and the
browser has drawn every live chart it was sent (and at least ``interval`` seconds after its
previous request) it asks Streamlit to rerun the enclosing fragment (or the page); with
frames, "drawn" means each chart has started showing its frames, so the next run is computed
while they play. It returns True in the run it asked for. So there is one request at a time:
a tick never starts while the previous one runs or before its charts have started showing
it, and a busy server slows the frame rate down instead of piling up ticks. ``stop_on`` is a
CSS selector (the Pause button): a click there stops the clock and the playback in the
browser at once, before the click's own rerun arrives. The clock takes no room on the page.

``shown_figure`` is the figure last sent for ``key`` (plotly JSON, numpy arrays kept), for
AppTest, which runs no JavaScript.

A step player's chart goes through ``ui.live_steps.step_chart`` (``ui.player.player_chart``):
the browser then also holds the figures of the steps around the current one and shows them
on a click of the player's controls at once (``live_steps.js``, appended to ``live_chart.js``
with ``live_pictures.js``: a figure wider than its column drawn smaller, pictures swapped in
place).
A layout's ``transition`` (``{"duration": ms}``) makes the markers that moved since the last
drawing glide to their new place (drawn by this module's JavaScript, not by plotly).

Example (a step player)::

    @st.fragment
    def player():
        if frame_clock("demo_clock", running=is_playing(), interval=0.7):
            advance()                   # this run was the clock's tick
        live_chart("demo_chart", figure_for(current_step()))
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, partial
from pathlib import Path
from typing import Any

import plotly
import streamlit as st

from ui.figure_updates import encode, figure_update, plain_figure

HERE = Path(__file__).parent
NAME = "backprop_lab.live_chart"
STATE = "_live_chart"  # session key: per chart {rev, figure, full}; per clock its frame number
FRAMES = "_live_chart_frames"  # session key: per chart, the frames collected for its next send
LIB_SENT = "_live_chart_lib_sent"  # session key: plotly.js was sent to this browser session
LIB_INLINE = "_live_chart_lib_inline"  # session key: the static copy failed to load here
DEFAULT_CONFIG = {"displayModeBar": False}
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC = HERE.parent / "static"  # served at app/static/ (server.enableStaticServing)

JS_FILES = ("live_chart.js", "live_pictures.js", "live_steps.js")  # one module, in this order
JS_INLINE = "_live_chart_js_inline"  # session key: the static copy of the code failed to load
# An element's message carries its component's code: this loader (a few hundred bytes) instead
# of the whole code (31 kB, in every chart's and clock's message of every run); it loads the
# code once per page from the app's static files, or asks for the inline component.
LOADER = """const SHARED = (globalThis[Symbol.for("backprop_lab.live_chart.code")] ??= {});
export default function (component) {
  SHARED.code ??= import(new URL(%s, document.baseURI).href);
  SHARED.code.then((code) => code.default(component), (error) => {
    console.error("live chart:", error);
    component.setTriggerValue("resync", "js_inline");
  });
}"""


def component_code() -> str:
    """The live charts' code: the JS_FILES as one module."""
    return "\n".join((HERE / name).read_text(encoding="utf-8") for name in JS_FILES)


def _static_copy(name: str, content: bytes) -> str | None:
    """The URL, relative to the page, of ``content`` copied into ``static/`` as ``name`` (a
    name that changes with the content, so that a browser may keep it), or None when static
    serving is off or the copy fails."""
    if not st.get_option("server.enableStaticServing"):
        return None
    try:
        copy = STATIC / name
        if not copy.is_file() or copy.stat().st_size != len(content):
            STATIC.mkdir(exist_ok=True)
            partial_copy = copy.with_suffix(f".{os.getpid()}.part")
            partial_copy.write_bytes(content)
            partial_copy.replace(copy)  # atomic: two processes may start at once
    except OSError:
        return None
    return f"app/static/{name}"


def _define(name: str, js: str) -> Any:
    return st.components.v2.component(
        name, js=js, css=(HERE / "live_chart.css").read_text(encoding="utf-8"),
        isolate_styles=False)


_CODE = component_code()
_inline_component = _define(f"{NAME}_inline", _CODE)
_code_url = _static_copy(f"live_chart-{hashlib.sha256(_CODE.encode()).hexdigest()[:12]}.js",
                         _CODE.encode())
_loaded_component = None if _code_url is None else _define(NAME, LOADER % json.dumps(_code_url))


def _component(**kwargs: Any) -> Any:
    """Mount the live chart component (the loader, or the whole code where it did not load)."""
    inline = _loaded_component is None or st.session_state.get(JS_INLINE, False)
    return (_inline_component if inline else _loaded_component)(**kwargs)


def _plotly_source() -> str:
    return PLOTLY_JS.read_text(encoding="utf-8")


@cache
def _static_plotly() -> str | None:
    """The URL of plotly.js copied into ``static/`` (named by its version), or None."""
    return _static_copy(f"plotly-{plotly.__version__}.min.js", PLOTLY_JS.read_bytes())


def _plotly_library() -> dict:
    """How the browser gets plotly.js: ``{"url": ...}`` or ``{"source": ...}``."""
    url = None if st.session_state.get(LIB_INLINE, False) else _static_plotly()
    return {"url": url} if url else {"source": _plotly_source()}


# -- the elements ------------------------------------------------------------------------------
def _states() -> dict:
    return st.session_state.setdefault(STATE, {})


def _resync(key: str) -> None:
    """The browser asked for the whole figure again, and for plotly.js if it says "lib" (or
    "lib_inline": the static copy did not load, send the library itself); "js_inline": the
    static copy of the component's code did not load (mount the inline component)."""
    chart = _states().get(key)
    if chart is not None:
        chart["full"] = True
    trigger = st.session_state.get(key)
    asked = trigger.get("resync") if isinstance(trigger, Mapping) else getattr(
        trigger, "resync", None)
    if asked in ("lib", "lib_inline"):
        st.session_state[LIB_SENT] = False
    if asked == "lib_inline":
        st.session_state[LIB_INLINE] = True
    if asked == "js_inline":
        st.session_state[JS_INLINE] = True


class Collection(dict):
    """The frames ``collecting()`` keeps, per chart key; ``number`` is the frame being
    recorded (the training loop counts them)."""

    number: int = 0


_collected: ContextVar[Collection | None] = ContextVar("live_frames", default=None)


@contextmanager
def collecting() -> Iterator[Collection]:
    """Within the block, ``live_chart`` draws nothing: it keeps each figure as a frame, and the
    next ``live_chart`` call for that key after the block sends them all before its own
    figure, to be played one per animation frame (see the module docstring). Set the
    collection's ``number`` before recording each frame (for ``frame_due``)."""
    frames = Collection()  # what an interrupted run collected is dropped
    st.session_state[FRAMES] = frames
    token = _collected.set(frames)
    try:
        yield frames
    finally:
        _collected.reset(token)


def frame_due(every: int) -> bool:
    """Whether a chart recorded one frame in ``every`` records this one: True outside
    ``collecting()``, else for frames ``every`` − 1, 2·``every`` − 1, … (the run's last
    figure, sent after the block, completes the even spacing)."""
    collected = _collected.get()
    return collected is None or (collected.number + 1) % max(1, every) == 0


def _frames(key: str, new: dict) -> list[dict]:
    """The figures to send for ``key``: the collected ones, then ``new``."""
    return [*st.session_state.get(FRAMES, {}).pop(key, []), new]


def live_chart(
    key: str,
    figure: Any,
    *,
    height: int | None = None,
    width: str | int = "content",
    config: dict | None = None,
) -> None:
    """Show ``figure`` in the live chart ``key``, sending only what changed (module docstring);
    inside ``collecting()``, keep it as a frame instead."""
    new = plain_figure(figure)
    collected = _collected.get()
    if collected is not None:
        collected.setdefault(key, []).append(new)
        return
    previous, updates = None if wants_full(key) else _states()[key]["figure"], []
    for frame in _frames(key, new):
        updates.append(figure_update(previous, frame))
        previous = frame
    send(key, new, {"frames": encode(updates)}, height=height, width=width, config=config)


def wants_full(key: str) -> bool:
    """Whether the next message to chart ``key`` must carry the whole figure (the first one,
    or the browser asked for it again)."""
    kept = _states().get(key)
    return kept is None or kept.get("full", False)


def send(key: str, new: dict, content: dict, *, height: int | None, width: str | int,
         config: dict | None) -> None:
    """Send ``content`` (the encoded updates) to chart ``key`` as the next revision; ``new``
    is the figure the browser shows after it. ``config`` goes with a whole figure only."""
    kept = _states().get(key)
    rev = 0 if kept is None else kept["rev"] + 1
    payload: dict[str, Any] = {**content, "rev": rev,
                               "base": None if kept is None else kept["rev"]}
    if wants_full(key):
        payload["config"] = {**DEFAULT_CONFIG, **(config or {})}
    height = height or new["layout"].get("height")
    payload["height"] = height
    if not st.session_state.get(LIB_SENT, False):
        payload["lib"] = _plotly_library()
    _component(key=key, data=payload, width=width, height=height or "content",
               on_resync_change=partial(_resync, key))
    st.session_state[LIB_SENT] = True
    _states()[key] = {**(kept or {}), "rev": rev, "figure": new, "full": False}


def frame_clock(key: str, *, running: bool, interval: float = 0.0,
                stop_on: str | None = None) -> bool:
    """While ``running``, ask for the next run once this one is drawn (module docstring);
    True in the run it asked for. A click on an element matching the CSS selector ``stop_on``
    (a Pause button) stops it in the browser at once."""
    states = _states()
    seq = states.get(key, 0) + 1
    states[key] = seq
    result = _component(key=key, data={"role": "clock", "running": running, "seq": seq,
                                       "interval": interval, "stop_on": stop_on},
                        width="stretch", height=0, on_tick_change=_ignore)
    return getattr(result, "tick", None) is not None


def shown_figure(key: str) -> dict | None:
    """The figure last sent to live chart ``key`` (``{"data", "layout"}``), or None."""
    kept = _states().get(key)
    return None if kept is None else kept["figure"]


_ignore: Callable[[], None] = lambda: None  # noqa: E731  (a trigger needs a callback)
