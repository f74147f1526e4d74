"""Reference: every activation of the course, f and f′ side by side, and why sigmoids vanish.

Every control is kept in the URL (``?show=sigmoid,relu&low=-4&high=4&alpha=0.2&depth=20``),
validated like widget input, and can be hidden by a lesson link (``hide=show,range,alpha,depth``).
"""

import numpy as np
import streamlit as st

from nncore.layers import ACTIVATIONS
from nncore.layers.profile import ActivationProfile, activation_profile
from nncore.viz.functions import function_figure
from ui.classroom import classroom_panel
from ui.i18n import t
from ui.layout import fmt, page_header
from ui.messages import literal
from ui.url_state import NamesSetting, Setting, UrlState, hidden

# The activations the page offers, in the course's order; each formula is the layer's own
# ``LATEX`` (nncore/layers/activations.py), written once next to its forward and backward.
SHOWN = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "sign")
WITH_ALPHA = {"leaky_relu", "elu"}
CHOICE_KEY, RANGE_KEY = "act_choice", "act_range"  # the widgets holding a list and a pair


STATE = UrlState("act", (
    NamesSetting("show", "sigmoid,tanh,relu", label="activations.choose", names=SHOWN),
    Setting("low", -6.0, -10.0, 10.0, step=0.5, label="activations.range", group="range"),
    Setting("high", 6.0, -10.0, 10.0, step=0.5, label="activations.range", group="range"),
    Setting("alpha", 0.1, 0.01, 1.0, step=0.01, label="activations.alpha"),
    Setting("depth", 10, 1, 50, label="activations.depth"),
))


def restore() -> None:
    """The settings from the link (or from the last visit); a range given backwards
    (``low=5&high=-5``) is turned around, with a notice."""
    STATE.restore()
    low, high = STATE.value("low"), STATE.value("high")
    if low > high:
        st.session_state[STATE.key("low")], st.session_state[STATE.key("high")] = high, low
        st.warning(t("classroom.url_notice", items=t(
            "activations.url_range_swapped", given=literal(f"low={low:g}&high={high:g}"),
            value=literal(f"low={high:g}&high={low:g}"))), icon=":material/link_off:")


def controls() -> tuple[list[str], float, float, float, int]:
    """The chosen activations, the range of z, α and the depth L; a control hidden by the
    link (``hide=``) is not drawn and keeps the link's value."""
    chosen = [name for name in str(STATE.value("show")).split(",") if name in SHOWN]
    if not hidden(STATE, "show"):
        st.session_state.setdefault(CHOICE_KEY, chosen)
        chosen = st.multiselect(t("activations.choose"), list(SHOWN), key=CHOICE_KEY,
                                format_func=lambda name: t(f"activations.name.{name}"))
        st.session_state[STATE.key("show")] = ",".join(chosen)
    left, middle, right = st.columns(3)
    low, high = STATE.value("low"), STATE.value("high")
    if not hidden(STATE, "range"):
        st.session_state.setdefault(RANGE_KEY, (low, high))
        low, high = left.slider(t("activations.range"), -10.0, 10.0, step=0.5, key=RANGE_KEY)
        st.session_state[STATE.key("low")], st.session_state[STATE.key("high")] = low, high
    alpha = STATE.draw("alpha", middle.slider, t("activations.alpha"), 0.01, 1.0, step=0.01)
    depth = STATE.draw("depth", right.slider, t("activations.depth"), 1, 50)
    return chosen, float(low), float(high), float(alpha), int(depth)


def curves(profiles: list[ActivationProfile], z: np.ndarray, names: dict[str, str]) -> None:
    plot_f, plot_df = st.columns(2)
    plot_f.plotly_chart(function_figure(z, {names[p.name]: p.value for p in profiles},
                                        t("activations.f_title")), key="act_f")
    plot_df.plotly_chart(function_figure(z, {names[p.name]: p.derivative for p in profiles
                                             if p.derivative is not None},
                                         t("activations.df_title")), key="act_df")


def vanishing_table(profiles: list[ActivationProfile], names: dict[str, str],
                    depth: int) -> None:
    """max f′ and (max f′)^L for each activation, then each one's note and formula."""
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


page_header("activations")
restore()
chosen, low, high, alpha, depth = controls()
STATE.save()

if not chosen:
    st.info(t("activations.none_chosen"))
elif high <= low:
    st.warning(t("activations.empty_range"))
else:
    z = np.linspace(low, high, 801)
    profiles = [activation_profile(name, z, **({"alpha": alpha} if name in WITH_ALPHA else {}))
                for name in chosen]
    names = {p.name: t(f"activations.name.{p.name}") for p in profiles}
    curves(profiles, z, names)
    vanishing_table(profiles, names, depth)
classroom_panel(STATE)
