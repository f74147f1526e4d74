"""Array gates: matrix product, dot product and sum (001 "A vectorized example").

Each class keeps its maths together: ``formula`` (forward), ``compute``, ``local`` and ``rules``
(the local derivatives as the trace shows them). Matmul's rules are vector-Jacobian products
(they contain the upstream gradient g): the Jacobian of q = W·x w.r.t. x is W, and the backward
pass never builds it. Sum copies the upstream gradient to every element.
"""

from __future__ import annotations

import numpy as np

from nncore.graph.gate import VJP, Gate, GateError, Value, as_value, shapes_text

ERRORS: dict[str, str] = {
    "expression.matmul_rank": "matmul needs 1-D or 2-D arrays, got shapes {shapes}",
    "expression.matmul_shapes": "matmul: the shapes {shapes} do not fit (inner sizes differ)",
    "expression.dot_shapes": "dot needs two 1-D vectors of the same length, got shapes {shapes}",
}


def _refusal(gate: str, code: str, *xs: Value) -> GateError:
    return GateError(code, ERRORS[code], gate=gate, shapes=shapes_text(*xs))


class MatMul(Gate):
    """q = a @ b for 1-D or 2-D operands (1-D operands read as a row ``a`` and a column ``b``)."""

    op = "matmul"
    arity = 2
    formula = "{a}·{b}"

    def refusal(self, *xs: Value) -> GateError | None:
        a, b = xs
        if not (1 <= np.ndim(a) <= 2 and 1 <= np.ndim(b) <= 2):
            return _refusal(self.op, "expression.matmul_rank", a, b)
        if np.shape(a)[-1] != np.shape(b)[0]:
            return _refusal(self.op, "expression.matmul_shapes", a, b)
        return None

    def compute(self, *xs: Value) -> Value:
        return xs[0] @ xs[1]

    def local(self, i: int) -> Value:
        return self.inputs[1 - i]

    def rules(self) -> tuple[str, ...]:
        return ("{g}·{b}ᵀ", "{a}ᵀ·{g}")

    def form(self, i: int) -> str:
        return VJP

    def vjp(self, i: int, upstream: Value) -> Value:
        a, b = self.inputs
        a2 = a if a.ndim == 2 else a[np.newaxis, :]
        b2 = b if b.ndim == 2 else b[:, np.newaxis]
        g2 = np.reshape(upstream, (a2.shape[0], b2.shape[1]))
        if i == 0:
            return as_value((g2 @ b2.T).reshape(a.shape))
        return as_value((a2.T @ g2).reshape(b.shape))


class Dot(Gate):
    """a·b for two 1-D vectors of the same length; the local derivatives are the other vector."""

    op = "dot"
    arity = 2
    formula = "{a}·{b}"

    def refusal(self, *xs: Value) -> GateError | None:
        a, b = xs
        if np.ndim(a) != 1 or np.shape(a) != np.shape(b):
            return _refusal(self.op, "expression.dot_shapes", a, b)
        return None

    def compute(self, *xs: Value) -> Value:
        return np.dot(xs[0], xs[1])

    def local(self, i: int) -> Value:
        return self.inputs[1 - i]

    def rules(self) -> tuple[str, ...]:
        return ("{b}", "{a}")


class Sum(Gate):
    """Σ a over all elements."""

    op = "sum"
    arity = 1
    formula = "Σ{a}"

    def compute(self, *xs: Value) -> Value:
        return np.sum(xs[0])

    def local(self, i: int) -> Value:
        return np.float64(1.0)  # broadcast to every element by un-broadcasting

    def rules(self) -> tuple[str, ...]:
        return ("1",)
