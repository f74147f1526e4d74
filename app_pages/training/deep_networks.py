"""Deep networks: the gradient of every layer while a deep network trains on the spiral, and
why the activation and the initialisation decide whether the first layers learn (002, 003)."""

import streamlit as st

from nncore.data.plane import DataSettings, make_plane_data
from nncore.deep_networks import network_settings
from nncore.experiment import Experiment, TrainingSettings
from ui.classroom import classroom_panel
from ui.deep_networks.layer_views import layer_views
from ui.deep_networks.settings import STATE, preset_buttons, settings_row
from ui.i18n import t
from ui.layout import page_header
from ui.training.live_views import curves_chart, divergence_notice, metrics_row
from ui.training.loop import experiment_for, live_training, training_controls, training_speed

KEY = "deep"
DATA = DataSettings(dataset="spiral", classes=2, points=100)

page_header("deep_networks")
STATE.restore()
preset_buttons()
settings_row()
STATE.save()
values = STATE.values()
network = network_settings(values["depth"], values["width"], values["activation"], values["init"])
training = TrainingSettings(optimizer="sgd", lr=values["lr"], batch_size=None)
experiment_for(KEY, DATA, lambda: make_plane_data(DATA), network, training)
training_controls(KEY)


def render(exp: Experiment) -> None:
    metrics_row(KEY, exp, training_speed(KEY))
    notices = st.container()
    with notices:
        divergence_notice(exp)
    layer_views(exp, values["activation"])
    curves_chart(KEY, exp)


live_training(KEY, render)
st.info(t("deep.lesson"), icon=":material/lightbulb:")
classroom_panel(STATE)
