"""Computational graphs of gates with a recorded forward/backward trace (001, 000 §4.4–4.5).

- :class:`Graph` builds graphs (``g.input``, ``g.add``, operators on nodes, or
  :meth:`Graph.from_expression`), runs ``forward()``/``backward()`` and keeps the :data:`trace`;
- :mod:`~nncore.graph.trace`: :class:`TraceStep`/:class:`EdgeStep`, the structured records;
- :mod:`~nncore.graph.explain`: English text from steps, and the fields for other languages;
- :mod:`~nncore.graph.examples`: the lecture's worked graphs; :mod:`~nncore.graph.jacobian`;
- :func:`layered_layout` positions nodes; ``Graph.to_networkx()`` exports the data.
"""

from nncore.graph import examples
from nncore.graph.explain import ENGLISH, edge_fields, explain, explain_edge, forward_fields
from nncore.graph.expression import FUNCTIONS, ExpressionError, parse_expression
from nncore.graph.formatting import format_number, format_value
from nncore.graph.gate import Gate, GateError, Value
from nncore.graph.graph import Graph
from nncore.graph.jacobian import gate_jacobian, op_jacobian
from nncore.graph.layout import layered_layout
from nncore.graph.node import Node
from nncore.graph.ops import OPS, make_gate
from nncore.graph.trace import Binding, EdgeStep, Formula, Trace, TraceStep

__all__ = [
    "ENGLISH", "FUNCTIONS", "OPS", "Binding", "EdgeStep", "ExpressionError", "Formula", "Gate",
    "GateError", "Graph", "Node", "Trace", "TraceStep", "Value", "edge_fields", "examples",
    "explain", "explain_edge", "format_number", "format_value", "forward_fields",
    "gate_jacobian", "layered_layout", "make_gate", "op_jacobian", "parse_expression",
]
