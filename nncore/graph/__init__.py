"""Computational graphs of gates with a recorded forward/backward trace (001, 000 §4.4–4.5).

The package is layered one way, like micrograd's engine → nn: each module imports only modules
before it in this chain (never after, not even inside a function or under ``TYPE_CHECKING``;
``tests/graph/test_layering.py`` checks it)::

    formatting → gate → elementwise, linalg → ops → node → trace → graph, trace_fields
      → expression, export, jacobian, examples → layout

- :mod:`~nncore.graph.gate`: the CS231n ``forward``/``backward`` API and :class:`GateError`;
- :mod:`~nncore.graph.elementwise`: one row per elementwise gate — ``formula``, ``forward``,
  ``local_gradient`` and the ``rule`` the trace shows, together; :mod:`~nncore.graph.linalg`:
  matmul, dot, sum; :mod:`~nncore.graph.ops`: the registry (:data:`OPS`, :func:`make_gate`);
- :mod:`~nncore.graph.node`: the :class:`Node` handle; ``x * y`` is ``graph.apply("mul", x, y)``;
- :mod:`~nncore.graph.trace`: :class:`TraceStep`/:class:`EdgeStep`, the structured records;
  :mod:`~nncore.graph.trace_fields`: the strings they fill into a page's translated templates;
- :class:`Graph`: ``g.input``, ``g.add``, ..., ``forward()``/``backward()``/``run()`` and
  :meth:`Graph.evaluate`;
- :func:`parse_expression` (safe text → graph; refusals are :class:`ExpressionError`),
  :func:`to_networkx` (plain networkx data), :func:`gate_jacobian`/:func:`op_jacobian`,
  :mod:`~nncore.graph.examples` (the lecture's worked graphs), :func:`layered_layout`.

Errors about user input (:class:`ExpressionError`, :class:`GateError`) are
:class:`~nncore.errors.CodedError` s with codes ``expression.*``; their translations are
``errors.expression.*`` in ``assets/i18n/<lang>/errors_expression.toml``.

**A function of a few variables, re-run cheaply** (e.g. for an optimizer race on f(w1, w2))::

    g = parse_expression("(1 - w1)**2 + 10*(w2 - w1**2)**2", {"w1": -1.0, "w2": 1.0})
    f, grads = g.evaluate({"w1": 0.5, "w2": 0.2})    # f and {"w1": ∂f/∂w1, "w2": ∂f/∂w2}

The graph is built once; ``evaluate`` sets the inputs and runs the graph's own forward and
backward passes. The gates work elementwise on numpy arrays, so ``evaluate`` also takes arrays
(broadcast to one shape) and returns f and each gradient per element: one call for all the
racers' positions, or for a whole grid (``np.meshgrid``) to draw contours and gradient arrows.
A value outside a gate's domain (``log(w1)`` at w1 ≤ 0) raises :class:`GateError`.
"""

from nncore.graph import examples
from nncore.graph.export import to_networkx
from nncore.graph.expression import FUNCTIONS, ExpressionError, parse_expression, variable_names
from nncore.graph.formatting import format_number, format_value
from nncore.graph.gate import Gate, GateError, Value
from nncore.graph.graph import Graph
from nncore.graph.jacobian import gate_jacobian, op_jacobian
from nncore.graph.layout import layered_layout
from nncore.graph.node import Node
from nncore.graph.ops import OPS, make_gate
from nncore.graph.trace import Binding, EdgeStep, Formula, Trace, TraceStep
from nncore.graph.trace_fields import clause, edge_fields, factor, forward_fields

__all__ = [
    "FUNCTIONS", "OPS", "Binding", "EdgeStep", "ExpressionError", "Formula", "Gate",
    "GateError", "Graph", "Node", "Trace", "TraceStep", "Value", "clause", "edge_fields",
    "examples", "factor", "format_number", "format_value", "forward_fields", "gate_jacobian",
    "layered_layout", "make_gate", "op_jacobian", "parse_expression", "to_networkx",
    "variable_names",
]
