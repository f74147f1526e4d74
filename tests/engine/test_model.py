"""Sequential, the mlp builder and its heads, prediction, parameter count, save/load."""

from __future__ import annotations

import io

import numpy as np
import pytest

from nncore.layers import Linear, ReLU, Sigmoid, Softmax, Tanh
from nncore.layers.functional import sigmoid, softmax
from nncore.losses import MSE, BCEWithLogits, CrossEntropy, SoftmaxCrossEntropy
from nncore.model import HEADS, Sequential, get_head, mlp


def test_sequential_runs_layers_forward_and_backward(rng: np.random.Generator) -> None:
    l1, l2 = Linear(3, 4, rng=0), Linear(4, 2, rng=1)
    model = Sequential([l1, Tanh(), l2])
    X = rng.standard_normal((5, 3))
    out = model.forward(X)
    np.testing.assert_allclose(out, np.tanh(X @ l1.W.T + l1.b) @ l2.W.T + l2.b)
    dX = model.backward(np.ones_like(out))
    assert dX.shape == X.shape and l1.dW.any() and l2.dW.any()


def test_parameters_are_named_in_course_notation() -> None:
    model = mlp([2, 5, 4, 3], seed=0)
    assert [p.name for p in model.params()] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [p.shape for p in model.params()[::2]] == [(5, 2), (4, 5), (3, 4)]


@pytest.mark.parametrize(("sizes", "count"), [([2, 100, 3], 603), ([3, 4, 4, 2], 46), ([2, 1], 3)])
def test_parameter_count(sizes: list[int], count: int) -> None:
    """N_in·N_out + N_out per FC layer (000 §5.2)."""
    assert mlp(sizes).num_params() == count


@pytest.mark.parametrize(
    ("head", "loss_cls", "n_out"),
    [("softmax", SoftmaxCrossEntropy, 3), ("sigmoid", BCEWithLogits, 1), ("linear", MSE, 2)],
)
def test_mlp_heads_know_their_loss(head: str, loss_cls: type, n_out: int) -> None:
    model = mlp([2, 8, n_out], head=head)
    assert isinstance(model.layers[-1], Linear)  # the model outputs logits / values
    assert isinstance(model.head.loss(), loss_cls)
    assert model.head.name == head


def test_predict_and_predict_proba_apply_the_head(rng: np.random.Generator) -> None:
    X = rng.standard_normal((10, 2))
    soft = mlp([2, 6, 3], head="softmax", seed=1)
    logits = soft.output(X)
    np.testing.assert_allclose(soft.predict_proba(X), softmax(logits))
    np.testing.assert_array_equal(soft.predict(X), logits.argmax(axis=1))
    binary = mlp([2, 6, 1], head="sigmoid", seed=1)
    z = binary.output(X)
    np.testing.assert_allclose(binary.predict_proba(X), sigmoid(z))
    np.testing.assert_array_equal(binary.predict(X), (z[:, 0] >= 0).astype(int))
    reg = mlp([2, 6, 2], head="linear", seed=1)
    np.testing.assert_allclose(reg.predict(X), reg.output(X))


def test_probabilities_head_for_a_network_ending_in_softmax(rng: np.random.Generator) -> None:
    model = Sequential([Linear(2, 3, rng=0), Softmax()], head="probabilities")
    X = rng.standard_normal((4, 2))
    P = model.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.predict(X), P.argmax(axis=1))
    assert isinstance(model.head.loss(), CrossEntropy)


def test_chunked_inference_equals_one_forward_and_restores_mode(rng: np.random.Generator) -> None:
    model = mlp([2, 30, 3], seed=2)
    model.inference_chunk_bytes = 8 * 30 * 64  # chunks of 64 rows
    X = rng.standard_normal((1000, 2))  # 16 chunks, the last one short
    expected = model.forward(X)
    assert model.training and model[0].cache is not None
    np.testing.assert_allclose(model.output(X), expected, rtol=1e-12, atol=1e-12)
    assert model.training  # restored
    model.eval()
    model.predict(X)
    assert not model.training and model[0].cache is None


def test_layer_outputs_show_every_layer(rng: np.random.Generator) -> None:
    model = Sequential([Linear(3, 4, rng=0), Sigmoid(), Linear(4, 2, rng=1)])
    X = rng.standard_normal((2, 3))
    outs = model.layer_outputs(X)
    assert [o.shape for o in outs] == [(2, 4), (2, 4), (2, 2)]
    np.testing.assert_allclose(outs[1], sigmoid(outs[0]))


@pytest.mark.parametrize("use_file", [True, False], ids=["path", "bytes"])
def test_save_load_roundtrip(use_file: bool, tmp_path, rng: np.random.Generator) -> None:
    model = mlp([2, 7, 3], activation="leaky_relu", head="softmax", seed=3, alpha=0.2)
    target = tmp_path / "model.npz" if use_file else io.BytesIO()
    model.save(target)
    if not use_file:
        target.seek(0)
    loaded = Sequential.load(target)
    X = rng.standard_normal((6, 2))
    np.testing.assert_array_equal(loaded.output(X), model.output(X))
    assert loaded.head.name == "softmax" and loaded[1].alpha == 0.2
    assert [p.name for p in loaded.params()] == [p.name for p in model.params()]


def test_load_weights_into_same_architecture(tmp_path) -> None:
    a, b = mlp([2, 4, 2], seed=0), mlp([2, 4, 2], seed=1)
    a.save(tmp_path / "a.npz")
    b.load_weights(tmp_path / "a.npz")
    for pa, pb in zip(a.params(), b.params(), strict=True):
        np.testing.assert_array_equal(pa.value, pb.value)
    with pytest.raises(ValueError, match="does not fit"):
        mlp([2, 4, 4, 2]).load_weights(tmp_path / "a.npz")


def test_mlp_validation_and_heads_registry() -> None:
    with pytest.raises(ValueError, match="at least"):
        mlp([3])
    with pytest.raises(ValueError, match="unknown head"):
        get_head("tanh")
    assert set(HEADS) == {"softmax", "sigmoid", "linear", "probabilities"}
    assert get_head(None).name == "linear"


def test_mlp_is_seeded_and_uses_the_requested_init() -> None:
    a, b = mlp([2, 50, 3], seed=4), mlp([2, 50, 3], seed=4)
    np.testing.assert_array_equal(a[0].W, b[0].W)
    assert isinstance(a[1], ReLU)
    small = mlp([2, 50, 3], init="normal", scale=0.01, seed=4)
    assert small[0].W.std() == pytest.approx(0.01, rel=0.2)
