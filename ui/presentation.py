"""Presentation mode (``?present=1`` or the sidebar's toggle): the app on a projector.

Every text is drawn 1.5× larger (the page's root font size, which Streamlit's sizes are
relative to), the main column takes the whole width with less padding, the sidebar is
collapsed (``configure_app``) and the pages' introductions are folded (``page_header``).
Charts are drawn by plotly in pixels, so a page passes its main figure through
:func:`present_figure`: fonts and markers 1.5×, and a height that leaves the player's controls
on the same 1280×720 screen as the chart.

The choice is kept in the session (``present``) and in the URL (``present=1``), like the
language, so a link opens in presentation mode.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.i18n import t

PRESENT_KEY = "present"
SCALE = 1.5  # text and chart fonts, against the normal size
CHART_HEIGHT = 330  # px: the chart, with the player's controls above it, fits 1280×720
TRUE_WORDS = ("1", "true", "yes", "on")

_STYLE = """
<style>
html { font-size: %(root)gpx; }
[data-testid="stHeader"] { height: 2.5rem; background: transparent; }
[data-testid="stMainBlockContainer"] {
  max-width: none; padding: 2.75rem 1.5rem 3rem 1.5rem;
}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p, [data-testid="stCaptionContainer"] {
  font-size: 1rem;
}
[data-testid="stHeadingWithActionElements"] h1 { font-size: 2rem; padding: 0 0 0.25rem 0; }
[data-testid="stMetricValue"] { font-size: 1.6rem; }
</style>
"""


def presenting() -> bool:
    """Whether the session is in presentation mode (before the toggle is drawn: the URL)."""
    if PRESENT_KEY in st.session_state:
        return bool(st.session_state[PRESENT_KEY])
    return str(st.query_params.get(PRESENT_KEY, "")).lower() in TRUE_WORDS


def presentation_toggle(where: DeltaGenerator) -> bool:
    """The "Presentation mode" toggle (in ``where``), kept in the session and in the URL."""
    if PRESENT_KEY not in st.session_state:  # a new session: from the URL
        st.session_state[PRESENT_KEY] = presenting()
    on = where.toggle(t("presentation.toggle"), key=PRESENT_KEY, help=t("presentation.help"))
    if on and st.query_params.get(PRESENT_KEY) != "1":
        st.query_params[PRESENT_KEY] = "1"
    elif not on and PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]
    return on


def leave_presentation() -> None:
    """Callback of the main area's "Leave presentation mode" button."""
    st.session_state[PRESENT_KEY] = False


def presentation_style() -> None:
    """The projector's style sheet, when presenting (no space taken on the page)."""
    if presenting():
        st.html(_STYLE % {"root": 16 * SCALE})


def _scale(node: Any, factor: float, parent: str = "") -> Any:
    """Font sizes, marker sizes and arrow stand-offs of a figure's JSON, times ``factor``."""
    if isinstance(node, list):
        return [_scale(item, factor, parent) for item in node]
    if not isinstance(node, dict):
        return node
    scaled = {}
    for name, value in node.items():
        sized = name == "size" and (parent.endswith("font") or parent == "marker")
        if (sized or name in ("standoff", "startstandoff")) and value is not None:
            scaled[name] = ([v * factor for v in value] if isinstance(value, list | tuple)
                            else value * factor)
        else:
            scaled[name] = _scale(value, factor, name)
    return scaled


def present_figure(figure: go.Figure | dict, *, height: int | None = CHART_HEIGHT
                   ) -> go.Figure | dict:
    """``figure`` (a figure or its ``{"data", "layout"}`` dict) as the projector needs it when
    presenting: fonts and markers ×1.5, the given ``height`` (None keeps the figure's own);
    else ``figure`` itself. A dict comes back as a dict."""
    if not presenting():
        return figure
    source = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    data = _scale(dict(source), SCALE)
    layout = data.setdefault("layout", {})
    font = layout.setdefault("font", {})
    font["size"] = font.get("size") or 12 * SCALE
    if height is not None:
        layout["height"] = height
    return go.Figure(data) if isinstance(figure, go.Figure) else data
