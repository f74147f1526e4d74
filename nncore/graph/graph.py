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
scalar output, or an explicit ``seed`` (∂f/∂output) of the output's shape. ``evaluate(values)``
re-runs both passes at new inputs without recording a trace.

Text → graph is :func:`nncore.graph.expression.parse_expression` and the networkx export
:func:`nncore.graph.export.to_networkx`: they import this module, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from nncore.graph.gate import GateError, Value, as_value, format_constant, refusal, shapes_text
from nncore.graph.node import Node, Operand, checked_value, is_number
from nncore.graph.ops import ARITY, NEEDS_CONSTANT, fold, formula
from nncore.graph.trace import EdgeStep, Trace, TraceStep, backward_step, edge_step, forward_step


def _gate(op: str) -> Callable[..., Node]:
    """The builder method ``g.mul(a, b, name="f")`` for ``op``; numbers become constants."""

    def build(self: Graph, *operands: Operand, name: str | None = None) -> Node:
        return self.apply(op, *operands, name=name)

    build.__name__ = op
    build.__doc__ = f"q = {_plain(formula(op))}: add a {op} gate (see :meth:`Graph.apply`)."
    return build


def _const_gate(op: str) -> Callable[..., Node]:
    """The builder method for a gate with a constant: ``g.pow(a, 2)``, ``g.add_const(a, 1)``."""

    def build(self: Graph, a: Operand, c: float, name: str | None = None) -> Node:
        return self.apply(op, a, const=c, name=name)

    build.__name__ = op
    build.__doc__ = f"q = {_plain(formula(op))} for a number c: add a {op} gate."
    return build


def _plain(template: str) -> str:
    """``"{a} · {b}"`` -> ``"a · b"``."""
    return template.replace("{", "").replace("}", "")


class Graph:
    """A computational graph of gates over scalars and numpy arrays (see the module docstring)."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        """``reserved``: labels the automatic q1, q2, ... skip (names an expression will use)."""
        self._reserved = frozenset(reserved)
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

    add, sub, mul, div = _gate("add"), _gate("sub"), _gate("mul"), _gate("div")
    max, min, matmul, dot = _gate("max"), _gate("min"), _gate("matmul"), _gate("dot")
    neg, exp, log, reciprocal = _gate("neg"), _gate("exp"), _gate("log"), _gate("reciprocal")
    relu, tanh, sum, square = _gate("relu"), _gate("tanh"), _gate("sum"), _gate("square")
    add_const, mul_const = _const_gate("add_const"), _const_gate("mul_const")
    pow = _const_gate("pow")

    def sigmoid(self, a: Operand, *, fused: bool = True, name: str | None = None,
                inner_names: Iterable[str | None] = (None, None, None)) -> Node:
        """σ(a): one fused sigmoid gate, or with ``fused=False`` the lecture's chain ·(−1), exp,
        +1, 1/x (``inner_names`` label the first three). Both give the same gradients."""
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
        out = self.output
        order = self._compute(out)
        self._forward = [forward_step(k, node, out.label) for k, node in enumerate(order)]
        self._backward, self._stale = [], False
        return out.value

    def backward(self, seed: Any = None) -> dict[str, Value]:
        """Reset gradients, seed ∂f/∂f (1, or ``seed`` for a non-scalar output), run the gates
        in reverse order and record the backward trace. Returns the inputs' gradients by name."""
        if self._stale:
            self.forward()
        out = self.output
        order = self._needed(out)
        parts = self._backpropagate(out, order, _seed(out, seed))
        received: dict[str, list[EdgeStep]] = {node.id: [] for node in order}
        steps = []
        for k, node in enumerate(reversed(order), start=len(self._forward)):
            edges = tuple(_at(node, edge_step, node, i, parts[node.id, i])
                          for i in range(len(node.inputs)))
            for source, edge in zip(node.inputs, edges, strict=True):
                received[source.id].append(edge)
            steps.append(backward_step(k, node, out.label, edges, tuple(received[node.id])))
        self._backward = steps
        return self._input_gradients()

    def run(self, seed: Any = None) -> Trace:
        """Forward, then backward; return the whole trace."""
        self.forward()
        self.backward(seed)
        return self.trace

    def evaluate(self, values: Mapping[str, Any]) -> tuple[Value, dict[str, Value]]:
        """Set the inputs named in ``values``, run both passes, return (f, {input: ∂f/∂input}).

        The graph is built once and re-run: ``g.evaluate({"w1": 0.5, "w2": -1.0})``, with the
        same gates and numbers as ``run()`` but no trace recorded (the trace is cleared). The
        values may be arrays: they are broadcast to one shape and, for a graph of elementwise
        gates, each element is a separate point (f and every gradient have that shape too: the
        backward pass is seeded with ones, so it gives ∂(Σ f)/∂w, whose element k is
        ∂f_k/∂w_k). Gate errors (log of a negative value, ...) raise :class:`GateError`.
        """
        checked = {name: checked_value(name, value) for name, value in values.items()}
        try:
            arrays = np.broadcast_arrays(*checked.values())
        except ValueError:
            raise refusal("expression.shapes", gate="input",
                          shapes=shapes_text(*checked.values())) from None
        for name, value in zip(checked, arrays, strict=True):
            self.set_value(name, value)
        out = self.output
        order = self._compute(out)
        self._backpropagate(out, order, as_value(np.ones_like(out.value)))
        self._forward, self._backward = [], []
        return out.value, self._input_gradients()

    @property
    def trace(self) -> Trace:
        """The last forward steps followed by the last backward steps (if any)."""
        return (*self._forward, *self._backward)

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
            if label not in self._labels and label not in self._reserved:
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

    def _compute(self, out: Node) -> list[Node]:
        """Forward: each gate of ``out``'s ancestors computes (and caches); the nodes in order."""
        self._stale = True
        order = self._needed(out)
        for node in order:
            if node.gate is not None:
                node.value = _at(node, node.gate.forward, *(i.value for i in node.inputs))
        return order

    def _backpropagate(self, out: Node, order: list[Node], seed: Value
                       ) -> dict[tuple[str, int], Value]:
        """Backward: reset the gradients, seed ``out``, send local × upstream down every edge
        (adding at branches). Returns what each (gate id, operand) edge carried."""
        for node in self._nodes.values():
            node.grad = None
        for node in order:
            node.grad = as_value(np.zeros_like(node.value))
        out.grad = seed
        parts: dict[tuple[str, int], Value] = {}
        for node in reversed(order):
            if node.gate is None:
                continue
            for k, (source, part) in enumerate(zip(
                    node.inputs, _at(node, node.gate.backward, node.grad), strict=True)):
                source.grad = source.grad + part
                parts[node.id, k] = part
        return parts

    def _input_gradients(self) -> dict[str, Value]:
        return {name: node.grad for name, node in self.inputs.items() if node.grad is not None}

    def _needed(self, out: Node) -> list[Node]:
        needed = nx.ancestors(self._nx, out.id) | {out.id}
        return [n for n in self._topological() if n.id in needed]


def _at(node: Node, fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn``; a gate error gets the node's id and label added."""
    try:
        return fn(*args)
    except GateError as exc:
        raise exc.at(node.id, node.label) from None


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
