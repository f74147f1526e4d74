"""Elementwise gates, one row each: scalars and arrays alike (numpy broadcasting applies).

Each row of :data:`SPECS` is the whole gate, micrograd-style — its maths in one place
(001 "Another example" and "Patterns"; a, b the inputs, y the output, c the gate's constant):

- ``formula``: the forward computation as the trace shows it (``"{a} · {b}"``);
- ``forward``: the function computing it, ``forward(a, b)`` or ``forward(a, c)``;
- ``local_gradient``: ∂y/∂a (and ∂y/∂b), called with the inputs (the constant) and the output,
  ``local_gradient(a, b, y)``; the gate multiplies each by the upstream gradient;
- ``rule``: the same local derivatives as templates for the trace (``("{b}", "{a}")``);
- ``refuse``: for gates with a domain, the :class:`~nncore.graph.gate.GateError` to raise on
  inputs outside it (checked before computing), else None;
- ``output_symbol``: a placeholder bound to y for rules that reuse the output (σ, tanh).

A tie of max (min) routes the gradient to the first input. The sigmoid is the numerically
stable one of :func:`nncore.layers.functional.sigmoid`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from nncore.graph.gate import ERRORS as GATE_ERRORS
from nncore.graph.gate import Gate, GateError, Value, as_value, format_constant
from nncore.layers.functional import sigmoid

ERRORS: dict[str, str] = {
    "expression.log_domain": "log of a non-positive value (the {gate} gate needs inputs > 0)",
    "expression.zero_to_negative_power": "zero raised to a negative power in the {gate} gate",
    "expression.negative_base": "a negative base with a fractional exponent in the {gate} gate",
}
Refusal = Callable[..., GateError | None]


@dataclass(frozen=True)
class ElementwiseSpec:
    """One elementwise gate (see the module docstring for the fields)."""

    op: str
    formula: str
    forward: Callable[..., Value]
    local_gradient: Callable[..., tuple[Value | float, ...]]
    rule: tuple[str, ...] | Callable[[float], tuple[str, ...]]
    constant: bool = False
    refuse: Refusal | None = None
    output_symbol: tuple[str, str] | None = None
    arity: int = field(init=False)

    def __post_init__(self) -> None:
        inputs = len(inspect.signature(self.forward).parameters) - self.constant
        object.__setattr__(self, "arity", inputs)


def _indicator(condition: np.ndarray | np.bool_) -> Value:
    return np.where(condition, 1.0, 0.0)[()]


def _refused(condition: object, gate: str, code: str) -> GateError | None:
    """``code``'s error (template from :data:`ERRORS` or the gate module's) if ``condition``."""
    if not np.any(condition):
        return None
    return GateError(code, ERRORS.get(code) or GATE_ERRORS[code], gate=gate)


def _pow_refusal(a: Value, c: float) -> GateError | None:
    if c < 0 and np.any(a == 0):
        return _refused(True, "pow", "expression.zero_to_negative_power")
    return _refused(c != int(c) and np.any(a < 0), "pow", "expression.negative_base")


def _pow_rule(c: float) -> tuple[str, ...]:
    return ("2·{a}",) if c == 2 else (f"{{c}}·{{a}}^{format_constant(c - 1)}",)


S = ElementwiseSpec
SPECS: dict[str, ElementwiseSpec] = {spec.op: spec for spec in (
    S("add", "{a} + {b}", forward=lambda a, b: a + b,
      local_gradient=lambda a, b, y: (1.0, 1.0), rule=("1", "1")),
    S("sub", "{a} − {b}", forward=lambda a, b: a - b,
      local_gradient=lambda a, b, y: (1.0, -1.0), rule=("1", "-1")),
    S("mul", "{a} · {b}", forward=lambda a, b: a * b,
      local_gradient=lambda a, b, y: (b, a), rule=("{b}", "{a}")),
    S("div", "{a} / {b}", forward=lambda a, b: a / b,
      local_gradient=lambda a, b, y: (1 / b, -a / b**2), rule=("1/{b}", "-{a}/{b}²"),
      refuse=lambda a, b: _refused(b == 0, "div", "expression.division_by_zero")),
    S("max", "max({a}, {b})", forward=lambda a, b: np.maximum(a, b),
      local_gradient=lambda a, b, y: (_indicator(a >= b), _indicator(b > a)),
      rule=("1[{a} ≥ {b}]", "1[{b} > {a}]")),
    S("min", "min({a}, {b})", forward=lambda a, b: np.minimum(a, b),
      local_gradient=lambda a, b, y: (_indicator(a <= b), _indicator(b < a)),
      rule=("1[{a} ≤ {b}]", "1[{b} < {a}]")),
    S("neg", "-{a}", forward=lambda a: -a, local_gradient=lambda a, y: (-1.0,), rule=("-1",)),
    S("exp", "e^{a}", forward=lambda a: np.exp(a), local_gradient=lambda a, y: (y,),
      rule=("e^{a}",)),
    S("log", "log({a})", forward=lambda a: np.log(a), local_gradient=lambda a, y: (1 / a,),
      rule=("1/{a}",), refuse=lambda a: _refused(a <= 0, "log", "expression.log_domain")),
    S("reciprocal", "1/{a}", forward=lambda a: 1 / a, local_gradient=lambda a, y: (-1 / a**2,),
      rule=("-1/{a}²",),
      refuse=lambda a: _refused(a == 0, "reciprocal", "expression.division_by_zero")),
    S("relu", "max(0, {a})", forward=lambda a: np.maximum(a, 0.0),
      local_gradient=lambda a, y: (_indicator(a > 0),), rule=("1[{a} > 0]",)),
    S("sigmoid", "σ({a})", forward=sigmoid, local_gradient=lambda a, y: ((1 - y) * y,),
      rule=("(1 − {s})·{s}",), output_symbol=("s", "σ({a})")),
    S("tanh", "tanh({a})", forward=lambda a: np.tanh(a), local_gradient=lambda a, y: (1 - y**2,),
      rule=("1 − {t}²",), output_symbol=("t", "tanh({a})")),
    S("square", "{a}²", forward=lambda a: a**2, local_gradient=lambda a, y: (2 * a,),
      rule=("2·{a}",)),
    S("add_const", "{a} + {c}", forward=lambda a, c: a + c,
      local_gradient=lambda a, c, y: (1.0,), rule=("1",), constant=True),
    S("mul_const", "{a} · {c}", forward=lambda a, c: a * c,
      local_gradient=lambda a, c, y: (np.float64(c),), rule=("{c}",), constant=True),
    S("pow", "{a}^{c}", forward=lambda a, c: a**c,
      local_gradient=lambda a, c, y: (c * a ** (c - 1) if c else 0 * a,), rule=_pow_rule,
      constant=True, refuse=_pow_refusal),
)}
NEEDS_CONSTANT = frozenset(op for op, spec in SPECS.items() if spec.constant)


class Elementwise(Gate):
    """An elementwise gate described by a row of :data:`SPECS`."""

    def __init__(self, op: str, const: float | None = None) -> None:
        spec = SPECS[op]
        if (const is not None) != spec.constant:
            raise ValueError(f"the {op} gate {'needs' if spec.constant else 'takes no'} constant")
        super().__init__(None if const is None else float(const))
        self.op = op  # type: ignore[misc]  # per instance: one class serves the whole table
        self.arity = spec.arity  # type: ignore[misc]
        self.formula = spec.formula  # type: ignore[misc]

    @property
    def spec(self) -> ElementwiseSpec:
        """This gate's row of the table (looked up, so gates and graphs pickle)."""
        return SPECS[self.op]

    def _arguments(self, xs: tuple[Value, ...]) -> tuple[Value | float, ...]:
        return xs if self.const is None else (*xs, self.const)

    def compute(self, *xs: Value) -> Value:
        return self.spec.forward(*self._arguments(xs))

    def refusal(self, *xs: Value) -> GateError | None:
        refuse = self.spec.refuse
        return None if refuse is None else refuse(*self._arguments(xs))

    def local(self, i: int) -> Value:
        assert self.output is not None, "forward first"
        return as_value(self.spec.local_gradient(*self._arguments(self.inputs), self.output)[i])

    def rules(self) -> tuple[str, ...]:
        rule = self.spec.rule
        return rule(self.const) if callable(rule) else rule

    def extra_symbols(self, labels: tuple[str, ...]) -> dict[str, tuple[str, Value]]:
        if self.spec.output_symbol is None or self.output is None:
            return {}
        name, symbol = self.spec.output_symbol
        return {name: (symbol.format(a=labels[0]), self.output)}
