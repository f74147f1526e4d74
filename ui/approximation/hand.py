"""The settings of the universal-approximation page (kept in the URL), the target to
approximate and the hand-set hinges.

Widget keys are ``ua_<setting>``: ``ua_target``, ``ua_expr`` (the typed target), ``ua_mode``,
``ua_units`` (how many hinges), ``ua_w_<i>``, ``ua_b_<i>``, ``ua_v_<i>`` (unit i's weight,
bias and output weight; the URL group ``units``), ``ua_width`` and ``ua_epochs`` (train mode).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from nncore.approximation import (
    COURSE_UNITS,
    MAX_UNITS,
    MAX_WIDTH,
    TARGETS,
    ReluUnit,
    target_from_expression,
)
from nncore.errors import CodedError
from ui.i18n import t
from ui.messages import show_error
from ui.url_state import Setting, UrlState, hidden

TARGET_CHOICES = (*TARGETS, "typed")
MAX_EPOCHS = 5000
# (name, lowest, highest) of a unit's three sliders
UNIT_SLIDERS = (("w", -6.0, 6.0), ("b", -8.0, 8.0), ("v", -3.0, 3.0))
Target = Callable[[np.ndarray], np.ndarray]


def _default_unit(i: int) -> ReluUnit:
    return COURSE_UNITS[i] if i < len(COURSE_UNITS) else ReluUnit(1.0, 0.0, 0.0)


STATE = UrlState("ua", (
    Setting("target", "course", choices=TARGET_CHOICES, label="approximation.target"),
    Setting("expr", "x*x - 1", max_length=200, label="approximation.expression_short"),
    Setting("mode", "hand", choices=("hand", "train"), label="approximation.mode"),
    Setting("units", len(COURSE_UNITS), 1, MAX_UNITS, label="approximation.units"),
    *(Setting(f"{name}_{i}", getattr(_default_unit(i), name), low, high, step=0.1,
              group="weights", label="approximation.unit_sliders")
      for i in range(MAX_UNITS) for name, low, high in UNIT_SLIDERS),
    Setting("width", 8, 1, MAX_WIDTH, label="approximation.width"),
    Setting("epochs", 1500, 100, MAX_EPOCHS, step=100, label="approximation.epochs"),
))


def target_picker() -> tuple[Target | None, str]:
    """The target function chosen (None when a typed one is refused, with the reason shown)."""
    left, right = st.columns([1, 2])
    with left:
        name = STATE.select("target", t("approximation.target"), names="approximation.targets")
    if name != "typed":
        return TARGETS[name], t(f"approximation.targets.{name}")
    with right:
        text = STATE.draw("expr", st.text_input, t("approximation.expression"), max_chars=200)
        try:
            return target_from_expression(text), text
        except CodedError as error:
            show_error(error, wrap="approximation.bad_target")
            return None, text


def _load_course_units() -> None:
    st.session_state[STATE.key("units")] = len(COURSE_UNITS)
    for i, unit in enumerate(COURSE_UNITS):
        for name, _, _ in UNIT_SLIDERS:
            st.session_state[STATE.key(f"{name}_{i}")] = getattr(unit, name)


def hand_units() -> list[ReluUnit]:
    """Sliders for each unit's w, b and v; they start at 003's six ReLUs (a button brings them
    back)."""
    left, right = st.columns([3, 1])
    count = STATE.draw("units", left.slider, t("approximation.units"), 1, MAX_UNITS)
    if not hidden(STATE, "weights"):
        right.button(t("approximation.course_preset"), key="ua_preset",
                     on_click=_load_course_units)
    units = [ReluUnit(*(STATE.value(f"{name}_{i}") for name, _, _ in UNIT_SLIDERS))
             for i in range(count)]
    if not hidden(STATE, "weights"):
        with st.expander(t("approximation.unit_sliders"), expanded=True):
            units = [_unit_sliders(i) for i in range(count)]
    st.latex(r"Z(x) = " + " ".join(f"{u.v:+.1f}\\,\\mathrm{{ReLU}}({u.w:.1f}x {u.b:+.1f})"
                                    for u in units))
    return units


def _unit_sliders(i: int) -> ReluUnit:
    cols = st.columns([1, 3, 3, 3])
    cols[0].markdown(f"**n{i + 1}**")
    values = [col.slider(name, low, high, step=0.1, key=STATE.key(f"{name}_{i}"))
              for col, (name, low, high) in zip(cols[1:], UNIT_SLIDERS, strict=True)]
    return ReluUnit(*values)
