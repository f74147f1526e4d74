"""Every layer, loss and a whole model pass a numerical gradient check (rel. error < 1e-6)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from nncore.gradcheck import (
    check_layer,
    check_loss,
    check_model,
    numerical_gradient,
    relative_error,
)
from nncore.layers import (
    ELU,
    GELU,
    Identity,
    Layer,
    LeakyReLU,
    Linear,
    ReLU,
    Sigmoid,
    Softmax,
    Swish,
    Tanh,
)
from nncore.layers.functional import sigmoid, softmax
from nncore.losses import (
    BCE,
    MAE,
    MSE,
    REDUCTIONS,
    BCEWithLogits,
    CrossEntropy,
    Huber,
    Loss,
    SoftmaxCrossEntropy,
)
from nncore.model import Sequential, mlp
from nncore.regularization import L1, L2

TOL = 1e-6
SHAPES = [(1, 3), (4, 5), (7, 2)]


def away_from_zero(X: np.ndarray, gap: float = 0.1) -> np.ndarray:
    """Move entries at least ``gap`` away from 0, the kink of ReLU-like functions."""
    return np.sign(X) * (np.abs(X) + gap) + (X == 0) * gap


LAYERS: dict[str, Callable[[int], Layer]] = {
    "linear": lambda n: Linear(n, 4, rng=1, init="xavier"),
    "linear_no_bias": lambda n: Linear(n, 3, bias=False, rng=2, init="he"),
    "relu": lambda n: ReLU(),
    "leaky_relu": lambda n: LeakyReLU(0.1),
    "sigmoid": lambda n: Sigmoid(),
    "tanh": lambda n: Tanh(),
    "elu": lambda n: ELU(0.7),
    "gelu": lambda n: GELU(),
    "swish": lambda n: Swish(1.5),
    "identity": lambda n: Identity(),
    "softmax": lambda n: Softmax(),
}


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", LAYERS)
def test_layer_gradients(name: str, shape: tuple[int, int], rng: np.random.Generator) -> None:
    layer = LAYERS[name](shape[1])
    X = away_from_zero(rng.standard_normal(shape))
    results = check_layer(layer, X, seed=3)
    assert {"X", *(p.name for p in layer.params())} == set(results)
    for r in results.values():
        assert r.max_error < TOL, (r.name, r.max_error)


def _loss_case(name: str, shape: tuple[int, ...], soft: bool, rng: np.random.Generator):
    """(loss class kwargs, pred, target) for a loss, kept away from kinks."""
    z = rng.standard_normal(shape)
    if name in ("cross_entropy", "softmax_ce"):
        if soft:
            target = rng.dirichlet(np.ones(shape[1]), size=shape[0])
        else:
            target = rng.integers(0, shape[1], shape[0])
        return (softmax(z) if name == "cross_entropy" else z), target
    if name in ("bce", "bce_logits"):
        target = rng.uniform(0, 1, shape) if soft else rng.integers(0, 2, shape).astype(float)
        return (sigmoid(z) if name == "bce" else z), target
    # regression: residuals r = pred − target with |r| in [0.1, 0.8] ∪ [1.2, 3] (Huber δ = 1)
    mag = np.where(
        rng.random(shape) < 0.5, rng.uniform(0.1, 0.8, shape), rng.uniform(1.2, 3, shape)
    )
    return z, z - np.where(rng.random(shape) < 0.5, -1, 1) * mag


LOSSES: dict[str, Callable[[str], Loss]] = {
    "cross_entropy": lambda red: CrossEntropy(reduction=red),
    "softmax_ce": lambda red: SoftmaxCrossEntropy(reduction=red),
    "bce": lambda red: BCE(reduction=red),
    "bce_logits": lambda red: BCEWithLogits(reduction=red),
    "mse": lambda red: MSE(reduction=red),
    "mae": lambda red: MAE(reduction=red),
    "huber": lambda red: Huber(delta=1.0, reduction=red),
}
# K-class losses need (N, K) predictions; the elementwise ones also take a vector (N,)
LOSS_CASES = [
    (name, shape)
    for name in LOSSES
    for shape in [(1, 3), (6, 4), (5,)]
    if len(shape) == 2 or name not in ("cross_entropy", "softmax_ce")
]


@pytest.mark.parametrize("soft", [False, True], ids=["hard", "soft"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("name", "shape"), LOSS_CASES, ids=[f"{n}-{s}" for n, s in LOSS_CASES])
def test_loss_gradients(
    name: str, shape: tuple[int, ...], reduction: str, soft: bool, rng: np.random.Generator
) -> None:
    pred, target = _loss_case(name, shape, soft, rng)
    result = check_loss(LOSSES[name](reduction), pred, target)
    assert result.analytic.shape == pred.shape
    assert result.max_error < TOL, result.max_error


@pytest.mark.parametrize(
    ("activation", "head", "regularizer"),
    [
        ("relu", "softmax", L2(0.1)),
        ("tanh", "sigmoid", L1(0.05)),
        ("sigmoid", "linear", None),
        ("gelu", "softmax", L2(0.01)),
    ],
)
def test_model_gradients(activation, head, regularizer) -> None:
    rng = np.random.default_rng(0)  # data without kinks or cancellation-tiny gradients
    n_out = 1 if head == "sigmoid" else 3
    model = mlp([4, 6, 5, n_out], activation=activation, head=head, seed=7)
    X = rng.standard_normal((8, 4))
    target = {
        "softmax": rng.integers(0, 3, 8),
        "sigmoid": rng.integers(0, 2, 8),
        "linear": rng.standard_normal((8, 3)),
    }[head]
    results = check_model(model, model.head.loss(), X, target, regularizer=regularizer)
    assert set(results) == {"X", "W1", "b1", "W2", "b2", "W3", "b3"}
    for r in results.values():
        assert r.max_error < TOL, (r.name, r.max_error)


def test_softmax_layer_plus_cross_entropy_matches_fused_loss(rng: np.random.Generator) -> None:
    """000's Softmax layer + CrossEntropy gives the fused loss's gradient (P − T)/N."""
    Z, t = rng.standard_normal((5, 4)), rng.integers(0, 4, 5)
    layer, ce, fused = Softmax(), CrossEntropy(), SoftmaxCrossEntropy()
    assert ce.forward(layer.forward(Z), t) == pytest.approx(fused.forward(Z, t), rel=1e-10)
    np.testing.assert_allclose(layer.backward(ce.backward()), fused.backward(), atol=1e-10)


def test_gradcheck_detects_a_wrong_gradient(rng: np.random.Generator) -> None:
    class WrongSigmoid(Sigmoid):
        def _local_grad(self, cache):
            return cache["Y"]  # should be Y (1 − Y)

    result = check_layer(WrongSigmoid(), rng.standard_normal((3, 3)))["X"]
    assert result.max_error > 0.1
    assert not result.ok()


def test_gradcheck_helpers() -> None:
    x = np.array([1.0, -2.0, 3.0])
    numeric = numerical_gradient(lambda: float(np.sum(x**3)), x)
    np.testing.assert_allclose(numeric, 3 * x**2, rtol=1e-8)
    np.testing.assert_array_equal(x, [1.0, -2.0, 3.0])  # restored after perturbation
    err = relative_error(np.array([1.0, 0.0, 2.0]), np.array([1.1, 0.0, -2.0]))
    np.testing.assert_allclose(err, [0.1 / 1.1, 0.0, 2.0])


def test_check_layer_on_a_sequential(rng: np.random.Generator) -> None:
    model = Sequential(
        [Linear(3, 4, rng=0, init="xavier"), Tanh(), Linear(4, 2, rng=1, init="xavier")]
    )
    results = check_layer(model, rng.standard_normal((5, 3)))
    assert max(r.max_error for r in results.values()) < TOL
