"""The gradient-check panel: backprop's gradient of every weight and bias next to the numerical
one, with the relative error (001: "check implementation with numerical gradient").

The numbers are :func:`nncore.gradcheck.check_model`'s, run by the engine on the network
before the update; :func:`nncore.mlp_step.agrees` decides what counts as agreeing.
"""

from __future__ import annotations

import re

import numpy as np
import streamlit as st

from nncore.gradcheck import GradCheck
from nncore.mlp_step import StepTrace, agrees
from nncore.viz.step_notation import sup
from ui.i18n import t


def parameter_symbol(name: str) -> str:
    """``"W2"`` → ``W⁽²⁾``."""
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", name)
    return f"{match[1]}{sup(int(match[2]))}" if match else name


def _summary_row(name: str, check: GradCheck) -> dict[str, str]:
    difference = np.abs(check.analytic - check.numeric)
    return {t("mlp_step.check.parameter"): parameter_symbol(name),
            t("mlp_step.check.shape"): "×".join(str(n) for n in check.analytic.shape),
            t("mlp_step.check.largest"): f"{np.abs(check.analytic).max():.3g}",
            t("mlp_step.check.rel_error"): f"{check.max_error:.1e}",
            t("mlp_step.check.difference"): f"{difference.max():.1e}",
            t("mlp_step.check.verdict"): t("mlp_step.check.yes") if agrees(check).all()
            else t("mlp_step.check.no")}


def _entries(name: str, check: GradCheck) -> list[dict[str, str]]:
    rows = []
    for index in np.ndindex(check.analytic.shape):
        entry = ",".join(str(i + 1) for i in index)
        rows.append({t("mlp_step.check.entry"): f"{parameter_symbol(name)}[{entry}]",
                     t("mlp_step.check.backprop"): f"{check.analytic[index]:.8f}",
                     t("mlp_step.check.numeric"): f"{check.numeric[index]:.8f}",
                     t("mlp_step.check.entry_error"): f"{check.rel_error[index]:.1e}"})
    return rows


def gradient_check_panel(key: str, trace: StepTrace) -> None:
    """A summary per parameter, then every entry of the parameter chosen (widget
    ``{key}_check_param``)."""
    st.header(t("mlp_step.check.title"))
    st.markdown(t("mlp_step.check.intro"))
    checks = {name: check for name, check in (trace.checks or {}).items() if name != "X"}
    if not checks:
        return
    if all(agrees(check).all() for check in checks.values()):
        worst = max(check.max_error for check in checks.values())
        count = sum(check.analytic.size for check in checks.values())
        st.success(t("mlp_step.check.all_agree", count=count, error=f"{worst:.1e}"),
                   icon=":material/check_circle:")
    else:
        st.error(t("mlp_step.check.some_disagree"), icon=":material/error:")
    summary, detail = st.columns([3, 2])
    with summary:
        st.table([_summary_row(name, check) for name, check in checks.items()],
                 border="horizontal")
        st.caption(t("mlp_step.check.tiny"))
    with detail:
        name = st.selectbox(t("mlp_step.check.detail"), list(checks), key=f"{key}_check_param",
                            format_func=parameter_symbol)
        st.dataframe(_entries(name, checks[name]), hide_index=True, height=320)
