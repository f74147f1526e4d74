"""One training step through an MLP, layer by layer, in matrix form (002 §1.1, 000 §5.2, 003,
004, 001): pick a network, step through forward, loss, backward and update, check every gradient
against the numerical one, and take the step to trace the next."""

import streamlit as st

from nncore.mlp_step import problems, run
from ui.classroom import classroom_panel, player_only
from ui.downloads import step_trace_download
from ui.i18n import t
from ui.layout import page_header
from ui.mlp_step.gradient_check import gradient_check_panel
from ui.mlp_step.settings import STATE, data_panel, setup_widgets, show_problems
from ui.mlp_step.stage_text import phase_label, quiz_question
from ui.mlp_step.views import notation_note, step_count_controls, step_view, steps_done
from ui.player import PlayerView, step_player
from ui.url_state import hidden, hides_all

KEY = "mlp_step"
DECIMALS = (2, 3, 4)

page_header(KEY)
if not hides_all():  # hide=all: the player only
    st.header(t("mlp_step.settings_title"))
setup = setup_widgets()
runnable = show_problems(setup, problems(setup))
if not hides_all():
    data_panel(setup)
if not runnable:
    st.stop()

done = steps_done(KEY, setup)
trace = run(setup, done)
st.header(t("mlp_step.run.title", step=done + 1))
st.markdown(t("mlp_step.run.intro"))
step_count_controls(KEY, trace, done)
decimals = DECIMALS[0] if hidden(None, "decimals") else st.radio(
    t("mlp_step.decimals"), DECIMALS, horizontal=True, key=f"{KEY}_decimals")


def render(view: PlayerView) -> None:
    step_view(KEY, trace, view, decimals)


step_player(KEY, len(trace), render, phase_of=lambda k: phase_label(trace, k),
            question=lambda k: quiz_question(trace, k), quiz_above=True)
player_only(STATE)
step_trace_download(KEY, trace, "mlp-step")  # every stage's entries: step, node, value, gradient
gradient_check_panel(KEY, trace)
notation_note()
classroom_panel(STATE)
