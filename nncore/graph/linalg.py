"""Array gates: matrix product, dot product and sum (001 "A vectorized example").

=========== ============ =================================================================
op          forward      contribution to each input (g = upstream gradient ∂f/∂out)
=========== ============ =================================================================
matmul      q = W·x      ∂f/∂W = g·xᵀ,  ∂f/∂x = Wᵀ·g   (vector-Jacobian products: the
                         Jacobian of q w.r.t. x is W, never built by the backward pass)
dot         a·b          ∂/∂a = b, ∂/∂b = a            (1-D vectors, scalar output)
sum         Σ a          ∂/∂a = 1 (every element)      (the gradient is copied to each element)
=========== ============ =================================================================
"""

from __future__ import annotations

import numpy as np

from nncore.graph.gate import VJP, Gate, Value, as_value


def _shapes(*xs: Value) -> str:
    return " and ".join(str(np.shape(x)) for x in xs)


class MatMul(Gate):
    """q = a @ b for 1-D or 2-D operands; the local derivatives are the other operand.

    ∂f/∂a = g·bᵀ and ∂f/∂b = aᵀ·g (with 1-D operands read as a row ``a`` and a column ``b``).
    """

    op = "matmul"
    arity = 2
    formula = "{a}·{b}"

    def _domain_problem(self, *xs: Value) -> str | None:
        a, b = xs
        if not (1 <= np.ndim(a) <= 2 and 1 <= np.ndim(b) <= 2):
            return f"matmul needs 1-D or 2-D arrays, got shapes {_shapes(a, b)}"
        if np.shape(a)[-1] != np.shape(b)[0]:
            return f"matmul: the shapes {_shapes(a, b)} do not fit (inner sizes differ)"
        return None

    def _compute(self, *xs: Value) -> Value:
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
    """a·b for two 1-D vectors of the same length: ∂/∂a = b, ∂/∂b = a."""

    op = "dot"
    arity = 2
    formula = "{a}·{b}"

    def _domain_problem(self, *xs: Value) -> str | None:
        a, b = xs
        if np.ndim(a) != 1 or np.shape(a) != np.shape(b):
            return f"dot needs two 1-D vectors of the same length, got shapes {_shapes(a, b)}"
        return None

    def _compute(self, *xs: Value) -> Value:
        return np.dot(xs[0], xs[1])

    def local(self, i: int) -> Value:
        return self.inputs[1 - i]

    def rules(self) -> tuple[str, ...]:
        return ("{b}", "{a}")


class Sum(Gate):
    """Σ a over all elements: ∂/∂a = 1 for every element (the gradient is copied)."""

    op = "sum"
    arity = 1
    formula = "Σ{a}"

    def _compute(self, *xs: Value) -> Value:
        return np.sum(xs[0])

    def local(self, i: int) -> Value:
        return np.float64(1.0)  # broadcast to every element by un-broadcasting

    def rules(self) -> tuple[str, ...]:
        return ("1",)
