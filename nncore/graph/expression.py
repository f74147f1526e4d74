"""Safe expressions: ``Graph.from_expression("(x + y) * z", x=-2, y=5, z=-4)``.

The text is parsed with Python's ``ast`` (never evaluated) and only this whitelist is accepted:

- names that were given a value (scalars or arrays), and real number literals;
- the operators ``+ - * / ** @`` and unary ``-`` (unary ``+`` is ignored); ``**`` needs a number
  exponent, at most :data:`MAX_EXPONENT` in size;
- calls with positional arguments of :data:`FUNCTIONS`: exp, log, relu, sigmoid, tanh, sum,
  square (one argument) and max, min, dot (two).

Everything else (attributes, subscripts, lambdas, comprehensions, strings, comparisons, unknown
names, keyword arguments, ...) raises a ``ValueError`` that says what is not allowed and where
(1-based column). Limits checked *before* ``ast.parse``: at most :data:`MAX_LENGTH` characters,
one line, brackets nested at most :data:`MAX_NESTING` deep; after it, the tree at most
:data:`MAX_DEPTH` deep. Parser errors (SyntaxError, RecursionError, MemoryError) become
ValueError too. Numbers fold (``2 * 3 * x`` is ``6·x``); the graph's forward pass runs before the
graph is returned, so numeric hazards (log of a non-positive value, division by zero, overflow)
raise ``ValueError`` naming the node. Intermediate nodes are labelled q1, q2, ... and the output
``f`` (unless an input is called f or the output is an input).
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from nncore.graph.gate import Value
from nncore.graph.graph import Graph
from nncore.graph.node import Node
from nncore.graph.ops import fold

MAX_LENGTH = 1000
MAX_NESTING = 32
MAX_DEPTH = 64
MAX_EXPONENT = 64
FUNCTIONS: dict[str, int] = {
    "exp": 1, "log": 1, "relu": 1, "sigmoid": 1, "tanh": 1, "sum": 1, "square": 1,
    "max": 2, "min": 2, "dot": 2,
}
OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow",
    ast.MatMult: "matmul",
}
REFUSED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access", ast.Subscript: "subscripts", ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions", ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions", ast.GeneratorExp: "comprehensions",
    ast.Compare: "comparisons", ast.BoolOp: "boolean operators", ast.IfExp: "conditionals",
    ast.List: "lists", ast.Tuple: "tuples", ast.Dict: "dicts", ast.Set: "sets",
    ast.NamedExpr: "assignments", ast.JoinedStr: "f-strings", ast.Starred: "starred arguments",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield", ast.Slice: "slices",
}
Result = Node | Value


class ExpressionError(ValueError):
    """The expression is not allowed or cannot be read."""


def parse_expression(text: str, values: Mapping[str, Any], *,
                     expand_sigmoid: bool = False) -> Graph:
    """Build the graph of ``text`` with inputs ``values`` and run its forward pass."""
    source = _checked_text(text)
    tree = _parse(source)
    _check_depth(tree, source)
    builder = _Builder(source, values, expand_sigmoid)
    result = builder.visit(tree.body)
    graph = builder.graph
    if not isinstance(result, Node):
        result = graph.const(result)
    graph.output = result
    if result.op not in ("input", "const") and "f" not in graph:
        graph.rename(result, "f")
    graph.forward()
    return graph


def variable_names(text: str) -> tuple[str, ...]:
    """The variables ``text`` uses, in order of first appearance, without evaluating anything:
    ``variable_names("x * y + max(x, z)")`` is ``("x", "y", "z")``. Function names are not
    variables. The text goes through the same checks as :func:`parse_expression` (length,
    nesting, syntax), so a bad expression raises the same :class:`ExpressionError`."""
    source = _checked_text(text)
    tree = _parse(source)
    _check_depth(tree, source)
    names: dict[str, None] = {}
    stack: list[ast.AST] = [tree.body]
    while stack:  # depth-first, left to right: the order the names are written in
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            names.setdefault(node.id)
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            children.remove(node.func)  # foo(x): foo is a (refused) function, not a variable
        stack.extend(reversed(children))
    return tuple(names)


def _checked_text(text: object) -> str:
    if not isinstance(text, str):
        raise ExpressionError(f"the expression must be text, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is too long: {len(text)} characters "
                              f"(at most {MAX_LENGTH})")
    source = text.strip()
    if not source:
        raise ExpressionError("the expression is empty")
    depth = 0
    for column, ch in enumerate(source, start=1):
        if not ch.isprintable():
            raise ExpressionError(f"the character {ch!r} is not allowed (column {column})")
        depth += (ch in "([{") - (ch in ")]}")
        if depth > MAX_NESTING:
            raise ExpressionError(f"brackets nested deeper than {MAX_NESTING} levels are not "
                                  f"allowed (column {column})")
    return source


def _parse(source: str) -> ast.Expression:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"syntax error: {exc.msg} (column {exc.offset or 1})") from None
    except (RecursionError, MemoryError, ValueError, OverflowError):
        raise ExpressionError("the expression cannot be read: it is too deeply nested or too "
                              "large") from None


def _column(source: str, node: ast.AST) -> int:
    """The 1-based character column of ``node`` (``col_offset`` counts UTF-8 bytes)."""
    offset = getattr(node, "col_offset", 0)
    return len(source.encode("utf-8")[:offset].decode("utf-8", errors="ignore")) + 1


def _check_depth(tree: ast.AST, source: str) -> None:
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError(f"the expression nests deeper than {MAX_DEPTH} levels "
                                  f"(column {_column(source, node)})")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


class _Builder:
    """Walks the checked tree and calls the graph's builders; numbers are folded."""

    def __init__(self, source: str, values: Mapping[str, Any], expand_sigmoid: bool) -> None:
        self.source = source
        self.values = values
        self.expand_sigmoid = expand_sigmoid
        self.graph = Graph()

    def refuse(self, node: ast.AST, what: str) -> ExpressionError:
        return ExpressionError(f"{what} (column {_column(self.source, node)})")

    def visit(self, node: ast.AST) -> Result:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            what = REFUSED.get(type(node), type(node).__name__)
            raise self.refuse(node, f"{what} not allowed")
        try:
            return method(node)
        except ExpressionError:
            raise
        except ValueError as exc:  # a gate's numeric or shape problem while folding
            raise self.refuse(node, str(exc)) from None

    def visit_Constant(self, node: ast.Constant) -> Result:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(node, f"{type(value).__name__} constants are not allowed; "
                                    "only real numbers")
        try:
            number = float(value)
        except OverflowError:
            raise self.refuse(node, "the number is too large") from None
        if number != number or abs(number) == float("inf"):
            raise self.refuse(node, "the number is too large")
        return np.float64(number)

    def visit_Name(self, node: ast.Name) -> Result:
        if node.id in FUNCTIONS:
            raise self.refuse(node, f"the function {node.id!r} must be called, e.g. {node.id}(x)")
        if node.id in self.graph.inputs:
            return self.graph.inputs[node.id]
        if node.id not in self.values:
            raise self.refuse(node, f"the name {node.id!r} has no value; give it one")
        return self.graph.input(node.id, self.values[node.id])

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Result:
        if isinstance(node.op, ast.UAdd):
            return self.visit(node.operand)
        if not isinstance(node.op, ast.USub):
            raise self.refuse(node, f"the operator {type(node.op).__name__} is not allowed")
        return self._build("neg", self.visit(node.operand))

    def visit_BinOp(self, node: ast.BinOp) -> Result:
        op = OPERATORS.get(type(node.op))
        if op is None:
            raise self.refuse(node, f"the operator {type(node.op).__name__} is not allowed; "
                                    "use + - * / ** @")
        left, right = self.visit(node.left), self.visit(node.right)
        if op == "pow":
            if isinstance(right, Node):
                raise self.refuse(node.right, "the exponent must be a number")
            if abs(right) > MAX_EXPONENT:
                raise self.refuse(node.right, f"the exponent {right:g} is beyond the cap of "
                                              f"±{MAX_EXPONENT}")
            return self._build("pow", left, const=right)
        return self._build(op, left, right)

    def visit_Call(self, node: ast.Call) -> Result:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS:
            allowed = ", ".join(FUNCTIONS)
            called = f"{name!r}" if name else "this"
            raise self.refuse(node, f"calling {called} is not allowed; allowed: {allowed}")
        if node.keywords:
            raise self.refuse(node.keywords[0], "keyword arguments are not allowed")
        if len(node.args) != FUNCTIONS[name]:
            raise self.refuse(node, f"{name} takes {FUNCTIONS[name]} argument(s), "
                                    f"got {len(node.args)}")
        args = [self.visit(arg) for arg in node.args]
        if name == "sigmoid" and self.expand_sigmoid and isinstance(args[0], Node):
            return self.graph.sigmoid(args[0], fused=False)
        return self._build(name, *args)

    def _build(self, op: str, *operands: Result, const: float | None = None) -> Result:
        """A gate node, or a plain number when every operand is a number."""
        if all(not isinstance(x, Node) for x in operands):
            return fold(op, *operands, const=const)
        return self.graph.apply(op, *operands, const=const)
