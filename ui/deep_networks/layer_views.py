"""The per-layer views of the deep-networks page: ‖∂L/∂W⁽ˡ⁾‖ of every layer beside the bound
m^(L − l), and the distribution of every layer's activations, measured by
:func:`nncore.layer_stats.backward_stats` on the training set after the last update."""

from __future__ import annotations

import streamlit as st

from nncore.deep_networks import depth_bound
from nncore.experiment import Experiment
from nncore.layer_stats import BackwardStats, backward_stats
from nncore.viz.deep_networks import activations_figure, gradient_norms_figure
from ui.i18n import t
from ui.live_chart import live_chart


def measure(experiment: Experiment) -> BackwardStats:
    data = experiment.data
    return backward_stats(experiment.model, data.X_train, data.y_train)


def layer_views(experiment: Experiment, activation: str) -> BackwardStats:
    """Both charts (updated in place while training) and the first/last ratio in words."""
    stats = measure(experiment)
    norms = stats.grad_norms()
    bound = depth_bound(activation, len(norms))
    gradients, activations = st.columns(2)
    with gradients:
        st.markdown(f"**{t('deep.gradients_title')}**")
        live_chart("deep_gradients", gradient_norms_figure(
            norms, bound, (t("deep.measured"), t("deep.bound")), t("deep.grad_axis")),
            width="stretch")
    with activations:
        st.markdown(f"**{t('deep.activations_title')}**")
        live_chart("deep_activations", activations_figure(stats.activations[:-1],
                                                          t("deep.activation_axis")),
                   width="stretch")
    ratio = norms[0] / norms[-1] if norms[-1] else float("nan")
    st.metric(t("deep.ratio"), f"{ratio:.2e}")
    st.caption(t("deep.ratio_help", layers=len(norms)))
    return stats
