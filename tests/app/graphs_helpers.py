"""Shared helpers for the graph pages' AppTests: step the player, read metrics and figures."""

from __future__ import annotations

import json

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.app.apptest import _decode, figures  # noqa: F401  (figures: re-exported for the page tests)
from ui.figure_updates import encode
from ui.live_chart import STATE


def step_to(at: AppTest, key: str, position: int | None = None) -> AppTest:
    """Move the player ``key`` to ``position`` with its slider (None: to the end)."""
    slider = at.slider(key=f"{key}_position")
    return slider.set_value(slider.max if position is None else position).run()


def position(at: AppTest, key: str) -> int:
    return at.session_state[f"{key}_position"]


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric shown, label -> value."""
    return {m.label: m.value for m in at.metric}


def unpack(value: object) -> np.ndarray:
    """A figure's array (already unpacked from plotly's binary form by :func:`figures`)."""
    return np.asarray(value, dtype=float)


def live_figure(at: AppTest, key: str) -> dict:
    """The figure last sent to the live chart ``key`` (AppTest runs no JavaScript: it is read
    from the session), as JSON with arrays as lists."""
    return _decode(json.loads(json.dumps(encode(at.session_state[STATE][key]["figure"]))))


def live_keys(at: AppTest) -> list[str]:
    """The keys of the live charts (and frame clocks) the last run drew, in page order."""
    return [element.proto.id.split("-", 2)[-1] for element in at.get("bidi_component")]


def graph(at: AppTest) -> dict:
    """The step-through graph figure (the live chart ``<player>_graph`` the last run drew), as
    JSON."""
    return live_figure(at, next(key for key in live_keys(at) if key.endswith("_graph")))


def trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t.get("name") == name)


def edge_labels(figure: dict, name: str) -> list[str]:
    """The non-empty labels of the ``values`` or ``gradients`` trace."""
    return [text for text in trace(figure, name)["text"] if text]


def explanation(at: AppTest) -> str:
    """The markdown of the explanation panel (the one that names a pass)."""
    return "\n".join(m.value for m in at.markdown if "pass ·" in m.value or "ngược ·" in
                     m.value or "xuôi ·" in m.value)
