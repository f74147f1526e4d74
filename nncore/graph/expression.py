"""Safe expressions: ``parse_expression("(x + y) * z", {"x": -2, "y": 5, "z": -4})``.

The text is parsed with Python's ``ast`` (never evaluated) and only this whitelist is accepted:

- names that were given a value (scalars or arrays), and real number literals;
- the operators ``+ - * / ** @`` and unary ``-`` (unary ``+`` is ignored); ``**`` needs a number
  exponent, at most :data:`MAX_EXPONENT` in size, checked before anything is raised to it;
- calls with positional arguments of :data:`FUNCTIONS`.

**Characters.** Only printable ASCII is read. Any other character is refused with its column;
when its Unicode compatibility form (NFKC) is ASCII — a fullwidth ``ｘ``, a ligature — or it is a
common maths sign (``−``, ``×``, ``²``), the message says what to type instead ("use x instead
of ｘ"). Python's parser would silently read ``ｘ`` as ``x``; here nothing is read as something
it does not look like.

**Errors.** Every refusal is an :class:`ExpressionError`, a :class:`~nncore.errors.CodedError`
with a stable ``code`` (the keys of :data:`ERRORS`, and the gates' codes for numeric hazards) and
``details`` (``column`` — 1-based, in the text as given —, ``name``, ``limit``, ...). Limits are
checked *before* ``ast.parse``: at most :data:`MAX_LENGTH` characters, one line, brackets
balanced and nested at most :data:`MAX_NESTING` deep; after it, the tree at most
:data:`MAX_DEPTH` deep, and no name or attribute starting with ``__``. Numbers fold
(``2 * 3 * x`` is ``6·x``); the forward pass runs before the graph is returned, so numeric
hazards (log of a non-positive value, division by zero, overflow) are refused too, at the column
of the operation. Intermediate nodes are labelled q1, q2, ... and the output ``f`` (unless an
input is called f or the output is an input).
"""

from __future__ import annotations

import ast
import string
import unicodedata
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from nncore.errors import CodedError
from nncore.graph.gate import GateError, Value
from nncore.graph.graph import Graph
from nncore.graph.node import LEAVES, Node
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
SYMBOLS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|",
    ast.BitAnd: "&", ast.BitXor: "^", ast.Invert: "~", ast.Not: "not",
}
LOOKALIKES = {"−": "-", "–": "-", "×": "*", "·": "*", "÷": "/", "²": "**2", "³": "**3"}
PAIRS = {"(": ")", "[": "]", "{": "}"}
REFUSED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute", ast.Subscript: "subscript", ast.Slice: "subscript",
    ast.Lambda: "lambda", ast.ListComp: "comprehension", ast.SetComp: "comprehension",
    ast.DictComp: "comprehension", ast.GeneratorExp: "comprehension",
    ast.Compare: "comparison", ast.BoolOp: "boolean", ast.IfExp: "conditional",
    ast.List: "collection", ast.Tuple: "collection", ast.Dict: "collection",
    ast.Set: "collection", ast.NamedExpr: "assignment", ast.JoinedStr: "string",
}
COLUMN = " (column {column})"
ERRORS: dict[str, str] = {
    "expression.not_text": "the expression must be text, not {kind}",
    "expression.too_long": "the expression is too long: {length} characters (at most {limit})",
    "expression.empty": "the expression is empty",
    "expression.non_ascii": "only ASCII characters are allowed: '{char}' ({codepoint}) is not"
                            + COLUMN,
    "expression.non_ascii_lookalike": "only ASCII characters are allowed: use {ascii} instead "
                                      "of '{char}'" + COLUMN,
    "expression.control_character": "the control character {codepoint} is not allowed (the "
                                    "expression is one line)" + COLUMN,
    "expression.too_nested": "brackets nested deeper than {limit} levels are not allowed"
                             + COLUMN,
    "expression.unbalanced": "the bracket {char} has no partner" + COLUMN,
    "expression.syntax": "the expression cannot be read: syntax error" + COLUMN,
    "expression.too_complex": "the expression cannot be read: it is too deeply nested or large",
    "expression.too_deep": "the expression nests deeper than {limit} levels" + COLUMN,
    "expression.dunder": "names starting with __ such as {name} are not allowed" + COLUMN,
    "expression.attribute": "attribute access (.{name}) is not allowed" + COLUMN,
    "expression.subscript": "subscripts and slices ([...]) are not allowed" + COLUMN,
    "expression.lambda": "lambdas are not allowed" + COLUMN,
    "expression.comprehension": "comprehensions are not allowed" + COLUMN,
    "expression.comparison": "comparisons are not allowed" + COLUMN,
    "expression.boolean": "boolean operators (and, or) are not allowed" + COLUMN,
    "expression.conditional": "conditionals (if ... else) are not allowed" + COLUMN,
    "expression.collection": "lists, tuples, sets and dicts are not allowed" + COLUMN,
    "expression.assignment": "assignments are not allowed" + COLUMN,
    "expression.string": "text in quotes is not allowed; only real numbers" + COLUMN,
    "expression.literal": "{kind} literals are not allowed; only real numbers" + COLUMN,
    "expression.not_allowed": "{construct} is not allowed" + COLUMN,
    "expression.number_too_large": "the number is too large" + COLUMN,
    "expression.function_not_called": "the function {name} must be called, e.g. {name}(x)"
                                      + COLUMN,
    "expression.unknown_name": "the name '{name}' has no value; give it one" + COLUMN,
    "expression.operator": "the operator {operator} is not allowed; use + - * / ** @" + COLUMN,
    "expression.exponent_not_number": "the exponent must be a number" + COLUMN,
    "expression.exponent_too_large": "the exponent {exponent} is beyond the cap of ±{limit}"
                                     + COLUMN,
    "expression.function": "calling '{name}' is not allowed; allowed: {allowed}" + COLUMN,
    "expression.call_target": "only these functions can be called: {allowed}" + COLUMN,
    "expression.keyword": "keyword arguments are not allowed" + COLUMN,
    "expression.arguments": "{name} takes {expected} argument(s), got {got}" + COLUMN,
}
Result = Node | Value


class ExpressionError(CodedError):
    """The expression is not allowed or cannot be read (see the module docstring)."""


def _refusal(code: str, **details: object) -> ExpressionError:
    return ExpressionError(code, ERRORS[code], **details)


@dataclass(frozen=True)
class Source:
    """The checked text without its surrounding blanks; ``lead`` blanks were cut at the start."""

    text: str
    lead: int

    def column(self, node: ast.AST) -> int:
        """The 1-based column of ``node`` in the text as given (the text is ASCII)."""
        return self.lead + getattr(node, "col_offset", 0) + 1


def parse_expression(text: str, values: Mapping[str, Any] | None = None, *,
                     expand_sigmoid: bool = False) -> Graph:
    """Build the graph of ``text`` with inputs ``values`` and run its forward pass.

    ``expand_sigmoid`` draws sigmoid(...) as the lecture's chain ·(−1), exp, +1, 1/x.
    """
    source, tree = _read(text)
    builder = _Builder(source, values or {}, expand_sigmoid, _names(tree))
    result = builder.visit(tree.body)
    graph = builder.graph
    if not isinstance(result, Node):
        result = graph.const(result)
    graph.output = result
    if result.op not in LEAVES and "f" not in graph:
        graph.rename(result, "f")
    try:
        graph.forward()
    except GateError as exc:
        raise _at_column(exc, builder.columns.get(str(exc.details.get("node")), 1)) from None
    return graph


def _at_column(exc: GateError, column: int) -> ExpressionError:
    """A gate's refusal as an expression error at ``column`` (the same code and details)."""
    details = {k: v for k, v in exc.details.items() if k not in ("node", "label")}
    return ExpressionError(exc.code, exc.template + COLUMN, **details, column=column)


def variable_names(text: str) -> tuple[str, ...]:
    """The variables ``text`` uses, in order of first appearance, without evaluating anything:
    ``variable_names("x * y + max(x, z)")`` is ``("x", "y", "z")``. Function names are not
    variables. The text goes through the same checks as :func:`parse_expression` (characters,
    length, nesting, syntax), so a bad expression raises the same :class:`ExpressionError`."""
    return _names(_read(text)[1])


def _names(tree: ast.Expression) -> tuple[str, ...]:
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


def _read(text: object) -> tuple[Source, ast.Expression]:
    """Every check before building: the text, the parse, the tree."""
    source = _checked_text(text)
    tree = _parse(source)
    _check_tree(tree, source)
    return source, tree


def _checked_text(text: object) -> Source:
    if not isinstance(text, str):
        raise _refusal("expression.not_text", kind=type(text).__name__)
    if len(text) > MAX_LENGTH:
        raise _refusal("expression.too_long", length=len(text), limit=MAX_LENGTH)
    stripped = text.strip(string.whitespace)
    if not stripped:
        raise _refusal("expression.empty")
    source = Source(stripped, len(text) - len(text.lstrip(string.whitespace)))
    for column, ch in enumerate(source.text, start=source.lead + 1):
        if not ch.isascii():
            raise _non_ascii(ch, column)
        if not ch.isprintable():
            raise _refusal("expression.control_character", codepoint=f"U+{ord(ch):04X}",
                           column=column)
    _check_brackets(source)
    return source


def _non_ascii(ch: str, column: int) -> ExpressionError:
    """Refuse ``ch``, suggesting the ASCII text it stands for when there is one."""
    ascii_text = LOOKALIKES.get(ch) or unicodedata.normalize("NFKC", ch)
    if ascii_text.isascii() and ascii_text.isprintable() and ascii_text.strip():
        return _refusal("expression.non_ascii_lookalike", char=ch, ascii=ascii_text,
                        column=column)
    return _refusal("expression.non_ascii", char=ch, codepoint=f"U+{ord(ch):04X}",
                    column=column)


def _check_brackets(source: Source) -> None:
    opened: list[tuple[str, int]] = []
    for column, ch in enumerate(source.text, start=source.lead + 1):
        if ch in PAIRS:
            opened.append((ch, column))
            if len(opened) > MAX_NESTING:
                raise _refusal("expression.too_nested", limit=MAX_NESTING, column=column)
        elif ch in PAIRS.values():
            if not opened or PAIRS[opened[-1][0]] != ch:
                raise _refusal("expression.unbalanced", char=ch, column=column)
            opened.pop()
    if opened:
        ch, column = opened[-1]
        raise _refusal("expression.unbalanced", char=ch, column=column)


def _parse(source: Source) -> ast.Expression:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source.text, mode="eval")
    except SyntaxError as exc:
        raise _refusal("expression.syntax", column=source.lead + (exc.offset or 1)) from None
    except (RecursionError, MemoryError, ValueError, OverflowError):
        raise _refusal("expression.too_complex") from None


def _check_tree(tree: ast.AST, source: Source) -> None:
    """At most :data:`MAX_DEPTH` levels, and no ``__names`` (walked without recursion)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _refusal("expression.too_deep", limit=MAX_DEPTH, column=source.column(node))
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
        if isinstance(name, str) and name.startswith("__"):
            raise _refusal("expression.dunder", name=name, column=source.column(node))
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


class _Builder:
    """Walks the checked tree and calls the graph's builders; numbers are folded. ``columns``
    maps each node id to the column of the text that made it."""

    def __init__(self, source: Source, values: Mapping[str, Any], expand_sigmoid: bool,
                 names: tuple[str, ...]) -> None:
        self.source = source
        self.values = values
        self.expand_sigmoid = expand_sigmoid
        self.graph = Graph(reserved=names)
        self.columns: dict[str, int] = {}

    def refuse(self, node: ast.AST, code: str, **details: object) -> ExpressionError:
        return _refusal(code, **details, column=self.source.column(node))

    def refuse_construct(self, node: ast.AST) -> ExpressionError:
        """The refusal of a construct outside the whitelist (attribute, lambda, ...)."""
        if isinstance(node, ast.Attribute):
            return self.refuse(node, "expression.attribute", name=node.attr)
        kind = REFUSED.get(type(node))
        if kind is None:
            return self.refuse(node, "expression.not_allowed", construct=type(node).__name__)
        return self.refuse(node, f"expression.{kind}")

    def visit(self, node: ast.AST) -> Result:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise self.refuse_construct(node)
        before = len(self.graph)
        try:
            result = method(node)
        except GateError as exc:  # a value or a folded number outside a gate's domain
            raise _at_column(exc, self.source.column(node)) from None
        for k in range(before, len(self.graph)):  # node ids are n0, n1, ... in creation order
            self.columns.setdefault(f"n{k}", self.source.column(node))
        return result

    def visit_Constant(self, node: ast.Constant) -> Result:
        value = node.value
        if isinstance(value, str | bytes):
            raise self.refuse(node, "expression.string")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(node, "expression.literal", kind=type(value).__name__)
        try:
            number = float(value)
        except OverflowError:
            raise self.refuse(node, "expression.number_too_large") from None
        if not np.isfinite(number):
            raise self.refuse(node, "expression.number_too_large")
        return np.float64(number)

    def visit_Name(self, node: ast.Name) -> Result:
        if node.id in FUNCTIONS:
            raise self.refuse(node, "expression.function_not_called", name=node.id)
        if node.id in self.graph.inputs:
            return self.graph.inputs[node.id]
        if node.id not in self.values:
            raise self.refuse(node, "expression.unknown_name", name=node.id)
        return self.graph.input(node.id, self.values[node.id])

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Result:
        if isinstance(node.op, ast.UAdd):
            return self.visit(node.operand)
        if not isinstance(node.op, ast.USub):
            raise self.refuse(node, "expression.operator", operator=SYMBOLS[type(node.op)])
        return self._build("neg", self.visit(node.operand))

    def visit_BinOp(self, node: ast.BinOp) -> Result:
        op = OPERATORS.get(type(node.op))
        if op is None:
            raise self.refuse(node, "expression.operator", operator=SYMBOLS[type(node.op)])
        left, right = self.visit(node.left), self.visit(node.right)
        if op != "pow":
            return self._build(op, left, right)
        if isinstance(right, Node):
            raise self.refuse(node.right, "expression.exponent_not_number")
        if abs(right) > MAX_EXPONENT:
            raise self.refuse(node.right, "expression.exponent_too_large",
                              exponent=f"{right:g}", limit=MAX_EXPONENT)
        return self._build("pow", left, const=float(right))

    def visit_Call(self, node: ast.Call) -> Result:
        allowed = ", ".join(FUNCTIONS)
        if not isinstance(node.func, ast.Name):
            self.visit(node.func)  # refuses attributes, lambdas, ... under their own codes
            raise self.refuse(node, "expression.call_target", allowed=allowed)
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.refuse(node, "expression.function", name=name, allowed=allowed)
        if node.keywords:
            raise self.refuse(node.keywords[0], "expression.keyword")
        if len(node.args) != FUNCTIONS[name]:
            raise self.refuse(node, "expression.arguments", name=name, expected=FUNCTIONS[name],
                              got=len(node.args))
        args = [self.visit(arg) for arg in node.args]
        if name == "sigmoid" and self.expand_sigmoid and isinstance(args[0], Node):
            return self.graph.sigmoid(args[0], fused=False)
        return self._build(name, *args)

    def _build(self, op: str, *operands: Result, const: float | None = None) -> Result:
        """A gate node, or a plain number when every operand is a number."""
        if all(not isinstance(x, Node) for x in operands):
            return fold(op, *operands, const=const)
        return self.graph.apply(op, *operands, const=const)
