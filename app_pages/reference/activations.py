"""Reference: every activation of the course, f and f′ side by side, and why sigmoids vanish."""

import numpy as np
import streamlit as st

from nncore.layers import ACTIVATIONS
from nncore.layers.profile import activation_profile
from nncore.viz.functions import function_figure
from ui.i18n import t
from ui.layout import fmt, page_header

# The activations the page offers, in the course's order; each formula is the layer's own
# ``LATEX`` (nncore/layers/activations.py), written once next to its forward and backward.
SHOWN = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "sign")
WITH_ALPHA = {"leaky_relu", "elu"}

page_header("activations")

chosen = st.multiselect(t("activations.choose"), list(SHOWN),
                        default=["sigmoid", "tanh", "relu"],
                        format_func=lambda name: t(f"activations.name.{name}"), key="act_choice")
left, middle, right = st.columns(3)
low, high = left.slider(t("activations.range"), -10.0, 10.0, (-6.0, 6.0), 0.5, key="act_range")
alpha = middle.slider(t("activations.alpha"), 0.01, 1.0, 0.1, 0.01, key="act_alpha")
depth = right.slider(t("activations.depth"), 1, 50, 10, key="act_depth")

if not chosen:
    st.info(t("activations.none_chosen"))
    st.stop()
if high <= low:
    st.warning(t("activations.empty_range"))
    st.stop()

z = np.linspace(low, high, 801)
profiles = [activation_profile(name, z, **({"alpha": alpha} if name in WITH_ALPHA else {}))
            for name in chosen]
names = {p.name: t(f"activations.name.{p.name}") for p in profiles}
plot_f, plot_df = st.columns(2)
plot_f.plotly_chart(function_figure(z, {names[p.name]: p.value for p in profiles},
                                  t("activations.f_title")), key="act_f")
plot_df.plotly_chart(function_figure(z, {names[p.name]: p.derivative for p in profiles
                                       if p.derivative is not None},
                                   t("activations.df_title")), key="act_df")

st.header(t("activations.table_title"))
st.markdown(t("activations.table_intro", depth=depth))
st.table([
    {
        t("activations.col_name"): names[p.name],
        t("activations.col_max"): fmt(p.max_derivative, 3) if p.derivative is not None
        else t("activations.no_gradient"),
        t("activations.col_bound", depth=depth): f"{p.gradient_bound(depth):.3g}"
        if p.derivative is not None else "—",
    }
    for p in profiles
], hide_index=True)
for p in profiles:
    with st.container(border=True):
        st.markdown(f"**{names[p.name]}** — {t(f'activations.note.{p.name}')}")
        formula = ACTIVATIONS[p.name].LATEX
        if formula:
            st.latex(formula)
