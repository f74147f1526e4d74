"""Training networks: XOR (004, 003). One perceptron learns AND and OR but cycles on XOR; a
hidden layer fixes it, first with 004's hand-set sign network, then trained by backprop."""

import streamlit as st

from nncore.data import LOGIC_GATES
from nncore.experiment import LEARNING_RATES, Experiment
from ui.i18n import t
from ui.layout import page_header
from ui.training_loop import experiment_for, live_training, training_controls
from ui.training_view import boundary_chart, curves_chart, divergence_notice, metrics_row
from ui.url_state import Setting, UrlState
from ui.xor_views import (
    corner_names,
    hidden_space_chart,
    mlp_settings,
    perceptron_section,
    sign_network_section,
    xor_data,
)

KEY = "xor"
STUCK_AFTER = 3000  # epochs without reaching 100 % accuracy: call it stuck
STATE = UrlState(KEY, (
    Setting("gate", "xor", choices=tuple(g for g in LOGIC_GATES if g in ("and", "or", "xor"))),
    Setting("hidden", 2, 2, 8),
    Setting("lr", 1.0, choices=LEARNING_RATES),
    Setting("seed", 0, 0, 9999),
))


def new_initialisation() -> None:
    key = STATE.key("seed")
    st.session_state[key] = (int(st.session_state[key]) + 1) % 10_000


page_header("xor")
STATE.restore()

st.header(t("xor.pla_title"))
st.markdown(t("xor.pla_intro"))
gate = st.radio(t("xor.gate"), STATE.spec("gate").choices, key=STATE.key("gate"),
                format_func=lambda g: g.upper(), horizontal=True)
perceptron_section(gate)

st.header(t("xor.sign_title"))
st.markdown(t("xor.sign_intro"))
sign_network_section()

st.header(t("xor.mlp_title"))
st.markdown(t("xor.mlp_intro"))
hidden_col, lr_col, seed_col, new_col = st.columns([2, 3, 2, 2], vertical_alignment="bottom")
hidden = hidden_col.slider(t("xor.hidden_size"), 2, 8, key=STATE.key("hidden"))
with lr_col:
    lr = STATE.select("lr", t("training.lr"), slider=True, help=t("training.lr_help"))
seed = seed_col.number_input(t("xor.seed"), 0, 9999, key=STATE.key("seed"))
new_col.button(t("xor.new_init"), key="xor_new_init", on_click=new_initialisation,
               icon=":material/casino:", width="stretch", help=t("xor.new_init_help"))
STATE.save()

network, training = mlp_settings(int(hidden), float(lr), int(seed))
experiment_for(KEY, "xor-points", xor_data, network, training)
training_controls(KEY)


def render(experiment: Experiment) -> None:
    metrics_row(KEY, experiment)
    divergence_notice(experiment)
    plane, space = st.columns(2)
    with plane:
        boundary_chart(KEY, experiment, point_text=corner_names(experiment.data.X_train),
                       size=480)
    with space:
        hidden_space_chart(experiment)
    history = experiment.history
    if experiment.epoch >= STUCK_AFTER and history.train_metric[-1] < 1.0:
        st.warning(t("xor.stuck", epochs=experiment.epoch, loss=f"{history.train_loss[-1]:.3f}"))
    elif history.epochs and history.train_metric[-1] == 1.0:
        st.success(t("xor.solved", epochs=history.train_metric.index(1.0) + 1))
    curves_chart(KEY, experiment, height=280)


live_training(KEY, render, epochs_per_tick=25)
