"""The strings a trace step fills into explanation templates, in any language.

The page keeps the templates (``explain.*`` in the i18n tables, e.g.
``"∂{output}/∂{input} = {rule} · {upstream_sym} = {local} · {upstream} = {result}"``); this
module supplies what fills them: :func:`forward_fields` and :func:`edge_fields` turn a step into
strings (numbers formatted to ``decimals``, negative factors bracketed by :func:`factor`), and
:func:`clause` picks the template for one input edge and fills it.
"""

from __future__ import annotations

from collections.abc import Mapping

from nncore.graph.formatting import format_value
from nncore.graph.trace import EdgeStep, TraceStep


def factor(text: str) -> str:
    """Bracket ``text`` if it cannot stand as a factor: ``-4`` -> ``(-4)``, ``1 − t²`` too."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and k > 0 and ch in "+−-" and text[k - 1] == " ":
            return f"({text})"
    return f"({text})" if text.startswith("-") else text


def forward_fields(step: TraceStep, decimals: int = 3) -> dict[str, str]:
    """Fields of a forward step: label, formula (symbols), numbers (plugged in), value."""
    return {"label": step.label, "formula": step.formula.text,
            "numbers": step.formula.numbers(decimals),
            "value": format_value(step.value, decimals)}


def edge_fields(step: TraceStep, edge: EdgeStep, decimals: int = 3) -> dict[str, str]:
    """Fields of one input edge of a backward step.

    output (f), input, rule, rule_numbers, upstream_sym (∂f/∂node), local, upstream, result.
    ``rule``, ``rule_numbers`` and ``upstream`` are ready to stand as factors (bracketed where
    needed); ``local`` and ``result`` are plain numbers.
    """
    return {"output": step.output_label, "input": edge.source_label,
            "rule": factor(edge.rule.text), "rule_numbers": factor(edge.rule.numbers(decimals)),
            "upstream_sym": step.upstream_symbol,
            "local": format_value(edge.local, decimals),
            "upstream": factor(format_value(edge.upstream, decimals)),
            "result": format_value(edge.contribution, decimals)}


def clause(step: TraceStep, edge: EdgeStep, decimals: int, templates: Mapping[str, str]) -> str:
    """One input edge filled into ``templates[key]``: key ``"vjp"`` for a rule that contains g,
    else ``"product"``, or ``"product_plugged"`` when the rule with its numbers plugged in
    differs from the local value (``-1/k² · ∂f/∂f = -1/1.368² · 1 = -0.534 · 1``)."""
    fields = edge_fields(step, edge, decimals)
    key = edge.form
    if key == "product" and edge.rule.numbers(decimals) != fields["local"]:
        key = "product_plugged"
    return templates[key].format(**fields)
