"""Train mode of the universal-approximation page: the same 1-H-1 ReLU network trained by
nncore on samples of the target, its hinges after training, and the error against the width.

Session key: ``ua_trained`` (the last trained network, with the settings it was trained for).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from nncore.approximation import (
    MAX_WIDTH,
    TARGETS,
    train_relu_sum,
    unit_curves,
    units_of,
    width_sweep,
)
from nncore.viz.approximation import hinges_figure, width_error_figure
from ui.approximation.hand import MAX_EPOCHS, STATE
from ui.i18n import t

SWEEP_WIDTHS = (2, 4, 8, 16, 32, 64)
SWEEP_EPOCHS = 800


@st.cache_data(max_entries=16, show_spinner=False)
def _sweep(target_name: str) -> list[tuple[int, float, int, float]]:
    """The width sweep of a built-in target, shared by every session (a class runs it once)."""
    rows = width_sweep(TARGETS[target_name], SWEEP_WIDTHS, SWEEP_EPOCHS)
    return [(h, shallow.rms, deep_h, deep.rms) for h, shallow, deep_h, deep in rows]


def train_mode(target: Callable[[np.ndarray], np.ndarray] | None, label: str,
               x: np.ndarray) -> None:
    if target is None:
        return
    left, middle, right = st.columns([2, 2, 1])
    width = STATE.draw("width", left.slider, t("approximation.width"), 1, MAX_WIDTH)
    epochs = STATE.draw("epochs", middle.slider, t("approximation.epochs"), 100, MAX_EPOCHS, 100)
    settings = (STATE.value("target"), label, width, epochs)
    if right.button(t("approximation.train"), key="ua_train", type="primary"):
        with st.spinner(t("approximation.training")):
            st.session_state["ua_trained"] = (settings, *train_relu_sum(target, width, epochs))
    trained = st.session_state.get("ua_trained")
    if trained is None or trained[0] != settings:
        st.info(t("approximation.press_train"))
    else:
        _show_trained(trained[1], trained[2], target, label, x)
    _sweep_panel()


def _show_trained(model, fit, target, label: str, x: np.ndarray) -> None:
    units, bias = units_of(model)
    names = [t("approximation.unit", i=i + 1) for i in range(len(units))]
    z = model.output(x[:, None])[:, 0]
    st.plotly_chart(hinges_figure(x, unit_curves(units, x), z, target(x), names, "Z(x)", label),
                    key="ua_train_chart")
    left, right = st.columns(2)
    left.metric(t("approximation.rms"), f"{fit.rms:.3f}")
    right.metric(t("approximation.score"), f"{fit.score:.0f} / 100")
    st.caption(t("approximation.trained_note", bias=f"{bias:.2f}"))


def _sweep_panel() -> None:
    name = STATE.value("target")
    st.subheader(t("approximation.sweep_title"))
    if name not in TARGETS:
        st.caption(t("approximation.sweep_builtin_only"))
        return
    if st.button(t("approximation.sweep_run"), key="ua_sweep"):
        with st.spinner(t("approximation.training")):
            st.session_state["ua_sweep_rows"] = (name, _sweep(name))
    kept = st.session_state.get("ua_sweep_rows")
    if kept is None or kept[0] != name:
        return
    rows = kept[1]
    widths = [r[0] for r in rows]
    figure = width_error_figure(widths, [r[1] for r in rows], [r[3] for r in rows],
                                (t("approximation.shallow"), t("approximation.deep")),
                                t("approximation.width"), t("approximation.rms"))
    st.plotly_chart(figure, key="ua_sweep_chart")
    st.table([{t("approximation.width"): h, t("approximation.shallow"): f"{a:.4f}",
               "h": dh, t("approximation.deep"): f"{b:.4f}"} for h, a, dh, b in rows])
