"""A node handle: id, label, op, gate, inputs, value and gradient; operators build new gates.

``x + y``, ``2 * x``, ``x ** 2``, ``W @ x``, ``-x`` call the owning graph's builders
(``graph.add`` and so on), so expressions written in Python build the same graph as
``Graph.from_expression``. Nodes compare by identity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from nncore.graph.gate import GateError, Value, as_value
from nncore.graph.ops import make_gate

if TYPE_CHECKING:
    from nncore.graph.graph import Graph

Operand: TypeAlias = "Node | float | int | np.ndarray"
LEAVES = ("input", "const")


def _operator(method: str, reflected: bool = False) -> Callable[[Node, Operand], Node]:
    """``a + b`` -> ``graph.add(a, b)``; the reflected form ``2 + a`` -> ``graph.add(2, a)``."""

    def operator(self: Node, other: Operand) -> Node:
        build = getattr(self.graph, method)
        return build(other, self) if reflected else build(self, other)

    return operator


class Node:
    """A handle on one node: ``id``, ``label``, ``op``, its ``gate`` (None for leaves), ``inputs``,
    and after a pass its ``value`` and ``grad``. Arithmetic operators build new gates."""

    __array_ufunc__ = None  # numpy defers to our reflected operators: ``W @ x`` with W an array

    def __init__(self, graph: Graph, node_id: str, label: str, op: str, inputs: tuple[Node, ...],
                 value: Value | None = None, const: float | None = None) -> None:
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
        return self.graph.neg(self)

    def __pos__(self) -> Node:
        return self

    __add__, __radd__ = _operator("add"), _operator("add", reflected=True)
    __sub__, __rsub__ = _operator("sub"), _operator("sub", reflected=True)
    __mul__, __rmul__ = _operator("mul"), _operator("mul", reflected=True)
    __truediv__, __rtruediv__ = _operator("div"), _operator("div", reflected=True)
    __matmul__, __rmatmul__ = _operator("matmul"), _operator("matmul", reflected=True)
    __pow__, __rpow__ = _operator("pow"), _operator("pow", reflected=True)


def is_number(x: object) -> bool:
    """True for a plain real number (int, float, numpy scalar), not for bools or arrays."""
    return isinstance(x, int | float | np.integer | np.floating) and not isinstance(x, bool)


def checked_value(name: str, value: Any) -> Value:
    """``value`` as a float64 scalar or a fresh array; refuse non-numbers and inf/nan."""
    try:
        checked = as_value(np.array(value, dtype=np.float64, copy=True))
    except (GateError, TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"the value of {name!r} is not a real number or array: {exc}") from None
    if not np.all(np.isfinite(checked)):
        raise ValueError(f"the value of {name!r} must be finite")
    return checked
