"""A node handle: id, label, op, gate, inputs, value and gradient; operators build new gates.

``x + y``, ``2 * x``, ``x ** 2``, ``W @ x``, ``-x`` call ``apply`` of the node's graph
(``x * y`` is ``graph.apply("mul", x, y)``), so expressions written in Python build the same
graph as the expression parser. The node knows its graph only as a :class:`Builder` (anything
with that ``apply``), so this module does not import the graph. Nodes compare by identity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeAlias

import numpy as np

from nncore.graph.gate import GateError, Value, as_value
from nncore.graph.ops import make_gate

Operand: TypeAlias = "Node | float | int | np.ndarray"
LEAVES = ("input", "const")
ERRORS: dict[str, str] = {
    "expression.value_not_real": "the value of '{name}' is not a real number or array",
    "expression.value_not_finite": "the value of '{name}' must be finite (not inf or nan)",
}


class Builder(Protocol):
    """What a node needs of its graph: a way to add a gate over operands."""

    def apply(self, op: str, *operands: Operand, name: str | None = None,
              const: float | None = None) -> Node: ...


def _operator(op: str, reflected: bool = False) -> Callable[[Node, Operand], Node]:
    """``a + b`` -> ``graph.apply("add", a, b)``; reflected ``2 + a`` -> ``apply("add", 2, a)``."""

    def operator(self: Node, other: Operand) -> Node:
        return self.graph.apply(op, other, self) if reflected else self.graph.apply(op, self, other)

    return operator


class Node:
    """A handle on one node: ``id``, ``label``, ``op``, its ``gate`` (None for leaves), ``inputs``,
    and after a pass its ``value`` and ``grad``. Arithmetic operators build new gates."""

    __array_ufunc__ = None  # numpy defers to our reflected operators: ``W @ x`` with W an array

    def __init__(self, graph: Builder, node_id: str, label: str, op: str,
                 inputs: tuple[Node, ...], value: Value | None = None,
                 const: float | None = None) -> None:
        self.graph = graph
        self.id = node_id
        self.label = label
        self.op = op
        self.gate = None if op in LEAVES else make_gate(op, const)
        self.inputs = inputs
        self.value = value
        self.grad: Value | None = None

    def __repr__(self) -> str:
        return f"Node({self.id!r}, label={self.label!r}, op={self.op!r}, value={self.value!r})"

    def __neg__(self) -> Node:
        return self.graph.apply("neg", self)

    def __pos__(self) -> Node:
        return self

    def __pow__(self, exponent: float) -> Node:
        return self.graph.apply("pow", self, const=exponent)

    def __rpow__(self, base: Operand) -> Node:
        return self.graph.apply("pow", base, const=self)  # type: ignore[arg-type]  # refused

    __add__, __radd__ = _operator("add"), _operator("add", reflected=True)
    __sub__, __rsub__ = _operator("sub"), _operator("sub", reflected=True)
    __mul__, __rmul__ = _operator("mul"), _operator("mul", reflected=True)
    __truediv__, __rtruediv__ = _operator("div"), _operator("div", reflected=True)
    __matmul__, __rmatmul__ = _operator("matmul"), _operator("matmul", reflected=True)


def is_number(x: object) -> bool:
    """True for a plain real number (int, float, numpy scalar), not for bools or arrays."""
    return isinstance(x, int | float | np.integer | np.floating) and not isinstance(x, bool)


def checked_value(name: str, value: Any) -> Value:
    """``value`` as a float64 scalar or a fresh array; refuse non-numbers and inf/nan."""
    try:
        if np.asarray(value).dtype.kind not in "biuf":  # None, text, objects
            raise TypeError(name)
        checked = as_value(np.array(value, dtype=np.float64, copy=True))
    except (TypeError, ValueError, OverflowError):
        raise GateError("expression.value_not_real", ERRORS["expression.value_not_real"],
                        gate="input", name=name) from None
    if not np.all(np.isfinite(checked)):
        raise GateError("expression.value_not_finite", ERRORS["expression.value_not_finite"],
                        gate="input", name=name)
    return checked
