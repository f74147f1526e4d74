"""A left-to-right layered layout of a graph, with no graphviz.

Layers are the topological generations of the *reversed* graph, counted back from the output:
the output is in the last column and every node sits one column left of its first consumer, so a
late input (z in (x + y)·z) stands next to its gate instead of in the inputs' column. Within a
column, nodes keep creation order from top to bottom, so positions are the same on every rerun.
"""

from __future__ import annotations

import networkx as nx

from nncore.graph.export import to_networkx
from nncore.graph.graph import Graph


def layered_layout(graph: Graph | nx.DiGraph, *, scale: float = 1.0
                   ) -> dict[str, tuple[float, float]]:
    """Positions ``{node id: (x, y)}``: inputs on the left, the output on the right.

    Accepts a :class:`~nncore.graph.graph.Graph` or any networkx DAG (node order = insertion
    order). x grows left to right by column; y decreases down a column.
    """
    g = graph if isinstance(graph, nx.DiGraph) else to_networkx(graph)
    if len(g) == 0:
        return {}
    rank = {node: i for i, node in enumerate(g.nodes)}
    generations = nx.topological_generations(g.reverse(copy=False))
    layers = {-i: sorted(gen, key=rank.__getitem__) for i, gen in enumerate(generations)}
    pos = nx.multipartite_layout(g, subset_key=layers, scale=scale)
    return {node: (float(pos[node][0]), -float(pos[node][1])) for node in g.nodes}
