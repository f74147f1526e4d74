"""Shared helpers for the graph pages' AppTests: step the player, read metrics and figures."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.app.apptest import figures


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


def graph(at: AppTest) -> dict:
    """The step-through graph figure (the first chart), as JSON."""
    return figures(at)[0]


def trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t.get("name") == name)


def edge_labels(figure: dict, name: str) -> list[str]:
    """The non-empty labels of the ``values`` or ``gradients`` trace."""
    return [text for text in trace(figure, name)["text"] if text]


def explanation(at: AppTest) -> str:
    """The markdown of the explanation panel (the one that names a pass)."""
    return "\n".join(m.value for m in at.markdown if "pass ·" in m.value or "ngược ·" in
                     m.value or "xuôi ·" in m.value)
