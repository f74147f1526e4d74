"""Training networks: XOR (004, 003). One perceptron learns AND and OR but cycles on XOR; a
hidden layer fixes it, first with 004's hand-set sign network, then trained by backprop."""

import streamlit as st

from nncore.choices import LEARNING_RATES
from nncore.data import LOGIC_GATES
from nncore.experiment import Experiment
from ui.classroom import classroom_panel, player_only
from ui.downloads import experiment_downloads
from ui.i18n import t
from ui.layout import page_header
from ui.training.live_views import boundary_chart, curves_chart, divergence_notice, metrics_row
from ui.training.loop import experiment_for, live_training, training_controls, training_speed
from ui.training.xor_views import (
    corner_names,
    hidden_space_chart,
    hidden_space_note,
    mlp_settings,
    perceptron_section,
    sign_network_section,
    xor_data,
)
from ui.url_state import Setting, UrlState, hidden, hides_all

KEY = "xor"
STUCK_AFTER = 3000  # epochs without reaching 100 % accuracy: call it stuck
EPOCHS_PER_FRAME = 10  # at most, so that the four points visibly travel (~300 epochs/s)
CURVES_HEIGHT = 280
STATE = UrlState(KEY, (
    Setting("gate", "xor", choices=tuple(g for g in LOGIC_GATES if g in ("and", "or", "xor")),
            label="xor.gate"),
    Setting("hidden", 2, 2, 8, label="xor.hidden_size"),
    Setting("lr", 1.0, choices=LEARNING_RATES, label="training.lr"),
    Setting("seed", 0, 0, 9999, label="xor.seed"),
))


def new_initialisation() -> None:
    key = STATE.key("seed")
    st.session_state[key] = (int(st.session_state[key]) + 1) % 10_000


page_header("xor")
STATE.restore()

if not hides_all():  # hide=all: the trained MLP and its Play/Pause only
    st.header(t("xor.pla_title"))
    st.markdown(t("xor.pla_intro"))
    gate = STATE.draw("gate", st.radio, t("xor.gate"), STATE.spec("gate").choices,
                      format_func=lambda g: g.upper(), horizontal=True)
    perceptron_section(gate)

    st.header(t("xor.sign_title"))
    st.markdown(t("xor.sign_intro"))
    sign_network_section()

st.header(t("xor.mlp_title"))
st.markdown(t("xor.mlp_intro"))
hidden_col, lr_col, seed_col, new_col = st.columns([2, 3, 2, 2], vertical_alignment="bottom")
width = STATE.draw("hidden", hidden_col.slider, t("xor.hidden_size"), 2, 8)
with lr_col:
    lr = STATE.select("lr", t("training.lr"), slider=True, help=t("training.lr_help"))
seed = STATE.draw("seed", seed_col.number_input, t("xor.seed"), 0, 9999)
if not hidden(STATE, "seed"):
    new_col.button(t("xor.new_init"), key="xor_new_init", on_click=new_initialisation,
                   icon=":material/casino:", width="stretch", help=t("xor.new_init_help"))
STATE.save()

network, training = mlp_settings(int(width), float(lr), int(seed))
trained = experiment_for(KEY, "xor-points", xor_data, network, training)
training_controls(KEY)


def plane_chart(experiment: Experiment) -> None:
    boundary_chart(KEY, experiment, point_text=corner_names(experiment.data.X_train), size=480)


def charts(experiment: Experiment) -> None:
    """The live charts only: a frame while playing (``live_training``'s snapshot)."""
    plane_chart(experiment)
    hidden_space_chart(experiment)
    curves_chart(KEY, experiment, height=CURVES_HEIGHT)


def render(experiment: Experiment) -> None:
    metrics_row(KEY, experiment, training_speed(KEY))
    divergence_notice(experiment)
    plane, space = st.columns(2)
    with plane:
        plane_chart(experiment)
    with space:
        hidden_space_chart(experiment)
        hidden_space_note(experiment)
    with st.container():  # always there, so that the curves below never move
        outcome(experiment)
    curves_chart(KEY, experiment, height=CURVES_HEIGHT)


def outcome(experiment: Experiment) -> None:
    """Stuck after ``STUCK_AFTER`` epochs, or solved (with the first epoch at 100 %)."""
    history = experiment.history
    if experiment.epoch >= STUCK_AFTER and history.train_metric[-1] < 1.0:
        st.warning(t("xor.stuck", epochs=experiment.epoch, loss=f"{history.train_loss[-1]:.3f}"))
    elif history.epochs and history.train_metric[-1] == 1.0:
        solved = history.epoch_numbers[history.train_metric.index(1.0)]
        st.success(t("xor.solved", epochs=solved))


live_training(KEY, render, snapshot=charts, max_epochs=EPOCHS_PER_FRAME)
player_only(STATE)
experiment_downloads(KEY, trained, "xor")
classroom_panel(STATE)
