"""The lecture's worked graphs (001; numbers in shared/reference/worked-examples.md §1–4).

Every builder takes the inputs as keyword arguments (the lecture's values by default), runs the
forward pass and returns the :class:`~nncore.graph.graph.Graph`; call ``g.run()`` (or
``g.backward()``) for the gradients and the full trace. Each builder's docstring gives its
function; node ids are ``n0``, ``n1``, ... in the creation order listed here, labels are the
lecture's names:

- :func:`simple`: x, y, q, z, f.
- :func:`max_gate`: x, y, p, z, w, m, s, f.
- :func:`sigmoid_gate`: w0, x0, a, w1, x1, b, c, w2, d, then g, h, k, f expanded (the chain of
  :meth:`~nncore.graph.graph.Graph.sigmoid`) or f fused.
- :func:`vectorized`: W, x, q, s, f.
- :func:`vectorized_unrolled`: W11, W12, ..., x1, x2, ..., p_ij = W_ij·x_j, q_i = Σ_j p_ij,
  r_i = q_i², f = Σ_i r_i.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nncore.graph.graph import Graph
from nncore.graph.node import Node

DEFAULT_W = ((0.1, 0.5), (-0.3, 0.8))
DEFAULT_X = (0.2, 0.4)
MAX_UNROLLED = 9  # one-digit indices keep labels such as W12 unambiguous


def simple(x: float = -2.0, y: float = 5.0, z: float = -4.0) -> Graph:
    """f(x, y, z) = (x + y)·z (001 "A simple example")."""
    g = Graph()
    q = g.add(g.input("x", x), g.input("y", y), name="q")
    g.mul(q, g.input("z", z), name="f")
    g.forward()
    return g


def max_gate(x: float = 3.0, y: float = -4.0, z: float = 2.0, w: float = -1.0) -> Graph:
    """f(x, y, z, w) = ((x·y) + max(z, w))·2 (001 "More example")."""
    g = Graph()
    p = g.mul(g.input("x", x), g.input("y", y), name="p")
    m = g.max(g.input("z", z), g.input("w", w), name="m")
    g.mul_const(g.add(p, m, name="s"), 2.0, name="f")
    g.forward()
    return g


def sigmoid_gate(fused: bool = False, w0: float = 2.0, x0: float = -1.0, w1: float = -3.0,
                 x1: float = -2.0, w2: float = -3.0) -> Graph:
    """f(w, x) = σ(w0·x0 + w1·x1 + w2) (001 "Another example"), the sigmoid fused or expanded."""
    g = Graph()
    a = g.mul(g.input("w0", w0), g.input("x0", x0), name="a")
    b = g.mul(g.input("w1", w1), g.input("x1", x1), name="b")
    d = g.add(g.add(a, b, name="c"), g.input("w2", w2), name="d")
    g.sigmoid(d, fused=fused, name="f", inner_names=("g", "h", "k"))
    g.forward()
    return g


def vectorized(W: Any = DEFAULT_W, x: Any = DEFAULT_X) -> Graph:
    """f(x, W) = ‖W·x‖² = Σ (W·x)_i² with q = W·x (001 "A vectorized example")."""
    g = Graph()
    q = g.matmul(g.input("W", W), g.input("x", x), name="q")
    g.sum(g.square(q, name="s"), name="f")
    g.forward()
    return g


def vectorized_unrolled(W: Any = DEFAULT_W, x: Any = DEFAULT_X) -> Graph:
    """‖W·x‖² with one scalar gate per product and sum; the same gradients as :func:`vectorized`.

    W must be n×m and x of length m, with n, m at most :data:`MAX_UNROLLED`.
    """
    Wa, xa = np.asarray(W, dtype=np.float64), np.asarray(x, dtype=np.float64)
    if Wa.ndim != 2 or xa.shape != (Wa.shape[1],):
        raise ValueError(f"W must be n×m and x of length m, got {Wa.shape} and {xa.shape}")
    if max(Wa.shape) > MAX_UNROLLED:
        raise ValueError(f"unrolling is limited to {MAX_UNROLLED}×{MAX_UNROLLED}")
    g = Graph()
    n, m = Wa.shape
    Wn = [[g.input(f"W{i + 1}{j + 1}", Wa[i, j]) for j in range(m)] for i in range(n)]
    xn = [g.input(f"x{j + 1}", xa[j]) for j in range(m)]
    squares = []
    for i in range(n):
        products = [g.mul(Wn[i][j], xn[j], name=f"p{i + 1}{j + 1}") for j in range(m)]
        q = _sum(g, products, f"q{i + 1}")
        squares.append(g.square(q, name=f"r{i + 1}"))
    _sum(g, squares, "f")
    g.forward()
    return g


BUILDERS: dict[str, Callable[..., Graph]] = {
    "simple": simple, "max_gate": max_gate, "sigmoid_gate": sigmoid_gate,
    "vectorized": vectorized, "vectorized_unrolled": vectorized_unrolled,
}


def gather(graph: Graph, prefix: str, shape: Sequence[int], attr: str = "grad") -> np.ndarray:
    """Collect ``attr`` of the unrolled scalars ``{prefix}{i}{j}`` (or ``{prefix}{i}``) into an
    array of ``shape``, e.g. ``gather(g, "W", (2, 2))`` is ∇W f of the unrolled graph."""
    out = np.empty(tuple(shape))
    for index in np.ndindex(*out.shape):
        label = prefix + "".join(str(k + 1) for k in index)
        out[index] = getattr(graph[label], attr)
    return out


def _sum(g: Graph, terms: list[Node], name: str) -> Node:
    """Add ``terms`` left to right; partial sums are ``{name}_2``, ``{name}_3``, ... ."""
    total = terms[0]
    for k, term in enumerate(terms[1:], start=2):
        total = g.add(total, term, name=name if k == len(terms) else f"{name}_{k}")
    if len(terms) == 1:
        total = g.add_const(total, 0.0, name=name)
    return total
