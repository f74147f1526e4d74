"""Elementwise gates, one table row each: scalars and arrays alike (numpy broadcasting applies).

Local derivatives in the course's notation (001 "Another example" and "Patterns"; a, b inputs,
y output, c a constant of the gate):

=========== ===================== =============================================================
op          forward               local derivative(s)
=========== ===================== =============================================================
add         a + b                 ∂/∂a = 1, ∂/∂b = 1          (add gate: gradient distributor)
sub         a − b                 ∂/∂a = 1, ∂/∂b = -1
mul         a · b                 ∂/∂a = b, ∂/∂b = a          (mul gate: gradient switcher)
div         a / b                 ∂/∂a = 1/b, ∂/∂b = -a/b²
max         max(a, b)             ∂/∂a = 1[a ≥ b], ∂/∂b = 1[b > a]   (max gate: gradient router;
                                  a tie routes to the first input)
min         min(a, b)             ∂/∂a = 1[a ≤ b], ∂/∂b = 1[b < a]
neg         -a                    -1
exp         e^a                   e^a
log         log(a)  (natural)     1/a
reciprocal  1/a                   -1/a²
relu        max(0, a)             1[a > 0]
sigmoid     σ(a) = 1/(1 + e^-a)   (1 − σ(a))·σ(a)   (the fused sigmoid gate)
tanh        tanh(a)               1 − tanh(a)²
square      a²                    2·a
add_const   a + c                 1
mul_const   a · c                 c
pow         a^c  (constant c)     c·a^(c−1)
=========== ===================== =============================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore.graph.gate import Gate, Value, as_value, format_constant

Const = float | None
Locals = Callable[[tuple[Value, ...], Value, Const], tuple[Value | float, ...]]


@dataclass(frozen=True)
class ElementwiseSpec:
    """One elementwise gate: how it computes, its local derivatives and how it reads."""

    op: str
    arity: int
    formula: str
    rules: tuple[str, ...] | Callable[[float], tuple[str, ...]]
    compute: Callable[[tuple[Value, ...], Const], Value]
    local: Locals
    domain: Callable[[tuple[Value, ...], Const], str | None] | None = None
    output_symbol: tuple[str, str] | None = None  # (placeholder, symbol template) bound to y


def _indicator(condition: np.ndarray | np.bool_) -> Value:
    return np.where(condition, 1.0, 0.0)[()]


def _sigmoid(a: Value) -> Value:
    """σ(a) = 1/(1 + e^-a), computed as exp(-log(1 + e^-a)) so it never overflows."""
    return np.exp(-np.logaddexp(0.0, -a))


def _nonzero(what: str, index: int) -> Callable[[tuple[Value, ...], Const], str | None]:
    return lambda x, c: f"division by zero in {what}" if np.any(x[index] == 0) else None


def _log_domain(x: tuple[Value, ...], c: Const) -> str | None:
    return "log of a non-positive value" if np.any(x[0] <= 0) else None


def _pow_domain(x: tuple[Value, ...], c: Const) -> str | None:
    assert c is not None
    if c < 0 and np.any(x[0] == 0):
        return "zero raised to a negative power"
    if c != int(c) and np.any(x[0] < 0):
        return "a negative base with a fractional exponent"
    return None


def _pow_rules(c: float) -> tuple[str, ...]:
    if c == 2:
        return ("2·{a}",)
    return (f"{{c}}·{{a}}^{format_constant(c - 1)}",)


SPECS: dict[str, ElementwiseSpec] = {spec.op: spec for spec in (
    ElementwiseSpec("add", 2, "{a} + {b}", ("1", "1"),
                    lambda x, c: x[0] + x[1], lambda x, y, c: (1.0, 1.0)),
    ElementwiseSpec("sub", 2, "{a} − {b}", ("1", "-1"),
                    lambda x, c: x[0] - x[1], lambda x, y, c: (1.0, -1.0)),
    ElementwiseSpec("mul", 2, "{a} · {b}", ("{b}", "{a}"),
                    lambda x, c: x[0] * x[1], lambda x, y, c: (x[1], x[0])),
    ElementwiseSpec("div", 2, "{a} / {b}", ("1/{b}", "-{a}/{b}²"),
                    lambda x, c: x[0] / x[1], lambda x, y, c: (1 / x[1], -x[0] / x[1] ** 2),
                    domain=_nonzero("div", 1)),
    ElementwiseSpec("max", 2, "max({a}, {b})", ("1[{a} ≥ {b}]", "1[{b} > {a}]"),
                    lambda x, c: np.maximum(x[0], x[1]),
                    lambda x, y, c: (_indicator(x[0] >= x[1]), _indicator(x[1] > x[0]))),
    ElementwiseSpec("min", 2, "min({a}, {b})", ("1[{a} ≤ {b}]", "1[{b} < {a}]"),
                    lambda x, c: np.minimum(x[0], x[1]),
                    lambda x, y, c: (_indicator(x[0] <= x[1]), _indicator(x[1] < x[0]))),
    ElementwiseSpec("neg", 1, "-{a}", ("-1",), lambda x, c: -x[0], lambda x, y, c: (-1.0,)),
    ElementwiseSpec("exp", 1, "e^{a}", ("e^{a}",), lambda x, c: np.exp(x[0]),
                    lambda x, y, c: (y,)),
    ElementwiseSpec("log", 1, "log({a})", ("1/{a}",), lambda x, c: np.log(x[0]),
                    lambda x, y, c: (1 / x[0],), domain=_log_domain),
    ElementwiseSpec("reciprocal", 1, "1/{a}", ("-1/{a}²",), lambda x, c: 1 / x[0],
                    lambda x, y, c: (-1 / x[0] ** 2,), domain=_nonzero("reciprocal", 0)),
    ElementwiseSpec("relu", 1, "max(0, {a})", ("1[{a} > 0]",), lambda x, c: np.maximum(x[0], 0.0),
                    lambda x, y, c: (_indicator(x[0] > 0),)),
    ElementwiseSpec("sigmoid", 1, "σ({a})", ("(1 − {s})·{s}",), lambda x, c: _sigmoid(x[0]),
                    lambda x, y, c: ((1 - y) * y,), output_symbol=("s", "σ({a})")),
    ElementwiseSpec("tanh", 1, "tanh({a})", ("1 − {t}²",), lambda x, c: np.tanh(x[0]),
                    lambda x, y, c: (1 - y**2,), output_symbol=("t", "tanh({a})")),
    ElementwiseSpec("square", 1, "{a}²", ("2·{a}",), lambda x, c: x[0] ** 2,
                    lambda x, y, c: (2 * x[0],)),
    ElementwiseSpec("add_const", 1, "{a} + {c}", ("1",), lambda x, c: x[0] + c,
                    lambda x, y, c: (1.0,)),
    ElementwiseSpec("mul_const", 1, "{a} · {c}", ("{c}",), lambda x, c: x[0] * c,
                    lambda x, y, c: (np.float64(c),)),
    ElementwiseSpec("pow", 1, "{a}^{c}", _pow_rules, lambda x, c: x[0] ** c,
                    lambda x, y, c: (c * x[0] ** (c - 1) if c else 0 * x[0],),
                    domain=_pow_domain),
)}
NEEDS_CONSTANT = frozenset({"add_const", "mul_const", "pow"})


class Elementwise(Gate):
    """An elementwise gate described by a row of :data:`SPECS` (see the table above)."""

    def __init__(self, op: str, const: float | None = None) -> None:
        if (const is not None) != (op in NEEDS_CONSTANT):
            need = "needs" if op in NEEDS_CONSTANT else "takes no"
            raise ValueError(f"the {op} gate {need} constant")
        super().__init__(None if const is None else float(const))
        self.op = op  # type: ignore[misc]  # per instance: one class serves the whole table
        self.arity = SPECS[op].arity  # type: ignore[misc]
        self.formula = SPECS[op].formula  # type: ignore[misc]

    @property
    def spec(self) -> ElementwiseSpec:
        """This gate's row of the table (looked up, so gates and graphs pickle)."""
        return SPECS[self.op]

    def _compute(self, *xs: Value) -> Value:
        return self.spec.compute(xs, self.const)

    def _domain_problem(self, *xs: Value) -> str | None:
        return None if self.spec.domain is None else self.spec.domain(xs, self.const)

    def local(self, i: int) -> Value:
        assert self.output is not None, "forward first"
        return as_value(self.spec.local(self.inputs, self.output, self.const)[i])

    def rules(self) -> tuple[str, ...]:
        rules = self.spec.rules
        return rules(self.const) if callable(rules) else rules

    def extra_symbols(self, labels: tuple[str, ...]) -> dict[str, tuple[str, Value]]:
        if self.spec.output_symbol is None or self.output is None:
            return {}
        name, symbol = self.spec.output_symbol
        return {name: (symbol.format(a=labels[0]), self.output)}
