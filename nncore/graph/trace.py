"""The trace: one structured record per node per pass, the single source for pages.

Animation frames and explanation text both come from :class:`TraceStep` records. The fields are
language-neutral (op keys, labels, numbers, math templates); :mod:`nncore.graph.trace_fields`
turns them into the strings a page's translated templates are filled with.

- A **forward** step: the node's value and its formula, e.g. ``q = x + y`` with ``-2 + 5``.
- A **backward** step: the node's upstream gradient ∂f/∂node (the sum of what it received along
  its out-edges, ``incoming``: gradients add at branches) and, per input edge, an
  :class:`EdgeStep` with the local derivative, its rule, the numbers the rule plugs in and the
  contribution local × upstream sent along that edge.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Literal

from nncore.graph.formatting import format_value
from nncore.graph.gate import Value, guarded
from nncore.graph.node import Node

Phase = Literal["forward", "backward"]
# The records hold numpy arrays, so they compare by identity (eq=False): compare fields instead.
_FACTOR_BEFORE = set("+-−·*/^×")
_FACTOR_AFTER = ("²", "ᵀ", "^")


@dataclass(frozen=True, eq=False)
class Binding:
    """One placeholder of a template: its name, what it reads as (``z``) and its value (-4)."""

    name: str
    symbol: str
    value: Value


@dataclass(frozen=True, eq=False)
class Formula:
    """A math template with its placeholders bound, readable as symbols or as numbers.

    ``Formula("{b}", (Binding("b", "z", -4.0),))``: ``.text`` is ``"z"``, ``.numbers(3)`` is
    ``"-4"``. Negative numbers are bracketed where they stand as a factor: ``e^(-1)``.
    """

    template: str
    bindings: tuple[Binding, ...] = ()

    @classmethod
    def bind(cls, template: str, table: dict[str, tuple[str, Value]]) -> Formula:
        """Bind the placeholders ``template`` uses from ``table`` (name -> (symbol, value))."""
        names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
        unique = dict.fromkeys(names)
        return cls(template, tuple(Binding(n, *table[n]) for n in unique))

    @property
    def text(self) -> str:
        """The template with symbols: ``"-1/k²"``."""
        return fill(self.template, {b.name: b.symbol for b in self.bindings})

    def numbers(self, decimals: int = 3) -> str:
        """The template with numbers: ``"-1/1.368²"``."""
        return fill(self.template, {b.name: format_value(b.value, decimals)
                                    for b in self.bindings})


def fill(template: str, values: dict[str, str]) -> str:
    """Substitute placeholders, bracketing a negative value that stands as a factor."""
    pieces = list(string.Formatter().parse(template))
    out: list[str] = []
    for k, (literal, field, _, _) in enumerate(pieces):
        out.append(literal)
        if field is None:
            continue
        text = values[field]
        before = "".join(out).rstrip()[-1:]
        after = pieces[k + 1][0] if k + 1 < len(pieces) else ""
        if text.startswith("-") and (before in _FACTOR_BEFORE or after.startswith(_FACTOR_AFTER)):
            text = f"({text})"
        out.append(text)
    return "".join(out)


@dataclass(frozen=True, eq=False)
class EdgeStep:
    """What flows along one input edge of a gate in the backward pass.

    ``source`` is the input node, ``target`` the gate node, ``operand`` the input's position
    (0 = a, 1 = b; the same node can feed both operands of a gate, as in x·x). ``local`` is
    ∂target/∂source (for a ``"vjp"`` rule such as matmul's ``Wᵀ·g``, the operand the rule uses),
    ``rule`` the local derivative as a bound :class:`Formula`, ``form`` ``"product"``
    (contribution = local ⊙ upstream) or ``"vjp"`` (the rule already contains g = upstream),
    ``contribution`` what the source receives along this edge.
    """

    source_id: str
    source_label: str
    target_id: str
    target_label: str
    operand: int
    value: Value
    local: Value
    rule: Formula
    form: str
    upstream: Value
    contribution: Value


@dataclass(frozen=True, eq=False)
class TraceStep:
    """One node in one pass. ``index`` is the position in the whole trace (forward first).

    Forward steps leave ``upstream`` None and ``edges``/``incoming`` empty. ``formula`` is the
    forward computation (``Formula("{a} + {b}", ...)``, text ``"x + y"``, numbers ``"-2 + 5"``);
    it is empty for inputs and constants. ``output_label`` names f in ∂f/∂node.
    """

    phase: Phase
    index: int
    node_id: str
    op: str
    label: str
    value: Value
    formula: Formula
    input_ids: tuple[str, ...]
    input_labels: tuple[str, ...]
    output_label: str
    upstream: Value | None = None
    edges: tuple[EdgeStep, ...] = ()
    incoming: tuple[EdgeStep, ...] = ()

    @property
    def upstream_symbol(self) -> str:
        """∂f/∂node in the course's notation, e.g. ``"∂f/∂q"``."""
        return f"∂{self.output_label}/∂{self.label}"

    @property
    def is_leaf(self) -> bool:
        """True for inputs and constants (no gate, no input edges)."""
        return not self.input_ids


Trace = tuple[TraceStep, ...]


def forward_step(index: int, node: Node, output_label: str) -> TraceStep:
    """The forward record of ``node`` (its value is already computed)."""
    labels = tuple(i.label for i in node.inputs)
    formula = Formula("")
    if node.gate is not None:
        formula = Formula.bind(node.gate.formula, node.gate.symbols(labels, node.label))
    return TraceStep("forward", index, node.id, node.op, node.label, node.value, formula,
                     tuple(i.id for i in node.inputs), labels, output_label)


def edge_step(node: Node, operand: int, contribution: Value) -> EdgeStep:
    """What the gate ``node`` sends back to its input ``operand`` (after ``gate.backward``)."""
    gate, source = node.gate, node.inputs[operand]
    assert gate is not None and node.grad is not None
    labels = tuple(i.label for i in node.inputs)
    table = gate.symbols(labels, node.label, node.grad)
    rule = Formula.bind(gate.rules()[operand], table)
    local = guarded(gate.op, gate.local, operand)
    return EdgeStep(source.id, source.label, node.id, node.label, operand, source.value, local,
                    rule, gate.form(operand), node.grad, contribution)


def backward_step(index: int, node: Node, output_label: str, edges: tuple[EdgeStep, ...],
                  incoming: tuple[EdgeStep, ...]) -> TraceStep:
    """The backward record of ``node``: ``node.grad`` is its upstream gradient."""
    forward = forward_step(index, node, output_label)
    return TraceStep("backward", index, node.id, node.op, node.label, node.value, forward.formula,
                     forward.input_ids, forward.input_labels, output_label, node.grad, edges,
                     incoming)
