"""The perceptron learning algorithm of 004: converges on AND/OR, cycles on XOR."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data import linearly_separable, logic_gate
from nncore.perceptron import Perceptron


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor"])
def test_converges_on_linearly_separable_gates(gate: str) -> None:
    X, y = logic_gate(gate)
    p = Perceptron().fit(X, y)
    assert p.converged and not p.cycled
    np.testing.assert_array_equal(p.predict(X), np.where(y == 1, 1, -1))
    assert p.history[-1].misclassified == 0


def test_never_converges_on_xor_and_reports_a_cycle() -> None:
    X, y = logic_gate("xor")
    p = Perceptron(max_epochs=1000).fit(X, y)
    assert p.cycled and not p.converged
    assert p.epochs < 1000  # the repeated weight state is detected, not just the cap
    assert min(step.misclassified for step in p.history) > 0


def test_epoch_cap_also_reports_cycling() -> None:
    X, y = logic_gate("xor")
    p = Perceptron(max_epochs=1).fit(X, y)
    assert p.cycled and not p.converged and p.epochs == 1


def test_history_records_every_update_for_animation() -> None:
    X, y = logic_gate("and")
    p = Perceptron().fit(X, y)
    first, rest = p.history[0], p.history[1:]
    # (w, b) = (0, 0) predicts sgn(0) = 1 everywhere: the 3 "false" rows of AND are wrong
    assert (first.index, first.b, first.misclassified) == (-1, 0.0, 3)
    np.testing.assert_array_equal(first.w, [0.0, 0.0])
    assert len(rest) == sum(1 for s in rest if s.index >= 0) > 0
    # each update is w ← w + y_i x_i, b ← b + y_i (α = 1)
    for before, after in zip(p.history, p.history[1:], strict=False):
        yi = 1.0 if y[after.index] == 1 else -1.0
        np.testing.assert_array_equal(after.w, before.w + yi * X[after.index])
        assert after.b == before.b + yi
    np.testing.assert_array_equal(p.history[-1].w, p.w)


def test_converges_on_a_separable_cloud() -> None:
    X, y = linearly_separable(n=100, margin=0.1, seed=3)
    p = Perceptron(max_epochs=500).fit(X, y)
    assert p.converged
    np.testing.assert_array_equal(p.predict(X), np.where(y == 1, 1, -1))
    np.testing.assert_allclose(p.decision_function(X), X @ p.w + p.b)
