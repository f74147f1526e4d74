"""Helpers for the training pages' AppTests: open a page cleanly, read the epoch counter, a
chart's figure, what a live chart was sent, and the element protos of a run."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.apptest import _decode, open_page
from ui.figure_updates import encode
from ui.live_chart import STATE


def open_clean(path: str, query: dict[str, str] | None = None) -> AppTest:
    """The page, run once, with no exception."""
    at = open_page(path, query=query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def epoch(at: AppTest) -> int:
    """The value of the "Epoch" metric."""
    return int(next(m.value for m in at.metric if m.label == "Epoch"))


def chart(at: AppTest, key: str) -> dict:
    """The figure (data, layout; arrays as lists) of the plotly chart with element key
    ``key``: a live chart's last figure (``ui.live_chart``, AppTest runs no JavaScript), else
    an ``st.plotly_chart``'s."""
    live = at.session_state[STATE].get(key) if STATE in at.session_state else None
    if live is not None:
        return _decode(json.loads(json.dumps(encode(live["figure"]))))
    return next(_decode(json.loads(c.proto.spec)) for c in at.get("plotly_chart")
                if c.proto.id.endswith(key))


def payload(at: AppTest, key: str) -> dict:
    """What the live chart (or frame clock) ``key`` was sent in the last run, as JSON."""
    element = next(e for e in at.get("bidi_component") if e.key == key)
    proto = element.proto
    return json.loads(proto.json if proto.WhichOneof("data") == "json" else proto.mixed.json)


def element_protos(at: AppTest) -> list[bytes]:
    """Every element of the last run, serialised as Streamlit hashes it for its message
    cache."""
    found: list[bytes] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            found.append(proto.SerializeToString(deterministic=True))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found
