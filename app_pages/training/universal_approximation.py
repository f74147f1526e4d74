"""Universal approximation: a sum of ReLU hinges follows any curve (003), by hand or trained."""

import numpy as np
import streamlit as st

from nncore.approximation import X_RANGE, fit_quality, relu_sum, samples, unit_curves
from nncore.viz.approximation import hinges_figure
from ui.approximation.hand import STATE, hand_units, target_picker
from ui.approximation.train import train_mode
from ui.classroom import classroom_panel
from ui.i18n import t
from ui.layout import page_header

page_header("universal_approximation")
STATE.restore()
target, target_label = target_picker()
mode = STATE.draw("mode", st.radio, t("approximation.mode"), ["hand", "train"], horizontal=True,
                  format_func=lambda m: t(f"approximation.mode_{m}"))
x = np.linspace(*X_RANGE, 401)
if mode == "hand":
    units = hand_units()
    STATE.save()
    goal = None if target is None else target(x)
    names = [t("approximation.unit", i=i + 1) for i in range(len(units))]
    st.plotly_chart(hinges_figure(x, unit_curves(units, x), relu_sum(units, x), goal, names,
                                  "Z(x)", target_label), key="ua_hand_chart")
    if target is not None:
        xs, ys = samples(target)
        fit = fit_quality(relu_sum(units, xs), ys)
        left, right = st.columns(2)
        left.metric(t("approximation.rms"), f"{fit.rms:.3f}")
        right.metric(t("approximation.score"), f"{fit.score:.0f} / 100")
        st.caption(t("approximation.score_help"))
else:
    train_mode(target, target_label, x)
    STATE.save()
classroom_panel(STATE)
