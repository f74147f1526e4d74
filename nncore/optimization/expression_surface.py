""""Your own" surface: f(w1, w2) typed as text, read by the safe parser of :mod:`nncore.graph`.

The text is never evaluated: :func:`nncore.graph.parse_expression` builds a computational graph
of gates from it (or refuses it with its own clear :class:`~nncore.graph.ExpressionError`).
Values come from the graph's forward pass and the gradient (∂f/∂w1, ∂f/∂w2) from its own
backward pass, the same backward the graph pages step through (:meth:`Graph.evaluate`).

The gates act elementwise, so one pass evaluates many points at once: w1 and w2 are given as
arrays (the racers' positions, or the whole grid of the contour plot) and the backward pass is
seeded with ones, which gives every point its own gradient. ``sum``, ``dot`` and ``@`` would mix
the points, so a surface may not use them (on two numbers they are not needed anyway).

Where a gate cannot compute (log of a negative number, division by zero) the graph raises its
:class:`~nncore.graph.GateError`: at the start or on the contour grid it reaches the caller
(the page says where), at a racer's point the racer gets NaN and stops ("undefined").
"""

from __future__ import annotations

import numpy as np

from nncore.errors import CodedError
from nncore.graph import Graph, parse_expression
from nncore.graph.expression import variable_names
from nncore.optimization.surfaces import Point, Surface, Window

VARIABLES = ("w1", "w2")
MIXING_OPS = {"sum": "sum", "dot": "dot", "matmul": "@"}  # gates that combine array entries


class SurfaceError(CodedError):
    """A typed surface that cannot be used, beyond the parser's own refusals. Codes:
    ``surface.unknown_name`` (details ``name``), ``surface.mixing`` (details ``op``)."""


class ExpressionSurface(Surface):
    """f(w1, w2) from ``text``, drawn over ``window`` (its minimum is not known)."""

    key = "own"

    def __init__(self, text: str, window: Window, start: Point) -> None:
        """Parse ``text`` and compute f at ``start``: the parser's ``ExpressionError``, the
        graph's ``GateError`` (f undefined at the start), or :class:`SurfaceError` (a name
        other than w1 and w2; sum, dot or @)."""
        for name in variable_names(text):
            if name not in VARIABLES:
                raise SurfaceError("surface.unknown_name",
                                   "a surface may only use w1 and w2; {name} is neither",
                                   name=name)
        self.graph: Graph = parse_expression(text, {"w1": start[0], "w2": start[1]})
        for node in self.graph.nodes:
            if node.op in MIXING_OPS:
                raise SurfaceError("surface.mixing", "{op} combines the entries of arrays; a "
                                   "surface is written with the numbers w1 and w2 only",
                                   op=MIXING_OPS[node.op])
        self.text = text.strip()
        self.window = window
        self.start = start

    def _passes(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                              np.ndarray]:
        """The graph's forward and backward passes at all the points at once."""
        values = {n: v for n, v in zip(VARIABLES, (w1, w2), strict=True) if n in self.graph.inputs}
        f, grads = self.graph.evaluate(values)
        f1, g1, g2 = (np.broadcast_to(np.asarray(x, dtype=np.float64), w1.shape).copy()
                      for x in (f, grads.get("w1", 0.0), grads.get("w2", 0.0)))
        return f1, g1, g2

    def _evaluate(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                np.ndarray]:
        """All points in one pass; where the graph refuses some point, the points one by one,
        NaN where it fails."""
        try:
            return self._passes(w1, w2)
        except CodedError:
            if w1.size == 1:
                nan = np.full(w1.shape, np.nan)
                return nan, nan.copy(), nan.copy()
        parts = [self._evaluate(a.reshape(1), b.reshape(1)) for a, b in zip(w1, w2, strict=True)]
        f, g1, g2 = (np.concatenate(column) for column in zip(*parts, strict=True))
        return f, g1, g2

    def values_on(self, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        """f on the grid in one pass; the graph's ``GateError`` when f cannot be computed
        everywhere on it (a smaller window or another f is needed)."""
        W1, W2 = np.meshgrid(w1, w2)
        return self._passes(W1, W2)[0]
