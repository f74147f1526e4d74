"""Training networks: the 2-D playground (after TensorFlow Playground, with softmax for several
classes, optimizers, cross-entropy, accuracy, a confusion matrix, your own data and gradients).

Settings in the sidebar (kept in the URL), Play/Pause/Step/Reset above the live views: the
decision boundary, the network, the learning curves; after training the evaluation (000 §2).
"""

import streamlit as st

from nncore.experiment import Experiment
from ui.classroom import classroom_panel, player_only
from ui.downloads import experiment_downloads
from ui.i18n import t
from ui.layout import page_header
from ui.live_chart import frame_due
from ui.test_set import test_set_panel
from ui.training.hidden_space_view import hidden_space_chart, hidden_space_section
from ui.training.live_views import (
    SIDE_VIEWS_EVERY,
    boundary_chart,
    curves_chart,
    divergence_notice,
    evaluation_panel,
    metrics_row,
    network_chart,
)
from ui.training.loop import (
    experiment_for,
    is_playing,
    live_training,
    training_controls,
    training_speed,
)
from ui.training.playground_settings import STATE, settings_sidebar
from ui.training.regression_views import (
    metric_items,
    prediction_chart,
    r2_panel,
    regression_evaluation,
)

KEY = "pg"

page_header("playground")
choice = settings_sidebar()

if choice.data.problem:
    st.error(choice.data.problem, icon=":material/error:")
elif choice.data.make_data is None:
    regress = STATE.value("task") == "regress"
    st.info(t("regression.no_data" if regress else "playground.no_data"),
            icon=":material/upload_file:")
else:
    experiment = experiment_for(KEY, choice.data.source, choice.data.make_data,
                                choice.network, choice.training)
    controls, edges = st.columns([3, 2], vertical_alignment="center")
    with controls:
        training_controls(KEY)
    with edges:
        STATE.draw("edges", st.radio, t("playground.edges"), STATE.spec("edges").choices,
                   format_func=lambda kind: t(f"playground.edge_kinds.{kind}"), horizontal=True)
    loss = (t(f"regression.losses.{choice.network.loss}") if experiment.is_regression
            else t(f"training.losses.{choice.network.head}"))
    st.caption(t("playground.summary_line", loss=loss,
                 optimizer=t(f"training.optimizers.{choice.training.optimizer}"),
                 params=experiment.model.num_params()))

    def network(exp: Experiment) -> None:
        network_chart(KEY, exp, gradients=choice.gradients, playing=is_playing(KEY))

    def charts(exp: Experiment) -> None:
        """The live charts only: a frame while playing (``live_training``'s snapshot); the
        views beside the boundary in one frame out of SIDE_VIEWS_EVERY (they cost more to
        record than they add to what is seen)."""
        regression = exp.is_regression
        if regression:
            prediction_chart(KEY, exp)
        else:
            boundary_chart(KEY, exp)
        if frame_due(SIDE_VIEWS_EVERY):
            network(exp)
            hidden_space_chart(KEY, exp, hint=False)
            curves_chart(KEY, exp, metric=r2_panel(exp) if regression else None)

    def render(exp: Experiment) -> None:
        regression = exp.is_regression
        metrics_row(KEY, exp, training_speed(KEY), metric_items(exp) if regression else None)
        divergence_notice(exp)
        boundary_col, network_col = st.columns([1, 1])
        with boundary_col:
            if regression:
                prediction_chart(KEY, exp)
            else:
                boundary_chart(KEY, exp)
        with network_col:
            network(exp)
            st.caption(t("playground.network_note"))
        hidden_space_section(KEY, exp)
        curves_chart(KEY, exp, metric=r2_panel(exp) if regression else None)
        if is_playing(KEY):
            st.caption(t("playground.evaluation_while_playing"))
        elif exp.epoch > 0:
            st.subheader(t("playground.evaluation_title"))
            if regression:
                regression_evaluation(exp)
                return
            evaluation_panel(KEY, exp)
            test_set_panel(KEY, exp)

    live_training(KEY, render, snapshot=charts, max_epochs=choice.speed or None)
    player_only(STATE)
    experiment_downloads(KEY, experiment, "playground")

classroom_panel(STATE)
