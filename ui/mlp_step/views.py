"""The views of the one-training-step page: the training-step counter, one position of the
step-through (network, explanation, formula, matrices) and the notation note. The network is a
live chart (``ui.player.player_chart``): the player updates it in place at every step (the
browser holds the steps around the current one and shows them the moment Next is clicked);
the player's state is read and reset only through ``ui.player``'s functions.

Figures come from ``nncore.viz`` (:func:`~nncore.viz.step_network.step_network_spec`,
:func:`~nncore.viz.matrices.matrix_figure`, the LaTeX of
:func:`~nncore.viz.step_notation.formula_lines`); texts from :mod:`ui.mlp_step.stage_text`.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore.mlp_step import MAX_STEPS_DONE, StepRecord, StepSetup, StepTrace
from nncore.viz.step_network import step_network_spec
from nncore.viz.step_notation import formula_lines, sub, symbol
from ui.i18n import t
from ui.layout import CHART_CONFIG, fmt
from ui.matrices import matrix_chart
from ui.mlp_step.stage_text import explain
from ui.player import PlayerView, player_chart, quiz_mode, reset_player

# The matrices each phase shows, in reading order (those a record lacks are skipped).
SHOWN = {
    "forward": ("W", "a_prev", "b", "z", "a"),
    "loss": ("a", "t", "losses", "grad_a"),
    "backward": ("grad_a", "fprime", "delta", "a_prev", "dW", "db", "grad_a_prev"),
    "update": ("W", "dW", "v_W", "W_new", "b", "db", "v_b", "b_new"),
}
CELL = 60  # pixels a matrix entry: readable on a projector


def steps_done(key: str, setup: StepSetup) -> int:
    """How many training steps the student has taken with this setup (0 after any change)."""
    if st.session_state.get(f"{key}_signature") != setup:
        st.session_state[f"{key}_signature"] = setup
        st.session_state[f"{key}_done"] = 0
    return st.session_state[f"{key}_done"]


def _take_step(key: str, change: int | None) -> None:
    done = st.session_state.get(f"{key}_done", 0)
    st.session_state[f"{key}_done"] = 0 if change is None else min(done + change,
                                                                   MAX_STEPS_DONE)
    reset_player(key)


def step_count_controls(key: str, trace: StepTrace, done: int) -> None:
    """The training-step number, the loss before and after it, and the buttons that apply the
    step (the next one is then traced) or go back to the first."""
    step, before, after, apply, restart = st.columns([3, 3, 3, 4, 4],
                                                     vertical_alignment="bottom")
    step.metric(t("mlp_step.run.metric_step"), done + 1)
    if quiz_mode(key):  # the quiz asks for C: keep it to itself
        before.metric(t("mlp_step.run.metric_loss"), "?", help=t("mlp_step.run.quiz_hides"))
        after.metric(t("mlp_step.run.metric_after"), "?", help=t("mlp_step.run.quiz_hides"))
    else:
        before.metric(t("mlp_step.run.metric_loss"), fmt(trace.loss, 4))
        after.metric(t("mlp_step.run.metric_after"), fmt(trace.loss_after, 4),
                     delta=fmt(trace.loss_after - trace.loss, 4), delta_color="inverse")
    apply.button(t("mlp_step.run.continue"), key=f"{key}_continue", on_click=_take_step,
                 args=(key, 1), icon=":material/skip_next:", width="stretch",
                 help=t("mlp_step.run.continue_help"), disabled=done >= MAX_STEPS_DONE)
    restart.button(t("mlp_step.run.restart"), key=f"{key}_restart", on_click=_take_step,
                   args=(key, None), icon=":material/restart_alt:", width="stretch",
                   disabled=done == 0)


def _title(name: str, record: StepRecord, batch: bool) -> str:
    return symbol(name, record.layer, batch, new=t("mlp_step.run.new"),
                  before=t("mlp_step.run.before"))


def _network_title(record: StepRecord | None) -> str:
    phase = record.phase if record else "forward"
    return t({"backward": "mlp_step.run.network_gradients",
              "update": "mlp_step.run.network_updated"}.get(phase, "mlp_step.run.network_weights"))


def _matrices(key: str, items: list[tuple[str, object]], decimals: int) -> None:
    """Annotated matrices side by side, wrapping onto the next line when the page is full."""
    with st.container(horizontal=True, key=key, gap="medium"):
        for k, (title, values) in enumerate(items):
            matrix_chart(f"{key}_{k}", values, title, decimals=decimals, cell_size=CELL)


def _per_sample(key: str, record: StepRecord, decimals: int) -> None:
    """δₙ aₙᵀ of every sample of the batch and their mean, ∂C/∂W."""
    st.markdown(t("mlp_step.run.samples"))
    samples = record.matrices["dW_samples"]
    items = [(f"δ{sub(n + 1)} a{sub(n + 1)}ᵀ", samples[n]) for n in range(len(samples))]
    items.append((f"{t('mlp_step.run.mean')} = {symbol('dW', record.layer)}",
                  samples.mean(axis=0)))
    _matrices(f"{key}_samples", items, decimals)


def column_titles(trace: StepTrace) -> list[str]:
    last = trace.n_layers
    return [t("mlp_step.run.column_input"),
            *(t("mlp_step.run.column_layer", layer=k) for k in range(1, last)),
            t("mlp_step.run.column_output", layer=last)]


def network_at(trace: StepTrace, position: int, decimals: int) -> dict:
    """The network diagram at ``position`` (plain plotly JSON)."""
    record = trace[position - 1] if position else None
    return step_network_spec(trace, position, column_titles=column_titles(trace),
                             title=_network_title(record), decimals=decimals,
                             width=760, height=440)


def step_view(key: str, trace: StepTrace, view: PlayerView, decimals: int) -> None:
    """Position ``view.position`` of the step-through: the network and the explanation side
    by side, then the formula (symbols, then numbers) and the matrices of the step."""
    position = view.position
    record = trace[position - 1] if position else None
    figure_column, text_column = st.columns([3, 2])
    with figure_column:  # one chart, updated in place, stepped in the browser at once
        player_chart(view, f"{key}_diagram", lambda k: network_at(trace, k, decimals),
                     config=CHART_CONFIG)
        st.caption(t("mlp_step.run.legend"))
    with text_column.container(border=True, key=f"{key}_explanation"):
        st.markdown(explain(trace, position))
    if record is None:
        return
    general, plugged = formula_lines(record, activation=trace.activations[record.layer - 1],
                                     batch=trace.batch, decimals=decimals)
    with st.container(border=True, key=f"{key}_formula"):
        st.markdown(t("mlp_step.run.formula"))
        for line in general:
            st.latex(line)
        st.markdown(t("mlp_step.run.numbers"))
        for line in plugged:
            st.latex(line)
    st.markdown(t("mlp_step.run.matrices"))
    names = [n for n in SHOWN[record.phase] if n in record.matrices]
    _matrices(f"{key}_matrices", [(_title(n, record, trace.batch), record.matrices[n])
                                  for n in names], decimals)
    largest = [np.abs(record.matrices[n]).max() for n in names]
    if any(0 < m < 0.5 * 10.0**-decimals for m in largest):
        st.caption(t("mlp_step.run.tiny", decimals=decimals))
    if "dW_samples" in record.matrices:
        _per_sample(key, record, decimals)


def notation_note() -> None:
    """002's δ aᵀ with column vectors next to 000's ΔYᵀX with rows, and the other documents'
    symbols."""
    st.header(t("mlp_step.notation.title"))
    one, many = st.columns(2)
    with one:
        st.markdown(t("mlp_step.notation.one_sample"))
        st.latex(r"\frac{\partial C}{\partial W^{(l)}} = \delta^{(l)}\, a^{(l-1)\top}"
                 r"\in \mathbb{R}^{N_{out}\times N_{in}}")
    with many:
        st.markdown(t("mlp_step.notation.batch"))
        st.latex(r"\Delta W = \Delta Y^\top X = \sum_{n=1}^{N} \Delta y_n\, x_n^\top"
                 r" = \frac{1}{N}\sum_{n=1}^{N} \delta_n\, a_n^\top")
    st.markdown(t("mlp_step.notation.others"))
