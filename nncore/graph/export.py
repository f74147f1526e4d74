"""The graph as plain networkx data, for layouts and figures.

``to_networkx(graph)`` returns a ``networkx.MultiDiGraph`` (a DiGraph subclass that allows
parallel edges): the same input node can feed both operands of one gate (x·x), so edges are keyed
``(source id, gate id, operand)`` with operand 0 = a, 1 = b. A value used twice (x·x + x) is one
node with several out-edges: that is the branch where gradients add.

- node attributes: ``op`` (``"input"``, ``"const"`` or a gate key such as ``"mul"``), ``label``,
  ``value`` and ``grad`` (numbers or arrays; None before the passes), ``order`` (position in the
  topological order);
- edge attributes: ``operand``, ``value`` (the forward value carried, i.e. the source's value) and
  ``grad`` (the contribution carried back in the last backward pass, None before it);
- graph attribute ``output``: the id of the output node.

Node ids are ``"n0"``, ``"n1"``, ... in creation order, and nodes and edges are inserted in that
order, so layouts and animation frames are stable across reruns.
"""

from __future__ import annotations

import networkx as nx

from nncore.graph.graph import Graph


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A fresh MultiDiGraph with the attributes described in the module docstring."""
    grads = {(e.source_id, e.target_id, e.operand): e.contribution
             for step in graph.trace if step.phase == "backward" for e in step.edges}
    out = nx.MultiDiGraph(output=graph.output.id)
    nodes = graph.nodes
    for order, node in enumerate(nodes):
        out.add_node(node.id, op=node.op, label=node.label, value=node.value, grad=node.grad,
                     order=order)
    for node in nodes:
        for k, source in enumerate(node.inputs):
            out.add_edge(source.id, node.id, key=k, operand=k, value=source.value,
                         grad=grads.get((source.id, node.id, k)))
    return out
