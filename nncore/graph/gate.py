"""The gate: one node's computation, with the CS231n forward/backward API.

``forward(*inputs)`` computes the output and caches what the local derivatives need (001,
"Modularized implementation": *must keep these around!*). ``backward(upstream)`` consumes the cache
and returns, for each input, ``[local gradient] × [upstream gradient]`` — the chain rule one gate
at a time. Values are float64: a numpy scalar (``np.float64``) or an ``np.ndarray``.

Every gate also describes itself for the trace, in language-neutral math notation:

- ``formula``: the forward computation as a template over placeholders;
- ``rules()``: per input, the local derivative as a template.

Placeholders: ``{a}``, ``{b}`` the inputs, ``{y}`` the output, ``{c}`` the gate's constant, ``{g}``
the upstream gradient, plus gate-specific ones (``{s}`` = σ(a) for the sigmoid). A rule has one of
two forms: ``PRODUCT`` (contribution = local ⊙ upstream, elementwise) or ``VJP`` (the rule already
contains ``{g}``, as matmul's do). Numeric hazards (log of a non-positive value, division by zero,
overflow) raise :class:`GateError`, a :class:`~nncore.errors.CodedError` with codes
``expression.*``; its ``details`` always hold ``gate`` (the op key), and the graph adds ``node``
and ``label`` when a pass fails at a node (:meth:`GateError.at`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeAlias

import numpy as np

from nncore.errors import CodedError

Value: TypeAlias = np.float64 | np.ndarray
PRODUCT = "product"
VJP = "vjp"
ERRORS: dict[str, str] = {
    "expression.overflow": "numeric overflow in the {gate} gate (the result is not finite)",
    "expression.division_by_zero": "division by zero in the {gate} gate",
    "expression.invalid_value": "an undefined result (such as 0/0) in the {gate} gate",
    "expression.shapes": "the {gate} gate cannot combine arrays of shapes {shapes}",
    "expression.gate_arity": "the {gate} gate takes {expected} input(s), got {got}",
    "expression.not_real": "the {gate} gate needs real numbers or arrays of real numbers",
}
AT_NODE = " at node {node} ({label})"


class GateError(CodedError):
    """A gate cannot compute: a value outside its domain, an overflow or shapes that do not fit.

    ``template`` (without the location) is kept so that a caller can say where it happened
    under the same ``code``: :meth:`at` for a graph node, the expression parser for a column.
    """

    def __init__(self, code: str, template: str, *, location: str = "",
                 **details: object) -> None:
        super().__init__(code, template + location, **details)
        self.template = template

    def at(self, node_id: str, label: str) -> GateError:
        """The same error, located at a graph node: ``... at node n3 (q2)``."""
        return GateError(self.code, self.template, location=AT_NODE, **self.details,
                         node=node_id, label=label)


def refusal(code: str, **details: object) -> GateError:
    """A :class:`GateError` with this module's English template for ``code``."""
    return GateError(code, ERRORS[code], **details)


def shapes_text(*xs: Value) -> str:
    """``(2, 3) and (3,)``: operand shapes as they appear in messages."""
    return " and ".join(str(np.shape(x)) for x in xs)


def as_value(x: Any) -> Value:
    """``x`` as float64: a numpy scalar for 0-d data, else an array (not copied if already one).

    Raises ``TypeError`` or ``ValueError`` for what is not real numbers."""
    arr = np.asarray(x, dtype=np.float64)
    return arr[()] if arr.ndim == 0 else arr


def unbroadcast(grad: Value, shape: tuple[int, ...]) -> Value:
    """Sum ``grad`` over the axes numpy broadcast, so it has the variable's ``shape`` again."""
    grad = np.asarray(grad, dtype=np.float64)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    offset = len(shape) - grad.ndim  # a scalar upstream (sum's) is broadcast back up below
    for axis in range(grad.ndim):
        if shape[offset + axis] == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return as_value(np.array(np.broadcast_to(grad, shape)))


def guarded(op: str, fn: Callable[..., Any], *args: Any) -> Value:
    """Run ``fn(*args)`` with numpy errors raised, turned into a :class:`GateError` of gate ``op``.

    Underflow is ignored (e^-1000 = 0 is fine); overflow, 0-division and invalid values are not.
    """
    try:
        with np.errstate(all="raise", under="ignore"):
            result = as_value(fn(*args))
    except FloatingPointError as exc:
        raise refusal(_floating_point_code(str(exc)), gate=op) from None
    except ValueError:  # numpy cannot broadcast the operands
        raise refusal("expression.shapes", gate=op, shapes=shapes_text(*args)) from None
    if not np.all(np.isfinite(result)):
        raise refusal("expression.overflow", gate=op)
    return result


def _floating_point_code(message: str) -> str:
    for key, code in (("divide", "expression.division_by_zero"),
                      ("invalid", "expression.invalid_value")):
        if key in message:
            return code
    return "expression.overflow"


def format_constant(c: float) -> str:
    """A gate constant as it appears in formulas: ``2``, ``-1``, ``0.5``."""
    return f"{c:g}"


class Gate:
    """Base class: cache on ``forward``, local derivative × upstream on ``backward``.

    Subclasses set ``op`` (a stable key such as ``"mul"``), ``arity``, ``formula`` and implement
    ``compute``, ``local`` and ``rules``; a ``VJP``-form gate overrides ``vjp`` instead of relying
    on local ⊙ upstream, and a gate with a domain overrides ``refusal``.
    """

    op: ClassVar[str]
    arity: ClassVar[int]
    formula: ClassVar[str]

    def __init__(self, const: float | None = None) -> None:
        self.const = const
        self.inputs: tuple[Value, ...] = ()
        self.output: Value | None = None

    # --- the CS231n API -------------------------------------------------------------------
    def forward(self, *inputs: Any) -> Value:
        """Compute the output, cache inputs and output, and return the output."""
        if len(inputs) != self.arity:
            raise refusal("expression.gate_arity", gate=self.op, expected=self.arity,
                          got=len(inputs))
        try:
            xs = tuple(as_value(x) for x in inputs)
        except (TypeError, ValueError, OverflowError):
            raise refusal("expression.not_real", gate=self.op) from None
        problem = self.refusal(*xs)
        if problem is not None:
            raise problem
        self.output = guarded(self.op, self.compute, *xs)
        self.inputs = xs
        return self.output

    def backward(self, upstream: Any) -> tuple[Value, ...]:
        """For each input: its contribution ∂f/∂input = local × upstream, in the input's shape."""
        if self.output is None:
            raise RuntimeError(f"{self.op}: backward before forward")
        g = as_value(upstream)
        return tuple(
            unbroadcast(guarded(self.op, self.vjp, i, g), np.shape(x))
            for i, x in enumerate(self.inputs)
        )

    # --- what subclasses provide ----------------------------------------------------------
    def compute(self, *xs: Value) -> Value:
        """The forward computation on checked inputs."""
        raise NotImplementedError

    def refusal(self, *xs: Value) -> GateError | None:
        """The error to raise if the inputs are outside the gate's domain (checked first)."""
        return None

    def local(self, i: int) -> Value:
        """The local derivative ∂out/∂input_i (elementwise; for a VJP gate, the other operand)."""
        raise NotImplementedError

    def rules(self) -> tuple[str, ...]:
        """Per input, the local derivative as a template (see the module docstring)."""
        raise NotImplementedError

    def form(self, i: int) -> str:
        """``PRODUCT`` (contribution = local ⊙ upstream) or ``VJP`` (the rule contains g)."""
        return PRODUCT

    def vjp(self, i: int, upstream: Value) -> Value:
        """The contribution along input ``i`` before un-broadcasting: local ⊙ upstream."""
        return self.local(i) * upstream

    # --- description for the trace ----------------------------------------------------------
    def extra_symbols(self, labels: tuple[str, ...]) -> dict[str, tuple[str, Value]]:
        """Gate-specific placeholders: name -> (symbol, value); e.g. ``s`` -> ("σ(d)", 0.73)."""
        return {}

    def symbols(self, labels: tuple[str, ...], out_label: str,
                upstream: Value | None = None) -> dict[str, tuple[str, Value]]:
        """Every placeholder this gate's templates may use, as (symbol, value) pairs."""
        pairs = zip(labels, self.inputs, strict=True)
        table: dict[str, tuple[str, Value]] = dict(zip("ab", pairs, strict=False))
        if self.output is not None:
            table["y"] = (out_label, self.output)
        if self.const is not None:
            table["c"] = (format_constant(self.const), np.float64(self.const))
        if upstream is not None:
            table["g"] = ("g", upstream)
        table.update(self.extra_symbols(labels))
        return table

    def __repr__(self) -> str:
        const = "" if self.const is None else f", const={format_constant(self.const)}"
        return f"{type(self).__name__}(op={self.op!r}{const})"
