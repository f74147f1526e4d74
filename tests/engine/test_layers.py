"""Layer behaviour: the course's formulas, modes and caches, parameters, errors."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.layers import (
    ACTIVATIONS,
    Identity,
    Layer,
    Linear,
    NoCacheError,
    NotDifferentiableError,
    Parameter,
    ReLU,
    Sigmoid,
    Sign,
    Softmax,
    make_activation,
)
from nncore.layers.functional import erf, log_softmax, normal_cdf, sigmoid, softmax


def test_linear_forward_backward_formulas(rng: np.random.Generator) -> None:
    """Y = X Wᵀ + b; ΔW = ΔYᵀ X; Δb = Σ_rows ΔY; ΔX = ΔY W (000 formulas 12–16)."""
    layer = Linear(3, 2, rng=0)
    layer.W = [[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]
    layer.b = [0.5, -0.5]
    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    np.testing.assert_allclose(layer.forward(X), [[7.5, -1.5], [-0.5, 0.0]])
    dY = np.array([[1.0, 2.0], [3.0, -1.0]])
    dX = layer.backward(dY)
    np.testing.assert_allclose(layer.dW, dY.T @ X)
    np.testing.assert_allclose(layer.db, [4.0, 1.0])
    np.testing.assert_allclose(dX, dY @ layer.W)


def test_linear_folded_bias_path_matches_plain_formula(rng: np.random.Generator) -> None:
    layer = Linear(2, 50, rng=0, init="he")
    layer.b = rng.standard_normal(50)
    X = rng.standard_normal((300, 2))  # narrow input, many rows: the bias is folded in
    np.testing.assert_allclose(layer.forward(X), X @ layer.W.T + layer.b, rtol=1e-12, atol=1e-12)


def test_linear_parameters_and_shapes() -> None:
    layer = Linear(4, 3)
    assert layer.W.shape == (3, 4) and layer.b.shape == (3,)
    assert [p.name for p in layer.params()] == ["W", "b"]
    assert layer.weight.regularize and not layer.bias.regularize
    assert np.all(layer.b == 0)
    no_bias = Linear(4, 3, bias=False)
    assert no_bias.b is None and no_bias.db is None and len(no_bias.params()) == 1
    with pytest.raises(AttributeError):
        no_bias.b = [1.0, 2.0, 3.0]


def test_linear_gradients_accumulate_until_zero_grad(rng: np.random.Generator) -> None:
    layer, X, dY = Linear(3, 2, rng=0), rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    layer.forward(X)
    layer.backward(dY)
    once = layer.dW.copy()
    layer.backward(dY)
    np.testing.assert_allclose(layer.dW, 2 * once)
    layer.zero_grad()
    assert not layer.dW.any() and not layer.db.any()


def test_linear_rejects_wrong_input_shape() -> None:
    with pytest.raises(ValueError, match=r"expects X of shape \(N, 3\)"):
        Linear(3, 2).forward(np.ones(3))


@pytest.mark.parametrize(
    ("init", "std"), [("normal", 0.01), ("xavier", np.sqrt(2 / 600)), ("he", np.sqrt(2 / 400))]
)
def test_initialisers(init: str, std: float) -> None:
    W = Linear(400, 200, rng=0, init=init).W
    assert W.std() == pytest.approx(std, rel=0.02)
    assert abs(W.mean()) < 0.1 * std


def test_initialisers_are_seeded_and_validated() -> None:
    np.testing.assert_array_equal(Linear(3, 2, rng=5).W, Linear(3, 2, rng=5).W)
    assert not Linear(3, 2, init="zeros").W.any()
    with pytest.raises(ValueError, match="unknown init"):
        Linear(3, 2, init="uniformish")


def test_relu_mask_follows_the_course() -> None:
    """M = X ≥ 0: the gradient passes at exactly 0 (000 formula 17)."""
    relu = ReLU()
    X = np.array([[-1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(relu.forward(X), [[0.0, 0.0, 2.0]])
    np.testing.assert_array_equal(relu.cache["M"], [[False, True, True]])
    np.testing.assert_array_equal(relu.backward(np.full((1, 3), 5.0)), [[0.0, 5.0, 5.0]])


def test_softmax_backward_is_the_jacobian_product(rng: np.random.Generator) -> None:
    """Δz = (diag(y) − y yᵀ) Δy for every row (000 formula 25)."""
    layer = Softmax()
    Z, dY = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    Y = layer.forward(Z)
    expected = np.stack([(np.diag(y) - np.outer(y, y)) @ d for y, d in zip(Y, dY, strict=True)])
    np.testing.assert_allclose(layer.backward(dY), expected, atol=1e-12)


@pytest.mark.parametrize("name", sorted(set(ACTIVATIONS) - {"sign"}))
def test_eval_mode_does_not_cache(name: str, rng: np.random.Generator) -> None:
    layer = make_activation(name)
    X = rng.standard_normal((3, 4))
    y_train = layer.forward(X)
    assert layer.cache is not None
    layer.eval()
    assert layer.cache is None  # switching to eval drops the old cache
    np.testing.assert_allclose(layer.forward(X), y_train)
    assert layer.cache is None
    with pytest.raises(NoCacheError, match="eval mode"):
        layer.backward(np.ones_like(X))
    layer.train()
    layer.forward(X)
    assert layer.backward(np.ones_like(X)).shape == X.shape


def test_linear_eval_mode_does_not_cache() -> None:
    layer = Linear(2, 2).eval()
    layer.forward(np.ones((1, 2)))
    assert layer.cache is None
    with pytest.raises(NoCacheError, match=r"layer.train\(\)"):
        layer.backward(np.ones((1, 2)))


def test_backward_before_forward_raises() -> None:
    with pytest.raises(NoCacheError):
        Sigmoid().backward(np.ones((1, 1)))


def test_sign_forward_and_no_gradient() -> None:
    sign = Sign()
    np.testing.assert_array_equal(sign.forward(np.array([[-2.0, 0.0, 3.0]])), [[-1.0, 1.0, 1.0]])
    with pytest.raises(NotDifferentiableError, match="no useful gradient"):
        sign.backward(np.ones((1, 3)))
    assert issubclass(NotDifferentiableError, NotImplementedError)


@pytest.mark.parametrize(
    ("name", "x", "y"),
    [
        ("relu", [-2.0, 0.0, 3.0], [0.0, 0.0, 3.0]),
        ("leaky_relu", [-2.0, 0.0, 3.0], [-0.02, 0.0, 3.0]),
        ("sigmoid", [0.0, np.log(3.0)], [0.5, 0.75]),
        ("tanh", [0.0, np.log(2.0)], [0.0, 0.6]),
        ("elu", [-np.log(2.0), 2.0], [-0.5, 2.0]),
        ("identity", [-1.5, 2.0], [-1.5, 2.0]),
        ("swish", [0.0, np.log(3.0)], [0.0, 0.75 * np.log(3.0)]),
        ("gelu", [0.0, 1.0], [0.0, 0.8413447460685429]),
    ],
)
def test_activation_values(name: str, x: list[float], y: list[float]) -> None:
    np.testing.assert_allclose(make_activation(name).forward(np.array([x])), [y], atol=1e-12)


def test_stable_functions_with_extreme_inputs() -> None:
    z = np.array([[1000.0, 0.0, -1000.0]])
    np.testing.assert_allclose(softmax(z), [[1.0, 0.0, 0.0]])
    np.testing.assert_allclose(log_softmax(z), [[0.0, -1000.0, -2000.0]])
    with np.errstate(over="raise", invalid="raise"):
        np.testing.assert_allclose(sigmoid(np.array([-800.0, 800.0])), [0.0, 1.0])


def test_erf_matches_math_erf() -> None:
    import math

    xs = np.linspace(-6, 6, 1201)
    np.testing.assert_allclose(erf(xs), [math.erf(v) for v in xs], atol=1e-15)
    assert normal_cdf(np.array(0.0)) == 0.5


def test_unknown_activation_and_parameter_assign() -> None:
    with pytest.raises(ValueError, match="unknown activation"):
        make_activation("softplus")
    p = Parameter("W", np.zeros((2, 2)))
    with pytest.raises(ValueError, match="shape"):
        p.assign(np.zeros(3))


def test_every_layer_is_a_layer_with_formula_docstring() -> None:
    for cls in {*ACTIVATIONS.values(), Linear}:
        assert issubclass(cls, Layer)
        doc = cls.__doc__ or ""
        assert "Forward" in doc and "Backward" in doc, cls


def test_identity_passes_gradients_through() -> None:
    layer = Identity()
    layer.forward(np.ones((2, 2)))
    np.testing.assert_array_equal(layer.backward(np.full((2, 2), 3.0)), np.full((2, 2), 3.0))


def test_one_cache_convention_forward_stores_backward_consumes() -> None:
    """CS231n's convention for every layer: ``_forward(X) -> (Y, cache)`` and
    ``_backward(dY, cache)``; only the base class reads or writes ``self.cache``."""
    import ast
    from pathlib import Path

    import nncore.layers as layers

    offenders = []
    for path in Path(layers.__file__).parent.glob("*.py"):
        if path.name == "base.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("cache", "_remember",
                                                                 "_recall"):
                offenders.append(f"{path.name}:{node.lineno} {node.attr}")
    assert offenders == []
    linear = Linear(2, 3, rng=0)
    X = np.ones((4, 2))
    Y, cache = linear._forward(X)
    assert cache["X"] is X and Y.shape == (4, 3) and linear.cache is None  # nothing stored
    linear.forward(X)
    assert linear.cache["X"] is X
    np.testing.assert_array_equal(linear.backward(np.ones((4, 3))), np.ones((4, 3)) @ linear.W)


def test_the_small_initialiser_is_the_courses_001_randn() -> None:
    from nncore.layers.initializers import INITIALIZERS

    assert {"small", "xavier", "he"} <= set(INITIALIZERS)
    rng = np.random.default_rng(7)
    expected = 0.01 * rng.standard_normal((300, 200))
    np.testing.assert_array_equal(Linear(200, 300, rng=7, init="small", scale=5.0).W, expected)
    for init, std in [("small", 0.01), ("xavier", np.sqrt(2 / 500)), ("he", np.sqrt(2 / 200))]:
        W = Linear(200, 300, rng=1, init=init).W
        assert W.std() == pytest.approx(std, rel=0.02), init
