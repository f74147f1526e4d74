"""The graph view every "Backprop on graphs" page shares: inputs, the graph stepped through with
the player, the explanation of the current step beside it, and the results as they appear.

Data flows one way: the page's widgets give numbers, :func:`run_graph` builds and runs the graph
(errors become ``st.error``, never a traceback), :func:`graph_stepper` draws the trace: the
figure's fixed part is worked out once per run (``nncore.viz.graph_figure.graph_scene``) and
each step is sent to one live chart (``ui.player.player_chart``), updated in place, the step's
values travelling along their edges; the browser holds the figures of the steps around the
current one, so Next / Previous / Reset show their step at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import streamlit as st

from nncore.graph import Graph, Trace
from nncore.viz.graph_figure import column_count, graph_scene, revealed
from nncore.viz.numbers import slide_value
from ui.downloads import chart_config, trace_download
from ui.graphs.trace_text import explain_step, quiz_question
from ui.i18n import t
from ui.messages import show_error
from ui.player import PlayerView, player_chart, step_player
from ui.presentation import present_figure, presenting
from ui.url_state import hidden, hides_all

MAX_DRAWN = 40  # nodes: the 3×3 unrolled graph (32) is drawn, the 4×4 one (55) is not
MAX_RESULTS = 8  # inputs shown as metrics under the graph
DECIMALS = (2, 3, 4)
MAX_COLUMNS_BESIDE = 4  # a graph with more columns takes the full width, the text goes below
WIDTH_BESIDE, WIDTH_FULL = 620, 1000  # about how wide (px) the figure is drawn, to place labels


def number_inputs(prefix: str, defaults: Mapping[str, float], *, step: float = 1.0
                  ) -> dict[str, float]:
    """One number box per name, side by side, keyed ``{prefix}_{name}``; returns the values."""
    columns = st.columns(max(len(defaults), 1))
    for name, default in defaults.items():  # no value=: a link (ui.url_state) may seed them
        st.session_state.setdefault(f"{prefix}_{name}", float(default))
    return {name: float(column.number_input(name, step=step, format="%g",
                                            key=f"{prefix}_{name}"))
            for column, name in zip(columns, defaults, strict=False)}


def run_graph(build: Callable[[], Graph]) -> tuple[Graph, Trace] | None:
    """Build the graph and run both passes; a bad input (the parser's or a gate's ValueError:
    overflow, log of a negative, ...) is shown with ``st.error`` and gives None."""
    try:
        graph = build()
        return graph, graph.run()
    except ValueError as exc:
        show_error(exc, wrap="graphs.error")
        return None


def trace_phase_label(trace: Trace, position: int) -> str:
    """The player's phase label for ``position``: before, forward, backward, done."""
    if position == 0:
        return t("graphs.phase.start")
    if position >= len(trace):
        return t("graphs.phase.done")
    return t(f"graphs.phase.{trace[position - 1].phase}")


def _results(graph: Graph, trace: Trace, position: int, decimals: int) -> None:
    """f and ∂f/∂input as metrics, each shown once the step that computes it is done."""
    state = revealed(trace, position)
    output = graph.output
    shown = [(output.label, state.values.get(output.id))]
    shown += [(f"∂{output.label}/∂{name}", state.grads.get(node.id))
              for name, node in graph.inputs.items()]
    for column, (label, value) in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(label, "—" if value is None else
                      slide_value(value, decimals, row_break="; "))


def graph_stepper(key: str, graph: Graph, trace: Trace, *, results: bool = True) -> int:
    """The graph stepped through with the player (widget keys start with ``key``): the figure
    (chart key ``{key}_graph``), the explanation of the current step beside it, quiz mode, and
    under it f and the inputs' gradients as they are computed. Returns the decimals chosen."""
    if len(graph) > MAX_DRAWN:
        st.warning(t("graphs.too_big", nodes=len(graph), limit=MAX_DRAWN))
        return DECIMALS[0]
    decimals = (st.session_state.get(f"{key}_decimals", DECIMALS[0]) if hidden(None, "decimals")
                else st.radio(t("graphs.decimals"), DECIMALS, horizontal=True,
                              key=f"{key}_decimals"))
    show_results = results and len(graph.inputs) <= MAX_RESULTS

    # The explanation goes beside a small scalar graph; a wide one (or one with vector labels)
    # takes the full width and the explanation goes below it.
    # A projector (presentation mode) always gives the graph the full width.
    beside = not presenting() and column_count(graph) <= MAX_COLUMNS_BESIDE and all(
        np.ndim(node.value) == 0 for node in graph.nodes)

    scene = graph_scene(graph, trace, decimals=decimals,
                        width_hint=WIDTH_BESIDE if beside else WIDTH_FULL)

    def render(view: PlayerView) -> None:
        figure_column, text_column = st.columns([3, 2]) if beside else (st.container(),) * 2
        with figure_column:
            player_chart(view, f"{key}_graph", lambda k: present_figure(scene.frame(k)),
                         width="stretch", config=chart_config(f"{key}-graph", scrollZoom=False))
            st.caption(t("graphs.legend"))
        with text_column.container(border=True, key=f"{key}_explanation"):
            st.markdown(explain_step(trace[view.position - 1], decimals) if view.position
                        else t("explain.start"))
        if show_results:
            _results(graph, trace, view.position, decimals)

    step_player(key, len(trace), render, phase_of=lambda k: trace_phase_label(trace, k),
                question=lambda k: quiz_question(trace[k - 1], decimals))
    if not hides_all():
        trace_download(key, trace, key.replace("_", "-"))  # step, phase, node, value, gradient
    return decimals
