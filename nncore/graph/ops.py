"""The gate registry: every op key, its arity, and a factory that makes a fresh gate."""

from __future__ import annotations

from nncore.graph.elementwise import NEEDS_CONSTANT, SPECS, Elementwise
from nncore.graph.gate import Gate, Value
from nncore.graph.linalg import Dot, MatMul, Sum

ARRAY_GATES: dict[str, type[Gate]] = {"matmul": MatMul, "dot": Dot, "sum": Sum}
ARITY: dict[str, int] = {
    **{op: spec.arity for op, spec in SPECS.items()},
    **{op: cls.arity for op, cls in ARRAY_GATES.items()},
}
OPS: tuple[str, ...] = tuple(ARITY)


def make_gate(op: str, const: float | None = None) -> Gate:
    """A new gate for ``op`` (``const`` for add_const, mul_const and pow)."""
    if op in ARRAY_GATES:
        if const is not None:
            raise ValueError(f"the {op} gate takes no constant")
        return ARRAY_GATES[op]()
    if op not in SPECS:
        raise ValueError(f"unknown gate {op!r}; known: {', '.join(OPS)}")
    return Elementwise(op, const)


def formula(op: str) -> str:
    """The forward computation of ``op`` as a template (``"{a} · {b}"``), from its row or class."""
    return SPECS[op].formula if op in SPECS else ARRAY_GATES[op].formula


def fold(op: str, *values: Value | float, const: float | None = None) -> Value:
    """Evaluate ``op`` on plain values (constant folding); hazards raise ``GateError``."""
    return make_gate(op, const).forward(*values)


__all__ = ["ARITY", "NEEDS_CONSTANT", "OPS", "fold", "formula", "make_gate"]
