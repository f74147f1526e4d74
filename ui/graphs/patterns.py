"""The lecture's patterns in backward flow, each found on the page's current graph.

Add distributes, max routes, mul switches, gradients add at branches (001 "Patterns in backward
flow"): for each, the first node of the trace that shows it, with its forward formula and its
backward clauses in the current numbers; a pattern the graph lacks gets a button that shows it on
a function that has all four.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from nncore.graph import Trace, TraceStep
from ui.graphs.trace_text import explain_lines
from ui.i18n import t

PATTERNS = ("add", "max", "mul", "branch")
ALL_PATTERNS_EXPRESSION = "(x + y) * max(x, z)"  # add, max, mul, and x used twice


def pattern_step(trace: Trace, pattern: str) -> TraceStep | None:
    """The first backward step that shows ``pattern`` (a gate op, or ``"branch"``: a node that
    receives gradients from several gates), or None."""
    for step in trace:
        if step.phase != "backward":
            continue
        if (len(step.incoming) > 1) if pattern == "branch" else step.op == pattern:
            return step
    return None


def pattern_lines(trace: Trace, step: TraceStep, decimals: int) -> list[str]:
    """The node's forward formula (for a gate), then its backward lines, in the current numbers."""
    lines = []
    if not step.is_leaf:
        forward = next(s for s in trace if s.phase == "forward" and s.node_id == step.node_id)
        lines += explain_lines(forward, decimals)
    return lines + explain_lines(step, decimals)


def patterns_panel(trace: Trace, decimals: int, on_try: Callable[[], None]) -> None:
    """Four bordered boxes, two by two; ``on_try`` switches the page to
    :data:`ALL_PATTERNS_EXPRESSION` (the button's callback)."""
    st.header(t("chain.patterns_title"))
    st.caption(t("chain.patterns_intro"))
    columns = st.columns(2) + st.columns(2)
    for column, pattern in zip(columns, PATTERNS, strict=True):
        box = column.container(border=True, key=f"chain_pattern_{pattern}")
        box.markdown(f"**{t(f'chain.pattern.{pattern}.title')}**  \n"
                     f"{t(f'chain.pattern.{pattern}.rule')}")
        step = pattern_step(trace, pattern)
        if step is not None:
            box.markdown("\n".join(f"- {line}" for line in pattern_lines(trace, step, decimals)))
        else:
            box.info(t("chain.missing", what=t(f"chain.pattern.{pattern}.what")))
            box.button(t("chain.try_it", expression=ALL_PATTERNS_EXPRESSION),
                       key=f"chain_try_{pattern}", on_click=on_try)
