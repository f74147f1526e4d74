"""Per-layer gradient norms and activation statistics after one backward pass (the numbers a
deep-networks page plots), checked against numerical gradients and direct computation."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from nncore.data import spiral
from nncore.gradcheck import numerical_gradient, relative_error
from nncore.layer_stats import SATURATED, backward_stats, gradient_norms
from nncore.layers import Linear
from nncore.model import mlp

TOL = 1e-6


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return spiral(20, 3, seed=2)


def test_gradient_norms_match_the_numerical_gradient(data) -> None:
    X, y = data
    model = mlp([2, 5, 4, 3], activation="tanh", init="xavier", seed=1)
    before = [p.value.copy() for p in model.params()]
    stats = backward_stats(model, X, y)
    loss = model.head.loss()
    for s, linear in zip(stats.layers, [m for m in model if isinstance(m, Linear)],
                         strict=True):
        numeric = numerical_gradient(lambda: float(loss.forward(model.forward(X), y)),
                                     linear.weight.value)
        assert relative_error(np.linalg.norm(numeric), s.grad_norm) < TOL
        assert s.weight_norm == pytest.approx(np.linalg.norm(linear.W))
    for p, old in zip(model.params(), before, strict=True):
        np.testing.assert_array_equal(p.value, old)  # a pass, not a step
    assert gradient_norms(model) == pytest.approx(stats.grad_norms())
    assert stats.loss == pytest.approx(float(loss.forward(model.output(X), y)))


def test_activation_statistics_are_those_of_the_layer_outputs(data) -> None:
    X, y = data
    model = mlp([2, 6, 6, 3], activation="relu", seed=0)
    stats = backward_stats(model, X, y)
    outs = model.layer_outputs(X)  # z1, a1, z2, a2, z3
    for s, a, kept in zip(stats.layers, (outs[1], outs[3], outs[4]), stats.activations,
                          strict=True):
        np.testing.assert_allclose(kept, a)
        assert s.mean == pytest.approx(a.mean()) and s.std == pytest.approx(a.std())
    assert [s.activation for s in stats.layers] == ["relu", "relu", "identity"]
    assert stats.layers[0].saturated == pytest.approx(np.mean(outs[0] < 0))  # ReLU off: f′ = 0
    assert stats.layers[-1].saturated == 0.0
    assert stats.layers[0].relative_grad == pytest.approx(
        stats.layers[0].grad_norm / stats.layers[0].weight_norm)


def test_the_initialisations_tell_apart_in_a_deep_tanh_network(data) -> None:
    """10 tanh layers of 50 units: with 0.01·randn the activations shrink about 0.01·√50 per
    layer and the gradients vanish; Xavier keeps both; large weights saturate tanh."""
    X, y = data
    sizes = [2, *[50] * 10, 3]
    small = backward_stats(mlp(sizes, activation="tanh", init="small", seed=0), X, y)
    xavier = backward_stats(mlp(sizes, activation="tanh", init="xavier", seed=0), X, y)
    stds = [s.std for s in small.layers[:-1]]
    assert all(b < 0.2 * a for a, b in pairwise(stds))
    assert max(small.grad_norms()) < 1e-6 < min(xavier.grad_norms())
    assert min(s.std for s in xavier.layers[:-1]) > 0.05
    big = backward_stats(mlp(sizes, activation="tanh", init="normal", scale=3.0, seed=0), X, y)
    assert np.mean([s.saturated for s in big.layers[1:-1]]) > 0.5
    assert 0 < SATURATED < 0.1


def test_a_softmax_layer_has_no_elementwise_saturation(data) -> None:
    from nncore.layers import Softmax
    from nncore.model import Sequential

    X, y = data
    model = Sequential([Linear(2, 3, rng=0, init="xavier"), Softmax()], head="probabilities")
    stats = backward_stats(model, X, y)
    assert stats.layers[0].activation == "softmax" and np.isnan(stats.layers[0].saturated)
    assert stats.layers[0].mean == pytest.approx(1 / 3)  # each row sums to 1
