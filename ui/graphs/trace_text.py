"""Explanation text for one trace step, in the session's language.

The engine describes a step with language-neutral fields (``nncore.graph.forward_fields`` and
``edge_fields``: symbols, numbers, rules); this module fills the ``explain.*`` templates of the
i18n tables with them, names the gate in the page's language ("add gate", "cổng cộng") and adds
the gate's backward pattern ("passes the gradient to both inputs"). Numbers are padded to the
slides' fixed decimals (``0.20``). Shared by every page that steps through a trace, together with
:func:`quiz_question`, the question quiz mode asks before a backward step.
"""

from __future__ import annotations

import numpy as np

from nncore.graph import TraceStep, clause, factor, format_value, forward_fields
from nncore.viz.numbers import pad_decimals, slide_number
from ui.i18n import current_language, load_table, t
from ui.player import Question

# The engine's template keys; each is ``explain.<key>`` in the tables.
TEMPLATE_KEYS = ("forward", "forward_input", "forward_const", "seed", "branch", "leaf",
                 "leaf_branch", "product", "product_plugged", "vjp")
LEAVES = ("input", "const")


def templates() -> dict[str, str]:
    """The engine's template set (placeholders: ``nncore.graph.trace_fields``) in the session's
    language, unfilled: the engine fills their ``{placeholders}`` with its fields."""
    table = load_table(current_language())
    return {key: table[f"explain.{key}"] for key in TEMPLATE_KEYS}


def gate_name(op: str) -> str:
    """``"mul"`` -> "mul gate" / "cổng nhân"; leaves -> "input" / "đầu vào"."""
    return t(f"explain.gate_name.{op}")


def step_title(step: TraceStep) -> str:
    """``Forward pass · add gate`` (the pass, then what the node is)."""
    return t("explain.title", phase=t(f"graphs.phase.{step.phase}"), gate=gate_name(step.op))


def _leaf_fields(step: TraceStep, decimals: int) -> dict[str, str]:
    parts = [format_value(e.contribution, decimals) for e in step.incoming]
    return {"kind": gate_name(step.op), "label": step.label, "upstream_sym": step.upstream_symbol,
            "upstream": format_value(step.upstream, decimals),
            "parts": " + ".join(parts[:1] + [factor(p) for p in parts[1:]])}


def explain_lines(step: TraceStep, decimals: int = 2) -> list[str]:
    """The step's maths, one line each: the forward formula with its numbers; or, going back,
    the gradient the node received and, per input edge, rule · upstream = local · upstream =
    contribution."""
    table = templates()
    if step.phase == "forward":
        key = f"forward_{step.op}" if step.op in LEAVES else "forward"
        lines = [table[key].format(**forward_fields(step, decimals))]
    else:
        fields = _leaf_fields(step, decimals)
        branch = len(step.incoming) > 1
        if step.is_leaf:
            lines = [table["leaf_branch" if branch else "leaf"].format(**fields)]
        else:
            head = "branch" if branch else "seed" if not step.incoming else None
            lines = [table[head].format(**fields)] if head else []
            lines += [clause(step, edge, decimals, table) for edge in step.edges]
    return [pad_decimals(line, decimals) for line in lines]


def explain_step(step: TraceStep, decimals: int = 2) -> str:
    """The whole explanation of a step as markdown: title, the gate's pattern, the maths as a
    list, and for gradients the chain rule they follow."""
    head = [f"**{step_title(step)}**"]
    if step.phase == "backward" and not step.is_leaf:
        head.append(f"*{t(f'explain.hint.{step.op}')}*")
    body = "\n".join(f"- {line}" for line in explain_lines(step, decimals))
    tail = [t("explain.chain_rule")] if step.phase == "backward" and step.edges else []
    return "\n\n".join([*head, body, *tail])


def _entry(value: object) -> tuple[float, str]:
    """The number to ask for: the value itself, or the first entry of an array (with its
    1-based index, ``[1, 2]``)."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return float(array), ""
    index = (0,) * array.ndim
    return float(array[index]), "[" + ", ".join(str(k + 1) for k in index) + "]"


def quiz_question(step: TraceStep, decimals: int = 2) -> Question | None:
    """What quiz mode asks before a backward step: the gradient it sends along its first input
    edge (the seed ∂f/∂f = 1 is not asked), or for an input, its total gradient. Forward steps
    ask nothing."""
    if step.phase != "backward":
        return None
    lines = explain_lines(step, decimals)
    if step.is_leaf:
        number, index = _entry(step.upstream)
        symbol, rule = step.upstream_symbol, lines[-1]
    else:
        edge = step.edges[0]
        number, index = _entry(edge.contribution)
        symbol = f"∂{step.output_label}/∂{edge.source_label}"
        rule = lines[-len(step.edges)]
    prompt = t("explain.quiz_leaf" if step.is_leaf else "explain.quiz_prompt",
               symbol=symbol + index, gate=gate_name(step.op), node=step.label)
    if index:
        rule += " " + t("explain.quiz_entry", entry=symbol + index, answer=slide_number(number))
    return Question(prompt=prompt, answer=number, rule=rule)
