"""Property tests (hypothesis): shapes through layers, and softmax rows that sum to 1."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nncore.layers import ACTIVATIONS, Linear, Softmax, make_activation
from nncore.layers.functional import softmax
from nncore.losses import SoftmaxCrossEntropy
from nncore.model import mlp

dims = st.integers(min_value=1, max_value=8)
finite = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)
SMOOTH_ACTIVATIONS = sorted(set(ACTIVATIONS) - {"sign"})


@settings(max_examples=50, deadline=None)
@given(n=dims, n_in=dims, n_out=dims, seed=st.integers(0, 2**16))
def test_linear_shapes(n: int, n_in: int, n_out: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    layer = Linear(n_in, n_out, rng=rng)
    Y = layer.forward(rng.standard_normal((n, n_in)))
    assert Y.shape == (n, n_out)
    dX = layer.backward(np.ones_like(Y))
    assert dX.shape == (n, n_in) and layer.dW.shape == (n_out, n_in) and layer.db.shape == (n_out,)


@settings(max_examples=50, deadline=None)
@given(
    name=st.sampled_from(SMOOTH_ACTIVATIONS),
    shape=st.tuples(dims, dims),
    seed=st.integers(0, 2**16),
)
def test_activations_keep_shape(name: str, shape: tuple[int, int], seed: int) -> None:
    X = np.random.default_rng(seed).standard_normal(shape)
    layer = make_activation(name)
    Y = layer.forward(X)
    assert Y.shape == X.shape and Y.dtype == np.float64
    assert layer.backward(np.ones_like(Y)).shape == X.shape


@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(dims, min_size=2, max_size=4), n=dims)
def test_mlp_output_and_input_gradient_shapes(sizes: list[int], n: int) -> None:
    model = mlp(sizes, head="linear", seed=0)
    X = np.ones((n, sizes[0]))
    out = model.forward(X)
    assert out.shape == (n, sizes[-1])
    assert model.backward(np.ones_like(out)).shape == X.shape


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(dims, dims), elements=finite))
def test_softmax_rows_sum_to_one_even_for_huge_logits(Z: np.ndarray) -> None:
    P = softmax(Z)
    assert np.all(np.isfinite(P)) and np.all(P >= 0) and np.all(P <= 1)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    layer = Softmax()
    np.testing.assert_allclose(layer.forward(Z), P)
    # the Jacobian-vector product of a constant shift is 0: rows of Δz sum to 0
    dZ = layer.backward(np.ones_like(Z))
    np.testing.assert_allclose(dZ, 0.0, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(
    Z=arrays(np.float64, st.tuples(dims, st.integers(2, 6)), elements=moderate),
    seed=st.integers(0, 2**16),
)
def test_softmax_cross_entropy_is_finite_and_its_gradient_rows_sum_to_zero(
    Z: np.ndarray, seed: int
) -> None:
    t = np.random.default_rng(seed).integers(0, Z.shape[1], Z.shape[0])
    loss = SoftmaxCrossEntropy()
    assert np.isfinite(loss.forward(Z, t)) and loss.forward(Z, t) >= 0
    dZ = loss.backward()
    assert np.all(np.isfinite(dZ))
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-12)
