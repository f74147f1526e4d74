"""Explanation text from trace steps: English here, any language through the same fields.

``forward_fields(step)`` and ``edge_fields(step, edge)`` turn a step into strings (numbers
formatted to ``decimals``, negative factors bracketed) that fill templates such as
:data:`ENGLISH`'s. A page in another language keeps the keys and translates the templates, e.g.
``"cổng {gate}: ∂{output}/∂{input} = {rule} · {upstream_sym} = {local} · {upstream} = {result}"``.

>>> from nncore.graph import examples
>>> g = examples.simple(); trace = g.run()
>>> explain(trace[-2])  # doctest: +SKIP
'mul gate: ∂f/∂q = z · ∂f/∂f = -4 · 1 = -4; ∂f/∂z = q · ∂f/∂f = 3 · 1 = 3'
"""

from __future__ import annotations

from nncore.graph.formatting import format_value
from nncore.graph.trace import EdgeStep, TraceStep

ENGLISH: dict[str, str] = {
    "forward": "{gate} gate: {label} = {formula} = {numbers} = {value}",
    "forward_input": "input {label} = {value}",
    "forward_const": "constant {label} = {value}",
    "seed": "{upstream_sym} = {upstream}",
    "branch": "{upstream_sym} = {parts} = {upstream} (gradients add at branches)",
    "leaf": "{kind} {label}: {upstream_sym} = {upstream}",
    "leaf_branch": "{kind} {label}: {upstream_sym} = {parts} = {upstream}"
                   " (gradients add at branches)",
    "gate": "{gate} gate: {clauses}",
    "product": "∂{output}/∂{input} = {rule} · {upstream_sym} = {local} · {upstream} = {result}",
    "product_plugged": "∂{output}/∂{input} = {rule} · {upstream_sym} = {rule_numbers} · {upstream}"
                       " = {local} · {upstream} = {result}",
    "vjp": "∂{output}/∂{input} = {rule} = {rule_numbers} = {result} (g = {upstream_sym})",
}
LEAF_KINDS = {"input": "input", "const": "constant"}


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
    """Fields of a forward step: gate, label, formula, numbers, value."""
    return {"gate": step.op, "label": step.label, "formula": step.formula.text,
            "numbers": step.formula.numbers(decimals),
            "value": format_value(step.value, decimals)}


def edge_fields(step: TraceStep, edge: EdgeStep, decimals: int = 3) -> dict[str, str]:
    """Fields of one input edge of a backward step.

    gate, output (f), node (the gate's label), input, rule, rule_numbers, upstream_sym (∂f/∂node),
    local, upstream, result, form. ``rule``, ``rule_numbers`` and ``upstream`` are ready to stand
    as factors (bracketed where needed); ``local`` and ``result`` are plain numbers.
    """
    return {"gate": step.op, "output": step.output_label, "node": step.label,
            "input": edge.source_label, "rule": factor(edge.rule.text),
            "rule_numbers": factor(edge.rule.numbers(decimals)),
            "upstream_sym": step.upstream_symbol,
            "local": format_value(edge.local, decimals),
            "upstream": factor(format_value(edge.upstream, decimals)),
            "result": format_value(edge.contribution, decimals), "form": edge.form}


def clause(step: TraceStep, edge: EdgeStep, decimals: int = 3,
           templates: dict[str, str] = ENGLISH) -> str:
    """One input edge as a clause: ``∂f/∂q = z · ∂f/∂f = -4 · 1 = -4``.

    The rule with its numbers plugged in is shown too when it differs from the local value
    (``-1/k² · ∂f/∂f = -1/1.368² · 1 = -0.534 · 1``).
    """
    fields = edge_fields(step, edge, decimals)
    key = edge.form
    if key == "product" and edge.rule.numbers(decimals) != fields["local"]:
        key = "product_plugged"
    return templates[key].format(**fields)


def explain_edge(step: TraceStep, edge: EdgeStep, decimals: int = 3,
                 templates: dict[str, str] = ENGLISH) -> str:
    """One edge of a backward step as a line: ``mul gate: ∂f/∂q = z · ∂f/∂f = -4 · 1 = -4``."""
    return templates["gate"].format(gate=step.op, clauses=clause(step, edge, decimals, templates))


def explain(step: TraceStep, decimals: int = 3, templates: dict[str, str] = ENGLISH) -> str:
    """A step as one line of text; pass ``templates`` with the same keys for another language.

    Backward steps of gates list one clause per input edge, after the seed (∂f/∂f = 1, at the
    output) or the sum of what the node received (at a branch).
    """
    if step.phase == "forward":
        key = f"forward_{step.op}" if step.op in LEAF_KINDS else "forward"
        return templates[key].format(**forward_fields(step, decimals))
    contributions = [format_value(e.contribution, decimals) for e in step.incoming]
    fields = {"kind": LEAF_KINDS.get(step.op, step.op), "label": step.label,
              "upstream_sym": step.upstream_symbol,
              "upstream": format_value(step.upstream, decimals),
              "parts": " + ".join(contributions[:1] + [factor(p) for p in contributions[1:]])}
    branch = len(step.incoming) > 1
    if step.is_leaf:
        return templates["leaf_branch" if branch else "leaf"].format(**fields)
    head = "branch" if branch else "seed" if not step.incoming else None
    clauses = "; ".join(clause(step, edge, decimals, templates) for edge in step.edges)
    text = templates["gate"].format(gate=step.op, clauses=clauses)
    return f"{templates[head].format(**fields)}; {text}" if head else text
