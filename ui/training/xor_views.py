"""The XOR page's three stories (004): one perceptron on logic gates, the hand-set 2-2-1 sign
network, and a 2-H-1 sigmoid MLP trained by backprop, seen in the plane and in its hidden
space."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore.data import logic_gate, xor
from nncore.data.plane import PlaneData
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from nncore.model import xor_sign_network
from nncore.model.plane import Bounds
from nncore.perceptron import Perceptron, PerceptronStep
from nncore.viz.curves import Curve, Panel, panels_spec
from nncore.viz.separators import Separator, separator_figure, separator_spec
from nncore.viz.style import ACTIVE, GRADIENT
from ui.downloads import chart_config
from ui.i18n import t
from ui.layout import fmt
from ui.live_chart import live_chart
from ui.player import PlayerView, player_chart, step_player
from ui.training import hidden_space_view
from ui.training.live_views import chart

PLANE = Bounds(-0.5, 1.5, -0.5, 1.5)
HIDDEN_SPACE = Bounds(-0.15, 1.15, -0.15, 1.15)  # sigmoid activations lie in (0, 1)
SIGN_SPACE = Bounds(-1.6, 1.6, -1.6, 1.6)  # sign activations are ±1
SECOND_LINE = "#8250df"  # the second hidden neuron's line (purple: not a class colour)


def corner_names(X: np.ndarray) -> list[str]:
    """"(0,1)" for each point of the plane."""
    return [f"({x1:g},{x2:g})" for x1, x2 in X]


def merged_labels(points: np.ndarray, names: list[str], near: float = 0.06) -> list[str]:
    """One label per group of points closer than ``near`` to each other (their names joined,
    on the first of them), so that labels of points that land together do not overprint."""
    points = np.asarray(points, dtype=np.float64)
    labels = []
    for i, here in enumerate(points):
        group = np.flatnonzero(np.linalg.norm(points - here, axis=1) < near)
        labels.append(" ".join(names[j] for j in group) if group[0] == i else "")
    return labels


def _line_latex(w: np.ndarray, b: float, symbols: tuple[str, str] = ("x_1", "x_2")) -> str:
    return (f"{fmt(w[0])}\\,{symbols[0]} {'+' if w[1] >= 0 else '-'} {fmt(abs(w[1]))}\\,"
            f"{symbols[1]} {'+' if b >= 0 else '-'} {fmt(abs(b))} = 0")


# -- 1. the perceptron learning algorithm ------------------------------------------------
def _sweep_starts(steps: list[PerceptronStep]) -> dict[int, tuple[float, ...]]:
    """The weights (w, b) at the start of each sweep."""
    starts, current = {}, (*steps[0].w, steps[0].b)
    for step in steps[1:]:
        starts.setdefault(step.epoch, current)
        current = (*step.w, step.b)
    starts[max(starts, default=0) + 1] = current
    return starts


def perceptron_section(gate: str) -> None:
    """The PLA on one gate, update by update, with the count of misclassified points."""
    X, y = logic_gate(gate)
    perceptron = Perceptron(lr=1.0, max_epochs=50).fit(X, y)
    steps = perceptron.history
    names = corner_names(X)
    errors = [s.misclassified for s in steps]

    def plane_at(k: int) -> dict:
        step = steps[k]
        line = Separator(step.w, step.b, t("xor.pla_line"), colour=ACTIVE, shade=True)
        return separator_spec(
            X, y, [line], PLANE, point_name=t("xor.points"), point_text=names,
            highlight=[step.index] if step.index >= 0 else [],
            highlight_name=t("xor.pla_updated"), size=460)

    def errors_at(k: int) -> dict:
        panel = Panel([Curve(t("xor.misclassified"), errors, GRADIENT)],
                      y_title=t("xor.misclassified"), y_range=(0, 4.2), marker_x=k + 1)
        return panels_spec([panel], x_title=t("xor.update_axis"), height=260)

    def draw(view: PlayerView) -> None:  # both charts updated in place, stepped at once
        step = steps[view.position]
        plane, side = st.columns([3, 2])
        with plane:
            player_chart(view, "xor_pla_plane", plane_at, config=chart_config("xor-perceptron"))
        with side:
            st.metric(t("xor.misclassified"), step.misclassified)
            if np.any(step.w != 0):
                st.latex(_line_latex(step.w, step.b))
            else:
                st.caption(t("xor.pla_no_line", b=fmt(step.b)))
            player_chart(view, "xor_pla_errors", errors_at,
                         config=chart_config("xor-perceptron-errors"))

    def phase(k: int) -> str:
        if k == 0:
            return t("xor.pla_start")
        return t("xor.pla_phase", sweep=steps[k].epoch, point=names[steps[k].index])

    step_player("xor_pla", len(steps) - 1, draw, phase_of=phase, interval=0.7)
    if perceptron.converged:
        st.success(t("xor.pla_converged", sweeps=perceptron.epochs, updates=len(steps) - 1))
        return
    starts = _sweep_starts(steps)
    last = max(starts)
    earlier = next((e for e in sorted(starts) if starts[e] == starts[last] and e < last), None)
    if earlier is None:  # stopped by the sweep limit, not by a repeat
        st.warning(t("xor.pla_gave_up", sweeps=perceptron.epochs))
    else:
        st.warning(t("xor.pla_cycled", sweep=last, earlier=earlier))


# -- 2. the hand-set sign network ----------------------------------------------------------
def _matrix_latex(matrix: np.ndarray) -> str:
    rows = np.atleast_2d(matrix)
    body = r" \\ ".join(" & ".join(fmt(v, 0) for v in row) for row in rows)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def sign_network_section() -> None:
    """004's network: its weights in both conventions, truth table, and the two spaces."""
    model = xor_sign_network()
    hidden, output = model.layers[0], model.layers[2]
    X, y = xor()
    z1, a1, _, out = model.layer_outputs(X)
    course, app = st.columns(2)
    with course:
        st.markdown(t("xor.sign_course"))
        st.latex(rf"W^{{(1)}} = {_matrix_latex(hidden.W.T)},\ b^{{(1)}} = "
                 rf"{_matrix_latex(hidden.b[:, None])},\ W^{{(2)}} = "
                 rf"{_matrix_latex(output.W.T)},\ b^{{(2)}} = {fmt(output.b[0], 0)}")
        st.latex(r"a^{(l)} = \operatorname{sgn}\left(W^{(l)\top} a^{(l-1)} + b^{(l)}\right)")
    with app:
        st.markdown(t("xor.sign_app"))
        st.latex(rf"W^{{(1)}} = {_matrix_latex(hidden.W)},\ W^{{(2)}} = "
                 rf"{_matrix_latex(output.W)}")
        st.latex(r"a^{(l)} = \operatorname{sgn}\left(W^{(l)} a^{(l-1)} + b^{(l)}\right)")
    st.caption(t("xor.convention_note"))
    rows = [{"x1": fmt(x[0], 0), "x2": fmt(x[1], 0), "z1": fmt(z[0], 0), "z2": fmt(z[1], 0),
             "a1": fmt(a[0], 0), "a2": fmt(a[1], 0), t("xor.output"): fmt(o[0], 0),
             "XOR": int(label)}
            for x, z, a, o, label in zip(X, z1, a1, out, y, strict=True)]
    st.table(rows, hide_index=True, border="horizontal")
    names = corner_names(X)
    plane, space = st.columns(2)
    lines = [Separator(hidden.W[k], hidden.b[k], t("xor.hidden_line", k=k + 1),
                       colour=colour, dash=dash)
             for k, (colour, dash) in enumerate([("#24292f", "solid"), (SECOND_LINE, "dash")])]
    with plane:
        chart(separator_figure(X, y, lines, PLANE, point_name=t("xor.points"), point_text=names,
                               title=t("xor.input_space"), size=460), "xor_sign_plane")
    with space:
        chart(separator_figure(
            a1, y, [Separator(output.W[0], output.b[0], t("xor.output_line"), shade=True)],
            SIGN_SPACE, point_name=t("xor.points"), point_text=merged_labels(a1, names),
            axis_titles=("a1", "a2"), title=t("xor.hidden_space"), size=460), "xor_sign_hidden")
    st.markdown(t("xor.sign_takeaway"))


# -- 3. a 2-H-1 sigmoid MLP trained by backprop ---------------------------------------------
def xor_data() -> PlaneData:
    X, y = xor()
    return PlaneData.training_only(X, y, PLANE)


def mlp_settings(hidden: int, lr: float, seed: int) -> tuple[NetworkSettings, TrainingSettings]:
    """2-H-1, sigmoid everywhere, BCE, full-batch gradient descent (004's example)."""
    return (NetworkSettings(hidden=(hidden,), activation="sigmoid", head="sigmoid",
                            init="xavier", seed=seed),
            TrainingSettings(optimizer="sgd", lr=lr, batch_size=None))


def hidden_space_chart(experiment: Experiment) -> None:
    """The four points at their hidden activations (a1, a2); with H = 2 the plane is coloured
    by the output neuron's decision, a straight line there. A live chart (updated in place
    while training), nothing else: it is also a frame of ``live_training``'s snapshot."""
    X, y = experiment.data.X_train, experiment.data.y_train
    activations = experiment.model.layer_outputs(X)[1]
    names = merged_labels(activations[:, :2], corner_names(X))
    if activations.shape[1] <= 3:  # the input grid bent into (a1, a2[, a3])
        hidden_space_view.hidden_space_chart("xor", experiment, point_text=names, size=480,
                                             hint=False)
        return
    figure = separator_figure(activations[:, :2], y, [], HIDDEN_SPACE,
                              point_name=t("xor.points"), point_text=names,
                              axis_titles=("a1", "a2"), title=t("xor.hidden_space"), size=480)
    live_chart("xor_hidden_space", figure)


def hidden_space_note(experiment: Experiment) -> None:
    """Under the hidden space: with more than two hidden neurons, which two it shows."""
    width = experiment.layer_sizes()[1]
    if width > 3:  # 2 and 3 neurons are drawn whole
        st.caption(t("xor.hidden_first_two", hidden=width))
