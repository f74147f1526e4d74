"""The computational graph: nodes in topological order, a recorded forward and backward pass.

Follows 001 "Modularized implementation": ``forward()`` runs the gates in topological order (each
caches what its backward needs) and returns the output; ``backward()`` seeds ∂f/∂f = 1 and runs
the gates in reverse order, each sending local derivative × upstream to its inputs; a node used
by several gates adds what it receives (001 "Gradients add at branches", 000 §4.5.2).

Build a graph micrograd-style::

    g = Graph()
    x, y = g.input("x", -2.0), g.input("y", 5.0)
    q = g.add(x, y, name="q")          # or q = x + y (auto label "q1")
    f = g.mul(q, g.input("z", -4.0), name="f")
    g.forward(); g.backward()          # or trace = g.run()
    g["x"].grad                        # -4.0

Structure: a networkx ``MultiDiGraph`` keyed ``(input id, gate id, operand)`` — the operand key
lets the same node feed both inputs of a gate (x·x). Node ids are ``"n0"``, ``"n1"``, ... in
creation order; labels are the names shown (inputs' names, ``name=``, else ``q1``, ``q2``, ...).
``backward()`` resets every gradient first, so calling it twice gives the same answer. It needs a
scalar output, or an explicit ``seed`` (∂f/∂output) of the output's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import numpy as np

from nncore.graph.gate import GateError, Value, as_value, format_constant
from nncore.graph.node import Node, Operand, checked_value, is_number
from nncore.graph.ops import ARITY, NEEDS_CONSTANT, fold
from nncore.graph.trace import EdgeStep, Trace, TraceStep, backward_step, edge_step, forward_step


def _gate(op: str, doc: str) -> Callable[..., Node]:
    """A builder method for ``op``: ``g.mul(a, b, name="f")``; numbers become constants."""

    def build(self: Graph, *operands: Operand, name: str | None = None) -> Node:
        return self.apply(op, *operands, name=name)

    build.__name__, build.__doc__ = op, doc
    return build


def _const_gate(op: str, doc: str) -> Callable[..., Node]:
    """A builder method for a gate with a constant: ``g.pow(a, 2)``, ``g.add_const(a, 1)``."""

    def build(self: Graph, a: Operand, c: float, name: str | None = None) -> Node:
        return self.apply(op, a, const=c, name=name)

    build.__name__, build.__doc__ = op, doc
    return build


class Graph:
    """A computational graph of gates over scalars and numpy arrays (see the module docstring)."""

    def __init__(self) -> None:
        self._nx = nx.MultiDiGraph()
        self._nodes: dict[str, Node] = {}
        self._labels: dict[str, Node] = {}
        self._output: Node | None = None
        self._order: list[Node] | None = None
        self._forward: list[TraceStep] = []
        self._backward: list[TraceStep] = []
        self._stale = True
        self._counters: dict[str, int] = {}

    # --- leaves ---------------------------------------------------------------------------
    def input(self, name: str, value: Any) -> Node:
        """A named input variable (scalar or array); its label is ``name``."""
        return self._new(self._claim(name), "input", (), value=checked_value(name, value))

    def const(self, value: Any, name: str | None = None) -> Node:
        """A constant leaf, labelled by its value (``"2"``) or ``c1``, ``c2`` for arrays."""
        checked = checked_value("constant", value)
        if name is None and np.ndim(checked) == 0:
            return self._new(format_constant(float(checked)), "const", (), value=checked,
                             unique=False)
        return self._new(self._claim(name) if name else self._fresh("c"), "const", (),
                         value=checked)

    # --- gates ----------------------------------------------------------------------------
    def apply(self, op: str, *operands: Operand, name: str | None = None,
              const: float | None = None) -> Node:
        """Add an ``op`` gate over ``operands`` (nodes or numbers) and return its node.

        Numbers combine with a node the way the lecture draws them: ``x + 1`` and ``2·x`` become
        add_const and mul_const gates, ``x − 1`` add_const(-1), ``1/x`` a reciprocal gate; any
        other number becomes a constant leaf. All-number operands fold into one constant.
        """
        if op not in ARITY:
            raise ValueError(f"unknown gate {op!r}")
        if len(operands) != ARITY[op]:
            raise ValueError(f"{op} takes {ARITY[op]} operand(s), got {len(operands)}")
        if (const is not None or op in NEEDS_CONSTANT) and not is_number(const):
            raise ValueError(f"the {op} gate needs a number constant (e.g. an exponent), "
                             f"got {type(const).__name__}")
        if all(is_number(x) for x in operands):
            return self.const(fold(op, *operands, const=const), name=name)
        rewritten = self._with_number(op, operands)
        if rewritten is not None:
            new_op, node, c = rewritten
            return self.apply(new_op, node, const=c, name=name)
        nodes = tuple(self._as_node(x) for x in operands)
        label = self._claim(name) if name is not None else self._fresh("q")
        return self._new(label, op, nodes, const=None if const is None else float(const))

    def _with_number(self, op: str, operands: tuple[Operand, ...]) -> tuple[str, Node, Any] | None:
        if len(operands) != 2 or not any(is_number(x) for x in operands):
            return None
        a, b = operands
        if op in ("add", "mul"):
            node, c = (b, a) if is_number(a) else (a, b)
            return f"{op}_const", self._as_node(node), float(c)
        if op == "sub" and is_number(b):
            return "add_const", self._as_node(a), -float(b)
        if op == "div" and is_number(a) and a == 1:
            return "reciprocal", self._as_node(b), None
        return None

    add = _gate("add", "q = a + b; local derivatives 1 and 1 (add distributes).")
    sub = _gate("sub", "q = a − b; local derivatives 1 and -1.")
    mul = _gate("mul", "q = a · b; local derivatives b and a (mul switches).")
    div = _gate("div", "q = a / b; local derivatives 1/b and -a/b².")
    max = _gate("max", "q = max(a, b); local derivatives 1[a ≥ b] and 1[b > a] (max routes).")
    min = _gate("min", "q = min(a, b); local derivatives 1[a ≤ b] and 1[b < a].")
    matmul = _gate("matmul", "q = W·x; contributions g·xᵀ and Wᵀ·g.")
    dot = _gate("dot", "q = a·b for 1-D vectors; local derivatives b and a.")
    neg = _gate("neg", "q = -a; local derivative -1.")
    exp = _gate("exp", "q = e^a; local derivative e^a.")
    log = _gate("log", "q = log(a); local derivative 1/a (a > 0).")
    reciprocal = _gate("reciprocal", "q = 1/a; local derivative -1/a².")
    relu = _gate("relu", "q = max(0, a); local derivative 1[a > 0].")
    tanh = _gate("tanh", "q = tanh(a); local derivative 1 − tanh²(a).")
    sum = _gate("sum", "q = Σ a; local derivative 1 for every element.")
    square = _gate("square", "q = a²; local derivative 2·a.")
    add_const = _const_gate("add_const", "q = a + c; local derivative 1.")
    mul_const = _const_gate("mul_const", "q = a · c; local derivative c.")
    pow = _const_gate("pow", "q = a^c for a number c; local derivative c·a^(c−1).")

    def sigmoid(self, a: Operand, *, fused: bool = True, name: str | None = None,
                inner_names: Iterable[str | None] = (None, None, None)) -> Node:
        """σ(a) = 1/(1 + e^-a): one fused gate (local derivative (1 − σ)σ), or with
        ``fused=False`` the lecture's chain ·(−1), exp, +1, 1/x (``inner_names`` label the
        first three). Both give the same gradients."""
        if fused:
            return self.apply("sigmoid", a, name=name)
        names = tuple(inner_names)
        if len(names) != 3:
            raise ValueError("inner_names needs three labels (or None): ·(−1), exp, +1")
        negated = self.apply("mul_const", a, const=-1.0, name=names[0])
        exp = self.apply("exp", negated, name=names[1])
        return self.apply("reciprocal", self.apply("add_const", exp, const=1.0, name=names[2]),
                          name=name)

    # --- structure ------------------------------------------------------------------------
    @property
    def nodes(self) -> tuple[Node, ...]:
        """All nodes in topological order (deterministic: ties broken by creation order)."""
        return tuple(self._topological())

    @property
    def inputs(self) -> dict[str, Node]:
        """The input nodes by name, in creation order."""
        return {n.label: n for n in self._nodes.values() if n.op == "input"}

    @property
    def output(self) -> Node:
        """The output node: the last node created unless set explicitly."""
        if self._output is None:
            if not self._nodes:
                raise ValueError("the graph is empty")
            return next(reversed(self._nodes.values()))
        return self._output

    @output.setter
    def output(self, node: Node) -> None:
        self._output = self._own(node)
        self._stale = True

    def __getitem__(self, key: str) -> Node:
        """A node by id (``"n3"``) or by label (``"q"``; constants are found by id only)."""
        node = self._nodes.get(key) or self._labels.get(key)
        if node is None:
            raise KeyError(key)
        return node

    def __contains__(self, key: object) -> bool:
        return key in self._nodes or key in self._labels

    def __len__(self) -> int:
        return len(self._nodes)

    def rename(self, node: Node, label: str) -> None:
        """Give ``node`` a new (unique) label."""
        self._own(node)
        if self._labels.get(node.label) is node:
            del self._labels[node.label]
        node.label = self._claim(label)
        self._labels[label] = node
        self._stale = True

    def set_value(self, name: str, value: Any) -> None:
        """Change an input's value; the next pass recomputes everything."""
        node = self.inputs.get(name)
        if node is None:
            raise KeyError(f"no input named {name!r}")
        node.value = checked_value(name, value)
        self._stale = True

    # --- the two passes -------------------------------------------------------------------
    def forward(self) -> Value:
        """Compute every node the output depends on, record the forward trace, return f."""
        self._stale = True
        out = self.output
        order = self._needed(out)
        steps = []
        for k, node in enumerate(order):
            if node.gate is not None:
                node.value = _at(node, node.gate.forward, *(i.value for i in node.inputs))
            steps.append(forward_step(k, node, out.label))
        self._forward, self._backward, self._stale = steps, [], False
        return out.value

    def backward(self, seed: Any = None) -> dict[str, Value]:
        """Reset gradients, seed ∂f/∂f (1, or ``seed`` for a non-scalar output), run the gates
        in reverse order and record the backward trace. Returns the inputs' gradients by name."""
        if self._stale:
            self.forward()
        out = self.output
        order = self._needed(out)
        for node in self._nodes.values():
            node.grad = None
        for node in order:
            node.grad = as_value(np.zeros_like(node.value))
        out.grad = _seed(out, seed)
        received: dict[str, list[EdgeStep]] = {node.id: [] for node in order}
        steps = []
        for k, node in enumerate(reversed(order), start=len(self._forward)):
            edges: tuple[EdgeStep, ...] = ()
            if node.gate is not None:
                parts = _at(node, node.gate.backward, node.grad)
                edges = tuple(_at(node, edge_step, node, i, p) for i, p in enumerate(parts))
                for source, edge in zip(node.inputs, edges, strict=True):
                    source.grad = source.grad + edge.contribution
                    received[source.id].append(edge)
            steps.append(backward_step(k, node, out.label, edges, tuple(received[node.id])))
        self._backward = steps
        return {name: node.grad for name, node in self.inputs.items() if node.grad is not None}

    def run(self, seed: Any = None) -> Trace:
        """Forward, then backward; return the whole trace."""
        self.forward()
        self.backward(seed)
        return self.trace

    @property
    def trace(self) -> Trace:
        """The last forward steps followed by the last backward steps (if any)."""
        return (*self._forward, *self._backward)

    # --- export ---------------------------------------------------------------------------
    def edge_gradients(self) -> dict[tuple[str, str, int], Value]:
        """What each edge ``(source, gate, operand)`` carried back in the last backward pass."""
        return {(e.source_id, e.target_id, e.operand): e.contribution
                for step in self._backward for e in step.edges}

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy as a networkx MultiDiGraph (see :mod:`nncore.graph.export`)."""
        from nncore.graph.export import to_networkx

        return to_networkx(self)

    @classmethod
    def from_expression(cls, text: str, /, *, expand_sigmoid: bool = False,
                        **values: Any) -> Graph:
        """Parse ``text`` safely (see :mod:`nncore.graph.expression`) and run the forward pass."""
        from nncore.graph.expression import parse_expression

        return parse_expression(text, values, expand_sigmoid=expand_sigmoid)

    # --- internals ------------------------------------------------------------------------
    def _new(self, label: str, op: str, inputs: tuple[Node, ...], *, value: Value | None = None,
             const: float | None = None, unique: bool = True) -> Node:
        node = Node(self, f"n{len(self._nodes)}", label, op, inputs, value, const)
        self._nodes[node.id] = node
        if unique:
            self._labels[label] = node
        self._nx.add_node(node.id)
        self._nx.add_edges_from((i.id, node.id, k) for k, i in enumerate(inputs))
        self._order, self._stale = None, True
        return node

    def _claim(self, label: str) -> str:
        if not isinstance(label, str) or not label:
            raise ValueError(f"a label must be a non-empty string, got {label!r}")
        if label in self._labels:
            raise ValueError(f"the label {label!r} is already used")
        return label

    def _fresh(self, prefix: str) -> str:
        """The next automatic label ``q1``, ``q2``, ... (``c1``, ... for arrays) not yet used."""
        while True:
            self._counters[prefix] = self._counters.get(prefix, 0) + 1
            label = f"{prefix}{self._counters[prefix]}"
            if label not in self._labels:
                return label

    def _own(self, node: Node) -> Node:
        if not isinstance(node, Node) or self._nodes.get(node.id) is not node:
            raise ValueError(f"{node!r} is not a node of this graph")
        return node

    def _as_node(self, x: Operand) -> Node:
        return self._own(x) if isinstance(x, Node) else self.const(x)

    def _topological(self) -> list[Node]:
        if self._order is None:
            ids = nx.lexicographical_topological_sort(self._nx, key=lambda n: int(n[1:]))
            self._order = [self._nodes[i] for i in ids]
        return self._order

    def _needed(self, out: Node) -> list[Node]:
        needed = nx.ancestors(self._nx, out.id) | {out.id}
        return [n for n in self._topological() if n.id in needed]


def _at(node: Node, fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn``; a gate error gets the node's id and label added."""
    try:
        return fn(*args)
    except GateError as exc:
        raise GateError(f"{exc} at node {node.id} ({node.label!r})") from None


def _seed(out: Node, seed: Any) -> Value:
    shape = np.shape(out.value)
    if seed is None:
        if shape != ():
            raise ValueError(f"the output {out.label!r} has shape {shape}: backward needs a scalar "
                             "output or an explicit seed of that shape")
        return np.float64(1.0)
    checked = checked_value("seed", seed)
    if np.shape(checked) != shape:
        raise ValueError(f"the seed has shape {np.shape(checked)}, the output {shape}")
    return checked
