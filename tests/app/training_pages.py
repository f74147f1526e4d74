"""Helpers for the training pages' AppTests: open a page cleanly, read the epoch counter and a
chart's figure."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.apptest import open_page


def open_clean(path: str, query: dict[str, str] | None = None) -> AppTest:
    """The page, run once, with no exception."""
    at = open_page(path, query=query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def epoch(at: AppTest) -> int:
    """The value of the "Epoch" metric."""
    return int(next(m.value for m in at.metric if m.label == "Epoch"))


def chart(at: AppTest, key: str) -> dict:
    """The figure (data, layout) of the plotly chart with element key ``key``."""
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if c.proto.id.endswith(key))
