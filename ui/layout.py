"""Page furniture shared by every page: page config, header, number formatting."""

from __future__ import annotations

import numpy as np
import streamlit as st

from ui.i18n import t
from ui.lesson_link import hides_all
from ui.presentation import presenting

# Plotly's config for every chart: no mode bar, no zooming by the mouse wheel.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False}


def configure_app() -> None:
    """Once per run, in the router: wide layout (graphs and boundaries need the width); the
    sidebar starts collapsed in presentation mode."""
    st.set_page_config(page_title="Backprop Lab", page_icon=":material/hub:", layout="wide",
                       initial_sidebar_state="collapsed" if presenting() else "auto")


def page_header(slug: str) -> None:
    """Title, one-paragraph introduction and the course document the page follows; in
    presentation mode the introduction is folded, and a view that hides every control
    (``hide=all``) shows the title only."""
    st.title(t(f"page.{slug}.title"))
    if hides_all():
        return
    if presenting():
        with st.expander(t("presentation.intro"), icon=":material/info:"):
            st.markdown(t(f"page.{slug}.intro"))
            st.caption(t("common.follows", source=t(f"page.{slug}.source")))
        return
    st.markdown(t(f"page.{slug}.intro"))
    st.caption(t("common.follows", source=t(f"page.{slug}.source")))


def fmt(value: float | np.ndarray, decimals: int = 2) -> str:
    """Numbers as the slides print them: fixed decimals, no ``-0.00``; arrays as nested lists."""
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return "[" + ", ".join(fmt(v, decimals) for v in value) + "]"
    number = float(value)
    text = f"{number:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text
