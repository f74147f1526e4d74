"""Explicit Jacobians of one gate, for small sizes (001 "Gradients for vectorized code").

J[i, j] = ∂out_i/∂in_j, with both sides flattened row-major. An elementwise gate has a diagonal
Jacobian; q = W·x has ∂q/∂x = W. The backward pass never builds J — it computes the
vector-Jacobian product gᵀJ directly — and row i here is exactly the backward pass seeded with the
one-hot g = e_i. For a 4096-vector J would be 4096×4096, so sizes above :data:`MAX_SIDE` are
refused with ValueError.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nncore.graph.gate import Gate
from nncore.graph.graph import Graph
from nncore.graph.node import Node
from nncore.graph.ops import make_gate

MAX_SIDE = 64


def op_jacobian(op: str, *values: Any, wrt: int = 0, const: float | None = None) -> np.ndarray:
    """The Jacobian of gate ``op`` at ``values`` w.r.t. operand ``wrt``, e.g.
    ``op_jacobian("relu", [1.0, -2.0, 3.0])`` = diag(1, 0, 1)."""
    gate = make_gate(op, const)
    gate.forward(*values)
    if not 0 <= wrt < gate.arity:
        raise ValueError(f"{op} has {gate.arity} operand(s); wrt={wrt} is not one of them")
    return _jacobian(gate, (wrt,))


def gate_jacobian(graph: Graph, node: Node | str, wrt: Node | str | int) -> np.ndarray:
    """The Jacobian of the gate at ``node`` w.r.t. its input ``wrt`` (a node, id, label or operand
    position) after a forward pass. If that input feeds several operands (x·x), their Jacobians
    add: the total derivative."""
    target = graph[node] if isinstance(node, str) else node
    if target.gate is None or target.gate.output is None:
        raise ValueError(f"{target.label!r} is not a gate with a computed value; run forward()")
    if isinstance(wrt, int):
        if not 0 <= wrt < len(target.inputs):
            raise ValueError(f"{target.label!r} has no operand {wrt}")
        operands: tuple[int, ...] = (wrt,)
    else:
        source = graph[wrt] if isinstance(wrt, str) else wrt
        operands = tuple(k for k, i in enumerate(target.inputs) if i is source)
        if not operands:
            raise ValueError(f"{source.label!r} is not an input of {target.label!r}")
    return _jacobian(target.gate, operands)


def _jacobian(gate: Gate, operands: tuple[int, ...]) -> np.ndarray:
    out_shape = np.shape(gate.output)
    rows, cols = int(np.prod(out_shape)), int(np.size(gate.inputs[operands[0]]))
    if rows > MAX_SIDE or cols > MAX_SIDE:
        raise ValueError(f"the Jacobian would be {rows}×{cols}; explicit Jacobians are limited to "
                         f"{MAX_SIDE}×{MAX_SIDE} (backprop never builds them)")
    jac = np.zeros((rows, cols))
    for i in range(rows):
        seed = np.zeros(rows)
        seed[i] = 1.0
        parts = gate.backward(seed.reshape(out_shape))
        jac[i] = sum(np.ravel(parts[k]) for k in operands)
    return jac
